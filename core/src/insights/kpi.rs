//! Key figures of a rep or a team over a period.
//!
//! What counts, and on which day:
//! - A **contact** is a visit report with status `done` (planned and cancelled ones never count),
//!   of any channel. It belongs to the period when its local day
//!   ([`VisitReport::local_day`](crate::model::VisitReport::local_day): UTC start shifted by the
//!   offset of the device that logged it) is in the period. A visit at 23:30 UTC logged in Paris in
//!   winter (+01:00) counts on the next day; the same instant in summer (+02:00) too; logged in
//!   Bogotá (−05:00) it counts on the same UTC day.
//! - A **visit** is a contact on site; a **meeting** is a contact on site or by video.
//! - An **order** is a contact with `order_amount_cents > 0`; revenue and margin are the sums of
//!   `order_amount_cents` and `order_margin_cents` of the contacts of the period (orders taken).
//! - Accounts, leads and follow-ups carry no device offset: accounts count on the UTC day of
//!   `created_at`, leads on the UTC day of `captured_at`; `became_client_on` and `due_on` are days.
//!   An account imported from a client file that gave no creation date is never a new account:
//!   its `created_at` is the day of the import, and the client file is not the week's prospecting.
//! - Revenue by product family comes from the invoiced revenue figures (`Account::revenue`) whose
//!   month starts in the period (see [`abc`](super::abc)): it is monthly, so it is only meaningful for
//!   periods of whole months.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rustc_hash::FxHashSet;
use serde::Serialize;

use super::input::{InsightsInput, Scope};
use super::objectives::{target_for, ObjectiveProgress};
use super::period::Period;
use super::ratio::{mean, percent, round_div};
use crate::model::{AccountKind, Channel, LeadStatus, Metric, OpportunityStage, VisitStatus};

/// Contacts and time spent through one channel (its name: [`label`](crate::i18n::label)).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record), uniffi(name = "ChannelKpi"))]
pub struct ChannelFigures {
    pub channel: Channel,
    pub contacts: u32,
    /// Sum of `duration_minutes` of these contacts.
    pub minutes: u64,
    /// Share of all contact minutes of the period spent through this channel (`None`: no minutes).
    pub time_percent: Option<f64>,
}

/// Invoiced revenue of one product family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FamilyRevenue {
    pub family: String,
    pub revenue_cents: i64,
}

/// Leads captured at one event (trade show, web form…) and what became of them so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct EventLeads {
    pub event: String,
    pub captured: u32,
    /// Qualified into an account (status `qualified`).
    pub qualified: u32,
    pub discarded: u32,
}

/// Weighted pipeline forecast of the opportunities expected to close in the period (by
/// `expected_close`, which also stands for the close day of won deals).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PipelineForecast {
    /// Won deals expected to close in the period.
    pub won_cents: i64,
    /// Open deals (qualification, proposal, negotiation) closing in the period, each weighted by its
    /// probability: Σ amount × probability ÷ 100, rounded once at the end.
    pub open_weighted_cents: i64,
    /// `won_cents + open_weighted_cents`. Lost deals and open deals due outside the period are left out.
    pub forecast_cents: i64,
    /// The forecast against the revenue objective of the period, if there is one.
    pub quota: Option<ObjectiveProgress>,
}

