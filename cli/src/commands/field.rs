//! A rep's day: log a visit, the agenda, accounts (search, create, edit, show), the dashboard.

use serde_json::json;
use tournee_core::app::{CreatedAccount, LoggedVisit};
use tournee_core::i18n::{format_date, format_money, label, Lang};
use tournee_core::insights::Scope;
use tournee_core::model::*;
use tournee_core::store::{AccountListItem, TimelineItem};

use super::Ctx;
use crate::args::{AccountFields, VisitArgs};
use crate::device::find_account;
use crate::error::{CliError, Result};
use crate::parse;
use crate::render::{self, Out};
use crate::words::{msg, say};

pub fn visit(ctx: &Ctx, a: VisitArgs) -> Result<Out> {
    let lang = ctx.lang;
    let channel = parse::code(lang, "--channel", &a.channel, Channel::ALL)?;
    let (started_at, offset) = match &a.at {
        Some(at) => parse::local_time(lang, ctx.zone, "--at", at)?,
        None => parse::now(ctx.zone),
    };
    let duration = parse::whole_number(lang, "--duration", &a.duration)?;
    let outcome = parse::opt(a.outcome.as_ref(), |t| parse::code(lang, "--outcome", t, Outcome::ALL))?;
    let interest =
        parse::opt(a.interest.as_ref(), |t| parse::code(lang, "--interest", t, InterestLevel::ALL))?;
    let order =
        parse::opt(a.order.as_ref(), |t| parse::euros(lang, Field::OrderAmountCents, t))?.unwrap_or(0);
    let margin =
        parse::opt(a.margin.as_ref(), |t| parse::euros(lang, Field::OrderMarginCents, t))?.unwrap_or(0);
    let due = parse::opt(a.due.as_ref(), |t| parse::day(lang, "--due", t))?;
    if due.is_some() && a.next_step.is_none() {
        return Err(CliError::invalid("--due", say!(lang, msg::NEEDS_NEXT_STEP)));
    }

    let session = ctx.session()?;
    let account = find_account(&session, "--account", &a.account)?;
    let mut visit = session.new_visit(&account.id, channel, started_at, offset);
    visit.duration_minutes = duration;
    visit.objective = a.objective;
    visit.notes = a.notes;
    visit.outcome = outcome;
    visit.interest = interest;
    visit.products = a.products;
    visit.order_amount_cents = order;
    visit.order_margin_cents = margin;
    visit.next_step = a.next_step;
    let LoggedVisit { visit, follow_up } = session.log_visit(&visit, due)?;

    let mut text = say!(lang, msg::VISIT_LOGGED, account = account.name, channel = label(channel, lang));
    if order > 0 {
        text.push(' ');
        text.push_str(&say!(
            lang,
            msg::ORDER,
            amount = format_money(order, lang),
            margin = format_money(margin, lang)
        ));
    }
    if let Some(f) = &follow_up {
        text.push('\n');
        text.push_str(&say!(
            lang,
            msg::FOLLOW_UP_CREATED,
            date = format_date(f.due_on, lang),
            action = f.action
        ));
    }
    let json = json!({ "account": { "id": account.id, "name": account.name }, "visit": visit, "follow_up": follow_up });
    Ok(Out { json, text })
}

pub fn agenda(ctx: &Ctx, day: Option<&str>) -> Result<Out> {
    let lang = ctx.lang;
    let day = match day {
        Some(d) => parse::day(lang, "--day", d)?,
        None => parse::today(ctx.zone),
    };
    let agenda = ctx.session()?.agenda(day)?;
    let mut text = say!(lang, msg::AGENDA_TITLE, date = format_date(day, lang));
    text.push_str(&format!("\n{}\n", say!(lang, msg::PLANNED_VISITS, count = agenda.visits.len())));
    if agenda.visits.is_empty() {
        text.push_str(&format!("  {}\n", say!(lang, msg::NOTHING)));
    }
    for v in &agenda.visits {
        let at = v.visit.started_at + chrono::Duration::minutes(v.visit.utc_offset_minutes.into());
        let channel = label(v.visit.channel, lang);
        text.push_str(&format!("  {}  {}  ({channel})\n", at.format("%H:%M"), v.account_name));
    }
    text.push_str(&say!(lang, msg::FOLLOW_UPS_DUE, count = agenda.follow_ups.len()));
    if agenda.follow_ups.is_empty() {
        text.push_str(&format!("\n  {}", say!(lang, msg::NOTHING)));
    }
    for f in &agenda.follow_ups {
        let late = if f.overdue { format!("  [{}]", say!(lang, msg::OVERDUE)) } else { String::new() };
        text.push_str(&format!(
            "\n  {}  {}: {}{late}  ({})",
            format_date(f.follow_up.due_on, lang),
            f.account_name,
            f.follow_up.action,
            f.follow_up.id
        ));
    }
    Ok(Out { json: serde_json::to_value(&agenda).unwrap_or_default(), text })
}

