//! `tournee demo`: a team's week, played for real against a sync server embedded in this process.
//!
//! A manager and three reps enroll on their own stores (temporary directories), share a portfolio
//! on Monday morning, then work offline all week: visits and orders, next steps, the same account
//! edited by two reps (the same field differently: a conflict; the notes: merged), the same company
//! created twice, trade-show leads, a visit deleted on one device while edited on another. Then
//! everyone syncs in an order shuffled by the seed, the devices are checked to agree, and the
//! manager's weekly dashboard and the conflicts are printed.
//!
//! Every date is fixed (the week of Monday 16 March 2026, seen on Friday the 20th, in Paris at
//! UTC+1), so the figures are the same on every run; ids are random, and automerge picks the winner
//! of a conflict by its random actors, which changes no figure.

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use serde_json::json;
use tournee_core::app::{DeviceHome, Session};
use tournee_core::doc::{Collection, Conflict};
use tournee_core::i18n::{format_date, format_decimal, format_money, Lang};
use tournee_core::insights::{Period, Scope};
use tournee_core::model::*;
use tournee_core::store::Store;
use tournee_core::sync::api::Role;
use tournee_core::sync::AdminClient;
use tournee_sync_server::{Config, Limits, Server};

use crate::device::runtime;
use crate::error::{CliError, Result};
use crate::render::{self, Out};
use crate::words::{msg, say};

/// The day the dashboard is looked at: Friday 20 March 2026.
fn today() -> NaiveDate {
    march(20)
}

/// Paris in March before the 29th: UTC+1.
const PARIS_MINUTES: i32 = 60;
const EVENT: &str = "Salon Habitat Nantes";
const TEAM: &str = "Équipe Ouest";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a fixed calendar day")
}

fn march(d: u32) -> NaiveDate {
    date(2026, 3, d)
}

/// A Paris local time as its UTC instant.
fn paris(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    let local = day.and_hms_opt(hour, minute, 0).expect("a fixed time of day");
    Utc.from_utc_datetime(&local) - chrono::Duration::minutes(PARIS_MINUTES.into())
}

/// One enrolled person with a device of their own.
struct Person {
    name: &'static str,
    user: String,
    session: Session,
}

impl Person {
    fn store(&self) -> &Store {
        self.session.store()
    }
}

/// What the script logged, to set beside what the dashboard finds after the syncs.
#[derive(Default, serde::Serialize)]
struct Played {
    /// Done contacts logged in the week, every channel.
    contacts: u32,
    /// Of those, on site: the dashboard's "visits".
    on_site_visits: u32,
    orders: u32,
    revenue_cents: i64,
    margin_cents: i64,
    follow_ups_created: u32,
    leads_captured: u32,
    lead_duplicate_warnings: u32,
    accounts_created: u32,
}

/// A visit to log: who, where, when, how, and what came of it.
struct Visit<'a> {
    account: &'a str,
    day: NaiveDate,
    hour: u32,
    channel: Channel,
    minutes: u32,
    notes: &'a str,
    outcome: Outcome,
    order_cents: i64,
    margin_cents: i64,
    next: Option<(&'a str, NaiveDate)>,
}

impl<'a> Visit<'a> {
    /// A 45-minute visit on site with some progress; the fields to change are set beside it.
    fn on_site(account: &'a str, day: NaiveDate, hour: u32, notes: &'a str) -> Self {
        Visit {
            account,
            day,
            hour,
            channel: Channel::OnSite,
            minutes: 45,
            notes,
            outcome: Outcome::Progress,
            order_cents: 0,
            margin_cents: 0,
            next: None,
        }
    }
}

/// Plays the team's work through the core, and counts what it logged in the week.
struct Script {
    week: Period,
    played: Played,
}

impl Script {
    fn account(
        &mut self,
        by: &Person,
        name: &str,
        kind: AccountKind,
        (postcode, city): (&str, &str),
        created: NaiveDate,
        edit: impl FnOnce(&mut Account),
    ) -> Result<Account> {
        let mut account = Account::new(name, kind, &by.user);
        account.postcode = Some(postcode.into());
        account.city = Some(city.into());
        account.created_at = paris(created, 9, 0);
        if kind == AccountKind::Client {
            account.became_client_on = Some(date(2019, 5, 1));
        }
        edit(&mut account);
        if self.week.contains(created) {
            self.played.accounts_created += 1;
        }
        Ok(by.session.save_account(&account)?)
    }

