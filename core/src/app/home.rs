//! Where a device keeps its data: one directory and one store file, whatever the shell.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Session;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::sync::{self, SyncError};

/// The store's file inside a device's data directory.
pub const STORE_FILE: &str = "tournee.sqlite3";
/// What the `tournee` CLI named its store before the shells shared this; renamed when opened.
const EARLIER_CLI_STORE: &str = "device.sqlite3";

/// A device's data directory.
#[derive(Debug, Clone)]
pub struct DeviceHome {
    dir: PathBuf,
}

impl DeviceHome {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        DeviceHome { dir: dir.into() }
    }

    pub fn store_path(&self) -> PathBuf {
        self.dir.join(STORE_FILE)
    }

    /// Whether a store exists here (enrolled or not).
    pub fn has_store(&self) -> bool {
        self.store_path().exists() || self.dir.join(EARLIER_CLI_STORE).exists()
    }

    /// Opens the store, creating the directory and the store when needed.
    pub fn open_store(&self) -> Result<Store> {
        std::fs::create_dir_all(&self.dir)
            .map_err(|source| Error::DataDir { path: self.dir.clone(), source })?;
        self.adopt_earlier_cli_store()?;
        Store::open(self.store_path())
    }

    /// Whether [`open`](Self::open) will find an enrolled device (an app's first screen asks).
    pub fn is_enrolled(&self) -> Result<bool> {
        Ok(self.has_store() && sync::identity(&self.open_store()?)?.is_some())
    }

    /// The session of the device enrolled here; `NotEnrolled` when there is none.
    pub fn open(&self) -> Result<Session, SyncError> {
        if !self.has_store() {
            return Err(SyncError::NotEnrolled);
        }
        Session::new(Arc::new(self.open_store()?))
    }

    /// Enrolls this device with the server at `server_url` using a one-time code from an admin,
    /// creating its store; `AlreadyEnrolled` when this directory holds an enrolled device.
    /// `ca_pem`: a company's private certificate authority (PEM) to trust for this server.
    pub async fn enroll(
        &self,
        server_url: &str,
        code: &str,
        device_name: &str,
        ca_pem: Option<&[u8]>,
    ) -> Result<Session, SyncError> {
        let store = Arc::new(self.open_store()?);
        if let Some(me) = sync::identity(&store)? {
            return Err(SyncError::AlreadyEnrolled { user_id: me.user_id });
        }
        sync::trust_server_ca(&store, ca_pem)?;
        sync::enroll(&store, server_url, code, device_name).await?;
        Session::new(store)
    }

    /// A store left by an earlier CLI under its old name becomes this directory's store, with its
    /// write-ahead log, so nothing it holds is left behind.
    fn adopt_earlier_cli_store(&self) -> Result<()> {
        let earlier = self.dir.join(EARLIER_CLI_STORE);
        if self.store_path().exists() || !earlier.exists() {
            return Ok(());
        }
        for suffix in ["-wal", "-shm", ""] {
            let from = with_suffix(&earlier, suffix);
            if from.exists() {
                std::fs::rename(&from, with_suffix(&self.store_path(), suffix))
                    .map_err(|source| Error::DataDir { path: self.dir.clone(), source })?;
            }
        }
        Ok(())
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Account, AccountKind};

    #[test]
    fn a_store_left_by_an_earlier_cli_is_adopted_with_its_data() {
        let dir = tempfile::tempdir().unwrap();
        let earlier = Store::open(dir.path().join(EARLIER_CLI_STORE)).unwrap();
        let account =
            earlier.save_account(&Account::new("Cave Lebrun", AccountKind::Client, "rep1")).unwrap();
        drop(earlier);

        let home = DeviceHome::new(dir.path());
        assert!(home.has_store());
        let store = home.open_store().unwrap();
        assert_eq!(store.account(&account.id).unwrap().name, "Cave Lebrun");
        assert!(!dir.path().join(EARLIER_CLI_STORE).exists());
        assert!(home.store_path().exists());
    }

    #[test]
    fn a_new_home_creates_its_directory() {
        let dir = tempfile::tempdir().unwrap();
        let home = DeviceHome::new(dir.path().join("a/b"));
        assert!(!home.has_store());
        home.open_store().unwrap();
        assert!(home.has_store());
    }
}
