//! Proof of work for sealed reports under load (issue #26; the anchor is
//! Tor's onion-service defence, proposal 327, here with Hashcash over
//! SHA-256).
//!
//! When the inbox's budget for reports runs low, a report is accepted only
//! with a proof: a `nonce` such that
//! `SHA-256("jianfu.pow/1" ‖ seed ‖ envelope id ‖ nonce)` begins with
//! `difficulty` zero bits. The seed comes from the inbox's challenge (an
//! HTTP 428 answer) and says itself which window of time and difficulty it
//! was given for, under a MAC only the inbox can make, so the inbox keeps no
//! list of challenges. The envelope's id is the inbox's exactly-once key, so
//! one proof buys one stored report, and a flood pays for every one of its
//! reports what a parent pays for one: about 2^difficulty hashes.
//!
//! [`MAX_DIFFICULTY`] bounds a parent's cost: 2^20 hashes take about
//! 1–3 s in the app's WebAssembly on a mid-range phone. Hashcash is cheap
//! on native code (a server core does the same work 10–50 times faster),
//! so it slows a flood, it does not stop a rich one; the per-source
//! budgets stay in front of it.

use hmac::{KeyInit, Mac};
use sha2::{Digest, Sha256};

/// The most a report is asked for: about 2^20 hashes, a few seconds on a
/// mid-range phone.
pub const MAX_DIFFICULTY: u8 = 20;
/// The least a report under load is asked for (2^12 hashes, unnoticeable).
pub const MIN_DIFFICULTY: u8 = 12;
/// How long a seed's window lasts; a seed is good in its window and the next.
pub const WINDOW_SECONDS: i64 = 300;
/// The header a report's proof travels in.
pub const HEADER: &str = "jianfu-proof";

const DOMAIN: &[u8] = b"jianfu.pow/1";
const MAC_LEN: usize = 16;
/// Window (4 bytes), difficulty (1), MAC (16).
const SEED_LEN: usize = 4 + 1 + MAC_LEN;

/// The difficulty for a budget that is `level` full (1 = full, 0 = empty,
/// below 0 = in debt to proofs already paid): none above half, then
/// rising from [`MIN_DIFFICULTY`] to [`MAX_DIFFICULTY`] as it drains to
/// empty, and the cap while paid reports keep it in debt (a first try
/// that rose only as the debt grew let a flood from many addresses store
/// three times the budget for 30 s at difficulty 16).
#[must_use]
pub fn difficulty(level: f64) -> u8 {
    if level.is_nan() || level >= 0.5 {
        return 0;
    }
    let span = f64::from(MAX_DIFFICULTY - MIN_DIFFICULTY);
    // 0.5 → MIN, 0 and below → MAX.
    let steps = ((0.5 - level) / 0.5 * span).ceil().clamp(0.0, span);
    // In 0..=8 by the clamp.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let steps = steps as u8;
    MIN_DIFFICULTY + steps
}

/// A challenge's seed: which window and difficulty it was given for,
/// under the inbox's MAC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seed(Vec<u8>);

/// Why a seed is not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedError {
    /// Not one this inbox gave (wrong length, forged or of another key).
    Forged,
    /// Given more than a window ago: a new challenge is due.
    Stale,
}

impl Seed {
    /// The seed for `difficulty` in the window of `unix_seconds`, under `secret`.
    #[must_use]
    pub fn issue(secret: &[u8], unix_seconds: i64, difficulty: u8) -> Self {
        let window = window_of(unix_seconds);
        let mut bytes = Vec::with_capacity(SEED_LEN);
        bytes.extend_from_slice(&window.to_be_bytes());
        bytes.push(difficulty);
        let mac = mac(secret, &bytes);
        bytes.extend_from_slice(&mac);
        Self(bytes)
    }

    /// The difficulty this seed was given for, if `secret` made it and its
    /// window is the one of `unix_seconds` or the one before.
    ///
    /// # Errors
    ///
    /// [`SeedError`].
    pub fn check(&self, secret: &[u8], unix_seconds: i64) -> Result<u8, SeedError> {
        if self.0.len() != SEED_LEN {
            return Err(SeedError::Forged);
        }
        let (head, tag) = self.0.split_at(5);
        let expected = mac(secret, head);
        // Constant time: the tag is a secret's output.
        if expected.iter().zip(tag).fold(0u8, |d, (a, b)| d | (a ^ b)) != 0 {
            return Err(SeedError::Forged);
        }
        let window = u32::from_be_bytes([head[0], head[1], head[2], head[3]]);
        let now = window_of(unix_seconds);
        if window > now || now - window > 1 {
            return Err(SeedError::Stale);
        }
        Ok(head[4])
    }

