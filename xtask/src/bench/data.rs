//! The generated inputs: a district of 1,000 class feeds (20 school days,
//! 6 items, most schools with an after-school plan) and a million survey
//! responses, the same bytes every run.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use jianfu_core::Date;
use serde_json::json;

/// A small deterministic generator (xorshift64*): the same data every run.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

pub(crate) const CLASSES: usize = 1000;

pub(crate) const SCHOOL_DAYS: usize = 20;

pub(crate) const ITEMS: usize = 6;

pub(crate) const RESPONSES: usize = 1_000_000;

/// The generated district's feeds in `dir`, written once.
pub(crate) fn district(dir: &Path) -> Result<Vec<PathBuf>> {
    // The marker names the generator's version: feeds of an older one
    // (without after-school plans) are made again.
    if dir.join(DISTRICT_VERSION).exists() {
        Ok(crate::build::walk(dir)?
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect())
    } else {
        eprintln!("xtask bench: generating {CLASSES} feeds");
        write_district(dir)
    }
}

/// Written beside a generated district; see [`district`].
pub(crate) const DISTRICT_VERSION: &str = ".district-v2-after-school";

pub(crate) fn write_district(dir: &Path) -> Result<Vec<PathBuf>> {
    write_classes(dir, CLASSES)
}

/// `classes` class feeds into `dir` (emptied first), 30 to a school.
fn write_classes(dir: &Path, classes: usize) -> Result<Vec<PathBuf>> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let subjects = ["chinese", "math", "english", "science", "pe", "art"];
    let kinds = [
        "written", "written", "written", "reading", "oral", "physical",
    ];
    let first_monday = Date::parse("2026-11-02")?;
    let mut files = Vec::new();
    for class in 0..classes {
        let grade = 1 + (class % 9);
        let mut days = Vec::new();
        let mut date = first_monday;
        while days.len() < SCHOOL_DAYS {
            if !date.weekday().is_weekend() {
                let items: Vec<_> = (0..ITEMS)
                    .map(|i| {
                        json!({
                            "id": format!("{date}-{i}"),
                            "subject": subjects[i],
                            "title": {"zh-CN": format!("第{i}项作业"), "en": format!("Task {i}")},
                            "kind": kinds[i],
                            "estimated_minutes": 5 + rng.below(30),
                            "tier": if rng.below(5) == 0 { "optional" } else { "core" },
                            "due": date.add_days(1).to_string(),
                        })
                    })
                    .collect();
                days.push(json!({"date": date.to_string(), "items": items}));
            }
            date = date.add_days(1);
        }
        let mut school = json!({"id": format!("school-{}", class / 30), "name": {"zh-CN": "区属学校"},
            "timezone": "Asia/Shanghai", "rules": "cn-national-2021", "system": "6-3"});
        // Issue #29: most schools publish their after-school service (one
        // in ten does not), some with an early finish on a random day.
        if (class / 30) % 10 != 9 {
            let early = first_monday.add_days(i32::try_from(rng.below(25))?);
            school["after_school"] = json!({
                "weekly": [{"weekdays": [1, 2, 3, 4, 5], "start": "15:40", "end": if class % 7 == 0 { "17:20" } else { "17:50" },
                    "sessions": [
                        {"kind": "sport", "start": "15:40", "end": "16:20", "title": {"zh-CN": "体育锻炼"}},
                        {"kind": "homework_help", "start": "16:20", "end": "17:10", "title": {"zh-CN": "作业辅导"}},
                        {"kind": "interest", "start": "17:10", "end": "17:20", "options": [{"zh-CN": "合唱"}, {"zh-CN": "编程"}]}]}],
                "changes": [{"date": early.to_string(), "end": "16:30", "note": {"zh-CN": "提前放学"}}],
                "extended_care_until": "18:30"
            });
        }
        let feed = json!({
            "format": "jianfu.feed/1",
            "school": school,
            "class": {"id": format!("c{class:04}"), "name": {"zh-CN": format!("{grade}年级")}, "grade": grade},
            "published_at": "2026-11-27T16:30:00+08:00",
            "days": days,
        });
        let path = dir.join(format!("class-{class:04}.json"));
        std::fs::write(&path, serde_json::to_vec(&feed)?)?;
        files.push(path);
    }
    std::fs::write(dir.join(DISTRICT_VERSION), "")?;
    Ok(files)
}

pub(crate) fn write_responses(path: &Path) -> Result<()> {
    let mut rng = Rng(0x5eed_0000_0000_0002);
    let bands = ["1-2", "3-6", "7-9"];
    let opts = ["a", "b", "c", "d"];
    let multi = ["hw", "sport", "art", "read", "sci"];
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    let mut last_nonce = String::new();
    for i in 0..RESPONSES {
        // 1 % of lines repeat the previous response's nonce: retried deliveries.
        let nonce = if i > 0 && rng.below(100) == 0 {
            last_nonce.clone()
        } else {
            let bytes: Vec<u8> = (0..16).map(|_| (rng.next() & 0xff) as u8).collect();
            jianfu_core::b64::encode(&bytes)
        };
        let a = json!({
            "format": "jianfu.response/1",
            "survey": "2026-autumn-satisfaction",
            "submitted_on": "2026-11-23",
            "grade_band": bands[usize::try_from(rng.below(3))?],
            "answers": {
                "q1": 1 + rng.below(5),
                "q2": opts[usize::try_from(rng.below(4))?],
                "q3": [multi[usize::try_from(rng.below(5))?]],
                "q4": rng.below(300),
                "q5": "家长意见",
            },
            "nonce": nonce,
        });
        writeln!(out, "{a}")?;
        last_nonce = nonce;
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::{SCHOOL_DAYS, write_classes};
    use jianfu_core::feed::Feed;

    /// The bench measures real feeds: each reads with core's reader, with
    /// its 20 school days, and one school in ten publishes no service.
    #[test]
    fn the_district_is_valid_feeds_most_with_an_after_school_plan() {
        let dir = tempfile::tempdir().unwrap();
        let files = write_classes(dir.path(), 300).unwrap();
        assert_eq!(files.len(), 300);
        let again = write_classes(&dir.path().join("again"), 300).unwrap();
        assert_eq!(
            std::fs::read(&files[17]).unwrap(),
            std::fs::read(&again[17]).unwrap(),
            "the same bytes every run"
        );
        let mut with_plan = 0;
        for path in files.iter().step_by(10) {
            let feed = Feed::parse(&std::fs::read_to_string(path).unwrap())
                .unwrap_or_else(|p| panic!("{}: {p}", path.display()));
            assert_eq!(feed.days.len(), SCHOOL_DAYS);
            with_plan += usize::from(feed.school.after_school.is_some());
        }
        assert_eq!(
            with_plan, 27,
            "schools 0–8 of 10 (classes 0–269), every tenth class"
        );
    }
}
