//! The app's edge to the browser: fetch, the clock, the document, the user's
//! language. The only module that calls `web_sys`, so that components stay
//! plain Yew and this surface is what in-browser tests exercise.

use std::fmt;

use jianfu_core::Instant;
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
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Network(m) => write!(f, "network error: {m}"),
            Self::Status(s) => write!(f, "HTTP {s}"),
        }
    }
}

fn js_message(v: &JsValue) -> String {
    v.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| v.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// GETs `url` as text, sending no cookies and no referrer (parents'
/// requests identify no one, even to the school's own portal).
pub async fn fetch_text(url: &str) -> Result<String, FetchError> {
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_credentials(RequestCredentials::Omit);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    let request = Request::new_with_str_and_init(url, &init)
        .map_err(|e| FetchError::Network(js_message(&e)))?;
    let window = web_sys::window().ok_or_else(|| FetchError::Network("no window".into()))?;
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|e| FetchError::Network(js_message(&e)))?
        .unchecked_into();
    if !response.ok() {
        return Err(FetchError::Status(response.status()));
    }
    let text = response
        .text()
        .map_err(|e| FetchError::Network(js_message(&e)))?;
    JsFuture::from(text)
        .await
        .map_err(|e| FetchError::Network(js_message(&e)))?
        .as_string()
        .ok_or_else(|| FetchError::Network("response is not text".into()))
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
