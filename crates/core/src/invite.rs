//! One-time survey invitation codes (issue #17, `docs/spec/survey-tokens.md`).
//!
//! A school prints one code per family. The code is redeemed once for a
//! blind-signed token, and the issuer keeps only a keyed hash of it
//! ([`code_mac`]), so a leaked issuer database gives away no code that can
//! still be used.
//!
//! Codes are 100 random bits written as 20 Crockford base32 characters in
//! groups of four (`7K3Q-9XMP-2D4H-WN8R-F6TB`). Crockford's alphabet has no
//! I, L, O or U, reads the same in upper and lower case, and maps the
//! look-alikes a parent may type from paper (I and L to 1, O to 0). The
//! randomness comes from the caller, so this module stays pure.

use std::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// Crockford's base32 alphabet.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Symbols in a code: 20 × 5 = 100 bits (the issue asks for ≥ 80).
pub const SYMBOLS: usize = 20;

/// One invitation code: 100 bits.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct InviteCode(u128);

/// Why a typed code is not a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InviteCodeError {
    /// Not 20 symbols once spaces and hyphens are left out.
    Length(usize),
    /// A character outside Crockford's alphabet, at this place (1-based,
    /// counting every character typed).
    Character(char, usize),
}

impl fmt::Display for InviteCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Length(n) => write!(
                f,
                "an invitation code has {SYMBOLS} letters and digits; this one has {n}"
            ),
            Self::Character(c, at) => {
                write!(f, "'{c}' (character {at}) is not used in invitation codes")
            }
        }
    }
}

impl std::error::Error for InviteCodeError {}

impl InviteCode {
    /// The code made of the low 100 bits of `random` (13 random bytes from
    /// the caller's CSPRNG; the top 4 bits are dropped).
    pub fn from_random(random: [u8; 13]) -> Self {
        let mut bytes = [0u8; 16];
        bytes[3..].copy_from_slice(&random);
        Self(u128::from_be_bytes(bytes) & ((1u128 << 100) - 1))
    }

    /// Reads a code as printed or typed: case, spaces and hyphens do not
    /// matter, and I, L and O are read as 1, 1 and 0.
    ///
    /// # Errors
    ///
    /// When a character is not in the alphabet (named with its place), or
    /// the code does not have 20 symbols.
    pub fn parse(text: &str) -> Result<Self, InviteCodeError> {
        let mut value = 0u128;
        let mut count = 0;
        for (i, c) in text.chars().enumerate() {
            if c == '-' || c.is_whitespace() {
                continue;
            }
            let digit: u8 = match c.to_ascii_uppercase() {
                'I' | 'L' => 1,
                'O' => 0,
                up => ALPHABET
                    .iter()
                    .zip(0u8..)
                    .find(|(a, _)| char::from(**a) == up)
                    .map(|(_, d)| d)
                    .ok_or(InviteCodeError::Character(c, i + 1))?,
            };
            count += 1;
            if count <= SYMBOLS {
                value = (value << 5) | u128::from(digit);
            }
        }
        if count != SYMBOLS {
            return Err(InviteCodeError::Length(count));
        }
        Ok(Self(value))
    }

    /// The 20 symbols without separators (what the QR URL carries).
    pub fn compact(self) -> String {
        (0..SYMBOLS)
            .rev()
            .map(|i| {
                let digit = (self.0 >> (5 * i)) & 31;
                char::from(ALPHABET[usize::try_from(digit).unwrap_or(0)])
            })
            .collect()
    }
}

/// Printed in groups of four: `7K3Q-9XMP-2D4H-WN8R-F6TB`.
impl fmt::Display for InviteCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let compact = self.compact();
        for (i, chunk) in compact.as_bytes().chunks(4).enumerate() {
            if i > 0 {
                f.write_str("-")?;
            }
            f.write_str(std::str::from_utf8(chunk).map_err(|_| fmt::Error)?)?;
        }
        Ok(())
    }
}

/// Never printed by `{:?}`: a code in a log line is a code given away.
impl fmt::Debug for InviteCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("InviteCode(…)")
    }
}

/// The issuer's secret for [`code_mac`]: 64 random bytes (SHA-256's block,
/// HMAC's natural key size), kept with the issuer's key file.
#[derive(Clone)]
pub struct IssuerSecret(pub [u8; 64]);

/// Never printed.
impl fmt::Debug for IssuerSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("IssuerSecret(…)")
    }
}

/// What the issuer stores for a code: HMAC-SHA256 under the issuer's
/// secret, over the survey id and the code (so one code cannot be tried
/// against another survey's table).
pub fn code_mac(secret: &IssuerSecret, survey: &str, code: InviteCode) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as KeyInit>::new(&secret.0.into());
    mac.update(b"jianfu.invite/1\0");
    mac.update(survey.as_bytes());
    mac.update(b"\0");
    mac.update(&code.0.to_be_bytes());
    mac.finalize().into_bytes().into()
}

