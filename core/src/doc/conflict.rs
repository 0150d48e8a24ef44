//! True conflicts, read from the document itself so every replica lists the same ones.
//!
//! Two kinds: concurrent writes of different values to the same field (automerge keeps them all and
//! picks the same winner everywhere; we show the winner and the losers), and a record deleted on one
//! device while another device edited it (the `rev` counter moved past the revision the delete saw).
//! A conflict stays listed until a user settles it; settling writes a change that supersedes the
//! concurrent values, so it disappears on every replica once synced.

use automerge::{
    transaction::Transactable, AutoCommit, ObjId, ObjType, ReadDoc, ScalarValue, Value, ValueRef,
};
use serde::{Deserialize, Serialize};

use super::codec::{Reader, DELETED_REV, REV};
use super::Collection;
use crate::error::{Error, Result};
use crate::model::{Field, Reason, ValidationError};

/// The pseudo-field named by a delete-versus-edit conflict.
pub const DELETED_FIELD: &str = "deleted";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Conflict {
    pub doc_id: String,
    pub collection: Collection,
    pub record_id: String,
    /// The field, `map.key` for an entry of a nested map, or [`DELETED_FIELD`].
    pub field: String,
    /// Every concurrent value, as text, in automerge's order (the winner is one of them).
    pub values: Vec<String>,
    /// The value every replica shows now.
    pub winner: String,
}

impl Conflict {
    /// A record deleted on one device while edited on another: settled by restoring it or
    /// confirming the delete, not by keeping one of its values.
    pub fn is_deletion(&self) -> bool {
        self.field == DELETED_FIELD
    }
}

/// How the user settles a conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum ConflictResolution {
    /// Keep this one of the conflict's values.
    Keep(String),
    /// For a record deleted while edited: bring it back, with the edits.
    Restore,
    /// For a record deleted while edited: it stays deleted.
    ConfirmDelete,
}

