//! The homework stopwatch, as instants rather than ticks: it stays right
//! when the phone locks, the tab is killed or the app is reopened hours
//! later, because elapsed time is always computed from stored instants and
//! the current time handed in by the caller.
//!
//! Device clocks jump (manual changes, time-zone travel, NTP corrections).
//! Elapsed time is never negative: a run whose clock went backwards counts
//! as zero and is flagged, and a run longer than [`Stopwatch::MAX_RUN_SECONDS`]
//! is flagged too, so the app asks the parent instead of logging nonsense.

use crate::feed::Minutes;
use crate::log::Spent;
use crate::time::Instant;

/// A stopwatch: stopped with some accumulated time, or running since an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopwatch {
    /// When the first run started (for `start`/`end` logging).
    first_start: Instant,
    /// Seconds of finished runs.
    banked_seconds: i64,
    /// The current run, if running.
    running_since: Option<Instant>,
    /// Whether it was ever paused (then the log gets minutes, not start/end).
    paused_once: bool,
    /// Whether a clock anomaly was seen.
    suspicious: bool,
}

/// What the parent should be asked when a timer is finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finish {
    /// Plausible: log it.
    Log(Spent),
    /// The clock jumped or the run is implausibly long: show this many
    /// minutes and let the parent correct them before logging.
    Confirm(u32),
}

impl Stopwatch {
    /// Longest single run believed without asking: ten hours, the formats' maximum.
    pub const MAX_RUN_SECONDS: i64 = 36_000;

    /// A stopwatch started at `now`.
    pub fn start(now: Instant) -> Self {
        Self {
            first_start: now,
            banked_seconds: 0,
            running_since: Some(now),
            paused_once: false,
            suspicious: false,
        }
    }

    /// Rebuilds a stored stopwatch.
    pub fn from_parts(
        first_start: Instant,
        banked_seconds: i64,
        running_since: Option<Instant>,
        paused_once: bool,
    ) -> Self {
        Self {
            first_start,
            banked_seconds: banked_seconds.max(0),
            running_since,
            paused_once,
            suspicious: false,
        }
    }

    /// When the first run started.
    pub fn first_start(&self) -> Instant {
        self.first_start
    }
    /// Seconds of finished runs.
    pub fn banked_seconds(&self) -> i64 {
        self.banked_seconds
    }
    /// The current run's start, if running.
    pub fn running_since(&self) -> Option<Instant> {
        self.running_since
    }
    /// Whether it was ever paused.
    pub fn paused_once(&self) -> bool {
        self.paused_once
    }
    /// Whether it is running.
    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    /// Seconds of the current run at `now`, clamped to 0 when the clock went back.
    fn run_seconds(&self, now: Instant) -> (i64, bool) {
        match self.running_since {
            None => (0, false),
            Some(since) => {
                let s = now.unix_seconds() - since.unix_seconds();
                if s < 0 {
                    (0, true)
                } else {
                    (s, s > Self::MAX_RUN_SECONDS)
                }
            }
        }
    }

    /// Elapsed seconds at `now`; never negative.
    pub fn elapsed_seconds(&self, now: Instant) -> i64 {
        self.banked_seconds + self.run_seconds(now).0
    }

    /// Whether the clock misbehaved during this stopwatch's life, as seen at `now`.
    pub fn clock_anomaly(&self, now: Instant) -> bool {
        self.suspicious || self.run_seconds(now).1
    }

    /// Pauses at `now` (no-op when paused).
    pub fn pause(&mut self, now: Instant) {
        if self.running_since.is_some() {
            let (s, odd) = self.run_seconds(now);
            self.banked_seconds += s;
            self.suspicious |= odd;
            self.running_since = None;
            self.paused_once = true;
        }
    }

    /// Resumes at `now` (no-op when running).
    pub fn resume(&mut self, now: Instant) {
        if self.running_since.is_none() {
            self.running_since = Some(now);
        }
    }

    /// Stops at `now`: a single uninterrupted run is logged as start/end,
    /// anything else as whole minutes; a clock anomaly asks the parent.
    pub fn finish(mut self, now: Instant) -> Finish {
        let single_run = !self.paused_once && self.running_since == Some(self.first_start);
        self.pause(now);
        let secs = self.banked_seconds;
        let minutes = u32::try_from((secs + 30) / 60).unwrap_or(u32::MAX);
        if self.suspicious || minutes > u32::from(Minutes::MAX) {
            return Finish::Confirm(minutes.min(u32::from(Minutes::MAX)));
        }
        if single_run && secs > 0 {
            return Finish::Log(Spent::Timed {
                start: self.first_start,
                end: now,
            });
        }
        #[allow(clippy::cast_possible_truncation)] // ≤ 600 checked above
        let m = Minutes::new(minutes as u16).unwrap_or_default();
        Finish::Log(Spent::Minutes(m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> Instant {
        Instant::from_unix(1_795_000_000 + secs, 480)
    }

    #[test]
    fn a_single_run_logs_start_and_end() {
        let w = Stopwatch::start(at(0));
        assert_eq!(w.elapsed_seconds(at(125)), 125);
        assert_eq!(
            w.finish(at(45 * 60)),
            Finish::Log(Spent::Timed {
                start: at(0),
                end: at(45 * 60)
            })
        );
    }

    #[test]
    fn pauses_bank_time_and_log_minutes() {
        let mut w = Stopwatch::start(at(0));
        w.pause(at(600));
        assert_eq!(
            w.elapsed_seconds(at(5000)),
            600,
            "paused time does not count"
        );
        w.resume(at(5000));
        w.resume(at(5100)); // double tap: no-op
        assert_eq!(w.elapsed_seconds(at(5000 + 900)), 1500);
        assert_eq!(
            w.finish(at(5000 + 1170)),
            Finish::Log(Spent::Minutes(Minutes::new(30).unwrap()))
        );
    }

    #[test]
    fn survives_a_reload_from_stored_parts() {
        let mut w = Stopwatch::start(at(0));
        w.pause(at(60));
        w.resume(at(120));
        let stored = (
            w.first_start(),
            w.banked_seconds(),
            w.running_since(),
            w.paused_once(),
        );
        let back = Stopwatch::from_parts(stored.0, stored.1, stored.2, stored.3);
        assert_eq!(back.elapsed_seconds(at(3 * 3600)), 60 + 3 * 3600 - 120);
    }

    #[test]
    fn the_clock_going_back_never_gives_negative_time() {
        let w = Stopwatch::start(at(3600));
        assert_eq!(w.elapsed_seconds(at(0)), 0);
        assert!(w.clock_anomaly(at(0)));
        assert_eq!(w.finish(at(0)), Finish::Confirm(0));
        let mut w = Stopwatch::start(at(0));
        w.pause(at(600));
        w.resume(at(700));
        assert_eq!(w.elapsed_seconds(at(650)), 600, "banked time kept");
    }

    #[test]
    fn a_day_long_run_asks_the_parent() {
        let w = Stopwatch::start(at(0));
        assert!(w.clock_anomaly(at(86_400)));
        assert_eq!(w.finish(at(86_400)), Finish::Confirm(600));
        let w = Stopwatch::start(at(0));
        assert!(!w.clock_anomaly(at(36_000)));
    }
}
