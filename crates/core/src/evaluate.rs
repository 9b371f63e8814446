//! A parent's log judged against the rules: each day, each night, each ISO week.
//!
//! The homework limits are on the *average* (rules.md): one long evening is a
//! warning (a day `over_by`), the weekly average against the limit is the
//! verdict, and the share of days within the limit is the national indicator.

use std::collections::BTreeMap;

use crate::calendar::DayKind;
use crate::feed::{At, Kind, Tier};
use crate::log::Log;
use crate::rules::WrittenLimit;
use crate::time::{Date, IsoWeek};

/// The national target of the share of days within the limit (rules.md:
/// 46 % before the policy, above 90 % after).
pub const TARGET_PERCENT: u32 = 90;

/// One day of logged homework.
#[derive(Debug, Clone, PartialEq)]
pub struct DayVerdict {
    /// The date.
    pub date: Date,
    /// What the date is by the child's calendar.
    pub kind: DayKind,
    /// Core written minutes logged (manual and timed): what the limit is about.
    pub written_minutes: u32,
    /// Of those, the minutes logged as done at school (after-school
    /// homework help): they count in the total, the limit being on the
    /// child's load.
    pub school_minutes: u32,
    /// Every written entry of the day (core or optional) was done at
    /// school (书包不回家).
    pub finished_at_school: bool,
    /// Optional (选做) written minutes: shown, never counted.
    pub optional_minutes: u32,
    /// Whether any written entry (core or optional) was logged, which is
    /// what makes a school day count in the weekly share.
    pub written_logged: bool,
    /// The limit that day.
    pub limit: WrittenLimit,
    /// Minutes above the limit, 0 when within.
    pub over_by: u32,
    /// Entries of any kind left unfinished.
    pub unfinished: u32,
}

/// One logged night.
#[derive(Debug, Clone, PartialEq)]
pub struct NightVerdict {
    /// The evening it began.
    pub night_of: Date,
    /// Minutes asleep.
    pub sleep_minutes: u32,
    /// Minutes required for the child's level.
    pub required_minutes: u16,
    /// Minutes past the latest bedtime, 0 when on time.
    pub bedtime_late_by: u32,
}

impl DayVerdict {
    /// Whether it is a school day by the calendar.
    pub fn school_day(&self) -> bool {
        self.kind.is_school_day()
    }

    /// Whether it counts in the share of days within the limit: a school
    /// day with written homework logged.
    pub fn counts_in_share(&self) -> bool {
        self.school_day() && self.written_logged
    }

    /// Core written minutes done at home: the total less those at school.
    pub fn home_minutes(&self) -> u32 {
        self.written_minutes.saturating_sub(self.school_minutes)
    }
}

/// Logged school days within the limit out of logged school days: the
/// national indicator, for a week, a month or a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Share {
    /// School days within the limit.
    pub within: u32,
    /// School days with written homework logged.
    pub logged: u32,
}

impl Share {
    /// The share over `days` that fall in `from..=to`.
    pub fn of(days: &[DayVerdict], from: Date, to: Date) -> Self {
        days.iter()
            .filter(|d| (from..=to).contains(&d.date) && d.counts_in_share())
            .fold(Self::default(), |mut s, d| {
                s.logged += 1;
                if d.over_by == 0 {
                    s.within += 1;
                }
                s
            })
    }

    /// `within / logged × 100`, one decimal; `None` when nothing is logged.
    pub fn percent(self) -> Option<f64> {
        (self.logged > 0)
            .then(|| (f64::from(self.within) * 1000.0 / f64::from(self.logged)).round() / 10.0)
    }

    /// Whether the share reaches the national 90 % target.
    pub fn meets_target(self) -> bool {
        self.within * 100 >= TARGET_PERCENT * self.logged
    }
}

/// One ISO week of school days.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekVerdict {
    /// The week.
    pub week: IsoWeek,
    /// Average core written minutes over the school days (by the calendar)
    /// with written homework logged; `None` when there were none.
    pub avg_written_minutes: Option<f64>,
    /// The school-day limit the average is judged against.
    pub limit: WrittenLimit,
    /// Logged school days within the limit.
    pub days_within_limit: u32,
    /// Logged school days.
    pub days_logged: u32,
    /// School days with written entries, all of them done at school.
    pub days_finished_at_school: u32,
}

impl WeekVerdict {
    /// The week's share of days within the limit.
    pub fn share(&self) -> Share {
        Share {
            within: self.days_within_limit,
            logged: self.days_logged,
        }
    }

