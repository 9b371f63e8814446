//! After-school service (课后服务, "5+2"): the feed's `school.after_school`
//! (formats.md §1) and the rules of rules.md "After-school service".
//!
//! Every school day (by the feed's calendar) should have a service of at
//! least 120 minutes that ends no earlier than the local end of the
//! working day. [`AfterSchool::on`] says what the service is on a date (the
//! weekly plan, with that date's change applied), and [`shortfall`] whether
//! it meets 5+2. Pure: the callers give the date and its kind.

use serde_json::{Value, json};

use crate::calendar::{DateRange, DayKind};
use crate::json::{self, Ctx, Nested, Obj, With};
use crate::text::Text;
use crate::time::{Date, TimeOfDay};

/// The least a school day's service lasts (minutes).
pub const MIN_MINUTES: u32 = 120;

/// What a session of the service is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SessionKind {
    /// 学科辅导/作业辅导: where written homework is done at school.
    HomeworkHelp,
    /// Sport.
    Sport,
    /// 兴趣、社团, with `options` to choose from.
    Interest,
    /// Reading.
    Reading,
    /// 托管/看护.
    Care,
    /// Anything else.
    Other,
}

impl SessionKind {
    /// Every kind, in the order a form lists them.
    pub const ALL: [Self; 6] = [
        Self::HomeworkHelp,
        Self::Sport,
        Self::Interest,
        Self::Reading,
        Self::Care,
        Self::Other,
    ];

    /// The wire name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::HomeworkHelp => "homework_help",
            Self::Sport => "sport",
            Self::Interest => "interest",
            Self::Reading => "reading",
            Self::Care => "care",
            Self::Other => "other",
        }
    }

    /// Reads a wire name.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Its name for people.
    #[must_use]
    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            Self::HomeworkHelp => lang.t("作业辅导", "Homework help"),
            Self::Sport => lang.t("体育锻炼", "Sport"),
            Self::Interest => lang.t("兴趣社团", "Clubs"),
            Self::Reading => lang.t("阅读", "Reading"),
            Self::Care => lang.t("托管看护", "Care"),
            Self::Other => lang.t("其他", "Other"),
        }
    }
}

/// One session of a day's service.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// What it is for.
    pub kind: SessionKind,
    /// When it starts, school time.
    pub start: TimeOfDay,
    /// When it ends.
    pub end: TimeOfDay,
    /// Its name, if the school gave one.
    pub title: Option<Text>,
    /// What a pupil may choose from (clubs of an `interest` session).
    pub options: Vec<Text>,
}

/// The service on the weekdays of one entry of the weekly plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Weekly {
    /// ISO weekday numbers, 1 = Monday.
    pub weekdays: Vec<u8>,
    /// When the service starts.
    pub start: TimeOfDay,
    /// When it ends.
    pub end: TimeOfDay,
    /// Its sessions, in time order.
    pub sessions: Vec<Session>,
}

/// A change of the plan for a date or a range of dates.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The dates it applies to.
    pub dates: DateRange,
    /// Another start.
    pub start: Option<TimeOfDay>,
    /// Another end (an early finish).
    pub end: Option<TimeOfDay>,
    /// Other sessions.
    pub sessions: Option<Vec<Session>>,
    /// No service on these dates.
    pub cancelled: bool,
    /// Why, for parents.
    pub note: Option<Text>,
}

/// A school's after-school service.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AfterSchool {
    /// The weekly plan.
    pub weekly: Vec<Weekly>,
    /// Changes for particular dates.
    pub changes: Vec<Change>,
    /// Extended care (延时托管) for those who need it, until this time.
    pub extended_care_until: Option<TimeOfDay>,
    /// The fee, as the school words it.
    pub fee: Option<Text>,
    /// Whom to ask.
    pub contact: Option<Text>,
}

/// The service on one date, the date's change applied.
#[derive(Debug, Clone, PartialEq)]
pub struct DayService {
    /// When it starts.
    pub start: TimeOfDay,
    /// When it ends: pickup time.
    pub end: TimeOfDay,
    /// Its sessions.
    pub sessions: Vec<Session>,
    /// The change's note, when the date has one.
    pub note: Option<Text>,
    /// Whether a change made it differ from the weekly plan.
    pub changed: bool,
}

