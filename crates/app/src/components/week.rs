//! The week against the rules: written minutes per day against the limit
//! line, sleep per night against the required line (SVG drawn here, no
//! chart library), the weekly average and the share of days within the
//! limit, and the same facts as a table for screen readers.

use jianfu_core::calendar::DayKind;
use jianfu_core::evaluate::{DayVerdict, NightVerdict, Share};
use jianfu_core::rules::WrittenLimit;
use jianfu_core::text::fixed;
use jianfu_core::{Date, evaluate};
use yew::prelude::*;

use super::{Link, ShareFigure};
use crate::actions;
use crate::i18n::AppLang;
use crate::i18n::{Lang, MoreMsg, Msg};
use crate::platform;
use crate::route::Route;
use crate::state::AppCtx;

/// Properties of [`WeekView`].
#[derive(Properties, PartialEq)]
pub struct WeekViewProps {
    /// A date in the week; this week when `None`.
    pub date: Option<Date>,
}

/// One day of the week's table.
struct Row {
    date: Date,
    kind: DayKind,
    written: u32,
    optional: u32,
    limit: WrittenLimit,
    unfinished: u32,
    sleep: Option<u32>,
    required: u16,
    late: u32,
}

/// The week screen.
#[function_component]
pub fn WeekView(props: &WeekViewProps) -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let lang = ctx.lang;
    let Some(child) = ctx.children.current().cloned() else {
        return Html::default();
    };
    let date = props.date.unwrap_or_else(|| actions::school_today(&ctx));
    let week = date.iso_week();
    let monday = week.monday();
    // Computed on demand, from this week's records only.
    let eval = evaluate(&ctx.log.days(&child.child, monday, monday.add_days(6)));
    let grade = child.child.grade;
    let rules = &child.child.rules;
    // The term so far, for the indicator beside the week's.
    let today = actions::school_today(&ctx);
    let term_from = rules.calendar().term_start(today);
    let term = Share::of(
        &evaluate(&ctx.log.days(&child.child, term_from, today)).days,
        term_from,
        today,
    );
    let rows: Vec<Row> = (0..7)
        .map(|i| {
            let d = monday.add_days(i);
            let day: Option<&DayVerdict> = eval.days.iter().find(|x| x.date == d);
            let night: Option<&NightVerdict> = eval.nights.iter().find(|x| x.night_of == d);
            Row {
                date: d,
                kind: rules.day_kind(d),
                written: day.map_or(0, |x| x.written_minutes),
                optional: day.map_or(0, |x| x.optional_minutes),
                limit: rules.written_limit(grade, d),
                unfinished: day.map_or(0, |x| x.unfinished),
                sleep: night.map(|n| n.sleep_minutes),
                required: rules.sleep_minutes(grade),
                late: night.map_or(0, |n| n.bedtime_late_by),
            }
        })
        .collect();
    let verdict = eval.weeks.iter().find(|w| w.week == week);
    let summary = verdict.map_or_else(
        || lang.text(MoreMsg::NoSchoolDaysLogged).to_owned(),
        |w| {
            lang.week_summary(
                w.avg_written_minutes,
                w.limit.minutes(),
                w.days_within_limit,
                w.days_logged,
            )
        },
    );
    let over = verdict.is_some_and(|w| !w.average_within_limit());
    let week_share = verdict
        .map(jianfu_core::evaluate::WeekVerdict::share)
        .unwrap_or_default();
    html! {
        <section class="week">
            <nav class="date-nav" aria-label={lang.text(MoreMsg::ChooseWeek)}>
                <Link to={Route::Week(Some(monday.add_days(-7)))} label={lang.text(MoreMsg::PreviousWeek)}>{ "‹" }</Link>
                <h2>{ lang.week_title(
                    week.week(),
                    &platform::format_date(monday, lang.tag(), false),
                    &platform::format_date(monday.add_days(6), lang.tag(), false),
                ) }</h2>
                <Link to={Route::Week(Some(monday.add_days(7)))} label={lang.text(MoreMsg::NextWeek)}>{ "›" }</Link>
            </nav>
            <p class={classes!("verdict", over.then_some("over"))}>{ &summary }</p>
            <ShareFigure scope={lang.text(MoreMsg::ShareWeek)} share={week_share} />
            <ShareFigure scope={lang.text(MoreMsg::ShareTerm)} share={term} />
            { service_line(ctx.feed.feed.as_deref(), monday, verdict.map_or(0, |w| w.days_finished_at_school), lang) }
            { written_chart(&rows, rules.school_day_limit(grade), lang) }
            { sleep_chart(&rows, lang) }
            { table(&rows, lang) }
            <p class="view-switch"><Link class="button" to={Route::Month(Some(date))}>{ lang.text(MoreMsg::MonthView) }</Link></p>
            <details class="rules">
                <summary>{ lang.text(Msg::RulesSummary) }</summary>
                <p>{ lang.text(Msg::RulesHomework) }</p>
                <p>{ lang.sleep_rule(rules.sleep_minutes(grade), &rules.latest_bedtime(grade).to_string()) }</p>
                <p>{ lang.text(MoreMsg::RulesAverage) }</p>
            </details>
        </section>
    }
}

