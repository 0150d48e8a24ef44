//! Figures over runs, budgets, and the one table the benchmark prints.

use std::fmt::Write as _;
use std::time::Duration;

/// The `p`th percentile (0–100) of `samples`, nearest rank. `samples` need not be sorted.
pub fn percentile(samples: &[f64], p: f64) -> f64 {
    if samples.is_empty() {
        return f64::NAN;
    }
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

pub fn median(samples: &[f64]) -> f64 {
    percentile(samples, 50.0)
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// What a row is held to.
#[derive(Debug, Clone, Copy)]
pub enum Budget {
    /// No budget in ARCHITECTURE.md: shown for information.
    None,
    AtMost(f64),
    AtLeast(f64),
    Below(f64),
}

pub struct Row {
    pub what: String,
    pub unit: &'static str,
    /// One value per run.
    pub runs: Vec<f64>,
    pub budget: Budget,
}

impl Row {
    pub fn median(&self) -> f64 {
        median(&self.runs)
    }

    fn verdict(&self) -> &'static str {
        let m = self.median();
        match self.budget {
            Budget::None => "",
            Budget::AtMost(b) => pass(m <= b),
            Budget::AtLeast(b) => pass(m >= b),
            Budget::Below(b) => pass(m < b),
        }
    }

    fn budget_text(&self) -> String {
        match self.budget {
            Budget::None => "—".into(),
            Budget::AtMost(b) => format!("≤ {} {}", fmt(b), self.unit),
            Budget::AtLeast(b) => format!("≥ {} {}", fmt(b), self.unit),
            Budget::Below(b) => format!("< {} {}", fmt(b), self.unit),
        }
    }
}

fn pass(ok: bool) -> &'static str {
    if ok {
        "✓"
    } else {
        "✗"
    }
}

/// Three significant digits, thousands grouped for large values.
pub fn fmt(v: f64) -> String {
    if !v.is_finite() {
        return "n/a".into();
    }
    let a = v.abs();
    if a >= 10_000.0 {
        let s = format!("{:.0}", v);
        let (sign, digits) = s.split_at(if v < 0.0 { 1 } else { 0 });
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push('\u{202f}');
            }
            out.push(c);
        }
        format!("{sign}{out}")
    } else if a >= 100.0 || v == v.trunc() {
        format!("{:.0}", v)
    } else if a >= 10.0 {
        format!("{:.1}", v)
    } else if a >= 1.0 {
        format!("{:.2}", v)
    } else {
        format!("{:.3}", v)
    }
}

#[derive(Default)]
pub struct Table {
    pub rows: Vec<Row>,
}

impl Table {
    /// Adds a row, and shows it at once on stderr (a long run keeps what it measured so far).
    pub fn add(&mut self, what: impl Into<String>, unit: &'static str, runs: Vec<f64>, budget: Budget) {
        let row = Row { what: what.into(), unit, runs, budget };
        eprintln!("  = {}: {} {} ({:?})", row.what, fmt(row.median()), row.unit, row.runs);
        self.rows.push(row);
    }

    /// The table as Markdown: median, min and max over the runs, the budget and the verdict.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "| measure | median | min | max | runs | budget | |");
        let _ = writeln!(out, "| --- | ---: | ---: | ---: | ---: | --- | :---: |");
        for row in &self.rows {
            let min = row.runs.iter().copied().fold(f64::INFINITY, f64::min);
            let max = row.runs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let _ = writeln!(
                out,
                "| {} | {} {} | {} | {} | {} | {} | {} |",
                row.what,
                fmt(row.median()),
                row.unit,
                fmt(min),
                fmt(max),
                row.runs.len(),
                row.budget_text(),
                row.verdict()
            );
        }
        out
    }
}

/// The peak resident set (VmHWM) of a process, in bytes; `None` when /proc does not say.
pub fn peak_rss(pid: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Bytes a process has had written to storage so far (`write_bytes` in /proc/<pid>/io: what
/// its writes handed the disk, the log and its checkpoints included); `None` when /proc does not say.
pub fn disk_written(pid: &str) -> Option<u64> {
    let io = std::fs::read_to_string(format!("/proc/{pid}/io")).ok()?;
    io.lines().find_map(|l| l.strip_prefix("write_bytes:"))?.trim().parse().ok()
}

/// CPU time (user + system) a process has used so far, in seconds, from /proc/<pid>/stat.
pub fn cpu_secs(pid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which may hold spaces) start at state, field 3.
    let fields: Vec<&str> = stat.rsplit_once(')').map_or("", |(_, rest)| rest).split_whitespace().collect();
    let ticks: f64 = [11, 12].iter().filter_map(|&i| fields.get(i)?.parse::<f64>().ok()).sum();
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
    ticks / hz
}

/// Writes every dirty page of the machine back to disk and waits for it. Called before a row is
/// timed: the stores the bench built just before (hundreds of MB) would otherwise be written back
/// during the row, and an fsync on ext4 waits for the other files' data of its journal commit, so
/// one row's writes would be billed to the next. A phone syncing has no such backlog.
pub fn write_back() {
    // SAFETY: sync(2) has no preconditions; it cannot fail.
    unsafe { libc::sync() }
}

/// Resets a process' peak resident set to its current one (Linux `clear_refs` 5).
pub fn reset_peak_rss(pid: u32) -> bool {
    std::fs::write(format!("/proc/{pid}/clear_refs"), "5").is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let s: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&s, 50.0), 50.0);
        assert_eq!(percentile(&s, 99.0), 99.0);
        assert_eq!(percentile(&[3.0, 1.0, 2.0], 50.0), 2.0);
        assert_eq!(percentile(&[5.0], 99.0), 5.0);
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(fmt(0.31234), "0.312");
        assert_eq!(fmt(12.345), "12.3");
        assert_eq!(fmt(31_250.0), "31\u{202f}250");
        assert_eq!(fmt(250.0), "250");
    }
}
