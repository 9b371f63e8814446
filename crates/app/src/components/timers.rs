//! The running stopwatches, on every screen: elapsed time, pause/resume,
//! done, "stop for bed" (logged as unfinished), and the bedtime reminder:
//! past the latest bedtime the app says "time for bed", never "finish first".

use jianfu_core::TimeZone;
use yew::prelude::*;

use crate::actions::{self, TimerEnd};
use crate::i18n::Msg;
use crate::platform;
use crate::state::AppCtx;
use crate::store::TimerRecord;

/// The current time, refreshed every second while mounted.
#[hook]
fn use_now() -> jianfu_core::Instant {
    let now = use_state(platform::now);
    {
        let now = now.clone();
        use_effect_with((), move |()| {
            let interval = platform::Interval::new(1000, move || now.set(platform::now()));
            move || drop(interval)
        });
    }
    *now
}

/// `h:mm:ss` or `m:ss`.
pub fn clock(seconds: i64) -> String {
    let s = seconds.max(0);
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// All stopwatches of the selected child.
#[function_component]
pub fn TimerPanel() -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    if ctx.log.data.timers.is_empty() {
        return Html::default();
    }
    html! { <TimerList /> }
}

#[function_component]
fn TimerList() -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let lang = ctx.lang;
    let now = use_now();
    let Some(child) = ctx.children.current() else {
        return Html::default();
    };
    let tz: TimeZone = ctx
        .feed
        .feed
        .as_ref()
        .map(|f| f.school.timezone)
        .unwrap_or_default();
    let latest = child
        .child
        .rules
        .latest_bedtime(child.child.grade)
        .minutes_after_midnight();
    let local = now.time_at(tz.offset_minutes()).minutes_after_midnight();
    let past_bedtime = ctx.log.data.timers.iter().any(|t| t.watch.is_running())
        && (local >= latest || local < 5 * 60);
    html! {
        <section class="timers" aria-label={lang.text(Msg::TimersHeading)}>
            if past_bedtime {
                <p class="bedtime" role="alert">{ lang.text(Msg::BedtimeReminder) }</p>
            }
            <ul>
                { for ctx.log.data.timers.iter().map(|t| html! { <TimerRow timer={t.clone()} {now} key={t.id.clone()} /> }) }
            </ul>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct TimerRowProps {
    timer: TimerRecord,
    now: jianfu_core::Instant,
}

#[function_component]
fn TimerRow(props: &TimerRowProps) -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let lang = ctx.lang;
    let confirm = use_state(|| None::<String>);
    let t = &props.timer;
    let elapsed = t.watch.elapsed_seconds(props.now);
    let anomaly = t.watch.clock_anomaly(props.now);
    let title = t
        .item
        .as_ref()
        .and_then(|id| {
            ctx.feed
                .feed
                .as_ref()?
                .days
                .iter()
                .flat_map(|d| &d.items)
                .find(|i| &i.id == id)
        })
        .map_or_else(
            || lang.subject(&t.subject).to_owned(),
            |i| i.title.pick(lang.tag()).to_owned(),
        );
    let act = |end: Option<TimerEnd>| {
        let (ctx, t, confirm) = (ctx.clone(), t.clone(), confirm.clone());
        Callback::from(move |_| {
            let (ctx, t) = (ctx.clone(), t.clone());
            match end {
                None => {
                    yew::platform::spawn_local(async move { actions::toggle_timer(&ctx, t).await });
                }
                Some(TimerEnd::Discard) => {
                    if platform::confirm(lang.text(Msg::DiscardTimerQuestion)) {
                        yew::platform::spawn_local(async move {
                            actions::finish_timer(&ctx, t, TimerEnd::Discard, None).await;
                        });
                    }
                }
                Some(end) if anomaly && confirm.is_none() => {
                    let m = (t.watch.elapsed_seconds(platform::now()) + 30) / 60;
                    confirm.set(Some(m.clamp(0, 600).to_string()));
                    let _ = end;
                }
                Some(end) => {
                    let minutes = confirm
                        .as_ref()
                        .and_then(|m| m.parse::<u16>().ok())
                        .filter(|m| *m <= 600);
                    yew::platform::spawn_local(async move {
                        actions::finish_timer(&ctx, t, end, minutes).await;
                    });
                }
            }
        })
    };
    let on_minutes = {
        let confirm = confirm.clone();
        Callback::from(move |e: InputEvent| confirm.set(platform::select_value(&e.into())))
    };
    let running = t.watch.is_running();
    html! {
        <li class={classes!("card", "timer", running.then_some("running"))}>
            <span class="timer-title">{ lang.subject(&t.subject) }{ " · " }{ title }</span>
            <span class="elapsed" role="timer" aria-label={lang.text(Msg::Elapsed)}>{ clock(elapsed) }</span>
            if !running { <span class="paused">{ lang.text(Msg::Paused) }</span> }
            if anomaly {
                <p class="warning">{ lang.text(Msg::ClockJumped) }</p>
            }
            if let Some(m) = &*confirm {
                <label class="confirm-minutes">{ lang.text(Msg::MinutesToLog) }
                    <input type="number" inputmode="numeric" min="0" max="600" value={m.clone()} oninput={on_minutes} />
                </label>
            }
            <div class="timer-actions">
                <button type="button" onclick={act(None)}>{ lang.text(if running { Msg::Pause } else { Msg::Resume }) }</button>
                <button type="button" class="primary" onclick={act(Some(TimerEnd::Finished))}>{ lang.text(Msg::Done) }</button>
                <button type="button" onclick={act(Some(TimerEnd::Unfinished))}>{ lang.text(Msg::StopForBed) }</button>
                <button type="button" class="quiet" onclick={act(Some(TimerEnd::Discard))}
                    aria-label={lang.text(Msg::DiscardTimer)}>{ "✕" }</button>
            </div>
        </li>
    }
}
