//! The private PostgreSQL cluster `scripts/postgres.sh` makes, as the tests and the bench use it.

use std::process::Command;

/// Creates the database `name` on the cluster at `cluster` (the URL `scripts/postgres.sh start`
/// prints) with psql, installed with PostgreSQL; returns the database's URL.
pub fn create_database(cluster: &str, name: &str) -> String {
    let status = Command::new("psql")
        .args(["-q", "-v", "ON_ERROR_STOP=1", "-d", &format!("{cluster}/postgres"), "-c"])
        .arg(format!("CREATE DATABASE {name}"))
        .status()
        .expect("psql runs (PostgreSQL's client)");
    assert!(status.success(), "database {name} could not be created on {cluster}");
    format!("{cluster}/{name}")
}
