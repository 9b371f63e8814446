//! The hooks every front-end page starts with.

use jianfu_web::Lang;
use yew::prelude::*;

/// The page's route, read from the location hash with `parse` and kept
/// up to date as the hash changes (links, the back button).
#[hook]
pub fn use_hash_route<R: PartialEq + 'static>(parse: fn(&str) -> R) -> UseStateHandle<R> {
    let route = use_state(|| parse(&jianfu_web::hash()));
    {
        let route = route.clone();
        use_effect_with((), move |()| {
            let listener = jianfu_web::on_hash_change(move || {
                route.set(parse(&jianfu_web::hash()));
            });
            move || drop(listener)
        });
    }
    route
}

/// The page's language: the browser's at first, then the toggle's; the
/// document's `lang` follows it (screen readers, fonts, hyphenation).
#[hook]
pub fn use_page_lang() -> UseStateHandle<Lang> {
    let lang = use_state(jianfu_web::browser_lang);
    {
        let current = *lang;
        use_effect_with(current, move |lang| {
            jianfu_web::set_document_lang(lang.tag());
        });
    }
    lang
}
