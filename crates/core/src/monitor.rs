//! The homework monitoring report (作业监测报告) over many class feeds:
//! what a bureau publishes against the 90 % indicator. For each class, each
//! school and the whole set: the school days in the range (each feed's own
//! calendar), the class-days published, over the limit and missing, and
//! the share of published class-days within the limit.
//!
//! One code path for every reader: `jianfu monitor` prints it, the
//! bureau's page will show it. "Over the limit" is exactly what
//! `check-feed` calls a violation ([`Feed::violations`]), counted on school
//! days only.

use std::collections::{BTreeMap, BTreeSet};

use crate::evaluate::{Share, TARGET_PERCENT};
use crate::feed::{Feed, FeedRule};
use crate::time::Date;

/// One class over the range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassMonitor {
    /// The school's id.
    pub school: String,
    /// The class's id.
    pub class: String,
    /// The class's grade, 1–12.
    pub grade: u8,
    /// School days in the range, by the school's calendar.
    pub school_days: u32,
    /// School days with an entry in the class's feed.
    pub published: u32,
    /// Published school days over the written limit (or, in grades 1–2,
    /// with any written homework).
    pub over_limit: u32,
    /// School days with no entry.
    pub missing: u32,
    /// Published school days of grades 1–2 with written homework.
    pub grades_1_2_written: u32,
    /// Whether the feed publishes an after-school service at all.
    pub after_school_published: bool,
    /// School days whose service meets 5+2 (rules.md).
    pub after_school_days: u32,
    /// School days without a service, under 120 minutes, or ending early.
    pub after_school_shortfalls: u32,
}

impl ClassMonitor {
    /// School days with a full service, of all school days; `None` when the
    /// feed publishes no service (counted apart, not as shortfalls).
    pub fn after_school_share(&self) -> Option<Share> {
        self.after_school_published.then_some(Share {
            within: self.after_school_days,
            logged: self.school_days,
        })
    }
}

/// Sums over several classes (a school, or all of them).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Totals {
    /// How many classes.
    pub classes: u32,
    /// Their school days, added up (class-days).
    pub school_days: u32,
    /// Class-days published.
    pub published: u32,
    /// Class-days over the limit.
    pub over_limit: u32,
    /// Class-days not published.
    pub missing: u32,
    /// Class-days of grades 1–2 with written homework.
    pub grades_1_2_written: u32,
    /// Classes whose feed publishes an after-school service.
    pub after_school_classes: u32,
    /// Their school days, added up: what the 5+2 share is out of.
    pub after_school_school_days: u32,
    /// Class-days with a service meeting 5+2.
    pub after_school_days: u32,
    /// Class-days short of it.
    pub after_school_shortfalls: u32,
}

/// One school's classes, added up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolMonitor {
    /// The school's id.
    pub school: String,
    /// Its classes' sums.
    pub totals: Totals,
}

/// The report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Monitor {
    /// The first day of the range.
    pub from: Date,
    /// The last day of the range.
    pub to: Date,
    /// Every class, in the order of the feeds given.
    pub classes: Vec<ClassMonitor>,
    /// Every school, by id.
    pub schools: Vec<SchoolMonitor>,
    /// All classes.
    pub total: Totals,
}

impl ClassMonitor {
    /// Published class-days within the limit, of those published.
    pub fn share(&self) -> Share {
        share(self.published, self.over_limit)
    }
}

impl Totals {
    /// Published class-days within the limit, of those published: the
    /// indicator the 90 % target is about.
    pub fn share(&self) -> Share {
        share(self.published, self.over_limit)
    }

    /// Class-days with a full service, of the school days of the classes
    /// that publish one; `None` when none does.
    pub fn after_school_share(&self) -> Option<Share> {
        (self.after_school_classes > 0).then_some(Share {
            within: self.after_school_days,
            logged: self.after_school_school_days,
        })
    }

    fn add(&mut self, c: &ClassMonitor) {
        if c.after_school_published {
            self.after_school_classes += 1;
            self.after_school_school_days += c.school_days;
        }
        self.after_school_days += c.after_school_days;
        self.after_school_shortfalls += c.after_school_shortfalls;
        self.classes += 1;
        self.school_days += c.school_days;
        self.published += c.published;
        self.over_limit += c.over_limit;
        self.missing += c.missing;
        self.grades_1_2_written += c.grades_1_2_written;
    }
}

