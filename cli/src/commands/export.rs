//! `tournee export WHAT -o FILE`: accounts, contacts, visits, follow-ups, opportunities, an
//! event's leads or the weekly dashboard, as CSV in the user's language or as JSON.

use serde_json::json;
use tournee_core::app::{ExportFormat, ExportKind};
use tournee_core::insights::Scope;

use super::Ctx;
use crate::args::ExportArgs;
use crate::error::{CliError, Result};
use crate::parse;
use crate::render::Out;
use crate::words::{msg, say};

const WHATS: &[&str] =
    &["accounts", "contacts", "visits", "follow-ups", "opportunities", "leads", "dashboard"];

pub fn run(ctx: &Ctx, a: ExportArgs) -> Result<Out> {
    let lang = ctx.lang;
    let format = match a.format.trim().to_ascii_lowercase().as_str() {
        "csv" => ExportFormat::Csv,
        "json" => ExportFormat::Json,
        _ => {
            let text = say!(lang, msg::UNKNOWN_CODE, text = a.format, choices = "csv, json");
            return Err(CliError::invalid("--format", text));
        }
    };
    let week = parse::opt(a.week.as_ref(), |t| parse::day(lang, "--week", t))?;
    let today = parse::today(ctx.zone);
    let what = a.what.trim().to_ascii_lowercase().replace('_', "-");
    let kind = match what.as_str() {
        "accounts" => Some(ExportKind::Accounts),
        "contacts" => Some(ExportKind::Contacts),
        "visits" => Some(ExportKind::Visits),
        "follow-ups" => Some(ExportKind::FollowUps),
        "opportunities" => Some(ExportKind::Opportunities),
        "leads" => match a.event.filter(|e| !e.trim().is_empty()) {
            Some(event) => Some(ExportKind::Leads { event }),
            None => return Err(CliError::invalid("--event", say!(lang, msg::NEEDS_EVENT))),
        },
        // The dashboard's scope may be this user's, known once the session is open.
        "dashboard" => None,
        _ => {
            let text = say!(lang, msg::UNKNOWN_CODE, text = a.what, choices = WHATS.join(", "));
            return Err(CliError::invalid("WHAT", text));
        }
    };
    let session = ctx.session()?;
    let kind = match kind {
        Some(kind) => kind,
        None => {
            let scope = match (a.rep, a.team) {
                (Some(rep), _) => Scope::Rep(session.person_id(&rep)?),
                (None, true) => Scope::Team,
                (None, false) => Scope::Rep(session.identity().user_id.clone()),
            };
            ExportKind::Dashboard { scope, day: week.unwrap_or(today) }
        }
    };
    let exported = session.export(&kind, format, lang, today)?;
    std::fs::write(&a.output, &exported.bytes).map_err(|e| CliError::io(&a.output, e))?;
    let file = a.output.display().to_string();
    Ok(Out {
        text: say!(lang, msg::EXPORTED, rows = exported.rows, file = file),
        json: json!({ "file": file, "rows": exported.rows, "bytes": exported.bytes.len() }),
    })
}
