//! The national indicator for a span of days: the share of logged school
//! days within the limit against the 90 % target (rules.md: 46 % before
//! the policy, above 90 % after), in a sentence and as a bar with the
//! target marked. The week and month screens show it for themselves and
//! for the term so far.

use jianfu_core::evaluate::{Share, TARGET_PERCENT};
use jianfu_core::text::fixed;
use yew::prelude::*;

use crate::i18n::AppLang;
use crate::state::AppCtx;

/// Properties of [`ShareFigure`].
#[derive(Properties, PartialEq)]
pub struct ShareFigureProps {
    /// "本周达标率", "This term so far"…
    pub scope: AttrValue,
    /// The days.
    pub share: Share,
}

/// The share, in words and as a bar against the target line.
#[function_component]
pub fn ShareFigure(props: &ShareFigureProps) -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let sentence = ctx.lang.share_sentence(&props.scope, props.share);
    let percent = props.share.percent();
    let met = props.share.meets_target();
    // 0–100 % over x = 4…316 of a 320-wide box.
    let x = |p: f64| fixed(4.0 + p * 3.12, 1);
    let target = x(f64::from(TARGET_PERCENT));
    html! {
        <figure class={classes!("share", percent.is_some().then_some(if met { "met" } else { "below" }))}
            data-percent={percent.map(|p| fixed(p, 1))}>
            <figcaption class="share-text">{ &sentence }</figcaption>
            <svg viewBox="0 0 320 30" role="img" aria-label={sentence.clone()}>
                <rect class="track" x="4" y="8" width="312" height="12" rx="3" />
                if let Some(p) = percent {
                    <rect class="fill" x="4" y="8" width={fixed(p * 3.12, 1)} height="12" rx="3" />
                }
                <line class="target" x1={target.clone()} x2={target.clone()} y1="3" y2="25" />
                <text class="target-label" x={target} y="30">{ format!("{TARGET_PERCENT}%") }</text>
            </svg>
        </figure>
    }
}