    /// Whether the weekly average is within the limit: the verdict.
    pub fn average_within_limit(&self) -> bool {
        match (self.avg_written_minutes, self.limit.minutes()) {
            (Some(avg), Some(limit)) => avg <= f64::from(limit),
            _ => true,
        }
    }
}

/// Everything [`evaluate`] found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Evaluation {
    /// Days with homework logged, in date order.
    pub days: Vec<DayVerdict>,
    /// Nights, in date order.
    pub nights: Vec<NightVerdict>,
    /// Weeks with any homework logged, in order.
    pub weeks: Vec<WeekVerdict>,
}

/// Per day: core written, optional written, unfinished, any written entry.
#[derive(Default)]
struct Tally {
    core: u32,
    at_school: u32,
    optional: u32,
    unfinished: u32,
    written: bool,
    written_at_home: bool,
}

/// Judges `log` against its child's rules and calendar. Days that are not
/// school days (weekends, holidays, vacations) are judged against their own
/// limit (the school's holiday number, or none) but do not count in the
/// weekly school-day average, which the national limit is about; make-up
/// days do. Optional (选做) minutes are reported beside, never counted.
pub fn evaluate(log: &Log) -> Evaluation {
    let grade = log.child.grade;
    let rules = &log.child.rules;

    let mut per_day: BTreeMap<Date, Tally> = BTreeMap::new();
    for entry in &log.homework {
        let day = per_day.entry(entry.date).or_default();
        if entry.kind == Kind::Written {
            day.written = true;
            day.written_at_home |= entry.at == At::Home;
            match entry.tier {
                Tier::Core => {
                    day.core += entry.spent.minutes();
                    if entry.at == At::School {
                        day.at_school += entry.spent.minutes();
                    }
                }
                Tier::Optional => day.optional += entry.spent.minutes(),
            }
        }
        if !entry.finished {
            day.unfinished += 1;
        }
    }
    let days: Vec<DayVerdict> = per_day
        .into_iter()
        .map(|(date, t)| {
            let limit = rules.written_limit(grade, date);
            DayVerdict {
                date,
                kind: rules.day_kind(date),
                written_minutes: t.core,
                school_minutes: t.at_school,
                finished_at_school: t.written && !t.written_at_home,
                optional_minutes: t.optional,
                written_logged: t.written,
                limit,
                over_by: limit.excess(t.core),
                unfinished: t.unfinished,
            }
        })
        .collect();

    let mut nights: Vec<NightVerdict> = log
        .sleep
        .iter()
        .map(|n| NightVerdict {
            night_of: n.night_of(),
            sleep_minutes: n.sleep_minutes(),
            required_minutes: rules.sleep_minutes(grade),
            bedtime_late_by: n.late_by(rules.latest_bedtime(grade)),
        })
        .collect();
    nights.sort_by_key(|n| n.night_of);

    let school_limit = rules.school_day_limit(grade);
    let mut weeks: BTreeMap<IsoWeek, (u32, u32, u32, u32)> = BTreeMap::new();
    for day in &days {
        let week = weeks.entry(day.date.iso_week()).or_default();
        if !day.counts_in_share() {
            continue;
        }
        week.0 += day.written_minutes;
        week.1 += 1;
        if school_limit.excess(day.written_minutes) == 0 {
            week.2 += 1;
        }
        if day.finished_at_school {
            week.3 += 1;
        }
    }
    let weeks = weeks
        .into_iter()
        .map(|(week, (total, logged, within, at_school))| WeekVerdict {
            week,
            avg_written_minutes: (logged > 0).then(|| f64::from(total) / f64::from(logged)),
            limit: school_limit,
            days_within_limit: within,
            days_logged: logged,
            days_finished_at_school: at_school,
        })
        .collect();
    Evaluation {
        days,
        nights,
        weeks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The fixture shape of shared/fixtures/logs/g4-three-days.json.
    fn three_days() -> Log {
        Log::from_value(&json!({
            "format": "jianfu.log/1",
            "child": {"nickname": "小明", "grade": 4, "rules": "cn-national-2021"},
            "homework": [
                {"date": "2026-11-16", "subject": "math", "kind": "written", "minutes": 35, "finished": true},
                {"date": "2026-11-16", "subject": "chinese", "kind": "written", "minutes": 30, "finished": true},
                {"date": "2026-11-17", "subject": "math", "kind": "written",
                 "start": "2026-11-17T18:05:00+08:00", "end": "2026-11-17T18:50:00+08:00", "finished": true},
                {"date": "2026-11-18", "subject": "english", "kind": "oral", "minutes": 20, "finished": true},
                {"date": "2026-11-18", "subject": "math", "kind": "written", "minutes": 40, "finished": false}
            ],
            "sleep": [
                {"night_of": "2026-11-16", "bedtime": "21:50", "wake": "06:40"},
                {"night_of": "2026-11-17", "bedtime": "21:10", "wake": "07:15"},
                {"night_of": "2026-11-18", "bedtime": "00:10", "wake": "06:50"}
            ]
        }))
        .unwrap()
    }

    #[test]
    fn the_three_day_log_reads_like_the_spec_example() {
        let e = evaluate(&three_days());
        let days: Vec<_> = e
            .days
            .iter()
            .map(|d| {
                (
                    d.date.to_string(),
                    d.written_minutes,
                    d.limit.minutes(),
                    d.over_by,
                    d.unfinished,
                )
            })
            .collect();
        assert_eq!(
            days,
            [
                ("2026-11-16".into(), 65, Some(60), 5, 0),
                ("2026-11-17".into(), 45, Some(60), 0, 0),
                ("2026-11-18".into(), 40, Some(60), 0, 1),
            ]
        );
        let nights: Vec<_> = e
            .nights
            .iter()
            .map(|n| (n.sleep_minutes, n.required_minutes, n.bedtime_late_by))
            .collect();
        assert_eq!(nights, [(530, 600, 30), (605, 600, 0), (400, 600, 170)]);
        let w = &e.weeks[0];
        assert_eq!(w.week.to_string(), "2026-W47");
        assert_eq!(w.avg_written_minutes, Some(50.0));
        assert_eq!((w.days_within_limit, w.days_logged), (2, 3));
        assert!(w.average_within_limit());
    }

    fn log_of(grade: u8, entries: &[(&str, u16)]) -> Log {
        let homework: Vec<_> = entries
            .iter()
            .map(|(date, m)| json!({"date": date, "subject": "math", "kind": "written", "minutes": m}))
            .collect();
        Log::from_value(
            &json!({"format": "jianfu.log/1", "child": {"grade": grade}, "homework": homework}),
        )
        .unwrap()
    }

    #[test]
    fn exactly_at_the_limit_is_within_one_over_is_not() {
        let e = evaluate(&log_of(8, &[("2026-11-16", 90), ("2026-11-17", 91)]));
        assert_eq!((e.days[0].over_by, e.days[1].over_by), (0, 1));
        assert_eq!(e.weeks[0].days_within_limit, 1);
        assert_eq!(e.weeks[0].avg_written_minutes, Some(90.5));
        assert!(!e.weeks[0].average_within_limit());
    }

    #[test]
    fn weeks_spanning_a_month_and_a_year_end() {
        // Mon 2026-11-30 and Tue 2026-12-01 are one week; 2026-12-31 (Thu) and
        // 2027-01-01 (Fri) are week 53 of 2026.
        let e = evaluate(&log_of(
            5,
            &[
                ("2026-11-30", 30),
                ("2026-12-01", 50),
                ("2026-12-31", 20),
                ("2027-01-01", 40),
            ],
        ));
        let weeks: Vec<_> = e
            .weeks
            .iter()
            .map(|w| (w.week.to_string(), w.avg_written_minutes, w.days_logged))
            .collect();
        assert_eq!(
            weeks,
            [
                ("2026-W49".into(), Some(40.0), 2),
                ("2026-W53".into(), Some(30.0), 2)
            ]
        );
    }

    #[test]
    fn grades_and_weekends() {
        let e = evaluate(&log_of(2, &[("2026-11-16", 10)]));
        assert_eq!(
            (e.days[0].limit.minutes(), e.days[0].over_by),
            (Some(0), 10)
        );
        let e = evaluate(&log_of(11, &[("2026-11-16", 200)]));
        assert_eq!((e.days[0].limit.minutes(), e.days[0].over_by), (None, 0));
        assert_eq!(e.weeks[0].days_within_limit, 1);
        // A Saturday: no national number, so no excess and no weekly average.
        let e = evaluate(&log_of(4, &[("2026-11-21", 120)]));
        assert_eq!(
            (e.days[0].limit, e.days[0].over_by),
            (WrittenLimit::NoCap, 0)
        );
        assert_eq!(
            (e.weeks[0].avg_written_minutes, e.weeks[0].days_logged),
            (None, 0)
        );
    }

    /// A grade-5 child in the National Day week of 2026, under the school's
    /// calendar: the holiday Monday is not a school day (a 70-minute
    /// evening is not "over the limit"), the make-up Saturday is, and timed
    /// optional work is shown but never counted.
    #[test]
    fn the_national_day_week_with_optional_work() {
        let log = Log::from_value(&json!({
            "format": "jianfu.log/1",
            "child": {"grade": 5, "limits": {"holiday_written_minutes": 30},
                      "calendar": {"holidays": ["2026-10-01/2026-10-08"], "school_days": ["2026-10-10"]}},
            "homework": [
                {"date": "2026-10-05", "subject": "math", "kind": "written", "minutes": 70},
                {"date": "2026-10-09", "subject": "math", "kind": "written", "minutes": 50},
                {"date": "2026-10-09", "subject": "english", "kind": "written", "minutes": 40, "tier": "optional"},
                {"date": "2026-10-10", "subject": "chinese", "kind": "written", "minutes": 70},
                {"date": "2026-10-12", "subject": "math", "kind": "written", "minutes": 0, "tier": "optional"}
            ]
        }))
        .unwrap();
        let e = evaluate(&log);
        let days: Vec<_> = e
            .days
            .iter()
            .map(|d| {
                (
                    d.date.to_string(),
                    d.school_day(),
                    d.written_minutes,
                    d.optional_minutes,
                    d.limit.minutes(),
                    d.over_by,
                )
            })
            .collect();
        assert_eq!(
            days,
            [
                ("2026-10-05".into(), false, 70, 0, Some(30), 40),
                ("2026-10-09".into(), true, 50, 40, Some(60), 0),
                ("2026-10-10".into(), true, 70, 0, Some(60), 10),
                ("2026-10-12".into(), true, 0, 0, Some(60), 0),
            ]
        );
        let w = &e.weeks[0];
        assert_eq!(w.week.to_string(), "2026-W41");
        assert_eq!(
            (w.days_within_limit, w.days_logged),
            (1, 2),
            "Friday and the make-up Saturday"
        );
        assert_eq!(w.avg_written_minutes, Some(60.0));
        assert_eq!(w.share().percent(), Some(50.0));
        assert!(!w.share().meets_target());
        let next = &e.weeks[1];
        assert_eq!(
            next.share().percent(),
            Some(100.0),
            "an optional-only day is logged, 0 core minutes"
        );
        // The whole range: 2 of 3 school days within.
        let all = Share::of(
            &e.days,
            Date::parse("2026-10-01").unwrap(),
            Date::parse("2026-10-31").unwrap(),
        );
        assert_eq!((all.within, all.logged, all.percent()), (2, 3, Some(66.7)));
    }

    #[test]
    fn percent_is_one_decimal_and_none_without_school_days() {
        let share = |within, logged| Share { within, logged };
        assert_eq!(share(2, 3).percent(), Some(66.7));
        assert_eq!(share(1, 3).percent(), Some(33.3));
        assert_eq!(share(9, 10).percent(), Some(90.0));
        assert!(share(9, 10).meets_target());
        assert!(!share(8, 9).meets_target(), "88.9 %");
        assert_eq!(share(0, 0).percent(), None);
    }

    #[test]
    fn homework_done_at_school_counts_and_is_told_apart() {
        let log = Log::from_value(&json!({
            "format": "jianfu.log/1",
            "child": {"grade": 3},
            "homework": [
                {"date": "2026-12-21", "subject": "math", "kind": "written", "minutes": 20, "at": "school"},
                {"date": "2026-12-21", "subject": "chinese", "kind": "written", "minutes": 25},
                {"date": "2026-12-22", "subject": "math", "kind": "written", "minutes": 30, "at": "school"},
                {"date": "2026-12-22", "subject": "math", "kind": "written", "minutes": 10, "tier": "optional", "at": "school"},
                {"date": "2026-12-23", "subject": "chinese", "kind": "reading", "minutes": 20}
            ],
            "sleep": []
        }))
        .unwrap();
        let e = evaluate(&log);
        let split: Vec<_> = e
            .days
            .iter()
            .map(|d| {
                (
                    d.written_minutes,
                    d.school_minutes,
                    d.home_minutes(),
                    d.finished_at_school,
                )
            })
            .collect();
        assert_eq!(
            split,
            [(45, 20, 25, false), (30, 30, 0, true), (0, 0, 0, false)]
        );
        assert_eq!(e.weeks[0].days_finished_at_school, 1);
        assert_eq!(e.weeks[0].days_logged, 2, "school minutes still count");
    }
}
