//! The screens most visits never open (surveys, the report with its HPKE
//! sealing, the outbox) live in a second WebAssembly module, built from
//! this crate with only the `more` entry point, so that the first download
//! carries none of their code.
//!
//! The app's [`MoreHost`] asks the boot script for that module and mounts
//! it in `#more`, the page's element after the app's own; the module's
//! [`MoreApp`] then runs as a second Yew app there with its own copy of the
//! app's state,
//! read from the same storage ([`super::use_app_ctx`]). Each side announces
//! what it commits (outbox items, children, a new copy of the feed) and the
//! other reloads it, so a report queued there is sent by the app's outbox
//! runner, and a child switched in the header shows there.
//!
//! `#more` is a sibling of the app's element, never inside it: Yew brands
//! the elements it listens on with numbered ids, and two Yew instances
//! number from the same start, so an app nested in another's element would
//! have its clicks taken for the outer app's (seen: radio buttons that
//! would not stay checked).

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use super::app::{Scope, use_app_ctx, use_store};
use super::shell::NoticeLine;
use super::{OutboxView, ReportView, SurveysView};
use crate::i18n::{Lang, Msg};
use crate::platform;
use crate::route::Route;
use crate::state::AppCtx;
use crate::store::Store;

#[derive(Clone, PartialEq)]
enum Status {
    Loading,
    Shown,
    Failed(String),
}

/// In the app: where the lazily loaded screens appear. Loads the module on
/// first use (from the service worker's cache when offline), says so while
/// it loads, and offers to try again if it cannot.
#[function_component]
pub fn MoreHost() -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let lang = ctx.lang;
    let handle = use_mut_ref(|| None::<platform::MoreHandle>);
    let status = use_state(|| Status::Loading);
    let attempt = use_state(|| 0_u32);
    // The language now, for a module that finishes loading after a switch.
    let current = use_mut_ref(|| lang);
    *current.borrow_mut() = lang;
    {
        let (handle, status) = (handle.clone(), status.clone());
        use_effect_with(*attempt, move |_| {
            let gone = Rc::new(Cell::new(false));
            if let Some(el) = platform::more_root() {
                let (gone, handle) = (gone.clone(), handle.clone());
                yew::platform::spawn_local(async move {
                    let tag = current.borrow().tag();
                    match platform::load_more(&el, tag).await {
                        Ok(h) if gone.get() => h.unmount(),
                        Ok(h) => {
                            let now = current.borrow().tag();
                            if now != tag {
                                h.set_lang(now);
                            }
                            *handle.borrow_mut() = Some(h);
                            status.set(Status::Shown);
                        }
                        Err(e) if !gone.get() => status.set(Status::Failed(e)),
                        Err(_) => {}
                    }
                });
            }
            move || {
                gone.set(true);
                if let Some(h) = handle.borrow_mut().take() {
                    h.unmount();
                }
            }
        });
    }
    {
        let handle = handle.clone();
        use_effect_with(lang, move |l| {
            if let Some(h) = handle.borrow().as_ref() {
                h.set_lang(l.tag());
            }
        });
    }
    let retry = {
        let (status, attempt) = (status.clone(), attempt.clone());
        Callback::from(move |_| {
            status.set(Status::Loading);
            attempt.set(*attempt + 1);
        })
    };
    html! {
        <>
            if *status == Status::Loading {
                <p class="status" role="status">{ lang.text(Msg::Loading) }</p>
            }
            if let Status::Failed(why) = &*status {
                <p class="warning" role="alert">{ format!("{} {why}", lang.text(Msg::ScreenLoadFailed)) }</p>
                <button type="button" class="primary" onclick={retry}>{ lang.text(Msg::TryAgain) }</button>
            }
        </>
    }
}

/// Properties of [`MoreApp`].
#[derive(Properties, PartialEq)]
pub struct MoreProps {
    /// The host app's language (it owns the switch).
    pub lang: Lang,
}

/// In the second module: opens storage, then shows the screen of the
/// current route.
#[function_component]
pub fn MoreApp(props: &MoreProps) -> Html {
    match use_store(crate::store::DB_NAME) {
        None => Html::default(),
        Some(store) => html! { <MoreRoot {store} lang={props.lang} /> },
    }
}

#[derive(Properties, PartialEq)]
struct MoreRootProps {
    store: Store,
    lang: Lang,
}

#[function_component]
fn MoreRoot(props: &MoreRootProps) -> Html {
    let ctx = use_app_ctx(&props.store, props.lang, Scope::FeedCopy);
    let ctx = AppCtx {
        lang: props.lang,
        ..ctx
    };
    if !ctx.children.loaded {
        return Html::default();
    }
    let screen = match ctx.route {
        Route::Surveys => html! { <SurveysView open={None::<usize>} /> },
        Route::Survey(i) => html! { <SurveysView open={Some(i)} /> },
        Route::Report => html! { <ReportView /> },
        Route::Outbox => html! { <OutboxView /> },
        _ => Html::default(),
    };
    let lang = ctx.lang;
    html! {
        <ContextProvider<AppCtx> context={ctx}>
            <main class="app-main" id="main" lang={lang.tag()}>
                <NoticeLine />
                { screen }
            </main>
        </ContextProvider<AppCtx>>
    }
}