impl DayService {
    /// Its length in minutes.
    #[must_use]
    pub fn minutes(&self) -> u32 {
        u32::from(
            self.end
                .minutes_after_midnight()
                .saturating_sub(self.start.minutes_after_midnight()),
        )
    }

    /// Whether a session is for written homework (书包不回家).
    #[must_use]
    pub fn has_homework_help(&self) -> bool {
        self.sessions
            .iter()
            .any(|s| s.kind == SessionKind::HomeworkHelp)
    }
}

/// What a date has.
#[derive(Debug, Clone, PartialEq)]
pub enum OnDay {
    /// No service (not a school day, or none planned for its weekday).
    None,
    /// Cancelled by a change, with its note.
    Cancelled(Option<Text>),
    /// A service.
    Service(DayService),
}

/// Why a school day falls short of 5+2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortfall {
    /// No service that day (none planned, or cancelled).
    NoService,
    /// A service shorter than [`MIN_MINUTES`], and/or ending before the
    /// local end of the working day.
    Short {
        /// Its length.
        minutes: u32,
        /// When it ends.
        end: TimeOfDay,
        /// Whether it is under 120 minutes.
        too_short: bool,
        /// Whether it ends before the local time.
        ends_early: bool,
    },
}

impl Shortfall {
    /// The reason in a sentence (`zh-CN` or English), for warnings.
    #[must_use]
    pub fn describe(&self, not_before: TimeOfDay, lang: crate::Lang) -> String {
        match *self {
            Self::NoService => lang
                .t("当天没有课后服务", "no after-school service that day")
                .to_owned(),
            Self::Short {
                minutes,
                end,
                too_short,
                ends_early,
            } => {
                let mut why = Vec::new();
                if too_short {
                    why.push(lang.f(
                        format!("课后服务只有 {minutes} 分钟，不足 {MIN_MINUTES} 分钟"),
                        format!("the service lasts {minutes} min, under {MIN_MINUTES}"),
                    ));
                }
                if ends_early {
                    why.push(lang.f(
                        format!("{end} 结束，早于 {not_before}"),
                        format!("it ends at {end}, before {not_before}"),
                    ));
                }
                why.join(lang.t("；", "; "))
            }
        }
    }
}

/// Whether a school day's service meets 5+2: `None` when it does.
#[must_use]
pub fn shortfall(on: &OnDay, not_before: TimeOfDay) -> Option<Shortfall> {
    match on {
        OnDay::None | OnDay::Cancelled(_) => Some(Shortfall::NoService),
        OnDay::Service(s) => {
            let too_short = s.minutes() < MIN_MINUTES;
            let ends_early = s.end < not_before;
            (too_short || ends_early).then_some(Shortfall::Short {
                minutes: s.minutes(),
                end: s.end,
                too_short,
                ends_early,
            })
        }
    }
}

impl AfterSchool {
    /// The service on `date`, a day of `kind` by the school's calendar: the
    /// weekly entry of its weekday on a school day (a make-up school day on
    /// a weekend takes its own weekday's entry, else Monday's), then the
    /// date's change. A change that gives both `start` and `end` makes a
    /// service even on a day without one.
    #[must_use]
    pub fn on(&self, date: Date, kind: DayKind) -> OnDay {
        let weekday = date.weekday().index_from_monday() + 1;
        let planned = if kind.is_school_day() {
            let own = self.weekly.iter().find(|w| w.weekdays.contains(&weekday));
            match (own, kind) {
                (None, DayKind::MakeUpDay) => self.weekly.iter().find(|w| w.weekdays.contains(&1)),
                (own, _) => own,
            }
        } else {
            None
        };
        let change = self.changes.iter().find(|c| c.dates.contains(date));
        let Some(change) = change else {
            return planned.map_or(OnDay::None, |w| {
                OnDay::Service(DayService {
                    start: w.start,
                    end: w.end,
                    sessions: w.sessions.clone(),
                    note: None,
                    changed: false,
                })
            });
        };
        if change.cancelled {
            return OnDay::Cancelled(change.note.clone());
        }
        let start = change.start.or(planned.map(|w| w.start));
        let end = change.end.or(planned.map(|w| w.end));
        let (Some(start), Some(end)) = (start, end) else {
            return OnDay::None;
        };
        // The plan's sessions, cut to a changed window (an early finish
        // drops what would have come after it).
        let sessions = change.sessions.clone().unwrap_or_else(|| {
            planned
                .map(|w| {
                    w.sessions
                        .iter()
                        .filter(|s| s.start < end && s.end > start)
                        .map(|s| Session {
                            start: s.start.max(start),
                            end: s.end.min(end),
                            ..s.clone()
                        })
                        .collect()
                })
                .unwrap_or_default()
        });
        OnDay::Service(DayService {
            start,
            end,
            sessions,
            note: change.note.clone(),
            changed: true,
        })
    }

