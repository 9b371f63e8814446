//! The language of the pages: [`jianfu_core::Lang`] (one for every end),
//! and what the browser prefers.

pub use jianfu_core::Lang;

/// What the browser prefers: English for `en-*`, Chinese otherwise.
pub fn browser_lang() -> Lang {
    crate::browser_language().map_or(Lang::ZhCn, |t| Lang::from_tag(&t))
}
