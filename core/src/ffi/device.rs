//! One enrolled device: every screen's reads and writes, sync, and change notifications.
//!
//! Calls are synchronous except `sync`; the shells call them off the main thread. Each write is
//! durable when it returns, then the change listener hears of it.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use super::error::TourneeError;
use super::types::{LocalDate, Timestamp};
use crate::doc::{Collection, Conflict, ConflictResolution};
use crate::i18n::Lang;
use crate::insights::{self, Dashboard, FollowUpList, InsightsConfig, Kpis, Period, Scope};
use crate::model::*;
use crate::store::{
    AccountDetail, AccountListItem, Agenda, DuplicateCandidate, PipelineItem, QualifiedLead, Store,
};
use crate::sync::{self, DeviceIdentity, SyncClient, SyncOptions, SyncReport};

type Result<T> = std::result::Result<T, TourneeError>;

/// Where a change came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ChangeOrigin {
    /// A write made through this device object.
    Local,
    /// A sync that sent or received documents.
    Sync,
}

/// Told after every change of the device's data, so a screen reloads what it shows. Called on the
/// thread that made the change (a sync's worker thread for `Sync`); keep it short.
#[uniffi::export(callback_interface)]
pub trait ChangeListener: Send + Sync {
    /// `revision` is [`Device::revision`] after the change.
    fn on_change(&self, revision: u64, origin: ChangeOrigin) -> std::result::Result<(), TourneeError>;
}

/// A lead just captured, and the live accounts it may duplicate (the warning to show).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LeadCapture {
    pub lead: Lead,
    pub similar_accounts: Vec<AccountListItem>,
}

/// A visit just logged, and the follow-up of its next step if it had one.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct LoggedVisit {
    pub visit: VisitReport,
    pub follow_up: Option<FollowUp>,
}

/// An enrolled device and its offline store.
#[derive(uniffi::Object)]
pub struct Device {
    store: Arc<Store>,
    identity: DeviceIdentity,
    /// One sync at a time per device.
    syncing: tokio::sync::Mutex<()>,
    listener: Mutex<Option<Arc<dyn ChangeListener>>>,
    revision: AtomicU64,
}

impl Device {
    pub(super) fn new(store: Arc<Store>) -> Result<Arc<Device>> {
        let identity = sync::identity(&store)?
            .ok_or_else(|| TourneeError::NotEnrolled { reason: "this device is not enrolled yet".into() })?;
        Ok(Arc::new(Device {
            store,
            identity,
            syncing: tokio::sync::Mutex::new(()),
            listener: Mutex::new(None),
            revision: AtomicU64::new(0),
        }))
    }

    fn me(&self) -> &str {
        &self.identity.user_id
    }

    /// Counts the change and tells the listener. A listener that throws is logged, not propagated:
    /// the change itself is already durable.
    fn changed(&self, origin: ChangeOrigin) {
        let revision = self.revision.fetch_add(1, Ordering::SeqCst) + 1;
        let listener = self.listener.lock().unwrap_or_else(PoisonError::into_inner).clone();
        if let Some(listener) = listener {
            if let Err(e) = listener.on_change(revision, origin) {
                tracing::warn!("change listener failed: {e}");
            }
        }
    }

    /// Passes a store write's result through, announcing the change when it succeeded.
    fn wrote<T>(&self, result: crate::Result<T>) -> Result<T> {
        let value = result?;
        self.changed(ChangeOrigin::Local);
        Ok(value)
    }