    /// The seed as text (base64), as the challenge carries it.
    #[must_use]
    pub fn to_base64(&self) -> String {
        crate::b64::encode(&self.0)
    }

    /// Reads a seed from base64.
    #[must_use]
    pub fn from_base64(text: &str) -> Option<Self> {
        crate::b64::decode(text)
            .filter(|b| b.len() == SEED_LEN)
            .map(Self)
    }
}

fn window_of(unix_seconds: i64) -> u32 {
    u32::try_from(unix_seconds.max(0) / WINDOW_SECONDS).unwrap_or(u32::MAX)
}

fn mac(secret: &[u8], data: &[u8]) -> [u8; MAC_LEN] {
    let mut m = <hmac::Hmac<Sha256> as KeyInit>::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
    m.update(DOMAIN);
    m.update(data);
    let full = m.finalize().into_bytes();
    let mut out = [0u8; MAC_LEN];
    out.copy_from_slice(&full[..MAC_LEN]);
    out
}

/// What an inbox asks of a report: solve `seed` at `difficulty`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    /// The seed to solve.
    pub seed: Seed,
    /// The zero bits asked for.
    pub difficulty: u8,
}

impl Challenge {
    /// The challenge as the 428 answer's `challenge` member.
    #[must_use]
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::json!({"seed": self.seed.to_base64(), "difficulty": self.difficulty})
    }

    /// Reads the `challenge` member of an inbox's 428 answer; `None` when
    /// it has none, or one that asks more than [`MAX_DIFFICULTY`] (an
    /// inbox cannot make the app spin for minutes).
    #[must_use]
    pub fn from_answer(text: &str) -> Option<Self> {
        let v: serde_json::Value = serde_json::from_str(text).ok()?;
        let c = v.get("challenge")?;
        let seed = Seed::from_base64(c.get("seed")?.as_str()?)?;
        let difficulty = u8::try_from(c.get("difficulty")?.as_u64()?).ok()?;
        (difficulty <= MAX_DIFFICULTY).then_some(Self { seed, difficulty })
    }

    /// Whether `nonce` solves the challenge for envelope `id`.
    #[must_use]
    pub fn is_solved_by(&self, id: &str, nonce: u64) -> bool {
        zero_bits(&hash(&self.seed, id, nonce)) >= u32::from(self.difficulty)
    }

    /// Searches `count` nonces from `from` for a solution; callers search
    /// in slices so a page stays responsive between them.
    #[must_use]
    pub fn solve_in(&self, id: &str, from: u64, count: u64) -> Option<u64> {
        let mut h = Sha256::new();
        h.update(DOMAIN);
        h.update(&self.seed.0);
        h.update(id.as_bytes());
        (from..from.saturating_add(count)).find(|n| {
            zero_bits(&h.clone().chain_update(n.to_le_bytes()).finalize().into())
                >= u32::from(self.difficulty)
        })
    }
}

/// A solution, as the report's [`HEADER`] carries it: `seed:nonce`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proof {
    /// The challenge's seed.
    pub seed: Seed,
    /// The nonce that solves it.
    pub nonce: u64,
}

impl Proof {
    /// The header's value.
    #[must_use]
    pub fn to_header(&self) -> String {
        format!("{}:{}", self.seed.to_base64(), self.nonce)
    }

    /// Reads the header's value.
    ///
    /// # Errors
    ///
    /// What is wrong with it, for the 400 answer.
    pub fn parse(text: &str) -> Result<Self, &'static str> {
        let (seed, nonce) = text.trim().split_once(':').ok_or("expected seed:nonce")?;
        let seed = Seed::from_base64(seed).ok_or("the seed is not one of this inbox's")?;
        let nonce = nonce.parse().map_err(|_| "the nonce is not a number")?;
        Ok(Self { seed, nonce })
    }
}

fn hash(seed: &Seed, id: &str, nonce: u64) -> [u8; 32] {
    Sha256::new()
        .chain_update(DOMAIN)
        .chain_update(&seed.0)
        .chain_update(id.as_bytes())
        .chain_update(nonce.to_le_bytes())
        .finalize()
        .into()
}

