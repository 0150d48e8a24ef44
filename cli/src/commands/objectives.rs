//! A manager's objectives: set per rep or team, period and metric, edited, listed.

use serde_json::json;
use tournee_core::app::Session;
use tournee_core::i18n::{format_count, format_date, format_money, label, Lang};
use tournee_core::insights::Scope;
use tournee_core::model::*;

use super::Ctx;
use crate::error::Result;
use crate::parse;
use crate::render::Out;
use crate::words::{msg, say};

fn target(lang: Lang, metric: Metric, text: &str) -> Result<i64> {
    if metric.is_money() {
        parse::euros(lang, Field::Target, text)
    } else {
        parse::whole_number(lang, "--target", text)
    }
}

fn shown_target(lang: Lang, o: &Objective) -> String {
    if o.metric.is_money() {
        format_money(o.target, lang)
    } else {
        format_count(o.target, lang)
    }
}

/// Whom an objective is for: the rep by name, or the team.
fn who(session: &Session, lang: Lang, o: &Objective) -> String {
    match &o.rep {
        Some(id) => session.person_name(id).unwrap_or_else(|_| id.clone()),
        None => say!(lang, msg::TEAM),
    }
}

fn saved(session: &Session, lang: Lang, o: Objective) -> Out {
    let text = say!(
        lang,
        msg::OBJECTIVE_SAVED,
        metric = label(o.metric, lang),
        target = shown_target(lang, &o),
        who = who(session, lang, &o),
        start = format_date(o.period_start, lang),
        end = format_date(o.period_end, lang),
        id = o.id
    );
    Out { text, json: json!({ "objective": o }) }
}

pub fn set(
    ctx: &Ctx,
    metric: &str,
    target_text: &str,
    rep: Option<String>,
    period: &str,
    note: Option<String>,
) -> Result<Out> {
    let lang = ctx.lang;
    let metric = parse::code(lang, "--metric", metric, Metric::ALL)?;
    let target = target(lang, metric, target_text)?;
    let period = parse::period(lang, "--period", period)?;
    let session = ctx.session()?;
    let rep = rep.map(|r| session.person_id(&r)).transpose()?;
    let mut objective = session.new_objective(rep, metric, target, period.start, period.end);
    objective.note = note.filter(|n| !n.trim().is_empty());
    Ok(saved(&session, lang, session.save_objective(&objective)?))
}

pub fn edit(
    ctx: &Ctx,
    id: &str,
    metric: Option<&str>,
    target_text: Option<&str>,
    period: Option<&str>,
    note: Option<String>,
) -> Result<Out> {
    let lang = ctx.lang;
    let metric = metric.map(|m| parse::code(lang, "--metric", m, Metric::ALL)).transpose()?;
    let period = period.map(|p| parse::period(lang, "--period", p)).transpose()?;
    if metric.is_none() && target_text.is_none() && period.is_none() && note.is_none() {
        return Err(crate::error::CliError::invalid("OBJECTIVE", say!(lang, msg::NOTHING_TO_CHANGE)));
    }
    let session = ctx.session()?;
    let mut objective = session.objective(id)?;
    if let Some(metric) = metric {
        objective.metric = metric;
    }
    if let Some(text) = target_text {
        objective.target = target(lang, objective.metric, text)?;
    }
    if let Some(period) = period {
        (objective.period_start, objective.period_end) = (period.start, period.end);
    }
    if let Some(note) = note {
        objective.note = Some(note).filter(|n| !n.trim().is_empty());
    }
    Ok(saved(&session, lang, session.save_objective(&objective)?))
}

pub fn list(ctx: &Ctx, rep: Option<String>, team: bool, period: Option<&str>) -> Result<Out> {
    let lang = ctx.lang;
    let period = period.map(|p| parse::period(lang, "--period", p)).transpose()?;
    let session = ctx.session()?;
    let scope = match (rep, team) {
        (Some(rep), _) => Some(Scope::Rep(session.person_id(&rep)?)),
        (None, true) => Some(Scope::Team),
        (None, false) => None,
    };
    let objectives = session.objectives(scope.as_ref(), period)?;
    let mut text = say!(lang, msg::OBJECTIVES, count = objectives.len());
    for o in &objectives {
        let line = format!(
            "  {}  {} – {}  {}  {}  {}  {}",
            o.id,
            format_date(o.period_start, lang),
            format_date(o.period_end, lang),
            who(&session, lang, o),
            label(o.metric, lang),
            shown_target(lang, o),
            o.note.as_deref().unwrap_or("")
        );
        text.push('\n');
        text.push_str(line.trim_end());
    }
    Ok(Out { text, json: json!({ "objectives": objectives }) })
}
