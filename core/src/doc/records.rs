//! Typed read and write of each record kind, field by field.

use automerge::ReadDoc;
use chrono::NaiveDate;

use super::codec::{Reader, Writer};
use super::Collection;
use crate::error::Result;
use crate::model::*;

/// A record stored in a document collection.
pub trait Record: Sized {
    const COLLECTION: Collection;
    fn id(&self) -> &str;
    /// The record checks itself before it is written.
    fn validate(&self) -> Result<(), ValidationError>;
    #[doc(hidden)]
    fn write(&self, w: &mut Writer<'_>) -> Result<()>;
    #[doc(hidden)]
    fn read<D: ReadDoc>(id: &str, r: &Reader<'_, D>) -> Result<Self>;
}

impl Record for Account {
    const COLLECTION: Collection = Collection::Accounts;
    fn id(&self) -> &str {
        &self.id
    }
    fn validate(&self) -> Result<(), ValidationError> {
        Account::validate(self)
    }
    fn write(&self, w: &mut Writer<'_>) -> Result<()> {
        w.str("name", &self.name)?;
        w.str("kind", self.kind.code())?;
        w.opt_str("need_horizon", self.need_horizon.map(NeedHorizon::code))?;
        w.opt_str("territory", self.territory.as_deref())?;
        w.opt_str("segment", self.segment.as_deref())?;
        w.str("owner_rep", &self.owner_rep)?;
        w.opt_str("lead_source", self.lead_source.map(LeadSource::code))?;
        w.opt_int("potential_cents", self.potential_cents)?;
        w.opt_str("registration_number", self.registration_number.as_deref())?;
        w.opt_str("address", self.address.as_deref())?;
        w.opt_str("postcode", self.postcode.as_deref())?;
        w.opt_str("city", self.city.as_deref())?;
        w.opt_str("phone", self.phone.as_deref())?;
        w.opt_str("website", self.website.as_deref())?;
        w.bool("open_dispute", self.open_dispute)?;
        w.bool("lost", self.lost)?;
        w.text("notes", &self.notes)?;
        w.instant("created_at", self.created_at)?;
        w.flag("created_at_from_import", self.created_at_from_import)?;
        w.opt_date("became_client_on", self.became_client_on)?;
        let revenue: Vec<(String, i64)> =
            self.revenue.iter().map(|f| (revenue_key(f.month, &f.product_family), f.amount_cents)).collect();
        w.int_map("revenue", &revenue)?;
        w.opt_str("merged_into", self.merged_into.as_deref())?;
        w.opt_str("external_ref", self.external_ref.as_deref())
    }
    fn read<D: ReadDoc>(id: &str, r: &Reader<'_, D>) -> Result<Self> {
        let mut revenue = Vec::new();
        for (key, amount_cents) in r.int_map("revenue")? {
            let (month, family) = key
                .split_once('|')
                .and_then(|(m, f)| Some((NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").ok()?, f)))
                .ok_or_else(|| crate::Error::schema(r.doc_id, format!("revenue key {key:?} is malformed")))?;
            revenue.push(RevenueFigure { month, product_family: family.to_owned(), amount_cents });
        }
        Ok(Account {
            id: id.to_owned(),
            name: r.str("name")?,
            kind: r.code("kind", AccountKind::parse)?,
            need_horizon: r.opt_code("need_horizon", NeedHorizon::parse)?,
            territory: r.opt_str("territory")?,
            segment: r.opt_str("segment")?,
            owner_rep: r.str("owner_rep")?,
            lead_source: r.opt_code("lead_source", LeadSource::parse)?,
            potential_cents: r.opt_int("potential_cents")?,
            registration_number: r.opt_str("registration_number")?,
            address: r.opt_str("address")?,
            postcode: r.opt_str("postcode")?,
            city: r.opt_str("city")?,
            phone: r.opt_str("phone")?,
            website: r.opt_str("website")?,
            open_dispute: r.bool("open_dispute")?,
            lost: r.bool("lost")?,
            notes: r.text("notes")?,
            created_at: r.instant("created_at")?,
            created_at_from_import: r.bool("created_at_from_import")?,
            became_client_on: r.opt_date("became_client_on")?,
            revenue,
            merged_into: r.opt_str("merged_into")?,
            external_ref: r.opt_str("external_ref")?,
        })
    }
}

/// Revenue entries are keyed `YYYY-MM|family`, so two devices adding different months both survive.
fn revenue_key(month: NaiveDate, family: &str) -> String {
    format!("{}|{family}", month.format("%Y-%m"))
}

impl Record for Contact {
    const COLLECTION: Collection = Collection::Contacts;
    fn id(&self) -> &str {
        &self.id
    }
    fn validate(&self) -> Result<(), ValidationError> {
        Contact::validate(self)
    }
    fn write(&self, w: &mut Writer<'_>) -> Result<()> {
        w.str("account_id", &self.account_id)?;
        w.str("name", &self.name)?;
        w.opt_str("role", self.role.as_deref())?;
        w.opt_str("phone", self.phone.as_deref())?;
        w.opt_str("email", self.email.as_deref())
    }
    fn read<D: ReadDoc>(id: &str, r: &Reader<'_, D>) -> Result<Self> {
        Ok(Contact {
            id: id.to_owned(),
            account_id: r.str("account_id")?,
            name: r.str("name")?,
            role: r.opt_str("role")?,
            phone: r.opt_str("phone")?,
            email: r.opt_str("email")?,
        })
    }
}

impl Record for VisitReport {
    const COLLECTION: Collection = Collection::Visits;
    fn id(&self) -> &str {
        &self.id
    }
    fn validate(&self) -> Result<(), ValidationError> {
        VisitReport::validate(self)
    }
    fn write(&self, w: &mut Writer<'_>) -> Result<()> {
        w.str("account_id", &self.account_id)?;
        w.str("rep", &self.rep)?;
        w.str("status", self.status.code())?;
        w.str("channel", self.channel.code())?;
        w.instant("started_at", self.started_at)?;
        w.int("utc_offset_minutes", self.utc_offset_minutes.into())?;
        w.int("duration_minutes", self.duration_minutes.into())?;
        w.opt_str("objective", self.objective.as_deref())?;
        w.report_text("notes", &self.notes)?;
        w.opt_str("outcome", self.outcome.map(Outcome::code))?;
        w.opt_str("interest", self.interest.map(InterestLevel::code))?;
        w.set("products", &self.products)?;
        w.int("order_amount_cents", self.order_amount_cents)?;
        w.int("order_margin_cents", self.order_margin_cents)?;
        w.opt_str("next_step", self.next_step.as_deref())
    }
    fn read<D: ReadDoc>(id: &str, r: &Reader<'_, D>) -> Result<Self> {
        let small = |field: &str| -> Result<i64> { r.int(field) };
        Ok(VisitReport {
            id: id.to_owned(),
            account_id: r.str("account_id")?,
            rep: r.str("rep")?,
            status: r.code("status", VisitStatus::parse)?,
            channel: r.code("channel", Channel::parse)?,
            started_at: r.instant("started_at")?,
            utc_offset_minutes: narrow(r, "utc_offset_minutes", small("utc_offset_minutes")?)?,
            duration_minutes: narrow(r, "duration_minutes", small("duration_minutes")?)?,
            objective: r.opt_str("objective")?,
            notes: r.text("notes")?,
            outcome: r.opt_code("outcome", Outcome::parse)?,
            interest: r.opt_code("interest", InterestLevel::parse)?,
            products: r.set("products")?,
            order_amount_cents: r.int("order_amount_cents")?,
            order_margin_cents: r.int("order_margin_cents")?,
            next_step: r.opt_str("next_step")?,
        })
    }
}

fn narrow<T: TryFrom<i64>, D: ReadDoc>(r: &Reader<'_, D>, field: &str, value: i64) -> Result<T> {
    T::try_from(value).map_err(|_| crate::Error::schema(r.doc_id, format!("field {field} is out of range")))
}

impl Record for FollowUp {
    const COLLECTION: Collection = Collection::FollowUps;
    fn id(&self) -> &str {
        &self.id
    }
    fn validate(&self) -> Result<(), ValidationError> {
        FollowUp::validate(self)
    }
    fn write(&self, w: &mut Writer<'_>) -> Result<()> {
        w.str("account_id", &self.account_id)?;
        w.str("action", &self.action)?;
        w.date("due_on", self.due_on)?;
        w.str("owner", &self.owner)?;
        w.bool("done", self.done)?;
        w.opt_instant("done_at", self.done_at)
    }
    fn read<D: ReadDoc>(id: &str, r: &Reader<'_, D>) -> Result<Self> {
        Ok(FollowUp {
            id: id.to_owned(),
            account_id: r.str("account_id")?,
            action: r.str("action")?,
            due_on: r.date("due_on")?,
            owner: r.str("owner")?,
            done: r.bool("done")?,
            done_at: r.opt_instant("done_at")?,
        })
    }
}

impl Record for Opportunity {
    const COLLECTION: Collection = Collection::Opportunities;
    fn id(&self) -> &str {
        &self.id
    }
    fn validate(&self) -> Result<(), ValidationError> {
        Opportunity::validate(self)
    }
    fn write(&self, w: &mut Writer<'_>) -> Result<()> {
        w.str("account_id", &self.account_id)?;
        w.str("title", &self.title)?;
        w.str("stage", self.stage.code())?;
        w.int("amount_cents", self.amount_cents)?;
        w.int("probability", self.probability.into())?;
        w.date("expected_close", self.expected_close)?;
        w.str("owner", &self.owner)
    }
    fn read<D: ReadDoc>(id: &str, r: &Reader<'_, D>) -> Result<Self> {
        Ok(Opportunity {
            id: id.to_owned(),
            account_id: r.str("account_id")?,
            title: r.str("title")?,
            stage: r.code("stage", OpportunityStage::parse)?,
            amount_cents: r.int("amount_cents")?,
            probability: narrow(r, "probability", r.int("probability")?)?,
            expected_close: r.date("expected_close")?,
            owner: r.str("owner")?,
        })
    }
}

impl Record for Objective {
    const COLLECTION: Collection = Collection::Objectives;
    fn id(&self) -> &str {
        &self.id
    }
    fn validate(&self) -> Result<(), ValidationError> {
        Objective::validate(self)
    }
    fn write(&self, w: &mut Writer<'_>) -> Result<()> {
        w.opt_str("rep", self.rep.as_deref())?;
        w.date("period_start", self.period_start)?;
        w.date("period_end", self.period_end)?;
        w.str("metric", self.metric.code())?;
        w.int("target", self.target)?;
        w.opt_str("note", self.note.as_deref())
    }
    fn read<D: ReadDoc>(id: &str, r: &Reader<'_, D>) -> Result<Self> {
        Ok(Objective {
            id: id.to_owned(),
            rep: r.opt_str("rep")?,
            period_start: r.date("period_start")?,
            period_end: r.date("period_end")?,
            metric: r.code("metric", Metric::parse)?,
            target: r.int("target")?,
            note: r.opt_str("note")?,
        })
    }
}

impl Record for Lead {
    const COLLECTION: Collection = Collection::Leads;
    fn id(&self) -> &str {
        &self.id
    }
    fn validate(&self) -> Result<(), ValidationError> {
        Lead::validate(self)
    }
    fn write(&self, w: &mut Writer<'_>) -> Result<()> {
        w.str("event", &self.event)?;
        w.str("name", &self.name)?;
        w.opt_str("company", self.company.as_deref())?;
        w.opt_str("email", self.email.as_deref())?;
        w.opt_str("phone", self.phone.as_deref())?;
        w.text("notes", &self.notes)?;
        w.opt_str("interest", self.interest.map(InterestLevel::code))?;
        w.instant("captured_at", self.captured_at)?;
        w.str("captured_by", &self.captured_by)?;
        w.str("status", self.status.code())?;
        w.opt_str("account_id", self.account_id.as_deref())?;
        w.opt_str("contact_id", self.contact_id.as_deref())
    }
    fn read<D: ReadDoc>(id: &str, r: &Reader<'_, D>) -> Result<Self> {
        Ok(Lead {
            id: id.to_owned(),
            event: r.str("event")?,
            name: r.str("name")?,
            company: r.opt_str("company")?,
            email: r.opt_str("email")?,
            phone: r.opt_str("phone")?,
            notes: r.text("notes")?,
            interest: r.opt_code("interest", InterestLevel::parse)?,
            captured_at: r.instant("captured_at")?,
            captured_by: r.str("captured_by")?,
            status: r.code("status", LeadStatus::parse)?,
            account_id: r.opt_str("account_id")?,
            contact_id: r.opt_str("contact_id")?,
        })
    }
}
