//! The bureau directory `jianfu.bureaus/1` (formats.md §6): who may read
//! tip-off reports about which school, supplied by whoever deploys the app
//! and compiled into it.
//!
//! A school writes its own feed, so a feed must never decide who reads
//! reports about that school, nor which bureau is "its" bureau: a bureau
//! covers the feeds **published under its `feeds` URL prefixes**
//! ([`Directory::receiver`]), never a feed by the school id it declares
//! (a school renamed itself into another bureau's list once). The key and
//! the addresses come from the directory only. The feed's `submit.bureau`
//! merely picks among the bureaus covering its address; its `school.id` is
//! checked against the covering bureau's `schools`, and anything the feed
//! says that the directory does not back becomes a [`Mismatch`] the app
//! shows as a warning, never follows.

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
    /// Where the feeds it covers are published.
    pub feeds: Vec<FeedPrefix>,
    /// The school ids its feeds may declare (a check, not what routes).
    pub schools: Vec<SchoolPattern>,
    /// The issuer keys (key ids, hex) of the token surveys it collects.
    pub issuer_keys: Vec<String>,
}

impl Bureau {
    /// Whether the school id a covered feed declares is one it lists.
    pub fn lists_school(&self, school: &str) -> bool {
        self.schools.iter().any(|p| p.specificity(school).is_some())
    }

    /// How specifically it covers the feed at `url`: the length of its
    /// longest matching prefix, `None` if it does not cover it.
    fn covers(&self, url: &FeedLocation<'_>) -> Option<usize> {
        self.feeds.iter().filter_map(|p| p.matches(url)).max()
    }
}

/// One `feeds` entry: scheme, host and path prefix of the addresses where
/// the feeds a bureau covers are published. `https://*.example.cn/` covers
/// every subdomain of `example.cn` (not `example.cn` itself); a relative
/// prefix (`/demo/feeds/`) is on the app's own origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedPrefix {
    text: String,
    /// Lower-case `https` or `http`; `None` for the app's own origin.
    scheme: Option<String>,
    host: HostPattern,
    path: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum HostPattern {
    /// The app's own origin (a relative prefix).
    App,
    /// Exactly this `host[:port]`, lower case.
    Exact(String),
    /// Any subdomain of this host, lower case, no port.
    Subdomains(String),
}

/// Why a `feeds` entry is refused.
const PREFIX_EXPECTED: &str =
    "an https: URL prefix (https://host/path/, a host may start with *.) or a path starting with /";

impl FeedPrefix {
    /// Reads a `feeds` entry.
    ///
    /// # Errors
    ///
    /// What is wrong with it, in words.
    pub fn parse(text: &str) -> Result<Self, String> {
        let url = WebUrl::parse(text).map_err(|e| e.to_string())?;
        if text.contains(['?', '#', '@', '\\']) || has_dot_segment(text) {
            return Err(format!(
                "{PREFIX_EXPECTED}, without ?, #, @, \\ or . segments"
            ));
        }
        if url.kind() == crate::url::UrlKind::Relative {
            if !text.starts_with('/') || text.contains('*') {
                return Err(PREFIX_EXPECTED.to_owned());
            }
            return Ok(Self {
                text: text.to_owned(),
                scheme: None,
                host: HostPattern::App,
                path: text.to_owned(),
            });
        }
        let parts = split_url(text).ok_or_else(|| PREFIX_EXPECTED.to_owned())?;
        let host = match parts.authority.strip_prefix("*.") {
            Some(d) if !d.contains(['*', ':']) && d.contains('.') => {
                HostPattern::Subdomains(d.to_owned())
            }
            Some(_) => {
                return Err(
                    "a wildcard host is *.domain with at least one dot, no port and no other *"
                        .to_owned(),
                );
            }
            None if parts.authority.contains('*') => {
                return Err(
                    "* is allowed only as the first label of the host (*.example.cn)".to_owned(),
                );
            }
            None => HostPattern::Exact(parts.authority),
        };
        if parts.path.contains('*') {
            return Err(
                "* is not allowed in the path; a prefix covers everything under it".to_owned(),
            );
        }
        Ok(Self {
            text: text.to_owned(),
            scheme: Some(parts.scheme),
            host,
            path: parts.path,
        })
    }

