//! On the device: building the big store, logging a visit against the SQLite floor, the agenda,
//! account search and the weekly dashboards.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use chrono::NaiveDate;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tournee_core::insights::{dashboard_window, weekly_dashboard, InsightsConfig, Period, Scope};
use tournee_core::store::{sync_keys, Store};
use tournee_core::sync::wire::IncomingDoc;
use tournee_core::sync::SyncOptions;

use crate::data::{self, GenDoc, RepData, Sizes};
use crate::stats::{median, ms, percentile};

/// Documents applied per transaction while building (what `apply_remote` takes from a sync).
const BUILD_BATCH: usize = 250;

/// What the measurements need from the dataset, without its documents.
pub struct Built {
    pub reps: Vec<String>,
    /// (account id, name) per rep.
    pub accounts: Vec<Vec<(String, String)>>,
    pub reports: usize,
}

/// Builds the store at `path` from the dataset, rep by rep, handing each rep's documents to
/// `also` (the sync part uploads some of them to the server meanwhile).
pub fn build(path: &Path, seed: u64, sizes: Sizes, mut also: impl FnMut(usize, &RepData)) -> Built {
    let store = Store::open(path).expect("the store opens");
    let objectives = data::objectives(seed, sizes);
    store.apply_remote(&[(objectives.id, objectives.bytes)]).expect("objectives apply");
    let mut built = Built { reps: Vec::new(), accounts: Vec::new(), reports: 0 };
    let started = Instant::now();
    for i in 0..sizes.reps {
        let rep = data::rep_data(seed, i, sizes);
        for chunk in rep.docs.chunks(BUILD_BATCH) {
            let batch: Vec<(String, Vec<u8>)> =
                chunk.iter().map(|d| (d.id.clone(), d.bytes.clone())).collect();
            store.apply_remote(&batch).expect("the generated documents apply");
        }
        built.reports += rep.docs.iter().map(|d| d.reports).sum::<usize>();
        also(i, &rep);
        built.reps.push(rep.rep.clone());
        built.accounts.push(rep.accounts.clone());
        if (i + 1) % 10 == 0 || i + 1 == sizes.reps {
            eprintln!(
                "  built {} reps, {} reports, {:.0} s",
                i + 1,
                built.reports,
                started.elapsed().as_secs_f64()
            );
        }
    }
    built
}

/// Bytes of a SQLite database on disk: the file and its WAL, if any.
pub fn db_bytes(path: &Path) -> u64 {
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    size(path) + size(Path::new(&wal))
}

pub struct LogVisit {
    pub median_ms: f64,
    pub p99_ms: f64,
    /// CPU time of the calling thread (what is not waiting for the disk).
    pub cpu_median_ms: f64,
    pub floor_median_ms: f64,
    pub row_bytes: usize,
}

/// Logs `n` visits through `Store::save_visit` on accounts of rep 0 (a few already in the store's
/// document cache, most not), each followed by a bare insert+commit of a row of the same size with
/// the same pragmas in a database beside it: interleaved, both see the same disk.
pub fn log_visits(store: &Store, dir: &Path, built: &Built, n: usize, run: usize) -> LogVisit {
    let mut rng = ChaCha8Rng::seed_from_u64(0x0106 + run as u64);
    let rep = &built.reps[0];
    // A rep's device, as in the field: every visit saved is checked to be the rep's own.
    for (key, value) in [(sync_keys::ROLE, sync_keys::REP_ROLE), (sync_keys::USER, rep.as_str())] {
        store.set_sync_value(key, value.as_bytes()).expect("the device's identity is kept");
    }
    let accounts = &built.accounts[0];
    let mut floor = Floor::open(dir, 1229);
    let (mut samples, mut cpu, mut floors) =
        (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
    for i in 0..n {
        let (account_id, _) = &accounts[rng.random_range(0..accounts.len())];
        let id = format!("{:032x}", rng.random::<u128>());
        let mut visit = data::visit(&mut rng, id.clone(), account_id, rep, 0);
        if visit.status == tournee_core::model::VisitStatus::Planned {
            visit = data::visit(&mut rng, id.clone(), account_id, rep, 1);
        }
        let (started, cpu_started) = (Instant::now(), thread_cpu_ms());
        store.save_visit(&visit).expect("the visit saves");
        samples.push(ms(started.elapsed()));
        cpu.push(thread_cpu_ms() - cpu_started);
        if i == 0 {
            floor.body = vec![0x5a; written_bytes(dir, &id)];
        }
        floors.push(floor.insert(&mut rng));
    }
    LogVisit {
        median_ms: median(&samples),
        p99_ms: percentile(&samples, 99.0),
        cpu_median_ms: median(&cpu),
        floor_median_ms: median(&floors),
        row_bytes: floor.body.len(),
    }
}

/// What one logged visit wrote: its document increment and its projected row.
fn written_bytes(dir: &Path, visit_id: &str) -> usize {
    let conn = rusqlite::Connection::open(store_path(dir)).expect("a read connection");
    let inc: i64 = conn
        .query_row("SELECT length(bytes) FROM doc_increments ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
        .unwrap_or(0);
    let json: i64 = conn
        .query_row("SELECT length(json) FROM visits WHERE id = ?1", [visit_id], |r| r.get(0))
        .unwrap_or(0);
    (inc + json).max(64) as usize
}

/// Bare rusqlite with the store's pragmas: BEGIN IMMEDIATE, one INSERT, COMMIT.
struct Floor {
    conn: rusqlite::Connection,
    body: Vec<u8>,
}

impl Floor {
    fn open(dir: &Path, row_bytes: usize) -> Floor {
        let path = dir.join("floor.sqlite3");
        let _ = std::fs::remove_file(&path);
        let conn = rusqlite::Connection::open(&path).expect("the floor database opens");
        conn.execute_batch(tournee_core::store::CONNECTION_PRAGMAS).expect("the store's pragmas");
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS rows (id TEXT PRIMARY KEY, body BLOB NOT NULL) STRICT;",
        )
        .expect("the floor schema");
        Floor { conn, body: vec![0x5a; row_bytes] }
    }

    fn insert(&mut self, rng: &mut impl Rng) -> f64 {
        let id = format!("{:032x}", rng.random::<u128>());
        let started = Instant::now();
        let tx =
            self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).expect("begin");
        tx.prepare_cached("INSERT INTO rows (id, body) VALUES (?1, ?2)")
            .expect("prepare")
            .execute(rusqlite::params![id, self.body])
            .expect("insert");
        tx.commit().expect("commit");
        ms(started.elapsed())
    }
}

