//! Every screen but the day's homework (with its timers) and the children
//! (the first visit's welcome form) lives in a second WebAssembly module,
//! built from this crate with only the `more` entry point: the log, sleep,
//! the week, data, surveys, the report with its HPKE sealing, the outbox.
//! The first download carries none of their code; the second module is
//! fetched once the app is up (the service worker keeps both for offline).
//!
//! The app's [`MoreHost`] asks the boot script for that module and mounts
//! it in `#more`, the page's element after the app's own; the module's
//! [`MoreApp`] then runs as a second Yew app there with its own copy of the
//! app's state, read from the same storage ([`super::use_app_ctx`]). Each
//! side announces what it commits (outbox items, children, the log, a new
//! copy of the feed) and the other reloads it, so a report queued there is
//! sent by the app's outbox runner, a timer stopped in the app shows in the
//! log there, and a child switched in the header shows there.
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
use super::outbox::use_outbox;
use super::{
    ChildrenView, DataView, ImportCard, LogView, MonthView, OutboxRunner, OutboxView, ReportView,
    SleepView, SurveysView, WeekView,
};
use crate::i18n::AppLang;
use crate::i18n::{Lang, MoreMsg, Msg};
use crate::platform;
use crate::route::Route;
use crate::state::{AppCtx, Notice, OutboxHandle};
use crate::store::Store;

#[derive(Clone, PartialEq)]
enum Status {
    /// Not asked for yet.
    Idle,
    Loading,
    Shown,
    Failed(String),
}

/// The prefix of the second module's badge count on the notice channel.
pub const BADGE_WIRE: &str = "badge:";

/// Properties of [`MoreHost`].
#[derive(Properties, PartialEq)]
pub struct MoreHostProps {
    /// Sets the feedback tab's count.
    pub on_badge: UseStateSetter<u32>,
}

