//! The after-school service (课后服务) of the set-up: the weekly plan, its
//! sessions and clubs, per-date changes (an early finish, a cancelled
//! day), extended care, fee and contact. Saved as typed with the draft;
//! core checks it and the problems show at their fields, and each day of
//! the week page says whether its service meets 5+2.

use std::rc::Rc;

use jianfu_core::Problem;
use jianfu_core::after_school::SessionKind;
use jianfu_core::studio_service::{ChangeInput, ServicePlan, SessionInput};
use yew::prelude::*;

use crate::i18n::Lang;

/// Properties of [`ServiceForm`].
#[derive(Properties, PartialEq)]
pub struct ServiceFormProps {
    /// The page's language.
    pub lang: Lang,
    /// The form as saved.
    pub plan: ServicePlan,
    /// Core's problems under `school.after_school` and its end-of-day time.
    pub problems: Vec<Problem>,
    /// The changed form.
    pub on_change: Callback<ServicePlan>,
}

type Apply = Rc<dyn Fn(&mut ServicePlan, String)>;

/// An input's callback that applies its value to a copy of the plan.
fn on<E: AsRef<Event> + 'static>(props: &ServiceFormProps, apply: Apply) -> Callback<E> {
    let (plan, to) = (props.plan.clone(), props.on_change.clone());
    Callback::from(move |e: E| {
        if let Some(v) = jianfu_web::select_value(e.as_ref()) {
            let mut next = plan.clone();
            apply(&mut next, v);
            to.emit(next);
        }
    })
}

/// A button's callback that changes the plan.
fn act(props: &ServiceFormProps, f: impl Fn(&mut ServicePlan) + 'static) -> Callback<MouseEvent> {
    let (plan, to) = (props.plan.clone(), props.on_change.clone());
    Callback::from(move |_| {
        let mut next = plan.clone();
        f(&mut next);
        to.emit(next);
    })
}

/// The problems whose path starts with `prefix`, in words.
fn errors(props: &ServiceFormProps, prefix: &str) -> Html {
    let list: Vec<String> = props
        .problems
        .iter()
        .filter(|p| p.path.starts_with(prefix))
        .map(ToString::to_string)
        .collect();
    if list.is_empty() {
        return Html::default();
    }
    html! { <p class="field-error" role="alert">{ list.join("；") }</p> }
}

fn text_input(
    id: String,
    label: &str,
    value: &str,
    cb: Callback<InputEvent>,
    placeholder: &'static str,
) -> Html {
    html! {
        <div class="field">
            <label for={id.clone()}>{ label.to_owned() }</label>
            <input id={id} type="text" value={value.to_owned()} oninput={cb} {placeholder} />
        </div>
    }
}

/// The form.
#[function_component]
pub fn ServiceForm(props: &ServiceFormProps) -> Html {
    let l = props.lang;
    let p = &props.plan;
    let toggle = {
        let (plan, to) = (p.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let mut next = plan.clone();
            next.enabled = jianfu_web::checked(&e);
            to.emit(next);
        })
    };
    html! {
        <fieldset class="service-form">
            <legend>{ l.t("课后服务（“5+2”）", "After-school service (5+2)") }</legend>
            <label class="check">
                <input id="service-enabled" type="checkbox" checked={p.enabled} onchange={toggle} />
                { l.t("在作业公示中发布本校的课后服务", "Publish the school's after-school service in the notice") }
            </label>
            if p.enabled {
                { weekly(props) }
                { sessions(props) }
                { changes(props) }
                <div class="field-row">
                    { text_input("service-care".into(), l.t("延时托管至（可不填）", "Extended care until (optional)"), &p.extended_care_until, on(props, Rc::new(|p, v| p.extended_care_until = v)), "18:30") }
                    { text_input("service-not-before".into(), l.t("不早于（当地下班时间，可不填）", "Not ending before (local end of the working day; optional)"), &p.end_not_before, on(props, Rc::new(|p, v| p.end_not_before = v)), "17:30") }
                </div>
                { errors(props, "school.after_school.extended_care_until") }
                { errors(props, "school.limits.after_school_end_not_before") }
                { text_input("service-fee".into(), l.t("费用", "Fee"), &p.fee, on(props, Rc::new(|p, v| p.fee = v)), "免费") }
                { text_input("service-contact".into(), l.t("联系人", "Contact"), &p.contact, on(props, Rc::new(|p, v| p.contact = v)), "") }
            }
        </fieldset>
    }
}

fn weekly(props: &ServiceFormProps) -> Html {
    let l = props.lang;
    let p = &props.plan;
    html! {
        <>
            <div class="service-list">
                <span class="label">{ l.t("每周开展的日子", "Days of the week") }</span>
                <div class="weekdays">
                    { for (1..=7u8).map(|d| {
                        let on_day = {
                            let (plan, to) = (p.clone(), props.on_change.clone());
                            Callback::from(move |e: Event| {
                                let mut next = plan.clone();
                                next.weekdays.retain(|x| *x != d);
                                if jianfu_web::checked(&e) {
                                    next.weekdays.push(d);
                                    next.weekdays.sort_unstable();
                                }
                                to.emit(next);
                            })
                        };
                        html! {
                            <label class="check">
                                <input type="checkbox" checked={p.weekdays.contains(&d)} onchange={on_day} />
                                { l.weekday(d - 1) }
                            </label>
                        }
                    }) }
                </div>
            </div>
            <div class="field-row">
                { text_input("service-start".into(), l.t("开始时间", "Starts"), &p.start, on(props, Rc::new(|p, v| p.start = v)), "15:40") }
                { text_input("service-end".into(), l.t("结束时间（接孩子）", "Ends (pickup)"), &p.end, on(props, Rc::new(|p, v| p.end = v)), "17:50") }
            </div>
            { errors(props, "school.after_school.weekly[0].weekdays") }
            { errors(props, "school.after_school.weekly[0].start") }
            { errors(props, "school.after_school.weekly[0].end") }
        </>
    }
}

