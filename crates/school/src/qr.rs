//! The notice's QR code: encoded in Rust (`qrcode`), drawn by the page as
//! one SVG path of dark modules, so no image library and no `inner_html`.

use std::fmt::Write as _;

use qrcode::{Color, EcLevel, QrCode};

/// A QR code as the page draws it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qr {
    /// Modules per side, including the 4-module quiet zone.
    pub size: usize,
    /// SVG path data: one 1×1 square per dark module, in module units.
    pub path: String,
}

/// Quiet zone around the symbol, as the standard asks.
const QUIET: usize = 4;

/// Encodes `text` at error-correction level M (15 % of a printed notice
/// may be smudged or folded and it still scans); `None` when it is too long
/// for any QR version.
pub fn encode(text: &str) -> Option<Qr> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let mut path = String::new();
    for (i, color) in colors.iter().enumerate() {
        if *color == Color::Dark {
            let (x, y) = (i % width + QUIET, i / width + QUIET);
            let _ = write!(path, "M{x} {y}h1v1h-1z");
        }
    }
    Some(Qr {
        size: width + 2 * QUIET,
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_link_encodes_with_a_quiet_zone() {
        let url = "https://jianfu.example/?feed=https%3A%2F%2Fportal.example%2Fjianfu%2Fg4c2.json";
        let Some(qr) = encode(url) else {
            panic!("encodes")
        };
        // Version 5 at level M holds 84 bytes: 37 modules + 8 quiet.
        assert!(qr.size >= 41, "{}", qr.size);
        assert!(
            qr.path.starts_with("M4 4h1v1h-1z"),
            "finder pattern's corner first"
        );
        assert!(encode(&"x".repeat(3000)).is_none());
    }
}
