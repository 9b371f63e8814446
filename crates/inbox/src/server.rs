//! `jianfu inbox`: the reference receiver of survey responses and sealed
//! reports. Validates with jianfu-core, drops duplicate deliveries by
//! `nonce` / `id` and refuses (409) a different body under a known one,
//! takes a response's date from its own clock (in school time) and refuses
//! answers outside the survey's `opens`–`closes`, commits before answering
//! 2xx, answers CORS only for the origins it is given (on refusals too, so
//! the app can read why), and never logs or stores IP addresses, user
//! agents or the admin token.
//!
//! Routes: `POST /responses`, `POST /reports`, `GET /health` (no counts:
//! a watcher polling them could time each submission), and with an admin
//! token `GET /export/reports` and `GET /export/responses` (JSON lines, in
//! id order, `?since=YYYY-MM-DD`; a report's line is its envelope plus
//! `received_on`, the day it was stored). Mounted at `/inbox/` by `cargo xtask serve`.
//!
//! Under load `POST /reports` asks for a proof of work bound to the
//! envelope (428 with a challenge, then the `jianfu-proof` header; see
//! `docs/spec/proof-of-work.md` and [`jianfu_core::pow`]).

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
use jianfu_core::{Date, Envelope, Survey};
use serde_json::{Value, json};
use sha2::Digest;

use crate::cases::{self, CaseChange, CaseEvent, CaseState, Changed};
use crate::clock::{Clock, SystemClock};
use crate::conn::{ConnectionOver, Peer};
use crate::issuer::{self, IssueRefusal, IssuerKeyFile};
use crate::limit::{Cidr, Limits, Route, client_addr, too_many};
use crate::store::{Kind, SqliteStore, Store, Stored, Submission};
use jianfu_core::case::Status;
use jianfu_core::invite::InviteCode;
use jianfu_core::pow::{self, Challenge, Proof};
use jianfu_core::receipt::{ReceiptCode, ReceiptHash};
use jianfu_core::token::{IssuerKey, spent_hash};

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
    /// The bearer token of the `/export/…` routes; without it they do not exist.
    pub admin_token: Option<String>,
    /// The token issuer, if this inbox also issues (`POST /issue`).
    pub issuer: Option<IssuerConfig>,
    /// The routes' rate limits.
    pub rates: crate::limit::Rates,
    /// Reverse proxies whose `X-Forwarded-For` names the client (`--trust-proxy`);
    /// from any other peer the header is ignored.
    pub trust_proxy: Vec<Cidr>,
}

/// What the issuer needs: its keys (one per token survey) and its own store.
pub struct IssuerConfig {
    /// The keys, each naming its survey.
    pub keys: Vec<IssuerKeyFile>,
    /// The issuer's SQLite file, never the inbox's.
    pub db: PathBuf,
}

struct Inbox {
    store: Arc<dyn Store>,
    surveys: Vec<Survey>,
    /// The public keys of the token surveys, read once at start.
    token_keys: Vec<(String, IssuerKey)>,
    allow_origins: Vec<String>,
    admin_token: Option<String>,
    issuer: Option<(Vec<IssuerKeyFile>, Mutex<rusqlite::Connection>)>,
    limits: Limits,
    trust_proxy: Vec<Cidr>,
    clock: Arc<dyn Clock>,
    /// Keys the proof-of-work seeds ([`jianfu_core::pow::Seed`]); drawn at
    /// start, never written: a restart only makes pending challenges stale.
    pow_secret: [u8; 32],
}

/// At most this many problems are listed in a refusal, each at most
/// `MAX_PROBLEM_CHARS` long: a 42 KB request once produced a 146 KB list.
const MAX_PROBLEMS: usize = 20;
const MAX_PROBLEM_CHARS: usize = 200;

/// Why a request was refused: the status and a message for the sender.
struct Refusal {
    status: StatusCode,
    message: String,
    problems: Vec<String>,
    /// Over a budget: how long until the sender may try again.
    retry_after: Option<Duration>,
    /// Reports under load: the proof of work asked for (428).
    challenge: Option<Challenge>,
}

impl Refusal {
    fn new(status: StatusCode, message: String, problems: Vec<String>) -> Self {
        Self {
            status,
            message,
            problems,
            retry_after: None,
            challenge: None,
        }
    }

