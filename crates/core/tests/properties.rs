//! Properties that must hold for any input: parsers never panic (on
//! arbitrary bytes and on valid documents with hostile mutations), sealing
//! round-trips any report, and evaluation never panics on a valid log.

// Helpers outside #[test] fns: a failed unwrap is a failed property.
#![allow(clippy::unwrap_used)]

use jianfu_core::report::Category;
use jianfu_core::{Envelope, Feed, Log, Report, Response, Survey, evaluate};
use proptest::prelude::*;
use serde_json::{Value, json};

const FEED: &str = include_str!("../../../testdata/feeds/g4c2-within-limits.json");
const LOG: &str = include_str!("../../../testdata/logs/g4-three-days.json");
const SURVEY: &str = include_str!("../../../testdata/surveys/2026-autumn.json");
const REPORT: &str = include_str!("../../../testdata/reports/group-chat-checkin.json");
const ENVELOPE: &str = include_str!("../../../testdata/reports/group-chat-checkin.envelope.json");
const RESPONSE: &str = r#"{"format": "jianfu.response/1", "survey": "2026-autumn-satisfaction",
  "submitted_on": "2026-11-23", "grade_band": "3-6",
  "answers": {"q1": 4, "q2": "a", "q3": ["hw"], "q4": 45, "q5": "好"}, "nonce": "AAAAAAAAAAAAAAAAAAAAAA"}"#;

/// Runs every parser on `text`; a panic fails the property.
fn parse_all(text: &str) {
    let _ = Feed::parse(text);
    let _ = Log::parse(text);
    let _ = Survey::parse(text);
    let _ = Response::parse(text);
    let _ = Report::parse(text);
    if let Ok(e) = Envelope::parse(text) {
        let key =
            jianfu_core::PrivateKey::from_base64("ghgFF5WyZ234mjUd5SGaPrYmVUwQ52hUgbKu5XSNKO8")
                .unwrap();
        let _ = e.open(&key);
    }
    if let (Ok(s), Ok(r)) = (Survey::parse(SURVEY), Response::parse(text)) {
        let _ = s.check(&r);
    }
    if let Ok(log) = Log::parse(text) {
        let _ = evaluate(&log);
    }
    if let Ok(feed) = Feed::parse(text) {
        let _ = feed.violations();
    }
}

fn hostile_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(json!(-1)),
        Just(json!(1e308)),
        Just(json!(u64::MAX)),
        Just(json!(i64::MIN)),
        Just(json!(0.5)),
        Just(json!("")),
        Just(json!("2026-02-30")),
        Just(json!("24:00")),
        Just(json!("00:00")),
        Just(json!("9999-12-31")),
        Just(json!("1900-01-01")),
        Just(json!("<script>alert(1)</script>")),
        Just(json!("\u{202e}\u{200b}")),
        Just(json!([])),
        Just(json!({})),
        Just(json!(true)),
        Just(json!("x".repeat(5000))),
        Just(json!([[[[[[[[1]]]]]]]])),
        any::<i64>().prop_map(|n| json!(n)),
        ".{0,12}".prop_map(|s| json!(s)),
    ]
}

/// Every node of `v`, as a path of keys/indices.
fn nodes(v: &Value, path: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(path.clone());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                path.push(json!(k));
                nodes(x, path, out);
                path.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                path.push(json!(i));
                nodes(x, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn node_mut<'a>(v: &'a mut Value, path: &[Value]) -> Option<&'a mut Value> {
    path.iter().try_fold(v, |v, step| match step {
        Value::String(k) => v.get_mut(k.as_str()),
        Value::Number(i) => v.get_mut(usize::try_from(i.as_u64()?).ok()?),
        _ => None,
    })
}

