//! The printable notice (作业公示) of one week: A4, the class, each day's
//! items and total against the limit, the complaint channel, and a QR code
//! that opens the parent app with this class's feed filled in.

use std::fmt::Write as _;

use jianfu_core::after_school::OnDay;
use jianfu_core::rules::WrittenLimit;
use jianfu_core::{Date, Lang};
use yew::prelude::*;

use super::day::day_title;
use super::use_ctx;
use crate::i18n::Words as _;
use crate::route::Route;

/// Props of [`QrCode`].
#[derive(Properties, PartialEq)]
pub struct QrCodeProps {
    /// What the code says.
    pub text: String,
    /// Its accessible name.
    pub label: String,
}

/// A QR code as inline SVG.
#[function_component]
pub fn QrCode(props: &QrCodeProps) -> Html {
    match jianfu_core::qr::encode(&props.text) {
        Some(code) => html! {
            <svg class="qr" viewBox={format!("0 0 {0} {0}", code.size)} role="img" aria-label={props.label.clone()}
                shape-rendering="crispEdges">
                <rect width={code.size.to_string()} height={code.size.to_string()} fill="#fff" />
                <path d={code.path} fill="#000" />
            </svg>
        },
        None => html! {},
    }
}

/// The week's after-school service on the notice: each school day's times
/// (a change and its note on its day), and extended care.
fn week_service(l: Lang, checked: &jianfu_core::studio::Checked, monday: Date) -> Html {
    let Some(plan) = &checked.feed.school.after_school else {
        return Html::default();
    };
    let days = checked.feed.after_school_days(monday, monday.add_days(6));
    html! {
        <section class="notice-service" aria-labelledby="notice-service-title">
            <h3 id="notice-service-title">{ l.t("本周课后服务", "After-school service this week") }</h3>
            <ul>
                { for days.iter().map(|d| html! {
                    <li class={classes!(d.shortfall.is_some().then_some("short"))}>
                        <strong>{ day_title(l, d.date) }</strong>{ "：" }
                        { match &d.on {
                            OnDay::Service(s) => {
                                let sessions: Vec<String> = s.sessions.iter().map(|x| format!("{}–{} {}", x.start, x.end,
                                    x.title.as_ref().map_or_else(|| x.kind.label(l).to_owned(), |t| t.pick(l.tag()).to_owned()))).collect();
                                let mut text = format!("{}–{}", s.start, s.end);
                                if !sessions.is_empty() {
                                    let _ = write!(text, "（{}）", sessions.join(l.t("；", "; ")));
                                }
                                if let Some(n) = &s.note {
                                    let _ = write!(text, " · {}", n.pick(l.tag()));
                                }
                                text
                            }
                            OnDay::Cancelled(n) => format!("{}{}", l.t("取消", "cancelled"), n.as_ref().map(|n| format!(" · {}", n.pick(l.tag()))).unwrap_or_default()),
                            OnDay::None => l.t("无", "none").to_owned(),
                        } }
                    </li>
                }) }
            </ul>
            if let Some(until) = plan.extended_care_until {
                <p>{ l.f(format!("需要时可延时托管至 {until}。"), format!("Extended care until {until} for those who need it.")) }</p>
            }
        </section>
    }
}

/// Props of [`Notice`].
#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    /// The week's Monday.
    pub monday: Date,
}

