//! A school's calendar (`school.calendar` of a feed, `child.calendar` of a
//! log): China moves working days around public holidays (调休: a Saturday
//! becomes a school day) and schools have winter and summer vacations, so
//! Monday–Friday alone misjudges real school years.
//!
//! A date is a school day when it is listed in `school_days` (a make-up
//! Saturday or Sunday), or when it is Monday–Friday and not in `holidays`.
//! Whether a date is a school day depends on that date's entries only, so a
//! week's verdict never depends on another week's calendar.

use serde_json::{Value, json};

use crate::json::{self, Ctx, Nested, Obj};
use crate::time::Date;

/// The longest range an entry may give: a year and a day (a whole school
/// year's vacations fit; a typo like `2026-10-01/2062-10-01` does not).
pub const MAX_RANGE_DAYS: i32 = 366;

/// One entry of a calendar list: a date, or an inclusive `start/end` range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateRange {
    start: Date,
    end: Date,
}

impl DateRange {
    /// The range `start..=end`, if `end` is not before `start` and it spans
    /// at most [`MAX_RANGE_DAYS`] days.
    pub fn new(start: Date, end: Date) -> Option<Self> {
        (end >= start && end.days_since(start) < MAX_RANGE_DAYS).then_some(Self { start, end })
    }

    /// A single day.
    pub fn day(date: Date) -> Self {
        Self {
            start: date,
            end: date,
        }
    }

    /// The first day.
    pub fn start(self) -> Date {
        self.start
    }

    /// The last day.
    pub fn end(self) -> Date {
        self.end
    }

    /// Whether `date` is in it.
    pub fn contains(self, date: Date) -> bool {
        (self.start..=self.end).contains(&date)
    }

    /// The first date in both, if any.
    pub(crate) fn overlap(self, other: Self) -> Option<Date> {
        let start = self.start.max(other.start);
        (start <= self.end.min(other.end)).then_some(start)
    }

    /// The wire form: `2026-10-01` or `2026-10-01/2026-10-08`.
    pub fn to_wire(self) -> String {
        if self.start == self.end {
            self.start.to_string()
        } else {
            format!("{}/{}", self.start, self.end)
        }
    }

    /// Reads a date or range at `path` of a document, saying what is wrong.
    pub(crate) fn read(ctx: &mut Ctx, path: &str, v: &Value) -> Option<Self> {
        match v.as_str().map(Self::parse) {
            Some(Ok(r)) => Some(r),
            Some(Err(why)) => {
                ctx.report(path, why);
                None
            }
            None => {
                ctx.report(
                    path,
                    format!(
                        "expected a date or a range like 2026-10-01/2026-10-08, found {}",
                        json::describe(v)
                    ),
                );
                None
            }
        }
    }

    /// Reads the wire form, saying what is wrong.
    pub fn parse(text: &str) -> Result<Self, String> {
        let date = |s: &str| {
            Date::parse(s).map_err(|_| format!("\"{s}\" is not a real date as YYYY-MM-DD"))
        };
        match text.split_once('/') {
            None => date(text).map(Self::day),
            Some((a, b)) => {
                let (start, end) = (date(a)?, date(b)?);
                if end < start {
                    return Err(format!("the range ends ({end}) before it starts ({start})"));
                }
                Self::new(start, end).ok_or_else(|| {
                    format!(
                        "the range spans {} days; at most {MAX_RANGE_DAYS} are allowed",
                        end.days_since(start) + 1
                    )
                })
            }
        }
    }
}

/// What a date is, by a calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayKind {
    /// Monday–Friday, not a holiday.
    SchoolDay,
    /// A Saturday or Sunday listed as a school day (调休补课日).
    MakeUpDay,
    /// Saturday or Sunday.
    Weekend,
    /// A weekday in `holidays` (public holiday or vacation).
    Holiday,
}

impl DayKind {
    /// Whether the school-day limits apply.
    pub fn is_school_day(self) -> bool {
        matches!(self, Self::SchoolDay | Self::MakeUpDay)
    }
}

