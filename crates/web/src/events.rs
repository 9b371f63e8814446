//! DOM events: a listener is removed when its value is dropped, so a
//! component's effect cleanup is just a drop.
//!
//! Hand-written, not `gloo-events`: the same listener through gloo's
//! `EventListener` measured +163 bytes gzip of the first download (its
//! options object kept in a thread-local, a second closure shape), and
//! the first visit may not grow.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// A DOM event listener; removed when dropped.
pub struct Listener {
    target: web_sys::EventTarget,
    event: &'static str,
    closure: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.event, self.closure.as_ref().unchecked_ref());
    }
}

/// Calls `f` with every `event` at `target`, until the listener is dropped.
pub(crate) fn listen_event(
    target: &web_sys::EventTarget,
    event: &'static str,
    f: Box<dyn FnMut(web_sys::Event)>,
) -> Option<Listener> {
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(f);
    target
        .add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())
        .ok()?;
    Some(Listener {
        target: target.clone(),
        event,
        closure,
    })
}

/// Calls `f` on every `event` at `target`, until the listener is dropped.
pub(crate) fn listen(
    target: &web_sys::EventTarget,
    event: &'static str,
    mut f: impl FnMut() + 'static,
) -> Option<Listener> {
    listen_event(target, event, Box::new(move |_| f()))
}

/// Calls `f` on every `event` at the window (`None` outside a window).
pub fn on_window_event(event: &'static str, f: impl FnMut() + 'static) -> Option<Listener> {
    listen(&web_sys::window()?.into(), event, f)
}

/// Calls `f` whenever the location hash changes.
pub fn on_hash_change(f: impl FnMut() + 'static) -> Option<Listener> {
    on_window_event("hashchange", f)
}

/// Calls `f` when the browser comes back online.
pub fn on_online(f: impl FnMut() + 'static) -> Option<Listener> {
    on_window_event("online", f)
}

/// Calls `f` once when the browser is idle, or after a second where it
/// cannot say (Safari has no `requestIdleCallback`).
pub fn on_idle(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let f = Closure::once_into_js(f);
    let idle = js_sys::Reflect::get(&window, &"requestIdleCallback".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let _ = match idle {
        Some(idle) => idle.call1(&window, &f),
        None => window
            .set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), 1000)
            .map(wasm_bindgen::JsValue::from),
    };
}

/// Whether the browser believes it is online (`navigator.onLine`): a
/// failed request while offline is the normal offline state, not an error
/// to show. `true` where it cannot say.
pub fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}
