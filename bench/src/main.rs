//! `tournee-bench`: the budgets of ARCHITECTURE.md measured on a dataset generated from a fixed
//! seed, printed as one table (median, min and max over runs, the budget, ✓ or ✗).
//!
//! A plain binary rather than criterion: most figures are whole scenarios (a fresh process, a
//! server child process, hundreds of devices at once) with their own notion of a run, and the
//! dataset takes minutes to build, so it is built once and every measurement reads it.
//!
//! `--quick` runs small sizes once: CI runs it to keep the benchmark working, without judging.

mod data;
mod floors;
mod import;
mod local;
mod postgres;
mod pulls;
mod receive;
mod stats;
mod sync;

use std::path::PathBuf;
use std::time::Instant;

use clap::{Parser, Subcommand};
use tournee_core::insights::Scope;
use tournee_core::store::Store;
use tournee_core::sync::api::Role;
use tournee_core::sync::AdminClient;

use data::Sizes;
use stats::{median, Budget, Table};

#[derive(Parser)]
#[command(name = "tournee-bench", about = "Tournée's benchmark: the budgets of ARCHITECTURE.md")]
struct Cli {
    /// Small sizes, one run: keeps the benchmark working (figures are not judged).
    #[arg(long)]
    quick: bool,
    /// Runs per figure (default 5, or 1 with --quick).
    #[arg(long)]
    runs: Option<usize>,
    #[arg(long, default_value_t = 20_261_118)]
    seed: u64,
    /// The server binary (default: `tournee-sync-server` beside this binary).
    #[arg(long)]
    server_bin: Option<PathBuf>,
    /// Where the stores and the server's data go (default: a temporary directory, removed after).
    #[arg(long)]
    work_dir: Option<PathBuf>,
    /// Skip the sync measurements (no server needed).
    #[arg(long)]
    local_only: bool,
    /// Only the devices syncing at once (no dataset).
    #[arg(long)]
    at_once_only: bool,
    /// Only the import of a client file and a year of revenue (no dataset, no server).
    #[arg(long)]
    import_only: bool,
    /// Only the upload and the devices syncing at once, on a fresh server (no dataset): the rows
    /// an upload change moves, in about a minute. The full run's server also holds the pull's team.
    #[arg(long)]
    upload_only: bool,
    /// Only the rows measured on a server seeded with the full run's team (no device dataset):
    /// the fresh manager's pulls and their floors, then the upload, in about a minute.
    #[arg(long)]
    seeded_only: bool,
    /// A PostgreSQL cluster (`postgres://user@host:port`, as `scripts/postgres.sh start` prints
    /// it): adds the server's rows on PostgreSQL (upload, fresh pull, devices at once through two
    /// server processes), on a copy of the same data.
    #[arg(long, value_name = "URL")]
    postgres: Option<String>,
    #[command(subcommand)]
    probe: Option<Probe>,
}

