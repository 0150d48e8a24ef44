//! What the figures say: the weekly dashboard, the key figures of a period, the prospects to
//! follow up on, the pipeline.

use chrono::NaiveDate;

use super::Session;
use crate::insights::{self, Dashboard, FollowUpList, InsightsConfig, Kpis, Period, Scope, WeeklyTrend};
use crate::model::{Field, Reason, ValidationError};
use crate::store::PipelineItem;
use crate::Result;

/// The longest trend [`Session::weekly_trend`] draws: a year of weeks.
pub const TREND_MAX_WEEKS: u32 = 53;

impl Session {
    /// The weekly dashboard of `scope` for the week holding `day`, seen on local day `today` (what
    /// is overdue is overdue then).
    pub fn weekly_dashboard(&self, scope: &Scope, day: NaiveDate, today: NaiveDate) -> Result<Dashboard> {
        let week = Period::week_of(day);
        let input = self.store().insights_input(scope, insights::dashboard_window(week))?;
        Ok(insights::weekly_dashboard(&input, scope, week, today, &InsightsConfig::default()))
    }

    /// The dashboard's indicators of `scope` over the `weeks` weeks (1 to [`TREND_MAX_WEEKS`]) up to
    /// the week of `today`, oldest first: the trend a chart draws, read in one pass over the store.
    pub fn weekly_trend(&self, scope: &Scope, today: NaiveDate, weeks: u32) -> Result<WeeklyTrend> {
        let weeks = weeks.clamp(1, TREND_MAX_WEEKS);
        let input = self.store().insights_input(scope, insights::trend_window(today, weeks))?;
        Ok(insights::weekly_trend(&input, scope, today, weeks))
    }

    /// The key figures of `scope` over `period`, seen on local day `today`.
    pub fn kpis(&self, scope: &Scope, period: Period, today: NaiveDate) -> Result<Kpis> {
        if period.end < period.start {
            return Err(ValidationError::new(Field::Period, Reason::EndsBeforeStart).into());
        }
        let input = self.store().insights_input(scope, period)?;
        Ok(insights::kpis(&input, scope, period, today))
    }

    /// The user's prospects to follow up on local day `today`: due, due this week, at risk.
    pub fn follow_ups(&self, today: NaiveDate) -> Result<FollowUpList> {
        let scope = Scope::Rep(self.me().to_owned());
        let input = self.store().insights_input(&scope, Period::week_of(today))?;
        Ok(insights::follow_up_list(&input, today, &InsightsConfig::default()))
    }

    /// Open opportunities by expected close: this user's, or everyone's on this device.
    pub fn pipeline(&self, mine_only: bool) -> Result<Vec<PipelineItem>> {
        self.store().pipeline(mine_only.then(|| self.me()))
    }
}
