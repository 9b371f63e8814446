//! Cases a whole bureau shares (issue #30, docs/spec/cases-and-receipts.md):
//! each stored report's status, assignee and revision, changed only by
//! named officers, each change kept in an append-only history. Notes are
//! sealed to the bureau's key in the desk before they leave the browser;
//! the inbox stores them as they come, like the reports.
//!
//! A report no officer has touched has no row: it is `received`, revision
//! 0. A change names the revision the officer saw; if another officer
//! changed the case since, nothing is written and the caller gets the
//! current state and the history since (a 409): never a silent overwrite.

use jianfu_core::Date;
use jianfu_core::case::Status;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};

/// One case as the desk lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseState {
    /// The envelope's id.
    pub id: String,
    /// The day the inbox stored the report.
    pub received_on: String,
    /// Where it stands.
    pub status: Status,
    /// The officer it is given to, if any.
    pub assignee: Option<String>,
    /// 0 until the first change, then one more with each.
    pub revision: u64,
    /// The day of the last change, and who made it.
    pub updated: Option<(String, String)>,
}

impl CaseState {
    /// Its JSON form.
    pub fn to_value(&self) -> Value {
        json!({
            "id": self.id,
            "received_on": self.received_on,
            "status": self.status.as_str(),
            "assignee": self.assignee,
            "revision": self.revision,
            "updated_on": self.updated.as_ref().map(|(on, _)| on),
            "updated_by": self.updated.as_ref().map(|(_, by)| by),
        })
    }
}

/// One entry of a case's history.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseEvent {
    /// 1, 2, … within the case: the revision it made.
    pub seq: u64,
    /// The day (school time).
    pub on: String,
    /// The officer.
    pub officer: String,
    /// What changed: `status`, `assignee`, `note` (sealed), as sent.
    pub change: Value,
}

impl CaseEvent {
    /// Its JSON form: the change's fields beside `seq`, `on`, `officer`.
    pub fn to_value(&self) -> Value {
        let mut v = json!({"seq": self.seq, "on": self.on, "officer": self.officer});
        if let (Some(out), Some(change)) = (v.as_object_mut(), self.change.as_object()) {
            for (k, x) in change {
                out.insert(k.clone(), x.clone());
            }
        }
        v
    }
}

/// What an officer asks to change, on the revision they saw.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseChange {
    /// The case.
    pub id: String,
    /// The revision the officer's change is based on.
    pub revision: u64,
    /// A new status.
    pub status: Option<Status>,
    /// A new assignee (`Some(None)`: nobody).
    pub assignee: Option<Option<String>>,
    /// A note, sealed to the bureau's key (`jianfu.note/1` envelope).
    pub note: Option<Value>,
    /// A reply, sealed to the report's reply key (`jianfu.reply/1`).
    pub reply: Option<Value>,
}

impl CaseChange {
    /// What the history keeps of it.
    fn recorded(&self) -> Value {
        let mut v = serde_json::Map::new();
        if let Some(s) = self.status {
            v.insert("status".into(), json!(s.as_str()));
        }
        if let Some(a) = &self.assignee {
            v.insert("assignee".into(), json!(a));
        }
        if let Some(n) = &self.note {
            v.insert("note".into(), n.clone());
        }
        if let Some(r) = &self.reply {
            v.insert("reply".into(), r.clone());
        }
        Value::Object(v)
    }

    /// Whether it changes anything at all.
    pub fn is_empty(&self) -> bool {
        self.status.is_none()
            && self.assignee.is_none()
            && self.note.is_none()
            && self.reply.is_none()
    }
}

/// What a change did.
#[derive(Debug, Clone, PartialEq)]
pub enum Changed {
    /// Applied: the new state.
    Done(CaseState),
    /// Another officer changed the case after the revision given: the
    /// current state and what happened since. Nothing was written.
    Conflict(CaseState, Vec<CaseEvent>),
    /// No stored report has that id.
    NoSuchCase,
}