/// A school's calendar. The default (no lists) is Monday–Friday.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct Calendar {
    holidays: Vec<DateRange>,
    school_days: Vec<DateRange>,
}

impl Calendar {
    /// A calendar from its two lists, if no date is in both.
    pub fn new(holidays: Vec<DateRange>, school_days: Vec<DateRange>) -> Option<Self> {
        let conflict = holidays
            .iter()
            .any(|h| school_days.iter().any(|s| h.overlap(*s).is_some()));
        (!conflict).then_some(Self {
            holidays,
            school_days,
        })
    }

    /// Whether it says anything beyond Monday–Friday.
    pub fn is_empty(&self) -> bool {
        self.holidays.is_empty() && self.school_days.is_empty()
    }

    /// The holidays and vacations.
    pub fn holidays(&self) -> &[DateRange] {
        &self.holidays
    }

    /// The make-up school days.
    pub fn school_days(&self) -> &[DateRange] {
        &self.school_days
    }

    /// What `date` is.
    pub fn kind(&self, date: Date) -> DayKind {
        let weekend = date.weekday().is_weekend();
        if self.school_days.iter().any(|r| r.contains(date)) {
            if weekend {
                DayKind::MakeUpDay
            } else {
                DayKind::SchoolDay
            }
        } else if weekend {
            DayKind::Weekend
        } else if self.holidays.iter().any(|r| r.contains(date)) {
            DayKind::Holiday
        } else {
            DayKind::SchoolDay
        }
    }

    /// Whether the school-day limits apply on `date`.
    pub fn is_school_day(&self, date: Date) -> bool {
        self.kind(date).is_school_day()
    }

    /// The first day of the term `date` is in: the day after the last
    /// vacation (a holiday range of 14 days or more) that ended before it;
    /// without one, 1 September for dates from September to January and
    /// 1 February otherwise (China's autumn and spring terms).
    pub fn term_start(&self, date: Date) -> Date {
        let vacation = self
            .holidays
            .iter()
            .filter(|r| r.end < date && r.end.days_since(r.start) >= 13)
            .map(|r| r.end.add_days(1))
            .max();
        let (y, m, _) = date.ymd();
        let fallback = match m {
            9..=12 => Date::from_ymd(y, 9, 1),
            1 => Date::from_ymd(y - 1, 9, 1),
            _ => Date::from_ymd(y, 2, 1),
        }
        .unwrap_or(date);
        vacation.map_or(fallback, |v| v.max(fallback))
    }

    /// The wire form, as in a feed or log.
    pub fn to_value(&self) -> Value {
        let list =
            |l: &[DateRange]| Value::Array(l.iter().map(|r| Value::String(r.to_wire())).collect());
        json!({"holidays": list(&self.holidays), "school_days": list(&self.school_days)})
    }

