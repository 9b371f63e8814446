//! Sealed reports: `jianfu.envelope/1`, HPKE (RFC 9180) base mode with
//! DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and ChaCha20-Poly1305, `info` =
//! `jianfu.report/1`, empty AAD.
//!
//! Only the bureau's private key opens an envelope; the school portal that
//! embeds the widget cannot. The plaintext is padded with spaces to a
//! multiple of 512 bytes so the ciphertext's length does not reveal the
//! description's. Randomness is a parameter, like the date: core never
//! touches an entropy source, the app passes the browser's and the CLI the OS's.

use hpke::aead::ChaCha20Poly1305;
use hpke::kdf::HkdfSha256;
use hpke::kem::X25519HkdfSha256;
use hpke::rand_core::CryptoRng;
use hpke::{Deserializable, Kem, OpModeR, OpModeS, Serializable};
use serde_json::{Value, json};

use crate::b64;
use crate::json::{self, Ctx, Obj, Problems, With};
use crate::report::Report;

/// The format tag this module reads.
pub const FORMAT: &str = "jianfu.envelope/1";
/// The only suite v1 uses.
pub const SUITE: &str = "HPKE-Base-X25519-HKDF-SHA256-ChaCha20Poly1305";
/// HPKE `info`: binds every envelope to this purpose.
pub const INFO: &[u8] = b"jianfu.report/1";
/// Plaintexts are padded to a multiple of this many bytes.
pub const PAD_TO: usize = 512;
/// Largest ciphertext an envelope may carry (reports are ≤ 2000 characters,
/// at most ~8 KB of UTF-8 with the JSON around them).
pub const MAX_CIPHERTEXT: usize = 16 * 1024;

/// A bureau's X25519 public key, checked when read: 32 bytes and not a
/// low-order point. An all-zero or other small-order key would make every
/// shared secret the same known value (HPKE refuses to seal to it), so such
/// a key is refused where it is read, with an error, never a panic later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicKey([u8; 32]);

/// Why bytes are not a usable bureau public key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyError {
    /// Not base64url, or not 32 bytes.
    Malformed,
    /// A low-order X25519 point (all zeros and its kin): nothing sealed to it is secret.
    LowOrder,
}

impl std::fmt::Display for KeyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Malformed => "expected a base64url X25519 public key (32 bytes)",
            Self::LowOrder => {
                "a low-order X25519 point (such as all zeros), which no one can be the only reader of"
            }
        })
    }
}

impl std::error::Error for KeyError {}

/// The u-coordinates of the X25519 points of small order, with bit 255
/// cleared (X25519 ignores it): 0, 1, the two points of order 8, and p − 1,
/// p, p + 1 (p = 2²⁵⁵ − 19; p and p + 1 are 0 and 1 written unreduced).
/// Every encoding of a low-order point is one of these once bit 255 is
/// cleared, since only 0–18 have a second encoding below 2²⁵⁵. A table
/// rather than a trial Diffie-Hellman keeps the curve arithmetic out of the
/// app's first download, which reads feeds but never seals (a test checks
/// the table against HPKE's own refusal).
const LOW_ORDER: [[u8; 32]; 7] = {
    let mut p_minus_1 = [0xff; 32];
    p_minus_1[0] = 0xec;
    p_minus_1[31] = 0x7f;
    let mut p = p_minus_1;
    p[0] = 0xed;
    let mut p_plus_1 = p_minus_1;
    p_plus_1[0] = 0xee;
    let mut one = [0; 32];
    one[0] = 1;
    [
        [0; 32],
        one,
        [
            0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae, 0x16, 0x56, 0xe3, 0xfa, 0xf1, 0x9f,
            0xc4, 0x6a, 0xda, 0x09, 0x8d, 0xeb, 0x9c, 0x32, 0xb1, 0xfd, 0x86, 0x62, 0x05, 0x16,
            0x5f, 0x49, 0xb8, 0x00,
        ],
        [
            0x5f, 0x9c, 0x95, 0xbc, 0xa3, 0x50, 0x8c, 0x24, 0xb1, 0xd0, 0xb1, 0x55, 0x9c, 0x83,
            0xef, 0x5b, 0x04, 0x44, 0x5c, 0xc4, 0x58, 0x1c, 0x8e, 0x86, 0xd8, 0x22, 0x4e, 0xdd,
            0xd0, 0x9f, 0x11, 0x57,
        ],
        p_minus_1,
        p,
        p_plus_1,
    ]
};

