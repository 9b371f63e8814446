//! The bureau directory `jianfu.bureaus/1` (formats.md §6): who may read
//! tip-off reports about which school, supplied by whoever deploys the app
//! and compiled into it.
//!
//! A school writes its own feed, so a feed must never decide who reads
//! reports about that school: [`Directory::receiver`] takes the key and the
//! addresses from the directory only. The feed's `submit.bureau` merely
//! picks among the bureaus the directory already lists for the school, and
//! anything else the feed says about receivers becomes a [`Mismatch`] the
//! app shows as a warning, never follows.

use serde_json::Value;

use crate::envelope::PublicKey;
use crate::feed::Feed;
use crate::json::{self, Ctx, Nested, Obj, Problems, With};
use crate::text::Text;
use crate::url::WebUrl;

/// The format tag this module reads.
pub const FORMAT: &str = "jianfu.bureaus/1";

/// Which schools a bureau covers: an exact school id, or a prefix ending in `*`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchoolPattern {
    /// Exactly this id.
    Exact(String),
    /// Every id starting with this (the `*` removed).
    Prefix(String),
}

impl SchoolPattern {
    fn parse(s: &str) -> Option<Self> {
        match s.strip_suffix('*') {
            Some(p) if p.contains('*') => None,
            Some(p) => Some(Self::Prefix(p.to_owned())),
            None if s.contains('*') || s.is_empty() => None,
            None => Some(Self::Exact(s.to_owned())),
        }
    }

    /// How specifically it matches `school`: `None` if not at all; an exact
    /// id beats every prefix, and a longer prefix beats a shorter one.
    fn specificity(&self, school: &str) -> Option<usize> {
        match self {
            Self::Exact(id) => (id == school).then_some(usize::MAX),
            Self::Prefix(p) => school.starts_with(p.as_str()).then_some(p.len()),
        }
    }
}

/// One education bureau.
#[derive(Debug, Clone, PartialEq)]
pub struct Bureau {
    /// What feeds name in `submit.bureau` and surveys in `collector`.
    pub id: String,
    /// Its name, shown on the report form.
    pub name: Text,
    /// The only key reports about its schools are sealed to.
    pub report_key: PublicKey,
    /// The only address reports about its schools are sent to.
    pub report_url: WebUrl,
    /// Its own copy of the app, which a widget opens for reports and surveys.
    pub report_page: Option<WebUrl>,
    /// Where answers to the surveys it collects go.
    pub survey_url: Option<WebUrl>,
    /// The schools it covers.
    pub schools: Vec<SchoolPattern>,
}

impl Bureau {
    fn covers(&self, school: &str) -> Option<usize> {
        self.schools
            .iter()
            .filter_map(|p| p.specificity(school))
            .max()
    }
}

/// A validated `jianfu.bureaus/1`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Directory {
    /// The bureaus, in the order given.
    pub bureaus: Vec<Bureau>,
}

/// Something a feed says about receivers that the directory does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// `submit.bureau` names a bureau the directory does not have.
    UnknownBureau(String),
    /// `submit.bureau` names a bureau the directory has, but not for this school.
    BureauNotForSchool(String),
    /// `submit.report_key` is not the directory's key.
    OtherKey,
    /// `submit.report_url` is not the directory's address.
    OtherUrl,
    /// `submit.report_page` is not the directory's page.
    OtherPage,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::UnknownBureau(b) => {
                write!(f, "submit.bureau: no bureau \"{b}\" in the directory")
            }
            Self::BureauNotForSchool(b) => {
                write!(
                    f,
                    "submit.bureau: bureau \"{b}\" does not cover this school"
                )
            }
            Self::OtherKey => {
                f.write_str("submit.report_key: differs from the directory's key; ignored")
            }
            Self::OtherUrl => {
                f.write_str("submit.report_url: differs from the directory's address; ignored")
            }
            Self::OtherPage => {
                f.write_str("submit.report_page: differs from the directory's page; ignored")
            }
        }
    }
}

