//! Small pieces used by several screens.

use jianfu_core::rules::WrittenLimit;
use jianfu_core::text::fixed;
use yew::prelude::*;

use crate::i18n::Msg;
use crate::platform;
use crate::state::{AppCtx, FeedProblem};

/// Properties of [`LimitBar`].
#[derive(Properties, PartialEq)]
pub struct LimitBarProps {
    /// What is measured.
    pub label: AttrValue,
    /// Minutes.
    pub minutes: u32,
    /// Against this limit.
    pub limit: WrittenLimit,
}

/// How full a limit is: shown as a colour AND as words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Below 80 %.
    Ok,
    /// 80–100 %.
    Near,
    /// Above.
    Over,
}

/// The level of `minutes` against `limit`.
pub fn level(minutes: u32, limit: WrittenLimit) -> Level {
    let Some(l) = limit.minutes().map(u32::from) else {
        return Level::Ok;
    };
    if minutes > l {
        Level::Over
    } else if minutes > 0 && minutes * 5 >= l * 4 {
        Level::Near
    } else {
        Level::Ok
    }
}

/// A bar of minutes against the limit: green, amber near it, red over it,
/// always with the numbers and a word, so colour is never the only signal.
/// Drawn in SVG: the strict CSP forbids inline `style` widths.
#[function_component]
pub fn LimitBar(props: &LimitBarProps) -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let lang = ctx.lang;
    let lvl = level(props.minutes, props.limit);
    let (class, word) = match lvl {
        Level::Ok => ("ok", Msg::WithinLimit),
        Level::Near => ("near", Msg::NearLimit),
        Level::Over => ("over", Msg::OverLimit),
    };
    let limit_text = match props.limit {
        WrittenLimit::NoCap => lang.text(Msg::NoLimit).to_owned(),
        WrittenLimit::NoneAllowed => lang.text(Msg::NoneAllowed).to_owned(),
        WrittenLimit::Minutes(m) => lang.minutes(u32::from(m)),
    };
    let scale = props
        .limit
        .minutes()
        .map_or(120, |m| u32::from(m.max(1)))
        .max(props.minutes)
        .max(1);
    let width = |m: u32| fixed(f64::from(m.min(scale)) * 100.0 / f64::from(scale), 1);
    let limit_x = props.limit.minutes().map(|m| width(u32::from(m)));
    html! {
        <div class={classes!("limit-bar", class)}>
            <p class="limit-text">
                <span>{ &props.label }{ ": " }<strong>{ lang.minutes(props.minutes) }</strong>{ " / " }{ limit_text }</span>
                <span class="limit-word">{ lang.text(word) }</span>
            </p>
            <svg viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect class="track" x="0" y="0" width="100" height="6" rx="3" />
                <rect class="fill" x="0" y="0" width={width(props.minutes)} height="6" rx="3" />
                if let Some(x) = limit_x { <rect class="mark" x={x} y="0" width="0.8" height="6" /> }
            </svg>
        </div>
    }
}

/// Where the feed stands: loading, how old the shown copy is, what failed.
#[function_component]
pub fn FeedStatus() -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let lang = ctx.lang;
    let view = &*ctx.feed;
    let age = view.fetched_at.map(platform::age_seconds);
    let problem = view.problem.as_ref().map(|p| match p {
        FeedProblem::Unreachable(why) => (lang.text(Msg::FeedUnreachable), why.clone()),
        FeedProblem::Invalid(why) => (lang.text(Msg::FeedInvalid), why.clone()),
    });
    html! {
        <div class="feed-status">
            if view.loading && view.feed.is_none() {
                <p class="status" role="status">{ lang.text(Msg::Loading) }</p>
            }
            if let Some((title, why)) = problem {
                <div class="error" role="alert">
                    <p>{ title }</p>
                    <pre class="detail">{ why }</pre>
                    if view.feed.is_some() { <p>{ lang.text(Msg::ShowingLastGoodCopy) }</p> }
                </div>
            }
            if let (Some(a), true) = (age, view.problem.is_some() || age.is_some_and(|a| a > 3600)) {
                <p class="feed-age">{ lang.updated_ago(a) }</p>
            }
        </div>
    }
}
