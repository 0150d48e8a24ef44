//! The dashboard and the key figures with their labels in one language: the insights' own types
//! carry both languages as static text, which cannot cross the FFI as such.

use super::types::LocalDate;
use crate::i18n::{self, Lang};
use crate::insights::{
    AbcClass, AccountBrief, ActionDue, AttentionReason, Dashboard, EventLeads, FamilyRevenue, Kpis,
    ObjectiveProgress, Period, PipelineForecast, Scope, Unit,
};
use crate::model::Channel;

/// The name of a contact channel in `lang`, as the KPIs show it (for pickers and lists).
#[uniffi::export]
pub fn channel_label(channel: Channel, lang: Lang) -> String {
    i18n::channel(channel).get(lang).to_owned()
}

/// One line of the dashboard: this week, last week, and the objective if there is one.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DashboardIndicator {
    /// Stable key ("visits", "revenue", …) for screens and tests.
    pub key: String,
    pub label: String,
    pub unit: Unit,
    /// `None` for a ratio with nothing to divide by.
    pub value: Option<f64>,
    pub previous: Option<f64>,
    pub objective: Option<ObjectiveProgress>,
}

/// An account to look at this week, and why.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DashboardAttention {
    pub reason: AttentionReason,
    pub label: String,
    pub account: AccountBrief,
    pub abc_class: Option<AbcClass>,
}

/// The weekly dashboard shared by rep and manager (see `insights::weekly_dashboard`).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct WeeklyDashboard {
    pub scope: Scope,
    pub week: Period,
    pub previous_week: Period,
    pub today: LocalDate,
    pub abc_period: Period,
    pub indicators: Vec<DashboardIndicator>,
    pub actions_due: Vec<ActionDue>,
    pub accounts_to_look_at: Vec<DashboardAttention>,
}

impl WeeklyDashboard {
    pub(super) fn new(d: Dashboard, lang: Lang) -> Self {
        WeeklyDashboard {
            scope: d.scope,
            week: d.week,
            previous_week: d.previous_week,
            today: d.today,
            abc_period: d.abc_period,
            indicators: d
                .indicators
                .into_iter()
                .map(|i| DashboardIndicator {
                    key: i.key.to_owned(),
                    label: i.label.get(lang).to_owned(),
                    unit: i.unit,
                    value: i.value,
                    previous: i.previous,
                    objective: i.objective,
                })
                .collect(),
            actions_due: d.actions_due,
            accounts_to_look_at: d
                .accounts_to_look_at
                .into_iter()
                .map(|a| DashboardAttention {
                    reason: a.reason,
                    label: a.label.get(lang).to_owned(),
                    account: a.account,
                    abc_class: a.abc_class,
                })
                .collect(),
        }
    }
}

/// Contacts and time spent through one channel.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ChannelKpi {
    pub channel: Channel,
    pub label: String,
    pub contacts: u32,
    pub minutes: u64,
    pub time_percent: Option<f64>,
}

/// The key figures of a period (see `insights::Kpis` for what each one counts).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct KpiReport {
    pub period: Period,
    pub contacts: u32,
    pub visits: u32,
    pub meetings: u32,
    pub by_channel: Vec<ChannelKpi>,
    pub new_accounts: u32,
    pub new_clients: u32,
    pub prospect_to_client_percent: Option<f64>,
    pub average_contacts_to_win: Option<f64>,
    pub orders: u32,
    pub visit_to_order_percent: Option<f64>,
    pub revenue_cents: i64,
    pub margin_cents: i64,
    pub average_basket_cents: Option<i64>,
    pub revenue_by_family: Vec<FamilyRevenue>,
    pub follow_ups_due: u32,
    pub follow_ups_done: u32,
    pub follow_up_compliance_percent: Option<f64>,
    pub leads_captured: u32,
    pub leads_qualified: u32,
    pub leads_by_event: Vec<EventLeads>,
    pub pipeline: PipelineForecast,
    pub objectives: Vec<ObjectiveProgress>,
}

impl KpiReport {
    pub(super) fn new(k: Kpis, lang: Lang) -> Self {
        KpiReport {
            period: k.period,
            contacts: k.contacts,
            visits: k.visits,
            meetings: k.meetings,
            by_channel: k
                .by_channel
                .into_iter()
                .map(|c| ChannelKpi {
                    channel: c.channel,
                    label: c.label.get(lang).to_owned(),
                    contacts: c.contacts,
                    minutes: c.minutes,
                    time_percent: c.time_percent,
                })
                .collect(),
            new_accounts: k.new_accounts,
            new_clients: k.new_clients,
            prospect_to_client_percent: k.prospect_to_client_percent,
            average_contacts_to_win: k.average_contacts_to_win,
            orders: k.orders,
            visit_to_order_percent: k.visit_to_order_percent,
            revenue_cents: k.revenue_cents,
            margin_cents: k.margin_cents,
            average_basket_cents: k.average_basket_cents,
            revenue_by_family: k.revenue_by_family,
            follow_ups_due: k.follow_ups_due,
            follow_ups_done: k.follow_ups_done,
            follow_up_compliance_percent: k.follow_up_compliance_percent,
            leads_captured: k.leads_captured,
            leads_qualified: k.leads_qualified,
            leads_by_event: k.leads_by_event,
            pipeline: k.pipeline,
            objectives: k.objectives,
        }
    }
}
