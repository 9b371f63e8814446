//! The root: [`App`] opens storage; [`Root`] then loads the children and
//! the selected child's records, follows the hash route, and provides
//! [`AppCtx`] to every screen. Two components so that every hook runs
//! unconditionally (Yew's rule) while storage is still opening.

use yew::prelude::*;

use super::{Shell, Splash};
use crate::actions;
use crate::i18n::Lang;
use crate::platform;
use crate::route::Route;
use crate::state::{
    AppCtx, ChildLog, Children, ChildrenAction, FeedView, LogAction, Outbox, OutboxAction,
};
use crate::store::Store;

/// Root properties.
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Feed URL offered when adding the first child (the demo class).
    pub feed: AttrValue,
    /// The language; default: the one chosen before, else the browser's.
    #[prop_or_default]
    pub lang: Option<Lang>,
}

/// The demo class served by `cargo xtask serve`, relative to the app's page.
pub const DEMO_FEED: &str = "demo/feeds/g4c2.json";

/// The app: storage first, then everything else.
#[function_component]
pub fn App(props: &AppProps) -> Html {
    let opened = use_state(|| None::<(Store, Option<Lang>)>);
    {
        let opened = opened.clone();
        use_effect_with((), move |()| {
            yew::platform::spawn_local(async move {
                let s = Store::open().await;
                platform::request_persistence();
                let saved = s.meta("lang").await.map(|t| Lang::from_tag(&t));
                opened.set(Some((s, saved)));
            });
        });
    }
    let browser =
        || platform::browser_language().map_or_else(Lang::default, |t| Lang::from_tag(&t));
    match (*opened).clone() {
        None => html! { <Splash lang={props.lang.unwrap_or_else(browser)} /> },
        Some((store, saved)) => {
            let lang = props.lang.or(saved).unwrap_or_else(browser);
            html! { <Root {store} {lang} demo_feed={props.feed.clone()} /> }
        }
    }
}

/// Properties of [`Root`].
#[derive(Properties, PartialEq)]
pub struct RootProps {
    /// Open storage.
    pub store: Store,
    /// Initial language.
    pub lang: Lang,
    /// The demo feed URL.
    pub demo_feed: AttrValue,
}

/// Holds the state and provides the context.
#[function_component]
pub fn Root(props: &RootProps) -> Html {
    let lang = use_state(|| props.lang);
    let children = use_reducer(Children::default);
    let log = use_reducer(ChildLog::default);
    let feed = use_state(FeedView::default);
    let outbox = use_reducer(Outbox::default);
    let notice = use_state(|| None);
    let route = use_state(|| Route::from_hash(&platform::hash()));

    {
        let route = route.clone();
        use_effect_with((), move |()| {
            let listener =
                platform::on_hash_change(move || route.set(Route::from_hash(&platform::hash())));
            move || drop(listener)
        });
    }
    {
        let (store, children, outbox) = (props.store.clone(), children.clone(), outbox.clone());
        use_effect_with((), move |()| {
            yew::platform::spawn_local(async move {
                let list = store.children().await.unwrap_or_default();
                let selected = store.meta("selected").await;
                children.dispatch(ChildrenAction::Loaded(list, selected));
                let items = store.outbox().await.unwrap_or_default();
                outbox.dispatch(OutboxAction::Loaded(items, store.answered_surveys().await));
            });
        });
    }
    let set_lang = {
        let (lang, store) = (lang.clone(), props.store.clone());
        Callback::from(move |l: Lang| {
            lang.set(l);
            let store = store.clone();
            yew::platform::spawn_local(async move {
                let _ = store.set_meta("lang", l.tag()).await;
            });
        })
    };
    let ctx = AppCtx {
        lang: *lang,
        set_lang,
        store: props.store.clone(),
        children: children.clone(),
        log,
        feed,
        outbox,
        notice,
        route: *route,
        navigate: Callback::from(|r: Route| platform::set_hash(&r.to_hash())),
    };
    // Load the selected child's records and feed whenever the child or its feed changes.
    {
        let ctx = ctx.clone();
        let current = children.current().cloned();
        use_effect_with(
            current.as_ref().map(|c| (c.id.clone(), c.feed.clone())),
            move |_| {
                if let Some(child) = current {
                    yew::platform::spawn_local(async move {
                        let data = ctx.store.child_data(&child.id).await.unwrap_or_default();
                        ctx.log.dispatch(LogAction::Loaded(child.id.clone(), data));
                        actions::load_feed(ctx, child).await;
                    });
                }
            },
        );
    }
    html! {
        <ContextProvider<AppCtx> context={ctx}>
            <Shell demo_feed={props.demo_feed.clone()} />
        </ContextProvider<AppCtx>>
    }
}
