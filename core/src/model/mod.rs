//! The field-sales vocabulary (see `shared/DOMAIN.md`): plain values, validated before any write.
//!
//! Every record carries an id made on the device ([`new_id`]); money is in cents (`i64`) so sums are
//! exact; instants are UTC with the device's offset kept beside them so the local day is known.

mod account;
mod badge;
mod contact;
mod enums;
mod follow_up;
mod lead;
mod objective;
mod opportunity;
mod validate;
mod visit;

pub use account::{Account, RevenueFigure};
pub use badge::BadgeCard;
pub use contact::Contact;
pub use enums::{
    AccountKind, Channel, Field, InterestLevel, LeadSource, LeadStatus, Metric, NeedHorizon,
    OpportunityStage, Outcome, VisitStatus,
};
pub use follow_up::FollowUp;
pub use lead::Lead;
pub use objective::Objective;
pub use opportunity::Opportunity;
pub use validate::{display_name, limits, Reason, ValidationError};
pub use visit::VisitReport;

/// A fresh random record id (UUID v4, 122 random bits), made on the device that creates the record.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// Now, to the millisecond: the precision documents store instants with.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    use chrono::SubsecRound;
    chrono::Utc::now().trunc_subsecs(3)
}
