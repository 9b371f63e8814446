//! School and class set-up (kept on the device, saved as typed), and
//! starting from an existing feed (a file or a URL).

use jianfu_core::studio::{Draft, Setup};
use jianfu_core::time::TimeZone;
use jianfu_core::{Problem, rules};
use jianfu_ui::{AddressForm, FEED_MAX_BYTES, FilePick, edit, read_address, read_chosen};
use yew::prelude::*;

use super::{ServiceForm, use_ctx};
use crate::i18n::Lang;
use crate::route::Route;
use crate::state::Change;

/// Which form field a problem's JSON path is about.
fn field_of(path: &str) -> &'static str {
    match path {
        p if p.starts_with("school.id") => "school_id",
        p if p.starts_with("school.name") => "school_name_zh",
        p if p.starts_with("school.timezone") => "timezone",
        p if p.starts_with("school.limits.grades_3_6") => "primary_limit",
        p if p.starts_with("school.limits.grades_7_9") => "junior_limit",
        p if p.starts_with("school.limits.holiday") => "holiday_limit",
        p if p.contains("calendar.school_days") => "school_days",
        p if p.starts_with("school.calendar") => "holidays",
        p if p.starts_with("class.id") => "class_id",
        p if p.starts_with("class.name") => "class_name_zh",
        p if p.starts_with("class.grade") => "grade",
        _ => "",
    }
}

/// A problem in the page's words; core's own wording follows for detail.
fn explain(l: Lang, p: &Problem) -> String {
    let lead = match field_of(&p.path) {
        "school_id" | "class_id" | "school_name_zh" | "class_name_zh" => l.t("必填", "Required"),
        "primary_limit" | "junior_limit" | "holiday_limit" => l.t(
            "本校时长只能比国家规定更严格",
            "A school's limit may only be stricter than the national one",
        ),
        "holidays" | "school_days" => l.t(
            "校历有误（每行一个日期 2026-10-01 或区间 2026-10-01/2026-10-08；同一天不能既放假又调休上课）",
            "Calendar problem (one date 2026-10-01 or range 2026-10-01/2026-10-08 per line; a day cannot be both a holiday and a make-up day)",
        ),
        _ => l.t("需要修改", "To fix"),
    };
    format!("{lead} ({p})")
}

