//! The inbox's store: SQLite (bundled), `synchronous=FULL`, the file
//! created readable by its owner only (0600: survey free text is in it).
//!
//! One writer thread owns the connection and commits in groups: it takes
//! every submission waiting at that moment, inserts them in one
//! transaction, commits (one fsync), and only then answers each request.
//! So every 2xx is durable, and many requests share one fsync.
//!
//! Stored per submission: its id (`nonce` or envelope `id`), the survey id
//! for responses, the date it arrived (no time, no IP address, no user
//! agent), a digest of what the sender sent (so a different body under a
//! known id is refused, not taken for a retry) and the body. A report's
//! `enc` is stored once: the same ciphertext re-posted under a new id is a
//! replay, not a new report.
//!
//! **Nothing on disk tells the order submissions came in** (issue #26):
//! - the tables have no row numbers (`WITHOUT ROWID`, keyed by the random
//!   id), and exports are in id order;
//! - no write-ahead log: a WAL keeps every committed page as a frame, in
//!   commit order, until a checkpoint (the review rebuilt the order of 8
//!   responses from `inbox.sqlite-wal`). The rollback journal (`DELETE`)
//!   holds only the pages before one transaction and is deleted at its
//!   commit; `secure_delete` zeroes what is deleted;
//! - after every committed group the file is rewritten (`VACUUM`): SQLite
//!   fills a page's cells from its end in the order they are inserted and
//!   appends new pages as the file grows, so a cell's place would tell its
//!   turn. `VACUUM` copies every table in key order into a fresh file, so
//!   the same rows give the same bytes whatever order they came in (a test
//!   checks exactly that). It runs before the group is answered, and once
//!   more when the store opens (a crash between the commit and the rewrite).
//!   Its cost grows with the file (about 10 ms a megabyte here); under load
//!   groups grow and share it.

use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::sync::{Arc, Mutex, mpsc};

use jianfu_core::Date;
use rusqlite::{Connection, OptionalExtension, params};

use crate::cases::{self, CaseChange, CaseEvent, CaseState, Changed};
use crate::clock::Clock;

/// What a submission is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A `jianfu.response/1`.
    Response,
    /// A `jianfu.envelope/1`.
    Report,
}

/// One accepted submission, ready to store.
#[derive(Debug, Clone)]
pub struct Submission {
    /// Response or report.
    pub kind: Kind,
    /// `nonce` or envelope `id`: duplicates share it.
    pub id: String,
    /// For responses: the survey id.
    pub survey: Option<String>,
    /// For reports: the encapsulated key, stored once.
    pub enc: Option<String>,
    /// Hex SHA-256 of what the sender sent, in canonical form: a retry has
    /// the same, a squatter on a known id does not.
    pub digest: String,
    /// The JSON to store.
    pub body: String,
    /// For a token survey's response: the hash of its token message,
    /// marked spent in the same transaction as the response is stored.
    pub spent: Option<String>,
    /// For a report: the hash of its receipt code (base64url), kept with
    /// the report's id so the parent can ask for the case (#30).
    pub receipt: Option<String>,
}

/// What storing did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// New, and committed.
    New,
    /// Already there, the same (a retried delivery).
    Duplicate,
    /// The id is known with another body, or (reports) this ciphertext is
    /// already stored under another id: refused, the first one kept.
    Conflict,
    /// A new response whose token was spent by another: refused.
    Spent,
}

/// The error text of a failed store operation.
pub type StoreError = String;

/// A future a [`Store`] returns (boxed: the router holds `dyn Store`).
pub type StoreFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 'a>>;

/// What the routes need from a store, and all they may ask of it: the
/// router is given one ([`crate::server::router_with`]), so the same
/// routes, limits and checks run over SQLite today and another database
/// tomorrow (#30), and the tests drive the router over a real store
/// in-process.
///
/// A store keeps every submission exactly once by its id (a retry is
/// [`Stored::Duplicate`], another body under a known id or a report's
/// known `enc` is [`Stored::Conflict`], a spent token [`Stored::Spent`]),
/// answers only once what it stored is durable, and keeps nothing that
/// tells the order submissions came in.
pub trait Store: Send + Sync {
    /// Stores `s`, dated today by the store's clock; resolves once durable.
    fn store(&self, s: Submission) -> StoreFuture<'_, Stored>;

    /// Stored bodies of `kind` received on or after `since` (all without
    /// it), in id order: what `/export/…` sends.
    fn export(&self, kind: Kind, since: Option<Date>) -> StoreFuture<'_, Vec<Exported>>;

