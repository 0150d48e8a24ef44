//! Fills the insights' input from the projections: the scope's accounts from their maintained
//! summary rows (one narrow row each, its facts packed), and only the records of the window asked, so
//! a dashboard never reads every visit nor parses every account.

use chrono::Duration;
use rusqlite::{params, Connection};
use rustc_hash::FxHashMap;
use smol_str::SmolStr;

use super::queries::records;
use super::{summary_facts, Store};
use crate::error::{Error, Result};
use crate::insights::{AccountSummary, FollowUpFacts, InsightsInput, Period, Scope, VisitFacts};
use crate::model::{Channel, Lead, Objective, Opportunity, VisitStatus};

/// A text column read in place (no copy), `None` for NULL.
fn text<'r>(row: &'r rusqlite::Row, index: usize) -> Result<Option<&'r str>> {
    Ok(row.get_ref(index)?.as_str_or_null().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
    })?)
}

/// The scope's filter on an owner column: `column = ?1` for a rep, so SQLite uses the owner
/// indexes; always true for the team (`?1` is then NULL).
fn owned_by(rep: Option<&str>, column: &str) -> String {
    match rep {
        Some(_) => format!("{column} = ?1"),
        None => "?1 IS NULL".to_owned(),
    }
}

/// A read transaction, rolled back when dropped: every query made through it reads one snapshot.
/// It holds the connection by `&mut`, so it can move to the thread that runs the queries.
struct Snapshot<'c>(&'c mut Connection);

impl<'c> Snapshot<'c> {
    fn begin(conn: &'c mut Connection) -> Result<Self> {
        conn.execute_batch("BEGIN")?;
        let snapshot = Snapshot(conn);
        // A deferred transaction takes its snapshot at its first read.
        snapshot.0.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))?;
        Ok(snapshot)
    }
}

impl Drop for Snapshot<'_> {
    fn drop(&mut self) {
        if let Err(e) = self.0.execute_batch("ROLLBACK") {
            tracing::warn!("ending a read transaction failed: {e}");
        }
    }
}

/// The scope's accounts whose summary row is in `rowids` (one narrow row each: the facts are one
/// packed column, [`summary_facts`]), in row order.
fn accounts(
    conn: &Connection,
    rep: Option<&str>,
    rowids: (i64, i64),
    accounts: &mut Vec<AccountSummary>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT account_id, owner_rep, facts FROM account_summary WHERE {} AND rowid BETWEEN ?2 AND ?3",
        owned_by(rep, "owner_rep")
    ))?;
    let mut rows = stmt.query(params![rep, rowids.0, rowids.1])?;
    // Each owner's id once, shared by all their accounts.
    let mut owners: FxHashMap<String, SmolStr> = FxHashMap::default();
    while let Some(r) = rows.next()? {
        let unreadable = |column: &str| Error::schema("account_summary", format!("unreadable {column}"));
        let owner = text(r, 1)?.ok_or_else(|| unreadable("owner_rep"))?;
        let owner_rep = match owners.get(owner) {
            Some(known) => known.clone(),
            None => owners.entry(owner.to_owned()).or_insert_with(|| SmolStr::new(owner)).clone(),
        };
        let facts = r.get_ref(2)?.as_blob().map_err(|_| unreadable("facts"))?;
        accounts.push(summary_facts::read(r.get(0)?, owner_rep, facts)?);
    }
    Ok(())
}

/// The first and last row ids of the summary rows, each from its own subquery: SQLite finds a
/// lone min() or max() at one end of the table, but both in one query read every row (a test
/// checks the plan).
pub(super) const SUMMARY_BOUNDS: &str = "SELECT coalesce((SELECT min(rowid) FROM account_summary), 1),
     coalesce((SELECT max(rowid) FROM account_summary), 0)";

