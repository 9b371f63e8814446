//! The national homework and sleep rules as data, and a school's local tightening.
//!
//! Sources (see `shared/spec/rules.md`):
//! - 中共中央办公厅 国务院办公厅《关于进一步减轻义务教育阶段学生作业负担和校外培训负担的意见》(2021-07, "双减");
//! - 教育部办公厅《关于加强义务教育学校作业管理的通知》(教基厅函〔2021〕13号): written homework limits;
//! - 教育部办公厅《关于进一步加强中小学生睡眠管理工作的通知》(教基厅函〔2021〕11号): sleep hours and bedtimes.

use std::fmt;
use std::sync::Arc;

use crate::calendar::{Calendar, DayKind};
use crate::time::{Date, TimeOfDay};

/// A school grade, 1–9 (compulsory education) or 10–12 (senior high).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Grade(u8);

impl Grade {
    /// Grade `n`, if 1–12.
    pub fn new(n: u8) -> Option<Self> {
        (1..=12).contains(&n).then_some(Self(n))
    }

    /// The grade number.
    pub fn get(self) -> u8 {
        self.0
    }

    /// The band a survey response may carry instead of the grade (formats.md §4).
    pub fn band(self) -> GradeBand {
        match self.0 {
            1..=2 => GradeBand::G1To2,
            3..=6 => GradeBand::G3To6,
            7..=9 => GradeBand::G7To9,
            _ => GradeBand::G10To12,
        }
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Grade bands of anonymous survey responses: coarse on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GradeBand {
    /// `1-2`
    G1To2,
    /// `3-6`
    G3To6,
    /// `7-9`
    G7To9,
    /// `10-12`
    G10To12,
}

impl GradeBand {
    /// All bands, in order.
    pub const ALL: [Self; 4] = [Self::G1To2, Self::G3To6, Self::G7To9, Self::G10To12];

    /// The wire form: `1-2`, `3-6`, `7-9`, `10-12`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::G1To2 => "1-2",
            Self::G3To6 => "3-6",
            Self::G7To9 => "7-9",
            Self::G10To12 => "10-12",
        }
    }

    /// Reads the wire form.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.as_str() == s)
    }
}

/// School level, which (not the grade number) decides limits and sleep rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// 小学
    Primary,
    /// 初中
    Junior,
    /// 高中
    Senior,
}

/// `6-3` (grades 1–6 primary, 7–9 junior) or `5-4` (1–5 primary, 6–9 junior).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SchoolSystem {
    /// 六三学制, the default.
    #[default]
    SixThree,
    /// 五四学制
    FiveFour,
}

impl SchoolSystem {
    /// Reads `6-3` or `5-4`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "6-3" => Some(Self::SixThree),
            "5-4" => Some(Self::FiveFour),
            _ => None,
        }
    }

    /// The wire form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SixThree => "6-3",
            Self::FiveFour => "5-4",
        }
    }

    /// The level of `grade` under this system.
    pub fn level(self, grade: Grade) -> Level {
        let last_primary = match self {
            Self::SixThree => 6,
            Self::FiveFour => 5,
        };
        match grade.get() {
            g if g <= last_primary => Level::Primary,
            g if g <= 9 => Level::Junior,
            _ => Level::Senior,
        }
    }
}

/// One row of a profile's table: what holds for a school level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LevelRule {
    /// Average written homework per school day; `None`: no national cap.
    written_minutes: Option<u16>,
    /// Sleep at least, in minutes.
    sleep_minutes: u16,
    /// Bedtime generally no later than ("一般不晚于": a warning, never a block).
    latest_bedtime: TimeOfDay,
}

/// A named rule profile: the national table a feed or log refers to by `rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Profile {
    id: &'static str,
    primary: LevelRule,
    junior: LevelRule,
    senior: LevelRule,
    /// The end of the working day an after-school service may not end
    /// before (rules.md "After-school service"), unless the school's
    /// `limits.after_school_end_not_before` says otherwise.
    after_school_end_not_before: TimeOfDay,
}

const fn hm(h: u16, m: u16) -> TimeOfDay {
    TimeOfDay::from_minutes_const(h * 60 + m)
}

