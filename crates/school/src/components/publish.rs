//! Publishing: the class's `jianfu.feed/1` as a file to download or copy,
//! exactly what core checked; violations named before anything leaves.

use jianfu_core::feed::Violation;
use yew::prelude::*;

use super::day::day_title;
use super::use_ctx;
use crate::i18n::Lang;
use crate::route::Route;

/// One violation in words.
fn describe(l: Lang, v: &Violation) -> String {
    let day = day_title(l, v.date);
    l.f(
        format!("{day}：{}", v.describe(l.tag())),
        format!("{day}: {}", v.describe(l.tag())),
    )
}

/// The publish screen.
#[function_component]
pub fn PublishPage() -> Html {
    let ctx = use_ctx();
    let l = ctx.lang;
    let outcome = use_state(|| None::<Result<String, String>>);
    let checked = ctx.studio.draft.check(ctx.now());
    let Ok(checked) = checked else {
        return html! {
            <>
                <h2>{ l.t("发布与打印", "Publish and print") }</h2>
                <p>{ l.t("学校和班级的设置还不完整。", "The school and class set-up is not complete yet.") }</p>
                <a class="button primary" href={Route::Setup.to_hash()}>{ l.t("填写学校与班级", "Set up school and class") }</a>
            </>
        };
    };
    let setup = &ctx.studio.draft.setup;
    let file_name = format!("{}.json", setup.class_id.trim());
    let items: usize = checked.feed.days.iter().map(|d| d.items.len()).sum();
    let violations: Vec<String> = checked.violations.iter().map(|v| describe(l, v)).collect();
    let carried = ctx.studio.draft.carried();

    let publish = {
        let (outcome, violations, file_name) =
            (outcome.clone(), violations.clone(), file_name.clone());
        let ctx = ctx.clone();
        Callback::from(move |_| {
            // Stamped now: a fresh check of the same draft.
            let Ok(checked) = ctx.studio.draft.check(ctx.now()) else {
                return;
            };
            if !violations.is_empty() {
                let question = l.f(
                    format!(
                        "这份作业公示有 {} 处不符合规定：\n{}\n\n仍要发布吗？",
                        violations.len(),
                        violations.join("\n")
                    ),
                    format!(
                        "This notice breaks the rules in {} places:\n{}\n\nPublish anyway?",
                        violations.len(),
                        violations.join("\n")
                    ),
                );
                if !jianfu_web::confirm(&question) {
                    outcome.set(Some(Err(l.t("未发布。", "Not published.").to_owned())));
                    return;
                }
            }
            outcome.set(Some(match jianfu_web::download(&file_name, &checked.to_text()) {
                Ok(()) => Ok(l.f(
                    format!("已生成 {file_name}。请把它上传到学校网站的公示地址，家长端会自动读取最新版本。"),
                    format!("{file_name} is ready. Upload it to the school portal's notice address; the parent app reads the newest version."),
                )),
                Err(e) => Err(e),
            }));
        })
    };
    let copy = {
        let (outcome, ctx) = (outcome.clone(), ctx.clone());
        Callback::from(move |_| {
            let Ok(checked) = ctx.studio.draft.check(ctx.now()) else {
                return;
            };
            let outcome = outcome.clone();
            yew::platform::spawn_local(async move {
                outcome.set(Some(
                    match jianfu_web::copy_text(&checked.to_text()).await {
                        Ok(()) => Ok(l
                            .t(
                                "已复制作业公示的内容。",
                                "The notice's file content is copied.",
                            )
                            .to_owned()),
                        Err(e) => {
                            Err(l.f(format!("未能复制：{e}"), format!("Could not copy: {e}")))
                        }
                    },
                ));
            });
        })
    };
    html! {
        <>
            <h2>{ l.t("发布与打印", "Publish and print") }</h2>
            <section class="card">
                <h3>{ setup.school_name.pick(l.tag()).to_owned() }{ " · " }{ setup.class_name.pick(l.tag()).to_owned() }</h3>
                <p>{ l.f(format!("{} 天、{} 项作业。发布的文件通过了与 jianfu check-feed 相同的检查。", checked.feed.days.len(), items),
                         format!("{} days, {} items. The file passes the same checks as jianfu check-feed.", checked.feed.days.len(), items)) }</p>
                if violations.is_empty() {
                    <p class="ok-line">{ l.t("每天的书面作业都符合规定。", "Every day's written homework is within the rules.") }</p>
                } else {
                    <div class="violations" role="region" aria-label={l.t("不符合规定的日子", "Days that break the rules")}>
                        <p><strong>{ l.f(format!("{} 处不符合规定：", violations.len()), format!("{} days break the rules:", violations.len())) }</strong></p>
                        <ul>{ for violations.iter().map(|v| html! { <li>{ v.clone() }</li> }) }</ul>
                    </div>
                }
                if !carried.is_empty() {
                    <div class="carried" role="region" aria-label={l.t("从导入的公示中保留的内容", "Kept from the imported notice")}>
                        <p><strong>{ l.t("以下内容来自导入的作业公示，本工作室不显示也不编辑，会原样一起发布。请确认它们属于本班：",
                                         "These come from the imported notice; the studio neither shows nor edits them, and they are published as they are. Check that they belong to this class:") }</strong></p>
                        <ul>{ for carried.iter().map(|(path, value)| html! {
                            <li><code>{ path.clone() }</code>{ ": " }<code class="value">{ value.clone() }</code></li>
                        }) }</ul>
                    </div>
                }
                <div class="publish-actions">
                    <button type="button" class="primary" onclick={publish}>{ l.t("发布", "Publish") }</button>
                    <button type="button" onclick={copy}>{ l.t("复制文件内容", "Copy file content") }</button>
                    <a class="button" href={Route::Notice(Some(ctx.today)).to_hash()}>{ l.t("打印预览", "Print preview") }</a>
                </div>
                { match &*outcome {
                    Some(Ok(m)) => html! { <p class="status" role="status">{ m.clone() }</p> },
                    Some(Err(m)) => html! { <p class="field-error" role="alert">{ m.clone() }</p> },
                    None => html! {},
                } }
                if setup.feed_url.trim().is_empty() {
                    <p class="hint">{ l.t("还没有填写公示文件的公开网址：打印的公示上将没有二维码。", "No public address for the file yet: the printed notice will have no QR code.") }
                        { " " }<a href={Route::Setup.to_hash()}>{ l.t("去填写", "Add it") }</a></p>
                }
            </section>
        </>
    }
}
