//! The uniffi surface the mobile shells (and the Python tests) call: thin objects over the
//! application layer ([`crate::app`]), plus type and error conversion. Nothing here decides
//! anything the core does not already decide (ARCHITECTURE.md rule 2).
//!
//! - [`Tournee`]: the entry object, over the app's data directory: enroll this device, or open it.
//! - [`Device`]: one enrolled device's session: agenda, accounts, visits, follow-ups,
//!   opportunities, leads, conflicts, insights, sync, and a [`ChangeListener`] told what each change
//!   touched. Every call that reads or writes the store is async (Kotlin `suspend`, Swift `async`).
//! - [`AdminConsole`]: an organisation admin's calls (teams, users, enrollment codes).
//! - [`TourneeError`]: the one error every call may return, a kind with a human message.
//! - [`parse_badge`]: what a trade-show badge's QR code says (`Device::lead_from_badge` fills a lead);
//!   [`parse_enrollment_link`]: what the admin's enrollment QR code says.
//! - [`parse_amount`], [`format_amount`], [`format_money`], [`format_count`], [`format_percent`],
//!   [`format_date`], [`format_day_title`], [`format_time`], [`format_duration`]: figures, days and
//!   times as the core reads and writes them.
//! - [`channel_label`], [`indicator_label`] and the other `*_label` functions: the name of a coded
//!   value in the user's language (records carry the value only).
//! - [`conflict_is_deletion`]: whether a conflict is a delete against an edit (restore or confirm).
//! - [`say`]: the sentences of the apps' screens ([`Message`](crate::i18n::Message)), plurals
//!   included.
//!
//! Domain records cross as they are (they derive uniffi's traits under this feature); days cross as
//! ISO 8601 text ([`LocalDate`]: `java.time.LocalDate`, Foundation's `DateComponents`,
//! `datetime.date`) and instants as platform timestamps ([`Timestamp`]).

mod admin;
mod device;
mod entry;
mod error;
mod labels;
mod review;
mod types;
mod words;

pub use admin::AdminConsole;
pub use device::{ChangeListener, Device, SyncStatus};
pub use entry::Tournee;
pub use error::TourneeError;
pub use labels::{
    account_kind_label, attention_label, channel_label, collection_label, duplicate_reason_label,
    field_label, indicator_label, interest_level_label, lead_source_label, lead_status_label, metric_label,
    need_horizon_label, opportunity_stage_label, outcome_label, role_label, visit_status_label,
};
pub use review::conflict_is_deletion;
pub use types::{LocalDate, Timestamp};
pub use words::{
    format_amount, format_count, format_date, format_day_title, format_duration, format_money,
    format_percent, format_time, parse_amount, parse_badge, parse_enrollment_link, say,
};
