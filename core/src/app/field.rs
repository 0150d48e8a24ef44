//! A rep's day in the field: accounts (find, create, edit), contacts, visits with their next step,
//! follow-ups, opportunities and objectives, the agenda.

use chrono::{DateTime, Days, NaiveDate, Utc};

use super::changes::ChangeSet;
use super::Session;
use crate::doc::Collection;
use crate::insights::{abc_matrix, dormant_clients, AbcClass, InsightsConfig, Period, Scope};
use crate::model::*;
use crate::store::{AccountDetail, AccountListItem, Agenda};
use crate::Result;

/// Days between a visit and the follow-up of its next step when the rep gives no date.
pub const NEXT_STEP_AFTER_DAYS: u64 = 7;

/// A visit just logged, and the follow-up of its next step if it had one.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct LoggedVisit {
    pub visit: VisitReport,
    pub follow_up: Option<FollowUp>,
}

/// An account just created, and the live accounts it may duplicate (the warning to show).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CreatedAccount {
    pub account: Account,
    pub similar_accounts: Vec<AccountListItem>,
}

/// Which accounts a list shows: what was typed, and filters that all apply.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AccountFilter {
    /// Words typed (the full-text search of name, city and contact names); empty for all accounts
    /// by name.
    pub text: String,
    pub kind: Option<AccountKind>,
    /// Clients of this ABC class, ranked by revenue over the twelve whole months before today's
    /// (as the weekly dashboard ranks them), among the accounts the list covers.
    pub abc_class: Option<AbcClass>,
    /// Only dormant clients: no contact and no order for 90 days or more.
    pub dormant_only: bool,
    /// Only this user's accounts; else every account on this device (a manager's: the team's).
    pub mine_only: bool,
}

/// The account a few typed words name.
// Returned once per lookup and carried by value over the FFI, which cannot carry a Box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum AccountMatch {
    Found {
        account: Account,
    },
    NotFound,
    /// Several accounts match: the person picks one.
    Ambiguous {
        candidates: Vec<AccountListItem>,
    },
}

impl Session {
    /// The user's day: visits planned on local day `day` and follow-ups due by then.
    pub fn agenda(&self, day: NaiveDate) -> Result<Agenda> {
        self.store().agenda(self.me(), day)
    }

    /// Accounts matching what was typed (all accounts by name when nothing was).
    pub fn search_accounts(&self, text: &str, limit: u32) -> Result<Vec<AccountListItem>> {
        self.store().search_accounts(text, limit)
    }

    /// The accounts `filter` lets through, seen on local day `today` (which dates the ABC months
    /// and dormancy), best matches first when words were typed, else by name; at most `limit`.
    /// With an ABC class or dormancy asked, the classes come from the accounts of the list's scope
    /// and the search looks at its first 1,000 matches.
    pub fn list_accounts(
        &self,
        filter: &AccountFilter,
        today: NaiveDate,
        limit: u32,
    ) -> Result<Vec<AccountListItem>> {
        let owner = filter.mine_only.then(|| self.me());
        if filter.abc_class.is_none() && !filter.dormant_only {
            return self.store().list_accounts(&filter.text, filter.kind, owner, limit);
        }
        let scope = match owner {
            Some(me) => Scope::Rep(me.to_owned()),
            None => Scope::Team,
        };
        let config = InsightsConfig::default();
        let input = self.store().insights_input(&scope, Period::week_of(today))?;
        let classes = filter.abc_class.map(|class| {
            let matrix = abc_matrix(&input, Period::months_before(today, config.abc_months), &config);
            let ids: std::collections::HashSet<String> = matrix
                .clients
                .into_iter()
                .filter(|c| c.revenue_class == class)
                .map(|c| c.account_id)
                .collect();
            ids
        });
        let dormant = filter.dormant_only.then(|| {
            let ids: std::collections::HashSet<String> =
                dormant_clients(&input, today, &config).into_iter().map(|b| b.account_id).collect();
            ids
        });
        let found = self.store().list_accounts(&filter.text, filter.kind, owner, 1_000)?;
        Ok(found
            .into_iter()
            .filter(|a| classes.as_ref().is_none_or(|ids| ids.contains(&a.id)))
            .filter(|a| dormant.as_ref().is_none_or(|ids| ids.contains(&a.id)))
            .take(limit.clamp(1, 1_000) as usize)
            .collect())
    }

