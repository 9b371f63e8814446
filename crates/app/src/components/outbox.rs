//! The outbox: what waits to leave the device, its state, and the runner
//! that sends it when the network allows (retries and back-off in
//! [`crate::actions::send`]).

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::actions;
use crate::components::app::Reload;
use crate::i18n::AppLang;
use crate::i18n::{MoreMsg, Msg};
use crate::platform;
use crate::platform::Topic;
use crate::state::{AppCtx, Outbox, OutboxAction, OutboxHandle};
use crate::store::{OutKind, OutState, OutboxItem, Store};

/// The outbox, loaded from `store` and reloaded whenever another tab
/// announces a change to it. Called once, by the second module's root,
/// which provides it to the screens that fill it and to [`OutboxRunner`].
#[hook]
pub fn use_outbox(store: &Store) -> OutboxHandle {
    let outbox = use_reducer(Outbox::default);
    {
        let (store, outbox) = (store.clone(), outbox.clone());
        use_effect_with((), move |()| {
            let load = Reload::new(move || {
                let (store, outbox) = (store.clone(), outbox.clone());
                async move {
                    let items = store.outbox().await.unwrap_or_default();
                    outbox.dispatch(OutboxAction::Loaded(items, store.answered_surveys().await));
                }
            });
            load.run();
            let listener = platform::on_announce(Topic::Outbox, move || load.run());
            move || drop(listener)
        });
    }
    outbox
}

/// The outbox its root provides (see [`use_outbox`]).
#[hook]
pub fn use_outbox_ctx() -> OutboxHandle {
    use_context::<OutboxHandle>().expect("the outbox is provided by the second module's root")
}

/// Sends due items; renders nothing. Looks every two seconds, whenever the
/// outbox changes and when the browser comes back online, in an effect
/// (never during a render); one send per item at a time.
#[function_component]
pub fn OutboxRunner() -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let outbox = use_outbox_ctx();
    let tick = use_force_update();
    let in_flight = use_mut_ref(HashSet::<String>::new);
    {
        let outbox = outbox.clone();
        use_effect_with((), move |()| {
            let t = tick.clone();
            let interval = platform::Interval::new(2000, move || t.force_update());
            let online = platform::on_online(move || {
                actions::wake_outbox(&outbox, None);
                tick.force_update();
            });
            move || drop((interval, online))
        });
    }
    // After every render (each tick, each change of the outbox).
    use_effect(move || {
        let now = platform::now().unix_seconds();
        let due: Vec<OutboxItem> = outbox
            .items
            .iter()
            .filter(|i| actions::due(i, now) && !in_flight.borrow().contains(&i.id))
            .cloned()
            .collect();
        for item in due {
            in_flight.borrow_mut().insert(item.id.clone());
            let (ctx, outbox, in_flight): (AppCtx, OutboxHandle, Rc<RefCell<HashSet<String>>>) =
                (ctx.clone(), outbox.clone(), in_flight.clone());
            yew::platform::spawn_local(async move {
                let id = item.id.clone();
                actions::send(&ctx, &outbox, item).await;
                in_flight.borrow_mut().remove(&id);
            });
        }
    });
    Html::default()
}

/// The outbox screen.
#[function_component]
pub fn OutboxView() -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let outbox = use_outbox_ctx();
    let lang = ctx.lang;
    html! {
        <section class="outbox">
            <h2>{ lang.text(MoreMsg::OutboxHeading) }</h2>
            <p class="help">{ lang.text(MoreMsg::OutboxHelp) }</p>
            if outbox.items.is_empty() {
                <p class="empty">{ lang.text(MoreMsg::OutboxEmpty) }</p>
            }
            <ul class="outbox-items">
                { for outbox.items.iter().rev().map(|i| row(&ctx, &outbox, i)) }
            </ul>
        </section>
    }
}

/// One item's card: what, its state, its date, send now / withdraw.
pub(crate) fn row(ctx: &AppCtx, outbox: &OutboxHandle, item: &OutboxItem) -> Html {
    let lang = ctx.lang;
    let what = match item.kind {
        OutKind::Response => lang.text(MoreMsg::SurveyResponse),
        OutKind::Report => lang.text(MoreMsg::SealedReport),
    };
    let (state, class) = match &item.state {
        OutState::Waiting if outbox.solving.contains(&item.id) => {
            (lang.text(MoreMsg::StateBusy).to_owned(), "waiting busy")
        }
        OutState::Waiting if item.attempts == 0 => {
            (lang.text(MoreMsg::StateWaiting).to_owned(), "waiting")
        }
        OutState::Waiting => (lang.retrying(item.attempts), "waiting"),
        OutState::Sent => (lang.text(MoreMsg::StateSent).to_owned(), "sent"),
        OutState::Failed(_) => (lang.text(MoreMsg::StateFailed).to_owned(), "failed"),
    };
    // The receiver's own words (status and reason) are kept for whoever
    // helps the parent, folded away: a raw code means nothing to a parent.
    let why = match &item.state {
        OutState::Failed(why) => Some(why.clone()),
        _ => None,
    };
    let act = |retry: bool| {
        let (ctx, outbox, item) = (ctx.clone(), outbox.clone(), item.clone());
        Callback::from(move |_| {
            let (ctx, outbox, item) = (ctx.clone(), outbox.clone(), item.clone());
            if retry {
                yew::platform::spawn_local(
                    async move { actions::retry(&ctx, &outbox, item).await },
                );
            } else if platform::confirm(lang.text(MoreMsg::DiscardQuestion)) {
                yew::platform::spawn_local(async move {
                    actions::remove_outbox(&ctx, &outbox, item).await;
                });
            }
        })
    };
    html! {
        <li class={classes!("card", "out-item", class.split(' ').collect::<Vec<_>>())} data-out={item.id.clone()}>
            <span class="what">{ what }</span>
            <span class="state">{ state }</span>
            <span class="meta">{ platform::format_date(item.created_on, lang.tag(), false) }</span>
            if let Some(why) = why {
                <details class="why"><summary>{ lang.text(Msg::TechnicalDetails) }</summary>{ why }</details>
            }
            <span class="row-actions">
                if item.state != OutState::Sent {
                    <button type="button" onclick={act(true)}>{ lang.text(MoreMsg::SendNow) }</button>
                    <button type="button" class="danger" onclick={act(false)}>
                        { lang.text(if item.kind == OutKind::Response { MoreMsg::Withdraw } else { MoreMsg::Discard }) }
                    </button>
                }
            </span>
        </li>
    }
}