    /// A report under load without a (current) proof: 428 with the
    /// challenge to solve, which the app solves and sends again.
    fn challenge(challenge: Challenge) -> Self {
        Self {
            challenge: Some(challenge),
            ..Self::new(
                StatusCode::PRECONDITION_REQUIRED,
                "the inbox is busy: send this report again with a proof of work \
                 (the jianfu-proof header) for the challenge"
                    .into(),
                vec![],
            )
        }
    }

    /// Over a budget: 429 with `Retry-After`, which the app retries.
    fn busy(wait: Duration) -> Self {
        Self {
            retry_after: Some(wait),
            ..Self::new(StatusCode::TOO_MANY_REQUESTS, String::new(), vec![])
        }
    }
}

/// Where a submission comes from, as the limits see it, and which route's
/// budget it is charged to once it passed validation.
#[derive(Clone, Copy)]
struct Source {
    ip: Option<std::net::IpAddr>,
    route: Route,
}

impl Source {
    /// Charges the submission, now that it is valid.
    fn charge(self, inbox: &Inbox) -> Result<(), Refusal> {
        inbox
            .limits
            .charge(self.route, self.ip)
            .map_err(Refusal::busy)
    }

    /// Charges a valid report: as any submission while the reports budget
    /// is more than half full; below that only with a proof of work for
    /// this envelope at the difficulty the budget's level asks
    /// ([`jianfu_core::pow`]), which the route's budget never refuses.
    /// A seed given a little easier than asked now still counts (two
    /// steps: the load may rise while a parent's phone solves it).
    fn charge_report(self, inbox: &Inbox, id: &str, headers: &HeaderMap) -> Result<(), Refusal> {
        let required = pow::difficulty(inbox.limits.reports_level());
        if required == 0 {
            return self.charge(inbox);
        }
        let now = inbox.clock.now().unix_seconds();
        let fresh = || {
            Refusal::challenge(Challenge {
                seed: pow::Seed::issue(&inbox.pow_secret, now, required),
                difficulty: required,
            })
        };
        let Some(header) = headers.get(pow::HEADER) else {
            return Err(fresh());
        };
        let bad = |why: &str| {
            Refusal::new(
                StatusCode::BAD_REQUEST,
                format!("{}: {why}", pow::HEADER),
                vec![],
            )
        };
        let proof = header
            .to_str()
            .map_err(|_| bad("not text"))
            .and_then(|h| Proof::parse(h).map_err(bad))?;
        let difficulty = match proof.seed.check(&inbox.pow_secret, now) {
            Ok(d) if d.saturating_add(2) >= required => d,
            Ok(_) | Err(pow::SeedError::Stale) => return Err(fresh()),
            Err(pow::SeedError::Forged) => return Err(bad("the seed is not one of this inbox's")),
        };
        let challenge = Challenge {
            seed: proof.seed,
            difficulty,
        };
        if !challenge.is_solved_by(id, proof.nonce) {
            return Err(bad(
                "the nonce does not solve the challenge for this envelope",
            ));
        }
        inbox.limits.charge_paid(self.ip).map_err(Refusal::busy)
    }
}

/// Refusals that say the sender sent something it should not have, which
/// its malformed budget pays for (a code guessed at `/issue` is a 404, a
/// forged token a 403, a squatted id a 409).
fn is_malformed(status: StatusCode) -> bool {
    matches!(status.as_u16(), 400 | 403 | 404 | 409 | 413 | 415 | 422)
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        if let Some(wait) = self.retry_after {
            return too_many(wait);
        }
        let total = self.problems.len();
        let mut problems: Vec<String> = self
            .problems
            .into_iter()
            .take(MAX_PROBLEMS)
            .map(|p| clip(&p, MAX_PROBLEM_CHARS))
            .collect();
        if total > MAX_PROBLEMS {
            problems.push(format!("… and {} more", total - MAX_PROBLEMS));
        }
        let mut body =
            json!({"error": clip(&self.message, MAX_PROBLEM_CHARS), "problems": problems});
        if let Some(c) = &self.challenge {
            body["challenge"] = c.to_value();
        }
        (
            self.status,
            [(header::CONTENT_TYPE, "application/json")],
            body.to_string(),
        )
            .into_response()
    }
}

fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

/// Lower-case hex SHA-256, as the stores keep digests and hashes.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex(&sha2::Sha256::digest(bytes))
}

/// The inbox's routes, dating by this machine's clock.
pub fn router(config: Config) -> Result<Router, String> {
    router_with_clock(config, Arc::new(SystemClock))
}

