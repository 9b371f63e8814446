//! The token issuer of a survey (`docs/spec/survey-tokens.md`): the key
//! file, the store of invitation codes and `POST /issue`.
//!
//! The issuer keeps, per code, only `HMAC-SHA256(secret, survey ‖ code)`
//! and, once redeemed, the SHA-256 of the blinded message it signed (so
//! that the same request sent again, its answer lost on the way, gets the
//! same signature instead of "used": issue #26): never the code, the
//! blinded message, the signature, the survey id in clear or any date or
//! time. Its store is its own SQLite file, apart from the inbox's, so that
//! nothing the two keep can be joined (a test compares every value of
//! both), rewritten after each redemption so that no order of redemptions
//! stays in it (`store::rewrite`).

use std::fmt;
use std::path::Path;

use blind_rsa_signatures::{KeyPairSha384PSSRandomized, SecretKeySha384PSSRandomized};
use jianfu_core::b64;
use jianfu_core::invite::{InviteCode, IssuerSecret, code_mac};
use jianfu_core::token::{KeyId, key_id};
use jianfu_core::{Date, Survey};
use rusqlite::{Connection, OptionalExtension};
use serde_json::{Value, json};

/// The format tag of issuer key files.
pub const KEY_FORMAT: &str = "jianfu.issuer-key/1";

/// RSA modulus sizes `jianfu issuer-key new` makes: RFC 9474 asks for at
/// least 2048 bits; the default is 3072.
pub const KEY_BITS: [usize; 3] = [2048, 3072, 4096];

/// Why an issuer key file or store could not be used.
#[derive(Debug)]
pub enum IssuerError {
    /// The key file is not a `jianfu.issuer-key/1` (what is wrong with it).
    KeyFile(String),
    /// Key generation failed.
    Generate(String),
    /// The store failed.
    Store(rusqlite::Error),
}

impl fmt::Display for IssuerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::KeyFile(e) => write!(f, "not an issuer key file ({KEY_FORMAT}): {e}"),
            Self::Generate(e) => write!(f, "could not make the key: {e}"),
            Self::Store(e) => write!(f, "issuer store: {e}"),
        }
    }
}

impl std::error::Error for IssuerError {}

impl From<rusqlite::Error> for IssuerError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(e)
    }
}

/// One survey run's issuer key: the RSA key pair that signs tokens blind
/// and the secret the codes' keyed hashes are made with.
pub struct IssuerKeyFile {
    /// The survey id the key is for.
    pub survey: String,
    key: SecretKeySha384PSSRandomized,
    spki: Vec<u8>,
    secret: IssuerSecret,
}

impl fmt::Debug for IssuerKeyFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IssuerKeyFile({}, {})", self.survey, self.key_id())
    }
}

fn random<const N: usize>() -> Result<[u8; N], IssuerError> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).map_err(|e| IssuerError::Generate(e.to_string()))?;
    Ok(b)
}

impl IssuerKeyFile {
    /// A new key of `bits` for `survey`.
    ///
    /// # Errors
    ///
    /// [`IssuerError::Generate`] when the system has no randomness or the
    /// size is not one of [`KEY_BITS`].
    pub fn generate(survey: &str, bits: usize) -> Result<Self, IssuerError> {
        if !KEY_BITS.contains(&bits) {
            return Err(IssuerError::Generate(format!(
                "{bits} bits: use one of {KEY_BITS:?}"
            )));
        }
        let pair =
            KeyPairSha384PSSRandomized::generate(&mut blind_rsa_signatures::DefaultRng, bits)
                .map_err(|e| IssuerError::Generate(e.to_string()))?;
        let spki = pair
            .pk
            .to_spki()
            .map_err(|e| IssuerError::Generate(e.to_string()))?;
        Ok(Self {
            survey: survey.to_owned(),
            key: pair.sk,
            spki,
            secret: IssuerSecret(random()?),
        })
    }

    /// The public key, SPKI (DER), as the survey definition carries it.
    pub fn spki(&self) -> &[u8] {
        &self.spki
    }

    /// The public key's id.
    pub fn key_id(&self) -> KeyId {
        key_id(&self.spki)
    }

    /// What the survey definition needs: `"tokens": true` and `issuer`.
    pub fn survey_fields(&self, issue_url: &str) -> Value {
        json!({
            "tokens": true,
            "issuer": {
                "url": issue_url,
                "key": b64::encode(&self.spki),
                "key_id": self.key_id().to_string(),
            }
        })
    }

    /// The file's JSON (secret: written owner-only by the CLI).
    ///
    /// # Errors
    ///
    /// [`IssuerError::KeyFile`] if the key cannot be encoded.
    pub fn to_json(&self) -> Result<String, IssuerError> {
        let der = self
            .key
            .to_der()
            .map_err(|e| IssuerError::KeyFile(e.to_string()))?;
        Ok(json!({
            "format": KEY_FORMAT,
            "survey": self.survey,
            "key_id": self.key_id().to_string(),
            "secret_key": b64::encode(&der),
            "code_secret": b64::encode(&self.secret.0),
        })
        .to_string())
    }

