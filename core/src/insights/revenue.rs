//! An account's revenue figures as the insights hold them: packed in one allocation, the bytes the
//! store keeps in the account's row and its summary row (and reads its revenue lines back from,
//! when they hold them exactly: `store/project.rs`, `Projected::copy`). A team's dashboard holds some 400,000 figures of
//! 50,000 accounts; one small block per account instead of a list of figures is less to allocate,
//! less to page in, and nothing to decode when loading.
//!
//! Layout: the number of product families (u8), each family as its length (u8) and UTF-8 bytes,
//! then each figure as its month (u16 LE: year × 12 + month − 1), its family's index (u8) and its
//! amount in cents (i64 LE). An account with more than 255 families or a family name longer than
//! 255 bytes keeps the rest in its own record only: such figures are not what a field team's ERP
//! exports, and packing says so in the log rather than failing the write.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use smallvec::SmallVec;

use crate::model::RevenueFigure;

const FIGURE_BYTES: usize = 2 + 1 + 8;

/// One revenue figure, read from [`RevenueFigures`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Revenue<'a> {
    /// First day of the month.
    pub month: NaiveDate,
    /// The family's name, UTF-8 checked once when the figures were packed or read: most reads
    /// (an ABC class, a period's total) never look at it, and a team's dashboard reads every
    /// account's figures several times.
    family: &'a [u8],
    pub amount_cents: i64,
}

impl<'a> Revenue<'a> {
    pub fn product_family(&self) -> &'a str {
        // Checked UTF-8 (see `family`): the fallback is never taken.
        std::str::from_utf8(self.family).unwrap_or_default()
    }
}

impl fmt::Debug for Revenue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Revenue")
            .field("month", &self.month)
            .field("product_family", &self.product_family())
            .field("amount_cents", &self.amount_cents)
            .finish()
    }
}

/// Every revenue figure of one account, packed (see the module). Equal when they hold the same
/// figures in the same order.
#[derive(Clone, Default)]
pub struct RevenueFigures(Box<[u8]>);

fn month_code(month: NaiveDate) -> Option<u16> {
    u16::try_from(month.year() * 12 + month.month0() as i32).ok()
}

fn month_of(code: u16) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::from(code / 12), u32::from(code % 12) + 1, 1)
}

/// The family names of packed figures, as bytes, in the order the figures index them.
type Names<'a> = SmallVec<[&'a [u8]; 8]>;

/// The family names at the head of `packed` (their bytes: [`RevenueFigures::from_packed`] checks
/// they are UTF-8), and the figures after them; `None` when the names are cut short.
fn split(packed: &[u8]) -> Option<(Names<'_>, &[u8])> {
    let Some((&count, mut rest)) = packed.split_first() else { return Some((SmallVec::new(), &[])) };
    let mut families = SmallVec::with_capacity(count.into());
    for _ in 0..count {
        let (&len, tail) = rest.split_first()?;
        let (name, tail) = tail.split_at_checked(len.into())?;
        families.push(name);
        rest = tail;
    }
    Some((families, rest))
}

impl RevenueFigures {
    /// Packs `figures`, in their order.
    pub fn new(figures: &[RevenueFigure]) -> Self {
        let mut families: Vec<&str> = Vec::new();
        let mut rows: Vec<(u16, u8, i64)> = Vec::with_capacity(figures.len());
        for figure in figures {
            let family = figure.product_family.as_str();
            let index = match families.iter().position(|&f| f == family) {
                Some(i) => Some(i),
                None if families.len() < 255 && family.len() <= 255 => {
                    families.push(family);
                    Some(families.len() - 1)
                }
                None => None,
            };
            match (month_code(figure.month), index) {
                (Some(month), Some(index)) => rows.push((month, index as u8, figure.amount_cents)),
                _ => {
                    tracing::warn!("a revenue figure beyond the summary's limits is left out of the insights")
                }
            }
        }
        if rows.is_empty() {
            return RevenueFigures::default();
        }
        let names: usize = families.iter().map(|f| 1 + f.len()).sum();
        let mut packed = Vec::with_capacity(1 + names + rows.len() * FIGURE_BYTES);
        packed.push(families.len() as u8);
        for family in &families {
            packed.push(family.len() as u8);
            packed.extend_from_slice(family.as_bytes());
        }
        for (month, family, cents) in rows {
            packed.extend_from_slice(&month.to_le_bytes());
            packed.push(family);
            packed.extend_from_slice(&cents.to_le_bytes());
        }
        RevenueFigures(packed.into_boxed_slice())
    }

    /// The figures of bytes [`RevenueFigures::packed`] gave, checked whole: `None` when any part
    /// is damaged (a figure is never half there). Empty bytes hold no figure.
    pub fn from_packed(packed: &[u8]) -> Option<Self> {
        let (families, figures) = split(packed)?;
        if families.iter().any(|name| std::str::from_utf8(name).is_err()) {
            return None;
        }
        if figures.is_empty() {
            return Some(RevenueFigures::default());
        }
        if figures.len() % FIGURE_BYTES != 0 {
            return None;
        }
        // (Any month code is a date chrono can hold.)
        let sound = figures.chunks_exact(FIGURE_BYTES).all(|f| usize::from(f[2]) < families.len());
        sound.then(|| RevenueFigures(packed.into()))
    }

    /// The packed bytes, as the store keeps them.
    pub fn packed(&self) -> &[u8] {
        &self.0
    }