    /// The feed's `after_school` object.
    #[must_use]
    pub fn to_value(&self) -> Value {
        let mut o = json!({
            "weekly": self.weekly.iter().map(|w| json!({
                "weekdays": w.weekdays,
                "start": w.start.to_string(),
                "end": w.end.to_string(),
                "sessions": sessions_value(&w.sessions),
            })).collect::<Vec<_>>(),
        });
        if !self.changes.is_empty() {
            o["changes"] = self
                .changes
                .iter()
                .map(|c| {
                    let mut v = json!({"date": c.dates.to_wire()});
                    if let Some(t) = c.start {
                        v["start"] = json!(t.to_string());
                    }
                    if let Some(t) = c.end {
                        v["end"] = json!(t.to_string());
                    }
                    if let Some(s) = &c.sessions {
                        v["sessions"] = sessions_value(s);
                    }
                    if c.cancelled {
                        v["cancelled"] = json!(true);
                    }
                    if let Some(n) = &c.note {
                        v["note"] = n.to_value();
                    }
                    v
                })
                .collect();
        }
        if let Some(t) = self.extended_care_until {
            o["extended_care_until"] = json!(t.to_string());
        }
        if let Some(f) = &self.fee {
            o["fee"] = f.to_value();
        }
        if let Some(c) = &self.contact {
            o["contact"] = c.to_value();
        }
        o
    }

    /// Reads `school.after_school`, reporting every problem with its path.
    pub(crate) fn read(ctx: &mut Ctx, path: &str, value: &Value) -> Option<Self> {
        let o = Obj::of(ctx, path, value)?;
        let weekly = o.req(
            ctx,
            "weekly",
            Nested {
                expected: "a list of weekly entries",
                f: |ctx: &mut Ctx, p: &str, v: &Value| json::list(ctx, p, v, read_weekly),
            },
        );
        let changes = o.opt(
            ctx,
            "changes",
            Nested {
                expected: "a list of changes",
                f: |ctx: &mut Ctx, p: &str, v: &Value| json::list(ctx, p, v, read_change),
            },
        );
        let care = o.opt(ctx, "extended_care_until", json::time_of_day());
        let fee = o.opt(ctx, "fee", text());
        let contact = o.opt(ctx, "contact", text());
        let weekly = weekly?;
        let changes = changes.ok()?.unwrap_or_default();
        let mut ok = true;
        // A weekday in two entries would have two services.
        for (i, w) in weekly.iter().enumerate() {
            for d in &w.weekdays {
                if let Some(j) = weekly[..i].iter().position(|o| o.weekdays.contains(d)) {
                    ok = false;
                    ctx.report(
                        &json::join(&json::index(&o.path_of("weekly"), i), "weekdays"),
                        format!(
                            "weekday {d} is also in {}",
                            json::index(&o.path_of("weekly"), j)
                        ),
                    );
                }
            }
        }
        // A date in two changes would be changed twice.
        for (i, c) in changes.iter().enumerate() {
            if let Some(j) = changes[..i]
                .iter()
                .position(|o| o.dates.overlap(c.dates).is_some())
            {
                ok = false;
                ctx.report(
                    &json::join(&json::index(&o.path_of("changes"), i), "date"),
                    format!(
                        "{} overlaps {}",
                        c.dates.to_wire(),
                        json::index(&o.path_of("changes"), j)
                    ),
                );
            }
        }
        Some(Self {
            weekly,
            changes,
            extended_care_until: care.ok()?,
            fee: fee.ok()?,
            contact: contact.ok()?,
        })
        .filter(|_| ok)
    }
}