    /// The current officer whose token hashes to `hash` ([`cases::token_hash`]).
    fn officer(&self, hash: &str) -> StoreFuture<'_, Option<String>>;

    /// Every stored report's case, in id order.
    fn cases(&self) -> StoreFuture<'_, Vec<CaseState>>;

    /// One case and its whole history, if its report is stored.
    fn case(&self, id: &str) -> StoreFuture<'_, Option<(CaseState, Vec<CaseEvent>)>>;

    /// Applies `change` by `officer`, dated `on`, if the case is still at
    /// the revision it names.
    fn change_case(
        &self,
        change: CaseChange,
        officer: String,
        on: Date,
    ) -> StoreFuture<'_, Changed>;

    /// The case of the report whose receipt hashes to `hash` (base64url),
    /// and the sealed replies in its history, oldest first.
    fn receipt(&self, hash: &str) -> StoreFuture<'_, Option<(CaseState, Vec<serde_json::Value>)>>;
}

/// The SQLite store: one writer thread committing in groups ([`Writer`])
/// and one reading connection for exports.
pub struct SqliteStore {
    writer: Writer,
    reader: Mutex<Connection>,
    /// Officers' changes: few, each its own immediate transaction.
    cases: Mutex<Connection>,
}

impl SqliteStore {
    /// Opens (creating and migrating) the store at `path`, dating what it
    /// stores by `clock`.
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<Self, StoreError> {
        let failed = |e: rusqlite::Error| format!("{}: {e}", path.display());
        let writer = open(path).map_err(failed)?;
        let reader = open(path).map_err(failed)?;
        let cases = open(path).map_err(failed)?;
        Ok(Self {
            writer: Writer::start(writer, clock),
            reader: Mutex::new(reader),
            cases: Mutex::new(cases),
        })
    }
}

impl Store for SqliteStore {
    fn store(&self, s: Submission) -> StoreFuture<'_, Stored> {
        Box::pin(self.writer.store(s))
    }

    fn export(&self, kind: Kind, since: Option<Date>) -> StoreFuture<'_, Vec<Exported>> {
        // A read of a few MB at most: done at once, on the caller's task.
        let rows = self
            .reader
            .lock()
            .map_err(|e| e.to_string())
            .and_then(|c| export(&c, kind, since).map_err(|e| e.to_string()));
        Box::pin(std::future::ready(rows))
    }

    fn officer(&self, hash: &str) -> StoreFuture<'_, Option<String>> {
        Box::pin(std::future::ready(read(&self.reader, |c| {
            cases::officer_by_hash(c, hash)
        })))
    }

    fn cases(&self) -> StoreFuture<'_, Vec<CaseState>> {
        Box::pin(std::future::ready(read(&self.reader, cases::all)))
    }

    fn case(&self, id: &str) -> StoreFuture<'_, Option<(CaseState, Vec<CaseEvent>)>> {
        Box::pin(std::future::ready(read(&self.reader, |c| {
            let Some(state) = cases::one(c, id)? else {
                return Ok(None);
            };
            Ok(Some((state, cases::history(c, id, 0)?)))
        })))
    }

    fn change_case(
        &self,
        change: CaseChange,
        officer: String,
        on: Date,
    ) -> StoreFuture<'_, Changed> {
        Box::pin(std::future::ready(read(&self.cases, |c| {
            cases::apply(c, &change, &officer, on)
        })))
    }

    fn receipt(&self, hash: &str) -> StoreFuture<'_, Option<(CaseState, Vec<serde_json::Value>)>> {
        Box::pin(std::future::ready(read(&self.reader, |c| {
            cases::by_receipt(c, hash)
        })))
    }
}

/// Runs `f` on the connection behind `conn`, the errors as text.
fn read<T>(
    conn: &Mutex<Connection>,
    f: impl FnOnce(&Connection) -> Result<T, rusqlite::Error>,
) -> Result<T, StoreError> {
    let c = conn.lock().map_err(|e| e.to_string())?;
    f(&c).map_err(|e| e.to_string())
}

type Job = (
    Submission,
    tokio::sync::oneshot::Sender<Result<Stored, StoreError>>,
);

/// The schema's version (`PRAGMA user_version`): 3 added `spent`, 4 the
/// officers, cases and case history of [`crate::cases`].
const SCHEMA: i64 = 4;