/// In the app: loads the second module once the app is up (when the
/// browser is idle, or at once when one of its screens is opened) and
/// mounts it in `#more`, where it stays, rendering nothing on the app's own
/// screens. On its screens, says so while it loads and offers to try again
/// if it cannot (offline before the service worker has it).
#[function_component]
pub fn MoreHost(props: &MoreHostProps) -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let (lang, lazy) = (ctx.lang, ctx.route.is_lazy());
    let handle = use_mut_ref(|| None::<platform::MoreHandle>);
    // The second module's notices, shown on this app's line, and its count
    // for the feedback tab's badge (`badge:N`).
    let notify = {
        let notice = ctx.notice.clone();
        let badge = props.on_badge.clone();
        use_mut_ref(move || {
            platform::Notifier::new(move |wire: String| {
                match wire.strip_prefix(BADGE_WIRE).and_then(|n| n.parse().ok()) {
                    Some(n) => badge.set(n),
                    None => notice.set(Notice::from_wire(&wire)),
                }
            })
        })
    };
    let status = use_state(|| Status::Idle);
    // Bumped to (re)load: by the idle callback, a lazy screen, a retry.
    let attempt = use_state(|| 0_u32);
    // The language now, for a module that finishes loading after a switch.
    let current = use_mut_ref(|| lang);
    *current.borrow_mut() = lang;
    {
        let attempt = attempt.clone();
        use_effect_with((), move |()| platform::on_idle(move || attempt.set(1)));
    }
    {
        // Opening one of its screens loads it now, or again if loading it
        // in the background failed.
        let (attempt, status) = (attempt.clone(), status.clone());
        use_effect_with(lazy, move |&lazy| {
            if lazy && (*attempt == 0 || matches!(*status, Status::Failed(_))) {
                attempt.set(*attempt + 1);
            }
        });
    }
    {
        let (handle, status) = (handle.clone(), status.clone());
        use_effect_with(*attempt, move |&n| {
            let notify = notify.borrow().handle();
            let gone = Rc::new(Cell::new(false));
            if n > 0
                && handle.borrow().is_none()
                && let Some(el) = platform::more_root()
            {
                status.set(Status::Loading);
                let (gone, handle) = (gone.clone(), handle.clone());
                yew::platform::spawn_local(async move {
                    let tag = current.borrow().tag();
                    match platform::load_more(&el, tag, &notify).await {
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
            move || gone.set(true)
        });
    }
    {
        // Unmounted with the app's frame (the last child deleted).
        let handle = handle.clone();
        use_effect_with((), move |()| {
            move || {
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
        let attempt = attempt.clone();
        Callback::from(move |_| attempt.set(*attempt + 1))
    };
    match &*status {
        _ if !lazy => Html::default(),
        Status::Shown => Html::default(),
        // The reason (a JS error) is not shown: it means nothing to a parent.
        Status::Failed(_) => html! {
            <div class="app-main">
                <p class="warning" role="alert">{ lang.text(Msg::ScreenLoadFailed) }</p>
                <button type="button" class="primary" onclick={retry}>{ lang.text(Msg::TryAgain) }</button>
            </div>
        },
        Status::Idle | Status::Loading => html! {
            <div class="app-main"><p class="status" role="status">{ lang.text(Msg::Loading) }</p></div>
        },
    }
}

/// Properties of [`MoreApp`].
#[derive(Properties, PartialEq)]
pub struct MoreProps {
    /// The host app's language (it owns the switch).
    pub lang: Lang,
    /// Shows a notice on the app's notice line (one line for the page).
    pub notify: Callback<Notice>,
    /// Sets the count on the app's feedback tab.
    pub badge: Callback<u32>,
}

/// In the second module: opens storage, then shows the screen of the
/// current route.
#[function_component]
pub fn MoreApp(props: &MoreProps) -> Html {
    match use_store(crate::store::DB_NAME) {
        None => Html::default(),
        Some(store) => {
            html! { <MoreRoot {store} lang={props.lang} notify={props.notify.clone()} badge={props.badge.clone()} /> }
        }
    }
}

#[derive(Properties, PartialEq)]
struct MoreRootProps {
    store: Store,
    lang: Lang,
    notify: Callback<Notice>,
    badge: Callback<u32>,
}

#[function_component]
fn MoreRoot(props: &MoreRootProps) -> Html {
    let ctx = use_app_ctx(&props.store, props.lang, Scope::Lazy);
    let outbox = use_outbox(&props.store);
    // This module formats its own dates (the week's): make its formatters
    // while the browser is idle, not on the first tap on the week tab.
    use_effect_with(props.lang, |lang| platform::warm_date_formats(lang.tag()));
    let ctx = AppCtx {
        lang: props.lang,
        ..ctx
    };
    {
        // Each notice goes to the app's line, then is cleared here so that
        // the same notice twice is shown twice.
        let (notice, notify) = (ctx.notice.clone(), props.notify.clone());
        use_effect_with((*ctx.notice).clone(), move |n| {
            if let Some(n) = n {
                notify.emit(n.clone());
                notice.set(None);
            }
        });
    }
    {
        // The feedback tab's count: open surveys not answered here, and
        // what waits in the outbox (sent receipts do not count).
        let open = super::surveys::use_open_surveys(&ctx, &outbox.answered);
        let n = u32::try_from(outbox.waiting() + open).unwrap_or(u32::MAX);
        let badge = props.badge.clone();
        use_effect_with(n, move |n| badge.emit(*n));
    }
    if !ctx.children.loaded {
        return Html::default();
    }
    let lang = ctx.lang;
    if ctx.children.list.is_empty() {
        // The first-run screen (the app's): restoring a backup on a new
        // device, below the form that adds a child. Its code and texts
        // live here, not in the first download.
        return html! {
            <ContextProvider<AppCtx> context={ctx}>
                <aside class="app-main first-run-import" lang={lang.tag()}
                    aria-label={lang.text(MoreMsg::ImportHeading)}>
                    <ImportCard />
                </aside>
                <UpdateBanner />
            </ContextProvider<AppCtx>>
        };
    }
    // The outbox runner lives here, with the screens that fill the outbox
    // (surveys, report), so the first download carries no sending code;
    // this module loads at idle after every start and stays mounted.
    let screen = match ctx.route {
        Route::Log(d) => html! { <LogView date={d} /> },
        Route::Sleep => html! { <SleepView /> },
        Route::Week(d) => html! { <WeekView date={d} /> },
        Route::Month(d) => html! { <MonthView date={d} /> },
        Route::Data => html! { <DataView /> },
        Route::Surveys => html! { <SurveysView open={None::<usize>} /> },
        Route::Survey(i) => html! { <SurveysView open={Some(i)} /> },
        Route::Report => html! { <ReportView /> },
        Route::Outbox => html! { <OutboxView /> },
        Route::Invite => html! { <super::surveys::InviteView /> },
        Route::Children => html! { <ChildrenView /> },
        // The app's own screens: nothing here but the runner.
        Route::Today | Route::Day(_) => Html::default(),
    };
    let own = ctx.route.is_lazy();
    html! {
        <ContextProvider<AppCtx> context={ctx}>
            <ContextProvider<OutboxHandle> context={outbox}>
                <OutboxRunner />
                if own {
                    <main class="app-main" id="main" lang={lang.tag()}>{ screen }</main>
                }
                <UpdateBanner />
            </ContextProvider<OutboxHandle>>
        </ContextProvider<AppCtx>>
    }
}

/// "A new version is ready": shown when the service worker has installed a
/// new build; the parent chooses when to switch. A bar above the tabs,
/// drawn by the second module (it loads at idle after every start), so the
/// first download does not carry it.
#[function_component]
pub fn UpdateBanner() -> Html {
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
            <span>{ lang.text(MoreMsg::UpdateReady) }</span>
            <button type="button" class="primary" onclick={Callback::from(|_| crate::platform::apply_update())}>
                { lang.text(MoreMsg::UpdateNow) }
            </button>
        </p>
    }
}
