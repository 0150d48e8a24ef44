//! The generated dataset: a team of reps, each with a portfolio of accounts (contacts, a year of
//! visit reports, follow-ups, opportunities), and the team's objectives sheet. Everything comes from
//! one seed: each rep has its own ChaCha stream, so a rep's data does not depend on the sizes of
//! the others and any subset of reps can be rebuilt alone.
//!
//! Documents are built in memory with `Document::create`/`upsert`/`save` (one per account, as the
//! app makes them) and handed out as saved bytes, ready for `Store::apply_remote` or an upload.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tournee_core::doc::{DocKind, Document};
use tournee_core::model::*;

/// The sizes of one dataset.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub reps: usize,
    pub accounts_per_rep: usize,
    /// Visit reports per rep over the year (done, cancelled, and a few planned ahead).
    pub reports_per_rep: usize,
}

impl Sizes {
    pub fn reports(&self) -> usize {
        self.reps * self.reports_per_rep
    }
    pub fn accounts(&self) -> usize {
        self.reps * self.accounts_per_rep
    }
}

/// The day the dataset is seen from: a Wednesday, the last day of its year of reports.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 18).expect("a date")
}

/// One saved document.
pub struct GenDoc {
    pub id: String,
    pub kind: DocKind,
    pub bytes: Vec<u8>,
    /// Visit reports it holds.
    pub reports: usize,
}

/// The stable id of rep `index` (what records name as their rep or owner).
pub fn rep_id(seed: u64, index: usize) -> String {
    hex_id(&mut ChaCha8Rng::seed_from_u64(seed ^ 0x5eed_0000 ^ index as u64))
}

fn hex_id(rng: &mut impl Rng) -> String {
    format!("{:032x}", rng.random::<u128>())
}