    fn visit(&mut self, by: &Person, v: Visit<'_>) -> Result<(VisitReport, Option<FollowUp>)> {
        let mut visit = VisitReport::new(v.account, &by.user, v.channel, paris(v.day, v.hour, 0));
        visit.utc_offset_minutes = PARIS_MINUTES;
        visit.duration_minutes = v.minutes;
        visit.notes = v.notes.into();
        visit.outcome = Some(v.outcome);
        visit.order_amount_cents = v.order_cents;
        visit.order_margin_cents = v.margin_cents;
        visit.next_step = v.next.map(|(step, _)| step.to_owned());
        let logged = by.session.log_visit(&visit, v.next.map(|(_, due)| due))?;
        let (visit, follow_up) = (logged.visit, logged.follow_up);
        if self.week.contains(visit.local_day()) {
            self.count(&visit);
            self.played.follow_ups_created += u32::from(follow_up.is_some());
        }
        Ok((visit, follow_up))
    }

    /// Adds a visit of the week to what was played.
    fn count(&mut self, visit: &VisitReport) {
        let played = &mut self.played;
        played.contacts += 1;
        played.on_site_visits += u32::from(visit.channel == Channel::OnSite);
        played.orders += u32::from(visit.order_amount_cents > 0);
        played.revenue_cents += visit.order_amount_cents;
        played.margin_cents += visit.order_margin_cents;
    }

    fn lead(
        &mut self,
        by: &Person,
        name: &str,
        company: &str,
        email: &str,
        hour: u32,
        minute: u32,
    ) -> Result<Lead> {
        let mut lead = Lead::new(EVENT, name, &by.user);
        lead.company = Some(company.into());
        lead.email = Some(email.into());
        lead.interest = Some(InterestLevel::Medium);
        lead.captured_at = paris(march(19), hour, minute);
        let captured = by.session.capture_lead(&lead)?;
        self.played.leads_captured += 1;
        self.played.lead_duplicate_warnings += u32::from(!captured.similar_accounts.is_empty());
        Ok(captured.lead)
    }
}

pub fn run(lang: Lang, seed: u64) -> Result<Out> {
    let started = Instant::now();
    let dir = tempfile::tempdir().map_err(|e| CliError::io(&std::env::temp_dir(), e))?;
    let mut out = runtime()?.block_on(serve_and_play(lang, seed, dir.path()))?;
    let elapsed = started.elapsed();
    out.json["elapsed_ms"] = json!(elapsed.as_millis() as u64);
    out.text.push_str(&format!(
        "\n\n{}",
        say!(lang, msg::DEMO_ELAPSED, seconds = format_decimal(elapsed.as_secs_f64(), 2, lang))
    ));
    Ok(out)
}

/// Starts the embedded server on a free port of 127.0.0.1, plays, and stops the server.
async fn serve_and_play(lang: Lang, seed: u64, dir: &Path) -> Result<Out> {
    let server_error = |e: tournee_sync_server::ServerError| CliError::Server(e.to_string());
    let config = Config {
        listen: ([127, 0, 0, 1], 0).into(),
        data_dir: dir.join("server"),
        database: None,
        limits: Limits::default(),
        tls: None,
    };
    let mut server = Server::bind(config).await.map_err(server_error)?;
    let url = format!("http://{}", server.local_addr().map_err(server_error)?);
    let token = server.bootstrap_admin_token().ok_or_else(|| CliError::Server("no admin token".into()))?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(server.run(async {
        let _ = stopped.await;
    }));
    let outcome = play(lang, seed, dir, &url, &token).await;
    let _ = stop.send(());
    match serving.await {
        Ok(Err(e)) if outcome.is_ok() => return Err(server_error(e)),
        _ => {}
    }
    outcome
}

async fn enroll_person(
    admin: &AdminClient,
    url: &str,
    team_id: &str,
    dir: &Path,
    name: &'static str,
    role: Role,
) -> Result<Person> {
    let user = admin.create_user(name, role, Some(team_id)).await?;
    let code = admin.enrollment_code(&user.id).await?;
    let slug: String = name.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_lowercase();
    let session = DeviceHome::new(dir.join(slug)).enroll(url, &code.code, name, None).await?;
    Ok(Person { name, user: user.id, session })
}

