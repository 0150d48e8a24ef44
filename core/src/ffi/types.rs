//! How chrono values cross the FFI, and the FFI shape of types defined outside the modules that may
//! derive uniffi's traits (sync, i18n): declared here as remote types, field for field.

use std::time::SystemTime;

use chrono::{DateTime, NaiveDate, Utc};

use crate::i18n::Lang;
use crate::sync::api::{EnrollmentCode, Role, Team, User};
use crate::sync::{DeviceIdentity, SyncReport};

/// A calendar day (a local day, or a deadline), as ISO 8601 text: "2026-03-02".
pub type LocalDate = NaiveDate;
/// An instant, in UTC: `java.time.Instant`, `Date`, `datetime` on the other side.
pub type Timestamp = DateTime<Utc>;

uniffi::custom_type!(LocalDate, String, {
    remote,
    lower: |day| day.to_string(),
    try_lift: |text| Ok(text.parse::<NaiveDate>()?),
});

uniffi::custom_type!(Timestamp, SystemTime, {
    remote,
    lower: |at| at.into(),
    try_lift: |at| Ok(at.into()),
});

#[uniffi::remote(Enum)]
pub enum Lang {
    En,
    Fr,
}

#[uniffi::remote(Enum)]
pub enum Role {
    Rep,
    Manager,
    Admin,
}

#[uniffi::remote(Record)]
pub struct DeviceIdentity {
    pub server_url: String,
    pub device_id: String,
    pub user_id: String,
    pub team_id: Option<String>,
    pub role: Role,
}

#[uniffi::remote(Record)]
pub struct SyncReport {
    pub sent: u64,
    pub received: u64,
    pub conflicts: u64,
    pub quarantined: u64,
    pub still_pending: u64,
    pub round_trips: u32,
    pub bytes_sent: u64,
    pub bytes_received: u64,
}

#[uniffi::remote(Record)]
pub struct Team {
    pub id: String,
    pub name: String,
}

#[uniffi::remote(Record)]
pub struct User {
    pub id: String,
    pub name: String,
    pub role: Role,
    pub team_id: Option<String>,
}

#[uniffi::remote(Record)]
pub struct EnrollmentCode {
    pub code: String,
    pub expires_at: String,
}
