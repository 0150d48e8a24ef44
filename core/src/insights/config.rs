//! The tunable rules of the insights, with defaults taken from field-sales practice (DOMAIN.md).

use serde::{Deserialize, Serialize};

use crate::model::NeedHorizon;

/// Thresholds and cadences. `InsightsConfig::default()` documents each default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InsightsConfig {
    /// Days between contacts with a short-term prospect. Default 7.
    pub cadence_short_term_days: u32,
    /// Days between contacts with a medium/long-term prospect (the ones lost when nobody follows
    /// up). Default 30.
    pub cadence_medium_long_term_days: u32,
    /// Days between contacts with a prospect whose need horizon is not known yet. Default 14.
    /// Out-of-target prospects have no cadence: a decision was reached.
    pub cadence_unqualified_days: u32,
    /// A prospect is at risk of being dropped when it has at most this many contacts... Default 3.
    pub at_risk_max_contacts: u32,
    /// ...no planned next step, and nothing (no contact, or no creation) for this many days. Default 30.
    pub at_risk_idle_days: u32,
    /// The contact by which a sale closes on average; cadence reports how many remain. Default 7.
    pub target_contacts: u32,
    /// ABC classes: A are the clients making the first `abc_a_percent` % of revenue. Default 80.
    pub abc_a_percent: u8,
    /// B are the next ones, up to `abc_b_percent` % of revenue; C the rest. Default 95.
    pub abc_b_percent: u8,
    /// The weekly dashboard ranks clients A/B/C on this many whole months before today's month.
    /// Default 12.
    pub abc_months: u32,
    /// A client is dormant after this many days with neither a contact nor an order. Default 90.
    pub dormant_days: u32,
    /// A client whose completeness score is below this is poorly known. Default 60 (out of 100).
    pub poorly_known_below: u8,
    /// The product families the company sells, for the completeness score. Default empty (then
    /// the families part of the score is given in full: nothing can be missing).
    pub offered_families: Vec<String>,
}

impl Default for InsightsConfig {
    fn default() -> Self {
        InsightsConfig {
            cadence_short_term_days: 7,
            cadence_medium_long_term_days: 30,
            cadence_unqualified_days: 14,
            at_risk_max_contacts: 3,
            at_risk_idle_days: 30,
            target_contacts: 7,
            abc_a_percent: 80,
            abc_b_percent: 95,
            abc_months: 12,
            dormant_days: 90,
            poorly_known_below: 60,
            offered_families: Vec::new(),
        }
    }
}

impl InsightsConfig {
    /// Days between two contacts for a prospect of this horizon; `None` for out of target.
    pub fn cadence_days(&self, horizon: Option<NeedHorizon>) -> Option<u32> {
        match horizon {
            Some(NeedHorizon::ShortTerm) => Some(self.cadence_short_term_days),
            Some(NeedHorizon::MediumLongTerm) => Some(self.cadence_medium_long_term_days),
            Some(NeedHorizon::OutOfTarget) => None,
            None => Some(self.cadence_unqualified_days),
        }
    }
}