/// The four people of the demo, each on a device of their own.
struct Team {
    claire: Person,
    julie: Person,
    marc: Person,
    sofia: Person,
}

impl Team {
    fn everyone(&self) -> [&Person; 4] {
        [&self.claire, &self.julie, &self.marc, &self.sofia]
    }

    /// The name of a user id.
    fn who(&self, id: &str) -> String {
        self.everyone().iter().find(|p| p.user == id).map_or_else(|| id.to_owned(), |p| p.name.to_owned())
    }
}

/// What the week's work builds on.
struct Portfolio {
    boulangerie: Account,
    pharmacie: Account,
    hotel: Account,
    fromagerie: Account,
    /// A visit Julie entered twice last week.
    doubled: VisitReport,
    /// Due on Tuesday, done on Monday.
    easter: FollowUp,
}

const GARAGE: &str = "Garage Dupont";

async fn play(lang: Lang, seed: u64, dir: &Path, url: &str, token: &str) -> Result<Out> {
    let admin = AdminClient::new(url, token, None)?;
    let team_id = admin.create_team(TEAM).await?.id;
    let team = Team {
        claire: enroll_person(&admin, url, &team_id, dir, "Claire Morel", Role::Manager).await?,
        julie: enroll_person(&admin, url, &team_id, dir, "Julie Bernard", Role::Rep).await?,
        marc: enroll_person(&admin, url, &team_id, dir, "Marc Petit", Role::Rep).await?,
        sofia: enroll_person(&admin, url, &team_id, dir, "Sofia Haddad", Role::Rep).await?,
    };
    let mut script = Script { week: Period::week_of(today()), played: Played::default() };
    let portfolio = script.before_the_week(&team)?;
    // Monday morning at the office, everyone syncs twice: all devices start the week alike.
    for p in team.everyone().iter().chain(&team.everyone()) {
        p.session.sync().await?;
    }
    script.the_week(&team, &portfolio)?;
    let syncs = sync_shuffled(lang, seed, &team).await?;
    let conflicts = converged(&team)?;
    report(lang, seed, &team, &portfolio, &script, syncs, &conflicts)
}