    /// Reads `calendar` with every problem at its path; a date in both lists
    /// names both entries.
    pub(crate) fn read(ctx: &mut Ctx, path: &str, value: &Value) -> Option<Self> {
        let o = Obj::of(ctx, path, value)?;
        let list = |ctx: &mut Ctx, key: &str| {
            o.opt(
                ctx,
                key,
                Nested {
                    expected: "a list of dates or start/end ranges",
                    f: |ctx: &mut Ctx, p: &str, v: &Value| json::list(ctx, p, v, DateRange::read),
                },
            )
        };
        let holidays = list(ctx, "holidays").ok()?.unwrap_or_default();
        let school_days = list(ctx, "school_days").ok()?.unwrap_or_default();
        let mut ok = true;
        for (i, h) in holidays.iter().enumerate() {
            for (j, s) in school_days.iter().enumerate() {
                if let Some(d) = h.overlap(*s) {
                    ok = false;
                    ctx.report(
                        &json::index(&o.path_of("school_days"), j),
                        format!(
                            "{d} is both a school day and a holiday (also in {})",
                            json::index(&o.path_of("holidays"), i)
                        ),
                    );
                }
            }
        }
        ok.then_some(Self {
            holidays,
            school_days,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn r(s: &str) -> DateRange {
        DateRange::parse(s).unwrap()
    }

    /// The National Day week of 2026 as schools ran it: 1–8 October off,
    /// Sunday 27 September and Saturday 10 October made up.
    fn national_day() -> Calendar {
        Calendar::new(
            vec![r("2026-10-01/2026-10-08"), r("2027-01-23/2027-02-21")],
            vec![r("2026-09-27"), r("2026-10-10")],
        )
        .unwrap()
    }

    #[test]
    fn the_national_day_week() {
        let c = national_day();
        for (date, kind) in [
            ("2026-09-25", DayKind::SchoolDay), // Friday
            ("2026-09-26", DayKind::Weekend),
            ("2026-09-27", DayKind::MakeUpDay), // Sunday made up
            ("2026-09-30", DayKind::SchoolDay),
            ("2026-10-01", DayKind::Holiday), // first day of the range
            ("2026-10-05", DayKind::Holiday), // a Monday in the holiday
            ("2026-10-08", DayKind::Holiday), // last day of the range
            ("2026-10-09", DayKind::SchoolDay),
            ("2026-10-10", DayKind::MakeUpDay), // Saturday made up
            ("2026-10-11", DayKind::Weekend),
        ] {
            assert_eq!(c.kind(d(date)), kind, "{date}");
        }
        // Saturday 3 October is in the holiday range but is a weekend anyway.
        assert!(!c.is_school_day(d("2026-10-03")));
    }

    #[test]
    fn a_range_across_the_year_end_and_week_53() {
        // 2026 has an ISO week 53 (28 December 2026 – 3 January 2027).
        assert_eq!(d("2026-12-31").iso_week().week(), 53);
        let c = Calendar::new(vec![r("2026-12-31/2027-01-03")], vec![r("2027-01-02")]);
        assert!(c.is_none(), "2 January is in both lists");
        let c = Calendar::new(vec![r("2026-12-31/2027-01-01")], vec![r("2027-01-02")]).unwrap();
        assert_eq!(c.kind(d("2026-12-30")), DayKind::SchoolDay);
        assert_eq!(c.kind(d("2026-12-31")), DayKind::Holiday);
        assert_eq!(c.kind(d("2027-01-01")), DayKind::Holiday);
        assert_eq!(c.kind(d("2027-01-02")), DayKind::MakeUpDay);
        assert_eq!(c.kind(d("2027-01-04")), DayKind::SchoolDay);
    }

    #[test]
    fn entries_are_checked() {
        assert_eq!(r("2026-10-01").to_wire(), "2026-10-01");
        assert_eq!(
            r("2026-10-01/2026-10-08").to_wire(),
            "2026-10-01/2026-10-08"
        );
        assert!(
            DateRange::parse("2026-10-08/2026-10-01")
                .unwrap_err()
                .contains("ends (2026-10-01) before it starts (2026-10-08)")
        );
        assert!(
            DateRange::parse("2026-01-01/2026-12-31").is_ok(),
            "365 days"
        );
        assert!(
            DateRange::parse("2028-01-01/2028-12-31").is_ok(),
            "366 days"
        );
        assert!(
            DateRange::parse("2026-01-01/2027-01-02")
                .unwrap_err()
                .contains("spans 367 days")
        );
        assert!(
            DateRange::parse("2026-02-30")
                .unwrap_err()
                .contains("not a real date")
        );
        assert!(DateRange::parse("2026-10-01/").is_err());
    }

    #[test]
    fn the_term_starts_after_the_last_vacation() {
        let c = national_day();
        // The National Day week is 8 days: not a vacation.
        assert_eq!(c.term_start(d("2026-11-20")), d("2026-09-01"));
        assert_eq!(c.term_start(d("2027-01-10")), d("2026-09-01"));
        // After the winter vacation (23 January – 21 February).
        assert_eq!(c.term_start(d("2027-03-01")), d("2027-02-22"));
        assert_eq!(
            Calendar::default().term_start(d("2027-03-01")),
            d("2027-02-01")
        );
    }
}
