use std::collections::HashMap;

use automerge::{
    transaction::Transactable, AutoCommit, ChangeHash, ObjId, ObjType, PatchAction, Prop, ReadDoc, Value,
    ValueRef, ROOT,
};

use super::codec::{Reader, Writer, DELETED_REV, REV};
use super::conflict::{self, Conflict, ConflictResolution};
use super::{untrusted, Collection, DocKind, Record};
use crate::error::{Error, Result};

/// Bumped when the layout of documents changes incompatibly; older apps refuse newer documents.
const SCHEMA: i64 = 1;

pub(crate) fn check_untrusted(id: &str, bytes: &[u8]) -> Result<()> {
    untrusted::check(bytes, untrusted::MAX_INFLATED_BYTES)
        .map(drop)
        .map_err(|e| Error::schema(id, e.to_string()))
}

/// Runs automerge on bytes that may be malformed. automerge 0.12 panics on some malformed change
/// chunks (out-of-bounds indexes, unwraps in its column decoders) instead of returning an error; a
/// panic must neither crash a device nor take down a server request, so it becomes an error here.
/// The kind of a document whose root holds a known kind, this app's schema and every collection map
/// of that kind.
fn root_kind(id: &str, doc: &AutoCommit) -> Result<DocKind> {
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
    Ok(kind)
}

pub(crate) fn contained<T>(id: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|_| Err(Error::schema(id, "automerge could not read the data (malformed changes)")))
}

/// The fields a check reads of every record an upload or a received document touched: its
/// `account_id` (which document it belongs in) and, for a visit, its `rep` (a rep writes only their
/// own reports, on a server).
const CHECKED_FIELDS: [&str; 2] = ["account_id", "rep"];

/// What the patches of an apply say of the records it touched.
#[derive(Debug, Default, PartialEq)]
struct Touched {
    /// The record under a collection map each patch's path leads to, or the record a put or delete
    /// on the collection map itself names.
    records: Vec<(Collection, String)>,
    /// For each record the changes put as a new map under its collection, that map and the
    /// [`CHECKED_FIELDS`] the patches gave it, as the changes left them (`None`: not text). A
    /// field the patches do not name is read from the document.
    created: Created,
}

/// [`Touched::created`]: by record, its new map and the checked fields given to it.
type Created = HashMap<(Collection, String), (ObjId, Vec<(&'static str, Option<String>)>)>;

fn records_of(patches: Vec<automerge::Patch>) -> Touched {
    let mut records = std::collections::BTreeSet::new();
    let mut created = Created::new();
    for patch in patches {
        let Some((_, Prop::Map(key))) = patch.path.first() else { continue };
        let Some(collection) = Collection::parse(key) else { continue };
        match (patch.path.get(1), patch.action) {
            // On the record's own map: a checked field of a record created here is kept.
            (Some((_, Prop::Map(id))), action) => {
                let record = (collection, id.clone());
                let (key, value) = match &action {
                    PatchAction::PutMap { key, value: (value, _), .. } => (key, value.as_str()),
                    PatchAction::DeleteMap { key } => (key, None),
                    _ => {
                        records.insert(record);
                        continue;
                    }
                };
                let checked = CHECKED_FIELDS.into_iter().find(|f| f == key);
                let kept =
                    created.get_mut(&record).filter(|(map, _)| patch.path.len() == 2 && *map == patch.obj);
                if let (Some(name), Some((_, fields))) = (checked, kept) {
                    fields.retain(|(f, _)| *f != name);
                    fields.push((name, value.map(str::to_owned)));
                }
                records.insert(record);
            }
            // On the collection map: a record put (a new map: created here) or deleted whole.
            (None, PatchAction::PutMap { key, value: (value, obj), .. }) => {
                let record = (collection, key);
                match value {
                    Value::Object(ObjType::Map) => created.insert(record.clone(), (obj, Vec::new())),
                    _ => created.remove(&record),
                };
                records.insert(record);
            }
            (None, PatchAction::DeleteMap { key }) => {
                let record = (collection, key);
                created.remove(&record);
                records.insert(record);
            }
            _ => {}
        }
    }
    Touched { records: records.into_iter().collect(), created }
}

/// Reads text fields of records as they are now (see [`Document::fields_now`]); each collection's
/// map is looked up once, not once per record: every lookup is a search of automerge's ops, and
/// these reads were a quarter of a server's merge of an upload (BENCHMARKS.md, seventeenth part).
struct FieldsNow<'d> {
    doc: &'d Document,
    /// The collection map looked up last.
    map: Option<(Collection, ObjId)>,
    /// What the last apply created ([`Touched::created`]), when nothing changed since.
    created: Option<&'d Created>,
}

impl FieldsNow<'_> {
    fn text(&mut self, collection: Collection, id: &str, field: &str) -> Result<Option<String>> {
        let given = self.created.and_then(|created| {
            let (_, fields) = created.get(&(collection, id.to_owned()))?;
            fields.iter().find(|(f, _)| *f == field).map(|(_, value)| value.clone())
        });
        if let Some(value) = given {
            return Ok(value);
        }
        let map = match &self.map {
            Some((held, map)) if *held == collection => map,
            _ => &self.map.insert((collection, self.doc.collection(collection)?)).1,
        };
        self.doc.field_str(map, id, field, None)
    }
}

