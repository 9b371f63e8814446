//! The inbox's one reading of the calendar clock. Everything the inbox
//! dates (a response's `submitted_on`, a stored row's `received_on`, a
//! survey's open days, a token's redemption) asks a [`Clock`] given to the
//! router, so the dates agree with each other and tests can set the day.
//! It was read in two places once, one of them in UTC: from 00:00 to 08:00
//! in China a report received today was dated yesterday.

use jianfu_core::{Date, Instant, TimeZone};

/// Where the inbox learns the date.
pub trait Clock: Send + Sync {
    /// Now.
    fn now(&self) -> Instant;

    /// Today in school time. Surveys carry no zone: the inbox judges and
    /// dates in Asia/Shanghai, the default of every format.
    fn today(&self) -> Date {
        TimeZone::SHANGHAI.date_of(self.now())
    }
}

/// This machine's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Instant::from_unix(i64::try_from(secs).unwrap_or(i64::MAX), 0)
    }
}

/// A clock that always says the same instant (tests, and replaying a day).
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub Instant);

impl Clock for FixedClock {
    fn now(&self) -> Instant {
        self.0
    }
}