impl Monitor {
    /// Whether the whole set reaches the target (nothing published does not).
    pub fn meets_target(&self) -> bool {
        let s = self.total.share();
        s.logged > 0 && s.meets_target()
    }

    /// The target, in percent.
    pub const fn target_percent(&self) -> u32 {
        TARGET_PERCENT
    }

    /// Every grade's classes added up, by grade (the bureau's page shows
    /// grades beside schools: a grade far below the target points at a
    /// year group's teachers, not at one school).
    pub fn by_grade(&self) -> Vec<(u8, Totals)> {
        let mut grades: BTreeMap<u8, Totals> = BTreeMap::new();
        for c in &self.classes {
            grades.entry(c.grade).or_default().add(c);
        }
        grades.into_iter().collect()
    }

    /// The classes as CSV, one row each and the total last, the same
    /// numbers `jianfu monitor --json` prints. `lang` picks the header.
    pub fn to_csv(&self, lang: &str) -> String {
        let header: [&str; 12] = if lang.starts_with("en") {
            [
                "school",
                "class",
                "grade",
                "school days",
                "published",
                "over the limit",
                "missing",
                "grades 1-2 written",
                "% within the limit",
                "after-school 5+2 days",
                "after-school shortfalls",
                "% days with 5+2 service",
            ]
        } else {
            [
                "学校",
                "班级",
                "年级",
                "上学日",
                "已公示",
                "超出上限",
                "未公示",
                "一二年级书面作业",
                "符合规定比例(%)",
                "课后服务达标天数",
                "课后服务不足天数",
                "课后服务“5+2”比例(%)",
            ]
        };
        let percent = |s: Share| s.percent().map(|p| format!("{p:.1}")).unwrap_or_default();
        // No service published: empty cells, not zeros (counted apart).
        let service = |published: bool, n: u32| {
            if published {
                n.to_string()
            } else {
                String::new()
            }
        };
        let mut out = String::from(crate::csv::BOM);
        crate::csv::push_row(&mut out, header.iter().map(|h| (*h).to_owned()));
        for c in &self.classes {
            crate::csv::push_row(
                &mut out,
                [
                    c.school.clone(),
                    c.class.clone(),
                    c.grade.to_string(),
                    c.school_days.to_string(),
                    c.published.to_string(),
                    c.over_limit.to_string(),
                    c.missing.to_string(),
                    c.grades_1_2_written.to_string(),
                    percent(c.share()),
                    service(c.after_school_published, c.after_school_days),
                    service(c.after_school_published, c.after_school_shortfalls),
                    c.after_school_share().map(percent).unwrap_or_default(),
                ]
                .into_iter(),
            );
        }
        let t = &self.total;
        crate::csv::push_row(
            &mut out,
            [
                if lang.starts_with("en") {
                    "total"
                } else {
                    "合计"
                }
                .to_owned(),
                t.classes.to_string(),
                String::new(),
                t.school_days.to_string(),
                t.published.to_string(),
                t.over_limit.to_string(),
                t.missing.to_string(),
                t.grades_1_2_written.to_string(),
                percent(t.share()),
                service(t.after_school_classes > 0, t.after_school_days),
                service(t.after_school_classes > 0, t.after_school_shortfalls),
                t.after_school_share().map(percent).unwrap_or_default(),
            ]
            .into_iter(),
        );
        out
    }
}

fn share(published: u32, over_limit: u32) -> Share {
    Share {
        within: published.saturating_sub(over_limit),
        logged: published,
    }
}

