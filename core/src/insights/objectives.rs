//! Objectives and quotas brought to the period looked at, and the share of them reached.
//!
//! Which objectives: for `Scope::Rep(r)`, the objectives with `rep == Some(r)`. For `Scope::Team`,
//! the team objectives (`rep == None`) of the metric; when the team has none for that metric over
//! the period, the sum of its reps' objectives stands for it.
//!
//! Proration: an objective counts for a period in proportion to the days they share. Each objective
//! contributes `target × shared days ÷ days of the objective`, rounded to the nearest unit (halves
//! up), and contributions add up. A monthly revenue objective of 3 100 € over 31 days gives a week
//! entirely inside the month a target of 700 €; a week across two months takes its share of each.

use serde::Serialize;

use super::input::Scope;
use super::period::Period;
use super::ratio::{percent, round_div};
use crate::model::{Metric, Objective};

/// How far an actual figure is from its objective over a period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ObjectiveProgress {
    pub metric: Metric,
    /// The objective brought to the period (cents for revenue and margin, a count otherwise).
    pub target: i64,
    pub actual: i64,
    /// `actual ÷ target` in percent. `None` when the target is 0: nothing was expected, so no share
    /// of it can be reached (the actual is still shown, and `met` is true).
    pub percent: Option<f64>,
    /// `actual >= target`.
    pub met: bool,
}

impl ObjectiveProgress {
    pub fn new(metric: Metric, target: i64, actual: i64) -> Self {
        ObjectiveProgress {
            metric,
            target,
            actual,
            percent: if target == 0 { None } else { percent(actual, target) },
            met: actual >= target,
        }
    }
}

/// The target of `metric` for `scope` over `period` (see the module docs); `None` when no objective
/// of that metric meets the period.
pub fn target_for(objectives: &[Objective], scope: &Scope, metric: Metric, period: Period) -> Option<i64> {
    let prorated = |rep_matches: &dyn Fn(&Option<String>) -> bool| {
        objectives
            .iter()
            .filter(|o| o.metric == metric && rep_matches(&o.rep))
            .filter_map(|o| {
                let own = Period::custom(o.period_start, o.period_end)?;
                let shared = own.overlap_days(period);
                (shared > 0)
                    .then(|| round_div(i128::from(o.target) * i128::from(shared), i128::from(own.days())))
            })
            .reduce(|a, b| a + b)
    };
    match scope {
        Scope::Rep(rep) => prorated(&|r| r.as_deref() == Some(rep.as_str())),
        Scope::Team => prorated(&Option::is_none).or_else(|| prorated(&Option::is_some)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::testkit::day;

    fn objective(
        rep: Option<&str>,
        metric: Metric,
        start: (u32, u32),
        end: (u32, u32),
        target: i64,
    ) -> Objective {
        Objective {
            id: format!("o-{}-{metric}-{}", rep.unwrap_or("team"), start.1),
            rep: rep.map(str::to_owned),
            period_start: day(2026, start.0, start.1),
            period_end: day(2026, end.0, end.1),
            metric,
            target,
            note: None,
        }
    }

    #[test]
    fn targets_are_prorated_by_shared_days() {
        let march = objective(Some("rep1"), Metric::Revenue, (3, 1), (3, 31), 310_000);
        let april = objective(Some("rep1"), Metric::Revenue, (4, 1), (4, 30), 300_000);
        let objectives = [march, april];
        let rep = Scope::Rep("rep1".into());
        // Week 9–15 March: 310 000 × 7 / 31 = 70 000.
        let week = Period::week_of(day(2026, 3, 9));
        assert_eq!(target_for(&objectives, &rep, Metric::Revenue, week), Some(70_000));
        // Week 30 March – 5 April: 310 000 × 2 / 31 = 20 000, plus 300 000 × 5 / 30 = 50 000.
        let across = Period::week_of(day(2026, 3, 30));
        assert_eq!(target_for(&objectives, &rep, Metric::Revenue, across), Some(70_000));
        // One day: 310 000 / 31 = 10 000.
        let one_day = Period::custom(day(2026, 3, 3), day(2026, 3, 3)).unwrap();
        assert_eq!(target_for(&objectives, &rep, Metric::Revenue, one_day), Some(10_000));
        // Rounding: 100 visits over 31 days, one week: 700 / 31 = 22.58 → 23.
        let visits = [objective(Some("rep1"), Metric::Visits, (3, 1), (3, 31), 100)];
        assert_eq!(target_for(&visits, &rep, Metric::Visits, week), Some(23));
        // No objective of that metric, of that rep, or in that period.
        assert_eq!(target_for(&objectives, &rep, Metric::Margin, week), None);
        assert_eq!(target_for(&objectives, &Scope::Rep("rep2".into()), Metric::Revenue, week), None);
        let may = Period::month_of(day(2026, 5, 1));
        assert_eq!(target_for(&objectives, &rep, Metric::Revenue, may), None);
    }

    #[test]
    fn a_team_uses_its_own_objective_or_else_the_sum_of_its_reps() {
        let month = Period::month_of(day(2026, 3, 1));
        let reps = [
            objective(Some("rep1"), Metric::Visits, (3, 1), (3, 31), 40),
            objective(Some("rep2"), Metric::Visits, (3, 1), (3, 31), 25),
        ];
        assert_eq!(target_for(&reps, &Scope::Team, Metric::Visits, month), Some(65));
        let mut with_team = reps.to_vec();
        with_team.push(objective(None, Metric::Visits, (3, 1), (3, 31), 60));
        assert_eq!(target_for(&with_team, &Scope::Team, Metric::Visits, month), Some(60));
        // A rep is measured against the rep's own objective, not the team's.
        assert_eq!(target_for(&with_team, &Scope::Rep("rep2".into()), Metric::Visits, month), Some(25));
    }

    #[test]
    fn an_objective_of_zero_has_no_percentage_but_is_met() {
        let zero = ObjectiveProgress::new(Metric::NewAccounts, 0, 3);
        assert_eq!((zero.percent, zero.met), (None, true));
        let half = ObjectiveProgress::new(Metric::Visits, 20, 10);
        assert_eq!((half.percent, half.met), (Some(50.0), false));
        let over = ObjectiveProgress::new(Metric::Revenue, 40_000, 50_000);
        assert_eq!((over.percent, over.met), (Some(125.0), true));
    }
}
