//! The bureau's cases (受理与核实): one per sealed report, by envelope id.
//!
//! A case keeps the envelope *as it arrived, still sealed*, with what the
//! bureau adds (status, note, when it was received). Reading it needs the
//! private key each time: the bureau's page holds the key in memory for
//! the session only, so a stored case list is useless to whoever copies the
//! browser profile without the key file. What is decrypted is never
//! stored; it is opened again when the key is loaded.
//!
//! Pure: the page and any script share the merge, the filter and the CSV.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::envelope::{Envelope, OpenError, PrivateKey};
use crate::json::Problems;
use crate::report::{Category, Report};
use crate::time::Date;

/// Where a case stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 新收到: not looked at yet.
    #[default]
    Received,
    /// 核实中: being verified with the school.
    Verifying,
    /// 已办结: closed, with the outcome in the note.
    Closed,
}

impl Status {
    /// Every status, in the order a case moves through them.
    pub const ALL: [Self; 3] = [Self::Received, Self::Verifying, Self::Closed];

    /// The wire form (`received`, `verifying`, `closed`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Received => "received",
            Self::Verifying => "verifying",
            Self::Closed => "closed",
        }
    }

    /// Reads the wire form.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Its name for people: `(zh-CN, en)`.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Self::Received => ("新收到", "Received"),
            Self::Verifying => ("核实中", "Verifying"),
            Self::Closed => ("已办结", "Closed"),
        }
    }
}

/// One case as stored on the bureau's device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    /// The envelope's id (base64url), the key of the store.
    pub id: String,
    /// The envelope as it arrived: still sealed.
    pub envelope: Value,
    /// The day the inbox stored it, or the day the bureau first loaded it
    /// when it came from a file without that date.
    #[serde(default, with = "crate::studio::date_opt_serde")]
    pub received_on: Option<Date>,
    /// Where it stands.
    #[serde(default)]
    pub status: Status,
    /// The bureau's note (what was checked, the outcome).
    #[serde(default)]
    pub note: String,
    /// When status or note last changed (RFC 3339, from the page's clock).
    #[serde(default)]
    pub updated: Option<String>,
}

/// A line that is not an envelope: kept in the list as such, not dropped.
#[derive(Debug, Clone, PartialEq)]
pub struct BadLine {
    /// Where it came from (`file.jsonl:3`, `inbox:12`).
    pub source: String,
    /// What is wrong with it.
    pub problem: String,
}

impl Case {
    /// A case from one line of an export or file: the envelope's form is
    /// checked (not opened); `received_on` is read from the line when the
    /// inbox wrote it there, else `today`.
    pub fn from_line(line: &str, today: Date) -> Result<Self, Problems> {
        let value: Value = serde_json::from_str(line.trim())
            .map_err(|e| Problems::whole(format!("not valid JSON: {e}")))?;
        let envelope = Envelope::from_value(&value)?;
        let received_on = value
            .get("received_on")
            .and_then(Value::as_str)
            .and_then(|d| Date::parse(d).ok())
            .or(Some(today));
        let mut sealed = value;
        if let Some(map) = sealed.as_object_mut() {
            map.remove("received_on");
        }
        Ok(Self {
            id: envelope.id_base64(),
            envelope: sealed,
            received_on,
            status: Status::Received,
            note: String::new(),
            updated: None,
        })
    }

    /// Opens the case's envelope with `key`, as a bureau reads it (a
    /// category this build does not know comes back beside the report).
    pub fn open(&self, key: &PrivateKey) -> Result<(Report, Option<String>), OpenError> {
        let envelope = Envelope::from_value(&self.envelope).map_err(OpenError::Report)?;
        envelope.open_for_reading(key)
    }
}

/// Reads JSON lines (an inbox export, a `.jsonl` file, or one envelope per
/// file): every envelope becomes a case, every other non-blank line a
/// [`BadLine`] naming `source` and the line number.
pub fn read_lines(text: &str, source: &str, today: Date) -> (Vec<Case>, Vec<BadLine>) {
    let trimmed = text.trim();
    // One pretty-printed envelope per file is a whole document, not lines
    // (JSON lines fail to parse as one value at their second line).
    if trimmed.contains('\n') && serde_json::from_str::<serde::de::IgnoredAny>(trimmed).is_ok() {
        return match Case::from_line(trimmed, today) {
            Ok(c) => (vec![c], Vec::new()),
            Err(p) => (
                Vec::new(),
                vec![BadLine {
                    source: source.to_owned(),
                    problem: p.to_string(),
                }],
            ),
        };
    }
    let mut cases = Vec::new();
    let mut bad = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match Case::from_line(line, today) {
            Ok(c) => cases.push(c),
            Err(p) => bad.push(BadLine {
                source: format!("{source}:{}", i + 1),
                problem: p.to_string(),
            }),
        }
    }
    (cases, bad)
}

