//! The storage layer in real Chromium IndexedDB: writes survive closing and
//! reopening the database, a database created at schema v1 migrates to the
//! current version with its data intact, finishing a timer is atomic, and
//! damaged records are skipped, not trusted. Plus the stopwatch maths as
//! compiled to wasm.
#![cfg(target_arch = "wasm32")]
// Helpers outside #[test] fns: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use jianfu_app::platform::idb::{Db, Write};
use jianfu_app::store::{Attendance, ChildRecord, EntryRecord, MIGRATIONS, Store, TimerRecord};
use jianfu_core::feed::{At, Kind, Minutes, Subject, Tier};
use jianfu_core::log::{Child, HomeworkEntry, Night, Spent};
use jianfu_core::stopwatch::{Finish, Stopwatch};
use jianfu_core::{Date, Grade, Instant, Rules, TimeOfDay};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn child(id: &str) -> ChildRecord {
    ChildRecord {
        id: id.into(),
        child: Child {
            nickname: Some("小明".into()),
            grade: Grade::new(4).unwrap(),
            rules: Rules::default(),
        },
        feed: "https://school.example/g4c2.json".into(),
        after_school: Attendance {
            attends: Some(true),
            interest: Some("编程".into()),
        },
    }
}

fn entry(id: &str, date: &str, minutes: u16) -> EntryRecord {
    EntryRecord {
        id: id.into(),
        entry: HomeworkEntry {
            date: d(date),
            subject: Subject::parse("math"),
            kind: Kind::Written,
            spent: Spent::Minutes(Minutes::new(minutes).unwrap()),
            finished: true,
            item: None,
            tier: Tier::Core,
            at: At::Home,
        },
    }
}

/// A database name no other test uses, deleted first.
async fn fresh(name: &str) -> String {
    let name = format!("jianfu-test-{name}");
    jianfu_app::platform::idb::delete_database(&name)
        .await
        .unwrap();
    name
}

#[wasm_bindgen_test]
async fn writes_survive_closing_and_reopening() {
    let name = fresh("reopen").await;
    let store = Store::open_named(&name).await;
    assert!(store.is_persistent(), "IndexedDB is available in Chromium");
    store.put_child(&child("c1")).await.unwrap();
    store
        .put_records(
            "c1",
            &[entry("e1", "2026-11-16", 35), entry("e2", "2026-11-17", 45)],
            &[],
        )
        .await
        .unwrap();
    let night = Night::new(
        d("2026-11-18"),
        TimeOfDay::parse("00:10").unwrap(),
        TimeOfDay::parse("06:50").unwrap(),
    )
    .unwrap();
    store.put_records("c1", &[], &[night]).await.unwrap();
    store.close();

    let again = Store::open_named(&name).await;
    let children = again.children().await.unwrap();
    assert_eq!(children, vec![child("c1")]);
    let data = again.child_data("c1").await.unwrap();
    assert_eq!(
        data.entries,
        vec![entry("e1", "2026-11-16", 35), entry("e2", "2026-11-17", 45)]
    );
    assert_eq!(data.nights, vec![night]);
    assert_eq!(data.nights[0].sleep_minutes(), 400);

    again.delete_entry("c1", "e1").await.unwrap();
    again.delete_child("c1").await.unwrap();
    assert!(again.children().await.unwrap().is_empty());
    assert!(
        again.child_data("c1").await.unwrap().entries.is_empty(),
        "a child's records go with it"
    );
    again.close();
}

#[wasm_bindgen_test]
async fn a_v1_database_migrates_with_its_data() {
    let name = fresh("migrate").await;
    // What the first released schema looked like, written by v1 code.
    let v1 = Db::open_idb(&name, &MIGRATIONS[..1]).await.unwrap();
    // A v1 record knows nothing of the after-school choice.
    let c = ChildRecord {
        after_school: Attendance::default(),
        ..child("c1")
    };
    let mut child_json = c.child.to_value();
    child_json["id"] = "c1".into();
    child_json["feed"] = c.feed.clone().into();
    v1.write(&[
        Write::Put {
            store: "children",
            key: "c1".into(),
            value: child_json.to_string(),
        },
        Write::Put {
            store: "entries",
            key: "c1/e1".into(),
            value: entry("e1", "2026-11-16", 35).to_value().to_string(),
        },
    ])
    .await
    .unwrap();
    assert!(
        v1.write(&[Write::Put {
            store: "timers",
            key: "x".into(),
            value: "{}".into()
        }])
        .await
        .is_err(),
        "no timers store in v1"
    );
    v1.close();

    let store = Store::open_named(&name).await;
    assert_eq!(store.children().await.unwrap(), vec![c]);
    assert_eq!(
        store.child_data("c1").await.unwrap().entries,
        vec![entry("e1", "2026-11-16", 35)]
    );
    // The v2 stores exist now.
    let t = TimerRecord {
        id: "t1".into(),
        date: d("2026-11-16"),
        subject: "math".into(),
        kind: Kind::Written,
        item: None,
        tier: Tier::Core,
        at: At::Home,
        watch: Stopwatch::start(Instant::from_unix(1_795_000_000, 480)),
    };
    store.put_timer("c1", &t).await.unwrap();
    assert_eq!(store.child_data("c1").await.unwrap().timers, vec![t]);
    store.close();
}