/// CPU time consumed by the calling thread so far, in ms.
fn thread_cpu_ms() -> f64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes into the timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 * 1e3 + ts.tv_nsec as f64 / 1e6
}

pub fn store_path(dir: &Path) -> std::path::PathBuf {
    dir.join("device.sqlite3")
}

/// Runs `tournee-bench probe-agenda` in a new process: open the store, list the agenda, print the
/// time taken (ms) on stdout.
pub fn agenda_fresh(db: &Path, rep: &str, day: NaiveDate) -> f64 {
    let exe = std::env::current_exe().expect("the bench knows where it is");
    let out = Command::new(exe)
        .args(["probe-agenda", "--db"])
        .arg(db)
        .args(["--rep", rep, "--day", &day.to_string()])
        .output()
        .expect("the probe runs");
    assert!(out.status.success(), "probe-agenda failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().parse().expect("the probe prints milliseconds")
}

/// The probe itself (in the new process).
pub fn probe_agenda(db: &Path, rep: &str, day: NaiveDate) {
    let started = Instant::now();
    let store = Store::open(db).expect("the store opens");
    let agenda = store.agenda(rep, day).expect("the agenda");
    let took = ms(started.elapsed());
    std::hint::black_box(&agenda);
    println!("{took}");
    eprintln!("agenda: {} visits, {} follow-ups", agenda.visits.len(), agenda.follow_ups.len());
}

/// Median of `n` agenda calls on an open store, rotating through the reps.
pub fn agenda_warm(store: &Store, built: &Built, n: usize) -> f64 {
    let mut samples = Vec::with_capacity(n);
    for i in 0..n {
        let rep = &built.reps[i % built.reps.len()];
        let started = Instant::now();
        let agenda = store.agenda(rep, data::today()).expect("the agenda");
        samples.push(ms(started.elapsed()));
        std::hint::black_box(agenda);
    }
    median(&samples)
}

/// Median and p99 of `n` searches by name prefix: the first three to six letters of the words of
/// account names, as a user types them.
pub fn search(store: &Store, built: &Built, n: usize, run: usize) -> (f64, f64, usize) {
    let mut rng = ChaCha8Rng::seed_from_u64(0x5ea_4c4 + run as u64);
    let mut samples = Vec::with_capacity(n);
    let mut hits = 0;
    for _ in 0..n {
        let accounts = &built.accounts[rng.random_range(0..built.accounts.len())];
        let (_, name) = &accounts[rng.random_range(0..accounts.len())];
        let words: Vec<&str> = name.split_whitespace().collect();
        let word = words[rng.random_range(0..words.len())];
        let take = rng.random_range(3..=6);
        let prefix: String = word.chars().take(take).collect();
        let started = Instant::now();
        let found = store.search_accounts(&prefix, 50).expect("search");
        samples.push(ms(started.elapsed()));
        hits += found.len();
    }
    (median(&samples), percentile(&samples, 99.0), hits / n.max(1))
}

/// One weekly dashboard as a screen asks for it: load the input from the store, compute.
pub fn dashboard(store: &Store, scope: &Scope) -> (f64, usize) {
    let today = data::today();
    let week = Period::week_of(today);
    let started = Instant::now();
    let input = store.insights_input(scope, dashboard_window(week)).expect("the insights input");
    let dashboard = weekly_dashboard(&input, scope, week, today, &InsightsConfig::default());
    let took = ms(started.elapsed());
    let size = dashboard.indicators.len() + dashboard.actions_due.len() + dashboard.accounts_to_look_at.len();
    std::hint::black_box(dashboard);
    (took, size)
}

/// For profiling: the team's weekly dashboard on the store in `dir`, `runs` times; prints the time
/// to load the input and the time to compute apart.
pub fn probe_dashboard(dir: &Path, runs: usize) {
    let store = Store::open(store_path(dir)).expect("the store opens");
    let today = data::today();
    let week = Period::week_of(today);
    for _ in 0..runs {
        let started = Instant::now();
        let input = store.insights_input(&Scope::Team, dashboard_window(week)).expect("the insights input");
        let loaded = ms(started.elapsed());
        let started = Instant::now();
        let dashboard = weekly_dashboard(&input, &Scope::Team, week, today, &InsightsConfig::default());
        let computed = ms(started.elapsed());
        std::hint::black_box(dashboard);
        eprintln!("team dashboard: load {loaded:.1} ms, compute {computed:.1} ms");
    }
}

/// For profiling: logs `visits` visits on the store in `dir` (left by [`probe_apply`]), on the
/// accounts of the rep who owns its first account; prints the figures of the "log a visit" row.
pub fn probe_log(dir: &Path, visits: usize) {
    let (accounts, logged): (Vec<(String, String, String)>, usize) = {
        let conn = rusqlite::Connection::open(store_path(dir)).expect("the store");
        // Each probe logs new visits (not again the ones an earlier probe logged).
        let logged: i64 = conn.query_row("SELECT count(*) FROM visits", [], |r| r.get(0)).expect("a count");
        let mut stmt = conn
            .prepare(
                "SELECT id, name, owner_rep FROM accounts
                 WHERE owner_rep = (SELECT owner_rep FROM accounts ORDER BY rowid LIMIT 1)",
            )
            .expect("the accounts query");
        let accounts = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("the accounts")
            .collect::<rusqlite::Result<_>>()
            .expect("the accounts");
        (accounts, logged as usize)
    };
    let rep = accounts.first().expect("a store with accounts").2.clone();
    let built = Built {
        reps: vec![rep],
        accounts: vec![accounts.into_iter().map(|(id, name, _)| (id, name)).collect()],
        reports: 0,
    };
    let store = Store::open(store_path(dir)).expect("the store opens");
    let log = log_visits(&store, dir, &built, visits, logged);
    eprintln!(
        "log a visit: median {:.3} ms, cpu {:.3} ms, floor {:.3} ms",
        log.median_ms, log.cpu_median_ms, log.floor_median_ms
    );
}

/// For profiling: generates the documents first, then applies them in the batches a sync uses,
/// then logs `visits` visits; prints the time of each part.
pub fn probe_apply(dir: &Path, seed: u64, sizes: Sizes, visits: usize, with_rows: bool) {
    std::fs::create_dir_all(dir).expect("a directory");
    let path = store_path(dir);
    let _ = std::fs::remove_file(&path);
    let started = Instant::now();
    let reps: Vec<RepData> = (0..sizes.reps).map(|i| data::rep_data(seed, i, sizes)).collect();
    eprintln!("generated in {:.2} s", started.elapsed().as_secs_f64());
    let store = Store::open(&path).expect("the store opens");
    let rows = |id: &str, bytes: &[u8]| {
        let mut doc = tournee_core::doc::Document::load(id, &[bytes]).expect("a document");
        tournee_core::doc::Projection::read(&mut doc).and_then(|p| p.encode()).expect("its rows")
    };
    let batches: Vec<Vec<IncomingDoc>> = reps
        .iter()
        .flat_map(|rep| rep.docs.chunks(SyncOptions::default().apply_docs))
        .map(|chunk| {
            let doc = |d: &GenDoc| IncomingDoc {
                doc_id: d.id.clone(),
                bytes: d.bytes.clone(),
                rows: with_rows.then(|| rows(&d.id, &d.bytes)),
            };
            chunk.iter().map(doc).collect()
        })
        .collect();
    let started = Instant::now();
    let docs: usize = reps.iter().map(|r| r.docs.len()).sum();
    // As a first sync into an empty store does.
    store.defer_indexes().expect("the indexes deferred");
    for batch in batches {
        store.apply_received(batch).expect("apply");
    }
    let took = started.elapsed().as_secs_f64();
    eprintln!(
        "applied {docs} documents in {took:.2} s: {:.0} µs per document, {:.0} reports/s",
        took * 1e6 / docs as f64,
        sizes.reports() as f64 / took
    );
    let indexing = Instant::now();
    store.build_deferred_indexes().expect("the deferred indexes built");
    eprintln!("built the deferred indexes in {:.2} s", indexing.elapsed().as_secs_f64());
    let built = Built {
        reps: reps.iter().map(|r| r.rep.clone()).collect(),
        accounts: reps.iter().map(|r| r.accounts.clone()).collect(),
        reports: sizes.reports(),
    };
    drop(reps);
    let log = log_visits(&store, dir, &built, visits, 0);
    eprintln!(
        "log a visit: median {:.2} ms, cpu {:.2} ms, floor {:.2} ms",
        log.median_ms, log.cpu_median_ms, log.floor_median_ms
    );
}
