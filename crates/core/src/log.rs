//! The parent's log `jianfu.log/1`: homework time and sleep for one child.
//! It stays on the device; the app exports and imports it, the CLI evaluates it.

use serde_json::{Value, json};

use crate::feed::{self, At, Kind, Minutes, Subject, Tier};
use crate::json::{self, Ctx, Nested, Obj, Problems, With};
use crate::rules::{Grade, Rules};
use crate::time::{Date, Instant, TimeOfDay};

/// The format tag this module reads.
pub const FORMAT: &str = "jianfu.log/1";

/// The child a log is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Child {
    /// Shown only on the device; never in any submission.
    pub nickname: Option<String>,
    /// The grade.
    pub grade: Grade,
    /// Rules copied from the child's feed; `cn-national-2021`, `6-3` without them.
    pub rules: Rules,
}

/// How long a piece of homework took: typed minutes, or a timer session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spent {
    /// Entered by hand.
    Minutes(Minutes),
    /// Measured by the stopwatch, start before end, at most 600 minutes.
    Timed {
        /// When the timer started.
        start: Instant,
        /// When it stopped.
        end: Instant,
    },
}

impl Spent {
    /// Whole minutes spent (a timer session is rounded to the nearest minute).
    pub fn minutes(self) -> u32 {
        match self {
            Self::Minutes(m) => u32::from(m.get()),
            Self::Timed { start, end } => {
                let secs = end.unix_seconds() - start.unix_seconds();
                u32::try_from((secs + 30) / 60).unwrap_or(0)
            }
        }
    }
}

/// One logged piece of homework.
#[derive(Debug, Clone, PartialEq)]
pub struct HomeworkEntry {
    /// The school-local date it counts for.
    pub date: Date,
    /// The subject.
    pub subject: Subject,
    /// The kind; only `written` counts against the limit.
    pub kind: Kind,
    /// Core or optional (选做), copied from the feed item; optional minutes
    /// are shown, never counted against the limit.
    pub tier: Tier,
    /// Time spent.
    pub spent: Spent,
    /// Whether the child finished it (false: went to bed with it unfinished).
    pub finished: bool,
    /// The feed item it was for, if any.
    pub item: Option<String>,
    /// Done at home or at school (after-school homework help), copied
    /// from the feed item or chosen by the parent.
    pub at: At,
}

/// One logged night.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(clippy::struct_field_names)] // `night_of` is the format's own name
pub struct Night {
    night_of: Date,
    bedtime: TimeOfDay,
    wake: TimeOfDay,
}

/// Why a night cannot be real.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NightError {
    /// Woke up at the minute the child went to bed, or before.
    NoSleep,
    /// More than 16 hours.
    TooLong,
}

impl std::fmt::Display for NightError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::NoSleep => "wake must be after bedtime",
            Self::TooLong => "a night longer than 16 hours is not plausible",
        })
    }
}

impl std::error::Error for NightError {}

/// Bedtimes before noon are after midnight, i.e. on the next calendar day.
const NOON: u16 = 12 * 60;

impl Night {
    /// The night beginning on the evening of `night_of`. A `bedtime` before
    /// noon (`00:30`) is after midnight; `wake` is always the next morning.
    pub fn new(night_of: Date, bedtime: TimeOfDay, wake: TimeOfDay) -> Result<Self, NightError> {
        let night = Self {
            night_of,
            bedtime,
            wake,
        };
        match night.sleep_minutes_signed() {
            m if m <= 0 => Err(NightError::NoSleep),
            m if m > 16 * 60 => Err(NightError::TooLong),
            _ => Ok(night),
        }
    }

    /// Minutes from `night_of` 00:00 to bedtime (past 1440 when after midnight).
    pub fn bedtime_from_evening(self) -> u32 {
        let m = u32::from(self.bedtime.minutes_after_midnight());
        if m < u32::from(NOON) { m + 1440 } else { m }
    }

    fn sleep_minutes_signed(self) -> i64 {
        let wake = 1440 + i64::from(self.wake.minutes_after_midnight());
        wake - i64::from(self.bedtime_from_evening())
    }

    /// Minutes asleep (bedtime to wake).
    pub fn sleep_minutes(self) -> u32 {
        u32::try_from(self.sleep_minutes_signed()).unwrap_or(0)
    }

