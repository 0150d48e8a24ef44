//! `tournee-sync-server`: serve, or issue an admin token. Configuration by flags or environment.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tournee_sync_server::{Config, Limits, Server, StorageChoice, TlsFiles};

/// glibc keeps freed memory in per-thread arenas and, after the first large free, raises its mmap
/// threshold so later large buffers (request bodies, pages) stay in those arenas for good. A fixed
/// threshold keeps every buffer of 1 MiB or more in its own mapping, unmapped when freed. Not
/// lower: a mapping's pages fault in again each time (about 5 µs a page on this VM), and at
/// 64 KiB the documents and automerge buffers of every upload did (upload median 19,392 reports/s
/// at 64 KiB, 22,348 at 1 MiB, `tournee-bench --upload-only --runs 3`).
fn tune_allocator() {
    // SAFETY: mallopt only changes malloc's parameters; called before any other thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
        libc::mallopt(libc::M_ARENA_MAX, 4);
    }
}

#[derive(Parser)]
#[command(name = "tournee-sync-server", version, about = "Tournée's sync server")]
struct Cli {
    /// Address and port to listen on.
    #[arg(long, env = "TOURNEE_LISTEN", default_value = "127.0.0.1:8765", global = true)]
    listen: SocketAddr,
    /// Directory of the server's database, created on first start.
    #[arg(long, env = "TOURNEE_DATA_DIR", default_value = "tournee-data", global = true)]
    data_dir: PathBuf,
    /// Store everything in this PostgreSQL database instead of the data directory
    /// (postgres://user:password@host:port/database); several servers may share it.
    #[arg(long, env = "TOURNEE_DATABASE_URL", global = true, hide_env_values = true)]
    database_url: Option<String>,
    /// Requests one device may have in progress at once (429 past it).
    #[arg(long, env = "TOURNEE_MAX_REQUESTS_PER_DEVICE", global = true)]
    max_requests_per_device: Option<usize>,
    /// Enrollment attempts one network address may make per minute (429 past it).
    #[arg(long, env = "TOURNEE_ENROLLMENTS_PER_MINUTE", global = true)]
    enrollments_per_minute: Option<u32>,
    /// Serve HTTPS with this certificate chain (PEM, leaf first); reloaded on SIGHUP.
    #[arg(long, env = "TOURNEE_TLS_CERT", requires = "tls_key", global = true)]
    tls_cert: Option<PathBuf>,
    /// The private key of --tls-cert (PEM); reloaded on SIGHUP.
    #[arg(long, env = "TOURNEE_TLS_KEY", requires = "tls_cert", global = true)]
    tls_key: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve (the default).
    Serve,
    /// Print a new admin token (creating the organisation and its admin on a new data directory).
    AdminToken,
    /// Copy the data directory's database to FILE, consistently, while the server runs.
    Backup {
        /// The backup file to write (a new file: never overwritten).
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
    },
    /// Put a backup in place in the data directory (the server stopped); the database found there,
    /// if any, is kept beside it. Devices then send again what the backup lacks.
    Restore {
        /// A file written by `backup`.
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
    },
    /// Copy the data directory's database into the empty PostgreSQL database of --database-url
    /// (the server stopped). Devices keep syncing, without enrolling again, through a server
    /// started on that database at the same address.
    CopyToPostgres,
    /// After restoring the PostgreSQL database of --database-url from a dump (the servers
    /// stopped): devices that synced after the dump then send again what it lacks.
    NewHistory,
    /// Read now the rows of every document not yet projected, which a running server does when
    /// its cores are idle, so that devices' first syncs receive them (see PROTOCOL.md).
    Project,
}