const PREFIXES: &[&str] = &[
    "Boulangerie",
    "Garage",
    "Pharmacie",
    "Hôtel",
    "Restaurant",
    "Cave",
    "Fromagerie",
    "Boucherie",
    "Librairie",
    "Menuiserie",
    "Plomberie",
    "Imprimerie",
    "Quincaillerie",
    "Atelier",
    "Cabinet",
    "Clinique",
    "Épicerie",
    "Brasserie",
    "Transports",
    "Société",
    "Établissements",
    "Maison",
    "Charcuterie",
    "Pâtisserie",
    "Fleuriste",
    "Opticien",
    "Laboratoire",
    "Camping",
    "Domaine",
    "Coopérative",
];
const SURNAMES: &[&str] = &[
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Lefèvre",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Legrand",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guérin",
    "Muller",
    "Henry",
    "Roussel",
    "Nicolas",
    "Perrin",
    "Morin",
    "Mathieu",
    "Clément",
    "Gauthier",
    "Dumont",
    "Lopez",
    "Fontaine",
    "Chevalier",
    "Robin",
];
const SYLLABLES: &[&str] = &[
    "ber", "mont", "lac", "rou", "quin", "gau", "tier", "val", "cha", "bre", "lan", "dor", "mer", "vil",
    "cour", "bois", "fon", "sau", "ger", "lin", "mar", "pel", "ron", "tal",
];
const SUFFIXES: &[&str] = &["& Fils", "Frères", "SARL", "SAS", "et Cie", "Père et Fils"];
const FIRST_NAMES: &[&str] = &[
    "Anne", "Julie", "Marie", "Camille", "Sophie", "Claire", "Isabelle", "Nathalie", "Céline", "Léa",
    "Pierre", "Jean", "Nicolas", "Thomas", "Julien", "Laurent", "Philippe", "Olivier", "Éric", "Hugo",
];
const ROLES: &[&str] = &[
    "Gérant",
    "Gérante",
    "Responsable achats",
    "Directeur",
    "Chef de rayon",
    "Comptable",
    "Assistante",
    "Chef de cuisine",
    "Responsable technique",
];
/// (city, postcode) pairs; each rep works a few of them.
const CITIES: &[(&str, &str)] = &[
    ("Lyon", "69003"),
    ("Villeurbanne", "69100"),
    ("Vénissieux", "69200"),
    ("Bron", "69500"),
    ("Grenoble", "38000"),
    ("Échirolles", "38130"),
    ("Voiron", "38500"),
    ("Annecy", "74000"),
    ("Chambéry", "73000"),
    ("Valence", "26000"),
    ("Saint-Étienne", "42000"),
    ("Roanne", "42300"),
    ("Bourg-en-Bresse", "01000"),
    ("Mâcon", "71000"),
    ("Dijon", "21000"),
    ("Beaune", "21200"),
    ("Besançon", "25000"),
    ("Clermont-Ferrand", "63000"),
    ("Vichy", "03200"),
    ("Le Puy-en-Velay", "43000"),
    ("Marseille", "13001"),
    ("Aix-en-Provence", "13100"),
    ("Toulon", "83000"),
    ("Nice", "06000"),
    ("Avignon", "84000"),
    ("Nîmes", "30000"),
    ("Montpellier", "34000"),
    ("Béziers", "34500"),
    ("Perpignan", "66000"),
    ("Toulouse", "31000"),
    ("Albi", "81000"),
    ("Montauban", "82000"),
    ("Bordeaux", "33000"),
    ("Mérignac", "33700"),
    ("Pau", "64000"),
    ("Bayonne", "64100"),
    ("Nantes", "44000"),
    ("Saint-Nazaire", "44600"),
    ("Angers", "49000"),
    ("Rennes", "35000"),
    ("Brest", "29200"),
    ("Quimper", "29000"),
    ("Lorient", "56100"),
    ("Vannes", "56000"),
    ("Tours", "37000"),
    ("Orléans", "45000"),
    ("Poitiers", "86000"),
    ("Limoges", "87000"),
    ("Lille", "59000"),
    ("Roubaix", "59100"),
    ("Amiens", "80000"),
    ("Rouen", "76000"),
    ("Le Havre", "76600"),
    ("Caen", "14000"),
    ("Reims", "51100"),
    ("Metz", "57000"),
    ("Nancy", "54000"),
    ("Strasbourg", "67000"),
    ("Mulhouse", "68100"),
    ("Paris", "75011"),
];
const SEGMENTS: &[&str] = &["CHR", "Artisans", "GMS", "Santé", "Industrie", "Collectivités", "Négoce"];
const FAMILIES: &[&str] = &[
    "Farines",
    "Levures",
    "Emballages",
    "Café",
    "Machines",
    "Pièces détachées",
    "Gamme bio",
    "Surgelés",
    "Boissons",
    "Entretien",
];
const NOTES: &[&str] = &[
    "Rencontré le responsable achats, accueil cordial.",
    "Intéressé par la nouvelle gamme, souhaite des échantillons.",
    "Demande un devis pour le trimestre prochain.",
    "Stock encore important, rappeler dans un mois.",
    "Problème de livraison signalé la dernière fois, à suivre avec la logistique.",
    "Concurrent présent la semaine dernière avec une offre agressive sur les prix.",
    "Commande passée sur place, livraison souhaitée avant vendredi.",
    "Le gérant part à la retraite en juin, son fils reprend l'affaire.",
    "Travaux dans le magasin jusqu'à la fin du mois, activité réduite.",
    "Très satisfait du dernier lot, envisage d'élargir aux produits d'entretien.",
    "Pas de décision avant le budget de janvier.",
    "Présenté les conditions du salon, remise de 5 % jusqu'à fin novembre.",
    "Relancer l'assistante pour le bon de commande signé.",
    "Visite courte, client occupé ; repasser en début de semaine.",
    "Litige sur une facture de septembre réglé, avoir émis.",
];
const OBJECTIVES: &[&str] = &[
    "Présenter la nouvelle gamme",
    "Récupérer la commande de fin de mois",
    "Découverte des besoins",
    "Négocier les conditions annuelles",
    "Faire le point après la réclamation",
];
const NEXT_STEPS: &[&str] = &[
    "Envoyer le devis",
    "Rappeler dans 15 jours",
    "Organiser une démonstration",
    "Passer avec le technicien",
    "Inviter au salon de mars",
];

/// Paris' offset on that day (summer time from late March to late October, near enough).
fn paris_offset(day: NaiveDate) -> i32 {
    if (4..=10).contains(&day.month()) {
        120
    } else {
        60
    }
}

fn pick<'a, T>(rng: &mut impl Rng, items: &'a [T]) -> &'a T {
    items.choose(rng).expect("a non-empty list")
}

