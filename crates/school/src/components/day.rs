//! One day of the week planner: what the calendar says it is, the core
//! written minutes against the limit (live, including the item being
//! typed), the items with their actions, and the item form when open.

use jianfu_core::Date;
use jianfu_core::after_school::OnDay;
use jianfu_core::calendar::DayKind;
use jianfu_core::feed::ServiceDay;
use jianfu_core::feed::{FeedRule, Kind, Tier};
use jianfu_core::rules::WrittenLimit;
use jianfu_core::studio::{DayVerdict, ItemInput, PlanItem};
use jianfu_ui::Level;
use yew::prelude::*;

use super::{ItemForm, use_ctx};
use crate::i18n::{Lang, Words};
use crate::state::{Change, Pending};

/// Props of [`DayCard`].
#[derive(Properties, PartialEq)]
pub struct DayCardProps {
    /// The day.
    pub date: Date,
    /// Its verdict (with the typed item when the form is open here).
    pub verdict: DayVerdict,
    /// Its items as saved.
    pub items: Vec<PlanItem>,
    /// The form, when it is open on this day.
    pub pending: Option<Pending>,
    /// The after-school service that day and its 5+2 verdict (school days
    /// of a feed that publishes one), with the end of the working day it
    /// may not end before.
    #[prop_or_default]
    pub service: Option<(ServiceDay, jianfu_core::TimeOfDay)>,
}

/// The day's after-school service against 5+2, live as the set-up changes.
fn service_line(l: Lang, day: &ServiceDay, not_before: jianfu_core::TimeOfDay) -> Html {
    let what = match &day.on {
        OnDay::Service(s) => l.f(
            format!("课后服务 {}–{}（{} 分钟）", s.start, s.end, s.minutes()),
            format!("After-school {}–{} ({} min)", s.start, s.end, s.minutes()),
        ),
        OnDay::Cancelled(_) => l.t("课后服务：取消", "After-school: cancelled").to_owned(),
        OnDay::None => l.t("课后服务：无", "After-school: none").to_owned(),
    };
    let (class, verdict) = match day.shortfall {
        None => ("ok", l.t("符合“5+2”", "meets 5+2").to_owned()),
        Some(s) => (
            "short",
            l.f(
                format!("未达到“5+2”：{}", s.describe(not_before, l)),
                format!("short of 5+2: {}", s.describe(not_before, l)),
            ),
        ),
    };
    html! {
        <p class={classes!("service-line", class)}>{ what }{ " · " }<strong>{ verdict }</strong></p>
    }
}

/// The day's minutes against its limit, in words and as a bar.
#[derive(Properties, PartialEq)]
pub struct VerdictProps {
    /// The verdict shown.
    pub verdict: DayVerdict,
    /// Whether it counts an item still being typed.
    pub preview: bool,
}

/// The verdict line and bar.
#[function_component]
pub fn Verdict(props: &VerdictProps) -> Html {
    let l = use_ctx().lang;
    let v = &props.verdict;
    let (level, word) = match (v.violation, v.limit) {
        (Some(rule @ FeedRule::WrittenHomeworkGrades12), _) => {
            (Level::Over, rule.rule_text(l.tag()).to_owned())
        }
        (Some(FeedRule::WrittenMinutesOverLimit), WrittenLimit::Minutes(m)) => (
            Level::Over,
            l.f(
                format!("超出 {} 分钟", v.written.saturating_sub(u32::from(m))),
                format!(
                    "{} min over the limit",
                    v.written.saturating_sub(u32::from(m))
                ),
            ),
        ),
        (_, WrittenLimit::NoCap) => (
            Level::Ok,
            l.t(
                "非上学日：无书面作业时长上限",
                "Not a school day: no written-minutes cap",
            )
            .to_owned(),
        ),
        (_, WrittenLimit::NoneAllowed) => (
            Level::Ok,
            l.t(
                "一二年级：不布置家庭书面作业",
                "Grades 1–2: no written homework at home",
            )
            .to_owned(),
        ),
        _ => (Level::Ok, l.t("符合规定", "Within the limit").to_owned()),
    };
    let limit_text = match v.limit {
        WrittenLimit::Minutes(m) => l.minutes(u32::from(m)),
        WrittenLimit::NoCap => l.t("无上限", "no cap").to_owned(),
        WrittenLimit::NoneAllowed => l.t("不布置", "none").to_owned(),
    };
    html! {
        <jianfu_ui::LimitBar
            label={l.t("书面作业（基础）", "Written (core)")}
            minutes_text={l.minutes(v.written)}
            {limit_text}
            {word}
            minutes={v.written}
            limit={v.limit}
            {level}
        >
            if v.optional > 0 || v.other > 0 {
                <p class="apart">
                    if v.optional > 0 {
                        <span>{ l.f(format!("选做 {} 分钟（不计入上限）", v.optional), format!("Optional {} min (not counted)", v.optional)) }</span>
                    }
                    if v.other > 0 {
                        <span>{ l.f(format!("阅读、口头等 {} 分钟（非书面）", v.other), format!("Reading, oral and other {} min (not written)", v.other)) }</span>
                    }
                </p>
            }
            if props.preview {
                <p class="preview-note">{ l.t("含正在填写的作业", "Includes the item being typed") }</p>
            }
        </jianfu_ui::LimitBar>
    }
}

