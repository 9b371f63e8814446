//! `jianfu check-feed FILE...`: validates feeds and reports, per class and
//! date, the core written minutes against the limit; with `--bureaus`, also
//! whether the app's bureau directory covers the school and what the feed
//! says about receivers that the directory does not back.

use std::path::{Path, PathBuf};

use jianfu_core::after_school::OnDay;
use jianfu_core::bureaus::{Directory, FeedLocation};
use jianfu_core::feed::Violation;
use jianfu_core::{Feed, Problems};
use serde::Serialize;

use crate::Status;
use crate::input;
use crate::output::{Lang, Table};

/// Reads the `--bureaus` directory; every problem goes to stderr.
pub(crate) fn read_directory(path: &Path) -> Result<Directory, ()> {
    let text = input::read_file(path).map_err(|e| eprintln!("{e}"))?;
    Directory::parse(&text).map_err(|p: Problems| {
        for problem in p.as_slice() {
            eprintln!("{}: {problem}", path.display());
        }
    })
}

/// What the directory says of a feed published at `url`: its receiver's
/// id, and the problems (no bureau covers the address, the school id is not
/// one the covering bureau lists, or the feed names what the directory does
/// not), as formats.md §6 decides them.
fn bureau_check(
    directory: &Directory,
    feed: &Feed,
    url: Option<&str>,
) -> (Option<String>, Vec<String>) {
    let location = url.and_then(|u| FeedLocation::new(u, None));
    let r = directory.receiver(feed, location.as_ref());
    let mut problems: Vec<String> = r.mismatches.iter().map(ToString::to_string).collect();
    if r.bureau.is_none() {
        problems.insert(
            0,
            match url {
                None => "no address given (--url): a bureau covers the feeds published under its `feeds` prefixes, so a file alone is covered by none".to_owned(),
                Some(u) if location.is_none() => format!(
                    "{u}: not an address a bureau can cover (https:, no credentials, no . segments)"
                ),
                Some(u) => format!(
                    "{u}: no bureau in the directory covers this address; parents cannot report on this school from the app"
                ),
            },
        );
    }
    (r.bureau.map(|b| b.id.clone()), problems)
}

pub(crate) fn run(
    files: &[PathBuf],
    directory: Option<(&Directory, Option<&str>)>,
    as_json: bool,
    lang: Lang,
) -> Status {
    let mut status = Status::Ok;
    for file in files {
        let name = file.display().to_string();
        let text = match input::read_file(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{e}");
                if as_json {
                    let problem = Problem {
                        path: String::new(),
                        message: e.error.to_string(),
                        date: None,
                        rule: None,
                    };
                    print_json(&CheckOut::invalid(name, vec![problem]));
                }
                status = status.max(Status::Invalid);
                continue;
            }
        };
        match Feed::parse(&text) {
            Err(problems) => {
                status = status.max(Status::Invalid);
                for p in problems.as_slice() {
                    eprintln!("{name}: {p}");
                }
                if as_json {
                    let errors = problems
                        .as_slice()
                        .iter()
                        .map(|p| Problem {
                            path: p.path.clone(),
                            message: p.message.clone(),
                            date: None,
                            rule: None,
                        })
                        .collect();
                    print_json(&CheckOut::invalid(name, errors));
                } else {
                    println!("✗ {name}: {}", lang.t("无效", "invalid"));
                }
            }
            Ok(feed) => {
                let violations = feed.violations();
                if !violations.is_empty() {
                    status = status.max(Status::RuleBroken);
                }
                let bureau = directory.map(|(d, url)| bureau_check(d, &feed, url));
                if bureau.as_ref().is_some_and(|(_, p)| !p.is_empty()) {
                    status = status.max(Status::RuleBroken);
                }
                let warnings = feed.warnings();
                for w in &warnings {
                    eprintln!("{name}: warning: {w}");
                }
                // 5+2 shortfalls and a primary service without homework
                // help: warnings (rules.md), exit 0.
                let service = feed.service_warnings(lang);
                for w in &service {
                    eprintln!("{name}: warning: school.after_school: {}", w.message);
                }
                if as_json {
                    let mut out = CheckOut::valid(name.clone(), &feed, &violations, lang);
                    out.warnings = Some(warnings_out(&warnings, &service));
                    if let Some((id, problems)) = &bureau {
                        out.bureau = Some(id.clone().map_or(Receiver::Nobody, Receiver::Bureau));
                        out.bureau_problems = Some(problems.clone());
                    }
                    print_json(&out);
                } else {
                    let clean =
                        violations.is_empty() && bureau.as_ref().is_none_or(|(_, p)| p.is_empty());
                    print_human(&name, &feed, &violations, clean, lang);
                    if let Some((id, problems)) = &bureau {
                        if let Some(id) = id {
                            println!(
                                "  {}: {id}",
                                lang.t("受理举报的教育局", "reports go to bureau")
                            );
                        }
                        for p in problems {
                            println!("  ! {p}");
                        }
                    }
                }
            }
        }
    }
    status
}