/// Who receives reports about a feed's school.
#[derive(Debug, Clone, PartialEq)]
pub struct Receiver<'a> {
    /// The bureau, when the directory covers the school.
    pub bureau: Option<&'a Bureau>,
    /// What the feed claims that the directory does not back.
    pub mismatches: Vec<Mismatch>,
}

impl Directory {
    /// Parses and validates a directory, reporting every problem with its path.
    pub fn parse(text: &str) -> Result<Self, Problems> {
        let value = json::parse_value(text)?;
        Self::from_value(&value)
    }

    /// Validates an already parsed JSON value.
    pub fn from_value(value: &Value) -> Result<Self, Problems> {
        json::document(value, FORMAT, read_directory)
    }

    /// The bureau with this id.
    pub fn bureau(&self, id: &str) -> Option<&Bureau> {
        self.bureaus.iter().find(|b| b.id == id)
    }

    /// Who receives reports about `school`: among the bureaus covering it,
    /// the one the feed `named` if it is one of them, else the most specific
    /// match (an exact id, then the longest prefix; the first listed on a tie).
    /// A feed cannot opt its school out by naming nobody or someone else.
    pub fn bureau_for(&self, school: &str, named: Option<&str>) -> Option<&Bureau> {
        if let Some(b) = named
            .and_then(|n| self.bureau(n))
            .filter(|b| b.covers(school).is_some())
        {
            return Some(b);
        }
        let mut best: Option<(&Bureau, usize)> = None;
        for b in &self.bureaus {
            if let Some(s) = b.covers(school)
                && best.is_none_or(|(_, top)| s > top)
            {
                best = Some((b, s));
            }
        }
        best.map(|(b, _)| b)
    }

    /// The receiver of reports about `feed`'s school, with every way the
    /// feed's own `submit` disagrees with the directory.
    pub fn receiver<'a>(&'a self, feed: &Feed) -> Receiver<'a> {
        let submit = feed.submit.clone().unwrap_or_default();
        let school = feed.school.id.as_str();
        let bureau = self.bureau_for(school, submit.bureau.as_deref());
        let mut mismatches = Vec::new();
        if let Some(named) = &submit.bureau {
            match self.bureau(named) {
                None => mismatches.push(Mismatch::UnknownBureau(named.clone())),
                Some(b) if b.covers(school).is_none() => {
                    mismatches.push(Mismatch::BureauNotForSchool(named.clone()));
                }
                Some(_) => {}
            }
        }
        let differs = |feed: Option<&str>, dir: Option<&str>| feed.is_some_and(|f| Some(f) != dir);
        if submit
            .report_key
            .is_some_and(|k| Some(k) != bureau.map(|b| b.report_key))
        {
            mismatches.push(Mismatch::OtherKey);
        }
        if differs(
            submit.report_url.as_ref().map(WebUrl::as_str),
            bureau.map(|b| b.report_url.as_str()),
        ) {
            mismatches.push(Mismatch::OtherUrl);
        }
        if differs(
            submit.report_page.as_ref().map(WebUrl::as_str),
            bureau
                .and_then(|b| b.report_page.as_ref())
                .map(WebUrl::as_str),
        ) {
            mismatches.push(Mismatch::OtherPage);
        }
        Receiver { bureau, mismatches }
    }
}

fn read_directory(ctx: &mut Ctx, value: &Value) -> Option<Directory> {
    let root = Obj::of(ctx, "", value)?;
    let bureaus = root.req(
        ctx,
        "bureaus",
        Nested {
            expected: "a list of bureaus",
            f: |ctx: &mut Ctx, p: &str, v: &Value| json::list(ctx, p, v, read_bureau),
        },
    )?;
    let mut ok = true;
    for (i, b) in bureaus.iter().enumerate() {
        if let Some(first) = bureaus[..i].iter().position(|o| o.id == b.id) {
            ok = false;
            ctx.report(
                &json::join(&json::index("bureaus", i), "id"),
                format!("\"{}\" appears twice (also at bureaus[{first}])", b.id),
            );
        }
    }
    ok.then_some(Directory { bureaus })
}

