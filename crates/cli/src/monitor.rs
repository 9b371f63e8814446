//! `jianfu monitor FEEDS...`: the homework monitoring report (作业监测报告)
//! over many class feeds, as `jianfu_core::monitor` computes it.

use std::path::PathBuf;

use jianfu_core::monitor::{Monitor, Totals};
use jianfu_core::{Date, Feed};
use serde::Serialize;

use crate::Status;
use crate::input;
use crate::output::{Lang, Table};

/// What `jianfu monitor` was given.
pub(crate) struct Args<'a> {
    pub(crate) feeds: &'a [PathBuf],
    pub(crate) from: Option<&'a str>,
    pub(crate) to: Option<&'a str>,
    pub(crate) as_json: bool,
    pub(crate) lang: Lang,
}

pub(crate) fn run(args: &Args<'_>) -> Status {
    let date = |flag: &str, text: Option<&str>| -> Result<Option<Date>, ()> {
        text.map(|t| Date::parse(t).map_err(|e| eprintln!("--{flag} {t}: {e}")))
            .transpose()
    };
    let (Ok(from), Ok(to)) = (date("from", args.from), date("to", args.to)) else {
        return Status::Invalid;
    };
    let Some(feeds) = read_feeds(args.feeds) else {
        return Status::Invalid;
    };
    let Some(report) = jianfu_core::monitor::monitor(&feeds, from, to) else {
        eprintln!(
            "no date range: {}",
            if feeds.is_empty() {
                "no feeds were given"
            } else if from.is_some() && to.is_some() {
                "--to is before --from"
            } else {
                "the feeds have no entries (give --from and --to)"
            }
        );
        return Status::Invalid;
    };
    if args.as_json {
        println!(
            "{}",
            serde_json::to_string(&MonitorOut::from(&report)).unwrap_or_default()
        );
    } else {
        print_human(&report, args.lang);
    }
    if report.meets_target() {
        Status::Ok
    } else {
        Status::RuleBroken
    }
}

/// Every feed of `paths` (files, or directories of `.json` files), or
/// `None` after saying on stderr which file is wrong and where.
fn read_feeds(paths: &[PathBuf]) -> Option<Vec<Feed>> {
    if let Some(url) = paths.iter().find(|p| {
        let p = p.to_string_lossy();
        p.starts_with("http://") || p.starts_with("https://")
    }) {
        eprintln!(
            "{}: jianfu monitor reads files and directories, not URLs yet; download the feeds first (for example with curl) and give the files",
            url.display()
        );
        return None;
    }
    let files = match input::expand(paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            return None;
        }
    };
    let mut feeds = Vec::with_capacity(files.len());
    let mut bad = false;
    for file in &files {
        match input::read_file(file) {
            Err(e) => {
                eprintln!("{e}");
                bad = true;
            }
            Ok(text) => match Feed::parse(&text) {
                Ok(f) => feeds.push(f),
                Err(problems) => {
                    for p in problems.as_slice() {
                        eprintln!("{}: {p}", file.display());
                    }
                    bad = true;
                }
            },
        }
    }
    (!bad).then_some(feeds)
}

/// `monitor --json`, field for field as `interfaces.md` gives it.
#[derive(Serialize)]
struct MonitorOut {
    from: String,
    to: String,
    target_percent: u32,
    classes: Vec<ClassOut>,
    schools: Vec<SchoolOut>,
    total: TotalOut,
}

#[derive(Serialize)]
struct ClassOut {
    school: String,
    class: String,
    grade: u8,
    school_days: u32,
    published: u32,
    over_limit: u32,
    missing: u32,
    grades_1_2_written: u32,
    percent_within_limit: Option<f64>,
    after_school_published: bool,
    after_school_days: u32,
    after_school_shortfalls: u32,
    percent_after_school: Option<f64>,
}

/// The sums a school and the total share.
#[derive(Serialize)]
struct CountsOut {
    classes: u32,
    school_days: u32,
    published: u32,
    over_limit: u32,
    missing: u32,
    grades_1_2_written: u32,
    percent_within_limit: Option<f64>,
    /// Classes whose feed publishes a service; the share is over them.
    after_school_classes: u32,
    after_school_days: u32,
    after_school_shortfalls: u32,
    percent_after_school: Option<f64>,
}

