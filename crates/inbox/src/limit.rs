//! Rate limits that bound what one *source* can cost without storing who
//! it is (issue #26). Token buckets kept in memory only:
//!
//! - per route, all sources together (`/reports`, `/responses`, `/issue`
//!   each its own, so a flood of one cannot starve the others);
//! - per source and route, where a source is a client address (IPv4 /32,
//!   IPv6 /64) known only as a keyed hash whose secret is drawn at start,
//!   replaced every day and never written: the buckets cannot be turned
//!   back into addresses, and nothing about them outlives the process;
//! - per source, a small budget for malformed requests.
//!
//! A route's budgets are charged only for requests that passed validation,
//! so junk cannot empty the budget real reports need (one connection
//! posting `{}` 11 times a second once kept every report out). Over a
//! limit the answer is 429 with `Retry-After` and the CORS headers of an
//! allowed origin, from every layer, so the app reads it as "busy", not as
//! a network failure; the app's outbox then waits at least 15 s, longer
//! than any wait these limits ask for.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use sha2::Digest;

/// The rates of the routes (the per-connection one is
/// [`crate::conn::Limits::per_connection`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rates {
    /// Survey responses and token redemptions per second, all sources
    /// together, each route its own (burst: twice that).
    pub global: f64,
    /// Sealed reports per minute, all sources together (burst: a minute's worth).
    pub reports_per_minute: f64,
    /// What one source may do.
    pub per_source: SourceRates,
}

impl Default for Rates {
    fn default() -> Self {
        Self {
            global: 200.0,
            reports_per_minute: 600.0,
            per_source: SourceRates::default(),
        }
    }
}

/// Per source, per minute (burst: a minute's worth). Generous enough for
/// the many families a carrier puts behind one IPv4 address (CGNAT); a
/// flood from one host is held to them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SourceRates {
    /// Sealed reports.
    pub reports_per_minute: f64,
    /// Survey responses.
    pub responses_per_minute: f64,
    /// Token redemptions.
    pub issue_per_minute: f64,
    /// Requests refused as malformed (not JSON, not the format, not the
    /// survey's answers, a forged token…).
    pub malformed_per_minute: f64,
}

impl Default for SourceRates {
    fn default() -> Self {
        Self {
            reports_per_minute: 30.0,
            responses_per_minute: 120.0,
            issue_per_minute: 60.0,
            malformed_per_minute: 30.0,
        }
    }
}

/// The routes with budgets of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// `POST /reports`.
    Reports,
    /// `POST /responses`.
    Responses,
    /// `POST /issue`.
    Issue,
}

/// Every budget of the inbox.
pub struct Limits {
    rates: Rates,
    reports: Bucket,
    responses: Bucket,
    issue: Bucket,
    sources: Mutex<Sources>,
}

/// The per-source buckets under today's secret.
struct Sources {
    secret: [u8; 32],
    since: Instant,
    buckets: HashMap<[u8; 16], SourceBuckets>,
}

struct SourceBuckets {
    reports: Bucket,
    responses: Bucket,
    issue: Bucket,
    malformed: Bucket,
    used: Instant,
}

/// How many sources are remembered at most; past it, those quiet for a
/// minute are forgotten (their buckets would be full again anyway).
const MAX_SOURCES: usize = 100_000;
/// How long a secret keys the sources.
const SECRET_LIFE: Duration = Duration::from_hours(24);

impl Limits {
    /// Full buckets for `rates`.
    pub fn new(rates: Rates) -> Self {
        Self {
            reports: Bucket::new(rates.reports_per_minute / 60.0, rates.reports_per_minute),
            responses: Bucket::per_second(rates.global),
            issue: Bucket::per_second(rates.global),
            rates,
            sources: Mutex::new(Sources {
                secret: fresh_secret(),
                since: Instant::now(),
                buckets: HashMap::new(),
            }),
        }
    }

    /// Whether `source` may still send something malformed; checked before
    /// a request is read, so a source sending junk costs little.
    ///
    /// # Errors
    ///
    /// The wait until it may.
    pub fn admit(&self, source: Option<IpAddr>) -> Result<(), Duration> {
        let Some(ip) = source else { return Ok(()) };
        self.with_source(ip, |b| b.malformed.peek())
    }

    /// Charges a request that passed validation to its route: first the
    /// source's budget, then the route's.
    ///
    /// # Errors
    ///
    /// The wait until one is there.
    pub fn charge(&self, route: Route, source: Option<IpAddr>) -> Result<(), Duration> {
        if let Some(ip) = source {
            self.with_source(ip, |b| match route {
                Route::Reports => b.reports.take(),
                Route::Responses => b.responses.take(),
                Route::Issue => b.issue.take(),
            })?;
        }
        match route {
            Route::Reports => self.reports.take(),
            Route::Responses => self.responses.take(),
            Route::Issue => self.issue.take(),
        }
    }

