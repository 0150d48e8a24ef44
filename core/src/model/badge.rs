//! What a trade-show badge's QR code says about its wearer: a vCard (2.1, 3.0 or 4.0) or a MECARD,
//! read into a [`BadgeCard`] that fills a lead in one scan.
//!
//! Hand-written on purpose: a badge holds a handful of properties (name, company, title, phone,
//! email, address, web site, note), MECARD has no Rust crate at all, and the vCard crates either do
//! not decode vCard 2.1's quoted-printable values (still what many badge printers emit) or are
//! whole contact-and-calendar stacks. What is read here:
//!
//! - vCard: folded lines (a line starting with a space or a tab continues the previous one),
//!   quoted-printable values with soft line breaks (`=` at the end of a line) in UTF-8 or Latin-1,
//!   property groups (`item1.TEL`), parameters in any version's spelling (`TEL;WORK;VOICE`,
//!   `TEL;TYPE=work,cell`, `TEL;VALUE=uri:tel:+33…`), escaped `\,` `\;` `\n` and structured values
//!   (`N`, `ORG`, `ADR`). The first card of the text is read.
//! - MECARD (the "docomo" contact QR code): `MECARD:N:Martin,Claire;ORG:…;TEL:…;EMAIL:…;;` with
//!   `\;` `\:` `\,` escapes.

use super::validate::{Reason, ValidationError};
use super::{Field, Lead};

/// What a badge says about its wearer; any part but the format may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct BadgeCard {
    /// "Claire Martin": the card's formatted name, else its given and family names.
    pub name: String,
    pub company: Option<String>,
    /// Job title ("Responsable achats").
    pub title: Option<String>,
    /// The work or mobile phone, else the first one.
    pub phone: Option<String>,
    /// The preferred email address, else the first one.
    pub email: Option<String>,
    /// One line: "12 rue des Lilas, 44000 Nantes, France".
    pub address: Option<String>,
    pub website: Option<String>,
    pub note: Option<String>,
}

impl BadgeCard {
    /// Reads the text of a badge's QR code. Refused (field [`Field::Badge`]) when it is neither a
    /// vCard nor a MECARD ([`Reason::NotABadge`]), or names nobody: no name, company, phone or
    /// email ([`Reason::EmptyBadge`]).
    pub fn parse(text: &str) -> Result<BadgeCard, ValidationError> {
        let text = text.trim_start_matches('\u{feff}').trim();
        let card = if starts_with_ignore_case(text, "BEGIN:VCARD") {
            vcard(text)
        } else if starts_with_ignore_case(text, "MECARD:") {
            mecard(&text["MECARD:".len()..])
        } else {
            return Err(ValidationError::new(Field::Badge, Reason::NotABadge));
        };
        let card = card.tidied();
        if card.name.is_empty() && card.company.is_none() && card.phone.is_none() && card.email.is_none() {
            return Err(ValidationError::new(Field::Badge, Reason::EmptyBadge));
        }
        Ok(card)
    }

    /// Fills `lead` with the card: its name, company, phone and email, and the title, address, web
    /// site and note as lines of the lead's notes (a lead has no fields of their own for them).
    pub fn fill(&self, lead: &mut Lead) {
        lead.name = self.name.clone();
        lead.company = self.company.clone();
        lead.phone = self.phone.clone();
        lead.email = self.email.clone();
        let lines: Vec<&str> = [&self.title, &self.address, &self.website, &self.note]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .chain((!lead.notes.trim().is_empty()).then_some(lead.notes.as_str()))
            .collect();
        lead.notes = lines.join("\n");
    }

    /// Every value trimmed, blank ones dropped, phones and emails without their URI scheme.
    fn tidied(self) -> BadgeCard {
        let tidy = |v: Option<String>| v.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let strip = |v: Option<String>, scheme: &str| {
            tidy(v)
                .map(|v| if starts_with_ignore_case(&v, scheme) { v[scheme.len()..].to_owned() } else { v })
        };
        BadgeCard {
            name: self.name.split_whitespace().collect::<Vec<_>>().join(" "),
            company: tidy(self.company),
            title: tidy(self.title),
            // "tel:+33-6-12-34-56-78;ext=12": the number without the scheme or the parameters.
            phone: strip(self.phone, "tel:").and_then(|p| tidy(p.split(';').next().map(str::to_owned))),
            email: strip(self.email, "mailto:"),
            address: tidy(self.address),
            website: tidy(self.website),
            note: tidy(self.note),
        }
    }
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len()).is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