/// Adds `incoming` to `cases`: a new id becomes a new case; a known id
/// keeps the bureau's status and note (an export read twice changes
/// nothing). Returns how many were new.
pub fn merge(cases: &mut BTreeMap<String, Case>, incoming: Vec<Case>) -> usize {
    let mut added = 0;
    for case in incoming {
        if let std::collections::btree_map::Entry::Vacant(e) = cases.entry(case.id.clone()) {
            e.insert(case);
            added += 1;
        }
    }
    added
}

/// What the case list is narrowed to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only this status.
    pub status: Option<Status>,
    /// Only this category.
    pub category: Option<Category>,
    /// Only this school id.
    pub school: Option<String>,
    /// Words to find in the description, class, note or school
    /// (case-insensitive; every word must appear).
    pub text: String,
}

impl Filter {
    /// Whether a case (with its report when the key opened it) is shown.
    /// A case that is not open matches only when no report field is asked.
    pub fn matches(&self, case: &Case, report: Option<&Report>) -> bool {
        if self.status.is_some_and(|s| s != case.status) {
            return false;
        }
        let asks_report = self.category.is_some() || self.school.is_some();
        match report {
            None => !asks_report && self.text_in(&[&case.note, &case.id]),
            Some(r) => {
                self.category.is_none_or(|c| c == r.category)
                    && self.school.as_ref().is_none_or(|s| *s == r.school)
                    && self.text_in(&[
                        &r.description,
                        &r.school,
                        r.class.as_deref().unwrap_or(""),
                        &case.note,
                        &case.id,
                    ])
            }
        }
    }

    fn text_in(&self, fields: &[&str]) -> bool {
        let haystack = fields.join("\n").to_lowercase();
        self.text
            .split_whitespace()
            .all(|w| haystack.contains(&w.to_lowercase()))
    }
}