    /// The evening the night began.
    pub fn night_of(self) -> Date {
        self.night_of
    }

    /// Bedtime.
    pub fn bedtime(self) -> TimeOfDay {
        self.bedtime
    }

    /// Wake time, the next morning.
    pub fn wake(self) -> TimeOfDay {
        self.wake
    }

    /// Minutes past `latest` the child went to bed, 0 when on time.
    pub fn late_by(self, latest: TimeOfDay) -> u32 {
        let latest = u32::from(latest.minutes_after_midnight());
        self.bedtime_from_evening().saturating_sub(latest)
    }
}

/// A validated `jianfu.log/1`.
#[derive(Debug, Clone, PartialEq)]
pub struct Log {
    /// The child.
    pub child: Child,
    /// Homework entries, in the order logged.
    pub homework: Vec<HomeworkEntry>,
    /// Nights, in the order logged.
    pub sleep: Vec<Night>,
}

impl HomeworkEntry {
    /// One entry as it appears in a log's `homework` list.
    pub fn to_value(&self) -> Value {
        let mut v = json!({
            "date": self.date.to_string(),
            "subject": self.subject.as_str(),
            "kind": self.kind.as_str(),
            "finished": self.finished,
        });
        match self.spent {
            Spent::Minutes(m) => v["minutes"] = json!(m.get()),
            Spent::Timed { start, end } => {
                v["start"] = json!(start.to_string());
                v["end"] = json!(end.to_string());
            }
        }
        if let Some(item) = &self.item {
            v["item"] = json!(item);
        }
        if self.tier == Tier::Optional {
            v["tier"] = json!(self.tier.as_str());
        }
        if self.at == At::School {
            v["at"] = json!(self.at.as_str());
        }
        v
    }

    /// Whether it counts against the written-homework limit.
    pub fn counts_against_limit(&self) -> bool {
        self.kind == Kind::Written && self.tier == Tier::Core
    }

    /// Reads one entry (the app stores entries one by one, in this shape).
    pub fn from_value(value: &Value) -> Result<Self, Problems> {
        let mut ctx = Ctx::default();
        let e = read_entry(&mut ctx, "", value);
        ctx.finish(e)
    }
}

impl Night {
    /// One night as it appears in a log's `sleep` list.
    pub fn to_value(&self) -> Value {
        json!({"night_of": self.night_of.to_string(), "bedtime": self.bedtime.to_string(), "wake": self.wake.to_string()})
    }

    /// Reads one night.
    pub fn from_value(value: &Value) -> Result<Self, Problems> {
        let mut ctx = Ctx::default();
        let n = read_night(&mut ctx, "", value);
        ctx.finish(n)
    }
}

impl Log {
    /// Parses and validates a log, reporting every problem with its path.
    pub fn parse(text: &str) -> Result<Self, Problems> {
        Self::from_value(&json::parse_value(text)?)
    }

    /// Validates an already parsed JSON value.
    pub fn from_value(value: &Value) -> Result<Self, Problems> {
        json::document(value, FORMAT, read_log)
    }

    /// The log as `jianfu.log/1` JSON (what the app exports).
    pub fn to_value(&self) -> Value {
        let homework: Vec<Value> = self.homework.iter().map(HomeworkEntry::to_value).collect();
        let sleep: Vec<Value> = self.sleep.iter().map(Night::to_value).collect();
        json!({"format": FORMAT, "child": self.child.to_value(), "homework": homework, "sleep": sleep})
    }
}

impl Child {
    /// The `child` object of a log.
    pub fn to_value(&self) -> Value {
        let rules = &self.rules;
        let mut limits = serde_json::Map::new();
        let l = rules.local();
        let mut put = |k: &str, v: Option<Value>| {
            if let Some(v) = v {
                limits.insert(k.to_owned(), v);
            }
        };
        put(
            "grades_3_6_written_minutes",
            l.primary_written_minutes.map(Value::from),
        );
        put(
            "grades_7_9_written_minutes",
            l.junior_written_minutes.map(Value::from),
        );
        put(
            "holiday_written_minutes",
            l.holiday_written_minutes.map(Value::from),
        );
        put(
            "bedtime_primary",
            l.bedtime_primary.map(|t| t.to_string().into()),
        );
        put(
            "bedtime_junior",
            l.bedtime_junior.map(|t| t.to_string().into()),
        );
        put(
            "bedtime_senior",
            l.bedtime_senior.map(|t| t.to_string().into()),
        );
        let mut child = json!({
            "grade": self.grade.get(),
            "rules": rules.profile().id(),
            "system": rules.system().as_str(),
            "limits": limits,
        });
        if !rules.calendar().is_empty() {
            child["calendar"] = rules.calendar().to_value();
        }
        if let Some(n) = &self.nickname {
            child["nickname"] = json!(n);
        }
        child
    }

