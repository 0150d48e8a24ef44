//! The entry object: where the app keeps its data, and whether this device is enrolled yet.

use std::path::PathBuf;
use std::sync::Arc;

use super::device::Device;
use super::error::TourneeError;
use crate::store::Store;
use crate::sync;

/// The store's file inside the app's data directory.
const STORE_FILE: &str = "tournee.sqlite3";

/// The app's data directory, holding this device's store once enrolled.
#[derive(uniffi::Object)]
pub struct Tournee {
    data_dir: PathBuf,
}

#[uniffi::export(async_runtime = "tokio")]
impl Tournee {
    /// `data_dir`: a directory private to the app (created when needed).
    #[uniffi::constructor]
    pub fn new(data_dir: String) -> Arc<Self> {
        Arc::new(Tournee { data_dir: data_dir.into() })
    }

    /// Whether [`open`](Self::open) will find an enrolled device (the app's first screen asks).
    pub fn is_enrolled(&self) -> Result<bool, TourneeError> {
        Ok(self.store_path().exists() && sync::identity(&Store::open(self.store_path())?)?.is_some())
    }

    /// Enrolls this device with the server at `server_url` using a one-time enrollment code from an
    /// admin, creating its store. Fails with `AlreadyEnrolled` when the directory holds one already.
    pub async fn enroll(
        &self,
        server_url: String,
        code: String,
        device_name: String,
    ) -> Result<Arc<Device>, TourneeError> {
        std::fs::create_dir_all(&self.data_dir).map_err(|e| TourneeError::Storage {
            reason: format!("cannot create the data directory: {e}"),
        })?;
        let store = Arc::new(Store::open(self.store_path())?);
        if sync::identity(&store)?.is_some() {
            return Err(TourneeError::AlreadyEnrolled {
                reason: "this device is already enrolled; open it instead".into(),
            });
        }
        sync::enroll(&store, &server_url, &code, &device_name).await?;
        Device::new(store)
    }

    /// Opens the store of the device enrolled in this directory.
    pub fn open(&self) -> Result<Arc<Device>, TourneeError> {
        if !self.store_path().exists() {
            return Err(TourneeError::NotEnrolled { reason: "this device is not enrolled yet".into() });
        }
        Device::new(Arc::new(Store::open(self.store_path())?))
    }
}

impl Tournee {
    fn store_path(&self) -> PathBuf {
        self.data_dir.join(STORE_FILE)
    }
}
