//! Survey tokens: what a redeemed invitation becomes (issue #17,
//! `docs/spec/survey-tokens.md`).
//!
//! The app makes a [`TokenMessage`] (this survey, this issuer key, 32
//! random bytes). The issuer signs it *blind*, using RFC 9474
//! RSABSSA-SHA384-PSS-Randomized through the `blind-rsa-signatures` crate,
//! so the issuer never sees the message it signed. The inbox checks the
//! signature and the message with [`IssuerKey::verify`], and counts each
//! message once. These are the pure parts; the issuer, the inbox and the app
//! put them to work.

use std::fmt;

#[cfg(not(target_arch = "wasm32"))]
use blind_rsa_signatures::{MessageRandomizer, PublicKeySha384PSSRandomized, Signature};
use sha2::{Digest, Sha256};

/// What every token message starts with, so a token can never be taken for
/// another kind of signed message.
const FORMAT: &[u8] = b"jianfu.token/1\0";

/// The first 8 bytes of SHA-256 of the issuer key's SPKI: which key a
/// token is for, in the message and in the survey definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyId(pub [u8; 8]);

impl KeyId {
    /// Reads the 16 hexadecimal digits [`KeyId`]'s `Display` writes.
    pub fn parse(hex: &str) -> Option<Self> {
        if hex.len() != 16 || !hex.is_ascii() {
            return None;
        }
        let mut id = [0u8; 8];
        for (i, b) in id.iter_mut().enumerate() {
            *b = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(Self(id))
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

/// The message a token signs: `jianfu.token/1 \0 survey \0 key id (8)
/// nonce (32)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenMessage {
    /// The survey the token answers.
    pub survey: String,
    /// The issuer key that signs it.
    pub key_id: KeyId,
    /// Fresh randomness from the app: what makes each token unique.
    pub nonce: [u8; 32],
}

/// Why a token is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenError {
    /// The message is not a `jianfu.token/1` message.
    Format,
    /// The signature does not verify under the survey's issuer key.
    Signature,
    /// The issuer key is not an RSA public key in SPKI form.
    Key,
    /// A valid token, but for another survey (named).
    OtherSurvey(String),
    /// A valid token, but for another key of the issuer (named).
    OtherKey(KeyId),
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Format => f.write_str("not a jianfu.token/1 message"),
            Self::Signature => f.write_str("the token's signature does not verify"),
            Self::Key => f.write_str("the issuer key is not an RSA public key (SPKI)"),
            Self::OtherSurvey(s) => write!(f, "the token is for another survey (\"{s}\")"),
            Self::OtherKey(k) => write!(f, "the token is for another issuer key ({k})"),
        }
    }
}

impl std::error::Error for TokenError {}

impl TokenMessage {
    /// The bytes that are blinded and signed.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(FORMAT.len() + self.survey.len() + 41);
        out.extend_from_slice(FORMAT);
        out.extend_from_slice(self.survey.as_bytes());
        out.push(0);
        out.extend_from_slice(&self.key_id.0);
        out.extend_from_slice(&self.nonce);
        out
    }

    /// Reads [`TokenMessage::to_bytes`]'s form.
    ///
    /// # Errors
    ///
    /// [`TokenError::Format`] for anything else.
    pub fn parse(bytes: &[u8]) -> Result<Self, TokenError> {
        let rest = bytes.strip_prefix(FORMAT).ok_or(TokenError::Format)?;
        let end = rest
            .iter()
            .position(|&b| b == 0)
            .ok_or(TokenError::Format)?;
        let survey = std::str::from_utf8(&rest[..end]).map_err(|_| TokenError::Format)?;
        let tail = &rest[end + 1..];
        if survey.is_empty() || tail.len() != 40 {
            return Err(TokenError::Format);
        }
        let (key_id, nonce) = tail.split_at(8);
        Ok(Self {
            survey: survey.to_owned(),
            key_id: KeyId(key_id.try_into().map_err(|_| TokenError::Format)?),
            nonce: nonce.try_into().map_err(|_| TokenError::Format)?,
        })
    }
}

/// An issuer's public key for one survey run. Host only: the issuer and the
/// inbox verify; the app blinds through the web layer, which owns the
/// browser's randomness. (RSA, RFC 9474
/// RSABSSA-SHA384-PSS-Randomized).
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone)]
pub struct IssuerKey {
    key: PublicKeySha384PSSRandomized,
    id: KeyId,
}

