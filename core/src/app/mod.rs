//! The application layer every shell opens: the FFI and the CLI wrap it rather than each holding
//! its own copy. It starts with where a device keeps its data ([`DeviceHome`]); the device session
//! and the operations a person does are to move here next (see the issue "One core for every
//! shell").

mod home;

pub use home::DeviceHome;
