//! Merging an imported `jianfu.log/1` into what a device already holds, and
//! the outbox's retry schedule: pure rules the app applies, kept here so
//! they are tested on the host.

use crate::log::{HomeworkEntry, Log, Night};

/// What an import adds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Merge {
    /// New entries, with the id the file gave them (if any).
    pub entries: Vec<(Option<String>, HomeworkEntry)>,
    /// New nights.
    pub nights: Vec<Night>,
    /// Entries and nights already there (or twice in the file).
    pub duplicates: usize,
}

/// Merges `incoming` (with the ids its `homework` entries carry, in order)
/// into `existing` entries (id, entry) and nights. An entry is a duplicate
/// if its id or its content is already there; a night already logged keeps
/// the device's version. Duplicates inside the file count too.
pub fn merge_log(
    existing_entries: &[(&str, &HomeworkEntry)],
    existing_nights: &[Night],
    incoming: Log,
    ids: &[Option<String>],
) -> Merge {
    let mut out = Merge::default();
    for (i, entry) in incoming.homework.into_iter().enumerate() {
        let id = ids.get(i).cloned().flatten();
        let known = existing_entries
            .iter()
            .any(|(eid, e)| id.as_deref() == Some(*eid) || **e == entry)
            || out
                .entries
                .iter()
                .any(|(eid, e)| (id.is_some() && *eid == id) || *e == entry);
        if known {
            out.duplicates += 1;
        } else {
            out.entries.push((id, entry));
        }
    }
    for n in incoming.sleep {
        if existing_nights
            .iter()
            .chain(out.nights.iter())
            .any(|x| x.night_of() == n.night_of())
        {
            out.duplicates += 1;
        } else {
            out.nights.push(n);
        }
    }
    out
}

/// Seconds before the next try of an outbox item after `attempts` failed
/// sends: 15 s, 30 s, 1 min, … doubling up to 32 min, plus `jitter`
/// (0–9 s, random) so that a crowd of phones coming back online does not
/// retry in step.
pub fn backoff(attempts: u32, jitter: u32) -> i64 {
    let base = 15_i64.saturating_mul(1 << attempts.min(8).saturating_sub(1));
    base.min(3600) + i64::from(jitter)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn log(homework: &serde_json::Value, sleep: &serde_json::Value) -> Log {
        Log::from_value(&json!({"format": "jianfu.log/1", "child": {"grade": 4},
            "homework": homework, "sleep": sleep}))
        .unwrap()
    }

    #[test]
    fn duplicates_by_id_or_content_and_nights_by_date() {
        let here = log(
            &json!([{"date": "2026-11-16", "subject": "math", "kind": "written", "minutes": 30}]),
            &json!([{"night_of": "2026-11-16", "bedtime": "21:00", "wake": "07:00"}]),
        );
        let existing: Vec<(String, HomeworkEntry)> = here
            .homework
            .iter()
            .map(|e| ("e1".to_owned(), e.clone()))
            .collect();
        let file = log(
            &json!([
                {"date": "2026-11-16", "subject": "math", "kind": "written", "minutes": 30},
                {"date": "2026-11-17", "subject": "math", "kind": "written", "minutes": 40},
                {"date": "2026-11-18", "subject": "math", "kind": "written", "minutes": 10},
                {"date": "2026-11-19", "subject": "math", "kind": "written", "minutes": 20},
                {"date": "2026-11-19", "subject": "math", "kind": "written", "minutes": 20}
            ]),
            &json!([
                {"night_of": "2026-11-16", "bedtime": "22:00", "wake": "07:00"},
                {"night_of": "2026-11-17", "bedtime": "21:00", "wake": "07:00"}
            ]),
        );
        let ids = [
            None,
            Some("e1".to_owned()),
            Some("e9".to_owned()),
            None,
            None,
        ];
        let existing: Vec<(&str, &HomeworkEntry)> =
            existing.iter().map(|(id, e)| (id.as_str(), e)).collect();
        let m = merge_log(&existing, &here.sleep, file, &ids);
        // Same content as e1; same id as e1; new with its id; new; a twin in the file.
        assert_eq!(
            m.entries
                .iter()
                .map(|(id, e)| (id.clone(), e.date.to_string()))
                .collect::<Vec<_>>(),
            [
                (Some("e9".to_owned()), "2026-11-18".to_owned()),
                (None, "2026-11-19".to_owned())
            ]
        );
        assert_eq!(m.nights.len(), 1, "the device's night of the 16th is kept");
        assert_eq!(m.nights[0].night_of().to_string(), "2026-11-17");
        assert_eq!(m.duplicates, 4);
    }

    #[test]
    fn backoff_doubles_to_an_hour() {
        let s: Vec<i64> = (1..=10).map(|a| backoff(a, 0)).collect();
        assert_eq!(s, [15, 30, 60, 120, 240, 480, 960, 1920, 1920, 1920]);
        assert_eq!(backoff(0, 0), 15);
        assert_eq!(backoff(3, 9), 69);
        assert_eq!(backoff(u32::MAX, 0), 1920);
    }
}
