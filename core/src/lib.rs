//! Tournée's core: the field-sales domain, the offline store, the CRDT documents, sync and insights.
//!
//! Everything here is sans-I/O except the store (SQLite, on the device) and the sync transport.

#[cfg(feature = "transport")]
pub mod app;
pub mod compression;
pub mod dataio;
pub mod doc;
mod error;
#[cfg(feature = "ffi")]
pub mod ffi;
pub mod i18n;
pub mod insights;
pub mod model;
pub mod store;
pub mod sync;

pub use error::{Error, Result};

#[cfg(feature = "ffi")]
uniffi::setup_scaffolding!();
