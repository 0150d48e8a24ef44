//! Field-level reads and writes of one record object. Writers only touch fields whose value changed,
//! so an edit never creates a conflict on a field the user did not change.

use automerge::{transaction::Transactable, AutoCommit, ObjId, ObjType, ReadDoc, ScalarValue, Value};
use chrono::{DateTime, NaiveDate, Utc};

use crate::error::{Error, Result};

/// Field names reserved for bookkeeping; never user data, never reported as conflicts.
pub(crate) const REV: &str = "rev";
pub(crate) const DELETED_REV: &str = "deleted_rev";

pub struct Writer<'a> {
    pub(crate) doc: &'a mut AutoCommit,
    pub(crate) obj: ObjId,
}

impl Writer<'_> {
    fn current(&self, field: &str) -> Result<Option<ScalarValue>> {
        Ok(match self.doc.get(&self.obj, field)? {
            Some((Value::Scalar(s), _)) => Some(s.into_owned()),
            _ => None,
        })
    }

    fn put_scalar(&mut self, field: &str, value: Option<ScalarValue>) -> Result<()> {
        let current = self.current(field)?;
        if current == value {
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
        let mut nested = Writer { doc: &mut *self.doc, obj: map.clone() };
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

pub struct Reader<'a, D: ReadDoc> {
    pub(crate) doc: &'a D,
    pub(crate) obj: ObjId,
    pub(crate) doc_id: &'a str,
}

impl<D: ReadDoc> Reader<'_, D> {
    fn scalar(&self, field: &str) -> Result<Option<ScalarValue>> {
        Ok(match self.doc.get(&self.obj, field)? {
            Some((Value::Scalar(s), _)) => Some(s.into_owned()),
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
        match self.doc.get(&self.obj, field)? {
            None => Ok(String::new()),
            Some((Value::Object(ObjType::Text), id)) => Ok(self.doc.text(&id)?),
            Some(_) => Err(self.bad(field, "is not text")),
        }
    }

    fn map_keys(&self, field: &str) -> Result<Option<ObjId>> {
        match self.doc.get(&self.obj, field)? {
            None => Ok(None),
            Some((Value::Object(ObjType::Map), id)) => Ok(Some(id)),
            Some(_) => Err(self.bad(field, "is not a map")),
        }
    }

    pub(crate) fn set(&self, field: &str) -> Result<Vec<String>> {
        Ok(self.map_keys(field)?.map(|map| self.doc.keys(&map).collect()).unwrap_or_default())
    }

    pub(crate) fn int_map(&self, field: &str) -> Result<Vec<(String, i64)>> {
        let Some(map) = self.map_keys(field)? else { return Ok(Vec::new()) };
        let nested = Reader { doc: self.doc, obj: map.clone(), doc_id: self.doc_id };
        self.doc.keys(&map).map(|key| Ok((key.clone(), nested.int(&key)?))).collect()
    }
}
