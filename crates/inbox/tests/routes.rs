//! The inbox's routes in-process (see `common`): every refusal has its
//! status and stores nothing; it leaks nothing and keeps the first answer;
//! exports only with the token; an old store is migrated.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{HOST, ORIGIN, TOKEN, TestApp, envelope, nonce, response};
use serde_json::{Value, json};

#[tokio::test]
#[allow(clippy::too_many_lines)] // one table of cases, read top to bottom
async fn every_refusal_has_its_status_and_stores_nothing() {
    let a = TestApp::start();
    let good = response(1).to_string();
    let envelope = envelope().to_string();
    let mut unknown_survey = response(2);
    unknown_survey["survey"] = json!("no-such-survey");
    let mut wrong_type = response(3);
    wrong_type["answers"]["q1"] = json!("four");
    let mut bad_b64: Value = serde_json::from_str(&envelope).unwrap();
    bad_b64["ct"] = json!("not base64!");
    let mut wrong_suite: Value = serde_json::from_str(&envelope).unwrap();
    wrong_suite["suite"] = json!("HPKE-Base-P256-HKDF-SHA256-AES128GCM");
    let deep = "[".repeat(5000) + &"]".repeat(5000);
    let with = |key: &str, value: Value| {
        let mut r = response(4);
        r[key] = value;
        r.to_string()
    };
    let mut long_text = response(5);
    long_text["answers"]["q5"] = json!("字".repeat(501));
    let mut huge_ct: Value = serde_json::from_str(&envelope).unwrap();
    huge_ct["ct"] = json!(jianfu_core::b64::encode(&vec![7u8; 20 * 1024]));
    let big = vec![b'x'; 10 * 1024 * 1024];
    let json_type = [("content-type", "application/json")];

    let cases: Vec<(&str, (u16, String), u16)> = vec![
        (
            "malformed JSON",
            a.post_json("/responses", "{\"format\": ").await,
            400,
        ),
        ("no body", a.post_json("/responses", "").await, 400),
        (
            "wrong content type",
            a.post(
                "/responses",
                &[("content-type", "text/plain")],
                good.clone(),
            )
            .await,
            415,
        ),
        (
            "unknown survey",
            a.post_json("/responses", &unknown_survey.to_string()).await,
            422,
        ),
        (
            "answer of the wrong type",
            a.post_json("/responses", &wrong_type.to_string()).await,
            422,
        ),
        ("deep nesting", a.post_json("/responses", &deep).await, 400),
        (
            "10 MB body",
            a.post("/responses", &json_type, big).await,
            413,
        ),
        (
            "invalid base64 in an envelope",
            a.post_json("/reports", &bad_b64.to_string()).await,
            422,
        ),
        (
            "wrong suite",
            a.post_json("/reports", &wrong_suite.to_string()).await,
            422,
        ),
        (
            "a response sent as a report",
            a.post_json("/reports", &good).await,
            422,
        ),
        (
            "disallowed origin",
            a.post(
                "/responses",
                &[json_type[0], ("origin", "https://evil.example")],
                good.clone(),
            )
            .await,
            403,
        ),
        ("wrong method", a.get("/responses", &[]).await, 405),
        (
            "unknown path",
            a.post_json("/../../etc/passwd", &good).await,
            404,
        ),
        (
            "a JSON list instead of an object",
            a.post_json("/responses", "[1, 2, 3]").await,
            422,
        ),
        ("JSON null", a.post_json("/responses", "null").await, 422),
        (
            "another format version",
            a.post_json("/responses", &with("format", json!("jianfu.response/2")))
                .await,
            422,
        ),
        (
            "a nonce that is not 128 bits",
            a.post_json("/responses", &with("nonce", json!("AAAA")))
                .await,
            422,
        ),
        (
            "a survey that closed yesterday (by the server's clock)",
            a.post_json("/responses", &with("survey", json!("closed-yesterday")))
                .await,
            422,
        ),
        (
            "a survey that opens tomorrow (by the server's clock)",
            a.post_json("/responses", &with("survey", json!("opens-tomorrow")))
                .await,
            422,
        ),
        (
            "an unknown grade band",
            a.post_json("/responses", &with("grade_band", json!("13-15")))
                .await,
            422,
        ),
        (
            "text over max_len",
            a.post_json("/responses", &long_text.to_string()).await,
            422,
        ),
        (
            "trailing garbage after the JSON",
            a.post_json("/responses", &format!("{good} trailing")).await,
            400,
        ),
        (
            "bytes that are not UTF-8",
            a.post(
                "/responses",
                &json_type,
                b"{\"format\": \"\xff\xfe\"}".to_vec(),
            )
            .await,
            400,
        ),
        (
            "a ciphertext over 16 KiB",
            a.post_json("/reports", &huge_ct.to_string()).await,
            422,
        ),
        (
            "PUT",
            {
                let r = a.send("PUT", "/reports", &json_type, "{}").await;
                (r.status, r.body)
            },
            405,
        ),
    ];
    assert!(cases.len() >= 20, "at least 20 hostile classes");
    for (name, (status, body), expected) in &cases {
        assert_eq!(status, expected, "{name}: {body}");
    }
    assert_eq!(a.counts(), (0, 0), "nothing stored by any refusal");

    // Preflight: the allowed origin gets CORS, others do not.
    let preflight = async |origin: &str| {
        a.send(
            "OPTIONS",
            "/responses",
            &[
                ("origin", origin),
                ("access-control-request-method", "POST"),
            ],
            Vec::new(),
        )
        .await
    };
    let allowed = preflight(ORIGIN).await;
    assert_eq!(allowed.status, 204);
    assert_eq!(allowed.header("access-control-allow-origin"), Some(ORIGIN));
    assert_eq!(preflight("https://evil.example").await.status, 403);

    // Accepted (a charset parameter is fine), then duplicates answered idempotently.
    let charset = [("content-type", "application/json; charset=utf-8")];
    assert_eq!(a.post("/responses", &charset, good.clone()).await.0, 201);
    assert_eq!(
        a.post_json("/responses", &good).await.0,
        200,
        "duplicate nonce"
    );
    let from_portal = a
        .post(
            "/responses",
            &[json_type[0], ("origin", ORIGIN)],
            response(9).to_string(),
        )
        .await;
    assert_eq!(from_portal.0, 201);
    assert_eq!(a.post_json("/reports", &envelope).await.0, 201);
    assert_eq!(
        a.post_json("/reports", &envelope).await.0,
        200,
        "duplicate id"
    );
    assert_eq!(a.counts(), (2, 1));
}

