//! Issue #30: cases a whole bureau shares, in-process over a real SQLite
//! store (docs/spec/cases-and-receipts.md). Officers are named, their
//! tokens kept as hashes; a change names the revision it saw, and one made
//! on an older revision is refused with what changed since (409), never
//! written over another officer's; the history only grows.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{TestApp, random_envelope};
use jianfu_inbox::cases::{OfficerError, add_officer, officers, remove_officer};
use serde_json::{Value, json};

fn day() -> jianfu_core::Date {
    jianfu_core::Date::parse("2026-11-23").unwrap()
}

/// A note as the desk seals one (opaque to the inbox).
fn sealed_note(n: u8) -> Value {
    json!({"format": "jianfu.note/1", "enc": jianfu_core::b64::encode(&[n; 32]),
           "ct": jianfu_core::b64::encode(&[n; 512])})
}

struct Bureau {
    app: TestApp,
    wang: String,
    li: String,
    ids: Vec<String>,
}

/// An inbox holding three reports, with officers 王老师 and 李科长.
async fn bureau() -> Bureau {
    let app = TestApp::start();
    let mut ids = Vec::new();
    for _ in 0..3 {
        let (id, body) = random_envelope();
        assert_eq!(app.post_json("/reports", &body).await.0, 201);
        ids.push(id);
    }
    ids.sort();
    let conn = jianfu_inbox::store::open(&app.db).unwrap();
    let wang = add_officer(&conn, "王老师", day()).unwrap();
    let li = add_officer(&conn, "李科长", day()).unwrap();
    Bureau { app, wang, li, ids }
}

impl Bureau {
    async fn get(&self, token: &str, path: &str) -> (u16, Value) {
        let bearer = format!("Bearer {token}");
        let (status, body) = self.app.get(path, &[("authorization", &bearer)]).await;
        (status, serde_json::from_str(&body).unwrap_or(Value::Null))
    }

    async fn change(&self, token: &str, id: &str, change: &Value) -> (u16, Value) {
        let bearer = format!("Bearer {token}");
        let (status, body) = self
            .app
            .post(
                &format!("/cases/{id}"),
                &[
                    ("authorization", &bearer),
                    ("content-type", "application/json"),
                ],
                change.to_string(),
            )
            .await;
        (status, serde_json::from_str(&body).unwrap_or(Value::Null))
    }
}

#[tokio::test]
async fn only_current_officers_see_cases_and_their_tokens_are_kept_as_hashes() {
    let b = bureau().await;
    assert_eq!(b.app.get("/cases", &[]).await.0, 401);
    assert_eq!(b.get("not-a-token", "/cases").await.0, 401);
    let (status, list) = b.get(&b.wang, "/cases").await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["officer"], "王老师");
    let cases = list["cases"].as_array().unwrap();
    let ids: Vec<&str> = cases.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, b.ids.iter().map(String::as_str).collect::<Vec<_>>());
    for c in cases {
        assert_eq!(
            (c["status"].as_str(), c["revision"].as_u64()),
            (Some("received"), Some(0))
        );
        assert_eq!(c["received_on"], "2026-11-23");
    }

    // The store has the hash, not the token.
    let conn = rusqlite::Connection::open(&b.app.db).unwrap();
    let stored: Vec<String> = conn
        .prepare("SELECT token_hash FROM officers")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(stored.len(), 2);
    assert!(
        stored
            .iter()
            .all(|h| *h != b.wang && *h != b.li && h.len() == 64)
    );

    // A removed officer's token stops working; the name stays theirs.
    let store = jianfu_inbox::store::open(&b.app.db).unwrap();
    remove_officer(&store, "李科长", day()).unwrap();
    assert_eq!(b.get(&b.li, "/cases").await.0, 401);
    assert_eq!(
        add_officer(&store, "李科长", day()),
        Err(OfficerError::Taken("李科长".into()))
    );
    assert_eq!(add_officer(&store, " ", day()), Err(OfficerError::BadName));
    assert_eq!(
        remove_officer(&store, "nobody", day()),
        Err(OfficerError::Unknown("nobody".into()))
    );
    let list = officers(&store).unwrap();
    assert_eq!(list.len(), 2);
    assert!(
        list.iter()
            .any(|(n, _, removed)| n == "李科长" && removed.as_deref() == Some("2026-11-23"))
    );
}

