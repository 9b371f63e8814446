//! The outbox: what waits to leave the device, its state, and the runner
//! that sends it when the network allows (retries and back-off in
//! [`crate::actions::send`]).

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::actions;
use crate::i18n::Msg;
use crate::platform;
use crate::state::AppCtx;
use crate::store::{OutKind, OutState, OutboxItem};

/// Sends due items; renders nothing. Wakes every two seconds and when the
/// browser comes back online; one send per item at a time.
#[function_component]
pub fn OutboxRunner() -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let tick = use_force_update();
    let in_flight = use_mut_ref(HashSet::<String>::new);
    {
        let ctx = ctx.clone();
        use_effect_with((), move |()| {
            let t = tick.clone();
            let interval = platform::Interval::new(2000, move || t.force_update());
            let online = platform::on_online(move || {
                let ctx = ctx.clone();
                yew::platform::spawn_local(async move { actions::wake_outbox(&ctx).await });
                tick.force_update();
            });
            move || drop((interval, online))
        });
    }
    let now = platform::now().unix_seconds();
    let due: Vec<OutboxItem> = ctx
        .outbox
        .items
        .iter()
        .filter(|i| actions::due(i, now) && !in_flight.borrow().contains(&i.id))
        .cloned()
        .collect();
    for item in due {
        in_flight.borrow_mut().insert(item.id.clone());
        let (ctx, in_flight): (AppCtx, Rc<RefCell<HashSet<String>>>) =
            (ctx.clone(), in_flight.clone());
        yew::platform::spawn_local(async move {
            let id = item.id.clone();
            actions::send(&ctx, item).await;
            in_flight.borrow_mut().remove(&id);
        });
    }
    Html::default()
}

/// The outbox screen.
#[function_component]
pub fn OutboxView() -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let lang = ctx.lang;
    html! {
        <section class="outbox">
            <h2>{ lang.text(Msg::OutboxHeading) }</h2>
            <p class="help">{ lang.text(Msg::OutboxHelp) }</p>
            if ctx.outbox.items.is_empty() {
                <p class="empty">{ lang.text(Msg::OutboxEmpty) }</p>
            }
            <ul class="outbox-items">
                { for ctx.outbox.items.iter().rev().map(|i| row(&ctx, i)) }
            </ul>
        </section>
    }
}

fn row(ctx: &AppCtx, item: &OutboxItem) -> Html {
    let lang = ctx.lang;
    let what = match item.kind {
        OutKind::Response => lang.text(Msg::SurveyResponse),
        OutKind::Report => lang.text(Msg::SealedReport),
    };
    let (state, class) = match &item.state {
        OutState::Waiting if item.attempts == 0 => {
            (lang.text(Msg::StateWaiting).to_owned(), "waiting")
        }
        OutState::Waiting => (lang.retrying(item.attempts), "waiting"),
        OutState::Sent => (lang.text(Msg::StateSent).to_owned(), "sent"),
        OutState::Failed(why) => (format!("{} {why}", lang.text(Msg::StateFailed)), "failed"),
    };
    let act = |retry: bool| {
        let (ctx, item) = (ctx.clone(), item.clone());
        Callback::from(move |_| {
            let (ctx, item) = (ctx.clone(), item.clone());
            if retry {
                yew::platform::spawn_local(async move { actions::retry(&ctx, item).await });
            } else if platform::confirm(lang.text(Msg::DiscardQuestion)) {
                yew::platform::spawn_local(async move { actions::remove_outbox(&ctx, item).await });
            }
        })
    };
    html! {
        <li class={classes!("card", "out-item", class)} data-out={item.id.clone()}>
            <span class="what">{ what }</span>
            <span class="state">{ state }</span>
            <span class="meta">{ platform::format_date(item.created_on, lang.tag(), false) }</span>
            <span class="row-actions">
                if item.state != OutState::Sent {
                    <button type="button" onclick={act(true)}>{ lang.text(Msg::SendNow) }</button>
                    <button type="button" class="danger" onclick={act(false)}>
                        { lang.text(if item.kind == OutKind::Response { Msg::Withdraw } else { Msg::Discard }) }
                    </button>
                }
            </span>
        </li>
    }
}
