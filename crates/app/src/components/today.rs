//! One date's published homework: subject, title, kind, estimated minutes.

use std::rc::Rc;

use jianfu_core::feed::{Item, Tier};
use jianfu_core::{Date, Feed};
use yew::prelude::*;

use crate::i18n::{Lang, Msg};

/// Properties of [`TodayList`].
#[derive(Properties, PartialEq)]
pub struct TodayListProps {
    /// The class feed.
    pub feed: Rc<Feed>,
    /// The school-local date to show.
    pub date: Date,
    /// The language.
    pub lang: Lang,
}

/// The homework list for one date.
#[function_component]
pub fn TodayList(props: &TodayListProps) -> Html {
    let lang = props.lang;
    let Some(day) = props.feed.day(props.date).filter(|d| !d.items.is_empty()) else {
        return html! { <p class="empty">{ lang.text(Msg::NoHomeworkToday) }</p> };
    };
    html! {
        <section class="today" aria-label={lang.text(Msg::TodayHeading)}>
            <p class="written-total">
                { lang.text(Msg::WrittenTotal) }{ " " }
                <strong>{ lang.minutes(day.written_core_minutes()) }</strong>
            </p>
            <ul class="items">
                { for day.items.iter().map(|item| item_row(item, lang)) }
            </ul>
        </section>
    }
}

fn item_row(item: &Item, lang: Lang) -> Html {
    html! {
        <li class="item" key={item.id.clone()} data-item={item.id.clone()}>
            <span class="subject">{ lang.subject(item.subject.as_str()) }</span>
            <span class="title">{ item.title.pick(lang.tag()) }</span>
            <span class="meta">
                <span class={classes!("kind", format!("kind-{}", item.kind.as_str()))}>{ lang.kind(item.kind) }</span>
                if item.tier == Tier::Optional {
                    <span class="optional">{ lang.text(Msg::Optional) }</span>
                }
                <span class="minutes">{ lang.minutes(u32::from(item.estimated_minutes.get())) }</span>
            </span>
        </li>
    }
}
