//! Sync through a hostile network and a crashing server, in seeded rounds.
//!
//! Teams of 3 to 5 devices (a manager and reps), each device behind its own [`FaultProxy`] that
//! drops, cuts, delays, duplicates and reorders its requests and answers and SIGKILLs the server at
//! random moments. Each round, the devices make random edits (accounts, notes typed on two devices
//! at once, phone numbers set on two devices at once, contacts added, edited and deleted, visits
//! logged and deleted, objectives), then sync twice under faults, some of them offline each time.
//! Then the network heals, every device syncs until nothing moves, and the round checks: every
//! write a device saved is on every device, nothing twice, nothing deleted came back, every
//! replica lists the same conflicts, no outbox holds anything and nothing was set aside. A device
//! enrolled at the end of each team's rounds pulls everything the server holds and matches too,
//! so no cursor skipped a change. A sync that fails under faults must fail as "unavailable"
//! (network, server down or busy), never as a refusal or a malformed answer.
//!
//! The README's test command runs a short version. The long run (figures in RELIABILITY.md):
//!
//! ```sh
//! TOURNEE_FAULT_ROUNDS=1000 cargo test -p tournee-sync-server --test faults -- --nocapture
//! ```
//!
//! `TOURNEE_FAULT_SEED` picks another seed; a failure names its seed, team and round, and
//! `TOURNEE_FAULT_TEAM=<n>` runs that team's rounds alone (the same faults, in the same order).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tournee_core::doc::Collection;
use tournee_core::model::*;
use tournee_core::store::TimelineItem;
use tournee_core::sync::api::Role;
use tournee_core::sync::{AdminClient, SyncClient, SyncErrorKind, SyncOptions};
use tournee_testkit::faults::{FaultProxy, Restart};

use common::{Device, ServerProcess};

/// Rounds each team lives: long enough for its documents to grow histories and conflicts.
const ROUNDS_PER_TEAM: u32 = 10;
/// The share of requests that meet a fault.
const FAULT_RATE: f64 = 0.4;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .map_or(default, |v| v.parse().unwrap_or_else(|_| panic!("{name}={v} is not a number")))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_saved_write_reaches_every_device_through_faults_and_crashes() {
    let rounds = env_number("TOURNEE_FAULT_ROUNDS", 50) as u32;
    let seed = env_number("TOURNEE_FAULT_SEED", 20_261_201);
    let only = std::env::var("TOURNEE_FAULT_TEAM").ok().map(|t| t.parse::<u32>().expect("a team number"));
    let dir = tempfile::tempdir().unwrap();
    // Every team enrolls from 127.0.0.1: lift the per-address enrollment limit.
    let server = ServerProcess::start_flags(
        &dir.path().join("server"),
        "127.0.0.1:0",
        &["--enrollments-per-minute", "100000"],
    );
    let (addr, url, admin) = (server.addr.to_string(), server.url.clone(), server.admin());
    let server = Arc::new(Mutex::new(server));
    let restarts = Arc::new(Mutex::new(0u32));
    let restart: Restart = {
        let (server, restarts) = (server.clone(), restarts.clone());
        Arc::new(move || {
            server.lock().unwrap().restart();
            *restarts.lock().unwrap() += 1;
        })
    };

    let started = Instant::now();
    let mut totals = Totals::default();
    for team in 0..rounds.div_ceil(ROUNDS_PER_TEAM) {
        if only.is_some_and(|t| t != team) {
            continue;
        }
        let place = Place { seed, team, round: 0 };
        let mut world = World::start(place, &admin, &url, &addr, dir.path(), restart.clone()).await;
        for round in 0..ROUNDS_PER_TEAM.min(rounds - team * ROUNDS_PER_TEAM) {
            world.place.round = round;
            world.round().await;
            totals.rounds += 1;
        }
        world.newcomer_matches(&admin, &url, dir.path()).await;
        totals.add(&world);
    }
    totals.restarts = *restarts.lock().unwrap();
    totals.print(seed, started.elapsed());
    assert!(!totals.faults.contains_key("unframed"), "the proxy met a message it cannot frame");
}

/// Where a failure happened, to run it again.
#[derive(Clone, Copy)]
struct Place {
    seed: u64,
    team: u32,
    round: u32,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "seed {} team {} round {} (TOURNEE_FAULT_SEED={} TOURNEE_FAULT_TEAM={})",
            self.seed, self.team, self.round, self.seed, self.team
        )
    }
}

struct Member {
    device: Device,
    /// Syncs through the member's own proxy.
    client: Arc<SyncClient>,
    proxy: FaultProxy,
    role: Role,
}

