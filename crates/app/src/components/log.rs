//! Logged homework for a day: entries with edit and delete, and a form for
//! entering time by hand. Logging never needs the network.

use jianfu_core::Date;
use jianfu_core::feed::{At, Kind, Minutes, Subject, Tier};
use jianfu_core::log::{HomeworkEntry, Spent};
use yew::prelude::*;

use super::Link;
use crate::actions;
use crate::i18n::AppLang;
use crate::i18n::{MoreMsg, Msg};
use crate::platform;
use crate::route::Route;
use crate::state::AppCtx;
use crate::store::EntryRecord;

/// Properties of [`LogView`].
#[derive(Properties, PartialEq)]
pub struct LogViewProps {
    /// The day; today when `None`.
    pub date: Option<Date>,
}

/// The log screen.
#[function_component]
pub fn LogView(props: &LogViewProps) -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let lang = ctx.lang;
    let today = actions::school_today(&ctx);
    let date = props.date.unwrap_or(today);
    let editing = use_state(|| None::<EntryRecord>);
    let entries: Vec<&EntryRecord> = ctx
        .log
        .data
        .entries
        .iter()
        .filter(|e| e.entry.date == date)
        .collect();
    let on_edit = {
        let editing = editing.clone();
        Callback::from(move |e: EntryRecord| editing.set(Some(e)))
    };
    let on_done = {
        let editing = editing.clone();
        Callback::from(move |()| editing.set(None))
    };
    html! {
        <section class="log">
            <nav class="date-nav" aria-label={lang.text(Msg::ChooseDay)}>
                <Link to={Route::Log(Some(date.add_days(-1)))} label={lang.text(Msg::PreviousDay)}>{ "‹" }</Link>
                <h2>{ lang.text(MoreMsg::LogHeading) }{ " · " }{ platform::format_date(date, lang.tag(), true) }</h2>
                <Link to={Route::Log(Some(date.add_days(1)))} label={lang.text(Msg::NextDay)}>{ "›" }</Link>
            </nav>
            if entries.is_empty() {
                <p class="empty">{ lang.text(MoreMsg::NothingLogged) }</p>
            } else {
                <ul class="entries">
                    { for entries.iter().map(|e| entry_row(&ctx, e, &on_edit)) }
                </ul>
            }
            <EntryForm {date} editing={(*editing).clone()} {on_done} key={editing.as_ref().map_or_else(String::new, |e| e.id.clone())} />
        </section>
    }
}

fn entry_row(ctx: &AppCtx, e: &EntryRecord, on_edit: &Callback<EntryRecord>) -> Html {
    let lang = ctx.lang;
    let how = match e.entry.spent {
        Spent::Timed { .. } => lang.text(MoreMsg::Timed),
        Spent::Minutes(_) => lang.text(MoreMsg::EnteredByHand),
    };
    let on_delete = {
        let (ctx, id) = (ctx.clone(), e.id.clone());
        Callback::from(move |_| {
            if platform::confirm(lang.text(MoreMsg::DeleteEntryQuestion)) {
                let (ctx, id) = (ctx.clone(), id.clone());
                yew::platform::spawn_local(async move { actions::delete_entry(&ctx, id).await });
            }
        })
    };
    let edit = {
        let (cb, e) = (on_edit.clone(), e.clone());
        Callback::from(move |_| cb.emit(e.clone()))
    };
    let name = lang.subject(e.entry.subject.as_str()).to_owned();
    html! {
        <li class="card entry" data-entry={e.id.clone()}>
            <span class="subject">{ &name }</span>
            <span class="minutes">{ lang.minutes(e.entry.spent.minutes()) }</span>
            <span class="meta">
                <span class={classes!("kind", format!("kind-{}", e.entry.kind.as_str()))}>{ lang.kind(e.entry.kind) }</span>
                <span>{ how }</span>
                if !e.entry.finished { <span class="unfinished">{ lang.text(MoreMsg::Unfinished) }</span> }
                if e.entry.at == At::School { <span class="at-school">{ lang.t("在校完成", "done at school") }</span> }
            </span>
            <span class="row-actions">
                <button type="button" onclick={edit} aria-label={format!("{} {name}", lang.text(MoreMsg::Edit))}>{ lang.text(MoreMsg::Edit) }</button>
                <button type="button" class="danger" onclick={on_delete} aria-label={format!("{} {name}", lang.text(MoreMsg::Delete))}>{ lang.text(MoreMsg::Delete) }</button>
            </span>
        </li>
    }
}

/// Properties of [`EntryForm`].
#[derive(Properties, PartialEq)]
pub struct EntryFormProps {
    /// The day entries are for.
    pub date: Date,
    /// The entry being edited, if any.
    pub editing: Option<EntryRecord>,
    /// Called after saving or cancelling an edit.
    pub on_done: Callback<()>,
}

