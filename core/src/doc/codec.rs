//! Field-level reads and writes of one record object. Writers only touch fields whose value changed,
//! so an edit never creates a conflict on a field the user did not change.

use std::borrow::Cow;
use std::collections::HashMap;

use automerge::{
    hydrate, transaction::Transactable, AutoCommit, ObjId, ObjType, ReadDoc, ScalarValue, ScalarValueRef,
    TextEncoding, Value, ValueRef,
};
use chrono::{DateTime, NaiveDate, Utc};

use crate::error::{Error, Result};

/// Field names reserved for bookkeeping; never user data, never reported as conflicts.
pub(crate) const REV: &str = "rev";
pub(crate) const DELETED_REV: &str = "deleted_rev";

/// Writes one record's fields: into its object in the document, or, for a record not in the
/// document yet, into a value [`Writer::into_new`] gives whole to
/// `batch_create_object` (one splice into automerge's op set for the whole record rather than one
/// per field: most of the cost of logging a visit). Either way the document ends up with the same
/// objects and values.
pub struct Writer<'a> {
    target: Target<'a>,
}

enum Target<'a> {
    Existing {
        doc: &'a mut AutoCommit,
        obj: ObjId,
        /// The object's scalar fields before this write, in key order, read in one pass:
        /// comparing each field with a lookup of its own (a seek each) made writing most of a
        /// local edit's cost.
        before: Vec<(String, ScalarValue)>,
    },
    New {
        fields: HashMap<String, hydrate::Value>,
        encoding: TextEncoding,
    },
}

impl<'a> Writer<'a> {
    /// A writer of the record object `obj`, which the document holds.
    pub(crate) fn new(doc: &'a mut AutoCommit, obj: ObjId) -> Self {
        let before = doc
            .map_range(&obj, ..)
            .filter_map(|item| match Value::from(item.value) {
                Value::Scalar(s) => Some((item.key.into_owned(), s.into_owned())),
                Value::Object(_) => None,
            })
            .collect();
        Writer { target: Target::Existing { doc, obj, before } }
    }

