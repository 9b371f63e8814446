//! The library half of jianfu-cli: the reference inbox, so that
//! `cargo xtask serve` can mount the very same server at `/inbox/` for the
//! demo. Everything else of the CLI lives in the `jianfu` binary.

pub mod conn;
pub mod inbox;
pub mod inbox_store;
