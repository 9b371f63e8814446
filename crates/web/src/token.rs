//! Blinding a survey token for the issuer (RFC 9474
//! RSABSSA-SHA384-PSS-Randomized, `docs/spec/survey-tokens.md`): here
//! because it needs the browser's randomness, which this crate owns. The
//! blinding secret stays in memory between [`blind`] and
//! [`Blinded::finalize`] and is never stored.

use blind_rsa_signatures::{BlindSignature, BlindingResult, PublicKeySha384PSSRandomized};

/// Why a token could not be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlindError {
    /// The survey's issuer key is not an RSA key this scheme takes.
    Key,
    /// The browser gave no randomness.
    Random,
    /// The issuer's answer is not a signature of what was blinded.
    Signature,
}

/// A blinded token message, waiting for the issuer's blind signature.
pub struct Blinded {
    key: PublicKeySha384PSSRandomized,
    result: BlindingResult,
}

/// Blinds `msg` for the issuer whose public key (SPKI) is `spki`.
///
/// # Errors
///
/// [`BlindError::Key`] for a key the scheme cannot use, [`BlindError::Random`]
/// without randomness.
pub fn blind(spki: &[u8], msg: &[u8]) -> Result<Blinded, BlindError> {
    if !crate::random::randomness_works() {
        return Err(BlindError::Random);
    }
    let key = PublicKeySha384PSSRandomized::from_spki(spki).map_err(|_| BlindError::Key)?;
    let result = key
        .blind(&mut crate::random::rng(), msg)
        .map_err(|_| BlindError::Key)?;
    Ok(Blinded { key, result })
}

impl Blinded {
    /// What is sent to the issuer.
    pub fn message(&self) -> &[u8] {
        &self.result.blind_message.0
    }

    /// Unblinds the issuer's answer and checks it: returns the signature and
    /// the message randomizer, which the inbox needs to verify it.
    ///
    /// # Errors
    ///
    /// [`BlindError::Signature`] when it does not verify.
    pub fn finalize(
        &self,
        blind_sig: &[u8],
        msg: &[u8],
    ) -> Result<(Vec<u8>, [u8; 32]), BlindError> {
        let sig = self
            .key
            .finalize(&BlindSignature(blind_sig.to_vec()), &self.result, msg)
            .map_err(|_| BlindError::Signature)?;
        let rand = self.result.msg_randomizer.ok_or(BlindError::Signature)?;
        Ok((sig.0, rand.0))
    }
}
