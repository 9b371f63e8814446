//! Issue #29: the after-school service through the CLI — `check-feed`
//! shows it and warns on each 5+2 shortfall, `evaluate` splits the written
//! minutes into school and home, `monitor` counts the service per class,
//! school and total. Over the shared fixture and real files.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::{Value, json};

fn testdata(rel: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(rel)
        .display()
        .to_string()
}

fn jianfu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jianfu"))
        .args(args)
        .env("LANG", "C")
        .output()
        .expect("run jianfu")
}

fn json_out(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).expect("one JSON document")
}

const FEED: &str = "feeds/g3c1-after-school.json";

#[test]
fn check_feed_shows_the_service_and_warns_once_for_the_early_finish() {
    let o = jianfu(&["--json", "check-feed", &testdata(FEED)]);
    assert_eq!(o.status.code(), Some(0), "a warning is not a failure");
    let v = json_out(&o);
    assert_eq!(v["valid"], true);
    let warnings = v["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0]["date"], "2026-12-24");
    assert_eq!(warnings[0]["rule"], "after_school_5_2");
    assert_eq!(warnings[0]["path"], "school.after_school");
    let msg = warnings[0]["message"].as_str().unwrap();
    assert!(
        msg.contains("50 min") && msg.contains("16:30") && msg.contains("17:30"),
        "{msg}"
    );

    let o = jianfu(&["--lang", "zh-CN", "check-feed", &testdata(FEED)]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("课后服务 (不早于 17:30)"), "{out}");
    assert!(out.contains("2026-12-21  15:40–17:50   130  符合"), "{out}");
    assert!(
        out.contains("2026-12-24  15:40–16:30    50  课后服务只有 50 分钟"),
        "{out}"
    );
    assert!(
        out.contains("教师培训，提前放学"),
        "the change's note: {out}"
    );
    assert!(out.contains("延时托管至: 18:30"), "{out}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.matches("warning").count(), 1, "{err}");
}

#[test]
fn a_service_that_breaks_the_format_is_invalid_at_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let mut v: Value =
        serde_json::from_str(&std::fs::read_to_string(testdata(FEED)).unwrap()).unwrap();
    v["school"]["after_school"]["weekly"][0]["sessions"][2]["end"] = json!("18:10");
    v["school"]["after_school"]["changes"][0]["date"] = json!("2026-12-24/2026-12-20");
    let path = dir.path().join("bad.json");
    std::fs::write(&path, v.to_string()).unwrap();
    let o = jianfu(&["--json", "check-feed", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let errors: Vec<String> = json_out(&o)["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{}: {}",
                e["path"].as_str().unwrap(),
                e["message"].as_str().unwrap()
            )
        })
        .collect();
    assert!(errors.iter().any(|e| e.starts_with("school.after_school.weekly[0].sessions[2]: 17:10–18:10 is outside the service's 15:40–17:50")), "{errors:?}");
    assert!(
        errors
            .iter()
            .any(|e| e
                .starts_with("school.after_school.changes[0].date: the range ends (2026-12-20)")),
        "{errors:?}"
    );
}

#[test]
fn evaluate_splits_school_and_home_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let log = json!({
        "format": "jianfu.log/1",
        "child": {"grade": 3},
        "homework": [
            {"date": "2026-12-21", "subject": "math", "kind": "written", "minutes": 20, "at": "school", "item": "2026-12-21-math-1"},
            {"date": "2026-12-21", "subject": "chinese", "kind": "written", "minutes": 25},
            {"date": "2026-12-24", "subject": "math", "kind": "written", "minutes": 25, "at": "school"}
        ],
        "sleep": []
    });
    let path = dir.path().join("log.json");
    std::fs::write(&path, log.to_string()).unwrap();
    let v = json_out(&jianfu(&["--json", "evaluate", path.to_str().unwrap()]));
    let days: Vec<(u64, u64, u64)> = v["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["written_minutes"].as_u64().unwrap(),
                d["school_minutes"].as_u64().unwrap(),
                d["home_minutes"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(days, [(45, 20, 25), (25, 25, 0)]);
    assert_eq!(v["weeks"][0]["days_finished_at_school"], 1);
    let o = jianfu(&["--lang", "en", "evaluate", path.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("at school") && out.contains("written done at school"),
        "{out}"
    );
}

#[test]
fn monitor_counts_the_service_per_class_school_and_total() {
    let o = jianfu(&[
        "--json",
        "monitor",
        &testdata(FEED),
        &testdata("feeds/g4c2-within-limits.json"),
        "--from",
        "2026-12-21",
        "--to",
        "2026-12-25",
    ]);
    let v = json_out(&o);
    let c = &v["classes"][0];
    assert_eq!(
        (
            &c["after_school_published"],
            &c["after_school_days"],
            &c["after_school_shortfalls"],
            &c["percent_after_school"]
        ),
        (&json!(true), &json!(4), &json!(1), &json!(80.0))
    );
    let without = &v["classes"][1];
    assert_eq!(without["after_school_published"], false);
    assert_eq!(
        without["percent_after_school"],
        Value::Null,
        "counted apart, not as shortfalls"
    );
    assert_eq!(without["after_school_shortfalls"], 0);
    assert_eq!(v["schools"][0]["after_school_classes"], 1);
    assert_eq!(v["total"]["percent_after_school"], 80.0);
    assert_eq!(v["total"]["after_school_shortfalls"], 1);
}