/// The notice.
#[function_component]
pub fn Notice(props: &NoticeProps) -> Html {
    let ctx = use_ctx();
    let l = ctx.lang;
    let monday = props.monday;
    let Ok(checked) = ctx.studio.draft.check(ctx.now()) else {
        return html! {
            <p>{ l.t("学校和班级的设置还不完整。", "The school and class set-up is not complete yet.") }
               { " " }<a href={Route::Setup.to_hash()}>{ l.t("去填写", "Set it up") }</a></p>
        };
    };
    let setup = &ctx.studio.draft.setup;
    let feed_url = setup.feed_url.trim();
    // The app of the site the studio is served from: the deployment's own
    // app with its bureau directory, never an address typed here (#26).
    let link = jianfu_web::with_query(&jianfu_web::absolute_url("/"), &[("feed", feed_url)]);
    let range = format!(
        "{} – {}",
        jianfu_web::format_date(monday, l.tag(), false),
        jianfu_web::format_date(monday.add_days(6), l.tag(), false)
    );
    let rows = (0..7).filter_map(|i| {
        let date = monday.add_days(i);
        let v = checked.day(date);
        let items = ctx.studio.draft.items(date);
        // Weekends and holidays without homework are left off the notice.
        if items.is_empty() && !v.kind.is_school_day() {
            return None;
        }
        let limit = match v.limit {
            WrittenLimit::Minutes(m) => l.minutes(u32::from(m)),
            WrittenLimit::NoCap => l.t("无上限", "no cap").to_owned(),
            WrittenLimit::NoneAllowed => l.t("不布置书面作业", "no written homework").to_owned(),
        };
        let kind = if v.kind.is_school_day() && !date.weekday().is_weekend() {
            String::new()
        } else {
            format!(" ({})", l.day_kind(v.kind))
        };
        Some(html! {
            <tr class={classes!(v.violation.is_some().then_some("over"))}>
                <th scope="row">{ day_title(l, date) }{ kind }</th>
                <td>
                    if items.is_empty() {
                        { l.t("无书面作业", "No homework") }
                    } else {
                        <ul>{ for items.iter().map(|it| html! {
                            <li>
                                <strong>{ l.subject(&it.subject).to_owned() }</strong>{ "：" }{ it.title.pick(l.tag()).to_owned() }
                                { format!(" · {} · {}", l.kind(it.kind), l.minutes(u32::from(it.minutes))) }
                                if it.tier == jianfu_core::feed::Tier::Optional { { l.t(" · 选做", " · optional") } }
                                if it.at_school { { l.t(" · 在校完成", " · done at school") } }
                            </li>
                        }) }</ul>
                    }
                </td>
                <td class="total">{ l.minutes(v.written) }{ " / " }{ limit }</td>
            </tr>
        })
    });
    let print = Callback::from(|_| jianfu_web::print());
    html! {
        <>
            <nav class="week-nav no-print" aria-label={l.t("切换周", "Weeks")}>
                <a href={Route::Notice(Some(monday.add_days(-7))).to_hash()}>{ l.t("← 上一周", "← Previous week") }</a>
                <a href={Route::Notice(Some(monday.add_days(7))).to_hash()}>{ l.t("下一周 →", "Next week →") }</a>
                <button type="button" class="primary" onclick={print}>{ l.t("打印公示", "Print notice") }</button>
            </nav>
            <article class="notice" aria-labelledby="notice-title">
                <header>
                    <h2 id="notice-title">{ setup.school_name.pick(l.tag()).to_owned() }{ " " }{ setup.class_name.pick(l.tag()).to_owned() }{ " " }{ l.t("作业公示", "homework notice") }</h2>
                    <p>{ range }{ " · " }{ l.grade(setup.grade) }</p>
                </header>
                <table>
                    <thead><tr>
                        <th scope="col">{ l.t("日期", "Date") }</th>
                        <th scope="col">{ l.t("作业", "Homework") }</th>
                        <th scope="col">{ l.t("书面合计 / 上限", "Written / limit") }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                { week_service(l, &checked, monday) }
                <footer class="notice-footer">
                    if feed_url.is_empty() {
                        <p class="no-print hint">{ l.t("填写公示文件的公开网址后，这里会出现家长扫码用的二维码。", "Add the notice file's public address in the set-up and a QR code for parents appears here.") }</p>
                    } else {
                        <figure class="qr-figure">
                            <QrCode text={link.clone()} label={l.t("家长扫码查看本班作业", "Parents scan to see this class's homework").to_owned()} />
                            <figcaption>
                                { l.t("家长用手机扫码，在“减负”中查看本班每天的作业、记录孩子的用时。", "Parents: scan with your phone to see this class's homework each day in Jianfu and log your child's time.") }
                                <span class="link">{ link.clone() }</span>
                            </figcaption>
                        </figure>
                    }
                    if !setup.complaint.trim().is_empty() {
                        <p class="complaint">{ l.t("对作业量有意见或建议，请联系：", "Questions or concerns about homework: ") }{ setup.complaint.trim().to_owned() }</p>
                    }
                    <p class="rules-line">{ l.t("依据：国家“双减”规定，小学一二年级不布置家庭书面作业，三至六年级每天平均不超过 60 分钟，初中不超过 90 分钟。",
                                              "Rules: national 2021 rules — no written homework at home for grades 1–2, on average at most 60 minutes a day for grades 3–6 and 90 for junior secondary.") }</p>
                </footer>
            </article>
        </>
    }
}