    fn insights_input(&self, scope: &Scope, window: Period) -> Result<insights::InsightsInput> {
        Ok(self.store.insights_input(scope, window)?)
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl Device {
    /// Who this device acts for: records name `identity().user_id` as their rep or owner.
    pub fn identity(&self) -> DeviceIdentity {
        self.identity.clone()
    }

    /// A counter of the changes seen by this object (writes, and syncs that sent or received).
    pub fn revision(&self) -> u64 {
        self.revision.load(Ordering::SeqCst)
    }

    /// Replaces the change listener.
    pub fn set_change_listener(&self, listener: Box<dyn ChangeListener>) {
        *self.listener.lock().unwrap_or_else(PoisonError::into_inner) = Some(Arc::from(listener));
    }

    pub fn clear_change_listener(&self) {
        *self.listener.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }

    /// Sends what this device wrote and receives what the team changed. Safe to cancel.
    pub async fn sync(&self) -> Result<SyncReport> {
        let _one_at_a_time = self.syncing.lock().await;
        let report = SyncClient::from_store(&self.store, SyncOptions::default())?.sync(&self.store).await?;
        // What was sent empties the outbox a screen shows; what was received changes its data.
        if report.sent > 0 || report.received > 0 {
            self.changed(ChangeOrigin::Sync);
        }
        Ok(report)
    }

    /// Local changes waiting for the server.
    pub fn outbox_count(&self) -> Result<u64> {
        Ok(self.store.outbox_count()?)
    }

    /// The user's day: visits planned on `day` (a local day) and follow-ups due by then.
    pub fn agenda(&self, day: LocalDate) -> Result<Agenda> {
        Ok(self.store.agenda(self.me(), day)?)
    }

    /// Accounts matching what was typed (all accounts by name when nothing was).
    pub fn search_accounts(&self, text: String, limit: u32) -> Result<Vec<AccountListItem>> {
        Ok(self.store.search_accounts(&text, limit)?)
    }

    /// An account with its contacts, opportunities and timeline.
    pub fn account_detail(&self, account_id: String) -> Result<AccountDetail> {
        Ok(self.store.account_detail(&account_id)?)
    }

    /// A new account owned by this user, not saved yet.
    pub fn new_account(&self, name: String, kind: AccountKind) -> Account {
        Account::new(name, kind, self.me())
    }

    /// Creates or edits an account; returns it as stored.
    pub fn save_account(&self, account: Account) -> Result<Account> {
        self.wrote(self.store.save_account(&account))
    }

    pub fn new_contact(&self, account_id: String, name: String) -> Contact {
        Contact::new(account_id, name)
    }

    pub fn save_contact(&self, contact: Contact) -> Result<Contact> {
        self.wrote(self.store.save_contact(&contact))
    }

    /// A done visit by this user, not saved yet. `utc_offset_minutes` is the device's offset now: it
    /// fixes the local day the visit counts on.
    pub fn new_visit(
        &self,
        account_id: String,
        channel: Channel,
        started_at: Timestamp,
        utc_offset_minutes: i32,
    ) -> VisitReport {
        let mut visit = VisitReport::new(account_id, self.me(), channel, started_at);
        visit.utc_offset_minutes = utc_offset_minutes;
        visit
    }

    /// Logs or edits a visit report (or a planned visit); durable when this returns.
    pub fn save_visit(&self, visit: VisitReport) -> Result<VisitReport> {
        self.wrote(self.store.save_visit(&visit))
    }

    /// Logs a visit and the follow-up of its next step in one write (both or neither); `next_step`
    /// must be for the visit's account. Durable when this returns.
    pub fn log_visit(&self, visit: VisitReport, next_step: Option<FollowUp>) -> Result<LoggedVisit> {
        let (visit, follow_up) = self.wrote(self.store.log_visit(&visit, next_step.as_ref()))?;
        Ok(LoggedVisit { visit, follow_up })
    }

    /// A visit as stored, to edit it.
    pub fn visit(&self, visit_id: String) -> Result<VisitReport> {
        Ok(self.store.visit(&visit_id)?)
    }

    /// A follow-up owned by this user, not saved yet.
    pub fn new_follow_up(&self, account_id: String, action: String, due_on: LocalDate) -> FollowUp {
        FollowUp::new(account_id, action, due_on, self.me())
    }

    pub fn save_follow_up(&self, follow_up: FollowUp) -> Result<FollowUp> {
        self.wrote(self.store.save_follow_up(&follow_up))
    }

    /// The user's prospects to follow up on local day `today`: due, due this week, at risk.
    pub fn follow_ups(&self, today: LocalDate) -> Result<FollowUpList> {
        let input = self.insights_input(&Scope::Rep(self.me().to_owned()), Period::week_of(today))?;
        Ok(insights::follow_up_list(&input, today, &InsightsConfig::default()))
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
        Opportunity {
            id: new_id(),
            account_id,
            title,
            stage: OpportunityStage::Qualification,
            amount_cents,
            probability,
            expected_close,
            owner: self.me().to_owned(),
        }
    }

    pub fn save_opportunity(&self, opportunity: Opportunity) -> Result<Opportunity> {
        self.wrote(self.store.save_opportunity(&opportunity))
    }

    /// Open opportunities by expected close: this user's, or everyone's on this device.
    pub fn pipeline(&self, mine_only: bool) -> Result<Vec<PipelineItem>> {
        Ok(self.store.pipeline(mine_only.then(|| self.me()))?)
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
        Objective { id: new_id(), rep, period_start, period_end, metric, target, note: None }
    }

    pub fn save_objective(&self, objective: Objective) -> Result<Objective> {
        self.wrote(self.store.save_objective(&objective))
    }

    /// A lead captured now by this user at `event`, not saved yet.
    pub fn new_lead(&self, event: String, name: String) -> Lead {
        Lead::new(event, name, self.me())
    }

    /// Saves a captured lead and lists the accounts it may duplicate (by company name or email domain).
    pub fn capture_lead(&self, lead: Lead) -> Result<LeadCapture> {
        let lead = self.wrote(self.store.save_lead(&lead))?;
        let similar_accounts = self.store.lead_duplicates(&lead)?;
        Ok(LeadCapture { lead, similar_accounts })
    }

    /// Live accounts that a new account or lead with these details would duplicate.
    pub fn similar_accounts(
        &self,
        name: String,
        postcode: Option<String>,
        email: Option<String>,
        registration_number: Option<String>,
    ) -> Result<Vec<AccountListItem>> {
        Ok(self.store.similar_accounts(
            &name,
            postcode.as_deref(),
            email.as_deref(),
            registration_number.as_deref(),
        )?)
    }

    /// The leads captured at `event`, newest first.
    pub fn event_leads(&self, event: String) -> Result<Vec<Lead>> {
        Ok(self.store.event_leads(&event)?)
    }

    /// Qualifies a new lead: its person becomes a contact of `into_account_id` (a duplicate the user
    /// picked) or of a new prospect owned by this user, named after the lead's company; one transaction.
    pub fn qualify_lead(
        &self,
        lead_id: String,
        into_account_id: Option<String>,
        need_horizon: Option<NeedHorizon>,
    ) -> Result<QualifiedLead> {
        self.wrote(self.store.qualify_lead(&lead_id, into_account_id.as_deref(), self.me(), need_horizon))
    }

    /// Discards a new lead (not worth an account).
    pub fn discard_lead(&self, lead_id: String) -> Result<Lead> {
        self.wrote(self.store.discard_lead(&lead_id))
    }

    /// Deletes a record; deleting an account hides everything logged on it.
    pub fn delete(&self, collection: Collection, id: String) -> Result<()> {
        self.wrote(self.store.delete(collection, &id))
    }

    /// The true conflicts to review (same field edited differently on two devices, or a record
    /// deleted on one while edited on another).
    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        Ok(self.store.conflicts()?)
    }

    pub fn resolve_conflict(&self, conflict: Conflict, resolution: ConflictResolution) -> Result<()> {
        self.wrote(self.store.resolve_conflict(&conflict, &resolution))
    }

    /// Accounts that look like the same company entered twice.
    pub fn duplicate_candidates(&self) -> Result<Vec<DuplicateCandidate>> {
        Ok(self.store.duplicate_candidates()?)
    }

    /// Merges the duplicate `absorbed` into `kept`; returns the kept account.
    pub fn merge_accounts(&self, kept: String, absorbed: String) -> Result<Account> {
        self.wrote(self.store.merge_accounts(&kept, &absorbed))
    }

    /// The weekly dashboard of `scope` for the week of `today` (the viewer's local day); errors in
    /// `lang`.
    pub fn weekly_dashboard(&self, scope: Scope, today: LocalDate, lang: Lang) -> Result<Dashboard> {
        let week = Period::week_of(today);
        let input = self.insights_input(&scope, insights::dashboard_window(week))?;
        let _ = lang;
        Ok(insights::weekly_dashboard(&input, &scope, week, today, &InsightsConfig::default()))
    }

    /// The key figures of `scope` over `period`, seen on local day `today`; errors in `lang`.
    pub fn kpis(&self, scope: Scope, period: Period, today: LocalDate, lang: Lang) -> Result<Kpis> {
        if period.end < period.start {
            return Err(TourneeError::Invalid {
                field: "period".into(),
                reason: "ends before it starts".into(),
                reason_fr: "se termine avant de commencer".into(),
            });
        }
        let input = self.insights_input(&scope, period)?;
        let _ = lang;
        Ok(insights::kpis(&input, &scope, period, today))
    }
}
