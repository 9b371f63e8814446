//! The homework monitoring report (作业监测报告): many class feeds (files,
//! a folder, or the addresses a district's portal serves them at) against
//! the 90 % target, by school, grade and class; sortable, printable on A4,
//! exported as CSV. The numbers are core's `monitor`, the same as
//! `jianfu monitor --json`.

use jianfu_core::evaluate::Share;
use jianfu_core::monitor::{ClassMonitor, Totals, monitor};
use jianfu_core::{Date, Feed};
use std::rc::Rc;

use jianfu_web::Lang;
use yew::prelude::*;

use jianfu_ui::FeedSources;

use super::use_ctx;

/// Class rows drawn before "show all".
const FIRST_ROWS: usize = 200;

/// The columns the class table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    School,
    Class,
    Grade,
    SchoolDays,
    Published,
    Over,
    Missing,
    Percent,
    AfterSchool,
}

impl Column {
    const ALL: [Self; 9] = [
        Self::School,
        Self::Class,
        Self::Grade,
        Self::SchoolDays,
        Self::Published,
        Self::Over,
        Self::Missing,
        Self::Percent,
        Self::AfterSchool,
    ];

    fn label(self, l: Lang) -> &'static str {
        match self {
            Self::School => l.t("学校", "School"),
            Self::Class => l.t("班级", "Class"),
            Self::Grade => l.t("年级", "Grade"),
            Self::SchoolDays => l.t("上学日", "School days"),
            Self::Published => l.t("已公示", "Published"),
            Self::Over => l.t("超出上限", "Over the limit"),
            Self::Missing => l.t("未公示", "Missing"),
            Self::Percent => l.t("符合规定比例", "Within the limit"),
            Self::AfterSchool => l.t("课后服务“5+2”", "5+2 after-school"),
        }
    }

    fn cmp(self, a: &ClassMonitor, b: &ClassMonitor) -> std::cmp::Ordering {
        let pct = |c: &ClassMonitor| c.share().percent().map_or(-1.0, |p| p);
        // No service published sorts below any share.
        let service = |c: &ClassMonitor| {
            c.after_school_share()
                .and_then(Share::percent)
                .map_or(-1.0, |p| p)
        };
        match self {
            Self::School => a.school.cmp(&b.school),
            Self::Class => a.class.cmp(&b.class),
            Self::Grade => a.grade.cmp(&b.grade),
            Self::SchoolDays => a.school_days.cmp(&b.school_days),
            Self::Published => a.published.cmp(&b.published),
            Self::Over => a.over_limit.cmp(&b.over_limit),
            Self::Missing => a.missing.cmp(&b.missing),
            Self::Percent => pct(a).total_cmp(&pct(b)),
            Self::AfterSchool => service(a).total_cmp(&service(b)),
        }
        .then_with(|| {
            (a.school.as_str(), a.class.as_str()).cmp(&(b.school.as_str(), b.class.as_str()))
        })
    }
}

/// A 5+2 cell: the share of school days with a full service and the days
/// short, or "not published" (counted apart, not as shortfalls).
fn service_cell(l: Lang, share: Option<Share>, short: u32) -> String {
    share.map_or_else(
        || l.t("未公布", "not published").to_owned(),
        |s| {
            l.f(
                format!("{}（{short} 天不足）", percent(l, s)),
                format!("{} ({short} short)", percent(l, s)),
            )
        },
    )
}

fn percent(l: Lang, s: Share) -> String {
    s.percent()
        .map_or_else(|| l.t("—", "—").to_owned(), |p| format!("{p:.1} %"))
}

/// The feeds loaded, by source (a file's name or a URL) in load order;
/// shared between renders, never copied to draw.
#[derive(Debug, Clone, Default, PartialEq)]
struct Loaded {
    sources: Vec<String>,
    feeds: Vec<Feed>,
    /// Bumped by every load: what the report is computed for.
    revision: u32,
}

impl Loaded {
    /// Adds a feed, replacing one loaded before from the same source.
    fn put(&mut self, source: String, feed: Feed) {
        if let Some(slot) = self
            .sources
            .iter()
            .position(|s| *s == source)
            .and_then(|i| self.feeds.get_mut(i))
        {
            *slot = feed;
        } else {
            self.sources.push(source);
            self.feeds.push(feed);
        }
    }
}