/// The key figures of a period. Every ratio is `None` when its base is 0.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record), uniffi(name = "KpiReport"))]
pub struct Kpis {
    pub period: Period,
    /// Contacts (done visit reports, all channels) of the period.
    pub contacts: u32,
    /// Contacts on site.
    pub visits: u32,
    /// Contacts on site or by video.
    pub meetings: u32,
    /// Contacts and time split by channel, every channel listed (in `Channel::ALL` order).
    pub by_channel: Vec<ChannelFigures>,
    /// Accounts (any kind, not merged) created in the period.
    pub new_accounts: u32,
    /// Accounts whose `became_client_on` is in the period (prospects won).
    pub new_clients: u32,
    /// `new_clients` ÷ the prospects worked in the period, in percent. Those are the accounts won in
    /// the period plus those with a contact in the period that were still prospects then (kind
    /// prospect, lost or not, or became client after the period).
    pub prospect_to_client_percent: Option<f64>,
    /// Mean of `AccountActivity::contacts_to_win` over the accounts won in the period.
    pub average_contacts_to_win: Option<f64>,
    pub orders: u32,
    /// `orders ÷ contacts` in percent.
    pub visit_to_order_percent: Option<f64>,
    pub revenue_cents: i64,
    pub margin_cents: i64,
    /// `revenue_cents ÷ orders`, rounded to the cent.
    pub average_basket_cents: Option<i64>,
    /// Invoiced revenue per product family, highest first, then by name.
    pub revenue_by_family: Vec<FamilyRevenue>,
    /// Follow-ups due in the period whose deadline has passed (`due_on < today`).
    pub follow_ups_due: u32,
    /// Of those, the ones done by now.
    pub follow_ups_done: u32,
    /// `follow_ups_done ÷ follow_ups_due` in percent.
    pub follow_up_compliance_percent: Option<f64>,
    pub leads_captured: u32,
    pub leads_qualified: u32,
    /// Leads per event, most captured first, then by event name.
    pub leads_by_event: Vec<EventLeads>,
    pub pipeline: PipelineForecast,
    /// Each metric that has an objective over the period, with the actual figure above
    /// (visits, meetings, new accounts, revenue, margin), in `Metric::ALL` order.
    pub objectives: Vec<ObjectiveProgress>,
}

/// The key figures of `input` over `period`, for `scope`'s objectives, seen on local day `today`.
pub fn kpis(input: &InsightsInput, scope: &Scope, period: Period, today: NaiveDate) -> Kpis {
    let mut channels = [(0u32, 0u64); Channel::ALL.len()];
    let (mut orders, mut revenue_cents, mut margin_cents) = (0u32, 0i64, 0i64);
    let mut worked = FxHashSet::default();
    for visit in input.visits.iter().filter(|v| v.status == VisitStatus::Done && period.contains(v.local_day))
    {
        let slot = &mut channels[visit.channel as usize];
        slot.0 += 1;
        slot.1 += u64::from(visit.duration_minutes);
        if visit.order_amount_cents > 0 {
            orders += 1;
        }
        revenue_cents += visit.order_amount_cents;
        margin_cents += visit.order_margin_cents;
        worked.insert(visit.account_id.as_str());
    }
    let count = |channel: Channel| channels[channel as usize].0;
    let contacts: u32 = channels.iter().map(|c| c.0).sum();
    let minutes: u64 = channels.iter().map(|c| c.1).sum();
    let by_channel = Channel::ALL
        .iter()
        .map(|&channel| {
            let (contacts, spent) = channels[channel as usize];
            ChannelFigures {
                channel,
                contacts,
                minutes: spent,
                time_percent: percent(spent as i64, minutes as i64),
            }
        })
        .collect();

    let (mut new_accounts, mut new_clients, mut prospects_worked, mut contacts_to_win) =
        (0u32, 0u32, 0i64, 0i64);
    let mut families: BTreeMap<&str, i64> = BTreeMap::new();
    for summary in input.live_accounts() {
        let account = &summary.account;
        if !account.created_at_from_import && period.contains(account.created_at.date_naive()) {
            new_accounts += 1;
        }
        let won_in_period = account.became_client_on.is_some_and(|d| period.contains(d));
        let prospect_then = account.kind == AccountKind::Prospect
            || account.became_client_on.is_some_and(|d| d >= period.start);
        if won_in_period {
            new_clients += 1;
            contacts_to_win += i64::from(summary.activity.contacts_to_win);
        }
        if won_in_period || (prospect_then && worked.contains(account.id.as_str())) {
            prospects_worked += 1;
        }
        for figure in account.revenue.iter().filter(|f| period.contains(f.month)) {
            *families.entry(figure.product_family()).or_default() += figure.amount_cents;
        }
    }
    let mut revenue_by_family: Vec<FamilyRevenue> = families
        .into_iter()
        .map(|(family, revenue_cents)| FamilyRevenue { family: family.to_owned(), revenue_cents })
        .collect();
    revenue_by_family
        .sort_by(|a, b| b.revenue_cents.cmp(&a.revenue_cents).then_with(|| a.family.cmp(&b.family)));

    let due: Vec<bool> = input
        .follow_ups
        .iter()
        .filter(|f| period.contains(f.due_on) && f.due_on < today)
        .map(|f| f.done)
        .collect();
    let follow_ups_done = due.iter().filter(|&&done| done).count() as u32;

    let leads_by_event = leads_by_event(input, period);
    let visits = count(Channel::OnSite);
    let meetings = visits + count(Channel::Video);
    let actual = |metric: Metric| match metric {
        Metric::Visits => i64::from(visits),
        Metric::Meetings => i64::from(meetings),
        Metric::NewAccounts => i64::from(new_accounts),
        Metric::Revenue => revenue_cents,
        Metric::Margin => margin_cents,
    };
    let objectives = Metric::ALL
        .iter()
        .filter_map(|&metric| {
            let target = target_for(&input.objectives, scope, metric, period)?;
            Some(ObjectiveProgress::new(metric, target, actual(metric)))
        })
        .collect();

    Kpis {
        period,
        contacts,
        visits,
        meetings,
        by_channel,
        new_accounts,
        new_clients,
        prospect_to_client_percent: percent(new_clients.into(), prospects_worked),
        average_contacts_to_win: mean(contacts_to_win, new_clients.into()),
        orders,
        visit_to_order_percent: percent(orders.into(), contacts.into()),
        revenue_cents,
        margin_cents,
        average_basket_cents: (orders > 0).then(|| round_div(revenue_cents.into(), orders.into())),
        revenue_by_family,
        follow_ups_due: due.len() as u32,
        follow_ups_done,
        follow_up_compliance_percent: percent(follow_ups_done.into(), due.len() as i64),
        leads_captured: leads_by_event.iter().map(|e| e.captured).sum(),
        leads_qualified: leads_by_event.iter().map(|e| e.qualified).sum(),
        leads_by_event,
        pipeline: pipeline(input, scope, period),
        objectives,
    }
}

