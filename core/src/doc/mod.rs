//! automerge documents: one per account (its fields, contacts, visits, follow-ups, opportunities),
//! one per team objectives sheet, one per trade-show capture session (see ARCHITECTURE.md rule 5).
//!
//! Layout of every document: `{ kind, schema, <collection>: { <record id>: { <field>: value, rev, … } } }`.
//! Records are maps keyed by their device-made id, so concurrent creations never collide, concurrent
//! edits to different fields both survive, and automerge picks the same winner for the same field on
//! every replica. Each record carries a `rev` counter bumped by every edit; a delete stores the `rev` it
//! saw, so an edit made concurrently with the delete is detectable on every replica (see [`conflict`]).

mod codec;
pub mod conflict;
mod document;
mod kind;
mod records;
mod rows;
pub mod untrusted;

pub use conflict::{Conflict, ConflictResolution};
pub use document::Document;
pub(crate) use document::{check_untrusted, contained};
pub use kind::{Collection, DocKind};
pub use records::Record;
pub use rows::{Projection, Rows, PROJECTION_FORMAT};

#[cfg(test)]
mod tests;