/// `warnings` of `check-feed --json`: the feed's, then the after-school
/// service's, each with its date and rule.
fn warnings_out(
    feed: &[jianfu_core::Problem],
    service: &[jianfu_core::feed::ServiceWarning],
) -> Vec<Problem> {
    feed.iter()
        .map(|w| Problem {
            path: w.path.clone(),
            message: w.message.clone(),
            date: None,
            rule: None,
        })
        .chain(service.iter().map(|w| Problem {
            path: "school.after_school".into(),
            message: w.message.clone(),
            date: Some(w.date.to_string()),
            rule: Some(w.rule.as_str()),
        }))
        .collect()
}

/// One line of `check-feed --json`, field for field as `interfaces.md`
/// gives it. The fields after `violations` are there only for a feed that
/// parsed (and `bureau*` only with `--bureaus`).
#[derive(Serialize)]
struct CheckOut {
    file: String,
    valid: bool,
    errors: Vec<Problem>,
    violations: Vec<ViolationOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    school: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    class: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    grade: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    days: Option<Vec<DayOut>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    warnings: Option<Vec<Problem>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bureau: Option<Receiver>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bureau_problems: Option<Vec<String>>,
}

/// The bureau that receives reports about the school, by id, or `null`
/// when no bureau of the directory covers it.
#[derive(Serialize)]
#[serde(untagged)]
enum Receiver {
    Bureau(String),
    Nobody,
}

/// A problem at a path of the document (`days[1].items[0].estimated_minutes`).
#[derive(Serialize)]
struct Problem {
    path: String,
    message: String,
    /// The school day a warning is about (after-school service).
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    /// Which rule a warning is about (`after_school_5_2`…).
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<&'static str>,
}

#[derive(Serialize)]
struct ViolationOut {
    class: String,
    date: String,
    rule: &'static str,
    limit: u16,
    actual: u32,
    items: Vec<String>,
    /// The violation in words, in the output's language, as the studio
    /// shows it; an extra field, which interfaces.md allows.
    message: String,
}

#[derive(Serialize)]
struct DayOut {
    date: String,
    school_day: bool,
    written_minutes: u32,
    limit: Option<u16>,
}

impl CheckOut {
    fn invalid(file: String, errors: Vec<Problem>) -> Self {
        Self {
            file,
            valid: false,
            errors,
            violations: Vec::new(),
            school: None,
            class: None,
            grade: None,
            days: None,
            warnings: None,
            bureau: None,
            bureau_problems: None,
        }
    }