impl Script {
    /// The portfolio, the last visits before the week, the month's objectives.
    fn before_the_week(&mut self, team: &Team) -> Result<Portfolio> {
        let Team { claire, julie, marc, sofia } = team;
        let monthly = |family: &str, months: &[(i32, u32)], cents: i64| -> Vec<RevenueFigure> {
            months
                .iter()
                .map(|&(y, m)| RevenueFigure {
                    month: date(y, m, 1),
                    product_family: family.into(),
                    amount_cents: cents,
                })
                .collect()
        };
        let last_year: Vec<(i32, u32)> = (3..=12).map(|m| (2025, m)).chain([(2026, 1), (2026, 2)]).collect();
        let client = AccountKind::Client;
        let boulangerie =
            self.account(julie, "Boulangerie Martin", client, ("44000", "Nantes"), date(2019, 4, 2), |a| {
                a.phone = Some("02 40 11 22 33".into());
                a.notes = "Cliente depuis 2019.".into();
                a.revenue = monthly("farines", &last_year, 300_000);
            })?;
        let cave =
            self.account(julie, "Cave Lebrun", client, ("49000", "Angers"), date(2021, 9, 6), |a| {
                a.revenue = monthly("vins", &[(2025, 5)], 2_000_000);
            })?;
        let pharmacie = self.account(
            marc,
            "Pharmacie du Port",
            client,
            ("44600", "Saint-Nazaire"),
            date(2022, 1, 10),
            |a| {
                a.revenue = monthly("parapharmacie", &[(2025, 10)], 800_000);
            },
        )?;
        let fromagerie =
            self.account(sofia, "Fromagerie Blanc", client, ("35000", "Rennes"), date(2020, 3, 3), |a| {
                a.open_dispute = true;
                a.revenue = monthly("emballages", &[(2025, 12)], 300_000);
            })?;
        let prospect = AccountKind::Prospect;
        let menuiserie =
            self.account(marc, "Menuiserie Roux", prospect, ("49300", "Cholet"), date(2026, 1, 12), |a| {
                a.need_horizon = Some(NeedHorizon::MediumLongTerm);
                a.potential_cents = Some(1_500_000);
            })?;
        let hotel = self.account(
            sofia,
            "Hôtel des Dunes",
            prospect,
            ("44500", "La Baule"),
            date(2026, 2, 2),
            |a| {
                a.need_horizon = Some(NeedHorizon::ShortTerm);
                a.potential_cents = Some(2_500_000);
            },
        )?;
        let mut anne = Contact::new(&boulangerie.id, "Anne Martin");
        anne.role = Some("Gérante".into());
        anne.email = Some("anne@boulangerie-martin.fr".into());
        julie.session.save_contact(&anne)?;

        self.visit(
            julie,
            Visit { minutes: 60, ..Visit::on_site(&cave.id, date(2025, 11, 4), 10, "Bilan annuel.") },
        )?;
        let first_call = Visit::on_site(&menuiserie.id, date(2026, 1, 20), 11, "Premier appel.");
        self.visit(marc, Visit { channel: Channel::Phone, minutes: 15, ..first_call })?;
        let (_, easter) = self.visit(
            julie,
            Visit {
                outcome: Outcome::OrderTaken,
                order_cents: 90_000,
                margin_cents: 30_000,
                next: Some(("Rappeler pour la commande de Pâques", march(17))),
                ..Visit::on_site(&boulangerie.id, march(10), 9, "Réassort farines.")
            },
        )?;
        let (doubled, _) = self.visit(
            julie,
            Visit::on_site(&boulangerie.id, march(13), 16, "Dégustation de la nouvelle gamme."),
        )?;
        self.visit(
            marc,
            Visit {
                next: Some(("Envoyer le devis présentoirs", march(16))),
                ..Visit::on_site(&pharmacie.id, march(11), 14, "Présentoirs de comptoir.")
            },
        )?;
        let needs = Visit::on_site(&hotel.id, march(12), 11, "Besoin : petits-déjeuners.");
        self.visit(sofia, Visit { channel: Channel::Video, minutes: 30, ..needs })?;
        for (metric, target) in [(Metric::Visits, 62), (Metric::Revenue, 3_100_000)] {
            let objective = Objective {
                id: new_id(),
                rep: None,
                period_start: march(1),
                period_end: march(31),
                metric,
                target,
                note: None,
            };
            claire.session.save_objective(&objective)?;
        }
        let easter = easter.expect("the visit has a next step");
        Ok(Portfolio { boulangerie, pharmacie, hotel, fromagerie, doubled, easter })
    }

