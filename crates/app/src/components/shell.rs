//! The frame around every screen: header (child switcher, language), the
//! storage warning, the live notice, the screen itself and the tab bar.

use yew::prelude::*;

use super::{DayView, Link, MoreHost, TimerPanel, first_run};
use crate::actions;
use crate::i18n::AppLang;
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
    // What waits for the parent in the feedback tab (open surveys not yet
    // answered, items in the outbox), counted by the second module.
    let badge = use_state(|| 0_u32);
    use_effect_with(lang, |lang| platform::warm_date_formats(lang.tag()));
    if !ctx.children.loaded {
        return html! { <Splash {lang} /> };
    }
    let no_child = ctx.children.list.is_empty();
    let screen = match (no_child, ctx.route) {
        (true, _) => first_run(lang, &props.demo_feed),
        (false, _) if crate::WELCOME => {
            html! { <p class="status" role="status">{ lang.text(Msg::Loading) }</p> }
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
            <NoticeLine />
            // Only in the welcome build (a constant: the app module has no
            // trace of it).
            if crate::WELCOME { <HandOver has_child={!no_child} /> }
            if !no_child && !crate::WELCOME { <TimerPanel /> }
            if !lazy { <main class="app-main" id="main">{ screen }</main> }
            // Mounted on the first-run screen too: the second module shows
            // the import of a backup there (`MoreRoot`), which the first
            // download does not carry.
            <MoreHost on_badge={badge.setter()} />
            if !no_child && !crate::WELCOME { <Tabs badge={*badge} /> }
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

#[derive(Properties, PartialEq)]
struct HandOverProps {
    has_child: bool,
}

/// The welcome build's way out (see [`crate::WELCOME`]): it has no day
/// screens, so with a child (just added, imported, or there before) it asks
/// the boot script to hand the page to the app module, and keeps its
/// notice line's text for that module to show on.
#[function_component]
fn HandOver(props: &HandOverProps) -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    use_effect_with((*ctx.notice).clone(), |n| {
        HANDED_NOTICE.with(|h| *h.borrow_mut() = n.as_ref().map(Notice::to_wire));
    });
    use_effect_with(props.has_child, |&has_child| {
        if has_child {
            platform::hand_over();
        }
    });
    Html::default()
}

thread_local! {
    /// The welcome build's notice line as it is now, for the app module it
    /// hands over to ([`handed_notice`]).
    static HANDED_NOTICE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// What the welcome build's notice line says (`Notice::to_wire`), if
/// anything: the app module shows it on after the hand-over.
pub fn handed_notice() -> Option<String> {
    HANDED_NOTICE.with(|h| h.borrow().clone())
}

/// The live line that says "saved" or what failed (also the second
/// module's notices, forwarded by `MoreHost`).
///
/// "Saved" fades after a few seconds, and any notice goes when the parent
/// moves to another screen (`use_app_ctx`; issue #16: it used to stay for
/// good); a failure stays until then, since what was entered is still on
/// screen.
#[function_component]
fn NoticeLine() -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let lang = ctx.lang;
    {
        let notice = ctx.notice.clone();
        let saved = *ctx.notice == Some(Notice::Saved);
        use_effect_with(saved, move |saved| {
            // An interval, not a one-shot timeout: it fires once (the notice is then
            // gone and this effect drops it), and costs no new timer binding.
            let fade = saved.then(|| platform::Interval::new(4_000, move || notice.set(None)));
            move || drop(fade)
        });
    }

    let text = match &*ctx.notice {
        None => String::new(),
        Some(Notice::Saved) => lang.text(Msg::Saved).to_owned(),
        Some(Notice::QuotaExceeded) => lang.text(Msg::QuotaExceeded).to_owned(),
        // The browser's reason is not shown (a raw error means nothing to a parent).
        Some(Notice::StorageFailed(_)) => lang.text(Msg::SaveFailed).to_owned(),
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

#[derive(Properties, PartialEq)]
struct TabsProps {
    badge: u32,
}

/// The tab bar: the day, the log, sleep, the week, then the parent's voice
/// (surveys, a report to the bureau and what waits to be sent: half of
/// what the app is for, so a tab of its own with a count) and "more"
/// (children, export, import). Icons are `<use>` of the page's sprite
/// (`web/icons.svg`), so they cost the module a few bytes each and the
/// first visit nothing it waits for.
#[function_component]
fn Tabs(props: &TabsProps) -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let lang = ctx.lang;
    let tab = |route: Route, msg: Msg, icon: &'static str, active: bool, badge: u32| {
        html! {
            <Link to={route} class={classes!("tab", active.then_some("active"))} current={active}>
                <svg class="icon" aria-hidden="true" focusable="false"><use href={icon} /></svg>
                <span class="tab-label">{ lang.text(msg) }</span>
                if badge > 0 {
                    <span class="tab-badge">{ badge }<span class="visually-hidden">{ " " }{ lang.text(Msg::Waiting) }</span></span>
                }
            </Link>
        }
    };
    let r = ctx.route;
    html! {
        <nav class="tabs" aria-label={lang.text(Msg::Navigation)}>
            { tab(Route::Today, Msg::TabToday, "/icons.svg#i-today", matches!(r, Route::Today | Route::Day(_)), 0) }
            { tab(Route::Log(None), Msg::TabLog, "/icons.svg#i-log", matches!(r, Route::Log(_)), 0) }
            { tab(Route::Sleep, Msg::TabSleep, "/icons.svg#i-sleep", r == Route::Sleep, 0) }
            { tab(Route::Week(None), Msg::TabWeek, "/icons.svg#i-week", matches!(r, Route::Week(_) | Route::Month(_)), 0) }
            { tab(Route::Surveys, Msg::TabVoice, "/icons.svg#i-voice", matches!(r, Route::Surveys | Route::Survey(_) | Route::Report | Route::Outbox | Route::Invite), props.badge) }
            { tab(Route::Data, Msg::TabMore, "/icons.svg#i-more", matches!(r, Route::Data | Route::Children), 0) }
        </nav>
    }
}
