//! The case list: the key, the sources, the filters, every case with its
//! status and note, and the CSV export for the bureau's own case system.

use jianfu_core::case::{self, Case, Filter, Status};
use jianfu_core::envelope::OpenError;
use jianfu_core::{Category, Report};
use jianfu_ui::edit;
use jianfu_web::Lang;
use yew::prelude::*;

use super::{KeyPanel, LoadReports, use_ctx};
use crate::route::Route;
use crate::state::{self, Change};

/// `(zh, en)` in the page's language.
pub(super) fn pick(l: Lang, (zh, en): (&'static str, &'static str)) -> &'static str {
    l.t(zh, en)
}

/// The cases screen.
#[function_component]
pub fn CasesPage() -> Html {
    let ctx = use_ctx();
    let l = ctx.lang;
    let desk = &ctx.desk;
    let filter = use_state(Filter::default);
    let export_error = use_state(|| None::<String>);

    let set_filter = {
        let filter = filter.clone();
        Callback::from(move |f: Filter| filter.set(f))
    };
    let set_status: Callback<Event> =
        edit(&*filter, |f, v| f.status = Status::parse(&v), &set_filter);
    let set_category: Callback<Event> = edit(
        &*filter,
        |f, v| f.category = Category::parse(&v),
        &set_filter,
    );
    let set_school: Callback<Event> = edit(
        &*filter,
        |f, v| f.school = (!v.is_empty()).then_some(v),
        &set_filter,
    );
    let set_text: Callback<InputEvent> = edit(&*filter, |f, v| f.text = v, &set_filter);

    // Newest first: by the day received, then by id for a stable order.
    let mut shown: Vec<&Case> = desk
        .cases
        .values()
        .filter(|c| filter.matches(c, desk.report(&c.id)))
        .collect();
    shown.sort_by(|a, b| b.received_on.cmp(&a.received_on).then(a.id.cmp(&b.id)));
    let schools: std::collections::BTreeSet<String> = desk
        .cases
        .keys()
        .filter_map(|id| desk.report(id))
        .map(|r| r.school.clone())
        .collect();
    let counts = Status::ALL.map(|s| desk.cases.values().filter(|c| c.status == s).count());

    let export = {
        let (ctx, export_error) = (ctx.clone(), export_error.clone());
        let ids: Vec<String> = shown.iter().map(|c| c.id.clone()).collect();
        Callback::from(move |_| {
            let rows: Vec<(&Case, Option<&Report>)> = ids
                .iter()
                .filter_map(|id| ctx.desk.cases.get(id))
                .map(|c| (c, ctx.desk.report(&c.id)))
                .collect();
            let csv = case::to_csv(&rows, l.tag());
            let name = format!("jianfu-cases-{}.csv", ctx.today);
            export_error.set(jianfu_web::download_as(&name, &csv, "text/csv;charset=utf-8").err());
        })
    };

    html! {
        <>
            <KeyPanel />
            <LoadReports />
            if !desk.bad.is_empty() {
                <section class="card" aria-labelledby="bad-title">
                    <h2 id="bad-title">{ l.f(format!("{} 行不是密封举报", desk.bad.len()), format!("{} lines are not sealed reports", desk.bad.len())) }</h2>
                    <ul class="bad-lines">
                        { for desk.bad.iter().map(|b| html! { <li><code>{ b.source.clone() }</code>{ ": " }{ b.problem.clone() }</li> }) }
                    </ul>
                </section>
            }
            <section aria-labelledby="cases-title">
                <h2 id="cases-title">{ l.t("案件", "Cases") }</h2>
                <p class="case-counts">
                    { for Status::ALL.iter().zip(counts).map(|(s, n)| html! {
                        <span class={classes!("status-count", s.as_str())}>{ pick(l, s.label()) }{ " " }<strong>{ n }</strong></span>
                    }) }
                </p>
                if desk.cases.is_empty() {
                    <p class="empty">{ l.t("还没有举报。从收件箱或文件载入。", "No reports yet. Load them from the inbox or from files.") }</p>
                } else {
                    <div class="filters" role="search" aria-label={l.t("筛选案件", "Filter the cases")}>
                        <div class="field">
                            <label for="filter-status">{ l.t("状态", "Status") }</label>
                            <select id="filter-status" onchange={set_status}>
                                <option value="" selected={filter.status.is_none()}>{ l.t("全部", "All") }</option>
                                { for Status::ALL.iter().map(|s| html! {
                                    <option value={s.as_str()} selected={filter.status == Some(*s)}>{ pick(l, s.label()) }</option>
                                }) }
                            </select>
                        </div>
                        <div class="field">
                            <label for="filter-category">{ l.t("类别", "Category") }</label>
                            <select id="filter-category" onchange={set_category}>
                                <option value="" selected={filter.category.is_none()}>{ l.t("全部", "All") }</option>
                                { for Category::ALL.iter().map(|c| html! {
                                    <option value={c.as_str()} selected={filter.category == Some(*c)}>{ pick(l, c.title()) }</option>
                                }) }
                            </select>
                        </div>
                        <div class="field">
                            <label for="filter-school">{ l.t("学校", "School") }</label>
                            <select id="filter-school" onchange={set_school}>
                                <option value="" selected={filter.school.is_none()}>{ l.t("全部", "All") }</option>
                                { for schools.iter().map(|s| html! {
                                    <option value={s.clone()} selected={filter.school.as_deref() == Some(s.as_str())}>{ s.clone() }</option>
                                }) }
                            </select>
                        </div>
                        <div class="field">
                            <label for="filter-text">{ l.t("搜索", "Search") }</label>
                            <input id="filter-text" type="search" value={filter.text.clone()} oninput={set_text} />
                        </div>
                    </div>
                    <p class="status" role="status">
                        { l.f(format!("显示 {} / {} 件", shown.len(), desk.cases.len()), format!("Showing {} of {} cases", shown.len(), desk.cases.len())) }
                        { " " }
                        <button type="button" onclick={export}>{ l.t("导出为 CSV", "Export as CSV") }</button>
                    </p>
                    if let Some(e) = &*export_error {
                        <p class="field-error" role="alert">{ e.clone() }</p>
                    }
                    <ol class="cases">
                        { for shown.iter().map(|c| html! { <CaseCard key={c.id.clone()} case={(*c).clone()} /> }) }
                    </ol>
                }
            </section>
        </>
    }
}

