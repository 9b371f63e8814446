//! Anonymous surveys: the definition `jianfu.survey/1` a school publishes and
//! the response `jianfu.response/1` a parent sends, checked against it.
//!
//! A response carries no name, nickname, device id or account, only a date
//! (no time), a grade *band* and only when the survey asks, and a fresh
//! random nonce that lets the receiver drop duplicate deliveries of a retry.

use std::collections::HashSet;

use serde_json::{Map, Value, json};

use crate::b64;
use crate::json::{self, Ctx, Nested, Obj, Problems, With, describe};
use crate::rules::GradeBand;
use crate::text::Text;
use crate::time::Date;

/// The format tag of survey definitions.
pub const FORMAT: &str = "jianfu.survey/1";
/// The format tag of responses.
pub const RESPONSE_FORMAT: &str = "jianfu.response/1";
/// `min_group` when a survey does not say.
pub const DEFAULT_MIN_GROUP: u32 = 10;
/// `max_len` of text questions when a survey does not say.
pub const DEFAULT_MAX_LEN: usize = 1000;

/// One option of a `single` or `multi` question.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// Its id, what a response carries.
    pub id: String,
    /// What the parent reads.
    pub text: Text,
}

/// What a question asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum QuestionKind {
    /// 1–5.
    Likert5,
    /// One option id.
    Single(Vec<Choice>),
    /// Distinct option ids, at most `max`.
    Multi {
        /// The options.
        options: Vec<Choice>,
        /// At most this many.
        max: usize,
    },
    /// A whole number within `min..=max`.
    Number {
        /// Smallest allowed.
        min: i64,
        /// Largest allowed.
        max: i64,
        /// Shown after the field (`minutes`).
        unit: Option<String>,
    },
    /// Free text of at most `max_len` characters; never tallied.
    Text {
        /// Longest allowed, in characters.
        max_len: usize,
    },
}

/// One question.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// Its id, the key in a response's `answers`.
    pub id: String,
    /// What the parent reads.
    pub text: Text,
    /// Must be answered.
    pub required: bool,
    /// The kind of answer.
    pub kind: QuestionKind,
}

/// A validated `jianfu.survey/1`.
#[derive(Debug, Clone, PartialEq)]
pub struct Survey {
    /// The survey id responses refer to.
    pub id: String,
    /// Its title.
    pub title: Text,
    /// First day responses are accepted (school time).
    pub opens: Date,
    /// Last day responses are accepted.
    pub closes: Date,
    /// Smallest group whose tallies may be shown.
    pub min_group: u32,
    /// Whether responses carry a grade band.
    pub ask_grade_band: bool,
    /// The bureau (an id of the app's directory) that collects the answers,
    /// for bureau-run surveys; without it the school's `survey_url` does.
    pub collector: Option<String>,
    /// The questions, in order.
    pub questions: Vec<Question>,
    /// With `"tokens": true`: only invited families answer, each once, with
    /// a blind-signed token from this issuer (`docs/spec/survey-tokens.md`).
    pub issuer: Option<Issuer>,
}

/// Who signs a token survey's tokens: where the app redeems a code, and the
/// public key the inbox checks tokens with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    /// The issuer's `POST /issue` endpoint (absolute, or relative to the
    /// survey definition's address).
    pub url: String,
    /// The RSA public key, SPKI (DER).
    pub key: Vec<u8>,
    /// [`crate::token::key_id`] of `key`, checked when read.
    pub key_id: crate::token::KeyId,
}

/// A token a response carries: the message, the randomizer the app chose
/// when blinding (RFC 9474's randomized variant) and the signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenProof {
    /// The signed `jianfu.token/1` message.
    pub msg: Vec<u8>,
    /// The 32-byte message randomizer.
    pub rand: [u8; 32],
    /// The RSA signature.
    pub sig: Vec<u8>,
}

