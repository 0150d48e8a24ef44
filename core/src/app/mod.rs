//! The application layer every shell opens: the FFI and the CLI convert types and errors over it
//! and hold no product logic of their own.
//!
//! - [`DeviceHome`]: where a device keeps its data; enrolls the device or opens its [`Session`].
//! - [`Session`]: an enrolled device: its store, identity and sync, and every operation a person
//!   does (`field`: accounts, visits, follow-ups; `leads`; `review`: conflicts and duplicates;
//!   `insights`: dashboard and key figures; `roster`: the team's people by name), each announced
//!   as a [`Change`] saying what changed.

mod changes;
mod export;
mod field;
mod home;
mod import;
mod insights;
mod leads;
mod revenue;
mod review;
mod roster;
mod session;
mod zone;

pub use changes::{Change, ChangeObserver, ChangeOrigin, ChangeSet};
pub use export::{ExportFormat, ExportKind, Exported};
pub use field::{AccountFilter, AccountMatch, CreatedAccount, LoggedVisit, NEXT_STEP_AFTER_DAYS};
pub use home::DeviceHome;
pub use import::{ImportOptions, ImportReport, ImportedAccount, RefusedLine, IMPORT_BATCH};
pub use leads::LeadCapture;
pub use revenue::RevenueReport;
pub use roster::ScopeChoice;
pub use session::{FailureCause, Session, SyncFailure, SyncStatus};
pub use zone::Zone;

#[cfg(test)]
mod tests;