/// `cn-national-2021`: the table of rules.md.
///
/// | level | written homework per school day | sleep | bedtime |
/// |---|---|---|---|
/// | primary 1–2 | none at home (书面家庭作业不布置) | 10 h | 21:20 |
/// | primary 3–6 | average ≤ 60 min (教基厅函〔2021〕13号) | 10 h | 21:20 |
/// | junior 7–9 | average ≤ 90 min | 9 h | 22:00 |
/// | senior 10–12 | no national cap | 8 h | 23:00 |
///
/// Sleep and bedtimes: 教基厅函〔2021〕11号.
pub const CN_NATIONAL_2021: Profile = Profile {
    id: "cn-national-2021",
    primary: LevelRule {
        written_minutes: Some(60),
        sleep_minutes: 600,
        latest_bedtime: hm(21, 20),
    },
    junior: LevelRule {
        written_minutes: Some(90),
        sleep_minutes: 540,
        latest_bedtime: hm(22, 0),
    },
    senior: LevelRule {
        written_minutes: None,
        sleep_minutes: 480,
        latest_bedtime: hm(23, 0),
    },
    after_school_end_not_before: hm(17, 30),
};

/// Every profile this build knows.
pub const PROFILES: &[Profile] = &[CN_NATIONAL_2021];

impl Profile {
    /// The profile called `id`.
    pub fn by_id(id: &str) -> Option<Self> {
        PROFILES.iter().copied().find(|p| p.id == id)
    }

    /// Its identifier, as written in feeds and logs.
    pub fn id(&self) -> &'static str {
        self.id
    }

    fn row(&self, level: Level) -> &LevelRule {
        match level {
            Level::Primary => &self.primary,
            Level::Junior => &self.junior,
            Level::Senior => &self.senior,
        }
    }
}

impl Default for Profile {
    fn default() -> Self {
        CN_NATIONAL_2021
    }
}

/// A school's stricter limits (`school.limits`); every field may only tighten
/// the profile. Checked when read: see [`LocalLimits::loosened`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LocalLimits {
    /// `grades_3_6_written_minutes`: the primary level's cap.
    pub primary_written_minutes: Option<u16>,
    /// `grades_7_9_written_minutes`: the junior level's cap.
    pub junior_written_minutes: Option<u16>,
    /// `holiday_written_minutes`: weekends and holidays (no national number).
    pub holiday_written_minutes: Option<u16>,
    /// `bedtime_primary`
    pub bedtime_primary: Option<TimeOfDay>,
    /// `bedtime_junior`
    pub bedtime_junior: Option<TimeOfDay>,
    /// `bedtime_senior`
    pub bedtime_senior: Option<TimeOfDay>,
    /// `after_school_end_not_before`: the local end of the working day
    /// (informative: earlier or later than the profile's, as the bureau's
    /// plan says).
    pub after_school_end_not_before: Option<TimeOfDay>,
}

/// The JSON keys of [`LocalLimits`], for messages.
pub const LOCAL_LIMIT_KEYS: [&str; 7] = [
    "grades_3_6_written_minutes",
    "grades_7_9_written_minutes",
    "holiday_written_minutes",
    "bedtime_primary",
    "bedtime_junior",
    "bedtime_senior",
    "after_school_end_not_before",
];

/// Bedtimes compared as evening times: 00:30 is later than 23:00.
fn evening_order(t: TimeOfDay) -> u16 {
    let m = t.minutes_after_midnight();
    if m < 12 * 60 { m + 24 * 60 } else { m }
}

impl LocalLimits {
    /// The keys whose value would loosen `profile`, with the profile's value,
    /// so a feed that tries it is rejected with a clear message.
    pub fn loosened(&self, profile: &Profile) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let mut minutes = |key, local: Option<u16>, national: Option<u16>| {
            if let (Some(l), Some(n)) = (local, national)
                && l > n
            {
                out.push((key, format!("{n} minutes")));
            }
        };
        minutes(
            "grades_3_6_written_minutes",
            self.primary_written_minutes,
            profile.primary.written_minutes,
        );
        minutes(
            "grades_7_9_written_minutes",
            self.junior_written_minutes,
            profile.junior.written_minutes,
        );
        for (key, local, rule) in [
            ("bedtime_primary", self.bedtime_primary, &profile.primary),
            ("bedtime_junior", self.bedtime_junior, &profile.junior),
            ("bedtime_senior", self.bedtime_senior, &profile.senior),
        ] {
            if let Some(l) = local
                && evening_order(l) > evening_order(rule.latest_bedtime)
            {
                out.push((key, rule.latest_bedtime.to_string()));
            }
        }
        out
    }
}