#[tokio::test]
async fn two_officers_at_once_one_change_wins_the_other_sees_it_and_nothing_is_overwritten() {
    let b = bureau().await;
    let id = b.ids[1].clone();

    // 王老师 starts verifying with a note, on the revision both saw (0).
    let (status, done) = b
        .change(
            &b.wang,
            &id,
            &json!({"revision": 0, "status": "verifying", "note": sealed_note(1)}),
        )
        .await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["case"]["revision"], 1);
    assert_eq!(done["case"]["status"], "verifying");
    assert_eq!(done["case"]["updated_by"], "王老师");
    assert_eq!(done["case"]["updated_on"], "2026-11-23");

    // 李科长, still on revision 0, closes it: refused, with what changed.
    let (status, conflict) = b
        .change(&b.li, &id, &json!({"revision": 0, "status": "closed"}))
        .await;
    assert_eq!(status, 409, "{conflict}");
    assert_eq!(conflict["case"]["status"], "verifying", "not overwritten");
    let since = conflict["history"].as_array().unwrap();
    assert_eq!(since.len(), 1);
    assert_eq!(since[0]["officer"], "王老师");
    assert_eq!(since[0]["status"], "verifying");
    assert_eq!(since[0]["note"], sealed_note(1));

    // Having seen it, 李科长 closes it on revision 1.
    let (status, done) = b
        .change(
            &b.li,
            &id,
            &json!({"revision": 1, "status": "closed", "assignee": "李科长"}),
        )
        .await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["case"]["revision"], 2);

    // Both officers see the same case and the whole history, attributed.
    for token in [&b.wang, &b.li] {
        let (status, one) = b.get(token, &format!("/cases/{id}")).await;
        assert_eq!(status, 200);
        assert_eq!(one["case"]["status"], "closed");
        assert_eq!(one["case"]["assignee"], "李科长");
        let history = one["history"].as_array().unwrap();
        let who: Vec<(&str, u64)> = history
            .iter()
            .map(|e| (e["officer"].as_str().unwrap(), e["seq"].as_u64().unwrap()))
            .collect();
        assert_eq!(who, [("王老师", 1), ("李科长", 2)]);
    }
    // The other cases are untouched.
    let (_, list) = b.get(&b.wang, "/cases").await;
    let untouched = list["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["revision"] == 0)
        .count();
    assert_eq!(untouched, 2);
}

#[tokio::test]
async fn a_change_must_be_well_formed_and_a_note_sealed() {
    let b = bureau().await;
    let id = b.ids[0].clone();
    for (why, change) in [
        ("no revision", json!({"status": "closed"})),
        (
            "an unknown status",
            json!({"revision": 0, "status": "done"}),
        ),
        ("nothing to change", json!({"revision": 0})),
        (
            "a note in clear",
            json!({"revision": 0, "note": "学校已整改"}),
        ),
        (
            "a note of another format",
            json!({"revision": 0, "note": {"format": "jianfu.reply/1", "enc": "AA", "ct": "AA"}}),
        ),
        ("an empty assignee", json!({"revision": 0, "assignee": " "})),
    ] {
        let (status, body) = b.change(&b.wang, &id, &change).await;
        assert_eq!(status, 422, "{why}: {body}");
    }
    assert_eq!(
        b.change(
            &b.wang,
            "no-such-id",
            &json!({"revision": 0, "status": "closed"})
        )
        .await
        .0,
        404
    );
    assert_eq!(b.get(&b.wang, "/cases/no-such-id").await.0, 404);
    let (_, one) = b.get(&b.wang, &format!("/cases/{id}")).await;
    assert_eq!(one["case"]["revision"], 0, "nothing written by any refusal");
    assert!(one["history"].as_array().unwrap().is_empty());
}