    /// The entry as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The length of the prefix if it covers `url`.
    fn matches(&self, url: &FeedLocation<'_>) -> Option<usize> {
        let (scheme, authority, path) = url.parts.as_ref().map_or(
            (
                url.app.as_ref().map(|a| a.scheme.as_str()),
                url.app.as_ref().map(|a| a.authority.as_str()),
                url.text,
            ),
            |p| {
                (
                    Some(p.scheme.as_str()),
                    Some(p.authority.as_str()),
                    p.path.as_str(),
                )
            },
        );
        let host_ok = match &self.host {
            // The app's own origin: a relative feed URL, or an absolute one
            // on the app's origin.
            HostPattern::App => match (&url.parts, &url.app) {
                (None, _) => true,
                (Some(p), Some(app)) => p.scheme == app.scheme && p.authority == app.authority,
                (Some(_), None) => false,
            },
            HostPattern::Exact(h) => {
                self.scheme.as_deref() == scheme && authority == Some(h.as_str())
            }
            HostPattern::Subdomains(d) => {
                self.scheme.as_deref() == scheme
                    && authority.is_some_and(|a| {
                        a.strip_suffix(d.as_str())
                            .is_some_and(|sub| sub.len() > 1 && sub.ends_with('.'))
                    })
            }
        };
        (host_ok && path.starts_with(self.path.as_str())).then_some(self.text.len())
    }
}

/// Scheme, authority and path of an absolute URL, normalised as a browser
/// does (lower-case scheme and host, default port dropped, `/` for an
/// empty path).
#[derive(Debug, Clone, PartialEq, Eq)]
struct UrlParts {
    scheme: String,
    authority: String,
    path: String,
}

fn split_url(text: &str) -> Option<UrlParts> {
    let (scheme, rest) = text.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    if authority.is_empty() || authority.contains(['@', '\\']) {
        return None;
    }
    let lower = authority.to_ascii_lowercase();
    let default_port = if scheme == "https" { ":443" } else { ":80" };
    let authority = lower
        .strip_suffix(default_port)
        .unwrap_or(&lower)
        .to_owned();
    let path = tail.split(['?', '#']).next().unwrap_or("");
    let path = if path.is_empty() { "/" } else { path };
    Some(UrlParts {
        scheme,
        authority,
        path: path.to_owned(),
    })
}

/// A `.` or `..` path segment, written plainly or percent-encoded: such a
/// URL could climb out of a prefix after a browser resolves it.
fn has_dot_segment(text: &str) -> bool {
    let lower = text.to_ascii_lowercase().replace("%2e", ".");
    let path = lower
        .split_once("://")
        .map_or(lower.as_str(), |(_, r)| r.find('/').map_or("", |i| &r[i..]));
    path.split(['/', '?', '#'])
        .any(|seg| seg == "." || seg == "..")
}

/// Where a feed was read from, as the directory matches it.
#[derive(Debug, Clone)]
pub struct FeedLocation<'a> {
    text: &'a str,
    /// `None` for a relative URL (on the app's origin).
    parts: Option<UrlParts>,
    app: Option<UrlParts>,
}

impl<'a> FeedLocation<'a> {
    /// The feed at `url`, read by an app served from `app_origin`
    /// (`https://jianfu.example.cn`, or `None` where there is no app: the
    /// CLI, whose relative prefixes then cover only relative URLs). `None`
    /// when the URL cannot be covered: not an `https:` (or development)
    /// URL, or one with credentials or `.` segments.
    pub fn new(url: &'a str, app_origin: Option<&str>) -> Option<Self> {
        let parsed = WebUrl::parse(url).ok()?;
        if has_dot_segment(url) || url.contains('\\') {
            return None;
        }
        let parts = match parsed.kind() {
            crate::url::UrlKind::Relative if url.starts_with('/') => None,
            crate::url::UrlKind::Relative => return None,
            _ => Some(split_url(url)?),
        };
        Some(Self {
            text: url,
            parts,
            app: app_origin.and_then(split_url),
        })
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
    /// `submit.bureau` names a bureau the directory has, but that bureau
    /// does not cover the address the feed is published under.
    BureauNotCovering(String),
    /// The feed's `school.id` is not one the covering bureau lists.
    SchoolNotListed {
        /// What the feed says its school is.
        school: String,
        /// The bureau covering the feed's address.
        bureau: String,
    },
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
                write!(
                    f,
                    "submit.bureau: no bureau \"{b}\" in the directory; ignored"
                )
            }
            Self::BureauNotCovering(b) => write!(
                f,
                "submit.bureau: bureau \"{b}\" does not cover the address this feed is published under; ignored"
            ),
            Self::SchoolNotListed { school, bureau } => write!(
                f,
                "school.id: this notice names a school (\"{school}\") that the bureau covering its address (\"{bureau}\") does not list; reports still go to that bureau"
            ),
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

/// Who receives reports about a feed.
#[derive(Debug, Clone, PartialEq)]
pub struct Receiver<'a> {
    /// The bureau covering the feed's address, if any does.
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

