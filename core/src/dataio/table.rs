//! A spreadsheet's CSV export as rows of text: the bytes decoded (UTF-8 with or without a byte
//! order mark, UTF-16 with one, else Windows-1252, what French spreadsheets still write), the
//! separator sniffed (`;`, `,` or tab), quoted fields and line breaks inside them read by the
//! `csv` crate, and each row numbered by the file line it starts on.

use std::borrow::Cow;

use crate::model::{Field, Reason, ValidationError};

/// The text encodings an imported file is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum TextEncoding {
    Utf8,
    /// UTF-8 announced by a byte order mark (Excel's "CSV UTF-8").
    Utf8WithBom,
    Utf16,
    /// Windows-1252 (a superset of Latin-1): any file that is not valid UTF-8.
    Windows1252,
}

/// One row of the file: the line of the file it starts on (1 for the first), and its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: u32,
    pub cells: Vec<String>,
}

/// A file read as a table: its header row and the rows under it (blank rows left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub encoding: TextEncoding,
    pub delimiter: char,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

impl Row {
    /// Cell `at`, trimmed; empty when the row is shorter.
    pub fn cell(&self, at: usize) -> &str {
        self.cells.get(at).map_or("", |c| c.trim())
    }
}

/// Decodes `bytes` as the file's encoding says or suggests.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, TextEncoding) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        let which =
            if encoding == encoding_rs::UTF_8 { TextEncoding::Utf8WithBom } else { TextEncoding::Utf16 };
        return (text, which);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), TextEncoding::Utf8),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (text, TextEncoding::Windows1252)
        }
    }
}

/// The separator of the header line: the most frequent of `;`, `,` and tab outside quotes (`;`
/// on a tie, as French spreadsheets write it; `,` when the line has none).
pub fn sniff_delimiter(text: &str) -> char {
    let mut counts = [(';', 0usize), (',', 0), ('\t', 0)];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            _ if !quoted => {
                if let Some(slot) = counts.iter_mut().find(|(d, _)| *d == c) {
                    slot.1 += 1;
                }
            }
            _ => {}
        }
    }
    // The first of the most frequent, in the order above: the semicolon wins a tie.
    let mut best = (',', 0);
    for (d, n) in counts {
        if n > best.1 {
            best = (d, n);
        }
    }
    best.0
}

/// Reads `bytes` as a table with a header row. A file with no header, or no row under it, is
/// refused naming the file.
pub fn read(bytes: &[u8]) -> Result<Table, ValidationError> {
    let (text, encoding) = decode(bytes);
    // Windows line ends become plain ones: the reader then numbers every record's line right (a
    // record after a CRLF was numbered one line early), and notes keep one kind of line break.
    let text = if text.contains("\r\n") { Cow::Owned(text.replace("\r\n", "\n")) } else { text };
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter as u8)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            // The input is text already decoded and held in memory: the reader has no I/O to fail
            // and no invalid UTF-8 to meet. Should it fail anyway, what was read stands.
            Err(e) => {
                tracing::warn!("an imported file stopped reading early: {e}");
                break;
            }
        }
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = record.position().map_or(0, |p| u32::try_from(p.line()).unwrap_or(u32::MAX));
        match headers {
            None => headers = Some(cells.iter().map(|c| c.trim().to_owned()).collect()),
            Some(_) => rows.push(Row { line, cells }),
        }
    }
    let headers = headers.ok_or_else(|| ValidationError::new(Field::File, Reason::EmptyFile))?;
    if rows.is_empty() {
        return Err(ValidationError::new(Field::File, Reason::EmptyFile));
    }
    Ok(Table { encoding, delimiter, headers, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_separator_is_the_header_s_most_frequent_outside_quotes() {
        assert_eq!(sniff_delimiter("Nom;Ville;CP\nA;B;C"), ';');
        assert_eq!(sniff_delimiter("name,city,postcode\n"), ',');
        assert_eq!(sniff_delimiter("\"Nom, prénom\";Ville\n"), ';');
        assert_eq!(sniff_delimiter("name\tcity\n"), '\t');
        assert_eq!(sniff_delimiter("name\n"), ',');
        assert_eq!(sniff_delimiter("a;b,c\n"), ';');
    }

    #[test]
    fn encodings_are_told_apart() {
        assert_eq!(decode("Société".as_bytes()), (Cow::Borrowed("Société"), TextEncoding::Utf8));
        let (text, enc) = decode(b"\xEF\xBB\xBFNom");
        assert_eq!((text.as_ref(), enc), ("Nom", TextEncoding::Utf8WithBom));
        let (text, enc) = decode(b"Soci\xE9t\xE9 \x80");
        assert_eq!((text.as_ref(), enc), ("Société €", TextEncoding::Windows1252));
        let (text, enc) = decode(b"\xFF\xFEN\x00o\x00m\x00");
        assert_eq!((text.as_ref(), enc), ("Nom", TextEncoding::Utf16));
    }

    #[test]
    fn rows_keep_the_line_they_start_on_and_blank_rows_are_skipped() {
        let table = read(b"Nom;Notes\n\"A\";\"deux\nlignes\"\n\n;\nB;x\n").unwrap();
        assert_eq!(table.headers, vec!["Nom", "Notes"]);
        assert_eq!(table.rows.len(), 2);
        assert_eq!((table.rows[0].line, table.rows[0].cell(1)), (2, "deux\nlignes"));
        assert_eq!((table.rows[1].line, table.rows[1].cell(0)), (6, "B"));
        assert_eq!(read(b"Nom;Ville\n").unwrap_err().reason, Reason::EmptyFile);
        assert_eq!(read(b"").unwrap_err().field, Field::File);
        let crlf = read(b"Nom;Notes\r\nA;\"deux\r\nlignes\"\r\nB;x\r\n").unwrap();
        assert_eq!((crlf.rows[0].line, crlf.rows[0].cell(1)), (2, "deux\nlignes"));
        assert_eq!(crlf.rows[1].line, 4);
    }
}
