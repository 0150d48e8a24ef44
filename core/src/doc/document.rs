use automerge::{
    transaction::Transactable, AutoCommit, ChangeHash, ObjId, ObjType, PatchAction, Prop, ReadDoc,
    ScalarValue, Value, ROOT,
};

use super::codec::{Reader, Writer, DELETED_REV, REV};
use super::conflict::{self, Conflict, ConflictResolution};
use super::{Collection, DocKind, Record};
use crate::error::{Error, Result};

/// Bumped when the layout of documents changes incompatibly; older apps refuse newer documents.
const SCHEMA: i64 = 1;

/// One automerge document of a known kind.
pub struct Document {
    id: String,
    kind: DocKind,
    doc: AutoCommit,
    /// Heads already persisted by the store: what [`Document::take_unsaved`] starts from.
    saved: Vec<ChangeHash>,
}

impl Document {
    /// A new, empty document born on this device.
    pub fn create(id: &str, kind: DocKind) -> Result<Self> {
        let mut doc = AutoCommit::new();
        doc.put(ROOT, "kind", kind.code())?;
        doc.put(ROOT, "schema", SCHEMA)?;
        for collection in kind.collections() {
            doc.put_object(ROOT, collection.key(), ObjType::Map)?;
        }
        doc.commit();
        Ok(Document { id: id.to_owned(), kind, doc, saved: Vec::new() })
    }

    /// Loads saved bytes (a snapshot followed by increments, or changes from another replica) and
    /// checks that they hold a document of a known kind with its collections.
    pub fn load(id: &str, chunks: &[&[u8]]) -> Result<Self> {
        let mut doc = AutoCommit::new();
        for chunk in chunks {
            doc.load_incremental(chunk)?;
        }
        let kind = match doc.get(ROOT, "kind")? {
            Some((Value::Scalar(s), _)) => s.as_str().and_then(DocKind::parse),
            _ => None,
        }
        .ok_or_else(|| Error::schema(id, "has no known kind"))?;
        let schema = doc.get(ROOT, "schema")?.and_then(|(v, _)| v.as_i64());
        if schema != Some(SCHEMA) {
            return Err(Error::schema(id, format!("has schema {schema:?}, this app reads {SCHEMA}")));
        }
        for collection in kind.collections() {
            if !matches!(doc.get(ROOT, collection.key())?, Some((Value::Object(ObjType::Map), _))) {
                return Err(Error::schema(id, format!("lacks its {} map", collection.key())));
            }
        }
        let saved = doc.get_heads();
        Ok(Document { id: id.to_owned(), kind, doc, saved })
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn kind(&self) -> DocKind {
        self.kind
    }

    pub fn heads(&mut self) -> Vec<ChangeHash> {
        self.doc.get_heads()
    }

    /// The changes not persisted yet (made or received since creation, load or the last save):
    /// what a write appends to the store. Empty when nothing changed.
    pub fn take_unsaved(&mut self) -> Vec<u8> {
        let bytes = self.doc.save_after(&self.saved);
        if !bytes.is_empty() {
            self.saved = self.doc.get_heads();
        }
        bytes
    }

    /// The whole document, compacted; everything counts as persisted afterwards.
    pub fn save(&mut self) -> Vec<u8> {
        self.saved = self.doc.get_heads();
        self.doc.save()
    }

    /// The whole document, compacted, for another replica (what is persisted here is unaffected).
    pub fn export(&mut self) -> Vec<u8> {
        self.doc.save()
    }

    /// Changes this document refers to but does not hold (history another replica never sent).
    pub fn missing_deps(&mut self) -> Vec<ChangeHash> {
        self.doc.get_missing_deps(&[])
    }

    /// The records that the changes made since `before` (heads this document holds) touched: created,
    /// edited or deleted. What a server checks an upload against.
    pub fn touched_records(&mut self, before: &[ChangeHash]) -> Vec<(Collection, String)> {
        let after = self.doc.get_heads();
        let mut touched = std::collections::BTreeSet::new();
        for patch in self.doc.diff(before, &after) {
            let Some((_, Prop::Map(key))) = patch.path.first() else { continue };
            let Some(collection) = Collection::parse(key) else { continue };
            let id = match (patch.path.get(1), patch.action) {
                (Some((_, Prop::Map(id))), _) => id.clone(),
                (None, PatchAction::PutMap { key, .. } | PatchAction::DeleteMap { key }) => key,
                _ => continue,
            };
            touched.insert((collection, id));
        }
        touched.into_iter().collect()
    }

    /// A text field of a record as it stood at `heads` (now, with `None`), deleted records included.
    pub fn record_str(
        &self,
        collection: Collection,
        id: &str,
        field: &str,
        heads: Option<&[ChangeHash]>,
    ) -> Result<Option<String>> {
        let map = self.collection(collection)?;
        let value_at = |obj: &ObjId, prop: &str| match heads {
            Some(heads) => self.doc.get_at(obj, prop, heads),
            None => self.doc.get(obj, prop),
        };
        let Some((Value::Object(ObjType::Map), record)) = value_at(&map, id)? else { return Ok(None) };
        Ok(match value_at(&record, field)? {
            Some((Value::Scalar(s), _)) => s.as_str().map(str::to_owned),
            _ => None,
        })
    }

    /// The changes a replica at `heads` lacks.
    pub fn save_after(&mut self, heads: &[ChangeHash]) -> Vec<u8> {
        self.doc.save_after(heads)
    }

    /// Applies changes from another replica (duplicates are ignored). Returns how many ops arrived.
    pub fn apply(&mut self, bytes: &[u8]) -> Result<usize> {
        Ok(self.doc.load_incremental(bytes)?)
    }

    fn collection(&self, collection: Collection) -> Result<ObjId> {
        if collection.doc_kind() != self.kind {
            return Err(Error::schema(
                &self.id,
                format!("a {} document holds no {}", self.kind.code(), collection.key()),
            ));
        }
        match self.doc.get(ROOT, collection.key())? {
            Some((Value::Object(ObjType::Map), id)) => Ok(id),
            _ => Err(Error::schema(&self.id, format!("lacks its {} map", collection.key()))),
        }
    }

    fn record_obj(&self, collection: Collection, id: &str) -> Result<Option<ObjId>> {
        let map = self.collection(collection)?;
        Ok(match self.doc.get(&map, id)? {
            Some((Value::Object(ObjType::Map), obj)) => Some(obj),
            _ => None,
        })
    }

    fn rev(&self, obj: &ObjId) -> Result<i64> {
        Ok(self.doc.get(obj, REV)?.and_then(|(v, _)| v.as_i64()).unwrap_or(0))
    }

    fn is_deleted(&self, obj: &ObjId) -> Result<bool> {
        Ok(self.doc.get(obj, DELETED_REV)?.is_some())
    }

    /// Creates or updates a record, writing only the fields that changed, as one change.
    /// Returns false when nothing differed. A deleted record is not brought back by an edit.
    pub fn upsert<R: Record>(&mut self, record: &R) -> Result<bool> {
        record.validate()?;
        let map = self.collection(R::COLLECTION)?;
        let obj = match self.record_obj(R::COLLECTION, record.id())? {
            Some(obj) if self.is_deleted(&obj)? => {
                return Err(Error::NotFound { what: "record", id: record.id().to_owned() });
            }
            Some(obj) => obj,
            None => {
                let obj = self.doc.put_object(&map, record.id(), ObjType::Map)?;
                self.doc.put(&obj, REV, ScalarValue::counter(0))?;
                obj
            }
        };
        let before = self.doc.pending_ops();
        let written = record.write(&mut Writer { doc: &mut self.doc, obj: obj.clone() });
        if let Err(e) = written {
            self.doc.rollback();
            return Err(e);
        }
        let changed = self.doc.pending_ops() > before;
        if changed {
            self.doc.increment(&obj, REV, 1)?;
        }
        self.doc.commit();
        Ok(changed)
    }

    /// Upserts a record and returns it as the document now holds it (instants to the millisecond),
    /// which is what every replica will read.
    pub fn put<R: Record>(&mut self, record: &R) -> Result<R> {
        self.upsert(record)?;
        self.get(record.id())?.ok_or_else(|| Error::NotFound { what: "record", id: record.id().to_owned() })
    }

    /// Marks a record deleted, remembering which revision the deleting device saw.
    pub fn delete(&mut self, collection: Collection, id: &str) -> Result<()> {
        let obj = self
            .record_obj(collection, id)?
            .filter(|obj| !self.is_deleted(obj).unwrap_or(true))
            .ok_or_else(|| Error::NotFound { what: "record", id: id.to_owned() })?;
        let rev = self.rev(&obj)?;
        self.doc.put(&obj, DELETED_REV, rev)?;
        self.doc.commit();
        Ok(())
    }

    fn reader(&self, obj: ObjId) -> Reader<'_, AutoCommit> {
        Reader { doc: &self.doc, obj, doc_id: &self.id }
    }

