//! The month at a glance: a calendar of written minutes and hours of sleep
//! per day, days over the limit and short nights marked (in words too, for
//! screen readers), and the month's verdict in a sentence. Computed on
//! demand from this month's records only, like the week.

use jianfu_core::calendar::DayKind;
use jianfu_core::evaluate::{DayVerdict, NightVerdict, Share};
use jianfu_core::text::fixed;
use jianfu_core::{Date, evaluate};
use yew::prelude::*;

use super::week::kind_word;
use super::{Link, ShareFigure};
use crate::actions;
use crate::i18n::AppLang;
use crate::i18n::{Lang, MoreMsg, Msg};
use crate::platform;
use crate::route::Route;
use crate::state::AppCtx;

/// Properties of [`MonthView`].
#[derive(Properties, PartialEq)]
pub struct MonthViewProps {
    /// A date in the month; this month when `None`.
    pub date: Option<Date>,
}

/// The month screen.
#[function_component]
pub fn MonthView(props: &MonthViewProps) -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let lang = ctx.lang;
    let Some(child) = ctx.children.current().cloned() else {
        return Html::default();
    };
    let date = props.date.unwrap_or_else(|| actions::school_today(&ctx));
    let first = date.month_start(0);
    let last = date.month_start(1).add_days(-1);
    let eval = evaluate(&ctx.log.days(&child.child, first, last));
    // School days by the calendar (make-up days in, holidays out).
    let school: Vec<&DayVerdict> = eval.days.iter().filter(|d| d.counts_in_share()).collect();
    let month_share = Share::of(&eval.days, first, last);
    let today = actions::school_today(&ctx);
    let term_from = child.child.rules.calendar().term_start(today);
    let term = Share::of(
        &evaluate(&ctx.log.days(&child.child, term_from, today)).days,
        term_from,
        today,
    );
    let within = school.iter().filter(|d| d.over_by == 0).count();
    #[allow(clippy::cast_precision_loss)] // at most 23 school days
    let avg = (!school.is_empty()).then(|| {
        school
            .iter()
            .map(|d| f64::from(d.written_minutes))
            .sum::<f64>()
            / school.len() as f64
    });
    let short = eval
        .nights
        .iter()
        .filter(|n| n.sleep_minutes < u32::from(n.required_minutes))
        .count();
    let summary = lang.month_summary(avg, within, school.len(), eval.nights.len(), short);
    let (year, month, _) = first.ymd();
    // Whole weeks, Monday to Sunday, covering the month.
    let monday = first.iso_week().monday();
    let weeks = (last.days_since(monday) / 7) + 1;
    html! {
        <section class="month">
            <nav class="date-nav" aria-label={lang.text(MoreMsg::ChooseMonth)}>
                <Link to={Route::Month(Some(first.month_start(-1)))} label={lang.text(MoreMsg::PreviousMonth)}>{ "‹" }</Link>
                <h2>{ lang.month_title(year, month) }</h2>
                <Link to={Route::Month(Some(first.month_start(1)))} label={lang.text(MoreMsg::NextMonth)}>{ "›" }</Link>
            </nav>
            <p class="verdict">{ summary }</p>
            <ShareFigure scope={lang.text(MoreMsg::ShareMonth)} share={month_share} />
            <ShareFigure scope={lang.text(MoreMsg::ShareTerm)} share={term} />
            <table class="month-table">
                <caption>{ lang.text(MoreMsg::MonthTableCaption) }</caption>
                <thead><tr>
                    { for (0..7).map(|i| html! { <th scope="col">{ weekday(i, lang) }</th> }) }
                </tr></thead>
                <tbody>
                    { for (0..weeks).map(|w| html! {
                        <tr>
                            { for (0..7).map(|i| {
                                let d = monday.add_days(w * 7 + i);
                                if d < first || d > last {
                                    html! { <td class="outside"></td> }
                                } else {
                                    cell(d, child.child.rules.day_kind(d), eval.days.iter().find(|x| x.date == d), eval.nights.iter().find(|x| x.night_of == d), lang)
                                }
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            <p class="view-switch"><Link class="button" to={Route::Week(Some(date))}>{ lang.text(Msg::TabWeek) }</Link></p>
        </section>
    }
}

fn weekday(i: i32, lang: Lang) -> &'static str {
    let names = match lang {
        Lang::ZhCn => ["一", "二", "三", "四", "五", "六", "日"],
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    };
    names[usize::try_from(i).unwrap_or(0) % 7]
}

/// One day: its number, written minutes, hours slept that night; the
/// full date, and "over the limit" / "short of sleep", for screen readers.
fn cell(
    d: Date,
    kind: DayKind,
    day: Option<&DayVerdict>,
    night: Option<&NightVerdict>,
    lang: Lang,
) -> Html {
    let over = day.is_some_and(|x| x.over_by > 0);
    let short = night.is_some_and(|n| n.sleep_minutes < u32::from(n.required_minutes));
    let word = kind_word(kind, lang);
    html! {
        <td class={classes!(over.then_some("over"), short.then_some("short"), (kind == DayKind::Holiday).then_some("holiday"))}>
            <span class="visually-hidden">{ platform::format_date(d, lang.tag(), true) }</span>
            <span class="n" aria-hidden="true">{ d.ymd().2 }</span>
            if let Some(w) = word { <span class="kind">{ w }</span> }
            if let Some(x) = day {
                <span class="written">{ lang.minutes(x.written_minutes) }</span>
            }
            if over { <span class="visually-hidden">{ lang.text(Msg::OverLimit) }</span> }
            if let Some(n) = night {
                <span class="slept">{ format!("{}h", fixed(f64::from(n.sleep_minutes) / 60.0, 1)) }</span>
            }
            if short { <span class="visually-hidden">{ lang.text(Msg::SleepShort) }</span> }
        </td>
    }
}
