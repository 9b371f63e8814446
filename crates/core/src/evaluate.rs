//! A parent's log judged against the rules: each day, each night, each ISO week.
//!
//! The homework limits are on the *average* (rules.md): one long evening is a
//! warning (a day `over_by`), the weekly average against the limit is the
//! verdict, and the share of days within the limit is the national indicator.

use std::collections::BTreeMap;

use crate::feed::Kind;
use crate::log::Log;
use crate::rules::WrittenLimit;
use crate::time::{Date, IsoWeek};

/// One day of logged homework.
#[derive(Debug, Clone, PartialEq)]
pub struct DayVerdict {
    /// The date.
    pub date: Date,
    /// Written minutes logged (manual and timed).
    pub written_minutes: u32,
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

/// One ISO week of school days.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekVerdict {
    /// The week.
    pub week: IsoWeek,
    /// Average written minutes over the logged school days (Monday–Friday);
    /// `None` when only weekend days were logged.
    pub avg_written_minutes: Option<f64>,
    /// The school-day limit the average is judged against.
    pub limit: WrittenLimit,
    /// Logged school days within the limit.
    pub days_within_limit: u32,
    /// Logged school days.
    pub days_logged: u32,
}

impl WeekVerdict {
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

/// Judges `log` against its child's rules. Weekends count as days with their
/// own limit (the school's holiday number, or none) but not in the weekly
/// school-day average, which the national limit is about.
pub fn evaluate(log: &Log) -> Evaluation {
    let grade = log.child.grade;
    let rules = &log.child.rules;

    let mut per_day: BTreeMap<Date, (u32, u32)> = BTreeMap::new();
    for entry in &log.homework {
        let day = per_day.entry(entry.date).or_default();
        if entry.kind == Kind::Written {
            day.0 += entry.spent.minutes();
        }
        if !entry.finished {
            day.1 += 1;
        }
    }
    let days: Vec<DayVerdict> = per_day
        .into_iter()
        .map(|(date, (written, unfinished))| {
            let limit = rules.written_limit(grade, date);
            DayVerdict {
                date,
                written_minutes: written,
                limit,
                over_by: limit.excess(written),
                unfinished,
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
    let mut weeks: BTreeMap<IsoWeek, (u32, u32, u32)> = BTreeMap::new();
    for day in &days {
        let week = weeks.entry(day.date.iso_week()).or_default();
        if day.date.weekday().is_weekend() {
            continue;
        }
        week.0 += day.written_minutes;
        week.1 += 1;
        if school_limit.excess(day.written_minutes) == 0 {
            week.2 += 1;
        }
    }
    let weeks = weeks
        .into_iter()
        .map(|(week, (total, logged, within))| WeekVerdict {
            week,
            avg_written_minutes: (logged > 0).then(|| f64::from(total) / f64::from(logged)),
            limit: school_limit,
            days_within_limit: within,
            days_logged: logged,
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
}
