//! An account's revenue figures as the `account_summary` table keeps them: a compact blob that the
//! insights loader decodes without a JSON parse and without an allocation per figure (a team's
//! dashboard reads some 400,000 figures).
//!
//! Layout: the number of product families (u8), each family as its length (u8) and UTF-8 bytes,
//! then each figure as its month (u16 LE: year × 12 + month − 1), its family's index (u8) and its
//! amount in cents (i64 LE). An account with more than 255 families or a family name longer than
//! 255 bytes keeps the rest in its JSON copy only: such figures are not what a field team's ERP
//! exports, and the encoder says so in the log rather than failing the write.

use chrono::{Datelike, NaiveDate};
use smol_str::SmolStr;

use crate::error::{Error, Result};
use crate::insights::Revenue;
use crate::model::RevenueFigure;

const FIGURE_BYTES: usize = 2 + 1 + 8;

fn month_code(month: NaiveDate) -> Option<u16> {
    u16::try_from(month.year() * 12 + month.month0() as i32).ok()
}

fn month_of(code: u16) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::from(code / 12), u32::from(code % 12) + 1, 1)
}

/// The blob of `figures`.
pub(super) fn encode(figures: &[RevenueFigure]) -> Vec<u8> {
    let mut families: Vec<&str> = Vec::new();
    let mut rows: Vec<(u16, u8, i64)> = Vec::with_capacity(figures.len());
    for figure in figures {
        let family = &figure.product_family;
        let index = match families.iter().position(|f| f == family) {
            Some(i) => Some(i),
            None if families.len() < 255 && family.len() <= 255 => {
                families.push(family);
                Some(families.len() - 1)
            }
            None => None,
        };
        match (month_code(figure.month), index) {
            (Some(month), Some(index)) => rows.push((month, index as u8, figure.amount_cents)),
            _ => tracing::warn!("a revenue figure beyond the summary's limits is left out of the insights"),
        }
    }
    let names: usize = families.iter().map(|f| 1 + f.len()).sum();
    let mut blob = Vec::with_capacity(1 + names + rows.len() * FIGURE_BYTES);
    blob.push(families.len() as u8);
    for family in &families {
        blob.push(family.len() as u8);
        blob.extend_from_slice(family.as_bytes());
    }
    for (month, family, cents) in rows {
        blob.extend_from_slice(&month.to_le_bytes());
        blob.push(family);
        blob.extend_from_slice(&cents.to_le_bytes());
    }
    blob
}

fn unreadable() -> Error {
    Error::schema("account_summary", "unreadable revenue figures".to_owned())
}

/// The figures of a blob [`encode`] wrote. An empty blob holds no figure.
pub(super) fn decode(blob: &[u8]) -> Result<Vec<Revenue>> {
    let Some((&count, mut rest)) = blob.split_first() else { return Ok(Vec::new()) };
    let mut families = Vec::with_capacity(count.into());
    for _ in 0..count {
        let (&len, tail) = rest.split_first().ok_or_else(unreadable)?;
        let (name, tail) = tail.split_at_checked(len.into()).ok_or_else(unreadable)?;
        families.push(SmolStr::new(std::str::from_utf8(name).map_err(|_| unreadable())?));
        rest = tail;
    }
    if rest.len() % FIGURE_BYTES != 0 {
        return Err(unreadable());
    }
    rest.chunks_exact(FIGURE_BYTES)
        .map(|f| {
            let month = month_of(u16::from_le_bytes([f[0], f[1]])).ok_or_else(unreadable)?;
            let product_family = families.get(usize::from(f[2])).ok_or_else(unreadable)?.clone();
            let amount_cents = i64::from_le_bytes(f[3..].try_into().expect("eight bytes"));
            Ok(Revenue { month, product_family, amount_cents })
        })
        .collect()
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

    fn as_revenue(figures: &[RevenueFigure]) -> Vec<Revenue> {
        figures
            .iter()
            .map(|f| Revenue {
                month: f.month,
                product_family: f.product_family.as_str().into(),
                amount_cents: f.amount_cents,
            })
            .collect()
    }

    #[test]
    fn figures_come_back_as_written() {
        let figures = [
            figure(2025, 11, "Café", 335_000),
            figure(2025, 11, "Entretien", -12_50),
            figure(2026, 1, "Café", i64::MAX),
            figure(2026, 12, "Machines à café expresso professionnelles", 0),
        ];
        assert_eq!(decode(&encode(&figures)).unwrap(), as_revenue(&figures));
        assert_eq!(decode(&encode(&[])).unwrap(), vec![]);
        assert_eq!(decode(&[]).unwrap(), vec![]);
    }

    #[test]
    fn a_damaged_blob_is_an_error_not_a_panic() {
        let blob = encode(&[figure(2025, 11, "Café", 335_000)]);
        let header = blob.len() - FIGURE_BYTES;
        // Cut right after the families, the blob reads as no figure at all: a figure is never
        // half there.
        for cut in (1..blob.len()).filter(|&cut| cut != header) {
            assert!(decode(&blob[..cut]).is_err(), "cut at {cut}");
        }
        let mut bad_family = blob.clone();
        let at = bad_family.len() - FIGURE_BYTES + 2;
        bad_family[at] = 7;
        assert!(decode(&bad_family).is_err());
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
            prop_assert_eq!(decode(&encode(&figures)).unwrap(), as_revenue(&figures));
        }
    }
}
