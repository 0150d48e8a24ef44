//! The entry object: where the app keeps its data, and whether this device is enrolled yet.

use std::sync::Arc;

use super::device::Device;
use super::error::TourneeError;
use crate::app::DeviceHome;
use crate::sync;

/// The app's data directory, holding this device's store once enrolled.
#[derive(uniffi::Object)]
pub struct Tournee {
    home: DeviceHome,
}

#[uniffi::export(async_runtime = "tokio")]
impl Tournee {
    /// `data_dir`: a directory private to the app (created when needed).
    #[uniffi::constructor]
    pub fn new(data_dir: String) -> Arc<Self> {
        Arc::new(Tournee { home: DeviceHome::new(data_dir) })
    }

    /// Whether [`open`](Self::open) will find an enrolled device (the app's first screen asks).
    pub fn is_enrolled(&self) -> Result<bool, TourneeError> {
        Ok(self.home.has_store() && sync::identity(&self.home.open_store()?)?.is_some())
    }

    /// Enrolls this device with the server at `server_url` using a one-time enrollment code from an
    /// admin, creating its store. Fails with `AlreadyEnrolled` when the directory holds one already.
    pub async fn enroll(
        &self,
        server_url: String,
        code: String,
        device_name: String,
    ) -> Result<Arc<Device>, TourneeError> {
        let store = Arc::new(self.home.open_store()?);
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
        if !self.home.has_store() {
            return Err(TourneeError::NotEnrolled { reason: "this device is not enrolled yet".into() });
        }
        Device::new(Arc::new(self.home.open_store()?))
    }
}
