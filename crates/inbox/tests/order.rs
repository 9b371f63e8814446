//! Issue #26: nothing the stores leave on disk tells the order in which
//! submissions arrived or codes were redeemed. Tested as the review
//! attacked it: the same rows written in two different orders must leave
//! byte-identical files, and no `-wal`, `-shm` or `-journal` beside them
//! (the review rebuilt the arrival order of 8 responses from the WAL, and
//! a page's cells, filled from its end, tell their order too).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jianfu_core::{Date, Instant, Survey};
use jianfu_inbox::clock::FixedClock;
use jianfu_inbox::issuer::{self, IssuerKeyFile};
use jianfu_inbox::store::{self, Kind, Stored, Submission, Writer};

/// 2026-11-20 12:00 in Shanghai: inside the test survey's open days.
fn noon() -> Instant {
    Instant::parse("2026-11-20T12:00:00+08:00").unwrap()
}

fn submission(i: usize) -> Submission {
    // Ids as random as the app's nonces: their key order is not the order
    // of `i`, so the file cannot owe its order to a lucky coincidence.
    let id = format!(
        "{:016x}",
        (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    );
    let (kind, survey, enc) = if i.is_multiple_of(3) {
        (Kind::Report, None, Some(format!("enc-{id}")))
    } else {
        (Kind::Response, Some("s".to_owned()), None)
    };
    Submission {
        kind,
        id: id.clone(),
        survey,
        enc,
        digest: format!("digest-{i}"),
        body: format!(
            "{{\"n\":{i},\"pad\":\"{}\"}}",
            "x".repeat(200 + 37 * (i % 5))
        ),
        spent: (i % 4 == 1).then(|| format!("spent-{id}")),
        receipt: None,
    }
}

/// Stores submissions `order` one at a time (a group each, as a quiet
/// inbox commits them) into a new store in `dir`; returns its bytes.
fn write_in_order(dir: &Path, order: &[usize]) -> Vec<u8> {
    let path = dir.join("inbox.sqlite");
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let writer = Writer::start(store::open(&path).unwrap(), Arc::new(FixedClock(noon())));
    rt.block_on(async {
        for &i in order {
            assert_eq!(writer.store(submission(i)).await.unwrap(), Stored::New);
        }
    });
    leftovers(&path);
    std::fs::read(&path).unwrap()
}

/// No journal or log file beside `db`.
fn leftovers(db: &Path) {
    for suffix in ["-wal", "-shm", "-journal"] {
        let side = PathBuf::from(format!("{}{suffix}", db.display()));
        assert!(
            !side.exists(),
            "{} was left beside the store",
            side.display()
        );
    }
}

#[test]
fn the_inbox_file_is_the_same_whatever_order_submissions_came_in() {
    let n = 40;
    let forward: Vec<usize> = (0..n).collect();
    let mut shuffled = forward.clone();
    shuffled.reverse();
    shuffled.swap(3, 17);
    shuffled.swap(8, 30);
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let first = write_in_order(a.path(), &forward);
    let second = write_in_order(b.path(), &shuffled);
    assert!(first.len() > 4096, "more than one page was written");
    assert!(
        first == second,
        "the same rows in another order left other bytes on disk"
    );
    // And the rows are there.
    let rows = store::bodies(&a.path().join("inbox.sqlite"), Kind::Response).unwrap();
    assert_eq!(rows.len(), (0..n).filter(|i| !i.is_multiple_of(3)).count());
}

#[test]
fn a_store_left_in_wal_mode_loses_its_log_and_its_order_when_opened() {
    // A store of the previous version, in WAL mode, with rows in its log.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inbox.sqlite");
    drop(store::open(&path).unwrap());
    let old = rusqlite::Connection::open(&path).unwrap();
    old.pragma_update(None, "journal_mode", "WAL").unwrap();
    old.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    for i in [5, 1, 4] {
        let s = submission(i);
        old.execute(
            "INSERT INTO responses (nonce, survey, received_on, digest, body) VALUES (?1, 's', '2026-11-20', ?2, ?3)",
            [&s.id, &s.digest, &s.body],
        )
        .unwrap();
    }
    // What a killed process leaves: the file and its log, no clean close.
    let path = dir.path().join("killed.sqlite");
    for suffix in ["", "-wal"] {
        let from = format!("{}{suffix}", dir.path().join("inbox.sqlite").display());
        std::fs::copy(&from, format!("{}{suffix}", path.display())).unwrap();
    }
    drop(old);
    let log = std::fs::metadata(format!("{}-wal", path.display())).unwrap();
    assert!(log.len() > 0, "the log holds the three rows");

    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let writer = Writer::start(store::open(&path).unwrap(), Arc::new(FixedClock(noon())));
    rt.block_on(async {
        assert_eq!(writer.store(submission(2)).await.unwrap(), Stored::New);
    });
    leftovers(&path);
    assert_eq!(store::bodies(&path, Kind::Response).unwrap().len(), 4);
}

fn token_survey(key: &IssuerKeyFile) -> Survey {
    let mut v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/surveys/2026-autumn.json"),
        )
        .unwrap(),
    )
    .unwrap();
    v["id"] = key.survey.clone().into();
    let fields = key.survey_fields("https://issuer.example/issue");
    for (k, f) in fields.as_object().unwrap() {
        v[k] = f.clone();
    }
    Survey::from_value(&v).unwrap()
}

