//! A tip-off report to the education bureau: the category with the rule
//! it is about, the date, optional class and grade, the description with
//! warnings (not blocks) about phone numbers, ID numbers and e-mail
//! addresses, optional contact. On send it is sealed in the browser to the
//! key of the bureau the app's directory lists for the school (never a key
//! from the school's own feed); only the envelope is stored and sent to the
//! directory's address, and the form is cleared, so no plaintext stays on
//! the device. The form names the receiving bureau with its key's
//! fingerprint, and warns when the feed names another receiver.

use jianfu_core::bureaus::Mismatch;
use jianfu_core::report::{
    Category, CategoryGroup, DESCRIPTION_MAX, Report, Sensitive, find_sensitive,
};
use jianfu_core::{Date, Envelope};
use yew::prelude::*;

use crate::actions;
use crate::bureaus;
use crate::i18n::AppLang;
use crate::i18n::{MoreMsg, Msg};
use crate::platform;
use crate::route::Route;
use crate::state::AppCtx;
use crate::store::{OutKind, OutState, OutboxItem};

/// The report screen.
#[function_component]
pub fn ReportView() -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let outbox = super::use_outbox_ctx();
    let lang = ctx.lang;
    let today = actions::school_today(&ctx);
    let category = use_state(|| None::<Category>);
    let occurred = use_state(|| today.to_string());
    let with_class = use_state(|| false);
    let description = use_state(String::new);
    let contact = use_state(String::new);
    let error = use_state(|| None::<String>);

    let intro = html! {
        <>
            <h2>{ lang.text(MoreMsg::ReportHeading) }</h2>
            <p class="privacy">{ lang.text(MoreMsg::ReportPrivacy) }</p>
            <p class="help">{ lang.text(MoreMsg::ReportNotOfficial) }</p>
        </>
    };
    let Some(feed) = ctx.feed.feed.clone() else {
        return html! { <section class="report">{ intro }<p class="status">{ lang.text(Msg::Loading) }</p></section> };
    };
    let receiver = bureaus::receiver(&feed, &ctx.feed.url);
    let school_not_listed = receiver
        .mismatches
        .iter()
        .any(|m| matches!(m, Mismatch::SchoolNotListed { .. }));
    let other_receiver = receiver
        .mismatches
        .iter()
        .any(|m| !matches!(m, Mismatch::SchoolNotListed { .. }));
    let Some((bureau, url)) = receiver
        .bureau
        .and_then(|b| Some((b, bureaus::app_address(&b.report_url)?)))
    else {
        return html! { <section class="report">{ intro }<p class="status" role="note">{ lang.text(MoreMsg::NoReportAddress) }</p></section> };
    };
    let key = bureau.report_key;
    let receiving = html! {
        <div class="receiver" role="note">
            <p>{ lang.text(MoreMsg::ReceivingBureau) }{ " " }<strong>{ bureau.name.pick(lang.tag()) }</strong></p>
            <p class="help">{ lang.text(MoreMsg::KeyFingerprint) }{ " " }<code class="fingerprint">{ key.fingerprint() }</code>{ " · " }{ lang.text(MoreMsg::FingerprintHelp) }</p>
            if school_not_listed {
                <p class="warning school-not-listed">{ lang.text(MoreMsg::SchoolNotListed) }</p>
            }
            if other_receiver {
                <p class="warning other-receiver">{ lang.text(MoreMsg::OtherReceiverWarning) }</p>
            }
        </div>
    };
    let warnings = find_sensitive(&description);
    let count = description.chars().count();

    let on_submit = {
        let (ctx, category, occurred, with_class, description, contact, error, feed) = (
            ctx.clone(),
            category.clone(),
            occurred.clone(),
            with_class.clone(),
            description.clone(),
            contact.clone(),
            error.clone(),
            feed.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(cat) = *category else {
                error.set(Some(lang.text(MoreMsg::ChooseCategory).to_owned()));
                return;
            };
            let Ok(date) = Date::parse(&occurred) else {
                error.set(Some(lang.text(MoreMsg::DateNeeded).to_owned()));
                return;
            };
            let text = description.trim().to_owned();
            if text.is_empty() || text.chars().count() > DESCRIPTION_MAX {
                error.set(Some(lang.text(MoreMsg::DescriptionRange).to_owned()));
                return;
            }
            if !platform::randomness_works() {
                error.set(Some(lang.text(MoreMsg::NoRandomness).to_owned()));
                return;
            }
            let report = Report {
                category: cat,
                school: feed.school.id.clone(),
                grade: with_class.then_some(feed.class.grade),
                class: with_class.then(|| feed.class.id.clone()),
                occurred_on: date,
                description: text,
                contact: Some(contact.trim().to_owned()).filter(|c| !c.is_empty()),
                // The reply key and receipt come with "my reports" (#30).
                reply_key: None,
            };
            let envelope = Envelope::seal(&report, &key, &mut platform::rng());
            drop(report);
            let item = OutboxItem {
                id: envelope.id_base64(),
                kind: OutKind::Report,
                survey: None,
                url: url.clone(),
                body: envelope.to_value().to_string(),
                created_on: today,
                state: OutState::Waiting,
                attempts: 0,
                next_at: 0,
            };
            error.set(None);
            let (ctx, outbox, description, contact, category) = (
                ctx.clone(),
                outbox.clone(),
                description.clone(),
                contact.clone(),
                category.clone(),
            );
            yew::platform::spawn_local(async move {
                if actions::queue(&ctx, &outbox, item).await.is_ok() {
                    // The plaintext goes: only the envelope is kept.
                    description.set(String::new());
                    contact.set(String::new());
                    category.set(None);
                    ctx.navigate.emit(Route::Outbox);
                }
            });
        })
    };
    let text_field = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            state.set(platform::select_value(&e.into()).unwrap_or_default());
        })
    };
    let class_name = feed.class.name.pick(lang.tag()).to_owned();
    html! {
        <section class="report">
            { intro }
            { receiving }
            <form class="form" onsubmit={on_submit} novalidate=true>
                <fieldset class="categories">
                    <legend>{ lang.text(MoreMsg::WhatHappened) }</legend>
                    // The groups' titles first, each opening its own
                    // categories: the nineteen in full made the form very
                    // tall on a phone (#16). The group holding the chosen
                    // category stays open.
                    { for CategoryGroup::ALL.iter().map(|g| {
                        let (zh, en) = g.title();
                        let title = if lang.tag() == "en" { en } else { zh };
                        let open = category.is_some_and(|c| g.categories().any(|x| x == c));
                        html! {
                            <details class="group" {open}>
                            <summary>{ title }</summary>
                            <fieldset class="group">
                                <legend class="visually-hidden">{ title }</legend>
                                { for g.categories().map(|c| {
                                    let (zh, en) = c.rule_text();
                                    let rule = if lang.tag() == "en" { en } else { zh };
                                    let set = category.clone();
                                    html! {
                                        <label class="choice category">
                                            <input type="radio" name="category" value={c.as_str()} checked={*category == Some(c)}
                                                onchange={Callback::from(move |_| set.set(Some(c)))} />
                                            <span>{ rule }</span>
                                        </label>
                                    }
                                }) }
                            </fieldset>
                            </details>
                        }
                    }) }
                </fieldset>
                <label>{ lang.text(MoreMsg::WhenDidItHappen) }
                    <input type="date" name="occurred_on" value={(*occurred).clone()} max={today.to_string()} oninput={text_field(&occurred)} />
                </label>
                <label class="check">
                    <input type="checkbox" name="with_class" checked={*with_class}
                        onchange={{ let w = with_class.clone(); Callback::from(move |e: Event| w.set(platform::checked(&e))) }} />
                    { lang.include_class(&class_name) }
                </label>
                <label>{ lang.text(MoreMsg::Description) }
                    <textarea name="description" rows="6" value={(*description).clone()} oninput={text_field(&description)}
                        aria-describedby="description-count description-warnings" />
                </label>
                <p id="description-count" class={classes!("counter", (count > DESCRIPTION_MAX).then_some("over"))} aria-live="polite">
                    { format!("{count}/{DESCRIPTION_MAX}") }
                </p>
                <div id="description-warnings" aria-live="polite">
                    { for warnings.iter().map(|w| html! {
                        <p class="warning sensitive">{ lang.text(match w {
                            Sensitive::PhoneNumber => MoreMsg::LooksLikePhone,
                            Sensitive::ResidentId => MoreMsg::LooksLikeId,
                            Sensitive::Email => MoreMsg::LooksLikeEmail,
                        }) }</p>
                    }) }
                </div>
                <label>{ lang.text(MoreMsg::ContactOptional) }
                    <input type="text" name="contact" maxlength="200" autocomplete="off" value={(*contact).clone()} oninput={text_field(&contact)}
                        aria-describedby="contact-help" />
                </label>
                <p class="help" id="contact-help">{ lang.text(MoreMsg::ContactHelp) }</p>
                if let Some(e) = &*error { <p class="field-error" role="alert">{ e }</p> }
                <button type="submit" class="primary">{ lang.text(MoreMsg::SealAndSend) }</button>
            </form>
        </section>
    }
}
