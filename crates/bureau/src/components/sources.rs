//! Where sealed reports come from: files (an inbox export, JSON lines, one
//! envelope per file) or straight from the inbox's export route with the
//! admin token. The token stays in this form's memory; it is sent only in
//! the `Authorization` header of that request.

use jianfu_core::case::{self, BadLine, Case};
use jianfu_ui::{AddressForm, FilePick, Outcome, read_address, read_chosen};
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
                // A folder (`jianfu open`'s directory input) holds other
                // files too: only JSON and JSON lines are read.
                let read = read_chosen(&e, &[".json", ".jsonl"])
                    .await
                    .into_iter()
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
    let on_token = {
        let token = token.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = jianfu_web::select_value(&e) {
                token.set(v);
            }
        })
    };
    let on_fetch = {
        let (ctx, outcome, token) = (ctx.clone(), outcome.clone(), token.clone());
        Callback::from(move |url: String| {
            let (ctx, outcome) = (ctx.clone(), outcome.clone());
            let token = (*token).clone();
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
                let result = match read_address(l, &url, Some(&token), EXPORT_MAX_BYTES).await {
                    Ok(text) => {
                        said(add(&ctx, vec![case::read_lines(&text, "inbox", ctx.today)]).await)
                    }
                    Err(e) => Err(e),
                };
                outcome.set(Some(result));
            });
        })
    };
    html! {
        <section class="card" aria-labelledby="sources-title">
            <h2 id="sources-title">{ l.t("载入举报", "Load reports") }</h2>
            <FilePick id="envelope-files" multiple=true on_change={on_files}
                accept=".jsonl,.json,application/json,application/jsonl"
                label={l.t("从文件载入（收件箱导出、JSON lines）…", "From files (inbox export, JSON lines)…")}
                folder={(AttrValue::Static("envelope-folder"), AttrValue::from(l.t("从文件夹载入…", "From a folder…")))} />
            <AddressForm id="inbox-url" class="inbox-form" on_submit={on_fetch}
                initial={jianfu_web::absolute_url("/inbox/export/reports")}
                label={l.t("收件箱导出地址", "Inbox export address")}
                button={l.t("从收件箱载入", "Load from the inbox")}>
                <div class="field">
                    <label for="inbox-token">{ l.t("管理口令", "Admin token") }</label>
                    <input id="inbox-token" type="password" autocomplete="off" value={(*token).clone()} oninput={on_token}
                        aria-describedby="inbox-token-hint" />
                    <p class="hint" id="inbox-token-hint">{ l.t("只在本页内存中，只随这次请求的 Authorization 头发送。", "Kept in this page's memory; sent only in this request's Authorization header.") }</p>
                </div>
            </AddressForm>
            <Outcome outcome={(*outcome).clone()} />
        </section>
    }
}
