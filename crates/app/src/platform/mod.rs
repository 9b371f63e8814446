//! The parent app's platform: the shared browser layer (`jianfu-web`,
//! re-exported whole) plus what only this page has, its contract with the
//! boot script `web/boot.js` (every `__jianfu*` name is used here and
//! there, nowhere else): the early feed request, the lazily loaded second
//! module, and service-worker updates.

pub use jianfu_web::*;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A part of storage that more than one copy of the app's state follows:
/// the lazily loaded screens run as a second WebAssembly module in the same
/// page (see [`load_more`]) and keep their own copy, and so does every
/// other tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    /// Outbox items and the answered-survey marks.
    Outbox,
    /// The children and which one is selected.
    Children,
    /// A new good copy of a feed was kept.
    Feed,
    /// The selected child's entries, nights or timers.
    Log,
}

impl Topic {
    /// The `BroadcastChannel` the topic is announced on.
    const fn channel(self) -> &'static str {
        match self {
            Self::Outbox => "jianfu-outbox",
            Self::Children => "jianfu-children",
            Self::Feed => "jianfu-feed",
            Self::Log => "jianfu-log",
        }
    }
}

/// Which module of the page this is, for where its announcements go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Alone in its page (the widget, the in-browser tests): other tabs
    /// hear it through `BroadcastChannel`, and it hears them.
    Solo,
    /// The app's first module, in the app's page.
    App,
    /// The lazily loaded second module, in the app's page.
    More,
}

thread_local! {
    static ROLE: std::cell::Cell<Role> = const { std::cell::Cell::new(Role::Solo) };
}

/// Sets this module's role, at its start. In the app's page, the modules
/// tell each other what changed through window events named after the
/// topic (`jianfu_web::tell_page`), and the boot script alone talks to
/// other tabs (web/boot.js: a `BroadcastChannel` per topic, bridged to
/// those events), so data flows one way inside the page and the first
/// download carries no channel code.
pub fn set_role(role: Role) {
    ROLE.with(|r| r.set(role));
}

/// This module's name in the page's events.
fn page_name() -> &'static str {
    match ROLE.with(std::cell::Cell::get) {
        Role::More => "more",
        Role::Solo | Role::App => "app",
    }
}

/// Whether this module is alone in its page. Only a build with the widget
/// can be: elsewhere the `BroadcastChannel` path is not compiled at all.
#[cfg(feature = "widget")]
fn solo() -> bool {
    ROLE.with(std::cell::Cell::get) == Role::Solo
}

/// Tells the other copies of the app's state (the page's other module,
/// other tabs) that `topic` changed in storage (after the change is
/// committed).
pub fn announce(topic: Topic) {
    let name = topic.channel();
    #[cfg(feature = "widget")]
    if solo() {
        jianfu_web::announce(name);
        return;
    }
    jianfu_web::tell_page(name, page_name());
}

/// Calls `f` whenever another module of this page or another tab
/// announces `topic` (never for this module's own announcements).
pub fn on_announce(topic: Topic, f: impl FnMut() + 'static) -> Option<Listener> {
    // Boxed once here: each caller's closure would otherwise instantiate
    // the code below again.
    let mut f: Box<dyn FnMut()> = Box::new(f);
    let name = topic.channel();
    #[cfg(feature = "widget")]
    if solo() {
        return jianfu_web::on_announce(name, f);
    }
    let own = page_name();
    jianfu_web::on_page(
        name,
        Box::new(move |source| {
            if source != own {
                f();
            }
        }),
    )
}

/// Where the boot script finds the selected child's feed URL, to fetch it
/// while the wasm downloads (one round trip less before homework shows).
const FEED_KEY: &str = "jianfu.feed";

/// Remembers the selected child's feed URL for the boot script's early
/// request (`None`: no child, no early request). Only the URL, which the
/// device already keeps; nothing of the child. (Not `gloo-storage`: its
/// `raw()` panics where the browser blocks storage, and its `set` stores
/// JSON, not the plain string the boot script reads.)
pub fn remember_feed(url: Option<&str>) {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return;
    };
    let _ = match url {
        Some(u) => storage.set_item(FEED_KEY, u),
        None => storage.remove_item(FEED_KEY),
    };
}

/// The welcome build's last act (see [`crate::WELCOME`]): asks the boot
/// script (`__jianfuHandOver`) to load the app module, then to stop this
/// one and start that one in the same task, so no frame shows neither.
pub fn hand_over() {
    call_boot("__jianfuHandOver");
}

/// The welcome build's notice as it handed the page over
/// (`__jianfuNotice`, set by the boot script from its `stop()`), taken once.
pub fn take_handed_notice() -> Option<String> {
    let window = web_sys::window()?;
    let key = JsValue::from_str("__jianfuNotice");
    let notice = js_sys::Reflect::get(&window, &key).ok()?.as_string()?;
    let _ = js_sys::Reflect::delete_property(&window, &key);
    Some(notice)
}

