//! `jianfu tally --survey DEF RESPONSES...`: aggregates responses with small
//! groups suppressed; never prints free text; refuses before the survey
//! closes unless `--early` (repeated tallies could single out late respondents).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jianfu_core::tally::{Figures, Group, Tallier, Tally, TallyOptions};
use jianfu_core::{Date, Response, Survey};
use serde_json::{Map, Value, json};

use crate::Status;
use crate::input;
use crate::output::{Lang, Table, one_decimal};

pub(crate) struct Args<'a> {
    pub(crate) survey: &'a Path,
    pub(crate) db: Option<&'a Path>,
    pub(crate) responses: &'a [PathBuf],
    pub(crate) by_grade_band: bool,
    pub(crate) min_group: Option<u32>,
    pub(crate) early: bool,
    pub(crate) today: Date,
    pub(crate) as_json: bool,
    pub(crate) lang: Lang,
}

pub(crate) fn run(a: &Args<'_>) -> Status {
    let survey = match input::read_survey(a.survey) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return Status::Invalid;
        }
    };
    if a.today <= survey.closes && !a.early {
        eprintln!(
            "{}",
            a.lang.t(
                &format!("调查“{}”将于 {} 截止；截止前不显示结果（反复统计可能暴露晚提交者）。如确需提前查看，请加 --early。", survey.id, survey.closes),
                &format!("survey \"{}\" closes on {}; results are not shown before then (repeated tallies could single out late respondents). Use --early to override.", survey.id, survey.closes),
            )
        );
        return Status::Invalid;
    }
    let files = match input::expand(a.responses) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            return Status::Invalid;
        }
    };
    let mut tallier = Tallier::new(
        &survey,
        TallyOptions {
            min_group: a.min_group,
            by_grade_band: a.by_grade_band,
        },
    );
    let mut status = Status::Ok;
    if let Some(db) = a.db {
        match jianfu_inbox::store::bodies(db, jianfu_inbox::store::Kind::Response) {
            Ok(rows) => {
                for (_, body) in rows {
                    match Response::parse(&body) {
                        Ok(r) => tallier.add(&r),
                        Err(_) => tallier.add_unreadable(),
                    }
                }
            }
            Err(e) => {
                eprintln!("{}: {e}", db.display());
                return Status::Invalid;
            }
        }
    }
    for file in &files {
        let read = input::for_each_document(file, |_, text| match Response::parse(text) {
            Ok(r) => tallier.add(&r),
            Err(_) => tallier.add_unreadable(),
        });
        if let Err(e) = read {
            eprintln!("{e}");
            status = Status::Invalid;
        }
    }
    let t = tallier.finish();
    let s = t.skipped;
    eprintln!(
        "{}",
        a.lang.t(
            &format!(
                "跳过：重复 {}，其他调查 {}，无效 {}",
                s.duplicates, s.other_survey, s.invalid
            ),
            &format!(
                "skipped: {} duplicates, {} for other surveys, {} invalid",
                s.duplicates, s.other_survey, s.invalid
            ),
        )
    );
    if a.as_json {
        println!("{}", to_json(&t));
    } else {
        print_human(&t, &survey, a.lang);
    }
    status
}

fn figures_json(f: &Figures) -> Map<String, Value> {
    let questions: Map<String, Value> = f
        .questions
        .iter()
        .map(|(id, q)| {
            let mut v = json!({"n": q.n});
            if let Some(m) = q.mean {
                v["mean"] = json!(one_decimal(m));
            }
            if let Some(m) = q.median {
                v["median"] = json!(m);
            }
            if let Some(p) = q.satisfied_percent {
                v["satisfied_percent"] = json!(p);
            }
            if let Some(c) = &q.counts {
                v["counts"] = json!(c);
            }
            (id.clone(), v)
        })
        .collect();
    let mut m = Map::new();
    m.insert("responses".into(), json!(f.responses));
    m.insert("questions".into(), Value::Object(questions));
    m
}

fn to_json(t: &Tally) -> Value {
    let Some(overall) = &t.overall else {
        return json!({"survey": t.survey, "suppressed": true});
    };
    let mut v = Value::Object(figures_json(overall));
    v["survey"] = json!(t.survey);
    v["min_group"] = json!(t.min_group);
    v["skipped"] = json!({"duplicates": t.skipped.duplicates, "other_survey": t.skipped.other_survey, "invalid": t.skipped.invalid});
    if let Some(groups) = &t.groups {
        let g: BTreeMap<&String, Value> = groups
            .iter()
            .map(|(band, g)| {
                let gv = match g {
                    Group::Suppressed => json!({"suppressed": true}),
                    Group::Shown(f) => Value::Object(figures_json(f)),
                };
                (band, gv)
            })
            .collect();
        v["groups"] = json!(g);
    }
    v
}

fn print_human(t: &Tally, survey: &Survey, lang: Lang) {
    let Some(overall) = &t.overall else {
        println!(
            "{}",
            lang.t(
                &format!("回复少于 {} 份，结果不予显示。", t.min_group),
                &format!("fewer than {} responses: results suppressed.", t.min_group),
            )
        );
        return;
    };
    println!(
        "{} ({} {})",
        survey.title.pick(lang.tag()),
        overall.responses,
        lang.t("份回复", "responses")
    );
    print_figures(overall, survey, lang);
    if let Some(groups) = &t.groups {
        for (band, g) in groups {
            println!();
            match g {
                Group::Suppressed => println!(
                    "{} {band}: {}",
                    lang.t("年级段", "grades"),
                    lang.t("人数过少，不予显示", "suppressed (too few)")
                ),
                Group::Shown(f) => {
                    println!(
                        "{} {band}: {} {}",
                        lang.t("年级段", "grades"),
                        f.responses,
                        lang.t("份回复", "responses")
                    );
                    print_figures(f, survey, lang);
                }
            }
        }
    }
}

fn print_figures(f: &Figures, survey: &Survey, lang: Lang) {
    let mut t = Table::new(&[
        lang.t("题目", "question"),
        "n",
        lang.t("平均", "mean"),
        lang.t("中位数", "median"),
        lang.t("满意率(4–5)", "satisfied (4–5)"),
        lang.t("分布", "counts"),
    ]);
    for q in &survey.questions {
        let Some(qt) = f.questions.get(&q.id) else {
            continue;
        };
        let counts = qt.counts.as_ref().map_or_else(String::new, |c| {
            c.iter()
                .map(|(k, v)| format!("{k}:{v}"))
                .collect::<Vec<_>>()
                .join(" ")
        });
        t.row(vec![
            q.id.clone(),
            qt.n.to_string(),
            qt.mean.map_or_else(String::new, |m| format!("{m:.1}")),
            qt.median.map_or_else(String::new, |m| format!("{m}")),
            qt.satisfied_percent
                .map_or_else(String::new, |p| format!("{p:.1}%")),
            counts,
        ]);
    }
    print!("{}", t.render());
}