    /// An account with its contacts, opportunities and timeline.
    pub fn account_detail(&self, account_id: &str) -> Result<AccountDetail> {
        self.store().account_detail(account_id)
    }

    /// The account `text` names: its id, or words matching exactly one account, or one whose name
    /// is exactly `text` among several.
    pub fn find_account(&self, text: &str) -> Result<AccountMatch> {
        match self.store().account(text.trim()) {
            Ok(account) => return Ok(AccountMatch::Found { account }),
            Err(crate::Error::NotFound { .. }) => {}
            Err(e) => return Err(e),
        }
        let mut found = self.store().search_accounts(text, 10)?;
        if found.len() > 1 {
            let wanted = crate::i18n::fold(text.trim());
            if let Some(exact) = found.iter().position(|a| crate::i18n::fold(&a.name) == wanted) {
                found = vec![found.swap_remove(exact)];
            }
        }
        Ok(match found.len() {
            0 => AccountMatch::NotFound,
            1 => AccountMatch::Found { account: self.store().account(&found[0].id)? },
            _ => AccountMatch::Ambiguous { candidates: found },
        })
    }

    /// A new account owned by this user, not saved yet.
    pub fn new_account(&self, name: &str, kind: AccountKind) -> Account {
        Account::new(name, kind, self.me())
    }

    /// Creates an account, and lists the live accounts it may duplicate (by name and postcode, or
    /// registration number) as they were before it existed.
    pub fn create_account(&self, account: &Account) -> Result<CreatedAccount> {
        account.validate()?;
        let similar_accounts = self.similar_accounts(
            &account.name,
            account.postcode.as_deref(),
            None,
            account.registration_number.as_deref(),
        )?;
        let account = self.save_account(account)?;
        Ok(CreatedAccount { account, similar_accounts })
    }

    /// Live accounts that a new account or lead with these details would duplicate.
    pub fn similar_accounts(
        &self,
        name: &str,
        postcode: Option<&str>,
        email: Option<&str>,
        registration_number: Option<&str>,
    ) -> Result<Vec<AccountListItem>> {
        self.store().similar_accounts(name, postcode, email, registration_number)
    }

    /// Creates or edits an account; returns it as stored.
    pub fn save_account(&self, account: &Account) -> Result<Account> {
        self.wrote(self.store().save_account(account), |a| ChangeSet::record(Collection::Accounts, &a.id))
    }

    pub fn new_contact(&self, account_id: &str, name: &str) -> Contact {
        Contact::new(account_id, name)
    }

    pub fn save_contact(&self, contact: &Contact) -> Result<Contact> {
        self.wrote(self.store().save_contact(contact), |c| {
            ChangeSet::record(Collection::Contacts, &c.account_id)
        })
    }

    /// A done visit by this user, not saved yet. `utc_offset_minutes` is the device's offset then:
    /// it fixes the local day the visit counts on.
    pub fn new_visit(
        &self,
        account_id: &str,
        channel: Channel,
        started_at: DateTime<Utc>,
        utc_offset_minutes: i32,
    ) -> VisitReport {
        let mut visit = VisitReport::new(account_id, self.me(), channel, started_at);
        visit.utc_offset_minutes = utc_offset_minutes;
        visit
    }

    /// Logs a new visit in one write with the follow-up of its next step, if it has one: due on
    /// `next_step_due`, else [`NEXT_STEP_AFTER_DAYS`] after the visit's day. A visit with an order
    /// and no outcome counts as an order taken. Durable when this returns; edit a logged visit
    /// with [`save_visit`](Self::save_visit).
    pub fn log_visit(&self, visit: &VisitReport, next_step_due: Option<NaiveDate>) -> Result<LoggedVisit> {
        let mut visit = visit.clone();
        if visit.outcome.is_none() && visit.order_amount_cents > 0 {
            visit.outcome = Some(Outcome::OrderTaken);
        }
        let action = visit.next_step.as_deref().map(str::trim).filter(|step| !step.is_empty());
        let follow_up = action.map(|action| {
            let due = next_step_due.unwrap_or_else(|| visit.local_day() + Days::new(NEXT_STEP_AFTER_DAYS));
            FollowUp::new(&visit.account_id, action, due, self.me())
        });
        let logged = self.store().log_visit(&visit, follow_up.as_ref());
        self.wrote(logged, |(visit, follow_up)| {
            let mut set = ChangeSet::record(Collection::Visits, &visit.account_id);
            if follow_up.is_some() {
                set.add_record(Collection::FollowUps, &visit.account_id);
            }
            set
        })
        .map(|(visit, follow_up)| LoggedVisit { visit, follow_up })
    }