/// A function the boot script put on `window` under `name`.
fn boot_function(name: &str) -> Option<js_sys::Function> {
    let window = web_sys::window()?;
    js_sys::Reflect::get(&window, &name.into())
        .ok()?
        .dyn_into()
        .ok()
}

/// Calls the boot script's function `name`, if the page has one.
fn call_boot(name: &str) {
    if let Some(f) = boot_function(name) {
        let _ = f.call0(&JsValue::NULL);
    }
}

/// The boot script's request for `url` (see [`remember_feed`]), taken once:
/// made with the same options as every request (no credentials, no referrer).
fn early_response(url: &str) -> Option<js_sys::Promise> {
    let window = web_sys::window()?;
    let key = JsValue::from_str("__jianfuFeed");
    let early = js_sys::Reflect::get(&window, &key)
        .ok()
        .filter(JsValue::is_object)?;
    if js_sys::Reflect::get(&early, &"url".into())
        .ok()?
        .as_string()?
        != url
    {
        return None;
    }
    let _ = js_sys::Reflect::delete_property(window.unchecked_ref::<js_sys::Object>(), &key);
    js_sys::Reflect::get(&early, &"response".into())
        .ok()?
        .dyn_into()
        .ok()
}

/// GETs `url` as text, taking the boot script's early request for it when
/// there is one.
pub async fn fetch_text(url: &str) -> Result<String, FetchError> {
    fetch_text_limited(url, u64::MAX).await
}

/// [`jianfu_web::fetch_text_limited`], taking the boot script's early
/// request for `url` when there is one.
pub async fn fetch_text_limited(url: &str, max_bytes: u64) -> Result<String, FetchError> {
    fetch_text_limited_or(url, max_bytes, early_response(url)).await
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The lazily loaded screens mounted in an element (see [`load_more`]).
    pub type MoreHandle;
    /// Re-renders them in another language.
    #[wasm_bindgen::prelude::wasm_bindgen(method, js_name = setLang)]
    pub fn set_lang(this: &MoreHandle, lang: &str);
    /// Removes them and frees their module's handle.
    #[wasm_bindgen::prelude::wasm_bindgen(method)]
    pub fn unmount(this: &MoreHandle);
}

/// `#more`, where the lazily loaded screens render: after the app's own
/// element (made there if the page has none).
pub fn more_root() -> Option<web_sys::Element> {
    let document = web_sys::window()?.document()?;
    if let Some(el) = document.get_element_by_id("more") {
        return Some(el);
    }
    let el = document.create_element("div").ok()?;
    el.set_id("more");
    document.body()?.append_child(&el).ok()?;
    Some(el)
}

/// A Rust callback the second module calls with a notice's wire form
/// (kept alive as long as this value).
pub struct Notifier(Closure<dyn Fn(String)>);

/// What [`load_more`] hands the second module: the callback of a
/// [`Notifier`], which must outlive the module.
pub struct NotifierHandle(JsValue);

impl Notifier {
    /// Calls `f` with each notice's wire form.
    pub fn new(f: impl Fn(String) + 'static) -> Self {
        Self(Closure::new(f))
    }

    /// The handle to pass on.
    pub fn handle(&self) -> NotifierHandle {
        NotifierHandle(self.0.as_ref().clone())
    }
}

/// Loads the second module (every screen but the day's homework and the
/// children, kept out of the first download) and mounts it in `root`.
/// The boot script defines `__jianfuMore`; the module is fetched once and
/// instantiated once per page, from the service worker's cache when offline.
pub async fn load_more(
    root: &web_sys::Element,
    lang: &str,
    notify: &NotifierHandle,
) -> Result<MoreHandle, String> {
    let notify = &notify.0;
    let load = boot_function("__jianfuMore").ok_or("this page has no second module")?;
    let promise = load
        .call3(&JsValue::NULL, root, &lang.into(), notify)
        .map_err(|e| js_message(&e))?
        .dyn_into::<js_sys::Promise>()
        .map_err(|_| "the loader returned no promise")?;
    JsFuture::from(promise)
        .await
        .map(JsCast::unchecked_into)
        .map_err(|e| js_message(&e))
}

/// Calls `f` when a new version of the app is installed and waiting
/// (announced by the boot script's service-worker registration).
pub fn on_update_ready(f: impl FnMut() + 'static) -> Option<Listener> {
    on_window_event("jianfu-update-ready", f)
}

/// Whether a new version is already waiting.
pub fn update_waiting() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"__jianfuUpdate".into()).ok())
        .is_some_and(|v| !v.is_undefined() && !v.is_null())
}

/// Switches to the waiting version and reloads (data and timers are in
/// IndexedDB, so nothing is lost).
pub fn apply_update() {
    call_boot("__jianfuApplyUpdate");
}
