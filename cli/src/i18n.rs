//! The language `tournee` speaks: `--lang`, else the locale. Its words are in [`crate::words`].

use tournee_core::i18n::Lang;

/// The language from `--lang` if given, else from the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`: the
/// first one set decides, French when it starts with "fr"). `Err` carries an unknown `--lang` value.
pub fn detect(flag: Option<&str>) -> Result<Lang, String> {
    if let Some(value) = flag {
        return parse_lang(value).ok_or_else(|| value.to_owned());
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .unwrap_or_default();
    Ok(if locale.to_ascii_lowercase().starts_with("fr") { Lang::Fr } else { Lang::En })
}

pub fn parse_lang(value: &str) -> Option<Lang> {
    let value = value.to_ascii_lowercase();
    if value.starts_with("fr") {
        Some(Lang::Fr)
    } else if value.starts_with("en") {
        Some(Lang::En)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_picks_french() {
        assert_eq!(parse_lang("fr_FR.UTF-8"), Some(Lang::Fr));
        assert_eq!(parse_lang("en"), Some(Lang::En));
        assert_eq!(parse_lang("de"), None);
        assert_eq!(detect(Some("fr")), Ok(Lang::Fr));
        assert_eq!(detect(Some("xx")), Err("xx".to_owned()));
    }
}
