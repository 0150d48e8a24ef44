use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::validate::{self, limits, Check, Reason, ValidationError};
use super::Field;
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
        validate::id(Field::Id, &self.id)?;
        if let Some(rep) = &self.rep {
            validate::id(Field::Rep, rep)?;
        }
        validate::date(Field::PeriodStart, self.period_start)?;
        validate::date(Field::PeriodEnd, self.period_end)?;
        if self.period_end < self.period_start {
            return Err(ValidationError::new(Field::PeriodEnd, Reason::BeforeStart));
        }
        validate::amount(Field::Target, self.target)?;
        validate::opt_len(Field::Note, &self.note, limits::MEDIUM_TEXT)
    }
}
