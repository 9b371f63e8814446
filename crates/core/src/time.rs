//! Calendar dates, times of day, instants and the few time zones schools use.
//!
//! The calendar maths (days in months, leap years, weekdays, ISO weeks) is
//! `chrono`'s `NaiveDate`, under core's own newtype and error type. Reading
//! and writing `YYYY-MM-DD`, `HH:MM` and RFC 3339 stay here: chrono's
//! parsing and formatting machinery (measured earlier at about 21 KB gzip
//! of the browser build) is never linked, and its `clock` feature is off,
//! so core still cannot read the time. Display formatting for people is
//! done by the browser's `Intl`, not here.

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// A calendar date (proleptic Gregorian, years 1900–9999 when read).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(NaiveDate);

/// Days from 0001-01-01 (day 1 of the common era) to 1970-01-01.
const UNIX_EPOCH_DAYS_FROM_CE: i32 = 719_163;

/// Why a date, time or instant could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeError {
    /// Not of the form `YYYY-MM-DD`.
    DateShape,
    /// Well formed, but no such day (2026-02-30).
    NoSuchDate,
    /// Not of the form `HH:MM` with hours 00–23 and minutes 00–59.
    TimeOfDayShape,
    /// Not an RFC 3339 instant with an offset.
    InstantShape,
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::DateShape => "expected a date as YYYY-MM-DD",
            Self::NoSuchDate => "no such calendar date",
            Self::TimeOfDayShape => "expected a time of day as HH:MM (00:00–23:59)",
            Self::InstantShape => {
                "expected an RFC 3339 instant with offset, like 2026-11-23T18:05:00+08:00"
            }
        })
    }
}

impl std::error::Error for TimeError {}

/// Day of the week, Monday first (ISO 8601).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    /// 星期一
    Monday,
    /// 星期二
    Tuesday,
    /// 星期三
    Wednesday,
    /// 星期四
    Thursday,
    /// 星期五
    Friday,
    /// 星期六
    Saturday,
    /// 星期日
    Sunday,
}

impl Weekday {
    /// Saturday and Sunday: days the school-day homework limits do not cover.
    pub fn is_weekend(self) -> bool {
        matches!(self, Self::Saturday | Self::Sunday)
    }

    /// 0 for Monday through 6 for Sunday.
    pub fn index_from_monday(self) -> u8 {
        self as u8
    }
}

/// An ISO 8601 week: the year it belongs to (which differs from the calendar
/// year around New Year) and its number 1–53.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoWeek {
    year: i32,
    week: u8,
}

impl IsoWeek {
    /// The ISO week-numbering year.
    pub fn year(self) -> i32 {
        self.year
    }
    /// The week number, 1–53.
    pub fn week(self) -> u8 {
        self.week
    }
    /// The Monday that starts this week.
    pub fn monday(self) -> Date {
        // Every IsoWeek is made from a date, so the week exists.
        NaiveDate::from_isoywd_opt(self.year, u32::from(self.week), chrono::Weekday::Mon)
            .map_or(Date(NaiveDate::MIN), Date)
    }
}

impl fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-W{:02}", self.year, self.week)
    }
}