/// The sub-processes the benchmark spawns of itself.
#[derive(Subcommand)]
enum Probe {
    #[command(hide = true, name = "probe-agenda")]
    Agenda {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        rep: String,
        #[arg(long)]
        day: chrono::NaiveDate,
    },
    #[command(hide = true, name = "probe-pull")]
    Pull {
        #[arg(long)]
        url: String,
        #[arg(long)]
        code: String,
        #[arg(long)]
        dir: PathBuf,
        #[arg(long)]
        idle: usize,
    },
    /// For profiling: apply generated documents as a sync does (in its batches), then log visits.
    #[command(hide = true, name = "probe-apply")]
    Apply {
        #[arg(long)]
        dir: PathBuf,
        #[arg(long, default_value_t = 10)]
        reps: usize,
        #[arg(long, default_value_t = 100)]
        accounts_per_rep: usize,
        #[arg(long, default_value_t = 400)]
        reports_per_rep: usize,
        #[arg(long, default_value_t = 200)]
        visits: usize,
        /// Each document with its rows, as a server sends them on a first sync (read beforehand).
        #[arg(long)]
        with_rows: bool,
    },
    /// For profiling: the team's weekly dashboard on a store `probe-apply` left, `runs` times,
    /// loading and computing timed apart.
    #[command(hide = true, name = "probe-dashboard")]
    Dashboard {
        #[arg(long)]
        dir: PathBuf,
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
    /// For profiling: logs `visits` visits on a store `probe-apply` left, on the accounts of its
    /// first rep, as the "log a visit" row does.
    #[command(hide = true, name = "probe-log")]
    Log {
        #[arg(long)]
        dir: PathBuf,
        #[arg(long, default_value_t = 200)]
        visits: usize,
    },
}

/// Sizes of one benchmark.
struct Plan {
    device: Sizes,
    /// Reps whose accounts the server holds for the manager's pull.
    server_reps: usize,
    log_visits: usize,
    /// Reports already in the account that then receives `receives` visits one by one.
    receive_reports: usize,
    receives: usize,
    searches: usize,
    warm_agendas: usize,
    dashboards: usize,
    upload_accounts: usize,
    upload_reports: usize,
    /// Accounts (with a contact each, and 12 months of revenue) in the imported client file.
    import_accounts: usize,
    at_once: [usize; 2],
    sync_runs: usize,
}

impl Plan {
    fn full() -> Plan {
        Plan {
            device: Sizes { reps: 50, accounts_per_rep: 1_000, reports_per_rep: 4_000 },
            server_reps: 25,
            log_visits: 200,
            receive_reports: 500,
            receives: 100,
            searches: 200,
            warm_agendas: 50,
            dashboards: 5,
            upload_accounts: 500,
            import_accounts: 50_000,
            upload_reports: 10_000,
            at_once: [100, 500],
            sync_runs: 3,
        }
    }