    fn valid(file: String, feed: &Feed, violations: &[Violation], lang: Lang) -> Self {
        let days = feed
            .days
            .iter()
            .map(|d| DayOut {
                date: d.date.to_string(),
                school_day: feed.school.rules.is_school_day(d.date),
                written_minutes: d.written_core_minutes(),
                limit: feed.written_limit(d.date).minutes(),
            })
            .collect();
        Self {
            valid: true,
            violations: violations
                .iter()
                .map(|v| ViolationOut {
                    class: feed.class.id.clone(),
                    date: v.date.to_string(),
                    rule: v.rule.as_str(),
                    limit: v.limit,
                    actual: v.actual,
                    items: v.items.clone(),
                    message: v.describe(lang.tag()),
                })
                .collect(),
            school: Some(feed.school.id.clone()),
            class: Some(feed.class.id.clone()),
            grade: Some(feed.class.grade.get()),
            days: Some(days),
            ..Self::invalid(file, Vec::new())
        }
    }
}

/// Prints one JSON line (plain structs of strings and numbers: this
/// cannot fail).
fn print_json(out: &CheckOut) {
    println!("{}", serde_json::to_string(out).unwrap_or_default());
}

fn print_human(name: &str, feed: &Feed, violations: &[Violation], clean: bool, lang: Lang) {
    let mark = if clean { "✓" } else { "!" };
    println!(
        "{mark} {name}: {} {} ({} {}), {} {}",
        feed.school.name.pick(lang.tag()),
        feed.class.name.pick(lang.tag()),
        lang.t("年级", "grade"),
        feed.class.grade,
        feed.days.len(),
        lang.t("天", "days"),
    );
    let mut t = Table::new(&[
        lang.t("日期", "date"),
        lang.t("类型", "day"),
        lang.t("书面(分钟)", "written min"),
        lang.t("上限", "limit"),
        lang.t("结果", "verdict"),
    ]);
    for d in &feed.days {
        let limit = feed.written_limit(d.date).minutes();
        let verdict = violations.iter().find(|v| v.date == d.date).map_or_else(
            || lang.t("符合", "within").to_owned(),
            |v| v.describe(lang.tag()),
        );
        t.row(vec![
            d.date.to_string(),
            lang.day_kind(feed.school.rules.day_kind(d.date)).to_owned(),
            d.written_core_minutes().to_string(),
            limit.map_or_else(|| lang.t("无", "none").to_owned(), |m| m.to_string()),
            verdict,
        ]);
    }
    print!("{}", t.render());
    print_service(feed, lang);
}

/// The after-school service of each school day of the feed's dates, and
/// whether it meets 5+2.
fn print_service(feed: &Feed, lang: Lang) {
    let (Some(service), Some((from, to))) = (&feed.school.after_school, feed.date_range()) else {
        return;
    };
    let not_before = feed.school.rules.after_school_end_not_before();
    println!(
        "  {} ({} {not_before})",
        lang.t("课后服务", "after-school service"),
        lang.t("不早于", "ending no earlier than"),
    );
    let mut t = Table::new(&[
        lang.t("日期", "date"),
        lang.t("时间", "time"),
        lang.t("分钟", "min"),
        lang.t("5+2", "5+2"),
        lang.t("说明", "note"),
    ]);
    for day in feed.after_school_days(from, to) {
        let (time, minutes, note) = match &day.on {
            OnDay::Service(s) => (
                format!("{}–{}", s.start, s.end),
                s.minutes().to_string(),
                s.note.as_ref().map(|n| n.pick(lang.tag()).to_owned()),
            ),
            OnDay::Cancelled(n) => (
                lang.t("取消", "cancelled").to_owned(),
                "0".into(),
                n.as_ref().map(|n| n.pick(lang.tag()).to_owned()),
            ),
            OnDay::None => (lang.t("无", "none").to_owned(), "0".into(), None),
        };
        t.row(vec![
            day.date.to_string(),
            time,
            minutes,
            day.shortfall.map_or_else(
                || lang.t("符合", "met").to_owned(),
                |s| s.describe(not_before, lang),
            ),
            note.unwrap_or_default(),
        ]);
    }
    print!("{}", t.render());
    if let Some(until) = service.extended_care_until {
        println!("  {}: {until}", lang.t("延时托管至", "extended care until"));
    }
}
