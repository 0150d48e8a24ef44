//! A first sync fills an empty store with a whole team's records. Inserting each row into every
//! secondary index of its table, at a random place, was a third of the writer's time and most of
//! the pages each commit wrote; building an index once, from the finished table, costs a fraction of
//! that (0.6 s for the indexes of 100k reports, against 2.4 s saved while inserting them:
//! BENCHMARKS.md, "Issue 13, ninth part").
//!
//! So a sync into a store that holds almost nothing drops the secondary indexes of the projection
//! tables, and builds them again when it ends, failed or not. The accounts' summary rows and search
//! entries, which are read from an account's contacts, visits and follow-ups through those
//! indexes, wait for the end too: every account's are rewritten once, with the indexes
//! (BENCHMARKS.md, "Issue 13, thirteenth part"). The definitions wait in `deferred_indexes`,
//! written in the transaction that dropped them: a store opened with indexes still deferred (the
//! app was stopped mid-sync) builds them, and rewrites the accounts', before anything else.
//! Meanwhile every read is answered the same, only slower, but for the dashboard's activity
//! figures and the search by name, which show the accounts as they were before the sync.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::Result;
use crate::store::{project, schema};

/// Whether a first sync's indexes are deferred, and with them the accounts' summaries and search
/// entries. False for a store that predates the table listing them.
pub(super) fn pending(conn: &Connection) -> Result<bool> {
    let table: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'deferred_indexes')",
        [],
        |r| r.get(0),
    )?;
    Ok(table && conn.query_row("SELECT EXISTS (SELECT 1 FROM deferred_indexes)", [], |r| r.get(0))?)
}

/// Builds every deferred index again, and rewrites every account's summary and search entry, in
/// one transaction; whether it did. Nothing to do (two reads) when none is deferred.
///
/// It runs before the store's migrations ([`Store::open`](super::Store::open)), which may rebuild
/// an index it defers: it builds the indexes as the deferring version defined them, then migrates,
/// then rewrites the accounts' rows.
pub(super) fn build(conn: &mut Connection) -> Result<bool> {
    if !pending(conn)? {
        return Ok(false);
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let deferred: Vec<(String, String)> = tx
        .prepare("SELECT name, sql FROM deferred_indexes ORDER BY name")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, sql) in &deferred {
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?1)",
            [name],
            |r| r.get(0),
        )?;
        if !exists {
            tx.execute_batch(sql)?;
        }
    }
    tx.execute("DELETE FROM deferred_indexes", [])?;
    // The accounts' rows are rewritten by this version's statements, on this version's schema.
    schema::migrate_in(&tx)?;
    project::refresh_every_account(&tx)?;
    tx.commit()?;
    tracing::info!(indexes = deferred.len(), "built the indexes a first sync deferred");
    Ok(true)
}

/// What only the sync client does: defer the indexes before a first sync, build them after.
#[cfg(feature = "transport")]
mod around_a_first_sync {
    use rusqlite::{params, Connection, TransactionBehavior};

    use crate::doc::Collection;
    use crate::error::Result;
    use crate::store::{project, Store};

    /// A store holding fewer documents than this receives the team's data whole: a first sync (one
    /// applied batch's worth, `SyncOptions::apply_docs`). Past it, building the indexes again would
    /// cost more than the rows a sync still brings.
    pub(in crate::store) const FEW_DOCUMENTS: i64 = 1024;

    /// The secondary indexes of the projection tables, with their definitions. Primary keys are
    /// not secondary indexes and stay: the writes find records by their ids.
    fn deferrable(conn: &Connection) -> Result<Vec<(String, String)>> {
        let tables: Vec<&str> =
            Collection::ALL.iter().map(|c| project::table(*c)).chain(["account_summary"]).collect();
        let mut stmt = conn.prepare(
            "SELECT name, sql FROM sqlite_schema
             WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(?1))
             ORDER BY name",
        )?;
        let all = stmt
            .query_map([serde_json::to_string(&tables).expect("names serialize")], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(all)
    }

    impl Store {
        /// Before a sync that starts from nothing: if this store holds almost nothing, drops the
        /// secondary indexes, to build them once it ends
        /// ([`build_deferred_indexes`](Self::build_deferred_indexes)). Whether it did.
        pub fn defer_indexes(&self) -> Result<bool> {
            let mut side = self.writer()?;
            let tx = side.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let held: i64 = tx.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?;
            if held >= FEW_DOCUMENTS {
                return Ok(false);
            }
            let indexes = deferrable(&tx)?;
            for (name, sql) in &indexes {
                tx.execute(
                    "INSERT INTO deferred_indexes (name, sql) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING",
                    params![name, sql],
                )?;
                tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
            }
            tx.commit()?;
            Ok(!indexes.is_empty())
        }

        /// Builds the indexes [`defer_indexes`](Self::defer_indexes) dropped, if any, and rewrites
        /// every account's summary and search entry; whether it did.
        pub fn build_deferred_indexes(&self) -> Result<bool> {
            super::build(&mut self.writer()?.conn)
        }
    }
}

#[cfg(all(test, feature = "transport"))]
pub(super) use around_a_first_sync::FEW_DOCUMENTS;