/// Manual entry and editing.
#[function_component]
pub fn EntryForm(props: &EntryFormProps) -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let lang = ctx.lang;
    let initial = props.editing.as_ref().map(|e| &e.entry);
    let subject =
        use_state(|| initial.map_or_else(|| "math".to_owned(), |e| e.subject.as_str().to_owned()));
    let kind = use_state(|| initial.map_or(Kind::Written, |e| e.kind));
    let minutes = use_state(|| initial.map_or_else(String::new, |e| e.spent.minutes().to_string()));
    let finished = use_state(|| initial.is_none_or(|e| e.finished));
    let error = use_state(|| None::<&'static str>);

    let on_submit = {
        let (ctx, subject, kind, minutes, finished, error) = (
            ctx.clone(),
            subject.clone(),
            kind.clone(),
            minutes.clone(),
            finished.clone(),
            error.clone(),
        );
        let (editing, date, on_done) = (props.editing.clone(), props.date, props.on_done.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(m) = minutes.trim().parse::<u16>().ok().and_then(Minutes::new) else {
                error.set(Some(lang.text(MoreMsg::MinutesRange)));
                return;
            };
            error.set(None);
            // Editing keeps a timer's start/end when the minutes were not changed.
            let spent = match &editing {
                Some(old) if old.entry.spent.minutes() == u32::from(m.get()) => old.entry.spent,
                _ => Spent::Minutes(m),
            };
            let record = EntryRecord {
                id: editing
                    .as_ref()
                    .map_or_else(platform::random_id, |e| e.id.clone()),
                entry: HomeworkEntry {
                    date,
                    subject: Subject::parse(&subject),
                    kind: *kind,
                    spent,
                    finished: *finished,
                    item: editing.as_ref().and_then(|e| e.entry.item.clone()),
                    // Editing keeps what the feed said of the item; typed
                    // entries are core work.
                    tier: editing.as_ref().map_or(Tier::Core, |e| e.entry.tier),
                    at: editing.as_ref().map_or(At::Home, |e| e.entry.at),
                },
            };
            let (ctx, minutes, on_done) = (ctx.clone(), minutes.clone(), on_done.clone());
            yew::platform::spawn_local(async move {
                // The form keeps what was typed unless the write committed.
                if actions::put_entries(&ctx, vec![record]).await.is_ok() {
                    minutes.set(String::new());
                    on_done.emit(());
                }
            });
        })
    };
    let on_subject = {
        let subject = subject.clone();
        Callback::from(move |e: Event| {
            if let Some(v) = platform::select_value(&e) {
                subject.set(v);
            }
        })
    };
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| {
            if let Some(k) = platform::select_value(&e).as_deref().and_then(Kind::parse) {
                kind.set(k);
            }
        })
    };
    let on_minutes = {
        let minutes = minutes.clone();
        Callback::from(move |e: InputEvent| {
            minutes.set(platform::select_value(&e.into()).unwrap_or_default());
        })
    };
    let on_finished = {
        let finished = finished.clone();
        Callback::from(move |e: Event| finished.set(platform::checked(&e)))
    };
    // Time a subject that is not in the feed (or when there is no feed).
    let on_timer = {
        let (ctx, subject, kind, date) = (ctx.clone(), subject.clone(), kind.clone(), props.date);
        Callback::from(move |_| {
            let (ctx, subject, kind) = (ctx.clone(), (*subject).clone(), *kind);
            yew::platform::spawn_local(async move {
                actions::start_timer(&ctx, date, subject, kind, None).await;
            });
        })
    };
    let cancel = props.editing.as_ref().map(|_| {
        let on_done = props.on_done.clone();
        html! { <button type="button" onclick={Callback::from(move |_| on_done.emit(()))}>{ lang.text(MoreMsg::Cancel) }</button> }
    });
    html! {
        <form class="card form entry-form" onsubmit={on_submit}>
            <h3>{ lang.text(if props.editing.is_some() { MoreMsg::EditEntry } else { MoreMsg::AddEntry }) }</h3>
            <label>{ lang.text(MoreMsg::Subject) }
                <select name="subject" onchange={on_subject}>
                    { for Subject::CODES.iter().map(|c| html! {
                        <option value={*c} selected={*c == subject.as_str()}>{ lang.subject(c) }</option>
                    }) }
                </select>
            </label>
            <label>{ lang.text(MoreMsg::Kind) }
                <select name="kind" onchange={on_kind}>
                    { for Kind::ALL.iter().map(|k| html! {
                        <option value={k.as_str()} selected={*k == *kind}>{ lang.kind(*k) }</option>
                    }) }
                </select>
            </label>
            <label>{ lang.text(MoreMsg::MinutesLabel) }
                <input type="number" name="minutes" inputmode="numeric" min="0" max="600" required=true
                    value={(*minutes).clone()} oninput={on_minutes} />
            </label>
            <label class="check">
                <input type="checkbox" name="finished" checked={*finished} onchange={on_finished} />
                { lang.text(MoreMsg::FinishedLabel) }
            </label>
            if let Some(e) = *error { <p class="field-error" role="alert">{ e }</p> }
            <div class="form-actions">
                <button type="submit" class="primary">{ lang.text(MoreMsg::Save) }</button>
                if props.editing.is_none() {
                    <button type="button" class="start-subject" onclick={on_timer}>{ lang.text(Msg::StartTimer) }</button>
                }
                { for cancel }
            </div>
        </form>
    }
}