impl PublicKey {
    /// From raw bytes, refusing low-order points.
    pub fn from_bytes(bytes: [u8; 32]) -> Result<Self, KeyError> {
        let mut u = bytes;
        u[31] &= 0x7f;
        if LOW_ORDER.contains(&u) {
            return Err(KeyError::LowOrder);
        }
        Ok(Self(bytes))
    }
    /// From base64url, as in `report_key`.
    pub fn from_base64(text: &str) -> Result<Self, KeyError> {
        let bytes = b64::decode(text.trim())
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .ok_or(KeyError::Malformed)?;
        Self::from_bytes(bytes)
    }
    /// Base64url without padding.
    pub fn to_base64(&self) -> String {
        b64::encode(&self.0)
    }
    /// The first 8 hex digits of the SHA-256 of the raw key: short enough to
    /// read aloud, so a parent can compare it with what the bureau publishes.
    pub fn fingerprint(&self) -> String {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(self.0);
        digest[..4].iter().fold(String::new(), |mut s, b| {
            use std::fmt::Write;
            let _ = write!(s, "{b:02x}");
            s
        })
    }
}

type HpkeSecret = <X25519HkdfSha256 as Kem>::PrivateKey;

/// A bureau's X25519 private key. Its `Debug` never shows the key.
#[derive(Clone)]
pub struct PrivateKey {
    raw: [u8; 32],
    sk: HpkeSecret,
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PrivateKey(…)")
    }
}

impl PartialEq for PrivateKey {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}

impl Eq for PrivateKey {}

impl PrivateKey {
    fn from_raw(raw: [u8; 32]) -> Option<Self> {
        let sk = HpkeSecret::from_bytes(&raw).ok()?;
        Some(Self { raw, sk })
    }
    /// From base64url (raw X25519 scalar, as in the key file).
    pub fn from_base64(text: &str) -> Option<Self> {
        b64::decode(text.trim())
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .and_then(Self::from_raw)
    }
    /// Base64url without padding.
    pub fn to_base64(&self) -> String {
        b64::encode(&self.raw)
    }
    /// The matching public key.
    pub fn public_key(&self) -> PublicKey {
        PublicKey(X25519HkdfSha256::sk_to_pk(&self.sk).to_bytes().into())
    }

    /// Reads a `jianfu.key/1` file as `jianfu keygen` writes it
    /// (`{"private": "…", "public": "…"}`). When the file states its public
    /// key too, the two must match: a file edited by hand or mixed up with
    /// another bureau's is refused here, not discovered later as envelopes
    /// that "do not open". Shared by `jianfu open` and the bureau's page.
    pub fn from_key_file(text: &str) -> Result<Self, KeyFileError> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| KeyFileError::NotJson(e.to_string()))?;
        let key = value
            .get("private")
            .and_then(Value::as_str)
            .and_then(Self::from_base64)
            .ok_or(KeyFileError::Private)?;
        match value.get("public").and_then(Value::as_str) {
            Some(public) if PublicKey::from_base64(public).ok() != Some(key.public_key()) => {
                Err(KeyFileError::PublicMismatch)
            }
            _ => Ok(key),
        }
    }
}

/// Why a key file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyFileError {
    /// Not JSON at all (the parser's message).
    NotJson(String),
    /// No `private` field holding a base64url X25519 private key.
    Private,
    /// `public` is not the public half of `private`.
    PublicMismatch,
}

impl std::fmt::Display for KeyFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotJson(e) => write!(f, "not JSON: {e}"),
            Self::Private => {
                f.write_str("private: expected a base64url X25519 private key (32 bytes)")
            }
            Self::PublicMismatch => f.write_str(
                "public: does not match the private key (a different bureau's key file?)",
            ),
        }
    }
}

impl std::error::Error for KeyFileError {}

/// A new bureau key pair.
pub fn generate_keypair(rng: &mut impl CryptoRng) -> (PrivateKey, PublicKey) {
    let (sk, pk) = X25519HkdfSha256::gen_keypair_with_rng(rng);
    let raw = sk.to_bytes().into();
    (PrivateKey { raw, sk }, PublicKey(pk.to_bytes().into()))
}

