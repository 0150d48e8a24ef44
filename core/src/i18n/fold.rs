//! The one folding of text that people type for matching: duplicates, search, names and headers.
//! "LE BŒUF COURONNÉ", "le boeuf couronne" and "Le Bœuf Couronné" read the same.

use unicode_normalization::UnicodeNormalization;

/// `text` in Unicode lower case (not only ASCII: Œ, Æ, Ø, É…), accents dropped, and the letters
/// that do not decompose into a base letter and an accent spelled as people type them without the
/// key (œ → oe, æ → ae, ø → o, ß → ss…). Punctuation and spaces stay.
///
/// Character by character, ASCII ones without the Unicode tables: a first sync folds every
/// account's name, city and contacts, mostly ASCII, and the tables cost thousands of instructions
/// a name. Decomposing each character alone gives what decomposing the whole text gives: the only
/// difference, the order of consecutive combining marks, is dropped with the marks.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        for c in c.to_lowercase().nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)) {
            push_spelled(c, &mut out);
        }
    }
    out
}

/// Pushes `c`, lowered and decomposed, spelled as people type it without its key.
fn push_spelled(c: char, out: &mut String) {
    match c {
        'œ' => out.push_str("oe"),
        'æ' => out.push_str("ae"),
        'ß' => out.push_str("ss"),
        'ø' => out.push('o'),
        'ł' => out.push('l'),
        'đ' | 'ð' => out.push('d'),
        'ı' => out.push('i'),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    use super::fold;

    /// The definition: the whole text lowered, decomposed, its marks dropped, the letters spelled.
    fn fold_whole_text(text: &str) -> String {
        let lower: String = text.chars().flat_map(char::to_lowercase).collect();
        let mut out = String::new();
        for c in lower.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)) {
            super::push_spelled(c, &mut out);
        }
        out
    }

    proptest! {
        #[test]
        fn folding_each_character_folds_as_the_whole_text(
            typed in "[A-Za-z0-9 '°.-]{0,12}",
            any_text in any::<String>(),
            // Letters with accents, precomposed or not, marks after marks, ligatures, capitals.
            accented in "[ÀÉÈÊËÎÏÔÖÙÛÜŸÇŒÆØÅẞßİıŁĐÐàéèêëîïôöùûüÿçœæøåłđ\u{300}-\u{36f}\u{1ab0}-\u{1aff}\u{1e00}-\u{1eff}a-zA-Z ]{0,16}",
        ) {
            for text in [typed, any_text, accented] {
                prop_assert_eq!(fold(&text), fold_whole_text(&text), "{:?}", text);
            }
        }
    }

    #[test]
    fn capitals_ligatures_and_accents_fold_alike() {
        assert_eq!(fold("LE BŒUF COURONNÉ"), fold("Le Bœuf Couronné"));
        assert_eq!(fold("LE BŒUF COURONNÉ"), "le boeuf couronne");
        assert_eq!(fold("ÆGIR SØRENSEN"), "aegir sorensen");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("N° SIRET"), "n° siret");
    }
}