fn sessions_value(sessions: &[Session]) -> Value {
    sessions
        .iter()
        .map(|s| {
            let mut v = json!({
                "kind": s.kind.as_str(),
                "start": s.start.to_string(),
                "end": s.end.to_string(),
            });
            if let Some(t) = &s.title {
                v["title"] = t.to_value();
            }
            if !s.options.is_empty() {
                v["options"] = s.options.iter().map(Text::to_value).collect();
            }
            v
        })
        .collect()
}

fn text() -> impl json::Reader<Text> {
    Nested {
        expected: Text::EXPECTED,
        f: Text::read,
    }
}

fn read_weekly(ctx: &mut Ctx, path: &str, value: &Value) -> Option<Weekly> {
    let o = Obj::of(ctx, path, value)?;
    let weekdays = o.req(
        ctx,
        "weekdays",
        With {
            expected: "a list of ISO weekday numbers 1–7 (1 = Monday), each once",
            f: |v: &Value| {
                let list = v.as_array()?;
                let days: Vec<u8> = list
                    .iter()
                    .filter_map(|d| d.as_u64().and_then(|n| u8::try_from(n).ok()))
                    .filter(|n| (1..=7).contains(n))
                    .collect();
                let mut sorted = days.clone();
                sorted.sort_unstable();
                sorted.dedup();
                (days.len() == list.len() && sorted.len() == days.len() && !days.is_empty())
                    .then_some(sorted)
            },
        },
    );
    let window = read_window(ctx, &o);
    let sessions = read_sessions(ctx, &o, window);
    let (start, end) = window?;
    Some(Weekly {
        weekdays: weekdays?,
        start,
        end,
        sessions: sessions?.unwrap_or_default(),
    })
}

fn read_change(ctx: &mut Ctx, path: &str, value: &Value) -> Option<Change> {
    let o = Obj::of(ctx, path, value)?;
    let dates = o.req(
        ctx,
        "date",
        Nested {
            expected: "a date or a range like 2026-12-24/2026-12-31",
            f: DateRange::read,
        },
    );
    let cancelled = o.opt(
        ctx,
        "cancelled",
        With {
            expected: "true or false",
            f: Value::as_bool,
        },
    );
    let note = o.opt(ctx, "note", text());
    let start = o.opt(ctx, "start", json::time_of_day()).ok()?;
    let end = o.opt(ctx, "end", json::time_of_day()).ok()?;
    let window = match (start, end) {
        (Some(s), Some(e)) => Some(ordered(ctx, &o, s, e)?),
        _ => None,
    };
    let sessions = read_sessions(ctx, &o, window);
    let cancelled = cancelled.ok()?.unwrap_or(false);
    if cancelled && (start.is_some() || end.is_some() || o.get("sessions").is_some()) {
        ctx.report(
            &o.path_of("cancelled"),
            "a cancelled date has no start, end or sessions",
        );
        return None;
    }
    Some(Change {
        dates: dates?,
        start,
        end,
        sessions: sessions?,
        cancelled,
        note: note.ok()?,
    })
}

/// The required `start` and `end` of a weekly entry or a session, the
/// end after the start; `None` (reported) when either is missing or wrong.
fn read_window(ctx: &mut Ctx, o: &Obj<'_>) -> Option<(TimeOfDay, TimeOfDay)> {
    let start = o.req(ctx, "start", json::time_of_day());
    let end = o.req(ctx, "end", json::time_of_day());
    ordered(ctx, o, start?, end?)
}