/// Marks one of this rep's open follow-ups done, now.
pub fn done(ctx: &Ctx, id: &str) -> Result<Out> {
    let session = ctx.session()?;
    let follow_up = session.complete_follow_up(id).map_err(|e| match e {
        tournee_core::Error::NotFound { .. } => {
            CliError::NotFound { field: "FOLLOW_UP".into(), value: id.to_owned() }
        }
        e => e.into(),
    })?;
    let account_name = session.store().account(&follow_up.account_id)?.name;
    Ok(Out {
        text: say!(ctx.lang, msg::FOLLOW_UP_DONE, action = follow_up.action, account = account_name),
        json: json!({ "follow_up": follow_up, "account_name": account_name }),
    })
}

pub(super) fn account_line(lang: Lang, a: &AccountListItem) -> String {
    let place =
        [a.postcode.as_deref(), a.city.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
    format!("  {}  {}  [{}]  {place}", a.id, a.name, label(a.kind, lang))
}

pub fn search(ctx: &Ctx, text: &str, limit: u32) -> Result<Out> {
    let found = ctx.session()?.search_accounts(text, limit)?;
    let mut out = say!(ctx.lang, msg::ACCOUNTS_FOUND, count = found.len());
    for a in &found {
        out.push('\n');
        out.push_str(&account_line(ctx.lang, a));
    }
    Ok(Out { json: serde_json::to_value(&found).unwrap_or_default(), text: out })
}

/// The account fields given on the command line, parsed: `Some` for each one to change. An empty
/// text clears an optional field.
struct AccountEdit<'a> {
    fields: &'a AccountFields,
    kind: Option<AccountKind>,
    horizon: Option<NeedHorizon>,
    source: Option<LeadSource>,
    potential: Option<i64>,
    dispute: Option<bool>,
}

impl<'a> AccountEdit<'a> {
    fn parse(lang: Lang, fields: &'a AccountFields) -> Result<Self> {
        let dispute = parse::opt(fields.dispute.as_ref(), |t| match t.trim() {
            "true" | "yes" | "oui" => Ok(true),
            "false" | "no" | "non" => Ok(false),
            other => Err(CliError::invalid(
                "--dispute",
                say!(lang, msg::UNKNOWN_CODE, text = other, choices = "true, false"),
            )),
        })?;
        Ok(AccountEdit {
            fields,
            kind: parse::opt(fields.kind.as_ref(), |t| parse::code(lang, "--kind", t, AccountKind::ALL))?,
            horizon: parse::opt(fields.horizon.as_ref(), |t| {
                parse::code(lang, "--horizon", t, NeedHorizon::ALL)
            })?,
            source: parse::opt(fields.source.as_ref(), |t| {
                parse::code(lang, "--source", t, LeadSource::ALL)
            })?,
            potential: parse::opt(fields.potential.as_ref(), |t| {
                parse::euros(lang, Field::PotentialCents, t)
            })?,
            dispute,
        })
    }

    /// Applies the changes; false when none was given.
    fn apply(&self, account: &mut Account) -> bool {
        let f = self.fields;
        let mut changed = false;
        let text = |value: &Option<String>, target: &mut Option<String>, changed: &mut bool| {
            if let Some(v) = value {
                *target = Some(v.trim().to_owned()).filter(|v| !v.is_empty());
                *changed = true;
            }
        };
        if let Some(name) = &f.name {
            account.name = name.trim().to_owned();
            changed = true;
        }
        if let Some(kind) = self.kind {
            account.set_kind(kind);
            changed = true;
        }
        if let Some(horizon) = self.horizon {
            account.need_horizon = Some(horizon);
            changed = true;
        }
        if let Some(source) = self.source {
            account.lead_source = Some(source);
            changed = true;
        }
        if let Some(potential) = self.potential {
            account.potential_cents = Some(potential);
            changed = true;
        }
        if let Some(dispute) = self.dispute {
            account.open_dispute = dispute;
            changed = true;
        }
        if let Some(notes) = &f.notes {
            account.notes = notes.clone();
            changed = true;
        }
        text(&f.territory, &mut account.territory, &mut changed);
        text(&f.segment, &mut account.segment, &mut changed);
        text(&f.address, &mut account.address, &mut changed);
        text(&f.postcode, &mut account.postcode, &mut changed);
        text(&f.city, &mut account.city, &mut changed);
        text(&f.phone, &mut account.phone, &mut changed);
        text(&f.website, &mut account.website, &mut changed);
        text(&f.registration, &mut account.registration_number, &mut changed);
        changed
    }
}