/// The link an invitation's QR code carries: the parent app (`app`, with
/// its `?feed=`) at the survey published at `survey_url`, the code filled
/// in: `{app}#/invite/{survey_url, percent-encoded}/{code}`. A bureau's
/// survey need not be listed in every school's feed, so the link names it.
pub fn invitation_link(app: &str, survey_url: &str, code: InviteCode) -> String {
    use std::fmt::Write as _;
    let base = app.split('#').next().unwrap_or(app);
    let mut encoded = String::with_capacity(survey_url.len() * 3);
    for b in survey_url.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            encoded.push(char::from(b));
        } else {
            let _ = write!(encoded, "%{b:02X}");
        }
    }
    format!("{base}#/invite/{encoded}/{}", code.compact())
}

/// Reads [`invitation_link`]'s hash (`#/invite/…/…`): the survey's address
/// and the code as given (the app checks it with [`InviteCode::parse`] and
/// says what is wrong, rather than dropping a mistyped link).
pub fn invitation_from_hash(hash: &str) -> Option<(String, String)> {
    let rest = hash
        .trim_start_matches('#')
        .trim_start_matches('/')
        .strip_prefix("invite/")?;
    let (url, code) = rest.rsplit_once('/')?;
    let url = percent_decode(url)?;
    (!url.is_empty()).then(|| (url, code.to_owned()))
}

/// `%XX` decoding; `None` for a broken escape or bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invitation_link_opens_the_app_at_the_survey_with_the_code() {
        let code = InviteCode::from_random([7; 13]);
        let link = invitation_link(
            "https://x.example/app/?feed=f.json#/today",
            "/demo/surveys/s 1.json",
            code,
        );
        assert_eq!(
            link,
            format!(
                "https://x.example/app/?feed=f.json#/invite/%2Fdemo%2Fsurveys%2Fs%201.json/{}",
                code.compact()
            )
        );
        let hash = &link[link.find('#').unwrap()..];
        assert_eq!(
            invitation_from_hash(hash),
            Some(("/demo/surveys/s 1.json".into(), code.compact()))
        );
        assert_eq!(invitation_from_hash("#/invite/%2/ABC"), None);
        assert_eq!(invitation_from_hash("#/invite/only"), None);
        assert_eq!(invitation_from_hash("#/survey/1"), None);
    }
    use proptest::prelude::*;

    #[test]
    fn printed_codes_read_back_however_they_are_typed() {
        let code = InviteCode::from_random([0xA5; 13]);
        let printed = code.to_string();
        assert_eq!(printed.len(), 24, "20 symbols and 4 hyphens: {printed}");
        assert_eq!(InviteCode::parse(&printed), Ok(code));
        assert_eq!(InviteCode::parse(&printed.to_lowercase()), Ok(code));
        assert_eq!(InviteCode::parse(&printed.replace('-', " ")), Ok(code));
        assert_eq!(InviteCode::parse(&code.compact()), Ok(code));
    }

    #[test]
    fn look_alikes_are_read_as_digits() {
        let ones = InviteCode::parse("1111-1111-1111-1111-1111");
        assert_eq!(InviteCode::parse("IiLl-1111-1111-1111-1111"), ones);
        assert_eq!(
            InviteCode::parse("oOoO-0000-0000-0000-0000"),
            InviteCode::parse("0000-0000-0000-0000-0000")
        );
    }

    #[test]
    fn bad_codes_say_what_is_wrong_and_where() {
        assert_eq!(
            InviteCode::parse("7K3Q-9XMP-2D4H-WN8R-F6U0"),
            Err(InviteCodeError::Character('U', 23))
        );
        assert_eq!(
            InviteCode::parse("7K3Q-9XMP"),
            Err(InviteCodeError::Length(8))
        );
        assert_eq!(
            InviteCode::parse("7K3Q-9XMP-2D4H-WN8R-F6TB-1"),
            Err(InviteCodeError::Length(21))
        );
        assert!(
            InviteCodeError::Character('U', 23)
                .to_string()
                .contains("character 23")
        );
    }

    #[test]
    fn the_debug_form_hides_the_code() {
        let code = InviteCode::from_random([7; 13]);
        assert!(!format!("{code:?}").contains(&code.compact()));
    }

    #[test]
    fn the_mac_depends_on_secret_survey_and_code() {
        let a = InviteCode::from_random([1; 13]);
        let b = InviteCode::from_random([2; 13]);
        let (one, two) = (IssuerSecret([1; 64]), IssuerSecret([2; 64]));
        let m = code_mac(&one, "s1", a);
        assert_eq!(m, code_mac(&one, "s1", a));
        assert_ne!(m, code_mac(&one, "s1", b));
        assert_ne!(m, code_mac(&one, "s2", a));
        assert_ne!(m, code_mac(&two, "s1", a));
    }

    proptest! {
        #[test]
        fn every_code_round_trips(random in any::<[u8; 13]>()) {
            let code = InviteCode::from_random(random);
            prop_assert_eq!(InviteCode::parse(&code.to_string()), Ok(code));
            prop_assert!(code.0 < 1u128 << 100);
        }
    }
}