/// One automerge document of a known kind.
pub struct Document {
    id: String,
    kind: DocKind,
    doc: AutoCommit,
    /// Heads already persisted by the store: what [`Document::take_unsaved`] starts from.
    saved: Vec<ChangeHash>,
    /// What the changes applied last touched (see [`Document::touched_records`]).
    applied: Option<Applied>,
}

/// The records changes applied to a document touched, read from automerge's patch log while they
/// were applied: that costs what the changes cost, where diffing two heads afterwards scans every op
/// of the document (2.3 ms for an account of 100 reports, and growing with it).
struct Applied {
    before: Vec<ChangeHash>,
    after: Vec<ChangeHash>,
    touched: Touched,
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
        Ok(Document { id: id.to_owned(), kind, doc, saved: Vec::new(), applied: None })
    }

    /// Loads saved bytes (a snapshot followed by increments, or changes from another replica) and
    /// checks that they hold a document of a known kind with its collections.
    ///
    /// The chunks are loaded at once: automerge then applies every increment after the snapshot in
    /// one batch, where loading them one by one walked the document's ops again for each
    /// increment. A chunk that does not load fails the whole load.
    pub fn load(id: &str, chunks: &[&[u8]]) -> Result<Self> {
        let joined: Vec<u8>;
        let bytes = match chunks {
            [one] => *one,
            _ => {
                joined = chunks.concat();
                &joined
            }
        };
        let options = automerge::LoadOptions::new().on_partial_load(automerge::OnPartialLoad::Error);
        let doc = contained(id, || Ok(AutoCommit::load_with_options(bytes, options)?))?;
        Self::from_automerge(id, doc)
    }

    /// Loads bytes another machine sent: checked by [`untrusted::check`] first, so trailing bytes
    /// and compression bombs are refused before automerge sees them.
    pub fn load_untrusted(id: &str, bytes: &[u8]) -> Result<Self> {
        check_untrusted(id, bytes)?;
        Self::load(id, &[bytes])
    }

    fn from_automerge(id: &str, mut doc: AutoCommit) -> Result<Self> {
        let kind = root_kind(id, &doc)?;
        let saved = doc.get_heads();
        Ok(Document { id: id.to_owned(), kind, doc, saved, applied: None })
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
    /// Not deflated: the sync compresses whole pages of documents at once, which finds what the
    /// documents share and is both smaller and faster to load (`sync::wire::CONTENT_CODING`).
    pub fn export(&mut self) -> Vec<u8> {
        self.doc.save_nocompress()
    }

    /// Changes this document refers to but does not hold (history another replica never sent).
    pub fn missing_deps(&mut self) -> Vec<ChangeHash> {
        self.doc.get_missing_deps(&[])
    }

    /// The records that the changes made since `before` (heads this document holds) touched: created,
    /// edited or deleted. What a server checks an upload against.
    pub fn touched_records(&mut self, before: &[ChangeHash]) -> Vec<(Collection, String)> {
        if before.is_empty() {
            return self.all_records();
        }
        let after = self.doc.get_heads();
        match &self.applied {
            Some(applied) if applied.before == before && applied.after == after => {
                applied.touched.records.clone()
            }
            _ => records_of(self.doc.diff(before, &after)).records,
        }
    }

    /// Every record of every collection map the root holds, deleted ones included: what the whole
    /// history touched, read from the maps' keys rather than by diffing the history.
    fn all_records(&self) -> Vec<(Collection, String)> {
        let mut all = Vec::new();
        for collection in Collection::ALL {
            if let Ok(Some((Value::Object(ObjType::Map), map))) = self.doc.get(ROOT, collection.key()) {
                all.extend(self.doc.keys(&map).map(|id| (collection, id)));
            }
        }
        all
    }

    /// The records the changes since `before` touched (see [`Document::touched_records`]), each
    /// checked to belong in this document. What a server checks an upload with, and a device what
    /// it receives, before either stores it.
    pub fn check_membership(&mut self, before: &[ChangeHash]) -> Result<Vec<(Collection, String)>> {
        let touched = self.touched_records(before);
        let mut fields = self.fields_now();
        let doc = fields.doc;
        for (collection, id) in &touched {
            doc.check_belongs_in(*collection, id, &mut fields)?;
        }
        Ok(touched)
    }

    /// Every record lives in exactly one document: an account document holds its own account (whose
    /// id is the document's) and that account's contacts, visits, follow-ups and opportunities only.
    /// Without this rule a copy of a document under another id could stand in for the original's
    /// records on every replica.
    fn check_belongs(&self, collection: Collection, id: &str) -> Result<()> {
        self.check_belongs_in(collection, id, &mut FieldsNow { doc: self, map: None, created: None })
    }

    /// [`check_belongs`](Self::check_belongs), reading the record's `account_id` through `fields`.
    fn check_belongs_in(&self, collection: Collection, id: &str, fields: &mut FieldsNow) -> Result<()> {
        let account_id = match (self.kind, collection) {
            (DocKind::Account, c) if c != Collection::Accounts => {
                fields.text(collection, id, "account_id")?
            }
            _ => None,
        };
        self.check_owner(collection, id, account_id.as_deref())
    }

    /// How many checked fields the last apply gave the records it created (for the tests: that
    /// checks read them from its patches rather than from automerge).
    #[cfg(test)]
    pub(super) fn fields_given_by_last_apply(&self) -> usize {
        self.applied.as_ref().map_or(0, |a| a.touched.created.values().map(|(_, fields)| fields.len()).sum())
    }

    /// A reader of the [`CHECKED_FIELDS`] of records as they are now: those the last apply created
    /// and gave are taken from its patches, the others read from automerge.
    fn fields_now(&mut self) -> FieldsNow<'_> {
        let now = self.doc.get_heads();
        let created = self.applied.as_ref().filter(|a| a.after == now).map(|a| &a.touched.created);
        FieldsNow { doc: self, map: None, created }
    }

    /// [`check_belongs`](Self::check_belongs) with the record's `account_id` already read (it is
    /// only looked at for a record of an account document other than the account itself).
    fn check_owner(&self, collection: Collection, id: &str, account_id: Option<&str>) -> Result<()> {
        if !self.kind.collections().contains(&collection) {
            let reason = format!("a {} document holds no {}", self.kind.code(), collection.key());
            return Err(Error::schema(&self.id, reason));
        }
        if self.kind != DocKind::Account {
            return Ok(());
        }
        let owner = match collection {
            Collection::Accounts => Some(id),
            _ => account_id,
        };
        if owner == Some(self.id.as_str()) {
            return Ok(());
        }
        Err(Error::schema(
            &self.id,
            format!(
                "{} record {id} belongs to another account, not in this account's document",
                collection.key()
            ),
        ))
    }

    /// A text field of a record as it stood at `heads` (now, with `None`), deleted records included.
    pub fn record_str(
        &self,
        collection: Collection,
        id: &str,
        field: &str,
        heads: Option<&[ChangeHash]>,
    ) -> Result<Option<String>> {
        self.field_str(&self.collection(collection)?, id, field, heads)
    }

    /// [`record_str`](Self::record_str) of several records of one collection, in the order of
    /// `ids`. The collection's map is looked up once, and at `heads` only the records that existed
    /// then are read: one pass over the map's keys rather than, for every record a change
    /// created, a search of the history that finds nothing.
    pub fn record_strs(
        &mut self,
        collection: Collection,
        ids: &[&str],
        field: &str,
        heads: Option<&[ChangeHash]>,
    ) -> Result<Vec<Option<String>>> {
        let Some(heads) = heads else {
            let mut fields = self.fields_now();
            return ids.iter().map(|id| fields.text(collection, id, field)).collect();
        };
        let map = self.collection(collection)?;
        let existed: std::collections::HashSet<String> = self.doc.keys_at(&map, heads).collect();
        ids.iter()
            .map(|id| match existed.contains(*id) {
                true => self.field_str(&map, id, field, Some(heads)),
                false => Ok(None),
            })
            .collect()
    }

    /// A text field of the record `id` of the collection map `map` (see [`record_str`](Self::record_str)).
    fn field_str(
        &self,
        map: &ObjId,
        id: &str,
        field: &str,
        heads: Option<&[ChangeHash]>,
    ) -> Result<Option<String>> {
        let value_at = |obj: &ObjId, prop: &str| match heads {
            Some(heads) => self.doc.get_at(obj, prop, heads),
            None => self.doc.get(obj, prop),
        };
        let Some((Value::Object(ObjType::Map), record)) = value_at(map, id)? else { return Ok(None) };
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
    /// The bytes are checked first like [`Document::load_untrusted`]; after an error the document
    /// may hold part of them, so drop it and load it again from what was persisted.
    pub fn apply(&mut self, bytes: &[u8]) -> Result<usize> {
        check_untrusted(&self.id, bytes)?;
        self.apply_checked(bytes)
    }

    /// Applies changes a replica uploaded, like [`Document::apply`], and returns those that were new
    /// to this document as the bytes they came in (the chunks it already held left out): what a
    /// server stores and passes on without re-encoding. `None` when they cannot be used as they came
    /// (a saved document among them, or changes whose history this document lacks, which automerge
    /// holds back): re-encode with [`Document::save_after`] then.
    pub fn apply_upload(&mut self, bytes: &[u8]) -> Result<Option<Vec<u8>>> {
        let chunks = untrusted::check_chunks(bytes, untrusted::MAX_INFLATED_BYTES)
            .map_err(|e| Error::schema(&self.id, e.to_string()))?;
        let hashes: Vec<ChangeHash> = chunks.iter().filter_map(|c| c.change).collect();
        let lacking: std::collections::HashSet<ChangeHash> =
            self.doc.get_missing_deps(&hashes).into_iter().collect();
        self.apply_checked(bytes)?;
        if hashes.len() < chunks.len() || !self.doc.get_missing_deps(&[]).is_empty() {
            return Ok(None);
        }
        let mut new = Vec::new();
        let mut kept = std::collections::HashSet::new();
        for chunk in chunks {
            if chunk.change.is_some_and(|hash| lacking.contains(&hash) && kept.insert(hash)) {
                new.extend_from_slice(&bytes[chunk.range]);
            }
        }
        Ok(Some(new))
    }

    fn apply_checked(&mut self, bytes: &[u8]) -> Result<usize> {
        let before = self.doc.get_heads();
        self.applied = None;
        // From the current heads on, automerge logs what each op it applies changes.
        self.doc.update_diff_cursor();
        let applied = self.apply_logged(bytes, before);
        // Logging costs every later edit too: off until the next apply.
        self.doc.reset_diff_cursor();
        applied
    }

    fn apply_logged(&mut self, bytes: &[u8], before: Vec<ChangeHash>) -> Result<usize> {
        let doc = &mut self.doc;
        let ops = contained(&self.id, || Ok(doc.load_incremental(bytes)?))?;
        if root_kind(&self.id, &self.doc)? != self.kind {
            return Err(Error::schema(
                &self.id,
                format!("changes would make it other than a {} document", self.kind.code()),
            ));
        }
        if !before.is_empty() {
            let after = self.doc.get_heads();
            // From the cursor to the current heads: automerge answers from its log.
            let doc = &mut self.doc;
            let touched = contained(&self.id, || Ok(records_of(doc.diff(&before, &after))))?;
            self.applied = Some(Applied { before, after, touched });
        }
        Ok(ops)
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
        let before = self.doc.pending_ops();
        let obj = match self.record_obj(R::COLLECTION, record.id())? {
            Some(obj) if self.is_deleted(&obj)? => {
                return Err(Error::NotFound { what: "record", id: record.id().to_owned() });
            }
            Some(obj) => {
                if let Err(e) = record.write(&mut Writer::new(&mut self.doc, obj.clone())) {
                    self.doc.rollback();
                    return Err(e);
                }
                obj
            }
            None => {
                let mut writer = Writer::new_record(&self.doc);
                record.write(&mut writer)?;
                writer.counter(REV, 0)?;
                let fields = writer
                    .into_new()
                    .ok_or_else(|| Error::schema(&self.id, "a new record was written in place"))?;
                self.doc.batch_create_object(&map, record.id(), &fields, false)?
            }
        };
        if let Err(e) = self.check_belongs(R::COLLECTION, record.id()) {
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

    fn reader(&self, obj: &ObjId) -> Reader<'_, AutoCommit> {
        Reader::new(&self.doc, obj, &self.id)
    }

    /// A live (not deleted) record by id.
    pub fn get<R: Record>(&self, id: &str) -> Result<Option<R>> {
        match self.record_obj(R::COLLECTION, id)? {
            Some(obj) => {
                let reader = self.reader(&obj);
                Ok(if reader.has(DELETED_REV) { None } else { Some(R::read(id, &reader)?) })
            }
            None => Ok(None),
        }
    }

    /// Every live record of a collection, in id order.
    pub fn records<R: Record>(&self) -> Result<Vec<R>> {
        self.read_collection(None)
    }

    /// [`records`](Self::records), gathering the collection's conflicts (see
    /// [`conflicts`](Self::conflicts)) into `conflicts` in the same pass.
    pub fn records_with_conflicts<R: Record>(&self, conflicts: &mut Vec<Conflict>) -> Result<Vec<R>> {
        self.read_collection(Some(conflicts))
    }

    /// [`records_with_conflicts`](Self::records_with_conflicts) for a document received whole:
    /// every record of the collection, deleted ones included, is checked in the same pass to
    /// belong in this document and listed in `members`, as [`check_membership`] with no heads
    /// before would, without looking each record up again. With
    /// [`check_no_foreign_records`](Self::check_no_foreign_records), the whole check.
    ///
    /// [`check_membership`]: Self::check_membership
    pub fn records_checked<R: Record>(
        &self,
        conflicts: &mut Vec<Conflict>,
        members: &mut Vec<(Collection, String)>,
    ) -> Result<Vec<R>> {
        self.read_collection_checked(Some(conflicts), Some(members))
    }

    /// Fails on a record in a collection this kind of document does not hold: the part of
    /// [`check_membership`](Self::check_membership) that [`records_checked`](Self::records_checked)
    /// does not see.
    pub fn check_no_foreign_records(&self) -> Result<()> {
        for collection in Collection::ALL.into_iter().filter(|c| !self.kind.collections().contains(c)) {
            if let Ok(Some((Value::Object(ObjType::Map), map))) = self.doc.get(ROOT, collection.key()) {
                if let Some(id) = self.doc.keys(&map).next() {
                    self.check_owner(collection, &id, None)?;
                }
            }
        }
        Ok(())
    }

    fn read_collection<R: Record>(&self, conflicts: Option<&mut Vec<Conflict>>) -> Result<Vec<R>> {
        self.read_collection_checked(conflicts, None)
    }

    fn read_collection_checked<R: Record>(
        &self,
        mut conflicts: Option<&mut Vec<Conflict>>,
        mut members: Option<&mut Vec<(Collection, String)>>,
    ) -> Result<Vec<R>> {
        let mut out = Vec::new();
        self.each_record(R::COLLECTION, |id, reader| {
            if let Some(members) = members.as_deref_mut() {
                self.check_owner(R::COLLECTION, id, reader.peek_str("account_id"))?;
                members.push((R::COLLECTION, id.to_owned()));
            }
            if let Some(conflicts) = conflicts.as_deref_mut() {
                conflict::scan_record(reader, R::COLLECTION, id, conflicts)?;
            }
            if !reader.has(DELETED_REV) {
                out.push(R::read(id, reader)?);
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// Calls `f` with each record object of `collection` (deleted ones included), in id order.
    fn each_record(
        &self,
        collection: Collection,
        mut f: impl FnMut(&str, &Reader<'_, AutoCommit>) -> Result<()>,
    ) -> Result<()> {
        let map = self.collection(collection)?;
        for item in self.doc.map_range(&map, ..) {
            let id: &str = &item.key;
            if !matches!(item.value, ValueRef::Object(ObjType::Map)) {
                return Err(Error::schema(&self.id, format!("{}/{id} is not a record", collection.key())));
            }
            f(id, &self.reader(&item.id()))?;
        }
        Ok(())
    }

    /// The true conflicts left in this document, in a stable order (same on every replica).
    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        let mut out = Vec::new();
        for collection in self.kind.collections() {
            self.each_record(*collection, |id, reader| {
                conflict::scan_record(reader, *collection, id, &mut out)
            })?;
        }
        Ok(out)
    }

    /// The conflicts left on one record (what a local edit of that record may have settled).
    pub fn record_conflicts(&self, collection: Collection, record_id: &str) -> Result<Vec<Conflict>> {
        let mut out = Vec::new();
        if let Some(obj) = self.record_obj(collection, record_id)? {
            conflict::scan_record(&self.reader(&obj), collection, record_id, &mut out)?;
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
