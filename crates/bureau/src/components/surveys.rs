//! Survey results: the definition and the responses (files or the inbox's
//! export), tallied by core exactly as `jianfu tally` does, each question
//! drawn as an SVG bar chart beside its numbers. Before the survey closes
//! the results stay hidden unless the officer asks for an early look, and
//! small groups show as "fewer than N", never as numbers.

use std::collections::BTreeMap;

use jianfu_core::survey::{Question, QuestionKind};
use jianfu_core::tally::{Figures, Group, QuestionTally, Tallier, Tally, TallyOptions};
use jianfu_core::{Response, Survey};
use std::rc::Rc;

use jianfu_ui::{AddressForm, FilePick, Outcome, read_address, read_chosen};
use jianfu_web::Lang;
use yew::prelude::*;

use super::use_ctx;

/// A survey definition is small; responses come in an export.
const SURVEY_MAX_BYTES: u64 = 256 * 1024;
const EXPORT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Responses read so far: the parsed ones and how many lines were not.
#[derive(Debug, Clone, PartialEq, Default)]
struct Responses {
    read: Vec<Response>,
    unreadable: u64,
    /// Bumped by every load: what the tally is computed for.
    revision: u32,
}

impl Responses {
    fn add_text(&mut self, text: &str) {
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            match Response::parse(line) {
                Ok(r) => self.read.push(r),
                Err(_) => self.unreadable += 1,
            }
        }
        self.revision += 1;
    }
}

