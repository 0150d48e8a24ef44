//! Exports for the accountant or a spreadsheet: accounts, contacts, visit reports, follow-ups,
//! opportunities, the leads of an event, the weekly dashboard, as CSV in the user's language or as
//! JSON, of what this device holds (what its user may see). The accounts and contacts sheets read
//! back through the import: their headings are the import's, and an account with no external
//! reference is given its id as one.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::Session;
use crate::dataio::export::{Cell, Column, Sheet};
use crate::doc::Collection;
use crate::i18n::{label, Lang};
use crate::insights::{Scope, Unit};
use crate::model::*;
use crate::Result;

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum ExportKind {
    Accounts,
    Contacts,
    Visits,
    FollowUps,
    Opportunities,
    /// The leads captured at one event.
    Leads {
        event: String,
    },
    /// The weekly dashboard of `scope` for the week holding `day`.
    Dashboard {
        scope: Scope,
        day: NaiveDate,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum ExportFormat {
    /// For a spreadsheet, in the user's language (see [`crate::dataio::export`]).
    Csv,
    /// The records as the core holds them (codes, cents, UTC instants), for a script.
    Json,
}

/// An export: its bytes, and how many rows or records it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Exported {
    pub bytes: Vec<u8>,
    pub rows: u32,
}

fn json<T: serde::Serialize>(value: &T) -> Vec<u8> {
    // The records and the dashboard are plain data: serializing them cannot fail.
    serde_json::to_vec_pretty(value).unwrap_or_default()
}

impl Session {
    /// Exports `kind` as `format`, words and numbers in `lang`; `today` is the device's local day
    /// (the dashboard's overdue actions depend on it).
    pub fn export(
        &self,
        kind: &ExportKind,
        format: ExportFormat,
        lang: Lang,
        today: NaiveDate,
    ) -> Result<Exported> {
        // A spreadsheet names people; the JSON records keep their ids.
        let members = self.team_members()?;
        let person =
            |id: &str| Cell::text(members.iter().find(|m| m.id == id).map_or(id, |m| m.name.as_str()));
        let (sheet, records): (Sheet, Vec<u8>) = match kind {
            ExportKind::Accounts => {
                let mut accounts: Vec<Account> = self.store().all_records(Collection::Accounts)?;
                accounts
                    .sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.id.cmp(&b.id)));
                (accounts_sheet(&accounts, lang, &person), json(&accounts))
            }
            ExportKind::Contacts => {
                let accounts = self.accounts_by_id()?;
                let mut contacts: Vec<Contact> = self.store().all_records(Collection::Contacts)?;
                contacts.sort_by(|a, b| {
                    let name = |c: &Contact| accounts.get(&c.account_id).map(|a| a.name.to_lowercase());
                    name(a).cmp(&name(b)).then(a.name.cmp(&b.name))
                });
                (contacts_sheet(&contacts, &accounts), json(&contacts))
            }
            ExportKind::Visits => {
                let accounts = self.accounts_by_id()?;
                let mut visits: Vec<VisitReport> = self.store().all_records(Collection::Visits)?;
                visits.sort_by(|a, b| a.started_at.cmp(&b.started_at).then(a.id.cmp(&b.id)));
                (visits_sheet(&visits, &accounts, lang, &person), json(&visits))
            }
            ExportKind::FollowUps => {
                let accounts = self.accounts_by_id()?;
                let mut follow_ups: Vec<FollowUp> = self.store().all_records(Collection::FollowUps)?;
                follow_ups.sort_by(|a, b| a.due_on.cmp(&b.due_on).then(a.id.cmp(&b.id)));
                let rows = follow_ups
                    .iter()
                    .map(|f| {
                        vec![
                            Cell::text(&f.id),
                            account_name(&accounts, &f.account_id),
                            Cell::text(&f.action),
                            Cell::Day(f.due_on),
                            person(&f.owner),
                            f.done_at.map_or(Cell::Empty, |at| Cell::LocalTime(at, 0)),
                        ]
                    })
                    .collect();
                let headings =
                    [Field::Id, Field::Name, Field::Action, Field::DueOn, Field::Owner, Field::DoneAt];
                (Sheet { headings: headings.map(Into::into).to_vec(), rows }, json(&follow_ups))
            }
            ExportKind::Opportunities => {
                let accounts = self.accounts_by_id()?;
                let mut deals: Vec<Opportunity> = self.store().all_records(Collection::Opportunities)?;
                deals.sort_by(|a, b| a.expected_close.cmp(&b.expected_close).then(a.id.cmp(&b.id)));
                let rows = deals
                    .iter()
                    .map(|o| {
                        vec![
                            Cell::text(&o.id),
                            account_name(&accounts, &o.account_id),
                            Cell::text(&o.title),
                            Cell::label(Some(o.stage), lang),
                            Cell::Cents(o.amount_cents),
                            Cell::Int(o.probability.into()),
                            Cell::Day(o.expected_close),
                            person(&o.owner),
                        ]
                    })
                    .collect();
                let headings = vec![
                    Field::Id.into(),
                    Field::Name.into(),
                    Field::Title.into(),
                    Column::Stage.into(),
                    Field::AmountCents.into(),
                    Field::Probability.into(),
                    Field::ExpectedClose.into(),
                    Field::Owner.into(),
                ];
                (Sheet { headings, rows }, json(&deals))
            }
            ExportKind::Leads { event } => {
                let leads = self.event_leads(event)?;
                let rows = leads
                    .iter()
                    .map(|l| {
                        vec![
                            Cell::text(&l.event),
                            Cell::text(&l.name),
                            Cell::opt_text(l.company.as_deref()),
                            Cell::opt_text(l.email.as_deref()),
                            Cell::opt_text(l.phone.as_deref()),
                            Cell::label(l.interest, lang),
                            Cell::LocalTime(l.captured_at, 0),
                            Cell::text(&l.captured_by),
                            Cell::label(Some(l.status), lang),
                            Cell::text(&l.notes),
                        ]
                    })
                    .collect();
                let headings = vec![
                    Field::Event.into(),
                    Field::Name.into(),
                    Field::Company.into(),
                    Field::Email.into(),
                    Field::Phone.into(),
                    Column::Interest.into(),
                    Field::CapturedAt.into(),
                    Field::CapturedBy.into(),
                    Field::Status.into(),
                    Field::Notes.into(),
                ];
                (Sheet { headings, rows }, json(&leads))
            }
            ExportKind::Dashboard { scope, day } => {
                let dashboard = self.weekly_dashboard(scope, *day, today)?;
                let figure = |unit: Unit, v: Option<f64>| match (unit, v) {
                    (_, None) => Cell::Empty,
                    (Unit::Cents, Some(v)) => Cell::Cents(v.round() as i64),
                    (_, Some(v)) => Cell::Decimal(v),
                };
                let rows = dashboard
                    .indicators
                    .iter()
                    .map(|i| {
                        let target_unit = if i.unit == Unit::Cents { Unit::Cents } else { Unit::Count };
                        vec![
                            Cell::Label(label(i.key, lang)),
                            figure(i.unit, i.value),
                            figure(i.unit, i.previous),
                            i.objective.map_or(Cell::Empty, |o| figure(target_unit, Some(o.target as f64))),
                            i.objective.and_then(|o| o.percent).map_or(Cell::Empty, Cell::Decimal),
                        ]
                    })
                    .collect();
                let headings = vec![
                    Column::Indicator.into(),
                    Column::ThisWeek.into(),
                    Column::PreviousWeek.into(),
                    Column::ObjectiveTarget.into(),
                    Column::ObjectiveProgress.into(),
                ];
                (Sheet { headings, rows }, json(&dashboard))
            }
        };
        let rows = u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX);
        let bytes = match format {
            ExportFormat::Csv => sheet.to_csv(lang),
            ExportFormat::Json => records,
        };
        Ok(Exported { bytes, rows })
    }

    /// Every account on the device by id, merged ones included (their records still name them).
    fn accounts_by_id(&self) -> Result<HashMap<String, Account>> {
        let mut all: Vec<Account> = self.store().all_records(Collection::Accounts)?;
        let merged = self.store().merged_accounts()?;
        all.extend(merged);
        Ok(all.into_iter().map(|a| (a.id.clone(), a)).collect())
    }
}

