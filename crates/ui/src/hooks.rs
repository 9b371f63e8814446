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

/// What every page starts with: its language ([`use_page_lang`]), its
/// route from the hash ([`use_hash_route`]) and the header's toggle.
#[hook]
pub fn use_page<R: PartialEq + 'static>(
    parse: fn(&str) -> R,
) -> (UseStateHandle<Lang>, UseStateHandle<R>, Callback<()>) {
    let lang = use_page_lang();
    let route = use_hash_route(parse);
    let toggle = lang_toggle(&lang);
    (lang, route, toggle)
}

/// The context a page's `App` provides, for its screens.
///
/// # Panics
/// When a screen is rendered outside its page's `App`, which is a bug in
/// the page, not something a user can reach.
#[hook]
pub fn use_page_context<C: Clone + PartialEq + 'static>() -> C {
    use_context::<C>().unwrap_or_else(|| unreachable!("screens render inside their page's App"))
}

/// The header's language toggle for the page's language (see
/// [`use_page_lang`]).
pub fn lang_toggle(lang: &UseStateHandle<Lang>) -> Callback<()> {
    let lang = lang.clone();
    Callback::from(move |()| lang.set(lang.other()))
}

/// Opens the page's own store once, when the page mounts: `open` opens it
/// and loads what it keeps into the page's state, and gives the handle,
/// or `None` when what is stored cannot be read (the page then says so and
/// writes nothing over it). Once it is open the browser is asked to keep
/// the page's storage (a teacher's draft, an officer's cases) through
/// storage pressure.
#[hook]
pub fn use_opened_store<D, F, Fut>(open: F) -> UseStateHandle<Option<D>>
where
    D: 'static,
    F: FnOnce() -> Fut + 'static,
    Fut: std::future::Future<Output = Option<D>> + 'static,
{
    let db = use_state(|| None::<D>);
    {
        let db = db.clone();
        use_effect_with((), move |()| {
            yew::platform::spawn_local(async move {
                if let Some(opened) = open().await {
                    jianfu_web::request_persistence();
                    db.set(Some(opened));
                }
            });
        });
    }
    db
}
