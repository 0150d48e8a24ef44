//! The embedded storage's reader connections: at most [`MAX_READERS`] open at once, kept open, and
//! a read that finds them all busy waits for one to come back.
//!
//! Opening a connection parses the whole schema and sets its pragmas. When the pool opened one for
//! every read beyond its idle connections and closed it after, 500 devices syncing at once spent
//! 28 % of the server's CPU opening and closing connections (`perf record` of the server over
//! `tournee-bench --at-once-only`).

use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};

use rusqlite::Connection;

use super::sqlite::open_connection;
use super::{Result, StorageError};

/// How many readers may be open at once. Reads use the CPU, rarely the disk (the database stays
/// in the page cache), so more readers than a few per core only add waiting threads; 8 also keeps
/// the readers' page caches (2 MB each at most) small beside the server's budget.
pub(super) const MAX_READERS: usize = 8;

#[derive(Default)]
struct State {
    idle: Vec<Connection>,
    /// Connections open, idle or lent.
    open: usize,
}

pub(super) struct Readers {
    path: PathBuf,
    state: Mutex<State>,
    returned: Condvar,
}

impl Readers {
    pub fn new(path: &Path) -> Self {
        Readers { path: path.to_owned(), state: Mutex::default(), returned: Condvar::new() }
    }

    /// Runs `f` on a reader: an idle one, a new one while fewer than [`MAX_READERS`] are open, or
    /// the next one returned. `f` must not read through this pool again (it could wait for itself).
    pub fn with<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let lent = Lent { readers: self, conn: Some(self.take()?) };
        f(lent.conn.as_ref().expect("held until dropped"))
    }

    fn take(&self) -> Result<Connection> {
        let mut state = self.state.lock().map_err(|_| StorageError::Poisoned)?;
        loop {
            if let Some(conn) = state.idle.pop() {
                return Ok(conn);
            }
            if state.open < MAX_READERS {
                state.open += 1;
                drop(state);
                return open_connection(&self.path).inspect_err(|_| self.forget_one());
            }
            state = self.returned.wait(state).map_err(|_| StorageError::Poisoned)?;
        }
    }

    /// A connection that failed to open, or was dropped, leaves room for another.
    fn forget_one(&self) {
        if let Ok(mut state) = self.state.lock() {
            state.open -= 1;
        }
        self.returned.notify_one();
    }
}

/// A reader lent to one read: back to the idle ones when the read ends, or closed if it panicked
/// (it may be mid-statement), so the pool never waits for a connection gone with a panic.
struct Lent<'r> {
    readers: &'r Readers,
    conn: Option<Connection>,
}

impl Drop for Lent<'_> {
    fn drop(&mut self) {
        let Some(conn) = self.conn.take() else { return };
        if std::thread::panicking() {
            drop(conn);
            self.readers.forget_one();
            return;
        }
        if let Ok(mut state) = self.readers.state.lock() {
            state.idle.push(conn);
        }
        self.readers.returned.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Barrier;

    use super::*;

    #[test]
    fn reads_at_once_beyond_the_limit_wait_and_share_the_open_connections() {
        let dir = tempfile::tempdir().unwrap();
        let readers = Readers::new(&dir.path().join("db.sqlite3"));
        let threads = MAX_READERS * 3;
        let (busy, most_busy) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let start = Barrier::new(threads);
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| {
                    start.wait();
                    readers
                        .with(|conn| {
                            let now = busy.fetch_add(1, Ordering::SeqCst) + 1;
                            most_busy.fetch_max(now, Ordering::SeqCst);
                            std::thread::sleep(std::time::Duration::from_millis(20));
                            busy.fetch_sub(1, Ordering::SeqCst);
                            Ok(conn.query_row("SELECT 1", [], |r| r.get::<_, i64>(0))?)
                        })
                        .unwrap();
                });
            }
        });
        let most_busy = most_busy.load(Ordering::SeqCst);
        assert!(most_busy <= MAX_READERS, "{most_busy} readers at once");
        assert!(most_busy > 1, "the reads ran side by side");
        let state = readers.state.lock().unwrap();
        assert!(state.open <= MAX_READERS);
        assert_eq!(state.idle.len(), state.open, "every reader opened is kept for the next reads");
    }

    #[test]
    fn a_read_that_panics_leaves_its_place_to_others() {
        let dir = tempfile::tempdir().unwrap();
        let readers = Readers::new(&dir.path().join("db.sqlite3"));
        for _ in 0..MAX_READERS + 1 {
            let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                readers.with(|_| -> Result<()> { panic!("a bug in a read") })
            }));
            assert!(panicked.is_err());
        }
        assert_eq!(
            readers.with(|conn| Ok(conn.query_row("SELECT 2", [], |r| r.get::<_, i64>(0))?)).unwrap(),
            2
        );
        assert_eq!(readers.state.lock().unwrap().open, 1);
    }

    #[test]
    fn a_reader_that_fails_to_open_leaves_its_place() {
        let dir = tempfile::tempdir().unwrap();
        // A directory cannot be opened as a database.
        let readers = Readers::new(dir.path());
        for _ in 0..MAX_READERS + 1 {
            assert!(readers.with(|_| Ok(())).is_err());
        }
        assert_eq!(readers.state.lock().unwrap().open, 0);
    }
}