    /// Monday to Friday, every device offline.
    fn the_week(&mut self, team: &Team, p: &Portfolio) -> Result<()> {
        let Team { claire, julie, marc, sofia } = team;
        // Monday.
        let mut easter = p.easter.clone();
        easter.done = true;
        easter.done_at = Some(paris(march(16), 9, 45));
        julie.session.save_follow_up(&easter)?;
        self.visit(
            julie,
            Visit {
                outcome: Outcome::OrderTaken,
                order_cents: 125_000,
                margin_cents: 42_000,
                next: Some(("Livrer et présenter la gamme bio", march(23))),
                ..Visit::on_site(&p.boulangerie.id, march(16), 9, "Commande de Pâques validée.")
            },
        )?;
        self.visit(
            marc,
            Visit {
                outcome: Outcome::OrderTaken,
                order_cents: 64_000,
                margin_cents: 21_000,
                minutes: 30,
                ..Visit::on_site(&p.pharmacie.id, march(16), 11, "Commande de présentoirs.")
            },
        )?;
        self.visit(
            sofia,
            Visit {
                minutes: 50,
                next: Some(("Envoyer le devis petits-déjeuners", march(19))),
                ..Visit::on_site(&p.hotel.id, march(16), 15, "Visite des cuisines, budget validé.")
            },
        )?;

        // Tuesday: Julie deletes the visit she had entered twice, while Claire, at the office,
        // comments it; Marc opens a garage the team never saw.
        julie.session.delete(Collection::Visits, &p.doubled.id)?;
        let mut coached = p.doubled.clone();
        coached.notes.push_str("\nClaire : bien, penser à proposer la gamme bio.");
        claire.session.save_visit(&coached)?;
        let call = Visit::on_site(&p.boulangerie.id, march(17), 14, "Date de livraison confirmée.");
        self.visit(julie, Visit { channel: Channel::Phone, minutes: 10, ..call })?;
        let garage =
            self.account(marc, GARAGE, AccountKind::Prospect, ("44100", "Nantes"), march(17), |a| {
                a.need_horizon = Some(NeedHorizon::ShortTerm);
            })?;
        self.visit(
            marc,
            Visit {
                minutes: 40,
                next: Some(("Envoyer une offre flotte", march(24))),
                ..Visit::on_site(&garage.id, march(17), 10, "Flotte de 12 utilitaires.")
            },
        )?;

        // Wednesday: Julie and Marc both update the bakery; Sofia opens the same garage again.
        for (rep, phone, note) in
            [(julie, "02 40 11 22 44", "Aime le bio."), (marc, "02 40 11 22 55", "Paie à 30 jours.")]
        {
            let mut account = rep.store().account(&p.boulangerie.id)?;
            account.phone = Some(phone.into());
            account.notes.push_str(&format!("\n{note}"));
            rep.session.save_account(&account)?;
        }
        let covering =
            Visit::on_site(&p.boulangerie.id, march(18), 8, "Remplace Julie : livraison vérifiée.");
        self.visit(marc, Visit { minutes: 20, ..covering })?;
        let again = self.account(
            sofia,
            "GARAGE DUPONT SARL",
            AccountKind::Prospect,
            ("44100", "Nantes"),
            march(18),
            |_| {},
        )?;
        self.visit(
            sofia,
            Visit {
                outcome: Outcome::OrderTaken,
                order_cents: 38_000,
                margin_cents: 9_500,
                minutes: 30,
                ..Visit::on_site(&again.id, march(18), 16, "Commande de tapis de sol.")
            },
        )?;

        // Thursday: the trade show. One lead is already a client; one is qualified, one discarded.
        let mut leads = Vec::new();
        for (by, name, company, email, hour, minute) in [
            (sofia, "Hugo Lefèvre", "Maison Lefèvre", "hugo@maison-lefevre.fr", 10, 5),
            (sofia, "Inès Garnier", "Pharmacie du Port", "ines@pharmacieduport.fr", 10, 40),
            (sofia, "Lucas Perrin", "Étudiant", "lucas.perrin@exemple.fr", 11, 15),
            (julie, "Nadia Colin", "Crêperie Colin", "nadia@creperie-colin.fr", 14, 0),
            (julie, "Olivier Masson", "Boulangerie Masson", "olivier@boulangerie-masson.fr", 15, 30),
        ] {
            leads.push(self.lead(by, name, company, email, hour, minute)?);
        }
        let qualified = sofia.session.qualify_lead(&leads[0].id, None, Some(NeedHorizon::ShortTerm))?;
        // The account is dated in the demo's week, like everything the demo plays.
        let maison = Account { created_at: paris(march(19), 18, 0), ..qualified.account };
        sofia.session.save_account(&maison)?;
        self.played.accounts_created += 1;
        sofia.session.discard_lead(&leads[2].id)?;

        // Friday: the upset cheese shop.
        let dispute = "Litige sur la livraison de février, toujours ouvert.";
        let visit = Visit::on_site(&p.fromagerie.id, march(20), 10, dispute);
        self.visit(sofia, Visit { minutes: 30, outcome: Outcome::NoProgress, ..visit })?;
        Ok(())
    }
}

/// Everyone syncs twice, in an order shuffled by `seed`, then once more each: the lines to show
/// and the reports.
async fn sync_shuffled(lang: Lang, seed: u64, team: &Team) -> Result<(String, Vec<serde_json::Value>)> {
    let everyone = team.everyone();
    let mut order: Vec<&Person> = everyone.iter().flat_map(|p| [*p, *p]).collect();
    order.shuffle(&mut rand::rngs::StdRng::seed_from_u64(seed));
    let mut text = say!(lang, msg::DEMO_SYNCS, seed = seed.to_string());
    let mut reports = Vec::new();
    for (n, p) in order.iter().chain(everyone.iter()).enumerate() {
        let r = p.session.sync().await?;
        let line = say!(
            lang,
            msg::DEMO_SYNC_LINE,
            number = n + 1,
            device = p.name,
            sent = r.sent,
            received = r.received,
            conflicts = r.conflicts
        );
        text.push_str(&format!("\n  {line}"));
        reports.push(
            json!({ "device": p.name, "sent": r.sent, "received": r.received, "conflicts": r.conflicts }),
        );
    }
    Ok((text, reports))
}