fn read_bureau(ctx: &mut Ctx, path: &str, value: &Value) -> Option<Bureau> {
    let o = Obj::of(ctx, path, value)?;
    let id = o.req(ctx, "id", json::string());
    let name = o.req(
        ctx,
        "name",
        Nested {
            expected: Text::EXPECTED,
            f: Text::read,
        },
    );
    let report_key = o.req(ctx, "report_key", key_reader());
    let report_url = o.req(ctx, "report_url", WebUrl::reader());
    let report_page = o.opt(ctx, "report_page", WebUrl::reader());
    let survey_url = o.opt(ctx, "survey_url", WebUrl::reader());
    let schools = o.req(
        ctx,
        "schools",
        Nested {
            expected: "a list of school ids or prefixes ending in *",
            f: |ctx: &mut Ctx, p: &str, v: &Value| {
                json::list(ctx, p, v, |ctx, p, v| {
                    json::Reader::read(
                        &With {
                            expected: "a school id, or a prefix ending in * (one * only, at the end)",
                            f: |v: &Value| v.as_str().and_then(SchoolPattern::parse),
                        },
                        ctx,
                        p,
                        v,
                    )
                })
            },
        },
    );
    Some(Bureau {
        id: id?,
        name: name?,
        report_key: report_key?,
        report_url: report_url?,
        report_page: report_page.ok()?,
        survey_url: survey_url.ok()?,
        schools: schools?,
    })
}

