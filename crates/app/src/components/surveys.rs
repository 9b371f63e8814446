//! The school's anonymous surveys: the list from the feed with their dates,
//! and a form per survey with every question type, validation as the
//! parent types, the exact JSON shown before it is sent, and the answer
//! queued in the outbox. The device remembers that it answered, not what.

use std::collections::HashMap;
use std::rc::Rc;

use jianfu_core::survey::{Question, QuestionKind, Response, TokenProof};
use jianfu_core::token::TokenMessage;
use jianfu_core::{Date, Survey};
use serde_json::{Map, Value, json};
use yew::prelude::*;

use super::Link;
use crate::actions;
use crate::bureaus::{self, SurveyDestination};
use crate::i18n::AppLang;
use crate::i18n::{Lang, MoreMsg};
use crate::platform;
use crate::route::Route;
use crate::state::{AppCtx, Outbox};
use crate::store::{CachedFeed, OutKind, OutState, OutboxItem};

/// Survey definitions larger than this are refused.
pub const SURVEY_MAX_BYTES: u64 = 1_000_000;

/// A survey listed in the feed, as loaded.
#[derive(Clone, PartialEq)]
struct Loaded {
    url: String,
    survey: Option<Rc<Survey>>,
    problem: Option<String>,
}

/// The addresses of the surveys the shown feed lists, resolved against it.
fn survey_urls(ctx: &AppCtx) -> Vec<String> {
    ctx.feed.feed.as_ref().map_or_else(Vec::new, |f| {
        f.surveys
            .iter()
            .map(|u| platform::resolve_url(u.as_str(), &ctx.feed.url))
            .collect()
    })
}

/// Loads one survey: the network's copy (kept for offline use), else the
/// saved one, with what went wrong.
async fn load_survey(store: &crate::store::Store, url: String) -> Loaded {
    let cached = store
        .cached_feed(&url)
        .await
        .and_then(|c| Survey::parse(&c.text).ok());
    let fresh = match platform::fetch_text_limited(&url, SURVEY_MAX_BYTES).await {
        Ok(text) => match Survey::parse(&text) {
            Ok(s) => {
                let _ = store
                    .put_feed(
                        &url,
                        &CachedFeed {
                            fetched_at: platform::now().unix_seconds(),
                            text,
                        },
                    )
                    .await;
                Ok(s)
            }
            Err(p) => Err(p.to_string()),
        },
        Err(e) => Err(e.to_string()),
    };
    let (survey, problem) = match (fresh, cached) {
        (Ok(s), _) => (Some(Rc::new(s)), None),
        (Err(e), Some(c)) => (Some(Rc::new(c)), Some(e)),
        (Err(e), None) => (None, Some(e)),
    };
    Loaded {
        url,
        survey,
        problem,
    }
}

/// Loads the feed's surveys: the saved copy first, then the network.
#[hook]
fn use_surveys(ctx: &AppCtx) -> Vec<Loaded> {
    let list = use_state(Vec::<Loaded>::new);
    let urls = survey_urls(ctx);
    {
        let (list, store) = (list.clone(), ctx.store.clone());
        use_effect_with(urls, move |urls| {
            let urls = urls.clone();
            yew::platform::spawn_local(async move {
                let mut out = Vec::new();
                for url in urls {
                    out.push(load_survey(&store, url).await);
                }
                list.set(out);
            });
        });
    }
    (*list).clone()
}

/// How many of the feed's surveys are open today and not answered on this
/// device, from the saved copies (the app saves each survey the feed lists
/// with every fresh copy of the feed): the feedback tab's badge.
#[hook]
pub fn use_open_surveys(ctx: &AppCtx, answered: &[String]) -> usize {
    let open = use_state(|| 0_usize);
    let urls = survey_urls(ctx);
    let today = actions::school_today(ctx);
    {
        let (open, store) = (open.clone(), ctx.store.clone());
        // Counted again with each new copy of the feed (its surveys were
        // saved with it), not only when the list of addresses changes.
        use_effect_with(
            (urls, answered.to_vec(), today, ctx.feed.fetched_at),
            move |(urls, answered, today, _)| {
                let (urls, answered, today) = (urls.clone(), answered.clone(), *today);
                yew::platform::spawn_local(async move {
                    let mut n = 0;
                    for url in urls {
                        if let Some(s) = store
                            .cached_feed(&url)
                            .await
                            .and_then(|c| Survey::parse(&c.text).ok())
                            && s.opens <= today
                            && today <= s.closes
                            && !answered.contains(&s.id)
                        {
                            n += 1;
                        }
                    }
                    open.set(n);
                });
            },
        );
    }
    *open
}