/// The inbox's routes over the SQLite store of `config.db`, dating
/// everything by `clock`.
pub fn router_with_clock(config: Config, clock: Arc<dyn Clock>) -> Result<Router, String> {
    let store = SqliteStore::open(&config.db, clock.clone())?;
    router_with(config, Arc::new(store), clock)
}

/// The inbox's routes over `store` (`config.db` is not opened), dating
/// everything by `clock`: the two things an inbox reads from outside, given
/// to it, so tests and other stores drive the very same routes.
pub fn router_with(
    config: Config,
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
) -> Result<Router, String> {
    let admin = config.admin_token.is_some();
    let mut token_keys = Vec::new();
    for s in &config.surveys {
        if let Some(i) = &s.issuer {
            let key = IssuerKey::from_spki(&i.key)
                .map_err(|e| format!("survey \"{}\": issuer.key: {e}", s.id))?;
            token_keys.push((s.id.clone(), key));
        }
    }
    let issuer = match config.issuer {
        None => None,
        Some(c) => {
            if c.db == config.db {
                return Err("the issuer's store must be another file than the inbox's".into());
            }
            for k in &c.keys {
                let Some((_, key)) = token_keys.iter().find(|(id, _)| *id == k.survey) else {
                    return Err(format!(
                        "issuer key for \"{}\": no token survey with that id is given (--survey)",
                        k.survey
                    ));
                };
                if key.id() != k.key_id() {
                    return Err(format!(
                        "issuer key for \"{}\" is {}, but the survey names key {}",
                        k.survey,
                        k.key_id(),
                        key.id()
                    ));
                }
            }
            let conn = issuer::open(&c.db).map_err(|e| format!("{}: {e}", c.db.display()))?;
            Some((c.keys, Mutex::new(conn)))
        }
    };
    let has_issuer = issuer.is_some();
    let inbox = Arc::new(Inbox {
        store,
        clock,
        surveys: config.surveys,
        token_keys,
        allow_origins: config.allow_origins,
        admin_token: config.admin_token,
        issuer,
        limits: Limits::new(config.rates),
        trust_proxy: config.trust_proxy,
        pow_secret: crate::limit::fresh_secret(),
    });
    let mut routes = Router::new()
        .route("/responses", post(responses).options(preflight))
        .route("/reports", post(reports).options(preflight))
        .route("/health", get(health));
    if has_issuer {
        routes = routes.route("/issue", post(issue).options(preflight));
    }
    // Officers' cases (#30): same origin only, like the exports; with no
    // officer added every request is a 401.
    routes = routes
        .route("/cases", get(list_cases))
        .route("/cases/{id}", get(get_case).post(change_case))
        .route("/receipts", post(receipts).options(preflight));
    if admin {
        routes = routes
            .route("/export/reports", get(export_reports))
            .route("/export/responses", get(export_responses));
    }
    Ok(routes
        .fallback(|| async {
            Refusal::new(StatusCode::NOT_FOUND, "no such endpoint".into(), vec![])
        })
        .layer(axum::middleware::from_fn_with_state(
            inbox.clone(),
            connection_budget,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            BODY_TIMEOUT,
        ))
        .with_state(inbox))
}

/// Serves until the process ends, with the connection limits of
/// [`crate::conn`]: header-read and idle timeouts, and a cap on open
/// connections that closes the longest-idle one to admit a new one.
pub async fn serve(
    listen: SocketAddr,
    config: Config,
    limits: crate::conn::Limits,
) -> Result<(), String> {
    let app = router(config)?;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    eprintln!(
        "jianfu inbox: listening on http://{} (at most {} connections, idle ones closed after {} s)",
        listener.local_addr().map_err(|e| e.to_string())?,
        limits.max_connections,
        limits.idle_timeout.as_secs()
    );
    crate::conn::serve(listener, app, limits).await;
    Ok(())
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
    // Same origin: a web scheme and this Host. Behind a TLS proxy the
    // inbox itself sees http while the browser says https, so both count;
    // `evil://HOST` does not.
    let same = o.split_once("://").is_some_and(|(scheme, rest)| {
        matches!(scheme, "http" | "https") && !host.is_empty() && rest == host
    });
    if same {
        return Ok(None);
    }
    if inbox.allow_origins.iter().any(|a| a == o) {
        return Ok(Some(origin.clone()));
    }
    Err(Refusal::new(
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
                HeaderValue::from_static("content-type, jianfu-proof"),
            );
            h.insert(
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static("600"),
            );
            with_cors(res, origin)
        }
    }
}