/// The week's after-school service (days with a service, days short of
/// 5+2) and the school days whose written homework was all done at school.
fn service_line(
    feed: Option<&jianfu_core::Feed>,
    monday: Date,
    at_school: u32,
    lang: Lang,
) -> Html {
    let days = feed
        .map(|f| f.after_school_days(monday, monday.add_days(6)))
        .unwrap_or_default();
    if days.is_empty() && at_school == 0 {
        return Html::default();
    }
    let served = days
        .iter()
        .filter(|d| matches!(d.on, jianfu_core::after_school::OnDay::Service(_)))
        .count();
    let short = days.iter().filter(|d| d.shortfall.is_some()).count();
    html! {
        <p class="week-service">
            if !days.is_empty() {
                <span>{ lang.f(format!("本周课后服务 {served} 天"), format!("After-school service on {served} days this week")) }</span>
                if short > 0 {
                    <span class="short">{ lang.f(format!("（{short} 天未达到“5+2”）"), format!(" ({short} short of 5+2)")) }</span>
                }
                { lang.t("；", "; ") }
            }
            <span>{ lang.f(format!("{at_school} 天在校完成全部书面作业"), format!("written homework all done at school on {at_school} days")) }</span>
        </p>
    }
}

const W: f64 = 320.0;
const H: f64 = 120.0;

fn bar_x(i: usize) -> f64 {
    #[allow(clippy::cast_precision_loss)] // i < 7
    let i = i as f64;
    30.0 + i * 41.0
}

fn weekday_label(d: Date, lang: Lang) -> String {
    let names = match lang {
        Lang::ZhCn => ["一", "二", "三", "四", "五", "六", "日"],
        Lang::En => ["M", "T", "W", "T", "F", "S", "S"],
    };
    names[usize::from(d.weekday().index_from_monday())].to_owned()
}

/// Bars of written minutes per day, with the limit as a dashed line.
fn written_chart(rows: &[Row], limit: WrittenLimit, lang: Lang) -> Html {
    let top = rows
        .iter()
        .map(|r| r.written)
        .chain(limit.minutes().map(u32::from))
        .max()
        .unwrap_or(60)
        .max(30);
    let y = |m: u32| H - 20.0 - f64::from(m) * (H - 30.0) / f64::from(top);
    html! {
        <figure class="chart">
            <figcaption>{ lang.text(MoreMsg::ChartWritten) }</figcaption>
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={lang.text(MoreMsg::ChartWrittenLabel)}>
                { for rows.iter().enumerate().map(|(i, r)| {
                    let over = r.limit.excess(r.written) > 0;
                    let off = !r.kind.is_school_day();
                    html! {
                        <g>
                            <rect class={classes!("bar", over.then_some("over"), (off && !over).then_some("holiday"))} x={fixed(bar_x(i), 1)}
                                y={fixed(y(r.written), 1)} width="28" height={fixed(H - 20.0 - y(r.written), 1)} />
                            if r.written > 0 {
                                <text class="value" x={fixed(bar_x(i) + 14.0, 1)} y={fixed(y(r.written) - 3.0, 1)}>{ r.written }</text>
                            }
                            <text class="axis" x={fixed(bar_x(i) + 14.0, 1)} y={fixed(H - 6.0, 1)}>{ weekday_label(r.date, lang) }</text>
                        </g>
                    }
                }) }
                if let Some(l) = limit.minutes() {
                    <line class="limit-line" x1="24" x2={fixed(W - 4.0, 1)} y1={fixed(y(u32::from(l)), 1)} y2={fixed(y(u32::from(l)), 1)} />
                    <text class="limit-label" x="2" y={fixed(y(u32::from(l)) + 4.0, 1)}>{ l }</text>
                }
            </svg>
        </figure>
    }
}