/// Properties of [`SurveysView`].
#[derive(Properties, PartialEq)]
pub struct SurveysViewProps {
    /// The survey opened, by its place in the feed's list.
    pub open: Option<usize>,
}

/// The surveys screen.
#[function_component]
pub fn SurveysView(props: &SurveysViewProps) -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let outbox = super::use_outbox_ctx();
    let lang = ctx.lang;
    let surveys = use_surveys(&ctx);
    let today = actions::school_today(&ctx);
    if let Some(i) = props.open
        && let Some(Loaded {
            survey: Some(s), ..
        }) = surveys.get(i)
    {
        return html! { <SurveyForm survey={s.clone()} url={surveys[i].url.clone()} /> };
    }
    html! {
        <section class="surveys">
            <h2>{ lang.text(MoreMsg::SurveysHeading) }</h2>
            <p class="help">{ lang.text(MoreMsg::SurveysHelp) }</p>
            if surveys.is_empty() { <p class="empty">{ lang.text(MoreMsg::NoSurveys) }</p> }
            <ul class="survey-list">
                { for surveys.iter().enumerate().map(|(i, l)| survey_row(&ctx, &outbox, i, l, today)) }
            </ul>
            // The feedback tab's other two jobs: a report to the bureau, and
            // what waits to be sent.
            <div class="card">
                <h3>{ lang.text(MoreMsg::ReportHeading) }</h3>
                <p class="help">{ lang.text(MoreMsg::ReportTeaser) }</p>
                <Link class="button" to={Route::Report}>{ lang.text(MoreMsg::WriteReport) }</Link>
            </div>
            <div class="card">
                <Link class="button" to={Route::Outbox}>
                    { lang.outbox_link(outbox.waiting()) }
                </Link>
            </div>
        </section>
    }
}

fn survey_row(ctx: &AppCtx, outbox: &Outbox, i: usize, l: &Loaded, today: Date) -> Html {
    let lang = ctx.lang;
    let Some(s) = &l.survey else {
        // What failed is for whoever helps the parent, folded away (#16:
        // no raw error code in plain sight).
        return html! {
            <li class="card error">
                <p>{ lang.text(MoreMsg::SurveyUnavailable) }</p>
                <details><summary>{ lang.text(crate::i18n::Msg::TechnicalDetails) }</summary>
                    <pre class="detail">{ l.problem.clone().unwrap_or_default() }</pre></details>
            </li>
        };
    };
    let answered = outbox.answered.contains(&s.id);
    let status = if answered {
        lang.text(MoreMsg::Answered)
    } else if today < s.opens {
        lang.text(MoreMsg::NotYetOpen)
    } else if today > s.closes {
        lang.text(MoreMsg::Closed)
    } else {
        lang.text(MoreMsg::OpenNow)
    };
    html! {
        <li class="card survey-row">
            <Link to={Route::Survey(i)} class="survey-title">{ s.title.pick(lang.tag()) }</Link>
            <span class="meta">{ lang.dates_range(&platform::format_date(s.opens, lang.tag(), false), &platform::format_date(s.closes, lang.tag(), false)) }</span>
            <span class="badge">{ status }</span>
        </li>
    }
}

/// Properties of [`SurveyForm`].
#[derive(Properties, PartialEq)]
pub struct SurveyFormProps {
    /// The survey.
    pub survey: Rc<Survey>,
    /// Where its definition was read: a token survey's issuer address may
    /// be relative to it.
    #[prop_or_default]
    pub url: String,
    /// An invitation code that came with the link, redeemed at once.
    #[prop_or_default]
    pub code: Option<String>,
}