/// A validated `jianfu.envelope/1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    /// 128-bit random id; receivers drop duplicate deliveries by it.
    pub id: [u8; 16],
    /// The encapsulated key.
    pub enc: [u8; 32],
    /// The ciphertext with its 16-byte tag.
    pub ct: Vec<u8>,
}

/// Why an envelope did not open.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum OpenError {
    /// Not this key's, or altered on the way.
    Decrypt,
    /// Decrypted, but the plaintext is not UTF-8.
    NotText,
    /// Decrypted, but not a valid report.
    Report(Problems),
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Decrypt => {
                f.write_str("cannot decrypt: sealed to another key, or altered after sealing")
            }
            Self::NotText => f.write_str("decrypted, but the content is not UTF-8 text"),
            Self::Report(p) => write!(f, "decrypted, but not a valid report: {p}"),
        }
    }
}

impl std::error::Error for OpenError {}

impl Envelope {
    /// Parses and validates an envelope's form (it does not decrypt).
    pub fn parse(text: &str) -> Result<Self, Problems> {
        Self::from_value(&json::parse_value(text)?)
    }

    /// Validates an already parsed JSON value.
    pub fn from_value(value: &Value) -> Result<Self, Problems> {
        json::document(value, FORMAT, read_envelope)
    }

    /// The envelope as JSON, what leaves the device.
    pub fn to_value(&self) -> Value {
        json!({
            "format": FORMAT,
            "suite": SUITE,
            "id": b64::encode(&self.id),
            "enc": b64::encode(&self.enc),
            "ct": b64::encode(&self.ct),
        })
    }

    /// The id as base64url, as written in the envelope.
    pub fn id_base64(&self) -> String {
        b64::encode(&self.id)
    }

    /// Seals `report` to `to`, padding the plaintext to a multiple of 512 bytes.
    pub fn seal(report: &Report, to: &PublicKey, rng: &mut impl CryptoRng) -> Self {
        let mut plaintext = report.to_value().to_string().into_bytes();
        let padded = plaintext.len().div_ceil(PAD_TO).max(1) * PAD_TO;
        plaintext.resize(padded, b' ');
        let (enc, ct) = seal_raw(&to.0, INFO, &plaintext, rng);
        let mut id = [0u8; 16];
        rng.fill_bytes(&mut id);
        Self { id, enc, ct }
    }

    /// Opens the envelope with the bureau's key and validates the report.
    /// Trailing whitespace (the padding) is ignored, so unpadded envelopes
    /// from other tools open too.
    pub fn open(&self, key: &PrivateKey) -> Result<Report, OpenError> {
        let plaintext = open_raw(&key.sk, &self.enc, INFO, &self.ct).ok_or(OpenError::Decrypt)?;
        let text = std::str::from_utf8(&plaintext).map_err(|_| OpenError::NotText)?;
        Report::parse(text.trim_end()).map_err(OpenError::Report)
    }
}

impl Envelope {
    /// Opens the envelope as a bureau reads it: a category this build does
    /// not know comes back as its code (beside the report, which carries
    /// `other`), never as a refusal.
    pub fn open_for_reading(
        &self,
        key: &PrivateKey,
    ) -> Result<(Report, Option<String>), OpenError> {
        let plaintext = open_raw(&key.sk, &self.enc, INFO, &self.ct).ok_or(OpenError::Decrypt)?;
        let text = std::str::from_utf8(&plaintext).map_err(|_| OpenError::NotText)?;
        let value = json::parse_value(text.trim_end()).map_err(OpenError::Report)?;
        json::check_format(&value, crate::report::FORMAT).map_err(OpenError::Report)?;
        Report::from_value_for_reading(&value).map_err(OpenError::Report)
    }
}

/// A short text sealed to one key (#30, docs/spec/cases-and-receipts.md):
/// an officer's note, sealed in the desk to the bureau's own key, or the
/// bureau's reply to a parent, sealed to the report's `reply_key`. The
/// same HPKE suite as reports, the format as `info` (a note never opens as
/// a reply), the text padded with spaces to 512-byte blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    /// `jianfu.note/1`: the bureau's own.
    Note,
    /// `jianfu.reply/1`: for the parent who sent the report.
    Reply,
}

