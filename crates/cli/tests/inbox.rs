//! The reference inbox over real HTTP: the real `jianfu inbox` process on a
//! free loopback port, spoken to with raw HTTP/1.1 so every malformed case
//! can be sent exactly. Each refusal has its status and stores nothing; a
//! SIGKILL during a burst loses nothing that was acknowledged.

use std::fmt::Write as _;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn testdata(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(rel)
}

struct Inbox {
    child: Child,
    addr: String,
}

/// The tests of this file run one at a time: each inbox takes a free port
/// by binding port 0 and letting it go, and the SIGKILL test's senders keep
/// posting to their dead inbox's port, so an inbox of a test running
/// alongside could be given that port and answer them (seen once: the
/// slow-drip test read an empty answer from another test's killed inbox).
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    SERIAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Inbox {
    fn start(db: &Path) -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .expect("port")
            .local_addr()
            .expect("addr")
            .port();
        let addr = format!("127.0.0.1:{port}");
        let child = Command::new(env!("CARGO_BIN_EXE_jianfu"))
            .args(["inbox", "--listen", &addr, "--db"])
            .arg(db)
            .arg("--survey")
            .arg(testdata("surveys/2026-autumn.json"))
            .args(["--allow-origin", "https://portal.example"])
            .stderr(Stdio::null())
            .spawn()
            .expect("start inbox");
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(&addr).is_err() {
            assert!(Instant::now() < deadline, "inbox did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        Self { child, addr }
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Inbox {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Sends raw bytes, returns (status, body); status 0 when nothing answered
/// (refused connection). A write cut short (the server refused a huge body
/// early and closed) still reads the answer.
fn raw(addr: &str, request: &[u8]) -> (u16, String) {
    let Ok(mut s) = TcpStream::connect(addr) else {
        return (0, String::new());
    };
    s.set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    let _ = s.write_all(request);
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_owned();
    (status, body)
}

fn post(addr: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> (u16, String) {
    let mut req = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        let _ = write!(req, "{k}: {v}\r\n");
    }
    req.push_str("\r\n");
    let mut bytes = req.into_bytes();
    bytes.extend_from_slice(body);
    raw(addr, &bytes)
}

fn post_json(addr: &str, path: &str, body: &str) -> (u16, String) {
    post(
        addr,
        path,
        &[("Content-Type", "application/json")],
        body.as_bytes(),
    )
}

fn health(addr: &str) -> (i64, i64) {
    let (status, body) = raw(
        addr,
        format!("GET /health HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
    );
    assert_eq!(status, 200);
    let v: Value = serde_json::from_str(&body).expect("json");
    (
        v["responses"].as_i64().expect("n"),
        v["reports"].as_i64().expect("n"),
    )
}

fn nonce(i: u32) -> String {
    let mut b = [0u8; 16];
    b[..4].copy_from_slice(&i.to_le_bytes());
    jianfu_core::b64::encode(&b)
}

fn response(i: u32) -> Value {
    json!({"format": "jianfu.response/1", "survey": "2026-autumn-satisfaction", "submitted_on": "2026-11-23",
           "grade_band": "3-6", "answers": {"q1": 4, "q2": "a"}, "nonce": nonce(i)})
}

#[test]
#[allow(clippy::too_many_lines)] // one table of cases, read top to bottom
fn every_refusal_has_its_status_and_stores_nothing() {
    let _serial = one_at_a_time();
    let dir = tempfile::tempdir().expect("tempdir");
    let inbox = Inbox::start(&dir.path().join("inbox.sqlite"));
    let a = inbox.addr.as_str();
    let good = response(1).to_string();
    let envelope = std::fs::read_to_string(testdata("reports/group-chat-checkin.envelope.json"))
        .expect("read");
    let mut unknown_survey = response(2);
    unknown_survey["survey"] = json!("no-such-survey");
    let mut wrong_type = response(3);
    wrong_type["answers"]["q1"] = json!("four");
    let mut bad_b64: Value = serde_json::from_str(&envelope).expect("json");
    bad_b64["ct"] = json!("not base64!");
    let mut wrong_suite: Value = serde_json::from_str(&envelope).expect("json");
    wrong_suite["suite"] = json!("HPKE-Base-P256-HKDF-SHA256-AES128GCM");
    let deep = "[".repeat(5000) + &"]".repeat(5000);
    let with = |key: &str, value: Value| {
        let mut r = response(4);
        r[key] = value;
        r.to_string()
    };
    let mut long_text = response(5);
    long_text["answers"]["q5"] = json!("字".repeat(501));
    let mut huge_ct: Value = serde_json::from_str(&envelope).expect("json");
    huge_ct["ct"] = json!(jianfu_core::b64::encode(&vec![7u8; 20 * 1024]));
    let big = vec![b'x'; 10 * 1024 * 1024];

    let cases: Vec<(&str, (u16, String), u16)> = vec![
        (
            "malformed JSON",
            post_json(a, "/responses", "{\"format\": "),
            400,
        ),
        ("no body", post_json(a, "/responses", ""), 400),
        (
            "wrong content type",
            post(
                a,
                "/responses",
                &[("Content-Type", "text/plain")],
                good.as_bytes(),
            ),
            415,
        ),
        (
            "unknown survey",
            post_json(a, "/responses", &unknown_survey.to_string()),
            422,
        ),
        (
            "answer of the wrong type",
            post_json(a, "/responses", &wrong_type.to_string()),
            422,
        ),
        ("deep nesting", post_json(a, "/responses", &deep), 400),
        (
            "10 MB body",
            post(
                a,
                "/responses",
                &[("Content-Type", "application/json")],
                &big,
            ),
            413,
        ),
        (
            "invalid base64 in an envelope",
            post_json(a, "/reports", &bad_b64.to_string()),
            422,
        ),
        (
            "wrong suite",
            post_json(a, "/reports", &wrong_suite.to_string()),
            422,
        ),
        (
            "a response sent as a report",
            post_json(a, "/reports", &good),
            422,
        ),
        (
            "disallowed origin",
            post(
                a,
                "/responses",
                &[
                    ("Content-Type", "application/json"),
                    ("Origin", "https://evil.example"),
                ],
                good.as_bytes(),
            ),
            403,
        ),
        (
            "wrong method",
            raw(
                a,
                format!("GET /responses HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n")
                    .as_bytes(),
            ),
            405,
        ),
        (
            "unknown path",
            post_json(a, "/../../etc/passwd", &good),
            404,
        ),
        ("a JSON list instead of an object", post_json(a, "/responses", "[1, 2, 3]"), 422),
        ("JSON null", post_json(a, "/responses", "null"), 422),
        ("another format version", post_json(a, "/responses", &with("format", json!("jianfu.response/2"))), 422),
        ("a nonce that is not 128 bits", post_json(a, "/responses", &with("nonce", json!("AAAA"))), 422),
        ("a date outside the survey", post_json(a, "/responses", &with("submitted_on", json!("2027-03-01"))), 422),
        ("an unknown grade band", post_json(a, "/responses", &with("grade_band", json!("13-15"))), 422),
        ("text over max_len", post_json(a, "/responses", &long_text.to_string()), 422),
        ("trailing garbage after the JSON", post_json(a, "/responses", &format!("{good} trailing")), 400),
        ("bytes that are not UTF-8", post(a, "/responses", &[("Content-Type", "application/json")], b"{\"format\": \"\xff\xfe\"}"), 400),
        ("a ciphertext over 16 KiB", post_json(a, "/reports", &huge_ct.to_string()), 422),
        ("PUT", raw(a, format!("PUT /reports HTTP/1.1\r\nHost: {a}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}").as_bytes()), 405),
    ];
    assert!(cases.len() >= 20, "at least 20 hostile classes");
    for (name, (status, body), expected) in &cases {
        assert_eq!(status, expected, "{name}: {body}");
    }
    assert_eq!(health(a), (0, 0), "nothing stored by any refusal");

    // Preflight: allowed origin gets CORS, others do not.
    let (status, _) = raw(a, format!("OPTIONS /responses HTTP/1.1\r\nHost: {a}\r\nOrigin: https://portal.example\r\nAccess-Control-Request-Method: POST\r\nConnection: close\r\n\r\n").as_bytes());
    assert_eq!(status, 204);
    let (status, _) = raw(a, format!("OPTIONS /responses HTTP/1.1\r\nHost: {a}\r\nOrigin: https://evil.example\r\nConnection: close\r\n\r\n").as_bytes());
    assert_eq!(status, 403);

    // Accepted (a charset parameter is fine), then duplicates answered idempotently.
    assert_eq!(
        post(
            a,
            "/responses",
            &[("Content-Type", "application/json; charset=utf-8")],
            good.as_bytes()
        )
        .0,
        201
    );
    assert_eq!(post_json(a, "/responses", &good).0, 200, "duplicate nonce");
    let allowed = post(
        a,
        "/responses",
        &[
            ("Content-Type", "application/json"),
            ("Origin", "https://portal.example"),
        ],
        response(9).to_string().as_bytes(),
    );
    assert_eq!(allowed.0, 201);
    assert_eq!(post_json(a, "/reports", &envelope).0, 201);
    assert_eq!(post_json(a, "/reports", &envelope).0, 200, "duplicate id");
    assert_eq!(health(a), (2, 1));
}

#[test]
fn a_slow_drip_body_is_cut_off() {
    let _serial = one_at_a_time();
    let dir = tempfile::tempdir().expect("tempdir");
    let inbox = Inbox::start(&dir.path().join("inbox.sqlite"));
    let mut s = TcpStream::connect(&inbox.addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let head = format!(
        "POST /responses HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{",
        inbox.addr
    );
    s.write_all(head.as_bytes()).expect("write");
    let started = Instant::now();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(started.elapsed() < Duration::from_secs(20));
}

/// Submissions per sender in the SIGKILL test.
const PER_SENDER: u32 = 1000;

#[test]
fn sigkill_during_a_burst_loses_nothing_acknowledged() {
    let _serial = one_at_a_time();
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("inbox.sqlite");
    let mut inbox = Inbox::start(&db);
    let addr = inbox.addr.clone();
    // 4 senders, 1,000 submissions each; the server is killed once 200
    // have been acknowledged, i.e. part-way through the burst on any machine.
    let acks = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let senders: Vec<_> = (0..4u32)
        .map(|t| {
            let (addr, acks) = (addr.clone(), acks.clone());
            std::thread::spawn(move || {
                let mut acked = Vec::new();
                for i in 0..PER_SENDER {
                    let n = t * 10_000 + i;
                    let (status, _) = post_json(&addr, "/responses", &response(n).to_string());
                    if status == 201 || status == 200 {
                        acked.push(nonce(n));
                        acks.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    }
                }
                acked
            })
        })
        .collect();
    let deadline = Instant::now() + Duration::from_secs(30);
    while acks.load(std::sync::atomic::Ordering::SeqCst) < 200 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
    }
    inbox.kill();
    let acked: Vec<String> = senders
        .into_iter()
        .flat_map(|h| h.join().expect("sender"))
        .collect();
    assert!(
        acked.len() >= 200,
        "some submissions were acknowledged before the kill"
    );
    assert!(
        acked.len() < 4 * PER_SENDER as usize,
        "the kill happened during the burst ({} acked)",
        acked.len()
    );

    // Every acknowledged nonce is in the store, exactly once.
    let conn = rusqlite::Connection::open(&db).expect("open");
    for n in &acked {
        let count: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM responses WHERE nonce = ?1",
                [n],
                |r| r.get(0),
            )
            .expect("query");
        assert_eq!(count, 1, "acknowledged {n} is stored once");
    }
    drop(conn);

    // Restarted, the rest (and the acknowledged ones again) land exactly once.
    let inbox = Inbox::start(&db);
    for t in 0..4u32 {
        for i in 0..PER_SENDER {
            let (status, _) = post_json(
                &inbox.addr,
                "/responses",
                &response(t * 10_000 + i).to_string(),
            );
            assert!(status == 201 || status == 200);
        }
    }
    assert_eq!(health(&inbox.addr).0, 4000);
}
