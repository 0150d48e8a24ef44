//! What the insights read: plain values that the store loader fills from its SQL projections.
//!
//! The loader applies the scope (one rep's accounts and records, or a whole team's) and the time
//! window; insights never query anything. Every field says exactly what the loader must put in it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Account, FollowUp, Lead, Objective, Opportunity, VisitReport};

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

/// One account with its aggregates. `account.revenue` must hold the account's revenue figures
/// (ABC classes and product families bought are computed from them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountSummary {
    pub account: Account,
    pub activity: AccountActivity,
}

/// Everything one insights call reads, already restricted to the scope (a rep or a team).
///
/// - `accounts`: every account of the scope, of every kind, merged duplicates included or not
///   (accounts with `merged_into` set are ignored everywhere).
/// - `visits`: visit reports of every status whose LOCAL day lies in the window asked (for the weekly
///   dashboard: [`dashboard_window`](super::dashboard_window)). Loading a day more on each side is
///   harmless: every figure re-checks the local day.
/// - `follow_ups`: every follow-up that is not done, plus those (done or not) due in the window.
/// - `opportunities`: every opportunity of the scope (open ones and those closing in the window).
/// - `objectives`: those whose period meets the window: for a rep, the rep's own; for a team, the
///   team's (rep `None`) and its reps'.
/// - `leads`: leads captured in the window (by the rep, or by the team).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InsightsInput {
    pub accounts: Vec<AccountSummary>,
    pub visits: Vec<VisitReport>,
    pub follow_ups: Vec<FollowUp>,
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