    /// A writer of a record the document does not hold yet, with its text in `doc`'s encoding.
    pub(crate) fn new_record(doc: &AutoCommit) -> Writer<'static> {
        Writer { target: Target::New { fields: HashMap::new(), encoding: doc.text_encoding() } }
    }

    /// What a [`Writer::new_record`] wrote, as one map value.
    pub(crate) fn into_new(self) -> Option<hydrate::Value> {
        match self.target {
            Target::New { fields, .. } => Some(hydrate::Value::Map(fields.into())),
            Target::Existing { .. } => None,
        }
    }

    fn put_scalar(&mut self, field: &str, value: Option<ScalarValue>) -> Result<()> {
        match &mut self.target {
            Target::Existing { doc, obj, before } => {
                let at = before.binary_search_by(|(key, _)| key.as_str().cmp(field)).ok();
                if at.map(|at| &before[at].1) == value.as_ref() {
                    return Ok(());
                }
                match value {
                    Some(v) => doc.put(&*obj, field, v)?,
                    None => doc.delete(&*obj, field)?,
                }
            }
            Target::New { fields, .. } => {
                if let Some(v) = value {
                    fields.insert(field.to_owned(), hydrate::Value::Scalar(v));
                }
            }
        }
        Ok(())
    }

    pub(crate) fn str(&mut self, field: &str, value: &str) -> Result<()> {
        self.put_scalar(field, Some(ScalarValue::Str(value.into())))
    }

    pub(crate) fn opt_str(&mut self, field: &str, value: Option<&str>) -> Result<()> {
        self.put_scalar(field, value.map(|v| ScalarValue::Str(v.into())))
    }

    pub(crate) fn int(&mut self, field: &str, value: i64) -> Result<()> {
        self.put_scalar(field, Some(ScalarValue::Int(value)))
    }

    pub(crate) fn opt_int(&mut self, field: &str, value: Option<i64>) -> Result<()> {
        self.put_scalar(field, value.map(ScalarValue::Int))
    }

    pub(crate) fn counter(&mut self, field: &str, value: i64) -> Result<()> {
        self.put_scalar(field, Some(ScalarValue::counter(value)))
    }

    pub(crate) fn bool(&mut self, field: &str, value: bool) -> Result<()> {
        self.put_scalar(field, Some(ScalarValue::Boolean(value)))
    }

    /// A boolean kept only while true: a field most records never set costs them nothing.
    pub(crate) fn flag(&mut self, field: &str, value: bool) -> Result<()> {
        self.put_scalar(field, value.then_some(ScalarValue::Boolean(true)))
    }

    pub(crate) fn date(&mut self, field: &str, value: NaiveDate) -> Result<()> {
        self.str(field, &value.to_string())
    }

    pub(crate) fn opt_date(&mut self, field: &str, value: Option<NaiveDate>) -> Result<()> {
        self.opt_str(field, value.map(|d| d.to_string()).as_deref())
    }

    pub(crate) fn instant(&mut self, field: &str, value: DateTime<Utc>) -> Result<()> {
        self.put_scalar(field, Some(ScalarValue::Timestamp(value.timestamp_millis())))
    }

    pub(crate) fn opt_instant(&mut self, field: &str, value: Option<DateTime<Utc>>) -> Result<()> {
        self.put_scalar(field, value.map(|v| ScalarValue::Timestamp(v.timestamp_millis())))
    }

    /// Free text as an automerge Text object, edited by diff so concurrent edits merge per character.
    pub(crate) fn text(&mut self, field: &str, value: &str) -> Result<()> {
        self.free_text(field, value, false)
    }

    /// Free text its author writes once, such as a visit report's notes. A new record keeps it as a
    /// plain string: as a Text object each character is an operation every replica stores and
    /// applies, most of the bytes and of the time a visit takes to sync. The first edit that changes
    /// it makes it a Text object, edited by diff from then on, so later concurrent edits merge per
    /// character. Two devices making that first edit at once each make their own Text: automerge
    /// keeps both, and the field is listed as a conflict until a user keeps one.
    pub(crate) fn report_text(&mut self, field: &str, value: &str) -> Result<()> {
        self.free_text(field, value, true)
    }

    fn free_text(&mut self, field: &str, value: &str, plain_when_new: bool) -> Result<()> {
        match &mut self.target {
            Target::Existing { doc, obj, .. } => {
                let current = doc.get(&*obj, field)?;
                if let Some((Value::Object(ObjType::Text), text)) = current {
                    if doc.text(&text)? != value {
                        doc.update_text(&text, value)?;
                    }
                    return Ok(());
                }
                let unchanged = match &current {
                    Some((Value::Scalar(s), _)) => s.as_str() == Some(value),
                    _ => false,
                };
                if !unchanged {
                    let text = doc.put_object(&*obj, field, ObjType::Text)?;
                    doc.splice_text(&text, 0, 0, value)?;
                }
            }
            Target::New { fields, .. } if plain_when_new => {
                if !value.is_empty() {
                    fields.insert(field.to_owned(), hydrate::Value::Scalar(ScalarValue::Str(value.into())));
                }
            }
            Target::New { fields, encoding } => {
                fields.insert(field.to_owned(), hydrate::Value::Text(hydrate::Text::new(*encoding, value)));
            }
        }
        Ok(())
    }

    /// A map from key to integer: adds, changes and removes only the entries that differ.
    pub(crate) fn int_map(&mut self, field: &str, entries: &[(String, i64)]) -> Result<()> {
        let values = entries.iter().map(|(key, value)| (key.as_str(), ScalarValue::Int(*value)));
        let Some((doc, map)) = self.nested_map(field, values)? else { return Ok(()) };
        let stale: Vec<String> =
            doc.keys(&map).filter(|k| !entries.iter().any(|(key, _)| key == k)).collect();
        for key in stale {
            doc.delete(&map, key)?;
        }
        let mut nested = Writer::new(doc, map);
        for (key, value) in entries {
            nested.int(key, *value)?;
        }
        Ok(())
    }

    /// A set of strings, kept as a map of key → true so concurrent additions both survive.
    pub(crate) fn set(&mut self, field: &str, items: &[String]) -> Result<()> {
        let values = items.iter().map(|item| (item.as_str(), ScalarValue::Boolean(true)));
        let Some((doc, map)) = self.nested_map(field, values)? else { return Ok(()) };
        let stale: Vec<String> = doc.keys(&map).filter(|k| !items.contains(k)).collect();
        for key in stale {
            doc.delete(&map, key)?;
        }
        for item in items {
            if doc.get(&map, item.as_str())?.is_none() {
                doc.put(&map, item.as_str(), true)?;
            }
        }
        Ok(())
    }

    /// The nested map `field` of a record the document holds (made if missing), to edit in place;
    /// `None` for a new record, whose map is written whole with `entries`.
    fn nested_map<'e>(
        &mut self,
        field: &str,
        entries: impl Iterator<Item = (&'e str, ScalarValue)>,
    ) -> Result<Option<(&mut AutoCommit, ObjId)>> {
        match &mut self.target {
            Target::Existing { doc, obj, .. } => {
                let map = match doc.get(&*obj, field)? {
                    Some((Value::Object(ObjType::Map), id)) => id,
                    _ => doc.put_object(&*obj, field, ObjType::Map)?,
                };
                Ok(Some((&mut **doc, map)))
            }
            Target::New { fields, .. } => {
                let map: HashMap<String, hydrate::Value> =
                    entries.map(|(key, value)| (key.to_owned(), hydrate::Value::Scalar(value))).collect();
                fields.insert(field.to_owned(), hydrate::Value::Map(map.into()));
                Ok(None)
            }
        }
    }
}

