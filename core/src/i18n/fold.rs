//! The one folding of text that people type for matching: duplicates, search, names and headers.
//! "LE BŒUF COURONNÉ", "le boeuf couronne" and "Le Bœuf Couronné" read the same.

use unicode_normalization::UnicodeNormalization;

/// `text` in Unicode lower case (not only ASCII: Œ, Æ, Ø, É…), accents dropped, and the letters
/// that do not decompose into a base letter and an accent spelled as people type them without the
/// key (œ → oe, æ → ae, ø → o, ß → ss…). Punctuation and spaces stay.
pub fn fold(text: &str) -> String {
    let lower: String = text.chars().flat_map(char::to_lowercase).collect();
    let mut out = String::with_capacity(lower.len());
    for c in lower.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)) {
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
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

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