fn sessions(props: &ServiceFormProps) -> Html {
    let l = props.lang;
    let rows = props.plan.sessions.iter().enumerate().map(|(i, s)| {
        let id = |f: &str| format!("session-{i}-{f}");
        let set = |f: fn(&mut SessionInput, String)| -> Apply {
            Rc::new(move |p: &mut ServicePlan, v| {
                if let Some(s) = p.sessions.get_mut(i) {
                    f(s, v);
                }
            })
        };
        let remove = act(props, move |p| {
            if i < p.sessions.len() {
                p.sessions.remove(i);
            }
        });
        let path = format!("school.after_school.weekly[0].sessions[{i}]");
        html! {
            <li class="session-input">
                <div class="field-row">
                    <div class="field">
                        <label for={id("kind")}>{ l.t("内容", "What") }</label>
                        <select id={id("kind")} onchange={on::<Event>(props, set(|s, v| s.kind = v))}>
                            { for SessionKind::ALL.iter().map(|k| html! {
                                <option value={k.as_str()} selected={s.kind == k.as_str()}>{ k.label(l) }</option>
                            }) }
                        </select>
                    </div>
                    { text_input(id("start"), l.t("开始", "Starts"), &s.start, on(props, set(|s, v| s.start = v)), "16:20") }
                    { text_input(id("end"), l.t("结束", "Ends"), &s.end, on(props, set(|s, v| s.end = v)), "17:10") }
                </div>
                { text_input(id("title"), l.t("名称（可不填）", "Name (optional)"), &s.title.zh, on(props, set(|s, v| s.title.zh = v)), "") }
                if s.kind == SessionKind::Interest.as_str() {
                    <div class="field">
                        <label for={id("options")}>{ l.t("可选的兴趣社团（每行一个）", "Clubs to choose from (one per line)") }</label>
                        <textarea id={id("options")} rows="3" value={s.options.clone()} oninput={on::<InputEvent>(props, set(|s, v| s.options = v))} />
                    </div>
                }
                { errors(props, &path) }
                <button type="button" class="danger" onclick={remove}>{ l.t("删除这一段", "Remove this session") }</button>
            </li>
        }
    });
    let add = act(props, |p| p.sessions.push(SessionInput::default()));
    html! {
        <div class="service-list">
            <span class="label">{ l.t("时段", "Sessions") }</span>
            <ol class="session-inputs">{ for rows }</ol>
            <button type="button" onclick={add}>{ l.t("添加时段", "Add a session") }</button>
        </div>
    }
}

fn changes(props: &ServiceFormProps) -> Html {
    let l = props.lang;
    let rows = props.plan.changes.iter().enumerate().map(|(i, c)| {
        let id = |f: &str| format!("change-{i}-{f}");
        let set = |f: fn(&mut ChangeInput, String)| -> Apply {
            Rc::new(move |p: &mut ServicePlan, v| {
                if let Some(c) = p.changes.get_mut(i) {
                    f(c, v);
                }
            })
        };
        let cancel = {
            let (plan, to) = (props.plan.clone(), props.on_change.clone());
            Callback::from(move |e: Event| {
                let mut next = plan.clone();
                if let Some(c) = next.changes.get_mut(i) {
                    c.cancelled = jianfu_web::checked(&e);
                }
                to.emit(next);
            })
        };
        let remove = act(props, move |p| {
            if i < p.changes.len() {
                p.changes.remove(i);
            }
        });
        html! {
            <li class="change-input">
                <div class="field-row">
                    { text_input(id("date"), l.t("日期或区间", "Date or range"), &c.date, on(props, set(|c, v| c.date = v)), "2026-12-24") }
                    if !c.cancelled {
                        { text_input(id("start"), l.t("改为开始（可不填）", "New start (optional)"), &c.start, on(props, set(|c, v| c.start = v)), "") }
                        { text_input(id("end"), l.t("改为结束（提前放学）", "New end (early finish)"), &c.end, on(props, set(|c, v| c.end = v)), "16:30") }
                    }
                </div>
                <label class="check">
                    <input id={id("cancelled")} type="checkbox" checked={c.cancelled} onchange={cancel} />
                    { l.t("当天取消课后服务", "No service on these dates") }
                </label>
                { text_input(id("note"), l.t("给家长的说明", "Note for parents"), &c.note, on(props, set(|c, v| c.note = v)), "教师培训，提前放学") }
                { errors(props, &format!("school.after_school.changes[{i}]")) }
                <button type="button" class="danger" onclick={remove}>{ l.t("删除这项调整", "Remove this change") }</button>
            </li>
        }
    });
    let add = act(props, |p| p.changes.push(ChangeInput::default()));
    html! {
        <div class="service-list">
            <span class="label">{ l.t("调整（提前放学、取消）", "Changes (early finish, cancelled)") }</span>
            <ol class="change-inputs">{ for rows }</ol>
            <button type="button" onclick={add}>{ l.t("添加调整", "Add a change") }</button>
        </div>
    }
}
