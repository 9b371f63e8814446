//! Adding and managing children: nickname (stays on this device), grade,
//! and the class feed (the demo class by default).
//!
//! The first-run screen ([`first_run`]: what the app does, then the form)
//! is in the first download; the screen that lists and manages children
//! ([`ChildrenView`]) only ever shows once there is one, so it lives in the
//! second module. Both use the one [`ChildForm`].

use jianfu_core::Grade;
use jianfu_core::log::Child;
use yew::prelude::*;

use crate::actions;
use crate::i18n::AppLang;
use crate::i18n::{Lang, MoreMsg, Msg};
use crate::platform;
use crate::route::Route;
use crate::state::AppCtx;
use crate::store::ChildRecord;

/// Properties of [`ChildForm`].
#[derive(Properties, PartialEq)]
pub struct ChildFormProps {
    /// The feed offered by default.
    pub demo_feed: AttrValue,
}

/// The first-run screen: three lines on what the app does and what never
/// leaves the phone, then the form that adds the first child. (A function,
/// not a component: it is part of the first download.)
pub fn first_run(lang: Lang, demo_feed: &AttrValue) -> Html {
    html! {
        <section class="children">
            <h2>{ lang.text(Msg::WelcomeHeading) }</h2>
            <ul class="first-run-lines">
                <li>{ lang.text(Msg::FirstRunSee) }</li>
                <li>{ lang.text(Msg::FirstRunLog) }</li>
                <li>{ lang.text(Msg::FirstRunPrivate) }</li>
            </ul>
            <ChildForm demo_feed={demo_feed.clone()} />
        </section>
    }
}

/// The list of children and the form to add one.
#[function_component]
pub fn ChildrenView() -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let lang = ctx.lang;
    html! {
        <section class="children">
            <h2>{ lang.text(MoreMsg::ChildrenHeading) }</h2>
            <ul class="child-list">
                { for ctx.children.list.iter().map(|c| child_row(&ctx, c)) }
            </ul>
            <ChildForm demo_feed={super::DEMO_FEED} />
        </section>
    }
}

/// The form that adds a child.
#[function_component]
pub fn ChildForm(props: &ChildFormProps) -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let lang = ctx.lang;
    let nickname = use_state(String::new);
    let grade = use_state(|| 4u8);
    // Opened from a school portal's widget (`?feed=…`): that class; else the demo.
    let feed = use_state(|| {
        platform::page_query("feed").unwrap_or_else(|| platform::absolute_url(&props.demo_feed))
    });
    let error = use_state(|| None::<&'static str>);

    let on_submit = {
        let (ctx, nickname, grade, feed, error) = (
            ctx.clone(),
            nickname.clone(),
            grade.clone(),
            feed.clone(),
            error.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let name = nickname.trim().to_owned();
            if name.is_empty() {
                error.set(Some(lang.text(Msg::NicknameNeeded)));
                return;
            }
            let Some(g) = Grade::new(*grade) else { return };
            let record = ChildRecord {
                id: platform::random_id(),
                child: Child {
                    nickname: Some(name),
                    grade: g,
                    rules: jianfu_core::Rules::default(),
                },
                feed: feed.trim().to_owned(),
                after_school: crate::store::Attendance::default(),
            };
            error.set(None);
            let (ctx, nickname) = (ctx.clone(), nickname.clone());
            yew::platform::spawn_local(async move {
                if actions::put_child(&ctx, record).await.is_ok() {
                    nickname.set(String::new());
                    ctx.navigate.emit(Route::Today);
                }
            });
        })
    };
    let text_input = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = platform::select_value(&e.into()) {
                state.set(v);
            }
        })
    };
    let on_grade = {
        let grade = grade.clone();
        Callback::from(move |e: Event| {
            if let Some(g) = platform::select_value(&e).and_then(|v| v.parse().ok()) {
                grade.set(g);
            }
        })
    };
    html! {
        <form class="card form" onsubmit={on_submit}>
            <h3>{ lang.text(Msg::AddChild) }</h3>
            <label>{ lang.text(Msg::Nickname) }
                <input type="text" name="nickname" maxlength="20" autocomplete="off" value={(*nickname).clone()}
                    oninput={text_input(&nickname)} aria-describedby="nickname-help" />
            </label>
            <p class="help" id="nickname-help">{ lang.text(Msg::NicknameHelp) }</p>
            <label>{ lang.text(Msg::Grade) }
                <select name="grade" onchange={on_grade}>
                    { for (1..=12u8).map(|g| html! {
                        <option value={g.to_string()} selected={g == *grade}>{ lang.grade(g) }</option>
                    }) }
                </select>
            </label>
            <label>{ lang.text(Msg::FeedUrl) }
                <input type="url" name="feed" value={(*feed).clone()} oninput={text_input(&feed)}
                    aria-describedby="feed-help" />
            </label>
            <p class="help" id="feed-help">{ lang.text(Msg::FeedUrlHelp) }</p>
            if let Some(e) = *error { <p class="field-error" role="alert">{ e }</p> }
            <button type="submit" class="primary">{ lang.text(Msg::AddChild) }</button>
        </form>
    }
}

fn child_row(ctx: &AppCtx, c: &ChildRecord) -> Html {
    let lang = ctx.lang;
    let on_select = {
        let (ctx, id) = (ctx.clone(), c.id.clone());
        Callback::from(move |_| {
            let (ctx, id) = (ctx.clone(), id.clone());
            yew::platform::spawn_local(async move {
                actions::select_child(&ctx, id).await;
                ctx.navigate.emit(Route::Today);
            });
        })
    };
    let on_delete = {
        let (ctx, id, name) = (ctx.clone(), c.id.clone(), c.nickname().to_owned());
        Callback::from(move |_| {
            if platform::confirm(&lang.delete_child_question(&name)) {
                let (ctx, id) = (ctx.clone(), id.clone());
                yew::platform::spawn_local(async move { actions::delete_child(&ctx, id).await });
            }
        })
    };
    let current = ctx.children.selected.as_ref() == Some(&c.id);
    html! {
        <li class="card child-row">
            <span class="name">{ c.nickname() }</span>
            <span class="meta">{ lang.grade(c.child.grade.get()) }</span>
            if current {
                <span class="badge">{ lang.text(MoreMsg::Current) }</span>
            } else {
                <button type="button" onclick={on_select}>{ lang.text(MoreMsg::SwitchTo) }</button>
            }
            <button type="button" class="danger" onclick={on_delete}
                aria-label={format!("{} {}", lang.text(MoreMsg::Delete), c.nickname())}>{ lang.text(MoreMsg::Delete) }</button>
        </li>
    }
}