/// Where redeeming an invitation code stands.
#[derive(Clone, Copy, PartialEq)]
enum Redeem {
    Idle,
    Working,
    /// Why it did not work, in words.
    Problem(MoreMsg),
}

/// Redeems `code` for a token survey: a fresh token message, blinded; the
/// issuer signs it blind and burns the code; the signature is unblinded
/// and checked. The issuer never sees the message it signed.
async fn redeem_code(
    issue_url: &str,
    s: &Survey,
    code: jianfu_core::invite::InviteCode,
) -> Result<TokenProof, MoreMsg> {
    let issuer = s.issuer.as_ref().ok_or(MoreMsg::InviteLater)?;
    let nonce = platform::random_bytes::<32>().ok_or(MoreMsg::NoRandomness)?;
    let msg = TokenMessage {
        survey: s.id.clone(),
        key_id: issuer.key_id,
        nonce,
    }
    .to_bytes();
    let blinded = platform::blind(&issuer.key, &msg).map_err(|e| match e {
        platform::BlindError::Random => MoreMsg::NoRandomness,
        _ => MoreMsg::InviteLater,
    })?;
    let body = json!({
        "survey": s.id,
        "code": code.to_string(),
        "blinded_msg": jianfu_core::b64::encode(blinded.message()),
    })
    .to_string();
    match platform::post_json(issue_url, &body).await {
        Ok((200, text)) => {
            let blind_sig = serde_json::from_str::<Value>(&text)
                .ok()
                .and_then(|v| v["blind_sig"].as_str().and_then(jianfu_core::b64::decode))
                .ok_or(MoreMsg::InviteLater)?;
            let (sig, rand) = blinded
                .finalize(&blind_sig, &msg)
                .map_err(|_| MoreMsg::InviteLater)?;
            Ok(TokenProof { msg, rand, sig })
        }
        Ok((400 | 404, _)) => Err(MoreMsg::InviteUnknown),
        Ok((409, _)) => Err(MoreMsg::InviteUsed),
        Ok((410, _)) => Err(MoreMsg::SurveyNotOpen),
        Err(_) if !platform::online() => Err(MoreMsg::InviteOffline),
        // Busy (429), down (5xx) or unreachable: try again later.
        Ok(_) | Err(_) => Err(MoreMsg::InviteLater),
    }
}

/// The code box of a token survey, before its questions: the code from the
/// link filled in and redeemed at once, or typed from the slip.
fn invite_box(
    lang: Lang,
    code: &str,
    state: Redeem,
    on_code: Callback<String>,
    on_redeem: Callback<()>,
) -> Html {
    let onsubmit = Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        on_redeem.emit(());
    });
    let oninput = Callback::from(move |e: InputEvent| {
        on_code.emit(platform::select_value(&e.into()).unwrap_or_default());
    });
    html! {
        <form class="form invite" onsubmit={onsubmit} novalidate=true>
            <p class="help">{ lang.text(MoreMsg::InviteHelp) }</p>
            <div class="field">
                <label for="invite-code">{ lang.text(MoreMsg::InviteCode) }</label>
                <input id="invite-code" name="code" value={code.to_owned()} oninput={oninput}
                    autocomplete="off" autocapitalize="characters" spellcheck="false"
                    aria-describedby="invite-state" />
            </div>
            <p id="invite-state" class={classes!(matches!(state, Redeem::Problem(_)).then_some("field-error"))} role="status">
                { match state {
                    Redeem::Working => lang.text(MoreMsg::InviteConfirming),
                    Redeem::Problem(m) => lang.text(m),
                    Redeem::Idle => "",
                } }
            </p>
            <button type="submit" class="primary" disabled={state == Redeem::Working}>{ lang.text(MoreMsg::InviteConfirm) }</button>
        </form>
    }
}

