//! Every record of a collection on this device, for an export: what the device holds is what its
//! user may see (the server sent it nothing else).

use super::{project, queries, Store};
use crate::doc::Collection;
use crate::error::Result;

impl Store {
    /// Every live record of `collection` (accounts merged into another left out).
    pub fn all_records<T: serde::de::DeserializeOwned>(&self, collection: Collection) -> Result<Vec<T>> {
        let filter = if collection == Collection::Accounts { " WHERE merged_into IS NULL" } else { "" };
        let sql = format!("SELECT json FROM {}{filter}", project::source(collection));
        let jsons: Vec<String> = {
            let conn = self.reader()?;
            let mut stmt = conn.prepare(&sql)?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        jsons.iter().map(|json| queries::from_json(json)).collect()
    }

    /// The accounts merged into others, which records may still name.
    pub fn merged_accounts(&self) -> Result<Vec<crate::model::Account>> {
        let jsons: Vec<String> = {
            let conn = self.reader()?;
            let sql = format!(
                "SELECT json FROM {} WHERE merged_into IS NOT NULL",
                project::source(Collection::Accounts)
            );
            let mut stmt = conn.prepare_cached(&sql)?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        jsons.iter().map(|json| queries::from_json(json)).collect()
    }
}
