//! The root: [`App`] opens storage; [`Root`] then loads the children and
//! the selected child's records, follows the hash route, and provides
//! [`AppCtx`] to every screen. Two components so that every hook runs
//! unconditionally (Yew's rule) while storage is still opening.
//!
//! [`use_app_ctx`] builds that state; the lazily loaded screens (see
//! [`super::more`]) build their own copy with it, and both follow what the
//! other changes in storage through [`platform::announce`].

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use super::{Shell, Splash};
use crate::actions;
use crate::i18n::Lang;
use crate::platform;
use crate::platform::Topic;
use crate::route::Route;
use crate::state::{AppCtx, ChildLog, Children, ChildrenAction, FeedView, LogAction};
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

/// How often the feed is fetched again while the last try could not reach
/// the school's site (no network, or the site down).
const FEED_RETRY_MS: u32 = 20_000;

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
    let ctx = use_app_ctx(&props.store, props.lang, Scope::Full);
    html! {
        <ContextProvider<AppCtx> context={ctx}>
            <Shell demo_feed={props.demo_feed.clone()} />
        </ContextProvider<AppCtx>>
    }
}

/// Storage named `name`, once open (`None` while it opens).
#[hook]
pub fn use_store(name: &'static str) -> Option<Store> {
    let store = use_state(|| None::<Store>);
    {
        let store = store.clone();
        use_effect_with((), move |()| {
            yew::platform::spawn_local(async move {
                store.set(Some(Store::open_named(name).await));
            });
        });
    }
    (*store).clone()
}

/// Which root holds the state, and so how much of it is loaded and how it
/// moves between screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The app's page: the children, the selected child's records and its
    /// feed from the network; screens follow the URL's hash.
    Full,
    /// The lazily loaded screens of the same page: as [`Scope::Full`] but
    /// with the last good copy of the feed (fetched once, by the app).
    Lazy,
    /// The widget in a portal's page, starting at this screen: its one
    /// child is set by the widget (from the feed), the portal's URL and
    /// the boot script's storage are never touched; screens change inside.
    Widget(Route),
}