/// One case's properties.
#[derive(Properties, PartialEq)]
pub struct CaseProps {
    /// The case.
    pub case: Case,
}

/// The report's fields as a description list (also the printed case).
#[function_component]
pub fn CaseBody(props: &CaseProps) -> Html {
    let ctx = use_ctx();
    let l = ctx.lang;
    let c = &props.case;
    let received = c.received_on.map(|d| d.to_string()).unwrap_or_default();
    match ctx.desk.opened.get(&c.id) {
        None => html! {
            <p class="sealed">{ l.f(format!("密封（收到 {received}）：载入局里的私钥后可阅读。"), format!("Sealed (received {received}): load the bureau's key to read it.")) }</p>
        },
        Some(Err(e)) => {
            let why = match e {
                OpenError::Decrypt => l
                    .t(
                        "无法解密：它是用另一把公钥密封的，或密封后被改动过。",
                        "Cannot be decrypted: sealed to another key, or altered after sealing.",
                    )
                    .to_owned(),
                OpenError::NotText => l
                    .t("解密后不是文本。", "Decrypted, but not text.")
                    .to_owned(),
                OpenError::Report(p) => l.f(
                    format!("解密后不是有效的举报：{p}"),
                    format!("Decrypted, but not a valid report: {p}"),
                ),
                _ => e.to_string(),
            };
            html! {
                <p class="field-error">{ l.f(format!("无法打开（收到 {received}）。{why}"), format!("Does not open (received {received}). {why}")) }</p>
            }
        }
        Some(Ok((r, unknown))) => html! {
            <dl class="case-fields">
                <dt>{ l.t("类别", "Category") }</dt>
                <dd>
                    <strong>{ pick(l, r.category.title()) }</strong>
                    if let Some(code) = unknown { { " " }<code>{ code.clone() }</code> }
                    <span class="rule">{ pick(l, r.category.rule_text()) }</span>
                </dd>
                <dt>{ l.t("学校", "School") }</dt><dd>{ r.school.clone() }</dd>
                if r.grade.is_some() || r.class.is_some() {
                    <dt>{ l.t("年级 / 班级", "Grade / class") }</dt>
                    <dd>
                        { r.grade.map(|g| l.grade(g.get())).unwrap_or_default() }
                        if let Some(class) = &r.class { { " " }{ class.clone() } }
                    </dd>
                }
                <dt>{ l.t("发生日期", "Happened on") }</dt><dd>{ r.occurred_on.to_string() }</dd>
                <dt>{ l.t("收到日期", "Received on") }</dt><dd>{ received }</dd>
                <dt>{ l.t("情况描述", "What happened") }</dt><dd class="description">{ r.description.clone() }</dd>
                if let Some(contact) = &r.contact {
                    <dt>{ l.t("家长留下的联系方式", "Contact the parent left") }</dt><dd>{ contact.clone() }</dd>
                }
            </dl>
        },
    }
}

