//! Tallying survey responses without singling anyone out.
//!
//! Each nonce counts once (retries are duplicates, not votes); responses to
//! other surveys and invalid ones are skipped and counted. A whole survey or
//! a grade-band group smaller than `min_group` is suppressed, never shown,
//! and when exactly one group of a breakdown is suppressed the smallest other
//! group is suppressed too, so the hidden one cannot be derived by
//! subtracting the shown groups from the total. Free-text answers are never
//! tallied.

use std::collections::{BTreeMap, HashSet};

use crate::survey::{Answer, QuestionKind, Response, Survey};

/// How to tally.
#[derive(Debug, Clone, Copy, Default)]
pub struct TallyOptions {
    /// Overrides the survey's `min_group` (never below 1).
    pub min_group: Option<u32>,
    /// Break the results down by grade band.
    pub by_grade_band: bool,
}

/// Responses that did not count, by reason.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Skipped {
    /// A nonce already counted.
    pub duplicates: u64,
    /// For another survey.
    pub other_survey: u64,
    /// Failing validation against the survey.
    pub invalid: u64,
}

/// The figures for one question.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionTally {
    /// Respondents who answered it.
    pub n: u64,
    /// Mean of `likert5` and `number` answers.
    pub mean: Option<f64>,
    /// Median of `number` answers.
    pub median: Option<f64>,
    /// `likert5` only: the share of answers 4 or 5 (satisfied, very
    /// satisfied) in percent, one decimal: the figure the seeds publish
    /// ("97.3 % of parents satisfied").
    pub satisfied_percent: Option<f64>,
    /// Answers per value (`likert5`: "1"–"5"; `single`/`multi`: option id).
    pub counts: Option<BTreeMap<String, u64>>,
}

/// Results shown for a set of responses.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// Responses counted.
    pub responses: u64,
    /// By question id, in the survey's order of ids; text questions left out.
    pub questions: BTreeMap<String, QuestionTally>,
}

/// A group in a breakdown: shown, or suppressed as too small.
#[derive(Debug, Clone, PartialEq)]
pub enum Group {
    /// Large enough.
    Shown(Figures),
    /// Smaller than `min_group`, or suppressed so that one cannot be derived.
    Suppressed,
}

/// The result of [`tally`].
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    /// The survey id.
    pub survey: String,
    /// The smallest group shown.
    pub min_group: u32,
    /// What did not count.
    pub skipped: Skipped,
    /// `None` when the whole survey has fewer responses than `min_group`.
    pub overall: Option<Figures>,
    /// By grade band (`unknown` for responses without one), if asked for
    /// and the survey as a whole is shown.
    pub groups: Option<BTreeMap<String, Group>>,
}

#[derive(Default)]
struct Acc {
    responses: u64,
    questions: Vec<QAcc>,
}

#[derive(Default, Clone)]
struct QAcc {
    n: u64,
    sum: i64,
    counts: BTreeMap<String, u64>,
    values: Vec<i64>,
}

impl Acc {
    fn new(survey: &Survey) -> Self {
        Self {
            responses: 0,
            questions: vec![QAcc::default(); survey.questions.len()],
        }
    }

    fn add(&mut self, answers: &[(usize, Answer)]) {
        self.responses += 1;
        for (i, answer) in answers {
            let q = &mut self.questions[*i];
            match answer {
                Answer::Scale(n) => {
                    q.n += 1;
                    q.sum += i64::from(*n);
                    *q.counts.entry(n.to_string()).or_default() += 1;
                }
                Answer::Choice(id) => {
                    q.n += 1;
                    *q.counts.entry(id.clone()).or_default() += 1;
                }
                Answer::Choices(ids) => {
                    q.n += 1;
                    for id in ids {
                        *q.counts.entry(id.clone()).or_default() += 1;
                    }
                }
                Answer::Number(n) => {
                    q.n += 1;
                    q.sum = q.sum.saturating_add(*n);
                    q.values.push(*n);
                }
                Answer::Text(_) => {}
            }
        }
    }

