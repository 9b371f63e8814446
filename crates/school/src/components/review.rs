//! The grade group's review (年级组审批): every class of a grade, day by
//! day, against the limit and against each other (core's `review`, whose
//! outlier rule is explained on screen). Feeds come from files or URLs;
//! nothing is sent anywhere.

use jianfu_core::review::{OUTLIER_MINUTES, review};
use jianfu_core::rules::WrittenLimit;
use jianfu_core::{Date, Feed};
use yew::prelude::*;

use super::day::day_title;
use jianfu_ui::FeedSources;

use super::use_ctx;
use crate::i18n::Words as _;

/// A loaded class feed and where it came from.
#[derive(Clone, PartialEq)]
struct Loaded {
    source: String,
    feed: Feed,
}

/// The review screen.
#[function_component]
pub fn ReviewPage() -> Html {
    let ctx = use_ctx();
    let l = ctx.lang;
    let feeds = use_state(Vec::<Loaded>::new);
    let errors = use_state(Vec::<String>::new);
    let monday = use_state(|| ctx.today.iso_week().monday());
    let open = use_state(|| None::<usize>);

    // Adds feeds, replacing one from the same source; reports the rest.
    let add = {
        let (feeds, errors) = (feeds.clone(), errors.clone());
        move |results: Vec<(String, Result<String, String>)>| {
            let mut list = (*feeds).clone();
            let mut problems = Vec::new();
            for (source, text) in results {
                match text.and_then(|t| Feed::parse(&t).map_err(|p| p.to_string())) {
                    Ok(feed) => {
                        list.retain(|f| f.source != source);
                        list.push(Loaded { source, feed });
                    }
                    Err(e) => problems.push(format!("{source}: {e}")),
                }
            }
            list.sort_by(|a, b| a.feed.class.id.cmp(&b.feed.class.id));
            feeds.set(list);
            errors.set(problems);
        }
    };
    let on_loaded = Callback::from(add);
    let clear = {
        let (feeds, open) = (feeds.clone(), open.clone());
        Callback::from(move |_| {
            feeds.set(Vec::new());
            open.set(None);
        })
    };
    let week = |by: i32| {
        let monday = monday.clone();
        Callback::from(move |_| monday.set(monday.add_days(by)))
    };

    let dates: Vec<Date> = (0..7).map(|i| monday.add_days(i)).collect();
    let list: Vec<Feed> = feeds.iter().map(|f| f.feed.clone()).collect();
    let grid = review(&list, &dates);
    let grades: std::collections::BTreeSet<u8> = list.iter().map(|f| f.class.grade.get()).collect();
    let flagged = grid
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .filter(|c| c.outlier_of.is_some())
        .count();
    let over = grid
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .filter(|c| c.over)
        .count();

    let table = if list.is_empty() {
        html! { <p class="empty">{ l.t("还没有载入班级。选择各班的作业公示文件，或填写它们的网址。", "No classes loaded yet. Choose each class's notice file, or enter their addresses.") }</p> }
    } else {
        html! {
            <div class="table-scroll">
            <table class="review-grid">
                <caption>{ l.t("各班每天的基础书面作业（分钟）", "Core written minutes per class and day") }</caption>
                <thead><tr>
                    <th scope="col">{ l.t("班级", "Class") }</th>
                    { for dates.iter().map(|d| html! { <th scope="col">{ day_title(l, *d) }</th> }) }
                </tr></thead>
                <tbody>
                    { for grid.rows.iter().map(|row| {
                        let feed = &list[row.feed];
                        let name = feed.class.name.pick(l.tag()).to_owned();
                        let toggle = {
                            let open = open.clone();
                            let i = row.feed;
                            Callback::from(move |_| open.set(if *open == Some(i) { None } else { Some(i) }))
                        };
                        html! {
                            <tr data-class={feed.class.id.clone()}>
                                <th scope="row">
                                    <button type="button" class="link-button" onclick={toggle}
                                        aria-expanded={(*open == Some(row.feed)).to_string()}>{ name }</button>
                                </th>
                                { for row.cells.iter().map(|c| {
                                    let classes = classes!(c.over.then_some("over"), c.outlier_of.is_some().then_some("outlier"), (!c.published).then_some("missing"));
                                    html! {
                                        <td class={classes}>
                                            if c.published { { c.minutes.to_string() } } else { <span aria-label={l.t("未公示", "not published")}>{ "—" }</span> }
                                            if c.over {
                                                <span class="flag">{ match c.limit {
                                                    WrittenLimit::NoneAllowed => l.t(" 一二年级不应有书面作业", " no written homework for grades 1–2"),
                                                    _ => l.t(" 超出上限", " over the limit"),
                                                } }</span>
                                            }
                                            if let Some(m) = c.outlier_of {
                                                <span class="flag">{ l.f(format!(" ⚑ 与年级中位数 {m} 相差大"), format!(" ⚑ far from the median {m}")) }</span>
                                            }
                                        </td>
                                    }
                                }) }
                            </tr>
                        }
                    }) }
                </tbody>
                <tfoot><tr>
                    <th scope="row">{ l.t("中位数", "Median") }</th>
                    { for grid.medians.iter().map(|m| html! { <td>{ m.map_or_else(|| "—".to_owned(), |m| m.to_string()) }</td> }) }
                </tr></tfoot>
            </table>
            </div>
        }
    };
    let detail = open.and_then(|i| list.get(i)).map(|feed| html! {
        <section class="card class-detail" aria-labelledby="class-detail-title">
            <h3 id="class-detail-title">{ feed.class.name.pick(l.tag()).to_owned() }</h3>
            { for dates.iter().filter_map(|d| feed.day(*d).map(|day| html! {
                <div>
                    <h4>{ day_title(l, *d) }</h4>
                    <ul>{ for day.items.iter().map(|it| html! {
                        <li>{ l.subject(it.subject.as_str()).to_owned() }{ "：" }{ it.title.pick(l.tag()).to_owned() }
                            { format!(" · {} · {}", l.kind(it.kind), l.minutes(u32::from(it.estimated_minutes.get()))) }
                            if it.tier == jianfu_core::feed::Tier::Optional { { l.t(" · 选做", " · optional") } }</li>
                    }) }</ul>
                </div>
            })) }
        </section>
    });
    html! {
        <>
            <h2>{ l.t("年级组审核", "Grade review") }</h2>
            <p class="intro">{ l.f(
                format!("载入同一年级各班的作业公示，对照每天的上限和年级中位数。与中位数相差超过 {OUTLIER_MINUTES} 分钟、且达到中位数一半的班级会被标出（至少 3 个班公示了当天）：作业布置应大体一致。所有计算都在本机完成。"),
                format!("Load the notices of every class of a grade and compare each day with the limit and the grade's median. A class is flagged when it differs from the median by more than {OUTLIER_MINUTES} minutes and by at least half the median (with 3 or more classes published that day): classes of a grade should get about the same. Everything is computed on this device."),
            ) }</p>
            <section class="card">
                <FeedSources lang={l} id="review" {on_loaded}
                    files_label={l.t("选择各班的作业公示文件…", "Choose the classes' notice files…")} />
                if !errors.is_empty() {
                    <div class="field-error" role="alert">
                        <p>{ l.t("以下文件未能载入：", "These could not be loaded:") }</p>
                        <ul>{ for errors.iter().map(|e| html! { <li>{ e.clone() }</li> }) }</ul>
                    </div>
                }
            </section>
            <nav class="week-nav" aria-label={l.t("切换周", "Weeks")}>
                <button type="button" onclick={week(-7)}>{ l.t("← 上一周", "← Previous week") }</button>
                <span>{ jianfu_web::format_date(*monday, l.tag(), false) }{ " – " }{ jianfu_web::format_date(monday.add_days(6), l.tag(), false) }</span>
                <button type="button" onclick={week(7)}>{ l.t("下一周 →", "Next week →") }</button>
                if !list.is_empty() { <button type="button" onclick={clear}>{ l.t("清空", "Clear") }</button> }
            </nav>
            if !list.is_empty() {
                <p class="review-summary" role="status">{ l.f(
                    format!("{} 个班；本周 {} 个班日超出上限，{} 个班日偏离年级中位数。", list.len(), over, flagged),
                    format!("{} classes; this week {} class-days over the limit, {} far from the grade's median.", list.len(), over, flagged),
                ) }</p>
            }
            if grades.len() > 1 {
                <p class="hint">{ l.t("注意：载入的班级不属于同一个年级，上限和中位数的比较意义有限。", "Note: the classes loaded are not all of one grade, so the median comparison means little.") }</p>
            }
            { table }
            { detail.unwrap_or_default() }
        </>
    }
}
