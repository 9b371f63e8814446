//! The week planner: Monday to Sunday of one week, each day judged by core
//! as the teacher types.

use jianfu_core::Date;
use yew::prelude::*;

use super::{DayCard, use_ctx};
use crate::route::Route;
use crate::state::Change;

/// Props of [`WeekPage`].
#[derive(Properties, PartialEq)]
pub struct WeekPageProps {
    /// The week's Monday.
    pub monday: Date,
}

/// The planner.
#[function_component]
pub fn WeekPage(props: &WeekPageProps) -> Html {
    let ctx = use_ctx();
    let l = ctx.lang;
    let monday = props.monday;
    let studio = &ctx.studio;
    let now = ctx.now();
    let setup_problems = studio.draft.setup_problems(now);
    let range = format!(
        "{} – {}",
        jianfu_web::format_date(monday, l.tag(), false),
        jianfu_web::format_date(monday.add_days(6), l.tag(), false)
    );
    let title = html! {
        <h2>
            { l.f(format!("第{}周作业", monday.iso_week().week()), format!("Week {} homework", monday.iso_week().week())) }
            <span class="week-range">{ " · " }{ range.clone() }</span>
        </h2>
    };
    if !setup_problems.is_empty() {
        return html! {
            <section class="card">
                { title }
                <p>{ l.t("先填写学校和班级，工作台才能按本校的规定和校历检查每天的作业。",
                         "Set up the school and class first, so the studio can check each day against your rules and calendar.") }</p>
                <a class="button primary" href={Route::Setup.to_hash()}>{ l.t("填写学校与班级", "Set up school and class") }</a>
            </section>
        };
    }
    // The verdicts include the item being typed, when it is valid so far.
    let mut preview = studio.draft.clone();
    if let Some(p) = &studio.pending {
        let id = p
            .index
            .and_then(|i| preview.items(p.date).get(i).map(|it| it.id.clone()))
            .unwrap_or_else(|| preview.new_item_id(p.date, &p.input.subject));
        if let Ok(item) = p.input.to_item(p.date, id) {
            preview.put_item(p.date, p.index, item);
        }
    }
    let checked = preview.check(now);
    let copy_last = {
        let ctx = ctx.clone();
        let question = l.t(
            "把上周每天的作业复制到本周？（本周已有的作业保留）",
            "Copy last week's homework onto this week? (What is already planned stays.)",
        );
        Callback::from(move |_| {
            if jianfu_web::confirm(question) {
                ctx.change(Change::CopyWeek(monday.add_days(-7), monday));
            }
        })
    };
    let days = (0..7).map(|i| {
        let date = monday.add_days(i);
        let pending = studio.pending.clone().filter(|p| p.date == date);
        match &checked {
            Ok(c) => html! {
                <DayCard key={date.to_string()} {date} verdict={c.day(date)}
                    service={c.service(date).map(|d| (d, c.feed.school.rules.after_school_end_not_before()))}
                    items={studio.draft.items(date).to_vec()} {pending} />
            },
            Err(_) => html! {},
        }
    });
    let problems = match &checked {
        Ok(_) => html! {},
        // Cannot happen with a valid set-up and items checked by the form;
        // said plainly rather than hidden if it ever does.
        Err(p) => html! {
            <div class="error" role="alert">
                <p>{ l.t("这份计划无法生成作业公示：", "This plan cannot become a notice:") }</p>
                <ul>{ for p.as_slice().iter().map(|x| html! { <li>{ x.to_string() }</li> }) }</ul>
            </div>
        },
    };
    let has_last_week = (0..7).any(|i| !studio.draft.items(monday.add_days(i - 7)).is_empty());
    html! {
        <>
            { title }
            <nav class="week-nav" aria-label={l.t("切换周", "Weeks")}>
                <a href={Route::WeekOf(monday.add_days(-7)).to_hash()}>{ l.t("← 上一周", "← Previous week") }</a>
                <a href={Route::Week.to_hash()}>{ l.t("本周", "This week") }</a>
                <a href={Route::WeekOf(monday.add_days(7)).to_hash()}>{ l.t("下一周 →", "Next week →") }</a>
                if has_last_week {
                    <button type="button" onclick={copy_last}>{ l.t("复制上周计划", "Copy last week's plan") }</button>
                }
            </nav>
            { problems }
            <div class="week-days">{ for days }</div>
        </>
    }
}
