//! `jianfu inbox`: the reference receiver of survey responses and sealed
//! reports. Validates with jianfu-core, drops duplicates by `nonce` / `id`,
//! commits before answering 2xx, answers CORS only for the origins it is
//! given, and never logs or stores IP addresses or user agents.
//!
//! Routes: `POST /responses`, `POST /reports`, `GET /health` (mounted at
//! `/inbox/` by `cargo xtask serve`).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use jianfu_core::{Envelope, Survey};
use serde_json::{Value, json};

use crate::inbox_store::{self, Kind, Stored, Submission, Writer};

/// Largest body accepted.
pub const MAX_BODY: usize = 64 * 1024;
/// A body must arrive within this time (slow-drip bodies are cut off).
pub const BODY_TIMEOUT: Duration = Duration::from_secs(10);

/// What the inbox needs.
pub struct Config {
    /// The SQLite file.
    pub db: PathBuf,
    /// Survey definitions responses may answer.
    pub surveys: Vec<Survey>,
    /// Origins allowed to submit from a browser (besides the inbox's own).
    pub allow_origins: Vec<String>,
}

struct Inbox {
    writer: Writer,
    reader: Mutex<rusqlite::Connection>,
    surveys: Vec<Survey>,
    allow_origins: Vec<String>,
}

/// Why a request was refused: the status and a message for the sender.
struct Refusal(StatusCode, String, Vec<String>);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let body = json!({"error": self.1, "problems": self.2});
        (
            self.0,
            [(header::CONTENT_TYPE, "application/json")],
            body.to_string(),
        )
            .into_response()
    }
}

/// The inbox's routes.
pub fn router(config: Config) -> Result<Router, String> {
    let conn =
        inbox_store::open(&config.db).map_err(|e| format!("{}: {e}", config.db.display()))?;
    let reader =
        inbox_store::open(&config.db).map_err(|e| format!("{}: {e}", config.db.display()))?;
    let inbox = Arc::new(Inbox {
        writer: Writer::start(conn),
        reader: Mutex::new(reader),
        surveys: config.surveys,
        allow_origins: config.allow_origins,
    });
    Ok(Router::new()
        .route("/responses", post(responses).options(preflight))
        .route("/reports", post(reports).options(preflight))
        .route("/health", get(health))
        .fallback(|| async { Refusal(StatusCode::NOT_FOUND, "no such endpoint".into(), vec![]) })
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            BODY_TIMEOUT,
        ))
        .with_state(inbox))
}

/// Serves until the process ends.
pub async fn serve(listen: SocketAddr, config: Config) -> Result<(), String> {
    let app = router(config)?;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    eprintln!(
        "jianfu inbox: listening on http://{}",
        listener.local_addr().map_err(|e| e.to_string())?
    );
    axum::serve(listener, app).await.map_err(|e| e.to_string())
}

/// `Ok(Some(origin))` for an allowed cross-origin browser, `Ok(None)` for
/// same-origin or non-browser clients, `Err` for any other origin.
fn check_origin(inbox: &Inbox, headers: &HeaderMap) -> Result<Option<HeaderValue>, Refusal> {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return Ok(None);
    };
    let o = origin.to_str().unwrap_or("");
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let same = o.split_once("://").is_some_and(|(_, rest)| rest == host);
    if same {
        return Ok(None);
    }
    if inbox.allow_origins.iter().any(|a| a == o) {
        return Ok(Some(origin.clone()));
    }
    Err(Refusal(
        StatusCode::FORBIDDEN,
        format!("origin {o} is not allowed to submit here"),
        vec![],
    ))
}

fn with_cors(mut res: Response, origin: Option<HeaderValue>) -> Response {
    if let Some(o) = origin {
        let h = res.headers_mut();
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, o);
        h.insert(header::VARY, HeaderValue::from_static("Origin"));
    }
    res
}

async fn preflight(State(inbox): State<Arc<Inbox>>, headers: HeaderMap) -> Response {
    match check_origin(&inbox, &headers) {
        Err(r) => r.into_response(),
        Ok(origin) => {
            let mut res = StatusCode::NO_CONTENT.into_response();
            let h = res.headers_mut();
            h.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static("POST"),
            );
            h.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static("content-type"),
            );
            h.insert(
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static("600"),
            );
            with_cors(res, origin)
        }
    }
}