/// The set-up screen.
#[function_component]
pub fn SetupPage() -> Html {
    let ctx = use_ctx();
    let l = ctx.lang;
    let setup = ctx.studio.draft.setup.clone();
    let problems = ctx.studio.draft.setup_problems(ctx.now());
    let import_state = use_state(|| None::<Result<String, String>>);

    let to_setup = {
        let ctx = ctx.clone();
        Callback::from(move |s: Setup| ctx.change(Change::Setup(s)))
    };
    let set = |f: fn(&mut Setup, String)| -> Callback<InputEvent> { edit(&setup, f, &to_setup) };
    let pick = |f: fn(&mut Setup, String)| -> Callback<Event> { edit(&setup, f, &to_setup) };

    // Importing replaces the draft; what the teacher planned is asked for first.
    let replace = {
        let ctx = ctx.clone();
        move |text: &str, url: Option<String>| -> Result<String, String> {
            let mut draft = Draft::import(text).map_err(|p| p.to_string())?;
            let has_plan = !ctx.studio.draft.days.is_empty();
            let question = l.t(
                "导入会替换当前的草稿（包括已安排的作业），继续吗？",
                "Importing replaces the current draft, planned homework included. Go on?",
            );
            if has_plan && !jianfu_web::confirm(question) {
                return Err(l
                    .t("已取消，草稿未改动。", "Cancelled; the draft is unchanged.")
                    .to_owned());
            }
            // What only the studio knows is kept from the current set-up.
            let old = &ctx.studio.draft.setup;
            draft.setup.feed_url = url.unwrap_or_else(|| old.feed_url.clone());
            draft.setup.complaint.clone_from(&old.complaint);
            let days = draft.days.len();
            ctx.change(Change::Replace(draft));
            Ok(l.f(
                format!("已导入：{days} 天的作业。"),
                format!("Imported: {days} days of homework."),
            ))
        }
    };
    let on_file = {
        let (replace, import_state) = (replace.clone(), import_state.clone());
        Callback::from(move |e: Event| {
            let (replace, import_state) = (replace.clone(), import_state.clone());
            yew::platform::spawn_local(async move {
                if let Some((_, text)) = read_chosen(&e, &[]).await.into_iter().next() {
                    import_state.set(Some(text.and_then(|t| replace(&t, None))));
                }
            });
        })
    };
    let on_url = {
        let import_state = import_state.clone();
        Callback::from(move |url: String| {
            let (replace, import_state) = (replace.clone(), import_state.clone());
            if url.is_empty() {
                import_state.set(Some(Err(l
                    .t(
                        "请先填写作业公示的网址。",
                        "Enter the notice's address first.",
                    )
                    .to_owned())));
                return;
            }
            yew::platform::spawn_local(async move {
                let read = read_address(l, &url, None, FEED_MAX_BYTES).await;
                import_state.set(Some(read.and_then(|t| replace(&t, Some(url)))));
            });
        })
    };

    let error_for = |field: &str| -> Vec<String> {
        problems
            .iter()
            .filter(|p| field_of(&p.path) == field)
            .map(|p| explain(l, p))
            .collect()
    };
    let text_field = |field: &'static str,
                      label: &'static str,
                      value: String,
                      on: Callback<InputEvent>,
                      hint: Option<&'static str>| {
        let errors = error_for(field);
        let invalid = !errors.is_empty();
        let described = match (invalid, hint) {
            (true, _) => Some(format!("{field}-error")),
            (false, Some(_)) => Some(format!("{field}-hint")),
            _ => None,
        };
        html! {
            <div class="field">
                <label for={field}>{ label }</label>
                <input id={field} name={field} type="text" {value} oninput={on}
                    aria-invalid={invalid.then_some("true")} aria-describedby={described} />
                if let (Some(h), false) = (hint, invalid) { <p class="hint" id={format!("{field}-hint")}>{ h }</p> }
                if invalid { <p class="field-error" id={format!("{field}-error")}>{ errors.join("；") }</p> }
            </div>
        }
    };
    let number_field = |field: &'static str,
                        label: &'static str,
                        value: Option<u16>,
                        on: Callback<InputEvent>| {
        let errors = error_for(field);
        let invalid = !errors.is_empty();
        html! {
            <div class="field">
                <label for={field}>{ label }</label>
                <input id={field} name={field} type="number" inputmode="numeric" min="0" max="600"
                    value={value.map(|v| v.to_string()).unwrap_or_default()} oninput={on}
                    aria-invalid={invalid.then_some("true")} aria-describedby={invalid.then(|| format!("{field}-error"))} />
                if invalid { <p class="field-error" id={format!("{field}-error")}>{ errors.join("；") }</p> }
            </div>
        }
    };
    let list_field = |field: &'static str,
                      label: &'static str,
                      value: &[String],
                      on: Callback<InputEvent>| {
        let errors = error_for(field);
        let invalid = !errors.is_empty();
        html! {
            <div class="field">
                <label for={field}>{ label }</label>
                <textarea id={field} name={field} rows="3" value={value.join("\n")} oninput={on}
                    aria-invalid={invalid.then_some("true")}
                    aria-describedby={if invalid { format!("{field}-error") } else { format!("{field}-hint") }} />
                if invalid {
                    <p class="field-error" id={format!("{field}-error")}>{ errors.join("；") }</p>
                } else {
                    <p class="hint" id={format!("{field}-hint")}>{ l.t("每行一个：日期 2026-10-01，或区间 2026-10-01/2026-10-08", "One per line: a date 2026-10-01 or a range 2026-10-01/2026-10-08") }</p>
                }
            </div>
        }
    };

    let ready = problems.is_empty();
    html! {
        <>
            <h2>{ l.t("学校与班级", "School and class") }</h2>
            <p class="intro">{ l.t("只保存在这台设备上，随填随存。作业公示里的学校信息、规定和校历都来自这里。",
                                   "Kept on this device only and saved as you type. The notice's school details, rules and calendar come from here.") }</p>
            <section class="card import" aria-labelledby="import-title">
                <h3 id="import-title">{ l.t("从已有的作业公示开始（可选）", "Start from an existing notice (optional)") }</h3>
                <p class="hint">{ l.t("导入后，工作台不认识的字段在发布时原样保留。", "Fields the studio does not know are kept as they are when you publish.") }</p>
                <FilePick id="import-file" accept=".json,application/json" on_change={on_file}
                    label={l.t("从文件导入…", "Import from a file…")} />
                <AddressForm id="import-url" on_submit={on_url} placeholder="https://…"
                    label={l.t("或作业公示的网址", "Or the notice's address")}
                    button={l.t("从网址导入", "Import from the address")} />
                { match &*import_state {
                    Some(Ok(m)) => html! { <p class="status" role="status">{ m.clone() }</p> },
                    Some(Err(m)) => html! { <p class="field-error" role="alert">{ l.f(format!("未能导入：{m}"), format!("Not imported: {m}")) }</p> },
                    None => html! {},
                } }
            </section>

            <form class="card setup-form" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <fieldset>
                    <legend>{ l.t("学校", "School") }</legend>
                    { text_field("school_id", l.t("学校代码（英文字母、数字）", "School id (letters, digits)"), setup.school_id.clone(), set(|s, v| s.school_id = v), Some(l.t("例如 jinshui-exp-primary；教育局名录按它找到本校", "e.g. jinshui-exp-primary; the bureau directory finds the school by it"))) }
                    { text_field("school_name_zh", l.t("校名（中文）", "School name (Chinese)"), setup.school_name.zh.clone(), set(|s, v| s.school_name.zh = v), None) }
                    { text_field("school_name_en", l.t("校名（英文，可不填）", "School name (English, optional)"), setup.school_name.en.clone(), set(|s, v| s.school_name.en = v), None) }
                    <div class="field-row">
                        <div class="field">
                            <label for="timezone">{ l.t("时区", "Time zone") }</label>
                            <select id="timezone" onchange={pick(|s, v| s.timezone = v)}>
                                { for TimeZone::known_names().map(|n| html! { <option value={n} selected={setup.timezone == n}>{ n }</option> }) }
                            </select>
                        </div>
                        <div class="field">
                            <label for="rules">{ l.t("规定", "Rules") }</label>
                            <select id="rules" onchange={pick(|s, v| s.rules = v)}>
                                { for rules::PROFILES.iter().map(|p| html! { <option value={p.id()} selected={setup.rules == p.id()}>{ l.t("国家“双减”规定（2021）", "National rules (2021)") }</option> }) }
                            </select>
                        </div>
                        <div class="field">
                            <label for="system">{ l.t("学制", "School system") }</label>
                            <select id="system" onchange={pick(|s, v| s.system = v)}>
                                <option value="6-3" selected={setup.system == "6-3"}>{ l.t("六三制", "6-3") }</option>
                                <option value="5-4" selected={setup.system == "5-4"}>{ l.t("五四制", "5-4") }</option>
                            </select>
                        </div>
                    </div>
                </fieldset>
                <fieldset>
                    <legend>{ l.t("本校更严格的时长（可不填，按国家规定）", "Stricter school limits (optional; national rules otherwise)") }</legend>
                    <div class="field-row">
                        { number_field("primary_limit", l.t("小学每天书面作业（分钟，国家 ≤60）", "Primary, written per day (min; national ≤ 60)"), setup.primary_limit, set(|s, v| s.primary_limit = v.trim().parse().ok())) }
                        { number_field("junior_limit", l.t("初中每天书面作业（分钟，国家 ≤90）", "Junior, written per day (min; national ≤ 90)"), setup.junior_limit, set(|s, v| s.junior_limit = v.trim().parse().ok())) }
                        { number_field("holiday_limit", l.t("周末和假日书面作业（分钟）", "Weekends and holidays, written (min)"), setup.holiday_limit, set(|s, v| s.holiday_limit = v.trim().parse().ok())) }
                    </div>
                </fieldset>
                <fieldset>
                    <legend>{ l.t("校历", "Calendar") }</legend>
                    { list_field("holidays", l.t("放假日期", "Holidays"), &setup.holidays, set(|s, v| s.holidays = v.split('\n').map(str::to_owned).collect())) }
                    { list_field("school_days", l.t("调休上课日（周末补课）", "Make-up school days (weekends)"), &setup.school_days, set(|s, v| s.school_days = v.split('\n').map(str::to_owned).collect())) }
                </fieldset>
                <fieldset>
                    <legend>{ l.t("班级", "Class") }</legend>
                    { text_field("class_id", l.t("班级代码", "Class id"), setup.class_id.clone(), set(|s, v| s.class_id = v), Some(l.t("例如 g4c2", "e.g. g4c2"))) }
                    { text_field("class_name_zh", l.t("班级名称（中文）", "Class name (Chinese)"), setup.class_name.zh.clone(), set(|s, v| s.class_name.zh = v), None) }
                    { text_field("class_name_en", l.t("班级名称（英文，可不填）", "Class name (English, optional)"), setup.class_name.en.clone(), set(|s, v| s.class_name.en = v), None) }
                    <div class="field">
                        <label for="grade">{ l.t("年级", "Grade") }</label>
                        <select id="grade" onchange={pick(|s, v| s.grade = v.parse().unwrap_or(s.grade))}>
                            { for (1..=12u8).map(|g| html! { <option value={g.to_string()} selected={setup.grade == g}>{ l.grade(g) }</option> }) }
                        </select>
                    </div>
                </fieldset>
                <ServiceForm lang={l} plan={setup.after_school.clone()}
                    problems={problems.iter().filter(|p| p.path.starts_with("school.after_school") || p.path.starts_with("school.limits.after_school")).cloned().collect::<Vec<_>>()}
                    on_change={{
                        let (setup, to) = (setup.clone(), to_setup.clone());
                        Callback::from(move |plan| to.emit(Setup { after_school: plan, ..setup.clone() }))
                    }} />
                <fieldset>
                    <legend>{ l.t("公示与投诉渠道", "Publishing and complaints") }</legend>
                    { text_field("feed_url", l.t("作业公示文件的公开网址", "Public address of the notice file"), setup.feed_url.clone(), set(|s, v| s.feed_url = v),
                        Some(l.t("学校网站将在这个地址提供发布的文件；打印的二维码指向它", "Where the school portal will serve the published file; the printed QR code points to it"))) }
                    { text_field("complaint", l.t("学校投诉渠道（印在公示上，可不填）", "School complaint channel (printed on the notice; optional)"), setup.complaint.clone(), set(|s, v| s.complaint = v), None) }
                </fieldset>
            </form>
            if ready {
                <p class="status ready">
                    { l.t("设置完整。", "Set-up complete. ") }
                    <a href={Route::Week.to_hash()}>{ l.t("去安排本周作业 →", "Plan this week's homework →") }</a>
                </p>
            } else {
                <p class="status" role="status">{ l.f(format!("还有 {} 处需要填写或修改。", problems.len()), format!("{} fields still to fill in or fix.", problems.len())) }</p>
            }
        </>
    }
}
