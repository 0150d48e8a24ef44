//! Trade-show leads: captured in seconds (with a warning when the company is already an account),
//! listed per event, then qualified into an account and a contact, or discarded.

use serde_json::json;
use tournee_core::app::{LeadCapture, Session};
use tournee_core::i18n::label;
use tournee_core::model::*;

use super::field::with_warning;
use super::Ctx;
use crate::device::find_account;
use crate::error::{CliError, Result};
use crate::parse;
use crate::render::Out;
use crate::words::{msg, say};

pub struct NewLead {
    pub event: String,
    pub name: String,
    pub company: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: String,
    pub interest: Option<String>,
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

pub fn add(ctx: &Ctx, new: NewLead) -> Result<Out> {
    let lang = ctx.lang;
    let interest =
        parse::opt(new.interest.as_ref(), |t| parse::code(lang, "--interest", t, InterestLevel::ALL))?;
    let session = ctx.session()?;
    let mut lead = session.new_lead(&new.event, &new.name);
    lead.company = non_empty(new.company);
    lead.email = non_empty(new.email);
    lead.phone = non_empty(new.phone);
    lead.notes = new.notes;
    lead.interest = interest;
    let LeadCapture { lead, similar_accounts: similar } = session.capture_lead(&lead)?;
    let who = lead.company.clone().map_or_else(|| lead.name.clone(), |c| format!("{}, {c}", lead.name));
    let text = say!(lang, msg::LEAD_CAPTURED, event = lead.event, person = who, id = lead.id);
    Ok(Out { text: with_warning(lang, text, &similar), json: json!({ "lead": lead, "similar": similar }) })
}

pub fn list(ctx: &Ctx, event: &str) -> Result<Out> {
    let lang = ctx.lang;
    let leads = ctx.session()?.event_leads(event)?;
    let mut text = say!(lang, msg::LEADS_OF, event = event, count = leads.len());
    for l in &leads {
        let contact =
            [&l.company, &l.email, &l.phone].into_iter().flatten().cloned().collect::<Vec<_>>().join(", ");
        text.push_str(&format!("\n  {}  {}  [{}]  {contact}", l.id, l.name, label(l.status, lang)));
    }
    Ok(Out { json: serde_json::to_value(&leads).unwrap_or_default(), text })
}

/// A lead of `event` still to decide on.
fn new_lead(ctx: &Ctx, session: &Session, id: &str, event: &str) -> Result<Lead> {
    let lead = session
        .event_leads(event)?
        .into_iter()
        .find(|l| l.id == id.trim())
        .ok_or_else(|| CliError::NotFound { field: "LEAD".into(), value: id.to_owned() })?;
    if lead.status != LeadStatus::New {
        let refused = Reason::LeadNotNew { status: lead.status };
        return Err(CliError::invalid("LEAD", refused.message(ctx.lang)));
    }
    Ok(lead)
}

pub fn qualify(ctx: &Ctx, id: &str, event: &str, into: Option<&str>, horizon: Option<&str>) -> Result<Out> {
    let lang = ctx.lang;
    let horizon = horizon.map(|t| parse::code(lang, "--horizon", t, NeedHorizon::ALL)).transpose()?;
    let session = ctx.session()?;
    let lead = new_lead(ctx, &session, id, event)?;
    let into = into.map(|which| find_account(&session, "--into", which)).transpose()?;
    let done = session.qualify_lead(&lead.id, into.as_ref().map(|a| a.id.as_str()), horizon)?;
    let (lead, account) = (&done.lead, &done.account);
    let text = say!(lang, msg::LEAD_QUALIFIED, person = lead.name, account = account.name, id = account.id);
    Ok(Out { text, json: serde_json::to_value(&done).unwrap_or_default() })
}

pub fn discard(ctx: &Ctx, id: &str, event: &str) -> Result<Out> {
    let session = ctx.session()?;
    let lead = new_lead(ctx, &session, id, event)?;
    let lead = session.discard_lead(&lead.id)?;
    Ok(Out { text: say!(ctx.lang, msg::LEAD_DISCARDED, person = lead.name), json: json!({ "lead": lead }) })
}
