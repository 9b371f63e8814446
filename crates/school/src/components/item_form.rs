//! The item form, opened inside its day. Every keystroke is a state change
//! (saved with the draft, shown live in the day's verdict); saving checks
//! the fields with core's [`ItemInput::to_item`] and names each wrong one.

use jianfu_core::feed::{Kind, Subject, Tier};
use jianfu_core::studio::{ItemError, ItemInput};
use jianfu_ui::edit;
use yew::prelude::*;

use super::use_ctx;
use crate::i18n::Words as _;
use crate::state::{Change, Pending};

/// Props of [`ItemForm`].
#[derive(Properties, PartialEq)]
pub struct ItemFormProps {
    /// The open form's day, item and fields.
    pub pending: Pending,
}

/// The form.
#[function_component]
pub fn ItemForm(props: &ItemFormProps) -> Html {
    let ctx = use_ctx();
    let l = ctx.lang;
    let errors = use_state(Vec::<ItemError>::new);
    let p = &props.pending;
    let input = p.input.clone();
    let date = p.date;
    let prefix = format!("item-{date}");

    let to_input = {
        let ctx = ctx.clone();
        Callback::from(move |i: ItemInput| ctx.change(Change::Typed(i)))
    };
    let field =
        |set: fn(&mut ItemInput, String)| -> Callback<Event> { edit(&input, set, &to_input) };
    let typed =
        |set: fn(&mut ItemInput, String)| -> Callback<InputEvent> { edit(&input, set, &to_input) };
    let save = {
        let (ctx, errors, p) = (ctx.clone(), errors.clone(), p.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let draft = &ctx.studio.draft;
            let id = p
                .index
                .and_then(|i| draft.items(p.date).get(i).map(|item| item.id.clone()))
                .unwrap_or_else(|| draft.new_item_id(p.date, &p.input.subject));
            match p.input.to_item(p.date, id) {
                Ok(item) => {
                    errors.set(Vec::new());
                    ctx.change(Change::Put(p.date, p.index, item));
                }
                Err(found) => errors.set(found),
            }
        })
    };
    let cancel = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.change(Change::Cancel))
    };
    let error_of = |name: &str| errors.iter().find(|e| e.field() == name).copied();
    let id = |name: &str| format!("{prefix}-{name}");
    let described = |name: &str| error_of(name).map(|_| format!("{prefix}-{name}-error"));
    let message = |name: &str| {
        error_of(name).map_or_else(
            || html! {},
            |e| html! { <p class="field-error" id={format!("{prefix}-{name}-error")}>{ l.item_error(e) }</p> },
        )
    };
    let subject_known =
        Subject::CODES.contains(&input.subject.as_str()) || input.subject.is_empty();
    let heading = if p.index.is_some() {
        l.t("编辑作业", "Edit homework")
    } else {
        l.t("添加作业", "Add homework")
    };
    html! {
        <form class="item-form" onsubmit={save} novalidate=true aria-label={heading}>
            <h4>{ heading }</h4>
            if !errors.is_empty() {
                <p class="form-errors" role="alert">
                    { l.f(format!("有 {} 处需要修改：", errors.len()), format!("{} to fix:", errors.len())) }
                    { for errors.iter().map(|e| html! { <span>{ " " }{ l.item_error(*e) }</span> }) }
                </p>
            }
            <label for={id("subject")}>{ l.t("学科", "Subject") }</label>
            <select id={id("subject")} name="subject" onchange={field(|i, v| i.subject = v)}
                aria-invalid={error_of("subject").map(|_| "true")} aria-describedby={described("subject")}>
                <option value="" selected={input.subject.is_empty()}>{ l.t("请选择学科", "Choose a subject") }</option>
                { for Subject::CODES.iter().map(|code| html! {
                    <option value={*code} selected={input.subject == *code}>{ l.subject(code) }</option>
                }) }
                if !subject_known {
                    <option value={input.subject.clone()} selected=true>{ input.subject.clone() }</option>
                }
            </select>
            { message("subject") }
            <label for={id("title")}>{ l.t("作业内容（中文）", "What to do (Chinese)") }</label>
            <input id={id("title")} name="title" type="text" value={input.title_zh.clone()} oninput={typed(|i, v| i.title_zh = v)}
                aria-invalid={error_of("title").map(|_| "true")} aria-describedby={described("title")} />
            { message("title") }
            <label for={id("title-en")}>{ l.t("作业内容（英文，可不填）", "What to do (English, optional)") }</label>
            <input id={id("title-en")} name="title_en" type="text" lang="en" value={input.title_en.clone()} oninput={typed(|i, v| i.title_en = v)} />
            <label for={id("details")}>{ l.t("说明（可不填）", "Details (optional)") }</label>
            <textarea id={id("details")} name="details" rows="2" value={input.details.clone()} oninput={typed(|i, v| i.details = v)} />
            <div class="field-row">
                <div>
                    <label for={id("kind")}>{ l.t("类型", "Kind") }</label>
                    <select id={id("kind")} name="kind" onchange={field(|i, v| i.kind = Kind::parse(&v).unwrap_or_default())}>
                        { for Kind::ALL.iter().map(|k| html! {
                            <option value={k.as_str()} selected={input.kind == *k}>{ l.kind(*k) }</option>
                        }) }
                    </select>
                </div>
                <div>
                    <label for={id("minutes")}>{ l.t("预计用时（分钟）", "Estimated minutes") }</label>
                    <input id={id("minutes")} name="minutes" type="number" inputmode="numeric" min="0" max="600" step="1"
                        value={input.minutes.clone()} oninput={typed(|i, v| i.minutes = v)}
                        aria-invalid={error_of("minutes").map(|_| "true")} aria-describedby={described("minutes")} />
                    { message("minutes") }
                </div>
            </div>
            <div class="field-row">
                <div>
                    <label for={id("tier")}>{ l.t("层次", "Tier") }</label>
                    <select id={id("tier")} name="tier" onchange={field(|i, v| i.tier = Tier::parse(&v).unwrap_or_default())}>
                        { for [Tier::Core, Tier::Optional].iter().map(|t| html! {
                            <option value={t.as_str()} selected={input.tier == *t}>{ l.tier(*t) }</option>
                        }) }
                    </select>
                </div>
                <div>
                    <label for={id("at")}>{ l.t("在哪里完成", "Done where") }</label>
                    <select id={id("at")} name="at" onchange={field(|i, v| i.at_school = v == "school")}>
                        <option value="home" selected={!input.at_school}>{ l.t("在家", "At home") }</option>
                        <option value="school" selected={input.at_school}>{ l.t("在校（课后服务作业辅导）", "At school (after-school homework help)") }</option>
                    </select>
                </div>
                <div>
                    <label for={id("due")}>{ l.t("截止日期（可不填）", "Due (optional)") }</label>
                    <input id={id("due")} name="due" type="date" min={date.to_string()} value={input.due.clone()} onchange={field(|i, v| i.due = v)}
                        aria-invalid={error_of("due").map(|_| "true")} aria-describedby={described("due")} />
                    { message("due") }
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" class="primary">{ l.t("保存作业", "Save item") }</button>
                <button type="button" onclick={cancel}>{ l.t("取消", "Cancel") }</button>
            </div>
        </form>
    }
}