impl Message {
    /// The format name, also the HPKE `info`.
    pub fn format(self) -> &'static str {
        match self {
            Self::Note => "jianfu.note/1",
            Self::Reply => "jianfu.reply/1",
        }
    }

    /// Seals `text` to `to`: `{"format", "enc", "ct"}`.
    pub fn seal(self, text: &str, to: &PublicKey, rng: &mut impl CryptoRng) -> Value {
        let mut plaintext = text.as_bytes().to_vec();
        let padded = plaintext.len().div_ceil(PAD_TO).max(1) * PAD_TO;
        plaintext.resize(padded, b' ');
        let (enc, ct) = seal_raw(&to.0, self.format().as_bytes(), &plaintext, rng);
        json!({"format": self.format(), "enc": b64::encode(&enc), "ct": b64::encode(&ct)})
    }

    /// Opens a sealed message of this kind with `key`; the padding (and
    /// any trailing whitespace) is dropped.
    ///
    /// # Errors
    ///
    /// [`OpenError::Decrypt`] for another kind, another key, an altered
    /// or malformed message; [`OpenError::NotText`] for bytes that are not
    /// UTF-8.
    pub fn open(self, sealed: &Value, key: &PrivateKey) -> Result<String, OpenError> {
        if sealed.get("format").and_then(Value::as_str) != Some(self.format()) {
            return Err(OpenError::Decrypt);
        }
        let field = |k: &str| sealed.get(k).and_then(Value::as_str).and_then(b64::decode);
        let enc: [u8; 32] = field("enc")
            .and_then(|e| e.try_into().ok())
            .ok_or(OpenError::Decrypt)?;
        let ct = field("ct").ok_or(OpenError::Decrypt)?;
        let plaintext =
            open_raw(&key.sk, &enc, self.format().as_bytes(), &ct).ok_or(OpenError::Decrypt)?;
        let text = String::from_utf8(plaintext).map_err(|_| OpenError::NotText)?;
        Ok(text.trim_end().to_owned())
    }
}

/// HPKE base-mode single-shot seal with empty AAD; returns `(enc, ct)`.
fn seal_raw(
    pk: &[u8; 32],
    info: &[u8],
    plaintext: &[u8],
    rng: &mut impl CryptoRng,
) -> ([u8; 32], Vec<u8>) {
    // `PublicKey` was checked when it was made (32 bytes, not low order),
    // so neither step below can fail with an RNG that cannot fail.
    let pk = <X25519HkdfSha256 as Kem>::PublicKey::from_bytes(pk)
        .expect("every 32-byte string is an X25519 public key");
    let (enc, ct) =
        hpke::single_shot_seal_with_rng::<ChaCha20Poly1305, HkdfSha256, X25519HkdfSha256>(
            &OpModeS::Base,
            &pk,
            info,
            plaintext,
            b"",
            rng,
        )
        .expect("sealing to a valid key with a working RNG cannot fail");
    (enc.to_bytes().into(), ct)
}

/// HPKE base-mode single-shot open with empty AAD; `None` if it does not authenticate.
fn open_raw(sk: &HpkeSecret, enc: &[u8; 32], info: &[u8], ct: &[u8]) -> Option<Vec<u8>> {
    let enc = <X25519HkdfSha256 as Kem>::EncappedKey::from_bytes(enc).ok()?;
    hpke::single_shot_open::<ChaCha20Poly1305, HkdfSha256, X25519HkdfSha256>(
        &OpModeR::Base,
        sk,
        &enc,
        info,
        ct,
        b"",
    )
    .ok()
}

fn bytes_reader<const N: usize>(expected: &'static str) -> impl json::Reader<[u8; N]> {
    With {
        expected,
        f: |v: &Value| {
            v.as_str()
                .and_then(b64::decode)
                .and_then(|b| <[u8; N]>::try_from(b).ok())
        },
    }
}

