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
}
