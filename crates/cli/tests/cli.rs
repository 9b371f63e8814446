//! The `jianfu` binary run on real files: exit codes, `--json` shapes and
//! error messages that name the file and the JSON path.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

fn testdata(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(rel)
}

/// A testdata document as JSON, to change before writing it somewhere else.
/// A copy of a secret test file (a key) that only its owner can read, as
/// the CLI requires: the repository's copy has git's 0644.
fn secret(rel: &str, dir: &Path) -> PathBuf {
    let to = dir.join(rel.replace('/', "-"));
    std::fs::copy(testdata(rel), &to).expect("copy");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&to, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    }
    to
}

fn testdata_json(rel: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(testdata(rel)).expect("read")).expect("json")
}

fn jianfu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jianfu"))
        .args(args)
        .env("LANG", "C")
        .output()
        .expect("run jianfu")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited")
}

fn stdout_json_lines(o: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

#[test]
fn check_feed_verdicts_on_the_fixtures() {
    let within = testdata("feeds/g4c2-within-limits.json");
    let o = jianfu(&["--json", "check-feed", p(&within)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = &stdout_json_lines(&o)[0];
    assert_eq!(
        (v["valid"].clone(), v["violations"].clone()),
        (json!(true), json!([]))
    );

    let over = testdata("feeds/g8c3-over-limit.json");
    let g2 = testdata("feeds/g2c1-written-homework.json");
    let o = jianfu(&["--json", "--lang", "zh-CN", "check-feed", p(&over), p(&g2)]);
    assert_eq!(code(&o), 1);
    let lines = stdout_json_lines(&o);
    // `message` is core's `Violation::describe`, the studio's wording.
    assert_eq!(
        lines[0]["violations"],
        json!([{"class": "g8c3", "date": "2026-11-16", "rule": "written_minutes_over_limit",
                "limit": 90, "actual": 100,
                "items": ["2026-11-16-math-1", "2026-11-16-physics-2", "2026-11-16-english-3"],
                "message": "书面作业 100 分钟，超过上限 90 分钟"}])
    );
    assert_eq!(
        lines[1]["violations"][0]["message"],
        "布置了 10 分钟书面作业。一、二年级不布置家庭书面作业，可在校内适当安排巩固练习。"
    );
    let o = jianfu(&["--lang", "en", "check-feed", p(&over)]);
    assert!(
        stdout(&o).contains("100 min of written homework, over the 90-minute limit"),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        lines[1]["violations"][0]["rule"],
        "written_homework_grades_1_2"
    );
    assert_eq!(lines[1]["violations"][0]["limit"], 0);
}

#[test]
fn an_invalid_feed_names_file_and_path_and_exits_2() {
    let bad = testdata("feeds/invalid-missing-minutes.json");
    let o = jianfu(&["--json", "check-feed", p(&bad)]);
    assert_eq!(code(&o), 2);
    let v = &stdout_json_lines(&o)[0];
    assert_eq!(v["valid"], false);
    assert_eq!(v["errors"][0]["path"], "days[1].items[0].estimated_minutes");
    assert!(
        stderr(&o)
            .contains("invalid-missing-minutes.json: days[1].items[0].estimated_minutes: missing")
    );

    let o = jianfu(&["check-feed", "/nonexistent/feed.json"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("/nonexistent/feed.json: cannot read"));
}

#[test]
fn looser_local_limits_are_invalid() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut feed = testdata_json("feeds/g4c2-within-limits.json");
    feed["school"]["limits"] = json!({"grades_3_6_written_minutes": 75});
    let path = dir.path().join("loose.json");
    std::fs::write(&path, feed.to_string()).expect("write");
    let o = jianfu(&["check-feed", p(&path)]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o)
            .contains("school.limits.grades_3_6_written_minutes: may only make the limit stricter"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn evaluate_matches_the_interface_example() {
    let o = jianfu(&[
        "--json",
        "evaluate",
        p(&testdata("logs/g4-three-days.json")),
    ]);
    assert_eq!(code(&o), 1, "sleep below 10 h breaks a rule");
    let v = &stdout_json_lines(&o)[0];
    assert_eq!(
        v["days"][0],
        json!({"date": "2026-11-16", "school_day": true, "written_minutes": 65, "school_minutes": 0,
               "home_minutes": 65, "optional_minutes": 0, "limit": 60, "over_by": 5, "unfinished": 0})
    );
    assert_eq!(
        v["nights"][0],
        json!({"night_of": "2026-11-16", "sleep_minutes": 530, "required_minutes": 600, "bedtime_late_by": 30})
    );
    assert_eq!(v["nights"][2]["bedtime_late_by"], 170);
    assert_eq!(
        v["weeks"][0],
        json!({"week": "2026-W47", "avg_written_minutes": 50.0, "limit": 60, "days_within_limit": 2, "days_logged": 3,
               "percent_within_limit": 66.7, "days_finished_at_school": 0})
    );
}

#[test]
fn human_output_in_both_languages() {
    let log = testdata("logs/g4-three-days.json");
    let zh = jianfu(&["--lang", "zh-CN", "evaluate", p(&log)]);
    let zh = String::from_utf8_lossy(&zh.stdout);
    assert!(zh.contains("书面(分钟)") && zh.contains("2026-W47"), "{zh}");
    let en = jianfu(&["--lang", "en", "evaluate", p(&log)]);
    assert!(String::from_utf8_lossy(&en.stdout).contains("written min"));
}

/// One key in 64 starts with `-` in base64url; `seal --to` must take it as
/// the key, not as a flag (seen once: "unexpected argument '-j' found").
#[test]
fn seal_takes_a_key_that_starts_with_a_hyphen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (key, public) = (1..=2000)
        .find_map(|i| {
            let key = dir.path().join(format!("k{i}.json"));
            let o = jianfu(&["keygen", "--out", p(&key)]);
            let public = String::from_utf8_lossy(&o.stdout).trim().to_owned();
            public.starts_with('-').then_some((key, public))
        })
        .expect("a key starting with '-' within 2,000 (chance of none: 1e-14)");
    let sealed = jianfu(&[
        "seal",
        "--to",
        &public,
        p(&testdata("reports/group-chat-checkin.json")),
    ]);
    assert_eq!(code(&sealed), 0, "{}", stderr(&sealed));
    let envelope = dir.path().join("one.json");
    std::fs::write(&envelope, &sealed.stdout).expect("write");
    let o = jianfu(&["open", "--key", p(&key), p(&envelope)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn keygen_seal_open_round_trip_and_interop() {
    let dir = tempfile::tempdir().expect("tempdir");
    let key = dir.path().join("bureau.json");
    let o = jianfu(&["keygen", "--out", p(&key)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let public = String::from_utf8_lossy(&o.stdout).trim().to_owned();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    assert_eq!(
        code(&jianfu(&["keygen", "--out", p(&key)])),
        2,
        "never overwrites a key"
    );

    let report = testdata("reports/group-chat-checkin.json");
    let sealed = jianfu(&["seal", "--to", &public, p(&report)]);
    assert_eq!(code(&sealed), 0, "{}", stderr(&sealed));
    let envelope = String::from_utf8_lossy(&sealed.stdout).into_owned();
    assert!(!envelope.contains("微信群"), "no plaintext in the envelope");
    let batch = dir.path().join("inbox.jsonl");
    std::fs::write(
        &batch,
        format!("{envelope}{{\"format\": \"jianfu.envelope/1\"}}\n{envelope}"),
    )
    .expect("write");

    let o = jianfu(&["open", "--key", p(&key), p(&batch)]);
    assert_eq!(code(&o), 1, "one bad envelope in the batch");
    let reports = stdout_json_lines(&o);
    assert_eq!(reports.len(), 2, "the rest still open");
    assert_eq!(
        reports[0]["description"],
        "老师每天晚上在班级微信群里布置作业，并要求家长拍照打卡。"
    );
    assert!(
        stderr(&o).contains("inbox.jsonl:2: suite: missing"),
        "{}",
        stderr(&o)
    );

    // A directory of envelopes, including one sealed by another implementation.
    let shared = testdata("keys/demo-bureau.json");
    let refused = jianfu(&["open", "--key", p(&shared), p(&testdata("reports"))]);
    if std::fs::metadata(&shared).is_ok_and(|m| {
        use std::os::unix::fs::PermissionsExt;
        m.permissions().mode() & 0o077 != 0
    }) {
        // A key others can read is refused, with the command that fixes it.
        assert_eq!(code(&refused), 2, "{}", stderr(&refused));
        assert!(
            stderr(&refused).contains("run `chmod 600 "),
            "{}",
            stderr(&refused)
        );
    }
    let demo_key = secret("keys/demo-bureau.json", dir.path());
    let o = jianfu(&["open", "--key", p(&demo_key), p(&testdata("reports"))]);
    let opened = stdout_json_lines(&o);
    assert_eq!(opened.len(), 2, "{}", stderr(&o));
    assert!(
        opened
            .iter()
            .any(|r| r["envelope_id"] == "FbYVvZEEx_hLeCKqMhRbkg"),
        "{opened:?}"
    );

    let wrong = jianfu(&[
        "open",
        "--key",
        p(&key),
        p(&testdata("reports/group-chat-checkin.envelope.json")),
    ]);
    assert_eq!(code(&wrong), 1);
    assert!(stderr(&wrong).contains("cannot decrypt"));
}

fn response(nonce: u8, band: &str, q1: u8, q2: &str) -> String {
    let nonce = {
        let mut b = [0u8; 22];
        b.fill(b'A');
        b[0] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
            [usize::from(nonce % 64)];
        b[1] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
            [usize::from(nonce / 64)];
        String::from_utf8(b.to_vec()).expect("ascii")
    };
    json!({"format": "jianfu.response/1", "survey": "2026-autumn-satisfaction", "submitted_on": "2026-11-23",
           "grade_band": band, "answers": {"q1": q1, "q2": q2, "q5": "请不要打印我"}, "nonce": nonce})
    .to_string()
}

#[test]
fn tally_suppresses_small_groups_and_never_prints_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut lines = Vec::new();
    for i in 0..8 {
        lines.push(response(i, "3-6", 4, "a"));
    }
    for i in 8..11 {
        lines.push(response(i, "7-9", 2, "b"));
    }
    lines.push(response(0, "3-6", 5, "c")); // a retry of nonce 0
    lines.push("not json".to_owned());
    let file = dir.path().join("responses.jsonl");
    std::fs::write(&file, lines.join("\n")).expect("write");
    let survey = testdata("surveys/2026-autumn.json");

    let o = jianfu(&[
        "--json",
        "tally",
        "--early",
        "--survey",
        p(&survey),
        "--by",
        "grade_band",
        p(&file),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.contains("请不要打印我"), "free text is never printed");
    let v: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["responses"], 11);
    assert_eq!(v["questions"]["q1"]["n"], 11);
    assert_eq!(v["questions"]["q1"]["counts"]["4"], 8);
    // The figure the seeds publish: answers 4–5 of all, 8 of 11.
    assert_eq!(v["questions"]["q1"]["satisfied_percent"], json!(72.7));
    assert!(
        v["questions"]["q2"].get("satisfied_percent").is_none(),
        "likert5 only"
    );
    assert_eq!(v["groups"]["7-9"], json!({"suppressed": true}));
    assert_eq!(
        v["groups"]["3-6"],
        json!({"suppressed": true}),
        "complement of the only small group"
    );
    assert_eq!(
        v["skipped"],
        json!({"duplicates": 1, "other_survey": 0, "invalid": 1})
    );

    let o = jianfu(&[
        "--json",
        "tally",
        "--early",
        "--survey",
        p(&survey),
        "--min-group",
        "12",
        p(&file),
    ]);
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(
        v,
        json!({"survey": "2026-autumn-satisfaction", "suppressed": true})
    );
}

#[test]
fn tally_waits_for_the_survey_to_close() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut survey = testdata_json("surveys/2026-autumn.json");
    survey["closes"] = json!("2099-12-31");
    let def = dir.path().join("survey.json");
    std::fs::write(&def, survey.to_string()).expect("write");
    let file = dir.path().join("r.jsonl");
    std::fs::write(&file, "").expect("write");
    let o = jianfu(&["tally", "--survey", p(&def), p(&file)]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--early"), "{}", stderr(&o));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(code(&jianfu(&["check-feed"])), 2);
    assert_eq!(code(&jianfu(&["frobnicate"])), 2);
    assert_eq!(
        code(&jianfu(&[
            "tally",
            "--survey",
            "x",
            "--min-group",
            "0",
            "y"
        ])),
        2
    );
}

#[test]
fn check_feed_with_the_bureau_directory() {
    let dir = testdata("bureaus/demo.json");
    let jinshui = "https://www.jinshui.edu.cn/feeds/g4c2.json";
    // A feed naming its own key, URL and page: valid, but each is flagged
    // and the receiver is the bureau covering its address.
    let hostile = testdata("feeds/hostile-own-receiver.json");
    let o = jianfu(&[
        "--json",
        "check-feed",
        "--bureaus",
        p(&dir),
        "--url",
        jinshui,
        p(&hostile),
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let v = &stdout_json_lines(&o)[0];
    assert_eq!(v["valid"], json!(true));
    assert_eq!(v["bureau"], json!("demo-bureau"));
    let problems: Vec<&str> = v["bureau_problems"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        problems.iter().any(|p| p.starts_with("submit.report_key")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.starts_with("submit.report_url")),
        "{problems:?}"
    );

    // A file alone (no address) is covered by no bureau; nor is an address
    // no bureau covers.
    let o = jianfu(&["--json", "check-feed", "--bureaus", p(&dir), p(&hostile)]);
    assert_eq!(code(&o), 1);
    let v = &stdout_json_lines(&o)[0];
    assert_eq!(v["bureau"], Value::Null);
    assert!(
        v["bureau_problems"]
            .to_string()
            .contains("no address given (--url)")
    );
    let o = jianfu(&[
        "--json",
        "check-feed",
        "--bureaus",
        p(&dir),
        "--url",
        "https://erqi.example/feeds/g4.json",
        p(&hostile),
    ]);
    let v = &stdout_json_lines(&o)[0];
    assert_eq!(v["bureau"], Value::Null);
    assert!(
        v["bureau_problems"]
            .to_string()
            .contains("no bureau in the directory covers this address"),
        "{}",
        v["bureau_problems"]
    );
    directory_problems(&hostile);
}

#[test]
fn check_feed_names_a_school_that_renamed_itself_and_keeps_its_bureau() {
    // The review's attack (#26): the Jinshui feed republished under its own
    // address as a Haidian school naming the Haidian bureau. The bureau
    // covering the address still receives its reports; both claims are
    // named. On the previous main this routed to Haidian and passed.
    let jinshui = "https://www.jinshui.edu.cn/feeds/g4c2.json";
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut two = testdata_json("bureaus/demo.json");
    let mut haidian = two["bureaus"][0].clone();
    haidian["id"] = json!("bj-haidian");
    haidian["feeds"] = json!(["https://*.haidian.edu.cn/"]);
    haidian["schools"] = json!(["haidian-*"]);
    two["bureaus"].as_array_mut().expect("list").push(haidian);
    let two_path = tmp.path().join("two.json");
    std::fs::write(&two_path, two.to_string()).expect("write");
    let mut renamed = testdata_json("feeds/g4c2-within-limits.json");
    renamed["school"]["id"] = json!("haidian-exp-primary");
    renamed["submit"] = json!({"bureau": "bj-haidian"});
    let renamed_path = tmp.path().join("renamed.json");
    std::fs::write(&renamed_path, renamed.to_string()).expect("write");
    let o = jianfu(&[
        "--json",
        "check-feed",
        "--bureaus",
        p(&two_path),
        "--url",
        jinshui,
        p(&renamed_path),
    ]);
    assert_eq!(code(&o), 1);
    let v = &stdout_json_lines(&o)[0];
    assert_eq!(v["bureau"], json!("demo-bureau"));
    let problems = v["bureau_problems"].to_string();
    assert!(
        problems.contains("does not cover the address"),
        "{problems}"
    );
    assert!(
        problems.contains(
            "names a school (\\\"haidian-exp-primary\\\") that the bureau covering its address"
        ),
        "{problems}"
    );
    // In words, for people.
    let o = jianfu(&[
        "check-feed",
        "--bureaus",
        p(&two_path),
        "--url",
        jinshui,
        p(&renamed_path),
    ]);
    assert!(stdout(&o).contains("demo-bureau"), "{}", stdout(&o));
}

/// Without --bureaus nothing about receivers is judged; a directory that is
/// itself broken is invalid input.
fn directory_problems(hostile: &Path) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let o = jianfu(&["--json", "check-feed", p(hostile)]);
    assert_eq!(code(&o), 0);
    assert!(stdout_json_lines(&o)[0].get("bureau_problems").is_none());

    // A directory that is itself broken is invalid input.
    let bad_dir = tmp.path().join("bureaus.json");
    std::fs::write(
        &bad_dir,
        r#"{"format": "jianfu.bureaus/1", "bureaus": [{"id": "x"}]}"#,
    )
    .expect("write");
    let o = jianfu(&["check-feed", "--bureaus", p(&bad_dir), p(hostile)]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("bureaus[0].report_key: missing"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn low_order_keys_and_unsafe_urls_are_refused_where_read() {
    // check-feed: an all-zero key, a javascript: page and a plain-http URL.
    let bad = testdata("feeds/invalid-receivers.json");
    let o = jianfu(&["check-feed", p(&bad)]);
    assert_eq!(code(&o), 2);
    let e = stderr(&o);
    assert!(
        e.contains("submit.report_key: a low-order X25519 point"),
        "{e}"
    );
    assert!(
        e.contains("submit.report_page: expected an https: URL"),
        "{e}"
    );
    assert!(
        e.contains("submit.survey_url: expected an https: URL"),
        "{e}"
    );

    // seal: refused with a reason and exit 2, never a panic (was exit 101).
    let report = testdata("reports/group-chat-checkin.json");
    for key in [
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "7P_______________________________________38",
    ] {
        let o = jianfu(&["seal", "--to", key, p(&report)]);
        assert_eq!(code(&o), 2, "{key}: {}", stderr(&o));
        assert!(stderr(&o).contains("low-order"), "{key}: {}", stderr(&o));
        assert!(o.stdout.is_empty());
    }
    // …and from a key file too.
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("zero.json");
    std::fs::write(
        &file,
        r#"{"public": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#,
    )
    .expect("write");
    let o = jianfu(&["seal", "--to", p(&file), p(&report)]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("public: a low-order"), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn a_secret_file_readable_by_others_is_refused_with_the_chmod_to_run() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("tempdir");
    let key = tmp.path().join("bureau.json");
    assert_eq!(code(&jianfu(&["keygen", "--out", p(&key)])), 0);
    let envelope = testdata("reports/group-chat-checkin.envelope.json");
    let o = jianfu(&["open", "--key", p(&key), p(&envelope)]);
    assert!(!stderr(&o).contains("other accounts"), "0600 is quiet");
    // Was a warning the key still opened with (#26): now refused, and
    // nothing is opened.
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let o = jianfu(&["open", "--key", p(&key), p(&envelope)]);
    assert_eq!(code(&o), 2);
    assert!(o.stdout.is_empty(), "nothing opened");
    assert!(
        stderr(&o).contains(&format!(
            "the private key file can be read by other accounts (mode 0640); run `chmod 600 {}` and try again",
            key.display()
        )),
        "{}",
        stderr(&o)
    );
    // The admin token and an issuer key file likewise.
    let token = tmp.path().join("token");
    std::fs::write(&token, "t".repeat(40)).expect("write");
    std::fs::set_permissions(&token, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let o = jianfu(&[
        "inbox",
        "--listen",
        "127.0.0.1:0",
        "--db",
        p(&tmp.path().join("i.sqlite")),
        "--admin-token-file",
        p(&token),
    ]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the admin token file can be read by other accounts"),
        "{}",
        stderr(&o)
    );
    let issuer = tmp.path().join("issuer.json");
    assert_eq!(
        code(&jianfu(&[
            "issuer-key",
            "new",
            "--survey",
            "s",
            "--bits",
            "2048",
            "--out",
            p(&issuer)
        ])),
        0
    );
    std::fs::set_permissions(&issuer, std::fs::Permissions::from_mode(0o604)).expect("chmod");
    let o = jianfu(&[
        "invite",
        "--survey",
        p(&testdata("surveys/2026-autumn.json")),
        "--key",
        p(&issuer),
        "--issuer-db",
        p(&tmp.path().join("issuer.sqlite")),
        "--count",
        "1",
        "--out",
        p(&tmp.path().join("codes.csv")),
    ]);
    assert_ne!(code(&o), 0);
    assert!(
        stderr(&o).contains("the issuer key file can be read by other accounts"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn evaluate_follows_the_school_calendar_and_leaves_optional_work_out() {
    let log = testdata("logs/g5-national-day-week.json");
    let o = jianfu(&["--json", "evaluate", p(&log)]);
    assert_eq!(
        code(&o),
        1,
        "two school days over the limit: {}",
        stderr(&o)
    );
    let v = &stdout_json_lines(&o)[0];
    let day = |date: &str| {
        v["days"]
            .as_array()
            .expect("days")
            .iter()
            .find(|d| d["date"] == date)
            .cloned()
            .expect("day")
    };
    // A Monday in the National Day holiday: the school's 30-minute holiday cap.
    let holiday = day("2026-10-05");
    assert_eq!(
        (
            &holiday["school_day"],
            &holiday["limit"],
            &holiday["over_by"]
        ),
        (&json!(false), &json!(30), &json!(40))
    );
    // The make-up Saturday is a school day with the school-day limit.
    let makeup = day("2026-10-10");
    assert_eq!(
        (&makeup["school_day"], &makeup["limit"], &makeup["over_by"]),
        (&json!(true), &json!(60), &json!(10))
    );
    // 30 core minutes and 40 timed optional minutes: only the 30 count.
    let friday = day("2026-10-09");
    assert_eq!(
        (
            &friday["written_minutes"],
            &friday["optional_minutes"],
            &friday["over_by"]
        ),
        (&json!(30), &json!(40), &json!(0))
    );
    let weeks: Vec<(String, Value, Value, Value)> = v["weeks"]
        .as_array()
        .expect("weeks")
        .iter()
        .map(|w| {
            (
                w["week"].as_str().expect("week").to_owned(),
                w["days_within_limit"].clone(),
                w["days_logged"].clone(),
                w["percent_within_limit"].clone(),
            )
        })
        .collect();
    assert_eq!(
        weeks,
        [
            ("2026-W39".into(), json!(0), json!(1), json!(0.0)),
            ("2026-W40".into(), json!(3), json!(3), json!(100.0)),
            ("2026-W41".into(), json!(1), json!(2), json!(50.0)),
        ]
    );
    // In words too.
    let o = jianfu(&["--lang", "en", "evaluate", p(&log)]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("2026-10-05  Holiday"), "{out}");
    assert!(out.contains("Make-up school day"), "{out}");
    assert!(out.contains("50.0%"), "{out}");
}

#[test]
fn check_feed_reads_the_calendar_and_warns_about_a_generous_holiday_cap() {
    let nd = testdata("feeds/g5c1-national-day-week.json");
    let o = jianfu(&["--json", "check-feed", p(&nd)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = &stdout_json_lines(&o)[0];
    assert_eq!(
        v["days"][0],
        json!({"date": "2026-10-07", "school_day": false, "written_minutes": 20, "limit": 30})
    );
    assert_eq!(
        v["days"][2]["school_day"],
        json!(true),
        "the make-up Saturday"
    );
    assert_eq!(v["warnings"], json!([]));

    let generous = testdata("feeds/g5c1-holiday-cap-warning.json");
    let o = jianfu(&["--json", "check-feed", p(&generous)]);
    assert_eq!(code(&o), 0, "a warning, not a broken rule");
    let v = &stdout_json_lines(&o)[0];
    assert_eq!(
        v["warnings"][0]["path"],
        json!("school.limits.holiday_written_minutes")
    );
    assert!(stderr(&o).contains("warning: school.limits.holiday_written_minutes: 90 minutes on holidays is more than the 45-minute school-day limit"), "{}", stderr(&o));

    // A calendar that contradicts itself is invalid, naming both entries;
    // backwards and over-long ranges too, each at its path.
    let bad = testdata("feeds/invalid-calendar.json");
    let o = jianfu(&["--json", "check-feed", p(&bad)]);
    assert_eq!(code(&o), 2);
    let v = &stdout_json_lines(&o)[0];
    let errors: Vec<(String, String)> = v["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["path"].as_str().expect("path").to_owned(),
                e["message"].as_str().expect("message").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            (
                "school.calendar.holidays[1]".to_owned(),
                "the range ends (2026-10-19) before it starts (2026-10-20)".to_owned()
            ),
            (
                "school.calendar.holidays[2]".to_owned(),
                "the range spans 546 days; at most 366 are allowed".to_owned()
            ),
        ],
        "the conflict is judged once the ranges themselves are valid"
    );
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut conflict = testdata_json("feeds/invalid-calendar.json");
    conflict["school"]["calendar"]["holidays"] = json!(["2026-10-01/2026-10-08"]);
    let conflict_path = tmp.path().join("conflict.json");
    std::fs::write(&conflict_path, conflict.to_string()).expect("write");
    let o = jianfu(&["check-feed", p(&conflict_path)]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("school.calendar.school_days[1]: 2026-10-03 is both a school day and a holiday (also in school.calendar.holidays[0])"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_six_new_categories_seal_and_an_unknown_one_still_opens() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let key = secret("keys/demo-bureau.json", tmp.path());
    for category in [
        "homework_not_published",
        "teacher_not_grading",
        "classes_on_holidays",
        "paid_tutoring_by_teachers",
        "forced_purchase_of_materials",
        "after_school_service_not_offered",
    ] {
        let mut r = testdata_json("reports/group-chat-checkin.json");
        r["category"] = json!(category);
        let path = tmp.path().join(format!("{category}.json"));
        std::fs::write(&path, r.to_string()).expect("write");
        let sealed = jianfu(&["seal", "--to", p(&key), p(&path)]);
        assert_eq!(code(&sealed), 0, "{category}: {}", stderr(&sealed));
        let env = tmp.path().join(format!("{category}.envelope.json"));
        std::fs::write(&env, &sealed.stdout).expect("write");
        let opened = jianfu(&["open", "--key", p(&key), p(&env)]);
        assert_eq!(stdout_json_lines(&opened)[0]["category"], json!(category));
    }
    // seal refuses a category it does not know…
    let mut r = testdata_json("reports/group-chat-checkin.json");
    r["category"] = json!("homework_on_weekend_nights");
    let path = tmp.path().join("unknown.json");
    std::fs::write(&path, r.to_string()).expect("write");
    assert_eq!(code(&jianfu(&["seal", "--to", p(&key), p(&path)])), 2);
    // …but open shows one a newer app sealed, with its code.
    let env = testdata("reports/unknown-category.envelope.json");
    let o = jianfu(&["open", "--key", p(&key), p(&env)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = &stdout_json_lines(&o)[0];
    assert_eq!(v["category"], json!("homework_on_weekend_nights"));
    assert_eq!(v["category_known"], json!(false));
    assert!(
        v["description"]
            .as_str()
            .expect("text")
            .contains("不认识的类别")
    );
}

/// `jianfu monitor`: the interface's fields over three class feeds, the
/// calendar's school days, the 90 % target as the exit status, and bad
/// input named.
#[test]
fn monitor_reports_classes_schools_and_the_total() {
    let feeds = [
        testdata("feeds/g4c2-within-limits.json"),
        testdata("feeds/g8c3-over-limit.json"),
        testdata("feeds/g2c1-written-homework.json"),
    ];
    let mut args = vec!["--json", "monitor"];
    args.extend(feeds.iter().map(|f| p(f)));
    let o = jianfu(&args);
    assert_eq!(code(&o), 1, "75 % is below the 90 % target");
    let v = &stdout_json_lines(&o)[0];
    assert_eq!(
        (&v["from"], &v["to"], &v["target_percent"]),
        (&json!("2026-11-16"), &json!("2026-11-20"), &json!(90))
    );
    assert_eq!(
        v["classes"][1],
        json!({"school": "jinshui-no9-middle", "class": "g8c3", "grade": 8, "school_days": 5,
               "published": 2, "over_limit": 1, "missing": 3, "grades_1_2_written": 0,
               "percent_within_limit": 50.0, "after_school_published": false, "after_school_days": 0,
               "after_school_shortfalls": 0, "percent_after_school": null})
    );
    assert_eq!(v["classes"][2]["grades_1_2_written"], 1);
    assert_eq!(v["classes"][2]["percent_within_limit"], 0.0);
    assert_eq!(
        v["schools"][0],
        json!({"school": "jinshui-exp-primary", "classes": 2, "school_days": 10, "published": 6,
               "over_limit": 1, "missing": 4, "grades_1_2_written": 1, "percent_within_limit": 83.3,
               "after_school_classes": 0, "after_school_days": 0, "after_school_shortfalls": 0,
               "percent_after_school": null})
    );
    assert_eq!(v["total"]["classes"], 3);
    assert_eq!(v["total"]["published"], 8);
    assert_eq!(v["total"]["over_limit"], 2);
    assert_eq!(v["total"]["missing"], 7);
    assert_eq!(v["total"]["percent_within_limit"], 75.0);

    // One class within the limits meets the target: exit 0.
    let o = jianfu(&["--json", "monitor", p(&feeds[0])]);
    assert_eq!(code(&o), 0);

    // The school calendar: holidays are not school days, make-up days are.
    let o = jianfu(&[
        "--json",
        "monitor",
        "--from",
        "2026-09-27",
        "--to",
        "2026-10-10",
        p(&testdata("feeds/g5c1-national-day-week.json")),
    ]);
    let c = &stdout_json_lines(&o)[0]["classes"][0];
    assert_eq!(
        (&c["school_days"], &c["published"], &c["missing"]),
        (&json!(6), &json!(2), &json!(4))
    );

    // A directory of feeds reads like its files.
    let dir = std::env::temp_dir().join(format!("jianfu-monitor-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for f in &feeds {
        std::fs::copy(f, dir.join(f.file_name().unwrap())).unwrap();
    }
    let o = jianfu(&["--json", "monitor", p(&dir)]);
    assert_eq!(stdout_json_lines(&o)[0]["total"]["published"], 8);
    std::fs::remove_dir_all(&dir).unwrap();

    // Human output in Chinese says the verdict.
    let o = jianfu(&["--lang", "zh-CN", "monitor", p(&feeds[1])]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        out.contains("作业监测报告") && out.contains("未达到"),
        "{out}"
    );

    // Bad input: exit 2, naming the file and the path; a bad date; a URL.
    let bad = testdata("feeds/invalid-missing-minutes.json");
    let o = jianfu(&["monitor", p(&feeds[0]), p(&bad)]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("invalid-missing-minutes.json: days["),
        "{}",
        stderr(&o)
    );
    let o = jianfu(&["monitor", "--from", "2026-02-30", p(&feeds[0])]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--from 2026-02-30"), "{}", stderr(&o));
    let o = jianfu(&["monitor", "https://portal.example/g4c2.json"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("not URLs yet"), "{}", stderr(&o));
}
