//! QR codes, one way for every end: the studio's printed notice draws the
//! path in its own SVG element (no image library, no `inner_html`), and the
//! CLI's invitation slips write the same SVG as text ([`Qr::to_svg`]).
//! Encoded by `qrcode`, at error-correction level M (15 % of a printed
//! notice or slip may be smudged or folded and it still scans).

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

/// Encodes `text` at error-correction level M; `None` when it is too long
/// for any QR version.
#[must_use]
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

impl Qr {
    /// The code as a standalone SVG element: black modules on white, the
    /// quiet zone included, `label` its accessible name (escaped).
    #[must_use]
    pub fn to_svg(&self, label: &str) -> String {
        let label = label
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('"', "&quot;");
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {s} {s}\" role=\"img\" aria-label=\"{label}\" \
             shape-rendering=\"crispEdges\"><rect width=\"{s}\" height=\"{s}\" fill=\"#fff\"/>\
             <path d=\"{p}\" fill=\"#000\"/></svg>",
            s = self.size,
            p = self.path
        )
    }
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
        let svg = qr.to_svg("扫码 \"<x>\"");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains("aria-label=\"扫码 &quot;&lt;x>&quot;\""));
        assert!(svg.contains(&qr.path));
    }
}