/// One case in the list: what it says, its status and the bureau's note.
#[function_component]
pub fn CaseCard(props: &CaseProps) -> Html {
    let ctx = use_ctx();
    let l = ctx.lang;
    let c = &props.case;
    let note = use_state(|| c.note.clone());
    let outcome = use_state(|| None::<Result<String, String>>);
    // A status changed elsewhere (another load) resets nothing typed here.
    let save = {
        let (ctx, outcome) = (ctx.clone(), outcome.clone());
        move |next: Case| {
            let (ctx, outcome) = (ctx.clone(), outcome.clone());
            yew::platform::spawn_local(async move {
                let Some(db) = ctx.db.clone() else { return };
                match state::put(&db, std::slice::from_ref(&next)).await {
                    Ok(()) => {
                        ctx.change(Change::Updated(next));
                        outcome.set(Some(Ok(l.t("已保存。", "Saved.").to_owned())));
                    }
                    Err(e) => outcome.set(Some(Err(
                        l.f(format!("未能保存：{e}"), format!("Not saved: {e}"))
                    ))),
                }
            });
        }
    };
    // In China Standard Time, as the bureau reads it.
    let stamp = || {
        let tz = jianfu_core::TimeZone::default();
        Some(
            jianfu_core::Instant::from_unix(jianfu_web::now().unix_seconds(), tz.offset_minutes())
                .to_string(),
        )
    };
    let on_status = {
        let (c, note, save) = (c.clone(), note.clone(), save.clone());
        Callback::from(move |e: Event| {
            if let Some(status) = jianfu_web::select_value(&e).and_then(|v| Status::parse(&v)) {
                save(Case {
                    status,
                    note: (*note).clone(),
                    updated: stamp(),
                    ..c.clone()
                });
            }
        })
    };
    let on_note = {
        let (note, outcome) = (note.clone(), outcome.clone());
        Callback::from(move |e: InputEvent| {
            if let Some(v) = jianfu_web::select_value(&e) {
                note.set(v);
                // "Saved" is about what is in the field: typing clears it.
                outcome.set(None);
            }
        })
    };
    let on_save = {
        let (c, note) = (c.clone(), note.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            save(Case {
                note: (*note).clone(),
                updated: stamp(),
                ..c.clone()
            });
        })
    };
    let id = &c.id;
    let category = ctx.desk.report(id).map(|r| pick(l, r.category.title()));
    let heading = category.map_or_else(
        || l.f(format!("案件 {}", short(id)), format!("Case {}", short(id))),
        |t| format!("{t} · {}", short(id)),
    );
    html! {
        <li class={classes!("case", c.status.as_str())} data-case={id.clone()}>
            <article aria-labelledby={format!("case-{id}")}>
                <h3 id={format!("case-{id}")}>{ heading.clone() }</h3>
                <CaseBody case={c.clone()} />
                <form class="case-status" onsubmit={on_save}>
                    <div class="field">
                        <label for={format!("status-{id}")}>{ l.t("状态", "Status") }</label>
                        <select id={format!("status-{id}")} onchange={on_status}>
                            { for Status::ALL.iter().map(|s| html! {
                                <option value={s.as_str()} selected={c.status == *s}>{ pick(l, s.label()) }</option>
                            }) }
                        </select>
                    </div>
                    <div class="field">
                        <label for={format!("note-{id}")}>{ l.t("办理记录", "Note") }</label>
                        <textarea id={format!("note-{id}")} rows="2" value={(*note).clone()} oninput={on_note} />
                    </div>
                    <button type="submit" aria-label={l.f(format!("保存记录：{heading}"), format!("Save the note: {heading}"))}>{ l.t("保存记录", "Save the note") }</button>
                    <a class="button" href={Route::Case(id.clone()).to_hash()}
                        aria-label={l.f(format!("打印：{heading}"), format!("Print: {heading}"))}>{ l.t("打印", "Print") }</a>
                    if let Some(o) = &*outcome {
                        { match o {
                            Ok(m) => html! { <span class="saved" role="status">{ m.clone() }</span> },
                            Err(m) => html! { <span class="field-error" role="alert">{ m.clone() }</span> },
                        } }
                    }
                </form>
            </article>
        </li>
    }
}

/// The first characters of an envelope id, enough to tell cases apart.
pub(super) fn short(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

/// One case on its own, for printing.
#[derive(Properties, PartialEq)]
pub struct CasePageProps {
    /// The envelope id.
    pub id: String,
}

/// The printable case.
#[function_component]
pub fn CasePage(props: &CasePageProps) -> Html {
    let ctx = use_ctx();
    let l = ctx.lang;
    let Some(c) = ctx.desk.cases.get(&props.id).cloned() else {
        return html! {
            <p class="empty">{ l.t("没有这个案件。", "There is no such case.") }{ " " }<a href={Route::Cases.to_hash()}>{ l.t("返回案件列表", "Back to the cases") }</a></p>
        };
    };
    let print = Callback::from(|_| jianfu_web::print());
    html! {
        <article class="case-print" aria-labelledby="case-print-title">
            <p class="no-print">
                <a href={Route::Cases.to_hash()}>{ l.t("← 返回案件列表", "← Back to the cases") }</a>
                { " " }
                <button type="button" class="primary" onclick={print}>{ l.t("打印案件", "Print the case") }</button>
            </p>
            <h2 id="case-print-title">{ l.f(format!("举报案件 {}", short(&c.id)), format!("Report case {}", short(&c.id))) }</h2>
            <CaseBody case={c.clone()} />
            <dl class="case-fields">
                <dt>{ l.t("编号", "Id") }</dt><dd><code>{ c.id.clone() }</code></dd>
                <dt>{ l.t("状态", "Status") }</dt><dd>{ pick(l, c.status.label()) }</dd>
                <dt>{ l.t("办理记录", "Note") }</dt><dd class="description">{ c.note.clone() }</dd>
                if let Some(u) = &c.updated { <dt>{ l.t("更新时间", "Updated") }</dt><dd>{ u.clone() }</dd> }
            </dl>
        </article>
    }
}