/// Bars of sleep per night, with the required hours as a dashed line.
fn sleep_chart(rows: &[Row], lang: Lang) -> Html {
    let required = rows.first().map_or(600, |r| r.required);
    let top = rows
        .iter()
        .filter_map(|r| r.sleep)
        .max()
        .unwrap_or(0)
        .max(u32::from(required))
        .max(60);
    let y = |m: u32| H - 20.0 - f64::from(m) * (H - 30.0) / f64::from(top);
    html! {
        <figure class="chart">
            <figcaption>{ lang.text(MoreMsg::ChartSleep) }</figcaption>
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={lang.text(MoreMsg::ChartSleepLabel)}>
                { for rows.iter().enumerate().map(|(i, r)| {
                    let s = r.sleep.unwrap_or(0);
                    let short = r.sleep.is_some_and(|s| s < u32::from(required));
                    html! {
                        <g>
                            <rect class={classes!("bar", "sleep", short.then_some("over"))} x={fixed(bar_x(i), 1)}
                                y={fixed(y(s), 1)} width="28" height={fixed(H - 20.0 - y(s), 1)} />
                            if s > 0 {
                                <text class="value" x={fixed(bar_x(i) + 14.0, 1)} y={fixed(y(s) - 3.0, 1)}>{ fixed(f64::from(s) / 60.0, 1) }</text>
                            }
                            <text class="axis" x={fixed(bar_x(i) + 14.0, 1)} y={fixed(H - 6.0, 1)}>{ weekday_label(r.date, lang) }</text>
                        </g>
                    }
                }) }
                <line class="limit-line" x1="24" x2={fixed(W - 4.0, 1)} y1={fixed(y(u32::from(required)), 1)} y2={fixed(y(u32::from(required)), 1)} />
                <text class="limit-label" x="2" y={fixed(y(u32::from(required)) + 4.0, 1)}>{ format!("{}h", required / 60) }</text>
            </svg>
        </figure>
    }
}

/// The word for a day that is not a plain school day (holidays and make-up
/// days matter here; weekends speak for themselves).
pub(crate) fn kind_word(kind: DayKind, lang: Lang) -> Option<&'static str> {
    match kind {
        DayKind::Holiday => Some(lang.text(MoreMsg::DayHoliday)),
        DayKind::MakeUpDay => Some(lang.text(MoreMsg::DayMakeUp)),
        DayKind::SchoolDay | DayKind::Weekend => None,
    }
}

/// The same facts as text: one row per day.
fn table(rows: &[Row], lang: Lang) -> Html {
    // Seven columns do not fit 360 px: the table scrolls in its own box,
    // which the keyboard can reach (axe's scrollable-region-focusable).
    html! {
        <div class="table-scroll" role="region" tabindex="0" aria-label={lang.text(MoreMsg::WeekTableCaption)}>
        <table class="week-table">
            <caption>{ lang.text(MoreMsg::WeekTableCaption) }</caption>
            <thead><tr>
                <th scope="col">{ lang.text(MoreMsg::Day) }</th>
                <th scope="col">{ lang.text(MoreMsg::WrittenShort) }</th>
                <th scope="col">{ lang.text(MoreMsg::OptionalShort) }</th>
                <th scope="col">{ lang.text(MoreMsg::LimitShort) }</th>
                <th scope="col">{ lang.text(MoreMsg::Unfinished) }</th>
                <th scope="col">{ lang.text(MoreMsg::SleepShortHeading) }</th>
                <th scope="col">{ lang.text(MoreMsg::LateShort) }</th>
            </tr></thead>
            <tbody>
                { for rows.iter().map(|r| html! {
                    <tr class={classes!((r.limit.excess(r.written) > 0).then_some("over"))}>
                        <th scope="row">
                            { platform::format_date(r.date, lang.tag(), true) }
                            { for kind_word(r.kind, lang).map(|w| html! { <span class="kind">{ " · " }{ w }</span> }) }
                        </th>
                        <td>{ r.written }</td>
                        <td>{ r.optional }</td>
                        <td>{ r.limit.minutes().map_or_else(|| "–".to_owned(), |m| m.to_string()) }</td>
                        <td>{ r.unfinished }</td>
                        <td>{ r.sleep.map_or_else(|| "–".to_owned(), |s| lang.hours_minutes(s)) }</td>
                        <td>{ if r.late > 0 { r.late.to_string() } else { "0".to_owned() } }</td>
                    </tr>
                }) }
            </tbody>
        </table>
        </div>
    }
}
