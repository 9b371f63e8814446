//! Rate limits that bound what one client can cost without knowing who it
//! is: token buckets kept in memory, one for the whole inbox, one per
//! connection (gone when it closes), one for sealed reports (the expensive
//! writes). Nothing about a client is logged or stored. Over a limit the
//! answer is 429 with `Retry-After`; the app's outbox then waits at least
//! 15 s, longer than any wait these limits ask for.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The rates of the routes (the per-connection one is
/// [`crate::conn::Limits::per_connection`]). Bursts are twice the rate a
/// second, and a minute's worth for reports.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rates {
    /// Submissions and redemptions, all clients together, per second.
    pub global: f64,
    /// Sealed reports per minute, all clients together.
    pub reports_per_minute: f64,
}

impl Default for Rates {
    fn default() -> Self {
        Self {
            global: 200.0,
            reports_per_minute: 600.0,
        }
    }
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

    fn take_at(&self, now: Instant) -> Result<(), Duration> {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (tokens, last) = *state;
        let elapsed = now.saturating_duration_since(last).as_secs_f64();
        let tokens = (tokens + elapsed * self.rate).min(self.burst);
        if tokens >= 1.0 {
            *state = (tokens - 1.0, now);
            Ok(())
        } else {
            *state = (tokens, now);
            Err(Duration::from_secs_f64((1.0 - tokens) / self.rate))
        }
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
    fn retry_after_rounds_up_to_whole_seconds() {
        assert_eq!(retry_after(Duration::from_millis(1)), 1);
        assert_eq!(retry_after(Duration::from_secs(2)), 2);
        assert_eq!(retry_after(Duration::from_millis(2001)), 3);
    }
}
