//! A document's live records and conflicts, read out of automerge: the rows a device's projection
//! writes (`store::project`). A server reads the same rows from its own copy and sends them beside
//! the document's bytes on a first sync ([`Projection`]), so a device that did not hold the
//! document writes its rows without loading it (sync-server/PROTOCOL.md, "Projected rows").

use automerge::ChangeHash;
use serde::{Deserialize, Serialize};

use super::{Collection, Conflict, DocKind, Document, Record};
use crate::error::{Error, Result};
use crate::model::*;

/// The live records of one document, collection by collection, in id order, and its conflicts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rows {
    /// Not encoded: a projection travels beside its document, which names it.
    #[serde(skip)]
    pub doc_id: String,
    pub kind: DocKind,
    pub accounts: Vec<Account>,
    pub contacts: Vec<Contact>,
    pub visits: Vec<VisitReport>,
    pub follow_ups: Vec<FollowUp>,
    pub opportunities: Vec<Opportunity>,
    pub objectives: Vec<Objective>,
    pub leads: Vec<Lead>,
    pub conflicts: Vec<Conflict>,
}

impl Rows {
    /// One pass over each collection reads its records and its conflicts.
    pub fn read(doc: &Document) -> Result<Rows> {
        Rows::read_into(doc, None)
    }

    /// [`read`](Self::read) for a document received whole, checking in the same pass that every
    /// record it holds belongs in it (`Document::check_membership` with no heads before): the
    /// rows, and the records it holds that get no row (deleted ones), whose homes the rows'
    /// inserts do not check.
    pub fn read_checked(doc: &Document) -> Result<(Rows, Vec<(Collection, String)>)> {
        doc.check_no_foreign_records()?;
        let mut members = Vec::new();
        let rows = Rows::read_into(doc, Some(&mut members))?;
        let live: std::collections::HashSet<&str> = rows.ids().collect();
        members.retain(|(_, id)| !live.contains(id.as_str()));
        Ok((rows, members))
    }

    /// The ids of the live records, every collection.
    fn ids(&self) -> impl Iterator<Item = &str> {
        self.accounts
            .iter()
            .map(Record::id)
            .chain(self.contacts.iter().map(Record::id))
            .chain(self.visits.iter().map(Record::id))
            .chain(self.follow_ups.iter().map(Record::id))
            .chain(self.opportunities.iter().map(Record::id))
            .chain(self.objectives.iter().map(Record::id))
            .chain(self.leads.iter().map(Record::id))
    }

    fn read_into(doc: &Document, mut members: Option<&mut Vec<(Collection, String)>>) -> Result<Rows> {
        fn records<R: Record>(
            doc: &Document,
            conflicts: &mut Vec<Conflict>,
            members: Option<&mut Vec<(Collection, String)>>,
        ) -> Result<Vec<R>> {
            match members {
                Some(members) => doc.records_checked(conflicts, members),
                None => doc.records_with_conflicts(conflicts),
            }
        }
        let mut conflicts = Vec::new();
        let mut rows = Rows::empty(doc.id(), doc.kind());
        let c = &mut conflicts;
        match doc.kind() {
            DocKind::Account => {
                rows.accounts = records(doc, c, members.as_deref_mut())?;
                rows.contacts = records(doc, c, members.as_deref_mut())?;
                rows.visits = records(doc, c, members.as_deref_mut())?;
                rows.follow_ups = records(doc, c, members.as_deref_mut())?;
                rows.opportunities = records(doc, c, members.as_deref_mut())?;
            }
            DocKind::Objectives => rows.objectives = records(doc, c, members)?,
            DocKind::Leads => rows.leads = records(doc, c, members)?,
        }
        rows.conflicts = conflicts;
        Ok(rows)
    }

    fn empty(doc_id: &str, kind: DocKind) -> Rows {
        Rows {
            doc_id: doc_id.to_owned(),
            kind,
            accounts: Vec::new(),
            contacts: Vec::new(),
            visits: Vec::new(),
            follow_ups: Vec::new(),
            opportunities: Vec::new(),
            objectives: Vec::new(),
            leads: Vec::new(),
            conflicts: Vec::new(),
        }
    }

