//! Reading hand-written JSON documents while collecting *every* problem with
//! its JSON path.
//!
//! Schools write feeds by hand or export them from their own systems, so one
//! run must show all mistakes at once (`days[1].items[0].estimated_minutes:
//! expected …, found the string "20"`), not the first one serde stops at.
//! Parsers here walk a `serde_json::Value` and push [`Problem`]s instead of
//! failing; the validated types are built only when no problem was found.

use std::fmt;

use serde_json::{Map, Value};

use crate::time::{Date, Instant, TimeOfDay};

/// One thing wrong with a document, at a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where: `days[1].items[0].estimated_minutes`; empty for the whole document.
    pub path: String,
    /// What was expected and what was found.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// All problems found in one document; never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems(Vec<Problem>);

impl Problems {
    /// The problems, in document order.
    pub fn as_slice(&self) -> &[Problem] {
        &self.0
    }

    /// A single problem for the whole document (unreadable JSON, wrong format).
    pub(crate) fn whole(message: impl Into<String>) -> Self {
        Self(vec![Problem {
            path: String::new(),
            message: message.into(),
        }])
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

impl IntoIterator for Problems {
    type Item = Problem;
    type IntoIter = std::vec::IntoIter<Problem>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// Collects problems while a document is read.
#[derive(Debug, Default)]
pub(crate) struct Ctx {
    problems: Vec<Problem>,
}

impl Ctx {
    pub(crate) fn report(&mut self, path: &str, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.to_owned(),
            message: message.into(),
        });
    }

    /// `Ok(value)` when nothing was reported. `value` is `Some` whenever the
    /// readers reported nothing, so a `None` with no problems is a bug in a
    /// reader; it is still returned as an error rather than a panic.
    pub(crate) fn finish<T>(self, value: Option<T>) -> Result<T, Problems> {
        match value {
            Some(v) if self.problems.is_empty() => Ok(v),
            _ if self.problems.is_empty() => Err(Problems::whole("the document could not be read")),
            _ => Err(Problems(self.problems)),
        }
    }
}

/// Reads a whole document of `format` with `read`, collecting every
/// problem: what each format's `from_value` does.
pub(crate) fn document<T>(
    value: &Value,
    format: &str,
    read: impl FnOnce(&mut Ctx, &Value) -> Option<T>,
) -> Result<T, Problems> {
    check_format(value, format)?;
    let mut ctx = Ctx::default();
    let doc = read(&mut ctx, value);
    ctx.finish(doc)
}

/// Parses text as JSON (`serde_json` limits nesting to 128 levels, so hostile
/// depth is an error, not a stack overflow).
pub(crate) fn parse_value(text: &str) -> Result<Value, Problems> {
    serde_json::from_str(text).map_err(|e| {
        Problems::whole(format!(
            "not valid JSON (line {}, column {}): {}",
            e.line(),
            e.column(),
            strip_position(&e.to_string())
        ))
    })
}

fn strip_position(message: &str) -> &str {
    message.find(" at line ").map_or(message, |i| &message[..i])
}

/// Checks the document's `format` before anything else, so that a document of
/// another kind or version gets one clear error instead of dozens.
pub(crate) fn check_format(value: &Value, accepted: &str) -> Result<(), Problems> {
    let Some(map) = value.as_object() else {
        return Err(Problems::whole(format!(
            "expected a JSON object with \"format\": \"{accepted}\", found {}",
            describe(value)
        )));
    };
    match map.get("format") {
        Some(Value::String(found)) if found == accepted => Ok(()),
        Some(Value::String(found)) => Err(Problems(vec![Problem {
            path: "format".into(),
            message: format!("unknown format \"{found}\"; this reader accepts \"{accepted}\""),
        }])),
        Some(other) => Err(Problems(vec![Problem {
            path: "format".into(),
            message: format!(
                "expected the string \"{accepted}\", found {}",
                describe(other)
            ),
        }])),
        None => Err(Problems(vec![Problem {
            path: "format".into(),
            message: format!("missing; expected \"{accepted}\""),
        }])),
    }
}

/// "the string \"20\"", "the number 20.5", "null": what was found, for messages.
pub(crate) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => {
            let shown: String = s.chars().take(40).collect();
            let more = if s.chars().count() > 40 { "…" } else { "" };
            format!("the string {:?}", format!("{shown}{more}"))
        }
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// A path under construction.
pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

pub(crate) fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// A JSON object being read, with its path.
#[derive(Clone, Copy)]
pub(crate) struct Obj<'a> {
    pub(crate) path: &'a str,
    pub(crate) map: &'a Map<String, Value>,
}

impl<'a> Obj<'a> {
    /// `value` as an object, or a problem at `path`.
    pub(crate) fn of(ctx: &mut Ctx, path: &'a str, value: &'a Value) -> Option<Self> {
        if let Value::Object(map) = value {
            Some(Self { path, map })
        } else {
            ctx.report(
                path,
                format!("expected an object, found {}", describe(value)),
            );
            None
        }
    }

    /// A field that may be absent (or `null`).
    pub(crate) fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    pub(crate) fn path_of(&self, key: &str) -> String {
        join(self.path, key)
    }