    /// Reads a `child` object (the app stores its children in this shape).
    pub fn from_value(value: &Value) -> Result<Self, Problems> {
        let mut ctx = Ctx::default();
        let c = read_child(&mut ctx, "child", value);
        ctx.finish(c)
    }
}

fn read_log(ctx: &mut Ctx, value: &Value) -> Option<Log> {
    let root = Obj::of(ctx, "", value)?;
    let child = root.req(
        ctx,
        "child",
        Nested {
            expected: "the child object",
            f: read_child,
        },
    );
    let homework = root.opt(
        ctx,
        "homework",
        Nested {
            expected: "a list of homework entries",
            f: |ctx: &mut Ctx, p: &str, v: &Value| json::list(ctx, p, v, read_entry),
        },
    );
    let sleep = root.opt(
        ctx,
        "sleep",
        Nested {
            expected: "a list of nights",
            f: |ctx: &mut Ctx, p: &str, v: &Value| json::list(ctx, p, v, read_night),
        },
    );
    Some(Log {
        child: child?,
        homework: homework.ok()?.unwrap_or_default(),
        sleep: sleep.ok()?.unwrap_or_default(),
    })
}

fn read_child(ctx: &mut Ctx, path: &str, value: &Value) -> Option<Child> {
    let o = Obj::of(ctx, path, value)?;
    let nickname = o.opt(ctx, "nickname", json::string());
    let grade = o.req(ctx, "grade", feed::grade_reader());
    let rules = feed::read_rules(ctx, &o);
    Some(Child {
        nickname: nickname.ok()?,
        grade: grade?,
        rules: rules?,
    })
}

fn read_entry(ctx: &mut Ctx, path: &str, value: &Value) -> Option<HomeworkEntry> {
    let o = Obj::of(ctx, path, value)?;
    let date = o.req(ctx, "date", json::date());
    let subject = o.req(ctx, "subject", json::string());
    let kind = o.req(ctx, "kind", Kind::reader());
    let finished = o.opt(
        ctx,
        "finished",
        With {
            expected: "true or false",
            f: Value::as_bool,
        },
    );
    let item = o.opt(ctx, "item", json::string());
    let tier = o.opt(ctx, "tier", Tier::reader());
    let at = o.opt(ctx, "at", At::reader());
    let spent = read_spent(ctx, &o);
    Some(HomeworkEntry {
        date: date?,
        subject: Subject::parse(&subject?),
        kind: kind?,
        spent: spent?,
        finished: finished.ok()?.unwrap_or(true),
        item: item.ok()?,
        tier: tier.ok()?.unwrap_or_default(),
        at: at.ok()?.unwrap_or_default(),
    })
}

/// `minutes`, or `start` and `end`: one or the other, never both.
fn read_spent(ctx: &mut Ctx, o: &Obj<'_>) -> Option<Spent> {
    let has_timer = o.get("start").is_some() || o.get("end").is_some();
    match (o.get("minutes"), has_timer) {
        (Some(_), true) => {
            ctx.report(
                o.path,
                "has both minutes and start/end; an entry has one or the other",
            );
            None
        }
        (Some(_), false) => o.req(ctx, "minutes", Minutes::reader()).map(Spent::Minutes),
        (None, false) => {
            ctx.report(
                &o.path_of("minutes"),
                "missing; expected a whole number of minutes 0–600, or start and end",
            );
            None
        }
        (None, true) => {
            let start = o.req(ctx, "start", json::instant());
            let end = o.req(ctx, "end", json::instant());
            let (start, end) = (start?, end?);
            let secs = end.unix_seconds() - start.unix_seconds();
            if secs <= 0 {
                ctx.report(&o.path_of("end"), "must be after start");
                return None;
            }
            if secs > i64::from(Minutes::MAX) * 60 {
                ctx.report(
                    &o.path_of("end"),
                    "a timer session longer than 600 minutes is not plausible",
                );
                return None;
            }
            Some(Spent::Timed { start, end })
        }
    }
}

