//! How chrono's values cross the FFI: the one kind of type the core uses that uniffi cannot derive
//! for (every core type of the surface derives uniffi's traits itself, behind the `ffi` feature).

use std::time::SystemTime;

use chrono::{DateTime, NaiveDate, Utc};

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