    fn quick() -> Plan {
        Plan {
            device: Sizes { reps: 50, accounts_per_rep: 40, reports_per_rep: 160 },
            server_reps: 25,
            log_visits: 30,
            receive_reports: 100,
            receives: 10,
            searches: 30,
            warm_agendas: 10,
            dashboards: 2,
            upload_accounts: 50,
            import_accounts: 500,
            upload_reports: 500,
            at_once: [10, 30],
            sync_runs: 1,
        }
    }
}

fn main() {
    let cli = Cli::parse();
    match cli.probe {
        Some(Probe::Agenda { db, rep, day }) => return local::probe_agenda(&db, &rep, day),
        Some(Probe::Pull { url, code, dir, idle }) => return sync::probe_pull(&url, &code, &dir, idle),
        Some(Probe::Apply { dir, reps, accounts_per_rep, reports_per_rep, visits, with_rows }) => {
            let sizes = Sizes { reps, accounts_per_rep, reports_per_rep };
            return local::probe_apply(&dir, cli.seed, sizes, visits, with_rows);
        }
        Some(Probe::Dashboard { dir, runs }) => return local::probe_dashboard(&dir, runs),
        Some(Probe::Log { dir, visits }) => return local::probe_log(&dir, visits),
        None => {}
    }
    let plan = if cli.quick { Plan::quick() } else { Plan::full() };
    let runs = cli.runs.unwrap_or(if cli.quick { 1 } else { 5 }).max(1);
    let sync_runs = cli.runs.map_or(plan.sync_runs, |r| r.min(plan.sync_runs)).max(1);
    let temp = tempfile::Builder::new().prefix("tournee-bench-").tempdir().expect("a temporary directory");
    let dir = cli.work_dir.clone().unwrap_or_else(|| temp.path().to_owned());
    std::fs::create_dir_all(&dir).expect("the work directory");
    let server_bin = cli.server_bin.clone().unwrap_or_else(default_server_bin);
    if cli.import_only {
        let mut table = Table::default();
        add_import(&mut table, &import::run(&dir, plan.import_accounts));
        println!("{}", table.markdown());
        println!("{}", machine());
        return;
    }
    if cli.seeded_only {
        return seeded_only(&plan, cli.seed, &server_bin, &dir, sync_runs);
    }
    if cli.at_once_only || cli.upload_only {
        return at_once_only(&plan, &server_bin, &dir, sync_runs, cli.upload_only, cli.postgres.as_deref());
    }
    let started = Instant::now();
    let mut table = Table::default();
    let sizes = plan.device;
    eprintln!(
        "tournee-bench: {} reps, {} accounts, {} reports, seed {}, {} runs, in {}",
        sizes.reps,
        sizes.accounts(),
        sizes.reports(),
        cli.seed,
        runs,
        dir.display()
    );

    // The server starts first: it takes in half of the team's accounts while the device store builds.
    let rt = sync::runtime();
    let mut server = (!cli.local_only)
        .then(|| sync::ServerProcess::start(&server_bin, &dir.join("server"), "127.0.0.1:0"));
    let seeding = server.as_ref().map(|server| {
        rt.block_on(async {
            let admin = server.admin();
            let team = admin.create_team("Équipe Sud-Est").await.expect("a team");
            // The seeder uploads every rep's reports: only a manager may (a rep writes their own).
            let (_, code) = sync::new_code(&admin, &team.id, "seeder", Role::Manager).await;
            let http = reqwest::Client::new();
            let seeder = sync::raw_enroll(&http, &server.url, &code).await;
            (team, seeder, http)
        })
    });
    let (uploads, uploader) = std::sync::mpsc::sync_channel::<Vec<data::GenDoc>>(2);
    let uploader = seeding.as_ref().map(|(_, seeder, http)| {
        let (url, token, http) =
            (server.as_ref().expect("a server").url.clone(), seeder.token.clone(), http.clone());
        std::thread::spawn(move || {
            let rt = sync::runtime();
            let mut reports = 0;
            for docs in uploader {
                reports += docs.iter().map(|d| d.reports).sum::<usize>();
                rt.block_on(sync::upload_docs(&http, &url, &token, &docs));
            }
            reports
        })
    });

    eprintln!("building the device store ({} reports)…", sizes.reports());
    let db = local::store_path(&dir);
    let server_reps = if server.is_some() { plan.server_reps.min(sizes.reps) } else { 0 };
    let uploads_for_build = uploads.clone();
    let built = local::build(&db, cli.seed, sizes, |i, rep| {
        if i < server_reps {
            let docs = rep
                .docs
                .iter()
                .map(|d| data::GenDoc {
                    id: d.id.clone(),
                    kind: d.kind,
                    bytes: d.bytes.clone(),
                    reports: d.reports,
                })
                .collect();
            uploads_for_build.send(docs).expect("the uploader runs");
        }
    });
    drop(uploads_for_build);
    drop(uploads);
    let device_bytes = local::db_bytes(&db);
    eprintln!("  store: {} MB, {:.0} s so far", device_bytes >> 20, started.elapsed().as_secs_f64());
    // The device's rows get the machine to themselves: the server has taken in the whole team and
    // read its rows (its projector would otherwise read them in the background, on the core a
    // dashboard's second thread needs), and what the build wrote is on disk.
    let seeded = uploader.map(|uploader| uploader.join().expect("the uploads") as f64);
    let projecting = server.as_mut().map(|server| {
        eprintln!("server holds {} reports; projecting them…", seeded.unwrap_or_default());
        server.project_everything()
    });
    stats::write_back();

    // --- On the device ---
    eprintln!("agenda in a fresh process…");
    let rep0 = built.reps[0].clone();
    let fresh: Vec<f64> = (0..runs).map(|_| local::agenda_fresh(&db, &rep0, data::today())).collect();
    let store = Store::open(&db).expect("the store opens");
    let warm: Vec<f64> = (0..runs).map(|_| local::agenda_warm(&store, &built, plan.warm_agendas)).collect();

    eprintln!("search…");
    let searches: Vec<(f64, f64, usize)> =
        (0..runs).map(|r| local::search(&store, &built, plan.searches, r)).collect();
    eprintln!("  about {} results per search", searches[0].2);

    eprintln!("dashboards…");
    let rep_scope = Scope::Rep(rep0.clone());
    let (mut rep_dash, mut team_dash) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let rep: Vec<f64> = (0..plan.dashboards).map(|_| local::dashboard(&store, &rep_scope).0).collect();
        let team: Vec<f64> = (0..plan.dashboards).map(|_| local::dashboard(&store, &Scope::Team).0).collect();
        rep_dash.push(median(&rep));
        team_dash.push(median(&team));
    }