impl TokenProof {
    /// Reads [`TokenProof::to_value`]'s form: each field base64url, `rand`
    /// 32 bytes, `msg` and `sig` 1–1,024 bytes.
    pub fn from_value(v: &Value) -> Option<Self> {
        let field = |k: &str| v.get(k)?.as_str().and_then(b64::decode);
        Some(Self {
            msg: field("msg").filter(|m| !m.is_empty() && m.len() <= 1024)?,
            rand: field("rand").and_then(|r| <[u8; 32]>::try_from(r).ok())?,
            sig: field("sig").filter(|s| !s.is_empty() && s.len() <= 1024)?,
        })
    }

    /// As a response carries it: `{"msg", "rand", "sig"}`, base64url.
    pub fn to_value(&self) -> Value {
        json!({
            "msg": b64::encode(&self.msg),
            "rand": b64::encode(&self.rand),
            "sig": b64::encode(&self.sig),
        })
    }
}

/// A typed answer, after checking against its question.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// `likert5`: 1–5.
    Scale(u8),
    /// `single`: an option id.
    Choice(String),
    /// `multi`: distinct option ids.
    Choices(Vec<String>),
    /// `number`.
    Number(i64),
    /// `text`.
    Text(String),
}

impl Answer {
    /// The JSON a response carries.
    pub fn to_value(&self) -> Value {
        match self {
            Self::Scale(n) => json!(n),
            Self::Choice(s) | Self::Text(s) => json!(s),
            Self::Choices(v) => json!(v),
            Self::Number(n) => json!(n),
        }
    }
}

/// A `jianfu.response/1` whose form is valid; its answers are checked
/// against the survey with [`Survey::check`].
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The survey id.
    pub survey: String,
    /// The day it was sent (no time: a time could single out the sender).
    pub submitted_on: Date,
    /// The grade band, only if the survey asks.
    pub grade_band: Option<GradeBand>,
    /// Answers by question id, as sent.
    pub answers: Map<String, Value>,
    /// 128 random bits, fresh per submission.
    pub nonce: [u8; 16],
    /// For a token survey: the token that makes this family's one answer.
    pub token: Option<TokenProof>,
}

impl Response {
    /// Parses a response and checks its form (not its answers).
    pub fn parse(text: &str) -> Result<Self, Problems> {
        Self::from_value(&json::parse_value(text)?)
    }

    /// Checks an already parsed JSON value.
    pub fn from_value(value: &Value) -> Result<Self, Problems> {
        json::document(value, RESPONSE_FORMAT, read_response)
    }

    /// The response as JSON, exactly what is sent.
    pub fn to_value(&self) -> Value {
        let mut v = json!({
            "format": RESPONSE_FORMAT,
            "survey": self.survey,
            "submitted_on": self.submitted_on.to_string(),
            "answers": self.answers,
            "nonce": b64::encode(&self.nonce),
        });
        if let Some(band) = self.grade_band {
            v["grade_band"] = json!(band.as_str());
        }
        if let Some(token) = &self.token {
            v["token"] = token.to_value();
        }
        v
    }

    /// The nonce as written in the response.
    pub fn nonce_base64(&self) -> String {
        b64::encode(&self.nonce)
    }
}

fn read_response(ctx: &mut Ctx, value: &Value) -> Option<Response> {
    let o = Obj::of(ctx, "", value)?;
    let survey = o.req(ctx, "survey", json::string());
    let submitted_on = o.req(ctx, "submitted_on", json::date());
    let grade_band = o.opt(
        ctx,
        "grade_band",
        With {
            expected: "one of \"1-2\", \"3-6\", \"7-9\", \"10-12\"",
            f: |v: &Value| v.as_str().and_then(GradeBand::parse),
        },
    );
    let answers = o.req(
        ctx,
        "answers",
        With {
            expected: "an object of question id to answer",
            f: |v: &Value| v.as_object().cloned(),
        },
    );
    let nonce = o.req(
        ctx,
        "nonce",
        With {
            expected: "a base64url 128-bit nonce (16 bytes)",
            f: |v: &Value| {
                v.as_str()
                    .and_then(b64::decode)
                    .and_then(|b| <[u8; 16]>::try_from(b).ok())
            },
        },
    );
    let token = o.opt(
        ctx,
        "token",
        With {
            expected: "an object with base64url msg, rand (32 bytes) and sig",
            f: TokenProof::from_value,
        },
    );
    Some(Response {
        survey: survey?,
        submitted_on: submitted_on?,
        grade_band: grade_band.ok()?,
        answers: answers?,
        nonce: nonce?,
        token: token.ok()?,
    })
}

