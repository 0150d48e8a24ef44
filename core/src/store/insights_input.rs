//! Fills the insights' input from the projections: the scope's accounts with their maintained
//! activity rows, and only the records of the window asked, so a dashboard never reads every visit.

use chrono::{Duration, NaiveDate};
use rusqlite::params;

use super::queries::{from_json, records};
use super::Store;
use crate::error::Result;
use crate::insights::{AccountActivity, AccountSummary, InsightsInput, Period, Scope};

fn day(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| t.parse().ok())
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
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT a.json, coalesce(t.contacts_logged, 0), coalesce(t.contacts_to_win, 0), t.last_contact_on,
                    t.last_order_on, coalesce(t.people, 0), t.next_follow_up_on
             FROM accounts a LEFT JOIN account_activity t ON t.account_id = a.id
             WHERE {}",
            owned_by("a.owner_rep")
        ))?;
        let accounts = stmt
            .query_map(params![rep], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    AccountActivity {
                        contacts_logged: r.get(1)?,
                        contacts_to_win: r.get(2)?,
                        last_contact_on: day(r.get(3)?),
                        last_order_on: day(r.get(4)?),
                        people: r.get(5)?,
                        next_follow_up_on: day(r.get(6)?),
                    },
                ))
            })?
            .map(|row| {
                let (json, activity) = row?;
                Ok(AccountSummary { account: from_json(&json)?, activity })
            })
            .collect::<Result<Vec<_>>>()?;
        let visits = records(
            &conn,
            &format!("SELECT json FROM visits WHERE {} AND local_day BETWEEN ?2 AND ?3", owned_by("rep")),
            params![rep, start, end],
        )?;
        let follow_ups = records(
            &conn,
            &format!(
                "SELECT json FROM follow_ups WHERE {} AND (done = 0 OR due_on BETWEEN ?2 AND ?3)",
                owned_by("owner")
            ),
            params![rep, start, end],
        )?;
        let opportunities = records(
            &conn,
            &format!("SELECT json FROM opportunities WHERE {}", owned_by("owner")),
            params![rep],
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
