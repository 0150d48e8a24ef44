//! A trend over recent weeks: the dashboard's indicators week by week, for a chart.

use chrono::NaiveDate;
use serde::Serialize;

use super::dashboard::{IndicatorKey, Unit};
use super::input::{InsightsInput, Scope};
use super::kpi::kpis;
use super::period::Period;

/// One indicator over consecutive weeks, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct IndicatorTrend {
    pub key: IndicatorKey,
    pub unit: Unit,
    /// One value per week of [`WeeklyTrend::weeks`]; `None` for a ratio with no base that week.
    pub values: Vec<Option<f64>>,
}

/// The dashboard's indicators over the last weeks up to the week of `today`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct WeeklyTrend {
    pub scope: Scope,
    /// Oldest first; the last one is the week of `today`.
    pub weeks: Vec<Period>,
    /// One per [`IndicatorKey`], in `IndicatorKey::ALL` order.
    pub indicators: Vec<IndicatorTrend>,
}

/// The local days a trend of `weeks` weeks up to the week of `today` reads: the input of
/// [`weekly_trend`] must hold the visits of this window.
pub fn trend_window(today: NaiveDate, weeks: u32) -> Period {
    let last = Period::week_of(today);
    let first = (1..weeks.max(1)).fold(last, |week, _| week.previous());
    first.span(last)
}

/// The indicators of the `weeks` weeks (at least one) up to the week of `today`, each week's
/// figures exactly as that week's dashboard shows them.
pub fn weekly_trend(input: &InsightsInput, scope: &Scope, today: NaiveDate, weeks: u32) -> WeeklyTrend {
    let mut periods = vec![Period::week_of(today)];
    for _ in 1..weeks.max(1) {
        let earlier = periods.last().expect("never empty").previous();
        periods.push(earlier);
    }
    periods.reverse();
    let figures: Vec<_> = periods.iter().map(|&week| kpis(input, scope, week, today)).collect();
    let indicators = IndicatorKey::ALL
        .iter()
        .map(|&key| IndicatorTrend {
            key,
            unit: key.unit(),
            values: figures.iter().map(|k| key.value(k)).collect(),
        })
        .collect();
    WeeklyTrend { scope: scope.clone(), weeks: periods, indicators }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::testkit::{account, at, day, visit};
    use crate::insights::{weekly_dashboard, InsightsConfig};
    use crate::model::{AccountKind, Channel};

    #[test]
    fn each_week_of_the_trend_is_that_week_s_dashboard() {
        let today = day(2026, 3, 25); // a Wednesday
        let mut input =
            InsightsInput { accounts: vec![account("a", AccountKind::Client)], ..Default::default() };
        // Two visits three weeks ago, none two weeks ago, one last week, three this week.
        for (d, h) in [(4, 9), (5, 10), (17, 9), (23, 9), (24, 9), (25, 8)] {
            input.visits.push(visit("a", at(2026, 3, d, h, 0), 60, Channel::OnSite));
        }
        let scope = Scope::Rep("rep1".into());
        let trend = weekly_trend(&input, &scope, today, 4);
        assert_eq!(trend.weeks.len(), 4);
        assert_eq!(trend.weeks[3], Period::week_of(today));
        assert_eq!(trend.weeks[0], Period::week_of(day(2026, 3, 4)));
        assert_eq!(trend_window(today, 4), trend.weeks[0].span(trend.weeks[3]));
        let visits = trend.indicators.iter().find(|i| i.key == IndicatorKey::Visits).unwrap();
        assert_eq!(visits.values, [Some(2.0), Some(0.0), Some(1.0), Some(3.0)]);
        assert_eq!(trend.indicators.len(), IndicatorKey::ALL.len());

        let dashboard =
            weekly_dashboard(&input, &scope, Period::week_of(today), today, &InsightsConfig::default());
        for (line, trend) in dashboard.indicators.iter().zip(&trend.indicators) {
            assert_eq!(line.key, trend.key);
            assert_eq!((line.value, line.previous), (trend.values[3], trend.values[2]), "{:?}", line.key);
        }
        assert_eq!(weekly_trend(&input, &scope, today, 0).weeks, [Period::week_of(today)]);
    }
}
