//! jianfu-web: the browser layer every Jianfu front-end stands on (the
//! parent app, the widget, and the school and bureau pages to come).
//!
//! It is the only code that calls `web_sys`, `js_sys`, `wasm_bindgen` or
//! `getrandom` for the front-ends' components, so those stay plain Yew and
//! this surface is what the in-browser tests exercise. One module per
//! concern; everything is re-exported flat, as front-ends use it as their
//! `platform`.
//!
//! What is specific to one page (the parent app's boot script contract,
//! its lazily loaded module) lives in that front-end, not here.

pub mod channel;
pub mod clock;
pub mod dom;
pub mod events;
pub mod fetch;
pub mod files;
pub mod idb;
pub mod intl;
pub mod lang;
pub mod pow;
pub mod random;
pub mod token;

pub use channel::{announce, on_announce, on_page, tell_page};
pub use clock::{Interval, age_seconds, now, pause};
pub use dom::{
    absolute_url, checked, confirm, copy_text, hash, page_query, print, reload,
    request_persistence, resolve_url, select_value, served_from_loopback, set_document_lang,
    set_hash, take_root, with_hash, with_query,
};
pub use events::{Listener, on_hash_change, on_idle, on_online, on_window_event, online};
pub use fetch::{
    FetchError, fetch_text, fetch_text_limited, fetch_text_limited_or, js_message, post_json,
    post_json_with,
};
pub use files::{chosen_file_text, chosen_files_text, download, download_as};
pub use intl::{browser_language, format_date, warm_date_formats};
pub use lang::{Lang, browser_lang};
pub use random::{nonce, random_below, random_bytes, random_id, randomness_works, rng};
pub use token::{BlindError, Blinded, blind};