/// Opens (creating, mode 0600) the database and brings the schema up to date.
pub fn open(path: &Path) -> Result<Connection, rusqlite::Error> {
    open_with(path, migrate)
}

/// Opens (creating, mode 0600) a SQLite file the way the inbox keeps its
/// own: rollback journal, `synchronous=FULL`, `secure_delete`, temporary
/// tables in memory, waiting on a busy lock. The issuer's store, a separate
/// file, is opened so too.
pub fn open_file(path: &Path) -> Result<Connection, rusqlite::Error> {
    open_with(path, |_| Ok(()))
}

fn open_with(
    path: &Path,
    migrate: fn(&Connection) -> Result<(), rusqlite::Error>,
) -> Result<Connection, rusqlite::Error> {
    restrict(path);
    // SQLite answers "busy" at once, without waiting, in the few lock
    // states where waiting could deadlock (two readers both wanting to
    // write, a journal-mode switch): only a new or old file's first
    // opening meets them, so a few short retries settle it.
    let mut tries = 0;
    loop {
        match open_once(path, migrate) {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy && tries < 50 =>
            {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(20 + 10 * tries));
            }
            other => return other,
        }
    }
}

fn open_once(
    path: &Path,
    migrate: fn(&Connection) -> Result<(), rusqlite::Error>,
) -> Result<Connection, rusqlite::Error> {
    let conn = Connection::open(path)?;
    // First: switching a new file to WAL and migrating it take the write
    // lock, and two openers at once (the bench serves the app and the
    // counter over one store) must wait for each other, not fail with
    // "database is locked".
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // Leaving WAL (a store of an earlier version) checkpoints the log into
    // the file and deletes it; the next `rewrite` removes the order the
    // checkpoint wrote in.
    conn.pragma_update(None, "journal_mode", "DELETE")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "secure_delete", "ON")?;
    // VACUUM's copy and any sort stay in memory, never in a temporary file.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    migrate(&conn)?;
    Ok(conn)
}

/// Rewrites the whole file in key order (see the module's doc): no cell's
/// place in a page, no page's place in the file, says when it was written.
///
/// # Errors
///
/// SQLite's, e.g. a reader that held its lock past the busy timeout; the
/// rows are committed either way, and the next rewrite removes the order.
pub fn rewrite(conn: &Connection) -> Result<(), rusqlite::Error> {
    conn.execute_batch("VACUUM;")
}

/// Creates the file owner-only, or makes an existing one so. SQLite gives
/// its `-wal` and `-shm` files the database file's permissions.
fn restrict(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let _ = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(path);
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
    #[cfg(not(unix))]
    let _ = path;
}

fn migrate(conn: &Connection) -> Result<(), rusqlite::Error> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version >= SCHEMA {
        return Ok(());
    }
    // Immediate: the write lock first, then the version again, so that of
    // two openers of a new or old file one migrates and the other, having
    // waited, finds it done.
    let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
    let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version >= SCHEMA {
        return Ok(());
    }
    // Version 3: the hashes of spent survey tokens, nothing else (no date,
    // no link to the response they came with: WITHOUT ROWID, keyed by hash).
    tx.execute_batch("CREATE TABLE IF NOT EXISTS spent (hash TEXT PRIMARY KEY) WITHOUT ROWID;")?;
    // Version 4: officers, cases and their history (#30).
    tx.execute_batch(cases::SCHEMA_SQL)?;
    if version >= 2 {
        tx.pragma_update(None, "user_version", SCHEMA)?;
        return tx.commit();
    }
    let old = |table: &str| -> Result<bool, rusqlite::Error> {
        tx.query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [table],
            |_| Ok(()),
        )
        .optional()
        .map(|r| r.is_some())
    };
    let had_responses = old("responses")?;
    let had_reports = old("reports")?;
    if had_responses {
        tx.execute_batch("ALTER TABLE responses RENAME TO responses_v1;")?;
    }
    if had_reports {
        tx.execute_batch("ALTER TABLE reports RENAME TO reports_v1;")?;
    }
    tx.execute_batch(
        "DROP INDEX IF EXISTS responses_by_survey;
         CREATE TABLE responses (
            nonce TEXT PRIMARY KEY, survey TEXT NOT NULL, received_on TEXT NOT NULL,
            digest TEXT NOT NULL, body TEXT NOT NULL) WITHOUT ROWID;
         CREATE TABLE reports (
            id TEXT PRIMARY KEY, enc TEXT NOT NULL UNIQUE, received_on TEXT NOT NULL,
            digest TEXT NOT NULL, body TEXT NOT NULL) WITHOUT ROWID;
         CREATE INDEX responses_by_survey ON responses(survey);",
    )?;
    // Rows of a version-1 store move over in id order, so the new file
    // keeps no trace of the order they arrived in.
    if had_responses {
        tx.execute_batch(
            "INSERT INTO responses (nonce, survey, received_on, digest, body)
               SELECT nonce, survey, received_on, '', body FROM responses_v1 ORDER BY nonce;
             DROP TABLE responses_v1;",
        )?;
    }
    if had_reports {
        tx.execute_batch(
            "INSERT OR IGNORE INTO reports (id, enc, received_on, digest, body)
               SELECT id, json_extract(body, '$.enc'), received_on, '', body FROM reports_v1 ORDER BY id;
             DROP TABLE reports_v1;",
        )?;
    }
    tx.pragma_update(None, "user_version", SCHEMA)?;
    tx.commit()?;
    // The old tables' pages may still hold rows in arrival order.
    if had_responses || had_reports {
        conn.execute_batch("VACUUM;")?;
    }
    Ok(())
}