/// The survey screen.
#[function_component]
pub fn SurveysPage() -> Html {
    let ctx = use_ctx();
    let l = ctx.lang;
    let survey = use_state(|| None::<Survey>);
    let responses = use_state(|| Rc::new(Responses::default()));
    let early = use_state(|| false);
    let message = use_state(|| None::<Result<String, String>>);

    let set_survey = {
        let (survey, message, early) = (survey.clone(), message.clone(), early.clone());
        move |text: Result<String, String>| match text
            .and_then(|t| Survey::parse(&t).map_err(|p| p.to_string()))
        {
            Ok(s) => {
                message.set(Some(Ok(l.f(
                    format!("已载入问卷“{}”。", s.title.pick("zh-CN")),
                    format!("Survey “{}” loaded.", s.title.pick("en")),
                ))));
                early.set(false);
                survey.set(Some(s));
            }
            Err(e) => message.set(Some(Err(l.f(
                format!("问卷定义无法读取：{e}"),
                format!("The survey definition cannot be read: {e}"),
            )))),
        }
    };
    let on_survey_file = {
        let set_survey = set_survey.clone();
        Callback::from(move |e: Event| {
            let set_survey = set_survey.clone();
            yew::platform::spawn_local(async move {
                if let Some((_, text)) = read_chosen(&e, &[]).await.into_iter().next() {
                    set_survey(text);
                }
            });
        })
    };
    let on_survey_url = Callback::from(move |url: String| {
        let set_survey = set_survey.clone();
        yew::platform::spawn_local(async move {
            set_survey(read_address(l, &url, None, SURVEY_MAX_BYTES).await);
        });
    });
    let on_response_files = {
        let (responses, message) = (responses.clone(), message.clone());
        Callback::from(move |e: Event| {
            let (responses, message) = (responses.clone(), message.clone());
            yew::platform::spawn_local(async move {
                let mut next = Rc::unwrap_or_clone((*responses).clone());
                for (name, text) in read_chosen(&e, &[]).await {
                    match text {
                        Ok(t) => next.add_text(&t),
                        Err(e) => message.set(Some(Err(format!("{name}: {e}")))),
                    }
                }
                responses.set(Rc::new(next));
            });
        })
    };
    let on_inbox = {
        let (ctx, responses, message) = (ctx.clone(), responses.clone(), message.clone());
        Callback::from(move |_| {
            let (token, responses, message) =
                ((*ctx.token).clone(), responses.clone(), message.clone());
            if token.trim().is_empty() {
                message.set(Some(Err(l
                    .t(
                        "请先在“举报受理”页填写收件箱的管理口令。",
                        "Enter the inbox's admin token on the Reports screen first.",
                    )
                    .to_owned())));
                return;
            }
            let url = jianfu_web::absolute_url("/inbox/export/responses");
            yew::platform::spawn_local(async move {
                match read_address(l, &url, Some(&token), EXPORT_MAX_BYTES).await {
                    Ok(text) => {
                        // The inbox's export is the whole store: it replaces
                        // whatever was read before.
                        let mut next = Responses {
                            revision: responses.revision,
                            ..Responses::default()
                        };
                        next.add_text(&text);
                        let n = next.read.len();
                        responses.set(Rc::new(next));
                        message.set(Some(Ok(l.f(
                            format!("从收件箱读取 {n} 份回复。"),
                            format!("Read {n} responses from the inbox."),
                        ))));
                    }
                    Err(e) => message.set(Some(Err(e))),
                }
            });
        })
    };
    let look_early = {
        let early = early.clone();
        Callback::from(move |_| early.set(true))
    };

    // Tallied once per survey and load, not on every render (typing an
    // address redraws the screen; a district's export is large).
    let tally = {
        let responses = (*responses).clone();
        use_memo(
            ((*survey).clone(), responses.revision),
            move |(survey, _)| {
                survey.as_ref().map(|s| {
                    let mut t = Tallier::new(
                        s,
                        TallyOptions {
                            min_group: None,
                            by_grade_band: s.ask_grade_band,
                        },
                    );
                    for r in &responses.read {
                        t.add(r);
                    }
                    for _ in 0..responses.unreadable {
                        t.add_unreadable();
                    }
                    t.finish()
                })
            },
        )
    };
    let results = match &*survey {
        None => {
            html! { <p class="empty">{ l.t("先载入问卷定义（jianfu.survey/1）。", "Load the survey definition (jianfu.survey/1) first.") }</p> }
        }
        Some(s) if ctx.today <= s.closes && !*early => html! {
            <section class="card early-gate" aria-labelledby="early-title">
                <h3 id="early-title">{ l.f(format!("问卷将于 {} 截止", s.closes), format!("The survey closes on {}", s.closes)) }</h3>
                <p>{ l.t(
                    "截止前不显示结果：反复查看正在进行的统计，可以从前后差异推出晚提交者的回答。只有确需时才提前查看，并且不要在截止前公布。",
                    "Results stay hidden until it closes: looking at a running tally again and again lets the difference single out late respondents. Look early only when you must, and do not publish before it closes.",
                ) }</p>
                <button type="button" onclick={look_early}>{ l.t("仍要提前查看", "Look early anyway") }</button>
            </section>
        },
        Some(s) => match &*tally {
            Some(t) => html! { <Results survey={s.clone()} tally={t.clone()} /> },
            None => html! {},
        },
    };
    html! {
        <>
            <h2>{ l.t("问卷结果", "Survey results") }</h2>
            <section class="card no-print" aria-labelledby="survey-load-title">
                <h3 id="survey-load-title">{ l.t("载入问卷与回复", "Load the survey and the responses") }</h3>
                <FilePick id="survey-file" accept=".json,application/json" on_change={on_survey_file}
                    label={l.t("问卷定义文件…", "Survey definition file…")} />
                <AddressForm id="survey-url" on_submit={on_survey_url}
                    label={l.t("或问卷定义的网址", "Or the definition's address")}
                    button={l.t("载入问卷", "Load the survey")} />
                <FilePick id="response-files" multiple=true accept=".jsonl,.json,application/json" on_change={on_response_files}
                    label={l.t("回复文件（JSON lines）…", "Response files (JSON lines)…")}>
                    <button type="button" onclick={on_inbox}>{ l.t("从收件箱读取回复", "Read responses from the inbox") }</button>
                </FilePick>
                <p class="status" role="status">
                    { l.f(format!("已读取 {} 份回复（{} 行无法读取）。", responses.read.len(), responses.unreadable), format!("{} responses read ({} lines unreadable).", responses.read.len(), responses.unreadable)) }
                </p>
                <Outcome outcome={(*message).clone()} />
            </section>
            { results }
        </>
    }
}

/// Properties of [`Results`].
#[derive(Properties, PartialEq)]
pub(super) struct ResultsProps {
    /// The survey.
    pub(super) survey: Survey,
    /// Its tally.
    pub(super) tally: Tally,
}