/// The tables (schema version 4), created when missing.
pub(crate) const SCHEMA_SQL: &str = "
    CREATE TABLE IF NOT EXISTS officers (
        name TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE,
        added_on TEXT NOT NULL, removed_on TEXT) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS cases (
        id TEXT PRIMARY KEY, status TEXT NOT NULL, assignee TEXT,
        revision INTEGER NOT NULL, updated_on TEXT NOT NULL, updated_by TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS case_events (
        case_id TEXT NOT NULL, seq INTEGER NOT NULL, on_day TEXT NOT NULL,
        officer TEXT NOT NULL, change TEXT NOT NULL,
        PRIMARY KEY (case_id, seq)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS receipts (
        hash TEXT PRIMARY KEY, case_id TEXT NOT NULL) WITHOUT ROWID;";

/// The hash an officer's token is kept as.
pub fn token_hash(token: &str) -> String {
    crate::server::sha256_hex(&[b"jianfu.officer/1", token.trim().as_bytes()].concat())
}

/// Why an officer could not be added or removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfficerError {
    /// Empty, too long, or with control characters.
    BadName,
    /// The name is taken (now or by a removed officer: the history must
    /// keep naming one person).
    Taken(String),
    /// No current officer has that name.
    Unknown(String),
    /// The store failed.
    Store(String),
}

impl std::fmt::Display for OfficerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::BadName => f.write_str("a name is 1–40 characters, with no control characters"),
            Self::Taken(n) => write!(
                f,
                "the name \"{n}\" is taken (a removed officer's name stays theirs in the history)"
            ),
            Self::Unknown(n) => write!(f, "no current officer is called \"{n}\""),
            Self::Store(e) => write!(f, "the store: {e}"),
        }
    }
}

impl std::error::Error for OfficerError {}

impl From<rusqlite::Error> for OfficerError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(e.to_string())
    }
}

/// Adds officer `name` with a fresh token, returned once (the store keeps
/// only its hash).
pub fn add_officer(conn: &Connection, name: &str, on: Date) -> Result<String, OfficerError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 40 || name.chars().any(char::is_control) {
        return Err(OfficerError::BadName);
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| OfficerError::Store(e.to_string()))?;
    let token = jianfu_core::b64::encode(&bytes);
    let added = conn.execute(
        "INSERT OR IGNORE INTO officers (name, token_hash, added_on) VALUES (?1, ?2, ?3)",
        params![name, token_hash(&token), on.to_string()],
    )?;
    if added == 0 {
        return Err(OfficerError::Taken(name.to_owned()));
    }
    Ok(token)
}

/// Removes officer `name`: their token stops working; the history keeps
/// their name.
pub fn remove_officer(conn: &Connection, name: &str, on: Date) -> Result<(), OfficerError> {
    let n = conn.execute(
        "UPDATE officers SET removed_on = ?2 WHERE name = ?1 AND removed_on IS NULL",
        params![name.trim(), on.to_string()],
    )?;
    if n == 0 {
        return Err(OfficerError::Unknown(name.trim().to_owned()));
    }
    Ok(())
}

/// Every officer: name, the day added, the day removed.
pub fn officers(conn: &Connection) -> Result<Vec<(String, String, Option<String>)>, OfficerError> {
    let mut stmt = conn.prepare("SELECT name, added_on, removed_on FROM officers ORDER BY name")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    rows.collect::<Result<_, _>>().map_err(OfficerError::from)
}

/// The current officer whose token hashes to `hash`.
pub(crate) fn officer_by_hash(
    conn: &Connection,
    hash: &str,
) -> Result<Option<String>, rusqlite::Error> {
    conn.query_row(
        "SELECT name FROM officers WHERE token_hash = ?1 AND removed_on IS NULL",
        [hash],
        |r| r.get(0),
    )
    .optional()
}

const STATE_SQL: &str =
    "SELECT r.id, r.received_on, c.status, c.assignee, c.revision, c.updated_on, c.updated_by
     FROM reports r LEFT JOIN cases c ON c.id = r.id";

fn state_of(r: &rusqlite::Row<'_>) -> Result<CaseState, rusqlite::Error> {
    let status: Option<String> = r.get(2)?;
    let on: Option<String> = r.get(5)?;
    let by: Option<String> = r.get(6)?;
    Ok(CaseState {
        id: r.get(0)?,
        received_on: r.get(1)?,
        status: status
            .as_deref()
            .and_then(Status::parse)
            .unwrap_or_default(),
        assignee: r.get(3)?,
        revision: r
            .get::<_, Option<i64>>(4)?
            .map_or(0, |n| u64::try_from(n).unwrap_or(0)),
        updated: on.zip(by),
    })
}