pub fn with_warning(lang: Lang, mut text: String, similar: &[AccountListItem]) -> String {
    if !similar.is_empty() {
        text.push('\n');
        text.push_str(&say!(lang, msg::LOOKS_LIKE));
        for a in similar {
            text.push('\n');
            text.push_str(&account_line(lang, a));
        }
    }
    text
}

pub fn account_new(ctx: &Ctx, fields: &AccountFields) -> Result<Out> {
    let edit = AccountEdit::parse(ctx.lang, fields)?;
    let session = ctx.session()?;
    let mut account = session.new_account("", AccountKind::Prospect);
    edit.apply(&mut account);
    let CreatedAccount { account, similar_accounts: similar } = session.create_account(&account)?;
    let text = say!(ctx.lang, msg::ACCOUNT_CREATED, name = account.name, id = account.id);
    Ok(Out {
        text: with_warning(ctx.lang, text, &similar),
        json: json!({ "account": account, "similar": similar }),
    })
}

pub fn account_edit(ctx: &Ctx, which: &str, fields: &AccountFields) -> Result<Out> {
    let edit = AccountEdit::parse(ctx.lang, fields)?;
    let session = ctx.session()?;
    let mut account = find_account(&session, "ACCOUNT", which)?;
    if !edit.apply(&mut account) {
        return Err(CliError::invalid("ACCOUNT", say!(ctx.lang, msg::NOTHING_TO_CHANGE)));
    }
    let account = session.save_account(&account)?;
    let text = say!(ctx.lang, msg::ACCOUNT_SAVED, name = account.name, id = account.id);
    Ok(Out { text, json: json!({ "account": account }) })
}

pub fn account_show(ctx: &Ctx, which: &str) -> Result<Out> {
    let lang = ctx.lang;
    let session = ctx.session()?;
    let account = find_account(&session, "ACCOUNT", which)?;
    let detail = session.account_detail(&account.id)?;
    let a = &detail.account;
    let mut text = format!("{}  [{}]  {}", a.name, label(a.kind, lang), a.id);
    for value in [&a.address, &a.postcode, &a.city, &a.phone, &a.website].into_iter().flatten() {
        text.push_str(&format!("\n  {value}"));
    }
    if !a.notes.is_empty() {
        text.push_str(&format!("\n  {}", a.notes.replace('\n', "\n  ")));
    }
    if !detail.merged_from.is_empty() {
        text.push_str(&format!(
            "\n{}",
            say!(lang, msg::MERGED_FROM, accounts = detail.merged_from.join(", "))
        ));
    }
    text.push_str(&format!("\n{}", say!(lang, msg::CONTACTS, count = detail.contacts.len())));
    for c in &detail.contacts {
        let details =
            [&c.role, &c.phone, &c.email].into_iter().flatten().cloned().collect::<Vec<_>>().join(", ");
        text.push_str(&format!("\n  {}  {details}", c.name));
    }
    text.push_str(&format!("\n{}", say!(lang, msg::TIMELINE, count = detail.timeline.len())));
    for item in &detail.timeline {
        match item {
            TimelineItem::Visit(v) => {
                let order = if v.order_amount_cents > 0 {
                    format!("  {}", format_money(v.order_amount_cents, lang))
                } else {
                    String::new()
                };
                let first_line = v.notes.lines().next().unwrap_or("");
                text.push_str(&format!(
                    "\n  {}  {}{order}  {first_line}",
                    format_date(v.local_day(), lang),
                    label(v.channel, lang)
                ));
            }
            TimelineItem::FollowUp(f) => {
                let done = if f.done { format!(" [{}]", say!(lang, msg::DONE)) } else { String::new() };
                text.push_str(&format!("\n  {}  → {}{done}", format_date(f.due_on, lang), f.action));
            }
        }
    }
    Ok(Out { json: serde_json::to_value(&detail).unwrap_or_default(), text })
}

pub fn dashboard(ctx: &Ctx, team: bool, rep: Option<String>, week: Option<&str>) -> Result<Out> {
    let lang = ctx.lang;
    let day = match week {
        Some(d) => parse::day(lang, "--week", d)?,
        None => parse::today(ctx.zone),
    };
    let session = ctx.session()?;
    let me_id = session.identity().user_id.clone();
    let scope = match (team, rep) {
        (true, _) => Scope::Team,
        (false, Some(rep)) => Scope::Rep(session.person_id(&rep)?),
        (false, None) => Scope::Rep(me_id.clone()),
    };
    let dashboard = session.weekly_dashboard(&scope, day, parse::today(ctx.zone))?;
    let who = |id: &str| {
        let name = session.person_name(id).unwrap_or_else(|_| id.to_owned());
        if id == me_id {
            say!(lang, msg::ME, user = name)
        } else {
            name
        }
    };
    Ok(Out {
        text: render::dashboard(lang, &dashboard, &who),
        json: serde_json::to_value(&dashboard).unwrap_or_default(),
    })
}
