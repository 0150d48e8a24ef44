//! An ERP's revenue export read row by row: which account (its external reference), which month,
//! which product family, how much. Several rows for the same account, month and family (invoice
//! lines) add up to that month's figure.

use chrono::{Datelike, NaiveDate};

use super::accounts::{parse_day, ImportColumn};
use super::table::Row;
use crate::i18n::{parse_amount, Lang};
use crate::model::*;

/// One row read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevenueLine {
    pub line: u32,
    pub reference: String,
    pub figure: RevenueFigure,
}

/// A month as ERPs write it: `2026-03`, `03/2026`, `2026-03-31` or `31/03/2026` (its month).
pub fn parse_month(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    if let Some(day) = parse_day(t) {
        return day.with_day(1);
    }
    let (a, b) = t.split_once(['-', '/', '.'])?;
    let (year, month) = if a.len() == 4 { (a, b) } else { (b, a) };
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, 1)
}

/// Reads one row, or says which field refuses it and why. `numbers` is how the file writes decimals.
pub fn revenue_line(
    row: &Row,
    columns: &[ImportColumn],
    numbers: Lang,
) -> Result<RevenueLine, ValidationError> {
    let get = |field: Field| -> Option<&str> {
        columns.iter().position(|c| c.field == Some(field)).map(|at| row.cell(at)).filter(|v| !v.is_empty())
    };
    let required = |field: Field| get(field).ok_or_else(|| ValidationError::new(field, Reason::Required));
    let reference = required(Field::ExternalRef)?.to_owned();
    let month_text = required(Field::RevenueMonth)?;
    let month = parse_month(month_text).ok_or_else(|| {
        ValidationError::new(Field::RevenueMonth, Reason::NotADate { text: month_text.to_owned() })
    })?;
    let product_family = required(Field::RevenueProductFamily)?.to_owned();
    let amount_cents =
        parse_amount(Field::RevenueAmountCents, required(Field::RevenueAmountCents)?, numbers)?;
    let figure = RevenueFigure { month, product_family, amount_cents };
    // The account's own checks of a figure, without the account.
    let mut probe = Account::new("-", AccountKind::Client, "-");
    probe.revenue.push(figure.clone());
    probe.validate()?;
    Ok(RevenueLine { line: row.line, reference, figure })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataio::accounts::{columns_of, REVENUE_FIELDS};

    #[test]
    fn months_rows_and_refusals() {
        let march = NaiveDate::from_ymd_opt(2026, 3, 1);
        for text in ["2026-03", "03/2026", "3/2026", "2026-03-31", "31/03/2026", "2026/03"] {
            assert_eq!(parse_month(text), march, "{text}");
        }
        assert_eq!(parse_month("mars"), None);
        assert_eq!(parse_month("2026-13"), None);

        let headers: Vec<String> =
            ["Code client", "Mois", "Famille", "CA HT"].iter().map(|s| (*s).to_owned()).collect();
        let cols = columns_of(&headers, &[], REVENUE_FIELDS, REVENUE_FIELDS).unwrap();
        assert!(cols.iter().all(|c| c.field.is_some()), "{cols:?}");
        let row = |cells: &[&str]| Row { line: 2, cells: cells.iter().map(|c| (*c).to_owned()).collect() };
        let line = revenue_line(&row(&["C1", "03/2026", "Farines", "1 250,50"]), &cols, Lang::Fr).unwrap();
        assert_eq!(
            line.figure,
            RevenueFigure { month: march.unwrap(), product_family: "Farines".into(), amount_cents: 125_050 }
        );
        let refused = |cells: &[&str]| revenue_line(&row(cells), &cols, Lang::Fr).unwrap_err().field;
        assert_eq!(refused(&["C1", "mars", "Farines", "10"]), Field::RevenueMonth);
        assert_eq!(refused(&["C1", "2026-03", "", "10"]), Field::RevenueProductFamily);
        assert_eq!(refused(&["C1", "2026-03", "A|B", "10"]), Field::RevenueProductFamily);
        assert_eq!(refused(&["C1", "2026-03", "Farines", "-10"]), Field::RevenueAmountCents);
        assert_eq!(refused(&["", "2026-03", "Farines", "10"]), Field::ExternalRef);
    }
}
