//! Portfolio health: the hidden part of the client file (the iceberg) where growth is. Dormant
//! clients, poorly known clients, upset accounts and former clients to win back. ABC classes are in
//! [`abc`](super::abc).
//!
//! Days are local days (see [`AccountActivity`](super::AccountActivity)); `today` is the local day
//! of the person looking. Merged duplicates are ignored. Every list is ordered by value (potential,
//! highest first, then account id) unless said otherwise.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;

use super::brief::{by_value, AccountBrief};
use super::config::InsightsConfig;
use super::input::{AccountSummary, InsightsInput};
use crate::model::AccountKind;

/// Clients (kind client, not lost) with neither a done contact nor an order for `dormant_days` or
/// more: the last contact's and the last order's local days are both at least that many days before
/// `today`, or never happened. A client never contacted at all is dormant.
pub fn dormant_clients(
    input: &InsightsInput,
    today: NaiveDate,
    config: &InsightsConfig,
) -> Vec<AccountBrief> {
    let quiet =
        |day: Option<NaiveDate>| day.is_none_or(|d| (today - d).num_days() >= i64::from(config.dormant_days));
    sorted(input.live_accounts().filter(|s| {
        let (account, activity) = (&s.account, &s.activity);
        account.kind == AccountKind::Client
            && !account.lost
            && quiet(activity.last_contact_on)
            && quiet(activity.last_order_on)
    }))
}

/// Accounts of any kind with an open dispute or complaint (clients fâchés): someone must go back.
pub fn upset_accounts(input: &InsightsInput) -> Vec<AccountBrief> {
    sorted(input.live_accounts().filter(|s| s.account.open_dispute))
}

/// Former clients to win back: kind former client, not marked lost (lost means we gave up on it).
pub fn win_back(input: &InsightsInput) -> Vec<AccountBrief> {
    sorted(input.live_accounts().filter(|s| s.account.kind == AccountKind::FormerClient && !s.account.lost))
}

fn sorted<'a>(accounts: impl Iterator<Item = &'a AccountSummary>) -> Vec<AccountBrief> {
    let mut briefs: Vec<AccountBrief> = accounts.map(AccountBrief::of).collect();
    briefs.sort_by(by_value);
    briefs
}

/// How well a client is known, out of 100 (see [`completeness`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Completeness {
    pub account: AccountBrief,
    pub score: u8,
    /// Offered product families the client never bought (cross-selling ideas), alphabetical.
    pub missing_families: Vec<String>,
}

/// The completeness score of a client, out of 100:
/// - contact persons: 20 for two or more, 10 for one, 0 for none (one contact is fragile);
/// - segment filled in (not blank): 20;
/// - potential estimated: 20;
/// - product families bought among those offered (`config.offered_families`): 40 × bought ÷ offered,
///   rounded down; 40 when no family is configured. A family is bought when the client has a
///   revenue figure above 0 in it, in any month (all time).
pub fn completeness(summary: &AccountSummary, config: &InsightsConfig) -> Completeness {
    let account = &summary.account;
    let bought: BTreeSet<&str> =
        account.revenue.iter().filter(|f| f.amount_cents > 0).map(|f| f.product_family()).collect();
    let offered: BTreeSet<&str> = config.offered_families.iter().map(String::as_str).collect();
    let missing_families: Vec<String> = offered.difference(&bought).map(|f| f.to_string()).collect();
    let families = match offered.len() {
        0 => 40,
        n => 40 * (n - missing_families.len()) / n,
    };
    let people = match summary.activity.people {
        0 => 0,
        1 => 10,
        _ => 20,
    };
    let segment = if account.segment.as_deref().is_some_and(|s| !s.trim().is_empty()) { 20 } else { 0 };
    let potential = if account.potential_cents.is_some() { 20 } else { 0 };
    Completeness {
        account: AccountBrief::of(summary),
        score: (people + segment + potential + families) as u8,
        missing_families,
    }
}