fn main() -> ExitCode {
    tune_allocator();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("TOURNEE_LOG").unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    // One log line per panic, without its message (which may quote data). automerge panics on some
    // malformed uploads; those are contained and refused with 422, anything else is a bug.
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        tracing::error!(%at, "panic");
    }));
    let cli = Cli::parse();
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::AdminToken => tournee_sync_server::issue_admin_token(&StorageChoice::new(
            &cli.data_dir,
            cli.database_url.as_deref(),
        ))
        .map(|token| println!("{token}")),
        Command::Backup { .. } | Command::Restore { .. } if cli.database_url.is_some() => {
            Err(tournee_sync_server::ServerError::Api(
                "backup and restore are for the data directory's database; a PostgreSQL database is backed up \
                 and restored with its own tools (pg_dump, pg_restore)"
                    .into(),
            ))
        }
        Command::Backup { to } => tournee_sync_server::backup(&cli.data_dir, &to)
            .map(|()| println!("backup written to {}", to.display())),
        Command::Restore { from } => tournee_sync_server::restore(&from, &cli.data_dir).map(|kept| {
            if let Some(kept) = kept {
                println!("the database found there was kept as {}", kept.display());
            }
            println!("restored {} into {}", from.display(), cli.data_dir.display());
        }),
        Command::CopyToPostgres => match &cli.database_url {
            None => Err(tournee_sync_server::ServerError::Api(
                "copy-to-postgres needs --database-url (or TOURNEE_DATABASE_URL)".into(),
            )),
            Some(url) => tournee_sync_server::copy_to_postgres(&cli.data_dir, url).map(|rows| {
                for (table, count) in rows {
                    println!("{table}: {count} rows");
                }
                println!("copied {} into PostgreSQL", cli.data_dir.display());
            }),
        },
        Command::NewHistory => match &cli.database_url {
            None => Err(tournee_sync_server::ServerError::Api(
                "new-history is for a PostgreSQL database (--database-url); `restore` does it for a data directory"
                    .into(),
            )),
            Some(url) => tournee_sync_server::new_history(url)
                .map(|()| println!("devices will send again what the restored database lacks")),
        },
        Command::Project => tournee_sync_server::project(&StorageChoice::new(
            &cli.data_dir,
            cli.database_url.as_deref(),
        ))
        .map(|count| println!("projected {count} documents")),
        Command::Serve => {
            let defaults = Limits::default();
            let limits = Limits {
                max_requests_per_device: cli
                    .max_requests_per_device
                    .unwrap_or(defaults.max_requests_per_device),
                enrollments_per_minute: cli.enrollments_per_minute.unwrap_or(defaults.enrollments_per_minute),
                ..defaults
            };
            let tls = match (cli.tls_cert, cli.tls_key) {
                (Some(cert), Some(key)) => Some(TlsFiles { cert, key }),
                _ => None,
            };
            serve(Config {
                listen: cli.listen,
                data_dir: cli.data_dir,
                database: cli.database_url,
                limits,
                tls,
            })
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tournee-sync-server: {e}");
            ExitCode::FAILURE
        }
    }
}

fn serve(config: Config) -> Result<(), tournee_sync_server::ServerError> {
    let runtime = tokio::runtime::Runtime::new().map_err(tournee_sync_server::ServerError::Serve)?;
    runtime.block_on(async {
        let mut server = Server::bind(config).await?;
        // Stdout carries only these lines, for people and scripts; logs go to stderr.
        if let Some(token) = server.bootstrap_admin_token() {
            println!("admin token: {token}");
            println!("(shown once; `tournee-sync-server admin-token` issues another)");
        }
        println!("listening on {}", server.local_addr()?);
        if let Some(reloader) = server.tls_reloader() {
            tokio::spawn(reload_on_hangup(reloader));
        }
        server.run(shutdown_signal()).await
    })
}

/// SIGHUP reads the certificate and key again (after a renewal); a pair that cannot be used is
/// logged and the one served so far stays.
async fn reload_on_hangup(reloader: tournee_sync_server::TlsReloader) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let Ok(mut hangup) = signal(SignalKind::hangup()) else {
            tracing::warn!("SIGHUP cannot be watched: the certificate reloads only on restart");
            return;
        };
        while hangup.recv().await.is_some() {
            match reloader.reload() {
                Ok(()) => tracing::info!("TLS certificate reloaded"),
                Err(e) => tracing::error!(error = %e, "TLS certificate not reloaded; the previous one stays"),
            }
        }
    }
    #[cfg(not(unix))]
    drop(reloader);
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    tracing::info!("shutting down");
}
