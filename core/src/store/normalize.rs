//! Normalisation used to spot duplicate companies: names without accents, case, punctuation or legal
//! form ("Boulangerie Martin SARL" = "boulangerie martin"), and company email domains.

use crate::i18n::fold;

/// Legal forms and filler words that do not tell two companies apart.
const NOISE: &[&str] = &[
    "sarl",
    "sas",
    "sasu",
    "sa",
    "eurl",
    "sci",
    "snc",
    "scop",
    "ets",
    "etablissements",
    "societe",
    "ste",
    "ltd",
    "gmbh",
    "inc",
    "llc",
    "et",
    "cie",
    "the",
    "le",
    "la",
    "les",
    "de",
    "du",
    "des",
];

/// Personal mailbox providers: a shared domain there says nothing about the company.
const WEBMAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "yahoo.fr",
    "yahoo.com",
    "hotmail.fr",
    "hotmail.com",
    "outlook.fr",
    "outlook.com",
    "live.fr",
    "live.com",
    "icloud.com",
    "me.com",
    "orange.fr",
    "wanadoo.fr",
    "free.fr",
    "sfr.fr",
    "laposte.net",
    "gmx.fr",
    "gmx.com",
    "protonmail.com",
    "proton.me",
    "bbox.fr",
    "neuf.fr",
];

/// Folded words ([`fold`]) without punctuation or legal forms, joined by single spaces.
pub(crate) fn company_name(name: &str) -> String {
    let folded: String = fold(name)
        .chars()
        .filter(|c| *c != '.') // "S.A.R.L." is "SARL"
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    folded.split_whitespace().filter(|w| !NOISE.contains(w)).collect::<Vec<_>>().join(" ")
}

/// The company domain of an email address, or `None` for a personal mailbox.
pub(crate) fn company_domain(email: &str) -> Option<String> {
    let domain = email.rsplit_once('@')?.1.trim().to_lowercase();
    (!domain.is_empty() && !WEBMAIL.contains(&domain.as_str())).then_some(domain)
}

/// The company key of a registration number: the SIREN for a French SIREN, SIRET (its first 9 digits)
/// or French VAT number (its last 9), the compact upper-case number otherwise.
pub(crate) fn registration(number: &str) -> String {
    let compact: String =
        number.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect();
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    match compact.len() {
        9 | 14 if digits(&compact) => compact[..9].to_owned(),
        13 if compact.starts_with("FR") && digits(&compact[4..]) => compact[4..].to_owned(),
        _ => compact,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_accents_case_and_legal_forms() {
        assert_eq!(company_name("Boulangerie Martin SARL"), "boulangerie martin");
        assert_eq!(company_name("BOULANGERIE  MARTIN, s.a.r.l."), "boulangerie martin");
        assert_eq!(company_name("Pâtisserie Hélène & Cie"), "patisserie helene");
        // Capitals beyond ASCII: Œ, Æ and Ø fold like their lower case.
        assert_eq!(company_name("LE BŒUF COURONNÉ"), company_name("Le Bœuf Couronné"));
        assert_eq!(company_name("CAFÉ ÆRØ SARL"), company_name("Café Ærø"));
    }

    #[test]
    fn domains_skip_personal_mailboxes() {
        assert_eq!(company_domain("anne@Martin-Boulangerie.fr").as_deref(), Some("martin-boulangerie.fr"));
        assert_eq!(company_domain("anne.martin@gmail.com"), None);
        assert_eq!(registration("732 829 320 00074"), "732829320");
        assert_eq!(registration("FR44 732829320"), "732829320");
        assert_eq!(registration("de123456789"), "DE123456789");
    }
}
