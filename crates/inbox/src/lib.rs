//! jianfu-inbox: the reference receiver of survey responses and sealed
//! reports, as a library. The `jianfu inbox` command runs it, `jianfu open
//! --db` and `jianfu tally --db` read its store, and `cargo xtask serve`
//! mounts the very same router at `/inbox/` for the demo.
//!
//! - [`server`]: the routes, their checks and refusals;
//! - [`store`]: the store the routes are given ([`store::Store`]) and its
//!   SQLite implementation (no arrival order, durable before 2xx);
//! - [`conn`]: accepting connections with idle timeouts and a cap;
//! - [`issuer`]: survey tokens' issuer (key file, codes, `POST /issue`);
//! - [`limit`]: the rate limits that answer 429 with `Retry-After`;
//! - [`cases`]: cases officers share, with their history (#30);
//! - [`clock`]: the one place the inbox reads the date.

pub mod cases;
pub mod clock;
pub mod conn;
pub mod issuer;
pub mod limit;
pub mod server;
pub mod store;
