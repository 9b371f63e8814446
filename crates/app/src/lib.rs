//! jianfu-app: the parent app and the school-portal widget, Yew components
//! over `jianfu-core`, compiled to WebAssembly.
//!
//! Components live in this library (not in a `main.rs`) so that in-browser
//! tests can mount any of them. Everything that touches the browser (fetch,
//! the clock, the document) sits in [`platform`]; components never call
//! `web_sys` directly.

pub mod actions;
pub mod components;
pub mod embed;
pub mod i18n;
pub mod platform;
pub mod route;
pub mod state;
pub mod store;

use wasm_bindgen::prelude::wasm_bindgen;

/// Entry point called by the page's boot script: mounts the app into
/// `#app`, replacing the static skeleton that painted before the wasm arrived.
#[wasm_bindgen]
pub fn start() {
    if let Some(root) = platform::take_root("app") {
        let props = components::AppProps {
            feed: components::DEMO_FEED.into(),
            lang: None,
        };
        yew::Renderer::<components::App>::with_root_and_props(root, props).render();
    }
}
