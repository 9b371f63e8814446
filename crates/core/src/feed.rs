//! The homework feed `jianfu.feed/1` (作业公示): a school's published homework
//! for one class, and its evaluation against the written-homework limits.

use std::collections::HashMap;

use serde_json::Value;

use crate::after_school::{AfterSchool, OnDay, Shortfall};
use crate::calendar::{Calendar, DayKind};
use crate::envelope::PublicKey;
use crate::json::{self, Ctx, Nested, Obj, Problems, With};
use crate::rules::{Grade, LocalLimits, Profile, Rules, SchoolSystem, WrittenLimit};
use crate::text::Text;
use crate::time::{Date, Instant, TimeZone};
use crate::url::WebUrl;

/// The format tag this module reads.
pub const FORMAT: &str = "jianfu.feed/1";

/// Estimated or logged minutes of one piece of homework, 0–600.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Minutes(u16);

impl Minutes {
    /// The largest value any format accepts: ten hours.
    pub const MAX: u16 = 600;

    /// `n` minutes, if 0–600.
    pub fn new(n: u16) -> Option<Self> {
        (n <= Self::MAX).then_some(Self(n))
    }

    /// The number of minutes.
    pub fn get(self) -> u16 {
        self.0
    }

    pub(crate) fn reader() -> impl json::Reader<Self> {
        With {
            expected: "a whole number of minutes 0–600",
            f: |v: &Value| {
                v.as_u64()
                    .and_then(|n| u16::try_from(n).ok())
                    .and_then(Self::new)
            },
        }
    }
}

/// What kind of homework an item is; only `written` counts against the limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Kind {
    /// 书面作业 (what a new item in the studio starts as: the kind the limits are about)
    #[default]
    Written,
    /// 阅读
    Reading,
    /// 口头
    Oral,
    /// 体育
    Physical,
    /// 艺术
    Art,
    /// 劳动
    Labor,
    /// 科学探究/实践
    Inquiry,
    /// 其他
    Other,
}

impl Kind {
    /// All kinds, in the order formats.md lists them.
    pub const ALL: [Self; 8] = [
        Self::Written,
        Self::Reading,
        Self::Oral,
        Self::Physical,
        Self::Art,
        Self::Labor,
        Self::Inquiry,
        Self::Other,
    ];

    /// The wire form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Written => "written",
            Self::Reading => "reading",
            Self::Oral => "oral",
            Self::Physical => "physical",
            Self::Art => "art",
            Self::Labor => "labor",
            Self::Inquiry => "inquiry",
            Self::Other => "other",
        }
    }

    /// Reads the wire form.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub(crate) fn reader() -> impl json::Reader<Self> {
        With {
            expected: "one of written, reading, oral, physical, art, labor, inquiry, other",
            f: |v: &Value| v.as_str().and_then(Self::parse),
        }
    }
}

/// `core` (everyone; counts against the limit) or `optional` (分层/弹性作业; shown, never counted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Tier {
    /// Everyone does it.
    #[default]
    Core,
    /// Chosen by the child.
    Optional,
}

impl Tier {
    /// Reads the wire form.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "core" => Some(Self::Core),
            "optional" => Some(Self::Optional),
            _ => None,
        }
    }

    pub(crate) fn reader() -> impl json::Reader<Self> {
        With {
            expected: "\"core\" or \"optional\"",
            f: |v: &Value| v.as_str().and_then(Self::parse),
        }
    }

    /// The wire form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Core => "core",
            Self::Optional => "optional",
        }
    }
}

/// A subject: one of the short codes of formats.md, or any other string shown as is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Subject {
    /// A code from [`Subject::CODES`].
    Known(&'static str),
    /// Anything else, shown as written.
    Other(String),
}

impl Subject {
    /// The subject codes every Jianfu reader knows how to name.
    pub const CODES: [&'static str; 16] = [
        "chinese",
        "math",
        "english",
        "science",
        "morality",
        "pe",
        "music",
        "art",
        "labor",
        "it",
        "history",
        "geography",
        "physics",
        "chemistry",
        "biology",
        "other",
    ];

    /// A subject from its wire form.
    pub fn parse(s: &str) -> Self {
        Self::CODES
            .iter()
            .find(|c| **c == s)
            .map_or_else(|| Self::Other(s.to_owned()), |c| Self::Known(c))
    }

    /// The wire form.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Known(c) => c,
            Self::Other(s) => s,
        }
    }
}

/// One piece of published homework.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Unique within the feed; logs refer to it.
    pub id: String,
    /// The subject.
    pub subject: Subject,
    /// What to do.
    pub title: Text,
    /// More detail, if the school gave it.
    pub details: Option<Text>,
    /// What kind of work.
    pub kind: Kind,
    /// The teacher's estimate.
    pub estimated_minutes: Minutes,
    /// Core or optional.
    pub tier: Tier,
    /// When it is due, if stated.
    pub due: Option<Date>,
    /// Where it is meant to be done: at home, or at school during the
    /// after-school service's homework help.
    pub at: At,
}

/// Where homework is done (formats.md §1–2 `at`). School minutes still
/// count toward the day's written total: the limit is on the child's load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum At {
    /// At home (the default).
    #[default]
    Home,
    /// At school, in the after-school service.
    School,
}

