//! The URLs a feed or the bureau directory may give (formats.md §6): only
//! `https:`, a reference relative to the document's own URL, or plain
//! `http:` to this machine (`127.0.0.1`, `localhost`, `[::1]`) for
//! development. Anything else (`javascript:`, `data:`, `http://` to another
//! host, `//host` that escapes its base) is refused when the document is
//! read, so no screen or request ever sees it.

use serde_json::Value;

use crate::json::{self, With};

/// What kind of address a checked URL is; callers decide whether a
/// development address is acceptable where they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UrlKind {
    /// `https://…`
    Https,
    /// `http://127.0.0.1…`, `http://localhost…`, `http://[::1]…`: development only.
    Loopback,
    /// A path relative to the document's own URL (`/inbox/reports`, `responses`).
    Relative,
}

/// A URL that passed [`WebUrl::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct WebUrl {
    text: String,
    kind: UrlKind,
}

/// Why a string is not an acceptable URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum UrlError {
    /// Empty, or with spaces or control characters.
    Malformed,
    /// A scheme other than `https:` (or `http:` to this machine).
    Scheme,
    /// `//host/…`: relative in form, but it names another host.
    NetworkPath,
}

impl std::fmt::Display for UrlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Malformed => "not a URL (empty, or with spaces or control characters)",
            Self::Scheme => "only https: URLs are accepted (http: only to 127.0.0.1 or localhost)",
            Self::NetworkPath => "a URL starting with // names another host; write https://",
        })
    }
}

impl std::error::Error for UrlError {}

impl WebUrl {
    /// Checks `text` against the policy above.
    pub fn parse(text: &str) -> Result<Self, UrlError> {
        if text.is_empty() || text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(UrlError::Malformed);
        }
        let kind = if let Some(scheme_end) = scheme_end(text) {
            let (scheme, rest) = (&text[..scheme_end], &text[scheme_end + 1..]);
            if scheme.eq_ignore_ascii_case("https") {
                if !rest.starts_with("//") || rest.len() <= 2 {
                    return Err(UrlError::Malformed);
                }
                UrlKind::Https
            } else if scheme.eq_ignore_ascii_case("http") && is_loopback(rest) {
                UrlKind::Loopback
            } else {
                return Err(UrlError::Scheme);
            }
        } else if text.starts_with("//") || text.starts_with("\\\\") || text.starts_with("/\\") {
            return Err(UrlError::NetworkPath);
        } else {
            UrlKind::Relative
        };
        Ok(Self {
            text: text.to_owned(),
            kind,
        })
    }

    /// The URL as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Its kind.
    pub fn kind(&self) -> UrlKind {
        self.kind
    }

    pub(crate) fn reader() -> impl json::Reader<Self> {
        With {
            expected: "an https: URL or a path relative to this document",
            f: |v: &Value| v.as_str().and_then(|s| Self::parse(s).ok()),
        }
    }
}

impl std::fmt::Display for WebUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// The index of the `:` ending a scheme (RFC 3986: ALPHA *( ALPHA / DIGIT /
/// "+" / "-" / "." ) before any `/`, `?` or `#`), if the text has one.
fn scheme_end(text: &str) -> Option<usize> {
    let end = text.find(':')?;
    let scheme = &text[..end];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(end)
}

/// `//127.0.0.1`, `//localhost`, `//[::1]`, each with an optional port,
/// followed by the end or a path, query or fragment (so
/// `//localhost.evil.example` and `//127.0.0.1@evil.example` are not).
fn is_loopback(rest: &str) -> bool {
    let Some(authority) = rest.strip_prefix("//") else {
        return false;
    };
    let end = authority.find(['/', '?', '#']).unwrap_or(authority.len());
    let authority = &authority[..end];
    let host = match authority.rsplit_once(':') {
        Some((h, port)) if !h.ends_with(':') && port.chars().all(|c| c.is_ascii_digit()) => h,
        _ => authority,
    };
    ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .any(|l| host.eq_ignore_ascii_case(l))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> Result<UrlKind, UrlError> {
        WebUrl::parse(s).map(|u| u.kind())
    }

    #[test]
    fn https_relative_and_loopback_pass() {
        assert_eq!(
            kind("https://bureau.example/jianfu/reports"),
            Ok(UrlKind::Https)
        );
        assert_eq!(kind("HTTPS://bureau.example"), Ok(UrlKind::Https));
        assert_eq!(kind("/inbox/reports"), Ok(UrlKind::Relative));
        assert_eq!(kind("surveys/2026.json"), Ok(UrlKind::Relative));
        assert_eq!(kind("http://127.0.0.1:8090/reports"), Ok(UrlKind::Loopback));
        assert_eq!(kind("http://localhost/"), Ok(UrlKind::Loopback));
        assert_eq!(kind("http://[::1]:80"), Ok(UrlKind::Loopback));
    }

    #[test]
    fn everything_else_is_refused() {
        for (s, e) in [
            ("javascript:alert(1)", UrlError::Scheme),
            ("JavaScript:alert(1)", UrlError::Scheme),
            ("data:text/html,<script>", UrlError::Scheme),
            ("http://bureau.example/", UrlError::Scheme),
            ("http://localhost.evil.example/", UrlError::Scheme),
            ("http://127.0.0.1@evil.example/", UrlError::Scheme),
            ("file:///etc/passwd", UrlError::Scheme),
            ("//evil.example/x", UrlError::NetworkPath),
            ("/\\evil.example/x", UrlError::NetworkPath),
            ("https:evil", UrlError::Malformed),
            ("https://", UrlError::Malformed),
            ("", UrlError::Malformed),
            ("https://a b", UrlError::Malformed),
            (" javascript:alert(1)", UrlError::Malformed),
        ] {
            assert_eq!(kind(s), Err(e), "{s}");
        }
    }
}