/// What the devices saved, as the test saw each save return.
#[derive(Default)]
struct Saved {
    /// Account id → the words typed into its notes.
    notes: BTreeMap<String, Vec<String>>,
    /// Contact id → its account, for contacts never deleted.
    contacts: BTreeMap<String, String>,
    deleted_contacts: BTreeSet<String>,
    /// Visit id → (account, deleted).
    visits: BTreeMap<String, (String, bool)>,
    objectives: BTreeSet<String>,
}

struct World {
    place: Place,
    team_id: String,
    rng: ChaCha8Rng,
    members: Vec<Member>,
    saved: Saved,
    edits: u64,
    syncs_ok: u64,
    syncs_failed: u64,
    heal_passes: u64,
}

impl World {
    async fn start(
        place: Place,
        admin: &AdminClient,
        url: &str,
        addr: &str,
        dir: &std::path::Path,
        restart: Restart,
    ) -> World {
        let mut rng = ChaCha8Rng::seed_from_u64(place.seed ^ (u64::from(place.team) << 32));
        let team = admin.create_team(&format!("Équipe {}", place.team)).await.unwrap();
        let size = rng.random_range(3..=5);
        let mut members = Vec::new();
        for i in 0..size {
            let role = if i == 0 { Role::Manager } else { Role::Rep };
            let name =
                format!("t{}-{}", place.team, if i == 0 { "manager".to_owned() } else { format!("rep{i}") });
            let device = Device::enroll(admin, url, &team.id, &name, role, dir).await;
            let proxy = FaultProxy::start(addr, rng.random(), FAULT_RATE, restart.clone()).await;
            // A few documents per request: a sync is several exchanges, each meeting its fault.
            let options = SyncOptions { docs_per_request: 3, ..SyncOptions::default() };
            let client =
                Arc::new(SyncClient::new(&proxy.url, &device.enrollment.token, options, None).unwrap());
            members.push(Member { device, client, proxy, role });
        }
        World {
            place,
            team_id: team.id,
            rng,
            members,
            saved: Saved::default(),
            edits: 0,
            syncs_ok: 0,
            syncs_failed: 0,
            heal_passes: 0,
        }
    }

    async fn round(&mut self) {
        for m in 0..self.members.len() {
            for _ in 0..self.rng.random_range(1..=4) {
                self.edit(m);
            }
        }
        for _ in 0..2 {
            self.sync_under_faults().await;
        }
        self.heal().await;
        self.check();
    }

    /// One random edit on member `m`'s device, recorded once the store returned.
    fn edit(&mut self, m: usize) {
        let member = &self.members[m];
        let (store, user) = (&member.device.store, member.device.user().to_owned());
        let token = format!("r{}m{}e{}", self.place.round, m, self.edits);
        self.edits += 1;
        // What this device holds of what was saved anywhere.
        let accounts: Vec<String> =
            self.saved.notes.keys().filter(|id| store.account(id).is_ok()).cloned().collect();
        let choice = if accounts.is_empty() { 0 } else { self.rng.random_range(0..100) };
        match choice {
            0..=14 => {
                let mut account = Account::new(format!("Client {token}"), AccountKind::Prospect, &user);
                account.notes = token.clone();
                let account = store.save_account(&account).unwrap();
                self.saved.notes.insert(account.id, vec![token]);
            }
            15..=39 => {
                let id = accounts.choose(&mut self.rng).unwrap();
                let mut account = store.account(id).unwrap();
                account.notes.push_str(&format!(" {token}"));
                store.save_account(&account).unwrap();
                self.saved.notes.get_mut(id).unwrap().push(token);
            }
            40..=49 => {
                let id = accounts.choose(&mut self.rng).unwrap();
                let mut account = store.account(id).unwrap();
                account.phone = Some(format!(
                    "02 40 {:02} {:02} {:02}",
                    m,
                    self.rng.random_range(0..100),
                    self.place.round
                ));
                store.save_account(&account).unwrap();
            }
            50..=62 => {
                let id = accounts.choose(&mut self.rng).unwrap();
                let contact = store.save_contact(&Contact::new(id, format!("Contact {token}"))).unwrap();
                self.saved.contacts.insert(contact.id, id.clone());
            }
            63..=69 => {
                let held: Vec<Contact> =
                    accounts.iter().flat_map(|id| store.account_detail(id).unwrap().contacts).collect();
                let Some(contact) = held.choose(&mut self.rng) else { return };
                if self.rng.random_bool(0.5) {
                    let mut contact = contact.clone();
                    contact.role = Some(format!("Rôle {token}"));
                    store.save_contact(&contact).unwrap();
                } else {
                    store.delete(Collection::Contacts, &contact.id).unwrap();
                    self.saved.contacts.remove(&contact.id);
                    self.saved.deleted_contacts.insert(contact.id.clone());
                }
            }
            _ if member.role == Role::Manager => {
                let objective = Objective {
                    id: new_id(),
                    rep: None,
                    period_start: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
                    period_end: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
                    metric: Metric::Visits,
                    target: self.rng.random_range(10..60),
                    note: Some(token),
                };
                store.save_objective(&objective).unwrap();
                self.saved.objectives.insert(objective.id);
            }
            70..=89 => {
                let id = accounts.choose(&mut self.rng).unwrap();
                let start = Utc.with_ymd_and_hms(2026, 6, 1, 8, 0, 0).unwrap()
                    + Duration::minutes(self.edits as i64 * 7);
                let mut visit = VisitReport::new(id, &user, Channel::OnSite, start);
                visit.notes = format!("Visite {token}");
                let visit = store.save_visit(&visit).unwrap();
                self.saved.visits.insert(visit.id, (id.clone(), false));
            }
            _ => {
                let own: Vec<String> = self
                    .saved
                    .visits
                    .iter()
                    .filter(|(id, (_, deleted))| !deleted && store.visit(id).is_ok_and(|v| v.rep == user))
                    .map(|(id, _)| id.clone())
                    .collect();
                let Some(id) = own.choose(&mut self.rng) else { return };
                store.delete(Collection::Visits, id).unwrap();
                self.saved.visits.get_mut(id).unwrap().1 = true;
            }
        }
    }