    /// A required field read with `read`; a missing one is reported with what was expected.
    #[allow(clippy::needless_pass_by_value)] // readers are small values built at the call site
    pub(crate) fn req<T>(&self, ctx: &mut Ctx, key: &str, read: impl Reader<T>) -> Option<T> {
        let path = self.path_of(key);
        match self.map.get(key) {
            None => {
                ctx.report(&path, format!("missing; expected {}", read.expected()));
                None
            }
            Some(v) => read.read(ctx, &path, v),
        }
    }

    /// An optional field: absent and `null` give `Ok(None)`; a bad value is reported.
    #[allow(clippy::needless_pass_by_value)] // as for `req`
    pub(crate) fn opt<T>(
        &self,
        ctx: &mut Ctx,
        key: &str,
        read: impl Reader<T>,
    ) -> Result<Option<T>, ()> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => read.read(ctx, &self.path_of(key), v).map(Some).ok_or(()),
        }
    }
}

/// Something that reads one JSON value into a `T`, reporting problems at a path.
pub(crate) trait Reader<T> {
    /// "a whole number of minutes 0–600": used both for missing fields and wrong values.
    fn expected(&self) -> String;
    fn read(&self, ctx: &mut Ctx, path: &str, value: &Value) -> Option<T>;
}

/// A reader built from a description and a function from value to result.
pub(crate) struct With<F> {
    pub(crate) expected: &'static str,
    pub(crate) f: F,
}

impl<T, F: Fn(&Value) -> Option<T>> Reader<T> for With<F> {
    fn expected(&self) -> String {
        self.expected.to_owned()
    }
    fn read(&self, ctx: &mut Ctx, path: &str, value: &Value) -> Option<T> {
        let r = (self.f)(value);
        if r.is_none() {
            ctx.report(
                path,
                format!("expected {}, found {}", self.expected, describe(value)),
            );
        }
        r
    }
}

/// A reader that does its own reporting (nested objects, lists).
pub(crate) struct Nested<F> {
    pub(crate) expected: &'static str,
    pub(crate) f: F,
}

impl<T, F: Fn(&mut Ctx, &str, &Value) -> Option<T>> Reader<T> for Nested<F> {
    fn expected(&self) -> String {
        self.expected.to_owned()
    }
    fn read(&self, ctx: &mut Ctx, path: &str, value: &Value) -> Option<T> {
        (self.f)(ctx, path, value)
    }
}

/// A non-empty string, trimmed of nothing (text is kept as written).
pub(crate) fn string() -> impl Reader<String> {
    With {
        expected: "a non-empty string",
        f: |v: &Value| {
            v.as_str()
                .filter(|s| !s.trim().is_empty())
                .map(str::to_owned)
        },
    }
}

pub(crate) fn date() -> impl Reader<Date> {
    With {
        expected: "a real calendar date as YYYY-MM-DD",
        f: |v: &Value| v.as_str().and_then(|s| Date::parse(s).ok()),
    }
}

pub(crate) fn time_of_day() -> impl Reader<TimeOfDay> {
    With {
        expected: "a time of day as HH:MM (00:00–23:59)",
        f: |v: &Value| v.as_str().and_then(|s| TimeOfDay::parse(s).ok()),
    }
}

pub(crate) fn instant() -> impl Reader<Instant> {
    With {
        expected: "an RFC 3339 instant with offset, like 2026-11-23T16:30:00+08:00",
        f: |v: &Value| v.as_str().and_then(|s| Instant::parse(s).ok()),
    }
}

/// A list whose elements are each read with `element`; every bad element is
/// reported, and the list is `None` if any was bad.
pub(crate) fn list<T>(
    ctx: &mut Ctx,
    path: &str,
    value: &Value,
    mut element: impl FnMut(&mut Ctx, &str, &Value) -> Option<T>,
) -> Option<Vec<T>> {
    let Value::Array(items) = value else {
        ctx.report(path, format!("expected a list, found {}", describe(value)));
        return None;
    };
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        match element(ctx, &index(path, i), item) {
            Some(v) => out.push(v),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn missing_and_wrong_fields_are_all_reported_with_paths() {
        let v = json!({"a": "20", "c": {"d": 1}});
        let mut ctx = Ctx::default();
        let obj = Obj::of(&mut ctx, "", &v).unwrap();
        assert_eq!(obj.req(&mut ctx, "a", crate::feed::Minutes::reader()), None);
        assert_eq!(obj.req(&mut ctx, "b", string()), None);
        let c = obj.req(
            &mut ctx,
            "c",
            Nested {
                expected: "an object",
                f: |ctx: &mut Ctx, p: &str, v: &Value| {
                    let o = Obj::of(ctx, p, v)?;
                    o.req(ctx, "d", string())
                },
            },
        );
        assert_eq!(c, None);
        let all: Vec<String> = ctx
            .finish::<()>(None)
            .unwrap_err()
            .into_iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(
            all,
            [
                "a: expected a whole number of minutes 0–600, found the string \"20\"",
                "b: missing; expected a non-empty string",
                "c.d: expected a non-empty string, found the number 1",
            ]
        );
    }

    #[test]
    fn format_is_checked_first() {
        let err = check_format(&json!({"format": "jianfu.feed/2"}), "jianfu.feed/1").unwrap_err();
        assert_eq!(
            err.to_string(),
            "format: unknown format \"jianfu.feed/2\"; this reader accepts \"jianfu.feed/1\""
        );
        assert!(check_format(&json!([]), "jianfu.feed/1").is_err());
        assert!(check_format(&json!({}), "jianfu.feed/1").is_err());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(parse_value(&deep).is_err());
    }
}
