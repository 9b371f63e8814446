//! The browser's CSPRNG (`crypto.getRandomValues`, through `getrandom`).

/// A random id (72 bits, base64url) for records; never sent anywhere.
pub fn random_id() -> String {
    let mut bytes = [0u8; 9];
    if getrandom::fill(&mut bytes).is_err() {
        // No crypto: fall back to time and Math.random; ids need only be unique locally.
        let t = js_sys::Date::now().to_bits().to_le_bytes();
        bytes[..8].copy_from_slice(&t);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        {
            bytes[8] = (js_sys::Math::random() * 255.0) as u8;
        }
    }
    jianfu_core::b64::encode(&bytes)
}

/// The generator sealing takes (core never touches an entropy source).
pub fn rng() -> rand_core::UnwrapErr<getrandom::SysRng> {
    rand_core::UnwrapErr(getrandom::SysRng)
}

/// A uniformly random whole number below `n` (n > 0), from the CSPRNG.
pub fn random_below(n: u32) -> u32 {
    let mut b = [0u8; 4];
    let _ = getrandom::fill(&mut b);
    u32::from_le_bytes(b) % n.max(1)
}

/// Whether the browser's random source works: sealing and nonces need it,
/// and a failing one must stop a submission with a reason, not abort.
pub fn randomness_works() -> bool {
    let mut probe = [0u8; 16];
    getrandom::fill(&mut probe).is_ok()
}

/// A 128-bit nonce from the browser's CSPRNG, or `None` if it failed.
pub fn nonce() -> Option<[u8; 16]> {
    let mut nonce = [0u8; 16];
    getrandom::fill(&mut nonce).ok().map(|()| nonce)
}

/// `N` bytes from the browser's CSPRNG, or `None` if it failed (a survey
/// token's 32-byte nonce).
pub fn random_bytes<const N: usize>() -> Option<[u8; N]> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).ok().map(|()| b)
}