/// The rules that apply to one class or child: a profile, the school system,
/// the school's tightening and its calendar. Answers every "what is the
/// limit" question. (The calendar is shared, so cloning stays cheap.)
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rules {
    profile: Profile,
    system: SchoolSystem,
    local: LocalLimits,
    calendar: Arc<Calendar>,
}

/// How written homework is limited on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WrittenLimit {
    /// Grades 1–2: no written homework may be set to do at home.
    NoneAllowed,
    /// At most this many minutes on average.
    Minutes(u16),
    /// No number applies (senior high; weekends without a school number).
    NoCap,
}

impl WrittenLimit {
    /// The limit in minutes as the CLI's JSON writes it: `0`, `n` or `null`.
    pub fn minutes(self) -> Option<u16> {
        match self {
            Self::NoneAllowed => Some(0),
            Self::Minutes(m) => Some(m),
            Self::NoCap => None,
        }
    }

    /// Minutes above the limit, 0 when within it.
    pub fn excess(self, actual: u32) -> u32 {
        self.minutes()
            .map_or(0, |m| actual.saturating_sub(u32::from(m)))
    }
}

impl Rules {
    /// Rules from their parts; `local` must already have been checked with [`LocalLimits::loosened`].
    pub fn new(profile: Profile, system: SchoolSystem, local: LocalLimits) -> Self {
        Self {
            profile,
            system,
            local,
            calendar: Arc::default(),
        }
    }

    /// The same rules under the school's `calendar`.
    #[must_use]
    pub fn with_calendar(mut self, calendar: Calendar) -> Self {
        self.calendar = Arc::new(calendar);
        self
    }

    /// The school's calendar (Monday–Friday when it gave none).
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// What `date` is by the school's calendar.
    pub fn day_kind(&self, date: Date) -> DayKind {
        self.calendar.kind(date)
    }

    /// Whether the school-day limits apply on `date`.
    pub fn is_school_day(&self, date: Date) -> bool {
        self.calendar.is_school_day(date)
    }

    /// The time a school day's after-school service may not end before:
    /// the school's own, else the profile's.
    pub fn after_school_end_not_before(&self) -> TimeOfDay {
        self.local
            .after_school_end_not_before
            .unwrap_or(self.profile.after_school_end_not_before)
    }

    /// The profile.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// The school system.
    pub fn system(&self) -> SchoolSystem {
        self.system
    }

    /// The school's tightening.
    pub fn local(&self) -> &LocalLimits {
        &self.local
    }

    /// The level of `grade`.
    pub fn level(&self, grade: Grade) -> Level {
        self.system.level(grade)
    }

    /// The written-homework limit for `grade` on `date`. Grades 1–2 get none
    /// every day; days that are not school days by the calendar (weekends,
    /// holidays, vacations) take the school's holiday number or, without
    /// one, no number (the national text sets none); make-up days are school
    /// days.
    pub fn written_limit(&self, grade: Grade, date: Date) -> WrittenLimit {
        if grade.get() <= 2 {
            return WrittenLimit::NoneAllowed;
        }
        if !self.is_school_day(date) {
            return self
                .local
                .holiday_written_minutes
                .map_or(WrittenLimit::NoCap, WrittenLimit::Minutes);
        }
        self.school_day_limit(grade)
    }

    /// The limit on a school day, which the weekly average is judged against.
    pub fn school_day_limit(&self, grade: Grade) -> WrittenLimit {
        if grade.get() <= 2 {
            return WrittenLimit::NoneAllowed;
        }
        let level = self.level(grade);
        let local = match level {
            Level::Primary => self.local.primary_written_minutes,
            Level::Junior => self.local.junior_written_minutes,
            Level::Senior => None,
        };
        let national = self.profile.row(level).written_minutes;
        match (local, national) {
            (Some(l), Some(n)) => WrittenLimit::Minutes(l.min(n)),
            (Some(m), None) | (None, Some(m)) => WrittenLimit::Minutes(m),
            (None, None) => WrittenLimit::NoCap,
        }
    }

