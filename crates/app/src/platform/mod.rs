//! The app's edge to the browser: fetch, the clock, storage, the document,
//! the user's language, files. The only module that calls `web_sys`, so
//! components stay plain Yew and this surface is what in-browser tests exercise.

pub mod idb;

use std::fmt;

use jianfu_core::Instant;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReferrerPolicy, Request, RequestCredentials, RequestInit, Response};

/// Why a fetch gave no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// The request did not complete (offline, DNS, CORS, aborted).
    Network(String),
    /// The server answered with a non-2xx status.
    Status(u16),
    /// Offline: the service worker answered with its saved copy.
    Offline,
    /// Larger than the caller accepts (bytes announced or read).
    TooLarge(u64),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Network(m) => write!(f, "network error: {m}"),
            Self::Status(s) => write!(f, "HTTP {s}"),
            Self::Offline => f.write_str("offline"),
            #[allow(clippy::cast_precision_loss)] // sizes in MB for people
            Self::TooLarge(n) => write!(
                f,
                "at least {} MB, larger than Jianfu reads",
                jianfu_core::text::fixed(*n as f64 / 1e6, 1)
            ),
        }
    }
}

fn js_message(v: &JsValue) -> String {
    v.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| v.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// Every request the app makes goes through here: no cookies and no
/// referrer, so a parent's requests identify no one, not even to the
/// school's own portal.
async fn send(url: &str, init: &RequestInit) -> Result<Response, FetchError> {
    init.set_credentials(RequestCredentials::Omit);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    let request = Request::new_with_str_and_init(url, init)
        .map_err(|e| FetchError::Network(js_message(&e)))?;
    let window = web_sys::window().ok_or_else(|| FetchError::Network("no window".into()))?;
    JsFuture::from(window.fetch_with_request(&request))
        .await
        .map(JsCast::unchecked_into)
        .map_err(|e| FetchError::Network(js_message(&e)))
}

/// Where the boot script finds the selected child's feed URL, to fetch it
/// while the wasm downloads (one round trip less before homework shows).
const FEED_KEY: &str = "jianfu.feed";

/// Remembers the selected child's feed URL for the boot script's early
/// request (`None`: no child, no early request). Only the URL, which the
/// device already keeps; nothing of the child.
pub fn remember_feed(url: Option<&str>) {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return;
    };
    let _ = match url {
        Some(u) => storage.set_item(FEED_KEY, u),
        None => storage.remove_item(FEED_KEY),
    };
}

/// The boot script's request for `url` (see [`remember_feed`]), taken once:
/// made with the same options as [`send`] (no credentials, no referrer).
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

/// GETs `url` as text (see [`send`] for what every request omits).
pub async fn fetch_text(url: &str) -> Result<String, FetchError> {
    fetch_text_limited(url, u64::MAX).await
}

/// [`fetch_text`], refusing bodies over `max_bytes`: before reading when
/// the server announces the length, after reading otherwise. A hostile
/// 50 MB feed is never downloaded into the page.
pub async fn fetch_text_limited(url: &str, max_bytes: u64) -> Result<String, FetchError> {
    let response = if let Some(early) = early_response(url) {
        JsFuture::from(early)
            .await
            .map(JsCast::unchecked_into::<Response>)
            .map_err(|e| FetchError::Network(js_message(&e)))?
    } else {
        let init = RequestInit::new();
        init.set_method("GET");
        send(url, &init).await?
    };
    if !response.ok() {
        return Err(FetchError::Status(response.status()));
    }
    if response
        .headers()
        .has("x-jianfu-offline-copy")
        .unwrap_or(false)
    {
        return Err(FetchError::Offline);
    }
    // A declared length over the cap is refused before a byte is read.
    if let Some(n) = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse::<u64>().ok())
        && n > max_bytes
    {
        return Err(FetchError::TooLarge(n));
    }
    // Otherwise (chunked, or a lying length) the body is read as a stream
    // and dropped the moment it passes the cap: wasm memory never shrinks,
    // so an oversized body must never be copied into it whole.
    let net = |e: JsValue| FetchError::Network(js_message(&e));
    let body = response
        .body()
        .ok_or_else(|| FetchError::Network("response has no body".into()))?;
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut bytes = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(net)?;
        if js_sys::Reflect::get(&chunk, &"done".into())
            .map_err(net)?
            .is_truthy()
        {
            break;
        }
        let value: js_sys::Uint8Array = js_sys::Reflect::get(&chunk, &"value".into())
            .map_err(net)?
            .unchecked_into();
        let start = bytes.len();
        let total = start as u64 + u64::from(value.length());
        if total > max_bytes {
            let _ = reader.cancel();
            return Err(FetchError::TooLarge(total));
        }
        bytes.resize(start + value.length() as usize, 0);
        value.copy_to(&mut bytes[start..]);
    }
    String::from_utf8(bytes)
        .map_err(|_| FetchError::Network("the response is not UTF-8 text".into()))
}