/// An envelope carrying the hash of `code`'s receipt beside its sealed part.
fn with_receipt(code: jianfu_core::receipt::ReceiptCode) -> (String, String) {
    let (id, body) = random_envelope();
    let mut v: Value = serde_json::from_str(&body).unwrap();
    v["receipt"] = json!(code.hash().to_base64());
    (id, v.to_string())
}

#[tokio::test]
async fn the_parent_reads_the_status_and_the_sealed_reply_with_the_receipt_only() {
    use jianfu_core::receipt::ReceiptCode;
    let b = bureau().await;
    let code = ReceiptCode::from_random([42; 13]);
    let (id, envelope) = with_receipt(code);
    assert_eq!(b.app.post_json("/reports", &envelope).await.0, 201);
    assert_eq!(
        b.app.post_json("/reports", &envelope).await.0,
        200,
        "a retry"
    );
    let ask = async |typed: &str| {
        let (status, body) = b
            .app
            .post(
                "/receipts",
                &[
                    ("content-type", "application/json"),
                    ("origin", common::ORIGIN),
                ],
                json!({"receipt": typed}).to_string(),
            )
            .await;
        (
            status,
            serde_json::from_str::<Value>(&body).unwrap_or(Value::Null),
        )
    };

    // Received, nothing said yet; the code may be typed in lower case
    // without its hyphens.
    let typed = code.to_string().to_lowercase().replace('-', "");
    let (status, answer) = ask(&typed).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["status"], "received");
    assert_eq!(answer["replies"], json!([]));

    // The bureau verifies and answers (sealed in the desk to the report's
    // reply key); a note stays the bureau's own.
    let reply = json!({"format": "jianfu.reply/1", "enc": jianfu_core::b64::encode(&[3; 32]),
                       "ct": jianfu_core::b64::encode(&[4; 512])});
    let (status, done) = b
        .change(
            &b.wang,
            &id,
            &json!({"revision": 0, "status": "verifying", "note": sealed_note(9), "reply": reply}),
        )
        .await;
    assert_eq!(status, 200, "{done}");
    let (_, answer) = ask(&code.to_string()).await;
    assert_eq!(answer["status"], "verifying");
    assert_eq!(answer["updated_on"], "2026-11-23");
    assert_eq!(
        answer["replies"],
        json!([reply]),
        "the reply, and not the note"
    );

    // Another code, a garbled one, nothing: no case.
    assert_eq!(
        ask(&ReceiptCode::from_random([1; 13]).to_string()).await.0,
        404
    );
    assert_eq!(ask("7K3Q").await.0, 422);
    // One receipt, one report: another envelope under the same hash is refused.
    let (_, other) = with_receipt(code);
    assert_eq!(b.app.post_json("/reports", &other).await.0, 409);
    // A receipt that is not a hash is a bad envelope.
    let (_, mut bad) = random_envelope();
    bad = bad.replacen('{', "{\"receipt\": \"AAAA\", ", 1);
    assert_eq!(b.app.post_json("/reports", &bad).await.0, 422);
    // An envelope without a receipt (an older app) is stored as before.
    assert_eq!(
        b.app.post_json("/reports", &random_envelope().1).await.0,
        201
    );

    // The stored report's body has no receipt: it is kept apart.
    let conn = rusqlite::Connection::open(&b.app.db).unwrap();
    let body: String = conn
        .query_row("SELECT body FROM reports WHERE id = ?1", [&id], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(!body.contains("receipt"), "{body}");
    let kept: String = conn
        .query_row("SELECT hash FROM receipts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, code.hash().to_base64());
}