fn company_name(rng: &mut impl Rng) -> String {
    let prefix = pick(rng, PREFIXES);
    let surname = if rng.random_bool(0.6) {
        (*pick(rng, SURNAMES)).to_owned()
    } else {
        // Made-up family names keep 50k accounts from sharing 50 surnames.
        let n = rng.random_range(2..=3);
        let mut s: String = (0..n).map(|_| *pick(rng, SYLLABLES)).collect();
        s[..1].make_ascii_uppercase();
        s
    };
    if rng.random_bool(0.25) {
        format!("{prefix} {surname} {}", pick(rng, SUFFIXES))
    } else {
        format!("{prefix} {surname}")
    }
}

fn notes(rng: &mut impl Rng) -> String {
    let n = rng.random_range(1..=3);
    (0..n).map(|_| *pick(rng, NOTES)).collect::<Vec<_>>().join(" ")
}

fn phone(rng: &mut impl Rng) -> String {
    format!(
        "0{} {:02} {:02} {:02} {:02}",
        rng.random_range(1..=7),
        rng.random_range(0..100),
        rng.random_range(0..100),
        rng.random_range(0..100),
        rng.random_range(0..100)
    )
}

fn ascii_slug(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            'é' | 'è' | 'ê' | 'É' => Some('e'),
            'ç' => Some('c'),
            'â' | 'à' => Some('a'),
            c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// A working day's instant between 8:00 and 18:00 Paris time, `days_ago` days before `today`
/// (negative: ahead), moved off weekends.
fn working_instant(rng: &mut impl Rng, days_ago: i64) -> (DateTime<Utc>, i32) {
    let mut day = today() - Duration::days(days_ago);
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
        day -= Duration::days(1);
    }
    let offset = paris_offset(day);
    let minutes = rng.random_range(8 * 60..18 * 60) - offset as i64;
    let at = Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).expect("midnight")) + Duration::minutes(minutes);
    (at, offset)
}

/// A visit report as a rep logs it, `days_ago` days before today (negative: planned ahead).
pub fn visit(rng: &mut impl Rng, id: String, account_id: &str, rep: &str, days_ago: i64) -> VisitReport {
    let (started_at, offset) = working_instant(rng, days_ago);
    let channel = match rng.random_range(0..100) {
        0..55 => Channel::OnSite,
        55..85 => Channel::Phone,
        85..90 => Channel::Video,
        90..97 => Channel::Email,
        _ => Channel::TradeShow,
    };
    let mut v = VisitReport::new(account_id, rep, channel, started_at);
    v.id = id;
    v.utc_offset_minutes = offset;
    v.duration_minutes = match channel {
        Channel::OnSite | Channel::TradeShow => rng.random_range(20..=120),
        _ => rng.random_range(5..=30),
    };
    if rng.random_bool(0.7) {
        v.objective = Some((*pick(rng, OBJECTIVES)).to_owned());
    }
    if days_ago < 0 || (days_ago == 0 && rng.random_bool(0.5)) {
        v.status = VisitStatus::Planned;
        return v;
    }
    if rng.random_bool(0.03) {
        v.status = VisitStatus::Cancelled;
        return v;
    }
    v.notes = notes(rng);
    v.interest = Some(*pick(rng, InterestLevel::ALL));
    let products = rng.random_range(0..=3);
    v.products = FAMILIES.choose_multiple(rng, products).map(|s| (*s).to_owned()).collect();
    v.outcome = Some(match rng.random_range(0..100) {
        0..25 => {
            v.order_amount_cents = rng.random_range(200..20_000) * 100;
            v.order_margin_cents = v.order_amount_cents * rng.random_range(20..40) / 100;
            Outcome::OrderTaken
        }
        25..65 => Outcome::Progress,
        65..95 => Outcome::NoProgress,
        _ => Outcome::Lost,
    });
    if rng.random_bool(0.6) {
        v.next_step = Some((*pick(rng, NEXT_STEPS)).to_owned());
    }
    v
}

/// Everything one rep has: their accounts' documents.
pub struct RepData {
    pub rep: String,
    pub docs: Vec<GenDoc>,
    /// (account id, name) of each account, for searches and new visits.
    pub accounts: Vec<(String, String)>,
}

/// The document as a device sends it to the server the first time.
fn save(mut doc: Document, reports: usize) -> GenDoc {
    GenDoc { id: doc.id().to_owned(), kind: doc.kind(), bytes: doc.export(), reports }
}