/// Clients (kind client, not lost) whose completeness score is below `poorly_known_below`, the least
/// known first, then by value.
pub fn poorly_known_clients(input: &InsightsInput, config: &InsightsConfig) -> Vec<Completeness> {
    let mut clients: Vec<Completeness> = input
        .live_accounts()
        .filter(|s| s.account.kind == AccountKind::Client && !s.account.lost)
        .map(|s| completeness(s, config))
        .filter(|c| c.score < config.poorly_known_below)
        .collect();
    clients.sort_by(|a, b| a.score.cmp(&b.score).then_with(|| by_value(&a.account, &b.account)));
    clients
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::testkit::{account, client_with_revenue, day};

    fn ids(briefs: &[AccountBrief]) -> Vec<&str> {
        briefs.iter().map(|b| b.account_id.as_str()).collect()
    }

    #[test]
    fn no_data_gives_empty_lists() {
        let (input, config) = (InsightsInput::default(), InsightsConfig::default());
        assert!(dormant_clients(&input, day(2026, 3, 4), &config).is_empty());
        assert!(upset_accounts(&input).is_empty() && win_back(&input).is_empty());
        assert!(poorly_known_clients(&input, &config).is_empty());
    }

    #[test]
    fn dormant_means_no_contact_and_no_order_for_the_threshold() {
        let today = day(2026, 3, 4);
        let client = |id: &str, contact: Option<NaiveDate>, order: Option<NaiveDate>| {
            let mut s = account(id, AccountKind::Client);
            s.activity.last_contact_on = contact;
            s.activity.last_order_on = order;
            s
        };
        // 4 Dec 2025 → 4 Mar 2026 = 27 (rest of Dec) + 31 + 28 + 4 = 90 days: dormant at 90.
        let ninety = client("ninety", Some(day(2025, 12, 4)), Some(day(2025, 10, 1)));
        // 5 Dec → 4 Mar = 89 days: not yet.
        let eighty_nine = client("eighty-nine", Some(day(2025, 12, 5)), None);
        let never = client("never", None, None);
        let mut lost = client("lost", None, None);
        lost.account.lost = true;
        let prospect = account("prospect", AccountKind::Prospect);
        let mut merged = client("merged", None, None);
        merged.account.merged_into = Some("never".into());
        let input = InsightsInput {
            accounts: vec![ninety, eighty_nine, never, lost, prospect, merged],
            ..Default::default()
        };
        assert_eq!(ids(&dormant_clients(&input, today, &InsightsConfig::default())), ["never", "ninety"]);
    }

    #[test]
    fn upset_accounts_and_former_clients_ordered_by_value() {
        let mut upset_small = account("upset-small", AccountKind::Client);
        upset_small.account.open_dispute = true;
        upset_small.account.potential_cents = Some(10);
        let mut upset_big = account("upset-big", AccountKind::Prospect);
        upset_big.account.open_dispute = true;
        upset_big.account.potential_cents = Some(1_000);
        let mut former = account("former", AccountKind::FormerClient);
        former.account.potential_cents = Some(5);
        let mut given_up = account("given-up", AccountKind::FormerClient);
        given_up.account.lost = true;
        let input =
            InsightsInput { accounts: vec![upset_small, upset_big, former, given_up], ..Default::default() };
        assert_eq!(ids(&upset_accounts(&input)), ["upset-big", "upset-small"]);
        assert_eq!(ids(&win_back(&input)), ["former"]);
    }

    #[test]
    fn completeness_scores_and_poorly_known_clients() {
        let config = InsightsConfig {
            offered_families: vec!["bread".into(), "cake".into(), "flour".into()],
            ..Default::default()
        };
        // One person (10) + segment (20) + potential (20) + 1 of 3 families: 40 × 1 / 3 = 13.3 → 13.
        // Total 63: not poorly known (63 ≥ 60). Cake at 0 cents does not count as bought.
        let mut known =
            client_with_revenue("known", &[(day(2025, 1, 1), "bread", 10), (day(2025, 2, 1), "cake", 0)]);
        known.activity.people = 1;
        known.account.segment = Some("Boulangerie".into());
        known.account.potential_cents = Some(0);
        let c = completeness(&known, &config);
        assert_eq!(
            (c.score, c.missing_families.clone()),
            (63, vec!["cake".to_string(), "flour".to_string()])
        );
        // Two people (20), blank segment (0), no potential (0), 2 of 3 families: 80 / 3 = 26.6 → 26.
        // Total 46: poorly known. A family not offered ("wine") changes nothing.
        let mut vague = client_with_revenue(
            "vague",
            &[(day(2025, 1, 1), "bread", 5), (day(2025, 1, 1), "flour", 5), (day(2025, 1, 1), "wine", 5)],
        );
        vague.activity.people = 2;
        vague.account.segment = Some("  ".into());
        // Nothing at all: 0 people, no segment, no potential, no family → 0.
        let blank = account("blank", AccountKind::Client);
        let input = InsightsInput { accounts: vec![known, vague, blank], ..Default::default() };
        let poorly: Vec<_> = poorly_known_clients(&input, &config)
            .iter()
            .map(|c| (c.account.account_id.clone(), c.score))
            .collect();
        assert_eq!(poorly, [("blank".to_string(), 0), ("vague".to_string(), 46)]);
        // No families configured: that part is given in full, 40; blank scores 40.
        assert_eq!(completeness(&input.accounts[2], &InsightsConfig::default()).score, 40);
    }
}