    /// Each device syncs, or is offline this time (one in four), all at once through their proxies.
    async fn sync_under_faults(&mut self) {
        let mut syncs = tokio::task::JoinSet::new();
        for m in &self.members {
            if self.rng.random_bool(0.75) {
                let (client, store, name) = (m.client.clone(), m.device.store.clone(), m.device.name.clone());
                syncs.spawn(async move { (name, client.sync(&store).await) });
            }
        }
        while let Some(done) = syncs.join_next().await {
            match done.unwrap() {
                (_, Ok(_)) => self.syncs_ok += 1,
                (name, Err(e)) => {
                    assert_eq!(
                        e.kind(),
                        SyncErrorKind::Unavailable,
                        "{}: {name} failed as it should not under network faults: {e}",
                        self.place
                    );
                    self.syncs_failed += 1;
                }
            }
        }
    }

    /// Faults off; every device syncs in turn until a whole pass moves nothing.
    async fn heal(&mut self) {
        for m in &self.members {
            m.proxy.set_faults(false);
        }
        for pass in 0.. {
            assert!(pass < 8, "{}: still moving after {pass} passes without faults", self.place);
            self.heal_passes += 1;
            let mut moved = false;
            for m in &self.members {
                let report = m.client.sync(&m.device.store).await.unwrap_or_else(|e| {
                    panic!("{}: {} cannot sync without faults: {e}", self.place, m.device.name)
                });
                moved |= report.sent > 0 || report.received > 0 || report.still_pending > 0;
            }
            if !moved {
                break;
            }
        }
        for m in &self.members {
            m.proxy.set_faults(true);
        }
    }