/// The conflicts, once every device is checked to show the same accounts and conflicts.
fn converged(team: &Team) -> Result<Vec<Conflict>> {
    let manager = team.claire.store();
    let conflicts = manager.conflicts()?;
    let accounts = manager.search_accounts("", 1_000)?;
    for p in &team.everyone()[1..] {
        if p.store().conflicts()? != conflicts {
            return Err(CliError::Diverged(format!("{} lists other conflicts", p.name)));
        }
        for a in &accounts {
            if p.store().account_detail(&a.id)? != manager.account_detail(&a.id)? {
                return Err(CliError::Diverged(format!("{} sees {} differently", p.name, a.name)));
            }
        }
    }
    Ok(conflicts)
}

/// What the manager sees after the syncs: the dashboard, the conflicts, the duplicates.
fn report(
    lang: Lang,
    seed: u64,
    team: &Team,
    portfolio: &Portfolio,
    script: &Script,
    (sync_text, syncs): (String, Vec<serde_json::Value>),
    conflicts: &[Conflict],
) -> Result<Out> {
    let Team { claire, julie, marc, sofia } = team;
    let manager = claire.store();
    let week = script.week;
    let scope = Scope::Team;
    let dashboard = claire.session.weekly_dashboard(&scope, today(), today())?;
    let duplicates = manager.duplicate_candidates()?;
    let bakery = &portfolio.boulangerie.name;
    let merged_notes = manager.account(&portfolio.boulangerie.id)?.notes;
    let shown_conflicts = render::conflicts(lang, manager, conflicts);
    let who = |id: &str| team.who(id);

    let played = &script.played;
    let reps = [julie, marc, sofia].map(|p| p.name).join(", ");
    let (start, end, day) =
        (format_date(week.start, lang), format_date(week.end, lang), format_date(today(), lang));
    let revenue = format_money(played.revenue_cents, lang);
    let mut text =
        say!(lang, msg::DEMO_TITLE, start = start, end = end, today = day, seed = seed.to_string());
    for line in [
        say!(lang, msg::DEMO_TEAM, team = TEAM, manager = claire.name, reps = reps),
        say!(
            lang,
            msg::DEMO_PLAYED,
            contacts = played.contacts,
            on_site = played.on_site_visits,
            orders = played.orders,
            revenue = revenue,
            leads = played.leads_captured,
            event = EVENT,
            follow_ups = played.follow_ups_created
        ),
        say!(
            lang,
            msg::DEMO_OVERLAPS,
            first = julie.name,
            second = marc.name,
            account = bakery,
            third = sofia.name,
            lead_company = GARAGE,
            deleter = julie.name,
            editor = claire.name
        ),
        String::new(),
        sync_text,
        say!(lang, msg::DEMO_CONVERGED, devices = team.everyone().len(), conflicts = conflicts.len()),
        String::new(),
        render::dashboard(lang, &dashboard, &who),
        String::new(),
        shown_conflicts.text,
        say!(lang, msg::DEMO_MERGED_NOTES, account = bakery, notes = merged_notes.replace('\n', " / ")),
        String::new(),
        say!(lang, msg::DUPLICATES, count = duplicates.len()),
    ] {
        text.push_str(&format!("\n{}", line.trim_end()));
    }
    for d in &duplicates {
        let (first, second) = (&d.first, &d.second);
        let (a, b) = (who(&first.owner_rep), who(&second.owner_rep));
        text.push_str(&format!("\n  {} ({a}) = {} ({b})", first.name, second.name));
    }
    let users: HashMap<&str, &str> = team.everyone().iter().map(|p| (p.user.as_str(), p.name)).collect();
    let json = json!({
        "seed": seed,
        "week": week,
        "today": today(),
        "team": { "name": TEAM, "manager": claire.name, "reps": [julie.name, marc.name, sofia.name] },
        "users": users,
        "played": played,
        "syncs": syncs,
        "dashboard": dashboard,
        "conflicts": shown_conflicts.json,
        "duplicates": duplicates,
        "merged_notes": merged_notes,
    });
    Ok(Out { json, text })
}
