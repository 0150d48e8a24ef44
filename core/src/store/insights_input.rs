//! Fills the insights' input from the projections: the scope's accounts from their maintained
//! summary rows (one narrow row each, read by column), and only the records of the window asked, so
//! a dashboard never reads every visit nor parses every account.

use chrono::{DateTime, Duration, NaiveDate};
use rusqlite::params;

use super::queries::records;
use super::{revenue, Store};
use crate::error::{Error, Result};
use crate::insights::{AccountActivity, AccountFacts, AccountSummary, InsightsInput, Period, Scope};
use crate::model::{AccountKind, NeedHorizon};

/// A day the summary row keeps as whole days since 1970-01-01.
fn epoch_day(days: Option<i64>) -> Option<NaiveDate> {
    DateTime::from_timestamp(days? * 86_400, 0).map(|t| t.date_naive())
}

/// A text column read in place (no copy), `None` for NULL.
fn text<'r>(row: &'r rusqlite::Row, index: usize) -> Result<Option<&'r str>> {
    Ok(row.get_ref(index)?.as_str_or_null().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
    })?)
}

fn unreadable(column: &str) -> Error {
    Error::schema("account_summary", format!("unreadable {column}"))
}

impl Store {
    /// What the insights need for `scope` over `window` (local days). A rep's scope is the accounts
    /// they own and the records they made or own; the team's is everything on this device (a
    /// manager's device holds the team's data). The activity of an account counts the records logged
    /// on it, not on duplicates merged into it.
    pub fn insights_input(&self, scope: &Scope, window: Period) -> Result<InsightsInput> {
        let conn = self.reader()?;
        let rep: Option<&str> = match scope {
            Scope::Rep(rep) => Some(rep),
            Scope::Team => None,
        };
        let (start, end) = (window.start.to_string(), window.end.to_string());
        // `column = ?1` for a rep, so SQLite uses the owner indexes; always true for the team.
        let owned_by = |column: &str| match rep {
            Some(_) => format!("{column} = ?1"),
            None => "?1 IS NULL".to_owned(),
        };
        // One narrow row per account (schema V5), read by column: no JSON to parse.
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT account_id, name, kind, need_horizon, segment, owner_rep, potential_cents, open_dispute, lost,
                    merged_into, created_at, became_client_on, revenue, contacts_logged, contacts_to_win,
                    last_contact_on, last_order_on, people, next_follow_up_on, created_at_from_import
             FROM account_summary WHERE {}",
            owned_by("owner_rep")
        ))?;
        let mut rows = stmt.query(params![rep])?;
        let mut accounts = Vec::new();
        while let Some(r) = rows.next()? {
            let account = AccountFacts {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: AccountKind::parse(text(r, 2)?.ok_or_else(|| unreadable("kind"))?)
                    .ok_or_else(|| unreadable("kind"))?,
                need_horizon: match text(r, 3)? {
                    Some(code) => Some(NeedHorizon::parse(code).ok_or_else(|| unreadable("need_horizon"))?),
                    None => None,
                },
                segment: r.get(4)?,
                owner_rep: r.get(5)?,
                potential_cents: r.get(6)?,
                open_dispute: r.get(7)?,
                lost: r.get(8)?,
                merged_into: r.get(9)?,
                created_at: DateTime::from_timestamp_millis(r.get(10)?)
                    .ok_or_else(|| unreadable("created_at"))?,
                created_at_from_import: r.get(19)?,
                became_client_on: epoch_day(r.get(11)?),
                revenue: revenue::decode(r.get_ref(12)?.as_blob().map_err(|_| unreadable("revenue"))?)?,
            };
            let activity = AccountActivity {
                contacts_logged: r.get(13)?,
                contacts_to_win: r.get(14)?,
                last_contact_on: epoch_day(r.get(15)?),
                last_order_on: epoch_day(r.get(16)?),
                people: r.get(17)?,
                next_follow_up_on: epoch_day(r.get(18)?),
            };
            accounts.push(AccountSummary { account, activity });
        }
        let visits = records(
            &conn,
            &format!("SELECT json FROM visits WHERE {} AND local_day BETWEEN ?2 AND ?3", owned_by("rep")),
            params![rep, start, end],
        )?;
        let follow_ups = records(
            &conn,
            &format!(
                // Two ranges of one index: most follow-ups are done and long past.
                "SELECT json FROM follow_ups WHERE {owner} AND done = 0 AND due_on <= ?3
                 UNION ALL
                 SELECT json FROM follow_ups WHERE {owner} AND done = 1 AND due_on BETWEEN ?2 AND ?3",
                owner = owned_by("owner")
            ),
            params![rep, start, end],
        )?;
        let opportunities = records(
            &conn,
            &format!(
                "SELECT json FROM opportunities WHERE {} AND expected_close BETWEEN ?2 AND ?3",
                owned_by("owner")
            ),
            params![rep, start, end],
        )?;
        let objectives = records(
            &conn,
            &format!(
                "SELECT json FROM objectives WHERE {} AND period_start <= ?3 AND period_end >= ?2",
                owned_by("rep")
            ),
            params![rep, start, end],
        )?;
        // Leads carry a UTC instant: a day of margin on each side covers every time zone.
        let from =
            (window.start - Duration::days(1)).and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp_millis());
        let to =
            (window.end + Duration::days(2)).and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp_millis());
        let leads = records(
            &conn,
            &format!(
                "SELECT json FROM leads WHERE {} AND captured_at >= ?2 AND captured_at < ?3",
                owned_by("captured_by")
            ),
            params![rep, from, to],
        )?;
        Ok(InsightsInput { accounts, visits, follow_ups, opportunities, objectives, leads })
    }
}