/// The checks every submission passes after its origin: content type, JSON.
fn admit(headers: &HeaderMap, body: &Bytes) -> Result<Value, Refusal> {
    let json_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
        });
    if !json_type {
        return Err(Refusal::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send Content-Type: application/json".into(),
            vec![],
        ));
    }
    if body.is_empty() {
        return Err(Refusal::new(
            StatusCode::BAD_REQUEST,
            "empty body".into(),
            vec![],
        ));
    }
    serde_json::from_slice(body).map_err(|e| {
        Refusal::new(
            StatusCode::BAD_REQUEST,
            format!("not valid JSON: {e}"),
            vec![],
        )
    })
}

/// Runs a submission handler for an allowed origin, and puts that origin's
/// CORS headers on whatever it answers, refusals included: a browser app
/// that cannot read why it was refused would retry forever.
///
/// The budgets (see [`crate::limit`]): a source that spent its malformed
/// budget is answered 429 before its request is read; the handler charges
/// the route's budgets once the submission is valid
/// ([`Source::charge`]); a refusal for what was sent is charged to the
/// malformed budget.
async fn submission<F>(inbox: &Inbox, route: Route, req: &SubmissionParts, handle: F) -> Response
where
    F: AsyncFnOnce(Source) -> Result<Response, Refusal>,
{
    let origin = match check_origin(inbox, &req.headers) {
        Ok(o) => o,
        Err(r) => return r.into_response(),
    };
    let ip = req.peer.map(|peer| {
        let forwarded = req
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok());
        client_addr(peer, forwarded, &inbox.trust_proxy)
    });
    if let Err(wait) = inbox.limits.admit(ip) {
        return with_cors(too_many(wait), origin);
    }
    let res = match handle(Source { ip, route }).await {
        Ok(r) => r,
        Err(r) => r.into_response(),
    };
    if is_malformed(res.status()) {
        inbox.limits.malformed(ip);
    }
    with_cors(res, origin)
}

/// What every submission route reads besides its body: the headers and,
/// when served by [`crate::conn::serve`], the peer's address.
struct SubmissionParts {
    headers: HeaderMap,
    peer: Option<std::net::IpAddr>,
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for SubmissionParts {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(Self {
            headers: parts.headers.clone(),
            peer: parts.extensions.get::<Peer>().map(|p| p.0.ip()),
        })
    }
}

/// Answers 429 (with the CORS of an allowed origin, so the app reads
/// "busy") to a request its connection had no budget for: the connection
/// layer marks it ([`ConnectionOver`]) instead of answering itself, as it
/// cannot know the origins.
async fn connection_budget(
    State(inbox): State<Arc<Inbox>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if let Some(over) = req.extensions().get::<ConnectionOver>() {
        let origin = check_origin(&inbox, req.headers()).ok().flatten();
        return with_cors(too_many(over.0), origin);
    }
    next.run(req).await
}

fn problems(p: &jianfu_core::Problems) -> Vec<String> {
    p.as_slice().iter().map(ToString::to_string).collect()
}

async fn store(inbox: &Inbox, s: Submission) -> Result<Response, Refusal> {
    let id = s.id.clone();
    match inbox.store.store(s).await {
        Ok(Stored::New) => Ok((
            StatusCode::CREATED,
            json_body(&json!({"status": "stored", "id": id})),
        )
            .into_response()),
        Ok(Stored::Duplicate) => Ok((
            StatusCode::OK,
            json_body(&json!({"status": "duplicate", "id": id})),
        )
            .into_response()),
        Ok(Stored::Conflict) => Err(Refusal::new(
            StatusCode::CONFLICT,
            "this id is already stored with other content; the first one is kept".into(),
            vec![],
        )),
        Ok(Stored::Spent) => Err(Refusal::new(
            StatusCode::CONFLICT,
            "this invitation's token was used already: one answer per invitation".into(),
            vec![],
        )),
        Err(e) => Err(Refusal::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("not stored: {e}"),
            vec![],
        )),
    }
}

