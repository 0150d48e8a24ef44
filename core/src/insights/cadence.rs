//! Follow-up cadence (relance): a sale closes around the 7th contact while most reps give up after
//! the 3rd, so every prospect is followed up at the pace of its need horizon until a decision.
//!
//! Days: `today` is the rep's local day; contact days are the local days of the visits (see
//! [`AccountActivity`](super::AccountActivity)); the creation day of an account is the UTC day of
//! `Account::created_at` (an account carries no device offset).

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::brief::{by_value, AccountBrief};
use super::config::InsightsConfig;
use super::input::{AccountFacts, AccountSummary, InsightsInput};
use super::period::Period;
use crate::model::{AccountKind, NeedHorizon};

/// Why a prospect needs no more follow-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// It is (or was) a client: `kind` is client, or `became_client_on` is set.
    BecameClient,
    /// Marked lost (`Account::lost`): it said no.
    Lost,
    /// Qualified out of target (`NeedHorizon::OutOfTarget`).
    OutOfTarget,
}

impl Decision {
    pub const ALL: &'static [Decision] = &[Decision::BecameClient, Decision::Lost, Decision::OutOfTarget];

    /// The stable code, as serialized.
    pub fn code(self) -> &'static str {
        match self {
            Decision::BecameClient => "became_client",
            Decision::Lost => "lost",
            Decision::OutOfTarget => "out_of_target",
        }
    }
}

/// The decision reached for an account of the conquest cycle, checked in this order; `None` while
/// it is an open prospect. Prescribers and former clients that were never won here give `None` too
/// but are not prospects: cadence only follows accounts of kind prospect.
pub fn decision(account: &AccountFacts) -> Option<Decision> {
    if account.kind == AccountKind::Client || account.became_client_on.is_some() {
        Some(Decision::BecameClient)
    } else if account.lost {
        Some(Decision::Lost)
    } else if account.need_horizon == Some(NeedHorizon::OutOfTarget) {
        Some(Decision::OutOfTarget)
    } else {
        None
    }
}

/// Where one open prospect stands in its follow-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ProspectCadence {
    pub account: AccountBrief,
    pub need_horizon: Option<NeedHorizon>,
    /// Done contacts so far, all channels, all time.
    pub contacts: u32,
    /// Contacts still to make to reach the target contact (the 7th by default); 0 once reached.
    pub contacts_to_target: u32,
    /// The next follow-up is due on this local day: the planned next step (earliest open follow-up)
    /// when there is one; otherwise the last contact's day plus the horizon's cadence; a prospect
    /// never contacted is due from its creation day.
    pub next_due_on: NaiveDate,
    /// Days from the last contact (or, if never contacted, the creation day) to `today`.
    pub idle_days: i64,
    /// At risk of being dropped: at most `at_risk_max_contacts` contacts, no planned next step, and
    /// idle for at least `at_risk_idle_days`.
    pub at_risk: bool,
}

/// Where a prospect stands, before its brief is made (most prospects are left out of a list).
struct Pace {
    next_due_on: NaiveDate,
    idle_days: i64,
    at_risk: bool,
}

fn pace(summary: &AccountSummary, today: NaiveDate, config: &InsightsConfig) -> Option<Pace> {
    let (account, activity) = (&summary.account, &summary.activity);
    if account.kind != AccountKind::Prospect || account.merged_into.is_some() || decision(account).is_some() {
        return None;
    }
    let cadence = config.cadence_days(account.need_horizon)?;
    let created_on = account.created_at.date_naive();
    let last_seen = activity.last_contact_on.map_or(created_on, |d| d.max(created_on));
    let from_cadence = activity.last_contact_on.map_or(created_on, |d| d + Days::new(cadence.into()));
    let idle_days = (today - last_seen).num_days();
    Some(Pace {
        next_due_on: activity.next_follow_up_on.unwrap_or(from_cadence),
        idle_days,
        at_risk: activity.contacts_logged <= config.at_risk_max_contacts
            && activity.next_follow_up_on.is_none()
            && idle_days >= i64::from(config.at_risk_idle_days),
    })
}

impl ProspectCadence {
    fn new(summary: &AccountSummary, pace: Pace, config: &InsightsConfig) -> Self {
        let contacts = summary.activity.contacts_logged;
        ProspectCadence {
            account: AccountBrief::of(summary),
            need_horizon: summary.account.need_horizon,
            contacts,
            contacts_to_target: config.target_contacts.saturating_sub(contacts),
            next_due_on: pace.next_due_on,
            idle_days: pace.idle_days,
            at_risk: pace.at_risk,
        }
    }
}

