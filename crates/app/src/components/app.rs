//! The root: loads the class feed and shows today's homework.

use std::rc::Rc;

use jianfu_core::{Date, Feed};
use yew::prelude::*;

use super::TodayList;
use crate::i18n::{Lang, Msg};
use crate::platform;

/// The demo class served by `cargo xtask serve`, relative to the app's page.
pub const DEMO_FEED: &str = "demo/feeds/g4c2.json";

/// Where the feed stands.
#[derive(Debug, Clone, PartialEq)]
pub enum FeedState {
    /// Being fetched.
    Loading,
    /// Fetched and valid.
    Ready(Rc<Feed>),
    /// Could not be fetched (network or HTTP status), with the reason.
    Unreachable(String),
    /// Fetched but invalid, with every problem found.
    Invalid(String),
}

/// Root properties.
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// URL of the class's `jianfu.feed/1`.
    pub feed: AttrValue,
    /// The language; default: the browser's.
    #[prop_or_default]
    pub lang: Option<Lang>,
}

/// The app.
#[function_component]
pub fn App(props: &AppProps) -> Html {
    let lang = props.lang.unwrap_or_else(|| {
        platform::browser_language().map_or_else(Lang::default, |t| Lang::from_tag(&t))
    });
    let state = use_state(|| FeedState::Loading);
    {
        let state = state.clone();
        use_effect_with(props.feed.clone(), move |url| {
            let url = url.clone();
            state.set(FeedState::Loading);
            yew::platform::spawn_local(async move {
                state.set(load(&url).await);
            });
        });
    }
    html! {
        <div class="app" lang={lang.tag()}>
            <header class="app-header"><h1>{ lang.text(Msg::AppName) }</h1></header>
            <main class="app-main">
                <h2>{ lang.text(Msg::TodayHeading) }</h2>
                { body(&state, lang) }
            </main>
        </div>
    }
}

async fn load(url: &str) -> FeedState {
    match platform::fetch_text(url).await {
        Err(e) => FeedState::Unreachable(e.to_string()),
        Ok(text) => match Feed::parse(&text) {
            Ok(feed) => FeedState::Ready(Rc::new(feed)),
            Err(problems) => FeedState::Invalid(problems.to_string()),
        },
    }
}

fn body(state: &FeedState, lang: Lang) -> Html {
    match state {
        FeedState::Loading => {
            html! { <p class="status" role="status">{ lang.text(Msg::Loading) }</p> }
        }
        FeedState::Unreachable(why) => html! {
            <div class="error" role="alert"><p>{ lang.text(Msg::FeedUnreachable) }</p><p class="detail">{ why }</p></div>
        },
        FeedState::Invalid(why) => html! {
            <div class="error" role="alert"><p>{ lang.text(Msg::FeedInvalid) }</p><pre class="detail">{ why }</pre></div>
        },
        FeedState::Ready(feed) => {
            let today: Date = feed.school.timezone.date_of(platform::now());
            html! { <TodayList feed={feed.clone()} date={today} {lang} /> }
        }
    }
}
