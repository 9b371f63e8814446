//! jianfu-school: the school studio at `/school/`. Teachers set up their
//! class, plan the week's homework against the national limits, publish the
//! class's `jianfu.feed/1` and print the notice (作业公示) with a QR code
//! parents scan; the grade group (年级组) reviews the classes of a grade
//! side by side.
//!
//! Everything runs in the browser, on the device: drafts live in
//! IndexedDB, nothing is sent anywhere. Every verdict comes from
//! `jianfu-core`'s studio model, the same code `jianfu check-feed` runs.
//! Browser calls go through `jianfu-web`; components never touch `web_sys`.

pub mod components;
pub mod i18n;
pub mod route;
pub mod state;

use wasm_bindgen::prelude::wasm_bindgen;

/// Entry point called by `/school/index.html`: mounts the studio into
/// `#school`, replacing the static frame that painted first.
#[wasm_bindgen]
pub fn start() {
    if let Some(root) = jianfu_web::take_root("school") {
        yew::Renderer::<components::App>::with_root(root).render();
    }
}
