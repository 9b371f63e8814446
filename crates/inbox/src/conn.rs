//! Accepting connections so that idle sockets cannot wear the inbox down.
//!
//! `axum::serve` keeps a connection for as long as the peer holds it open:
//! a client trickling header lines stayed 150 s, and 20,000 idle sockets
//! used up the process's file limit so real requests failed. Here:
//!
//! - every connection that has no request in progress — before its first
//!   request's headers are complete, or between keep-alive requests — is
//!   closed once it has been so for `idle_timeout` (hyper's own header-read
//!   timeout is set to the same, as a second line);
//! - at most `max_connections` are open; a new one beyond that closes the
//!   connection that has been idle longest (never one in the middle of a
//!   request), so a flood of idle sockets costs real clients nothing;
//! - the cap is kept below the process's file limit, raised to its hard
//!   limit at start, so `accept` itself never fails for lack of descriptors.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::Notify;
use tower::ServiceExt;

/// The connection limits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Open connections at most (lowered to fit the file limit).
    pub max_connections: usize,
    /// How long a connection may sit without a request in progress.
    pub idle_timeout: Duration,
    /// Requests per second one connection may make (burst: twice that);
    /// beyond, 429 with `Retry-After` without reaching the routes.
    pub per_connection: f64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_connections: 1024,
            idle_timeout: Duration::from_secs(10),
            per_connection: 20.0,
        }
    }
}

/// Descriptors kept free for the database, its WAL and the listener.
const SPARE_FDS: u64 = 64;

/// Raises the soft file limit to the hard one and returns the cap that fits.
fn fit_to_file_limit(wanted: usize) -> usize {
    let limit = rlimit::increase_nofile_limit(u64::MAX).unwrap_or(1024);
    let room = usize::try_from(limit.saturating_sub(SPARE_FDS)).unwrap_or(usize::MAX);
    wanted.min(room).max(1)
}

/// One open connection, as the tracker sees it.
struct Conn {
    /// Requests in progress.
    busy: AtomicUsize,
    /// Milliseconds since the tracker started, when it last became idle.
    idle_since: AtomicU64,
    /// Told to close.
    close: Notify,
}

#[derive(Default)]
struct Tracker {
    started: Option<std::time::Instant>,
    next: AtomicU64,
    conns: Mutex<HashMap<u64, Arc<Conn>>>,
}

impl Tracker {
    fn now_ms(&self) -> u64 {
        self.started.map_or(0, |s| {
            u64::try_from(s.elapsed().as_millis()).unwrap_or(u64::MAX)
        })
    }

    /// Registers a new connection, first closing the longest-idle one if the
    /// cap is reached. `None` when every open connection is mid-request.
    fn admit(&self, cap: usize) -> Option<(u64, Arc<Conn>)> {
        let mut conns = self
            .conns
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if conns.len() >= cap {
            let oldest = conns
                .iter()
                .filter(|(_, c)| c.busy.load(Ordering::SeqCst) == 0)
                .min_by_key(|(_, c)| c.idle_since.load(Ordering::SeqCst))
                .map(|(id, _)| *id)?;
            if let Some(c) = conns.remove(&oldest) {
                c.close.notify_one();
            }
        }
        let id = self.next.fetch_add(1, Ordering::SeqCst);
        let conn = Arc::new(Conn {
            busy: AtomicUsize::new(0),
            idle_since: AtomicU64::new(self.now_ms()),
            close: Notify::new(),
        });
        conns.insert(id, conn.clone());
        Some((id, conn))
    }

    fn remove(&self, id: u64) {
        self.conns
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(&id);
    }

    /// Closes every connection idle for longer than `timeout`.
    fn reap(&self, timeout: Duration) {
        let now = self.now_ms();
        let limit = u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX);
        let mut conns = self
            .conns
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        conns.retain(|_, c| {
            let stale = c.busy.load(Ordering::SeqCst) == 0
                && now.saturating_sub(c.idle_since.load(Ordering::SeqCst)) > limit;
            if stale {
                c.close.notify_one();
            }
            !stale
        });
    }
}

/// Marks a connection busy for as long as it lives (one request).
struct Busy {
    conn: Arc<Conn>,
    tracker: Arc<Tracker>,
}

impl Busy {
    fn new(conn: Arc<Conn>, tracker: Arc<Tracker>) -> Self {
        conn.busy.fetch_add(1, Ordering::SeqCst);
        Self { conn, tracker }
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.conn
            .idle_since
            .store(self.tracker.now_ms(), Ordering::SeqCst);
        self.conn.busy.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Serves `app` on `listener` under `limits` until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, app: Router, limits: Limits) {
    let cap = fit_to_file_limit(limits.max_connections);
    let tracker = Arc::new(Tracker {
        started: Some(std::time::Instant::now()),
        ..Tracker::default()
    });
    {
        let tracker = tracker.clone();
        let every =
            (limits.idle_timeout / 4).clamp(Duration::from_millis(100), Duration::from_secs(1));
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            loop {
                tick.tick().await;
                tracker.reap(limits.idle_timeout);
            }
        });
    }
    loop {
        let Ok((stream, peer)) = listener.accept().await else {
            // Out of descriptors or a connection reset before accept: wait
            // a moment rather than spin; the reaper frees descriptors.
            tokio::time::sleep(Duration::from_millis(20)).await;
            continue;
        };
        let Some((id, conn)) = tracker.admit(cap) else {
            // Every connection is mid-request: this one waits its turn by
            // being closed now; the client's retry comes back soon.
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let (app, tracker) = (app.clone(), tracker.clone());
        tokio::spawn(async move {
            let service = {
                let (conn, tracker) = (conn.clone(), tracker.clone());
                // This connection's own bucket, gone when it closes.
                let bucket = Arc::new(crate::limit::Bucket::per_second(limits.per_connection));
                hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
                    let busy = Busy::new(conn.clone(), tracker.clone());
                    let app = app.clone();
                    req.extensions_mut().insert(Peer(peer));
                    if let Err(wait) = bucket.take() {
                        req.extensions_mut().insert(ConnectionOver(wait));
                    }
                    async move {
                        let res = app.oneshot(req.map(axum::body::Body::new)).await;
                        drop(busy);
                        res
                    }
                })
            };
            let serving = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.idle_timeout)
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = serving => {}
                () = conn.close.notified() => {}
            }
            tracker.remove(id);
        });
    }
}

/// The peer's address, put on each request by [`serve`]: the limits key a
/// source by it (or by `X-Forwarded-For` from a trusted proxy), never store it.
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub std::net::SocketAddr);

/// Put on a request its connection had no budget for, with the wait: the
/// router answers it 429 with the CORS of an allowed origin.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionOver(pub Duration);