    /// Edits a logged visit (or saves a planned one); durable when this returns.
    pub fn save_visit(&self, visit: &VisitReport) -> Result<VisitReport> {
        self.wrote(self.store().save_visit(visit), |v| ChangeSet::record(Collection::Visits, &v.account_id))
    }

    /// A visit as stored, to edit it.
    pub fn visit(&self, visit_id: &str) -> Result<VisitReport> {
        self.store().visit(visit_id)
    }

    /// A follow-up owned by this user, not saved yet.
    pub fn new_follow_up(&self, account_id: &str, action: &str, due_on: NaiveDate) -> FollowUp {
        FollowUp::new(account_id, action, due_on, self.me())
    }

    pub fn save_follow_up(&self, follow_up: &FollowUp) -> Result<FollowUp> {
        self.wrote(self.store().save_follow_up(follow_up), |f| {
            ChangeSet::record(Collection::FollowUps, &f.account_id)
        })
    }

    /// Marks a follow-up done now (it stays done if it already was).
    pub fn complete_follow_up(&self, follow_up_id: &str) -> Result<FollowUp> {
        let mut follow_up = self.store().follow_up(follow_up_id.trim())?;
        if follow_up.done {
            return Ok(follow_up);
        }
        follow_up.done = true;
        follow_up.done_at = Some(now());
        self.save_follow_up(&follow_up)
    }

    /// An opportunity in qualification owned by this user, not saved yet.
    pub fn new_opportunity(
        &self,
        account_id: &str,
        title: &str,
        amount_cents: i64,
        probability: u8,
        expected_close: NaiveDate,
    ) -> Opportunity {
        Opportunity {
            id: new_id(),
            account_id: account_id.to_owned(),
            title: title.to_owned(),
            stage: OpportunityStage::Qualification,
            amount_cents,
            probability,
            expected_close,
            owner: self.me().to_owned(),
        }
    }

    pub fn save_opportunity(&self, opportunity: &Opportunity) -> Result<Opportunity> {
        self.wrote(self.store().save_opportunity(opportunity), |o| {
            ChangeSet::record(Collection::Opportunities, &o.account_id)
        })
    }

    /// An objective of `rep` (or of the team when `None`), not saved yet.
    pub fn new_objective(
        &self,
        rep: Option<String>,
        metric: Metric,
        target: i64,
        period_start: NaiveDate,
        period_end: NaiveDate,
    ) -> Objective {
        Objective { id: new_id(), rep, period_start, period_end, metric, target, note: None }
    }

    /// Sets or edits an objective. Managers set objectives: a rep's device refuses (the server
    /// would refuse the document at the next sync and the outbox would keep it forever).
    pub fn save_objective(&self, objective: &Objective) -> Result<Objective> {
        if self.identity().role == crate::sync::api::Role::Rep {
            return Err(ValidationError::new(Field::Objective, Reason::SetByManagers).into());
        }
        self.wrote(self.store().save_objective(objective), |_| ChangeSet::of(Collection::Objectives))
    }

    /// The objectives of `scope` (a rep's or the team's; all when `None`) whose period meets
    /// `period` (any when `None`): what a manager reviews and edits.
    pub fn objectives(&self, scope: Option<&Scope>, period: Option<Period>) -> Result<Vec<Objective>> {
        self.store().objectives(scope, period)
    }

    /// One objective, to edit it.
    pub fn objective(&self, id: &str) -> Result<Objective> {
        self.store().objective(id)
    }

    /// Deletes a record; deleting an account hides everything logged on it.
    pub fn delete(&self, collection: Collection, id: &str) -> Result<()> {
        let home = self.home_of(collection, id)?;
        self.wrote(self.store().delete(collection, id), |()| {
            let mut set = ChangeSet::default();
            if let Some(doc_id) = &home {
                match collection {
                    Collection::Accounts => set.add_document(collection.doc_kind(), doc_id),
                    _ => set.add_record(collection, doc_id),
                }
            }
            set
        })
    }
}