fn account_name(accounts: &HashMap<String, Account>, id: &str) -> Cell {
    Cell::text(accounts.get(id).map_or(id, |a| a.name.as_str()))
}

/// An account's reference as the import reads it back: its external reference, else its id.
fn reference(account: &Account) -> Cell {
    Cell::text(account.external_ref.as_deref().unwrap_or(&account.id))
}

fn accounts_sheet(accounts: &[Account], lang: Lang, person: &dyn Fn(&str) -> Cell) -> Sheet {
    let headings = crate::dataio::accounts::ACCOUNT_FIELDS
        .iter()
        .copied()
        .filter(|f| {
            !matches!(f, Field::ContactName | Field::ContactRole | Field::ContactPhone | Field::ContactEmail)
        })
        .map(Into::into)
        .collect();
    let rows = accounts
        .iter()
        .map(|a| {
            vec![
                reference(a),
                Cell::text(&a.name),
                Cell::label(Some(a.kind), lang),
                Cell::label(a.need_horizon, lang),
                person(&a.owner_rep),
                Cell::opt_text(a.territory.as_deref()),
                Cell::opt_text(a.segment.as_deref()),
                Cell::label(a.lead_source, lang),
                a.potential_cents.map_or(Cell::Empty, Cell::Cents),
                Cell::opt_text(a.registration_number.as_deref()),
                Cell::opt_text(a.address.as_deref()),
                Cell::opt_text(a.postcode.as_deref()),
                Cell::opt_text(a.city.as_deref()),
                Cell::opt_text(a.phone.as_deref()),
                Cell::opt_text(a.website.as_deref()),
                Cell::text(&a.notes),
                Cell::Day(a.created_at.date_naive()),
            ]
        })
        .collect();
    Sheet { headings, rows }
}

