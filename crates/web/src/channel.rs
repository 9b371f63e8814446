//! Telling other copies of a page's state that storage changed: one
//! `BroadcastChannel` per name, which every other tab (and every other
//! WebAssembly module of the same page) hears, and which does not hear
//! its own messages.

use wasm_bindgen::JsValue;

use crate::events::{Listener, listen};

thread_local! {
    /// One channel per name and module: a `BroadcastChannel` does not hear
    /// its own messages, so a module is not told what it did itself.
    static CHANNELS: std::cell::RefCell<Vec<(&'static str, web_sys::BroadcastChannel)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

fn channel(name: &'static str) -> Option<web_sys::BroadcastChannel> {
    CHANNELS.with_borrow_mut(|list| {
        if let Some((_, c)) = list.iter().find(|(n, _)| *n == name) {
            return Some(c.clone());
        }
        let c = web_sys::BroadcastChannel::new(name).ok()?;
        list.push((name, c.clone()));
        Some(c)
    })
}

/// Tells the other tabs and modules that what `name` stands for changed in
/// storage (call it after the change is committed).
pub fn announce(name: &'static str) {
    if let Some(c) = channel(name) {
        let _ = c.post_message(&JsValue::NULL);
    }
}

/// Calls `f` whenever another module or tab announces `name`.
pub fn on_announce(name: &'static str, f: impl FnMut() + 'static) -> Option<Listener> {
    Some(listen(&channel(name)?.into(), "message", f))
}