/// The current instant from the device clock (UTC; zones are applied by core).
#[allow(clippy::cast_possible_truncation)] // ms since 1970 / 1000 fits i64
pub fn now() -> Instant {
    Instant::from_unix((js_sys::Date::now() / 1000.0).floor() as i64, 0)
}

/// The browser's preferred language tag (`zh-CN`, `en-US`, …).
pub fn browser_language() -> Option<String> {
    web_sys::window()?.navigator().language()
}

/// Finds the element with `id` and empties it (it holds the static skeleton
/// painted by index.html) so Yew can render into it.
pub fn take_root(id: &str) -> Option<web_sys::Element> {
    let root = web_sys::window()?.document()?.get_element_by_id(id)?;
    root.set_text_content(None);
    Some(root)
}

/// Seconds since 1970 from the device clock.
fn unix_seconds() -> i64 {
    now().unix_seconds()
}

/// A repeating timer; stops when dropped (no callbacks after unmount).
///
/// On drop the interval is cleared and the callback disarmed; the small JS
/// wrapper is then left to the garbage collector instead of being freed, as
/// a clock that still fires it once (fake clocks do) would otherwise throw
/// "closure invoked after being dropped".
pub struct Interval {
    id: i32,
    armed: std::rc::Rc<std::cell::Cell<bool>>,
    closure: Option<Closure<dyn Fn()>>,
}

impl Interval {
    /// Calls `f` every `ms` milliseconds.
    pub fn new(ms: i32, f: impl Fn() + 'static) -> Option<Self> {
        let armed = std::rc::Rc::new(std::cell::Cell::new(true));
        let flag = armed.clone();
        let closure = Closure::<dyn Fn()>::new(move || {
            if flag.get() {
                f();
            }
        });
        let id = web_sys::window()?
            .set_interval_with_callback_and_timeout_and_arguments_0(
                closure.as_ref().unchecked_ref(),
                ms,
            )
            .ok()?;
        Some(Self {
            id,
            armed,
            closure: Some(closure),
        })
    }
}

impl Drop for Interval {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            w.clear_interval_with_handle(self.id);
        }
        self.armed.set(false);
        if let Some(c) = self.closure.take() {
            c.into_js_value();
        }
    }
}

/// A DOM event listener; removed when dropped.
pub struct Listener {
    target: web_sys::EventTarget,
    event: &'static str,
    closure: Closure<dyn FnMut()>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.event, self.closure.as_ref().unchecked_ref());
    }
}

/// Calls `f` on every `event` at the window.
fn on_window_event(event: &'static str, f: impl FnMut() + 'static) -> Option<Listener> {
    listen(web_sys::window()?.into(), event, f)
}

/// Calls `f` on every `event` at `target`, until the listener is dropped.
fn listen(
    target: web_sys::EventTarget,
    event: &'static str,
    f: impl FnMut() + 'static,
) -> Option<Listener> {
    let closure = Closure::<dyn FnMut()>::new(f);
    target
        .add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())
        .ok()?;
    Some(Listener {
        target,
        event,
        closure,
    })
}

/// Calls `f` whenever the location hash changes.
pub fn on_hash_change(f: impl FnMut() + 'static) -> Option<Listener> {
    on_window_event("hashchange", f)
}

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
    const fn channel(self) -> &'static str {
        match self {
            Self::Outbox => "jianfu-outbox",
            Self::Children => "jianfu-children",
            Self::Feed => "jianfu-feed",
            Self::Log => "jianfu-log",
        }
    }
}

