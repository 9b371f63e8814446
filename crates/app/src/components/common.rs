//! Small pieces used by several screens.

use jianfu_core::rules::WrittenLimit;
use jianfu_ui::Level;
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

/// The written minutes against the limit, with the app's words for the
/// level ([`jianfu_ui::LimitBar`] draws it, as in the studio).
#[function_component]
pub fn LimitBar(props: &LimitBarProps) -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let lang = ctx.lang;
    let level = Level::of(props.minutes, props.limit);
    let word = match level {
        Level::Ok => Msg::WithinLimit,
        Level::Near => Msg::NearLimit,
        Level::Over => Msg::OverLimit,
    };
    let limit_text = match props.limit {
        WrittenLimit::NoCap => lang.text(Msg::NoLimit).to_owned(),
        WrittenLimit::NoneAllowed => lang.text(Msg::NoneAllowed).to_owned(),
        WrittenLimit::Minutes(m) => lang.minutes(u32::from(m)),
    };
    html! {
        <jianfu_ui::LimitBar
            label={props.label.clone()}
            minutes_text={lang.minutes(props.minutes)}
            {limit_text}
            word={lang.text(word)}
            minutes={props.minutes}
            limit={props.limit}
            {level}
        />
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