impl From<&Totals> for CountsOut {
    fn from(t: &Totals) -> Self {
        Self {
            classes: t.classes,
            school_days: t.school_days,
            published: t.published,
            over_limit: t.over_limit,
            missing: t.missing,
            grades_1_2_written: t.grades_1_2_written,
            percent_within_limit: t.share().percent(),
            after_school_classes: t.after_school_classes,
            after_school_days: t.after_school_days,
            after_school_shortfalls: t.after_school_shortfalls,
            percent_after_school: t
                .after_school_share()
                .and_then(jianfu_core::evaluate::Share::percent),
        }
    }
}

#[derive(Serialize)]
struct SchoolOut {
    school: String,
    #[serde(flatten)]
    counts: CountsOut,
}

#[derive(Serialize)]
struct TotalOut {
    #[serde(flatten)]
    counts: CountsOut,
    meets_target: bool,
}

impl From<&Monitor> for MonitorOut {
    fn from(m: &Monitor) -> Self {
        Self {
            from: m.from.to_string(),
            to: m.to.to_string(),
            target_percent: m.target_percent(),
            classes: m
                .classes
                .iter()
                .map(|c| ClassOut {
                    school: c.school.clone(),
                    class: c.class.clone(),
                    grade: c.grade,
                    school_days: c.school_days,
                    published: c.published,
                    over_limit: c.over_limit,
                    missing: c.missing,
                    grades_1_2_written: c.grades_1_2_written,
                    percent_within_limit: c.share().percent(),
                    after_school_published: c.after_school_published,
                    after_school_days: c.after_school_days,
                    after_school_shortfalls: c.after_school_shortfalls,
                    percent_after_school: c
                        .after_school_share()
                        .and_then(jianfu_core::evaluate::Share::percent),
                })
                .collect(),
            schools: m
                .schools
                .iter()
                .map(|s| SchoolOut {
                    school: s.school.clone(),
                    counts: CountsOut::from(&s.totals),
                })
                .collect(),
            total: TotalOut {
                counts: CountsOut::from(&m.total),
                meets_target: m.meets_target(),
            },
        }
    }
}

fn percent(p: Option<f64>) -> String {
    p.map_or_else(|| "-".to_owned(), |p| format!("{p:.1}%"))
}

fn print_human(m: &Monitor, lang: Lang) {
    println!(
        "{} {} – {}",
        lang.t("作业监测报告", "Homework monitoring report"),
        m.from,
        m.to
    );
    let header = |first: &'static str, first_en: &'static str| {
        [
            lang.t(first, first_en),
            lang.t("上学日", "school days"),
            lang.t("已公示", "published"),
            lang.t("超时", "over limit"),
            lang.t("未公示", "missing"),
            lang.t("一二年级书面", "grades 1–2 written"),
            lang.t("达标率", "within limit"),
            lang.t("课后服务5+2", "5+2 service"),
        ]
    };
    let service = |share: Option<jianfu_core::evaluate::Share>, short: u32| {
        share.map_or_else(
            || lang.t("未公布", "not published").to_owned(),
            |s| {
                format!(
                    "{} ({short} {})",
                    percent(s.percent()),
                    lang.t("天不足", "short")
                )
            },
        )
    };
    let mut t = Table::new(&header("班级", "class"));
    for c in &m.classes {
        t.row(vec![
            format!("{} {}", c.school, c.class),
            c.school_days.to_string(),
            c.published.to_string(),
            c.over_limit.to_string(),
            c.missing.to_string(),
            c.grades_1_2_written.to_string(),
            percent(c.share().percent()),
            service(c.after_school_share(), c.after_school_shortfalls),
        ]);
    }
    print!("{}", t.render());
    println!();
    let mut t = Table::new(&header("学校", "school"));
    let mut row = |name: String, s: &Totals| {
        t.row(vec![
            name,
            s.school_days.to_string(),
            s.published.to_string(),
            s.over_limit.to_string(),
            s.missing.to_string(),
            s.grades_1_2_written.to_string(),
            percent(s.share().percent()),
            service(s.after_school_share(), s.after_school_shortfalls),
        ]);
    };
    for s in &m.schools {
        row(format!("{} ({})", s.school, s.totals.classes), &s.totals);
    }
    row(
        format!("{} ({})", lang.t("合计", "total"), m.total.classes),
        &m.total,
    );
    print!("{}", t.render());
    let verdict = if m.meets_target() {
        lang.t("达到", "meets")
    } else {
        lang.t("未达到", "does not meet")
    };
    println!(
        "{}: {} {} {}%",
        lang.t("结论", "verdict"),
        verdict,
        lang.t("目标", "the target of"),
        m.target_percent()
    );
}
