//! What a command gives back (text for people, JSON for scripts) and the text of the views that
//! several commands and the demo show: the dashboard, the conflicts, a sync report.

use serde_json::{json, Value};
use tournee_core::doc::conflict::DELETED_FIELD;
use tournee_core::doc::Conflict;
use tournee_core::i18n::{format_count, format_date, format_money, format_percent, label, Lang};
use tournee_core::insights::{AbcClass, Dashboard, Indicator, Scope, Unit};
use tournee_core::model::Field;
use tournee_core::store::Store;
use tournee_core::sync::SyncReport;

use crate::words::{msg, say};

/// The result of a command: the same facts for people and for scripts.
pub struct Out {
    pub json: Value,
    pub text: String,
}

fn value(lang: Lang, unit: Unit, v: Option<f64>) -> String {
    match (unit, v) {
        (_, None) => "—".to_owned(),
        (Unit::Count, Some(v)) => format_count(v.round() as i64, lang),
        (Unit::Cents, Some(v)) => format_money(v.round() as i64, lang),
        (Unit::Percent, Some(v)) => format_percent(v, lang),
    }
}

fn objective(lang: Lang, indicator: &Indicator) -> String {
    let Some(o) = indicator.objective else { return String::new() };
    let unit = if indicator.unit == Unit::Cents { Unit::Cents } else { Unit::Count };
    let share = o.percent.map(|p| format!(" ({})", format_percent(p, lang))).unwrap_or_default();
    format!(
        "{} / {}{share}",
        value(lang, unit, Some(o.actual as f64)),
        value(lang, unit, Some(o.target as f64))
    )
}

/// The dashboard as a table; `who` names a user id.
pub fn dashboard(lang: Lang, d: &Dashboard, who: &dyn Fn(&str) -> String) -> String {
    let (start, end, today) =
        (format_date(d.week.start, lang), format_date(d.week.end, lang), format_date(d.today, lang));
    let mut out = match &d.scope {
        Scope::Team => say!(lang, msg::DASHBOARD_TEAM, start = start, end = end, today = today),
        Scope::Rep(rep) => {
            say!(lang, msg::DASHBOARD_REP, start = start, end = end, today = today, rep = who(rep))
        }
    };
    out.push('\n');
    let width = d.indicators.iter().map(|i| label(i.key, lang).chars().count()).max().unwrap_or(0);
    out.push_str(&format!(
        "  {:<width$}  {:>16}  {:>16}  {}\n",
        say!(lang, msg::COL_INDICATOR),
        say!(lang, msg::COL_WEEK),
        say!(lang, msg::COL_PREVIOUS),
        say!(lang, msg::COL_OBJECTIVE)
    ));
    for i in &d.indicators {
        let line = format!(
            "  {:<width$}  {:>16}  {:>16}  {}",
            label(i.key, lang),
            value(lang, i.unit, i.value),
            value(lang, i.unit, i.previous),
            objective(lang, i)
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push_str(&format!("\n{}\n", say!(lang, msg::ACTIONS_DUE, count = d.actions_due.len())));
    for a in &d.actions_due {
        let late = if a.overdue { format!("  [{}]", say!(lang, msg::OVERDUE)) } else { String::new() };
        let line = say!(
            lang,
            msg::ACTION_DUE,
            date = format_date(a.due_on, lang),
            account = a.account_name.as_deref().unwrap_or(&a.account_id),
            action = a.action,
            owner = who(&a.owner)
        );
        out.push_str(&format!("  {line}{late}\n"));
    }
    out.push_str(&format!("\n{}\n", say!(lang, msg::LOOK_AT, count = d.accounts_to_look_at.len())));
    for a in &d.accounts_to_look_at {
        let class = match a.abc_class {
            Some(AbcClass::A) => " [A]",
            Some(AbcClass::B) => " [B]",
            Some(AbcClass::C) => " [C]",
            None => "",
        };
        let line = say!(
            lang,
            msg::TO_LOOK_AT,
            reason = label(a.reason, lang),
            account = format!("{}{class}", a.account.name),
            owner = who(&a.account.owner_rep)
        );
        out.push_str(&format!("  {line}\n"));
    }
    out
}

/// The name of what a conflict is about: the account's name for an account document.
fn subject(store: &Store, c: &Conflict) -> String {
    store.account(&c.doc_id).map(|a| a.name).unwrap_or_else(|_| c.doc_id.clone())
}

/// The conflicts, numbered from 1 in the order given, as text and as JSON.
pub fn conflicts(lang: Lang, store: &Store, list: &[Conflict]) -> Out {
    let mut text = say!(lang, msg::CONFLICTS, count = list.len());
    let mut items = Vec::new();
    for (n, c) in list.iter().enumerate() {
        let (number, name, what) = (n + 1, subject(store, c), label(c.collection, lang));
        text.push_str("\n  ");
        if c.field == DELETED_FIELD {
            text.push_str(&say!(lang, msg::CONFLICT_DELETED, number = number, subject = name, what = what));
        } else {
            let values =
                c.values.iter().map(|v| say!(lang, msg::QUOTED, text = v)).collect::<Vec<_>>().join(" / ");
            // A field of a nested map ("revenue.<month>") has no label of its own: shown as stored.
            let field = Field::parse(&c.field).map_or_else(|| c.field.clone(), |f| label(f, lang));
            text.push_str(&say!(
                lang,
                msg::CONFLICT_FIELD,
                number = number,
                subject = name,
                what = what,
                field = field,
                values = values,
                shown = c.winner
            ));
        }
        let mut item = serde_json::to_value(c).unwrap_or(Value::Null);
        item["number"] = json!(number);
        item["subject"] = json!(name);
        items.push(item);
    }
    Out { json: Value::Array(items), text }
}

pub fn sync_report(lang: Lang, r: &SyncReport) -> Out {
    let mut text = say!(
        lang,
        msg::SYNC_REPORT,
        sent = r.sent,
        received = r.received,
        conflicts = r.conflicts,
        pending = r.still_pending,
        round_trips = r.round_trips,
        bytes_up = r.bytes_sent,
        bytes_down = r.bytes_received
    );
    if r.conflicts > 0 {
        text.push(' ');
        text.push_str(&say!(lang, msg::REVIEW_CONFLICTS));
    }
    if r.quarantined > 0 {
        text.push(' ');
        text.push_str(&say!(lang, msg::QUARANTINED, count = r.quarantined));
    }
    let json = json!({
        "sent": r.sent,
        "received": r.received,
        "conflicts": r.conflicts,
        "quarantined": r.quarantined,
        "still_pending": r.still_pending,
        "round_trips": r.round_trips,
        "bytes_sent": r.bytes_sent,
        "bytes_received": r.bytes_received,
    });
    Out { json, text }
}
