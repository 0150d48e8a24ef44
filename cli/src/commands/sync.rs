//! The device and its server: enroll, status, sync (with a progress bar), conflicts.

use std::path::Path;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use serde_json::json;
use tournee_core::doc::ConflictResolution;
use tournee_core::i18n::label;
use tournee_core::sync::SyncError;

use super::Ctx;
use crate::device::runtime;
use crate::error::{CliError, Result};
use crate::render::{self, Out};
use crate::words::{msg, say};

pub fn enroll(ctx: &Ctx, server: &str, code: &str, device_name: &str, ca_cert: Option<&Path>) -> Result<Out> {
    let ca_pem = ca_cert.map(read_ca).transpose()?;
    let session = runtime()?.block_on(ctx.home()?.enroll(server, code, device_name, ca_pem.as_deref()))?;
    let enrollment = session.identity();
    let role = label(enrollment.role, ctx.lang);
    let text = say!(
        ctx.lang,
        msg::ENROLLED,
        user = enrollment.user_id,
        role = role,
        server = server,
        device = enrollment.device_id
    );
    let json = json!({
        "user_id": enrollment.user_id,
        "team_id": enrollment.team_id,
        "role": enrollment.role,
        "device_id": enrollment.device_id,
        "server": server,
    });
    Ok(Out { json, text })
}

/// The PEM file of a private certificate authority (`--ca-cert`); its content is checked by the core.
pub fn read_ca(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| CliError::io(path, e))
}

pub fn status(ctx: &Ctx) -> Result<Out> {
    let lang = ctx.lang;
    let home = ctx.home()?;
    let session = match home.open() {
        Ok(session) => Some(session),
        Err(SyncError::NotEnrolled) => None,
        Err(e) => return Err(e.into()),
    };
    let me = session.as_ref().map(|s| s.identity().clone());
    let store = session.as_ref().map(|s| s.store());
    let pending = store.map(|s| s.outbox_count()).transpose()?.unwrap_or(0);
    let conflicts = store.map(|s| s.conflicts()).transpose()?.map_or(0, |c| c.len());
    let quarantined = store.map(|s| s.quarantined()).transpose()?.unwrap_or_default();
    let mut text = match &me {
        Some(me) => say!(
            lang,
            msg::STATUS_ENROLLED,
            user = me.user_id,
            role = label(me.role, lang),
            server = me.server_url,
            device = me.device_id
        ),
        None => say!(lang, msg::STATUS_NOT_ENROLLED),
    };
    text.push('\n');
    text.push_str(&say!(lang, msg::STATUS_STORE, path = home.store_path().display().to_string()));
    text.push('\n');
    text.push_str(&say!(lang, msg::STATUS_PENDING, pending = pending, conflicts = conflicts));
    for doc in &quarantined {
        text.push('\n');
        text.push_str(&say!(lang, msg::STATUS_QUARANTINED, document = doc.doc_id, reason = doc.reason));
    }
    let json = json!({
        "enrolled": me.is_some(),
        "user_id": me.as_ref().map(|m| &m.user_id),
        "team_id": me.as_ref().and_then(|m| m.team_id.as_ref()),
        "role": me.as_ref().map(|m| m.role),
        "device_id": me.as_ref().map(|m| &m.device_id),
        "server": me.as_ref().map(|m| &m.server_url),
        "store": home.store_path().display().to_string(),
        "pending_changes": pending,
        "conflicts": conflicts,
        "quarantined": quarantined,
    });
    Ok(Out { json, text })
}

pub fn sync(ctx: &Ctx) -> Result<Out> {
    let session = ctx.session()?;
    let me = session.identity();
    let pending = session.outbox_count()?;
    let bar = if ctx.json { ProgressBar::hidden() } else { ProgressBar::new(pending) };
    let template =
        format!("{{spinner}} {{msg}} [{{bar:30}}] {{pos}}/{{len}} {}", say!(ctx.lang, msg::SYNC_PROGRESS));
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(say!(ctx.lang, msg::SYNCING, server = me.server_url));
    bar.enable_steady_tick(Duration::from_millis(100));
    let report = runtime()?.block_on(async {
        let sync = session.sync();
        tokio::pin!(sync);
        let mut tick = tokio::time::interval(Duration::from_millis(100));
        loop {
            tokio::select! {
                report = &mut sync => break report,
                _ = tick.tick() => {
                    if let Ok(left) = session.outbox_count() {
                        bar.set_position(pending.saturating_sub(left));
                    }
                }
            }
        }
    });
    bar.finish_and_clear();
    let out = render::sync_report(ctx.lang, &report?);
    Ok(Out { json: json!({ "server": me.server_url, "report": out.json }), text: out.text })
}

pub fn conflicts(ctx: &Ctx) -> Result<Out> {
    let session = ctx.session()?;
    let list = session.conflicts()?;
    Ok(render::conflicts(ctx.lang, session.store(), &list))
}

pub fn resolve(
    ctx: &Ctx,
    number: usize,
    keep: Option<String>,
    restore: bool,
    confirm_delete: bool,
) -> Result<Out> {
    let lang = ctx.lang;
    let resolution = match (keep, restore, confirm_delete) {
        (Some(value), false, false) => ConflictResolution::Keep(value),
        (None, true, false) => ConflictResolution::Restore,
        (None, false, true) => ConflictResolution::ConfirmDelete,
        _ => return Err(CliError::invalid("--keep", say!(lang, msg::ONE_RESOLUTION))),
    };
    let session = ctx.session()?;
    let list = session.conflicts()?;
    let conflict = number.checked_sub(1).and_then(|i| list.get(i)).ok_or_else(|| {
        CliError::invalid("NUMBER", say!(lang, msg::NO_SUCH_CONFLICT, number = number, count = list.len()))
    })?;
    session.resolve_conflict(conflict, &resolution)?;
    Ok(Out {
        text: say!(lang, msg::CONFLICT_RESOLVED, number = number),
        json: json!({ "resolved": conflict, "resolution": resolution, "remaining": session.conflicts()?.len() }),
    })
}
