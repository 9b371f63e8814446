//! The inbox's store: SQLite (bundled), WAL mode, `synchronous=FULL`.
//!
//! One writer thread owns the connection and commits in groups: it takes
//! every submission waiting at that moment, inserts them in one
//! transaction, commits (one fsync), and only then answers each request.
//! So every 2xx is durable, and many requests share one fsync.
//!
//! Stored per submission: its id (`nonce` or envelope `id`), the survey id
//! for responses, the UTC date it arrived (no time, no IP address, no user
//! agent), and the body as received.

use std::path::Path;
use std::sync::mpsc;
use std::time::{SystemTime, UNIX_EPOCH};

use jianfu_core::{Date, Instant};
use rusqlite::{Connection, params};

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
    /// The JSON as received.
    pub body: String,
}

/// What storing did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// New, and committed.
    New,
    /// Already there (a retried delivery).
    Duplicate,
}

/// The error text of a failed store operation.
pub type StoreError = String;

type Job = (
    Submission,
    tokio::sync::oneshot::Sender<Result<Stored, StoreError>>,
);

/// Opens (creating) the database and applies the schema.
pub fn open(path: &Path) -> Result<Connection, rusqlite::Error> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS responses (
            nonce TEXT PRIMARY KEY, survey TEXT NOT NULL, received_on TEXT NOT NULL, body TEXT NOT NULL);
         CREATE TABLE IF NOT EXISTS reports (
            id TEXT PRIMARY KEY, received_on TEXT NOT NULL, body TEXT NOT NULL);
         CREATE INDEX IF NOT EXISTS responses_by_survey ON responses(survey);",
    )?;
    Ok(conn)
}

/// Today's date in UTC: all a stored submission says about when it came.
fn received_on() -> Date {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Instant::from_unix(i64::try_from(secs).unwrap_or(0), 0).date_at(0)
}

fn insert(
    tx: &rusqlite::Transaction<'_>,
    s: &Submission,
    on: &str,
) -> Result<Stored, rusqlite::Error> {
    let n = match s.kind {
        Kind::Response => tx.execute(
            "INSERT OR IGNORE INTO responses (nonce, survey, received_on, body) VALUES (?1, ?2, ?3, ?4)",
            params![s.id, s.survey.as_deref().unwrap_or(""), on, s.body],
        )?,
        Kind::Report => tx.execute(
            "INSERT OR IGNORE INTO reports (id, received_on, body) VALUES (?1, ?2, ?3)",
            params![s.id, on, s.body],
        )?,
    };
    Ok(if n == 1 {
        Stored::New
    } else {
        Stored::Duplicate
    })
}

/// The writer thread's handle: send a submission, await its commit.
#[derive(Clone)]
pub struct Writer {
    jobs: mpsc::Sender<Job>,
}

/// Largest group committed at once.
const GROUP: usize = 512;

impl Writer {
    /// Starts the writer thread on `conn`.
    pub fn start(mut conn: Connection) -> Self {
        let (jobs, rx) = mpsc::channel::<Job>();
        // If the thread cannot start, `store` answers "the store is closed".
        let _ = std::thread::Builder::new()
            .name("inbox-writer".into())
            .spawn(move || {
                while let Ok(first) = rx.recv() {
                    let mut batch = vec![first];
                    while batch.len() < GROUP {
                        match rx.try_recv() {
                            Ok(job) => batch.push(job),
                            Err(_) => break,
                        }
                    }
                    let on = received_on().to_string();
                    let result = (|| {
                        let tx = conn.transaction()?;
                        let outcomes: Vec<Stored> = batch
                            .iter()
                            .map(|(s, _)| insert(&tx, s, &on))
                            .collect::<Result<_, _>>()?;
                        tx.commit()?;
                        Ok::<_, rusqlite::Error>(outcomes)
                    })();
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

/// Every stored body of `kind`, in arrival order (for `open --db`, `tally --db`).
pub fn bodies(path: &Path, kind: Kind) -> Result<Vec<(String, String)>, rusqlite::Error> {
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let sql = match kind {
        Kind::Response => "SELECT nonce, body FROM responses ORDER BY rowid",
        Kind::Report => "SELECT id, body FROM reports ORDER BY rowid",
    };
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

/// How many of each are stored (for `/health`).
pub fn counts(conn: &Connection) -> Result<(i64, i64), rusqlite::Error> {
    let responses: i64 = conn.query_row("SELECT COUNT(*) FROM responses", [], |r| r.get(0))?;
    let reports: i64 = conn.query_row("SELECT COUNT(*) FROM reports", [], |r| r.get(0))?;
    Ok((responses, reports))
}
