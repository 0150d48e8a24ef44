//! Amounts of money as people type and read them, in French and English: one definition for the
//! CLI and, over the FFI, for the apps (so "1250.50" is never 125 050,00 € on one screen and
//! 1 250,50 € on another).
//!
//! Typed amounts accept either decimal mark, spaces (plain, no-break or narrow no-break) or the
//! language's own mark as thousands separators, and a euro sign on either side. An input that could
//! mean two amounts 1,000 times apart ("1.250" in French, "1,250" in French) is refused with the
//! field named, never guessed.

use super::numbers::{group, FR_GROUP};
use super::Lang;
use crate::model::{limits, Field, Reason, ValidationError};

const SPACES: [char; 3] = [' ', '\u{a0}', '\u{202f}'];

/// Cents as a person reads them in a form: "1 250,50" in French, "1,250.50" in English.
pub fn format_amount(cents: i64, lang: Lang) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let (units, rest) = (cents.unsigned_abs() / 100, cents.unsigned_abs() % 100);
    match lang {
        Lang::Fr => format!("{sign}{},{rest:02}", group(units, FR_GROUP)),
        Lang::En => format!("{sign}{}.{rest:02}", group(units, ',')),
    }
}

/// Cents with the currency: "1 250,50 €" in French, "€1,250.50" in English.
pub fn format_money(cents: i64, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("{}\u{a0}€", format_amount(cents, lang)),
        Lang::En if cents < 0 => format!("-€{}", format_amount(-cents, lang)),
        Lang::En => format!("€{}", format_amount(cents, lang)),
    }
}

/// Why a typed amount was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    Empty,
    NotAnAmount,
    Negative,
    Ambiguous,
    TooManyDecimals,
    TooLarge,
}

impl Refusal {
    /// The reasons of the record checks where they say the same (an empty or negative amount).
    fn reason(self, text: &str) -> Reason {
        let text = text.to_owned();
        match self {
            Refusal::Empty => Reason::Required,
            Refusal::NotAnAmount => Reason::NotAnAmount { text },
            Refusal::Negative => Reason::Negative,
            Refusal::Ambiguous => Reason::AmbiguousAmount { text },
            Refusal::TooManyDecimals => Reason::TooManyDecimals { text },
            Refusal::TooLarge => Reason::TooLarge,
        }
    }
}

/// An amount typed in `lang` to cents, or the reason it is refused, naming `field`.
pub fn parse_amount(field: Field, text: &str, lang: Lang) -> Result<i64, ValidationError> {
    parse(text, lang).map_err(|refusal| ValidationError::new(field, refusal.reason(text.trim())))
}

fn parse(text: &str, lang: Lang) -> Result<i64, Refusal> {
    let text = text.trim();
    let text = text.strip_prefix('€').or_else(|| text.strip_suffix('€')).unwrap_or(text).trim_matches(SPACES);
    if text.is_empty() {
        return Err(Refusal::Empty);
    }
    if text.starts_with('-') {
        return Err(Refusal::Negative);
    }
    if !text.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',' || SPACES.contains(&c)) {
        return Err(Refusal::NotAnAmount);
    }
    let (units, decimals) = split_decimals(text, lang)?;
    let groups: Vec<&str> = units.split(|c: char| !c.is_ascii_digit()).collect();
    // Thousands separators must sit between groups of three digits: "1 250", "12,500,000".
    let grouped = groups.len() == 1
        || (!groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    if groups.iter().all(|g| g.is_empty()) || !grouped {
        return Err(Refusal::NotAnAmount);
    }
    if decimals.len() > 2 {
        return Err(Refusal::TooManyDecimals);
    }
    let cents: i64 = format!("{decimals:0<2}").parse().map_err(|_| Refusal::NotAnAmount)?;
    groups
        .concat()
        .parse::<i64>()
        .ok()
        .and_then(|u| u.checked_mul(100))
        .and_then(|u| u.checked_add(cents))
        .filter(|c| *c <= limits::MAX_AMOUNT_CENTS)
        .ok_or(Refusal::TooLarge)
}