/// The cadence of one account: `None` unless it is an open prospect (kind prospect, no decision)
/// with a cadence (out of target has none; merged duplicates are skipped).
pub fn prospect_cadence(
    summary: &AccountSummary,
    today: NaiveDate,
    config: &InsightsConfig,
) -> Option<ProspectCadence> {
    pace(summary, today, config).map(|pace| ProspectCadence::new(summary, pace, config))
}

/// The open prospects at risk of being dropped, by value: [`FollowUpList::at_risk`] alone, without
/// the cadence of every other prospect (a team's dashboard has some 20,000).
pub(super) fn prospects_at_risk(
    input: &InsightsInput,
    today: NaiveDate,
    config: &InsightsConfig,
) -> Vec<ProspectCadence> {
    let mut at_risk: Vec<ProspectCadence> = input
        .accounts
        .iter()
        .filter_map(|summary| Some((summary, pace(summary, today, config).filter(|p| p.at_risk)?)))
        .map(|(summary, pace)| ProspectCadence::new(summary, pace, config))
        .collect();
    at_risk.sort_by(|a, b| by_value(&a.account, &b.account));
    at_risk
}

/// The rep's follow-up lists, each ordered by value (potential, highest first, then account id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FollowUpList {
    /// Due today or overdue (`next_due_on <= today`).
    pub due_today: Vec<ProspectCadence>,
    /// Due later this ISO week (`today < next_due_on <= Sunday`).
    pub due_this_week: Vec<ProspectCadence>,
    /// Prospects at risk of being dropped (whatever their due day).
    pub at_risk: Vec<ProspectCadence>,
}