impl At {
    /// The wire name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Home => "home",
            Self::School => "school",
        }
    }

    /// Reads `"home"` or `"school"`.
    pub(crate) fn reader() -> impl json::Reader<Self> {
        With {
            expected: "\"home\" or \"school\"",
            f: |v: &Value| match v.as_str()? {
                "home" => Some(Self::Home),
                "school" => Some(Self::School),
                _ => None,
            },
        }
    }
}

impl Item {
    /// Whether it counts against the written-homework limit.
    pub fn counts_against_limit(&self) -> bool {
        self.kind == Kind::Written && self.tier == Tier::Core
    }
}

/// The homework published for one date.
#[derive(Debug, Clone, PartialEq)]
pub struct Day {
    /// The school-local date.
    pub date: Date,
    /// The items, in the order published.
    pub items: Vec<Item>,
}

impl Day {
    /// Estimated minutes of core written items meant to be done at school
    /// (counted in [`Day::written_core_minutes`] too).
    pub fn written_core_minutes_at_school(&self) -> u32 {
        self.items
            .iter()
            .filter(|i| i.counts_against_limit() && i.at == At::School)
            .map(|i| u32::from(i.estimated_minutes.get()))
            .sum()
    }

    /// Estimated minutes of core written items: what the limit is about.
    pub fn written_core_minutes(&self) -> u32 {
        self.items
            .iter()
            .filter(|i| i.counts_against_limit())
            .map(|i| u32::from(i.estimated_minutes.get()))
            .sum()
    }
}

/// The school that publishes the feed.
#[derive(Debug, Clone, PartialEq)]
pub struct School {
    /// Stable identifier, copied into reports.
    pub id: String,
    /// Its name.
    pub name: Text,
    /// Its calendar's zone.
    pub timezone: TimeZone,
    /// The rules it works under.
    pub rules: Rules,
    /// Its after-school service, if the feed publishes one.
    pub after_school: Option<AfterSchool>,
}

/// The class the feed is for.
#[derive(Debug, Clone, PartialEq)]
pub struct Class {
    /// Stable identifier, copied into reports.
    pub id: String,
    /// Its name.
    pub name: Text,
    /// Its grade.
    pub grade: Grade,
}

/// Where parents' submissions go, as the school wrote it. Only
/// `survey_url` is followed (for surveys without a collector bureau);
/// `bureau` picks among the bureaus the app's directory lists for the
/// school; `report_key`, `report_url` and `report_page` are informative
/// only (formats.md §6): a school must never choose who reads reports
/// about it, so they are compared with the directory and never used.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Submit {
    /// The bureau that receives tip-off reports about this school.
    pub bureau: Option<String>,
    /// Where survey responses are sent (HTTP POST).
    pub survey_url: Option<WebUrl>,
    /// Informative only: where the school says reports go.
    pub report_url: Option<WebUrl>,
    /// Informative only: the key the school says reports are sealed to.
    pub report_key: Option<PublicKey>,
    /// Informative only: the page the school says reports are written on.
    pub report_page: Option<WebUrl>,
}

/// A school day and its after-school service.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceDay {
    /// The date.
    pub date: Date,
    /// A school day or a make-up school day.
    pub kind: DayKind,
    /// The service.
    pub on: OnDay,
    /// Why it falls short of 5+2, if it does.
    pub shortfall: Option<Shortfall>,
}

/// A warning about the after-school service on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceWarning {
    /// The school day.
    pub date: Date,
    /// Which rule.
    pub rule: ServiceRule,
    /// The warning in words.
    pub message: String,
}

/// The after-school rules a warning is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceRule {
    /// No service, under 120 minutes, or ending before the local time.
    FivePlusTwo,
    /// A primary class's service without homework help.
    NoHomeworkHelp,
}

impl ServiceRule {
    /// The wire name, for `check-feed --json`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::FivePlusTwo => "after_school_5_2",
            Self::NoHomeworkHelp => "after_school_no_homework_help",
        }
    }
}

/// A validated `jianfu.feed/1`.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    /// The school.
    pub school: School,
    /// The class.
    pub class: Class,
    /// When the school published this version.
    pub published_at: Instant,
    /// Homework by date, in date order.
    pub days: Vec<Day>,
    /// Submission endpoints, if any.
    pub submit: Option<Submit>,
    /// URLs of survey definitions.
    pub surveys: Vec<WebUrl>,
}

/// A rule a feed breaks (interfaces.md, `check-feed --json` `violations`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The date.
    pub date: Date,
    /// Which rule.
    pub rule: FeedRule,
    /// The limit in minutes (0 for grades 1–2).
    pub limit: u16,
    /// The core written minutes published.
    pub actual: u32,
    /// The ids of the items that count.
    pub items: Vec<String>,
}

/// The rules a published feed can break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedRule {
    /// More core written minutes than the limit on one date.
    WrittenMinutesOverLimit,
    /// Any written item for grades 1–2.
    WrittenHomeworkGrades12,
}