    /// How full the reports budget is (1 full, 0 empty, down to −1 in
    /// debt to reports that paid with a proof of work): what the
    /// difficulty of [`jianfu_core::pow`] is set by.
    pub fn reports_level(&self) -> f64 {
        self.reports.level(Instant::now())
    }

    /// Charges a report that came with a valid proof of work: the source's
    /// budget as any report, then the route's, which it may run into debt
    /// (down to minus its burst, raising the difficulty for the next) but
    /// is never refused by: it paid.
    ///
    /// # Errors
    ///
    /// The wait until the source's budget has one.
    pub fn charge_paid(&self, source: Option<IpAddr>) -> Result<(), Duration> {
        if let Some(ip) = source {
            self.with_source(ip, |b| b.reports.take())?;
        }
        self.reports.take_owing(Instant::now());
        Ok(())
    }

    /// Charges a malformed request to its source.
    pub fn malformed(&self, source: Option<IpAddr>) {
        if let Some(ip) = source {
            let _ = self.with_source(ip, |b| b.malformed.take());
        }
    }

    fn with_source<T>(&self, ip: IpAddr, f: impl FnOnce(&SourceBuckets) -> T) -> T {
        let mut sources = self
            .sources
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = Instant::now();
        if now.saturating_duration_since(sources.since) > SECRET_LIFE {
            sources.secret = fresh_secret();
            sources.since = now;
            sources.buckets.clear();
        }
        if sources.buckets.len() >= MAX_SOURCES {
            sources
                .buckets
                .retain(|_, b| now.saturating_duration_since(b.used) < Duration::from_mins(1));
            if sources.buckets.len() >= MAX_SOURCES {
                sources.buckets.clear();
            }
        }
        let key = source_key(&sources.secret, ip);
        let r = self.rates.per_source;
        let per_minute = |n: f64| Bucket::new(n / 60.0, n);
        let b = sources.buckets.entry(key).or_insert_with(|| SourceBuckets {
            reports: per_minute(r.reports_per_minute),
            responses: per_minute(r.responses_per_minute),
            issue: per_minute(r.issue_per_minute),
            malformed: per_minute(r.malformed_per_minute),
            used: now,
        });
        b.used = now;
        f(b)
    }
}

pub(crate) fn fresh_secret() -> [u8; 32] {
    let mut s = [0u8; 32];
    // Without the system's randomness the key is still never written; it
    // is only guessable, which gives no more than the address itself.
    let _ = getrandom::fill(&mut s);
    s
}

/// The keyed hash a source is known by: its IPv4 address, or the /64 of
/// its IPv6 address (one household's devices share a /64).
fn source_key(secret: &[u8; 32], ip: IpAddr) -> [u8; 16] {
    let mut h = sha2::Sha256::new();
    h.update(secret);
    match ip {
        IpAddr::V4(v4) => h.update(v4.octets()),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => h.update(v4.octets()),
            None => h.update(&v6.octets()[..8]),
        },
    }
    let digest = h.finalize();
    let mut key = [0u8; 16];
    key.copy_from_slice(&digest[..16]);
    key
}

/// An address range of `--trust-proxy`: `10.0.0.0/8`, `::1/128`, or one
/// address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    net: IpAddr,
    prefix: u8,
}

impl std::str::FromStr for Cidr {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (addr, prefix) = s.split_once('/').unwrap_or((s, ""));
        let net: IpAddr = addr
            .parse()
            .map_err(|_| format!("{s}: expected an address range such as 10.0.0.0/8 or ::1/128"))?;
        let max = if net.is_ipv4() { 32 } else { 128 };
        let prefix = if prefix.is_empty() {
            max
        } else {
            prefix
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("{s}: the prefix length must be 0 to {max}"))?
        };
        Ok(Self { net, prefix })
    }
}

impl Cidr {
    /// Whether `ip` is in the range.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let bits = |a: &[u8], b: &[u8], n: u8| {
            let (full, rest) = (usize::from(n / 8), n % 8);
            a[..full] == b[..full] && (rest == 0 || (a[full] ^ b[full]) >> (8 - rest) == 0)
        };
        match (self.net, ip) {
            (IpAddr::V4(n), IpAddr::V4(a)) => bits(&n.octets(), &a.octets(), self.prefix),
            (IpAddr::V6(n), IpAddr::V6(a)) => bits(&n.octets(), &a.octets(), self.prefix),
            (IpAddr::V4(_), IpAddr::V6(a)) => a
                .to_ipv4_mapped()
                .is_some_and(|v4| self.contains(IpAddr::V4(v4))),
            (IpAddr::V6(_), IpAddr::V4(_)) => false,
        }
    }
}