/// `doc` with `picks.len()` nodes replaced by hostile values or removed.
fn mutate(doc: &str, picks: &[(usize, Option<Value>)]) -> String {
    let mut v: Value = serde_json::from_str(doc).unwrap();
    for (pick, replacement) in picks {
        let mut all = Vec::new();
        nodes(&v, &mut Vec::new(), &mut all);
        let path = &all[pick % all.len()];
        match replacement {
            Some(r) => {
                if let Some(n) = node_mut(&mut v, path) {
                    *n = r.clone();
                }
            }
            None => {
                if let Some((last, parent)) = path.split_last() {
                    match (node_mut(&mut v, parent), last) {
                        (Some(Value::Object(m)), Value::String(k)) => {
                            m.remove(k);
                        }
                        (Some(Value::Array(a)), Value::Number(i)) => {
                            let i = usize::try_from(i.as_u64().unwrap()).unwrap();
                            if i < a.len() {
                                a.remove(i);
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    v.to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn parsers_never_panic_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        parse_all(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn parsers_never_panic_on_mutated_documents(
        doc in prop::sample::select(vec![FEED, LOG, SURVEY, REPORT, ENVELOPE, RESPONSE]),
        picks in proptest::collection::vec((any::<usize>(), proptest::option::weighted(0.8, hostile_value())), 1..6),
    ) {
        parse_all(&mutate(doc, &picks));
    }

    #[test]
    fn seal_then_open_round_trips_any_report(
        category in prop::sample::select(Category::ALL.to_vec()),
        grade in proptest::option::of(1u8..=12),
        day in 0i32..3000,
        description in "\\PC{1,2000}",
        contact in proptest::option::of("[a-z0-9@. ]{1,200}"),
    ) {
        prop_assume!(!description.trim().is_empty());
        prop_assume!(contact.as_deref().is_none_or(|c| !c.trim().is_empty()));
        let report = Report::from_value(&json!({
            "format": "jianfu.report/1", "category": category.as_str(), "school": "s",
            "grade": grade, "class": "c",
            "occurred_on": jianfu_core::Date::from_days_since_epoch(19_000 + day).to_string(),
            "description": description, "contact": contact,
        })).unwrap();
        let mut rng = rand_core::UnwrapErr(getrandom::SysRng);
        let (sk, pk) = jianfu_core::envelope::generate_keypair(&mut rng);
        let envelope = Envelope::seal(&report, &pk, &mut rng);
        prop_assert_eq!((envelope.ct.len() - 16) % 512, 0);
        let wire = Envelope::parse(&envelope.to_value().to_string()).unwrap();
        prop_assert_eq!(wire.open(&sk).unwrap(), report);
    }

    #[test]
    fn evaluation_never_panics_on_a_valid_log(
        grade in 1u8..=12,
        system in prop::sample::select(vec!["6-3", "5-4"]),
        entries in proptest::collection::vec((0i32..60, any::<bool>(), 0u16..=600, any::<bool>(), 0u32..86_400, 1u32..36_000), 0..40),
        nights in proptest::collection::vec((0i32..60, 0u16..1440, 0u16..1440), 0..20),
    ) {
        let date = |d: i32| jianfu_core::Date::from_days_since_epoch(20_400 + d).to_string();
        let hm = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
        let homework: Vec<Value> = entries.iter().map(|&(d, written, minutes, timed, start, len)| {
            let mut e = json!({"date": date(d), "subject": "math", "kind": if written { "written" } else { "oral" }, "finished": minutes % 3 != 0});
            if timed {
                let s = jianfu_core::Instant::from_unix(1_762_000_000 + i64::from(start), 480);
                let end = jianfu_core::Instant::from_unix(s.unix_seconds() + i64::from(len), 480);
                e["start"] = json!(s.to_string());
                e["end"] = json!(end.to_string());
            } else {
                e["minutes"] = json!(minutes);
            }
            e
        }).collect();
        let sleep: Vec<Value> = nights.iter().map(|&(d, b, w)| json!({"night_of": date(d), "bedtime": hm(b), "wake": hm(w)})).collect();
        let text = json!({"format": "jianfu.log/1", "child": {"grade": grade, "system": system}, "homework": homework, "sleep": sleep}).to_string();
        if let Ok(log) = Log::parse(&text) {
            let e = evaluate(&log);
            for d in &e.days {
                prop_assert!(d.over_by <= d.written_minutes);
            }
            for w in &e.weeks {
                prop_assert!(w.days_within_limit <= w.days_logged && w.days_logged <= 5);
            }
            for n in &e.nights {
                prop_assert!(n.sleep_minutes > 0 && n.sleep_minutes <= 16 * 60);
            }
            // The app's week view evaluates only the week's own records:
            // a week's verdict, days and nights must not depend on others.
            for w in &e.weeks {
                let monday = w.week.monday();
                let sunday = monday.add_days(6);
                let within = |d: jianfu_core::Date| monday <= d && d <= sunday;
                let slice = Log {
                    child: log.child.clone(),
                    homework: log.homework.iter().filter(|h| within(h.date)).cloned().collect(),
                    sleep: log.sleep.iter().filter(|n| within(n.night_of())).copied().collect(),
                };
                let part = evaluate(&slice);
                prop_assert_eq!(part.weeks.iter().find(|x| x.week == w.week), Some(w));
                let days = |v: &jianfu_core::Evaluation| v.days.iter().filter(|d| within(d.date)).cloned().collect::<Vec<_>>();
                prop_assert_eq!(days(&part), days(&e));
                let nights = |v: &jianfu_core::Evaluation| v.nights.iter().filter(|n| within(n.night_of)).cloned().collect::<Vec<_>>();
                prop_assert_eq!(nights(&part), nights(&e));
            }
        }
    }
}
