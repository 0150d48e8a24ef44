//! Figures as people read them in French and English: counts and percentages.

use super::Lang;

/// Thousands separators in figures read by a person: the narrow no-break space in French (as
/// French typography and CLDR have it), the comma in English.
pub(super) const FR_GROUP: char = '\u{202f}';

/// A whole number with the language's thousands separator: "1 234 567", "1,234,567".
pub fn format_count(value: i64, lang: Lang) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let separator = match lang {
        Lang::Fr => FR_GROUP,
        Lang::En => ',',
    };
    format!("{sign}{}", group(value.unsigned_abs(), separator))
}

/// A number with `decimals` decimals: "1 234,57" in French, "1,234.57" in English.
pub fn format_decimal(value: f64, decimals: usize, lang: Lang) -> String {
    let text = format!("{:.decimals$}", value.abs());
    let (units, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let sign = if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') { "-" } else { "" };
    let units = format_count(units.parse().unwrap_or(i64::MAX), lang);
    let mark = match lang {
        Lang::Fr => ',',
        Lang::En => '.',
    };
    if fraction.is_empty() {
        format!("{sign}{units}")
    } else {
        format!("{sign}{units}{mark}{fraction}")
    }
}

/// A percentage with one decimal at most: "42,5 %" in French (a no-break space before the sign, as
/// French typography has it), "42.5%" in English.
pub fn format_percent(value: f64, lang: Lang) -> String {
    let text = format_decimal(value, 1, lang);
    let text = text.strip_suffix(",0").or_else(|| text.strip_suffix(".0")).unwrap_or(&text);
    match lang {
        Lang::Fr => format!("{text}\u{a0}%"),
        Lang::En => format!("{text}%"),
    }
}

pub(super) fn group(value: u64, separator: char) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_percents_read_naturally_in_each_language() {
        assert_eq!(format_count(-1_234_567, Lang::Fr), "-1\u{202f}234\u{202f}567");
        assert_eq!(format_count(1_234_567, Lang::En), "1,234,567");
        assert_eq!(format_count(999, Lang::En), "999");
        assert_eq!(format_percent(42.0, Lang::En), "42%");
        assert_eq!(format_percent(42.5, Lang::Fr), "42,5\u{a0}%");
        assert_eq!(format_percent(100.0 / 3.0, Lang::Fr), "33,3\u{a0}%");
        assert_eq!(format_percent(99.96, Lang::En), "100%");
        assert_eq!(format_percent(-2.5, Lang::Fr), "-2,5\u{a0}%");
        assert_eq!(format_decimal(0.494, 2, Lang::Fr), "0,49");
        assert_eq!(format_decimal(1234.5, 2, Lang::En), "1,234.50");
        assert_eq!(format_decimal(-0.001, 2, Lang::En), "0.00");
        assert_eq!(format_decimal(12.0, 0, Lang::Fr), "12");
    }
}