/// "周一 11月23日" in the page's language.
pub fn day_title(l: Lang, date: Date) -> String {
    format!(
        "{} {}",
        l.weekday(date.weekday().index_from_monday()),
        jianfu_web::format_date(date, l.tag(), false)
    )
}

/// One day.
#[function_component]
pub fn DayCard(props: &DayCardProps) -> Html {
    let ctx = use_ctx();
    let l = ctx.lang;
    let date = props.date;
    let title = day_title(l, date);
    let heading_id = format!("day-{date}");
    let kind_badge = match props.verdict.kind {
        DayKind::SchoolDay => html! {},
        k => {
            html! { <span class={classes!("day-badge", format!("badge-{}", badge_class(k)))}>{ l.day_kind(k) }</span> }
        }
    };
    let open_new = {
        let ctx = ctx.clone();
        Callback::from(move |_| {
            ctx.change(Change::Open(Pending {
                date,
                index: None,
                input: ItemInput::default(),
            }));
        })
    };
    let copy_next = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.change(Change::CopyDay(date, date.add_days(1))))
    };
    let editing = props.pending.as_ref().and_then(|p| p.index);
    let items = props.items.iter().enumerate().map(|(i, item)| {
        let name = item.title.pick(l.tag()).to_owned();
        let act = |change: Change| {
            let ctx = ctx.clone();
            Callback::from(move |_| ctx.change(change.clone()))
        };
        let edit = act(Change::Open(Pending { date, index: Some(i), input: ItemInput::from_item(item) }));
        let up = act(Change::Move(date, i, -1));
        let down = act(Change::Move(date, i, 1));
        let remove = {
            let ctx = ctx.clone();
            let question = l.f(format!("删除“{name}”？"), format!("Delete “{name}”?"));
            Callback::from(move |_| {
                if jianfu_web::confirm(&question) {
                    ctx.change(Change::Remove(date, i));
                }
            })
        };
        let last = i + 1 == props.items.len();
        html! {
            <li class={classes!("plan-item", (editing == Some(i)).then_some("editing"))} data-item={item.id.clone()}>
                <span class="subject">{ l.subject(&item.subject) }</span>
                <span class="title">{ name.clone() }</span>
                <span class="meta">
                    <span class={classes!("kind", (item.kind == Kind::Written).then_some("kind-written"))}>{ l.kind(item.kind) }</span>
                    <span>{ l.minutes(u32::from(item.minutes)) }</span>
                    if item.tier == Tier::Optional { <span class="optional">{ l.t("选做", "optional") }</span> }
                    if item.at_school { <span class="at-school">{ l.t("在校完成", "done at school") }</span> }
                    if let Some(due) = item.due {
                        <span>{ l.f(format!("截止 {}", jianfu_web::format_date(due, l.tag(), false)), format!("due {}", jianfu_web::format_date(due, l.tag(), false))) }</span>
                    }
                </span>
                <span class="actions">
                    <button type="button" onclick={edit} aria-label={l.f(format!("编辑：{name}"), format!("Edit: {name}"))}>{ l.t("编辑", "Edit") }</button>
                    <button type="button" onclick={up} disabled={i == 0} aria-label={l.f(format!("上移：{name}"), format!("Move up: {name}"))}>{ "↑" }</button>
                    <button type="button" onclick={down} disabled={last} aria-label={l.f(format!("下移：{name}"), format!("Move down: {name}"))}>{ "↓" }</button>
                    <button type="button" class="danger" onclick={remove} aria-label={l.f(format!("删除：{name}"), format!("Delete: {name}"))}>{ l.t("删除", "Delete") }</button>
                </span>
            </li>
        }
    });
    let preview = props.pending.is_some();
    html! {
        <section class={classes!("day", format!("day-{}", badge_class(props.verdict.kind)))} aria-labelledby={heading_id.clone()} data-date={date.to_string()}>
            <h3 id={heading_id}>{ title.clone() }{ " " }{ kind_badge }</h3>
            <Verdict verdict={props.verdict.clone()} {preview} />
            if let Some((day, not_before)) = &props.service {
                { service_line(l, day, *not_before) }
            }
            if props.items.is_empty() {
                <p class="empty">{ l.t("这一天还没有作业。", "No homework planned for this day.") }</p>
            } else {
                <ol class="plan-items">{ for items }</ol>
            }
            if let Some(p) = &props.pending {
                <ItemForm pending={p.clone()} />
            } else {
                <div class="day-actions">
                    <button type="button" class="primary" onclick={open_new}
                        aria-label={l.f(format!("添加作业：{title}"), format!("Add homework: {title}"))}>
                        { l.t("＋ 添加作业", "+ Add homework") }
                    </button>
                    if !props.items.is_empty() {
                        <button type="button" onclick={copy_next}
                            aria-label={l.f(format!("复制到下一天：{title}"), format!("Copy to next day: {title}"))}>
                            { l.t("复制到下一天", "Copy to next day") }
                        </button>
                    }
                </div>
            }
        </section>
    }
}

fn badge_class(kind: DayKind) -> &'static str {
    match kind {
        DayKind::SchoolDay => "school",
        DayKind::Weekend => "weekend",
        DayKind::Holiday => "holiday",
        DayKind::MakeUpDay => "makeup",
    }
}
