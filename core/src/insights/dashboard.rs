//! The weekly dashboard shared by rep and manager: about ten indicators with last week beside them,
//! the actions due and the accounts to look at, in one call.

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::abc::{abc_classes, AbcClass};
use super::brief::AccountBrief;
use super::cadence::prospects_at_risk;
use super::config::InsightsConfig;
use super::input::{InsightsInput, Scope};
use super::kpi::{kpis, Kpis};
use super::objectives::ObjectiveProgress;
use super::period::Period;
use super::portfolio::{dormant_clients, upset_accounts};
use crate::model::Metric;

/// How to read an indicator's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum), uniffi(name = "IndicatorUnit"))]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Count,
    /// An amount of money in cents.
    Cents,
    Percent,
}

/// The indicators of the dashboard, in display order. Each one is the [`Kpis`] field of the same
/// name; see there for exactly what it counts. Its name: [`label`](crate::i18n::label).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKey {
    Visits,
    Contacts,
    NewAccounts,
    NewClients,
    ProspectToClient,
    Orders,
    VisitToOrder,
    Revenue,
    Margin,
    AverageBasket,
    FollowUpCompliance,
}

impl IndicatorKey {
    pub const ALL: &'static [IndicatorKey] = &[
        IndicatorKey::Visits,
        IndicatorKey::Contacts,
        IndicatorKey::NewAccounts,
        IndicatorKey::NewClients,
        IndicatorKey::ProspectToClient,
        IndicatorKey::Orders,
        IndicatorKey::VisitToOrder,
        IndicatorKey::Revenue,
        IndicatorKey::Margin,
        IndicatorKey::AverageBasket,
        IndicatorKey::FollowUpCompliance,
    ];

    /// The stable key, for screens, the CLI and tests.
    pub fn key(self) -> &'static str {
        match self {
            IndicatorKey::Visits => "visits",
            IndicatorKey::Contacts => "contacts",
            IndicatorKey::NewAccounts => "new_accounts",
            IndicatorKey::NewClients => "new_clients",
            IndicatorKey::ProspectToClient => "prospect_to_client",
            IndicatorKey::Orders => "orders",
            IndicatorKey::VisitToOrder => "visit_to_order",
            IndicatorKey::Revenue => "revenue",
            IndicatorKey::Margin => "margin",
            IndicatorKey::AverageBasket => "average_basket",
            IndicatorKey::FollowUpCompliance => "follow_up_compliance",
        }
    }

    pub fn unit(self) -> Unit {
        match self {
            IndicatorKey::Revenue | IndicatorKey::Margin | IndicatorKey::AverageBasket => Unit::Cents,
            IndicatorKey::ProspectToClient
            | IndicatorKey::VisitToOrder
            | IndicatorKey::FollowUpCompliance => Unit::Percent,
            _ => Unit::Count,
        }
    }

    /// The metric of the objectives this indicator is compared against, if any.
    fn metric(self) -> Option<Metric> {
        match self {
            IndicatorKey::Visits => Some(Metric::Visits),
            IndicatorKey::NewAccounts => Some(Metric::NewAccounts),
            IndicatorKey::Revenue => Some(Metric::Revenue),
            IndicatorKey::Margin => Some(Metric::Margin),
            _ => None,
        }
    }

    pub(super) fn value(self, k: &Kpis) -> Option<f64> {
        match self {
            IndicatorKey::Visits => Some(k.visits.into()),
            IndicatorKey::Contacts => Some(k.contacts.into()),
            IndicatorKey::NewAccounts => Some(k.new_accounts.into()),
            IndicatorKey::NewClients => Some(k.new_clients.into()),
            IndicatorKey::ProspectToClient => k.prospect_to_client_percent,
            IndicatorKey::Orders => Some(k.orders.into()),
            IndicatorKey::VisitToOrder => k.visit_to_order_percent,
            IndicatorKey::Revenue => Some(k.revenue_cents as f64),
            IndicatorKey::Margin => Some(k.margin_cents as f64),
            IndicatorKey::AverageBasket => k.average_basket_cents.map(|c| c as f64),
            IndicatorKey::FollowUpCompliance => k.follow_up_compliance_percent,
        }
    }
}