    /// A live (not deleted) record by id.
    pub fn get<R: Record>(&self, id: &str) -> Result<Option<R>> {
        match self.record_obj(R::COLLECTION, id)? {
            Some(obj) if !self.is_deleted(&obj)? => Ok(Some(R::read(id, &self.reader(obj))?)),
            _ => Ok(None),
        }
    }

    /// Every live record of a collection, in id order.
    pub fn records<R: Record>(&self) -> Result<Vec<R>> {
        let map = self.collection(R::COLLECTION)?;
        let mut out = Vec::new();
        for id in self.doc.keys(&map) {
            let obj = self.record_obj(R::COLLECTION, &id)?.ok_or_else(|| {
                Error::schema(&self.id, format!("{}/{id} is not a record", R::COLLECTION.key()))
            })?;
            if !self.is_deleted(&obj)? {
                out.push(R::read(&id, &self.reader(obj))?);
            }
        }
        Ok(out)
    }

    /// The true conflicts left in this document, in a stable order (same on every replica).
    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        let mut out = Vec::new();
        for collection in self.kind.collections() {
            let map = self.collection(*collection)?;
            for record_id in self.doc.keys(&map) {
                if let Some(obj) = self.record_obj(*collection, &record_id)? {
                    conflict::scan_record(&self.doc, &self.id, *collection, &record_id, &obj, &mut out)?;
                }
            }
        }
        Ok(out)
    }

    /// The conflicts left on one record (what a local edit of that record may have settled).
    pub fn record_conflicts(&self, collection: Collection, record_id: &str) -> Result<Vec<Conflict>> {
        let mut out = Vec::new();
        if let Some(obj) = self.record_obj(collection, record_id)? {
            conflict::scan_record(&self.doc, &self.id, collection, record_id, &obj, &mut out)?;
        }
        Ok(out)
    }

    /// Settles a conflict the way the user chose, as one change every replica will see.
    pub fn resolve(&mut self, conflict: &Conflict, resolution: &ConflictResolution) -> Result<()> {
        let obj = self
            .record_obj(conflict.collection, &conflict.record_id)?
            .ok_or_else(|| Error::NotFound { what: "record", id: conflict.record_id.clone() })?;
        conflict::resolve(&mut self.doc, &obj, conflict, resolution)?;
        self.doc.commit();
        Ok(())
    }
}