/// The cases as CSV (RFC 4180, UTF-8 with a byte-order mark so that
/// spreadsheet programs read the Chinese text), for the bureau's own case
/// system. `lang` picks the header's and the labels' language. A cell that
/// a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is
/// prefixed with `'`: a parent's description must not become a formula on
/// the bureau's computer.
pub fn to_csv(rows: &[(&Case, Option<&Report>)], lang: &str) -> String {
    let en = lang.starts_with("en");
    let pick = |(zh, e): (&'static str, &'static str)| if en { e } else { zh };
    let header = if en {
        [
            "id",
            "status",
            "note",
            "category",
            "rule",
            "school",
            "grade",
            "class",
            "occurred on",
            "received on",
            "description",
            "contact",
            "updated",
        ]
    } else {
        [
            "编号",
            "状态",
            "办理记录",
            "类别",
            "相关规定",
            "学校",
            "年级",
            "班级",
            "发生日期",
            "收到日期",
            "情况描述",
            "联系方式",
            "更新时间",
        ]
    };
    let mut out = String::from(crate::csv::BOM);
    crate::csv::push_row(&mut out, header.iter().map(|s| (*s).to_owned()));
    for (case, report) in rows {
        let (category, rule, school, grade, class, occurred, description, contact) = match report {
            Some(r) => (
                r.category.as_str().to_owned(),
                pick(r.category.rule_text()).to_owned(),
                r.school.clone(),
                r.grade.map(|g| g.get().to_string()).unwrap_or_default(),
                r.class.clone().unwrap_or_default(),
                r.occurred_on.to_string(),
                r.description.clone(),
                r.contact.clone().unwrap_or_default(),
            ),
            None => (
                String::new(),
                pick((
                    "（未打开：需要密钥，或无法解密）",
                    "(not opened: needs the key, or cannot be decrypted)",
                ))
                .to_owned(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ),
        };
        crate::csv::push_row(
            &mut out,
            [
                case.id.clone(),
                pick(case.status.label()).to_owned(),
                case.note.clone(),
                category,
                rule,
                school,
                grade,
                class,
                occurred,
                case.received_on.map(|d| d.to_string()).unwrap_or_default(),
                description,
                contact,
                case.updated.clone().unwrap_or_default(),
            ]
            .into_iter(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::envelope::generate_keypair;
    use crate::rules::Grade;

    struct Counter(u8);
    impl hpke::rand_core::TryRng for Counter {
        type Error = std::convert::Infallible;
        fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
            self.0 = self.0.wrapping_add(1);
            Ok(u32::from(self.0))
        }
        fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
            self.0 = self.0.wrapping_add(1);
            Ok(u64::from(self.0))
        }
        fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
            for d in dst {
                self.0 = self.0.wrapping_add(1);
                *d = self.0;
            }
            Ok(())
        }
    }
    impl hpke::rand_core::TryCryptoRng for Counter {}

    fn report(description: &str) -> Report {
        Report {
            category: Category::HomeworkOverTimeLimit,
            school: "jinshui-no9-middle".into(),
            grade: Some(Grade::new(8).unwrap()),
            class: Some("g8c3".into()),
            occurred_on: Date::parse("2026-11-16").unwrap(),
            description: description.into(),
            contact: None,
            reply_key: None,
        }
    }

    #[test]
    fn lines_become_cases_bad_lines_are_named_and_merging_keeps_the_bureaus_work() {
        let mut rng = Counter(1);
        let (sk, pk) = generate_keypair(&mut rng);
        let a = Envelope::seal(&report("每天作业到十一点"), &pk, &mut rng).to_value();
        let mut b = Envelope::seal(&report("=HYPERLINK(\"x\")"), &pk, &mut rng).to_value();
        b["received_on"] = "2026-11-20".into();
        let today = Date::parse("2026-12-01").unwrap();
        let text = format!("{a}\n\nnot json\n{b}\n{{\"format\":\"jianfu.envelope/1\"}}\n");
        let (cases, bad) = read_lines(&text, "export.jsonl", today);
        assert_eq!(cases.len(), 2);
        assert_eq!(cases[0].received_on, Some(today));
        assert_eq!(cases[1].received_on, Date::parse("2026-11-20").ok());
        assert!(
            cases[1].envelope.get("received_on").is_none(),
            "the envelope is kept as sealed"
        );
        assert_eq!(
            bad.iter().map(|b| b.source.as_str()).collect::<Vec<_>>(),
            ["export.jsonl:3", "export.jsonl:5"]
        );
        assert_eq!(
            cases[0].open(&sk).unwrap().0.description,
            "每天作业到十一点"
        );

        let mut store = BTreeMap::new();
        assert_eq!(merge(&mut store, cases.clone()), 2);
        store.get_mut(&cases[0].id).unwrap().status = Status::Verifying;
        assert_eq!(merge(&mut store, cases.clone()), 0);
        assert_eq!(store[&cases[0].id].status, Status::Verifying);

        // The filter and the CSV over opened reports.
        let opened: Vec<(Case, Report)> = cases
            .iter()
            .map(|c| (c.clone(), c.open(&sk).unwrap().0))
            .collect();
        let f = Filter {
            text: "十一点".into(),
            ..Filter::default()
        };
        assert!(f.matches(&opened[0].0, Some(&opened[0].1)));
        assert!(!f.matches(&opened[1].0, Some(&opened[1].1)));
        let f = Filter {
            school: Some("jinshui-no9-middle".into()),
            ..Filter::default()
        };
        assert!(f.matches(&opened[0].0, Some(&opened[0].1)));
        assert!(
            !f.matches(&opened[0].0, None),
            "an unopened case has no school to match"
        );
        let rows: Vec<(&Case, Option<&Report>)> =
            opened.iter().map(|(c, r)| (c, Some(r))).collect();
        let csv = to_csv(&rows, "zh-CN");
        assert!(csv.starts_with("\u{feff}编号,状态,办理记录,类别"));
        assert!(csv.contains(",新收到,,homework_over_time_limit,"));
        assert!(csv.contains(",\"'=HYPERLINK(\"\"x\"\")\","), "{csv}");
        assert_eq!(csv.matches("\r\n").count(), 3);
    }

    #[test]
    fn a_case_from_another_bureaus_key_does_not_open() {
        let mut rng = Counter(40);
        let (_, pk) = generate_keypair(&mut rng);
        let (other, _) = generate_keypair(&mut rng);
        let line = Envelope::seal(&report("x"), &pk, &mut rng)
            .to_value()
            .to_string();
        let case = Case::from_line(&line, Date::parse("2026-12-01").unwrap()).unwrap();
        assert_eq!(case.open(&other).unwrap_err(), OpenError::Decrypt);
        let stored: Case = serde_json::from_str(&serde_json::to_string(&case).unwrap()).unwrap();
        assert_eq!(stored, case);
    }
}
