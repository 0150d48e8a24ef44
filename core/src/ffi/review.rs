//! What the review screens ask of a conflict, decided by the core for every shell.

use crate::doc::Conflict;

/// A record deleted on one device while edited on another: the screen offers to restore it or to
/// confirm the delete (`ConflictResolution::Restore` / `ConfirmDelete`), not a choice of values.
#[uniffi::export]
pub fn conflict_is_deletion(conflict: Conflict) -> bool {
    conflict.is_deletion()
}