/// Reads one record object. Its fields are read in one pass over the object when the reader is
/// made: a lookup per field (a seek through automerge's columns each) made reading records most of
/// the cost of applying a received document.
pub struct Reader<'a, D: ReadDoc> {
    pub(crate) doc: &'a D,
    pub(crate) obj: ObjId,
    /// The object's fields in key order.
    slots: Vec<Slot<'a>>,
    pub(crate) doc_id: &'a str,
}

/// One field of a record as automerge shows it, borrowed from the document: a record's strings are
/// copied once, into the record, rather than into the slot first.
pub(crate) struct Slot<'a> {
    pub key: Cow<'a, str>,
    pub value: ValueRef<'a>,
    /// The object's id, when the value is an object (text, nested map).
    pub id: Option<ObjId>,
    /// Whether concurrent writes left several values (the value is the winner).
    pub conflict: bool,
}

impl<'a, D: ReadDoc> Reader<'a, D> {
    pub(crate) fn new(doc: &'a D, obj: &ObjId, doc_id: &'a str) -> Self {
        let slots = doc
            .map_range(obj, ..)
            .map(|item| {
                let id = matches!(item.value, ValueRef::Object(_)).then(|| item.id());
                Slot { key: item.key, value: item.value, id, conflict: item.conflict }
            })
            .collect();
        Reader { doc, obj: obj.clone(), slots, doc_id }
    }

    /// Every field, in key order.
    pub(crate) fn slots(&self) -> &[Slot<'a>] {
        &self.slots
    }

    /// Field `field`'s value, and its object id when it is an object.
    fn field(&self, field: &str) -> Option<(&ValueRef<'a>, Option<&ObjId>)> {
        let at = self.slots.binary_search_by(|slot| slot.key.as_ref().cmp(field)).ok()?;
        let slot = &self.slots[at];
        Some((&slot.value, slot.id.as_ref()))
    }

    /// Whether the record has `field` at all.
    pub(crate) fn has(&self, field: &str) -> bool {
        self.field(field).is_some()
    }