fn display(value: &ScalarValue) -> String {
    match value {
        ScalarValue::Str(s) => s.to_string(),
        ScalarValue::Int(n) => n.to_string(),
        ScalarValue::Uint(n) => n.to_string(),
        ScalarValue::Boolean(b) => b.to_string(),
        ScalarValue::Timestamp(ms) => chrono::DateTime::from_timestamp_millis(*ms)
            .map_or_else(|| ms.to_string(), |t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        ScalarValue::Null => String::new(),
        other => other.to_string(),
    }
}

fn scalars(doc: &AutoCommit, obj: &ObjId, field: &str) -> Result<Vec<ScalarValue>> {
    Ok(doc
        .get_all(obj, field)?
        .into_iter()
        .filter_map(|(v, _)| match v {
            Value::Scalar(s) => Some(s.into_owned()),
            Value::Object(_) => None,
        })
        .collect())
}

fn max_int(values: &[ScalarValue]) -> Option<i64> {
    values.iter().filter_map(ScalarValue::as_i64).max()
}

/// The conflicts of one record, from its fields as `record` read them: only fields automerge flags
/// as holding concurrent values have their values read.
pub(super) fn scan_record(
    record: &Reader<'_, AutoCommit>,
    collection: Collection,
    record_id: &str,
    out: &mut Vec<Conflict>,
) -> Result<()> {
    let (doc, obj) = (record.doc, &record.obj);
    let conflict = |field: String, values: Vec<String>, winner: String| Conflict {
        doc_id: record.doc_id.to_owned(),
        collection,
        record_id: record_id.to_owned(),
        field,
        values,
        winner,
    };
    if record.has(DELETED_REV) {
        let deleted_at = max_int(&scalars(doc, obj, DELETED_REV)?).unwrap_or(i64::MAX);
        let rev = max_int(&scalars(doc, obj, REV)?).unwrap_or(0);
        if rev > deleted_at {
            out.push(conflict(
                DELETED_FIELD.to_owned(),
                vec!["deleted".into(), "edited".into()],
                "deleted".into(),
            ));
        }
        return Ok(());
    }
    for slot in record.slots() {
        let field: &str = &slot.key;
        if field == REV || field == DELETED_REV {
            continue;
        }
        match (&slot.value, &slot.id) {
            (ValueRef::Object(ObjType::Map), Some(nested)) => {
                for entry in doc.map_range(nested, ..).filter(|e| e.conflict) {
                    let key: &str = &entry.key;
                    push_if_conflicting(doc, nested, key, format!("{field}.{key}"), &conflict, out)?;
                }
            }
            _ if slot.conflict => push_if_conflicting(doc, obj, field, field.to_owned(), &conflict, out)?,
            _ => {}
        }
    }
    Ok(())
}

/// One of a field's concurrent values as a user sees it: a scalar, or free text (a Text object, or
/// the plain string a report's text starts as: see
/// [`Writer::report_text`](super::codec::Writer::report_text)).
enum Shown {
    Scalar(ScalarValue),
    Text(String),
}

impl Shown {
    fn display(&self) -> String {
        match self {
            Shown::Scalar(value) => display(value),
            Shown::Text(text) => text.clone(),
        }
    }
}

fn shown(doc: &AutoCommit, value: Value<'_>, id: &ObjId) -> Result<Option<Shown>> {
    Ok(match value {
        Value::Scalar(s) => Some(Shown::Scalar(s.into_owned())),
        Value::Object(ObjType::Text) => Some(Shown::Text(doc.text(id)?)),
        Value::Object(_) => None,
    })
}

/// Every concurrent value of `key`, in automerge's order.
fn all_shown(doc: &AutoCommit, obj: &ObjId, key: &str) -> Result<Vec<Shown>> {
    let mut values = Vec::new();
    for (value, id) in doc.get_all(obj, key)? {
        values.extend(shown(doc, value, &id)?);
    }
    Ok(values)
}

fn push_if_conflicting(
    doc: &AutoCommit,
    obj: &ObjId,
    key: &str,
    name: String,
    make: &impl Fn(String, Vec<String>, String) -> Conflict,
    out: &mut Vec<Conflict>,
) -> Result<()> {
    let values: Vec<String> = all_shown(doc, obj, key)?.iter().map(Shown::display).collect();
    if values.len() > 1 && values.iter().any(|v| *v != values[0]) {
        let winner = match doc.get(obj, key)? {
            Some((value, id)) => shown(doc, value, &id)?.map(|s| s.display()).unwrap_or_default(),
            None => String::new(),
        };
        out.push(make(name, values, winner));
    }
    Ok(())
}

pub(super) fn resolve(
    doc: &mut AutoCommit,
    obj: &ObjId,
    conflict: &Conflict,
    resolution: &ConflictResolution,
) -> Result<()> {
    let bad = |reason| Error::Invalid(ValidationError::new(Field::Resolution, reason));
    match (conflict.is_deletion(), resolution) {
        (true, ConflictResolution::Restore) => {
            doc.delete(obj, DELETED_REV)?;
        }
        (true, ConflictResolution::ConfirmDelete) => {
            let rev = max_int(&scalars(doc, obj, REV)?).unwrap_or(0);
            doc.put(obj, DELETED_REV, rev)?;
        }
        (false, ConflictResolution::Keep(chosen)) => {
            let (target, key) = match conflict.field.split_once('.') {
                Some((map, key)) => match doc.get(obj, map)? {
                    Some((Value::Object(ObjType::Map), nested)) => (nested, key.to_owned()),
                    _ => return Err(bad(Reason::ConflictEntryGone)),
                },
                None => (obj.clone(), conflict.field.clone()),
            };
            let value = all_shown(doc, &target, &key)?
                .into_iter()
                .find(|v| v.display() == *chosen)
                .ok_or_else(|| bad(Reason::NotAConflictingValue))?;
            match value {
                Shown::Scalar(value) => doc.put(&target, key.as_str(), value)?,
                // Kept as text, so later concurrent edits of it merge per character.
                Shown::Text(text) => {
                    let kept = doc.put_object(&target, key.as_str(), ObjType::Text)?;
                    doc.splice_text(&kept, 0, 0, &text)?;
                }
            }
        }
        _ => return Err(bad(Reason::ResolutionDoesNotFit)),
    }
    Ok(())
}