/// One survey's form.
#[function_component]
pub fn SurveyForm(props: &SurveyFormProps) -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let outbox = super::use_outbox_ctx();
    let lang = ctx.lang;
    let s = &props.survey;
    let answers = use_state(HashMap::<String, Value>::new);
    let tried = use_state(|| false);
    let preview = use_state(|| None::<Response>);
    let no_random = use_state(|| false);
    // The queued answer's outbox id, once sent from this form: the form
    // gives way to a word of thanks that follows what happens to it.
    let queued = use_state(|| None::<String>);
    let today = actions::school_today(&ctx);
    let answered = outbox.answered.contains(&s.id);
    let destination = bureaus::survey_destination(s, ctx.feed.feed.as_deref(), &ctx.feed.url);
    // A token survey is taken only when its collector, a bureau of this
    // app's directory, lists its issuer key (formats.md §6): else an issuer
    // could give each family its own key or survey and know their answers.
    let pinned = s.issuer.as_ref().is_none_or(|i| {
        bureaus::directory().pins_issuer(s.collector.as_deref(), &i.key_id.to_string())
    });
    // Nowhere to send the answer: a code must not be spent for nothing.
    let sendable = matches!(
        destination,
        SurveyDestination::Bureau(..) | SurveyDestination::School(_)
    );
    // A token survey's token: kept in storage from its redemption until
    // the answer it makes count is acknowledged.
    let token = use_state(|| None::<TokenProof>);
    let token_read = use_state(|| false);
    let redeem = use_state(|| Redeem::Idle);
    let code = use_state(|| props.code.clone().unwrap_or_default());
    {
        let (token, token_read, store) = (token.clone(), token_read.clone(), ctx.store.clone());
        use_effect_with(s.id.clone(), move |id| {
            let id = id.clone();
            yew::platform::spawn_local(async move {
                if let Some(t) = store.survey_token(&id).await {
                    token.set(Some(t));
                }
                token_read.set(true);
            });
        });
    }
    let do_redeem = {
        let (survey, code, redeem, token, store) = (
            props.survey.clone(),
            code.clone(),
            redeem.clone(),
            token.clone(),
            ctx.store.clone(),
        );
        let issue_url = s.issuer.as_ref().map_or_else(String::new, |i| {
            if props.url.is_empty() {
                platform::absolute_url(&i.url)
            } else {
                platform::resolve_url(&i.url, &props.url)
            }
        });
        Callback::from(move |()| {
            if *redeem == Redeem::Working {
                return;
            }
            let Ok(parsed) = jianfu_core::invite::InviteCode::parse(&code) else {
                redeem.set(Redeem::Problem(MoreMsg::InviteBadCode));
                return;
            };
            if !platform::online() {
                redeem.set(Redeem::Problem(MoreMsg::InviteOffline));
                return;
            }
            redeem.set(Redeem::Working);
            let (survey, redeem, token, store, url) = (
                survey.clone(),
                redeem.clone(),
                token.clone(),
                store.clone(),
                issue_url.clone(),
            );
            yew::platform::spawn_local(async move {
                match redeem_code(&url, &survey, parsed).await {
                    Ok(t) => {
                        // Kept before it is shown: a crash now loses no token.
                        let _ = store.put_survey_token(&survey.id, &t).await;
                        token.set(Some(t));
                        redeem.set(Redeem::Idle);
                    }
                    Err(m) => redeem.set(Redeem::Problem(m)),
                }
            });
        })
    };
    // The link's code is redeemed once the kept token was looked for (a
    // second visit of the link must not spend the code again), and again
    // when the browser comes back online after an offline try.
    {
        let wants = s.issuer.is_some()
            && pinned
            && sendable
            && token.is_none()
            && !answered
            && !code.is_empty();
        let go = do_redeem.clone();
        let auto = props.code.is_some();
        use_effect_with(*token_read, move |read| {
            if *read && wants && auto {
                go.emit(());
            }
        });
        let go = do_redeem.clone();
        let offline = *redeem == Redeem::Problem(MoreMsg::InviteOffline);
        use_effect_with(offline, move |offline| {
            let listener = (*offline && wants).then(|| platform::on_online(move || go.emit(())));
            move || drop(listener)
        });
    }

    let header = html! {
        <>
            <Link class="back" to={Route::Surveys}>{ "‹ " }{ lang.text(MoreMsg::SurveysHeading) }</Link>
            <h2>{ s.title.pick(lang.tag()) }</h2>
            <p class="help">{ lang.text(MoreMsg::SurveyAnonymous) }</p>
        </>
    };
    if let Some(id) = &*queued {
        return thanks(&ctx, &outbox, id);
    }
    if answered {
        return html! { <section class="survey">{ header }<p class="status">{ lang.text(MoreMsg::AlreadyAnswered) }</p></section> };
    }
    if !s.is_open_on(today) {
        return html! { <section class="survey">{ header }<p class="status">{ lang.text(MoreMsg::SurveyNotOpen) }</p></section> };
    }
    let (submit_url, receiver) = match destination {
        SurveyDestination::Bureau(b, url) => {
            (url, lang.survey_collected_by(b.name.pick(lang.tag())))
        }
        SurveyDestination::School(url) => (url, lang.text(MoreMsg::SurveyGoesToSchool).to_owned()),
        SurveyDestination::UnknownCollector => {
            return html! { <section class="survey">{ header }<p class="status">{ lang.text(MoreMsg::CollectorUnknown) }</p></section> };
        }
        SurveyDestination::Nowhere => {
            return html! { <section class="survey">{ header }<p class="status">{ lang.text(MoreMsg::NoSurveyAddress) }</p></section> };
        }
    };
    if !pinned {
        return html! { <section class="survey">{ header }<p class="status issuer-not-pinned" role="note">{ lang.text(MoreMsg::IssuerNotPinned) }</p></section> };
    }
    let issuer_key = s.issuer.as_ref().map(|i| {
        html! {
            <p class="help issuer-key">
                { lang.text(MoreMsg::IssuerKeyId) }{ " " }<code class="fingerprint">{ i.key_id.to_string() }</code>
                { " · " }{ lang.text(MoreMsg::IssuerKeyHelp) }
            </p>
        }
    });
    let header = html! {
        <>
            { header }
            <p class="help survey-receiver" role="note">{ receiver }</p>
            { for issuer_key }
        </>
    };
    if s.issuer.is_some() && token.is_none() {
        let on_code = {
            let (code, redeem) = (code.clone(), redeem.clone());
            Callback::from(move |c: String| {
                code.set(c);
                if matches!(*redeem, Redeem::Problem(_)) {
                    redeem.set(Redeem::Idle);
                }
            })
        };
        return html! {
            <section class="survey">
                { header }
                { invite_box(lang, &code, *redeem, on_code, do_redeem) }
            </section>
        };
    }
    let header = html! {
        <>
            { header }
            if s.issuer.is_some() { <p class="status invite-ready" role="status">{ lang.text(MoreMsg::InviteReady) }</p> }
        </>
    };

    // Every problem, as the parent types; "required" only after a first try.
    let errors: HashMap<String, String> = s
        .questions
        .iter()
        .filter_map(|q| {
            let e = match answers.get(&q.id) {
                Some(v) => q
                    .check(v)
                    .err()
                    .map(|exp| format!("{} {exp}", lang.text(MoreMsg::Expected))),
                None if q.required && *tried => Some(lang.text(MoreMsg::Required).to_owned()),
                None => None,
            };
            e.map(|e| (q.id.clone(), e))
        })
        .collect();

    let set_answer = {
        let answers = answers.clone();
        Callback::from(move |(id, v): (String, Option<Value>)| {
            let mut a = (*answers).clone();
            match v {
                Some(v) => a.insert(id, v),
                None => a.remove(&id),
            };
            answers.set(a);
        })
    };
    let on_preview = {
        let (s, answers, tried, preview, ctx, no_random, token) = (
            props.survey.clone(),
            answers.clone(),
            tried.clone(),
            preview.clone(),
            ctx.clone(),
            no_random.clone(),
            token.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            tried.set(true);
            let Some(nonce) = platform::nonce() else {
                no_random.set(true);
                return;
            };
            let band = ctx
                .children
                .current()
                .map(|c| c.child.grade.band())
                .filter(|_| s.ask_grade_band);
            let r = Response {
                survey: s.id.clone(),
                submitted_on: actions::school_today(&ctx),
                grade_band: band,
                answers: answers
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect::<Map<_, _>>(),
                nonce,
                token: (*token).clone(),
            };
            if s.check(&r).is_ok() {
                preview.set(Some(r));
            }
        })
    };
    if let Some(r) = &*preview {
        let body = r.to_value();
        let on_send = {
            let (ctx, body, id, survey, url, preview) = (
                ctx.clone(),
                body.to_string(),
                r.nonce_base64(),
                s.id.clone(),
                submit_url,
                preview.clone(),
            );
            Callback::from(move |_| {
                let item = OutboxItem {
                    id: id.clone(),
                    kind: OutKind::Response,
                    survey: Some(survey.clone()),
                    url: url.clone(),
                    body: body.clone(),
                    created_on: today,
                    state: OutState::Waiting,
                    attempts: 0,
                    next_at: 0,
                };
                let (ctx, preview, outbox, queued) =
                    (ctx.clone(), preview.clone(), outbox.clone(), queued.clone());
                let id = item.id.clone();
                yew::platform::spawn_local(async move {
                    if actions::queue(&ctx, &outbox, item).await.is_ok() {
                        preview.set(None);
                        queued.set(Some(id));
                    }
                });
            })
        };
        let back = {
            let preview = preview.clone();
            Callback::from(move |_| preview.set(None))
        };
        return html! {
            <section class="survey">
                { header }
                <h3>{ lang.text(MoreMsg::ExactlyWhatIsSent) }</h3>
                <pre class="preview" data-preview="response">{ serde_json::to_string_pretty(&body).unwrap_or_default() }</pre>
                <p class="help">{ lang.text(MoreMsg::PreviewHelp) }</p>
                <div class="form-actions">
                    <button type="button" class="primary" onclick={on_send}>{ lang.text(MoreMsg::SendAnonymously) }</button>
                    <button type="button" onclick={back}>{ lang.text(MoreMsg::BackToEdit) }</button>
                </div>
            </section>
        };
    }
    html! {
        <section class="survey">
            { header }
            <form class="form" onsubmit={on_preview} novalidate=true>
                { for s.questions.iter().map(|q| question(q, lang, answers.get(&q.id), errors.get(&q.id), &set_answer)) }
                if *no_random { <p class="field-error" role="alert">{ lang.text(MoreMsg::NoRandomness) }</p> }
                <button type="submit" class="primary">{ lang.text(MoreMsg::ReviewBeforeSending) }</button>
            </form>
        </section>
    }
}