thread_local! {
    /// One channel per topic and module: a `BroadcastChannel` does not hear
    /// its own messages, so a module is not told what it did itself.
    static CHANNELS: std::cell::RefCell<Vec<(Topic, web_sys::BroadcastChannel)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

fn channel(topic: Topic) -> Option<web_sys::BroadcastChannel> {
    CHANNELS.with_borrow_mut(|list| {
        if let Some((_, c)) = list.iter().find(|(t, _)| *t == topic) {
            return Some(c.clone());
        }
        let c = web_sys::BroadcastChannel::new(topic.channel()).ok()?;
        list.push((topic, c.clone()));
        Some(c)
    })
}

/// Tells the other copies of the app's state that `topic` changed in
/// storage (after the change is committed).
pub fn announce(topic: Topic) {
    if let Some(c) = channel(topic) {
        let _ = c.post_message(&JsValue::NULL);
    }
}

/// Calls `f` whenever another module or tab announces `topic`.
pub fn on_announce(topic: Topic, f: impl FnMut() + 'static) -> Option<Listener> {
    listen(channel(topic)?.into(), "message", f)
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
            .map(JsValue::from),
    };
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
    let window = web_sys::window().ok_or("no window")?;
    let load = js_sys::Reflect::get(&window, &"__jianfuMore".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or("this page has no second module")?;
    let promise = load
        .call3(&window, root, &lang.into(), notify)
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
    let Some(w) = web_sys::window() else { return };
    if let Ok(f) = js_sys::Reflect::get(&w, &"__jianfuApplyUpdate".into())
        && let Some(f) = f.dyn_ref::<js_sys::Function>()
    {
        let _ = f.call0(&w);
    }
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

/// A random id (72 bits, base64url) for records; never sent anywhere.
pub fn random_id() -> String {
    let mut bytes = [0u8; 9];
    if getrandom::fill(&mut bytes).is_err() {
        // No crypto: fall back to time and Math.random; ids need only be unique locally.
        let t = js_sys::Date::now().to_bits().to_le_bytes();
        bytes[..8].copy_from_slice(&t);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        {
            bytes[8] = (js_sys::Math::random() * 255.0) as u8;
        }
    }
    jianfu_core::b64::encode(&bytes)
}

/// The browser's CSPRNG (`crypto.getRandomValues`), for sealing and nonces.
pub fn rng() -> rand_core::UnwrapErr<getrandom::SysRng> {
    rand_core::UnwrapErr(getrandom::SysRng)
}

thread_local! {
    /// `Intl.DateTimeFormat`s made so far, by language and style: making
    /// one costs far more than using it (it resolves the locale's data),
    /// and a week's table formats seven dates per render.
    static DATE_FORMATS: std::cell::RefCell<Vec<(String, bool, js_sys::Function)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The bound `format` function of a date formatter for `lang_tag`, made once.
fn date_format(lang_tag: &str, with_weekday: bool) -> js_sys::Function {
    DATE_FORMATS.with_borrow_mut(|made| {
        if let Some((_, _, f)) = made
            .iter()
            .find(|(tag, w, _)| tag == lang_tag && *w == with_weekday)
        {
            return f.clone();
        }
        let options = js_sys::Object::new();
        let set = |k: &str, v: &str| {
            let _ = js_sys::Reflect::set(&options, &k.into(), &v.into());
        };
        set("month", "short");
        set("day", "numeric");
        if with_weekday {
            set("weekday", "short");
        }
        let locales = js_sys::Array::of1(&lang_tag.into());
        // `format` is a getter that returns a function bound to its formatter.
        let f = js_sys::Intl::DateTimeFormat::new(&locales, &options).format();
        made.push((lang_tag.to_owned(), with_weekday, f.clone()));
        f
    })
}

/// Makes the language's date formatters when the browser is idle. The
/// first `Intl.DateTimeFormat` of a page loads the locale's ICU data
/// (measured: 67 ms at CPU 4× in Chromium, then 0 ms for the next), which
/// otherwise lands on the first screen that shows a date — a tap on the
/// week tab.
pub fn warm_date_formats(lang_tag: &str) {
    let tag = lang_tag.to_owned();
    on_idle(move || {
        for with_weekday in [true, false] {
            let _ = date_format(&tag, with_weekday).call1(&JsValue::NULL, &js_sys::Date::new_0());
        }
    });
}

/// A date for people, in the language's own form ("11月23日 周一", "Mon, Nov 23").
pub fn format_date(date: jianfu_core::Date, lang_tag: &str, with_weekday: bool) -> String {
    let (y, m, d) = date.ymd();
    let js = js_sys::Date::new_with_year_month_day_hr_min_sec(
        u32::try_from(y).unwrap_or(2000),
        i32::from(m) - 1,
        i32::from(d),
        12,
        0,
        0,
    );
    date_format(lang_tag, with_weekday)
        .call1(&JsValue::NULL, &js)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| date.to_string())
}

/// Offers `text` as a file download named `filename`.
pub fn download(filename: &str, text: &str) -> Result<(), String> {
    let js = |e: JsValue| js_message(&e);
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(js)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(js)?.unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Reads the file chosen in a file input's `change` event as text.
pub async fn chosen_file_text(event: &web_sys::Event) -> Option<Result<String, String>> {
    let input: web_sys::HtmlInputElement = event.target()?.dyn_into().ok()?;
    let file = input.files()?.get(0)?;
    input.set_value("");
    Some(
        JsFuture::from(file.text())
            .await
            .map_err(|e| js_message(&e))
            .and_then(|v| v.as_string().ok_or_else(|| "not text".to_owned())),
    )
}

/// Seconds since `fetched_at`, for "last updated 3 h ago".
pub fn age_seconds(fetched_at: i64) -> i64 {
    (unix_seconds() - fetched_at).max(0)
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

/// Asks the parent to confirm (`window.confirm`); used before deleting data.
pub fn confirm(question: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(false)
}

/// Reloads the page (after deleting everything, or to take an update).
pub fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// `relative` resolved against the page's address (`demo/feeds/g4c2.json`
/// → `http://127.0.0.1:8080/demo/feeds/g4c2.json`).
pub fn absolute_url(relative: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    web_sys::Url::new_with_base(relative, &base).map_or_else(|_| relative.to_owned(), |u| u.href())
}

/// POSTs `body` as JSON with no cookies and no referrer; returns the status
/// and the response text. Network failures are errors; HTTP errors are not.
pub async fn post_json(url: &str, body: &str) -> Result<(u16, String), FetchError> {
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(body));
    let headers = web_sys::Headers::new().map_err(|e| FetchError::Network(js_message(&e)))?;
    let _ = headers.set("content-type", "application/json");
    init.set_headers(&headers);
    let response = send(url, &init).await?;
    let text = match response.text() {
        Ok(p) => JsFuture::from(p)
            .await
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    Ok((response.status(), text))
}

/// A uniformly random whole number below `n` (n > 0), from the CSPRNG.
pub fn random_below(n: u32) -> u32 {
    let mut b = [0u8; 4];
    let _ = getrandom::fill(&mut b);
    u32::from_le_bytes(b) % n.max(1)
}

/// Calls `f` when the browser comes back online.
pub fn on_online(f: impl FnMut() + 'static) -> Option<Listener> {
    on_window_event("online", f)
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

/// Whether the browser's random source works: sealing and nonces need it,
/// and a failing one must stop a submission with a reason, not abort.
pub fn randomness_works() -> bool {
    let mut probe = [0u8; 16];
    getrandom::fill(&mut probe).is_ok()
}

/// A 128-bit nonce from the browser's CSPRNG, or `None` if it failed.
pub fn nonce() -> Option<[u8; 16]> {
    let mut nonce = [0u8; 16];
    getrandom::fill(&mut nonce).ok().map(|()| nonce)
}

/// A query parameter of the page's own URL (`?feed=…`).
pub fn page_query(name: &str) -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    web_sys::Url::new(&href).ok()?.search_params().get(name)
}