fn json_body(v: &Value) -> ([(header::HeaderName, &'static str); 1], String) {
    ([(header::CONTENT_TYPE, "application/json")], v.to_string())
}

async fn responses(State(inbox): State<Arc<Inbox>>, req: SubmissionParts, body: Bytes) -> Response {
    let headers = &req.headers;
    submission(&inbox, Route::Responses, &req, async |source| {
        let value = admit(headers, &body)?;
        let mut response = jianfu_core::Response::from_value(&value).map_err(|p| {
            Refusal::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "not a valid jianfu.response/1".into(),
                problems(&p),
            )
        })?;
        let survey = inbox
            .surveys
            .iter()
            .find(|s| s.id == response.survey)
            .ok_or_else(|| {
                Refusal::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    format!("unknown survey \"{}\"", response.survey),
                    vec![],
                )
            })?;
        // What the sender sent decides whether a known nonce is a retry.
        let digest = sha256_hex(response.to_value().to_string().as_bytes());
        let today = inbox.clock.today();
        if !survey.is_open_on(today) {
            return Err(Refusal::new(
                // A token survey's closed day makes its tokens expire.
                if survey.issuer.is_some() {
                    StatusCode::GONE
                } else {
                    StatusCode::UNPROCESSABLE_ENTITY
                },
                format!(
                    "survey \"{}\" takes answers from {} to {}; today is {today}",
                    survey.id, survey.opens, survey.closes
                ),
                vec![],
            ));
        }
        response.submitted_on = today;
        survey.check(&response).map_err(|p| {
            Refusal::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "the answers do not fit the survey".into(),
                problems(&p),
            )
        })?;
        let spent = check_token(&inbox, survey, &mut response)?;
        source.charge(&inbox)?;
        let s = Submission {
            kind: Kind::Response,
            id: response.nonce_base64(),
            survey: Some(response.survey.clone()),
            enc: None,
            digest,
            // Without its token: the inbox keeps only the token's hash.
            body: response.to_value().to_string(),
            spent,
            receipt: None,
        };
        store(&inbox, s).await
    })
    .await
}

async fn reports(State(inbox): State<Arc<Inbox>>, req: SubmissionParts, body: Bytes) -> Response {
    let headers = &req.headers;
    submission(&inbox, Route::Reports, &req, async |source| {
        let value = admit(headers, &body)?;
        let envelope = Envelope::from_value(&value).map_err(|p| {
            Refusal::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "not a valid jianfu.envelope/1".into(),
                problems(&p),
            )
        })?;
        let id = envelope.id_base64();
        // The receipt's hash rides beside the sealed part (#30); it is kept
        // apart from the report, never in its body.
        let receipt = ReceiptHash::of_envelope(&value)
            .map_err(|e| Refusal::new(StatusCode::UNPROCESSABLE_ENTITY, e, vec![]))?;
        source.charge_report(&inbox, &id, headers)?;
        let body = envelope.to_value().to_string();
        let s = Submission {
            kind: Kind::Report,
            id,
            survey: None,
            enc: Some(jianfu_core::b64::encode(&envelope.enc)),
            // A retry must carry the same receipt to be the same report.
            digest: sha256_hex(
                format!(
                    "{body}{}",
                    receipt.map(ReceiptHash::to_base64).unwrap_or_default()
                )
                .as_bytes(),
            ),
            body,
            spent: None,
            receipt: receipt.map(ReceiptHash::to_base64),
        };
        store(&inbox, s).await
    })
    .await
}