/// The app's state loaded from `store`: children, the selected child's
/// records and feed, the route. Reloads the children when another module
/// or tab announces a change to them. (The outbox is not here: only the
/// second module holds it, see `outbox::use_outbox`.)
#[hook]
pub fn use_app_ctx(store: &Store, initial_lang: Lang, scope: Scope) -> AppCtx {
    let lang = use_state(|| initial_lang);
    let children = use_reducer(Children::default);
    let log = use_reducer(ChildLog::default);
    let feed = use_state(FeedView::default);
    // The app's page may start with the welcome build's last notice
    // ("saved", what an import brought back), handed over with the page.
    let notice = use_state(|| {
        (scope == Scope::Full)
            .then(platform::take_handed_notice)
            .flatten()
            .and_then(|w| crate::state::Notice::from_wire(&w))
    });
    let route = use_state(|| match scope {
        Scope::Widget(r) => r,
        Scope::Full | Scope::Lazy => Route::from_hash(&platform::hash()),
    });
    let widget = matches!(scope, Scope::Widget(_));

    {
        // Moving to another screen also clears the notice of the last one
        // ("Saved" does not follow the parent around: #16).
        let (route, notice) = (route.clone(), notice.clone());
        use_effect_with((), move |()| {
            let listener = (!widget).then(|| {
                platform::on_hash_change(move || {
                    route.set(Route::from_hash(&platform::hash()));
                    notice.set(None);
                })
            });
            move || drop(listener)
        });
    }
    {
        let (store, children) = (store.clone(), children.clone());
        use_effect_with((), move |()| {
            let load_children = Reload::new(move || {
                let (store, children) = (store.clone(), children.clone());
                async move {
                    let list = store.children().await.unwrap_or_default();
                    let selected = store.meta("selected").await;
                    children.dispatch(ChildrenAction::Loaded(list, selected));
                }
            });
            let listener = (!widget).then(|| {
                load_children.run();
                platform::on_announce(Topic::Children, move || load_children.run())
            });
            move || drop(listener)
        });
    }
    let set_lang = {
        let (lang, store) = (lang.clone(), store.clone());
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
        store: store.clone(),
        children: children.clone(),
        log,
        feed,
        notice,
        route: *route,
        navigate: if widget {
            let route = route.clone();
            Callback::from(move |r: Route| route.set(r))
        } else {
            Callback::from(|r: Route| platform::set_hash(&r.to_hash()))
        },
    };
    // Load the selected child's records and feed whenever the child or its
    // feed changes, and its records again whenever the other copy of the
    // state (the other module, another tab) announces a change to them.
    {
        let ctx = ctx.clone();
        let current = children.current().cloned();
        use_effect_with(
            current.as_ref().map(|c| (c.id.clone(), c.feed.clone())),
            move |_| {
                let mut listeners: (_, _, Option<platform::Interval>) = (None, None, None);
                if scope == Scope::Full {
                    platform::remember_feed(current.as_ref().map(|c| c.feed.as_str()));
                }
                // The welcome build never loads a child's records or feed
                // (it hands over once there is a child): compiled out, by a
                // plain `if` on the constant.
                let current = if crate::WELCOME { None } else { current };
                if let Some(child) = current {
                    let records = Reload::new({
                        let (ctx, id) = (ctx.clone(), child.id.clone());
                        move || {
                            let (ctx, id) = (ctx.clone(), id.clone());
                            async move {
                                let data = ctx.store.child_data(&id).await.unwrap_or_default();
                                ctx.log.dispatch(LogAction::Loaded(id, data));
                            }
                        }
                    });
                    records.run();
                    listeners.0 = platform::on_announce(Topic::Log, move || records.run());
                    match scope {
                        Scope::Full | Scope::Widget(_) => {
                            // Fetched now, again when the browser says it is
                            // back online, and every `FEED_RETRY_MS` while
                            // the last try could not reach the school: a
                            // phone whose network comes back without an
                            // `online` event (a tunnel, a captive portal,
                            // a server back up) loses the offline line by
                            // itself too.
                            let unreached = Rc::new(Cell::new(false));
                            let load = Rc::new({
                                let unreached = unreached.clone();
                                move |again: bool| {
                                    let (ctx, child, unreached) =
                                        (ctx.clone(), child.clone(), unreached.clone());
                                    yew::platform::spawn_local(async move {
                                        let reached = actions::load_feed(ctx, child, again).await;
                                        unreached.set(!reached);
                                    });
                                }
                            });
                            load(false);
                            let retry = load.clone();
                            listeners.2 = Some(platform::Interval::new(FEED_RETRY_MS, move || {
                                if unreached.get() {
                                    retry(true);
                                }
                            }));
                            listeners.1 = platform::on_online(move || load(true));
                        }
                        Scope::Lazy => {
                            // The app keeps a new copy after each fetch and says so.
                            let copy = Reload::new(move || {
                                let (ctx, url) = (ctx.clone(), child.feed.clone());
                                async move { actions::load_feed_copy(&ctx, &url).await }
                            });
                            copy.run();
                            listeners.1 = platform::on_announce(Topic::Feed, move || copy.run());
                        }
                    }
                }
                move || drop(listeners)
            },
        );
    }
    ctx
}

/// A reload from storage that runs at most once at a time: asked again
/// while it runs, it runs once more afterwards (a burst of announcements,
/// e.g. the outbox sending a thousand items, costs a few reloads, not a
/// thousand).
#[derive(Clone)]
pub(crate) struct Reload<F> {
    load: Rc<F>,
    /// 0 idle, 1 running, 2 running and asked again.
    state: Rc<Cell<u8>>,
}

impl<F, Fut> Reload<F>
where
    F: Fn() -> Fut + 'static,
    Fut: std::future::Future<Output = ()> + 'static,
{
    pub(crate) fn new(load: F) -> Self {
        Self {
            load: Rc::new(load),
            state: Rc::new(Cell::new(0)),
        }
    }

    pub(crate) fn run(&self) {
        if self.state.get() > 0 {
            self.state.set(2);
            return;
        }
        self.state.set(1);
        let (load, state) = (self.load.clone(), self.state.clone());
        yew::platform::spawn_local(async move {
            loop {
                load().await;
                if state.get() == 2 {
                    state.set(1);
                } else {
                    state.set(0);
                    break;
                }
            }
        });
    }
}
