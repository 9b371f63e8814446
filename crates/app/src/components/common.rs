//! Small pieces used by several screens.

use jianfu_core::rules::WrittenLimit;
use jianfu_core::text::fixed;
use yew::prelude::*;

use crate::i18n::AppLang;
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

/// Where the feed stands: loading, how old the shown copy is, what is
/// wrong. Offline is a calm line with the time the shown copy was saved,
/// not an error; no raw error text is ever shown, only what it means for
/// the parent (issue #16). The line goes once a fresh copy arrives (the app
/// fetches again when the browser comes back online).
#[function_component]
pub fn FeedStatus() -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let lang = ctx.lang;
    let view = &*ctx.feed;
    let has_copy = view.feed.is_some();
    // "11:20" today, "12月1日 11:20" before: when the shown copy was saved.
    let saved = view.fetched_at.map(|at| {
        let tz = view
            .feed
            .as_ref()
            .map(|f| f.school.timezone)
            .unwrap_or_default();
        let instant = jianfu_core::Instant::from_unix(at, tz.offset_minutes());
        let time = instant.time_at(tz.offset_minutes()).to_string();
        let date = tz.date_of(instant);
        if date == tz.date_of(platform::now()) {
            time
        } else {
            format!("{} {time}", platform::format_date(date, lang.tag(), false))
        }
    });
    let copy = |offline: bool| match (&saved, has_copy) {
        (Some(at), true) => lang.copy_saved_at(at, offline),
        _ => String::new(),
    };
    // One line: calm (role=status) when offline or the site is down, an
    // alert when the parent or the school has something to fix.
    let line = view.problem.as_ref().map(|p| match p {
        FeedProblem::Offline if has_copy => (copy(true), false),
        FeedProblem::Offline => (lang.text(Msg::OfflineNoCopy).to_owned(), false),
        FeedProblem::Unreachable => (
            format!("{} {}", lang.text(Msg::FeedUnreachable), copy(false)),
            false,
        ),
        FeedProblem::NotFound => (
            format!("{} {}", lang.text(Msg::FeedNotFound), copy(false)),
            true,
        ),
        FeedProblem::Invalid(_) => (
            format!("{} {}", lang.text(Msg::FeedInvalid), copy(false)),
            true,
        ),
    });
    let age = view.fetched_at.map(platform::age_seconds);
    html! {
        <div class="feed-status">
            if view.loading && !has_copy {
                <p class="status" role="status">{ lang.text(Msg::Loading) }</p>
            }
            if let Some((text, alert)) = line {
                <div class={if alert { "error" } else { "feed-line" }} role={if alert { "alert" } else { "status" }}>
                    <p>{ text.trim_end() }</p>
                    if let Some(FeedProblem::Invalid(why)) = &view.problem {
                        <details><summary>{ lang.text(Msg::TechnicalDetails) }</summary><pre class="detail">{ why }</pre></details>
                    }
                </div>
            }
            if let (Some(a), None) = (age.filter(|a| *a > 3600), &view.problem) {
                <p class="feed-age">{ lang.updated_ago(a) }</p>
            }
        </div>
    }
}
