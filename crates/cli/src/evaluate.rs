//! `jianfu evaluate LOG`: a parent's log per day, night and ISO week.

use std::path::Path;

use jianfu_core::{Evaluation, Log, evaluate};
use serde::Serialize;

use crate::Status;
use crate::input;
use crate::output::{Lang, Table, one_decimal};

pub(crate) fn run(file: &Path, as_json: bool, lang: Lang) -> Status {
    let text = match input::read_file(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return Status::Invalid;
        }
    };
    let log = match Log::parse(&text) {
        Ok(l) => l,
        Err(problems) => {
            for p in problems.as_slice() {
                eprintln!("{}: {p}", file.display());
            }
            return Status::Invalid;
        }
    };
    let e = evaluate(&log);
    if as_json {
        println!("{}", to_json(&e));
    } else {
        print_human(&e, lang);
    }
    // The weekly average and the hours of sleep are the rules; a single long
    // evening and a late bedtime ("generally no later than") are warnings.
    let broken = e.weeks.iter().any(|w| !w.average_within_limit())
        || e.nights
            .iter()
            .any(|n| n.sleep_minutes < u32::from(n.required_minutes));
    if broken {
        Status::RuleBroken
    } else {
        Status::Ok
    }
}

/// `evaluate --json`, field for field as `interfaces.md` gives it: the
/// shape is these types, so a field cannot be misspelt or go missing from
/// one branch.
#[derive(Serialize)]
struct EvaluationOut {
    days: Vec<DayOut>,
    nights: Vec<NightOut>,
    weeks: Vec<WeekOut>,
}

#[derive(Serialize)]
struct DayOut {
    date: String,
    school_day: bool,
    written_minutes: u32,
    /// Of `written_minutes`, those done at school (after-school homework help).
    school_minutes: u32,
    /// `written_minutes − school_minutes`.
    home_minutes: u32,
    optional_minutes: u32,
    /// `null` where no limit applies (grades 1–2: no written homework at all).
    limit: Option<u16>,
    over_by: u32,
    unfinished: u32,
}

#[derive(Serialize)]
struct NightOut {
    night_of: String,
    sleep_minutes: u32,
    required_minutes: u16,
    bedtime_late_by: u32,
}

#[derive(Serialize)]
struct WeekOut {
    week: String,
    avg_written_minutes: Option<f64>,
    limit: Option<u16>,
    days_within_limit: u32,
    days_logged: u32,
    percent_within_limit: Option<f64>,
    /// School days with written entries, all of them done at school.
    days_finished_at_school: u32,
}

fn to_json(e: &Evaluation) -> String {
    let out = EvaluationOut {
        days: e
            .days
            .iter()
            .map(|d| DayOut {
                date: d.date.to_string(),
                school_day: d.school_day(),
                written_minutes: d.written_minutes,
                school_minutes: d.school_minutes,
                home_minutes: d.home_minutes(),
                optional_minutes: d.optional_minutes,
                limit: d.limit.minutes(),
                over_by: d.over_by,
                unfinished: d.unfinished,
            })
            .collect(),
        nights: e
            .nights
            .iter()
            .map(|n| NightOut {
                night_of: n.night_of.to_string(),
                sleep_minutes: n.sleep_minutes,
                required_minutes: n.required_minutes,
                bedtime_late_by: n.bedtime_late_by,
            })
            .collect(),
        weeks: e
            .weeks
            .iter()
            .map(|w| WeekOut {
                week: w.week.to_string(),
                avg_written_minutes: w.avg_written_minutes.map(one_decimal),
                limit: w.limit.minutes(),
                days_within_limit: w.days_within_limit,
                days_logged: w.days_logged,
                percent_within_limit: w.share().percent(),
                days_finished_at_school: w.days_finished_at_school,
            })
            .collect(),
    };
    // Serializing plain structs of numbers, strings and options cannot fail.
    serde_json::to_string(&out).unwrap_or_default()
}

fn hm(minutes: u32) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

fn print_human(e: &Evaluation, lang: Lang) {
    let none = || lang.t("无", "none").to_owned();
    let mut t = Table::new(&[
        lang.t("日期", "date"),
        lang.t("类型", "day"),
        lang.t("书面(分钟)", "written min"),
        lang.t("其中在校", "at school"),
        lang.t("在家", "at home"),
        lang.t("选做", "optional"),
        lang.t("上限", "limit"),
        lang.t("超出", "over by"),
        lang.t("未完成", "unfinished"),
    ]);
    for d in &e.days {
        t.row(vec![
            d.date.to_string(),
            lang.day_kind(d.kind).to_owned(),
            d.written_minutes.to_string(),
            d.school_minutes.to_string(),
            d.home_minutes().to_string(),
            d.optional_minutes.to_string(),
            d.limit.minutes().map_or_else(none, |m| m.to_string()),
            d.over_by.to_string(),
            d.unfinished.to_string(),
        ]);
    }
    print!("{}", t.render());
    if !e.nights.is_empty() {
        println!();
        let mut t = Table::new(&[
            lang.t("晚上", "night of"),
            lang.t("睡眠", "slept"),
            lang.t("应睡", "required"),
            lang.t("晚睡(分钟)", "late to bed (min)"),
        ]);
        for n in &e.nights {
            t.row(vec![
                n.night_of.to_string(),
                hm(n.sleep_minutes),
                hm(u32::from(n.required_minutes)),
                n.bedtime_late_by.to_string(),
            ]);
        }
        print!("{}", t.render());
    }
    if !e.weeks.is_empty() {
        println!();
        let mut t = Table::new(&[
            lang.t("周", "week"),
            lang.t("平均书面(分钟)", "avg written min"),
            lang.t("上限", "limit"),
            lang.t("达标天数", "days within"),
            lang.t("达标率(目标90%)", "share (target 90%)"),
            lang.t("在校完成书面作业", "written done at school"),
            lang.t("结论", "verdict"),
        ]);
        for w in &e.weeks {
            t.row(vec![
                w.week.to_string(),
                w.avg_written_minutes
                    .map_or_else(|| "-".to_owned(), |a| format!("{a:.1}")),
                w.limit.minutes().map_or_else(none, |m| m.to_string()),
                format!("{}/{}", w.days_within_limit, w.days_logged),
                w.share()
                    .percent()
                    .map_or_else(|| "-".to_owned(), |p| format!("{p:.1}%")),
                format!("{}/{}", w.days_finished_at_school, w.days_logged),
                if w.average_within_limit() {
                    lang.t("符合", "within")
                } else {
                    lang.t("超出", "over")
                }
                .to_owned(),
            ]);
        }
        print!("{}", t.render());
    }
}