/// Every stored report's case, in id order.
pub(crate) fn all(conn: &Connection) -> Result<Vec<CaseState>, rusqlite::Error> {
    let mut stmt = conn.prepare(&format!("{STATE_SQL} ORDER BY r.id"))?;
    let rows = stmt.query_map([], state_of)?;
    rows.collect()
}

/// One case, if its report is stored.
pub(crate) fn one(conn: &Connection, id: &str) -> Result<Option<CaseState>, rusqlite::Error> {
    conn.query_row(&format!("{STATE_SQL} WHERE r.id = ?1"), [id], state_of)
        .optional()
}

/// A case's history after revision `after`, oldest first.
pub(crate) fn history(
    conn: &Connection,
    id: &str,
    after: u64,
) -> Result<Vec<CaseEvent>, rusqlite::Error> {
    let mut stmt = conn.prepare(
        "SELECT seq, on_day, officer, change FROM case_events WHERE case_id = ?1 AND seq > ?2 ORDER BY seq",
    )?;
    let rows = stmt.query_map(params![id, i64::try_from(after).unwrap_or(i64::MAX)], |r| {
        let change: String = r.get(3)?;
        Ok(CaseEvent {
            seq: u64::try_from(r.get::<_, i64>(0)?).unwrap_or(0),
            on: r.get(1)?,
            officer: r.get(2)?,
            change: serde_json::from_str(&change).unwrap_or(Value::Null),
        })
    })?;
    rows.collect()
}

/// Applies `change` by `officer` on day `on`, in one immediate transaction,
/// if the case is still at the revision the officer saw.
pub(crate) fn apply(
    conn: &Connection,
    change: &CaseChange,
    officer: &str,
    on: Date,
) -> Result<Changed, rusqlite::Error> {
    let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
    let Some(current) = one(&tx, &change.id)? else {
        return Ok(Changed::NoSuchCase);
    };
    if current.revision != change.revision {
        let since = history(&tx, &change.id, change.revision)?;
        return Ok(Changed::Conflict(current, since));
    }
    let revision = current.revision + 1;
    let next = CaseState {
        status: change.status.unwrap_or(current.status),
        assignee: change.assignee.clone().unwrap_or(current.assignee),
        revision,
        updated: Some((on.to_string(), officer.to_owned())),
        ..current
    };
    let seq = i64::try_from(revision).unwrap_or(i64::MAX);
    tx.execute(
        "INSERT INTO cases (id, status, assignee, revision, updated_on, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET status = ?2, assignee = ?3, revision = ?4, updated_on = ?5, updated_by = ?6",
        params![next.id, next.status.as_str(), next.assignee, seq, on.to_string(), officer],
    )?;
    // The history only grows: a second event with the same (case, seq)
    // is refused by the key, never replaced.
    tx.execute(
        "INSERT INTO case_events (case_id, seq, on_day, officer, change) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![next.id, seq, on.to_string(), officer, change.recorded().to_string()],
    )?;
    tx.commit()?;
    Ok(Changed::Done(next))
}

/// The report a receipt hash was kept for.
pub(crate) fn receipt_owner(
    conn: &Connection,
    hash: &str,
) -> Result<Option<String>, rusqlite::Error> {
    conn.query_row(
        "SELECT case_id FROM receipts WHERE hash = ?1",
        [hash],
        |r| r.get(0),
    )
    .optional()
}

/// The case a receipt hash names, and the replies in its history.
pub(crate) fn by_receipt(
    conn: &Connection,
    hash: &str,
) -> Result<Option<(CaseState, Vec<Value>)>, rusqlite::Error> {
    let id = receipt_owner(conn, hash)?;
    let Some(id) = id else { return Ok(None) };
    let Some(state) = one(conn, &id)? else {
        return Ok(None);
    };
    let replies = history(conn, &id, 0)?
        .into_iter()
        .filter_map(|e| e.change.get("reply").cloned())
        .collect();
    Ok(Some((state, replies)))
}
