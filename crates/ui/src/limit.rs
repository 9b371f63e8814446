//! The bar of written minutes against the day's limit, as the parent app's
//! Today and the studio's day both draw it: green, amber near the limit,
//! red over it, always with the numbers and a word, so colour is never the
//! only signal. Drawn in SVG: the strict CSP forbids inline `style` widths.

use jianfu_core::rules::WrittenLimit;
use jianfu_core::text::fixed;
use yew::prelude::*;

/// How full a limit is: the bar's colour (its word is the caller's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Below 80 %.
    Ok,
    /// 80–100 %.
    Near,
    /// Above.
    Over,
}

impl Level {
    /// The level of `minutes` against `limit`.
    pub fn of(minutes: u32, limit: WrittenLimit) -> Self {
        let Some(l) = limit.minutes().map(u32::from) else {
            return Self::Ok;
        };
        if minutes > l {
            Self::Over
        } else if minutes > 0 && minutes * 5 >= l * 4 {
            Self::Near
        } else {
            Self::Ok
        }
    }

    fn class(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Near => "near",
            Self::Over => "over",
        }
    }
}

/// Properties of [`LimitBar`].
#[derive(Properties, PartialEq)]
pub struct LimitBarProps {
    /// What is measured ("书面作业（基础）").
    pub label: AttrValue,
    /// The minutes, in words ("45 分钟").
    pub minutes_text: AttrValue,
    /// The limit, in words ("60 分钟", "无上限").
    pub limit_text: AttrValue,
    /// The verdict, in words.
    pub word: AttrValue,
    /// Minutes.
    pub minutes: u32,
    /// Against this limit.
    pub limit: WrittenLimit,
    /// The colour.
    pub level: Level,
    /// More lines under the bar (the studio's minutes apart from the limit).
    #[prop_or_default]
    pub children: Html,
}

/// The bar.
#[function_component]
pub fn LimitBar(props: &LimitBarProps) -> Html {
    let scale = props
        .limit
        .minutes()
        .map_or(120, |m| u32::from(m.max(1)))
        .max(props.minutes)
        .max(1);
    let width = |m: u32| fixed(f64::from(m.min(scale)) * 100.0 / f64::from(scale), 1);
    let mark = props.limit.minutes().map(|m| width(u32::from(m)));
    html! {
        <div class={classes!("limit-bar", props.level.class())}>
            <p class="limit-text">
                <span>{ &props.label }{ ": " }<strong>{ &props.minutes_text }</strong>{ " / " }{ &props.limit_text }</span>
                <span class="limit-word">{ &props.word }</span>
            </p>
            <svg viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect class="track" x="0" y="0" width="100" height="6" rx="3" />
                <rect class="fill" x="0" y="0" width={width(props.minutes)} height="6" rx="3" />
                if let Some(x) = mark { <rect class="mark" x={x} y="0" width="0.8" height="6" /> }
            </svg>
            { props.children.clone() }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels() {
        let sixty = WrittenLimit::Minutes(60);
        assert_eq!(Level::of(0, sixty), Level::Ok);
        assert_eq!(Level::of(47, sixty), Level::Ok);
        assert_eq!(Level::of(48, sixty), Level::Near);
        assert_eq!(Level::of(60, sixty), Level::Near);
        assert_eq!(Level::of(61, sixty), Level::Over);
        assert_eq!(Level::of(500, WrittenLimit::NoCap), Level::Ok);
    }
}