/// Reads `issuer`: `{"url", "key" (SPKI, base64url), "key_id" (16 hex)}`,
/// the id checked against the key so a copy-paste slip is caught here,
/// not by every parent's failed redemption.
fn read_issuer(ctx: &mut Ctx, path: &str, value: &Value) -> Option<Issuer> {
    let o = Obj::of(ctx, path, value)?;
    let url = o.req(ctx, "url", json::string());
    let key = o.req(
        ctx,
        "key",
        With {
            expected: "the issuer's RSA public key, SPKI in base64url",
            f: |v: &Value| v.as_str().and_then(b64::decode).filter(|k| k.len() >= 64),
        },
    );
    let key_id = o.req(
        ctx,
        "key_id",
        With {
            expected: "16 hexadecimal digits",
            f: |v: &Value| v.as_str().and_then(crate::token::KeyId::parse),
        },
    );
    let (url, key, key_id) = (url?, key?, key_id?);
    if crate::token::key_id(&key) != key_id {
        ctx.report(
            &format!("{path}.key_id"),
            format!(
                "{key_id} is not the id of this key ({})",
                crate::token::key_id(&key)
            ),
        );
        return None;
    }
    Some(Issuer { url, key, key_id })
}

impl Survey {
    /// Parses and validates a survey definition, reporting every problem.
    pub fn parse(text: &str) -> Result<Self, Problems> {
        Self::from_value(&json::parse_value(text)?)
    }

    /// Whether `text` is JSON that says it is a survey definition, without
    /// reading the rest: enough for the app to keep a copy for offline use
    /// without carrying the whole reader in its first download (the
    /// surveys screen validates with [`Survey::parse`] before showing it).
    pub fn check_format(text: &str) -> Result<(), Problems> {
        json::check_format(&json::parse_value(text)?, FORMAT)
    }

    /// Validates an already parsed JSON value.
    pub fn from_value(value: &Value) -> Result<Self, Problems> {
        json::document(value, FORMAT, read_survey)
    }

    /// Whether responses are accepted on `date` (opens through closes, inclusive).
    pub fn is_open_on(&self, date: Date) -> bool {
        (self.opens..=self.closes).contains(&date)
    }

    /// Checks `response` against this survey: its id, its date, the band
    /// rule, and every answer against its question. Returns the typed answers.
    pub fn check(&self, response: &Response) -> Result<Vec<(usize, Answer)>, Problems> {
        let mut ctx = Ctx::default();
        if response.survey != self.id {
            ctx.report(
                "survey",
                format!("is \"{}\", expected \"{}\"", response.survey, self.id),
            );
        }
        if !self.is_open_on(response.submitted_on) {
            ctx.report(
                "submitted_on",
                format!(
                    "{} is outside the survey's dates ({} to {})",
                    response.submitted_on, self.opens, self.closes
                ),
            );
        }
        if response.grade_band.is_some() && !self.ask_grade_band {
            ctx.report(
                "grade_band",
                "this survey does not ask for a grade band; leave it out",
            );
        }
        for key in response.answers.keys() {
            if !self.questions.iter().any(|q| &q.id == key) {
                ctx.report(&format!("answers.{key}"), "no such question in this survey");
            }
        }
        let mut answers = Vec::new();
        for (i, q) in self.questions.iter().enumerate() {
            let path = format!("answers.{}", q.id);
            match response.answers.get(&q.id).filter(|v| !v.is_null()) {
                None if q.required => ctx.report(&path, "required; no answer given"),
                None => {}
                Some(v) => match q.check(v) {
                    Ok(a) => answers.push((i, a)),
                    Err(expected) => {
                        ctx.report(&path, format!("expected {expected}, found {}", describe(v)));
                    }
                },
            }
        }
        ctx.finish(Some(answers))
    }
}