/// One property of a vCard: its name (without group), parameters and raw value.
struct Property {
    name: String,
    params: Vec<(String, String)>,
    value: String,
}

impl Property {
    /// Whether a parameter (`TYPE=work`, or vCard 2.1's bare `WORK`) says `word`.
    fn says(&self, word: &str) -> bool {
        self.params.iter().any(|(key, value)| {
            // `WORK`, or vCard 4's `PREF=1`.
            (key.eq_ignore_ascii_case(word) && (value.is_empty() || word == "PREF"))
                || ((key.eq_ignore_ascii_case("TYPE") || key.is_empty())
                    && value.split(',').any(|v| v.trim_matches('"').eq_ignore_ascii_case(word)))
        })
    }

    fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim_matches('"'))
    }

    fn quoted_printable(&self) -> bool {
        self.says("QUOTED-PRINTABLE")
            || self.param("ENCODING").is_some_and(|e| e.eq_ignore_ascii_case("QUOTED-PRINTABLE"))
    }

    /// The value's text: quoted-printable decoded in its charset, then vCard escapes read, as its
    /// `;`-separated components.
    fn components(&self) -> Vec<String> {
        let raw = if self.quoted_printable() {
            let bytes = decode_quoted_printable(&self.value);
            let latin1 = self.param("CHARSET").is_some_and(|c| {
                ["ISO-8859-1", "ISO-8859-15", "LATIN1", "WINDOWS-1252"]
                    .iter()
                    .any(|l| c.eq_ignore_ascii_case(l))
            });
            match (latin1, String::from_utf8(bytes)) {
                (false, Ok(text)) => text,
                (_, Err(e)) => e.into_bytes().into_iter().map(char::from).collect(),
                (true, Ok(text)) => text.bytes().map(char::from).collect(),
            }
        } else {
            self.value.clone()
        };
        split_escaped(&raw, ';', |c| match c {
            'n' | 'N' => Some('\n'),
            ',' | ';' | '\\' | ':' => Some(c),
            _ => None,
        })
    }

    fn text(&self) -> String {
        self.components().join(" ")
    }
}

/// Splits `text` on unescaped `separator`, reading `\x` through `unescape` (a backslash before
/// anything else stays as typed).
fn split_escaped(text: &str, separator: char, unescape: impl Fn(char) -> Option<char>) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        let part = parts.last_mut().expect("never empty");
        match c {
            '\\' => match chars.next() {
                Some(next) => match unescape(next) {
                    Some(plain) => part.push(plain),
                    None => {
                        part.push('\\');
                        part.push(next);
                    }
                },
                None => part.push('\\'),
            },
            c if c == separator => parts.push(String::new()),
            c => part.push(c),
        }
    }
    parts
}

/// Quoted-printable (RFC 2045 6.7) to bytes; a malformed escape is kept as written.
fn decode_quoted_printable(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'=', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (b, ..) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// The logical lines of a vCard: folded lines unfolded, quoted-printable soft breaks joined.
fn unfolded_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut soft_break = false;
    for line in text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)) {
        match lines.last_mut() {
            Some(last) if soft_break => last.push_str(line.trim_start()),
            Some(last) if line.starts_with([' ', '\t']) => last.push_str(&line[1..]),
            _ => lines.push(line.to_owned()),
        }
        let last = lines.last_mut().expect("just pushed");
        // "=" ending a quoted-printable value: the value goes on on the next line.
        soft_break = last.ends_with('=') && is_quoted_printable_line(last);
        if soft_break {
            last.pop();
        }
    }
    lines
}

fn is_quoted_printable_line(line: &str) -> bool {
    line.split_once(':').is_some_and(|(head, _)| head.to_ascii_uppercase().contains("QUOTED-PRINTABLE"))
}

