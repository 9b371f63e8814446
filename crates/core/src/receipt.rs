//! A report's receipt (issue #30, `docs/spec/cases-and-receipts.md`): a
//! code the parent's app draws when it seals a report and shows once, with
//! which the parent later reads the case's status and the bureau's sealed
//! replies, without any other identifier.
//!
//! The code is written like an invitation code (100 random bits, 20
//! Crockford base32 symbols in groups of four, look-alikes forgiven), so
//! it survives being written down and typed on another device. The
//! envelope carries only its hash, outside the sealed part
//! (`"receipt": "<base64url SHA-256>"`); the inbox stores only that hash.

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::b64;
use crate::invite::{InviteCode, InviteCodeError};

/// A receipt code.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ReceiptCode(InviteCode);

/// What an envelope or an inbox keeps of a receipt code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReceiptHash(pub [u8; 32]);

impl ReceiptCode {
    /// The code made of 13 random bytes from the caller's CSPRNG.
    pub fn from_random(random: [u8; 13]) -> Self {
        Self(InviteCode::from_random(random))
    }

    /// Reads a code as written or typed (see [`InviteCode::parse`]).
    ///
    /// # Errors
    ///
    /// When it is not 20 symbols of the alphabet.
    pub fn parse(text: &str) -> Result<Self, InviteCodeError> {
        InviteCode::parse(text).map(Self)
    }

    /// `SHA-256("jianfu.receipt/1" ‖ the 20 symbols)`: the same however the
    /// code was typed.
    pub fn hash(self) -> ReceiptHash {
        ReceiptHash(
            Sha256::new()
                .chain_update(b"jianfu.receipt/1")
                .chain_update(self.0.compact().as_bytes())
                .finalize()
                .into(),
        )
    }
}

/// In groups of four, as shown to the parent.
impl std::fmt::Display for ReceiptCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Never printed by `{:?}`: a receipt in a log line is a receipt given away.
impl std::fmt::Debug for ReceiptCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReceiptCode(…)")
    }
}

impl ReceiptHash {
    /// base64url, as the envelope carries it.
    pub fn to_base64(self) -> String {
        b64::encode(&self.0)
    }

    /// The `receipt` an envelope carries beside its sealed part: `Ok(None)`
    /// when it has none (older apps), an error when it is not 32 bytes of
    /// base64url.
    ///
    /// # Errors
    ///
    /// A `receipt` that is not a base64url SHA-256.
    pub fn of_envelope(envelope: &Value) -> Result<Option<Self>, String> {
        match envelope.get("receipt") {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v
                .as_str()
                .and_then(b64::decode)
                .and_then(|b| <[u8; 32]>::try_from(b).ok())
                .map(|b| Some(Self(b)))
                .ok_or_else(|| "receipt: expected a base64url SHA-256 (32 bytes)".to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::{ReceiptCode, ReceiptHash};
    use serde_json::json;

    #[test]
    fn a_code_hashes_the_same_however_it_is_typed() {
        let code = ReceiptCode::from_random([7; 13]);
        let shown = code.to_string();
        assert_eq!(shown.len(), 24, "20 symbols in groups of four");
        let typed = shown.to_lowercase().replace('-', " ").replace('1', "l");
        assert_eq!(ReceiptCode::parse(&typed).unwrap().hash(), code.hash());
        assert_ne!(ReceiptCode::from_random([8; 13]).hash(), code.hash());
        assert!(ReceiptCode::parse("7K3Q-9XMP").is_err());
        assert_eq!(format!("{code:?}"), "ReceiptCode(…)");
    }

    #[test]
    fn an_envelope_carries_only_the_hash_if_anything() {
        let hash = ReceiptCode::from_random([1; 13]).hash();
        let with = json!({"format": "jianfu.envelope/1", "receipt": hash.to_base64()});
        assert_eq!(ReceiptHash::of_envelope(&with), Ok(Some(hash)));
        assert_eq!(
            ReceiptHash::of_envelope(&json!({"format": "jianfu.envelope/1"})),
            Ok(None)
        );
        assert!(ReceiptHash::of_envelope(&json!({"receipt": "AAAA"})).is_err());
        assert!(ReceiptHash::of_envelope(&json!({"receipt": 5})).is_err());
    }
}