/// The client's address: the peer's, or — when the peer is a proxy of
/// `trusted` — the last address in `X-Forwarded-For` that is not one of
/// them (each proxy appends the address it received from, so the ones
/// left of the first untrusted hop are the client's own claims).
pub fn client_addr(peer: IpAddr, forwarded_for: Option<&str>, trusted: &[Cidr]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|c| c.contains(ip));
    if !is_trusted(peer) {
        return peer;
    }
    let Some(list) = forwarded_for else {
        return peer;
    };
    let mut client = peer;
    for hop in list.rsplit(',') {
        let Ok(ip) = hop.trim().parse::<IpAddr>() else {
            // A garbled hop: nothing left of it can be believed.
            return client;
        };
        client = ip;
        if !is_trusted(ip) {
            return ip;
        }
    }
    client
}

/// A token bucket: `rate` tokens a second, at most `burst` saved up.
#[derive(Debug)]
pub struct Bucket {
    rate: f64,
    burst: f64,
    state: Mutex<(f64, Instant)>,
}

impl Bucket {
    /// A full bucket.
    pub fn new(rate: f64, burst: f64) -> Self {
        let burst = burst.max(1.0);
        Self {
            rate: rate.max(f64::MIN_POSITIVE),
            burst,
            state: Mutex::new((burst, Instant::now())),
        }
    }

    /// A bucket for `rate` a second with twice that as its burst (at least 1).
    pub fn per_second(rate: f64) -> Self {
        Self::new(rate, 2.0 * rate)
    }

    /// Takes one token, or says how long until one is there.
    ///
    /// # Errors
    ///
    /// The wait until the next token.
    pub fn take(&self) -> Result<(), Duration> {
        self.take_at(Instant::now())
    }

    /// Whether a token is there, without taking it.
    fn peek(&self) -> Result<(), Duration> {
        self.refill(Instant::now(), false)
    }

    /// How full it is at `now`: tokens over burst (negative in debt).
    fn level(&self, now: Instant) -> f64 {
        self.refilled(now, |tokens| (tokens, tokens / self.burst))
    }

    /// Takes one token even when there is none, down to minus the burst.
    fn take_owing(&self, now: Instant) {
        self.refilled(now, |tokens| ((tokens - 1.0).max(-self.burst), ()));
    }

    fn take_at(&self, now: Instant) -> Result<(), Duration> {
        self.refill(now, true)
    }

    /// Refills up to `now`; with a token there, takes it if `take`; else
    /// says how long until one is.
    fn refill(&self, now: Instant, take: bool) -> Result<(), Duration> {
        self.refilled(now, |tokens| {
            if tokens >= 1.0 {
                (if take { tokens - 1.0 } else { tokens }, Ok(()))
            } else {
                (
                    tokens,
                    Err(Duration::from_secs_f64((1.0 - tokens) / self.rate)),
                )
            }
        })
    }

    /// Refills up to `now` and lets `f` turn the tokens there into the
    /// tokens left and an answer, under the bucket's lock.
    fn refilled<T>(&self, now: Instant, f: impl FnOnce(f64) -> (f64, T)) -> T {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (tokens, last) = *state;
        let elapsed = now.saturating_duration_since(last).as_secs_f64();
        let (left, answer) = f((tokens + elapsed * self.rate).min(self.burst));
        *state = (left, now);
        answer
    }
}