/// `item1.TEL;TYPE=work,voice;PREF=1:+33 6…` → its name, parameters and value; `None` for a line
/// with no `:` outside quotes.
fn property(line: &str) -> Option<Property> {
    let mut in_quotes = false;
    let colon = line.char_indices().find_map(|(i, c)| {
        match c {
            '"' => in_quotes = !in_quotes,
            ':' if !in_quotes => return Some(i),
            _ => {}
        }
        None
    })?;
    let (head, value) = (&line[..colon], &line[colon + 1..]);
    let mut parts = head.split(';');
    let name = parts.next()?;
    let name = name.rsplit('.').next().unwrap_or(name).trim().to_ascii_uppercase();
    let params = parts
        .map(|p| match p.split_once('=') {
            Some((key, value)) => (key.trim().to_owned(), value.trim().to_owned()),
            // vCard 2.1 writes bare types: `TEL;WORK;VOICE`.
            None => (p.trim().to_owned(), String::new()),
        })
        .collect();
    Some(Property { name, params, value: value.to_owned() })
}

/// "Given Additional Family" from an `N` value's components (family; given; additional; prefix; suffix).
fn name_from_parts(parts: &[String]) -> String {
    let part = |i: usize| parts.get(i).map(String::as_str).unwrap_or("").trim();
    [part(1), part(2), part(0)].into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
}

fn vcard(text: &str) -> BadgeCard {
    let mut card = BadgeCard::default();
    let (mut formatted, mut structured) = (None, None);
    let (mut phones, mut emails): (Vec<Property>, Vec<Property>) = (Vec::new(), Vec::new());
    for property in unfolded_lines(text).iter().skip(1).filter_map(|line| property(line)) {
        match property.name.as_str() {
            "END" => break,
            "FN" => formatted = Some(property.text()),
            "N" => structured = Some(name_from_parts(&property.components())),
            "ORG" => card.company = property.components().into_iter().find(|c| !c.trim().is_empty()),
            "TITLE" => card.title = Some(property.text()),
            "ROLE" if card.title.is_none() => card.title = Some(property.text()),
            "TEL" => phones.push(property),
            "EMAIL" => emails.push(property),
            "ADR" if card.address.is_none() => card.address = Some(address(&property.components())),
            "URL" if card.website.is_none() => card.website = Some(property.components().join(";")),
            "NOTE" => card.note = Some(property.components().join(";")),
            _ => {}
        }
    }
    card.name = formatted.filter(|n| !n.trim().is_empty()).or(structured).unwrap_or_default();
    let preferred = |list: &[Property], words: &[&str]| {
        let pick = words.iter().find_map(|w| list.iter().find(|p| p.says(w)));
        pick.or(list.first()).map(|p| p.components().join(";"))
    };
    card.phone = preferred(&phones, &["PREF", "WORK", "CELL"]);
    card.email = preferred(&emails, &["PREF", "WORK", "INTERNET"]);
    card
}

/// An `ADR` (post box; extended; street; city; region; postcode; country) on one line:
/// "12 rue des Lilas, 44000 Nantes, France".
fn address(parts: &[String]) -> String {
    let part = |i: usize| parts.get(i).map(|p| p.trim()).unwrap_or("");
    let town = [part(5), part(3)].into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ");
    [part(0), part(1), part(2), town.as_str(), part(4), part(6)]
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.replace('\n', ", "))
        .collect::<Vec<_>>()
        .join(", ")
}

fn mecard(body: &str) -> BadgeCard {
    let mut card = BadgeCard::default();
    let unescape = |c| matches!(c, ';' | ':' | ',' | '\\').then_some(c);
    for field in split_escaped_keeping(body) {
        let Some((key, raw)) = field.split_once(':') else { continue };
        let value = Some(split_escaped(raw, '\u{0}', unescape).concat()).filter(|v| !v.trim().is_empty());
        match key.trim().to_ascii_uppercase().as_str() {
            // "Martin,Claire": family name, then given name.
            "N" => card.name = name_from_parts(&split_escaped(raw, ',', unescape)),
            "ORG" => card.company = card.company.or(value),
            "TITLE" => card.title = card.title.or(value),
            "TEL" => card.phone = card.phone.or(value),
            "EMAIL" => card.email = card.email.or(value),
            // MECARD's address is one text; some printers put ADR's components in, comma separated.
            "ADR" => {
                card.address = card.address.or(value.map(|_| address(&split_escaped(raw, ',', unescape))))
            }
            "URL" => card.website = card.website.or(value),
            "NOTE" => card.note = card.note.or(value),
            _ => {}
        }
    }
    card
}