/// After "send anonymously": thanks, what happened to the answer (waiting
/// on this device or arrived; its outbox card while it is there) and what
/// the school and the bureau will see (issue #16: the app used to jump to
/// the outbox without a word).
fn thanks(ctx: &AppCtx, outbox: &crate::state::OutboxHandle, id: &str) -> Html {
    let lang = ctx.lang;
    // A sent answer is replaced by a receipt under a new key: gone = arrived.
    let item = outbox.items.iter().find(|i| i.id == id);
    let arrived = item.is_none_or(|i| i.state == OutState::Sent);
    html! {
        <section class="survey thanks" aria-labelledby="thanks-heading">
            <h2 id="thanks-heading">{ lang.text(MoreMsg::ThanksHeading) }</h2>
            <p class="thanks-state" role="status">
                { lang.text(if arrived { MoreMsg::ThanksArrived } else { MoreMsg::ThanksQueued }) }
            </p>
            <p class="help">{ lang.text(MoreMsg::ThanksWhatIsSeen) }</p>
            if let Some(i) = item {
                <ul class="outbox-items">{ super::outbox::row(ctx, outbox, i) }</ul>
            }
            <div class="form-actions">
                <Link class="button" to={Route::Surveys}>{ lang.text(MoreMsg::BackToSurveys) }</Link>
                <Link class="button" to={Route::Outbox}>{ lang.text(MoreMsg::OutboxHeading) }</Link>
            </div>
        </section>
    }
}