fn insert(
    tx: &rusqlite::Transaction<'_>,
    s: &Submission,
    on: &str,
) -> Result<Stored, rusqlite::Error> {
    if let Some(hash) = &s.spent {
        // A retry of a stored response carries the same token: it is a
        // duplicate, not a second use. Any other response with a spent
        // token is refused.
        let known = tx
            .query_row("SELECT 1 FROM responses WHERE nonce = ?1", [&s.id], |_| {
                Ok(())
            })
            .optional()?
            .is_some();
        if !known && tx.execute("INSERT OR IGNORE INTO spent (hash) VALUES (?1)", [hash])? == 0 {
            return Ok(Stored::Spent);
        }
    }
    if let Some(hash) = &s.receipt {
        // One receipt, one report: a hash already kept for another report
        // is refused (the first report keeps it).
        let owner = cases::receipt_owner(tx, hash)?;
        if owner.is_some_and(|o| o != s.id) {
            return Ok(Stored::Conflict);
        }
    }
    let (find, add) = match s.kind {
        Kind::Response => (
            "SELECT digest FROM responses WHERE nonce = ?1",
            tx.execute(
                "INSERT OR IGNORE INTO responses (nonce, survey, received_on, digest, body) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![s.id, s.survey.as_deref().unwrap_or(""), on, s.digest, s.body],
            )?,
        ),
        Kind::Report => (
            "SELECT digest FROM reports WHERE id = ?1",
            tx.execute(
                "INSERT OR IGNORE INTO reports (id, enc, received_on, digest, body) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![s.id, s.enc.as_deref().unwrap_or(""), on, s.digest, s.body],
            )?,
        ),
    };
    if add == 1 {
        if let Some(hash) = &s.receipt {
            tx.execute(
                "INSERT OR IGNORE INTO receipts (hash, case_id) VALUES (?1, ?2)",
                params![hash, s.id],
            )?;
        }
        return Ok(Stored::New);
    }
    // Not inserted: the id is known (a retry, or a squatter), or — for a
    // report — its `enc` is already stored under another id (a replay).
    let known: Option<String> = tx.query_row(find, [&s.id], |r| r.get(0)).optional()?;
    Ok(match known {
        // Rows migrated from version 1 have no digest: compare the bodies.
        Some(d) if d == s.digest || (d.is_empty() && same_body(tx, s)?) => Stored::Duplicate,
        _ => Stored::Conflict,
    })
}

fn same_body(tx: &rusqlite::Transaction<'_>, s: &Submission) -> Result<bool, rusqlite::Error> {
    let sql = match s.kind {
        Kind::Response => "SELECT body FROM responses WHERE nonce = ?1",
        Kind::Report => "SELECT body FROM reports WHERE id = ?1",
    };
    let body: String = tx.query_row(sql, [&s.id], |r| r.get(0))?;
    Ok(body == s.body)
}

/// The writer thread's handle: send a submission, await its commit.
#[derive(Clone)]
pub struct Writer {
    jobs: mpsc::Sender<Job>,
}

/// Largest group committed at once.
const GROUP: usize = 512;