/// The `Retry-After` value for a wait: whole seconds, at least 1.
pub fn retry_after(wait: Duration) -> u64 {
    (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
}

/// The 429 answer: `Retry-After` and a sentence saying why.
pub fn too_many(wait: Duration) -> axum::response::Response {
    use axum::http::{StatusCode, header};
    use axum::response::IntoResponse;
    (
        StatusCode::TOO_MANY_REQUESTS,
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (header::RETRY_AFTER, retry_after(wait).to_string()),
        ],
        r#"{"error":"too many requests; try again after Retry-After seconds","problems":[]}"#,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_gives_its_burst_then_its_rate() {
        let b = Bucket::new(10.0, 3.0);
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(b.take_at(t0), Ok(()));
        }
        let wait = b.take_at(t0).unwrap_err();
        assert!(wait > Duration::from_millis(90) && wait <= Duration::from_millis(100));
        assert_eq!(b.take_at(t0 + Duration::from_millis(100)), Ok(()));
        assert!(b.take_at(t0 + Duration::from_millis(100)).is_err());
        // A long pause refills only up to the burst.
        let later = t0 + Duration::from_mins(1);
        for _ in 0..3 {
            assert_eq!(b.take_at(later), Ok(()));
        }
        assert!(b.take_at(later).is_err());
    }

    #[test]
    fn ranges_and_the_client_behind_trusted_proxies() {
        let c = |s: &str| s.parse::<Cidr>().unwrap();
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert!(c("10.0.0.0/8").contains(ip("10.200.3.4")));
        assert!(!c("10.0.0.0/8").contains(ip("11.0.0.1")));
        assert!(c("192.168.1.128/25").contains(ip("192.168.1.200")));
        assert!(!c("192.168.1.128/25").contains(ip("192.168.1.100")));
        assert!(c("127.0.0.1").contains(ip("127.0.0.1")));
        assert!(c("::1/128").contains(ip("::1")));
        assert!(c("2001:db8::/32").contains(ip("2001:db8:1::5")));
        assert!(c("127.0.0.0/8").contains(ip("::ffff:127.0.0.9")));
        assert!("10.0.0.0/33".parse::<Cidr>().is_err());
        assert!("nonsense".parse::<Cidr>().is_err());

        let proxies = [c("127.0.0.0/8"), c("10.0.0.0/8")];
        // Not from a trusted proxy: the header is the client's own claim.
        assert_eq!(
            client_addr(ip("203.0.113.9"), Some("1.2.3.4"), &proxies),
            ip("203.0.113.9")
        );
        // From the proxy: the last hop it did not add itself.
        assert_eq!(
            client_addr(ip("127.0.0.1"), Some("1.2.3.4, 198.51.100.7"), &proxies),
            ip("198.51.100.7")
        );
        assert_eq!(
            client_addr(
                ip("127.0.0.1"),
                Some("1.2.3.4, 198.51.100.7, 10.1.1.1"),
                &proxies
            ),
            ip("198.51.100.7")
        );
        assert_eq!(
            client_addr(ip("127.0.0.1"), None, &proxies),
            ip("127.0.0.1")
        );
        assert_eq!(
            client_addr(ip("127.0.0.1"), Some("garbage"), &proxies),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn one_source_is_held_to_its_budget_others_are_not_and_junk_is_apart() {
        let limits = Limits::new(Rates {
            global: 1000.0,
            reports_per_minute: 1000.0,
            per_source: SourceRates {
                reports_per_minute: 3.0,
                responses_per_minute: 3.0,
                issue_per_minute: 3.0,
                malformed_per_minute: 2.0,
            },
        });
        let a = Some("203.0.113.9".parse().unwrap());
        let b = Some("198.51.100.7".parse().unwrap());
        for _ in 0..3 {
            assert!(limits.charge(Route::Reports, a).is_ok());
        }
        assert!(
            limits.charge(Route::Reports, a).is_err(),
            "a is over its budget"
        );
        assert!(limits.charge(Route::Reports, b).is_ok(), "b is not");
        assert!(
            limits.charge(Route::Responses, a).is_ok(),
            "routes are apart"
        );
        // Junk: charged to its own budget, and then refused before reading.
        assert!(limits.admit(b).is_ok());
        limits.malformed(b);
        limits.malformed(b);
        assert!(limits.admit(b).is_err());
        assert!(
            limits.charge(Route::Reports, b).is_ok(),
            "junk did not spend reports"
        );
        // An IPv6 household is one source for its whole /64.
        let x = Some("2001:db8:1:2::1".parse().unwrap());
        let y = Some("2001:db8:1:2:ffff::9".parse().unwrap());
        for _ in 0..3 {
            assert!(limits.charge(Route::Issue, x).is_ok());
        }
        assert!(limits.charge(Route::Issue, y).is_err());
        // Without an address (the demo's server), only the route's budget.
        assert!(limits.charge(Route::Reports, None).is_ok());
    }

    #[test]
    fn paid_reports_run_the_budget_into_debt_and_it_recovers() {
        let b = Bucket::new(1.0, 4.0);
        let t0 = Instant::now();
        assert!((b.level(t0) - 1.0).abs() < 1e-9);
        for _ in 0..4 {
            assert_eq!(b.take_at(t0), Ok(()));
        }
        assert!(b.level(t0).abs() < 1e-9, "empty");
        for _ in 0..10 {
            b.take_owing(t0);
        }
        assert!(
            (b.level(t0) + 1.0).abs() < 1e-9,
            "debt stops at minus the burst"
        );
        assert!(b.take_at(t0).is_err(), "nothing to take while in debt");
        // Quiet for long enough: full again, no proof asked.
        let later = t0 + Duration::from_secs(20);
        assert!((b.level(later) - 1.0).abs() < 1e-9);
        assert_eq!(jianfu_core::pow::difficulty(b.level(later)), 0);
    }

    #[test]
    fn retry_after_rounds_up_to_whole_seconds() {
        assert_eq!(retry_after(Duration::from_millis(1)), 1);
        assert_eq!(retry_after(Duration::from_secs(2)), 2);
        assert_eq!(retry_after(Duration::from_millis(2001)), 3);
    }
}