/// A blinded message for `key`, fixed by `seed` (the same in both runs).
fn blinded(key: &IssuerKeyFile, seed: u8) -> Vec<u8> {
    use blind_rsa_signatures::PublicKeySha384PSSRandomized;
    let pk = PublicKeySha384PSSRandomized::from_spki(key.spki()).unwrap();
    let msg = [seed; 40];
    pk.blind(&mut blind_rsa_signatures::DefaultRng, msg)
        .unwrap()
        .blind_message
        .0
}

#[test]
fn the_issuer_file_is_the_same_whatever_order_codes_were_redeemed_in_and_a_retry_is_answered() {
    let dir = tempfile::tempdir().unwrap();
    let key = IssuerKeyFile::generate("invited", 2048).unwrap();
    let survey = token_survey(&key);
    let template = dir.path().join("issuer.sqlite");
    let codes = issuer::invite(&key, &template, 12).unwrap();
    let requests: Vec<Vec<u8>> = (0..5u8).map(|i| blinded(&key, i)).collect();
    let today = Date::parse("2026-11-20").unwrap();

    let redeem_in = |name: &str, order: &[usize]| -> Vec<u8> {
        let path = dir.path().join(name);
        std::fs::copy(&template, &path).unwrap();
        let mut conn = issuer::open(&path).unwrap();
        for &i in order {
            let sig = issuer::redeem(&mut conn, &key, &survey, codes[i], &requests[i], today)
                .unwrap()
                .unwrap();
            assert!(!sig.is_empty());
        }
        drop(conn);
        leftovers(&path);
        std::fs::read(&path).unwrap()
    };
    let first = redeem_in("a.sqlite", &[0, 1, 2, 3, 4]);
    let second = redeem_in("b.sqlite", &[3, 0, 4, 2, 1]);
    assert!(
        first == second,
        "the same redemptions in another order left other bytes on disk"
    );

    // The same request again (its answer lost on the way): the same
    // signature, not "used"; another request with that code: used.
    let mut conn = issuer::open(&dir.path().join("a.sqlite")).unwrap();
    let again = issuer::redeem(&mut conn, &key, &survey, codes[2], &requests[2], today)
        .unwrap()
        .unwrap();
    let first_sig = {
        let mut fresh = issuer::open(&dir.path().join("b.sqlite")).unwrap();
        issuer::redeem(&mut fresh, &key, &survey, codes[2], &requests[2], today)
            .unwrap()
            .unwrap()
    };
    assert_eq!(again, first_sig);
    assert_eq!(
        issuer::redeem(&mut conn, &key, &survey, codes[2], &requests[3], today).unwrap(),
        Err(issuer::IssueRefusal::Used)
    );
}