    fn scalar(&self, field: &str) -> Result<Option<&ScalarValueRef<'a>>> {
        Ok(match self.field(field) {
            Some((ValueRef::Scalar(s), _)) => Some(s),
            Some((ValueRef::Object(_), _)) => return Err(self.bad(field, "is an object, expected a value")),
            None => None,
        })
    }

    fn bad(&self, field: &str, reason: &str) -> Error {
        Error::schema(self.doc_id, format!("field {field} {reason}"))
    }

    fn required<T>(&self, field: &str, value: Option<T>) -> Result<T> {
        value.ok_or_else(|| self.bad(field, "is missing"))
    }

    /// Field `field` when it holds a string, borrowed; `None` when it is absent or holds anything else.
    pub(crate) fn peek_str(&self, field: &str) -> Option<&str> {
        match self.field(field)? {
            (ValueRef::Scalar(ScalarValueRef::Str(s)), _) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn opt_str(&self, field: &str) -> Result<Option<String>> {
        match self.scalar(field)? {
            None => Ok(None),
            Some(ScalarValueRef::Str(s)) => Ok(Some(s.to_string())),
            Some(_) => Err(self.bad(field, "is not a string")),
        }
    }

    pub(crate) fn str(&self, field: &str) -> Result<String> {
        self.required(field, self.opt_str(field)?)
    }

    pub(crate) fn opt_int(&self, field: &str) -> Result<Option<i64>> {
        match self.scalar(field)? {
            None => Ok(None),
            Some(ScalarValueRef::Int(n)) => Ok(Some(*n)),
            Some(ScalarValueRef::Uint(n)) => {
                i64::try_from(*n).map(Some).map_err(|_| self.bad(field, "overflows"))
            }
            Some(_) => Err(self.bad(field, "is not an integer")),
        }
    }

    pub(crate) fn int(&self, field: &str) -> Result<i64> {
        self.required(field, self.opt_int(field)?)
    }

    pub(crate) fn bool(&self, field: &str) -> Result<bool> {
        match self.scalar(field)? {
            None => Ok(false),
            Some(ScalarValueRef::Boolean(b)) => Ok(*b),
            Some(_) => Err(self.bad(field, "is not a boolean")),
        }
    }

    pub(crate) fn opt_date(&self, field: &str) -> Result<Option<NaiveDate>> {
        self.opt_str(field)?
            .map(|s| s.parse::<NaiveDate>().map_err(|_| self.bad(field, "is not a date")))
            .transpose()
    }

    pub(crate) fn date(&self, field: &str) -> Result<NaiveDate> {
        self.required(field, self.opt_date(field)?)
    }

    pub(crate) fn opt_instant(&self, field: &str) -> Result<Option<DateTime<Utc>>> {
        match self.scalar(field)? {
            None => Ok(None),
            Some(ScalarValueRef::Timestamp(ms)) => DateTime::from_timestamp_millis(*ms)
                .map(Some)
                .ok_or_else(|| self.bad(field, "is out of range")),
            Some(_) => Err(self.bad(field, "is not a timestamp")),
        }
    }

    pub(crate) fn instant(&self, field: &str) -> Result<DateTime<Utc>> {
        self.required(field, self.opt_instant(field)?)
    }

    /// A coded enum: `parse` turns the stored code back into the value.
    pub(crate) fn opt_code<T>(&self, field: &str, parse: fn(&str) -> Option<T>) -> Result<Option<T>> {
        self.opt_str(field)?
            .map(|s| parse(&s).ok_or_else(|| self.bad(field, "has an unknown value")))
            .transpose()
    }

    pub(crate) fn code<T>(&self, field: &str, parse: fn(&str) -> Option<T>) -> Result<T> {
        self.required(field, self.opt_code(field, parse)?)
    }

    /// Free text: a Text object, or the plain string it starts as (see [`Writer::report_text`]).
    pub(crate) fn text(&self, field: &str) -> Result<String> {
        match self.field(field) {
            None => Ok(String::new()),
            Some((ValueRef::Object(ObjType::Text), Some(id))) => Ok(self.doc.text(id)?),
            Some((ValueRef::Scalar(ScalarValueRef::Str(s)), _)) => Ok(s.to_string()),
            Some(_) => Err(self.bad(field, "is not text")),
        }
    }

    fn map_keys(&self, field: &str) -> Result<Option<&ObjId>> {
        match self.field(field) {
            None => Ok(None),
            Some((ValueRef::Object(ObjType::Map), Some(id))) => Ok(Some(id)),
            Some(_) => Err(self.bad(field, "is not a map")),
        }
    }

    pub(crate) fn set(&self, field: &str) -> Result<Vec<String>> {
        Ok(self.map_keys(field)?.map(|map| self.doc.keys(map).collect()).unwrap_or_default())
    }

    pub(crate) fn int_map(&self, field: &str) -> Result<Vec<(String, i64)>> {
        let Some(map) = self.map_keys(field)? else { return Ok(Vec::new()) };
        let nested = Reader::new(self.doc, map, self.doc_id);
        nested.slots.iter().map(|slot| Ok((slot.key.to_string(), nested.int(&slot.key)?))).collect()
    }
}
