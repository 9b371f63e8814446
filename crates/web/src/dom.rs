//! The page itself: its root elements, its address, form values, and the
//! browser's own dialogs.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Finds the element with `id` and empties it (it holds the static skeleton
/// the HTML painted) so Yew can render into it.
pub fn take_root(id: &str) -> Option<web_sys::Element> {
    let root = web_sys::window()?.document()?.get_element_by_id(id)?;
    root.set_text_content(None);
    Some(root)
}

/// The location hash (`#/week/2026-11-23`), or "".
pub fn hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Navigates to a hash route.
pub fn set_hash(hash: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(hash);
    }
}

/// Reloads the page (after deleting everything, or to take an update).
pub fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// Asks the person to confirm (`window.confirm`, through `gloo-dialogs`);
/// used before deleting data.
pub fn confirm(question: &str) -> bool {
    gloo::dialogs::confirm(question)
}

/// Asks the browser to keep this site's storage under pressure
/// (`navigator.storage.persist()`); the answer is not needed to go on.
pub fn request_persistence() {
    let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) else {
        return;
    };
    if let Ok(p) = storage.persist() {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = JsFuture::from(p).await;
        });
    }
}

/// The value of the `<select>`, `<textarea>` or `<input>` an event came from.
pub fn select_value(event: &web_sys::Event) -> Option<String> {
    let target = event.target()?;
    if let Some(s) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
        return Some(s.value());
    }
    if let Some(t) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        return Some(t.value());
    }
    target
        .dyn_ref::<web_sys::HtmlInputElement>()
        .map(web_sys::HtmlInputElement::value)
}

/// Whether the checkbox an event came from is checked.
pub fn checked(event: &web_sys::Event) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .is_some_and(|i| i.checked())
}

/// `relative` resolved against the page's address (`demo/feeds/g4c2.json`
/// → `http://127.0.0.1:8080/demo/feeds/g4c2.json`).
pub fn absolute_url(relative: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    resolve_url(relative, &base)
}

/// `url` resolved against `base` (a feed's survey and submit URLs are
/// relative to the feed).
pub fn resolve_url(url: &str, base: &str) -> String {
    web_sys::Url::new_with_base(url, base).map_or_else(|_| url.to_owned(), |u| u.href())
}

/// `url` with `pairs` added to its query (before any `#…`).
pub fn with_query(url: &str, pairs: &[(&str, &str)]) -> String {
    match web_sys::Url::new(url) {
        Ok(u) => {
            let q = u.search_params();
            for (k, v) in pairs {
                q.set(k, v);
            }
            u.href()
        }
        Err(_) => url.to_owned(),
    }
}

/// `url` with its fragment replaced by `hash` (`#/surveys`).
pub fn with_hash(url: &str, hash: &str) -> String {
    match web_sys::Url::new(url) {
        Ok(u) => {
            u.set_hash(hash);
            u.href()
        }
        Err(_) => url.to_owned(),
    }
}

/// Whether the page itself is served from this machine (`127.0.0.1`,
/// `localhost`, `[::1]`): the one case where plain-http addresses to this
/// machine are accepted (development and the local demo).
pub fn served_from_loopback() -> bool {
    web_sys::window()
        .and_then(|w| w.location().hostname().ok())
        .is_some_and(|h| matches!(h.as_str(), "127.0.0.1" | "localhost" | "[::1]"))
}

/// A query parameter of the page's own URL (`?feed=…`).
pub fn page_query(name: &str) -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    web_sys::Url::new(&href).ok()?.search_params().get(name)
}

/// Opens the browser's print dialog (the page's print styles decide what
/// is printed).
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Puts `text` on the clipboard (`navigator.clipboard.writeText`), or says
/// why not (no permission, not a secure context).
pub async fn copy_text(text: &str) -> Result<(), String> {
    use js_sys::{Function, Promise, Reflect};
    use wasm_bindgen::JsCast;
    let navigator = web_sys::window().ok_or("no window")?.navigator();
    let clipboard = Reflect::get(&navigator, &"clipboard".into())
        .ok()
        .filter(|c| !c.is_undefined())
        .ok_or("no clipboard here")?;
    let write: Function = Reflect::get(&clipboard, &"writeText".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or("no clipboard here")?;
    let promise: Promise = write
        .call1(&clipboard, &text.into())
        .map_err(|e| crate::fetch::js_message(&e))?
        .dyn_into()
        .map_err(|_| "clipboard did not answer")?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|e| crate::fetch::js_message(&e))
}

/// Sets `<html lang>` so screen readers and fonts follow the page's
/// language when the person switches it.
pub fn set_document_lang(tag: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", tag);
    }
}
