//! What the screens read: today's agenda, the account list and search, an account with its timeline,
//! the pipeline, the leads of an event, the outbox and the conflicts. Reads never load documents.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use super::Store;
use crate::doc::Conflict;
use crate::error::{Error, Result};
use crate::model::*;

pub(super) fn from_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| Error::schema("projection", format!("unreadable row: {e}")))
}

/// Runs `sql` and parses the JSON record in its first column of each row.
pub(super) fn records<T: serde::de::DeserializeOwned>(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(args)?;
    let mut records = Vec::new();
    while let Some(row) = rows.next()? {
        // Parsed where SQLite holds it: no copy of each row's JSON.
        let json = row.get_ref(0)?.as_str().map_err(|e| Error::schema("projection", e.to_string()))?;
        records.push(from_json(json)?);
    }
    Ok(records)
}

/// Runs `sql` and pairs the JSON record in column 0 with the account name in column 1.
fn with_account_names<T: serde::de::DeserializeOwned>(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<(T, String)>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(args, |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    rows.map(|row| {
        let (json, name) = row?;
        Ok((from_json(&json)?, name))
    })
    .collect()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AgendaVisit {
    pub visit: VisitReport,
    pub account_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AgendaFollowUp {
    pub follow_up: FollowUp,
    pub account_name: String,
    /// Due before the day asked and still not done.
    pub overdue: bool,
}

/// A rep's day: the visits planned on it (local day) and the follow-ups due by then.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Agenda {
    pub day: NaiveDate,
    pub visits: Vec<AgendaVisit>,
    pub follow_ups: Vec<AgendaFollowUp>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AccountListItem {
    pub id: String,
    pub name: String,
    pub kind: AccountKind,
    pub city: Option<String>,
    pub postcode: Option<String>,
    pub owner_rep: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TimelineItem {
    Visit(VisitReport),
    FollowUp(FollowUp),
}

/// An account with everything logged on it, including on accounts merged into it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AccountDetail {
    pub account: Account,
    /// Accounts merged into this one as duplicates.
    pub merged_from: Vec<String>,
    pub contacts: Vec<Contact>,
    pub opportunities: Vec<Opportunity>,
    /// Newest first: visits by start, follow-ups by due date.
    pub timeline: Vec<TimelineItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PipelineItem {
    pub opportunity: Opportunity,
    pub account_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub doc_id: String,
    pub kind: String,
    /// Local writes not yet acknowledged by the server.
    pub changes: u64,
}

/// The account ids an account's screen covers: itself and every account merged into it.
const FAMILY: &str = "WITH RECURSIVE family(id) AS (
        SELECT ?1 UNION SELECT a.id FROM accounts a JOIN family f ON a.merged_into = f.id
    )";

/// Turns what a user typed into an FTS5 query: each word folded as the index is
/// ([`crate::i18n::fold`]), a quoted prefix, all required.
fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = crate::i18n::fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// [`Store::people_with_records`]: one seek per person in the indexes that start with the owner
/// and the rep, rather than reading them whole (a manager's device asks after every sync that
/// brought records, and holds a few people but a hundred thousand visits). Each step finds the
/// next id after the last; the walk starts after `''`, which no user id is.
pub(super) const PEOPLE_WITH_RECORDS: &str = "WITH RECURSIVE
    owners(id) AS (
        SELECT ''
        UNION ALL
        SELECT (SELECT owner_rep FROM accounts WHERE owner_rep > owners.id AND merged_into IS NULL
                ORDER BY owner_rep LIMIT 1)
        FROM owners WHERE id IS NOT NULL),
    reps(id) AS (
        SELECT ''
        UNION ALL
        SELECT (SELECT min(rep) FROM visits WHERE rep > reps.id) FROM reps WHERE id IS NOT NULL)
    SELECT id FROM owners WHERE id > '' UNION SELECT id FROM reps WHERE id > '' ORDER BY 1";

impl Store {
    /// `rep`'s agenda for `day` (a local calendar day): planned visits of that day, follow-ups due
    /// that day or overdue.
    pub fn agenda(&self, rep: &str, day: NaiveDate) -> Result<Agenda> {
        let conn = self.reader()?;
        let day_text = day.to_string();
        let visits = with_account_names(
            &conn,
            "SELECT v.json, a.name FROM visit_records v JOIN accounts a ON a.id = v.account_id
             WHERE v.rep = ?1 AND v.local_day = ?2 AND v.status = 'planned' ORDER BY v.started_at, v.id",
            params![rep, day_text],
        )?
        .into_iter()
        .map(|(visit, account_name)| AgendaVisit { visit, account_name })
        .collect();
        let follow_ups = with_account_names(
            &conn,
            "SELECT f.json, a.name FROM follow_ups f JOIN accounts a ON a.id = f.account_id
             WHERE f.owner = ?1 AND f.done = 0 AND f.due_on <= ?2 ORDER BY f.due_on, a.name, f.id",
            params![rep, day_text],
        )?
        .into_iter()
        .map(|(follow_up, account_name): (FollowUp, String)| AgendaFollowUp {
            overdue: follow_up.due_on < day,
            follow_up,
            account_name,
        })
        .collect();
        Ok(Agenda { day, visits, follow_ups })
    }

    /// Accounts whose name, city or contact names start with the words typed (accents and case
    /// ignored), best matches first; with nothing typed, all accounts by name. Merged-away duplicates
    /// are not listed.
    pub fn search_accounts(&self, text: &str, limit: u32) -> Result<Vec<AccountListItem>> {
        self.list_accounts(text, None, None, limit)
    }

    /// [`search_accounts`](Self::search_accounts) restricted to one kind and one owner when given.
    pub fn list_accounts(
        &self,
        text: &str,
        kind: Option<AccountKind>,
        owner: Option<&str>,
        limit: u32,
    ) -> Result<Vec<AccountListItem>> {
        let conn = self.reader()?;
        let kind = kind.map(AccountKind::code);
        let limit = limit.clamp(1, 1_000);
        type Row = (String, String, String, Option<String>, Option<String>, String);
        let map = |r: &rusqlite::Row<'_>| -> rusqlite::Result<Row> {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        };
        let rows: Vec<_> = match fts_query(text) {
            Some(query) => conn
                .prepare_cached(
                    "SELECT a.id, a.name, a.kind, a.city, a.postcode, a.owner_rep
                     FROM accounts_fts JOIN accounts a ON a.rowid = accounts_fts.rowid
                     WHERE accounts_fts MATCH ?1 AND (?3 IS NULL OR a.kind = ?3)
                       AND (?4 IS NULL OR a.owner_rep = ?4)
                     ORDER BY rank, a.name LIMIT ?2",
                )?
                .query_map(params![query, limit, kind, owner], map)?
                .collect::<rusqlite::Result<_>>()?,
            None => conn
                .prepare_cached(
                    "SELECT id, name, kind, city, postcode, owner_rep FROM accounts
                     WHERE merged_into IS NULL AND (?2 IS NULL OR kind = ?2) AND (?3 IS NULL OR owner_rep = ?3)
                     ORDER BY norm_name LIMIT ?1",
                )?
                .query_map(params![limit, kind, owner], map)?
                .collect::<rusqlite::Result<_>>()?,
        };
        rows.into_iter()
            .map(|(id, name, kind, city, postcode, owner_rep)| {
                let kind =
                    AccountKind::parse(&kind).ok_or_else(|| Error::schema(&id, "unknown account kind"))?;
                Ok(AccountListItem { id, name, kind, city, postcode, owner_rep })
            })
            .collect()
    }

    /// An account with its contacts, opportunities and timeline, merged duplicates included.
    pub fn account_detail(&self, id: &str) -> Result<AccountDetail> {
        let account = self.account(id)?;
        let conn = self.reader()?;
        let merged_from: Vec<String> = conn
            .prepare_cached(&format!("{FAMILY} SELECT id FROM family WHERE id <> ?1 ORDER BY id"))?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let contacts = records(
            &conn,
            &format!("{FAMILY} SELECT json FROM contacts WHERE account_id IN family ORDER BY name, id"),
            [id],
        )?;
        let opportunities = records(
            &conn,
            &format!(
                "{FAMILY} SELECT json FROM opportunities WHERE account_id IN family ORDER BY expected_close, id"
            ),
            [id],
        )?;
        let visits: Vec<VisitReport> = records(
            &conn,
            &format!("{FAMILY} SELECT json FROM visit_records WHERE account_id IN family"),
            [id],
        )?;
        let follow_ups: Vec<FollowUp> = records(
            &conn,
            &format!("{FAMILY} SELECT json FROM follow_ups WHERE account_id IN family"),
            [id],
        )?;
        let mut timeline: Vec<(String, TimelineItem)> = visits
            .into_iter()
            .map(|v| (v.local_day().to_string() + &v.started_at.to_rfc3339(), TimelineItem::Visit(v)))
            .chain(follow_ups.into_iter().map(|f| (f.due_on.to_string(), TimelineItem::FollowUp(f))))
            .collect();
        timeline.sort_by(|a, b| b.0.cmp(&a.0));
        Ok(AccountDetail {
            account,
            merged_from,
            contacts,
            opportunities,
            timeline: timeline.into_iter().map(|(_, item)| item).collect(),
        })
    }

    /// The users who own an account or logged a visit on this device (a manager's device: the
    /// team's reps), by id.
    pub fn people_with_records(&self) -> Result<Vec<String>> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(PEOPLE_WITH_RECORDS)?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Open opportunities (all owners, or one), by expected close date.
    pub fn pipeline(&self, owner: Option<&str>) -> Result<Vec<PipelineItem>> {
        let conn = self.reader()?;
        Ok(with_account_names(
            &conn,
            "SELECT o.json, a.name FROM opportunities o JOIN accounts a ON a.id = o.account_id
             WHERE o.stage NOT IN ('won', 'lost') AND (?1 IS NULL OR o.owner = ?1)
             ORDER BY o.expected_close, a.name, o.id",
            params![owner],
        )?
        .into_iter()
        .map(|(opportunity, account_name)| PipelineItem { opportunity, account_name })
        .collect())
    }

    /// The leads captured at an event, newest first, from every device that synced them.
    pub fn event_leads(&self, event: &str) -> Result<Vec<Lead>> {
        records(
            &*self.reader()?,
            "SELECT json FROM leads WHERE event = ?1 ORDER BY captured_at DESC, id",
            [event],
        )
    }

    /// What is not yet synced.
    pub fn outbox(&self) -> Result<Vec<OutboxEntry>> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(
            "SELECT o.doc_id, d.kind, o.changes FROM outbox o JOIN documents d ON d.doc_id = o.doc_id ORDER BY o.since",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(OutboxEntry { doc_id: r.get(0)?, kind: r.get(1)?, changes: r.get::<_, i64>(2)?.max(0) as u64 })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Local writes waiting for the server, in number of changes.
    pub fn outbox_count(&self) -> Result<u64> {
        let count: i64 =
            self.reader()?.query_row("SELECT coalesce(sum(changes), 0) FROM outbox", [], |r| r.get(0))?;
        Ok(count.max(0) as u64)
    }

    /// The conflicts to review, in a stable order.
    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        records(
            &*self.reader()?,
            "SELECT json FROM conflicts ORDER BY doc_id, collection, record_id, field",
            [],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn typed_text_becomes_a_safe_prefix_query() {
        assert_eq!(fts_query("boul mar").as_deref(), Some("\"boul\"* \"mar\"*"));
        assert_eq!(fts_query("\"; DROP TABLE --").as_deref(), Some("\"drop\"* \"table\"*"));
        assert_eq!(fts_query("BŒUF Cour").as_deref(), Some("\"boeuf\"* \"cour\"*"));
        assert_eq!(fts_query("  -- "), None);
    }
}
