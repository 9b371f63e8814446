//! Solving an inbox's proof-of-work challenge ([`jianfu_core::pow`]) in
//! the page without freezing it: the search runs in slices of about
//! 10 ms, and the page paints and handles input between them.

use jianfu_core::pow::{Challenge, Proof};

/// How long one slice of the search may run before the page gets a turn.
const SLICE_MS: f64 = 10.0;

/// Finds the proof for envelope `id`. About 2^difficulty hashes: at the
/// cap (2^20), a few seconds on a mid-range phone.
pub async fn solve(challenge: &Challenge, id: &str) -> Proof {
    let mut from = 0u64;
    let mut count = 1024u64;
    loop {
        let start = js_sys::Date::now();
        if let Some(nonce) = challenge.solve_in(id, from, count) {
            return Proof {
                seed: challenge.seed.clone(),
                nonce,
            };
        }
        from = from.saturating_add(count);
        // Slices grow until one takes about SLICE_MS (a fast device does
        // more per turn, a slow one is never held longer).
        if js_sys::Date::now() - start < SLICE_MS / 2.0 && count < 1 << 20 {
            count *= 2;
        }
        crate::clock::pause(0).await;
    }
}