fn question(
    q: &Question,
    lang: Lang,
    value: Option<&Value>,
    error: Option<&String>,
    set: &Callback<(String, Option<Value>)>,
) -> Html {
    let id = q.id.clone();
    let err_id = format!("err-{id}");
    // The question labels its own field too (a fieldset's legend names the
    // group, not a lone textarea or number: axe's `label`).
    let title = html! {
        <legend id={format!("q-{id}")}>
            { q.text.pick(lang.tag()) }
            if q.required { <span class="required">{ " *" }<span class="visually-hidden">{ lang.text(MoreMsg::Required) }</span></span> }
        </legend>
    };
    let control = match &q.kind {
        QuestionKind::Likert5 => {
            let current = value.and_then(Value::as_u64);
            html! {
                <div class="likert" role="radiogroup">
                    { for (1..=5u64).map(|n| {
                        let (set, id) = (set.clone(), id.clone());
                        html! {
                            <label class="choice">
                                <input type="radio" name={id.clone()} value={n.to_string()} checked={current == Some(n)}
                                    onchange={Callback::from(move |_| set.emit((id.clone(), Some(json!(n)))))} />
                                { lang.likert(n) }
                            </label>
                        }
                    }) }
                </div>
            }
        }
        QuestionKind::Single(options) => {
            let current = value.and_then(Value::as_str).map(str::to_owned);
            html! {
                <div class="choices">
                    { for options.iter().map(|o| {
                        let (set, id, oid) = (set.clone(), id.clone(), o.id.clone());
                        html! {
                            <label class="choice">
                                <input type="radio" name={id.clone()} value={o.id.clone()} checked={current.as_deref() == Some(o.id.as_str())}
                                    onchange={Callback::from(move |_| set.emit((id.clone(), Some(json!(oid.clone())))))} />
                                { o.text.pick(lang.tag()) }
                            </label>
                        }
                    }) }
                </div>
            }
        }
        QuestionKind::Multi { options, max } => multi_control(&id, options, *max, lang, value, set),
        QuestionKind::Number { min, max, unit } => {
            number_control(&id, *min, *max, unit.as_deref(), lang, value, set, &err_id)
        }
        QuestionKind::Text { max_len } => text_control(&id, *max_len, value, set, &err_id),
    };
    html! {
        <fieldset class="question" data-question={q.id.clone()}>
            { title }
            { control }
            <p class="field-error" id={err_id} role={error.map(|_| "alert")}>{ error.cloned().unwrap_or_default() }</p>
        </fieldset>
    }
}

