//! The school calendar over random calendars (issue: rule fidelity): a
//! date's status depends on the entries that contain it and nothing else,
//! so a week's verdict never changes with other weeks' entries; a make-up
//! day always counts as a school day; a holiday never gets the school-day
//! limit; and a week's share of days within the limit is the same whether
//! the log holds that week alone or a whole term.

// Helpers outside #[test] fns: a failed unwrap is a failed property.
#![allow(clippy::unwrap_used)]

use jianfu_core::calendar::{Calendar, DateRange, DayKind};
use jianfu_core::rules::WrittenLimit;
use jianfu_core::{Date, Log, evaluate};
use proptest::prelude::*;
use serde_json::json;

/// Term of the tests: autumn 2026, including the ISO week 53 at the year's end.
fn day(n: i32) -> Date {
    Date::parse("2026-09-01").unwrap().add_days(n)
}

/// A range starting within the term, 1–20 days long.
fn range() -> impl Strategy<Value = DateRange> {
    (0..160i32, 0..20i32)
        .prop_map(|(start, len)| DateRange::new(day(start), day(start + len)).unwrap())
}

/// A consistent calendar: make-up days are single dates outside every holiday.
fn calendar() -> impl Strategy<Value = Calendar> {
    (
        proptest::collection::vec(range(), 0..6),
        proptest::collection::vec(0..160i32, 0..6),
    )
        .prop_map(|(holidays, makeups)| {
            let school_days: Vec<DateRange> = makeups
                .into_iter()
                .map(|n| DateRange::day(day(n)))
                .filter(|d| !holidays.iter().any(|h| h.contains(d.start())))
                .collect();
            Calendar::new(holidays, school_days).unwrap()
        })
}

/// Only the entries that touch `from..=to`.
fn restricted(c: &Calendar, from: Date, to: Date) -> Calendar {
    let keep = |l: &[DateRange]| -> Vec<DateRange> {
        l.iter()
            .copied()
            .filter(|r| r.end() >= from && r.start() <= to)
            .collect()
    };
    Calendar::new(keep(c.holidays()), keep(c.school_days())).unwrap()
}

fn wire(c: &Calendar) -> serde_json::Value {
    c.to_value()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_dates_status_depends_only_on_its_own_week(c in calendar(), w in 0..24i32) {
        let monday = day(w * 7).iso_week().monday();
        let sunday = monday.add_days(6);
        let local = restricted(&c, monday, sunday);
        for i in 0..7 {
            let d = monday.add_days(i);
            prop_assert_eq!(c.kind(d), local.kind(d), "{}", d);
        }
    }

    #[test]
    fn a_make_up_day_always_counts(c in calendar()) {
        for r in c.school_days() {
            prop_assert!(c.is_school_day(r.start()));
            prop_assert!(matches!(c.kind(r.start()), DayKind::SchoolDay | DayKind::MakeUpDay));
        }
    }

    #[test]
    fn a_holiday_never_gets_the_school_day_limit(c in calendar(), cap in proptest::option::of(0u16..60), grade in 3u8..=9) {
        let mut limits = json!({});
        if let Some(cap) = cap {
            limits["holiday_written_minutes"] = json!(cap);
        }
        let log = Log::from_value(&json!({
            "format": "jianfu.log/1",
            "child": {"grade": grade, "limits": limits, "calendar": wire(&c)},
        })).unwrap();
        let rules = &log.child.rules;
        let holiday_limit = cap.map_or(WrittenLimit::NoCap, WrittenLimit::Minutes);
        for n in 0..180 {
            let d = day(n);
            let expected = if c.is_school_day(d) { rules.school_day_limit(log.child.grade) } else { holiday_limit };
            prop_assert_eq!(rules.written_limit(log.child.grade, d), expected, "{}", d);
            if c.holidays().iter().any(|h| h.contains(d)) && !c.school_days().iter().any(|s| s.contains(d)) {
                prop_assert_eq!(rules.written_limit(log.child.grade, d), holiday_limit);
            }
        }
    }

    #[test]
    fn a_weeks_verdict_is_the_same_alone_or_in_a_term(
        c in calendar(),
        minutes in proptest::collection::vec(0u16..120, 120),
        w in 0..16i32,
    ) {
        let entry = |n: i32, m: u16| json!({"date": day(n).to_string(), "subject": "math", "kind": "written", "minutes": m});
        let all: Vec<_> = (0..120).map(|n| entry(n, minutes[usize::try_from(n).unwrap()])).collect();
        let monday = day(w * 7).iso_week().monday();
        let week: Vec<_> = all.iter().filter(|e| {
            let d = Date::parse(e["date"].as_str().unwrap()).unwrap();
            d >= monday && d <= monday.add_days(6)
        }).cloned().collect();
        let log = |homework: Vec<serde_json::Value>, cal: &Calendar| Log::from_value(&json!({
            "format": "jianfu.log/1", "child": {"grade": 4, "calendar": wire(cal)}, "homework": homework,
        })).unwrap();
        let whole = evaluate(&log(all, &c));
        let alone = evaluate(&log(week, &restricted(&c, monday, monday.add_days(6))));
        let pick = |e: &jianfu_core::Evaluation| e.weeks.iter().find(|v| v.week == monday.iso_week()).map(|v| (v.days_within_limit, v.days_logged));
        prop_assert_eq!(pick(&whole), pick(&alone));
    }
}
