//! The frame around every screen: header (child switcher, language), the
//! storage warning, the live notice, the screen itself and the tab bar.

use yew::prelude::*;

use super::{ChildrenView, DayView, Link, MoreHost, TimerPanel};
use crate::actions;
use crate::i18n::{Lang, Msg};
use crate::platform;
use crate::route::Route;
use crate::state::{AppCtx, Notice};

/// Shown while storage opens: the same frame as the static skeleton.
#[derive(Properties, PartialEq)]
pub struct SplashProps {
    /// Language.
    pub lang: Lang,
}

/// The loading frame.
#[function_component]
pub fn Splash(props: &SplashProps) -> Html {
    html! {
        <div class="app" aria-busy="true" lang={props.lang.tag()}>
            <header class="app-header"><h1>{ props.lang.text(Msg::AppName) }</h1></header>
            <main class="app-main"><p class="status" role="status">{ props.lang.text(Msg::Loading) }</p></main>
        </div>
    }
}

/// Properties of [`Shell`].
#[derive(Properties, PartialEq)]
pub struct ShellProps {
    /// Offered when adding a child.
    pub demo_feed: AttrValue,
}

/// The frame.
#[function_component]
pub fn Shell(props: &ShellProps) -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx is provided by Root");
    let lang = ctx.lang;
    use_effect_with(lang, |lang| platform::warm_date_formats(lang.tag()));
    if !ctx.children.loaded {
        return html! { <Splash {lang} /> };
    }
    let no_child = ctx.children.list.is_empty();
    let screen = match (no_child, ctx.route) {
        (true, _) | (_, Route::Children) => {
            html! { <ChildrenView demo_feed={props.demo_feed.clone()} /> }
        }
        (_, Route::Today) => html! { <DayView date={None::<jianfu_core::Date>} /> },
        (_, Route::Day(d)) => html! { <DayView date={Some(d)} /> },
        // The second module's screens render in `#more`, after this element.
        _ => Html::default(),
    };
    let lazy = !no_child && ctx.route.is_lazy();
    html! {
        <div class={classes!("app", lazy.then_some("lazy"))} lang={lang.tag()}>
            <Header />
            if !ctx.store.is_persistent() {
                <p class="warning" role="alert">{ lang.text(Msg::StorageUnavailable) }</p>
            }
            <UpdateBanner />
            <NoticeLine />
            if !no_child { <TimerPanel /> }
            if !lazy { <main class="app-main" id="main">{ screen }</main> }
            // Mounted on the first-run screen too: the second module shows
            // the import of a backup there (`MoreRoot`), which the first
            // download does not carry.
            <MoreHost />
            if !no_child { <Tabs /> }
        </div>
    }
}

#[function_component]
fn Header() -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let lang = ctx.lang;
    let other = match lang {
        Lang::ZhCn => Lang::En,
        Lang::En => Lang::ZhCn,
    };
    let on_lang = {
        let set = ctx.set_lang.clone();
        Callback::from(move |_| set.emit(other))
    };
    let on_child = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            let Some(id) = crate::platform::select_value(&e) else {
                return;
            };
            let ctx = ctx.clone();
            yew::platform::spawn_local(async move { actions::select_child(&ctx, id).await });
        })
    };
    let selected = ctx.children.selected.clone().unwrap_or_default();
    html! {
        <header class="app-header">
            <h1>{ lang.text(Msg::AppName) }</h1>
            if ctx.children.list.len() > 1 {
                <label class="child-switch">
                    <span class="visually-hidden">{ lang.text(Msg::ChooseChild) }</span>
                    <select onchange={on_child}>
                        { for ctx.children.list.iter().map(|c| html! {
                            <option value={c.id.clone()} selected={c.id == selected}>{ c.nickname() }</option>
                        }) }
                    </select>
                </label>
            } else if let Some(c) = ctx.children.current() {
                <span class="child-name">{ c.nickname() }</span>
            }
            // The accessible name starts with the visible text (WCAG 2.5.3).
            <button type="button" class="lang-toggle" onclick={on_lang}
                aria-label={format!("{} · {}", other.text(Msg::LanguageName), lang.text(Msg::SwitchLanguage))}>
                <span lang={other.tag()}>{ other.text(Msg::LanguageName) }</span>
            </button>
        </header>
    }
}

/// The live line that says "saved" or what failed (also the second
/// module's notices, forwarded by `MoreHost`).
#[function_component]
fn NoticeLine() -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let lang = ctx.lang;
    let text = match &*ctx.notice {
        None => String::new(),
        Some(Notice::Saved) => lang.text(Msg::Saved).to_owned(),
        Some(Notice::QuotaExceeded) => lang.text(Msg::QuotaExceeded).to_owned(),
        Some(Notice::StorageFailed(why)) => format!("{} {why}", lang.text(Msg::SaveFailed)),
        Some(Notice::Text(t)) => t.clone(),
    };
    let bad = matches!(
        &*ctx.notice,
        Some(Notice::QuotaExceeded | Notice::StorageFailed(_))
    );
    html! {
        <p class={classes!("notice", bad.then_some("bad"))} role="status" aria-live="polite">{ text }</p>
    }
}

#[function_component]
fn Tabs() -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let lang = ctx.lang;
    let tab = |route: Route, msg: Msg, active: bool| {
        html! {
            <Link to={route} class={classes!("tab", active.then_some("active"))} current={active}>{ lang.text(msg) }</Link>
        }
    };
    let r = ctx.route;
    html! {
        <nav class="tabs" aria-label={lang.text(Msg::Navigation)}>
            { tab(Route::Today, Msg::TabToday, matches!(r, Route::Today | Route::Day(_))) }
            { tab(Route::Log(None), Msg::TabLog, matches!(r, Route::Log(_))) }
            { tab(Route::Sleep, Msg::TabSleep, r == Route::Sleep) }
            { tab(Route::Week(None), Msg::TabWeek, matches!(r, Route::Week(_) | Route::Month(_))) }
            { tab(Route::Data, Msg::TabMore, matches!(r, Route::Data | Route::Children | Route::Surveys | Route::Survey(_) | Route::Report | Route::Outbox)) }
        </nav>
    }
}

/// "A new version is ready": shown when the service worker has installed a
/// new build; the parent chooses when to switch.
#[function_component]
fn UpdateBanner() -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let ready = use_state(crate::platform::update_waiting);
    {
        let ready = ready.clone();
        use_effect_with((), move |()| {
            let listener = crate::platform::on_update_ready(move || ready.set(true));
            move || drop(listener)
        });
    }
    if !*ready {
        return Html::default();
    }
    let lang = ctx.lang;
    html! {
        <p class="update" role="status">
            <span>{ lang.text(Msg::UpdateReady) }</span>
            <button type="button" class="primary" onclick={Callback::from(|_| crate::platform::apply_update())}>
                { lang.text(Msg::UpdateNow) }
            </button>
        </p>
    }
}