/// `(start, end)` when the end is after the start, else a problem at
/// `end` naming both.
fn ordered(
    ctx: &mut Ctx,
    o: &Obj<'_>,
    start: TimeOfDay,
    end: TimeOfDay,
) -> Option<(TimeOfDay, TimeOfDay)> {
    if end <= start {
        ctx.report(
            &o.path_of("end"),
            format!("{end} is not after start {start} ({})", o.path_of("start")),
        );
        return None;
    }
    Some((start, end))
}

/// `sessions`, each inside `window` when there is one, none overlapping.
#[allow(clippy::option_option)] // outer: read failed; inner: absent
fn read_sessions(
    ctx: &mut Ctx,
    o: &Obj<'_>,
    window: Option<(TimeOfDay, TimeOfDay)>,
) -> Option<Option<Vec<Session>>> {
    let path = o.path_of("sessions");
    let list = o
        .opt(
            ctx,
            "sessions",
            Nested {
                expected: "a list of sessions",
                f: |ctx: &mut Ctx, p: &str, v: &Value| json::list(ctx, p, v, read_session),
            },
        )
        .ok()?;
    let Some(mut list) = list else {
        return Some(None);
    };
    let mut ok = true;
    for (i, s) in list.iter().enumerate() {
        let at = json::index(&path, i);
        if let Some((start, end)) = window
            && (s.start < start || s.end > end)
        {
            ok = false;
            ctx.report(
                &at,
                format!(
                    "{}–{} is outside the service's {start}–{end} ({})",
                    s.start,
                    s.end,
                    o.path_of("start")
                ),
            );
        }
        if let Some(j) = list[..i]
            .iter()
            .position(|o| s.start < o.end && o.start < s.end)
        {
            ok = false;
            ctx.report(
                &at,
                format!(
                    "{}–{} overlaps {} ({}–{})",
                    s.start,
                    s.end,
                    json::index(&path, j),
                    list[j].start,
                    list[j].end
                ),
            );
        }
    }
    list.sort_by_key(|s| s.start);
    ok.then_some(Some(list))
}