impl Writer {
    /// Starts the writer thread on `conn`, dating what it stores by `clock`.
    pub fn start(mut conn: Connection, clock: Arc<dyn Clock>) -> Self {
        let (jobs, rx) = mpsc::channel::<Job>();
        // If the thread cannot start, `store` answers "the store is closed".
        let _ = std::thread::Builder::new()
            .name("inbox-writer".into())
            .spawn(move || {
                // A crash may have come between a commit and its rewrite.
                if let Err(e) = rewrite(&conn) {
                    eprintln!("jianfu inbox: the store could not be rewritten at start: {e}");
                }
                while let Ok(first) = rx.recv() {
                    let mut batch = vec![first];
                    while batch.len() < GROUP {
                        match rx.try_recv() {
                            Ok(job) => batch.push(job),
                            Err(_) => break,
                        }
                    }
                    let on = clock.today().to_string();
                    let result = (|| {
                        let tx = conn.transaction()?;
                        let outcomes: Vec<Stored> = batch
                            .iter()
                            .map(|(s, _)| insert(&tx, s, &on))
                            .collect::<Result<_, _>>()?;
                        tx.commit()?;
                        Ok::<_, rusqlite::Error>(outcomes)
                    })();
                    // Only a group that added something changed the file.
                    let added = result.as_ref().is_ok_and(|o| o.contains(&Stored::New));
                    if added && let Err(e) = rewrite(&conn) {
                        // Committed all the same: answered as stored, and
                        // the next group's rewrite removes the order.
                        eprintln!("jianfu inbox: the store could not be rewritten: {e}");
                    }
                    match result {
                        Ok(outcomes) => {
                            for ((_, reply), o) in batch.into_iter().zip(outcomes) {
                                let _ = reply.send(Ok(o));
                            }
                        }
                        Err(e) => {
                            for (_, reply) in batch {
                                let _ = reply.send(Err(e.to_string()));
                            }
                        }
                    }
                }
            });
        Self { jobs }
    }

    /// Stores `s`; resolves once it is committed (or found already stored).
    pub async fn store(&self, s: Submission) -> Result<Stored, StoreError> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.jobs
            .send((s, tx))
            .map_err(|_| "the store is closed".to_owned())?;
        rx.await.map_err(|_| "the store stopped".to_owned())?
    }
}

/// Every stored body of `kind`, in id order (for `open --db`, `tally --db`).
pub fn bodies(path: &Path, kind: Kind) -> Result<Vec<(String, String)>, rusqlite::Error> {
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    Ok(export(&conn, kind, None)?
        .into_iter()
        .map(|e| (e.key, e.body))
        .collect())
}

/// Stored bodies of `kind` received on or after `since` (all without it),
/// in id order: what `/export/…` and the `--db` readers see.
pub fn export(
    conn: &Connection,
    kind: Kind,
    since: Option<Date>,
) -> Result<Vec<Exported>, rusqlite::Error> {
    let sql = match kind {
        Kind::Response => {
            "SELECT nonce, received_on, body FROM responses WHERE received_on >= ?1 ORDER BY nonce"
        }
        Kind::Report => {
            "SELECT id, received_on, body FROM reports WHERE received_on >= ?1 ORDER BY id"
        }
    };
    let since = since.map_or_else(String::new, |d| d.to_string());
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([since], |r| {
        Ok(Exported {
            key: r.get(0)?,
            received_on: r.get(1)?,
            body: r.get(2)?,
        })
    })?;
    rows.collect()
}

/// One stored submission as exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// Its `nonce` or `id`.
    pub key: String,
    /// The day (school time) the inbox stored it.
    pub received_on: String,
    /// The body as it arrived.
    pub body: String,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    /// Several servers opening one new store at the same moment (the bench
    /// serves the app and the counter over one file) all get it, migrated
    /// once: none fails with "database is locked" or "table exists".
    #[test]
    fn concurrent_openers_of_a_new_store_all_succeed() {
        let dir = std::env::temp_dir().join(format!(
            "jianfu-inbox-open-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("inbox.sqlite");
        let _ = std::fs::remove_file(&path);
        let start = std::sync::Arc::new(std::sync::Barrier::new(4));
        let openers: Vec<_> = (0..4)
            .map(|_| {
                let (path, start) = (path.clone(), start.clone());
                std::thread::spawn(move || {
                    start.wait();
                    super::open(&path).map(|_| ())
                })
            })
            .collect();
        for o in openers {
            o.join().unwrap().unwrap();
        }
        let conn = super::open(&path).unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, super::SCHEMA);
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('responses', 'reports')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
