use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::validate::{self, limits, Check, ValidationError};
use super::Metric;

/// An objective or quota over a period, for one rep or (with no rep) for the whole team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Objective {
    pub id: String,
    /// `None` for a team objective.
    pub rep: Option<String>,
    /// First and last day of the period, both included.
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub metric: Metric,
    /// A count, or cents for money metrics. Zero is allowed (nothing expected).
    pub target: i64,
    pub note: Option<String>,
}

impl Objective {
    pub fn validate(&self) -> Check {
        validate::id("id", &self.id)?;
        if let Some(rep) = &self.rep {
            validate::id("rep", rep)?;
        }
        validate::date("period_start", self.period_start)?;
        validate::date("period_end", self.period_end)?;
        if self.period_end < self.period_start {
            return Err(ValidationError::new(
                "period_end",
                "is before period_start",
                "est avant period_start",
            ));
        }
        validate::amount("target", self.target)?;
        validate::opt_len("note", &self.note, limits::MEDIUM_TEXT)
    }
}
