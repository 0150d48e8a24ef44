//! Backups of the embedded database, taken while the server runs, and their restore.
//!
//! `VACUUM INTO` copies the database as one read transaction sees it: consistent, whatever the
//! uploads committing meanwhile (WAL lets them go on), and compacted. Every copy gets a history id
//! of its own, so the devices that synced after the backup notice that the server went back in
//! time, and send again what it lost.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::sqlite::{migrate, open_connection, FILE_NAME};
use super::{Result, StorageError};

/// Writes a consistent copy of `data_dir`'s database to `to`, which must not exist yet.
pub fn backup(data_dir: &Path, to: &Path) -> Result<()> {
    let source = data_dir.join(FILE_NAME);
    if !source.exists() {
        return Err(StorageError::NotFound("database in the data directory"));
    }
    if to.exists() {
        return Err(StorageError::Backup(format!("{} already exists; choose a new file", to.display())));
    }
    let conn = open_connection(&source)?;
    conn.execute("VACUUM INTO ?1", [path_text(to)?])?;
    drop(conn);
    new_history(to)
}

/// Puts the backup `from` in place as `data_dir`'s database, the server being stopped (refused
/// while it runs). A database already there is kept beside it (with its WAL) under a name
/// returned here.
pub fn restore(from: &Path, data_dir: &Path) -> Result<Option<PathBuf>> {
    check_backup(from)?;
    std::fs::create_dir_all(data_dir).map_err(|e| io("cannot create the data directory", e))?;
    let target = data_dir.join(FILE_NAME);
    let kept = if target.exists() {
        refuse_if_in_use(&target, "restoring")?;
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let kept = data_dir.join(format!("{FILE_NAME}.before-restore-{stamp}"));
        if kept.exists() {
            return Err(StorageError::Backup(format!("{} already exists; try again", kept.display())));
        }
        for suffix in ["", "-wal", "-shm"] {
            let file = PathBuf::from(format!("{}{suffix}", target.display()));
            if file.exists() {
                let aside = PathBuf::from(format!("{}{suffix}", kept.display()));
                std::fs::rename(&file, &aside).map_err(|e| io("cannot set the current database aside", e))?;
            }
        }
        Some(kept)
    } else {
        None
    };
    // A fresh copy rather than the file itself: the backup stays as it was, usable again.
    let conn = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.execute("VACUUM INTO ?1", [path_text(&target)?])?;
    drop(conn);
    new_history(&target)?;
    Ok(kept)
}

/// Fails when a server has `database` open (`doing` says what waits for it to stop): a running
/// server holds it open, and taking it exclusively then fails at once.
pub(super) fn refuse_if_in_use(database: &Path, doing: &str) -> Result<()> {
    let conn = Connection::open(database)?;
    conn.busy_timeout(std::time::Duration::ZERO)?;
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
    conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;").map_err(|_| {
        StorageError::Backup(format!("{} is in use: stop the server before {doing}", database.display()))
    })
}

/// Refuses a file that is not a sound Tournée server database before anything is moved.
fn check_backup(from: &Path) -> Result<()> {
    if !from.is_file() {
        return Err(StorageError::NotFound("backup file"));
    }
    let conn = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let not_a_backup = || StorageError::Backup(format!("{} is not a Tournée server backup", from.display()));
    let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(|_| not_a_backup())?;
    let has_documents: bool = conn
        .query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'documents'", [], |r| r.get(0))
        .map_err(|_| not_a_backup())?;
    if check != "ok" || !has_documents {
        return Err(not_a_backup());
    }
    Ok(())
}

/// Brings the copy to the current schema and gives it a history id of its own.
fn new_history(path: &Path) -> Result<()> {
    let mut conn = open_connection(path)?;
    migrate(&mut conn)?;
    conn.execute("UPDATE history SET id = randomblob(16)", [])?;
    Ok(())
}

fn path_text(path: &Path) -> Result<&str> {
    path.to_str().ok_or_else(|| StorageError::Backup(format!("{} is not a UTF-8 path", path.display())))
}

fn io(what: &str, e: std::io::Error) -> StorageError {
    StorageError::Backup(format!("{what}: {e}"))
}
