//! jianfu-bureau: the education bureau's page at `/bureau/`. Staff read the
//! sealed tip-off reports and follow each as a case (新收到 → 核实中 → 已办结),
//! see the results of the anonymous surveys, and compute the district's
//! homework monitoring report (作业监测报告) against the 90 % target.
//!
//! Everything runs in the browser. The private key is read from its file
//! into memory for the session only: never written to storage, never sent.
//! Cases are stored on the device still sealed, with the bureau's status
//! and note. Every figure comes from `jianfu-core`, the code the `jianfu`
//! CLI runs (`open`, `tally`, `monitor`).

pub mod components;
pub mod route;
pub mod state;

use wasm_bindgen::prelude::wasm_bindgen;

/// Entry point called by `/bureau/index.html`: mounts the page into
/// `#bureau`, replacing the static frame that painted first.
#[wasm_bindgen]
pub fn start() {
    if let Some(root) = jianfu_web::take_root("bureau") {
        yew::Renderer::<components::App>::with_root(root).render();
    }
}