/// The report's screen.
#[function_component]
pub fn MonitorPage() -> Html {
    let ctx = use_ctx();
    let l = ctx.lang;
    let loaded = use_state(|| Rc::new(Loaded::default()));
    let problems = use_state(Vec::<String>::new);
    let from = use_state(|| None::<Date>);
    let to = use_state(|| None::<Date>);
    let sort = use_state(|| (Column::Percent, false));
    let show_all = use_state(|| false);
    let printing = use_state(|| false);
    {
        // The print dialog opens once every row is drawn.
        let printing = printing.clone();
        use_effect_with(*printing, move |now| {
            if *now {
                jianfu_web::print();
                printing.set(false);
            }
        });
    }

    let add = {
        let (loaded, problems) = (loaded.clone(), problems.clone());
        move |read: Vec<(String, Result<String, String>)>| {
            let mut next = Rc::unwrap_or_clone((*loaded).clone());
            let mut bad = Vec::new();
            for (source, text) in read {
                match text.and_then(|t| Feed::parse(&t).map_err(|p| p.to_string())) {
                    Ok(feed) => next.put(source, feed),
                    Err(e) => bad.push(format!("{source}: {e}")),
                }
            }
            next.revision += 1;
            loaded.set(Rc::new(next));
            problems.set(bad);
        }
    };
    let on_loaded = Callback::from(add);
    let date_input = |state: &UseStateHandle<Option<Date>>| {
        let state = state.clone();
        Callback::from(move |e: Event| {
            if let Some(v) = jianfu_web::select_value(&e) {
                state.set(Date::parse(&v).ok());
            }
        })
    };
    let clear = {
        let (loaded, problems) = (loaded.clone(), problems.clone());
        Callback::from(move |_| {
            let revision = loaded.revision + 1;
            loaded.set(Rc::new(Loaded {
                revision,
                ..Loaded::default()
            }));
            problems.set(Vec::new());
        })
    };

    // Computed once per load or range, not on every render (sorting
    // redraws the table only).
    let report = {
        let feeds = (*loaded).clone();
        use_memo((loaded.revision, *from, *to), move |(_, from, to)| {
            monitor(&feeds.feeds, *from, *to)
        })
    };
    let count = loaded.feeds.len();
    let body = match &*report {
        None if count == 0 => html! {
            <p class="empty">{ l.t("还没有载入作业公示。选择文件或文件夹，或填写各班作业公示的网址。", "No notices loaded yet. Choose files or a folder, or enter the classes' notice addresses.") }</p>
        },
        None => html! {
            <p class="field-error" role="alert">{ l.t("日期范围无效：结束日期早于开始日期。", "The date range is invalid: it ends before it starts.") }</p>
        },
        Some(m) => {
            let (column, descending) = *sort;
            let mut classes: Vec<&ClassMonitor> = m.classes.iter().collect();
            classes.sort_by(|a, b| {
                let o = column.cmp(a, b);
                if descending { o.reverse() } else { o }
            });
            let meets = m.meets_target();
            let total_classes = classes.len();
            // A district has a thousand classes: the first rows of the
            // chosen order (the lowest shares first, by default) are drawn,
            // the rest on request (and before printing).
            if !*show_all {
                classes.truncate(FIRST_ROWS);
            }
            let more = {
                let show_all = show_all.clone();
                Callback::from(move |_| show_all.set(true))
            };
            let export = {
                let report = report.clone();
                Callback::from(move |_| {
                    let Some(m) = &*report else { return };
                    // A download cannot fail short of a browser without a
                    // document, which could not show this page either.
                    let _ = jianfu_web::download_as(
                        &format!("jianfu-monitor-{}-{}.csv", m.from, m.to),
                        &m.to_csv(l.tag()),
                        "text/csv;charset=utf-8",
                    );
                })
            };
            // Printing shows every class: the report on paper is whole.
            let print = {
                let (show_all, printing) = (show_all.clone(), printing.clone());
                Callback::from(move |_| {
                    show_all.set(true);
                    printing.set(true);
                })
            };
            let totals_row = |name: String, t: &Totals| {
                let share = t.share();
                let below = share
                    .percent()
                    .is_some_and(|p| p < f64::from(m.target_percent()));
                html! {
                    <tr class={classes!(below.then_some("below"))}>
                        <th scope="row">{ name }</th>
                        <td>{ t.classes }</td><td>{ t.school_days }</td><td>{ t.published }</td>
                        <td>{ t.over_limit }</td><td>{ t.missing }</td><td>{ t.grades_1_2_written }</td>
                        <td>{ percent(l, share) }</td>
                        <td>{ service_cell(l, t.after_school_share(), t.after_school_shortfalls) }</td>
                    </tr>
                }
            };
            let totals_head = |first: &'static str| {
                html! {
                    <tr>
                        <th scope="col">{ first }</th>
                        <th scope="col">{ l.t("班级数", "Classes") }</th>
                        <th scope="col">{ l.t("上学日（班·日）", "School days (class-days)") }</th>
                        <th scope="col">{ l.t("已公示", "Published") }</th>
                        <th scope="col">{ l.t("超出上限", "Over the limit") }</th>
                        <th scope="col">{ l.t("未公示", "Missing") }</th>
                        <th scope="col">{ l.t("一二年级书面作业", "Grades 1–2 written") }</th>
                        <th scope="col">{ l.t("符合规定比例", "Within the limit") }</th>
                        <th scope="col">{ l.t("课后服务“5+2”", "5+2 after-school") }</th>
                    </tr>
                }
            };
            html! {
                <>
                    <section class={classes!("card", "monitor-summary", if meets { "meets" } else { "below" })} aria-labelledby="summary-title">
                        <h3 id="summary-title">{ l.f(format!("{} 至 {}", m.from, m.to), format!("{} to {}", m.from, m.to)) }</h3>
                        <p class="big-figure">
                            <strong>{ percent(l, m.total.share()) }</strong>
                            { " " }
                            { l.f(
                                format!("的已公示班·日书面作业符合规定（目标 {} %）：{}", m.target_percent(), if meets { "达到目标" } else { "未达到目标" }),
                                format!("of published class-days within the written limit (target {} %): {}", m.target_percent(), if meets { "target met" } else { "below the target" }),
                            ) }
                        </p>
                        <TargetBar share={m.total.share()} target={m.target_percent()} />
                        <p>{ l.f(
                            format!("{} 所学校、{} 个班；{} 个班·日超出上限，{} 个上学日未公示。", m.schools.len(), m.total.classes, m.total.over_limit, m.total.missing),
                            format!("{} schools, {} classes; {} class-days over the limit, {} school days not published.", m.schools.len(), m.total.classes, m.total.over_limit, m.total.missing),
                        ) }</p>
                        { after_school_summary(l, &m.total) }
                        <p class="no-print">
                            <button type="button" onclick={export}>{ l.t("导出为 CSV", "Export as CSV") }</button>
                            { " " }
                            <button type="button" onclick={print}>{ l.t("打印报告", "Print the report") }</button>
                        </p>
                    </section>
                    <div class="table-scroll" tabindex="0" role="region" aria-label={l.t("各校", "By school")}>
                        <table class="monitor-table schools">
                            <caption>{ l.t("各校", "By school") }</caption>
                            <thead>{ totals_head(l.t("学校", "School")) }</thead>
                            <tbody>{ for m.schools.iter().map(|s| totals_row(s.school.clone(), &s.totals)) }</tbody>
                            <tfoot>{ totals_row(l.t("合计", "Total").to_owned(), &m.total) }</tfoot>
                        </table>
                    </div>
                    <div class="table-scroll" tabindex="0" role="region" aria-label={l.t("各年级", "By grade")}>
                        <table class="monitor-table grades">
                            <caption>{ l.t("各年级", "By grade") }</caption>
                            <thead>{ totals_head(l.t("年级", "Grade")) }</thead>
                            <tbody>{ for m.by_grade().iter().map(|(g, t)| totals_row(l.grade(*g), t)) }</tbody>
                        </table>
                    </div>
                    <div class="table-scroll" tabindex="0" role="region" aria-label={l.t("各班", "By class")}>
                        <table class="monitor-table classes">
                            <caption>{ l.t("各班（点列名排序）", "By class (sort by a column)") }</caption>
                            <thead><tr>
                                { for Column::ALL.iter().map(|c| {
                                    let here = *c == column;
                                    let onclick = {
                                        let (sort, c) = (sort.clone(), *c);
                                        Callback::from(move |_| sort.set((c, if here { !descending } else { false })))
                                    };
                                    let aria_sort = here.then_some(if descending { "descending" } else { "ascending" });
                                    html! {
                                        <th scope="col" aria-sort={aria_sort}>
                                            <button type="button" class="link-button" {onclick}>
                                                { c.label(l) }
                                                if here { <span aria-hidden="true">{ if descending { " ▼" } else { " ▲" } }</span> }
                                            </button>
                                        </th>
                                    }
                                }) }
                            </tr></thead>
                            <tbody>
                                { for classes.iter().map(|c| {
                                    let below = c.share().percent().is_some_and(|p| p < f64::from(m.target_percent()));
                                    html! {
                                        <tr class={classes!(below.then_some("below"))} data-class={format!("{}/{}", c.school, c.class)}>
                                            <td>{ c.school.clone() }</td><td>{ c.class.clone() }</td><td>{ c.grade }</td>
                                            <td>{ c.school_days }</td><td>{ c.published }</td><td>{ c.over_limit }</td>
                                            <td>{ c.missing }</td><td>{ percent(l, c.share()) }</td>
                                            <td class="service">{ service_cell(l, c.after_school_share(), c.after_school_shortfalls) }</td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    </div>
                    if classes.len() < total_classes {
                        <p class="no-print">
                            { l.f(format!("显示前 {} 个班，共 {total_classes} 个。", classes.len()), format!("Showing the first {} of {total_classes} classes.", classes.len())) }
                            { " " }
                            <button type="button" onclick={more}>{ l.t("显示全部", "Show all") }</button>
                        </p>
                    }
                </>
            }
        }
    };
    html! {
        <>
            <h2>{ l.t("作业监测报告", "Homework monitoring report") }</h2>
            <section class="card no-print" aria-labelledby="feeds-title">
                <h3 id="feeds-title">{ l.t("载入各班作业公示", "Load the classes' notices") }</h3>
                <FeedSources lang={l} id="monitor" folder=true {on_loaded}
                    files_label={l.t("选择文件…", "Choose files…")} />
                <div class="date-range">
                    <div class="field">
                        <label for="monitor-from">{ l.t("开始日期（默认：最早的公示）", "From (default: the earliest entry)") }</label>
                        <input id="monitor-from" type="date" value={from.map(|d| d.to_string()).unwrap_or_default()} onchange={date_input(&from)} />
                    </div>
                    <div class="field">
                        <label for="monitor-to">{ l.t("结束日期（默认：最晚的公示）", "To (default: the latest entry)") }</label>
                        <input id="monitor-to" type="date" value={to.map(|d| d.to_string()).unwrap_or_default()} onchange={date_input(&to)} />
                    </div>
                </div>
                <p class="status" role="status">
                    { l.f(format!("已载入 {count} 个班的作业公示。"), format!("{count} class notices loaded.")) }
                    if count > 0 { { " " }<button type="button" onclick={clear}>{ l.t("清空", "Clear") }</button> }
                </p>
                if !problems.is_empty() {
                    <div class="field-error" role="alert">
                        <p>{ l.f(format!("{} 个文件未能读取：", problems.len()), format!("{} files could not be read:", problems.len())) }</p>
                        <ul>{ for problems.iter().map(|p| html! { <li>{ p.clone() }</li> }) }</ul>
                    </div>
                }
            </section>
            { body }
        </>
    }
}

/// Properties of [`TargetBar`].
#[derive(Properties, PartialEq)]
pub(super) struct TargetBarProps {
    /// The share shown.
    pub(super) share: Share,
    /// The target, in percent.
    pub(super) target: u32,
}

/// The share as a bar with the target marked (SVG, no script).
#[function_component]
pub(super) fn TargetBar(props: &TargetBarProps) -> Html {
    let p = props.share.percent().unwrap_or(0.0);
    html! {
        <svg class="target-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect class="track" x="0" y="0" width="100" height="8" rx="2" />
            <rect class="fill" x="0" y="0" width={format!("{p:.1}")} height="8" rx="2" />
            <rect class="mark" x={props.target.to_string()} y="0" width="0.8" height="8" />
        </svg>
    }
}

/// The district against full after-school coverage: the share of school
/// days with a 5+2 service among the classes that publish one, and how
/// many classes publish none.
fn after_school_summary(l: Lang, t: &Totals) -> Html {
    let without = t.classes.saturating_sub(t.after_school_classes);
    let share = t.after_school_share();
    html! {
        <p class="after-school-summary">
            { match share {
                Some(s) => l.f(
                    format!("课后服务：公布课后服务的 {} 个班中，{} 的上学日达到“5+2”（{} 个班·日不足，目标 100 %）", t.after_school_classes, percent(l, s), t.after_school_shortfalls),
                    format!("After-school service: of the {} classes that publish it, {} of school days meet 5+2 ({} class-days short; full coverage is the goal)", t.after_school_classes, percent(l, s), t.after_school_shortfalls),
                ),
                None => l.t("课后服务：没有班级公布课后服务", "After-school service: no class publishes one").to_owned(),
            } }
            if without > 0 {
                { l.f(format!("；{without} 个班未公布课后服务。"), format!("; {without} classes publish none.")) }
            } else {
                { l.t("。", ".") }
            }
        </p>
    }
}