    #[allow(clippy::cast_precision_loss)] // counts and sums far below 2^52
    fn figures(mut self, survey: &Survey) -> Figures {
        let mut questions = BTreeMap::new();
        for (q, acc) in survey.questions.iter().zip(&mut self.questions) {
            let all_options = |options: &[crate::survey::Choice],
                               counts: &BTreeMap<String, u64>| {
                options
                    .iter()
                    .map(|c| (c.id.clone(), counts.get(&c.id).copied().unwrap_or(0)))
                    .collect::<BTreeMap<_, _>>()
            };
            let mean = (acc.n > 0).then(|| acc.sum as f64 / acc.n as f64);
            let t = match &q.kind {
                QuestionKind::Text { .. } => continue,
                QuestionKind::Likert5 => QuestionTally {
                    n: acc.n,
                    mean,
                    median: None,
                    satisfied_percent: (acc.n > 0).then(|| {
                        let satisfied = ["4", "5"]
                            .iter()
                            .map(|v| acc.counts.get(*v).copied().unwrap_or(0))
                            .sum::<u64>();
                        (satisfied as f64 * 1000.0 / acc.n as f64).round() / 10.0
                    }),
                    counts: Some(
                        (1..=5)
                            .map(|v| {
                                (
                                    v.to_string(),
                                    acc.counts.get(&v.to_string()).copied().unwrap_or(0),
                                )
                            })
                            .collect(),
                    ),
                },
                QuestionKind::Single(options) | QuestionKind::Multi { options, .. } => {
                    QuestionTally {
                        n: acc.n,
                        mean: None,
                        median: None,
                        satisfied_percent: None,
                        counts: Some(all_options(options, &acc.counts)),
                    }
                }
                QuestionKind::Number { .. } => {
                    acc.values.sort_unstable();
                    let v = &acc.values;
                    let median = match v.len() {
                        0 => None,
                        len if len % 2 == 1 => Some(v[len / 2] as f64),
                        len => Some(f64::midpoint(v[len / 2 - 1] as f64, v[len / 2] as f64)),
                    };
                    QuestionTally {
                        n: acc.n,
                        mean,
                        median,
                        satisfied_percent: None,
                        counts: None,
                    }
                }
            };
            questions.insert(q.id.clone(), t);
        }
        Figures {
            responses: self.responses,
            questions,
        }
    }
}

/// Counts responses one at a time (so a million need not be held at once).
pub struct Tallier<'s> {
    survey: &'s Survey,
    options: TallyOptions,
    seen: HashSet<[u8; 16]>,
    skipped: Skipped,
    overall: Acc,
    groups: BTreeMap<&'static str, Acc>,
}

impl<'s> Tallier<'s> {
    /// Starts a tally of `survey`.
    pub fn new(survey: &'s Survey, options: TallyOptions) -> Self {
        Self {
            survey,
            options,
            seen: HashSet::new(),
            skipped: Skipped::default(),
            overall: Acc::new(survey),
            groups: BTreeMap::new(),
        }
    }

    /// Counts one response, or one skip.
    pub fn add(&mut self, response: &Response) {
        if response.survey != self.survey.id {
            self.skipped.other_survey += 1;
            return;
        }
        let Ok(answers) = self.survey.check(response) else {
            self.skipped.invalid += 1;
            return;
        };
        if !self.seen.insert(response.nonce) {
            self.skipped.duplicates += 1;
            return;
        }
        self.overall.add(&answers);
        if self.options.by_grade_band {
            let band = response.grade_band.map_or("unknown", |b| b.as_str());
            self.groups
                .entry(band)
                .or_insert_with(|| Acc::new(self.survey))
                .add(&answers);
        }
    }

    /// Counts a response that could not even be read.
    pub fn add_unreadable(&mut self) {
        self.skipped.invalid += 1;
    }

    /// The results, with suppression applied.
    pub fn finish(self) -> Tally {
        let min_group = self
            .options
            .min_group
            .unwrap_or(self.survey.min_group)
            .max(1);
        let min = u64::from(min_group);
        let survey = self.survey;
        if self.overall.responses < min {
            return Tally {
                survey: survey.id.clone(),
                min_group,
                skipped: self.skipped,
                overall: None,
                groups: None,
            };
        }
        let groups = self.options.by_grade_band.then(|| {
            let mut small: Vec<&str> = self
                .groups
                .iter()
                .filter(|(_, a)| a.responses < min)
                .map(|(k, _)| *k)
                .collect();
            if small.len() == 1 {
                // Complementary suppression: hide the smallest other group too.
                if let Some((k, _)) = self
                    .groups
                    .iter()
                    .filter(|(k, _)| !small.contains(k))
                    .min_by_key(|(_, a)| a.responses)
                {
                    small.push(k);
                }
            }
            self.groups
                .into_iter()
                .map(|(band, acc)| {
                    let g = if small.contains(&band) {
                        Group::Suppressed
                    } else {
                        Group::Shown(acc.figures(survey))
                    };
                    (band.to_owned(), g)
                })
                .collect()
        });
        Tally {
            survey: survey.id.clone(),
            min_group,
            skipped: self.skipped,
            overall: Some(self.overall.figures(survey)),
            groups,
        }
    }
}