#[cfg(not(target_arch = "wasm32"))]
impl fmt::Debug for IssuerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IssuerKey({})", self.id)
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl IssuerKey {
    /// Reads a key in SPKI (DER) form, as survey definitions carry it.
    ///
    /// # Errors
    ///
    /// [`TokenError::Key`] when it is not one.
    pub fn from_spki(spki: &[u8]) -> Result<Self, TokenError> {
        let key = PublicKeySha384PSSRandomized::from_spki(spki).map_err(|_| TokenError::Key)?;
        Ok(Self {
            key,
            id: key_id(spki),
        })
    }

    /// This key's id.
    pub fn id(&self) -> KeyId {
        self.id
    }

    /// The crate's key, for blinding in the app.
    pub fn inner(&self) -> &PublicKeySha384PSSRandomized {
        &self.key
    }

    /// Checks a token for `survey`: the signature over `msg` (with the
    /// randomizer the app chose when blinding), then that the message names
    /// this survey and this key. Returns the message.
    ///
    /// # Errors
    ///
    /// Which check failed ([`TokenError`]).
    pub fn verify(
        &self,
        survey: &str,
        msg: &[u8],
        randomizer: [u8; 32],
        signature: &[u8],
    ) -> Result<TokenMessage, TokenError> {
        self.key
            .verify(
                &Signature(signature.to_vec()),
                Some(MessageRandomizer(randomizer)),
                msg,
            )
            .map_err(|_| TokenError::Signature)?;
        let message = TokenMessage::parse(msg)?;
        if message.survey != survey {
            return Err(TokenError::OtherSurvey(message.survey));
        }
        if message.key_id != self.id {
            return Err(TokenError::OtherKey(message.key_id));
        }
        Ok(message)
    }
}

/// The id of the key whose SPKI is `spki`.
pub fn key_id(spki: &[u8]) -> KeyId {
    let hash = Sha256::digest(spki);
    let mut id = [0u8; 8];
    id.copy_from_slice(&hash[..8]);
    KeyId(id)
}