impl FeedRule {
    /// The wire name used by `check-feed --json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::WrittenMinutesOverLimit => "written_minutes_over_limit",
            Self::WrittenHomeworkGrades12 => "written_homework_grades_1_2",
        }
    }

    /// What the rule says, for people, in Chinese or (`lang` starting with
    /// `en`) English. Here, not in each front-end, so the studio, the CLI
    /// and every later page word a violation the same way.
    pub fn rule_text(self, lang: &str) -> &'static str {
        let en = lang.starts_with("en");
        match (self, en) {
            (Self::WrittenHomeworkGrades12, false) => {
                "一、二年级不布置家庭书面作业，可在校内适当安排巩固练习。"
            }
            (Self::WrittenHomeworkGrades12, true) => {
                "Grades 1–2: no written homework to do at home; consolidation practice may be arranged in school."
            }
            (Self::WrittenMinutesOverLimit, false) => "书面作业不超过每天的时长上限。",
            (Self::WrittenMinutesOverLimit, true) => {
                "Written homework stays within the daily time limit."
            }
        }
    }
}

impl Violation {
    /// The violation in one sentence without its date (the caller shows
    /// the date its own way), in Chinese or (`lang` starting with `en`)
    /// English: the one wording `check-feed` and the studio share.
    pub fn describe(&self, lang: &str) -> String {
        let en = lang.starts_with("en");
        match (self.rule, en) {
            (FeedRule::WrittenMinutesOverLimit, false) => format!(
                "书面作业 {} 分钟，超过上限 {} 分钟",
                self.actual, self.limit
            ),
            (FeedRule::WrittenMinutesOverLimit, true) => format!(
                "{} min of written homework, over the {}-minute limit",
                self.actual, self.limit
            ),
            (FeedRule::WrittenHomeworkGrades12, false) => format!(
                "布置了 {} 分钟书面作业。{}",
                self.actual,
                self.rule.rule_text(lang)
            ),
            (FeedRule::WrittenHomeworkGrades12, true) => format!(
                "{} min of written homework. {}",
                self.actual,
                self.rule.rule_text(lang)
            ),
        }
    }
}

impl Feed {
    /// Parses and validates a feed, reporting every problem with its path.
    pub fn parse(text: &str) -> Result<Self, Problems> {
        let value = json::parse_value(text)?;
        Self::from_value(&value)
    }

    /// Validates an already parsed JSON value.
    pub fn from_value(value: &Value) -> Result<Self, Problems> {
        json::document(value, FORMAT, read_feed)
    }

    /// The published day for `date`, if any.
    pub fn day(&self, date: Date) -> Option<&Day> {
        self.days
            .binary_search_by_key(&date, |d| d.date)
            .ok()
            .map(|i| &self.days[i])
    }

    /// The first and last date the feed publishes homework for.
    pub fn date_range(&self) -> Option<(Date, Date)> {
        Some((self.days.first()?.date, self.days.last()?.date))
    }

    /// The after-school service on `date`: [`OnDay::None`] when the feed
    /// publishes none.
    pub fn after_school_on(&self, date: Date) -> OnDay {
        self.school.after_school.as_ref().map_or(OnDay::None, |a| {
            a.on(date, self.school.rules.day_kind(date))
        })
    }

    /// The school days from `from` to `to` (by the calendar), each with its
    /// service and whether it falls short of 5+2 (rules.md "After-school
    /// service"). Empty when the feed publishes no service: that is
    /// counted apart (`after_school_published`), not as 5 shortfalls.
    pub fn after_school_days(&self, from: Date, to: Date) -> Vec<ServiceDay> {
        if self.school.after_school.is_none() {
            return Vec::new();
        }
        let not_before = self.school.rules.after_school_end_not_before();
        let mut out = Vec::new();
        let mut date = from;
        while date <= to {
            let kind = self.school.rules.day_kind(date);
            if kind.is_school_day() {
                let on = self.after_school_on(date);
                let shortfall = crate::after_school::shortfall(&on, not_before);
                out.push(ServiceDay {
                    date,
                    kind,
                    on,
                    shortfall,
                });
            }
            date = date.add_days(1);
        }
        out
    }

    /// What the after-school service of the feed's dates falls short of
    /// (rules.md): each school day short of 5+2, and for a primary class
    /// each service day without a `homework_help` session. Warnings, not
    /// violations: the feed is valid and the homework rules are met.
    pub fn service_warnings(&self, lang: crate::Lang) -> Vec<ServiceWarning> {
        let Some((from, to)) = self.date_range() else {
            return Vec::new();
        };
        let not_before = self.school.rules.after_school_end_not_before();
        let primary = self.school.rules.level(self.class.grade) == crate::rules::Level::Primary;
        let mut out = Vec::new();
        for day in self.after_school_days(from, to) {
            if let Some(short) = day.shortfall {
                out.push(ServiceWarning {
                    date: day.date,
                    rule: ServiceRule::FivePlusTwo,
                    message: lang.f(
                        format!(
                            "{}：未达到“5+2”课后服务要求（{}）",
                            day.date,
                            short.describe(not_before, lang)
                        ),
                        format!(
                            "{}: short of the 5+2 after-school service ({})",
                            day.date,
                            short.describe(not_before, lang)
                        ),
                    ),
                });
            } else if let OnDay::Service(s) = &day.on
                && primary
                && !s.has_homework_help()
            {
                out.push(ServiceWarning {
                    date: day.date,
                    rule: ServiceRule::NoHomeworkHelp,
                    message: lang.f(
                        format!("{}：课后服务没有作业辅导时段，小学生难以在校完成书面作业", day.date),
                        format!("{}: the service has no homework-help session, where primary pupils finish written homework at school", day.date),
                    ),
                });
            }
        }
        out
    }

