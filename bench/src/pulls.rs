//! The fresh manager's pulls through the server, beside their floors, and their rows in the table.

use std::path::Path;

use tournee_core::sync::api::Role;

use crate::floors;
use crate::stats::{self, Budget, Table};
use crate::sync::{self, PullReport, ServerProcess};

/// The pulls of one run of the benchmark, and what they cost the server.
pub struct Pulls {
    pub reports: Vec<PullReport>,
    /// Peak resident memory of the server during each pull, MB.
    pub server_rss: Vec<f64>,
    /// CPU seconds the server spent on each pull.
    pub server_cpus: Vec<f64>,
    /// Reports per second of the first pull's data for automerge alone, then SQLite alone.
    pub floors: (f64, f64),
    /// Seconds the server's projector took to read every pulled document's rows, beforehand.
    pub projecting: f64,
}

/// `runs` new managers of team `team_id` pull everything `server` holds (`seeded` reports), each in
/// a fresh process; the first then syncs idle `idle_runs` times, and its store gives the floors.
pub fn fresh(
    rt: &tokio::runtime::Runtime,
    server: &mut ServerProcess,
    team_id: &str,
    runs: usize,
    idle_runs: usize,
    dir: &Path,
    seeded: f64,
) -> Pulls {
    eprintln!("fresh manager pulls…");
    let admin = server.admin();
    let mut pulls = Pulls {
        reports: Vec::new(),
        server_rss: Vec::new(),
        server_cpus: Vec::new(),
        floors: (0.0, 0.0),
        projecting: 0.0,
    };
    for run in 0..runs {
        let (_, code) =
            rt.block_on(sync::new_code(&admin, team_id, &format!("manager {run}"), Role::Manager));
        let pull_dir = dir.join(format!("pull-{run}"));
        std::fs::create_dir_all(&pull_dir).expect("a directory");
        stats::write_back();
        stats::reset_peak_rss(server.pid());
        let server_cpu = server.cpu_secs();
        let report = sync::pull_in_child(&server.url, &code, &pull_dir, if run == 0 { idle_runs } else { 0 });
        pulls.server_rss.push(server.peak_rss() as f64 / 1e6);
        pulls.server_cpus.push(server.cpu_secs() - server_cpu);
        eprintln!(
            "  pull {}: {} reports in {:.1} s, {} round trips, client {} MB",
            run + 1,
            report.reports,
            report.secs,
            report.round_trips,
            report.peak_rss >> 20
        );
        assert_eq!(report.reports as f64, seeded, "the manager received every report");
        if run == 0 {
            eprintln!("  floors: automerge alone, then SQLite alone, on the same data…");
            let reports = report.reports as usize;
            let store = pull_dir.join(sync::PULL_STORE);
            pulls.floors =
                (floors::automerge_load(&store, reports), floors::sqlite_insert(&store, dir, reports));
        }
        pulls.reports.push(report);
        let _ = std::fs::remove_dir_all(&pull_dir);
    }
    pulls
}

/// The pull's rows: speed against the floors, bytes, CPU, memory, and the idle syncs after it.
/// `kp` names the reports pulled ("100k").
pub fn add_rows(table: &mut Table, pulls: &Pulls, kp: &str) {
    table.add(
        format!("Fresh manager pulls {kp} reports"),
        "reports/s",
        pulls.reports.iter().map(|p| p.reports as f64 / p.secs).collect(),
        Budget::AtLeast(30_000.0),
    );
    let (load_floor, insert_floor) = pulls.floors;
    // Both floors in sequence: what a pull costs if our layers added nothing.
    let both = 1.0 / (1.0 / load_floor + 1.0 / insert_floor);
    table.add(
        format!("Floor: automerge alone loads the same {kp} reports' documents"),
        "reports/s",
        vec![load_floor],
        Budget::None,
    );
    table.add(
        "Floor: SQLite alone inserts the same projected rows, same schema and pragmas",
        "reports/s",
        vec![insert_floor],
        Budget::None,
    );
    table.add(
        "Fresh pull ÷ floor (load and insert in sequence: how much slower than both floors)",
        "×",
        pulls.reports.iter().map(|p| both / (p.reports as f64 / p.secs)).collect(),
        Budget::None,
    );
    table.add(
        "Pull: bytes on the wire per report (both ways, HTTP included)",
        "B",
        pulls.reports.iter().map(|p| (p.wire_up + p.wire_down) as f64 / p.reports as f64).collect(),
        Budget::AtMost(300.0),
    );
    table.add(
        "Pull: CPU time per 1k reports, client (wall time above includes waiting for a shared CPU)",
        "ms",
        pulls.reports.iter().map(|p| p.cpu_secs * 1e6 / p.reports as f64).collect(),
        Budget::None,
    );
    table.add(
        "Pull: bytes the client wrote to disk per report (its log and checkpoints included)",
        "B",
        pulls.reports.iter().map(|p| p.disk_written as f64 / p.reports as f64).collect(),
        Budget::None,
    );
    table.add(
        "Server: projecting the documents beforehand (in the background, on idle cores), CPU per 1k reports",
        "ms",
        vec![pulls.projecting * 1e6 / pulls.reports.first().map_or(1.0, |p| p.reports as f64)],
        Budget::None,
    );
    table.add(
        "Pull: CPU time per 1k reports, server",
        "ms",
        pulls.server_cpus.iter().zip(&pulls.reports).map(|(c, p)| c * 1e6 / p.reports as f64).collect(),
        Budget::None,
    );
    table.add(
        "Pull: peak RSS, client",
        "MB",
        pulls.reports.iter().map(|p| p.peak_rss as f64 / 1e6).collect(),
        Budget::AtMost(300.0),
    );
    table.add("Pull: peak RSS, server", "MB", pulls.server_rss.clone(), Budget::AtMost(300.0));
    let idle = &pulls.reports[0].idle;
    table.add(
        format!("Idle sync ({kp} reports held): bytes up"),
        "B",
        idle.iter().map(|i| i.0 as f64).collect(),
        Budget::Below(1024.0),
    );
    table.add("Idle sync: bytes down", "B", idle.iter().map(|i| i.1 as f64).collect(), Budget::Below(1024.0));
    table.add(
        "Idle sync: round trips",
        "",
        idle.iter().map(|i| f64::from(i.2)).collect(),
        Budget::AtMost(1.0),
    );
}
