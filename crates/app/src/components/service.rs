//! The day's after-school service (课后服务) as the school publishes it:
//! the times and pickup, the sessions, the club the parent chose, a change
//! such as an early finish shown first, extended care, fee and contact;
//! and the parent's device-only "my child attends" (rules.md: voluntary,
//! nothing about it is ever sent).

use std::rc::Rc;

use jianfu_core::after_school::{DayService, OnDay, SessionKind};
use jianfu_core::{Date, Feed, Lang};
use yew::prelude::*;

use crate::store::Attendance;

/// Properties of [`ServiceCard`].
#[derive(Properties, PartialEq)]
pub struct ServiceCardProps {
    /// The class feed.
    pub feed: Rc<Feed>,
    /// The school-local date.
    pub date: Date,
    /// The language.
    pub lang: Lang,
    /// The parent's choice.
    #[prop_or_default]
    pub choice: Attendance,
    /// Changes the choice; read-only (the widget) when absent.
    #[prop_or_default]
    pub on_choice: Option<Callback<Attendance>>,
}

/// The card; nothing on a day that is not a school day and has no service,
/// or when the feed publishes no service at all.
#[function_component]
pub fn ServiceCard(props: &ServiceCardProps) -> Html {
    let l = props.lang;
    let Some(plan) = &props.feed.school.after_school else {
        return Html::default();
    };
    let on = props.feed.after_school_on(props.date);
    let school_day = props.feed.school.rules.is_school_day(props.date);
    let body = match &on {
        OnDay::None if !school_day => return Html::default(),
        OnDay::None => {
            html! { <p class="service-none">{ l.t("今天没有课后服务。", "No after-school service today.") }</p> }
        }
        OnDay::Cancelled(note) => html! {
            <p class="service-change cancelled" role="note">
                <strong>{ l.t("今天课后服务取消", "Today's after-school service is cancelled") }</strong>
                if let Some(n) = note { { "：" }{ n.pick(l.tag()) } }
            </p>
        },
        OnDay::Service(s) => service(s, props),
    };
    let tag = l.tag();
    html! {
        <section class="card service" aria-label={l.t("课后服务", "After-school service")}>
            <h3>{ l.t("课后服务", "After-school service") }</h3>
            { body }
            if let Some(until) = plan.extended_care_until {
                <p class="service-care">{ l.f(format!("需要时可延时托管至 {until}。"), format!("Extended care until {until} for those who need it.")) }</p>
            }
            if let Some(fee) = &plan.fee { <p class="service-fee">{ l.t("费用：", "Fee: ") }{ fee.pick(tag) }</p> }
            if let Some(c) = &plan.contact { <p class="service-contact">{ l.t("联系：", "Contact: ") }{ c.pick(tag) }</p> }
            { attendance(props) }
        </section>
    }
}

fn service(s: &DayService, props: &ServiceCardProps) -> Html {
    let l = props.lang;
    let attends = props.choice.attends != Some(false);
    html! {
        <>
            if s.changed {
                <p class="service-change" role="note">
                    <strong>{ l.f(format!("今天调整：{}–{}", s.start, s.end), format!("Changed today: {}–{}", s.start, s.end)) }</strong>
                    if let Some(n) = &s.note { { " · " }{ n.pick(l.tag()) } }
                </p>
            }
            <p class="service-time">
                <span class="times">{ format!("{}–{}", s.start, s.end) }</span>
                if attends {
                    <span class="pickup">{ l.f(format!("接孩子：{}", s.end), format!("Pick up at {}", s.end)) }</span>
                }
            </p>
            <ul class="sessions">
                { for s.sessions.iter().map(|x| {
                    let chosen = (x.kind == SessionKind::Interest).then(|| props.choice.interest.clone()).flatten();
                    html! {
                        <li class={classes!("session", format!("session-{}", x.kind.as_str()))}>
                            <span class="session-time">{ format!("{}–{}", x.start, x.end) }</span>
                            <span class="session-title">{ x.title.as_ref().map_or_else(|| x.kind.label(l).to_owned(), |t| t.pick(l.tag()).to_owned()) }</span>
                            if let Some(c) = chosen {
                                <span class="chosen">{ l.t("已选：", "Chosen: ") }{ c }</span>
                            } else if !x.options.is_empty() {
                                <span class="options">{ x.options.iter().map(|o| o.pick(l.tag())).collect::<Vec<_>>().join(l.t("、", ", ")) }</span>
                            }
                        </li>
                    }
                }) }
            </ul>
        </>
    }
}

/// "My child attends" and the club, when the parent may change them.
fn attendance(props: &ServiceCardProps) -> Html {
    let Some(cb) = &props.on_choice else {
        return Html::default();
    };
    let l = props.lang;
    let choice = props.choice.clone();
    let toggle = {
        let (cb, choice) = (cb.clone(), choice.clone());
        Callback::from(move |e: Event| {
            let on = jianfu_web::checked(&e);
            cb.emit(Attendance {
                attends: Some(on),
                ..choice.clone()
            });
        })
    };
    // The clubs of the weekly plan: the choice is for the term, not the
    // day (an early finish may leave no club session today).
    let mut options: Vec<String> = props
        .feed
        .school
        .after_school
        .iter()
        .flat_map(|a| a.weekly.iter())
        .flat_map(|w| w.sessions.iter())
        .filter(|x| x.kind == SessionKind::Interest)
        .flat_map(|x| x.options.iter().map(|o| o.pick(l.tag()).to_owned()))
        .collect();
    options.dedup();
    let pick = {
        let (cb, choice) = (cb.clone(), choice.clone());
        Callback::from(move |e: Event| {
            let v = jianfu_web::select_value(&e).filter(|v| !v.is_empty());
            cb.emit(Attendance {
                interest: v,
                ..choice.clone()
            });
        })
    };
    html! {
        <div class="service-choice">
            <label class="check">
                <input type="checkbox" checked={choice.attends == Some(true)} onchange={toggle} />
                { l.t("我的孩子参加课后服务", "My child attends") }
            </label>
            if choice.attends == Some(true) && !options.is_empty() {
                <label class="field">
                    <span>{ l.t("孩子选的兴趣社团", "The club my child chose") }</span>
                    <select onchange={pick}>
                        <option value="" selected={choice.interest.is_none()}>{ l.t("未选", "Not chosen") }</option>
                        { for options.iter().map(|o| html! {
                            <option value={o.clone()} selected={choice.interest.as_deref() == Some(o.as_str())}>{ o }</option>
                        }) }
                    </select>
                </label>
            }
            <p class="help">{ l.t("只保存在本设备上，不会发送给任何人。", "Kept on this device only; never sent to anyone.") }</p>
        </div>
    }
}