    /// The limit for this class on `date`.
    pub fn written_limit(&self, date: Date) -> WrittenLimit {
        self.school.rules.written_limit(self.class.grade, date)
    }

    /// What is valid but probably not meant: a holiday cap above the
    /// class's school-day limit (formats.md keeps `holiday_written_minutes`
    /// optional and unnumbered nationally, but a holiday allowing more
    /// written homework than a school day contradicts 双减).
    pub fn warnings(&self) -> Vec<crate::json::Problem> {
        let mut out = Vec::new();
        let rules = &self.school.rules;
        if let (Some(holiday), WrittenLimit::Minutes(school_day)) = (
            rules.local().holiday_written_minutes,
            rules.school_day_limit(self.class.grade),
        ) && holiday > school_day
        {
            out.push(crate::json::Problem {
                path: "school.limits.holiday_written_minutes".into(),
                message: format!(
                    "{holiday} minutes on holidays is more than the {school_day}-minute school-day limit of grade {}",
                    self.class.grade
                ),
            });
        }
        out
    }

    /// Every date on which the published core written homework breaks a rule.
    /// Optional items are never counted; for grades 1–2 any written item
    /// (core or optional) is a violation, since none may be taken home.
    pub fn violations(&self) -> Vec<Violation> {
        let mut out = Vec::new();
        for day in &self.days {
            match self.written_limit(day.date) {
                WrittenLimit::NoneAllowed => {
                    let written: Vec<&Item> = day
                        .items
                        .iter()
                        .filter(|i| i.kind == crate::feed::Kind::Written)
                        .collect();
                    if !written.is_empty() {
                        out.push(Violation {
                            date: day.date,
                            rule: FeedRule::WrittenHomeworkGrades12,
                            limit: 0,
                            actual: written
                                .iter()
                                .map(|i| u32::from(i.estimated_minutes.get()))
                                .sum(),
                            items: written.iter().map(|i| i.id.clone()).collect(),
                        });
                    }
                }
                WrittenLimit::Minutes(limit) => {
                    let actual = day.written_core_minutes();
                    if actual > u32::from(limit) {
                        out.push(Violation {
                            date: day.date,
                            rule: FeedRule::WrittenMinutesOverLimit,
                            limit,
                            actual,
                            items: day
                                .items
                                .iter()
                                .filter(|i| i.counts_against_limit())
                                .map(|i| i.id.clone())
                                .collect(),
                        });
                    }
                }
                WrittenLimit::NoCap => {}
            }
        }
        out
    }
}

fn read_feed(ctx: &mut Ctx, value: &Value) -> Option<Feed> {
    let root = Obj::of(ctx, "", value)?;
    let school = root.req(
        ctx,
        "school",
        Nested {
            expected: "the school object",
            f: read_school,
        },
    );
    let class = root.req(
        ctx,
        "class",
        Nested {
            expected: "the class object",
            f: read_class,
        },
    );
    let published_at = root.req(ctx, "published_at", json::instant());
    let days = root.req(
        ctx,
        "days",
        Nested {
            expected: "a list of days",
            f: read_days,
        },
    );
    let submit = root.opt(
        ctx,
        "submit",
        Nested {
            expected: "the submit object",
            f: read_submit,
        },
    );
    let surveys = root.opt(
        ctx,
        "surveys",
        Nested {
            expected: "a list of survey URLs",
            f: |ctx: &mut Ctx, path: &str, v: &Value| {
                json::list(ctx, path, v, |ctx, p, v| {
                    json::Reader::read(&WebUrl::reader(), ctx, p, v)
                })
            },
        },
    );
    if let Some(days) = &days {
        check_unique_items(ctx, days);
    }
    Some(Feed {
        school: school?,
        class: class?,
        published_at: published_at?,
        days: days?,
        submit: submit.ok()?,
        surveys: surveys.ok()?.unwrap_or_default(),
    })
}

fn read_school(ctx: &mut Ctx, path: &str, value: &Value) -> Option<School> {
    let o = Obj::of(ctx, path, value)?;
    let id = o.req(ctx, "id", json::string());
    let name = o.req(
        ctx,
        "name",
        Nested {
            expected: Text::EXPECTED,
            f: Text::read,
        },
    );
    let timezone = o.opt(
        ctx,
        "timezone",
        Nested {
            expected: "a time zone name",
            f: |ctx: &mut Ctx, p: &str, v: &Value| {
                let tz = v.as_str().and_then(TimeZone::by_name);
                if tz.is_none() {
                    let known: Vec<_> = TimeZone::known_names().collect();
                    ctx.report(
                        p,
                        format!(
                            "expected one of {}, found {}",
                            known.join(", "),
                            json::describe(v)
                        ),
                    );
                }
                tz
            },
        },
    );
    let rules = read_rules(ctx, &o);
    let after_school = o.opt(
        ctx,
        "after_school",
        Nested {
            expected: "the after-school service object",
            f: AfterSchool::read,
        },
    );
    Some(School {
        id: id?,
        name: name?,
        timezone: timezone.ok()?.unwrap_or_default(),
        rules: rules?,
        after_school: after_school.ok()?,
    })
}