/// For a token survey, checks the response's token and takes it off the
/// response (the store keeps only its hash, returned to be marked spent in
/// the same transaction). A survey without tokens ignores one.
fn check_token(
    inbox: &Inbox,
    survey: &Survey,
    response: &mut jianfu_core::Response,
) -> Result<Option<String>, Refusal> {
    let token = response.token.take();
    let Some((_, key)) = inbox.token_keys.iter().find(|(id, _)| *id == survey.id) else {
        return Ok(None);
    };
    let Some(token) = token else {
        return Err(Refusal::new(
            StatusCode::FORBIDDEN,
            format!(
                "survey \"{}\" takes answers only with an invitation's token",
                survey.id
            ),
            vec![],
        ));
    };
    key.verify(&survey.id, &token.msg, token.rand, &token.sig)
        .map_err(|e| Refusal::new(StatusCode::FORBIDDEN, format!("token refused: {e}"), vec![]))?;
    Ok(Some(hex(&spent_hash(&token.msg))))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        use std::fmt::Write;
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// `POST /issue`: `{"survey", "code", "blinded_msg"}` → `{"blind_sig"}`.
async fn issue(State(inbox): State<Arc<Inbox>>, req: SubmissionParts, body: Bytes) -> Response {
    let headers = &req.headers;
    submission(&inbox, Route::Issue, &req, async |source| {
        let value = admit(headers, &body)?;
        let bad = |what: &str| Refusal::new(StatusCode::BAD_REQUEST, what.to_owned(), vec![]);
        let survey_id = value["survey"]
            .as_str()
            .ok_or_else(|| bad("survey: expected the survey id"))?;
        let code = InviteCode::parse(value["code"].as_str().unwrap_or(""))
            .map_err(|e| Refusal::new(StatusCode::BAD_REQUEST, format!("code: {e}"), vec![]))?;
        let blinded = value["blinded_msg"]
            .as_str()
            .and_then(jianfu_core::b64::decode)
            .ok_or_else(|| bad("blinded_msg: expected base64url"))?;
        let unknown = || {
            Refusal::new(
                StatusCode::NOT_FOUND,
                "no such invitation code for this survey".into(),
                vec![],
            )
        };
        let survey = inbox
            .surveys
            .iter()
            .find(|s| s.id == survey_id)
            .cloned()
            .ok_or_else(unknown)?;
        source.charge(&inbox)?;
        let inbox2 = inbox.clone();
        let outcome = tokio::task::spawn_blocking(move || {
            let (keys, conn) = inbox2.issuer.as_ref()?;
            let key = keys.iter().find(|k| k.survey == survey.id)?;
            let mut conn = conn.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            Some(issuer::redeem(&mut conn, key, &survey, code, &blinded, inbox2.clock.today()))
        })
        .await
        .map_err(|e| Refusal::new(StatusCode::SERVICE_UNAVAILABLE, e.to_string(), vec![]))?
        .ok_or_else(unknown)?
        .map_err(|e| {
            Refusal::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("not redeemed: {e}"),
                vec![],
            )
        })?;
        match outcome {
            Ok(sig) => Ok(json_body(&json!({"blind_sig": jianfu_core::b64::encode(&sig)})).into_response()),
            Err(IssueRefusal::Unknown) => Err(unknown()),
            Err(IssueRefusal::Used) => Err(Refusal::new(
                StatusCode::CONFLICT,
                "this invitation code was used already".into(),
                vec![],
            )),
            Err(IssueRefusal::Closed) => Err(Refusal::new(
                StatusCode::GONE,
                format!(
                    "survey \"{survey_id}\" takes answers only while it is open; it is not open today"
                ),
                vec![],
            )),
            Err(IssueRefusal::Malformed) => Err(bad(
                "blinded_msg: not a blinded message for this survey's key",
            )),
        }
    })
    .await
}

async fn health() -> Response {
    json_body(&json!({"status": "ok"})).into_response()
}

/// `Authorization: Bearer <token>`, compared in constant time.
fn authorized(inbox: &Inbox, headers: &HeaderMap) -> bool {
    let Some(token) = &inbox.admin_token else {
        return false;
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    constant_time_eq(given.as_bytes(), token.as_bytes())
}

/// Equal, in a time that depends only on the lengths.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let mut diff = u8::from(a.len() != b.len());
    for (i, x) in b.iter().enumerate() {
        diff |= x ^ a.get(i).copied().unwrap_or(0);
    }
    diff == 0
}

/// `since=` of a query string, if given.
fn since_param(uri: &axum::http::Uri) -> Option<&str> {
    uri.query()?
        .split('&')
        .find_map(|pair| pair.strip_prefix("since="))
}

async fn export(inbox: &Inbox, headers: &HeaderMap, uri: &axum::http::Uri, kind: Kind) -> Response {
    if !authorized(inbox, headers) {
        let mut res = Refusal::new(
            StatusCode::UNAUTHORIZED,
            "this route needs the admin token (Authorization: Bearer …)".into(),
            vec![],
        )
        .into_response();
        res.headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        return res;
    }
    let since = match since_param(uri).map(Date::parse) {
        None => None,
        Some(Ok(d)) => Some(d),
        Some(Err(_)) => {
            return Refusal::new(
                StatusCode::BAD_REQUEST,
                "since: expected a date as YYYY-MM-DD".into(),
                vec![],
            )
            .into_response();
        }
    };
    match inbox.store.export(kind, since).await {
        Ok(rows) => {
            let mut out = String::new();
            for row in rows {
                // A report's line carries the day the inbox stored it, which
                // the envelope cannot (it is sealed before it is sent); the
                // bureau's case list shows it as the date received.
                let line = match (kind, serde_json::from_str::<Value>(&row.body)) {
                    (Kind::Report, Ok(Value::Object(mut map))) => {
                        map.insert("received_on".into(), Value::String(row.received_on));
                        Value::Object(map).to_string()
                    }
                    _ => row.body,
                };
                out.push_str(&line);
                out.push('\n');
            }
            (
                StatusCode::OK,
                [
                    (header::CONTENT_TYPE, "application/jsonl"),
                    (header::CACHE_CONTROL, "no-store"),
                ],
                out,
            )
                .into_response()
        }
        Err(e) => Refusal::new(StatusCode::SERVICE_UNAVAILABLE, e, vec![]).into_response(),
    }
}