fn read_envelope(ctx: &mut Ctx, value: &Value) -> Option<Envelope> {
    let o = Obj::of(ctx, "", value)?;
    let suite = o.req(
        ctx,
        "suite",
        With {
            expected: "\"HPKE-Base-X25519-HKDF-SHA256-ChaCha20Poly1305\"",
            f: |v: &Value| v.as_str().filter(|s| *s == SUITE).map(|_| ()),
        },
    );
    let id = o.req(
        ctx,
        "id",
        bytes_reader::<16>("a base64url 128-bit id (16 bytes)"),
    );
    let enc = o.req(
        ctx,
        "enc",
        bytes_reader::<32>("a base64url encapsulated X25519 key (32 bytes)"),
    );
    let ct = o.req(
        ctx,
        "ct",
        With {
            expected: "a base64url ciphertext of 16 bytes to 16 KiB",
            f: |v: &Value| {
                v.as_str()
                    .filter(|s| s.len() <= MAX_CIPHERTEXT * 4 / 3 + 4)
                    .and_then(b64::decode)
                    .filter(|b| (16..=MAX_CIPHERTEXT).contains(&b.len()))
            },
        },
    );
    suite?;
    Some(Envelope {
        id: id?,
        enc: enc?,
        ct: ct?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use hpke::rand_core::{TryCryptoRng, TryRng};

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// Yields given bytes, then a counter: deterministic tests only.
    struct FixedRng(Vec<u8>, u8);

    impl TryRng for FixedRng {
        type Error = std::convert::Infallible;
        fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
            let mut b = [0; 4];
            self.try_fill_bytes(&mut b)?;
            Ok(u32::from_le_bytes(b))
        }
        fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
            let mut b = [0; 8];
            self.try_fill_bytes(&mut b)?;
            Ok(u64::from_le_bytes(b))
        }
        fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
            for d in dst {
                *d = if self.0.is_empty() {
                    self.1 = self.1.wrapping_add(1);
                    self.1
                } else {
                    self.0.remove(0)
                };
            }
            Ok(())
        }
    }
    impl TryCryptoRng for FixedRng {}

    #[test]
    fn key_files_are_read_and_mismatched_halves_refused() {
        let (sk, pk) = generate_keypair(&mut FixedRng(vec![], 7));
        let (_, other) = generate_keypair(&mut FixedRng(vec![], 99));
        let file = |public: &PublicKey| {
            json!({"format": "jianfu.key/1", "public": public.to_base64(), "private": sk.to_base64()})
                .to_string()
        };
        assert_eq!(PrivateKey::from_key_file(&file(&pk)), Ok(sk.clone()));
        assert_eq!(
            PrivateKey::from_key_file(&json!({"private": sk.to_base64()}).to_string()),
            Ok(sk.clone())
        );
        assert_eq!(
            PrivateKey::from_key_file(&file(&other)),
            Err(KeyFileError::PublicMismatch)
        );
        assert_eq!(
            PrivateKey::from_key_file(r#"{"public": "x"}"#),
            Err(KeyFileError::Private)
        );
        assert!(matches!(
            PrivateKey::from_key_file("not json"),
            Err(KeyFileError::NotJson(_))
        ));
    }

    /// RFC 9180 Appendix A.2.1: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
    /// `ChaCha20Poly1305`, base mode, encryption sequence 0 (with its AAD).
    #[test]
    fn rfc9180_a2_base_vector() {
        let ikm_e = hex("909a9b35d3dc4713a5e72a4da274b55d3d3821a37e5d099e74a647db583a904b");
        let pk_rm: [u8; 32] =
            hex("4310ee97d88cc1f088a5576c77ab0cf5c3ac797f3d95139c6c84b5429c59662a")
                .try_into()
                .unwrap();
        let sk_rm: [u8; 32] =
            hex("8057991eef8f1f1af18f4a9491d16a1ce333f695d4db8e38da75975c4478e0fb")
                .try_into()
                .unwrap();
        let info = hex("4f6465206f6e2061204772656369616e2055726e");
        let aad = hex("436f756e742d30");
        let pt = hex("4265617574792069732074727574682c20747275746820626561757479");
        let enc = hex("1afa08d3dec047a643885163f1180476fa7ddb54c6a8029ea33f95796bf2ac4a");
        let ct = hex(
            "1c5250d8034ec2b784ba2cfd69dbdb8af406cfe3ff938e131f0def8c8b60b4db21993c62ce81883d2dd1b51a28",
        );

        // Seal side: the ephemeral key is DeriveKeyPair(ikmE), as in the RFC.
        let pk = <X25519HkdfSha256 as Kem>::PublicKey::from_bytes(&pk_rm).unwrap();
        let (got_enc, got_ct) =
            hpke::single_shot_seal_with_rng::<ChaCha20Poly1305, HkdfSha256, X25519HkdfSha256>(
                &OpModeS::Base,
                &pk,
                &info,
                &pt,
                &aad,
                &mut FixedRng(ikm_e, 0),
            )
            .unwrap();
        assert_eq!(got_enc.to_bytes().as_slice(), enc.as_slice());
        assert_eq!(got_ct, ct);

        // Open side, through the same code path `Envelope::open` uses.
        let sk = <X25519HkdfSha256 as Kem>::PrivateKey::from_bytes(&sk_rm).unwrap();
        let encapped = <X25519HkdfSha256 as Kem>::EncappedKey::from_bytes(&enc).unwrap();
        let opened = hpke::single_shot_open::<ChaCha20Poly1305, HkdfSha256, X25519HkdfSha256>(
            &OpModeR::Base,
            &sk,
            &encapped,
            &info,
            &ct,
            &aad,
        )
        .unwrap();
        assert_eq!(opened, pt);
        let ours = PrivateKey::from_raw(sk_rm).unwrap();
        assert_eq!(ours.public_key(), PublicKey(pk_rm));
        // And our empty-AAD wrapper refuses the vector (its AAD is not empty).
        assert_eq!(
            open_raw(&ours.sk, &enc.try_into().unwrap(), &info, &ct),
            None
        );
    }

    #[test]
    fn a_note_and_a_reply_open_only_as_themselves_with_their_key() {
        let mut rng = rand_core::UnwrapErr(getrandom::SysRng);
        let (bureau, bureau_pk) = generate_keypair(&mut rng);
        let (parent, parent_pk) = generate_keypair(&mut rng);
        let reply = Message::Reply.seal("已核实，学校已整改。", &parent_pk, &mut rng);
        assert_eq!(reply["format"], "jianfu.reply/1");
        let ct = b64::decode(reply["ct"].as_str().unwrap()).unwrap();
        assert_eq!(ct.len(), PAD_TO + 16, "padded to a block, plus the tag");
        assert_eq!(
            Message::Reply.open(&reply, &parent).unwrap(),
            "已核实，学校已整改。"
        );
        assert_eq!(
            Message::Reply.open(&reply, &bureau),
            Err(OpenError::Decrypt),
            "another key"
        );
        assert_eq!(
            Message::Note.open(&reply, &parent),
            Err(OpenError::Decrypt),
            "another kind"
        );
        let mut relabelled = reply.clone();
        relabelled["format"] = json!("jianfu.note/1");
        assert_eq!(
            Message::Note.open(&relabelled, &parent),
            Err(OpenError::Decrypt),
            "info binds the kind"
        );
        let note = Message::Note.seal(&"核".repeat(300), &bureau_pk, &mut rng);
        let ct = b64::decode(note["ct"].as_str().unwrap()).unwrap();
        assert_eq!(ct.len(), 2 * PAD_TO + 16, "900 bytes take two blocks");
        assert_eq!(
            Message::Note.open(&note, &bureau).unwrap(),
            "核".repeat(300)
        );
        assert_eq!(
            Message::Note.open(&json!({"format": "jianfu.note/1"}), &bureau),
            Err(OpenError::Decrypt)
        );
    }

    #[test]
    fn a_report_carries_its_reply_key_and_an_old_report_reads_without_one() {
        let mut rng = rand_core::UnwrapErr(getrandom::SysRng);
        let (_, reply_pk) = generate_keypair(&mut rng);
        let old = report("老师在家长群里布置了作业。");
        assert_eq!(old.reply_key, None);
        assert!(
            old.to_value().get("reply_key").is_none(),
            "the old form stays as it was"
        );
        let with = Report {
            reply_key: Some(reply_pk),
            ..old
        };
        let back = Report::from_value(&with.to_value()).unwrap();
        assert_eq!(back.reply_key, Some(reply_pk));
        let mut bad = with.to_value();
        bad["reply_key"] = json!("AAAA");
        let problems = Report::from_value(&bad).unwrap_err().to_string();
        assert!(problems.contains("reply_key"), "{problems}");
    }

    fn report(description: &str) -> Report {
        Report::from_value(&json!({"format": "jianfu.report/1", "category": "homework_via_phone_or_group",
            "school": "jinshui-exp-primary", "grade": 4, "class": "g4c2", "occurred_on": "2026-11-19",
            "description": description, "contact": null}))
        .unwrap()
    }

    /// The repository's copy of the formats spec states the padding the
    /// code applies; a change to either without the other fails here.
    #[test]
    fn the_formats_spec_documents_this_padding() {
        let spec = include_str!("../../../docs/spec/formats.md");
        let section = spec
            .split("## ")
            .find(|s| s.contains("jianfu.envelope/1"))
            .expect("an envelope section");
        assert!(section.contains(&format!("next multiple of {PAD_TO} bytes")));
        assert!(section.contains(&format!("decodes to {} bytes", PAD_TO + 16)));
    }

    #[test]
    fn an_unknown_category_opens_with_its_code() {
        let (sk, pk) = generate_keypair(&mut FixedRng(vec![], 9));
        let mut v = report("x").to_value();
        v["category"] = json!("homework_on_the_moon");
        let (enc, ct) = seal_raw(
            &pk.0,
            INFO,
            v.to_string().as_bytes(),
            &mut FixedRng(vec![], 4),
        );
        let e = Envelope {
            id: [1; 16],
            enc,
            ct,
        };
        assert!(
            matches!(e.open(&sk), Err(OpenError::Report(_))),
            "the strict reader refuses it"
        );
        let (r, code) = e.open_for_reading(&sk).unwrap();
        assert_eq!(code.as_deref(), Some("homework_on_the_moon"));
        assert_eq!(r.description, "x");
        let (_, known) = Envelope::seal(&report("y"), &pk, &mut FixedRng(vec![], 5))
            .open_for_reading(&sk)
            .unwrap();
        assert_eq!(known, None);
    }

    #[test]
    fn seal_then_open_round_trips_and_pads_to_512() {
        let (sk, pk) = generate_keypair(&mut FixedRng(vec![], 7));
        let short = Envelope::seal(&report("短"), &pk, &mut FixedRng(vec![], 1));
        let longer = Envelope::seal(&report(&"长".repeat(100)), &pk, &mut FixedRng(vec![], 2));
        assert_eq!(short.ct.len(), PAD_TO + 16);
        assert_eq!(
            longer.ct.len(),
            short.ct.len(),
            "lengths do not reveal the description"
        );
        let max = Envelope::seal(&report(&"长".repeat(2000)), &pk, &mut FixedRng(vec![], 3));
        assert_eq!((max.ct.len() - 16) % PAD_TO, 0);
        assert_eq!(short.open(&sk).unwrap(), report("短"));
        let again = Envelope::parse(&short.to_value().to_string()).unwrap();
        assert_eq!(again, short);
        assert_eq!(again.open(&sk).unwrap().description, "短");
    }

    #[test]
    fn wrong_key_and_tampering_are_refused() {
        let (_, pk) = generate_keypair(&mut FixedRng(vec![], 7));
        let (other, _) = generate_keypair(&mut FixedRng(vec![], 9));
        let mut env = Envelope::seal(&report("x"), &pk, &mut FixedRng(vec![], 1));
        assert_eq!(env.open(&other), Err(OpenError::Decrypt));
        env.ct[3] ^= 1;
        let (sk, _) = generate_keypair(&mut FixedRng(vec![], 7));
        assert_eq!(env.open(&sk), Err(OpenError::Decrypt));
    }

    #[test]
    fn envelope_form_is_checked() {
        let bad = json!({"format": FORMAT, "suite": "HPKE-Base-P256", "id": "short", "enc": "!!", "ct": ""});
        let paths: Vec<String> = Envelope::from_value(&bad)
            .unwrap_err()
            .into_iter()
            .map(|p| p.path)
            .collect();
        assert_eq!(paths, ["suite", "id", "enc", "ct"]);
    }
}