    /// Reads a key file's JSON.
    ///
    /// # Errors
    ///
    /// [`IssuerError::KeyFile`] naming the field that is wrong.
    pub fn from_json(text: &str) -> Result<Self, IssuerError> {
        let bad = |what: &str| IssuerError::KeyFile(what.to_owned());
        let v: Value =
            serde_json::from_str(text).map_err(|e| IssuerError::KeyFile(e.to_string()))?;
        if v["format"] != KEY_FORMAT {
            return Err(bad("format: expected \"jianfu.issuer-key/1\""));
        }
        let survey = v["survey"]
            .as_str()
            .filter(|s| !s.is_empty())
            .ok_or_else(|| bad("survey: expected the survey id"))?;
        let der = v["secret_key"]
            .as_str()
            .and_then(b64::decode)
            .ok_or_else(|| bad("secret_key: expected base64url DER"))?;
        let key = SecretKeySha384PSSRandomized::from_der(&der)
            .map_err(|_| bad("secret_key: not an RSA private key"))?;
        let spki = key
            .public_key()
            .and_then(|p| p.to_spki())
            .map_err(|_| bad("secret_key: its public key cannot be encoded"))?;
        let secret = v["code_secret"]
            .as_str()
            .and_then(b64::decode)
            .and_then(|s| <[u8; 64]>::try_from(s).ok())
            .ok_or_else(|| bad("code_secret: expected 64 bytes in base64url"))?;
        let file = Self {
            survey: survey.to_owned(),
            key,
            spki,
            secret: IssuerSecret(secret),
        };
        if v["key_id"].as_str() != Some(file.key_id().to_string().as_str()) {
            return Err(bad("key_id: does not match the key"));
        }
        Ok(file)
    }

    /// The keyed hash the store keeps of `code`.
    pub fn mac(&self, code: InviteCode) -> [u8; 32] {
        code_mac(&self.secret, &self.survey, code)
    }

    /// Signs a blinded message (RFC 9474 `BlindSign`).
    fn blind_sign(&self, blinded: &[u8]) -> Option<Vec<u8>> {
        self.key.blind_sign(blinded).ok().map(|s| s.0)
    }
}

/// Makes `count` fresh codes for the key's survey and records their keyed
/// hashes in the store at `db`. The codes are returned to be printed; the
/// store never holds them.
///
/// # Errors
///
/// [`IssuerError`] when there is no randomness or the store fails.
pub fn invite(
    key: &IssuerKeyFile,
    db: &Path,
    count: usize,
) -> Result<Vec<InviteCode>, IssuerError> {
    let mut conn = open(db)?;
    let tx = conn.transaction()?;
    let mut codes = Vec::with_capacity(count);
    while codes.len() < count {
        let code = InviteCode::from_random(random()?);
        let added = tx.execute(
            "INSERT OR IGNORE INTO issued (mac, redeemed) VALUES (?1, 0)",
            [b64::encode(&key.mac(code))],
        )?;
        // 100 random bits: a repeat is not expected, but never print one twice.
        if added == 1 {
            codes.push(code);
        }
    }
    tx.commit()?;
    Ok(codes)
}

/// Opens (creating, owner-only) the issuer's store.
///
/// # Errors
///
/// The store's error.
pub fn open(db: &Path) -> Result<Connection, IssuerError> {
    let conn = crate::store::open_file(db)?;
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS issued (
            mac TEXT PRIMARY KEY, redeemed INTEGER NOT NULL, blinded TEXT) WITHOUT ROWID;",
    )?;
    // A store of the first version: its redeemed codes answer a retry "used".
    let has_blinded = conn
        .prepare("SELECT 1 FROM pragma_table_info('issued') WHERE name = 'blinded'")?
        .exists([])?;
    if !has_blinded {
        conn.execute_batch("ALTER TABLE issued ADD COLUMN blinded TEXT;")?;
    }
    // A crash may have come between a redemption and its rewrite.
    crate::store::rewrite(&conn)?;
    Ok(conn)
}

/// Why `POST /issue` did not sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueRefusal {
    /// No such survey here, or a code never issued: the same answer for
    /// both, so codes cannot be probed survey by survey.
    Unknown,
    /// The code was redeemed before.
    Used,
    /// The survey is closed (or not open yet) on this day.
    Closed,
    /// The blinded message is not one this key can sign.
    Malformed,
}

/// Redeems `code` for `survey` on `today`: signs `blinded` and burns the
/// code in one transaction, so a code signs at most once even when two
/// redemptions race.
///
/// # Errors
///
/// [`IssueRefusal`] for the sender, or the store's error.
pub fn redeem(
    conn: &mut Connection,
    key: &IssuerKeyFile,
    survey: &Survey,
    code: InviteCode,
    blinded: &[u8],
    today: Date,
) -> Result<Result<Vec<u8>, IssueRefusal>, rusqlite::Error> {
    let mac = b64::encode(&key.mac(code));
    let request = crate::server::sha256_hex(blinded);
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // The keyed hash covers the survey: a code of another survey is unknown.
    let redeemed: Option<(bool, Option<String>)> = tx
        .query_row(
            "SELECT redeemed, blinded FROM issued WHERE mac = ?1",
            [&mac],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let refusal = match redeemed {
        _ if survey.id != key.survey => Some(IssueRefusal::Unknown),
        None => Some(IssueRefusal::Unknown),
        // Redeemed by another request. The same request again (its answer
        // was lost on the way) gets the same signature, which gives the
        // sender nothing it did not have.
        Some((true, h)) if h.as_deref() != Some(request.as_str()) => Some(IssueRefusal::Used),
        Some(_) if !survey.is_open_on(today) => Some(IssueRefusal::Closed),
        Some(_) => None,
    };
    if let Some(r) = refusal {
        return Ok(Err(r));
    }
    let Some(sig) = key.blind_sign(blinded) else {
        return Ok(Err(IssueRefusal::Malformed));
    };
    tx.execute(
        "UPDATE issued SET redeemed = 1, blinded = ?2 WHERE mac = ?1",
        [&mac, &request],
    )?;
    tx.commit()?;
    // The row grew: SQLite moved its cell, whose new place would say which
    // code was redeemed last.
    crate::store::rewrite(conn)?;
    Ok(Ok(sig))
}