/// One line of the dashboard: this week, last week, and the objective if there is one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record), uniffi(name = "DashboardIndicator"))]
pub struct Indicator {
    pub key: IndicatorKey,
    pub unit: Unit,
    /// This week's value; `None` for a ratio with no base (nothing to divide by).
    pub value: Option<f64>,
    /// The same figure over the previous week.
    pub previous: Option<f64>,
    /// This week's objective (prorated, see [`objectives`](super::objectives)) and how far it is.
    pub objective: Option<ObjectiveProgress>,
}

/// An action of the action plan still to do: action, deadline, owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ActionDue {
    pub follow_up_id: String,
    pub account_id: String,
    /// The account's name, when the account is in the input.
    pub account_name: Option<String>,
    pub action: String,
    pub due_on: NaiveDate,
    pub owner: String,
    /// Due before today.
    pub overdue: bool,
}

/// Why an account is on the dashboard. Its name: [`label`](crate::i18n::label).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum AttentionReason {
    /// An open prospect at risk of being dropped (see [`ProspectCadence::at_risk`](super::ProspectCadence)).
    ProspectAtRisk,
    /// An A or B client that is dormant (see [`dormant_clients`](super::dormant_clients)).
    DormantClient,
    /// An account with an open dispute or complaint.
    UpsetAccount,
}

impl AttentionReason {
    pub const ALL: &'static [AttentionReason] =
        &[AttentionReason::ProspectAtRisk, AttentionReason::DormantClient, AttentionReason::UpsetAccount];

    /// The stable code, as serialized.
    pub fn code(self) -> &'static str {
        match self {
            AttentionReason::ProspectAtRisk => "prospect_at_risk",
            AttentionReason::DormantClient => "dormant_client",
            AttentionReason::UpsetAccount => "upset_account",
        }
    }
}

/// An account to look at this week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record), uniffi(name = "DashboardAttention"))]
pub struct Attention {
    pub reason: AttentionReason,
    pub account: AccountBrief,
    /// The client's ABC class over the ABC period; `None` for accounts that are not clients.
    pub abc_class: Option<AbcClass>,
}

/// The weekly dashboard shared by rep and manager.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record), uniffi(name = "WeeklyDashboard"))]
pub struct Dashboard {
    pub scope: Scope,
    pub week: Period,
    pub previous_week: Period,
    pub today: NaiveDate,
    /// The months the ABC classes were computed on (`abc_months` whole months before today's).
    pub abc_period: Period,
    /// One per [`IndicatorKey`], in `IndicatorKey::ALL` order.
    pub indicators: Vec<Indicator>,
    /// Follow-ups not done with a deadline on or before the week's Sunday, earliest first (then by
    /// account name and id).
    pub actions_due: Vec<ActionDue>,
    /// Prospects at risk, then dormant A and B clients, then upset accounts; each group by value.
    pub accounts_to_look_at: Vec<Attention>,
}

/// The visits a dashboard of `week` needs: the local days of the week and of the week before.
pub fn dashboard_window(week: Period) -> Period {
    week.previous().span(week)
}

/// The follow-ups not done and due by the end of `week`, overdue ones flagged, by due day then
/// account name.
fn actions_due(input: &InsightsInput, week: Period, today: NaiveDate) -> Vec<ActionDue> {
    let names: FxHashMap<&str, &str> =
        input.accounts.iter().map(|s| (s.account.id.as_str(), s.account.name.as_str())).collect();
    let mut actions_due: Vec<ActionDue> = input
        .follow_ups
        .iter()
        .filter(|f| !f.done && f.due_on <= week.end)
        .map(|f| ActionDue {
            follow_up_id: f.id.clone(),
            account_id: f.account_id.clone(),
            account_name: names.get(f.account_id.as_str()).map(|n| n.to_string()),
            action: f.action.clone(),
            due_on: f.due_on,
            owner: f.owner.clone(),
            overdue: f.due_on < today,
        })
        .collect();
    actions_due.sort_by(|a, b| {
        (a.due_on, &a.account_name, &a.follow_up_id).cmp(&(b.due_on, &b.account_name, &b.follow_up_id))
    });
    actions_due
}

