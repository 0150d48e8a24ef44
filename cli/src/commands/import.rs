//! `tournee import accounts FILE`: the client file from a spreadsheet, shown as a dry run or
//! imported, every refused line named with its line, field and reason.

use std::path::Path;

use serde_json::json;
use tournee_core::app::{ImportOptions, ImportReport};
use tournee_core::dataio::accounts::parse_mapping;
use tournee_core::dataio::table::TextEncoding;
use tournee_core::i18n::{label, Lang};
use tournee_core::model::Field;

use super::field::account_line;
use super::Ctx;
use crate::error::{CliError, Result};
use crate::render::Out;
use crate::words::{msg, say};

/// The file's bytes and the options, read before anything is opened.
fn prepare(
    file: &Path,
    dry_run: bool,
    skip_refused: bool,
    map: &[String],
) -> Result<(Vec<u8>, ImportOptions)> {
    let mappings = map
        .iter()
        .map(|m| parse_mapping(m).map_err(|error| CliError::Refused { field: "--map".into(), error }))
        .collect::<Result<Vec<_>>>()?;
    let bytes = std::fs::read(file).map_err(|e| CliError::io(file, e))?;
    Ok((bytes, ImportOptions { mappings, dry_run, skip_refused }))
}

/// A file refused as a whole names the mapping, or the field no column holds.
fn refused_file(lang: Lang, e: tournee_core::Error) -> CliError {
    match e {
        tournee_core::Error::Invalid(error) => {
            let field =
                if error.field == Field::Column { "--map".to_owned() } else { error.field.label(lang) };
            CliError::Refused { field, error }
        }
        e => e.into(),
    }
}

pub fn accounts(ctx: &Ctx, file: &Path, dry_run: bool, skip_refused: bool, map: &[String]) -> Result<Out> {
    let lang = ctx.lang;
    let (bytes, options) = prepare(file, dry_run, skip_refused, map)?;
    let session = ctx.session()?;
    let report = session.import_accounts(&bytes, &options, lang).map_err(|e| refused_file(lang, e))?;
    Ok(Out { text: text(lang, file, &report, dry_run), json: to_json(&report, dry_run) })
}

pub fn revenue(ctx: &Ctx, file: &Path, dry_run: bool, skip_refused: bool, map: &[String]) -> Result<Out> {
    let lang = ctx.lang;
    let (bytes, options) = prepare(file, dry_run, skip_refused, map)?;
    let session = ctx.session()?;
    let r = session.import_revenue(&bytes, &options, lang).map_err(|e| refused_file(lang, e))?;
    let mut out = header(lang, file, r.rows, r.encoding, &r.delimiter, &r.columns);
    out.push_str("\n\n");
    let said = if r.written { msg::REVENUE_SET } else { msg::REVENUE_TO_SET };
    out.push_str(&say!(
        lang,
        said,
        figures = r.figures_set,
        accounts = r.accounts,
        unchanged = r.figures_unchanged
    ));
    refused_lines(lang, &mut out, &r.refused);
    out.push('\n');
    out.push_str(&closing(lang, dry_run, r.written));
    let refused: Vec<_> =
        r.refused.iter().map(|l| json!({ "line": l.line, "field": l.field, "message": l.text })).collect();
    let json = json!({
        "dry_run": dry_run, "written": r.written, "encoding": encoding_name(r.encoding),
        "delimiter": r.delimiter, "rows": r.rows, "accounts": r.accounts,
        "figures_set": r.figures_set, "figures_unchanged": r.figures_unchanged, "refused": refused,
    });
    Ok(Out { text: out, json })
}