impl Date {
    /// The date `year-month-day`, if it exists. Years are limited to
    /// 1900–9999 so that every date prints as `YYYY-MM-DD`.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Result<Self, TimeError> {
        if !(1900..=9999).contains(&year) {
            return Err(TimeError::NoSuchDate);
        }
        NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day))
            .map(Self)
            .ok_or(TimeError::NoSuchDate)
    }

    /// The date `days` days after 1970-01-01 (negative: before), held at
    /// chrono's limits (±262,000 years) beyond them.
    pub fn from_days_since_epoch(days: i32) -> Self {
        Self(
            NaiveDate::from_num_days_from_ce_opt(days.saturating_add(UNIX_EPOCH_DAYS_FROM_CE))
                .unwrap_or(if days < 0 {
                    NaiveDate::MIN
                } else {
                    NaiveDate::MAX
                }),
        )
    }

    /// Days since 1970-01-01.
    pub fn days_since_epoch(self) -> i32 {
        self.0.num_days_from_ce() - UNIX_EPOCH_DAYS_FROM_CE
    }

    /// Year, month (1–12) and day (1–31).
    #[allow(clippy::cast_possible_truncation)] // month and day are 1..=31 by construction
    pub fn ymd(self) -> (i32, u8, u8) {
        (self.0.year(), self.0.month() as u8, self.0.day() as u8)
    }

    /// This date moved by `days` (negative: earlier).
    #[must_use]
    pub fn add_days(self, days: i32) -> Self {
        Self::from_days_since_epoch(self.days_since_epoch().saturating_add(days))
    }

    /// The first day of the month `months` away from this date's month
    /// (0: this month's first day; negative: earlier months).
    #[must_use]
    pub fn month_start(self, months: i32) -> Self {
        let (y, m, _) = self.ymd();
        let index = y * 12 + i32::from(m) - 1 + months;
        let month = u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1);
        Self::from_ymd(index.div_euclid(12), month, 1).unwrap_or(self)
    }

    /// Whole days from `earlier` to `self`.
    pub fn days_since(self, earlier: Self) -> i32 {
        self.0.num_days_from_ce() - earlier.0.num_days_from_ce()
    }

    /// The day of the week.
    pub fn weekday(self) -> Weekday {
        match self.0.weekday() {
            chrono::Weekday::Mon => Weekday::Monday,
            chrono::Weekday::Tue => Weekday::Tuesday,
            chrono::Weekday::Wed => Weekday::Wednesday,
            chrono::Weekday::Thu => Weekday::Thursday,
            chrono::Weekday::Fri => Weekday::Friday,
            chrono::Weekday::Sat => Weekday::Saturday,
            chrono::Weekday::Sun => Weekday::Sunday,
        }
    }

    /// The ISO 8601 week this date falls in.
    #[allow(clippy::cast_possible_truncation)] // week is 1..=53
    pub fn iso_week(self) -> IsoWeek {
        let w = self.0.iso_week();
        IsoWeek {
            year: w.year(),
            week: w.week() as u8,
        }
    }

    /// Parses `YYYY-MM-DD`, rejecting dates that do not exist.
    pub fn parse(text: &str) -> Result<Self, TimeError> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(TimeError::DateShape);
        }
        let year = digits(&b[0..4]).ok_or(TimeError::DateShape)?;
        let month = digits(&b[5..7]).ok_or(TimeError::DateShape)?;
        let day = digits(&b[8..10]).ok_or(TimeError::DateShape)?;
        #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)] // ≤ 9999 and ≤ 99
        Self::from_ymd(year as i32, month as u8, day as u8)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

/// Reads a run of ASCII digits; `None` if any byte is not a digit.
fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

/// A time of day `HH:MM`, 00:00–23:59, as minutes after midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    /// `hour`:`minute`, if both are in range.
    pub fn new(hour: u8, minute: u8) -> Result<Self, TimeError> {
        if hour > 23 || minute > 59 {
            return Err(TimeError::TimeOfDayShape);
        }
        Ok(Self(u16::from(hour) * 60 + u16::from(minute)))
    }

    /// For constant tables; `minutes` must be below 1440.
    pub(crate) const fn from_minutes_const(minutes: u16) -> Self {
        Self(minutes)
    }

    /// Minutes after midnight, 0–1439.
    pub fn minutes_after_midnight(self) -> u16 {
        self.0
    }

    /// Parses `HH:MM` (24 h).
    pub fn parse(text: &str) -> Result<Self, TimeError> {
        let b = text.as_bytes();
        if b.len() != 5 || b[2] != b':' {
            return Err(TimeError::TimeOfDayShape);
        }
        let h = digits(&b[0..2]).ok_or(TimeError::TimeOfDayShape)?;
        let m = digits(&b[3..5]).ok_or(TimeError::TimeOfDayShape)?;
        #[allow(clippy::cast_possible_truncation)] // two digits
        Self::new(h as u8, m as u8)
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// A point in time read from RFC 3339 with its UTC offset kept, so that it
/// can be placed on the calendar of the zone it was written in. Two instants
/// are equal when they are the same moment, whatever offsets they were written with.
#[derive(Debug, Clone, Copy)]
pub struct Instant {
    unix_seconds: i64,
    offset_minutes: i16,
}

impl PartialEq for Instant {
    fn eq(&self, other: &Self) -> bool {
        self.unix_seconds == other.unix_seconds
    }
}

impl Eq for Instant {}

impl std::hash::Hash for Instant {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.unix_seconds.hash(state);
    }
}