/// The security review's findings against the inbox (issue: "an inbox that
/// leaks nothing and cannot be worn down").
#[tokio::test]
#[allow(clippy::too_many_lines)] // one finding after another, read top to bottom
async fn the_inbox_leaks_nothing_and_keeps_the_first_answer() {
    let a = TestApp::start();
    let today = a.today;
    let stored_bodies = || -> Vec<Value> {
        let conn = rusqlite::Connection::open(&a.db).unwrap();
        let mut stmt = conn.prepare("SELECT body FROM responses").unwrap();
        stmt.query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .map(|b| serde_json::from_str(&b.unwrap()).unwrap())
            .collect()
    };

    // The store is readable by its owner only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&a.db).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "inbox.sqlite is {:o}", mode & 0o777);
    }

    // /health says nothing about how many submissions there are.
    let (status, body) = a.get("/health", &[]).await;
    assert_eq!(status, 200);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        json!({"status": "ok"})
    );

    // A response dated 12 days ahead by its sender is stored with the server's date.
    let mut ahead = response(1);
    ahead["submitted_on"] = json!(today.add_days(12).to_string());
    assert_eq!(a.post_json("/responses", &ahead.to_string()).await.0, 201);
    assert_eq!(stored_bodies()[0]["submitted_on"], json!(today.to_string()));
    // Its exact retry is a duplicate (200), however the date was rewritten.
    assert_eq!(a.post_json("/responses", &ahead.to_string()).await.0, 200);

    // Nonce squatting: a different body under a known nonce is refused and
    // the first answer kept.
    let mut squat = ahead.clone();
    squat["answers"]["q1"] = json!(1);
    let (status, body) = a.post_json("/responses", &squat.to_string()).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(stored_bodies()[0]["answers"]["q1"], json!(4));

    // The same ciphertext under a new id is a replay: refused, stored once.
    let envelope = envelope();
    assert_eq!(a.post_json("/reports", &envelope.to_string()).await.0, 201);
    let mut replay = envelope.clone();
    replay["id"] = json!(nonce(77));
    assert_eq!(a.post_json("/reports", &replay.to_string()).await.0, 409);
    let mut other_ct = envelope.clone();
    other_ct["ct"] = json!(jianfu_core::b64::encode(&[9u8; 528]));
    assert_eq!(
        a.post_json("/reports", &other_ct.to_string()).await.0,
        409,
        "another body under a known envelope id"
    );
    assert_eq!(a.counts(), (1, 1));

    // Refusals to an allowed origin carry CORS, so the app can read them…
    let mut closed = response(2);
    closed["survey"] = json!("closed-yesterday");
    let answer = a
        .send(
            "POST",
            "/responses",
            &[("origin", ORIGIN), ("content-type", "application/json")],
            closed.to_string(),
        )
        .await;
    assert_eq!(answer.status, 422, "{}", answer.body);
    assert_eq!(answer.header("access-control-allow-origin"), Some(ORIGIN));
    assert!(
        answer.body.contains(&format!("today is {today}")),
        "{}",
        answer.body
    );
    // …and an origin of another scheme is not taken for this host.
    let json_type = ("content-type", "application/json");
    let evil_scheme = format!("evil://{HOST}");
    let refused = a
        .post(
            "/responses",
            &[json_type, ("origin", &evil_scheme)],
            response(3).to_string(),
        )
        .await;
    assert_eq!(refused.0, 403);
    let same = format!("http://{HOST}");
    let same_origin = a
        .post(
            "/responses",
            &[json_type, ("origin", &same)],
            response(4).to_string(),
        )
        .await;
    assert_eq!(same_origin.0, 201);

    // A request with thousands of problems gets a short answer.
    let mut many = response(5);
    for i in 0..3000 {
        many["answers"][format!("x{i}")] = json!("?".repeat(10));
    }
    let many = many.to_string();
    let (status, body) = a.post_json("/responses", &many).await;
    assert_eq!(status, 422);
    assert!(
        body.len() < 8 * 1024,
        "{} bytes of problems for a {} byte request",
        body.len(),
        many.len()
    );
    assert!(body.contains("more"), "{body}");

    // Exports exist only with the token; their order is the ids', not arrival's.
    assert_eq!(a.get("/export/responses", &[]).await.0, 401);
    assert_eq!(
        a.get("/export/responses", &[("authorization", "Bearer wrong")])
            .await
            .0,
        401
    );
    let bearer = format!("Bearer {TOKEN}");
    let auth = [("authorization", bearer.as_str())];
    for i in (10..40).rev() {
        assert_eq!(
            a.post_json("/responses", &response(i).to_string()).await.0,
            201
        );
    }
    let export = a.send("GET", "/export/responses", &auth, Vec::new()).await;
    assert_eq!(export.status, 200);
    assert_eq!(export.header("cache-control"), Some("no-store"));
    let nonces: Vec<String> = export
        .body
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["nonce"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(nonces.len(), 32);
    let mut sorted = nonces.clone();
    sorted.sort();
    assert_eq!(nonces, sorted, "exported in id order");
    let (_, later) = a
        .get(
            &format!("/export/responses?since={}", today.add_days(1)),
            &auth,
        )
        .await;
    assert_eq!(later, "", "nothing received after today");
    assert_eq!(
        a.get("/export/responses?since=yesterday", &auth).await.0,
        400
    );
    let (status, reports) = a.get("/export/reports", &auth).await;
    assert_eq!((status, reports.lines().count()), (200, 1));
    // A report's line is its envelope plus the day the inbox stored it.
    let line: Value = serde_json::from_str(reports.trim()).unwrap();
    assert_eq!(line["received_on"], today.to_string());
    assert_eq!(line["format"], "jianfu.envelope/1");
    // The table has no row numbers to give arrival order away.
    let sql: String = rusqlite::Connection::open(&a.db)
        .unwrap()
        .query_row(
            "SELECT sql FROM sqlite_master WHERE name = 'responses'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(sql.contains("WITHOUT ROWID"), "{sql}");
}

#[tokio::test]
async fn without_an_admin_token_there_is_no_export_route() {
    let dir = tempfile::tempdir().unwrap();
    let a = TestApp::on(&dir.path().join("inbox.sqlite"), None);
    let bearer = format!("Bearer {TOKEN}");
    assert_eq!(
        a.get("/export/reports", &[("authorization", &bearer)])
            .await
            .0,
        404
    );
    assert_eq!(
        a.get("/export/responses", &[("authorization", &bearer)])
            .await
            .0,
        404
    );
}

/// A store written by the first version (rowid tables) is migrated in
/// place: nothing lost, and duplicates still recognised.
#[tokio::test]
async fn a_version_1_store_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("inbox.sqlite");
    let envelope = envelope();
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "CREATE TABLE responses (nonce TEXT PRIMARY KEY, survey TEXT NOT NULL, received_on TEXT NOT NULL, body TEXT NOT NULL);
             CREATE TABLE reports (id TEXT PRIMARY KEY, received_on TEXT NOT NULL, body TEXT NOT NULL);",
        )
        .unwrap();
        conn.execute(
            "INSERT INTO reports VALUES (?1, '2026-11-20', ?2)",
            [envelope["id"].as_str().unwrap(), &envelope.to_string()],
        )
        .unwrap();
    }
    let a = TestApp::on(&db, Some(TOKEN));
    assert_eq!(a.counts(), (0, 1));
    assert_eq!(
        a.post_json("/reports", &envelope.to_string()).await.0,
        200,
        "still a duplicate"
    );
    let mut replay = envelope.clone();
    replay["id"] = json!(nonce(5));
    assert_eq!(a.post_json("/reports", &replay.to_string()).await.0, 409);
    // The old row is exported with the day it was received then.
    let bearer = format!("Bearer {TOKEN}");
    let (_, reports) = a
        .get("/export/reports", &[("authorization", &bearer)])
        .await;
    let line: Value = serde_json::from_str(reports.trim()).unwrap();
    assert_eq!(line["received_on"], "2026-11-20");
}