/// A MECARD's fields, split on unescaped `;`, each still escaped (its value is read later, so an
/// escaped `:` in a value is not taken for the key's).
fn split_escaped_keeping(body: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        let field = fields.last_mut().expect("never empty");
        match c {
            '\\' => {
                field.push('\\');
                if let Some(next) = chars.next() {
                    field.push(next);
                }
            }
            ';' => fields.push(String::new()),
            c => field.push(c),
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The badges of tests/vectors/badges: each `<name>.txt` with what it must read as in
    /// `<name>.expected` (`field: value` lines; a missing field must be `None`).
    #[test]
    fn real_world_badges_fill_a_lead() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/badges");
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let text = std::fs::read(&path).unwrap();
            // Latin-1 samples are stored as their bytes.
            let text = String::from_utf8(text).unwrap();
            let expected = std::fs::read_to_string(path.with_extension("expected")).unwrap();
            let field = |name: &str| {
                expected
                    .lines()
                    .find_map(|l| l.strip_prefix(name).and_then(|rest| rest.strip_prefix(": ")))
                    .map(|v| v.replace("\\n", "\n"))
            };
            let card = BadgeCard::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let got = [
                ("name", Some(card.name.clone())),
                ("company", card.company.clone()),
                ("title", card.title.clone()),
                ("phone", card.phone.clone()),
                ("email", card.email.clone()),
                ("address", card.address.clone()),
                ("website", card.website.clone()),
                ("note", card.note.clone()),
            ];
            for (name, value) in got {
                assert_eq!(value, field(name), "{} {name}", path.display());
            }
            checked += 1;
        }
        assert!(checked >= 6, "only {checked} badges in {}", dir.display());
    }

    #[test]
    fn quoted_printable_latin1_and_soft_breaks_are_decoded() {
        let text = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:L=E9ger;Ren=\r\n=E9e\r\nTEL;CELL:06 11 22 33 44\r\nEND:VCARD\r\n";
        let card = BadgeCard::parse(text).unwrap();
        assert_eq!(card.name, "Renée Léger");
        assert_eq!(card.phone.as_deref(), Some("06 11 22 33 44"));
    }

    #[test]
    fn text_that_is_no_badge_is_refused_with_the_reason() {
        for text in ["", "https://sirha.example/badge/123", "BEGIN:VCALENDAR\nEND:VCALENDAR", "Claire Martin"]
        {
            let e = BadgeCard::parse(text).unwrap_err();
            assert_eq!((e.field, e.reason), (Field::Badge, Reason::NotABadge), "{text:?}");
        }
        let e = BadgeCard::parse("BEGIN:VCARD\nVERSION:3.0\nNOTE:VIP\nEND:VCARD").unwrap_err();
        assert_eq!(e.reason, Reason::EmptyBadge);
        assert_eq!(BadgeCard::parse("MECARD:;;").unwrap_err().reason, Reason::EmptyBadge);
    }

    #[test]
    fn a_card_fills_a_lead_that_the_core_accepts() {
        let card = BadgeCard::parse(
            "MECARD:N:Martin,Claire;ORG:Boulangerie Martin;TITLE:Gérante;TEL:+33612345678;EMAIL:claire@martin.fr;;",
        )
        .unwrap();
        let mut lead = Lead::new("Sirha 2026", "", "rep1");
        lead.notes = "Stand B12".into();
        card.fill(&mut lead);
        assert_eq!(lead.name, "Claire Martin");
        assert_eq!(lead.company.as_deref(), Some("Boulangerie Martin"));
        assert_eq!(lead.notes, "Gérante\nStand B12");
        lead.validate().unwrap();
    }

    #[test]
    fn any_text_is_read_without_panicking() {
        // Truncated escapes, odd separators and multi-byte characters at every cut.
        let samples = [
            "BEGIN:VCARD\nN;ENCODING=QUOTED-PRINTABLE:=C3=\nFN:\\",
            "MECARD:N:\\",
            "MECARD:N:Élodie\\;;TEL:=;;",
            "BEGIN:VCARD\n\tcontinued\nTEL;VALUE=uri:tel:+33-1-23-45-67-89;ext=2\nADR:;;;;;;;;;;\nEND:VCARD",
        ];
        for sample in samples {
            for cut in (0..=sample.len()).filter(|&i| sample.is_char_boundary(i)) {
                let _ = BadgeCard::parse(&sample[..cut]);
            }
        }
        let card = BadgeCard::parse(samples[3]).unwrap();
        assert_eq!(card.phone.as_deref(), Some("+33-1-23-45-67-89"));
    }
}