/// Interoperability: an envelope sealed by an independent RFC 9180
/// implementation (testdata/reports) opens with the demo bureau key.
#[cfg(test)]
mod interop {
    use super::*;

    #[test]
    fn opens_the_independently_sealed_fixture() {
        let keys: Value =
            serde_json::from_str(include_str!("../../../testdata/keys/demo-bureau.json")).unwrap();
        let sk = PrivateKey::from_base64(keys["private"].as_str().unwrap()).unwrap();
        assert_eq!(
            sk.public_key().to_base64(),
            keys["public"].as_str().unwrap()
        );
        let env = Envelope::parse(include_str!(
            "../../../testdata/reports/group-chat-checkin.envelope.json"
        ))
        .unwrap();
        let expected = Report::parse(include_str!(
            "../../../testdata/reports/group-chat-checkin.json"
        ))
        .unwrap();
        assert_eq!(env.open(&sk).unwrap(), expected);
    }
}

/// Keys that would make sealing pointless (or, before the check, panic).
#[cfg(test)]
mod low_order {
    use super::*;

    fn hex32(s: &str) -> [u8; 32] {
        let v: Vec<u8> = (0..64)
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect();
        v.try_into().unwrap()
    }

    /// The small-order X25519 u-coordinates (0, 1, the two points of order
    /// 8, and p − 1, p, p + 1: libsodium's list) and their encodings with
    /// the ignored top bit set.
    const LOW_ORDER: [&str; 14] = [
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        // The same seven with bit 255 set, which X25519 ignores.
        "0000000000000000000000000000000000000000000000000000000000000080",
        "0100000000000000000000000000000000000000000000000000000000000080",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f11d7",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    ];

    #[test]
    fn every_low_order_key_is_refused_with_a_reason() {
        for k in LOW_ORDER {
            assert_eq!(
                PublicKey::from_bytes(hex32(k)),
                Err(KeyError::LowOrder),
                "{k}"
            );
        }
        assert_eq!(
            PublicKey::from_base64("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
            Err(KeyError::LowOrder)
        );
        assert_eq!(PublicKey::from_base64("short"), Err(KeyError::Malformed));
        assert!(KeyError::LowOrder.to_string().contains("low-order"));
    }

    /// The table agrees with HPKE, which refuses to encapsulate to a key
    /// whose shared secret is all zeros.
    #[test]
    fn the_table_is_what_hpke_refuses() {
        struct Fixed;
        impl hpke::rand_core::TryRng for Fixed {
            type Error = std::convert::Infallible;
            fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
                Ok(7)
            }
            fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
                Ok(7)
            }
            fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
                dst.fill(0x42);
                Ok(())
            }
        }
        impl hpke::rand_core::TryCryptoRng for Fixed {}
        let refused = |b: [u8; 32]| {
            let pk = <X25519HkdfSha256 as Kem>::PublicKey::from_bytes(&b).unwrap();
            X25519HkdfSha256::encap_with_rng(&pk, None, &mut Fixed).is_err()
        };
        for k in LOW_ORDER {
            assert!(refused(hex32(k)), "{k}");
        }
        let mut seed = 3u8;
        for _ in 0..64 {
            let (_, pk) = generate_keypair(&mut super::tests_rng::Counter(seed));
            seed = seed.wrapping_add(29);
            assert!(!refused(pk.0));
            assert!(PublicKey::from_bytes(pk.0).is_ok());
        }
    }

    #[test]
    fn real_keys_pass() {
        let keys: Value =
            serde_json::from_str(include_str!("../../../testdata/keys/demo-bureau.json")).unwrap();
        assert!(PublicKey::from_base64(keys["public"].as_str().unwrap()).is_ok());
        let mut seed = 1u8;
        for _ in 0..64 {
            let mut rng = super::tests_rng::Counter(seed);
            seed = seed.wrapping_add(37);
            let (_, pk) = generate_keypair(&mut rng);
            assert_eq!(PublicKey::from_bytes(pk.0), Ok(pk));
        }
    }
}

#[cfg(test)]
mod tests_rng {
    /// Bytes counting up from a seed: different keys per seed, deterministically.
    pub(super) struct Counter(pub(super) u8);
    impl hpke::rand_core::TryRng for Counter {
        type Error = std::convert::Infallible;
        fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
            Ok(u32::from(self.0))
        }
        fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
            Ok(u64::from(self.0))
        }
        fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
            for d in dst {
                self.0 = self.0.wrapping_mul(31).wrapping_add(7);
                *d = self.0;
            }
            Ok(())
        }
    }
    impl hpke::rand_core::TryCryptoRng for Counter {}
}
