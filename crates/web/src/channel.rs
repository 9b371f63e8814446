//! Telling other copies of a page's state that storage changed: to other
//! tabs, one `BroadcastChannel` per name (which does not hear its own
//! messages); inside one page, between its WebAssembly modules, an event
//! on the window ([`tell_page`], [`on_page`]).

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
    listen(&channel(name)?.into(), "message", f)
}

/// Tells the other WebAssembly modules of this page that what `name`
/// stands for changed, as `source`: an event of type `name` on the window,
/// which every module of the page hears at once (and no other tab does).
pub fn tell_page(name: &'static str, source: &'static str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&JsValue::from_str(source));
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = window.dispatch_event(&event);
    }
}

/// Calls `f` with the source of every [`tell_page`] about `name` on this
/// page (the teller's own included: `f` decides). Boxed, not generic: one
/// copy of the code in the first download for all its listeners.
pub fn on_page(name: &'static str, mut f: Box<dyn FnMut(&str)>) -> Option<Listener> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    crate::events::listen_event(
        &window,
        name,
        Box::new(move |event| {
            let source = event
                .dyn_ref::<web_sys::CustomEvent>()
                .and_then(|e| e.detail().as_string())
                .unwrap_or_default();
            f(&source);
        }),
    )
}
