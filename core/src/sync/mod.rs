//! Sync: the protocol shared by the server and the device ([`wire`] for the binary bodies of
//! `POST /v1/sync`, [`api`] for enrollment and administration), the device's side as a state
//! machine with no I/O ([`Session`]), and its HTTP transport ([`SyncClient`], feature `transport`).
//!
//! See `sync-server/PROTOCOL.md` for the whole exchange.

pub mod api;
mod link;
mod session;
#[cfg(feature = "transport")]
mod transport;
#[cfg(feature = "transport")]
mod trust;
pub mod wire;

pub use link::EnrollmentLink;
pub use session::{Received, Session, SyncOptions, SyncReport};
#[cfg(all(test, feature = "transport"))]
pub(crate) use transport::said as transport_said;
#[cfg(feature = "transport")]
pub use transport::{enroll, identity, AdminClient, DeviceIdentity, SyncClient, SyncError, SyncErrorKind};
#[cfg(feature = "transport")]
pub use trust::trust_server_ca;
