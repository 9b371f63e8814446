//! The grade group's review (年级组审批): the classes of one grade side by
//! side, day by day, against the limit and against each other.
//!
//! 作业布置要大体一致: classes of a grade should get about the same amount.
//! A class is flagged on a day when its core written minutes are far from
//! the median of the classes that published that day: by more than
//! [`OUTLIER_MINUTES`] minutes AND by at least half the median. The
//! absolute floor keeps 10 against 20 minutes from being flagged (a
//! difference no family notices); the relative part keeps the flag
//! meaningful at higher totals (60 against 90 is flagged, 60 against 75 is
//! not). With fewer than three classes there is no meaningful median, so
//! nothing is flagged.

use crate::feed::Feed;
use crate::rules::WrittenLimit;
use crate::time::Date;

/// The absolute part of the outlier rule: a quarter of the grade 3–6 limit.
pub const OUTLIER_MINUTES: u32 = 15;

/// Classes that must have published a day before any is flagged on it.
pub const OUTLIER_MIN_CLASSES: usize = 3;

/// One class-day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// Whether the class's feed has an entry for the day.
    pub published: bool,
    /// Core written minutes published.
    pub minutes: u32,
    /// The class's limit that day.
    pub limit: WrittenLimit,
    /// The class breaks the limit that day (`check-feed`'s violations).
    pub over: bool,
    /// Far from the grade's median that day: the median it is compared with.
    pub outlier_of: Option<u32>,
}

/// One class: its feed's index among those given, and its cells by date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Index of the feed in the input.
    pub feed: usize,
    /// One cell per date of [`Review::dates`].
    pub cells: Vec<Cell>,
}

/// The grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// The dates, in order.
    pub dates: Vec<Date>,
    /// One row per feed, in input order.
    pub rows: Vec<Row>,
    /// The median of published classes per date (`None`: nobody published).
    pub medians: Vec<Option<u32>>,
}

/// The median of `values` (the lower of the middle two for an even count,
/// so it is always a value some class actually published).
fn median(values: &mut [u32]) -> Option<u32> {
    values.sort_unstable();
    let n = values.len();
    (n > 0).then(|| values[(n - 1) / 2])
}

/// Whether `minutes` is far from `median` by the rule of this module.
pub fn is_outlier(minutes: u32, median: u32) -> bool {
    let diff = minutes.abs_diff(median);
    diff > OUTLIER_MINUTES && diff * 2 >= median
}

/// The review of `feeds` over `dates`.
pub fn review(feeds: &[Feed], dates: &[Date]) -> Review {
    let mut rows: Vec<Row> = feeds
        .iter()
        .enumerate()
        .map(|(i, feed)| {
            let violations = feed.violations();
            let cells = dates
                .iter()
                .map(|&date| {
                    let day = feed.day(date);
                    Cell {
                        published: day.is_some(),
                        minutes: day.map_or(0, crate::feed::Day::written_core_minutes),
                        limit: feed.written_limit(date),
                        over: violations.iter().any(|v| v.date == date),
                        outlier_of: None,
                    }
                })
                .collect();
            Row { feed: i, cells }
        })
        .collect();
    let medians = (0..dates.len())
        .map(|d| {
            let mut published: Vec<u32> = rows
                .iter()
                .filter(|r| r.cells[d].published)
                .map(|r| r.cells[d].minutes)
                .collect();
            let count = published.len();
            let m = median(&mut published);
            if let Some(m) = m
                && count >= OUTLIER_MIN_CLASSES
            {
                for row in &mut rows {
                    let cell = &mut row.cells[d];
                    if cell.published && is_outlier(cell.minutes, m) {
                        cell.outlier_of = Some(m);
                    }
                }
            }
            m
        })
        .collect();
    Review {
        dates: dates.to_vec(),
        rows,
        medians,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::studio::{Draft, ItemInput, Names, Setup};
    use crate::time::Instant;

    fn feed(class: &str, minutes: &[(&str, u16)]) -> Feed {
        let mut d = Draft {
            setup: Setup {
                school_id: "s1".into(),
                school_name: Names {
                    zh: "小学".into(),
                    en: String::new(),
                },
                class_id: class.into(),
                class_name: Names {
                    zh: class.into(),
                    en: String::new(),
                },
                grade: 4,
                ..Setup::default()
            },
            ..Draft::default()
        };
        for (date, m) in minutes {
            let date = Date::parse(date).unwrap();
            let item = ItemInput {
                subject: "math".into(),
                title_zh: "练习".into(),
                minutes: m.to_string(),
                ..ItemInput::default()
            }
            .to_item(date, d.new_item_id(date, "math"))
            .unwrap();
            d.put_item(date, None, item);
        }
        d.check(Instant::parse("2026-11-22T20:00:00+08:00").unwrap())
            .unwrap()
            .feed
    }

    #[test]
    fn one_class_far_from_the_median_is_flagged_and_over_limit_marked() {
        let feeds = [
            feed("c1", &[("2026-11-23", 40), ("2026-11-24", 30)]),
            feed("c2", &[("2026-11-23", 45), ("2026-11-24", 35)]),
            feed("c3", &[("2026-11-23", 90), ("2026-11-24", 30)]),
        ];
        let dates = [
            Date::parse("2026-11-23").unwrap(),
            Date::parse("2026-11-24").unwrap(),
            Date::parse("2026-11-25").unwrap(),
        ];
        let r = review(&feeds, &dates);
        assert_eq!(r.medians, [Some(45), Some(30), None]);
        assert_eq!(r.rows[2].cells[0].outlier_of, Some(45));
        assert!(r.rows[2].cells[0].over);
        assert!(r.rows.iter().all(|row| row.cells[1].outlier_of.is_none()));
        assert!(!r.rows[0].cells[2].published);
    }

    #[test]
    fn small_gaps_and_two_classes_are_not_flagged() {
        assert!(!is_outlier(20, 10)); // 10 minutes apart: below the floor
        assert!(!is_outlier(75, 60)); // a quarter more
        assert!(is_outlier(90, 60));
        assert!(is_outlier(0, 40));
        let feeds = [
            feed("c1", &[("2026-11-23", 10)]),
            feed("c2", &[("2026-11-23", 90)]),
        ];
        let r = review(&feeds, &[Date::parse("2026-11-23").unwrap()]);
        assert!(r.rows.iter().all(|row| row.cells[0].outlier_of.is_none()));
    }
}