    /// What [`Document::check_membership`] would find wrong with these rows, had they been read
    /// from the document: a record of a collection this kind of document does not hold, an account
    /// document holding another account or another account's records, a conflict of another
    /// document.
    fn check_membership(&self, deleted: &[(Collection, String)]) -> Result<()> {
        let wrong =
            |what: String| Err(Error::schema(&self.doc_id, format!("the projected rows hold {what}")));
        let held = self.kind.collections();
        let counts = [
            (Collection::Accounts, self.accounts.len()),
            (Collection::Contacts, self.contacts.len()),
            (Collection::Visits, self.visits.len()),
            (Collection::FollowUps, self.follow_ups.len()),
            (Collection::Opportunities, self.opportunities.len()),
            (Collection::Objectives, self.objectives.len()),
            (Collection::Leads, self.leads.len()),
        ];
        let foreign = counts.iter().map(|(c, n)| (*c, *n > 0)).chain(deleted.iter().map(|(c, _)| (*c, true)));
        for (collection, present) in foreign {
            if present && !held.contains(&collection) {
                return wrong(format!("{} in a {} document", collection.key(), self.kind.code()));
            }
        }
        let id = self.doc_id.as_str();
        if let Some(account) = self.accounts.iter().find(|a| a.id != id) {
            return wrong(format!("account {}", account.id));
        }
        let children = (self.contacts.iter().map(|r| (&r.id, &r.account_id)))
            .chain(self.visits.iter().map(|r| (&r.id, &r.account_id)))
            .chain(self.follow_ups.iter().map(|r| (&r.id, &r.account_id)))
            .chain(self.opportunities.iter().map(|r| (&r.id, &r.account_id)));
        for (record, account) in children {
            if account != id {
                return wrong(format!("record {record} of account {account}"));
            }
        }
        if let Some(c) = self.conflicts.iter().find(|c| c.doc_id != id || !held.contains(&c.collection)) {
            return wrong(format!("a conflict of {} {}", c.doc_id, c.collection.key()));
        }
        Ok(())
    }
}

/// The rows of a whole document with what a device needs to store the document beside them
/// without loading it: its heads, and the records it holds deleted (no row), whose homes the
/// device checks as it checks them when it reads the document itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    pub rows: Rows,
    /// In sorted order: what the device stores as the document's (acknowledged) heads.
    pub heads: Vec<ChangeHash>,
    pub deleted: Vec<(Collection, String)>,
}

/// The first byte of an encoded [`Projection`]: bumped whenever a record's fields change, so a
/// server never hands a device rows of a shape it reads otherwise (it sends the bytes alone).
pub const PROJECTION_FORMAT: u8 = 1;

/// A [`Projection`] as it is encoded, after its format byte.
#[derive(Serialize, Deserialize)]
struct Encoded {
    heads: Vec<[u8; 32]>,
    deleted: Vec<(Collection, String)>,
    rows: Rows,
}

impl Projection {
    /// Reads a whole document, checking that every record it holds belongs in it.
    pub fn read(doc: &mut Document) -> Result<Projection> {
        let (rows, deleted) = Rows::read_checked(doc)?;
        let mut heads = doc.heads();
        heads.sort();
        Ok(Projection { rows, heads, deleted })
    }

    pub fn encode(self) -> Result<Vec<u8>> {
        let Projection { rows, heads, deleted } = self;
        let doc_id = rows.doc_id.clone();
        let encoded = Encoded { heads: heads.into_iter().map(|h| h.0).collect(), deleted, rows };
        postcard::to_extend(&encoded, vec![PROJECTION_FORMAT])
            .map_err(|e| Error::schema(&doc_id, format!("the rows do not encode ({e})")))
    }

    /// The projection of document `doc_id` in `bytes`, which another machine encoded: refused
    /// (with the reason) unless it is of [`PROJECTION_FORMAT`], decodes whole, and holds only
    /// what the document may hold.
    pub fn decode(doc_id: &str, bytes: &[u8]) -> Result<Projection> {
        let bad = |why: &str| Error::schema(doc_id, format!("the projected rows {why}"));
        let Some((&PROJECTION_FORMAT, body)) = bytes.split_first() else {
            return Err(bad("are of an unknown format"));
        };
        let (encoded, rest): (Encoded, &[u8]) =
            postcard::take_from_bytes(body).map_err(|_| bad("do not decode"))?;
        if !rest.is_empty() {
            return Err(bad("have bytes after their end"));
        }
        let Encoded { heads, deleted, mut rows } = encoded;
        rows.doc_id = doc_id.to_owned();
        if heads.is_empty() || !heads.is_sorted() {
            return Err(bad("name no heads, or heads out of order"));
        }
        rows.check_membership(&deleted)?;
        Ok(Projection { rows, heads: heads.into_iter().map(ChangeHash).collect(), deleted })
    }
}