    /// The bureau covering the feed at `location`: among the bureaus with a
    /// matching `feeds` prefix, the one the feed `named` if it is one of
    /// them, else the longest prefix (the first listed on a tie). A feed
    /// cannot opt out by naming nobody or someone else.
    pub fn covering(&self, location: &FeedLocation<'_>, named: Option<&str>) -> Option<&Bureau> {
        let mut best: Option<(&Bureau, usize)> = None;
        for b in &self.bureaus {
            let Some(len) = b.covers(location) else {
                continue;
            };
            if named == Some(b.id.as_str()) {
                return Some(b);
            }
            if best.is_none_or(|(_, top)| len > top) {
                best = Some((b, len));
            }
        }
        best.map(|(b, _)| b)
    }

    /// The receiver of reports about `feed`, published at `location`
    /// (`None`: read from a file or pasted, which no bureau covers), with
    /// every way the feed disagrees with the directory.
    pub fn receiver<'a>(
        &'a self,
        feed: &Feed,
        location: Option<&FeedLocation<'_>>,
    ) -> Receiver<'a> {
        let submit = feed.submit.clone().unwrap_or_default();
        let school = feed.school.id.as_str();
        let bureau = location.and_then(|l| self.covering(l, submit.bureau.as_deref()));
        let mut mismatches = Vec::new();
        if let Some(named) = &submit.bureau {
            match self.bureau(named) {
                None => mismatches.push(Mismatch::UnknownBureau(named.clone())),
                Some(b) if bureau.is_some_and(|c| c.id != b.id) => {
                    mismatches.push(Mismatch::BureauNotCovering(named.clone()));
                }
                Some(_) => {}
            }
        }
        if let Some(b) = bureau
            && !b.lists_school(school)
        {
            mismatches.push(Mismatch::SchoolNotListed {
                school: school.to_owned(),
                bureau: b.id.clone(),
            });
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

    /// Whether a token survey collected by `collector` with issuer key
    /// `key_id` is one this directory pins (formats.md §6 `issuer_keys`):
    /// the collector is a bureau here and lists that key.
    pub fn pins_issuer(&self, collector: Option<&str>, key_id: &str) -> bool {
        collector
            .and_then(|c| self.bureau(c))
            .is_some_and(|b| b.issuer_keys.iter().any(|k| k.eq_ignore_ascii_case(key_id)))
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
    let feeds = o.opt(
        ctx,
        "feeds",
        Nested {
            expected: "a list of URL prefixes where the feeds it covers are published",
            f: |ctx: &mut Ctx, p: &str, v: &Value| {
                json::list(ctx, p, v, |ctx, p, v| {
                    match v.as_str().map(FeedPrefix::parse) {
                        Some(Ok(prefix)) => Some(prefix),
                        Some(Err(e)) => {
                            ctx.report(p, format!("{e}, found {}", json::describe(v)));
                            None
                        }
                        None => {
                            ctx.report(
                                p,
                                format!("expected {PREFIX_EXPECTED}, found {}", json::describe(v)),
                            );
                            None
                        }
                    }
                })
            },
        },
    );
    let issuer_keys = o.opt(
        ctx,
        "issuer_keys",
        Nested {
            expected: "a list of issuer key ids (16 hex digits)",
            f: |ctx: &mut Ctx, p: &str, v: &Value| {
                json::list(ctx, p, v, |ctx, p, v| {
                    json::Reader::read(
                        &With {
                            expected: "an issuer key id: 16 hex digits",
                            f: |v: &Value| {
                                v.as_str()
                                    .filter(|s| {
                                        s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit())
                                    })
                                    .map(str::to_ascii_lowercase)
                            },
                        },
                        ctx,
                        p,
                        v,
                    )
                })
            },
        },
    );
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
        feeds: feeds.ok()?.unwrap_or_default(),
        schools: schools?,
        issuer_keys: issuer_keys.ok()?.unwrap_or_default(),
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
                 "survey_url": "https://jyj.example/responses",
                 "feeds": ["https://jyj.example/feeds/", "https://*.jinshui.edu.cn/"],
                 "schools": ["jinshui-*"], "issuer_keys": ["3F9A0C51D2E87B44"]},
                {"id": "zz-city", "name": "郑州市教育局", "report_key": KEY_A,
                 "report_url": "https://city.example/reports",
                 "feeds": ["https://jyj.example/feeds/city/", "https://city.example/"],
                 "schools": ["jinshui-exp-primary", "zz-*"]},
                {"id": "bj-haidian", "name": "海淀区", "report_key": KEY_A,
                 "report_url": "https://hd.example/reports", "feeds": ["https://hd.example/feeds/"],
                 "schools": ["haidian-*"]},
                {"id": "demo", "name": "演示", "report_key": KEY_A,
                 "report_url": "/inbox/reports", "feeds": ["/demo/feeds/"], "schools": ["demo-*"]},
                {"id": "old", "name": "旧目录", "report_key": KEY_A,
                 "report_url": "https://old.example/reports", "schools": ["jinshui-*"]}
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

    /// The bureau covering `url` for an app served from `app`.
    fn covering(url: &str, app: Option<&str>, named: Option<&str>) -> Option<String> {
        let loc = FeedLocation::new(url, app)?;
        dir().covering(&loc, named).map(|b| b.id.clone())
    }

    #[test]
    fn coverage_is_where_the_feed_is_published() {
        let at = |url| covering(url, None, None);
        assert_eq!(
            at("https://jyj.example/feeds/g4c2.json").as_deref(),
            Some("zz-jinshui")
        );
        // Any subdomain of the wildcard's domain, not the domain itself,
        // nor a look-alike.
        assert_eq!(
            at("https://a.jinshui.edu.cn/g4.json").as_deref(),
            Some("zz-jinshui")
        );
        assert_eq!(
            at("https://x.y.jinshui.edu.cn/g4.json").as_deref(),
            Some("zz-jinshui")
        );
        assert_eq!(at("https://jinshui.edu.cn/g4.json"), None);
        assert_eq!(at("https://evil-jinshui.edu.cn/g4.json"), None);
        assert_eq!(at("https://a.jinshui.edu.cn.evil.cn/g4.json"), None);
        // Written as a browser may write it: case and default port.
        assert_eq!(
            at("HTTPS://JYJ.Example:443/feeds/g4.json").as_deref(),
            Some("zz-jinshui")
        );
        // The path is a prefix; the longest prefix wins.
        assert_eq!(at("https://jyj.example/other/g4.json"), None);
        assert_eq!(
            at("https://jyj.example/feeds/city/g1.json").as_deref(),
            Some("zz-city")
        );
        // What could climb out of a prefix, or hide another host, covers nothing.
        assert_eq!(at("https://jyj.example/feeds/../hd/g4.json"), None);
        assert_eq!(at("https://jyj.example/feeds/%2E%2E/g4.json"), None);
        assert_eq!(at("https://jyj.example@hd.example/feeds/g4.json"), None);
        assert_eq!(at("http://jyj.example/feeds/g4.json"), None);
        // An entry written for the first version (no `feeds`) covers nothing.
        assert_eq!(at("https://old.example/g4.json"), None);
    }

    #[test]
    fn a_relative_prefix_is_on_the_apps_own_origin() {
        let app = Some("http://127.0.0.1:8080");
        assert_eq!(
            covering("/demo/feeds/g4c2.json", app, None).as_deref(),
            Some("demo")
        );
        assert_eq!(
            covering("http://127.0.0.1:8080/demo/feeds/g4c2.json", app, None).as_deref(),
            Some("demo")
        );
        assert_eq!(
            covering("http://127.0.0.1:9090/demo/feeds/g4c2.json", app, None),
            None
        );
        assert_eq!(
            covering("https://school.example/demo/feeds/g4c2.json", app, None),
            None
        );
        // Without an app (the CLI), only relative URLs meet relative prefixes.
        assert_eq!(
            covering("/demo/feeds/g4c2.json", None, None).as_deref(),
            Some("demo")
        );
        assert_eq!(
            covering("demo/feeds/g4c2.json", None, None),
            None,
            "relative to what?"
        );
    }

    #[test]
    fn the_feed_only_picks_among_the_bureaus_covering_its_address() {
        let url = "https://jyj.example/feeds/city/g1.json";
        assert_eq!(
            covering(url, None, Some("zz-jinshui")).as_deref(),
            Some("zz-jinshui")
        );
        assert_eq!(
            covering(url, None, Some("bj-haidian")).as_deref(),
            Some("zz-city")
        );
        assert_eq!(
            covering("https://a.jinshui.edu.cn/x.json", None, Some("zz-city")).as_deref(),
            Some("zz-jinshui")
        );
    }

    #[test]
    fn a_school_that_renames_itself_cannot_move_its_reports_to_another_bureau() {
        // The review's attack: the Jinshui feed republished under its own
        // address as a Haidian school naming the Haidian bureau.
        let d = dir();
        let renamed = feed("haidian-exp-primary", &json!({"bureau": "bj-haidian"}));
        let loc = FeedLocation::new("https://www.jinshui.edu.cn/feeds/g4c2.json", None).unwrap();
        let r = d.receiver(&renamed, Some(&loc));
        assert_eq!(r.bureau.unwrap().id, "zz-jinshui");
        assert_eq!(
            r.mismatches,
            [
                Mismatch::BureauNotCovering("bj-haidian".into()),
                Mismatch::SchoolNotListed {
                    school: "haidian-exp-primary".into(),
                    bureau: "zz-jinshui".into()
                }
            ]
        );
        assert!(r.mismatches[1].to_string().contains("does not list"));
        // Read from a file (no address): no bureau covers it.
        let honest = feed("jinshui-west", &json!({"bureau": "zz-jinshui"}));
        assert_eq!(d.receiver(&honest, None).bureau, None);
        let r = d.receiver(&honest, Some(&loc));
        assert_eq!(r.bureau.unwrap().id, "zz-jinshui");
        assert!(r.mismatches.is_empty(), "{:?}", r.mismatches);
    }

    #[test]
    fn a_feed_naming_its_own_key_and_url_is_flagged_never_followed() {
        let d = dir();
        let evil_key =
            crate::envelope::PrivateKey::from_base64("kL6zBSmqKpjv2zvZEtkY0ejUMUF0bqcGOmDpHaSQMlw")
                .unwrap()
                .public_key()
                .to_base64();
        let loc = FeedLocation::new("https://jyj.example/feeds/g4.json", None).unwrap();
        let f = feed(
            "jinshui-west",
            &json!({"bureau": "zz-jinshui", "report_key": evil_key,
                    "report_url": "https://school.example/collect",
                    "report_page": "https://school.example/report"}),
        );
        let r = d.receiver(&f, Some(&loc));
        let b = r.bureau.unwrap();
        assert_eq!(b.report_url.as_str(), "https://jyj.example/reports");
        assert_eq!(b.report_key.to_base64(), KEY_A);
        assert_eq!(
            r.mismatches,
            [Mismatch::OtherKey, Mismatch::OtherUrl, Mismatch::OtherPage]
        );

        let f = feed("jinshui-west", &json!({"bureau": "nobody"}));
        assert_eq!(
            d.receiver(&f, Some(&loc)).mismatches,
            [Mismatch::UnknownBureau("nobody".into())]
        );
        let f = feed(
            "jinshui-west",
            &json!({"bureau": "zz-jinshui", "report_url": "https://jyj.example/reports"}),
        );
        assert!(d.receiver(&f, Some(&loc)).mismatches.is_empty());
    }

    #[test]
    fn token_surveys_are_pinned_by_their_collectors_issuer_keys() {
        let d = dir();
        assert!(d.pins_issuer(Some("zz-jinshui"), "3f9a0c51d2e87b44"));
        assert!(!d.pins_issuer(Some("zz-jinshui"), "0000000000000000"));
        assert!(!d.pins_issuer(Some("zz-city"), "3f9a0c51d2e87b44"));
        assert!(!d.pins_issuer(None, "3f9a0c51d2e87b44"));
        assert!(!d.pins_issuer(Some("nobody"), "3f9a0c51d2e87b44"));
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
                {"id": "a", "name": "A", "report_key": KEY_A, "report_url": "https://a.example",
                 "schools": [], "issuer_keys": ["xyz"],
                 "feeds": ["https://*.cn/", "https://a.*.cn/", "feeds/", "https://a.example/f/*",
                           "https://u@a.example/", "http://a.example/", "/f/../g/", 7]}
            ]
        }))
        .unwrap_err()
        .to_string();
        for (i, what) in [
            (0, "a wildcard host is *.domain with at least one dot"),
            (1, "* is allowed only as the first label"),
            (2, "an https: URL prefix"),
            (3, "* is not allowed in the path"),
            (
                4,
                "an https: URL prefix (https://host/path/, a host may start with *.) or a path starting with /, without ?, #, @",
            ),
            (5, "only https: URLs are accepted"),
            (
                6,
                "an https: URL prefix (https://host/path/, a host may start with *.) or a path starting with /, without ?, #, @",
            ),
            (7, "expected an https: URL prefix"),
        ] {
            assert!(
                p.contains(&format!("bureaus[0].feeds[{i}]: {what}")),
                "{i}: {p}"
            );
        }
        assert!(
            p.contains("bureaus[0].issuer_keys[0]: expected an issuer key id"),
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
