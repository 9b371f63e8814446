//! Where sealed reports come from: files (an inbox export, JSON lines, one
//! envelope per file) or straight from the inbox's export route with the
//! admin token. The token stays in this form's memory; it is sent only in
//! the `Authorization` header of that request.

use jianfu_core::case::{self, BadLine, Case};
use jianfu_web::fetch::FetchError;
use yew::prelude::*;

use super::{Ctx, use_ctx};
use crate::state::{self, Change};

/// The largest export read at once (a district's year is far below).
const EXPORT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Stores the cases not seen before, then shows them; says how many.
async fn add(ctx: &Ctx, read: Vec<(Vec<Case>, Vec<BadLine>)>) -> Result<(usize, usize), String> {
    let mut fresh = std::collections::BTreeMap::new();
    let mut bad = Vec::new();
    let mut total = 0;
    for (cases, lines) in read {
        total += cases.len();
        bad.extend(lines);
        let unknown = cases
            .into_iter()
            .filter(|c| !ctx.desk.cases.contains_key(&c.id))
            .collect();
        case::merge(&mut fresh, unknown);
    }
    let fresh: Vec<Case> = fresh.into_values().collect();
    let db = ctx.db.as_ref().ok_or("the database is not open yet")?;
    state::put(db, &fresh).await.map_err(|e| e.to_string())?;
    let added = fresh.len();
    ctx.change(Change::Added(fresh, bad));
    Ok((total, added))
}

/// The two ways in.
#[function_component]
pub fn LoadReports() -> Html {
    let ctx = use_ctx();
    let l = ctx.lang;
    let outcome = use_state(|| None::<Result<String, String>>);
    let url = use_state(|| jianfu_web::absolute_url("/inbox/export/reports"));
    let token = ctx.token.clone();
    let said = move |r: Result<(usize, usize), String>| {
        r.map(|(total, added)| {
            l.f(
                format!("读取 {total} 份密封举报，新增 {added} 份。"),
                format!("Read {total} sealed reports, {added} new."),
            )
        })
    };
    let on_files = {
        let (ctx, outcome) = (ctx.clone(), outcome.clone());
        Callback::from(move |e: Event| {
            let (ctx, outcome) = (ctx.clone(), outcome.clone());
            yew::platform::spawn_local(async move {
                let files = jianfu_web::chosen_files_text(&e).await;
                // A folder (`jianfu open`'s directory input) holds other
                // files too: only JSON and JSON lines are read.
                let read = files
                    .into_iter()
                    .filter(|(name, _)| {
                        std::path::Path::new(name).extension().is_some_and(|x| {
                            x.eq_ignore_ascii_case("json") || x.eq_ignore_ascii_case("jsonl")
                        })
                    })
                    .map(|(name, text)| match text {
                        Ok(t) => case::read_lines(&t, &name, ctx.today),
                        Err(e) => (
                            Vec::new(),
                            vec![BadLine {
                                source: name,
                                problem: e,
                            }],
                        ),
                    })
                    .collect();
                outcome.set(Some(said(add(&ctx, read).await)));
            });
        })
    };
    let on_url = {
        let url = url.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = jianfu_web::select_value(&e) {
                url.set(v);
            }
        })
    };
    let on_token = {
        let token = token.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = jianfu_web::select_value(&e) {
                token.set(v);
            }
        })
    };
    let on_fetch = {
        let (ctx, outcome, url, token) = (ctx.clone(), outcome.clone(), url.clone(), token.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (ctx, outcome) = (ctx.clone(), outcome.clone());
            let (url, token) = ((*url).trim().to_owned(), (*token).clone());
            if token.trim().is_empty() {
                outcome.set(Some(Err(l
                    .t(
                        "请先填写收件箱的管理口令。",
                        "Enter the inbox's admin token first.",
                    )
                    .to_owned())));
                return;
            }
            yew::platform::spawn_local(async move {
                let result =
                    match jianfu_web::fetch::fetch_text_authorized(&url, &token, EXPORT_MAX_BYTES)
                        .await
                    {
                        Ok(text) => said(add(&ctx, vec![case::read_lines(&text, "inbox", ctx.today)]).await),
                        Err(FetchError::Status(401)) => Err(l
                            .t(
                                "收件箱拒绝了这个管理口令（HTTP 401）：请核对口令。",
                                "The inbox refused this admin token (HTTP 401): check the token.",
                            )
                            .to_owned()),
                        Err(FetchError::Status(404)) => Err(l
                            .t(
                                "这个地址没有导出功能（HTTP 404）：收件箱需以 --admin-token-file 启动。",
                                "There is no export at this address (HTTP 404): the inbox must run with --admin-token-file.",
                            )
                            .to_owned()),
                        Err(FetchError::Status(s)) => Err(l.f(format!("收件箱回答 HTTP {s}"), format!("The inbox answered HTTP {s}"))),
                        Err(_) => Err(l
                            .t(
                                "无法连接收件箱（离线，或地址不对）。",
                                "Could not reach the inbox (offline, or a wrong address).",
                            )
                            .to_owned()),
                    };
                outcome.set(Some(result));
            });
        })
    };
    html! {
        <section class="card" aria-labelledby="sources-title">
            <h2 id="sources-title">{ l.t("载入举报", "Load reports") }</h2>
            <div class="file-pick">
                <input id="envelope-files" class="visually-hidden" type="file" multiple=true
                    accept=".jsonl,.json,application/json,application/jsonl" onchange={on_files.clone()} />
                <label for="envelope-files" class="button">{ l.t("从文件载入（收件箱导出、JSON lines）…", "From files (inbox export, JSON lines)…") }</label>
                <input id="envelope-folder" class="visually-hidden" type="file" webkitdirectory=true onchange={on_files.clone()} />
                <label for="envelope-folder" class="button">{ l.t("从文件夹载入…", "From a folder…") }</label>
            </div>
            <form class="inbox-form" onsubmit={on_fetch}>
                <div class="field">
                    <label for="inbox-url">{ l.t("收件箱导出地址", "Inbox export address") }</label>
                    <input id="inbox-url" type="url" inputmode="url" value={(*url).clone()} oninput={on_url} />
                </div>
                <div class="field">
                    <label for="inbox-token">{ l.t("管理口令", "Admin token") }</label>
                    <input id="inbox-token" type="password" autocomplete="off" value={(*token).clone()} oninput={on_token}
                        aria-describedby="inbox-token-hint" />
                    <p class="hint" id="inbox-token-hint">{ l.t("只在本页内存中，只随这次请求的 Authorization 头发送。", "Kept in this page's memory; sent only in this request's Authorization header.") }</p>
                </div>
                <button type="submit" class="primary">{ l.t("从收件箱载入", "Load from the inbox") }</button>
            </form>
            { match &*outcome {
                Some(Ok(m)) => html! { <p class="status" role="status">{ m.clone() }</p> },
                Some(Err(m)) => html! { <p class="field-error" role="alert">{ m.clone() }</p> },
                None => html! {},
            } }
        </section>
    }
}