fn leads_by_event(input: &InsightsInput, period: Period) -> Vec<EventLeads> {
    let mut events: BTreeMap<&str, EventLeads> = BTreeMap::new();
    for lead in input.leads.iter().filter(|l| period.contains(l.captured_at.date_naive())) {
        let entry = events.entry(&lead.event).or_insert_with(|| EventLeads {
            event: lead.event.clone(),
            captured: 0,
            qualified: 0,
            discarded: 0,
        });
        entry.captured += 1;
        match lead.status {
            LeadStatus::Qualified => entry.qualified += 1,
            LeadStatus::Discarded => entry.discarded += 1,
            LeadStatus::New => {}
        }
    }
    let mut events: Vec<EventLeads> = events.into_values().collect();
    events.sort_by(|a, b| b.captured.cmp(&a.captured).then_with(|| a.event.cmp(&b.event)));
    events
}

fn pipeline(input: &InsightsInput, scope: &Scope, period: Period) -> PipelineForecast {
    let (mut won_cents, mut weighted) = (0i64, 0i128);
    for deal in input.opportunities.iter().filter(|o| period.contains(o.expected_close)) {
        match deal.stage {
            OpportunityStage::Won => won_cents += deal.amount_cents,
            OpportunityStage::Lost => {}
            _ => weighted += i128::from(deal.amount_cents) * i128::from(deal.probability),
        }
    }
    let open_weighted_cents = round_div(weighted, 100);
    let forecast_cents = won_cents + open_weighted_cents;
    PipelineForecast {
        won_cents,
        open_weighted_cents,
        forecast_cents,
        quota: target_for(&input.objectives, scope, Metric::Revenue, period)
            .map(|target| ObjectiveProgress::new(Metric::Revenue, target, forecast_cents)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::testkit::{account, assert_close, at, day, follow_up, visit};
    use crate::model::{Lead, Objective, Opportunity};

    fn rep1() -> Scope {
        Scope::Rep("rep1".into())
    }

    #[test]
    fn no_data_gives_zeros_and_no_ratios() {
        let week = Period::week_of(day(2026, 3, 4));
        let k = kpis(&InsightsInput::default(), &rep1(), week, day(2026, 3, 4));
        assert_eq!(
            (k.contacts, k.orders, k.revenue_cents, k.new_accounts, k.follow_ups_due),
            (0, 0, 0, 0, 0)
        );
        assert_eq!(k.by_channel.len(), Channel::ALL.len());
        assert!(k.by_channel.iter().all(|c| c.contacts == 0 && c.time_percent.is_none()));
        assert_eq!(k.prospect_to_client_percent, None);
        assert_eq!(k.visit_to_order_percent, None);
        assert_eq!(k.average_basket_cents, None);
        assert_eq!(k.average_contacts_to_win, None);
        assert_eq!(k.follow_up_compliance_percent, None);
        assert!(k.objectives.is_empty() && k.pipeline.quota.is_none() && k.pipeline.forecast_cents == 0);
    }

    #[test]
    fn visits_count_on_their_local_day_across_the_daylight_saving_change_and_time_zones() {
        // Europe moves from +01:00 to +02:00 on Sunday 2026-03-29 at 01:00 UTC.
        let on_site = |id: &str, started, offset| visit(id, started, offset, Channel::OnSite);
        let visits = vec![
            // Paris, winter: 22 Mar 23:30 UTC is Mon 23 Mar 00:30 local → this week.
            on_site("a", at(2026, 3, 22, 23, 30), 60),
            // Paris, still winter: 28 Mar 23:30 UTC is Sun 29 Mar 00:30 local → this week.
            on_site("b", at(2026, 3, 28, 23, 30), 60),
            // Paris, summer: 29 Mar 21:30 UTC is Sun 29 Mar 23:30 local → this week.
            on_site("c", at(2026, 3, 29, 21, 30), 120),
            // Paris, summer: 29 Mar 23:30 UTC is Mon 30 Mar 01:30 local → next week.
            on_site("d", at(2026, 3, 29, 23, 30), 120),
            // Auckland (+13:00): 22 Mar 11:00 UTC is Mon 23 Mar 00:00 local → this week.
            on_site("e", at(2026, 3, 22, 11, 0), 780),
            // Bogotá (−05:00): 23 Mar 03:00 UTC is Sun 22 Mar 22:00 local → last week.
            on_site("f", at(2026, 3, 23, 3, 0), -300),
            // Nouméa (+11:00): 29 Mar 13:00 UTC is Mon 30 Mar 00:00 local → next week.
            on_site("g", at(2026, 3, 29, 13, 0), 660),
        ];
        let input = InsightsInput { visits, ..Default::default() };
        let week = Period::week_of(day(2026, 3, 25));
        let today = day(2026, 4, 10);
        let worked = |period: Period| {
            let mut ids: Vec<String> = input
                .visits
                .iter()
                .filter(|v| period.contains(v.local_day))
                .map(|v| v.account_id.clone())
                .collect();
            ids.sort();
            (kpis(&input, &rep1(), period, today).contacts, ids)
        };
        assert_eq!(worked(week), (4, vec!["a".into(), "b".into(), "c".into(), "e".into()]));
        assert_eq!(worked(week.previous()).0, 1); // f
        assert_eq!(worked(Period::week_of(day(2026, 3, 30))).0, 2); // d, g
    }

    /// The week of Monday 2 to Sunday 8 March 2026, seen on Thursday 5 March by rep1.
    fn week_dataset() -> InsightsInput {
        let mut p1 = account("p1", AccountKind::Prospect);
        p1.activity.contacts_logged = 2;
        let mut p2 = account("p2", AccountKind::Client);
        p2.account.became_client_on = Some(day(2026, 3, 4));
        p2.activity.contacts_to_win = 6;
        let mut p3 = account("p3", AccountKind::Client);
        p3.account.became_client_on = Some(day(2026, 3, 6));
        p3.activity.contacts_to_win = 9;
        let mut c1 = account("c1", AccountKind::Client);
        c1.account.became_client_on = Some(day(2025, 6, 1));
        let p4 = account("p4", AccountKind::Prospect);
        let mut new1 = account("new1", AccountKind::Prospect);
        new1.account.created_at = at(2026, 3, 3, 12, 0);
        let mut merged = account("merged", AccountKind::Prospect);
        merged.account.created_at = at(2026, 3, 3, 12, 0);
        merged.account.merged_into = Some("new1".into());

        let done = |id: &str, d: u32, channel, minutes, order, margin| {
            let mut v = visit(id, at(2026, 3, d, 9, 0), 60, channel);
            v.duration_minutes = minutes;
            v.order_amount_cents = order;
            v.order_margin_cents = margin;
            v
        };
        let mut planned = done("c1", 3, Channel::OnSite, 60, 0, 0);
        planned.status = VisitStatus::Planned;
        let mut cancelled = done("c1", 3, Channel::OnSite, 60, 0, 0);
        cancelled.status = VisitStatus::Cancelled;
        let visits = vec![
            done("p1", 2, Channel::OnSite, 45, 0, 0),
            done("p1", 4, Channel::Phone, 10, 0, 0),
            done("p2", 4, Channel::OnSite, 60, 120_000, 30_000),
            done("c1", 5, Channel::Video, 30, 80_000, 20_000),
            done("c1", 6, Channel::Email, 5, 0, 0),
            planned,
            cancelled,
            done("p4", 9, Channel::OnSite, 60, 0, 0),
        ];

        let lead = |event: &str, d: (u32, u32), status| {
            let mut lead = Lead::new(event, "Jeanne", "rep1");
            lead.captured_at = at(2026, d.0, d.1, 10, 0);
            lead.status = status;
            lead.account_id = (status == LeadStatus::Qualified).then(|| "p4".into());
            lead
        };
        let deal = |id: &str, stage, amount_cents, probability, d: u32| Opportunity {
            id: id.into(),
            account_id: "p1".into(),
            title: format!("Deal {id}"),
            stage,
            amount_cents,
            probability,
            expected_close: day(2026, 3, d),
            owner: "rep1".into(),
        };
        let objective = |metric, target| Objective {
            id: format!("o-{metric}"),
            rep: Some("rep1".into()),
            period_start: day(2026, 3, 1),
            period_end: day(2026, 3, 31),
            metric,
            target,
            note: None,
        };
        InsightsInput {
            accounts: vec![p1, p2, p3, c1, p4, new1, merged],
            visits,
            follow_ups: vec![
                follow_up("f1", "p1", day(2026, 3, 2), true),
                follow_up("f2", "p1", day(2026, 3, 4), false),
                follow_up("f3", "c1", day(2026, 3, 5), false),
                follow_up("f4", "c1", day(2026, 3, 1), true),
            ],
            opportunities: vec![
                deal("o1", OpportunityStage::Proposal, 100_000, 30, 6),
                deal("o2", OpportunityStage::Negotiation, 50_000, 50, 8),
                deal("o3", OpportunityStage::Won, 40_000, 100, 3),
                deal("o4", OpportunityStage::Lost, 70_000, 0, 4),
                deal("o5", OpportunityStage::Negotiation, 1_000_000, 90, 20),
            ],
            objectives: vec![
                objective(Metric::Revenue, 310_000),
                objective(Metric::Visits, 31),
                objective(Metric::NewAccounts, 0),
            ],
            leads: vec![
                lead("Sirha", (3, 3), LeadStatus::Qualified),
                lead("Sirha", (3, 3), LeadStatus::New),
                lead("Web", (3, 4), LeadStatus::Discarded),
                lead("Sirha", (2, 20), LeadStatus::New),
            ],
        }
    }

    #[test]
    fn a_week_of_figures_worked_out_by_hand() {
        let input = week_dataset();
        let k = kpis(&input, &rep1(), Period::week_of(day(2026, 3, 4)), day(2026, 3, 5));
        // Done contacts 2–8 March: p1 ×2, p2, c1 ×2 = 5 (planned, cancelled and the 9th left out).
        assert_eq!((k.contacts, k.visits, k.meetings), (5, 2, 3)); // on site: p1, p2; + c1's video
        let channels: Vec<_> = k.by_channel.iter().map(|c| (c.channel, c.contacts, c.minutes)).collect();
        assert_eq!(
            channels,
            [
                (Channel::OnSite, 2, 105), // 45 + 60
                (Channel::Phone, 1, 10),
                (Channel::Video, 1, 30),
                (Channel::TradeShow, 0, 0),
                (Channel::Email, 1, 5),
            ]
        );
        // 150 minutes in all: 105 / 150 = 70 %, 10 / 150 = 6.67 %, 30 / 150 = 20 %.
        assert_close(k.by_channel[0].time_percent, Some(70.0));
        assert_close(k.by_channel[1].time_percent, Some(1000.0 / 150.0));
        assert_close(k.by_channel[2].time_percent, Some(20.0));
        // new1 created 3 March (merged duplicate ignored); p2 (4th) and p3 (6th) won.
        assert_eq!((k.new_accounts, k.new_clients), (1, 2));
        // Prospects worked: p1 (contacted, prospect), p2 and p3 (won) = 3; c1 was already a client,
        // p4 and new1 were not contacted this week. 2 / 3.
        assert_close(k.prospect_to_client_percent, Some(200.0 / 3.0));
        assert_close(k.average_contacts_to_win, Some(7.5)); // (6 + 9) / 2
                                                            // Orders: p2 1 200 €, c1 800 € → 2 of 5 contacts = 40 %; basket 2 000 € / 2.
        assert_eq!((k.orders, k.revenue_cents, k.margin_cents), (2, 200_000, 50_000));
        assert_close(k.visit_to_order_percent, Some(40.0));
        assert_eq!(k.average_basket_cents, Some(100_000));
        // Follow-ups due 2–8 March before today (5th): f1 (done), f2 (not) → 1 / 2; f3 is due today.
        assert_eq!((k.follow_ups_due, k.follow_ups_done), (2, 1));
        assert_close(k.follow_up_compliance_percent, Some(50.0));
        // Leads of 2–8 March: Sirha 2 (1 qualified), Web 1 (discarded); 20 Feb left out.
        assert_eq!((k.leads_captured, k.leads_qualified), (3, 1));
        let events: Vec<_> =
            k.leads_by_event.iter().map(|e| (e.event.as_str(), e.captured, e.discarded)).collect();
        assert_eq!(events, [("Sirha", 2, 0), ("Web", 1, 1)]);
        // Pipeline: won 400 €; open 1 000 € × 30 % + 500 € × 50 % = 300 + 250 = 550 €; forecast 950 €.
        let p = &k.pipeline;
        assert_eq!((p.won_cents, p.open_weighted_cents, p.forecast_cents), (40_000, 55_000, 95_000));
        // Quota: 3 100 € × 7 / 31 = 700 €; 950 / 700 = 135.71 %.
        let quota = p.quota.unwrap();
        assert_eq!(quota.target, 70_000);
        assert_close(quota.percent, Some(95_000.0 * 100.0 / 70_000.0));
        // Objectives brought to the week: visits 31 × 7 / 31 = 7 → 2 / 7; revenue 2 000 / 700 €;
        // new accounts 0 → no percentage, met with 1.
        let objectives: Vec<_> = k.objectives.iter().map(|o| (o.metric, o.target, o.actual, o.met)).collect();
        assert_eq!(
            objectives,
            [
                (Metric::Visits, 7, 2, false),
                (Metric::NewAccounts, 0, 1, true),
                (Metric::Revenue, 70_000, 200_000, true),
            ]
        );
        assert_close(k.objectives[0].percent, Some(200.0 / 7.0));
        assert_close(k.objectives[1].percent, None);
        assert_close(k.objectives[2].percent, Some(200_000.0 * 100.0 / 70_000.0));
        // Revenue by family is monthly: no month starts in this week.
        assert!(k.revenue_by_family.is_empty());
    }

    #[test]
    fn revenue_by_family_over_a_month() {
        let mut input = week_dataset();
        let figure = |month: u32, family: &str, amount_cents| crate::model::RevenueFigure {
            month: day(2026, month, 1),
            product_family: family.into(),
            amount_cents,
        };
        input.accounts[3].account.revenue = crate::insights::RevenueFigures::new(&[
            figure(3, "bread", 500_000),
            figure(3, "cake", 100_000),
            figure(2, "bread", 999),
        ]);
        input.accounts[1].account.revenue =
            crate::insights::RevenueFigures::new(&[figure(3, "bread", 20_000), figure(3, "wine", 100_000)]);
        let k = kpis(&input, &rep1(), Period::month_of(day(2026, 3, 1)), day(2026, 4, 1));
        let families: Vec<_> =
            k.revenue_by_family.iter().map(|f| (f.family.as_str(), f.revenue_cents)).collect();
        // March: bread 500 000 + 20 000; cake and wine tie at 100 000, by name. February left out.
        assert_eq!(families, [("bread", 520_000), ("cake", 100_000), ("wine", 100_000)]);
    }
}
