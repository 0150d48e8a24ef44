//! This laptop as a device: its data directory (where the apps keep theirs too), its session, and
//! the account a rep means when they type an id or a few words of its name.

use std::path::PathBuf;

use tournee_core::app::{AccountMatch, DeviceHome, Session};
use tournee_core::model::Account;

use crate::error::{CliError, Result};

/// `--data-dir` (or `TOURNEE_HOME`), else `tournee` in the user's data directory.
pub fn home(flag: Option<PathBuf>) -> Result<DeviceHome> {
    let dir = flag.or_else(|| dirs::data_dir().map(|d| d.join("tournee"))).ok_or(CliError::NoDataDir)?;
    Ok(DeviceHome::new(dir))
}

/// The account `text` names (see [`Session::find_account`]); `field` is the option it came from,
/// for the error.
pub fn find_account(session: &Session, field: &str, text: &str) -> Result<Account> {
    match session.find_account(text)? {
        AccountMatch::Found { account } => Ok(account),
        AccountMatch::NotFound => Err(CliError::NotFound { field: field.to_owned(), value: text.to_owned() }),
        AccountMatch::Ambiguous { candidates } => {
            Err(CliError::Ambiguous { field: field.to_owned(), value: text.to_owned(), candidates })
        }
    }
}

/// A tokio runtime for the commands that talk to a server.
pub fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| CliError::Io { path: "tokio".into(), source: e })
}