/// The weekly dashboard of `scope` for `week`, seen on local day `today`. `input` must hold the
/// visits of [`dashboard_window`]`(week)`.
pub fn weekly_dashboard(
    input: &InsightsInput,
    scope: &Scope,
    week: Period,
    today: NaiveDate,
    config: &InsightsConfig,
) -> Dashboard {
    let previous_week = week.previous();
    let abc_period = Period::months_before(today, config.abc_months);
    // A team's dashboard goes through some 50,000 accounts several times: the key figures of both
    // weeks and the ABC classes are worked out on a second thread while this one makes the lists.
    let (((now, before), classes), lists) = std::thread::scope(|s| {
        let figures = s.spawn(|| {
            let weeks = (kpis(input, scope, week, today), kpis(input, scope, previous_week, today));
            (weeks, abc_classes(input, abc_period, config))
        });
        let lists = (
            actions_due(input, week, today),
            prospects_at_risk(input, today, config),
            dormant_clients(input, today, config),
            upset_accounts(input),
        );
        (figures.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), lists)
    });
    let (actions_due, at_risk, dormant, upset) = lists;
    let indicators = IndicatorKey::ALL
        .iter()
        .map(|&key| Indicator {
            key,
            unit: key.unit(),
            value: key.value(&now),
            previous: key.value(&before),
            objective: key.metric().and_then(|m| now.objectives.iter().find(|o| o.metric == m).copied()),
        })
        .collect();

    let attention = |reason: AttentionReason, account: AccountBrief| Attention {
        reason,
        abc_class: classes.get(account.account_id.as_str()).copied(),
        account,
    };
    let mut accounts_to_look_at: Vec<Attention> =
        at_risk.into_iter().map(|p| attention(AttentionReason::ProspectAtRisk, p.account)).collect();
    accounts_to_look_at.extend(
        dormant
            .into_iter()
            .map(|a| attention(AttentionReason::DormantClient, a))
            .filter(|a| a.abc_class.is_some_and(|c| c != AbcClass::C)),
    );
    accounts_to_look_at.extend(upset.into_iter().map(|a| attention(AttentionReason::UpsetAccount, a)));

    Dashboard {
        scope: scope.clone(),
        week,
        previous_week,
        today,
        abc_period,
        indicators,
        actions_due,
        accounts_to_look_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::testkit::{account, at, client_with_revenue, day, follow_up, visit};
    use crate::model::{AccountKind, Channel, NeedHorizon, Objective};

    fn rep1() -> Scope {
        Scope::Rep("rep1".into())
    }

    fn indicator<'a>(dashboard: &'a Dashboard, key: &str) -> &'a Indicator {
        dashboard.indicators.iter().find(|i| i.key.key() == key).unwrap()
    }

    #[test]
    fn keys_are_unique_and_serialized_as_their_code() {
        let mut keys: Vec<&str> = IndicatorKey::ALL.iter().map(|k| k.key()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), IndicatorKey::ALL.len());
        for key in IndicatorKey::ALL {
            assert_eq!(serde_json::to_value(key).unwrap(), key.key());
        }
        for reason in AttentionReason::ALL {
            assert_eq!(serde_json::to_value(reason).unwrap(), reason.code());
        }
    }

    #[test]
    fn an_empty_dashboard() {
        let week = Period::week_of(day(2026, 3, 25));
        let d = weekly_dashboard(
            &InsightsInput::default(),
            &Scope::Team,
            week,
            day(2026, 3, 25),
            &Default::default(),
        );
        assert_eq!(d.indicators.len(), IndicatorKey::ALL.len());
        for i in &d.indicators {
            let expected = if i.unit == Unit::Percent || i.key == IndicatorKey::AverageBasket {
                None
            } else {
                Some(0.0)
            };
            assert_eq!((i.value, i.previous, i.objective), (expected, expected, None), "{:?}", i.key);
        }
        assert!(d.actions_due.is_empty() && d.accounts_to_look_at.is_empty());
        assert_eq!(d.previous_week, Period::week_of(day(2026, 3, 18)));
    }

    /// The week of Monday 23 to Sunday 29 March 2026 (Europe changes to summer time on the 29th),
    /// seen on Wednesday 25 March by rep1.
    fn dataset() -> InsightsInput {
        let prospect = |id: &str, horizon, contacts, last, potential| {
            let mut p = account(id, AccountKind::Prospect);
            p.account.need_horizon = Some(horizon);
            p.account.potential_cents = Some(potential);
            p.activity.contacts_logged = contacts;
            p.activity.last_contact_on = Some(last);
            p
        };
        // 20 Feb → 25 Mar = 8 + 25 = 33 idle days; 1 Feb → 25 Mar = 27 + 25 = 52.
        let risky = prospect("risky", NeedHorizon::MediumLongTerm, 2, day(2026, 2, 20), 5_000);
        let risky2 = prospect("risky2", NeedHorizon::ShortTerm, 1, day(2026, 2, 1), 9_000);
        // 14 days idle only: not at risk.
        let fresh = prospect("fresh", NeedHorizon::ShortTerm, 1, day(2026, 3, 11), 99_000);
        // ABC over March 2025 – February 2026: total 800 + 150 + 50 = 1 000 (thousands of cents).
        // bigsleep 0 % before → A; midsleep 80 % → B; smallsleep 95 % → C.
        let mut bigsleep = client_with_revenue("bigsleep", &[(day(2025, 6, 1), "bread", 800_000)]);
        // 1 Nov 2025 → 25 Mar 2026 = 29 + 31 + 31 + 28 + 25 = 144 days ≥ 90: dormant.
        bigsleep.activity.last_contact_on = Some(day(2025, 11, 1));
        bigsleep.account.potential_cents = Some(100);
        let midsleep = client_with_revenue("midsleep", &[(day(2025, 7, 1), "bread", 150_000)]);
        let smallsleep = client_with_revenue("smallsleep", &[(day(2025, 8, 1), "bread", 50_000)]);
        // Revenue of March 2026 is outside the ABC months; active was contacted yesterday.
        let mut active = client_with_revenue("active", &[(day(2026, 3, 1), "bread", 999_999)]);
        active.activity.last_contact_on = Some(day(2026, 3, 24));
        let mut angry = account("angry", AccountKind::Client);
        angry.account.open_dispute = true;
        angry.activity.last_contact_on = Some(day(2026, 3, 20));

        let order = |started, offset, channel, amount, margin| {
            let mut v = visit("active", started, offset, channel);
            v.order_amount_cents = amount;
            v.order_margin_cents = margin;
            v
        };
        InsightsInput {
            accounts: vec![risky, risky2, fresh, bigsleep, midsleep, smallsleep, active, angry],
            visits: vec![
                // This week: Mon 23 09:00 local with an order; Sat 28 23:30 UTC = Sun 29 00:30 (+01:00).
                order(at(2026, 3, 23, 8, 0), 60, Channel::OnSite, 50_000, 10_000),
                order(at(2026, 3, 28, 23, 30), 60, Channel::Phone, 0, 0),
                // Last week: Sun 22 23:30 local (22:30 UTC, +01:00), and Tue 17 with an order.
                order(at(2026, 3, 22, 22, 30), 60, Channel::OnSite, 0, 0),
                order(at(2026, 3, 17, 9, 0), 60, Channel::OnSite, 20_000, 5_000),
                // Next week: Sun 29 23:30 UTC = Mon 30 01:30 in summer time (+02:00).
                order(at(2026, 3, 29, 23, 30), 120, Channel::OnSite, 70_000, 0),
            ],
            follow_ups: vec![
                follow_up("fa", "active", day(2026, 3, 20), false),
                follow_up("fb", "angry", day(2026, 3, 27), false),
                follow_up("fc", "active", day(2026, 3, 23), true),
                follow_up("fd", "active", day(2026, 3, 30), false),
            ],
            objectives: vec![Objective {
                id: "o1".into(),
                rep: Some("rep1".into()),
                period_start: day(2026, 3, 1),
                period_end: day(2026, 3, 31),
                metric: Metric::Visits,
                target: 62,
                note: None,
            }],
            ..Default::default()
        }
    }

    #[test]
    fn a_week_side_by_side_with_the_previous_one() {
        let week = Period::week_of(day(2026, 3, 25));
        let d = weekly_dashboard(&dataset(), &rep1(), week, day(2026, 3, 25), &InsightsConfig::default());
        assert_eq!(dashboard_window(week), Period::custom(day(2026, 3, 16), day(2026, 3, 29)).unwrap());
        let values = |key| {
            let i = indicator(&d, key);
            (i.value, i.previous)
        };
        // This week: Mon on site (order 500 €), Sun phone. Last week: Sun 22 and Tue 17 on site.
        assert_eq!(values("contacts"), (Some(2.0), Some(2.0)));
        assert_eq!(values("visits"), (Some(1.0), Some(2.0)));
        assert_eq!(values("orders"), (Some(1.0), Some(1.0)));
        assert_eq!(values("revenue"), (Some(50_000.0), Some(20_000.0)));
        assert_eq!(values("margin"), (Some(10_000.0), Some(5_000.0)));
        assert_eq!(values("average_basket"), (Some(50_000.0), Some(20_000.0)));
        assert_eq!(values("visit_to_order"), (Some(50.0), Some(50.0))); // 1 of 2 each week
                                                                        // No prospect contacted, none won, no account created either week.
        assert_eq!(values("prospect_to_client"), (None, None));
        assert_eq!(values("new_accounts"), (Some(0.0), Some(0.0)));
        // Deadlines passed before Wed 25: this week fc (23rd, done) → 100 %; last week fa (20th,
        // not done) → 0 %. fb (27th) is not due yet.
        assert_eq!(values("follow_up_compliance"), (Some(100.0), Some(0.0)));
        // 62 visits in March → 62 × 7 / 31 = 14 this week; 1 done.
        let objective = indicator(&d, "visits").objective.unwrap();
        assert_eq!((objective.target, objective.actual, objective.met), (14, 1, false));
        assert!((objective.percent.unwrap() - 100.0 / 14.0).abs() < 1e-9);
        assert_eq!(indicator(&d, "revenue").objective, None);

        // Actions not done due by Sunday 29: fa (overdue) then fb; fd is next week's, fc is done.
        let actions: Vec<_> = d.actions_due.iter().map(|a| (a.follow_up_id.as_str(), a.overdue)).collect();
        assert_eq!(actions, [("fa", true), ("fb", false)]);
        assert_eq!(d.actions_due[1].account_name.as_deref(), Some("Account angry"));
        assert_eq!(d.actions_due[1].owner, "rep1");

        assert_eq!(d.abc_period, Period::custom(day(2025, 3, 1), day(2026, 2, 28)).unwrap());
        let look: Vec<_> = d
            .accounts_to_look_at
            .iter()
            .map(|a| (a.reason, a.account.account_id.as_str(), a.abc_class))
            .collect();
        use AttentionReason::*;
        assert_eq!(
            look,
            [
                (ProspectAtRisk, "risky2", None), // potential 9 000 before 5 000
                (ProspectAtRisk, "risky", None),
                (DormantClient, "bigsleep", Some(AbcClass::A)),
                (DormantClient, "midsleep", Some(AbcClass::B)), // smallsleep is dormant but C
                (UpsetAccount, "angry", Some(AbcClass::C)),
            ]
        );
    }
}