impl Question {
    /// The typed answer, or what was expected.
    pub fn check(&self, v: &Value) -> Result<Answer, String> {
        let known = |options: &[Choice], id: &str| options.iter().any(|c| c.id == id);
        let ids = |options: &[Choice]| {
            options
                .iter()
                .map(|c| format!("\"{}\"", c.id))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match &self.kind {
            QuestionKind::Likert5 => v
                .as_u64()
                .filter(|n| (1..=5).contains(n))
                .and_then(|n| u8::try_from(n).ok())
                .map(Answer::Scale)
                .ok_or_else(|| "a whole number 1–5".to_owned()),
            QuestionKind::Single(options) => v
                .as_str()
                .filter(|s| known(options, s))
                .map(|s| Answer::Choice(s.to_owned()))
                .ok_or_else(|| format!("one of {}", ids(options))),
            QuestionKind::Multi { options, max } => {
                let expected = || {
                    format!(
                        "a list of at most {max} distinct options from {}",
                        ids(options)
                    )
                };
                let list = v.as_array().ok_or_else(expected)?;
                let mut seen = HashSet::new();
                let chosen: Option<Vec<String>> = list
                    .iter()
                    .map(|x| {
                        x.as_str()
                            .filter(|s| known(options, s) && seen.insert(*s))
                            .map(str::to_owned)
                    })
                    .collect();
                chosen
                    .filter(|c| c.len() <= *max)
                    .map(Answer::Choices)
                    .ok_or_else(expected)
            }
            QuestionKind::Number { min, max, .. } => v
                .as_i64()
                .filter(|n| (*min..=*max).contains(n))
                .map(Answer::Number)
                .ok_or_else(|| format!("a whole number {min}–{max}")),
            QuestionKind::Text { max_len } => v
                .as_str()
                .filter(|s| s.chars().count() <= *max_len)
                .map(|s| Answer::Text(s.to_owned()))
                .ok_or_else(|| format!("text of at most {max_len} characters")),
        }
    }
}

fn read_survey(ctx: &mut Ctx, value: &Value) -> Option<Survey> {
    let o = Obj::of(ctx, "", value)?;
    let id = o.req(ctx, "id", json::string());
    let title = o.req(
        ctx,
        "title",
        Nested {
            expected: Text::EXPECTED,
            f: Text::read,
        },
    );
    let opens = o.req(ctx, "opens", json::date());
    let closes = o.req(ctx, "closes", json::date());
    let min_group = o.opt(
        ctx,
        "min_group",
        With {
            expected: "a whole number of at least 1",
            f: |v: &Value| {
                v.as_u64()
                    .filter(|n| *n >= 1)
                    .and_then(|n| u32::try_from(n).ok())
            },
        },
    );
    let ask = o.opt(
        ctx,
        "ask_grade_band",
        With {
            expected: "true or false",
            f: Value::as_bool,
        },
    );
    let collector = o.opt(ctx, "collector", json::string());
    let tokens = o.opt(
        ctx,
        "tokens",
        With {
            expected: "true or false",
            f: Value::as_bool,
        },
    );
    let issuer = o.opt(
        ctx,
        "issuer",
        Nested {
            expected: "an object with url, key and key_id",
            f: read_issuer,
        },
    );
    let questions = o.req(
        ctx,
        "questions",
        Nested {
            expected: "a list of questions",
            f: |ctx: &mut Ctx, p: &str, v: &Value| json::list(ctx, p, v, read_question),
        },
    );
    // `issuer` counts only with `"tokens": true`, and is then required.
    let issuer = match (tokens, issuer) {
        (Ok(Some(true)), Ok(None)) => {
            ctx.report(
                "issuer",
                "missing; \"tokens\": true needs the issuer's url, key and key_id",
            );
            return None;
        }
        (Ok(Some(true)), Ok(Some(i))) => Some(i),
        (Ok(_), Ok(_)) => None,
        _ => return None,
    };
    if let (Some(a), Some(b)) = (opens, closes)
        && a > b
    {
        ctx.report("closes", format!("{b} is before opens ({a})"));
    }
    if let Some(qs) = &questions {
        let mut seen = HashSet::new();
        for (i, q) in qs.iter().enumerate() {
            if !seen.insert(q.id.as_str()) {
                ctx.report(
                    &format!("questions[{i}].id"),
                    format!("\"{}\" is used twice", q.id),
                );
            }
        }
    }
    Some(Survey {
        id: id?,
        title: title?,
        opens: opens?,
        closes: closes?,
        min_group: min_group.ok()?.unwrap_or(DEFAULT_MIN_GROUP),
        ask_grade_band: ask.ok()?.unwrap_or(false),
        collector: collector.ok()?,
        questions: questions?,
        issuer,
    })
}

fn read_choices(ctx: &mut Ctx, o: &Obj<'_>) -> Option<Vec<Choice>> {
    let choices = o.req(
        ctx,
        "options",
        Nested {
            expected: "a list of options with id and text",
            f: |ctx: &mut Ctx, p: &str, v: &Value| {
                json::list(ctx, p, v, |ctx, p, v| {
                    let c = Obj::of(ctx, p, v)?;
                    let id = c.req(ctx, "id", json::string());
                    let text = c.req(
                        ctx,
                        "text",
                        Nested {
                            expected: Text::EXPECTED,
                            f: Text::read,
                        },
                    );
                    Some(Choice {
                        id: id?,
                        text: text?,
                    })
                })
            },
        },
    )?;
    let mut seen = HashSet::new();
    let mut ok = !choices.is_empty();
    if !ok {
        ctx.report(&o.path_of("options"), "needs at least one option");
    }
    for (i, c) in choices.iter().enumerate() {
        if !seen.insert(c.id.as_str()) {
            ok = false;
            ctx.report(
                &format!("{}[{i}].id", o.path_of("options")),
                format!("\"{}\" is used twice", c.id),
            );
        }
    }
    ok.then_some(choices)
}

fn read_question(ctx: &mut Ctx, path: &str, value: &Value) -> Option<Question> {
    let o = Obj::of(ctx, path, value)?;
    let id = o.req(ctx, "id", json::string());
    let text = o.req(
        ctx,
        "text",
        Nested {
            expected: Text::EXPECTED,
            f: Text::read,
        },
    );
    let required = o.opt(
        ctx,
        "required",
        With {
            expected: "true or false",
            f: Value::as_bool,
        },
    );
    let kind = o.req(
        ctx,
        "type",
        With {
            expected: "one of likert5, single, multi, number, text",
            f: |v: &Value| {
                v.as_str()
                    .filter(|s| ["likert5", "single", "multi", "number", "text"].contains(s))
                    .map(str::to_owned)
            },
        },
    );
    let whole = |ctx: &mut Ctx, key: &str| {
        o.opt(
            ctx,
            key,
            With {
                expected: "a whole number",
                f: Value::as_i64,
            },
        )
    };
    let kind = match kind?.as_str() {
        "likert5" => QuestionKind::Likert5,
        "single" => QuestionKind::Single(read_choices(ctx, &o)?),
        "multi" => {
            let options = read_choices(ctx, &o)?;
            let max = whole(ctx, "max").ok()?;
            let max = match max {
                None => options.len(),
                Some(m) if m >= 1 => usize::try_from(m).unwrap_or(usize::MAX).min(options.len()),
                Some(_) => {
                    ctx.report(&o.path_of("max"), "must be at least 1");
                    return None;
                }
            };
            QuestionKind::Multi { options, max }
        }
        "number" => {
            let min = whole(ctx, "min").ok()?.unwrap_or(0);
            let max = whole(ctx, "max").ok()?.unwrap_or(i64::from(u32::MAX));
            let unit = o.opt(ctx, "unit", json::string()).ok()?;
            if min > max {
                ctx.report(&o.path_of("max"), format!("{max} is below min ({min})"));
                return None;
            }
            QuestionKind::Number { min, max, unit }
        }
        _ => {
            let max_len = whole(ctx, "max_len").ok()?;
            let max_len = match max_len {
                None => DEFAULT_MAX_LEN,
                Some(m) if m >= 1 => usize::try_from(m).unwrap_or(usize::MAX),
                Some(_) => {
                    ctx.report(&o.path_of("max_len"), "must be at least 1");
                    return None;
                }
            };
            QuestionKind::Text { max_len }
        }
    };
    Some(Question {
        id: id?,
        text: text?,
        required: required.ok()?.unwrap_or(false),
        kind,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn survey() -> Survey {
        Survey::parse(include_str!("../../../testdata/surveys/2026-autumn.json")).unwrap()
    }

    /// The test survey made a token survey with `issuer` (as JSON).
    fn token_survey(issuer: &Value) -> Result<Survey, Problems> {
        let mut v: Value =
            serde_json::from_str(include_str!("../../../testdata/surveys/2026-autumn.json"))
                .unwrap();
        v["tokens"] = json!(true);
        if !issuer.is_null() {
            v["issuer"] = issuer.clone();
        }
        Survey::from_value(&v)
    }

    #[test]
    fn a_token_survey_names_its_issuer_and_the_key_id_must_match() {
        let key = vec![7u8; 300];
        let id = crate::token::key_id(&key).to_string();
        let ok =
            token_survey(&json!({"url": "/inbox/issue", "key": b64::encode(&key), "key_id": id}))
                .unwrap();
        let issuer = ok.issuer.unwrap();
        assert_eq!(
            (issuer.url.as_str(), issuer.key),
            ("/inbox/issue", key.clone())
        );
        assert_eq!(issuer.key_id.to_string(), id);

        let missing = token_survey(&Value::Null).unwrap_err().to_string();
        assert!(missing.contains("issuer: missing"), "{missing}");
        let wrong = token_survey(
            &json!({"url": "/i", "key": b64::encode(&key), "key_id": "0011223344556677"}),
        )
        .unwrap_err()
        .to_string();
        assert!(
            wrong.contains("issuer.key_id: 0011223344556677 is not the id of this key"),
            "{wrong}"
        );
        let bad = token_survey(&json!({"url": "/i", "key": "!!", "key_id": "xyz"}))
            .unwrap_err()
            .to_string();
        assert!(
            bad.contains("issuer.key:") && bad.contains("issuer.key_id:"),
            "{bad}"
        );
        assert_eq!(
            survey().issuer,
            None,
            "a survey without tokens has no issuer"
        );
    }

    #[test]
    fn a_response_carries_its_token_and_reads_it_back() {
        let mut r = Response::parse(&format!(
            r#"{{"format":"jianfu.response/1","survey":"s","submitted_on":"2026-11-23","answers":{{}},"nonce":"{}"}}"#,
            b64::encode(&[1u8; 16])
        ))
        .unwrap();
        assert_eq!(r.token, None);
        r.token = Some(TokenProof {
            msg: b"jianfu.token/1".to_vec(),
            rand: [3; 32],
            sig: vec![9; 384],
        });
        let back = Response::from_value(&r.to_value()).unwrap();
        assert_eq!(back, r);
        let mut v = r.to_value();
        v["token"]["rand"] = json!(b64::encode(&[3u8; 31]));
        let e = Response::from_value(&v).unwrap_err().to_string();
        assert!(
            e.contains("token: expected an object with base64url msg"),
            "{e}"
        );
    }

    #[test]
    fn check_format_reads_only_the_format() {
        let text = include_str!("../../../testdata/surveys/2026-autumn.json");
        assert!(Survey::check_format(text).is_ok());
        // Says it is a survey but is not a valid one: the format check passes, parse does not.
        let broken = r#"{"format": "jianfu.survey/1", "id": 3}"#;
        assert!(Survey::check_format(broken).is_ok());
        assert!(Survey::parse(broken).is_err());
        let other = r#"{"format": "jianfu.feed/1"}"#;
        assert_eq!(
            Survey::check_format(other).unwrap_err().as_slice()[0].path,
            "format"
        );
        assert!(Survey::check_format("not json").is_err());
    }

    #[allow(clippy::needless_pass_by_value)] // test helper taking json! values
    fn response(answers: Value) -> Response {
        Response::from_value(
            &json!({"format": RESPONSE_FORMAT, "survey": "2026-autumn-satisfaction",
            "submitted_on": "2026-11-23", "grade_band": "3-6", "answers": answers,
            "nonce": "AAAAAAAAAAAAAAAAAAAAAA"}),
        )
        .unwrap()
    }

    fn problems(r: &Response) -> Vec<String> {
        survey().check(r).map_or_else(
            |p| p.into_iter().map(|p| p.to_string()).collect(),
            |_| vec![],
        )
    }

    #[test]
    fn reads_the_autumn_survey() {
        let s = survey();
        assert_eq!(
            (s.min_group, s.ask_grade_band, s.questions.len()),
            (5, true, 5)
        );
        assert!(matches!(
            s.questions[2].kind,
            QuestionKind::Multi { max: 3, .. }
        ));
        assert!(s.is_open_on(Date::parse("2026-12-15").unwrap()));
        assert!(!s.is_open_on(Date::parse("2026-12-16").unwrap()));
    }

    #[test]
    fn a_good_response_passes() {
        let r =
            response(json!({"q1": 4, "q2": "a", "q3": ["hw", "sport"], "q4": 45, "q5": "谢谢"}));
        assert_eq!(problems(&r), Vec::<String>::new());
        assert_eq!(Response::from_value(&r.to_value()).unwrap(), r);
    }

    #[test]
    fn every_wrong_answer_is_named() {
        let r = response(
            json!({"q1": 6, "q3": ["hw", "hw"], "q4": 301, "q5": "x".repeat(501), "q9": 1}),
        );
        assert_eq!(
            problems(&r),
            [
                "answers.q9: no such question in this survey",
                "answers.q1: expected a whole number 1–5, found the number 6",
                "answers.q2: required; no answer given",
                "answers.q3: expected a list of at most 3 distinct options from \"hw\", \"sport\", \"art\", \"read\", \"sci\", found a list",
                "answers.q4: expected a whole number 0–300, found the number 301",
                "answers.q5: expected text of at most 500 characters, found the string \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…\"",
            ]
        );
        let too_many = response(json!({"q1": 1, "q2": "b", "q3": ["hw", "sport", "art", "read"]}));
        assert_eq!(problems(&too_many).len(), 1);
    }

    #[test]
    fn dates_and_bands() {
        let mut r = response(json!({"q1": 1, "q2": "b"}));
        r.submitted_on = Date::parse("2026-12-16").unwrap();
        assert_eq!(
            problems(&r),
            ["submitted_on: 2026-12-16 is outside the survey's dates (2026-11-01 to 2026-12-15)"]
        );
        let mut s = survey();
        s.ask_grade_band = false;
        let r = response(json!({"q1": 1, "q2": "b"}));
        assert!(s.check(&r).is_err());
    }

    #[test]
    fn definitions_are_checked() {
        let bad = json!({"format": FORMAT, "id": "s", "title": "t", "opens": "2026-12-01", "closes": "2026-11-01",
            "questions": [{"id": "a", "type": "single", "text": "x", "options": []},
                          {"id": "a", "type": "number", "text": "x", "min": 5, "max": 1},
                          {"id": "c", "type": "essay", "text": "x"}]});
        let paths: Vec<String> = Survey::from_value(&bad)
            .unwrap_err()
            .into_iter()
            .map(|p| p.path)
            .collect();
        assert_eq!(
            paths,
            [
                "questions[0].options",
                "questions[1].max",
                "questions[2].type",
                "closes"
            ]
        );
    }
}
