//! The uniffi surface the mobile shells (and the Python tests) call: thin objects over the store,
//! the sync client and the insights, plus type and error conversion. Nothing here decides anything
//! the core does not already decide (ARCHITECTURE.md rule 2).
//!
//! - [`Tournee`]: the entry object, over the app's data directory: enroll this device, or open it.
//! - [`Device`]: one enrolled device's store: agenda, accounts, visits, follow-ups, opportunities,
//!   leads, conflicts, insights, `sync()` (async) and a [`ChangeListener`].
//! - [`AdminConsole`]: an organisation admin's calls (teams, users, enrollment codes).
//! - [`TourneeError`]: the one error every call may return, a kind with a human message.
//! - [`parse_amount`], [`format_amount`], [`format_money`], [`format_date`], [`format_day_title`]:
//!   amounts and days as the core reads and writes them.
//!
//! Domain records cross as they are (they derive uniffi's traits under this feature); days cross as
//! ISO 8601 text ([`LocalDate`]) and instants as platform timestamps ([`Timestamp`]).

mod admin;
mod device;
mod entry;
mod error;
mod insights;
mod types;
mod words;

pub use admin::AdminConsole;
pub use device::{ChangeListener, Device};
pub use entry::Tournee;
pub use error::TourneeError;
pub use insights::{
    channel_label, ChannelKpi, DashboardAttention, DashboardIndicator, KpiReport, WeeklyDashboard,
};
pub use types::{LocalDate, Timestamp};
pub use words::{format_amount, format_date, format_day_title, format_money, parse_amount};
