//! The running stopwatches, on every screen: elapsed time, pause/resume,
//! done, "stop for bed" (logged as unfinished), and the bedtime reminder:
//! past the latest bedtime the app says "time for bed", never "finish first".

use jianfu_core::TimeZone;
use yew::prelude::*;

use crate::actions::{self, TimerEnd};
use crate::i18n::AppLang;
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

/// How long a discard can be undone before it is carried out.
const UNDO_MS: u32 = 8_000;

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
                { for ctx.log.data.timers.iter().map(|t| html! {
                    <TimerRow timer={t.clone()} {now} key={t.id.clone()} />
                }) }
            </ul>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct TimerRowProps {
    timer: TimerRecord,
    now: jianfu_core::Instant,
}

/// What the row asks before it logs.
#[derive(Clone, PartialEq)]
enum Ask {
    /// The clock jumped: how many minutes to log (as typed).
    Minutes(String),
    /// Under a minute: keep as 1 minute, or discard (a few seconds of
    /// timing logged as "0 minutes" only cluttered the log).
    Short(TimerEnd),
    /// Discarded: carried out after [`UNDO_MS`] unless undone (#16: the
    /// bare "✕" discarded at once, and was easy to hit by mistake). Closing
    /// the app meanwhile keeps the timer.
    Discarding,
}

#[function_component]
fn TimerRow(props: &TimerRowProps) -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let lang = ctx.lang;
    let ask = use_state(|| None::<Ask>);
    let t = &props.timer;
    let elapsed = t.watch.elapsed_seconds(props.now);
    // Against the clock now, not the last tick's: just after a resume the
    // tick (up to a second old) is before the resume, which looked like a
    // clock set back and asked for the minutes.
    let anomaly = t.watch.clock_anomaly(platform::now());
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
    let finish = {
        let (ctx, t) = (ctx.clone(), t.clone());
        Callback::from(move |(end, minutes): (TimerEnd, Option<u16>)| {
            let (ctx, t) = (ctx.clone(), t.clone());
            yew::platform::spawn_local(async move {
                actions::finish_timer(&ctx, t, end, minutes).await;
            });
        })
    };
    {
        let (finish, discarding) = (finish.clone(), *ask == Some(Ask::Discarding));
        use_effect_with(discarding, move |d| {
            // Fires once: the discard removes the row and drops it (were
            // storage to fail, it tries again after the same wait).
            let later = d.then(|| {
                platform::Interval::new(UNDO_MS, move || finish.emit((TimerEnd::Discard, None)))
            });
            move || drop(later)
        });
    }
    let act = |end: Option<TimerEnd>| {
        let (ctx, t, ask, finish) = (ctx.clone(), t.clone(), ask.clone(), finish.clone());
        Callback::from(move |_| {
            let now = platform::now();
            match (end, (*ask).clone()) {
                (None, _) => {
                    let (ctx, t) = (ctx.clone(), t.clone());
                    yew::platform::spawn_local(async move { actions::toggle_timer(&ctx, t).await });
                }
                (Some(TimerEnd::Discard), _) => ask.set(Some(Ask::Discarding)),
                (Some(end), Some(Ask::Minutes(m))) => {
                    finish.emit((end, m.parse::<u16>().ok().filter(|m| *m <= 600)));
                }
                (Some(_), _) if anomaly => {
                    let m = (t.watch.elapsed_seconds(now) + 30) / 60;
                    ask.set(Some(Ask::Minutes(m.clamp(0, 600).to_string())));
                }
                (Some(end), _) if t.watch.elapsed_seconds(now) < 60 => {
                    ask.set(Some(Ask::Short(end)));
                }
                (Some(end), _) => finish.emit((end, None)),
            }
        })
    };
    let on_minutes = {
        let ask = ask.clone();
        Callback::from(move |e: InputEvent| {
            ask.set(Some(Ask::Minutes(
                platform::select_value(&e.into()).unwrap_or_default(),
            )));
        })
    };
    let running = t.watch.is_running();
    let named = |msg: Msg| format!("{} · {title}", lang.text(msg));
    // A question in place of the buttons: under a minute, or a discard
    // that can still be undone.
    let question = |q: Msg, primary: Msg, on: Callback<MouseEvent>, discard: bool| {
        html! {
            <div class="timer-actions short" role="status">
                <p class="question">{ lang.text(q) }</p>
                <button type="button" class="primary" onclick={on}>{ lang.text(primary) }</button>
                if discard {
                    <button type="button" class="danger" onclick={act(Some(TimerEnd::Discard))}
                        aria-label={named(Msg::DiscardTimer)}>{ lang.text(Msg::DiscardTimer) }</button>
                }
            </div>
        }
    };
    let actions = match &*ask {
        Some(Ask::Discarding) => {
            let ask = ask.clone();
            question(
                Msg::TimerDiscarded,
                Msg::Undo,
                Callback::from(move |_| ask.set(None)),
                false,
            )
        }
        Some(Ask::Short(end)) => {
            let end = *end;
            question(
                Msg::UnderAMinute,
                Msg::KeepOneMinute,
                finish.reform(move |_| (end, Some(1))),
                true,
            )
        }
        _ => html! {
            <div class="timer-actions">
                <button type="button" onclick={act(None)}>{ lang.text(if running { Msg::Pause } else { Msg::Resume }) }</button>
                <button type="button" class="primary" onclick={act(Some(TimerEnd::Finished))}>{ lang.text(Msg::Done) }</button>
                <button type="button" onclick={act(Some(TimerEnd::Unfinished))}>{ lang.text(Msg::StopForBed) }</button>
                <button type="button" class="danger quiet" onclick={act(Some(TimerEnd::Discard))}
                    aria-label={named(Msg::DiscardTimer)}>{ lang.text(Msg::DiscardTimer) }</button>
            </div>
        },
    };
    html! {
        <li class={classes!("card", "timer", running.then_some("running"))}>
            <span class="timer-title">{ lang.subject(&t.subject) }{ " · " }{ title.clone() }</span>
            <span class="elapsed" role="timer" aria-label={lang.text(Msg::Elapsed)}>{ clock(elapsed) }</span>
            if !running { <span class="paused">{ lang.text(Msg::Paused) }</span> }
            if anomaly {
                <p class="warning">{ lang.text(Msg::ClockJumped) }</p>
            }
            if let Some(Ask::Minutes(m)) = &*ask {
                <label class="confirm-minutes">{ lang.text(Msg::MinutesToLog) }
                    <input type="number" inputmode="numeric" min="0" max="600" value={m.clone()} oninput={on_minutes} />
                </label>
            }
            { actions }
        </li>
    }
}