/// The report over `feeds` from `from` to `to` (each defaulting to the
/// first and last date any feed has an entry for). `None` when there is no
/// range: no feeds with entries and no dates given, or `to` before `from`.
pub fn monitor(feeds: &[Feed], from: Option<Date>, to: Option<Date>) -> Option<Monitor> {
    let dates = || feeds.iter().flat_map(|f| f.days.iter().map(|d| d.date));
    let from = from.or_else(|| dates().min())?;
    let to = to.or_else(|| dates().max())?;
    if to < from {
        return None;
    }
    let classes: Vec<ClassMonitor> = feeds.iter().map(|f| class(f, from, to)).collect();
    let mut by_school: BTreeMap<&str, Totals> = BTreeMap::new();
    let mut total = Totals::default();
    for c in &classes {
        by_school.entry(c.school.as_str()).or_default().add(c);
        total.add(c);
    }
    let schools = by_school
        .into_iter()
        .map(|(school, totals)| SchoolMonitor {
            school: school.to_owned(),
            totals,
        })
        .collect();
    Some(Monitor {
        from,
        to,
        classes,
        schools,
        total,
    })
}

fn class(feed: &Feed, from: Date, to: Date) -> ClassMonitor {
    let rules = &feed.school.rules;
    let in_range = |d: Date| (from..=to).contains(&d) && rules.is_school_day(d);
    let published: BTreeSet<Date> = feed
        .days
        .iter()
        .map(|d| d.date)
        .filter(|&d| in_range(d))
        .collect();
    let mut school_days = 0;
    let mut day = from;
    while day <= to {
        if rules.is_school_day(day) {
            school_days += 1;
        }
        day = day.add_days(1);
    }
    let violations = feed.violations();
    let over: BTreeSet<Date> = violations
        .iter()
        .map(|v| v.date)
        .filter(|&d| in_range(d))
        .collect();
    let grades_1_2_written: BTreeSet<Date> = violations
        .iter()
        .filter(|v| v.rule == FeedRule::WrittenHomeworkGrades12 && in_range(v.date))
        .map(|v| v.date)
        .collect();
    let published_count = count(published.len());
    let service = feed.after_school_days(from, to);
    let short = count(service.iter().filter(|d| d.shortfall.is_some()).count());
    ClassMonitor {
        after_school_published: feed.school.after_school.is_some(),
        after_school_days: count(service.len()).saturating_sub(short),
        after_school_shortfalls: short,
        school: feed.school.id.clone(),
        class: feed.class.id.clone(),
        grade: feed.class.grade.get(),
        school_days,
        published: published_count,
        over_limit: count(over.len()),
        missing: school_days.saturating_sub(published_count),
        grades_1_2_written: count(grades_1_2_written.len()),
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn feed(name: &str) -> Feed {
        let text = std::fs::read_to_string(format!(
            "{}/../../testdata/feeds/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        Feed::parse(&text).unwrap()
    }

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn row(c: &ClassMonitor) -> (&str, u32, u32, u32, u32, u32, Option<f64>) {
        (
            c.class.as_str(),
            c.school_days,
            c.published,
            c.over_limit,
            c.missing,
            c.grades_1_2_written,
            c.share().percent(),
        )
    }

    #[test]
    fn a_week_of_three_classes() {
        let feeds = [
            feed("g4c2-within-limits"),
            feed("g8c3-over-limit"),
            feed("g2c1-written-homework"),
        ];
        let m = monitor(&feeds, None, None).unwrap();
        // The range defaults to the first and last date of any entry.
        assert_eq!((m.from, m.to), (d("2026-11-16"), d("2026-11-20")));
        let rows: Vec<_> = m.classes.iter().map(row).collect();
        assert_eq!(
            rows,
            [
                ("g4c2", 5, 5, 0, 0, 0, Some(100.0)),
                ("g8c3", 5, 2, 1, 3, 0, Some(50.0)),
                // Grades 1–2: any written homework is over the limit.
                ("g2c1", 5, 1, 1, 4, 1, Some(0.0)),
            ]
        );
        let primary = &m.schools[0];
        assert_eq!(primary.school, "jinshui-exp-primary");
        assert_eq!(
            primary.totals,
            Totals {
                classes: 2,
                school_days: 10,
                published: 6,
                over_limit: 1,
                missing: 4,
                grades_1_2_written: 1,
                ..Totals::default()
            }
        );
        assert_eq!(
            primary.totals.after_school_share(),
            None,
            "no service published"
        );
        assert_eq!(primary.totals.share().percent(), Some(83.3));
        assert_eq!(m.schools[1].totals.share().percent(), Some(50.0));
        assert_eq!(
            (
                m.total.classes,
                m.total.published,
                m.total.over_limit,
                m.total.missing
            ),
            (3, 8, 2, 7)
        );
        assert_eq!(m.total.share().percent(), Some(75.0));
        assert!(!m.meets_target());
        assert!(monitor(&feeds[..1], None, None).unwrap().meets_target());

        // By grade, and as CSV.
        let grades: Vec<(u8, u32, u32)> = m
            .by_grade()
            .iter()
            .map(|(g, t)| (*g, t.published, t.over_limit))
            .collect();
        assert_eq!(grades, [(2, 1, 1), (4, 5, 0), (8, 2, 1)]);
        let csv = m.to_csv("en");
        let lines: Vec<&str> = csv.trim_start_matches(crate::csv::BOM).lines().collect();
        assert_eq!(lines.len(), 5);
        assert_eq!(lines[2], "jinshui-no9-middle,g8c3,8,5,2,1,3,0,50.0,,,");
        assert_eq!(lines[4], "total,3,,15,8,2,7,1,75.0,,,");
    }

    #[test]
    fn school_days_follow_the_calendar() {
        // Holidays 1–8 October; Sunday 27 September and Saturday 10 October
        // are make-up school days. An entry on a holiday is not a
        // published school day.
        let feeds = [feed("g5c1-national-day-week")];
        let m = monitor(&feeds, Some(d("2026-09-27")), Some(d("2026-10-10"))).unwrap();
        let c = &m.classes[0];
        assert_eq!(
            (c.school_days, c.published, c.missing, c.over_limit),
            (6, 2, 4, 0)
        );
        let m = monitor(&feeds, None, None).unwrap();
        assert_eq!((m.from, m.to), (d("2026-10-07"), d("2026-10-10")));
        assert_eq!((m.classes[0].school_days, m.classes[0].missing), (2, 0));
    }

    #[test]
    fn no_range_no_report_and_nothing_published_is_not_the_target() {
        assert_eq!(monitor(&[], None, None), None);
        let feeds = [feed("g4c2-within-limits")];
        assert_eq!(
            monitor(&feeds, Some(d("2026-11-20")), Some(d("2026-11-16"))),
            None
        );
        // A week before the feed's: five school days, all missing.
        let m = monitor(&feeds, Some(d("2026-11-09")), Some(d("2026-11-13"))).unwrap();
        assert_eq!((m.total.published, m.total.missing), (0, 5));
        assert_eq!(m.total.share().percent(), None);
        assert!(!m.meets_target());
    }

    #[test]
    fn the_after_school_figures_per_class_school_and_total() {
        let with = feed("g3c1-after-school");
        let without = feed("g4c2-within-limits");
        let d = |s: &str| Date::parse(s).unwrap();
        let m = monitor(
            &[with, without],
            Some(d("2026-12-21")),
            Some(d("2026-12-25")),
        )
        .unwrap();
        let c = &m.classes[0];
        assert_eq!(
            (
                c.after_school_published,
                c.school_days,
                c.after_school_days,
                c.after_school_shortfalls
            ),
            (true, 5, 4, 1)
        );
        assert_eq!(c.after_school_share().unwrap().percent(), Some(80.0));
        assert!(!m.classes[1].after_school_published);
        assert_eq!(m.classes[1].after_school_share(), None);
        // Both are of one school: its share is over the class that publishes.
        let t = &m.schools[0].totals;
        assert_eq!(
            (
                t.after_school_classes,
                t.after_school_school_days,
                t.after_school_days,
                t.after_school_shortfalls
            ),
            (1, 5, 4, 1)
        );
        assert_eq!(m.total.after_school_share().unwrap().percent(), Some(80.0));
        let csv = m.to_csv("en");
        let rows: Vec<&str> = csv.lines().collect();
        assert!(
            rows[0]
                .ends_with("after-school 5+2 days,after-school shortfalls,% days with 5+2 service"),
            "{}",
            rows[0]
        );
        assert!(rows[1].ends_with(",4,1,80.0"), "{}", rows[1]);
        assert!(
            rows[2].ends_with(",,,"),
            "no service: empty cells, {}",
            rows[2]
        );
    }
}