fn read_session(ctx: &mut Ctx, path: &str, value: &Value) -> Option<Session> {
    let o = Obj::of(ctx, path, value)?;
    let kind = o.req(
        ctx,
        "kind",
        With {
            expected: "homework_help, sport, interest, reading, care or other",
            f: |v: &Value| v.as_str().and_then(SessionKind::parse),
        },
    );
    let title = o.opt(ctx, "title", text());
    let options = o.opt(
        ctx,
        "options",
        Nested {
            expected: "a list of choices",
            f: |ctx: &mut Ctx, p: &str, v: &Value| json::list(ctx, p, v, Text::read),
        },
    );
    let (start, end) = read_window(ctx, &o)?;
    Some(Session {
        kind: kind?,
        start,
        end,
        title: title.ok()?,
        options: options.ok()?.unwrap_or_default(),
    })
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

    fn read(v: &Value) -> Result<AfterSchool, crate::Problems> {
        let mut ctx = Ctx::default();
        let r = AfterSchool::read(&mut ctx, "school.after_school", v);
        ctx.finish(r)
    }

    fn fixture() -> Value {
        json!({
            "weekly": [{"weekdays": [1, 2, 3, 4, 5], "start": "15:40", "end": "17:50", "sessions": [
                {"kind": "sport", "start": "15:40", "end": "16:20"},
                {"kind": "homework_help", "start": "16:20", "end": "17:10"},
                {"kind": "interest", "start": "17:10", "end": "17:50", "options": ["篮球", {"zh-CN": "合唱"}]}
            ]}],
            "changes": [
                {"date": "2026-12-24", "end": "16:30", "note": {"zh-CN": "教师培训，提前放学"}},
                {"date": "2026-12-28/2026-12-29", "cancelled": true},
                {"date": "2026-12-26", "start": "09:00", "end": "11:00"}
            ],
            "extended_care_until": "18:30",
            "fee": "免费"
        })
    }

    #[test]
    fn the_service_on_each_date() {
        let a = read(&fixture()).unwrap();
        let OnDay::Service(mon) = a.on(d("2026-12-21"), DayKind::SchoolDay) else {
            panic!("a service on Monday")
        };
        assert_eq!(
            (mon.start, mon.end, mon.minutes()),
            (t("15:40"), t("17:50"), 130)
        );
        assert!(!mon.changed && mon.has_homework_help());
        assert_eq!(shortfall(&OnDay::Service(mon), t("17:30")), None);
        // The early finish: the sessions after 16:30 are gone.
        let thu = a.on(d("2026-12-24"), DayKind::SchoolDay);
        let OnDay::Service(s) = &thu else { panic!() };
        assert!(s.changed && s.note.is_some());
        assert_eq!(s.end, t("16:30"));
        assert_eq!(s.sessions.len(), 2);
        assert_eq!(s.sessions[1].end, t("16:30"), "cut to the new end");
        assert_eq!(
            shortfall(&thu, t("17:30")),
            Some(Shortfall::Short {
                minutes: 50,
                end: t("16:30"),
                too_short: true,
                ends_early: true
            })
        );
        // Cancelled, a weekend, a Saturday the change opens, a holiday.
        assert!(matches!(
            a.on(d("2026-12-28"), DayKind::SchoolDay),
            OnDay::Cancelled(None)
        ));
        assert_eq!(
            shortfall(&a.on(d("2026-12-29"), DayKind::SchoolDay), t("17:30")),
            Some(Shortfall::NoService)
        );
        assert_eq!(a.on(d("2026-12-27"), DayKind::Weekend), OnDay::None);
        assert!(
            matches!(a.on(d("2026-12-26"), DayKind::Weekend), OnDay::Service(ref s) if s.minutes() == 120 && s.sessions.is_empty())
        );
        assert_eq!(a.on(d("2026-12-22"), DayKind::Holiday), OnDay::None);
        // A make-up school day on a Sunday: Monday's plan.
        assert!(
            matches!(a.on(d("2027-01-03"), DayKind::MakeUpDay), OnDay::Service(ref s) if s.start == t("15:40"))
        );
        // Round trip.
        assert_eq!(read(&a.to_value()).unwrap(), a);
    }

    #[test]
    fn problems_name_their_paths() {
        let bad = json!({
            "weekly": [
                {"weekdays": [1, 2], "start": "15:40", "end": "17:50", "sessions": [
                    {"kind": "sport", "start": "15:00", "end": "16:20"},
                    {"kind": "homework_help", "start": "16:00", "end": "17:10"}
                ]},
                {"weekdays": [2, 9], "start": "16:00", "end": "15:00"},
                {"weekdays": [6], "start": "09:00", "end": "11:00", "sessions": [
                    {"kind": "nap", "start": "09:00", "end": "10:00"}
                ]}
            ],
            "changes": [
                {"date": "2026-12-24/2026-12-20"},
                {"date": "2026-12-25", "cancelled": true, "end": "16:00"},
                {"date": "2026-12-26", "start": "10:00", "end": "09:00"}
            ]
        });
        let problems = read(&bad).unwrap_err().to_string();
        for expected in [
            "school.after_school.weekly[0].sessions[0]: 15:00–16:20 is outside the service's 15:40–17:50",
            "school.after_school.weekly[0].sessions[1]: 16:00–17:10 overlaps school.after_school.weekly[0].sessions[0]",
            "school.after_school.weekly[2].sessions[0].kind",
            "school.after_school.weekly[1].weekdays",
            "school.after_school.weekly[1].end: 15:00 is not after start 16:00",
            "school.after_school.changes[0].date: the range ends (2026-12-20) before it starts",
            "school.after_school.changes[1].cancelled: a cancelled date has no start",
            "school.after_school.changes[2].end: 09:00 is not after start 10:00",
        ] {
            assert!(problems.contains(expected), "{expected}\nin\n{problems}");
        }
        let twice = json!({
            "weekly": [{"weekdays": [1, 2], "start": "15:40", "end": "17:50"},
                       {"weekdays": [2], "start": "15:40", "end": "17:50"}],
            "changes": [{"date": "2026-12-24/2026-12-25"}, {"date": "2026-12-25", "end": "16:00"}]
        });
        let problems = read(&twice).unwrap_err().to_string();
        assert!(problems.contains("school.after_school.weekly[1].weekdays: weekday 2 is also in school.after_school.weekly[0]"), "{problems}");
        assert!(problems.contains("school.after_school.changes[1].date: 2026-12-25 overlaps school.after_school.changes[0]"), "{problems}");
    }

    #[test]
    fn describe_says_why() {
        let s = Shortfall::Short {
            minutes: 50,
            end: t("16:30"),
            too_short: true,
            ends_early: true,
        };
        assert_eq!(
            s.describe(t("17:30"), crate::Lang::ZhCn),
            "课后服务只有 50 分钟，不足 120 分钟；16:30 结束，早于 17:30"
        );
        assert_eq!(
            Shortfall::NoService.describe(t("17:30"), crate::Lang::En),
            "no after-school service that day"
        );
    }

    mod properties {
        use super::*;
        use crate::calendar::Calendar;
        use proptest::prelude::*;

        fn time(m: u16) -> TimeOfDay {
            TimeOfDay::new(u8::try_from(m / 60).unwrap(), u8::try_from(m % 60).unwrap()).unwrap()
        }

        /// A weekly plan of one entry on `days`, from `start` for `len`
        /// minutes, cut into `cuts` back-to-back sessions.
        fn plan(days: Vec<u8>, start: u16, len: u16, cuts: u16) -> AfterSchool {
            let step = len / cuts.max(1);
            let sessions = (0..cuts)
                .map(|i| Session {
                    kind: SessionKind::ALL[usize::from(i) % 6],
                    start: time(start + i * step),
                    end: time(start + (i + 1) * step),
                    title: None,
                    options: Vec::new(),
                })
                .collect();
            AfterSchool {
                weekly: vec![Weekly {
                    weekdays: days,
                    start: time(start),
                    end: time(start + len),
                    sessions,
                }],
                ..AfterSchool::default()
            }
        }

        proptest! {
            #[test]
            fn a_week_under_any_calendar(
                days in proptest::sample::subsequence(vec![1u8, 2, 3, 4, 5, 6, 7], 1..=7),
                start in 12 * 60u16..17 * 60,
                len in 30u16..300,
                cuts in 0u16..5,
                early in proptest::option::of(0u16..200),
                holiday in 0i32..7,
                monday in 0i32..52,
            ) {
                let mut a = plan(days.clone(), start, len, cuts);
                let first = Date::from_ymd(2026, 1, 5).unwrap().add_days(monday * 7);
                if let Some(e) = early {
                    a.changes.push(Change {
                        dates: DateRange::day(first.add_days(2)),
                        start: None,
                        end: Some(time(start + e.clamp(1, len))),
                        sessions: None,
                        cancelled: false,
                        note: None,
                    });
                }
                prop_assert_eq!(read(&a.to_value()).unwrap(), a.clone(), "round trip");
                let calendar = Calendar::new(vec![DateRange::day(first.add_days(holiday))], vec![]).unwrap();
                let not_before = time(17 * 60 + 30);
                for i in 0..7 {
                    let date = first.add_days(i);
                    let kind = calendar.kind(date);
                    let on = a.on(date, kind);
                    let weekday = u8::try_from(i + 1).unwrap();
                    match &on {
                        OnDay::Service(s) => {
                            prop_assert!(kind.is_school_day(), "no service on a {kind:?}");
                            prop_assert!(days.contains(&weekday));
                            prop_assert!(s.start < s.end);
                            for x in &s.sessions {
                                prop_assert!(s.start <= x.start && x.end <= s.end, "sessions inside");
                            }
                            let meets = s.minutes() >= MIN_MINUTES && s.end >= not_before;
                            prop_assert_eq!(shortfall(&on, not_before).is_none(), meets);
                        }
                        OnDay::None => {
                            prop_assert!(!kind.is_school_day() || !days.contains(&weekday));
                            if kind.is_school_day() {
                                prop_assert_eq!(shortfall(&on, not_before), Some(Shortfall::NoService));
                            }
                        }
                        OnDay::Cancelled(_) => prop_assert!(false, "nothing cancels"),
                    }
                }
            }
        }
    }
}
