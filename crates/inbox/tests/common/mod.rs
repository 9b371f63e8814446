//! The inbox driven in-process: the real router over a real SQLite store
//! in a temporary directory, a fixed clock, and requests handed to the
//! router as the HTTP layer would hand them (the crates.io `TestApp`
//! pattern). What needs a real process or real sockets (SIGKILL, slow and
//! idle connections, per-address limits) stays in `crates/cli/tests/inbox.rs`.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // each test file uses part of it

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::http::Request;
use jianfu_core::survey::Survey;
use jianfu_core::{Date, Instant};
use jianfu_inbox::clock::FixedClock;
use jianfu_inbox::limit::{Rates, SourceRates};
use jianfu_inbox::server::{Config, router_with};
use jianfu_inbox::store::SqliteStore;
use serde_json::{Value, json};
use tower::ServiceExt;

/// The origin allowed to submit from a browser.
pub(crate) const ORIGIN: &str = "https://portal.example";
/// The `Host` every request names (same-origin checks compare with it).
pub(crate) const HOST: &str = "inbox.test";
/// The admin token of the export routes.
pub(crate) const TOKEN: &str = "test-admin-token-0123456789abcdefghijklmnop";

/// A file under `testdata/`.
pub(crate) fn testdata(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(rel)
}

/// An inbox: its router, its store's file, and the day its clock says.
pub(crate) struct TestApp {
    pub(crate) app: axum::Router,
    pub(crate) db: PathBuf,
    pub(crate) today: Date,
    /// The temporary directory, removed when the inbox is dropped.
    dir: Option<tempfile::TempDir>,
}

/// What came back: status, headers and body as text.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) headers: axum::http::HeaderMap,
    pub(crate) body: String,
}

impl Answer {
    /// A header's value, if present.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }
}

/// The test survey, open from a month before `today` to a month after it,
/// one that closed the day before and one that opens the day after.
pub(crate) fn surveys(today: Date) -> Vec<Survey> {
    let mut open: Value = serde_json::from_str(
        &std::fs::read_to_string(testdata("surveys/2026-autumn.json")).unwrap(),
    )
    .unwrap();
    open["opens"] = json!(today.add_days(-30).to_string());
    open["closes"] = json!(today.add_days(30).to_string());
    let mut closed = open.clone();
    closed["id"] = json!("closed-yesterday");
    closed["closes"] = json!(today.add_days(-1).to_string());
    let mut later = open.clone();
    later["id"] = json!("opens-tomorrow");
    later["opens"] = json!(today.add_days(1).to_string());
    [open, closed, later]
        .iter()
        .map(|v| Survey::from_value(v).unwrap())
        .collect()
}

/// Limits far above what a test sends, unless a test is about them.
pub(crate) fn no_limits() -> Rates {
    let lots = 1e9;
    Rates {
        global: lots,
        reports_per_minute: lots,
        per_source: SourceRates {
            reports_per_minute: lots,
            responses_per_minute: lots,
            issue_per_minute: lots,
            malformed_per_minute: lots,
        },
    }
}

impl TestApp {
    /// A fresh inbox in a temporary directory, with the admin token, at
    /// 10:00 school time on 2026-11-23.
    pub(crate) fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("inbox.sqlite");
        let mut app = Self::on(&db, Some(TOKEN));
        app.dir = Some(dir);
        app
    }

    /// An inbox over the store at `db` (kept by the caller).
    pub(crate) fn on(db: &Path, admin_token: Option<&str>) -> Self {
        let now = Instant::parse("2026-11-23T10:00:00+08:00").unwrap();
        let clock = Arc::new(FixedClock(now));
        let today = jianfu_core::TimeZone::SHANGHAI.date_of(now);
        let store = SqliteStore::open(db, clock.clone()).unwrap();
        let app = router_with(
            Config {
                db: db.to_path_buf(),
                surveys: surveys(today),
                allow_origins: vec![ORIGIN.into()],
                admin_token: admin_token.map(str::to_owned),
                issuer: None,
                rates: no_limits(),
                trust_proxy: vec![],
            },
            Arc::new(store),
            clock,
        )
        .unwrap();
        Self {
            app,
            db: db.to_path_buf(),
            today,
            dir: None,
        }
    }

    /// Sends `method path` with `headers` and `body`.
    pub(crate) async fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: impl Into<Vec<u8>>,
    ) -> Answer {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header("host", HOST);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let res = self
            .app
            .clone()
            .oneshot(req.body(Body::from(body.into())).unwrap())
            .await
            .unwrap();
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), 64 << 20)
            .await
            .unwrap();
        Answer {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// `POST path` with `headers`: (status, body).
    pub(crate) async fn post(
        &self,
        path: &str,
        headers: &[(&str, &str)],
        body: impl Into<Vec<u8>>,
    ) -> (u16, String) {
        let a = self.send("POST", path, headers, body).await;
        (a.status, a.body)
    }

    /// `POST path` of JSON: (status, body).
    pub(crate) async fn post_json(&self, path: &str, body: &str) -> (u16, String) {
        self.post(path, &[("content-type", "application/json")], body)
            .await
    }

    /// `GET path` with `headers`: (status, body).
    pub(crate) async fn get(&self, path: &str, headers: &[(&str, &str)]) -> (u16, String) {
        let a = self.send("GET", path, headers, Vec::new()).await;
        (a.status, a.body)
    }

    /// How many responses and reports the store holds, read from the file.
    pub(crate) fn counts(&self) -> (i64, i64) {
        counts(&self.db)
    }
}

/// How many responses and reports the store at `db` holds.
pub(crate) fn counts(db: &Path) -> (i64, i64) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let n = |table: &str| -> i64 {
        conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    (n("responses"), n("reports"))
}

/// A 128-bit nonce numbered `i`.
pub(crate) fn nonce(i: u32) -> String {
    let mut b = [0u8; 16];
    b[..4].copy_from_slice(&i.to_le_bytes());
    jianfu_core::b64::encode(&b)
}

/// A valid response to the open test survey, numbered `i`.
pub(crate) fn response(i: u32) -> Value {
    json!({"format": "jianfu.response/1", "survey": "2026-autumn-satisfaction", "submitted_on": "2026-11-23",
           "grade_band": "3-6", "answers": {"q1": 4, "q2": "a"}, "nonce": nonce(i)})
}

/// The test envelope (a sealed report).
pub(crate) fn envelope() -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(testdata("reports/group-chat-checkin.envelope.json")).unwrap(),
    )
    .unwrap()
}

/// A fresh envelope (new id, encapsulated key and ciphertext of the test
/// envelope's length), as another parent's report would be: (id, body).
pub(crate) fn random_envelope() -> (String, String) {
    let mut v = envelope();
    let fresh = |n: usize| {
        let mut b = vec![0u8; n];
        getrandom::fill(&mut b).unwrap();
        jianfu_core::b64::encode(&b)
    };
    let ct_len = jianfu_core::b64::decode(v["ct"].as_str().unwrap())
        .unwrap()
        .len();
    let id = fresh(16);
    v["id"] = json!(id);
    v["enc"] = json!(fresh(32));
    v["ct"] = json!(fresh(ct_len));
    (id, v.to_string())
}
