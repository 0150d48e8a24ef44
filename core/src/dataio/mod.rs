//! A team's data in and out of a device: the client file read from a spreadsheet's CSV export
//! ([`table`], [`accounts`]), and sheets written back out as CSV ([`export`]). Values in, values out: the session decides what is written.

pub mod accounts;
pub mod export;
pub mod revenue;
pub mod table;
