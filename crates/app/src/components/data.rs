//! "Your data": what stays on the device (everything), export and import
//! of `jianfu.log/1`, deleting a child or everything.

use yew::prelude::*;

use super::Link;
use crate::actions;
use crate::i18n::AppLang;
use crate::i18n::MoreMsg;
use crate::platform;
use crate::route::Route;
use crate::state::{AppCtx, Notice};

/// The data screen.
#[function_component]
pub fn DataView() -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let outbox = super::use_outbox_ctx();
    let lang = ctx.lang;
    let on_export = {
        let ctx = ctx.clone();
        Callback::from(move |_| {
            if let Err(e) = actions::export(&ctx) {
                ctx.notice.set(Some(Notice::Text(format!(
                    "{} {e}",
                    lang.text(MoreMsg::ExportFailed)
                ))));
            }
        })
    };
    let on_wipe = {
        let ctx = ctx.clone();
        Callback::from(move |_| {
            if !platform::confirm(lang.text(MoreMsg::DeleteEverythingQuestion)) {
                return;
            }
            let ctx = ctx.clone();
            yew::platform::spawn_local(async move {
                match ctx.store.clone().delete_everything().await {
                    Ok(()) => {
                        platform::set_hash(&Route::Today.to_hash()); // the app is reloaded next: leave it on Today
                        platform::reload();
                    }
                    Err(e) => ctx.notice.set(Some(Notice::StorageFailed(e.to_string()))),
                }
            });
        })
    };
    html! {
        <section class="data">
            <nav class="card hub" aria-label={lang.text(MoreMsg::MoreHeading)}>
                <Link class="button" to={Route::Surveys}>{ lang.text(MoreMsg::SurveysHeading) }</Link>
                <Link class="button" to={Route::Report}>{ lang.text(MoreMsg::ReportHeading) }</Link>
                <Link class="button" to={Route::Outbox}>{ lang.outbox_link(outbox.waiting()) }</Link>
            </nav>
            <h2>{ lang.text(MoreMsg::DataHeading) }</h2>
            <p class="privacy">{ lang.text(MoreMsg::PrivacyStatement) }</p>
            <div class="card">
                <h3>{ lang.text(MoreMsg::ExportHeading) }</h3>
                <p class="help">{ lang.text(MoreMsg::ExportHelp) }</p>
                <button type="button" class="primary" onclick={on_export}>{ lang.text(MoreMsg::Export) }</button>
            </div>
            <ImportCard />
            <div class="card">
                <h3>{ lang.text(MoreMsg::ChildrenHeading) }</h3>
                <Link class="button" to={Route::Children}>{ lang.text(MoreMsg::ManageChildren) }</Link>
            </div>
            <div class="card danger-zone">
                <h3>{ lang.text(MoreMsg::DeleteEverything) }</h3>
                <p class="help">{ lang.text(MoreMsg::DeleteEverythingHelp) }</p>
                <button type="button" class="danger" onclick={on_wipe}>{ lang.text(MoreMsg::DeleteEverything) }</button>
            </div>
        </section>
    }
}

/// Importing a `jianfu.log/1` file: on the data screen, and on the first-run
/// screen of a new device.
#[function_component]
pub fn ImportCard() -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let lang = ctx.lang;
    let on_import = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            let ctx = ctx.clone();
            yew::platform::spawn_local(async move {
                let Some(text) = platform::chosen_file_text(&e).await else {
                    return;
                };
                let message = match text {
                    Err(why) => format!("{} {why}", lang.text(MoreMsg::ImportFailed)),
                    Ok(text) => {
                        match actions::import(&ctx, &text, crate::components::DEMO_FEED).await {
                            Ok(r) => lang.imported(r.entries, r.nights, r.duplicates),
                            Err(why) => format!("{} {why}", lang.text(MoreMsg::ImportFailed)),
                        }
                    }
                };
                ctx.notice.set(Some(Notice::Text(message)));
            });
        })
    };
    html! {
        <div class="card">
            <h3>{ lang.text(MoreMsg::ImportHeading) }</h3>
            <p class="help" id="import-help">{ lang.text(MoreMsg::ImportHelp) }</p>
            // A button in the app's style and language, not the browser's
            // own "Choose File / No file chosen" (#16).
            <div class="file-pick">
                <input id="import-file" class="visually-hidden" type="file" name="import" accept="application/json,.json"
                    onchange={on_import} aria-describedby="import-help" />
                <label for="import-file" class="button">{ lang.text(MoreMsg::ChooseFile) }</label>
            </div>
        </div>
    }
}