/// Tallies `responses` of `survey` in one call.
pub fn tally<'a>(
    survey: &Survey,
    responses: impl IntoIterator<Item = &'a Response>,
    options: TallyOptions,
) -> Tally {
    let mut t = Tallier::new(survey, options);
    for r in responses {
        t.add(r);
    }
    t.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::GradeBand;
    use crate::time::Date;
    use serde_json::{Value, json};

    fn survey() -> Survey {
        Survey::parse(include_str!("../../../testdata/surveys/2026-autumn.json")).unwrap()
    }

    #[allow(clippy::needless_pass_by_value)] // test helper taking json! values
    fn resp(n: u8, band: &str, answers: Value) -> Response {
        Response {
            survey: "2026-autumn-satisfaction".into(),
            submitted_on: Date::parse("2026-11-23").unwrap(),
            grade_band: GradeBand::parse(band),
            answers: answers.as_object().unwrap().clone(),
            nonce: [n; 16],
            token: None,
        }
    }

    #[test]
    fn counts_means_medians_and_skips() {
        let s = survey();
        let mut rs: Vec<Response> = (0..6)
            .map(|i| {
                resp(
                    i,
                    "3-6",
                    json!({"q1": i % 5 + 1, "q2": "a", "q3": ["hw"], "q4": i * 10, "q5": "秘密"}),
                )
            })
            .collect();
        rs.push(resp(0, "3-6", json!({"q1": 5, "q2": "b"}))); // same nonce: a retry
        let mut other = resp(50, "3-6", json!({"q1": 5, "q2": "b"}));
        other.survey = "another".into();
        rs.push(other);
        rs.push(resp(51, "3-6", json!({"q1": 9, "q2": "b"}))); // invalid
        let t = tally(&s, &rs, TallyOptions::default());
        assert_eq!(
            t.skipped,
            Skipped {
                duplicates: 1,
                other_survey: 1,
                invalid: 1
            }
        );
        let o = t.overall.unwrap();
        assert_eq!(o.responses, 6);
        let q1 = &o.questions["q1"];
        assert_eq!(q1.n, 6);
        assert_eq!(q1.mean, Some(16.0 / 6.0)); // 1,2,3,4,5,1
        assert_eq!(q1.satisfied_percent, Some(33.3), "4 and 5: 2 of 6");
        assert_eq!(q1.counts.as_ref().unwrap()["1"], 2);
        assert_eq!(
            o.questions["q2"].counts.as_ref().unwrap(),
            &BTreeMap::from([
                ("a".into(), 6),
                ("b".into(), 0),
                ("c".into(), 0),
                ("d".into(), 0)
            ])
        );
        assert_eq!(o.questions["q4"].median, Some(25.0)); // 0,10,20,30,40,50
        assert!(
            !o.questions.contains_key("q5"),
            "free text is never tallied"
        );
    }

    #[test]
    fn a_survey_below_min_group_shows_nothing() {
        let s = survey();
        let rs: Vec<_> = (0..4)
            .map(|i| resp(i, "3-6", json!({"q1": 3, "q2": "a"})))
            .collect();
        let t = tally(&s, &rs, TallyOptions::default());
        assert!(t.overall.is_none() && t.groups.is_none());
        let t = tally(
            &s,
            &rs,
            TallyOptions {
                min_group: Some(4),
                by_grade_band: false,
            },
        );
        assert_eq!(t.overall.unwrap().responses, 4);
    }

    #[test]
    fn small_groups_and_their_complement_are_suppressed() {
        let def = survey();
        let mut rs = Vec::new();
        let mut n = 0u8;
        for (band, count) in [("1-2", 6), ("3-6", 9), ("7-9", 2)] {
            for _ in 0..count {
                n += 1;
                rs.push(resp(n, band, json!({"q1": 4, "q2": "c"})));
            }
        }
        let t = tally(
            &def,
            &rs,
            TallyOptions {
                min_group: None,
                by_grade_band: true,
            },
        );
        let g = t.groups.unwrap();
        assert_eq!(g["7-9"], Group::Suppressed, "2 < 5");
        assert_eq!(g["1-2"], Group::Suppressed, "else 7-9 = 17 − 6 − 9");
        assert!(matches!(&g["3-6"], Group::Shown(f) if f.responses == 9));
    }
}