    /// Minimum sleep in minutes.
    pub fn sleep_minutes(&self, grade: Grade) -> u16 {
        self.profile.row(self.level(grade)).sleep_minutes
    }

    /// The latest bedtime (the school's earlier one if it set one).
    pub fn latest_bedtime(&self, grade: Grade) -> TimeOfDay {
        let level = self.level(grade);
        let local = match level {
            Level::Primary => self.local.bedtime_primary,
            Level::Junior => self.local.bedtime_junior,
            Level::Senior => self.local.bedtime_senior,
        };
        let national = self.profile.row(level).latest_bedtime;
        local.map_or(national, |l| {
            if evening_order(l) < evening_order(national) {
                l
            } else {
                national
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(n: u8) -> Grade {
        Grade::new(n).unwrap()
    }
    const MONDAY: &str = "2026-11-16";
    const SATURDAY: &str = "2026-11-21";

    fn check(rules: &Rules, grade: u8, day: &str, written: Option<u16>, sleep: u16, bedtime: &str) {
        let date = Date::parse(day).unwrap();
        assert_eq!(
            rules.written_limit(g(grade), date).minutes(),
            written,
            "written, grade {grade}, {day}"
        );
        assert_eq!(rules.sleep_minutes(g(grade)), sleep, "sleep, grade {grade}");
        assert_eq!(
            rules.latest_bedtime(g(grade)).to_string(),
            bedtime,
            "bedtime, grade {grade}"
        );
    }

    #[test]
    fn national_table_six_three() {
        let r = Rules::default();
        check(&r, 1, MONDAY, Some(0), 600, "21:20");
        check(&r, 2, MONDAY, Some(0), 600, "21:20");
        check(&r, 3, MONDAY, Some(60), 600, "21:20");
        check(&r, 6, MONDAY, Some(60), 600, "21:20");
        check(&r, 7, MONDAY, Some(90), 540, "22:00");
        check(&r, 9, MONDAY, Some(90), 540, "22:00");
        check(&r, 10, MONDAY, None, 480, "23:00");
        check(&r, 12, MONDAY, None, 480, "23:00");
    }

    #[test]
    fn five_four_makes_grade_six_junior() {
        let r = Rules::new(
            CN_NATIONAL_2021,
            SchoolSystem::FiveFour,
            LocalLimits::default(),
        );
        check(&r, 5, MONDAY, Some(60), 600, "21:20");
        check(&r, 6, MONDAY, Some(90), 540, "22:00");
    }

    #[test]
    fn weekends_follow_the_school_holiday_number_or_none() {
        check(&Rules::default(), 4, SATURDAY, None, 600, "21:20");
        check(&Rules::default(), 1, SATURDAY, Some(0), 600, "21:20");
        let local = LocalLimits {
            holiday_written_minutes: Some(30),
            primary_written_minutes: Some(45),
            bedtime_primary: Some(TimeOfDay::parse("21:00").unwrap()),
            ..LocalLimits::default()
        };
        let r = Rules::new(CN_NATIONAL_2021, SchoolSystem::SixThree, local);
        check(&r, 4, SATURDAY, Some(30), 600, "21:00");
        check(&r, 4, MONDAY, Some(45), 600, "21:00");
        check(&r, 8, MONDAY, Some(90), 540, "22:00");
    }

    #[test]
    fn loosening_is_detected() {
        let local = LocalLimits {
            primary_written_minutes: Some(61),
            junior_written_minutes: Some(90),
            bedtime_senior: Some(TimeOfDay::parse("00:30").unwrap()),
            bedtime_junior: Some(TimeOfDay::parse("21:59").unwrap()),
            ..LocalLimits::default()
        };
        let keys: Vec<_> = local
            .loosened(&CN_NATIONAL_2021)
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(keys, ["grades_3_6_written_minutes", "bedtime_senior"]);
    }

    #[test]
    fn bands() {
        assert_eq!(g(2).band().as_str(), "1-2");
        assert_eq!(g(6).band(), GradeBand::G3To6);
        assert_eq!(g(9).band(), GradeBand::G7To9);
        assert_eq!(GradeBand::parse("10-12"), Some(GradeBand::G10To12));
        assert_eq!(Grade::new(0), None);
        assert_eq!(Grade::new(13), None);
    }
}
