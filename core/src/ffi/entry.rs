//! The entry object: where the app keeps its data, and whether this device is enrolled yet.

use std::sync::Arc;

use super::device::Device;
use super::error::TourneeError;
use crate::app::DeviceHome;
use crate::i18n::Lang;

/// The app's data directory, holding this device's store once enrolled.
#[derive(uniffi::Object)]
pub struct Tournee {
    home: DeviceHome,
    /// The language of error messages, handed to the device opened.
    lang: Lang,
}

#[uniffi::export(async_runtime = "tokio")]
impl Tournee {
    /// `data_dir`: a directory private to the app (created when needed); `lang`: the language of
    /// the messages of the errors returned (see [`Device::set_language`] to change it later).
    #[uniffi::constructor]
    pub fn new(data_dir: String, lang: Lang) -> Arc<Self> {
        Arc::new(Tournee { home: DeviceHome::new(data_dir), lang })
    }

    /// Whether [`open`](Self::open) will find an enrolled device (the app's first screen asks).
    pub fn is_enrolled(&self) -> Result<bool, TourneeError> {
        self.home.is_enrolled().map_err(|e| TourneeError::from_core(e, self.lang))
    }

    /// Enrolls this device with the server at `server_url` using a one-time enrollment code from an
    /// admin, creating its store. Fails with `AlreadyEnrolled` when the directory holds one already.
    /// `ca_pem`: the company's private certificate authority (PEM text) when its server's
    /// certificate is not from a public one; kept and trusted for this server from then on.
    #[uniffi::method(default(ca_pem = None))]
    pub async fn enroll(
        &self,
        server_url: String,
        code: String,
        device_name: String,
        ca_pem: Option<String>,
    ) -> Result<Arc<Device>, TourneeError> {
        let session = self
            .home
            .enroll(&server_url, &code, &device_name, ca_pem.as_deref().map(str::as_bytes))
            .await
            .map_err(|e| TourneeError::from_sync(e, self.lang))?;
        Ok(Device::new(session, self.lang))
    }

    /// Opens the store of the device enrolled in this directory.
    pub fn open(&self) -> Result<Arc<Device>, TourneeError> {
        let session = self.home.open().map_err(|e| TourneeError::from_sync(e, self.lang))?;
        Ok(Device::new(session, self.lang))
    }
}
