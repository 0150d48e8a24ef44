//! The server on PostgreSQL, beside the same rows on SQLite in the same run. The full run's
//! database is the SQLite server's own data copied with `copy-to-postgres`, so the pull reads the
//! same documents; the devices syncing at once are spread over two server processes on it.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use tournee_core::sync::api::Role;

use crate::sync::{self, AtOnce, PullReport, ServerProcess};

/// `copy-to-postgres` of a stopped server's data directory into `url`; its wall time in seconds.
pub fn copy(server_bin: &Path, data_dir: &Path, url: &str) -> f64 {
    let started = Instant::now();
    let out = Command::new(server_bin)
        .arg("--data-dir")
        .arg(data_dir)
        .args(["--database-url", url, "copy-to-postgres"])
        .output()
        .expect("the server binary runs");
    assert!(out.status.success(), "copy-to-postgres failed: {}", String::from_utf8_lossy(&out.stderr));
    started.elapsed().as_secs_f64()
}

/// Two server processes on the database `url`, data directories under `dir`.
pub fn two_processes(server_bin: &Path, dir: &Path, url: &str) -> [ServerProcess; 2] {
    [0, 1].map(|i| {
        ServerProcess::start_on(server_bin, &dir.join(format!("pg-server-{i}")), "127.0.0.1:0", Some(url))
    })
}

/// The PostgreSQL upload runs are numbered after the SQLite ones: each run's accounts have ids of
/// their own, and the copied database holds the SQLite runs'.
const PG_RUNS_FROM: usize = 1000;

/// What the PostgreSQL rows measured.
pub struct Rows {
    pub copy_secs: Option<f64>,
    pub pulls: Vec<PullReport>,
    pub upload: Vec<f64>,
    pub at_once: Vec<(usize, (Vec<AtOnce>, u64))>,
}

/// The pulls (a fresh manager of `team_id`, through the first process), the uploads and the
/// devices at once (through both), on servers whose first process admin token is `admin_token`.
pub struct Run<'a> {
    pub servers: &'a [ServerProcess; 2],
    pub admin_token: &'a str,
    pub dir: &'a Path,
    pub runs: usize,
}

impl Run<'_> {
    pub fn pulls(&self, rt: &tokio::runtime::Runtime, team_id: &str, reports: f64) -> Vec<PullReport> {
        let admin = self.admin();
        (0..self.runs)
            .map(|run| {
                let (_, code) =
                    rt.block_on(sync::new_code(&admin, team_id, &format!("pg manager {run}"), Role::Manager));
                let pull_dir = self.dir.join(format!("pg-pull-{run}"));
                std::fs::create_dir_all(&pull_dir).expect("a directory");
                let report = sync::pull_in_child(&self.servers[0].url, &code, &pull_dir, 0);
                eprintln!(
                    "  PostgreSQL pull {}: {} reports in {:.1} s",
                    run + 1,
                    report.reports,
                    report.secs
                );
                assert_eq!(report.reports as f64, reports, "the manager received every report");
                let _ = std::fs::remove_dir_all(&pull_dir);
                report
            })
            .collect()
    }

    pub fn uploads(&self, rt: &tokio::runtime::Runtime, accounts: usize, reports: usize) -> Vec<f64> {
        let admin = self.admin();
        (0..self.runs)
            .map(|run| {
                rt.block_on(sync::upload_run(
                    &admin,
                    &self.servers[0].url,
                    &self.stores(),
                    PG_RUNS_FROM + run,
                    accounts,
                    reports,
                ))
            })
            .collect()
    }

    pub fn at_once(&self, rt: &tokio::runtime::Runtime, sizes: &[usize]) -> Vec<(usize, (Vec<AtOnce>, u64))> {
        let admin = self.admin();
        let urls: Vec<String> = self.servers.iter().map(|s| s.url.clone()).collect();
        let dir = self.stores();
        sizes
            .iter()
            .map(|&n| {
                eprintln!("{n} devices at once through two PostgreSQL server processes…");
                (n, rt.block_on(sync::at_once_light(&admin, &urls, &dir, (n, 1), 50, self.runs)))
            })
            .collect()
    }

    /// Where the uploading and checking devices keep their stores.
    fn stores(&self) -> std::path::PathBuf {
        let dir = self.dir.join("pg");
        std::fs::create_dir_all(&dir).expect("a directory");
        dir
    }

    fn admin(&self) -> tournee_core::sync::AdminClient {
        tournee_core::sync::AdminClient::new(&self.servers[0].url, self.admin_token, None)
            .expect("an admin client")
    }
}