/// The tally: overall, then by grade band.
#[function_component]
pub(super) fn Results(props: &ResultsProps) -> Html {
    let l = use_ctx().lang;
    let t = &props.tally;
    let s = &props.survey;
    let skipped = t.skipped;
    let Some(overall) = &t.overall else {
        return html! {
            <p class="card suppressed" role="status">{ l.f(format!("回复少于 {} 份：结果不予显示。", t.min_group), format!("Fewer than {} responses: the results are not shown.", t.min_group)) }</p>
        };
    };
    html! {
        <section class="survey-results" aria-labelledby="results-title">
            <h3 id="results-title">{ s.title.pick(l.tag()).to_owned() }</h3>
            <p>{ l.f(
                format!("{} 份回复；跳过：重复 {}，其他调查 {}，无效 {}。", overall.responses, skipped.duplicates, skipped.other_survey, skipped.invalid),
                format!("{} responses; skipped: {} duplicates, {} for other surveys, {} invalid.", overall.responses, skipped.duplicates, skipped.other_survey, skipped.invalid),
            ) }</p>
            { figures(l, s, overall, "all") }
            if let Some(groups) = &t.groups {
                <h3>{ l.t("按年级段", "By grade band") }</h3>
                { for groups.iter().map(|(band, g)| html! {
                    <section class="band" aria-label={l.f(format!("{band} 年级"), format!("Grades {band}"))} data-band={band.clone()}>
                        <h4>{ l.f(format!("{band} 年级"), format!("Grades {band}")) }</h4>
                        { match g {
                            Group::Suppressed => html! { <p class="suppressed">{ l.f(format!("少于 {} 份，不予显示。", t.min_group), format!("Fewer than {}: not shown.", t.min_group)) }</p> },
                            Group::Shown(f) => figures(l, s, f, band),
                        } }
                    </section>
                }) }
            }
        </section>
    }
}

fn figures(l: Lang, s: &Survey, f: &Figures, group: &str) -> Html {
    html! {
        <div class="questions">
            { for s.questions.iter().filter_map(|q| f.questions.get(&q.id).map(|t| question(l, q, t, group))) }
        </div>
    }
}

/// The labels of a question's values, in order.
fn labels(l: Lang, q: &Question, t: &QuestionTally) -> Vec<(String, String)> {
    match &q.kind {
        QuestionKind::Likert5 => (1..=5)
            .map(|v| {
                let words = [
                    l.t("很不满意", "very dissatisfied"),
                    l.t("不满意", "dissatisfied"),
                    l.t("一般", "neutral"),
                    l.t("满意", "satisfied"),
                    l.t("很满意", "very satisfied"),
                ];
                (v.to_string(), format!("{v} {}", words[v - 1]))
            })
            .collect(),
        QuestionKind::Single(options) | QuestionKind::Multi { options, .. } => options
            .iter()
            .map(|o| (o.id.clone(), o.text.pick(l.tag()).to_owned()))
            .collect(),
        _ => t
            .counts
            .as_ref()
            .map(|c| c.keys().map(|k| (k.clone(), k.clone())).collect())
            .unwrap_or_default(),
    }
}

fn question(l: Lang, q: &Question, t: &QuestionTally, group: &str) -> Html {
    let counts: BTreeMap<String, u64> = t.counts.clone().unwrap_or_default();
    let rows = labels(l, q, t);
    let max = counts.values().copied().max().unwrap_or(0).max(1);
    #[allow(clippy::cast_precision_loss)] // counts far below 2^52
    let width = |n: u64| format!("{:.1}", n as f64 * 100.0 / max as f64);
    html! {
        <figure class="question" data-question={q.id.clone()} data-group={group.to_owned()}>
            <figcaption>
                <strong>{ q.text.pick(l.tag()).to_owned() }</strong>
                <span class="figures">
                    { l.f(format!("回答 {} 人", t.n), format!("{} answered", t.n)) }
                    if let Some(m) = t.mean { { " · " }{ l.f(format!("平均 {m:.1}"), format!("mean {m:.1}")) } }
                    if let Some(m) = t.median { { " · " }{ l.f(format!("中位数 {m}"), format!("median {m}")) } }
                    if let Some(p) = t.satisfied_percent {
                        { " · " }<span class="satisfied">{ l.f(format!("满意率 {p:.1} %"), format!("satisfied {p:.1} %")) }</span>
                    }
                </span>
            </figcaption>
            if !rows.is_empty() {
                <table class="chart">
                    <tbody>
                        { for rows.iter().map(|(value, label)| {
                            let n = counts.get(value).copied().unwrap_or(0);
                            html! {
                                <tr data-value={value.clone()}>
                                    <th scope="row">{ label.clone() }</th>
                                    <td class="bar">
                                        <svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                                            <rect class="fill" x="0" y="1" width={width(n)} height="8" rx="1" />
                                        </svg>
                                    </td>
                                    <td class="count">{ n }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            }
        </figure>
    }
}
