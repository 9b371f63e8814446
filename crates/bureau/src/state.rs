//! The page's one state owner for reports: the cases (stored on the
//! device, still sealed), the lines that were not envelopes, and the key
//! (memory only). What the key opens is derived here and never stored.
//!
//! Writes follow the app's rule: write, wait for the commit, then change
//! the state ([`put`] before [`Change::Added`] / [`Change::Updated`]), so
//! what the page shows as saved is on the device.

use std::collections::BTreeMap;
use std::rc::Rc;

use jianfu_core::case::{BadLine, Case};
use jianfu_core::envelope::OpenError;
use jianfu_core::{PrivateKey, Report};
use jianfu_web::idb::{Db, Migration, StorageError, Write};
use yew::Reducible;

/// The bureau page's IndexedDB database.
pub const DB_NAME: &str = "jianfu-bureau";
/// Cases by envelope id, as `jianfu_core::case::Case` JSON.
pub const CASES: &str = "cases";

/// v1: `cases`.
pub static MIGRATIONS: [Migration; 1] = [&[CASES]];

/// The loaded key: the secret and its public fingerprint (shown so that
/// staff can tell which bureau key is in use).
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    /// The private key, in memory only.
    pub secret: Rc<PrivateKey>,
    /// The public key's short fingerprint.
    pub fingerprint: String,
}

/// What opening a case gave: the report (with a category code this build
/// does not know), or why it did not open.
pub type Opened = Result<(Report, Option<String>), OpenError>;

/// The reports side of the page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Desk {
    /// Every case, by envelope id.
    pub cases: BTreeMap<String, Case>,
    /// Lines that were not envelopes, from the last loads.
    pub bad: Vec<BadLine>,
    /// The key, for this session only.
    pub key: Option<Key>,
    /// Each case opened with the key (empty without one).
    pub opened: BTreeMap<String, Opened>,
    /// Whether the stored cases have been read.
    pub loaded: bool,
}

/// Every change to the desk.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// The stored cases were read.
    Loaded(Vec<Case>),
    /// New cases (already stored) and the lines that were not envelopes.
    Added(Vec<Case>, Vec<BadLine>),
    /// A case's status or note changed (already stored).
    Updated(Case),
    /// The key was loaded, or forgotten (`None`).
    Key(Option<Key>),
}

impl Desk {
    fn open_all(&mut self) {
        self.opened = match &self.key {
            None => BTreeMap::new(),
            Some(key) => self
                .cases
                .values()
                .map(|c| (c.id.clone(), c.open(&key.secret)))
                .collect(),
        };
    }

    fn open_one(&mut self, case: &Case) {
        if let Some(key) = &self.key {
            self.opened.insert(case.id.clone(), case.open(&key.secret));
        }
    }

    /// The report of a case, when the key opened it.
    pub fn report(&self, id: &str) -> Option<&Report> {
        self.opened
            .get(id)
            .and_then(|o| o.as_ref().ok())
            .map(|(r, _)| r)
    }
}

impl Reducible for Desk {
    type Action = Change;

    fn reduce(self: Rc<Self>, action: Change) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Change::Loaded(cases) => {
                s.cases = cases.into_iter().map(|c| (c.id.clone(), c)).collect();
                s.loaded = true;
                s.open_all();
            }
            Change::Added(cases, bad) => {
                for case in cases {
                    s.open_one(&case);
                    s.cases.insert(case.id.clone(), case);
                }
                s.bad = bad;
            }
            Change::Updated(case) => {
                s.cases.insert(case.id.clone(), case);
            }
            Change::Key(key) => {
                s.key = key;
                s.open_all();
            }
        }
        Rc::new(s)
    }
}

/// Opens the page's database (in memory when IndexedDB is unavailable).
pub async fn open() -> Db {
    Db::open(DB_NAME, &MIGRATIONS).await
}

/// Every stored case; a damaged record is named, not dropped silently.
pub async fn load(db: &Db) -> Result<(Vec<Case>, Vec<String>), StorageError> {
    let rows = db.get_prefix(CASES, "").await?;
    let mut cases = Vec::new();
    let mut damaged = Vec::new();
    for (key, value) in rows {
        match serde_json::from_str::<Case>(&value) {
            Ok(c) => cases.push(c),
            Err(e) => damaged.push(format!("{key}: {e}")),
        }
    }
    Ok((cases, damaged))
}

/// Stores cases in one transaction, resolving once committed.
pub async fn put(db: &Db, cases: &[Case]) -> Result<(), StorageError> {
    let writes: Vec<Write> = cases
        .iter()
        .map(|c| Write::Put {
            store: CASES,
            key: c.id.clone(),
            value: serde_json::to_string(c).unwrap_or_default(),
        })
        .collect();
    if writes.is_empty() {
        return Ok(());
    }
    db.write(&writes).await
}