fn contacts_sheet(contacts: &[Contact], accounts: &HashMap<String, Account>) -> Sheet {
    let headings = [
        Field::ExternalRef,
        Field::Name,
        Field::ContactName,
        Field::ContactRole,
        Field::ContactPhone,
        Field::ContactEmail,
    ];
    let rows = contacts
        .iter()
        .map(|c| {
            let account = accounts.get(&c.account_id);
            vec![
                account.map_or_else(|| Cell::text(&c.account_id), reference),
                account_name(accounts, &c.account_id),
                Cell::text(&c.name),
                Cell::opt_text(c.role.as_deref()),
                Cell::opt_text(c.phone.as_deref()),
                Cell::opt_text(c.email.as_deref()),
            ]
        })
        .collect();
    Sheet { headings: headings.map(Into::into).to_vec(), rows }
}

fn visits_sheet(
    visits: &[VisitReport],
    accounts: &HashMap<String, Account>,
    lang: Lang,
    person: &dyn Fn(&str) -> Cell,
) -> Sheet {
    let headings = vec![
        Field::Id.into(),
        Field::Name.into(),
        Field::Rep.into(),
        Field::StartedAt.into(),
        Field::DurationMinutes.into(),
        Column::Channel.into(),
        Field::Status.into(),
        Field::Objective.into(),
        Column::Outcome.into(),
        Column::Interest.into(),
        Field::Products.into(),
        Field::OrderAmountCents.into(),
        Field::OrderMarginCents.into(),
        Field::NextStep.into(),
        Field::Notes.into(),
    ];
    let rows = visits
        .iter()
        .map(|v| {
            vec![
                Cell::text(&v.id),
                account_name(accounts, &v.account_id),
                person(&v.rep),
                Cell::LocalTime(v.started_at, v.utc_offset_minutes),
                Cell::Int(v.duration_minutes.into()),
                Cell::label(Some(v.channel), lang),
                Cell::label(Some(v.status), lang),
                Cell::opt_text(v.objective.as_deref()),
                Cell::label(v.outcome, lang),
                Cell::label(v.interest, lang),
                Cell::text(v.products.join(", ")),
                Cell::Cents(v.order_amount_cents),
                Cell::Cents(v.order_margin_cents),
                Cell::opt_text(v.next_step.as_deref()),
                Cell::text(&v.notes),
            ]
        })
        .collect();
    Sheet { headings, rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::tests::{know_team, session};
    use crate::app::ImportOptions;

    const FRENCH: &[u8] = include_bytes!("../../../tests/vectors/import/clients-fr-windows1252.csv");

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 18).unwrap()
    }

    #[test]
    fn an_export_of_accounts_and_contacts_reads_back_through_the_import() {
        let (_dir, session, _) = session();
        session.import_accounts(FRENCH, &ImportOptions::default(), Lang::Fr).unwrap();
        let typed =
            session.save_account(&session.new_account("Épicerie Fine", AccountKind::Prospect)).unwrap();
        let accounts = session.export(&ExportKind::Accounts, ExportFormat::Csv, Lang::Fr, today()).unwrap();
        assert_eq!(accounts.rows, 5);
        let text = String::from_utf8(accounts.bytes.clone()).unwrap();
        assert!(text.starts_with("\u{feff}Référence externe;Nom;Type de compte;"), "{text}");
        assert!(text.contains("C0001;Boulangerie Pâtissière Lefèvre;client;;rep1;"), "{text}");
        assert!(text.contains(";12500,50;"), "{text}");
        assert!(text.contains(&format!("{};Épicerie Fine;prospect;", typed.id)), "{text}");
        let contacts = session.export(&ExportKind::Contacts, ExportFormat::Csv, Lang::Fr, today()).unwrap();
        assert_eq!(contacts.rows, 4);

        // Read back on this device, nothing is new; on another, everything is.
        let again = session.import_accounts(&accounts.bytes, &ImportOptions::default(), Lang::Fr).unwrap();
        assert_eq!((again.created.len(), again.existing.len(), again.refused.len()), (0, 5, 0));
        let (_other_dir, other, _) = crate::app::tests::session();
        let copied = other.import_accounts(&accounts.bytes, &ImportOptions::default(), Lang::Fr).unwrap();
        assert_eq!((copied.created.len(), copied.refused.len()), (5, 0));
        let with_contacts =
            other.import_accounts(&contacts.bytes, &ImportOptions::default(), Lang::Fr).unwrap();
        assert_eq!((with_contacts.created.len(), with_contacts.new_contacts()), (0, 4));
        let original: Vec<Account> = session.store().all_records(Collection::Accounts).unwrap();
        let copy: Vec<Account> = other.store().all_records(Collection::Accounts).unwrap();
        for a in &original {
            let reference = a.external_ref.clone().unwrap_or_else(|| a.id.clone());
            let b = copy.iter().find(|b| b.external_ref.as_deref() == Some(&reference)).unwrap();
            assert_eq!(
                (
                    &a.name,
                    a.kind,
                    a.potential_cents,
                    &a.notes,
                    &a.registration_number,
                    a.created_at.date_naive()
                ),
                (
                    &b.name,
                    b.kind,
                    b.potential_cents,
                    &b.notes,
                    &b.registration_number,
                    b.created_at.date_naive()
                )
            );
        }

        let english = session.export(&ExportKind::Accounts, ExportFormat::Csv, Lang::En, today()).unwrap();
        let text = String::from_utf8(english.bytes).unwrap();
        assert!(text.starts_with("\u{feff}External reference,Name,Kind,"), "{text}");
        assert!(text.contains(",12500.50,"), "{text}");
        let json = session.export(&ExportKind::Accounts, ExportFormat::Json, Lang::En, today()).unwrap();
        let parsed: Vec<Account> = serde_json::from_slice(&json.bytes).unwrap();
        assert_eq!(parsed.len(), 5);
    }

    #[test]
    fn a_spreadsheet_names_the_owners_and_reads_back_to_their_ids() {
        let team = [("rep1", "Alice Martin"), ("rep2", "Éric Lefèvre")];
        let (_dir, session, _) = crate::app::tests::session();
        know_team(&session, &team);
        session.import_accounts(FRENCH, &ImportOptions::default(), Lang::Fr).unwrap();
        let csv = session.export(&ExportKind::Accounts, ExportFormat::Csv, Lang::Fr, today()).unwrap();
        let text = String::from_utf8(csv.bytes.clone()).unwrap();
        assert!(text.contains(";Garage Peugeot Voiron;prescripteur;;Éric Lefèvre;"), "{text}");
        let json = session.export(&ExportKind::Accounts, ExportFormat::Json, Lang::Fr, today()).unwrap();
        let records: Vec<Account> = serde_json::from_slice(&json.bytes).unwrap();
        assert!(records.iter().any(|a| a.owner_rep == "rep2"), "the records keep the ids");

        let (_other_dir, other, _) = crate::app::tests::session();
        know_team(&other, &team);
        other.import_accounts(&csv.bytes, &ImportOptions::default(), Lang::Fr).unwrap();
        let mut owners: Vec<String> = other
            .store()
            .all_records::<Account>(Collection::Accounts)
            .unwrap()
            .into_iter()
            .map(|a| a.owner_rep)
            .collect();
        owners.sort();
        assert_eq!(owners, ["rep1", "rep1", "rep1", "rep2"]);
    }

    #[test]
    fn visits_follow_ups_and_the_dashboard_as_a_spreadsheet_reads_them() {
        let (_dir, session, _) = session();
        let account =
            session.save_account(&session.new_account("Boulangerie Martin", AccountKind::Client)).unwrap();
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-17T09:30:00Z").unwrap().to_utc();
        let mut visit = session.new_visit(&account.id, Channel::OnSite, at, 60);
        visit.order_amount_cents = 125_050;
        visit.order_margin_cents = 30_000;
        visit.outcome = Some(Outcome::OrderTaken);
        visit.next_step = Some("Rappeler".into());
        session.log_visit(&visit, Some(today())).unwrap();
        let visits = session.export(&ExportKind::Visits, ExportFormat::Csv, Lang::Fr, today()).unwrap();
        let text = String::from_utf8(visits.bytes).unwrap();
        assert!(text.contains(";Boulangerie Martin;rep1;2026-03-17 10:30;30;Visite terrain;faite;;commande prise;;;1250,50;300,00;Rappeler;"), "{text}");
        let follow_ups =
            session.export(&ExportKind::FollowUps, ExportFormat::Csv, Lang::En, today()).unwrap();
        let text = String::from_utf8(follow_ups.bytes).unwrap();
        assert!(text.contains(",Boulangerie Martin,Rappeler,2026-03-18,rep1,"), "{text}");

        let scope = Scope::Rep("rep1".into());
        let kind = ExportKind::Dashboard { scope, day: today() };
        let dashboard = session.export(&kind, ExportFormat::Csv, Lang::Fr, today()).unwrap();
        let text = String::from_utf8(dashboard.bytes).unwrap();
        assert!(
            text.starts_with(
                "\u{feff}Indicateur;Cette semaine;Semaine précédente;Objectif;Objectif atteint (%)\n"
            ),
            "{text}"
        );
        assert!(text.contains("\nVisites terrain;1;0;;\n"), "{text}");
        assert!(text.contains("\nChiffre d'affaires (prises de commande);1250,50;0,00;;\n"), "{text}");
        let json = session.export(&kind, ExportFormat::Json, Lang::Fr, today()).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&json.bytes).unwrap();
        assert_eq!(value["week"]["start"], "2026-03-16");
    }
}