/// The SHA-256 the inbox keeps of each spent token message (not the
/// message itself).
pub fn spent_hash(msg: &[u8]) -> [u8; 32] {
    Sha256::digest(msg).into()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use blind_rsa_signatures::{
        BlindMessage, BlindSignature, BlindingResult, Secret, SecretKeySha384PSSRandomized,
    };
    use rsa::BoxedUint;

    /// RFC 9474 Appendix A's vector for RSABSSA-SHA384-PSS-Randomized, read
    /// from the RFC's JSON (`testdata/rfc9474-vectors.json`).
    struct Vector {
        sk: SecretKeySha384PSSRandomized,
        msg: Vec<u8>,
        msg_prefix: [u8; 32],
        inv: Vec<u8>,
        blinded_msg: Vec<u8>,
        blind_sig: Vec<u8>,
        sig: Vec<u8>,
    }

    fn hex(s: &str) -> Vec<u8> {
        let s = s.trim_start_matches("0x");
        let s = if s.len() % 2 == 1 {
            format!("0{s}")
        } else {
            s.to_owned()
        };
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex in the RFC's vectors"))
            .collect()
    }

    fn uint(s: &str) -> BoxedUint {
        let bytes = hex(s);
        let bits = u32::try_from(bytes.len() * 8).expect("small");
        BoxedUint::from_be_slice(&bytes, bits).expect("a number")
    }

    fn vector() -> Vector {
        let all: serde_json::Value =
            serde_json::from_str(include_str!("../testdata/rfc9474-vectors.json"))
                .expect("the RFC's vectors are JSON");
        let v = all
            .as_array()
            .and_then(|a| {
                a.iter()
                    .find(|v| v["name"] == "RSABSSA-SHA384-PSS-Randomized")
            })
            .expect("the randomized PSS vector");
        let s = |k: &str| v[k].as_str().expect("a string").to_owned();
        let key = rsa::RsaPrivateKey::from_components(
            uint(&s("n")),
            uint(&s("e")),
            uint(&s("d")),
            vec![uint(&s("p")), uint(&s("q"))],
        )
        .expect("the RFC's key");
        let modulus = hex(&s("n")).len();
        let mut inv = hex(&s("inv"));
        while inv.len() < modulus {
            inv.insert(0, 0);
        }
        Vector {
            sk: SecretKeySha384PSSRandomized::new(key),
            msg: hex(&s("msg")),
            msg_prefix: hex(&s("msg_prefix")).try_into().expect("32 bytes"),
            inv,
            blinded_msg: hex(&s("blinded_msg")),
            blind_sig: hex(&s("blind_sig")),
            sig: hex(&s("sig")),
        }
    }

    #[test]
    fn the_rfc_9474_vector_signs_finalizes_and_verifies() {
        let v = vector();
        let pk = v.sk.public_key().expect("its public key");
        // The issuer's step: a blind signature is deterministic.
        let blind_sig = v.sk.blind_sign(&v.blinded_msg).expect("signs");
        assert_eq!(blind_sig.0, v.blind_sig);
        // The app's step: unblinding with the vector's inverse gives the
        // RFC's signature (finalize also verifies it).
        let result = BlindingResult {
            blind_message: BlindMessage(v.blinded_msg.clone()),
            secret: Secret(v.inv.clone()),
            msg_randomizer: Some(MessageRandomizer(v.msg_prefix)),
        };
        let sig = pk
            .finalize(&BlindSignature(v.blind_sig.clone()), &result, &v.msg)
            .expect("finalizes");
        assert_eq!(sig.0, v.sig);
        // The inbox's step, and a flipped bit refused.
        let ok = pk.verify(&sig, Some(MessageRandomizer(v.msg_prefix)), &v.msg);
        assert!(ok.is_ok());
        let mut bad = v.sig.clone();
        bad[10] ^= 1;
        let refused = pk.verify(
            &Signature(bad),
            Some(MessageRandomizer(v.msg_prefix)),
            &v.msg,
        );
        assert!(refused.is_err());
    }

    #[test]
    fn a_token_goes_round_and_is_checked_for_its_survey_and_key() {
        let v = vector();
        let pk = v.sk.public_key().expect("its public key");
        let spki = pk.to_spki().expect("SPKI");
        let issuer = IssuerKey::from_spki(&spki).expect("reads back");
        let message = TokenMessage {
            survey: "2026-autumn".into(),
            key_id: issuer.id(),
            nonce: [9; 32],
        };
        let msg = message.to_bytes();
        // The app blinds, the issuer signs blind, the app finalizes.
        let blinded = issuer
            .inner()
            .blind(&mut blind_rsa_signatures::DefaultRng, &msg)
            .expect("blinds");
        assert_ne!(blinded.blind_message.0, msg, "the issuer sees no message");
        let blind_sig = v.sk.blind_sign(&blinded.blind_message).expect("signs");
        let sig = issuer
            .inner()
            .finalize(&blind_sig, &blinded, &msg)
            .expect("finalizes");
        let randomizer = blinded.msg_randomizer.expect("randomized").0;
        assert_eq!(
            issuer.verify("2026-autumn", &msg, randomizer, &sig.0),
            Ok(message.clone())
        );
        assert_eq!(
            issuer.verify("another", &msg, randomizer, &sig.0),
            Err(TokenError::OtherSurvey("2026-autumn".into()))
        );
        // A message changed after signing, or a made-up signature.
        let mut forged = msg.clone();
        *forged.last_mut().expect("not empty") ^= 1;
        assert_eq!(
            issuer.verify("2026-autumn", &forged, randomizer, &sig.0),
            Err(TokenError::Signature)
        );
        assert_eq!(
            issuer.verify("2026-autumn", &msg, randomizer, &vec![7; sig.0.len()]),
            Err(TokenError::Signature)
        );
        // Signed by this key, but naming another key.
        let other = TokenMessage {
            key_id: KeyId([1; 8]),
            ..message
        };
        let other_msg = other.to_bytes();
        let b = issuer
            .inner()
            .blind(&mut blind_rsa_signatures::DefaultRng, &other_msg)
            .expect("blinds");
        let s = issuer
            .inner()
            .finalize(
                &v.sk.blind_sign(&b.blind_message).expect("signs"),
                &b,
                &other_msg,
            )
            .expect("finalizes");
        let r = b.msg_randomizer.expect("randomized").0;
        assert_eq!(
            issuer.verify("2026-autumn", &other_msg, r, &s.0),
            Err(TokenError::OtherKey(KeyId([1; 8])))
        );
    }

    #[test]
    fn token_messages_parse_only_their_own_form() {
        let m = TokenMessage {
            survey: "s".into(),
            key_id: KeyId([2; 8]),
            nonce: [3; 32],
        };
        assert_eq!(TokenMessage::parse(&m.to_bytes()), Ok(m.clone()));
        let bytes = m.to_bytes();
        assert_eq!(
            TokenMessage::parse(&bytes[..bytes.len() - 1]),
            Err(TokenError::Format)
        );
        assert_eq!(
            TokenMessage::parse(b"jianfu.token/2\0s\0"),
            Err(TokenError::Format)
        );
        assert_eq!(TokenMessage::parse(b""), Err(TokenError::Format));
        assert_ne!(
            spent_hash(&bytes),
            spent_hash(
                &TokenMessage {
                    nonce: [4; 32],
                    ..m
                }
                .to_bytes()
            )
        );
    }
}