/// The checks every submission passes first: origin, content type, JSON.
fn admit(
    inbox: &Inbox,
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<(Option<HeaderValue>, Value), Refusal> {
    let origin = check_origin(inbox, headers)?;
    let json_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
        });
    if !json_type {
        return Err(Refusal(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send Content-Type: application/json".into(),
            vec![],
        ));
    }
    if body.is_empty() {
        return Err(Refusal(
            StatusCode::BAD_REQUEST,
            "empty body".into(),
            vec![],
        ));
    }
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        Refusal(
            StatusCode::BAD_REQUEST,
            format!("not valid JSON: {e}"),
            vec![],
        )
    })?;
    Ok((origin, value))
}

fn problems(p: &jianfu_core::Problems) -> Vec<String> {
    p.as_slice().iter().map(ToString::to_string).collect()
}

async fn store(inbox: &Inbox, s: Submission, origin: Option<HeaderValue>) -> Response {
    let id = s.id.clone();
    match inbox.writer.store(s).await {
        Ok(Stored::New) => with_cors(
            (
                StatusCode::CREATED,
                json_body(&json!({"status": "stored", "id": id})),
            )
                .into_response(),
            origin,
        ),
        Ok(Stored::Duplicate) => with_cors(
            (
                StatusCode::OK,
                json_body(&json!({"status": "duplicate", "id": id})),
            )
                .into_response(),
            origin,
        ),
        Err(e) => Refusal(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("not stored: {e}"),
            vec![],
        )
        .into_response(),
    }
}

fn json_body(v: &Value) -> ([(header::HeaderName, &'static str); 1], String) {
    ([(header::CONTENT_TYPE, "application/json")], v.to_string())
}

async fn responses(State(inbox): State<Arc<Inbox>>, headers: HeaderMap, body: Bytes) -> Response {
    let (origin, value) = match admit(&inbox, &headers, &body) {
        Ok(x) => x,
        Err(r) => return r.into_response(),
    };
    let response = match jianfu_core::Response::from_value(&value) {
        Ok(r) => r,
        Err(p) => {
            return Refusal(
                StatusCode::UNPROCESSABLE_ENTITY,
                "not a valid jianfu.response/1".into(),
                problems(&p),
            )
            .into_response();
        }
    };
    let Some(survey) = inbox.surveys.iter().find(|s| s.id == response.survey) else {
        return Refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("unknown survey \"{}\"", response.survey),
            vec![],
        )
        .into_response();
    };
    if let Err(p) = survey.check(&response) {
        return Refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            "the answers do not fit the survey".into(),
            problems(&p),
        )
        .into_response();
    }
    let s = Submission {
        kind: Kind::Response,
        id: response.nonce_base64(),
        survey: Some(response.survey.clone()),
        body: response.to_value().to_string(),
    };
    store(&inbox, s, origin).await
}

async fn reports(State(inbox): State<Arc<Inbox>>, headers: HeaderMap, body: Bytes) -> Response {
    let (origin, value) = match admit(&inbox, &headers, &body) {
        Ok(x) => x,
        Err(r) => return r.into_response(),
    };
    let envelope = match Envelope::from_value(&value) {
        Ok(e) => e,
        Err(p) => {
            return Refusal(
                StatusCode::UNPROCESSABLE_ENTITY,
                "not a valid jianfu.envelope/1".into(),
                problems(&p),
            )
            .into_response();
        }
    };
    let s = Submission {
        kind: Kind::Report,
        id: envelope.id_base64(),
        survey: None,
        body: envelope.to_value().to_string(),
    };
    store(&inbox, s, origin).await
}

async fn health(State(inbox): State<Arc<Inbox>>) -> Response {
    let counts = inbox
        .reader
        .lock()
        .map_err(|e| e.to_string())
        .and_then(|c| inbox_store::counts(&c).map_err(|e| e.to_string()));
    match counts {
        Ok((responses, reports)) => {
            json_body(&json!({"status": "ok", "responses": responses, "reports": reports}))
                .into_response()
        }
        Err(e) => Refusal(StatusCode::SERVICE_UNAVAILABLE, e, vec![]).into_response(),
    }
}