/// Reads `rules`, `system`, `limits` and `calendar` of a feed's school or a
/// log's child (same meaning in both), rejecting limits that loosen the
/// profile and calendars that contradict themselves.
pub(crate) fn read_rules(ctx: &mut Ctx, o: &Obj<'_>) -> Option<Rules> {
    let profile = o.opt(
        ctx,
        "rules",
        Nested {
            expected: "a rule profile id",
            f: |ctx: &mut Ctx, p: &str, v: &Value| {
                let profile = v.as_str().and_then(Profile::by_id);
                if profile.is_none() {
                    let known: Vec<_> = crate::rules::PROFILES.iter().map(Profile::id).collect();
                    ctx.report(
                        p,
                        format!(
                            "unknown rule profile {}; known: {}",
                            json::describe(v),
                            known.join(", ")
                        ),
                    );
                }
                profile
            },
        },
    );
    let system = o.opt(
        ctx,
        "system",
        With {
            expected: "\"6-3\" or \"5-4\"",
            f: |v: &Value| v.as_str().and_then(SchoolSystem::parse),
        },
    );
    let limits = o.opt(
        ctx,
        "limits",
        Nested {
            expected: "an object of limits",
            f: read_limits,
        },
    );
    let profile = profile.ok()?.unwrap_or_default();
    let limits = limits.ok()?.unwrap_or_default();
    let mut ok = true;
    for (key, national) in limits.loosened(&profile) {
        ok = false;
        ctx.report(
            &json::join(&o.path_of("limits"), key),
            format!(
                "may only make the limit stricter than {} ({national})",
                profile.id()
            ),
        );
    }
    let calendar = o.opt(
        ctx,
        "calendar",
        Nested {
            expected: "the calendar object",
            f: Calendar::read,
        },
    );
    let system = system.ok()?.unwrap_or_default();
    let calendar = calendar.ok()?.unwrap_or_default();
    ok.then(|| Rules::new(profile, system, limits).with_calendar(calendar))
}

fn read_limits(ctx: &mut Ctx, path: &str, value: &Value) -> Option<LocalLimits> {
    let o = Obj::of(ctx, path, value)?;
    let minutes = |ctx: &mut Ctx, key: &str| {
        o.opt(
            ctx,
            key,
            With {
                expected: "a whole number of minutes 0–600",
                f: |v: &Value| {
                    v.as_u64()
                        .and_then(|n| u16::try_from(n).ok())
                        .filter(|n| *n <= Minutes::MAX)
                },
            },
        )
    };
    let primary = minutes(ctx, "grades_3_6_written_minutes");
    let junior = minutes(ctx, "grades_7_9_written_minutes");
    let holiday = minutes(ctx, "holiday_written_minutes");
    let bp = o.opt(ctx, "bedtime_primary", json::time_of_day());
    let bj = o.opt(ctx, "bedtime_junior", json::time_of_day());
    let bs = o.opt(ctx, "bedtime_senior", json::time_of_day());
    let after_school = o.opt(ctx, "after_school_end_not_before", json::time_of_day());
    Some(LocalLimits {
        primary_written_minutes: primary.ok()?,
        junior_written_minutes: junior.ok()?,
        holiday_written_minutes: holiday.ok()?,
        bedtime_primary: bp.ok()?,
        bedtime_junior: bj.ok()?,
        bedtime_senior: bs.ok()?,
        after_school_end_not_before: after_school.ok()?,
    })
}

pub(crate) fn grade_reader() -> impl json::Reader<Grade> {
    With {
        expected: "a grade 1–12",
        f: |v: &Value| {
            v.as_u64()
                .and_then(|n| u8::try_from(n).ok())
                .and_then(Grade::new)
        },
    }
}

fn read_class(ctx: &mut Ctx, path: &str, value: &Value) -> Option<Class> {
    let o = Obj::of(ctx, path, value)?;
    let id = o.req(ctx, "id", json::string());
    let name = o.req(
        ctx,
        "name",
        Nested {
            expected: Text::EXPECTED,
            f: Text::read,
        },
    );
    let grade = o.req(ctx, "grade", grade_reader());
    Some(Class {
        id: id?,
        name: name?,
        grade: grade?,
    })
}

fn read_days(ctx: &mut Ctx, path: &str, value: &Value) -> Option<Vec<Day>> {
    let mut days = json::list(ctx, path, value, read_day)?;
    // Dates must be unique: a second entry for a date would hide the first.
    let mut seen: HashMap<Date, usize> = HashMap::new();
    let mut ok = true;
    for (i, day) in days.iter().enumerate() {
        if let Some(first) = seen.insert(day.date, i) {
            ok = false;
            ctx.report(
                &json::join(&json::index(path, i), "date"),
                format!(
                    "{} appears twice (also at {})",
                    day.date,
                    json::index(path, first)
                ),
            );
        }
    }
    days.sort_by_key(|d| d.date);
    ok.then_some(days)
}

fn read_day(ctx: &mut Ctx, path: &str, value: &Value) -> Option<Day> {
    let o = Obj::of(ctx, path, value)?;
    let date = o.req(ctx, "date", json::date());
    let items = o.req(
        ctx,
        "items",
        Nested {
            expected: "a list of homework items",
            f: |ctx: &mut Ctx, p: &str, v: &Value| json::list(ctx, p, v, read_item),
        },
    );
    Some(Day {
        date: date?,
        items: items?,
    })
}

