//! Nights: bedtime and wake time, with bedtimes after midnight belonging to
//! the evening before; each night against the required hours and bedtime.

use jianfu_core::log::{Night, NightError};
use jianfu_core::{Date, TimeOfDay};
use yew::prelude::*;

use crate::actions;
use crate::i18n::AppLang;
use crate::i18n::{MoreMsg, Msg};
use crate::platform;
use crate::state::AppCtx;

/// The sleep screen.
#[function_component]
pub fn SleepView() -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let lang = ctx.lang;
    let today = actions::school_today(&ctx);
    let night_of = use_state(|| today.add_days(-1).to_string());
    let bedtime = use_state(|| "21:00".to_owned());
    let wake = use_state(|| "07:00".to_owned());
    let error = use_state(|| None::<&'static str>);
    let Some(child) = ctx.children.current().cloned() else {
        return Html::default();
    };
    let rules = child.child.rules;
    let grade = child.child.grade;

    let on_submit = {
        let (ctx, night_of, bedtime, wake, error) = (
            ctx.clone(),
            night_of.clone(),
            bedtime.clone(),
            wake.clone(),
            error.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let parsed = (
                Date::parse(&night_of),
                TimeOfDay::parse(&bedtime),
                TimeOfDay::parse(&wake),
            );
            let (Ok(d), Ok(b), Ok(w)) = parsed else {
                error.set(Some(lang.text(MoreMsg::NightFieldsNeeded)));
                return;
            };
            match Night::new(d, b, w) {
                Err(NightError::TooLong) => error.set(Some(lang.text(MoreMsg::NightTooLong))),
                Err(_) => error.set(Some(lang.text(MoreMsg::NightNoSleep))),
                Ok(n) => {
                    error.set(None);
                    let ctx = ctx.clone();
                    yew::platform::spawn_local(async move {
                        let _ = actions::put_night(&ctx, n).await;
                    });
                }
            }
        })
    };
    let field = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            state.set(platform::select_value(&e.into()).unwrap_or_default());
        })
    };
    let required = rules.sleep_minutes(grade);
    let latest = rules.latest_bedtime(grade);
    let mut nights: Vec<&Night> = ctx.log.data.nights.iter().collect();
    nights.reverse();
    html! {
        <section class="sleep">
            <h2>{ lang.text(MoreMsg::SleepHeading) }</h2>
            <p class="rule-notice">{ lang.sleep_rule(required, &latest.to_string()) }</p>
            <form class="card form" onsubmit={on_submit}>
                <label>{ lang.text(MoreMsg::NightOf) }
                    <input type="date" name="night_of" required=true value={(*night_of).clone()} oninput={field(&night_of)} />
                </label>
                <label>{ lang.text(MoreMsg::Bedtime) }
                    <input type="time" name="bedtime" required=true value={(*bedtime).clone()} oninput={field(&bedtime)} />
                </label>
                <label>{ lang.text(MoreMsg::Wake) }
                    <input type="time" name="wake" required=true value={(*wake).clone()} oninput={field(&wake)} />
                </label>
                <p class="help">{ lang.text(MoreMsg::AfterMidnightHelp) }</p>
                if let Some(e) = *error { <p class="field-error" role="alert">{ e }</p> }
                <button type="submit" class="primary">{ lang.text(MoreMsg::Save) }</button>
            </form>
            <ul class="nights">
                { for nights.into_iter().take(14).map(|n| night_row(&ctx, *n, required, latest)) }
            </ul>
        </section>
    }
}

fn night_row(ctx: &AppCtx, n: Night, required: u16, latest: TimeOfDay) -> Html {
    let lang = ctx.lang;
    let slept = n.sleep_minutes();
    let short = slept < u32::from(required);
    let late = n.late_by(latest);
    let on_delete = {
        let (ctx, d) = (ctx.clone(), n.night_of());
        Callback::from(move |_| {
            if platform::confirm(lang.text(MoreMsg::DeleteEntryQuestion)) {
                let ctx = ctx.clone();
                yew::platform::spawn_local(async move { actions::delete_night(&ctx, d).await });
            }
        })
    };
    let date = platform::format_date(n.night_of(), lang.tag(), true);
    html! {
        <li class={classes!("card", "night", short.then_some("short"))} data-night={n.night_of().to_string()}>
            <span class="night-date">{ &date }</span>
            <span class="night-times">{ n.bedtime().to_string() }{ " → " }{ n.wake().to_string() }</span>
            <span class="slept">{ lang.hours_minutes(slept) }</span>
            <span class="meta">
                { if short { lang.text(Msg::SleepShort) } else { lang.text(Msg::SleepEnough) } }
                if late > 0 { { " · " }{ lang.late_by(late) } }
            </span>
            <button type="button" class="danger" onclick={on_delete}
                aria-label={format!("{} {date}", lang.text(MoreMsg::Delete))}>{ lang.text(MoreMsg::Delete) }</button>
        </li>
    }
}