    eprintln!("logging visits…");
    let logs: Vec<local::LogVisit> =
        (0..runs).map(|r| local::log_visits(&store, &dir, &built, plan.log_visits, r)).collect();
    drop(store);
    let row_bytes = logs[0].row_bytes;

    eprintln!("receiving visits on an account of {} reports…", plan.receive_reports);
    let receives: Vec<receive::Receive> = (0..runs)
        .map(|r| receive::one_visit_on_a_large_account(&dir, plan.receive_reports, plan.receives, r))
        .collect();

    eprintln!("importing a client file of {} accounts and a year of revenue…", plan.import_accounts);
    let imported = import::run(&dir, plan.import_accounts);

    let reports = built.reports as f64;
    let k = count(sizes.reports());
    table.add(
        "Log a visit durably (`Store::save_visit`), median",
        "ms",
        logs.iter().map(|l| l.median_ms).collect(),
        Budget::AtMost(1.0),
    );
    table.add("Log a visit durably, p99", "ms", logs.iter().map(|l| l.p99_ms).collect(), Budget::None);
    table.add(
        "Log a visit: CPU time of the calling thread, median",
        "ms",
        logs.iter().map(|l| l.cpu_median_ms).collect(),
        Budget::None,
    );
    table.add(
        format!("Floor: bare rusqlite insert+commit of {row_bytes} B, same pragmas, median"),
        "ms",
        logs.iter().map(|l| l.floor_median_ms).collect(),
        Budget::None,
    );
    table.add(
        "Log a visit ÷ floor",
        "×",
        logs.iter().map(|l| l.median_ms / l.floor_median_ms).collect(),
        Budget::None,
    );
    table.add(
        format!(
            "Receive one visit on an account of {} reports (`Store::apply_remote`), median",
            plan.receive_reports
        ),
        "ms",
        receives.iter().map(|r| r.apply_median_ms).collect(),
        Budget::None,
    );
    table.add(
        "Floor: automerge alone applies the same change, median",
        "ms",
        receives.iter().map(|r| r.floor_median_ms).collect(),
        Budget::None,
    );
    table.add(
        "Receive one visit ÷ floor",
        "×",
        receives.iter().map(|r| r.apply_median_ms / r.floor_median_ms).collect(),
        Budget::None,
    );
    table.add(
        format!("Open a store of {k} reports + today's agenda, fresh process"),
        "ms",
        fresh,
        Budget::AtMost(50.0),
    );
    table.add("Today's agenda, warm", "ms", warm, Budget::AtMost(50.0));
    table.add(
        format!("Search accounts by name prefix among {}, median", count(sizes.accounts())),
        "ms",
        searches.iter().map(|s| s.0).collect(),
        Budget::None,
    );
    table.add(
        "Search accounts by name prefix, p99",
        "ms",
        searches.iter().map(|s| s.1).collect(),
        Budget::None,
    );
    table.add(
        format!("Weekly dashboard, one rep ({k} reports in store)"),
        "ms",
        rep_dash,
        Budget::AtMost(50.0),
    );
    table.add(
        format!("Weekly dashboard, team of {} ({k} reports)", sizes.reps),
        "ms",
        team_dash,
        Budget::AtMost(50.0),
    );

    add_import(&mut table, &imported);