fn read_item(ctx: &mut Ctx, path: &str, value: &Value) -> Option<Item> {
    let o = Obj::of(ctx, path, value)?;
    let id = o.req(ctx, "id", json::string());
    let subject = o.req(ctx, "subject", json::string());
    let title = o.req(
        ctx,
        "title",
        Nested {
            expected: Text::EXPECTED,
            f: Text::read,
        },
    );
    let details = o.opt(
        ctx,
        "details",
        Nested {
            expected: Text::EXPECTED,
            f: Text::read,
        },
    );
    let kind = o.req(ctx, "kind", Kind::reader());
    let minutes = o.req(ctx, "estimated_minutes", Minutes::reader());
    let tier = o.opt(ctx, "tier", Tier::reader());
    let due = o.opt(ctx, "due", json::date());
    let at = o.opt(ctx, "at", At::reader());
    Some(Item {
        id: id?,
        subject: Subject::parse(&subject?),
        title: title?,
        details: details.ok()?,
        kind: kind?,
        estimated_minutes: minutes?,
        tier: tier.ok()?.unwrap_or_default(),
        due: due.ok()?,
        at: at.ok()?.unwrap_or_default(),
    })
}

fn check_unique_items(ctx: &mut Ctx, days: &[Day]) {
    let mut seen: HashMap<&str, Date> = HashMap::new();
    for day in days {
        for item in &day.items {
            if let Some(first) = seen.insert(&item.id, day.date) {
                ctx.report(
                    "days",
                    format!(
                        "item id \"{}\" is used twice ({first} and {}); ids must be unique",
                        item.id, day.date
                    ),
                );
            }
        }
    }
}