#[wasm_bindgen_test]
async fn finishing_a_timer_removes_it_and_logs_it_in_one_transaction() {
    let name = fresh("finish").await;
    let store = Store::open_named(&name).await;
    let mut watch = Stopwatch::start(Instant::from_unix(1_795_000_000, 480));
    watch.pause(Instant::from_unix(1_795_000_000 + 600, 480));
    let t = TimerRecord {
        id: "t1".into(),
        date: d("2026-11-16"),
        subject: "math".into(),
        kind: Kind::Written,
        item: Some("i1".into()),
        // An optional item's timer keeps its tier through storage and into the log.
        tier: Tier::Optional,
        at: At::School,
        watch,
    };
    store.put_timer("c1", &t).await.unwrap();
    let reopened = store.child_data("c1").await.unwrap().timers;
    assert_eq!(
        reopened[0]
            .watch
            .elapsed_seconds(Instant::from_unix(1_795_000_000 + 99_999, 480)),
        600,
        "paused time is frozen"
    );
    assert_eq!(reopened[0].tier, Tier::Optional);
    let mut optional = entry("e9", "2026-11-16", 10);
    optional.entry.tier = reopened[0].tier;
    store
        .finish_timer("c1", "t1", Some(&optional))
        .await
        .unwrap();
    let data = store.child_data("c1").await.unwrap();
    assert!(data.timers.is_empty());
    assert_eq!(
        data.entries,
        vec![optional],
        "the tier is stored with the entry"
    );
    store.close();
}

#[wasm_bindgen_test]
async fn damaged_records_are_skipped_and_counted() {
    let name = fresh("damaged").await;
    let db = Db::open_idb(&name, &MIGRATIONS).await.unwrap();
    db.write(&[
        Write::Put {
            store: "entries",
            key: "c1/ok".into(),
            value: entry("ok", "2026-11-16", 35).to_value().to_string(),
        },
        Write::Put {
            store: "entries",
            key: "c1/bad".into(),
            value: r#"{"id":"bad","date":"2026-02-30","minutes":-5}"#.into(),
        },
        Write::Put {
            store: "nights",
            key: "c1/2026-11-16".into(),
            value: "not json".into(),
        },
    ])
    .await
    .unwrap();
    db.close();
    let store = Store::open_named(&name).await;
    let data = store.child_data("c1").await.unwrap();
    assert_eq!(data.entries.len(), 1);
    assert_eq!(data.unreadable, 2);
    store.close();
}

#[wasm_bindgen_test]
fn stopwatch_maths_in_wasm() {
    let at = |s: i64| Instant::from_unix(1_795_000_000 + s, 480);
    let mut w = Stopwatch::start(at(0));
    w.pause(at(300));
    w.resume(at(1000));
    assert_eq!(w.elapsed_seconds(at(1300)), 600);
    assert_eq!(
        w.finish(at(1300)),
        Finish::Log(Spent::Minutes(Minutes::new(10).unwrap()))
    );
    let back = Stopwatch::start(at(100));
    assert_eq!(
        back.elapsed_seconds(at(0)),
        0,
        "never negative when the clock goes back"
    );
    assert_eq!(back.finish(at(0)), Finish::Confirm(0));
}

/// A response sent by an older app, still stored under its nonce, becomes
/// a receipt when the outbox is read: nothing on the device matches the
/// inbox's row any more, and the survey stays answered.
#[wasm_bindgen_test]
async fn a_sent_response_keeps_no_nonce() {
    use jianfu_app::store::{OutKind, OutState, OutboxItem};
    let name = fresh("receipts").await;
    let store = Store::open_named(&name).await;
    let nonce = "AAECAwQFBgcICQoLDA0ODw";
    let sent = OutboxItem {
        id: nonce.into(),
        kind: OutKind::Response,
        survey: Some("2026-autumn-satisfaction".into()),
        url: "https://bureau.example/responses".into(),
        body: String::new(),
        created_on: d("2026-11-20"),
        state: OutState::Sent,
        attempts: 1,
        next_at: 0,
    };
    let waiting = OutboxItem {
        id: "BBECAwQFBgcICQoLDA0ODw".into(),
        state: OutState::Waiting,
        body: "{\"nonce\":\"BBECAwQFBgcICQoLDA0ODw\"}".into(),
        ..sent.clone()
    };
    store.put_outbox(&sent).await.unwrap();
    store.put_outbox(&waiting).await.unwrap();
    let items = store.outbox().await.unwrap();
    assert_eq!(items.len(), 2);
    let receipt = items.iter().find(|i| i.state == OutState::Sent).unwrap();
    assert!(receipt.id.starts_with("receipt-"), "{}", receipt.id);
    assert!(receipt.url.is_empty() && receipt.body.is_empty());
    assert_eq!(receipt.survey.as_deref(), Some("2026-autumn-satisfaction"));
    assert!(
        items.iter().any(|i| i == &waiting),
        "a response still waiting keeps its nonce: it has not been delivered"
    );
    // Read again from storage: the nonce key is gone for good.
    store.close();
    let again = Store::open_named(&name).await;
    let ids: Vec<String> = again
        .outbox()
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.id)
        .collect();
    assert!(!ids.iter().any(|i| i == nonce), "{ids:?}");
    assert!(again.answered("2026-autumn-satisfaction").await);
    again.close();
}
