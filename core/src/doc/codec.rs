//! Field-level reads and writes of one record object. Writers only touch fields whose value changed,
//! so an edit never creates a conflict on a field the user did not change.

use std::borrow::Cow;

use automerge::{
    transaction::Transactable, AutoCommit, ObjId, ObjType, ReadDoc, ScalarValue, Value, ValueRef,
};
use chrono::{DateTime, NaiveDate, Utc};

use crate::error::{Error, Result};

/// Field names reserved for bookkeeping; never user data, never reported as conflicts.
pub(crate) const REV: &str = "rev";
pub(crate) const DELETED_REV: &str = "deleted_rev";

pub struct Writer<'a> {
    pub(crate) doc: &'a mut AutoCommit,
    pub(crate) obj: ObjId,
    /// The object's scalar fields before this write, in key order, read in one pass: comparing
    /// each field with a lookup of its own (a seek each) made writing most of a local edit's cost.
    before: Vec<(String, ScalarValue)>,
}

impl<'a> Writer<'a> {
    pub(crate) fn new(doc: &'a mut AutoCommit, obj: ObjId) -> Self {
        let before = doc
            .map_range(&obj, ..)
            .filter_map(|item| match Value::from(item.value) {
                Value::Scalar(s) => Some((item.key.into_owned(), s.into_owned())),
                Value::Object(_) => None,
            })
            .collect();
        Writer { doc, obj, before }
    }

    fn current(&self, field: &str) -> Option<&ScalarValue> {
        let at = self.before.binary_search_by(|(key, _)| key.as_str().cmp(field)).ok()?;
        Some(&self.before[at].1)
    }

    fn put_scalar(&mut self, field: &str, value: Option<ScalarValue>) -> Result<()> {
        if self.current(field) == value.as_ref() {
            return Ok(());
        }
        match value {
            Some(v) => self.doc.put(&self.obj, field, v)?,
            None => self.doc.delete(&self.obj, field)?,
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
        let text = match self.doc.get(&self.obj, field)? {
            Some((Value::Object(ObjType::Text), id)) => id,
            _ => self.doc.put_object(&self.obj, field, ObjType::Text)?,
        };
        if self.doc.text(&text)? != value {
            self.doc.update_text(&text, value)?;
        }
        Ok(())
    }

    /// A map from key to integer: adds, changes and removes only the entries that differ.
    pub(crate) fn int_map(&mut self, field: &str, entries: &[(String, i64)]) -> Result<()> {
        let map = self.map(field)?;
        let mut nested = Writer::new(&mut *self.doc, map.clone());
        let stale: Vec<String> =
            nested.doc.keys(&map).filter(|k| !entries.iter().any(|(key, _)| key == k)).collect();
        for key in stale {
            nested.doc.delete(&map, key)?;
        }
        for (key, value) in entries {
            nested.int(key, *value)?;
        }
        Ok(())
    }

    /// A set of strings, kept as a map of key → true so concurrent additions both survive.
    pub(crate) fn set(&mut self, field: &str, items: &[String]) -> Result<()> {
        let map = self.map(field)?;
        let stale: Vec<String> = self.doc.keys(&map).filter(|k| !items.contains(k)).collect();
        for key in stale {
            self.doc.delete(&map, key)?;
        }
        for item in items {
            if self.doc.get(&map, item.as_str())?.is_none() {
                self.doc.put(&map, item.as_str(), true)?;
            }
        }
        Ok(())
    }

    fn map(&mut self, field: &str) -> Result<ObjId> {
        Ok(match self.doc.get(&self.obj, field)? {
            Some((Value::Object(ObjType::Map), id)) => id,
            _ => self.doc.put_object(&self.obj, field, ObjType::Map)?,
        })
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

/// One field of a record as automerge shows it.
pub(crate) struct Slot<'a> {
    pub key: Cow<'a, str>,
    pub value: Value<'static>,
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
                Slot { key: item.key, value: Value::from(item.value), id, conflict: item.conflict }
            })
            .collect();
        Reader { doc, obj: obj.clone(), slots, doc_id }
    }

    /// Every field, in key order.
    pub(crate) fn slots(&self) -> &[Slot<'a>] {
        &self.slots
    }

    /// Field `field`'s value, and its object id when it is an object.
    fn field(&self, field: &str) -> Option<(&Value<'static>, Option<&ObjId>)> {
        let at = self.slots.binary_search_by(|slot| slot.key.as_ref().cmp(field)).ok()?;
        let slot = &self.slots[at];
        Some((&slot.value, slot.id.as_ref()))
    }

    /// Whether the record has `field` at all.
    pub(crate) fn has(&self, field: &str) -> bool {
        self.field(field).is_some()
    }

    fn scalar(&self, field: &str) -> Result<Option<ScalarValue>> {
        Ok(match self.field(field) {
            Some((Value::Scalar(s), _)) => Some(s.clone().into_owned()),
            Some((Value::Object(_), _)) => return Err(self.bad(field, "is an object, expected a value")),
            None => None,
        })
    }

    fn bad(&self, field: &str, reason: &str) -> Error {
        Error::schema(self.doc_id, format!("field {field} {reason}"))
    }

    fn required<T>(&self, field: &str, value: Option<T>) -> Result<T> {
        value.ok_or_else(|| self.bad(field, "is missing"))
    }

    pub(crate) fn opt_str(&self, field: &str) -> Result<Option<String>> {
        match self.scalar(field)? {
            None => Ok(None),
            Some(ScalarValue::Str(s)) => Ok(Some(s.to_string())),
            Some(_) => Err(self.bad(field, "is not a string")),
        }
    }

    pub(crate) fn str(&self, field: &str) -> Result<String> {
        self.required(field, self.opt_str(field)?)
    }

    pub(crate) fn opt_int(&self, field: &str) -> Result<Option<i64>> {
        match self.scalar(field)? {
            None => Ok(None),
            Some(ScalarValue::Int(n)) => Ok(Some(n)),
            Some(ScalarValue::Uint(n)) => {
                i64::try_from(n).map(Some).map_err(|_| self.bad(field, "overflows"))
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
            Some(ScalarValue::Boolean(b)) => Ok(b),
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
            Some(ScalarValue::Timestamp(ms)) => DateTime::from_timestamp_millis(ms)
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

    pub(crate) fn text(&self, field: &str) -> Result<String> {
        match self.field(field) {
            None => Ok(String::new()),
            Some((Value::Object(ObjType::Text), Some(id))) => Ok(self.doc.text(id)?),
            Some(_) => Err(self.bad(field, "is not text")),
        }
    }

    fn map_keys(&self, field: &str) -> Result<Option<&ObjId>> {
        match self.field(field) {
            None => Ok(None),
            Some((Value::Object(ObjType::Map), Some(id))) => Ok(Some(id)),
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