fn read_submit(ctx: &mut Ctx, path: &str, value: &Value) -> Option<Submit> {
    let o = Obj::of(ctx, path, value)?;
    let bureau = o.opt(ctx, "bureau", json::string());
    let survey_url = o.opt(ctx, "survey_url", WebUrl::reader());
    let report_url = o.opt(ctx, "report_url", WebUrl::reader());
    let report_key = o.opt(ctx, "report_key", crate::bureaus::key_reader());
    let report_page = o.opt(ctx, "report_page", WebUrl::reader());
    Some(Submit {
        bureau: bureau.ok()?,
        survey_url: survey_url.ok()?,
        report_url: report_url.ok()?,
        report_key: report_key.ok()?,
        report_page: report_page.ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A small valid feed; tests change one thing in it.
    fn base() -> Value {
        json!({
            "format": "jianfu.feed/1",
            "school": {"id": "s1", "name": {"zh-CN": "实验小学"}, "rules": "cn-national-2021"},
            "class": {"id": "g4c2", "name": "四年级(2)班", "grade": 4},
            "published_at": "2026-11-20T16:30:00+08:00",
            "days": [{"date": "2026-11-16", "items": [
                {"id": "a", "subject": "math", "title": "口算", "kind": "written", "estimated_minutes": 30, "tier": "core"},
                {"id": "b", "subject": "chinese", "title": "抄写", "kind": "written", "estimated_minutes": 30},
                {"id": "c", "subject": "math", "title": "拓展", "kind": "written", "estimated_minutes": 30, "tier": "optional"},
                {"id": "d", "subject": "pe", "title": "跳绳", "kind": "physical", "estimated_minutes": 30}
            ]}],
            "future_field": {"ignored": true}
        })
    }

    fn problems(v: &Value) -> Vec<String> {
        Feed::from_value(v)
            .unwrap_err()
            .into_iter()
            .map(|p| p.to_string())
            .collect()
    }

    #[test]
    fn reads_a_valid_feed_with_defaults() {
        let f = Feed::from_value(&base()).unwrap();
        assert_eq!(f.school.timezone, TimeZone::SHANGHAI);
        assert_eq!(f.class.grade.get(), 4);
        assert_eq!(f.days[0].items[1].tier, Tier::Core);
        assert_eq!(f.days[0].written_core_minutes(), 60);
        assert!(f.submit.is_none());
        assert_eq!(
            f.day(Date::parse("2026-11-16").unwrap())
                .unwrap()
                .items
                .len(),
            4
        );
        assert!(f.day(Date::parse("2026-11-17").unwrap()).is_none());
    }

    #[test]
    fn exactly_at_the_limit_is_fine_one_over_is_a_violation() {
        let f = Feed::from_value(&base()).unwrap();
        assert!(
            f.violations().is_empty(),
            "60 of 60; optional and physical not counted"
        );
        let mut v = base();
        v["days"][0]["items"][0]["estimated_minutes"] = json!(31);
        let f = Feed::from_value(&v).unwrap();
        let viol = f.violations();
        assert_eq!(viol.len(), 1);
        assert_eq!((viol[0].limit, viol[0].actual), (60, 61));
        assert_eq!(viol[0].items, ["a", "b"]);
        assert_eq!(viol[0].rule.as_str(), "written_minutes_over_limit");
    }

    #[test]
    fn grades_one_and_two_may_not_take_written_homework_home() {
        let mut v = base();
        v["class"]["grade"] = json!(2);
        let viol = Feed::from_value(&v).unwrap().violations();
        assert_eq!(viol.len(), 1);
        assert_eq!(viol[0].rule, FeedRule::WrittenHomeworkGrades12);
        assert_eq!(viol[0].items, ["a", "b", "c"]);
    }

    #[test]
    fn every_problem_is_reported_with_its_path() {
        let mut v = base();
        v["days"][0]["items"][0]["estimated_minutes"] = json!("20");
        v["days"][0]["items"][1]
            .as_object_mut()
            .unwrap()
            .remove("estimated_minutes");
        v["days"][0]["items"][2]["kind"] = json!("essay");
        v["days"][0]["date"] = json!("2026-02-30");
        v["class"]["grade"] = json!(13);
        assert_eq!(
            problems(&v),
            [
                "class.grade: expected a grade 1–12, found the number 13",
                "days[0].date: expected a real calendar date as YYYY-MM-DD, found the string \"2026-02-30\"",
                "days[0].items[0].estimated_minutes: expected a whole number of minutes 0–600, found the string \"20\"",
                "days[0].items[1].estimated_minutes: missing; expected a whole number of minutes 0–600",
                "days[0].items[2].kind: expected one of written, reading, oral, physical, art, labor, inquiry, other, found the string \"essay\"",
            ]
        );
    }

    #[test]
    fn looser_local_limits_are_invalid() {
        let mut v = base();
        v["school"]["limits"] =
            json!({"grades_3_6_written_minutes": 70, "bedtime_primary": "21:00"});
        assert_eq!(
            problems(&v),
            [
                "school.limits.grades_3_6_written_minutes: may only make the limit stricter than cn-national-2021 (60 minutes)"
            ]
        );
        v["school"]["limits"] = json!({"grades_3_6_written_minutes": 45});
        let f = Feed::from_value(&v).unwrap();
        assert_eq!(f.violations()[0].limit, 45);
    }

    #[test]
    fn duplicates_unknown_zone_and_bad_key() {
        let mut v = base();
        let day = v["days"][0].clone();
        v["days"].as_array_mut().unwrap().push(day);
        v["school"]["timezone"] = json!("Mars/Olympus");
        v["submit"] = json!({"report_key": "REPLACE_WITH_DEMO_PUBLIC_KEY"});
        let p = problems(&v);
        assert!(
            p[0].starts_with("school.timezone: expected one of Asia/Shanghai"),
            "{p:?}"
        );
        assert!(
            p.iter()
                .any(|m| m == "days[1].date: 2026-11-16 appears twice (also at days[0])"),
            "{p:?}"
        );
        assert!(p.iter().any(|m| m.starts_with("submit.report_key: expected a base64url X25519 public key")), "{p:?}");
    }

    #[test]
    fn an_item_id_used_three_times_is_reported_twice_others_once() {
        let mut v = base();
        let mut second = v["days"][0].clone();
        second["date"] = json!("2026-11-17");
        v["days"].as_array_mut().unwrap().push(second);
        v["days"][0]["items"][2]["id"] = json!("a");
        assert_eq!(
            problems(&v),
            [
                "days: item id \"a\" is used twice (2026-11-16 and 2026-11-16); ids must be unique",
                "days: item id \"a\" is used twice (2026-11-16 and 2026-11-17); ids must be unique",
                "days: item id \"b\" is used twice (2026-11-16 and 2026-11-17); ids must be unique",
                "days: item id \"d\" is used twice (2026-11-16 and 2026-11-17); ids must be unique",
            ]
        );
    }

    #[test]
    fn wrong_format_and_bad_json() {
        let mut v = base();
        v["format"] = json!("jianfu.log/1");
        assert_eq!(
            problems(&v),
            ["format: unknown format \"jianfu.log/1\"; this reader accepts \"jianfu.feed/1\""]
        );
        let e = Feed::parse("{\"format\": ").unwrap_err().to_string();
        assert!(e.starts_with("not valid JSON (line 1, column 11)"), "{e}");
    }
}

/// The school calendar in feeds (formats.md §1 `school.calendar`).
#[cfg(test)]
mod calendar_tests {
    use super::*;
    use serde_json::json;

    fn national_day() -> Feed {
        Feed::parse(include_str!(
            "../../../testdata/feeds/g5c1-national-day-week.json"
        ))
        .unwrap()
    }

    #[test]
    fn a_holiday_gets_the_holiday_cap_and_a_make_up_day_the_school_day_limit() {
        let f = national_day();
        let d = |s| Date::parse(s).unwrap();
        // Wednesday 7 October is in the National Day holiday: the school's
        // 30-minute holiday cap, not the 60-minute school-day limit.
        assert_eq!(f.written_limit(d("2026-10-07")), WrittenLimit::Minutes(30));
        // Saturday 10 October is a make-up school day.
        assert_eq!(f.written_limit(d("2026-10-10")), WrittenLimit::Minutes(60));
        assert_eq!(f.written_limit(d("2026-10-11")), WrittenLimit::Minutes(30));
        assert!(
            f.violations().is_empty(),
            "20 of 30, 30 (+20 optional) of 60, 25 of 60"
        );
        assert!(f.warnings().is_empty());
        // 40 minutes on the holiday breaks its cap.
        let mut v: Value = serde_json::from_str(include_str!(
            "../../../testdata/feeds/g5c1-national-day-week.json"
        ))
        .unwrap();
        v["days"][0]["items"][1]["estimated_minutes"] = json!(40);
        let viol = Feed::from_value(&v).unwrap().violations();
        assert_eq!(viol.len(), 1);
        assert_eq!((viol[0].limit, viol[0].actual), (30, 40));
    }

    #[test]
    fn contradictory_and_overlong_calendars_are_invalid_with_paths() {
        let mut v: Value = serde_json::from_str(include_str!(
            "../../../testdata/feeds/g5c1-national-day-week.json"
        ))
        .unwrap();
        v["school"]["calendar"] = json!({
            "holidays": ["2026-10-01/2026-10-08", "2026-10-20/2026-10-19", "2026-01-01/2027-06-30", 7],
            "school_days": ["2026-10-10", "2026-10-05"]
        });
        let p: Vec<String> = Feed::from_value(&v)
            .unwrap_err()
            .into_iter()
            .map(|p| p.to_string())
            .collect();
        assert!(
            p.iter().any(|m| m.starts_with(
                "school.calendar.holidays[1]: the range ends (2026-10-19) before it starts"
            )),
            "{p:?}"
        );
        assert!(
            p.iter()
                .any(|m| m.starts_with("school.calendar.holidays[2]: the range spans 546 days")),
            "{p:?}"
        );
        assert!(
            p.iter()
                .any(|m| m.starts_with("school.calendar.holidays[3]: expected a date or a range")),
            "{p:?}"
        );
        v["school"]["calendar"]["holidays"] = json!(["2026-10-01/2026-10-08"]);
        let p = Feed::from_value(&v).unwrap_err().to_string();
        assert_eq!(
            p,
            "school.calendar.school_days[1]: 2026-10-05 is both a school day and a holiday (also in school.calendar.holidays[0])"
        );
    }

    #[test]
    fn a_holiday_cap_above_the_school_day_limit_is_a_warning() {
        let mut v: Value = serde_json::from_str(include_str!(
            "../../../testdata/feeds/g5c1-national-day-week.json"
        ))
        .unwrap();
        v["school"]["limits"] =
            json!({"holiday_written_minutes": 90, "grades_3_6_written_minutes": 45});
        let f = Feed::from_value(&v).unwrap();
        let w = f.warnings();
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].path, "school.limits.holiday_written_minutes");
        assert!(
            w[0].message
                .contains("90 minutes on holidays is more than the 45-minute"),
            "{}",
            w[0].message
        );
    }
}

