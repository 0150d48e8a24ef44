//! Builders for the hand-made datasets of the tests: fixed ids, fixed instants, nothing random.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::input::{AccountActivity, AccountSummary, FollowUpFacts, VisitFacts};
use super::revenue::RevenueFigures;
use crate::model::{Account, AccountKind, Channel, FollowUp, RevenueFigure, VisitReport};

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

/// An account created at noon UTC on 2026-01-05, with no activity.
pub fn account(id: &str, kind: AccountKind) -> AccountSummary {
    let mut account = Account::new(format!("Account {id}"), kind, "rep1");
    account.id = id.into();
    account.created_at = at(2026, 1, 5, 12, 0);
    AccountSummary { account: (&account).into(), activity: AccountActivity::default() }
}

/// A client whose revenue figures are the given (month, family, amount in cents).
pub fn client_with_revenue(id: &str, figures: &[(NaiveDate, &str, i64)]) -> AccountSummary {
    let mut summary = account(id, AccountKind::Client);
    let figures: Vec<RevenueFigure> = figures
        .iter()
        .map(|&(month, family, amount_cents)| RevenueFigure {
            month,
            product_family: family.into(),
            amount_cents,
        })
        .collect();
    summary.account.revenue = RevenueFigures::new(&figures);
    summary
}

/// What the insights read of a done visit of `account_id` by rep1, lasting 30 minutes, logged on a
/// device `offset_minutes` from UTC.
pub fn visit(
    account_id: &str,
    started_at: DateTime<Utc>,
    offset_minutes: i32,
    channel: Channel,
) -> VisitFacts {
    let mut visit = VisitReport::new(account_id, "rep1", channel, started_at);
    visit.utc_offset_minutes = offset_minutes;
    VisitFacts::from(&visit)
}

pub fn follow_up(id: &str, account_id: &str, due_on: NaiveDate, done: bool) -> FollowUpFacts {
    let mut follow_up = FollowUp::new(account_id, format!("Call back {account_id}"), due_on, "rep1");
    follow_up.id = id.into();
    follow_up.done = done;
    FollowUpFacts::from(&follow_up)
}

/// Asserts two percentages or means are equal to 1e-9.
pub fn assert_close(actual: Option<f64>, expected: Option<f64>) {
    match (actual, expected) {
        (Some(a), Some(e)) => assert!((a - e).abs() < 1e-9, "{a} != {e}"),
        _ => assert_eq!(actual, expected),
    }
}
