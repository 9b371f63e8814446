//! jianfu-core: the one place where Jianfu's data formats, the national
//! homework and sleep rules and the privacy guarantees live.
//!
//! It is shared by the parent app (compiled to WebAssembly), the widget and
//! the `jianfu` CLI, so it knows nothing about the browser, the network or the
//! clock: callers hand it text and the current date, and it hands back typed
//! values, verdicts and errors that name the JSON path of every problem.

#![warn(missing_docs)]

pub mod after_school;
pub mod b64;
pub mod bureaus;
pub mod calendar;
pub mod case;
pub mod csv;
pub mod envelope;
pub mod evaluate;
pub mod feed;
pub mod invite;
pub mod json;
pub mod lang;
pub mod log;
pub mod monitor;
pub mod pow;
pub mod qr;
pub mod receipt;
pub mod report;
pub mod review;
pub mod rules;
pub mod stopwatch;
pub mod studio;
pub mod studio_service;
pub mod survey;
pub mod tally;
pub mod text;
pub mod time;
// Survey tokens; their RSA part is host only (see Cargo.toml).
pub mod token;
pub mod url;

pub use bureaus::Directory;
pub use envelope::{Envelope, KeyError, KeyFileError, PrivateKey, PublicKey};
pub use evaluate::{Evaluation, evaluate};
pub use feed::Feed;
pub use hpke::rand_core::CryptoRng;
pub use json::{Problem, Problems};
pub use lang::Lang;
pub use log::Log;
pub use report::{Category, Report};
pub use rules::{Grade, Rules};
pub use survey::{Response, Survey};
pub use text::Text;
pub use time::{Date, Instant, TimeOfDay, TimeZone};
pub use url::WebUrl;