/// The "to follow up" lists of all open prospects of the input on local day `today`.
pub fn follow_up_list(input: &InsightsInput, today: NaiveDate, config: &InsightsConfig) -> FollowUpList {
    let mut prospects: Vec<ProspectCadence> =
        input.accounts.iter().filter_map(|summary| prospect_cadence(summary, today, config)).collect();
    prospects.sort_by(|a, b| by_value(&a.account, &b.account));
    let sunday = Period::week_of(today).end;
    let pick =
        |keep: &dyn Fn(&ProspectCadence) -> bool| prospects.iter().filter(|p| keep(p)).cloned().collect();
    FollowUpList {
        due_today: pick(&|p| p.next_due_on <= today),
        due_this_week: pick(&|p| today < p.next_due_on && p.next_due_on <= sunday),
        at_risk: pick(&|p| p.at_risk),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::testkit::{account, day};

    fn prospect(id: &str, horizon: Option<NeedHorizon>, potential: Option<i64>) -> AccountSummary {
        let mut summary = account(id, AccountKind::Prospect);
        summary.account.need_horizon = horizon;
        summary.account.potential_cents = potential;
        summary
    }

    #[test]
    fn no_data_gives_empty_lists() {
        let list = follow_up_list(&InsightsInput::default(), day(2026, 3, 4), &InsightsConfig::default());
        assert!(list.due_today.is_empty() && list.due_this_week.is_empty() && list.at_risk.is_empty());
    }

    #[test]
    fn next_due_follows_the_horizon_and_a_planned_step_wins() {
        let config = InsightsConfig::default();
        let today = day(2026, 3, 4); // a Wednesday
        let mut short = prospect("short", Some(NeedHorizon::ShortTerm), None);
        short.activity.contacts_logged = 2;
        short.activity.last_contact_on = Some(day(2026, 2, 27));
        let c = prospect_cadence(&short, today, &config).unwrap();
        // 27 Feb + 7 days = 6 Mar; idle 27 Feb → 4 Mar = 1 + 4 = 5 days; 7 - 2 = 5 contacts to go.
        assert_eq!((c.next_due_on, c.idle_days, c.contacts_to_target), (day(2026, 3, 6), 5, 5));
        assert!(!c.at_risk);

        let mut long = prospect("long", Some(NeedHorizon::MediumLongTerm), None);
        long.activity.last_contact_on = Some(day(2026, 2, 27));
        // 27 Feb + 30 days = 29 Mar (28-day February: 1 day to 28 Feb, 29 more to 29 Mar).
        assert_eq!(prospect_cadence(&long, today, &config).unwrap().next_due_on, day(2026, 3, 29));
        long.activity.next_follow_up_on = Some(day(2026, 5, 1));
        assert_eq!(prospect_cadence(&long, today, &config).unwrap().next_due_on, day(2026, 5, 1));

        // Never contacted, horizon unknown: due from its creation day (5 Jan, see testkit).
        let fresh = prospect("fresh", None, None);
        assert_eq!(prospect_cadence(&fresh, today, &config).unwrap().next_due_on, day(2026, 1, 5));
        // 8 contacts: past the 7th, nothing left to reach.
        short.activity.contacts_logged = 8;
        assert_eq!(prospect_cadence(&short, today, &config).unwrap().contacts_to_target, 0);
    }

    #[test]
    fn decided_prospects_leave_the_cadence() {
        let config = InsightsConfig::default();
        let today = day(2026, 3, 4);
        let mut won = prospect("won", Some(NeedHorizon::ShortTerm), None);
        won.account.kind = AccountKind::Client;
        won.account.need_horizon = None;
        won.account.became_client_on = Some(day(2026, 3, 1));
        let mut lost = prospect("lost", Some(NeedHorizon::ShortTerm), None);
        lost.account.lost = true;
        let out = prospect("out", Some(NeedHorizon::OutOfTarget), None);
        let mut merged = prospect("merged", Some(NeedHorizon::ShortTerm), None);
        merged.account.merged_into = Some("won".into());
        assert_eq!(decision(&won.account), Some(Decision::BecameClient));
        assert_eq!(decision(&lost.account), Some(Decision::Lost));
        assert_eq!(decision(&out.account), Some(Decision::OutOfTarget));
        for summary in [&won, &lost, &out, &merged] {
            assert_eq!(prospect_cadence(summary, today, &config), None, "{}", summary.account.id);
        }
        assert_eq!(decision(&prospect("open", None, None).account), None);
    }

    #[test]
    fn lists_for_today_and_this_week_are_ordered_by_value() {
        let config = InsightsConfig::default();
        let today = day(2026, 3, 4); // Wednesday; the week ends Sunday 8 March
        let due = |id: &str, potential: Option<i64>, next: NaiveDate| {
            let mut p = prospect(id, Some(NeedHorizon::ShortTerm), potential);
            p.activity.contacts_logged = 5;
            p.activity.next_follow_up_on = Some(next);
            p
        };
        let input = InsightsInput {
            accounts: vec![
                due("small-today", Some(100), day(2026, 3, 4)),
                due("big-overdue", Some(9_000), day(2026, 3, 1)),
                due("unknown-today", None, day(2026, 3, 4)),
                due("sunday", Some(50), day(2026, 3, 8)),
                due("thursday", Some(500), day(2026, 3, 5)),
                due("next-monday", Some(99_999), day(2026, 3, 9)),
            ],
            ..InsightsInput::default()
        };
        let list = follow_up_list(&input, today, &config);
        let ids = |v: &[ProspectCadence]| v.iter().map(|p| p.account.account_id.clone()).collect::<Vec<_>>();
        // Today: potentials 9000 > 100 > unknown (0).
        assert_eq!(ids(&list.due_today), ["big-overdue", "small-today", "unknown-today"]);
        // Rest of the week: 500 (Thu) > 50 (Sun); next Monday is next week.
        assert_eq!(ids(&list.due_this_week), ["thursday", "sunday"]);
        assert!(list.at_risk.is_empty()); // all have a next step
    }

    #[test]
    fn at_risk_needs_few_contacts_no_next_step_and_a_long_silence() {
        let config = InsightsConfig::default();
        let today = day(2026, 3, 4);
        let silent = |id: &str, contacts: u32, last: NaiveDate| {
            let mut p = prospect(id, Some(NeedHorizon::MediumLongTerm), Some(1_000));
            p.activity.contacts_logged = contacts;
            p.activity.last_contact_on = Some(last);
            p
        };
        // 2 Feb → 4 Mar = 26 + 4 = 30 days: exactly the threshold, at risk.
        let thirty = silent("thirty", 3, day(2026, 2, 2));
        // 3 Feb → 4 Mar = 29 days: not yet.
        let twenty_nine = silent("twenty-nine", 3, day(2026, 2, 3));
        // Four contacts: the rep did not give up after the third.
        let four = silent("four", 4, day(2026, 1, 10));
        let mut planned = silent("planned", 1, day(2026, 1, 10));
        planned.activity.next_follow_up_on = Some(day(2026, 4, 1));
        // Never contacted, created 5 Jan: idle 26 + 28 + 4 = 58 days.
        let never = prospect("never", Some(NeedHorizon::ShortTerm), None);
        let input =
            InsightsInput { accounts: vec![thirty, twenty_nine, four, planned, never], ..Default::default() };
        let list = follow_up_list(&input, today, &config);
        let risky: Vec<_> =
            list.at_risk.iter().map(|p| (p.account.account_id.as_str(), p.idle_days)).collect();
        assert_eq!(risky, [("thirty", 30), ("never", 58)]);
        // The dashboard's shortcut gives the same list.
        assert_eq!(prospects_at_risk(&input, today, &config), list.at_risk);
    }
}
