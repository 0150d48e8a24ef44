//! One enrolled device over the FFI: converts types and errors over [`Session`], which holds
//! every rule.
//!
//! Every call that reads or writes the store is `async` (Kotlin `suspend`, Swift `async`) and runs
//! on a blocking worker, so no screen waits on SQLite on its main thread; making a record that is
//! not saved yet is synchronous. Each write is durable when it returns, then the change listener
//! hears what it changed.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use super::error::TourneeError;
use super::types::{LocalDate, Timestamp};
use crate::app::{
    AccountFilter, AccountMatch, Change, ChangeObserver, CreatedAccount, ExportFormat, ExportKind, Exported,
    ImportOptions, ImportReport, LeadCapture, LoggedVisit, RevenueReport, ScopeChoice, Session,
};
use crate::doc::{Collection, Conflict, ConflictResolution};
use crate::i18n::Lang;
use crate::insights::{Dashboard, FollowUpList, Kpis, Period, Scope, WeeklyTrend};
use crate::model::*;
use crate::store::{AccountDetail, AccountListItem, Agenda, DuplicateCandidate, PipelineItem, QualifiedLead};
use crate::sync::{DeviceIdentity, SyncReport};

type Result<T> = std::result::Result<T, TourneeError>;

/// Told after every change of the device's data with what changed, so a screen reloads only what
/// it shows. Called on the thread that made the change (a worker thread); keep it short.
#[uniffi::export(callback_interface)]
pub trait ChangeListener: Send + Sync {
    fn on_change(&self, change: Change) -> std::result::Result<(), TourneeError>;
}

/// Where the device stands with the server, as Today says it; kept in the store across restarts.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SyncStatus {
    /// When the last sync that succeeded ended; `None` before the first one.
    pub last_synced_at: Option<Timestamp>,
    /// Local changes waiting for the server (`say(Message.PendingChanges)` words it).
    pub pending_changes: u64,
    /// When the last sync failed, if it failed after the last success.
    pub last_failed_at: Option<Timestamp>,
    /// Why it failed, in the device's language.
    pub last_error: Option<String>,
}

/// A listener that throws is logged, not propagated: the change itself is already durable.
struct Listener(Box<dyn ChangeListener>);

impl ChangeObserver for Listener {
    fn changed(&self, change: &Change) {
        if let Err(e) = self.0.on_change(change.clone()) {
            tracing::warn!("change listener failed: {e}");
        }
    }
}

/// An enrolled device and its offline store.
#[derive(uniffi::Object)]
pub struct Device {
    session: Arc<Session>,
    /// The language of error messages: French when set.
    french: AtomicBool,
}

impl Device {
    pub(super) fn new(session: Session, lang: Lang) -> Arc<Device> {
        Arc::new(Device { session: Arc::new(session), french: AtomicBool::new(lang == Lang::Fr) })
    }

    fn lang(&self) -> Lang {
        if self.french.load(Ordering::Relaxed) {
            Lang::Fr
        } else {
            Lang::En
        }
    }

