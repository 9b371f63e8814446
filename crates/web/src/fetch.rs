//! Every request a front-end makes: no cookies and no referrer, so a
//! parent's requests identify no one, not even to the school's own portal;
//! bodies capped before they are copied into wasm memory.

use std::fmt;

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

/// The message of a thrown JavaScript value (an `Error`'s, or the string).
pub fn js_message(v: &JsValue) -> String {
    v.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| v.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// Sends a request without credentials or referrer.
///
/// Not `gloo-net`: the feed's GET through its `Request` builder measured
/// +2,035 bytes gzip of the first download's wasm (185,641 → 187,676; its
/// builder, error type and the `http` crate's types), for the same request.
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

/// GETs `url` as text (see [`send`] for what every request omits).
pub async fn fetch_text(url: &str) -> Result<String, FetchError> {
    fetch_text_limited(url, u64::MAX).await
}

/// [`fetch_text`], refusing bodies over `max_bytes`: before reading when
/// the server announces the length, after reading otherwise. A hostile
/// 50 MB feed is never downloaded into the page.
pub async fn fetch_text_limited(url: &str, max_bytes: u64) -> Result<String, FetchError> {
    fetch_text_limited_or(url, max_bytes, None).await
}

/// [`fetch_text_limited`], taking `early` instead of asking when the page
/// already has a request for `url` under way (a boot script's, made with
/// the same options), so the response is read with the same checks: a 2xx
/// status, not the service worker's offline copy, at most `max_bytes`.
pub async fn fetch_text_limited_or(
    url: &str,
    max_bytes: u64,
    early: Option<js_sys::Promise>,
) -> Result<String, FetchError> {
    let response = if let Some(early) = early {
        JsFuture::from(early)
            .await
            .map(JsCast::unchecked_into::<Response>)
            .map_err(|e| FetchError::Network(js_message(&e)))?
    } else {
        let init = RequestInit::new();
        init.set_method("GET");
        send(url, &init).await?
    };
    read_limited(response, max_bytes).await
}

/// GETs `url` with `Authorization: Bearer <token>` (the inbox's export
/// routes), the body capped at `max_bytes`. The token travels in that
/// header only: never in the URL, never stored. A 401 comes back as
/// `FetchError::Status(401)` for the page to say the token is wrong.
pub async fn fetch_text_authorized(
    url: &str,
    token: &str,
    max_bytes: u64,
) -> Result<String, FetchError> {
    let init = RequestInit::new();
    init.set_method("GET");
    let headers = web_sys::Headers::new().map_err(|e| FetchError::Network(js_message(&e)))?;
    headers
        .set("authorization", &format!("Bearer {}", token.trim()))
        .map_err(|e| FetchError::Network(js_message(&e)))?;
    init.set_headers(&headers);
    read_limited(send(url, &init).await?, max_bytes).await
}

/// A response's body as text when its status is 2xx, it is not the service
/// worker's offline copy and it is at most `max_bytes`.
async fn read_limited(response: Response, max_bytes: u64) -> Result<String, FetchError> {
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

/// POSTs `body` as JSON with no cookies and no referrer; returns the status
/// and the response text. Network failures are errors; HTTP errors are not.
pub async fn post_json(url: &str, body: &str) -> Result<(u16, String), FetchError> {
    post_json_with(url, body, &[]).await
}

/// [`post_json`] with more request headers (a report's proof of work).
pub async fn post_json_with(
    url: &str,
    body: &str,
    extra: &[(&str, &str)],
) -> Result<(u16, String), FetchError> {
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(body));
    let headers = web_sys::Headers::new().map_err(|e| FetchError::Network(js_message(&e)))?;
    let _ = headers.set("content-type", "application/json");
    for (name, value) in extra {
        headers
            .set(name, value)
            .map_err(|e| FetchError::Network(js_message(&e)))?;
    }
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