fn multi_control(
    id: &str,
    options: &[jianfu_core::survey::Choice],
    max: usize,
    lang: Lang,
    value: Option<&Value>,
    set: &Callback<(String, Option<Value>)>,
) -> Html {
    let chosen: Vec<String> = value.and_then(Value::as_array).map_or_else(Vec::new, |a| {
        a.iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect()
    });
    let order: Vec<String> = options.iter().map(|x| x.id.clone()).collect();
    html! {
        <div class="choices">
            <p class="help">{ lang.choose_up_to(max) }</p>
            { for options.iter().map(|o| {
                let (set, id, oid, chosen2, order) = (set.clone(), id.to_owned(), o.id.clone(), chosen.clone(), order.clone());
                html! {
                    <label class="choice">
                        <input type="checkbox" name={format!("{id}-{}", o.id)} checked={chosen.contains(&o.id)}
                            onchange={Callback::from(move |e: Event| {
                                let mut c = chosen2.clone();
                                if platform::checked(&e) { c.push(oid.clone()) } else { c.retain(|x| x != &oid) }
                                c.sort_by_key(|x| order.iter().position(|o| o == x));
                                set.emit((id.clone(), (!c.is_empty()).then(|| json!(c))));
                            })} />
                        { o.text.pick(lang.tag()) }
                    </label>
                }
            }) }
        </div>
    }
}

