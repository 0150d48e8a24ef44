//! This laptop as a device: its store in the data directory, who it acts for, and finding the
//! account a rep means from an id or a few words of its name.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tournee_core::app::DeviceHome;
use tournee_core::model::Account;
use tournee_core::store::Store;
use tournee_core::sync::{identity, DeviceIdentity};

use crate::error::{CliError, Result};

/// `--data-dir` (or `TOURNEE_HOME`), else `tournee` in the user's data directory.
pub fn data_dir(flag: Option<PathBuf>) -> Result<PathBuf> {
    flag.or_else(|| dirs::data_dir().map(|d| d.join("tournee"))).ok_or(CliError::NoDataDir)
}

pub struct Device {
    pub store: Arc<Store>,
    pub path: PathBuf,
}

impl Device {
    /// Opens (creating if needed) the store in `dir`, where the apps keep theirs too.
    pub fn open(dir: &Path) -> Result<Device> {
        let home = DeviceHome::new(dir);
        Ok(Device { store: Arc::new(home.open_store()?), path: home.store_path() })
    }

    /// Who this device acts for; an error when it was never enrolled.
    pub fn me(&self) -> Result<DeviceIdentity> {
        identity(&self.store)?.ok_or(CliError::NotEnrolled)
    }

    /// The account `text` names: an id, or words matching exactly one account (or one whose name
    /// is exactly `text`). `field` is the option it came from, for the error.
    pub fn find_account(&self, field: &str, text: &str) -> Result<Account> {
        if let Ok(account) = self.store.account(text.trim()) {
            return Ok(account);
        }
        let mut found = self.store.search_accounts(text, 10)?;
        if found.len() > 1 {
            if let Some(exact) = found.iter().position(|a| a.name.eq_ignore_ascii_case(text.trim())) {
                found = vec![found.swap_remove(exact)];
            }
        }
        match found.len() {
            0 => Err(CliError::NotFound { field: field.to_owned(), value: text.to_owned() }),
            1 => Ok(self.store.account(&found[0].id)?),
            _ => Err(CliError::Ambiguous {
                field: field.to_owned(),
                value: text.to_owned(),
                candidates: found,
            }),
        }
    }
}