    /// Every device holds every saved write once, nothing deleted, and the same conflicts.
    fn check(&self) {
        let place = self.place;
        let (first, others) = self.members.split_first().unwrap();
        for m in &self.members {
            let store = &m.device.store;
            assert_eq!(
                store.outbox_count().unwrap(),
                0,
                "{place}: {} still has changes to send",
                m.device.name
            );
            assert!(
                store.quarantined().unwrap().is_empty(),
                "{place}: {} set documents aside",
                m.device.name
            );
        }
        let mut visits_by_account: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for (id, (account, deleted)) in &self.saved.visits {
            if !deleted {
                visits_by_account.entry(account).or_default().insert(id);
            }
        }
        for (account_id, words) in &self.saved.notes {
            let detail = first.device.store.account_detail(account_id).unwrap_or_else(|e| {
                panic!("{place}: account {account_id} is missing on {}: {e}", first.device.name)
            });
            for word in words {
                assert!(
                    detail.account.notes.contains(word.as_str()),
                    "{place}: {word:?} is not in the notes {:?}",
                    detail.account.notes
                );
            }
            let visits: Vec<&str> = detail
                .timeline
                .iter()
                .filter_map(|item| match item {
                    TimelineItem::Visit(v) => Some(v.id.as_str()),
                    TimelineItem::FollowUp(_) => None,
                })
                .collect();
            let unique: BTreeSet<&str> = visits.iter().copied().collect();
            assert_eq!(visits.len(), unique.len(), "{place}: a visit shows twice on {account_id}");
            assert_eq!(
                unique,
                visits_by_account.remove(account_id.as_str()).unwrap_or_default(),
                "{place}: the visits of {account_id} are not those logged and kept"
            );
            let contacts: BTreeSet<&str> = detail.contacts.iter().map(|c| c.id.as_str()).collect();
            for (contact, on) in &self.saved.contacts {
                if on == account_id {
                    assert!(contacts.contains(contact.as_str()), "{place}: contact {contact} is missing");
                }
            }
            // Deleted stays deleted, even when edited elsewhere meanwhile (that is a conflict).
            for contact in &self.saved.deleted_contacts {
                assert!(!contacts.contains(contact.as_str()), "{place}: deleted contact {contact} came back");
            }
            for other in others {
                assert_eq!(
                    other.device.store.account_detail(account_id).ok().as_ref(),
                    Some(&detail),
                    "{place}: {} shows account {account_id} otherwise than {}",
                    other.device.name,
                    first.device.name
                );
            }
        }
        for (id, (_, deleted)) in &self.saved.visits {
            for m in &self.members {
                assert_eq!(
                    m.device.store.visit(id).is_ok(),
                    !deleted,
                    "{place}: visit {id} on {}",
                    m.device.name
                );
            }
        }
        let objectives = |m: &Member| -> BTreeSet<String> {
            m.device.store.objectives(None, None).unwrap().into_iter().map(|o| o.id).collect()
        };
        assert_eq!(objectives(first), self.saved.objectives, "{place}: objectives on {}", first.device.name);
        let conflicts = first.device.store.conflicts().unwrap();
        for other in others {
            assert_eq!(
                objectives(other),
                self.saved.objectives,
                "{place}: objectives on {}",
                other.device.name
            );
            assert_eq!(
                other.device.store.conflicts().unwrap(),
                conflicts,
                "{place}: {} lists other conflicts",
                other.device.name
            );
        }
    }

    /// A manager's device enrolled now pulls the server's copy of everything: it matches.
    async fn newcomer_matches(&self, admin: &AdminClient, url: &str, dir: &std::path::Path) {
        let first = &self.members[0].device;
        let newcomer = Device::enroll(
            admin,
            url,
            &self.team_id,
            &format!("t{}-newcomer", self.place.team),
            Role::Manager,
            dir,
        )
        .await;
        newcomer.sync().await;
        for account_id in self.saved.notes.keys() {
            assert_eq!(
                newcomer.store.account_detail(account_id).ok(),
                first.store.account_detail(account_id).ok(),
                "{}: the newcomer's copy of {account_id} differs",
                self.place
            );
        }
        assert_eq!(
            newcomer.store.conflicts().unwrap(),
            first.store.conflicts().unwrap(),
            "{}: conflicts",
            self.place
        );
    }
}

/// The whole run's figures, printed for RELIABILITY.md.
#[derive(Default)]
struct Totals {
    rounds: u32,
    teams: u32,
    devices: u64,
    edits: u64,
    syncs_ok: u64,
    syncs_failed: u64,
    heal_passes: u64,
    restarts: u32,
    faults: BTreeMap<&'static str, u64>,
}

impl Totals {
    fn add(&mut self, world: &World) {
        self.teams += 1;
        self.devices += world.members.len() as u64;
        self.edits += world.edits;
        self.syncs_ok += world.syncs_ok;
        self.syncs_failed += world.syncs_failed;
        self.heal_passes += world.heal_passes;
        for m in &world.members {
            for (fault, n) in m.proxy.counts() {
                *self.faults.entry(fault).or_default() += n;
            }
        }
    }

    fn print(&self, seed: u64, elapsed: std::time::Duration) {
        eprintln!(
            "seed {seed}: {} rounds, {} teams, {} devices, {} edits saved, {} syncs under faults ({} failed, retried later), {} healing passes, {} server restarts, {:.0} s",
            self.rounds, self.teams, self.devices, self.edits, self.syncs_ok + self.syncs_failed, self.syncs_failed, self.heal_passes, self.restarts, elapsed.as_secs_f64()
        );
        for (fault, n) in &self.faults {
            eprintln!("  {n:>7}  {fault}");
        }
    }
}