impl PartialOrd for Instant {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Instant {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.unix_seconds.cmp(&other.unix_seconds)
    }
}

impl Instant {
    /// The instant `unix_seconds` after 1970-01-01T00:00Z, to be shown at `offset_minutes` from UTC.
    pub fn from_unix(unix_seconds: i64, offset_minutes: i16) -> Self {
        Self {
            unix_seconds,
            offset_minutes,
        }
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn unix_seconds(self) -> i64 {
        self.unix_seconds
    }

    /// The offset from UTC it was written with.
    pub fn offset_minutes(self) -> i16 {
        self.offset_minutes
    }

    /// The calendar date at `offset_minutes` from UTC.
    #[allow(clippy::cast_possible_truncation)] // |unix days| fits i32 for years 1900–9999
    pub fn date_at(self, offset_minutes: i16) -> Date {
        let local = self.unix_seconds + i64::from(offset_minutes) * 60;
        Date::from_days_since_epoch(local.div_euclid(86_400) as i32)
    }

    /// The time of day at `offset_minutes` from UTC.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0..1440
    pub fn time_at(self, offset_minutes: i16) -> TimeOfDay {
        let local = self.unix_seconds + i64::from(offset_minutes) * 60;
        TimeOfDay((local.rem_euclid(86_400) / 60) as u16)
    }

    /// Parses RFC 3339 (`2026-11-23T18:05:00+08:00`, `…Z`, fractional seconds allowed).
    pub fn parse(text: &str) -> Result<Self, TimeError> {
        let b = text.as_bytes();
        if b.len() < 20 || !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' || b[16] != b':' {
            return Err(TimeError::InstantShape);
        }
        let date = Date::parse(&text[..10]).map_err(|_| TimeError::InstantShape)?;
        let field = |r: std::ops::Range<usize>| digits(&b[r]).ok_or(TimeError::InstantShape);
        let (hour, minute, second) = (field(11..13)?, field(14..16)?, field(17..19)?);
        if hour > 23 || minute > 59 || second > 60 {
            return Err(TimeError::InstantShape);
        }
        let mut rest = &b[19..];
        if let Some((b'.', frac)) = rest.split_first() {
            let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
            if n == 0 {
                return Err(TimeError::InstantShape);
            }
            rest = &frac[n..];
        }
        let offset: i16 = match rest {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let oh = digits(&[*h1, *h2]).ok_or(TimeError::InstantShape)?;
                let om = digits(&[*m1, *m2]).ok_or(TimeError::InstantShape)?;
                if oh > 23 || om > 59 {
                    return Err(TimeError::InstantShape);
                }
                #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)] // < 1440
                let minutes = (oh * 60 + om) as i16;
                if *sign == b'-' { -minutes } else { minutes }
            }
            _ => return Err(TimeError::InstantShape),
        };
        let local = i64::from(date.days_since_epoch()) * 86_400
            + i64::from(hour * 3600 + minute * 60 + second.min(59));
        Ok(Self {
            unix_seconds: local - i64::from(offset) * 60,
            offset_minutes: offset,
        })
    }
}

impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let local = self.unix_seconds + i64::from(self.offset_minutes) * 60;
        let secs = local.rem_euclid(60);
        let time = self.time_at(self.offset_minutes);
        let date = self.date_at(self.offset_minutes);
        write!(f, "{date}T{time}:{secs:02}")?;
        if self.offset_minutes == 0 {
            return f.write_str("Z");
        }
        let sign = if self.offset_minutes < 0 { '-' } else { '+' };
        let o = self.offset_minutes.unsigned_abs();
        write!(f, "{sign}{:02}:{:02}", o / 60, o % 60)
    }
}

/// A school's time zone. Only the zones of mainland China, Hong Kong, Macao
/// and Taiwan are known, none of which observes daylight saving time, so a
/// zone is a fixed offset and core needs no time-zone database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeZone {
    name: &'static str,
    offset_minutes: i16,
}

/// The zones a feed may name, with their fixed offsets from UTC.
const ZONES: &[(&str, i16)] = &[
    ("Asia/Shanghai", 480),
    ("Asia/Chongqing", 480),
    ("Asia/Harbin", 480),
    ("Asia/Hong_Kong", 480),
    ("Asia/Macau", 480),
    ("Asia/Taipei", 480),
    ("PRC", 480),
    ("Asia/Urumqi", 360),
    ("UTC", 0),
];

impl TimeZone {
    /// China Standard Time, the default of every format.
    pub const SHANGHAI: Self = Self {
        name: "Asia/Shanghai",
        offset_minutes: 480,
    };

    /// The zone called `name`, if it is one Jianfu knows.
    pub fn by_name(name: &str) -> Option<Self> {
        ZONES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(name, offset_minutes)| Self {
                name,
                offset_minutes,
            })
    }

    /// The names accepted by [`TimeZone::by_name`], for error messages.
    pub fn known_names() -> impl Iterator<Item = &'static str> {
        ZONES.iter().map(|(n, _)| *n)
    }

    /// The IANA name.
    pub fn name(self) -> &'static str {
        self.name
    }

    /// Minutes east of UTC.
    pub fn offset_minutes(self) -> i16 {
        self.offset_minutes
    }

    /// The local calendar date of `instant` in this zone.
    pub fn date_of(self, instant: Instant) -> Date {
        instant.date_at(self.offset_minutes)
    }
}

