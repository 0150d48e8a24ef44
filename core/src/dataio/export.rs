//! Sheets a spreadsheet opens as they are: a header row in the user's language and typed cells,
//! written as CSV the way that language's spreadsheets read it (French: `;` and a decimal comma;
//! English: `,` and a decimal point; both UTF-8 with a byte order mark, so Excel does not take the
//! text for Windows-1252). Numbers carry no thousands separator or currency sign, days are ISO
//! 8601: a spreadsheet reads both as values, not text.

use chrono::{DateTime, FixedOffset, NaiveDate, Offset, Utc};

use crate::i18n::{label, Coded, Lang};
use crate::model::Field;

/// Column headings an export needs beyond the record fields' labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Channel,
    Outcome,
    Interest,
    Stage,
    Indicator,
    ThisWeek,
    PreviousWeek,
    ObjectiveTarget,
    ObjectiveProgress,
}

impl Column {
    pub const ALL: &'static [Column] = &[
        Column::Channel,
        Column::Outcome,
        Column::Interest,
        Column::Stage,
        Column::Indicator,
        Column::ThisWeek,
        Column::PreviousWeek,
        Column::ObjectiveTarget,
        Column::ObjectiveProgress,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Column::Channel => "channel",
            Column::Outcome => "outcome",
            Column::Interest => "interest",
            Column::Stage => "stage",
            Column::Indicator => "indicator",
            Column::ThisWeek => "this_week",
            Column::PreviousWeek => "previous_week",
            Column::ObjectiveTarget => "objective_target",
            Column::ObjectiveProgress => "objective_progress",
        }
    }
}

/// A column's heading: a record field's label, or one of the export's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heading {
    Field(Field),
    Column(Column),
}

impl From<Field> for Heading {
    fn from(f: Field) -> Self {
        Heading::Field(f)
    }
}

impl From<Column> for Heading {
    fn from(c: Column) -> Self {
        Heading::Column(c)
    }
}

/// A cell, typed so each language writes it as its spreadsheets read it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A count or a whole number.
    Int(i64),
    /// Cents, written in currency units with two decimals.
    Cents(i64),
    /// A decimal figure (a share in percent, an average).
    Decimal(f64),
    Day(NaiveDate),
    /// An instant, written in local time with the offset it was recorded at.
    LocalTime(DateTime<Utc>, i32),
    /// A coded value, written as its label.
    Label(String),
}

impl Cell {
    pub fn text(value: impl Into<String>) -> Cell {
        Cell::Text(value.into())
    }

    pub fn opt_text(value: Option<&str>) -> Cell {
        value.map_or(Cell::Empty, |v| Cell::Text(v.to_owned()))
    }

    pub fn label<T: Coded>(value: Option<T>, lang: Lang) -> Cell {
        value.map_or(Cell::Empty, |v| Cell::Label(label(v, lang)))
    }

    fn write(&self, lang: Lang) -> String {
        let comma = |text: String| if lang == Lang::Fr { text.replace('.', ",") } else { text };
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) | Cell::Label(t) => t.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Cents(c) => {
                let sign = if *c < 0 { "-" } else { "" };
                comma(format!("{sign}{}.{:02}", c.unsigned_abs() / 100, c.unsigned_abs() % 100))
            }
            Cell::Decimal(v) if v.is_finite() => {
                let text = format!("{v:.2}");
                comma(text.strip_suffix(".00").map(str::to_owned).unwrap_or(text))
            }
            Cell::Decimal(_) => String::new(),
            Cell::Day(d) => d.to_string(),
            Cell::LocalTime(at, offset) => {
                let offset = FixedOffset::east_opt(offset * 60).unwrap_or_else(|| Utc.fix());
                at.with_timezone(&offset).format("%Y-%m-%d %H:%M").to_string()
            }
        }
    }
}

/// A table to export: headings and rows of cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    pub headings: Vec<Heading>,
    pub rows: Vec<Vec<Cell>>,
}

/// The heading's words in `lang`.
pub fn heading(h: Heading, lang: Lang) -> String {
    match h {
        Heading::Field(f) => label(f, lang),
        Heading::Column(c) => {
            crate::i18n::catalog::say(lang, &format!("column-{}", c.code().replace('_', "-")), &[])
        }
    }
}

/// The UTF-8 byte order mark spreadsheets look for.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

impl Sheet {
    /// The sheet as a CSV file in `lang`'s convention.
    pub fn to_csv(&self, lang: Lang) -> Vec<u8> {
        let delimiter = if lang == Lang::Fr { b';' } else { b',' };
        let mut writer = csv::WriterBuilder::new().delimiter(delimiter).from_writer(BOM.to_vec());
        let written = (|| -> csv::Result<()> {
            writer.write_record(self.headings.iter().map(|h| heading(*h, lang)))?;
            for row in &self.rows {
                writer.write_record(row.iter().map(|c| c.write(lang)))?;
            }
            writer.flush()?;
            Ok(())
        })();
        // Writing into memory has no I/O to fail; should it anyway, what was written stands.
        if let Err(e) = written {
            tracing::warn!("an export stopped early: {e}");
        }
        writer.into_inner().unwrap_or_else(|e| e.into_inner().into_inner().unwrap_or_default())
    }
}

/// Every heading's message id, for the catalog's tests.
#[cfg(test)]
pub(crate) fn said() -> Vec<(String, Vec<(&'static str, crate::i18n::Arg<'static>)>)> {
    Column::ALL.iter().map(|c| (format!("column-{}", c.code().replace('_', "-")), Vec::new())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AccountKind;

    #[test]
    fn french_sheets_use_semicolons_and_decimal_commas_english_ones_commas_and_points() {
        let sheet = Sheet {
            headings: vec![
                Field::Name.into(),
                Field::Kind.into(),
                Field::PotentialCents.into(),
                Column::ThisWeek.into(),
            ],
            rows: vec![vec![
                Cell::text("Dupont; fils"),
                Cell::label(Some(AccountKind::FormerClient), Lang::Fr),
                Cell::Cents(125_005),
                Cell::Decimal(12.5),
            ]],
        };
        let fr = String::from_utf8(sheet.to_csv(Lang::Fr)).unwrap();
        assert_eq!(fr, "\u{feff}Nom;Type de compte;Potentiel;Cette semaine\n\"Dupont; fils\";ancien client;1250,05;12,50\n");
        // Labels are worded when the sheet is built (here in French); the rest follows the writer.
        let en = String::from_utf8(sheet.to_csv(Lang::En)).unwrap();
        assert_eq!(en, "\u{feff}Name,Kind,Potential,This week\nDupont; fils,ancien client,1250.05,12.50\n");
        let at = DateTime::parse_from_rfc3339("2026-03-18T09:00:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(Cell::LocalTime(at, 60).write(Lang::Fr), "2026-03-18 10:00");
        assert_eq!(Cell::Cents(-5).write(Lang::En), "-0.05");
        assert_eq!(Cell::Decimal(3.0).write(Lang::Fr), "3");
    }
}