/// Reads a `report_key`: base64url, 32 bytes, not a low-order point.
pub(crate) fn key_reader() -> impl json::Reader<PublicKey> {
    Nested {
        expected: "a base64url X25519 public key (32 bytes)",
        f: |ctx: &mut Ctx, p: &str, v: &Value| match v.as_str().map(PublicKey::from_base64) {
            Some(Ok(k)) => Some(k),
            Some(Err(e)) => {
                ctx.report(p, format!("{e}, found {}", json::describe(v)));
                None
            }
            None => {
                ctx.report(
                    p,
                    format!(
                        "expected a base64url X25519 public key (32 bytes), found {}",
                        json::describe(v)
                    ),
                );
                None
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const KEY_A: &str = "H422ab1nmE9xInDxq9g1HrAPIX3swaJltHsCBWpUHWk";
    const ZERO: &str = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    fn dir() -> Directory {
        Directory::from_value(&json!({
            "format": "jianfu.bureaus/1",
            "bureaus": [
                {"id": "zz-jinshui", "name": {"zh-CN": "金水区教育局"}, "report_key": KEY_A,
                 "report_url": "https://jyj.example/reports", "report_page": "https://app.example/#/report",
                 "survey_url": "https://jyj.example/responses", "schools": ["jinshui-*"]},
                {"id": "zz-city", "name": "郑州市教育局", "report_key": KEY_A,
                 "report_url": "https://city.example/reports", "schools": ["jinshui-exp-primary", "zz-*"]},
                {"id": "zz-jinshui-east", "name": "东区", "report_key": KEY_A,
                 "report_url": "https://east.example/reports", "schools": ["jinshui-east-*"]}
            ]
        }))
        .unwrap()
    }

    fn feed(school: &str, submit: &Value) -> Feed {
        Feed::from_value(&json!({
            "format": "jianfu.feed/1",
            "school": {"id": school, "name": "学校"},
            "class": {"id": "c", "name": "班", "grade": 4},
            "published_at": "2026-11-20T16:30:00+08:00",
            "days": [],
            "submit": submit
        }))
        .unwrap()
    }

    fn receiver_id(school: &str, named: Option<&str>) -> Option<String> {
        dir().bureau_for(school, named).map(|b| b.id.clone())
    }

    #[test]
    fn the_directory_decides_and_the_feed_only_picks_among_covering_bureaus() {
        // Exact id beats any prefix; a longer prefix beats a shorter one.
        assert_eq!(
            receiver_id("jinshui-exp-primary", None).as_deref(),
            Some("zz-city")
        );
        assert_eq!(
            receiver_id("jinshui-east-3", None).as_deref(),
            Some("zz-jinshui-east")
        );
        assert_eq!(
            receiver_id("jinshui-west", None).as_deref(),
            Some("zz-jinshui")
        );
        // The feed may pick another bureau that also covers the school…
        assert_eq!(
            receiver_id("jinshui-exp-primary", Some("zz-jinshui")).as_deref(),
            Some("zz-jinshui")
        );
        // …but naming one that does not cover it changes nothing.
        assert_eq!(
            receiver_id("jinshui-west", Some("zz-city")).as_deref(),
            Some("zz-jinshui")
        );
        // A school no bureau lists cannot be reported on from this app.
        assert_eq!(receiver_id("other-school", Some("zz-jinshui")), None);
        assert_eq!(receiver_id("jinshui", None), None, "the prefix is jinshui-");
    }

    #[test]
    fn a_feed_naming_its_own_key_and_url_is_flagged_never_followed() {
        let d = dir();
        let evil_key =
            crate::envelope::PrivateKey::from_base64("kL6zBSmqKpjv2zvZEtkY0ejUMUF0bqcGOmDpHaSQMlw")
                .unwrap()
                .public_key()
                .to_base64();
        let f = feed(
            "jinshui-west",
            &json!({"bureau": "zz-jinshui", "report_key": evil_key,
                    "report_url": "https://school.example/collect",
                    "report_page": "https://school.example/report"}),
        );
        let r = d.receiver(&f);
        let b = r.bureau.unwrap();
        assert_eq!(b.report_url.as_str(), "https://jyj.example/reports");
        assert_eq!(b.report_key.to_base64(), KEY_A);
        assert_eq!(
            r.mismatches,
            [Mismatch::OtherKey, Mismatch::OtherUrl, Mismatch::OtherPage]
        );

        let f = feed("jinshui-west", &json!({"bureau": "nobody"}));
        assert_eq!(
            d.receiver(&f).mismatches,
            [Mismatch::UnknownBureau("nobody".into())]
        );
        let f = feed(
            "jinshui-west",
            &json!({"bureau": "zz-jinshui", "report_url": "https://jyj.example/reports"}),
        );
        assert!(d.receiver(&f).mismatches.is_empty());
    }

    #[test]
    fn fingerprint_is_the_first_8_hex_digits_of_the_keys_sha256() {
        let k = PublicKey::from_base64(KEY_A).unwrap();
        assert_eq!(k.fingerprint().len(), 8);
        assert!(k.fingerprint().chars().all(|c| c.is_ascii_hexdigit()));
        // SHA-256 of 32 zero bytes starts 66687aad; the key bytes differ, so must the print.
        assert_ne!(k.fingerprint(), "66687aad");
    }

    #[test]
    fn bad_directories_name_every_problem() {
        let p = Directory::from_value(&json!({
            "format": "jianfu.bureaus/1",
            "bureaus": [
                {"id": "a", "name": "A", "report_key": ZERO, "report_url": "javascript:alert(1)",
                 "report_page": "http://evil.example/", "schools": ["x*y*"]},
                {"id": "a", "name": "B", "report_key": KEY_A, "report_url": "https://b.example", "schools": []}
            ]
        }))
        .unwrap_err()
        .to_string();
        assert!(
            p.contains("bureaus[0].report_key: a low-order X25519 point"),
            "{p}"
        );
        assert!(
            p.contains("bureaus[0].report_url: expected an https: URL"),
            "{p}"
        );
        assert!(
            p.contains("bureaus[0].report_page: expected an https: URL"),
            "{p}"
        );
        assert!(
            p.contains("bureaus[0].schools[0]: expected a school id, or a prefix"),
            "{p}"
        );
        let p = Directory::from_value(&json!({
            "format": "jianfu.bureaus/1",
            "bureaus": [
                {"id": "a", "name": "A", "report_key": KEY_A, "report_url": "https://a.example", "schools": []},
                {"id": "a", "name": "B", "report_key": KEY_A, "report_url": "https://b.example", "schools": []}
            ]
        }))
        .unwrap_err()
        .to_string();
        assert_eq!(p, "bureaus[1].id: \"a\" appears twice (also at bureaus[0])");
    }
}