async fn export_reports(
    State(inbox): State<Arc<Inbox>>,
    headers: HeaderMap,
    uri: axum::http::Uri,
) -> Response {
    export(&inbox, &headers, &uri, Kind::Report).await
}

async fn export_responses(
    State(inbox): State<Arc<Inbox>>,
    headers: HeaderMap,
    uri: axum::http::Uri,
) -> Response {
    export(&inbox, &headers, &uri, Kind::Response).await
}

/// The officer a request's `Authorization: Bearer` token belongs to
/// ([`crate::cases`]), or a 401 saying how to get one.
async fn officer_of(inbox: &Inbox, headers: &HeaderMap) -> Result<String, Response> {
    let unauthorized = || {
        let mut res = Refusal::new(
            StatusCode::UNAUTHORIZED,
            "this route needs an officer's token (Authorization: Bearer …; `jianfu officer add`)"
                .into(),
            vec![],
        )
        .into_response();
        res.headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        res
    };
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(unauthorized)?;
    match inbox.store.officer(&cases::token_hash(token)).await {
        Ok(Some(name)) => Ok(name),
        Ok(None) => Err(unauthorized()),
        Err(e) => Err(Refusal::new(StatusCode::SERVICE_UNAVAILABLE, e, vec![]).into_response()),
    }
}

/// A JSON answer no cache keeps (cases carry sealed notes).
fn private_json(status: StatusCode, v: &Value) -> Response {
    (status, [(header::CACHE_CONTROL, "no-store")], json_body(v)).into_response()
}

/// `GET /cases`: every stored report's case.
async fn list_cases(State(inbox): State<Arc<Inbox>>, headers: HeaderMap) -> Response {
    let officer = match officer_of(&inbox, &headers).await {
        Ok(o) => o,
        Err(res) => return res,
    };
    match inbox.store.cases().await {
        Ok(all) => private_json(
            StatusCode::OK,
            &json!({"officer": officer, "cases": all.iter().map(CaseState::to_value).collect::<Vec<_>>()}),
        ),
        Err(e) => Refusal::new(StatusCode::SERVICE_UNAVAILABLE, e, vec![]).into_response(),
    }
}

/// `GET /cases/{id}`: one case and its whole history.
async fn get_case(
    State(inbox): State<Arc<Inbox>>,
    axum::extract::Path(id): axum::extract::Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Err(res) = officer_of(&inbox, &headers).await {
        return res;
    }
    match inbox.store.case(&id).await {
        Ok(Some((state, history))) => private_json(
            StatusCode::OK,
            &json!({"case": state.to_value(), "history": history.iter().map(CaseEvent::to_value).collect::<Vec<_>>()}),
        ),
        Ok(None) => Refusal::new(
            StatusCode::NOT_FOUND,
            "no stored report has this id".into(),
            vec![],
        )
        .into_response(),
        Err(e) => Refusal::new(StatusCode::SERVICE_UNAVAILABLE, e, vec![]).into_response(),
    }
}

/// A sealed note or reply of `format` (`{format, enc, ct}`, base64url), as
/// given; `Err` for anything else, text in clear above all.
fn sealed(v: Option<&Value>, format: &str) -> Result<Option<Value>, ()> {
    let Some(v) = v else { return Ok(None) };
    let ok = v.get("format").and_then(Value::as_str) == Some(format)
        && ["enc", "ct"].iter().all(|k| {
            v.get(*k)
                .and_then(Value::as_str)
                .is_some_and(|x| jianfu_core::b64::decode(x).is_some())
        });
    if ok { Ok(Some(v.clone())) } else { Err(()) }
}