fn zero_bits(h: &[u8; 32]) -> u32 {
    let mut bits = 0;
    for b in h {
        if *b == 0 {
            bits += 8;
        } else {
            return bits + b.leading_zeros();
        }
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"a test secret of the inbox";
    const NOW: i64 = 1_796_000_000;

    #[test]
    fn difficulty_is_zero_when_quiet_and_rises_to_the_cap() {
        assert_eq!(difficulty(1.0), 0);
        assert_eq!(difficulty(0.5), 0);
        assert_eq!(difficulty(0.49), MIN_DIFFICULTY + 1);
        assert!(difficulty(0.25) > MIN_DIFFICULTY && difficulty(0.25) < MAX_DIFFICULTY);
        assert_eq!(difficulty(0.0), MAX_DIFFICULTY);
        assert_eq!(difficulty(-1.0), MAX_DIFFICULTY);
        assert_eq!(difficulty(-50.0), MAX_DIFFICULTY);
        assert_eq!(difficulty(f64::NAN), 0);
        let mut last = 0;
        for i in 0..=150 {
            let d = difficulty(0.5 - f64::from(i) / 100.0);
            assert!(d >= last, "never falls as the budget drains");
            last = d;
        }
    }

    #[test]
    fn a_seed_is_good_in_its_window_and_the_next_only() {
        let seed = Seed::issue(SECRET, NOW, 14);
        assert_eq!(seed.check(SECRET, NOW), Ok(14));
        assert_eq!(seed.check(SECRET, NOW + WINDOW_SECONDS), Ok(14));
        assert_eq!(
            seed.check(SECRET, NOW + 2 * WINDOW_SECONDS),
            Err(SeedError::Stale)
        );
        assert_eq!(
            seed.check(SECRET, NOW - WINDOW_SECONDS),
            Err(SeedError::Stale),
            "not from the future"
        );
        assert_eq!(seed.check(b"another inbox", NOW), Err(SeedError::Forged));
        // A sender cannot lower the difficulty its seed says.
        let mut easier = seed.0.clone();
        easier[4] = 1;
        assert_eq!(Seed(easier).check(SECRET, NOW), Err(SeedError::Forged));
        assert_eq!(Seed(vec![0; 3]).check(SECRET, NOW), Err(SeedError::Forged));
        assert_eq!(Seed::from_base64(&seed.to_base64()), Some(seed));
    }

    #[test]
    fn a_solution_solves_its_envelope_only_and_travels_in_a_header() {
        let challenge = Challenge {
            seed: Seed::issue(SECRET, NOW, 12),
            difficulty: 12,
        };
        let nonce = challenge
            .solve_in("envelope-a", 0, 1 << 20)
            .expect("2^12 is found well within 2^20 tries");
        assert!(challenge.is_solved_by("envelope-a", nonce));
        assert!(
            !challenge.is_solved_by("envelope-b", nonce)
                || challenge.solve_in("envelope-b", nonce, 1) == Some(nonce),
            "agrees with the search"
        );
        // The search in slices finds the same first solution.
        let mut from = 0;
        let sliced = loop {
            if let Some(n) = challenge.solve_in("envelope-a", from, 1000) {
                break n;
            }
            from += 1000;
        };
        assert_eq!(sliced, nonce);
        // Not every nonce: about one in 2^12.
        let solved = (0..4096)
            .filter(|n| challenge.is_solved_by("envelope-a", *n))
            .count();
        assert!((1..=8).contains(&solved), "{solved} of 4096");

        let proof = Proof {
            seed: challenge.seed.clone(),
            nonce,
        };
        assert_eq!(Proof::parse(&proof.to_header()), Ok(proof));
        assert!(Proof::parse("no colon").is_err());
        assert!(Proof::parse("AAAA:1").is_err());
        assert!(Proof::parse(&format!("{}:x", challenge.seed.to_base64())).is_err());
    }

    #[test]
    fn the_app_reads_a_challenge_and_refuses_an_absurd_one() {
        let c = Challenge {
            seed: Seed::issue(SECRET, NOW, 16),
            difficulty: 16,
        };
        let answer = serde_json::json!({"error": "busy", "challenge": c.to_value()}).to_string();
        assert_eq!(Challenge::from_answer(&answer), Some(c.clone()));
        let absurd =
            serde_json::json!({"challenge": {"seed": c.seed.to_base64(), "difficulty": 40}});
        assert_eq!(Challenge::from_answer(&absurd.to_string()), None);
        assert_eq!(Challenge::from_answer("{\"error\":\"x\"}"), None);
        assert_eq!(Challenge::from_answer("not json"), None);
    }
}