    // --- Through the server ---
    if let (Some(server), Some((team, _, _)), Some(seeded), Some(projecting)) =
        (server.as_mut(), seeding, seeded, projecting)
    {
        eprintln!("restarting the server for a clean peak RSS…");
        server.stop();
        let server_bytes = local::db_bytes(&server.data_dir.join("tournee-sync.sqlite3"));
        server.restart();
        let admin = server.admin();

        let mut pulls = pulls::fresh(&rt, server, &team.id, sync_runs, runs, &dir, seeded);
        pulls.projecting = projecting;

        let upload = upload_runs(&rt, &admin, &server.url, &dir, sync_runs, &plan);

        let mut at_once = Vec::new();
        for n in plan.at_once {
            eprintln!("{n} devices at once…");
            let urls = [server.url.clone()];
            at_once.push((n, rt.block_on(sync::at_once_light(&admin, &urls, &dir, (n, 0), 50, sync_runs))));
        }

        // The same data on PostgreSQL: the SQLite server's database, copied.
        let on_postgres = cli.postgres.as_deref().map(|cluster| {
            eprintln!("PostgreSQL: copying the server's data…");
            server.stop();
            let url = tournee_testkit::postgres::create_database(
                cluster,
                &format!("tournee_bench_{}", std::process::id()),
            );
            let copy_secs = postgres::copy(&server_bin, &server.data_dir, &url);
            let servers = postgres::two_processes(&server_bin, &dir, &url);
            let token = server.admin_token.clone().expect("the first start printed it");
            let run = postgres::Run { servers: &servers, admin_token: &token, dir: &dir, runs: sync_runs };
            eprintln!("PostgreSQL: fresh manager pulls…");
            let pulls = run.pulls(&rt, &team.id, seeded);
            eprintln!("PostgreSQL: uploads…");
            let upload = run.uploads(&rt, plan.upload_accounts, plan.upload_reports);
            let at_once = run.at_once(&rt, &plan.at_once);
            postgres::Rows { copy_secs: Some(copy_secs), pulls, upload, at_once }
        });

        let ku = count(plan.upload_reports);
        let kp = count(seeded as usize);
        add_upload_row(&mut table, upload, &plan);
        pulls::add_rows(&mut table, &pulls, &kp);
        add_at_once(&mut table, "", &at_once);
        if let Some(rows) = &on_postgres {
            add_postgres(&mut table, rows, &kp, &ku);
        }
        table.add(
            format!("Disk per report, device ({k} reports, all records)"),
            "B",
            vec![device_bytes as f64 / reports],
            Budget::None,
        );
        table.add(
            format!("Disk per report, server ({kp} reports, all records)"),
            "B",
            vec![server_bytes as f64 / seeded],
            Budget::None,
        );
    } else {
        table.add(
            format!("Disk per report, device ({k} reports, all records)"),
            "B",
            vec![device_bytes as f64 / reports],
            Budget::None,
        );
    }
    drop(server);

    println!("{}", table.markdown());
    println!("{}", machine());
    eprintln!("done in {:.0} s", started.elapsed().as_secs_f64());
    if cli.work_dir.is_none() {
        drop(temp);
    }
}

/// The server's rows on PostgreSQL, each named as its SQLite row with the same budget.
fn add_postgres(table: &mut Table, rows: &postgres::Rows, kp: &str, ku: &str) {
    if let Some(secs) = rows.copy_secs {
        table.add(
            format!("PostgreSQL: copy-to-postgres of the server's {kp} reports"),
            "s",
            vec![secs],
            Budget::None,
        );
    }
    if !rows.pulls.is_empty() {
        table.add(
            format!("PostgreSQL: fresh manager pulls {kp} reports"),
            "reports/s",
            rows.pulls.iter().map(|p| p.reports as f64 / p.secs).collect(),
            Budget::AtLeast(30_000.0),
        );
    }
    if !rows.upload.is_empty() {
        table.add(
            format!("PostgreSQL: upload {ku} new reports from one device"),
            "reports/s",
            rows.upload.clone(),
            Budget::AtLeast(20_000.0),
        );
    }
    add_at_once(table, "PostgreSQL, two server processes: ", &rows.at_once);
}

/// `runs` uploads of new reports from one device each (reports/s).
fn upload_runs(
    rt: &tokio::runtime::Runtime,
    admin: &AdminClient,
    url: &str,
    dir: &std::path::Path,
    runs: usize,
    plan: &Plan,
) -> Vec<f64> {
    eprintln!("uploads…");
    (0..runs)
        .map(|run| {
            rt.block_on(sync::upload_run(admin, url, dir, run, plan.upload_accounts, plan.upload_reports))
        })
        .collect()
}