fn header(
    lang: Lang,
    file: &Path,
    rows: u32,
    encoding: TextEncoding,
    delimiter: &str,
    columns: &[tournee_core::dataio::accounts::ImportColumn],
) -> String {
    let delimiter = if delimiter == "\t" { "TAB".to_owned() } else { delimiter.to_owned() };
    let mut out = say!(
        lang,
        msg::IMPORT_READ,
        file = file.display().to_string(),
        rows = rows,
        encoding = encoding_name(encoding),
        delimiter = delimiter
    );
    for c in columns {
        let field = c.field.map_or_else(|| say!(lang, msg::IMPORT_IGNORED), |f| label(f, lang));
        out.push_str(&format!("\n  {} → {field}", c.column));
    }
    out
}

fn refused_lines(lang: Lang, out: &mut String, refused: &[tournee_core::app::RefusedLine]) {
    if refused.is_empty() {
        return;
    }
    out.push('\n');
    out.push_str(&say!(lang, msg::IMPORT_REFUSED, count = refused.len()));
    for line in refused {
        out.push('\n');
        out.push_str(&say!(lang, msg::IMPORT_REFUSED_LINE, line = line.line.to_string(), reason = line.text));
    }
}

fn closing(lang: Lang, dry_run: bool, written: bool) -> String {
    if dry_run {
        say!(lang, msg::IMPORT_DRY_RUN)
    } else if !written {
        say!(lang, msg::IMPORT_STOPPED)
    } else {
        say!(lang, msg::IMPORT_DONE)
    }
}

fn encoding_name(encoding: TextEncoding) -> &'static str {
    match encoding {
        TextEncoding::Utf8 => "UTF-8",
        TextEncoding::Utf8WithBom => "UTF-8 (BOM)",
        TextEncoding::Utf16 => "UTF-16",
        TextEncoding::Windows1252 => "Windows-1252",
    }
}

fn text(lang: Lang, file: &Path, r: &ImportReport, dry_run: bool) -> String {
    let mut out = header(lang, file, r.rows, r.encoding, &r.delimiter, &r.columns);
    let new_contacts: u32 = r.created.iter().map(|a| a.new_contacts).sum();
    let created = if r.written { msg::IMPORT_CREATED } else { msg::IMPORT_TO_CREATE };
    out.push_str("\n\n");
    out.push_str(&say!(lang, created, count = r.created.len(), contacts = new_contacts));
    let existing_contacts: u32 = r.existing.iter().map(|a| a.new_contacts).sum();
    if !r.existing.is_empty() {
        out.push('\n');
        out.push_str(&say!(
            lang,
            msg::IMPORT_EXISTING,
            count = r.existing.len(),
            contacts = existing_contacts
        ));
    }
    for a in r.created.iter().filter(|a| !a.similar_accounts.is_empty()) {
        out.push('\n');
        out.push_str(&say!(lang, msg::IMPORT_SIMILAR, line = a.line.to_string(), name = a.name));
        for s in &a.similar_accounts {
            out.push('\n');
            out.push_str(&account_line(lang, s));
        }
    }
    refused_lines(lang, &mut out, &r.refused);
    out.push('\n');
    out.push_str(&closing(lang, dry_run, r.written));
    out
}

fn to_json(r: &ImportReport, dry_run: bool) -> serde_json::Value {
    let account = |a: &tournee_core::app::ImportedAccount| {
        json!({
            "line": a.line, "external_ref": a.external_ref, "account_id": a.account_id, "name": a.name,
            "new_contacts": a.new_contacts, "similar": a.similar_accounts,
        })
    };
    json!({
        "dry_run": dry_run,
        "written": r.written,
        "encoding": encoding_name(r.encoding),
        "delimiter": r.delimiter,
        "rows": r.rows,
        "columns": r.columns.iter().map(|c| json!({ "column": c.column, "field": c.field })).collect::<Vec<_>>(),
        "created": r.created.iter().map(account).collect::<Vec<_>>(),
        "existing": r.existing.iter().map(account).collect::<Vec<_>>(),
        "refused": r.refused.iter().map(|l| json!({
            "line": l.line, "field": l.field, "message": l.text,
        })).collect::<Vec<_>>(),
    })
}