    /// The figures, in the order they were packed.
    pub fn iter(&self) -> impl Iterator<Item = Revenue<'_>> + '_ {
        // Checked when built: a figure that would not read is skipped rather than a panic.
        let (families, figures) = split(&self.0).unwrap_or_default();
        // An account's figures come month by month: each month's date is built once.
        let mut last_month: Option<(u16, NaiveDate)> = None;
        figures.chunks_exact(FIGURE_BYTES).filter_map(move |f| {
            let code = u16::from_le_bytes([f[0], f[1]]);
            let month = match last_month {
                Some((last, month)) if last == code => month,
                _ => {
                    let month = month_of(code)?;
                    last_month = Some((code, month));
                    month
                }
            };
            let family = families.get(usize::from(f[2]))?;
            let amount_cents = i64::from_le_bytes(f[3..].try_into().ok()?);
            Some(Revenue { month, family, amount_cents })
        })
    }
}

impl RevenueFigures {
    /// The figures as an account's revenue lines, in their order.
    pub fn lines(&self) -> Vec<RevenueFigure> {
        self.iter()
            .map(|f| RevenueFigure {
                month: f.month,
                product_family: f.product_family().to_owned(),
                amount_cents: f.amount_cents,
            })
            .collect()
    }

    /// Whether these figures are exactly `lines`, in the same order: packing leaves out what
    /// is beyond its limits, and keeps only a figure's month.
    pub fn holds(&self, lines: &[RevenueFigure]) -> bool {
        self.iter().eq(lines.iter().map(|l| Revenue {
            month: l.month,
            family: l.product_family.as_bytes(),
            amount_cents: l.amount_cents,
        }))
    }
}

impl PartialEq for RevenueFigures {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for RevenueFigures {}

impl fmt::Debug for RevenueFigures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn figure(y: i32, m: u32, family: &str, amount_cents: i64) -> RevenueFigure {
        RevenueFigure {
            month: NaiveDate::from_ymd_opt(y, m, 1).unwrap(),
            product_family: family.into(),
            amount_cents,
        }
    }

    #[test]
    fn figures_come_back_as_written() {
        let figures = [
            figure(2025, 11, "Café", 335_000),
            figure(2025, 11, "Entretien", -12_50),
            figure(2026, 1, "Café", i64::MAX),
            figure(2026, 12, "Machines à café expresso professionnelles", 0),
        ];
        let packed = RevenueFigures::new(&figures);
        assert_eq!(packed.lines(), figures);
        assert!(packed.holds(&figures));
        assert!(!packed.holds(&figures[..3]) && !packed.holds(&[]));
        assert_eq!(RevenueFigures::from_packed(packed.packed()), Some(packed));
        assert_eq!(RevenueFigures::new(&[]).iter().count(), 0);
        assert_eq!(RevenueFigures::from_packed(&[]).unwrap().lines(), vec![]);
    }

    #[test]
    fn damaged_bytes_are_refused_whole() {
        let packed = RevenueFigures::new(&[figure(2025, 11, "Café", 335_000)]);
        let bytes = packed.packed();
        let header = bytes.len() - FIGURE_BYTES;
        // Cut right after the families, the bytes read as no figure at all: a figure is never
        // half there.
        for cut in (1..bytes.len()).filter(|&cut| cut != header) {
            assert!(RevenueFigures::from_packed(&bytes[..cut]).is_none(), "cut at {cut}");
        }
        let mut bad_family = bytes.to_vec();
        bad_family[header + 2] = 7;
        assert!(RevenueFigures::from_packed(&bad_family).is_none());
        // The name's bytes: a count, a length, then "Café", whose "é" is two bytes.
        let mut not_utf8 = bytes.to_vec();
        assert_eq!(&not_utf8[..4], [1, 5, b'C', b'a']);
        not_utf8[5] = 0xff;
        assert!(RevenueFigures::from_packed(&not_utf8).is_none());
    }

    #[test]
    fn figures_beyond_the_limits_are_left_out() {
        let long = "x".repeat(256);
        let lines = [figure(2026, 1, &long, 1), figure(2026, 1, "Café", 2)];
        let packed = RevenueFigures::new(&lines);
        assert_eq!(packed.lines(), [figure(2026, 1, "Café", 2)]);
        assert!(!packed.holds(&lines));
        // A figure's month is kept, not the day a line gave.
        let mid_month = [RevenueFigure {
            month: NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
            ..figure(2026, 1, "Café", 2)
        }];
        assert!(!RevenueFigures::new(&mid_month).holds(&mid_month));
        let families: Vec<RevenueFigure> = (0..256).map(|i| figure(2026, 1, &format!("f{i}"), i)).collect();
        assert!(!RevenueFigures::new(&families).holds(&families));
    }

    proptest! {
        #[test]
        fn any_figures_round_trip(
            figures in prop::collection::vec(
                (1990i32..2100, 1u32..=12, "[a-zé ]{0,30}", any::<i64>()),
                0..60,
            )
        ) {
            let figures: Vec<RevenueFigure> =
                figures.iter().map(|(y, m, f, c)| figure(*y, *m, f, *c)).collect();
            let packed = RevenueFigures::new(&figures);
            prop_assert_eq!(packed.lines(), figures.clone());
            prop_assert!(packed.holds(&figures));
            prop_assert_eq!(RevenueFigures::from_packed(packed.packed()), Some(packed));
        }
    }
}