fn add_upload_row(table: &mut Table, figures: Vec<f64>, plan: &Plan) {
    table.add(
        format!("Upload {} new reports from one device", count(plan.upload_reports)),
        "reports/s",
        figures,
        Budget::AtLeast(20_000.0),
    );
}

fn add_at_once(table: &mut Table, prefix: &str, at_once: &[(usize, (Vec<sync::AtOnce>, u64))]) {
    for (n, (results, lost)) in at_once {
        table.add(
            format!("{prefix}{n} devices sync at once (teams of 50): p50"),
            "ms",
            results.iter().map(|r| r.p50_ms).collect(),
            Budget::None,
        );
        table.add(
            format!("{prefix}{n} devices sync at once: p99"),
            "ms",
            results.iter().map(|r| r.p99_ms).collect(),
            Budget::AtMost(500.0),
        );
        table.add(
            format!("{prefix}{n} devices sync at once: errors (+ {lost} reports lost)"),
            "",
            results.iter().map(|r| (r.errors as u64 + lost) as f64).collect(),
            Budget::AtMost(0.0),
        );
    }
}

/// Only what a seeded server measures: a server seeded with the accounts of the full run's pulled
/// reps, then `runs` pulls (the first with its floors and an idle sync) and `runs` uploads, as
/// in the full run.
fn seeded_only(plan: &Plan, seed: u64, server_bin: &std::path::Path, dir: &std::path::Path, runs: usize) {
    let rt = sync::runtime();
    let mut server = sync::ServerProcess::start(server_bin, &dir.join("server"), "127.0.0.1:0");
    let admin = server.admin();
    let team = rt.block_on(admin.create_team("Équipe Sud-Est")).expect("a team");
    let (_, code) = rt.block_on(sync::new_code(&admin, &team.id, "seeder", Role::Manager));
    let http = reqwest::Client::new();
    let seeder = rt.block_on(sync::raw_enroll(&http, &server.url, &code));
    eprintln!("seeding the server with {} reps' accounts…", plan.server_reps);
    let mut seeded = 0;
    for i in 0..plan.server_reps {
        let rep = data::rep_data(seed, i, plan.device);
        seeded += rep.docs.iter().map(|d| d.reports).sum::<usize>();
        rt.block_on(sync::upload_docs(&http, &server.url, &seeder.token, &rep.docs));
    }
    eprintln!("projecting them…");
    let projecting = server.project_everything();
    let mut pulls = pulls::fresh(&rt, &mut server, &team.id, runs, 1, dir, seeded as f64);
    pulls.projecting = projecting;
    let upload = upload_runs(&rt, &admin, &server.url, dir, runs, plan);
    let mut table = Table::default();
    pulls::add_rows(&mut table, &pulls, &count(seeded));
    add_upload_row(&mut table, upload, plan);
    println!("{}", table.markdown());
    println!("{}", machine());
}

/// Only the devices syncing at once (no dataset to build): a fresh server, then each size; with
/// `upload`, the upload row first. With a PostgreSQL cluster, the same on two server processes
/// over a new database of it.
fn at_once_only(
    plan: &Plan,
    server_bin: &std::path::Path,
    dir: &std::path::Path,
    runs: usize,
    upload: bool,
    cluster: Option<&str>,
) {
    let rt = sync::runtime();
    let server = sync::ServerProcess::start(server_bin, &dir.join("server"), "127.0.0.1:0");
    let admin = server.admin();
    let mut table = Table::default();
    if upload {
        let figures = upload_runs(&rt, &admin, &server.url, dir, runs, plan);
        add_upload_row(&mut table, figures, plan);
    }
    let mut at_once = Vec::new();
    for n in plan.at_once {
        eprintln!("{n} devices at once…");
        let urls = [server.url.clone()];
        at_once.push((n, rt.block_on(sync::at_once_light(&admin, &urls, dir, (n, 0), 50, runs))));
    }
    add_at_once(&mut table, "", &at_once);
    if let Some(cluster) = cluster {
        drop(server);
        let url = tournee_testkit::postgres::create_database(
            cluster,
            &format!("tournee_bench_{}", std::process::id()),
        );
        let mut servers = postgres::two_processes(server_bin, dir, &url);
        let token = servers[0].admin_token.take().or(servers[1].admin_token.take()).expect("an admin token");
        let run = postgres::Run { servers: &servers, admin_token: &token, dir, runs };
        let upload =
            if upload { run.uploads(&rt, plan.upload_accounts, plan.upload_reports) } else { Vec::new() };
        let at_once = run.at_once(&rt, &plan.at_once);
        let rows = postgres::Rows { copy_secs: None, pulls: Vec::new(), upload, at_once };
        add_postgres(&mut table, &rows, "", &count(plan.upload_reports));
    }
    println!("{}", table.markdown());
    println!("{}", machine());
}

