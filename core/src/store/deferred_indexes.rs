//! A first sync fills an empty store with a whole team's records. Inserting each row into every
//! secondary index of its table, at a random place, was a third of the writer's time and most of
//! the pages each commit wrote; building an index once, from the finished table, costs a fraction of
//! that (0.6 s for the indexes of 100k reports, against 2.4 s saved while inserting them:
//! BENCHMARKS.md, "Issue 13, ninth part").
//!
//! So a sync into a store that holds almost nothing drops the indexes that applying received
//! documents never searches by (`KEPT` lists the others), and builds them again when it ends,
//! failed or not. Their
//! definitions wait in `deferred_indexes`, written in the transaction that dropped them: a store
//! opened with indexes still deferred (the app was stopped mid-sync) builds them before anything
//! else. Meanwhile every read is answered the same, only slower.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::Result;

/// Builds every deferred index again, in one transaction. Nothing to do (one read) when none is
/// deferred, or when the store predates the table that lists them.
pub(super) fn build(conn: &mut Connection) -> Result<()> {
    let table: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'deferred_indexes')",
        [],
        |r| r.get(0),
    )?;
    if !table || !conn.query_row("SELECT EXISTS (SELECT 1 FROM deferred_indexes)", [], |r| r.get(0))? {
        return Ok(());
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
    tx.commit()?;
    tracing::info!(indexes = deferred.len(), "built the indexes a first sync deferred");
    Ok(())
}

/// What only the sync client does: defer the indexes before a first sync, build them after.
#[cfg(feature = "transport")]
mod around_a_first_sync {
    use rusqlite::{params, Connection, TransactionBehavior};

    use crate::doc::Collection;
    use crate::error::Result;
    use crate::store::{project, Store};

    /// Never deferred: the indexes the writes search by (an account's summary and search entry are
    /// rebuilt from its contacts, visits and follow-ups as they arrive), and the one the dashboard
    /// names (`INDEXED BY` fails without it, and a manager opens the dashboard while the team's data
    /// arrives). Primary keys are not secondary indexes and stay too.
    const KEPT: [&str; 4] =
        ["contacts_by_account", "visits_by_account", "follow_ups_by_account", "visits_by_day"];

    /// A store holding fewer documents than this receives the team's data whole: a first sync (one
    /// applied batch's worth, `SyncOptions::apply_docs`). Past it, building the indexes again would
    /// cost more than the rows a sync still brings.
    pub(in crate::store) const FEW_DOCUMENTS: i64 = 1024;

    /// The secondary indexes of the projection tables but the [`KEPT`] ones, with
    /// their definitions.
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
            .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
        Ok(all.into_iter().filter(|(name, _)| !KEPT.contains(&name.as_str())).collect())
    }

    impl Store {
        /// Before a sync that starts from nothing: if this store holds almost nothing, drops the
        /// indexes the sync's writes do not need, to build them once it ends
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

        /// Builds the indexes [`defer_indexes`](Self::defer_indexes) dropped, if any.
        pub fn build_deferred_indexes(&self) -> Result<()> {
            super::build(&mut self.writer()?.conn)
        }
    }
}

#[cfg(all(test, feature = "transport"))]
pub(super) use around_a_first_sync::FEW_DOCUMENTS;
