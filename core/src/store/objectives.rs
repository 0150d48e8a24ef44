//! The objectives a manager set, as lists read them: whose, over which days.

use rusqlite::params;

use super::{queries, Store};
use crate::error::{Error, Result};
use crate::insights::{Period, Scope};
use crate::model::Objective;

impl Store {
    /// Objectives of `scope` (a rep's, or the team's; every one when `None`) whose period meets
    /// `period` (any when `None`), by period start, then team first, then rep.
    pub fn objectives(&self, scope: Option<&Scope>, period: Option<Period>) -> Result<Vec<Objective>> {
        let (any_scope, team, rep) = match scope {
            None => (true, false, None),
            Some(Scope::Team) => (false, true, None),
            Some(Scope::Rep(rep)) => (false, false, Some(rep.as_str())),
        };
        let (from, to) =
            period.map_or((None, None), |p| (Some(p.start.to_string()), Some(p.end.to_string())));
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(
            "SELECT json FROM objectives
             WHERE (?1 OR (?2 AND rep IS NULL) OR rep = ?3)
               AND (?4 IS NULL OR period_end >= ?4) AND (?5 IS NULL OR period_start <= ?5)
             ORDER BY period_start, rep IS NOT NULL, rep, json",
        )?;
        let rows = stmt.query_map(params![any_scope, team, rep, from, to], |r| r.get::<_, String>(0))?;
        rows.map(|json| queries::from_json(&json?)).collect()
    }

    /// One objective by id.
    pub fn objective(&self, id: &str) -> Result<Objective> {
        let json: Option<String> = {
            let conn = self.reader()?;
            let mut stmt = conn.prepare_cached("SELECT json FROM objectives WHERE id = ?1")?;
            let mut rows = stmt.query_map([id], |r| r.get(0))?;
            rows.next().transpose()?
        };
        let json = json.ok_or_else(|| Error::NotFound { what: "objective", id: id.to_owned() })?;
        queries::from_json(&json)
    }
}