impl Default for TimeZone {
    fn default() -> Self {
        Self::SHANGHAI
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_starts_across_year_ends() {
        assert_eq!(d("2026-11-23").month_start(0), d("2026-11-01"));
        assert_eq!(d("2026-11-23").month_start(1), d("2026-12-01"));
        assert_eq!(d("2026-12-31").month_start(1), d("2027-01-01"));
        assert_eq!(d("2027-01-15").month_start(-1), d("2026-12-01"));
        assert_eq!(d("2024-03-31").month_start(-1), d("2024-02-01"));
        assert_eq!(d("2026-11-23").month_start(-23), d("2024-12-01"));
        // The last day of a month: the next month's first, less a day.
        assert_eq!(d("2024-02-10").month_start(1).add_days(-1), d("2024-02-29"));
    }

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn dates_round_trip_across_centuries() {
        for s in [
            "1900-01-01",
            "1970-01-01",
            "2000-02-29",
            "2024-12-31",
            "2026-11-23",
            "9999-12-31",
        ] {
            assert_eq!(d(s).to_string(), s);
        }
        assert_eq!(d("1970-01-01").days_since_epoch(), 0);
        assert_eq!(d("2026-11-23").add_days(8).to_string(), "2026-12-01");
    }

    #[test]
    fn impossible_and_malformed_dates_are_rejected() {
        assert_eq!(Date::parse("2026-02-29"), Err(TimeError::NoSuchDate));
        assert_eq!(Date::parse("2026-13-01"), Err(TimeError::NoSuchDate));
        assert_eq!(Date::parse("2026-11-31"), Err(TimeError::NoSuchDate));
        assert_eq!(Date::parse("2026-11-00"), Err(TimeError::NoSuchDate));
        assert_eq!(Date::parse("2026-1-01"), Err(TimeError::DateShape));
        assert_eq!(Date::parse("2026/11/01"), Err(TimeError::DateShape));
        assert_eq!(Date::parse("２０２６-11-01"), Err(TimeError::DateShape));
        assert!(Date::parse("2000-02-29").is_ok());
        assert!(Date::parse("1900-02-29").is_err());
    }

    #[test]
    fn weekdays_and_iso_weeks_at_year_ends() {
        assert_eq!(d("2026-11-23").weekday(), Weekday::Monday);
        assert_eq!(d("2026-11-22").weekday(), Weekday::Sunday);
        let week = |s| d(s).iso_week().to_string();
        assert_eq!(week("2026-11-16"), "2026-W47");
        assert_eq!(week("2026-11-22"), "2026-W47");
        assert_eq!(week("2026-11-23"), "2026-W48");
        // 2026-12-31 is a Thursday: week 53 of 2026; 2027-01-01 still in it.
        assert_eq!(week("2026-12-31"), "2026-W53");
        assert_eq!(week("2027-01-03"), "2026-W53");
        assert_eq!(week("2027-01-04"), "2027-W01");
        // 2024-12-30 is a Monday in week 1 of 2025.
        assert_eq!(week("2024-12-30"), "2025-W01");
        assert_eq!(d("2027-01-01").iso_week().monday(), d("2026-12-28"));
        assert_eq!(d("2024-12-31").iso_week().monday(), d("2024-12-30"));
    }

    #[test]
    fn times_of_day() {
        assert_eq!(
            TimeOfDay::parse("21:20").unwrap().minutes_after_midnight(),
            1280
        );
        assert_eq!(TimeOfDay::parse("00:00").unwrap().to_string(), "00:00");
        assert_eq!(TimeOfDay::parse("24:00"), Err(TimeError::TimeOfDayShape));
        assert_eq!(TimeOfDay::parse("9:30"), Err(TimeError::TimeOfDayShape));
        assert_eq!(TimeOfDay::parse("09:60"), Err(TimeError::TimeOfDayShape));
    }

    #[test]
    fn instants_keep_their_offset_and_land_on_the_right_local_day() {
        let i = Instant::parse("2026-11-17T18:05:00+08:00").unwrap();
        assert_eq!(i.to_string(), "2026-11-17T18:05:00+08:00");
        assert_eq!(i, Instant::parse("2026-11-17T10:05:00Z").unwrap());
        assert_eq!(i.date_at(0), d("2026-11-17"));
        // 23:30 in Beijing is 15:30 UTC, and 00:30 the next day in Beijing is still the 16th in UTC.
        let late = Instant::parse("2026-11-17T16:30:00Z").unwrap();
        assert_eq!(TimeZone::SHANGHAI.date_of(late), d("2026-11-18"));
        assert_eq!(late.time_at(480).to_string(), "00:30");
        assert!(Instant::parse("2026-11-17T18:05:00.123+08:00").is_ok());
        for bad in [
            "2026-11-17T18:05:00",
            "2026-11-17 18:05",
            "2026-11-17T25:05:00Z",
            "2026-11-17T18:05:00+8:00",
            "2026-11-17T18:05:00.+08:00",
            "",
        ] {
            assert_eq!(Instant::parse(bad), Err(TimeError::InstantShape), "{bad}");
        }
    }

    #[test]
    fn zones() {
        assert_eq!(
            TimeZone::by_name("Asia/Urumqi").unwrap().offset_minutes(),
            360
        );
        assert!(TimeZone::by_name("Europe/Berlin").is_none());
        assert_eq!(TimeZone::default().name(), "Asia/Shanghai");
    }
}
