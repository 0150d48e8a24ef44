//! What the insights read: plain values that the store loader fills from its SQL projections.
//!
//! The loader applies the scope (one rep's accounts and records, or a whole team's) and the time
//! window; insights never query anything. Every field says exactly what the loader must put in it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use smol_str::SmolStr;

use super::revenue::RevenueFigures;
use crate::model::{
    Account, AccountKind, Channel, FollowUp, Lead, NeedHorizon, Objective, Opportunity, VisitReport,
    VisitStatus,
};

/// Per-account aggregates over ALL of the account's history, maintained by the store so that no
/// insight has to scan every visit ever logged. "Done contact" below means a visit report with
/// status `done`, whatever its channel (on-site, phone, video, trade show, email). Days are LOCAL
/// days: [`VisitReport::local_day`] of the visit in question (its UTC start shifted by the offset
/// of the device that logged it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountActivity {
    /// Number of done contacts, all time, all channels.
    pub contacts_logged: u32,
    /// Number of done contacts whose local day is on or before `Account::became_client_on`
    /// (the contacts it took to win the account); 0 when the account never became a client.
    pub contacts_to_win: u32,
    /// Local day of the latest done contact, if any.
    pub last_contact_on: Option<NaiveDate>,
    /// Local day of the latest done contact with `order_amount_cents > 0`, if any.
    pub last_order_on: Option<NaiveDate>,
    /// Number of contact persons (Contact records) known at the account.
    pub people: u32,
    /// Earliest `due_on` among the account's follow-ups that are not done: its planned next step.
    pub next_follow_up_on: Option<NaiveDate>,
}

/// What the insights read of an account: the fields of [`Account`] they use, nothing else, so a
/// team's dashboard loads 50,000 accounts without their notes, addresses or JSON copies.
///
/// Short text is held as `SmolStr`: a name or a segment up to 23 bytes needs no allocation of its
/// own, and an owner's id is shared by all their accounts. A team's 50,000 accounts are that much
/// less memory to allocate and page in on a dashboard's first load.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountFacts {
    pub id: String,
    pub name: SmolStr,
    pub kind: AccountKind,
    pub need_horizon: Option<NeedHorizon>,
    pub segment: Option<SmolStr>,
    pub owner_rep: SmolStr,
    pub potential_cents: Option<i64>,
    pub open_dispute: bool,
    pub lost: bool,
    pub created_at: DateTime<Utc>,
    /// [`Account::created_at_from_import`]: not a new account on its `created_at`.
    pub created_at_from_import: bool,
    pub became_client_on: Option<NaiveDate>,
    pub merged_into: Option<String>,
    /// Every revenue figure of the account (ABC classes and product families bought are computed
    /// from them).
    pub revenue: RevenueFigures,
}

impl From<&Account> for AccountFacts {
    fn from(account: &Account) -> Self {
        AccountFacts {
            id: account.id.clone(),
            name: account.name.as_str().into(),
            kind: account.kind,
            need_horizon: account.need_horizon,
            segment: account.segment.as_deref().map(SmolStr::new),
            owner_rep: account.owner_rep.as_str().into(),
            potential_cents: account.potential_cents,
            open_dispute: account.open_dispute,
            lost: account.lost,
            created_at: account.created_at,
            created_at_from_import: account.created_at_from_import,
            became_client_on: account.became_client_on,
            merged_into: account.merged_into.clone(),
            revenue: RevenueFigures::new(&account.revenue),
        }
    }
}

/// What the insights read of a visit report: the key figures' fields, without its notes, products
/// or JSON copy (a team's weeks hold thousands of visits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitFacts {
    pub account_id: String,
    pub status: VisitStatus,
    pub channel: Channel,
    /// [`VisitReport::local_day`].
    pub local_day: NaiveDate,
    pub duration_minutes: u32,
    pub order_amount_cents: i64,
    pub order_margin_cents: i64,
}

impl From<&VisitReport> for VisitFacts {
    fn from(visit: &VisitReport) -> Self {
        VisitFacts {
            account_id: visit.account_id.clone(),
            status: visit.status,
            channel: visit.channel,
            local_day: visit.local_day(),
            duration_minutes: visit.duration_minutes,
            order_amount_cents: visit.order_amount_cents,
            order_margin_cents: visit.order_margin_cents,
        }
    }
}

/// What the insights read of a follow-up: everything but when it was done, read from one index
/// (a team's dashboard reads thousands).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpFacts {
    pub id: String,
    pub account_id: String,
    pub action: String,
    pub due_on: NaiveDate,
    pub owner: String,
    pub done: bool,
}

impl From<&FollowUp> for FollowUpFacts {
    fn from(follow_up: &FollowUp) -> Self {
        FollowUpFacts {
            id: follow_up.id.clone(),
            account_id: follow_up.account_id.clone(),
            action: follow_up.action.clone(),
            due_on: follow_up.due_on,
            owner: follow_up.owner.clone(),
            done: follow_up.done,
        }
    }
}

/// One account with its aggregates.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountSummary {
    pub account: AccountFacts,
    pub activity: AccountActivity,
}

/// Everything one insights call reads, already restricted to the scope (a rep or a team).
///
/// - `accounts`: every account of the scope, of every kind, merged duplicates included or not
///   (accounts with `merged_into` set are ignored everywhere).
/// - `visits`: visit reports of every status whose LOCAL day lies in the window asked (for the weekly
///   dashboard: [`dashboard_window`](super::dashboard_window)). Loading a day more on each side is
///   harmless: every figure re-checks the local day.
/// - `follow_ups`: every follow-up not done that is due on or before the window's last day (overdue
///   ones included), plus those done that were due in the window.
/// - `opportunities`: the opportunities expected to close in the window.
/// - `objectives`: those whose period meets the window: for a rep, the rep's own; for a team, the
///   team's (rep `None`) and its reps'.
/// - `leads`: leads captured in the window (by the rep, or by the team).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InsightsInput {
    pub accounts: Vec<AccountSummary>,
    pub visits: Vec<VisitFacts>,
    pub follow_ups: Vec<FollowUpFacts>,
    pub opportunities: Vec<Opportunity>,
    pub objectives: Vec<Objective>,
    pub leads: Vec<Lead>,
}

impl InsightsInput {
    /// The accounts that still exist on their own (not merged into another one).
    pub fn live_accounts(&self) -> impl Iterator<Item = &AccountSummary> {
        self.accounts.iter().filter(|a| a.account.merged_into.is_none())
    }
}

/// Whose figures: one rep's, or the whole team's. It selects the objectives compared against
/// (see [`objectives`](super::objectives)); the data itself is already scoped by the loader.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// A rep, by user id.
    Rep(String),
    Team,
}
