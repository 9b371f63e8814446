//! Compiles the bureau directory (`jianfu.bureaus/1`, formats.md §6) into
//! the app: who may read tip-off reports about which school is decided by
//! whoever deploys the app, never by a school's feed, so it is part of the
//! code the deployer ships rather than anything fetched at run time.
//!
//! The file: `$JIANFU_BUREAUS` (`cargo xtask` sets it to the deployer's
//! `web/bureaus.json`, or to the demo directory it writes in `.demo/`);
//! else `web/bureaus.json`; else an empty directory (no school can then be
//! reported on, and the report form says whom to contact instead). The app
//! validates it with jianfu-core at start; `cargo xtask` before building.

use std::path::{Path, PathBuf};

fn main() {
    // The app a widget opens for reports and surveys (the deploying
    // bureau's); by default the root of the site the widget is served from.
    println!("cargo::rerun-if-env-changed=JIANFU_APP_URL");
    let app_url = std::env::var("JIANFU_APP_URL").unwrap_or_else(|_| "/".to_owned());
    println!("cargo::rustc-env=JIANFU_APP_URL={app_url}");
    println!("cargo::rerun-if-env-changed=JIANFU_BUREAUS");
    let path = std::env::var_os("JIANFU_BUREAUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web/bureaus.json"),
        PathBuf::from,
    );
    let text = if path.exists() {
        println!("cargo::rerun-if-changed={}", path.display());
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read the bureau directory {}: {e}", path.display()))
    } else {
        r#"{"format": "jianfu.bureaus/1", "bureaus": []}"#.to_owned()
    };
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("bureaus.json"), text).expect("write OUT_DIR/bureaus.json");
}
