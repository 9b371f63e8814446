//! The school studio's promise (#14): whatever plan a teacher builds through
//! the studio's own model, the feed it publishes passes core's reader (what
//! `jianfu check-feed` runs) with no errors, and the violations the studio
//! shows are exactly the ones `check-feed` finds, computed here
//! independently from the plan.

#![allow(clippy::unwrap_used)]

use jianfu_core::feed::{FeedRule, Kind, Tier};
use jianfu_core::studio::{Draft, ItemInput, Names, Setup};
use jianfu_core::{Date, Feed, Instant};
use proptest::prelude::*;

/// One edit a teacher can make.
#[derive(Debug, Clone)]
enum Edit {
    Add {
        day: i32,
        subject: usize,
        title: String,
        kind: usize,
        minutes: u16,
        optional: bool,
        due_in: Option<i32>,
    },
    Change {
        day: i32,
        index: usize,
        minutes: u16,
    },
    Remove {
        day: i32,
        index: usize,
    },
    Move {
        day: i32,
        index: usize,
        down: bool,
    },
    CopyDay {
        from: i32,
        to: i32,
    },
    CopyWeek,
}

const SUBJECTS: [&str; 5] = ["math", "chinese", "english", "科学", "x-lab"];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (0..14i32, 0..5usize, "[\\PC]{1,12}", 0..8usize, 0..=600u16, any::<bool>(),
              proptest::option::of(0..5i32))
            .prop_map(|(day, subject, title, kind, minutes, optional, due_in)| Edit::Add {
                day, subject, title, kind, minutes, optional, due_in,
            }),
        1 => (0..14i32, 0..4usize, 0..=600u16).prop_map(|(day, index, minutes)| Edit::Change { day, index, minutes }),
        1 => (0..14i32, 0..4usize).prop_map(|(day, index)| Edit::Remove { day, index }),
        1 => (0..14i32, 0..4usize, any::<bool>()).prop_map(|(day, index, down)| Edit::Move { day, index, down }),
        1 => (0..14i32, 0..14i32).prop_map(|(from, to)| Edit::CopyDay { from, to }),
        1 => Just(Edit::CopyWeek),
    ]
}

fn setup() -> impl Strategy<Value = Setup> {
    (
        1..=9u8,
        proptest::option::of(20..=60u16),
        proptest::option::of(0..=60u16),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(grade, primary, holiday, five_four, calendar)| Setup {
            school_id: "s1".into(),
            school_name: Names {
                zh: "实验小学".into(),
                en: "Primary".into(),
            },
            class_id: format!("g{grade}c1"),
            class_name: Names {
                zh: format!("{grade}年级(1)班"),
                en: String::new(),
            },
            grade,
            system: if five_four { "5-4" } else { "6-3" }.into(),
            primary_limit: primary,
            holiday_limit: holiday,
            // A holiday on the Tuesday and a make-up Saturday in the first week.
            holidays: if calendar {
                vec!["2026-11-24".into()]
            } else {
                vec![]
            },
            school_days: if calendar {
                vec!["2026-11-28".into()]
            } else {
                vec![]
            },
            ..Setup::default()
        })
}

fn apply(d: &mut Draft, e: &Edit, monday: Date) {
    match e {
        Edit::Add {
            day,
            subject,
            title,
            kind,
            minutes,
            optional,
            due_in,
        } => {
            let date = monday.add_days(*day);
            let input = ItemInput {
                subject: SUBJECTS[*subject].into(),
                title_zh: title.clone(),
                kind: Kind::ALL[*kind],
                minutes: minutes.to_string(),
                tier: if *optional {
                    Tier::Optional
                } else {
                    Tier::Core
                },
                due: due_in
                    .map(|n| date.add_days(n).to_string())
                    .unwrap_or_default(),
                ..ItemInput::default()
            };
            // A title of only spaces is refused by the form, as in the page.
            if let Ok(item) = input.to_item(date, d.new_item_id(date, SUBJECTS[*subject])) {
                d.put_item(date, None, item);
            }
        }
        Edit::Change {
            day,
            index,
            minutes,
        } => {
            let date = monday.add_days(*day);
            if let Some(item) = d.items(date).get(*index) {
                let mut input = ItemInput::from_item(item);
                input.minutes = minutes.to_string();
                let item = input.to_item(date, item.id.clone()).unwrap();
                d.put_item(date, Some(*index), item);
            }
        }
        Edit::Remove { day, index } => {
            d.remove_item(monday.add_days(*day), *index);
        }
        Edit::Move { day, index, down } => {
            d.move_item(monday.add_days(*day), *index, if *down { 1 } else { -1 });
        }
        Edit::CopyDay { from, to } => {
            d.copy_day(monday.add_days(*from), monday.add_days(*to));
        }
        Edit::CopyWeek => {
            d.copy_week(monday, monday.add_days(7));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_plan_publishes_a_valid_feed_judged_as_check_feed_judges_it(
        setup in setup(),
        edits in proptest::collection::vec(edit(), 0..40),
    ) {
        let monday = Date::parse("2026-11-23").unwrap();
        let now = Instant::parse("2026-11-22T20:00:00+08:00").unwrap();
        let mut draft = Draft { setup, ..Draft::default() };
        for e in &edits {
            apply(&mut draft, e, monday);
        }
        let checked = draft.check(now).unwrap();
        // The file the teacher downloads, read as check-feed reads it.
        let feed = Feed::parse(&checked.to_text()).unwrap();
        prop_assert_eq!(&feed, &checked.feed);
        let ids: std::collections::BTreeSet<_> =
            feed.days.iter().flat_map(|d| d.items.iter().map(|i| i.id.clone())).collect();
        prop_assert_eq!(ids.len(), feed.days.iter().map(|d| d.items.len()).sum::<usize>());

        // Violations computed from the plan alone, by the rules' own limits.
        let mut expected = Vec::new();
        for (date, items) in &draft.days {
            let limit = feed.written_limit(*date);
            let written: Vec<_> = items.iter().filter(|i| i.kind == Kind::Written).collect();
            let core: u32 = written.iter().filter(|i| i.tier == Tier::Core).map(|i| u32::from(i.minutes)).sum();
            let broken = match limit {
                jianfu_core::rules::WrittenLimit::NoneAllowed => (!written.is_empty()).then_some(FeedRule::WrittenHomeworkGrades12),
                jianfu_core::rules::WrittenLimit::Minutes(m) => (core > u32::from(m)).then_some(FeedRule::WrittenMinutesOverLimit),
                jianfu_core::rules::WrittenLimit::NoCap => None,
            };
            if let Some(rule) = broken {
                expected.push((*date, rule));
            }
            let verdict = checked.day(*date);
            prop_assert_eq!(verdict.violation, broken);
            if matches!(limit, jianfu_core::rules::WrittenLimit::Minutes(_)) {
                prop_assert_eq!(verdict.written, core);
            }
        }
        let found: Vec<_> = feed.violations().iter().map(|v| (v.date, v.rule)).collect();
        prop_assert_eq!(found, expected);
    }
}
