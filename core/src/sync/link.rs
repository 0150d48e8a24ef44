//! What an enrollment QR code holds, so a phone enrolls by pointing its camera at the admin's
//! screen: `tournee:enroll?server=<address>&code=<one-time code>` (both percent-encoded), or the
//! one-time code alone (the person then types the server's address).

use crate::model::{Field, Reason, ValidationError};

/// The start of an enrollment link.
const PREFIX: &str = "tournee:enroll?";

/// An enrollment link: the server to enroll with, when the link names it, and the one-time code.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct EnrollmentLink {
    pub server_url: Option<String>,
    pub code: String,
}

impl EnrollmentLink {
    /// The link's text, for the admin to show as a QR code.
    pub fn to_text(&self) -> String {
        let mut text = PREFIX.to_owned();
        if let Some(server) = &self.server_url {
            text.push_str("server=");
            text.push_str(&encode(server));
            text.push('&');
        }
        text.push_str("code=");
        text.push_str(&encode(&self.code));
        text
    }

    /// Reads a scanned enrollment link, or a code alone. Refused (field [`Field::EnrollmentCode`],
    /// [`Reason::NotAnEnrollmentCode`]) when the text is neither, such as a badge or a web address.
    pub fn parse(text: &str) -> Result<EnrollmentLink, ValidationError> {
        let text = text.trim();
        let refused = || ValidationError::new(Field::EnrollmentCode, Reason::NotAnEnrollmentCode);
        let Some(query) = text.strip_prefix(PREFIX) else {
            return if looks_like_a_code(text) {
                Ok(EnrollmentLink { server_url: None, code: text.to_owned() })
            } else {
                Err(refused())
            };
        };
        let (mut server_url, mut code) = (None, None);
        for pair in query.split('&') {
            match pair.split_once('=') {
                Some(("server", value)) => server_url = Some(decode(value).ok_or_else(refused)?),
                Some(("code", value)) => code = Some(decode(value).ok_or_else(refused)?),
                _ => {}
            }
        }
        let code = code.filter(|c| looks_like_a_code(c)).ok_or_else(refused)?;
        let server_url = server_url.filter(|s| s.starts_with("https://") || s.starts_with("http://"));
        Ok(EnrollmentLink { server_url, code })
    }
}

/// A one-time code as the server issues it: letters and digits in groups (dashes or spaces between).
fn looks_like_a_code(text: &str) -> bool {
    let significant = text.chars().filter(|c| c.is_ascii_alphanumeric()).count();
    (8..=64).contains(&significant) && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ' ')
}

/// Percent-encodes every byte but the unreserved ones (RFC 3986).
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Percent-decodes; `None` for a malformed escape or text that is not UTF-8.
fn decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_round_trips_and_a_code_alone_is_read() {
        let link = EnrollmentLink {
            server_url: Some("https://tournee.example:8765/a b".into()),
            code: "K7QX2-29FMA-Q".into(),
        };
        let text = link.to_text();
        assert_eq!(
            text,
            "tournee:enroll?server=https%3A%2F%2Ftournee.example%3A8765%2Fa%20b&code=K7QX2-29FMA-Q"
        );
        assert_eq!(EnrollmentLink::parse(&text).unwrap(), link);
        let alone = EnrollmentLink::parse("  k7qx2 29fma ").unwrap();
        assert_eq!((alone.server_url, alone.code.as_str()), (None, "k7qx2 29fma"));
    }

    #[test]
    fn other_codes_are_refused_naming_the_field() {
        for text in [
            "BEGIN:VCARD\nFN:Claire\nEND:VCARD",
            "https://example.com",
            "abc",
            "tournee:enroll?server=https%3A%2F%2Fx",
            "tournee:enroll?code=%ZZ",
        ] {
            let e = EnrollmentLink::parse(text).unwrap_err();
            assert_eq!((e.field, e.reason), (Field::EnrollmentCode, Reason::NotAnEnrollmentCode), "{text:?}");
        }
        // A server address that is no web address is dropped: the person types it.
        let link = EnrollmentLink::parse("tournee:enroll?server=javascript%3Ax&code=K7QX2-29FMA").unwrap();
        assert_eq!(link.server_url, None);
    }
}