/// Splits "1 250,50" into its units ("1 250", separators kept) and decimals ("50").
fn split_decimals(text: &str, lang: Lang) -> Result<(&str, &str), Refusal> {
    let marks: Vec<(usize, char)> = text.char_indices().filter(|(_, c)| matches!(c, '.' | ',')).collect();
    let Some(&(at, last)) = marks.last() else { return Ok((text, "")) };
    let (units, decimals) = (&text[..at], &text[at + 1..]);
    let same = marks.iter().filter(|(_, c)| *c == last).count();
    if same > 1 {
        // "1,250,000" or "1.250.000": a mark used twice only groups thousands.
        return Ok((text, ""));
    }
    if marks.len() > 1 {
        // "1,250.50" or "1.250,50": the last mark is the decimal one.
        return Ok((units, decimals));
    }
    // One mark: decimals unless it sits before exactly three digits, where it may group thousands.
    if decimals.len() != 3 || decimals.contains(SPACES) {
        return Ok((units, decimals));
    }
    match (lang, last) {
        (Lang::En, ',') => Ok((text, "")), // "1,250": English groups thousands with a comma
        _ => Err(Refusal::Ambiguous),      // "1.250", or "1,250" in French: 1250 or 1.25?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The vectors every suite checks (Rust, Python, Kotlin, Swift): input, language, cents or the
    /// refusal.
    const VECTORS: &str = include_str!("../../../tests/vectors/amounts.tsv");

    /// `\u{a0}`-style escapes in the vectors, so invisible spaces stay readable.
    fn unescape(text: &str) -> String {
        text.replace("\\u00a0", "\u{a0}").replace("\\u202f", "\u{202f}")
    }

    #[test]
    fn the_shared_vectors_hold() {
        let mut checked = 0;
        for line in VECTORS.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let cols: Vec<&str> = line.split('\t').collect();
            let (input, lang, expected) = (unescape(cols[0]), cols[1], cols[2]);
            let lang = if lang == "fr" { Lang::Fr } else { Lang::En };
            let got = parse_amount(Field::OrderAmountCents, &input, lang);
            match expected.parse::<i64>() {
                Ok(cents) => assert_eq!(got, Ok(cents), "{input:?} in {lang:?}"),
                Err(_) => {
                    let err =
                        got.expect_err(&format!("{input:?} in {lang:?} should be refused ({expected})"));
                    assert_eq!(err.field, Field::OrderAmountCents);
                }
            }
            checked += 1;
        }
        assert!(checked > 30, "{checked} vectors");
    }

    #[test]
    fn a_refusal_says_why_in_both_languages() {
        let err = parse_amount(Field::OrderAmountCents, "1.250", Lang::Fr).unwrap_err();
        assert_eq!(err.reason, Reason::AmbiguousAmount { text: "1.250".into() });
        assert_eq!(
            err.message(Lang::Fr),
            "Montant de la commande : « 1.250 » est ambigu : écrivez 1250 ou 1,25"
        );
        assert_eq!(
            err.message(Lang::En),
            "Order amount: \"1.250\" is ambiguous: write 1250 or 1.25 (1,25 in French)"
        );
        let err = parse_amount(Field::OrderMarginCents, " 12.3456 ", Lang::En).unwrap_err();
        assert_eq!(err.message(Lang::En), "Margin: \"12.3456\" has more than two decimals");
        let err = parse_amount(Field::OrderAmountCents, "-5", Lang::Fr).unwrap_err();
        assert_eq!(err.message(Lang::Fr), "Montant de la commande : ne doit pas être négatif");
    }

    #[test]
    fn amounts_read_as_people_write_them_and_parse_back() {
        assert_eq!(format_amount(125_050, Lang::Fr), "1\u{202f}250,50");
        assert_eq!(format_money(125_050, Lang::Fr), "1\u{202f}250,50\u{a0}€");
        assert_eq!(format_money(123_456_789, Lang::En), "€1,234,567.89");
        assert_eq!(format_money(-1_000, Lang::En), "-€10.00");
        for cents in [0, 5, 99, 100, 125_050, 100_000_000, 123_456_789_012] {
            for lang in [Lang::Fr, Lang::En] {
                assert_eq!(parse_amount(Field::AmountCents, &format_money(cents, lang), lang), Ok(cents));
                assert_eq!(parse_amount(Field::AmountCents, &format_amount(cents, lang), lang), Ok(cents));
            }
        }
    }
}