#[allow(clippy::too_many_arguments)] // one control's whole description
fn number_control(
    id: &str,
    min: i64,
    max: i64,
    unit: Option<&str>,
    lang: Lang,
    value: Option<&Value>,
    set: &Callback<(String, Option<Value>)>,
    err_id: &str,
) -> Html {
    let shown = value
        .map(|v| {
            v.as_i64()
                .map_or_else(|| v.as_str().unwrap_or("").to_owned(), |n| n.to_string())
        })
        .unwrap_or_default();
    let (set, id) = (set.clone(), id.to_owned());
    html! {
        <label class="number">
            <input type="number" name={id.clone()} inputmode="numeric" min={min.to_string()} max={max.to_string()} value={shown}
                aria-labelledby={format!("q-{id}")} aria-describedby={err_id.to_owned()}
                oninput={Callback::from(move |e: InputEvent| {
                    let raw = platform::select_value(&e.into()).unwrap_or_default();
                    let v = if raw.trim().is_empty() { None } else { Some(raw.trim().parse::<i64>().map_or_else(|_| json!(raw), |n| json!(n))) };
                    set.emit((id.clone(), v));
                })} />
            { unit.map(|u| lang.unit(u)).unwrap_or_default() }
        </label>
    }
}

fn text_control(
    id: &str,
    max_len: usize,
    value: Option<&Value>,
    set: &Callback<(String, Option<Value>)>,
    err_id: &str,
) -> Html {
    let text = value.and_then(Value::as_str).unwrap_or("").to_owned();
    let count = text.chars().count();
    let (set, qid) = (set.clone(), id.to_owned());
    html! {
        <>
            <textarea name={id.to_owned()} rows="4" value={text} aria-labelledby={format!("q-{id}")}
                aria-describedby={format!("{err_id} count-{id}")}
                oninput={Callback::from(move |e: InputEvent| {
                    let raw = platform::select_value(&e.into()).unwrap_or_default();
                    set.emit((qid.clone(), (!raw.is_empty()).then(|| json!(raw))));
                })} />
            <p class={classes!("counter", (count > max_len).then_some("over"))} id={format!("count-{id}")} aria-live="polite">
                { format!("{count}/{max_len}") }
            </p>
        </>
    }
}

/// A printed invitation's link (`#/invite/{survey address}/{code}`): the
/// survey it names, loaded (and kept for offline use) whether or not the
/// feed lists it, with the code filled in.
#[function_component]
pub fn InviteView() -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let lang = ctx.lang;
    let invitation = jianfu_core::invite::invitation_from_hash(&platform::hash());
    let loaded = use_state(|| None::<Loaded>);
    {
        let (loaded, store) = (loaded.clone(), ctx.store.clone());
        let url = invitation.as_ref().map(|(u, _)| platform::absolute_url(u));
        use_effect_with(url, move |url| {
            if let Some(url) = url.clone() {
                yew::platform::spawn_local(async move {
                    loaded.set(Some(load_survey(&store, url).await));
                });
            }
        });
    }
    // What was loaded for an earlier link (another slip scanned while this
    // screen is open) waits as "loading" until this link's survey is in.
    let wanted = invitation.as_ref().map(|(u, _)| platform::absolute_url(u));
    let loaded = loaded.as_ref().filter(|l| Some(&l.url) == wanted.as_ref());
    match (&invitation, loaded) {
        // Keyed by the invitation: each slip gets a fresh form with its code.
        (
            Some((_, code)),
            Some(Loaded {
                survey: Some(s),
                url,
                ..
            }),
        ) => html! {
            <SurveyForm key={format!("{url}#{code}")} survey={s.clone()} url={url.clone()} code={Some(code.clone())} />
        },
        (Some(_), None) => html! {
            <section class="survey"><p class="status" role="status">{ lang.text(crate::i18n::Msg::Loading) }</p></section>
        },
        _ => html! {
            <section class="survey">
                <h2>{ lang.text(MoreMsg::SurveysHeading) }</h2>
                <p class="status error" role="alert">{ lang.text(MoreMsg::InviteNoSurvey) }</p>
                <Link class="button" to={Route::Surveys}>{ lang.text(MoreMsg::BackToSurveys) }</Link>
            </section>
        },
    }
}
