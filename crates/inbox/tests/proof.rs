//! Issue #26: reports under load need a proof of work bound to their
//! envelope ([`jianfu_core::pow`]). Driven in-process through the router,
//! as the app's requests would reach it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::random_envelope;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use jianfu_core::pow::{Challenge, HEADER, Proof};
use jianfu_inbox::limit::Rates;
use jianfu_inbox::server::{Config, router};
use tower::ServiceExt;

const ORIGIN: &str = "https://portal.example";

/// An inbox in `dir` with `rates`, taking reports from [`ORIGIN`].
fn inbox(dir: &std::path::Path, rates: Rates) -> axum::Router {
    router(Config {
        db: dir.join("inbox.sqlite"),
        surveys: vec![],
        allow_origins: vec![ORIGIN.into()],
        admin_token: None,
        issuer: None,
        rates,
        trust_proxy: vec![],
    })
    .unwrap()
}

struct Answer {
    status: StatusCode,
    cors: Option<String>,
    body: String,
}

async fn post(app: &axum::Router, body: &str, proof: Option<&str>) -> Answer {
    let mut req = Request::post("/reports")
        .header("content-type", "application/json")
        .header("origin", ORIGIN);
    if let Some(p) = proof {
        req = req.header(HEADER, p);
    }
    let res = app
        .clone()
        .oneshot(req.body(Body::from(body.to_owned())).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let cors = res
        .headers()
        .get("access-control-allow-origin")
        .map(|v| v.to_str().unwrap().to_owned());
    let bytes = axum::body::to_bytes(res.into_body(), 1 << 20)
        .await
        .unwrap();
    Answer {
        status,
        cors,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

fn solve(c: &Challenge, id: &str) -> String {
    let nonce = c.solve_in(id, 0, u64::MAX).unwrap();
    Proof {
        seed: c.seed.clone(),
        nonce,
    }
    .to_header()
}

#[tokio::test]
async fn under_load_a_report_needs_a_proof_for_its_own_envelope() {
    let dir = tempfile::tempdir().unwrap();
    // Four reports a minute: after three, less than half is left.
    let app = inbox(
        dir.path(),
        Rates {
            reports_per_minute: 4.0,
            ..Rates::default()
        },
    );

    // Quiet: no proof asked.
    for _ in 0..3 {
        let (_, env) = random_envelope();
        assert_eq!(post(&app, &env, None).await.status, StatusCode::CREATED);
    }
    // Under half: a challenge, readable by the app (CORS), not a 429.
    let (id, env) = random_envelope();
    let asked = post(&app, &env, None).await;
    assert_eq!(
        asked.status,
        StatusCode::PRECONDITION_REQUIRED,
        "{}",
        asked.body
    );
    assert_eq!(asked.cors.as_deref(), Some(ORIGIN));
    let challenge = Challenge::from_answer(&asked.body).expect("a challenge");
    assert!(challenge.difficulty >= jianfu_core::pow::MIN_DIFFICULTY);

    // The proof of another envelope does not count, nor a forged seed, nor
    // a wrong nonce: 400, with CORS, nothing stored.
    let (other_id, other) = random_envelope();
    let for_other = solve(&challenge, &other_id);
    let wrong = post(&app, &env, Some(&for_other)).await;
    if !challenge.is_solved_by(&id, Proof::parse(&for_other).unwrap().nonce) {
        assert_eq!(wrong.status, StatusCode::BAD_REQUEST, "{}", wrong.body);
        assert!(wrong.body.contains("does not solve"), "{}", wrong.body);
        assert_eq!(wrong.cors.as_deref(), Some(ORIGIN));
    }
    let forged = jianfu_core::pow::Seed::issue(b"not the inbox's secret", 1_800_000_000, 1);
    let forged = Proof {
        seed: forged,
        nonce: 0,
    }
    .to_header();
    assert_eq!(
        post(&app, &env, Some(&forged)).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        post(&app, &env, Some("garbage")).await.status,
        StatusCode::BAD_REQUEST
    );

    // Solved for this envelope: stored; sent again, a duplicate.
    let proof = solve(&challenge, &id);
    let stored = post(&app, &env, Some(&proof)).await;
    assert_eq!(stored.status, StatusCode::CREATED, "{}", stored.body);
    assert_eq!(stored.cors.as_deref(), Some(ORIGIN));
    // Sent again (an app that missed the answer): a duplicate, once it
    // pays what is asked now (the paid report emptied the budget).
    let again = post(&app, &env, Some(&proof)).await;
    let again = match again.status {
        StatusCode::PRECONDITION_REQUIRED => {
            let c = Challenge::from_answer(&again.body).unwrap();
            post(&app, &env, Some(&solve(&c, &id))).await
        }
        _ => again,
    };
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);

    // Paid reports are never refused by the route's budget, and keep the
    // difficulty up, at the cap.
    let mut last = challenge.difficulty;
    for _ in 0..2 {
        let (id, env) = random_envelope();
        let asked = post(&app, &env, None).await;
        assert_eq!(asked.status, StatusCode::PRECONDITION_REQUIRED);
        let c = Challenge::from_answer(&asked.body).unwrap();
        assert!(c.difficulty >= last, "{} after {last}", c.difficulty);
        last = c.difficulty;
        let res = post(&app, &env, Some(&solve(&c, &id))).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    }
    assert!(
        last > challenge.difficulty,
        "the difficulty rose with the load"
    );
    assert_eq!(last, jianfu_core::pow::MAX_DIFFICULTY);
    // The other envelope's proof, solved when the load was lighter, is now
    // too easy by more than two steps: a fresh challenge, not a refusal.
    let late = post(&app, &other, Some(&for_other)).await;
    assert_eq!(
        late.status,
        StatusCode::PRECONDITION_REQUIRED,
        "{}",
        late.body
    );
    let c = Challenge::from_answer(&late.body).unwrap();
    assert_eq!(
        post(&app, &other, Some(&solve(&c, &other_id))).await.status,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn the_preflight_lets_the_proof_header_through() {
    let dir = tempfile::tempdir().unwrap();
    let app = inbox(dir.path(), Rates::default());
    let res = app
        .oneshot(
            Request::options("/reports")
                .header("origin", ORIGIN)
                .header("access-control-request-method", "POST")
                .header(
                    "access-control-request-headers",
                    "content-type, jianfu-proof",
                )
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let allowed = res.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(allowed.contains(HEADER), "{allowed}");
}
