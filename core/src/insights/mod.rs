//! Insights: follow-up cadence, portfolio health, KPIs, the weekly dashboard and its trend over
//! weeks, computed on the device from the store's projections.
//!
//! Every function is pure: values in, values out. The clock never enters: `today` (the local day of
//! the person looking) and the period are parameters, so rep and manager get the same figures from
//! the same data. The store loader fills an [`InsightsInput`] (see there for what it must hold).
//!
//! Time zones: there is no time zone database. Each visit carries the UTC offset of the device that
//! logged it, and counts on its local day ([`VisitReport::local_day`](crate::model::VisitReport::local_day)):
//! a visit in Paris at 00:30 on a Monday is Monday's whatever the UTC day, before or after a
//! daylight-saving change, and a visit logged abroad counts on the day it was there. Records with no
//! offset (accounts, leads, follow-up deadlines) use their UTC day or their plain date.

mod abc;
mod brief;
mod cadence;
mod config;
mod dashboard;
mod input;
mod kpi;
mod objectives;
mod period;
mod portfolio;
mod ratio;
mod revenue;
#[cfg(test)]
mod testkit;
mod trend;

pub use abc::{abc_matrix, revenue_in, AbcClass, AbcMatrix, ClientClass, MatrixCell};
pub use brief::AccountBrief;
pub use cadence::{decision, follow_up_list, prospect_cadence, Decision, FollowUpList, ProspectCadence};
pub use config::InsightsConfig;
pub use dashboard::{
    dashboard_window, weekly_dashboard, ActionDue, Attention, AttentionReason, Dashboard, Indicator,
    IndicatorKey, Unit,
};
pub use input::{
    AccountActivity, AccountFacts, AccountSummary, FollowUpFacts, InsightsInput, Scope, VisitFacts,
};
pub use kpi::{kpis, ChannelFigures, EventLeads, FamilyRevenue, Kpis, PipelineForecast};
pub use objectives::{target_for, ObjectiveProgress};
pub use period::Period;
pub use portfolio::{
    completeness, dormant_clients, poorly_known_clients, upset_accounts, win_back, Completeness,
};
pub use revenue::{Revenue, RevenueFigures};
pub use trend::{trend_window, weekly_trend, IndicatorTrend, WeeklyTrend};