#[cfg(test)]
mod after_school_tests {
    use super::*;
    use crate::after_school::SessionKind;

    fn fixture() -> Feed {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../testdata/feeds/g3c1-after-school.json"
        );
        Feed::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn the_fixture_has_its_service_and_one_shortfall() {
        let feed = fixture();
        let d = |s: &str| Date::parse(s).unwrap();
        let service = feed.school.after_school.as_ref().unwrap();
        assert_eq!(service.weekly[0].sessions[2].kind, SessionKind::Interest);
        assert_eq!(service.weekly[0].sessions[2].options.len(), 3);
        assert_eq!(
            feed.school.rules.after_school_end_not_before(),
            crate::TimeOfDay::parse("17:30").unwrap()
        );
        let days = feed.after_school_days(d("2026-12-21"), d("2026-12-24"));
        assert_eq!(days.len(), 4);
        let short: Vec<Date> = days
            .iter()
            .filter(|x| x.shortfall.is_some())
            .map(|x| x.date)
            .collect();
        assert_eq!(short, [d("2026-12-24")]);
        let warnings = feed.service_warnings(crate::Lang::En);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].rule, ServiceRule::FivePlusTwo);
        assert!(
            warnings[0]
                .message
                .starts_with("2026-12-24: short of the 5+2"),
            "{}",
            warnings[0].message
        );
        // Homework at school: counted in the total, and apart.
        let mon = feed.day(d("2026-12-21")).unwrap();
        assert_eq!(
            (
                mon.written_core_minutes(),
                mon.written_core_minutes_at_school()
            ),
            (40, 20)
        );
        assert_eq!(mon.items[0].at, At::School);
        assert_eq!(mon.items[1].at, At::Home);
        // The holiday of the calendar has no service and is no shortfall.
        assert!(
            feed.after_school_days(d("2027-01-01"), d("2027-01-01"))
                .is_empty()
        );
    }

    #[test]
    fn a_bad_service_is_an_error_at_its_path_and_a_bad_at_too() {
        let mut v: Value = serde_json::from_str(
            &std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../testdata/feeds/g3c1-after-school.json"
            ))
            .unwrap(),
        )
        .unwrap();
        v["school"]["after_school"]["weekly"][0]["sessions"][1]["start"] = "16:00".into();
        v["days"][0]["items"][0]["at"] = "bus".into();
        let problems = Feed::from_value(&v).unwrap_err().to_string();
        assert!(problems.contains("school.after_school.weekly[0].sessions[1]: 16:00–17:10 overlaps school.after_school.weekly[0].sessions[0]"), "{problems}");
        assert!(
            problems.contains("days[0].items[0].at: expected \"home\" or \"school\""),
            "{problems}"
        );
        // Without a service: nothing to warn about, nothing counted.
        let feed = Feed::parse(
            &std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../testdata/feeds/g4c2-within-limits.json"
            ))
            .unwrap(),
        )
        .unwrap();
        assert!(feed.service_warnings(crate::Lang::ZhCn).is_empty());
    }
}