/// Reads `POST /cases/{id}`'s body: the revision seen and what changes.
fn read_change(id: String, v: &Value) -> Result<CaseChange, Refusal> {
    let bad = |m: &str| Refusal::new(StatusCode::UNPROCESSABLE_ENTITY, m.to_owned(), vec![]);
    let obj = v.as_object().ok_or_else(|| bad("expected an object"))?;
    let revision = obj
        .get("revision")
        .and_then(Value::as_u64)
        .ok_or_else(|| bad("revision: the revision this change is based on, a whole number"))?;
    let status = match obj.get("status") {
        None => None,
        Some(s) => Some(
            s.as_str()
                .and_then(Status::parse)
                .ok_or_else(|| bad("status: one of received, verifying, closed"))?,
        ),
    };
    let assignee = match obj.get("assignee") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(Value::String(a)) if !a.trim().is_empty() && a.chars().count() <= 40 => {
            Some(Some(a.trim().to_owned()))
        }
        Some(_) => return Err(bad("assignee: an officer's name (1–40 characters) or null")),
    };
    let note = sealed(obj.get("note"), "jianfu.note/1").map_err(|()| {
        bad("note: a note sealed to the bureau's key in the desk ({\"format\": \"jianfu.note/1\", \"enc\", \"ct\"}); the inbox never takes one in clear")
    })?;
    let reply = sealed(obj.get("reply"), "jianfu.reply/1").map_err(|()| {
        bad("reply: a reply sealed in the desk to the report's reply key ({\"format\": \"jianfu.reply/1\", \"enc\", \"ct\"})")
    })?;
    let change = CaseChange {
        id,
        revision,
        status,
        assignee,
        note,
        reply,
    };
    if change.is_empty() {
        return Err(bad(
            "nothing to change: give status, assignee, note or reply",
        ));
    }
    Ok(change)
}

/// `POST /cases/{id}`: an officer's change, applied only on the revision
/// they saw; otherwise 409 with what changed since.
async fn change_case(
    State(inbox): State<Arc<Inbox>>,
    axum::extract::Path(id): axum::extract::Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let officer = match officer_of(&inbox, &headers).await {
        Ok(o) => o,
        Err(res) => return res,
    };
    let change = match admit(&headers, &body).and_then(|v| read_change(id, &v)) {
        Ok(c) => c,
        Err(r) => return r.into_response(),
    };
    match inbox
        .store
        .change_case(change, officer, inbox.clock.today())
        .await
    {
        Ok(Changed::Done(state)) => {
            private_json(StatusCode::OK, &json!({"case": state.to_value()}))
        }
        Ok(Changed::Conflict(state, since)) => private_json(
            StatusCode::CONFLICT,
            &json!({
                "error": "another officer changed this case after the revision you saw; nothing was written",
                "case": state.to_value(),
                "history": since.iter().map(CaseEvent::to_value).collect::<Vec<_>>(),
            }),
        ),
        Ok(Changed::NoSuchCase) => Refusal::new(
            StatusCode::NOT_FOUND,
            "no stored report has this id".into(),
            vec![],
        )
        .into_response(),
        Err(e) => Refusal::new(StatusCode::SERVICE_UNAVAILABLE, e, vec![]).into_response(),
    }
}

/// `POST /receipts` with `{"receipt": "<code>"}`: the status of the report
/// the code was made for, and the replies sealed to its reply key (#30).
/// The code comes in a body, never a URL; a code that names nothing is a
/// 404 charged to the sender's malformed budget, as a guessed invitation
/// is.
async fn receipts(State(inbox): State<Arc<Inbox>>, req: SubmissionParts, body: Bytes) -> Response {
    let headers = &req.headers;
    submission(&inbox, Route::Issue, &req, async |_| {
        let value = admit(headers, &body)?;
        let code = value
            .get("receipt")
            .and_then(Value::as_str)
            .ok_or_else(|| {
                Refusal::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "receipt: the code shown when the report was sent".into(),
                    vec![],
                )
            })
            .and_then(|c| {
                ReceiptCode::parse(c).map_err(|e| {
                    Refusal::new(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        format!("receipt: {e}"),
                        vec![],
                    )
                })
            })?;
        match inbox.store.receipt(&code.hash().to_base64()).await {
            Ok(Some((state, replies))) => Ok(private_json(
                StatusCode::OK,
                &json!({
                    "status": state.status.as_str(),
                    "received_on": state.received_on,
                    "updated_on": state.updated.as_ref().map(|(on, _)| on),
                    "replies": replies,
                }),
            )),
            Ok(None) => Err(Refusal::new(
                StatusCode::NOT_FOUND,
                "no report has this receipt".into(),
                vec![],
            )),
            Err(e) => Err(Refusal::new(StatusCode::SERVICE_UNAVAILABLE, e, vec![])),
        }
    })
    .await
}