/// Rep `index`'s portfolio: `accounts_per_rep` account documents holding `reports_per_rep` visit
/// reports spread over the year before [`today`] (clients are visited more than prospects).
pub fn rep_data(seed: u64, index: usize, sizes: Sizes) -> RepData {
    let rep = rep_id(seed, index);
    let mut rng = ChaCha8Rng::seed_from_u64(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ index as u64);
    let mut cities: Vec<(&str, &str)> = CITIES.choose_multiple(&mut rng, 5).copied().collect();
    cities.sort();
    let territory = format!("Secteur {}", index + 1);
    let today = today();

    // Accounts first, so visits can be spread over them by weight.
    let mut accounts = Vec::with_capacity(sizes.accounts_per_rep);
    for _ in 0..sizes.accounts_per_rep {
        let kind = match rng.random_range(0..100) {
            0..40 => AccountKind::Client,
            40..85 => AccountKind::Prospect,
            85..95 => AccountKind::FormerClient,
            _ => AccountKind::Prescriber,
        };
        let mut a = Account::new(company_name(&mut rng), kind, &rep);
        a.id = hex_id(&mut rng);
        let (city, postcode) = *pick(&mut rng, &cities);
        a.city = Some(city.to_owned());
        a.postcode = Some(postcode.to_owned());
        a.address = Some(format!("{} rue {}", rng.random_range(1..200), pick(&mut rng, SURNAMES)));
        a.territory = Some(territory.clone());
        a.segment = Some((*pick(&mut rng, SEGMENTS)).to_owned());
        a.lead_source = Some(*pick(&mut rng, LeadSource::ALL));
        a.potential_cents = Some(rng.random_range(1_000..200_000) * 100);
        if rng.random_bool(0.7) {
            a.registration_number =
                Some(format!("{:014}", rng.random_range(10_000_000_000_000u64..99_999_999_999_999)));
        }
        if rng.random_bool(0.8) {
            a.phone = Some(phone(&mut rng));
        }
        if rng.random_bool(0.3) {
            a.website = Some(format!("https://www.{}.fr", ascii_slug(&a.name)));
        }
        if rng.random_bool(0.3) {
            a.notes = notes(&mut rng);
        }
        a.open_dispute = rng.random_bool(0.03);
        a.created_at = Utc.from_utc_datetime(
            &(today - Duration::days(rng.random_range(30..1500))).and_hms_opt(9, 0, 0).expect("9:00"),
        );
        if kind == AccountKind::Prospect {
            a.need_horizon = match rng.random_range(0..10) {
                0..3 => Some(NeedHorizon::ShortTerm),
                3..7 => Some(NeedHorizon::MediumLongTerm),
                7 => Some(NeedHorizon::OutOfTarget),
                _ => None,
            };
            a.lost = rng.random_bool(0.1);
        }
        if kind == AccountKind::Client {
            let since = rng.random_range(0..(today - a.created_at.date_naive()).num_days().max(1));
            a.became_client_on = Some(a.created_at.date_naive() + Duration::days(since));
            // Monthly revenue over the last year, by one to three product families.
            let count = rng.random_range(1..=3);
            let families: Vec<&str> = FAMILIES.choose_multiple(&mut rng, count).copied().collect();
            let size = rng.random_range(5..500) as i64; // a few big clients, many small ones
            for m in 1..=12 {
                let month = today.with_day(1).expect("first") - chrono::Months::new(m);
                for family in &families {
                    if rng.random_bool(0.8) {
                        a.revenue.push(RevenueFigure {
                            month,
                            product_family: (*family).to_owned(),
                            amount_cents: size * rng.random_range(50..150) * 100,
                        });
                    }
                }
            }
        }
        if kind == AccountKind::FormerClient {
            a.lost = rng.random_bool(0.5);
        }
        accounts.push(a);
    }

    // Visits: a year of them, a few planned over the next two weeks (some today).
    let weights: Vec<u32> = accounts
        .iter()
        .map(|a| match a.kind {
            AccountKind::Client => 6,
            AccountKind::Prospect => 3,
            AccountKind::FormerClient => 1,
            AccountKind::Prescriber => 2,
        })
        .collect();
    let total: u32 = weights.iter().sum();
    let mut visits_of: Vec<Vec<VisitReport>> = vec![Vec::new(); accounts.len()];
    let planned = (sizes.reports_per_rep / 80).max(2);
    for i in 0..sizes.reports_per_rep {
        let mut x = rng.random_range(0..total);
        let mut a = 0;
        while x >= weights[a] {
            x -= weights[a];
            a += 1;
        }
        let days_ago = if i < planned {
            // ahead, with about one in four today
            if i % 4 == 0 {
                0
            } else {
                -rng.random_range(1..14)
            }
        } else {
            rng.random_range(1..366)
        };
        let id = hex_id(&mut rng);
        visits_of[a].push(visit(&mut rng, id, &accounts[a].id, &rep, days_ago));
    }

    let mut docs = Vec::with_capacity(accounts.len());
    let mut names = Vec::with_capacity(accounts.len());
    for (account, visits) in accounts.iter().zip(visits_of) {
        let mut doc = Document::create(&account.id, DocKind::Account).expect("a document");
        doc.upsert(account).expect("a valid account");
        for _ in 0..rng.random_range(1..=3) {
            let first = pick(&mut rng, FIRST_NAMES);
            let last = pick(&mut rng, SURNAMES);
            let mut c = Contact::new(&account.id, format!("{first} {last}"));
            c.id = hex_id(&mut rng);
            c.role = Some((*pick(&mut rng, ROLES)).to_owned());
            if rng.random_bool(0.7) {
                c.phone = Some(phone(&mut rng));
            }
            if rng.random_bool(0.6) {
                c.email = Some(format!(
                    "{}.{}@{}.fr",
                    ascii_slug(first),
                    ascii_slug(last),
                    ascii_slug(&account.name).chars().take(20).collect::<String>()
                ));
            }
            doc.upsert(&c).expect("a valid contact");
        }
        let reports = visits.len();
        for v in &visits {
            doc.upsert(v).expect("a valid visit");
        }
        // About one follow-up per account: most past ones done, the rest open (some overdue).
        for _ in 0..rng.random_range(0..=2) {
            let due = today + Duration::days(rng.random_range(-60..60));
            let mut f = FollowUp::new(&account.id, (*pick(&mut rng, NEXT_STEPS)).to_owned(), due, &rep);
            f.id = hex_id(&mut rng);
            if due < today && rng.random_bool(0.8) {
                f.done = true;
                f.done_at = Some(Utc.from_utc_datetime(&due.and_hms_opt(15, 0, 0).expect("15:00")));
            }
            doc.upsert(&f).expect("a valid follow-up");
        }
        if matches!(account.kind, AccountKind::Client | AccountKind::Prospect) && rng.random_bool(0.3) {
            let stage = *pick(&mut rng, OpportunityStage::ALL);
            let o = Opportunity {
                id: hex_id(&mut rng),
                account_id: account.id.clone(),
                title: format!("{} {}", pick(&mut rng, FAMILIES), today.year()),
                stage,
                amount_cents: rng.random_range(1_000..100_000) * 100,
                probability: match stage {
                    OpportunityStage::Qualification => 20,
                    OpportunityStage::Proposal => 50,
                    OpportunityStage::Negotiation => 75,
                    OpportunityStage::Won => 100,
                    OpportunityStage::Lost => 0,
                },
                expected_close: today + Duration::days(rng.random_range(-90..180)),
                owner: rep.clone(),
            };
            doc.upsert(&o).expect("a valid opportunity");
        }
        names.push((account.id.clone(), account.name.clone()));
        docs.push(save(doc, reports));
    }
    RepData { rep, docs, accounts: names }
}

/// The team's objectives sheet: per rep and per month of the year (visits, revenue, new accounts),
/// and the team's own.
pub fn objectives(seed: u64, sizes: Sizes) -> GenDoc {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x0b1e_c71e);
    let mut doc = Document::create(&hex_id(&mut rng), DocKind::Objectives).expect("a document");
    let first = today().with_day(1).expect("first");
    let reps: Vec<Option<String>> =
        std::iter::once(None).chain((0..sizes.reps).map(|i| Some(rep_id(seed, i)))).collect();
    for m in 0..13 {
        let start = first - chrono::Months::new(m);
        let end = start + chrono::Months::new(1) - Duration::days(1);
        for rep in &reps {
            let scale = if rep.is_some() { 1 } else { sizes.reps as i64 };
            for (metric, target) in [
                (Metric::Visits, 80 * scale),
                (Metric::Revenue, 4_000_000 * scale),
                (Metric::NewAccounts, 2 * scale),
            ] {
                let o = Objective {
                    id: hex_id(&mut rng),
                    rep: rep.clone(),
                    period_start: start,
                    period_end: end,
                    metric,
                    target,
                    note: None,
                };
                doc.upsert(&o).expect("a valid objective");
            }
        }
    }
    save(doc, 0)
}
