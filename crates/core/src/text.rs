//! Text that people read: one string, or one string per BCP 47 language tag.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::json::{Ctx, describe};

/// `"…"` or `{"zh-CN": "…", "en": "…"}` (formats.md, "text that people read").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// One string for every language.
    Plain(String),
    /// Strings by language tag; never empty.
    ByLang(BTreeMap<String, String>),
}

impl Text {
    /// The string for `lang`: that tag, else one of the same language
    /// (`zh` for `zh-CN`), else `zh-CN`, else any (the first tag in order, so
    /// the choice is stable).
    pub fn pick(&self, lang: &str) -> &str {
        let map = match self {
            Self::Plain(s) => return s,
            Self::ByLang(map) => map,
        };
        let primary = |tag: &str| tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
        map.get(lang)
            .or_else(|| {
                let want = primary(lang);
                map.iter().find(|(k, _)| primary(k) == want).map(|(_, v)| v)
            })
            .or_else(|| map.get("zh-CN"))
            .or_else(|| map.values().next())
            .map_or("", String::as_str)
    }

    /// The JSON value it was read from (a string, or the map of tags).
    #[must_use]
    pub fn to_value(&self) -> Value {
        match self {
            Self::Plain(s) => Value::String(s.clone()),
            Self::ByLang(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                    .collect(),
            ),
        }
    }

    /// Reads a text value at `path`, reporting what is wrong.
    pub(crate) fn read(ctx: &mut Ctx, path: &str, value: &Value) -> Option<Self> {
        match value {
            Value::String(s) if !s.trim().is_empty() => Some(Self::Plain(s.clone())),
            Value::Object(map) if !map.is_empty() => {
                let mut out = BTreeMap::new();
                let mut ok = true;
                for (tag, v) in map {
                    match v {
                        Value::String(s) if !s.trim().is_empty() => {
                            out.insert(tag.clone(), s.clone());
                        }
                        other => {
                            ok = false;
                            ctx.report(
                                &format!("{path}.{tag}"),
                                format!("expected a non-empty string, found {}", describe(other)),
                            );
                        }
                    }
                }
                ok.then_some(Self::ByLang(out))
            }
            other => {
                ctx.report(
                    path,
                    format!("expected {}, found {}", Self::EXPECTED, describe(other)),
                );
                None
            }
        }
    }

    pub(crate) const EXPECTED: &'static str =
        "text: a non-empty string or an object of language tag to string";
}

/// Whether a title already gives its minutes ("课外阅读20分钟", "Read for
/// 20 min"): a run of digits equal to `minutes`, then (after spaces) 分 or
/// "min". The day's list then does not show the minutes a second time.
pub fn gives_minutes(title: &str, minutes: u16) -> bool {
    let mut rest = title;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let digits = &rest[start..];
        let end = digits
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(digits.len());
        let after = digits[end..].trim_start();
        if digits[..end].parse() == Ok(minutes)
            && (after.starts_with('分') || after.starts_with("min"))
        {
            return true;
        }
        rest = &digits[end..];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_lang(pairs: &[(&str, &str)]) -> Text {
        Text::ByLang(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn picks_the_language_then_zh_cn_then_any() {
        let t = by_lang(&[("zh-CN", "口算"), ("en", "Arithmetic")]);
        assert_eq!(t.pick("en"), "Arithmetic");
        assert_eq!(t.pick("en-GB"), "Arithmetic");
        assert_eq!(t.pick("zh-CN"), "口算");
        assert_eq!(t.pick("fr"), "口算");
        assert_eq!(by_lang(&[("ja", "算数")]).pick("en"), "算数");
        assert_eq!(Text::Plain("x".into()).pick("en"), "x");
    }

    #[test]
    fn a_title_gives_its_minutes_only_with_the_same_number_and_a_unit() {
        assert!(gives_minutes("课外阅读20分钟", 20));
        assert!(gives_minutes("课外阅读 20 分钟", 20));
        assert!(gives_minutes("Read for 20 min", 20));
        assert!(!gives_minutes("课外阅读20分钟", 30), "another number");
        assert!(!gives_minutes("应用题5道", 5), "a number without minutes");
        assert!(
            !gives_minutes("读第120页", 20),
            "a longer number ending in it"
        );
        assert!(
            gives_minutes("第3课，练习15分钟", 15),
            "not the first number"
        );
        assert!(!gives_minutes("整理书包", 10));
    }
}

/// Formats `value` with `decimals` (0–3) digits after the point, rounding
/// half away from zero, using integer arithmetic only. The browser build
/// formats every number it shows through this, so it carries none of the
/// standard library's float-printing code (~20 KB of wasm); a value that is
/// not finite prints as "–".
#[must_use]
pub fn fixed(value: f64, decimals: u32) -> String {
    if !value.is_finite() {
        return "–".to_owned();
    }
    let scale = 10_u64.pow(decimals.min(3));
    // Display values are small; `as` saturates anything absurd.
    #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
    let n = (value * scale as f64).round() as i64;
    let sign = if n < 0 { "-" } else { "" };
    let n = n.unsigned_abs();
    if scale == 1 {
        format!("{sign}{n}")
    } else {
        let width = decimals.min(3) as usize;
        format!("{sign}{}.{:0width$}", n / scale, n % scale)
    }
}

#[cfg(test)]
mod fixed_tests {
    use super::fixed;

    #[test]
    fn matches_the_standard_formatting_away_from_ties() {
        for v in [
            0.0,
            0.04,
            0.06,
            1.26,
            12.3456,
            99.96,
            320.0,
            -3.17,
            -0.04,
            1e6 / 3.0,
        ] {
            for d in 0..=3 {
                let std = format!("{v:.*}", d as usize);
                // The standard library prints "-0.0" for a small negative; we print "0.0".
                let std = if std.chars().all(|c| matches!(c, '-' | '0' | '.')) {
                    std.trim_start_matches('-').to_owned()
                } else {
                    std
                };
                assert_eq!(fixed(v, d), std, "{v} with {d}");
            }
        }
        assert_eq!(fixed(1.25, 1), "1.3", "ties go away from zero");
        assert_eq!(fixed(f64::NAN, 1), "–");
        assert_eq!(fixed(f64::INFINITY, 0), "–");
    }
}