/// The rows of the client file's import (issue 16's benchmark row) and their floors.
fn add_import(table: &mut Table, imported: &import::Imported) {
    let n = count(imported.accounts);
    let per_sec = |secs: f64| imported.accounts as f64 / secs;
    table.add(
        format!("Import a client file of {n} accounts, a contact each: dry run"),
        "s",
        vec![imported.dry_run_secs],
        Budget::None,
    );
    table.add(
        format!("Import a client file of {n} accounts, a contact each"),
        "s",
        vec![imported.import_secs],
        Budget::None,
    );
    table.add(
        "Import the client file: accounts written per second",
        "accounts/s",
        vec![per_sec(imported.import_secs)],
        Budget::None,
    );
    table.add("Import the same file again (creates nothing)", "s", vec![imported.again_secs], Budget::None);
    table.add(
        format!("Import a year of revenue: {} figures on {n} accounts", count(imported.figures)),
        "s",
        vec![imported.revenue_secs],
        Budget::None,
    );
    table.add(
        "Floor: automerge alone creates and saves the same account and contact documents",
        "accounts/s",
        vec![per_sec(imported.automerge_floor_secs)],
        Budget::None,
    );
    table.add(
        "Floor: SQLite alone commits a row of that size per account, 250 per transaction",
        "accounts/s",
        vec![per_sec(imported.sqlite_floor_secs)],
        Budget::None,
    );
    table.add(
        "Import ÷ both floors in sequence",
        "×",
        vec![imported.import_secs / (imported.automerge_floor_secs + imported.sqlite_floor_secs)],
        Budget::None,
    );
}

/// `tournee-sync-server` beside this binary; under `cargo run`, built first if it is missing there
/// (cargo runs the bench in place of itself, so its build lock is free again).
fn default_server_bin() -> PathBuf {
    let exe = std::env::current_exe().expect("the bench knows where it is");
    let bin = exe.with_file_name("tournee-sync-server");
    if !bin.exists() {
        if let (Some(cargo), Some(target)) =
            (std::env::var_os("CARGO"), exe.parent().and_then(|p| p.parent()))
        {
            eprintln!("building tournee-sync-server (release) into {}…", target.display());
            let built = std::process::Command::new(cargo)
                .args(["build", "--release", "-p", "tournee-sync-server"])
                .env("CARGO_TARGET_DIR", target)
                .status()
                .is_ok_and(|s| s.success());
            assert!(built, "could not build tournee-sync-server");
        }
    }
    bin
}

/// 200000 as "200k", 500 as "500".
fn count(n: usize) -> String {
    if n >= 1000 && n % 1000 == 0 {
        format!("{}k", n / 1000)
    } else {
        n.to_string()
    }
}

/// nproc, CPU model and RAM of this machine.
fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map_or("unknown", str::trim)
        .to_owned();
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let ram_kb: u64 = meminfo
        .lines()
        .find(|l| l.starts_with("MemTotal"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    format!(
        "Machine: {cpus} CPUs (nproc), {model}, {:.1} GiB RAM",
        ram_kb as f64 / (1u64 << 30) as f64 * 1024.0
    )
}