    /// Runs `op` on the blocking pool and converts its error into the user's language. A panic
    /// there is contained and reported as a storage failure, never carried to the app.
    async fn run<T: Send + 'static>(
        &self,
        op: impl FnOnce(&Session) -> crate::Result<T> + Send + 'static,
    ) -> Result<T> {
        let session = Arc::clone(&self.session);
        let lang = self.lang();
        match tokio::task::spawn_blocking(move || op(&session)).await {
            Ok(result) => result.map_err(|e| TourneeError::from_core(e, lang)),
            Err(e) => {
                tracing::error!("a device call failed: {e}");
                Err(TourneeError::from_core(crate::Error::Poisoned, lang))
            }
        }
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl Device {
    /// Who this device acts for: records name `identity().user_id` as their rep or owner.
    pub fn identity(&self) -> DeviceIdentity {
        self.session.identity().clone()
    }

    /// The language of the messages of the errors this device returns.
    pub fn set_language(&self, lang: Lang) {
        self.french.store(lang == Lang::Fr, Ordering::Relaxed);
    }

    /// A counter of the changes seen by this device object (writes, and syncs that sent or
    /// received); [`Change::revision`] after the latest.
    pub fn revision(&self) -> u64 {
        self.session.revision()
    }

    /// Replaces the change listener.
    pub fn set_change_listener(&self, listener: Box<dyn ChangeListener>) {
        self.session.observe(Some(Arc::new(Listener(listener))));
    }

    pub fn clear_change_listener(&self) {
        self.session.observe(None);
    }

    /// Sends what this device wrote and receives what the team changed. Safe to cancel.
    pub async fn sync(&self) -> Result<SyncReport> {
        let session = Arc::clone(&self.session);
        let lang = self.lang();
        session.sync().await.map_err(|e| TourneeError::from_sync(e, lang))
    }

    /// Trusts the company's private certificate authority (PEM text) for this device's server from
    /// the next sync on (when the CA was replaced), or only the public roots again with `None`.
    /// A text holding no PEM certificate is refused (`Rejected`) and the CA trusted so far stays.
    pub async fn trust_server_ca(&self, ca_pem: Option<String>) -> Result<()> {
        let session = Arc::clone(&self.session);
        let lang = self.lang();
        let trusted = tokio::task::spawn_blocking(move || {
            crate::sync::trust_server_ca(session.store(), ca_pem.as_deref().map(str::as_bytes))
        })
        .await
        .map_err(|_| TourneeError::from_core(crate::Error::Poisoned, lang))?;
        trusted.map_err(|e| TourneeError::from_sync(e, lang))
    }

    /// The last sync that succeeded, what waits in the outbox, and the last failure since, with
    /// its reason in the device's language.
    pub async fn sync_status(&self) -> Result<SyncStatus> {
        let lang = self.lang();
        let status = self.run(|s| s.sync_status()).await?;
        Ok(SyncStatus {
            last_synced_at: status.last_synced_at,
            pending_changes: status.pending_changes,
            last_failed_at: status.last_failure.map(|f| f.at),
            last_error: status.last_failure.map(|f| f.message(lang)),
        })
    }

    /// Local changes waiting for the server.
    pub async fn outbox_count(&self) -> Result<u64> {
        self.run(|s| s.outbox_count()).await
    }

    /// The user's day: visits planned on `day` (a local day) and follow-ups due by then.
    pub async fn agenda(&self, day: LocalDate) -> Result<Agenda> {
        self.run(move |s| s.agenda(day)).await
    }

    /// Accounts matching what was typed (all accounts by name when nothing was).
    pub async fn search_accounts(&self, text: String, limit: u32) -> Result<Vec<AccountListItem>> {
        self.run(move |s| s.search_accounts(&text, limit)).await
    }

    /// The accounts `filter` lets through (words typed, kind, ABC class, dormant, mine or the
    /// team's), seen on local day `today`; at most `limit`, best matches first.
    pub async fn list_accounts(
        &self,
        filter: AccountFilter,
        today: LocalDate,
        limit: u32,
    ) -> Result<Vec<AccountListItem>> {
        self.run(move |s| s.list_accounts(&filter, today, limit)).await
    }

    /// The account an id or a few words of its name designate.
    pub async fn find_account(&self, text: String) -> Result<AccountMatch> {
        self.run(move |s| s.find_account(&text)).await
    }

    /// An account with its contacts, opportunities and timeline.
    pub async fn account_detail(&self, account_id: String) -> Result<AccountDetail> {
        self.run(move |s| s.account_detail(&account_id)).await
    }

    /// A new account owned by this user, not saved yet.
    pub fn new_account(&self, name: String, kind: AccountKind) -> Account {
        self.session.new_account(&name, kind)
    }

    /// Creates an account and lists the accounts it may duplicate (the warning to show).
    pub async fn create_account(&self, account: Account) -> Result<CreatedAccount> {
        self.run(move |s| s.create_account(&account)).await
    }

    /// Edits an account; returns it as stored.
    pub async fn save_account(&self, account: Account) -> Result<Account> {
        self.run(move |s| s.save_account(&account)).await
    }

    /// Imports the accounts and contacts of a CSV client file (its bytes as read): with
    /// `options.dry_run`, only what it would create, what it finds already imported, what looks
    /// like a duplicate and every refused line (line, field, reason in the device's language).
    /// Running it again creates nothing twice.
    pub async fn import_accounts(&self, file: Vec<u8>, options: ImportOptions) -> Result<ImportReport> {
        let lang = self.lang();
        self.run(move |s| s.import_accounts(&file, &options, lang)).await
    }

    /// Imports an ERP's revenue export (account reference, month, product family, amount): sets
    /// the figures the file covers and leaves the others; the same file again changes nothing.
    pub async fn import_revenue(&self, file: Vec<u8>, options: ImportOptions) -> Result<RevenueReport> {
        let lang = self.lang();
        self.run(move |s| s.import_revenue(&file, &options, lang)).await
    }

    /// Sets the device's time zone by IANA name (what the platform reports, e.g. `Europe/Paris`),
    /// or back to the system's with `None`; returns the name now set. An unknown name is refused.
    pub async fn set_time_zone(&self, name: Option<String>) -> Result<Option<String>> {
        self.run(move |s| Ok(s.set_time_zone(name.as_deref())?.name().map(str::to_owned))).await
    }

    /// The device's time zone's IANA name; `None` when it follows the system's.
    pub async fn time_zone(&self) -> Result<Option<String>> {
        self.run(|s| Ok(s.time_zone()?.name().map(str::to_owned))).await
    }

    /// Today in the device's time zone: the day to give the agenda, the follow-ups and the weekly
    /// dashboard.
    pub async fn today(&self) -> Result<LocalDate> {
        self.run(|s| s.today()).await
    }

    /// Exports accounts, contacts, visits, follow-ups, opportunities, an event's leads or the
    /// weekly dashboard, as CSV for a spreadsheet in the device's language or as JSON; `today` is
    /// the device's local day.
    pub async fn export(&self, kind: ExportKind, format: ExportFormat, today: LocalDate) -> Result<Exported> {
        let lang = self.lang();
        self.run(move |s| s.export(&kind, format, lang, today)).await
    }

    pub fn new_contact(&self, account_id: String, name: String) -> Contact {
        self.session.new_contact(&account_id, &name)
    }

    pub async fn save_contact(&self, contact: Contact) -> Result<Contact> {
        self.run(move |s| s.save_contact(&contact)).await
    }

    /// A done visit by this user, not saved yet. `utc_offset_minutes` is the device's offset then:
    /// it fixes the local day the visit counts on.
    pub fn new_visit(
        &self,
        account_id: String,
        channel: Channel,
        started_at: Timestamp,
        utc_offset_minutes: i32,
    ) -> VisitReport {
        self.session.new_visit(&account_id, channel, started_at, utc_offset_minutes)
    }

    /// Logs a new visit and, when it has a next step, its follow-up due on `next_step_due` (a week
    /// after the visit when `None`), in one write. Durable when this returns.
    pub async fn log_visit(
        &self,
        visit: VisitReport,
        next_step_due: Option<LocalDate>,
    ) -> Result<LoggedVisit> {
        self.run(move |s| s.log_visit(&visit, next_step_due)).await
    }

    /// Edits a logged visit (or saves a planned one).
    pub async fn save_visit(&self, visit: VisitReport) -> Result<VisitReport> {
        self.run(move |s| s.save_visit(&visit)).await
    }

    /// A visit as stored, to edit it.
    pub async fn visit(&self, visit_id: String) -> Result<VisitReport> {
        self.run(move |s| s.visit(&visit_id)).await
    }

    /// A follow-up owned by this user, not saved yet.
    pub fn new_follow_up(&self, account_id: String, action: String, due_on: LocalDate) -> FollowUp {
        self.session.new_follow_up(&account_id, &action, due_on)
    }

    pub async fn save_follow_up(&self, follow_up: FollowUp) -> Result<FollowUp> {
        self.run(move |s| s.save_follow_up(&follow_up)).await
    }

    /// Marks a follow-up done now.
    pub async fn complete_follow_up(&self, follow_up_id: String) -> Result<FollowUp> {
        self.run(move |s| s.complete_follow_up(&follow_up_id)).await
    }

    /// The user's prospects to follow up on local day `today`: due, due this week, at risk.
    pub async fn follow_ups(&self, today: LocalDate) -> Result<FollowUpList> {
        self.run(move |s| s.follow_ups(today)).await
    }

    /// An opportunity in qualification owned by this user, not saved yet.
    pub fn new_opportunity(
        &self,
        account_id: String,
        title: String,
        amount_cents: i64,
        probability: u8,
        expected_close: LocalDate,
    ) -> Opportunity {
        self.session.new_opportunity(&account_id, &title, amount_cents, probability, expected_close)
    }

    pub async fn save_opportunity(&self, opportunity: Opportunity) -> Result<Opportunity> {
        self.run(move |s| s.save_opportunity(&opportunity)).await
    }

    /// Open opportunities by expected close: this user's, or everyone's on this device.
    pub async fn pipeline(&self, mine_only: bool) -> Result<Vec<PipelineItem>> {
        self.run(move |s| s.pipeline(mine_only)).await
    }

    /// An objective of `rep` (or of the team when `None`), not saved yet.
    pub fn new_objective(
        &self,
        rep: Option<String>,
        metric: Metric,
        target: i64,
        period_start: LocalDate,
        period_end: LocalDate,
    ) -> Objective {
        self.session.new_objective(rep, metric, target, period_start, period_end)
    }

    pub async fn save_objective(&self, objective: Objective) -> Result<Objective> {
        self.run(move |s| s.save_objective(&objective)).await
    }

    /// The objectives of `scope` (a rep's or the team's; all when `None`) whose period meets
    /// `period` (any when `None`).
    pub async fn objectives(&self, scope: Option<Scope>, period: Option<Period>) -> Result<Vec<Objective>> {
        self.run(move |s| s.objectives(scope.as_ref(), period)).await
    }

    /// One objective, to edit it.
    pub async fn objective(&self, objective_id: String) -> Result<Objective> {
        self.run(move |s| s.objective(&objective_id)).await
    }

    /// A lead captured now by this user at `event`, not saved yet.
    pub fn new_lead(&self, event: String, name: String) -> Lead {
        self.session.new_lead(&event, &name)
    }

    /// A lead captured now by this user at `event`, filled from the text of a badge's QR code (a
    /// vCard or a MECARD), not saved yet; text that is no badge is refused as `Invalid` (field
    /// `Badge`), told in the device's language.
    pub fn lead_from_badge(&self, event: String, badge_text: String) -> Result<Lead> {
        self.session.lead_from_badge(&event, &badge_text).map_err(|e| TourneeError::from_core(e, self.lang()))
    }

    /// Saves a captured lead and lists the accounts it may duplicate (by company name or email domain).
    pub async fn capture_lead(&self, lead: Lead) -> Result<LeadCapture> {
        self.run(move |s| s.capture_lead(&lead)).await
    }

    /// Live accounts that a new account or lead with these details would duplicate.
    pub async fn similar_accounts(
        &self,
        name: String,
        postcode: Option<String>,
        email: Option<String>,
        registration_number: Option<String>,
    ) -> Result<Vec<AccountListItem>> {
        self.run(move |s| {
            s.similar_accounts(&name, postcode.as_deref(), email.as_deref(), registration_number.as_deref())
        })
        .await
    }

    /// The leads captured at `event`, newest first.
    pub async fn event_leads(&self, event: String) -> Result<Vec<Lead>> {
        self.run(move |s| s.event_leads(&event)).await
    }

    /// Qualifies a new lead: its person becomes a contact of `into_account_id` (a duplicate the user
    /// picked) or of a new prospect owned by this user, named after the lead's company; one transaction.
    pub async fn qualify_lead(
        &self,
        lead_id: String,
        into_account_id: Option<String>,
        need_horizon: Option<NeedHorizon>,
    ) -> Result<QualifiedLead> {
        self.run(move |s| s.qualify_lead(&lead_id, into_account_id.as_deref(), need_horizon)).await
    }

    /// Discards a new lead (not worth an account).
    pub async fn discard_lead(&self, lead_id: String) -> Result<Lead> {
        self.run(move |s| s.discard_lead(&lead_id)).await
    }

    /// Deletes a record; deleting an account hides everything logged on it.
    pub async fn delete(&self, collection: Collection, id: String) -> Result<()> {
        self.run(move |s| s.delete(collection, &id)).await
    }

    /// The true conflicts to review (same field edited differently on two devices, or a record
    /// deleted on one while edited on another).
    pub async fn conflicts(&self) -> Result<Vec<Conflict>> {
        self.run(|s| s.conflicts()).await
    }

    pub async fn resolve_conflict(&self, conflict: Conflict, resolution: ConflictResolution) -> Result<()> {
        self.run(move |s| s.resolve_conflict(&conflict, &resolution)).await
    }

    /// Accounts that look like the same company entered twice.
    pub async fn duplicate_candidates(&self) -> Result<Vec<DuplicateCandidate>> {
        self.run(|s| s.duplicate_candidates()).await
    }

    /// Merges the duplicate `absorbed` into `kept`; returns the kept account.
    pub async fn merge_accounts(&self, kept: String, absorbed: String) -> Result<Account> {
        self.run(move |s| s.merge_accounts(&kept, &absorbed)).await
    }

    /// The weekly dashboard of `scope` for the week of `today` (the viewer's local day). Names of
    /// its indicators and reasons: `indicator_label`, `attention_label`.
    pub async fn weekly_dashboard(&self, scope: Scope, today: LocalDate) -> Result<Dashboard> {
        self.run(move |s| s.weekly_dashboard(&scope, today, today)).await
    }

    /// Whose dashboards this device can show, named in `lang`: this user's week, the team's, then
    /// for a manager each other user who owns an account or logged a visit here, by name.
    pub async fn dashboard_scopes(&self, lang: Lang) -> Result<Vec<ScopeChoice>> {
        self.run(move |s| s.dashboard_scopes(lang)).await
    }

    /// The dashboard's indicators of `scope` week by week over the `weeks` weeks (1 to 53) up to the
    /// week of `today`, oldest first: the trend a chart draws.
    pub async fn weekly_trend(&self, scope: Scope, today: LocalDate, weeks: u32) -> Result<WeeklyTrend> {
        self.run(move |s| s.weekly_trend(&scope, today, weeks)).await
    }

    /// The key figures of `scope` over `period`, seen on local day `today`.
    pub async fn kpis(&self, scope: Scope, period: Period, today: LocalDate) -> Result<Kpis> {
        self.run(move |s| s.kpis(&scope, period, today)).await
    }
}