/// The summary rows split in two ranges of row ids, one per connection, and how many rows they
/// can hold at most (a team's scope reads about as many). The second connection also reads the
/// follow-ups and the other records, about a tenth of the accounts' time in a team's data since
/// the follow-ups are read from one index (schema V11), so the first range is a little larger: both
/// connections finish about together (`tournee-bench probe-dashboard`: 3/5 gave 27.3–28.2 ms of
/// loading, 11/20 26.0–27.6).
fn split(conn: &Connection) -> Result<([(i64, i64); 2], usize)> {
    let (first, last): (i64, i64) = conn.query_row(SUMMARY_BOUNDS, [], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let middle = first + (last - first) * 11 / 20;
    Ok(([(first, middle), (middle + 1, last)], usize::try_from(last - first + 1).unwrap_or(0)))
}

/// The window's visits of a rep (`?1`, or the team when NULL), from `?2` to `?3`: from the columns
/// of one index, `visits_by_day` (schema V9), in day order. The rep's own index would find the
/// window's visits but not hold their columns: the unary `+` leaves the planner only the day's
/// (a test checks the plan). Not `INDEXED BY`, which fails while a first sync defers the index.
pub(super) fn visits_query(rep: Option<&str>) -> String {
    format!(
        "SELECT account_id, status, channel, local_day, duration_minutes, order_cents, margin_cents
         FROM visits WHERE local_day BETWEEN ?2 AND ?3 AND {}",
        owned_by(rep, "+rep")
    )
}

/// The window's visits ([`visits_query`]): what one connection reads beside its part of the
/// accounts.
fn visits(conn: &Connection, rep: Option<&str>, window: Period) -> Result<Vec<VisitFacts>> {
    let mut stmt = conn.prepare_cached(&visits_query(rep))?;
    let mut rows = stmt.query(params![rep, window.start.to_string(), window.end.to_string()])?;
    let mut visits = Vec::new();
    while let Some(r) = rows.next()? {
        let unreadable = |column: &str| Error::schema("visits", format!("unreadable {column}"));
        visits.push(VisitFacts {
            account_id: r.get(0)?,
            status: VisitStatus::parse(text(r, 1)?.unwrap_or_default())
                .ok_or_else(|| unreadable("status"))?,
            channel: Channel::parse(text(r, 2)?.unwrap_or_default()).ok_or_else(|| unreadable("channel"))?,
            local_day: text(r, 3)?.and_then(|d| d.parse().ok()).ok_or_else(|| unreadable("local_day"))?,
            duration_minutes: r.get(4)?,
            order_amount_cents: r.get(5)?,
            order_margin_cents: r.get(6)?,
        });
    }
    Ok(visits)
}

/// The follow-ups of the window ([`InsightsInput::follow_ups`]), by column: for a team, from
/// `follow_ups_by_due` alone.
fn follow_ups(conn: &Connection, rep: Option<&str>, window: Period) -> Result<Vec<FollowUpFacts>> {
    let mut stmt = conn.prepare_cached(&format!(
        // Two ranges of one index: most follow-ups are done and long past.
        "SELECT id, account_id, action, due_on, owner, done FROM follow_ups
             WHERE {owner} AND done = 0 AND due_on <= ?3
         UNION ALL
         SELECT id, account_id, action, due_on, owner, done FROM follow_ups
             WHERE {owner} AND done = 1 AND due_on BETWEEN ?2 AND ?3",
        owner = owned_by(rep, "owner")
    ))?;
    let mut rows = stmt.query(params![rep, window.start.to_string(), window.end.to_string()])?;
    let mut follow_ups = Vec::new();
    while let Some(r) = rows.next()? {
        follow_ups.push(FollowUpFacts {
            id: r.get(0)?,
            account_id: r.get(1)?,
            action: r.get(2)?,
            due_on: text(r, 3)?
                .and_then(|d| d.parse().ok())
                .ok_or_else(|| Error::schema("follow_ups", "unreadable due_on"))?,
            owner: r.get(4)?,
            done: r.get(5)?,
        });
    }
    Ok(follow_ups)
}

/// The window's other records: what the other connection reads beside its part of the accounts.
struct Others {
    follow_ups: Vec<FollowUpFacts>,
    opportunities: Vec<Opportunity>,
    objectives: Vec<Objective>,
    leads: Vec<Lead>,
}

fn others(conn: &Connection, rep: Option<&str>, window: Period) -> Result<Others> {
    let (start, end) = (window.start.to_string(), window.end.to_string());
    let follow_ups = follow_ups(conn, rep, window)?;
    let opportunities = records(
        conn,
        &format!(
            "SELECT json FROM opportunities WHERE {} AND expected_close BETWEEN ?2 AND ?3",
            owned_by(rep, "owner")
        ),
        params![rep, start, end],
    )?;
    let objectives = records(
        conn,
        &format!(
            "SELECT json FROM objectives WHERE {} AND period_start <= ?3 AND period_end >= ?2",
            owned_by(rep, "rep")
        ),
        params![rep, start, end],
    )?;
    // Leads carry a UTC instant: a day of margin on each side covers every time zone.
    let from =
        (window.start - Duration::days(1)).and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp_millis());
    let to = (window.end + Duration::days(2)).and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp_millis());
    let leads = records(
        conn,
        &format!(
            "SELECT json FROM leads WHERE {} AND captured_at >= ?2 AND captured_at < ?3",
            owned_by(rep, "captured_by")
        ),
        params![rep, from, to],
    )?;
    Ok(Others { follow_ups, opportunities, objectives, leads })
}

impl Store {
    /// What the insights need for `scope` over `window` (local days). A rep's scope is the accounts
    /// they own and the records they made or own; the team's is everything on this device (a
    /// manager's device holds the team's data). The activity of an account counts the records logged
    /// on it, not on duplicates merged into it.
    ///
    /// A team's dashboard reads some 50,000 summary rows and the window's records: the reading is
    /// shared between two connections on two threads, each reading part of the accounts and part of
    /// the records, from one snapshot.
    pub fn insights_input(&self, scope: &Scope, window: Period) -> Result<InsightsInput> {
        let rep: Option<&str> = match scope {
            Scope::Rep(rep) => Some(rep),
            Scope::Team => None,
        };
        // No write commits while the two snapshots begin, so both read the same data.
        let writes_wait = self.writer()?;
        let (mut reader, mut second) = (self.reader()?, self.second_reader()?);
        let (here, there) = (Snapshot::begin(&mut reader)?, Snapshot::begin(&mut second)?);
        drop(writes_wait);
        let ([first_part, second_part], rows) = split(here.0)?;
        // Sized once: growing a team's 50,000 summaries step by step copies them again and again.
        // (Capacity a rep's scope leaves unused is never touched, so never paged in.)
        let mut all = Vec::with_capacity(rows);
        let mut second = Vec::with_capacity(rows / 2);
        let (mine, theirs) = std::thread::scope(|s| {
            let second = &mut second;
            let helper = s.spawn(move || -> Result<_> {
                accounts(there.0, rep, second_part, second)?;
                others(there.0, rep, window)
            });
            let mine = accounts(here.0, rep, first_part, &mut all).and_then(|()| visits(here.0, rep, window));
            // A panic in the helper goes on here, as it would have on one thread.
            (mine, helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        });
        let (visits, others) = (mine?, theirs?);
        all.append(&mut second);
        let accounts = all;
        let Others { follow_ups, opportunities, objectives, leads } = others;
        Ok(InsightsInput { accounts, visits, follow_ups, opportunities, objectives, leads })
    }
}