fn read_night(ctx: &mut Ctx, path: &str, value: &Value) -> Option<Night> {
    let o = Obj::of(ctx, path, value)?;
    let night_of = o.req(ctx, "night_of", json::date());
    let bedtime = o.req(ctx, "bedtime", json::time_of_day());
    let wake = o.req(ctx, "wake", json::time_of_day());
    match Night::new(night_of?, bedtime?, wake?) {
        Ok(n) => Some(n),
        Err(e) => {
            ctx.report(path, e.to_string());
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> TimeOfDay {
        TimeOfDay::parse(s).unwrap()
    }
    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn nights_before_and_after_midnight() {
        let n = Night::new(d("2026-11-16"), t("21:50"), t("06:40")).unwrap();
        assert_eq!(n.sleep_minutes(), 530);
        assert_eq!(n.late_by(t("21:20")), 30);
        let late = Night::new(d("2026-11-18"), t("00:10"), t("06:50")).unwrap();
        assert_eq!(late.sleep_minutes(), 400);
        assert_eq!(late.late_by(t("21:20")), 170);
        let on_time = Night::new(d("2026-11-18"), t("21:20"), t("07:20")).unwrap();
        assert_eq!(
            (on_time.sleep_minutes(), on_time.late_by(t("21:20"))),
            (600, 0)
        );
        assert_eq!(
            Night::new(d("2026-11-18"), t("22:00"), t("22:00")),
            Err(NightError::TooLong),
            "a full day is longer than 16 h"
        );
        assert_eq!(
            Night::new(d("2026-11-18"), t("07:00"), t("07:00")),
            Err(NightError::NoSleep)
        );
        assert_eq!(
            Night::new(d("2026-11-18"), t("14:00"), t("07:00")),
            Err(NightError::TooLong)
        );
        assert!(Night::new(d("2026-11-18"), t("15:00"), t("07:00")).is_ok());
    }

    #[test]
    fn entries_have_minutes_or_a_timer_never_both() {
        let log = |entry: Value| {
            Log::from_value(&json!({"format": FORMAT, "child": {"grade": 4}, "homework": [entry]}))
        };
        let both = log(
            json!({"date": "2026-11-17", "subject": "math", "kind": "written", "minutes": 5,
            "start": "2026-11-17T18:05:00+08:00", "end": "2026-11-17T18:50:00+08:00"}),
        );
        assert_eq!(
            both.unwrap_err().to_string(),
            "homework[0]: has both minutes and start/end; an entry has one or the other"
        );
        let neither = log(json!({"date": "2026-11-17", "subject": "math", "kind": "written"}));
        assert!(
            neither
                .unwrap_err()
                .to_string()
                .starts_with("homework[0].minutes: missing")
        );
        let backwards = log(
            json!({"date": "2026-11-17", "subject": "math", "kind": "written",
            "start": "2026-11-17T18:50:00+08:00", "end": "2026-11-17T18:05:00+08:00"}),
        );
        assert_eq!(
            backwards.unwrap_err().to_string(),
            "homework[0].end: must be after start"
        );
        let timed = log(
            json!({"date": "2026-11-17", "subject": "math", "kind": "written",
            "start": "2026-11-17T18:05:00+08:00", "end": "2026-11-17T10:50:29Z"}),
        )
        .unwrap();
        assert_eq!(timed.homework[0].spent.minutes(), 45);
        assert!(timed.homework[0].finished);
    }

    #[test]
    fn round_trips_through_json() {
        let text = r#"{"format": "jianfu.log/1",
            "child": {"nickname": "小明", "grade": 8, "system": "5-4", "limits": {"grades_7_9_written_minutes": 60}},
            "homework": [{"date": "2026-11-17", "subject": "physics", "kind": "written",
                          "start": "2026-11-17T18:05:00+08:00", "end": "2026-11-17T18:50:00+08:00", "finished": false, "item": "x"}],
            "sleep": [{"night_of": "2026-11-17", "bedtime": "22:10", "wake": "06:30"}]}"#;
        let log = Log::parse(text).unwrap();
        let again = Log::from_value(&log.to_value()).unwrap();
        assert_eq!(log, again);
    }
}
