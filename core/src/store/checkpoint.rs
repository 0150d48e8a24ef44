//! The write-ahead log is copied back into the database file (a checkpoint) on a thread of its
//! own, not by the commit that filled it. SQLite's automatic checkpoint runs inside the commit
//! that passes its threshold: a first sync's writer spent about a seventh of its time copying
//! pages, and every 8,192 pages a visit being saved waited for the copy. Here the writer's commit
//! only wakes the thread, which copies what it can without waiting for anyone (`PASSIVE`), while
//! the writer goes on, on the core that preparing documents leaves free.
//!
//! Durability is unchanged: a commit still returns once its pages are in the log on disk
//! (`synchronous=FULL`); a checkpoint only moves them. If the thread falls behind, the commit that
//! finds the log past [`BACKSTOP_PAGES`] checkpoints itself, as SQLite would have, so the log
//! stays bounded.

use std::ffi::c_int;
use std::path::Path;
use std::sync::mpsc::{sync_channel, SyncSender};
use std::thread::JoinHandle;

use rusqlite::hooks::Wal;
use rusqlite::wal::CheckpointMode;
use rusqlite::Connection;

use crate::error::Result;

/// Pages in the log past which a commit wakes the thread (32 MB, the threshold SQLite's automatic
/// checkpoint had, `schema::PRAGMAS`).
const WAKE_PAGES: c_int = 8192;
/// Pages in the log past which a commit checkpoints itself: the thread could not catch up (the
/// log restarts only once a checkpoint copied all of it between two commits).
const BACKSTOP_PAGES: c_int = 4 * WAKE_PAGES;

/// The checkpointing thread and its connection. Dropped before the writer's connection, which
/// then folds what is left of the log into the file as it closes.
pub(super) struct Checkpointer {
    wake: SyncSender<bool>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Starts the thread on a connection of its own to the store at `path`, and has `writer`'s
    /// commits wake it instead of checkpointing. `None` if no thread could be started: the
    /// commits then checkpoint themselves, as before.
    pub(super) fn start(path: &Path, writer: &mut Connection) -> Result<Option<Checkpointer>> {
        let conn = Connection::open(path)?;
        // `true`: checkpoint; `false`: the store closes.
        let (wake, woken) = sync_channel::<bool>(1);
        let spawned = std::thread::Builder::new().name("store-checkpoint".into()).spawn(move || {
            while let Ok(true) = woken.recv() {
                // Busy (the writer's backstop is at it) or failed: the next commit wakes it again.
                if let Err(e) = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
                    tracing::debug!("checkpoint deferred: {e}");
                }
            }
        });
        let thread = match spawned {
            Ok(thread) => thread,
            Err(e) => {
                tracing::warn!("commits checkpoint themselves: no thread ({e})");
                return Ok(None);
            }
        };
        let commits = wake.clone();
        writer.wal_hook(Some(move |wal: &mut Wal, pages: c_int| {
            if pages >= BACKSTOP_PAGES {
                // The commit has happened whatever this returns: a busy checkpoint is the thread's.
                let _ = wal.checkpoint_v2(CheckpointMode::PASSIVE);
            } else if pages >= WAKE_PAGES {
                let _ = commits.try_send(true); // full: a wake-up is already waiting
            }
            Ok(())
        }))?;
        Ok(Some(Checkpointer { wake, thread: Some(thread) }))
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        let _ = self.wake.send(false);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use crate::store::Store;

    /// 48 MB written in 1 MB commits: past the wake-up threshold, short of the backstop. The thread
    /// copies the log into the file (SQLite's own checkpoint is off: nothing else would), and the
    /// log stays bounded.
    #[test]
    fn the_log_is_copied_into_the_file_by_the_thread_and_stays_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.sqlite3");
        let store = Store::open(&path).unwrap();
        let wal = path.with_extension("sqlite3-wal");
        let blob = vec![7u8; 1 << 20];
        {
            let side = store.writer().unwrap();
            side.conn.execute_batch("CREATE TABLE scratch (bytes BLOB NOT NULL)").unwrap();
            for _ in 0..48 {
                side.conn.execute("INSERT INTO scratch (bytes) VALUES (?1)", [&blob]).unwrap();
                let log = std::fs::metadata(&wal).map_or(0, |m| m.len());
                assert!(log <= (super::BACKSTOP_PAGES as u64 + 300) * 4096, "the log grew to {log} bytes");
            }
        }
        // Waits for the thread (a test of what happens, not of how fast): the file holds at
        // least the 32 MB that woke it.
        let started = Instant::now();
        let in_file = || std::fs::metadata(&path).unwrap().len();
        while in_file() < 32 << 20 && started.elapsed() < Duration::from_secs(60) {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(in_file() >= 32 << 20, "the file holds {} bytes", in_file());
        drop(store);
        assert!(!wal.exists(), "a closed store is one file");
        let count: i64 = rusqlite::Connection::open(&path)
            .unwrap()
            .query_row("SELECT count(*) FROM scratch", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count, 48);
    }
}
