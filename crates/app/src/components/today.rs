//! A day's published homework: grouped by subject, kind and tier shown, the
//! estimated written total against the limit, and a timer for each item.

use std::rc::Rc;

use jianfu_core::feed::{At, Item, Kind, Tier};
use jianfu_core::rules::WrittenLimit;
use jianfu_core::{Date, Feed};
use yew::prelude::*;

use super::{FeedStatus, LimitBar, Link, ServiceCard};
use crate::actions;
use crate::i18n::AppLang;
use crate::i18n::{Lang, Msg};
use crate::platform;
use crate::route::Route;
use crate::state::AppCtx;

/// Properties of [`TodayList`].
#[derive(Properties, PartialEq)]
pub struct TodayListProps {
    /// The class feed.
    pub feed: Rc<Feed>,
    /// The school-local date to show.
    pub date: Date,
    /// The language.
    pub lang: Lang,
    /// Starts a timer for an item; no buttons when absent (the widget's read-only view).
    #[prop_or_default]
    pub on_start: Option<Callback<Item>>,
    /// Items that have a timer already.
    #[prop_or_default]
    pub timing: Rc<Vec<String>>,
}

/// The homework list for one date, grouped by subject.
#[function_component]
pub fn TodayList(props: &TodayListProps) -> Html {
    let lang = props.lang;
    let Some(day) = props.feed.day(props.date).filter(|d| !d.items.is_empty()) else {
        return html! { <p class="empty">{ lang.text(Msg::NoHomeworkToday) }</p> };
    };
    // Subjects in the school's order (first appearance), not alphabetical.
    let mut order: Vec<&str> = Vec::new();
    for item in &day.items {
        if !order.contains(&item.subject.as_str()) {
            order.push(item.subject.as_str());
        }
    }
    let (written, at_school) = (
        day.written_core_minutes(),
        day.written_core_minutes_at_school(),
    );
    html! {
        <section class="today" aria-label={lang.text(Msg::TodayHeading)}>
            <p class="written-total">
                { lang.text(Msg::WrittenTotal) }{ " " }
                <strong>{ lang.minutes(written) }</strong>
            </p>
            if at_school > 0 {
                <p class="home-minutes">
                    { lang.f(
                        format!("其中在校课后服务中完成 {at_school} 分钟，留给家里 "),
                        format!("Of these, {at_school} min are done at school in the after-school service; left for home: "),
                    ) }
                    <strong>{ lang.minutes(written - at_school) }</strong>
                </p>
            }
            { for order.iter().map(|subject| html! {
                <div class="subject-group">
                    <h3 class="subject-heading">{ lang.subject(subject) }</h3>
                    <ul class="items">
                        { for day.items.iter().filter(|i| i.subject.as_str() == *subject).map(|item| item_row(item, props)) }
                    </ul>
                </div>
            }) }
        </section>
    }
}

fn item_row(item: &Item, props: &TodayListProps) -> Html {
    let lang = props.lang;
    let button = props.on_start.as_ref().map(|cb| {
        let running = props.timing.contains(&item.id);
        let (cb, it) = (cb.clone(), item.clone());
        // The name starts with the visible label, in both states (axe's
        // label-content-name-mismatch: "Timing" read as "Start timer …").
        let label = format!(
            "{} {}",
            lang.text(if running {
                Msg::Timing
            } else {
                Msg::StartTimer
            }),
            item.title.pick(lang.tag())
        );
        html! {
            <button type="button" class="start" disabled={running} aria-label={label}
                onclick={Callback::from(move |_| cb.emit(it.clone()))}>
                { lang.text(if running { Msg::Timing } else { Msg::StartTimer }) }
            </button>
        }
    });
    html! {
        <li class="item" key={item.id.clone()} data-item={item.id.clone()}>
            <span class="subject">{ lang.subject(item.subject.as_str()) }</span>
            <span class="title">{ item.title.pick(lang.tag()) }</span>
            <span class="meta">
                <span class={classes!("kind", format!("kind-{}", item.kind.as_str()))}>{ lang.kind(item.kind) }</span>
                if item.tier == Tier::Optional {
                    <span class="optional">{ lang.text(Msg::Optional) }</span>
                }
                if item.at == At::School {
                    <span class="at-school">{ lang.t("在校完成", "done at school") }</span>
                }
                // Not twice when the title says it already ("课外阅读20分钟").
                if !jianfu_core::text::gives_minutes(item.title.pick(lang.tag()), item.estimated_minutes.get()) {
                    <span class="minutes">{ lang.minutes(u32::from(item.estimated_minutes.get())) }</span>
                }
            </span>
            if let Some(d) = &item.details {
                <span class="details">{ d.pick(lang.tag()) }</span>
            }
            { for button }
        </li>
    }
}

/// Properties of [`DayView`].
#[derive(Properties, PartialEq)]
pub struct DayViewProps {
    /// The date; today when `None`.
    pub date: Option<Date>,
}

/// The "Today" screen (or another day's).
#[function_component]
pub fn DayView(props: &DayViewProps) -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let lang = ctx.lang;
    let today = actions::school_today(&ctx);
    let date = props.date.unwrap_or(today);
    let Some(child) = ctx.children.current().cloned() else {
        return Html::default();
    };
    let grade = child.child.grade;

    let nav = html! {
        <nav class="date-nav" aria-label={lang.text(Msg::ChooseDay)}>
            <Link to={Route::Day(date.add_days(-1))} label={lang.text(Msg::PreviousDay)}>{ "‹" }</Link>
            <h2>
                { if date == today { lang.text(Msg::TodayHeading).to_owned() } else { platform::format_date(date, lang.tag(), true) } }
            </h2>
            <Link to={Route::Day(date.add_days(1))} label={lang.text(Msg::NextDay)}>{ "›" }</Link>
            if date != today { <Link class="to-today" to={Route::Today}>{ lang.text(Msg::BackToToday) }</Link> }
        </nav>
    };
    // Core and optional (选做) written minutes logged: only core counts.
    let (logged, optional) = ctx
        .log
        .data
        .entries
        .iter()
        .filter(|e| e.entry.date == date && e.entry.kind == Kind::Written)
        .fold((0u32, 0u32), |(core, opt), e| match e.entry.tier {
            Tier::Core => (core + e.entry.spent.minutes(), opt),
            Tier::Optional => (core, opt + e.entry.spent.minutes()),
        });
    let kind_notice = lang.day_kind_notice(child.child.rules.day_kind(date));
    let body = match &ctx.feed.feed {
        None => Html::default(),
        Some(feed) => {
            let limit = child.child.rules.written_limit(grade, date);
            let estimated = feed
                .day(date)
                .map_or(0, jianfu_core::feed::Day::written_core_minutes);
            let timing: Rc<Vec<String>> = Rc::new(
                ctx.log
                    .data
                    .timers
                    .iter()
                    .filter_map(|t| t.item.clone())
                    .collect(),
            );
            let on_start = {
                let ctx = ctx.clone();
                Callback::from(move |item: Item| {
                    let ctx = ctx.clone();
                    yew::platform::spawn_local(async move {
                        actions::start_timer(
                            &ctx,
                            date,
                            item.subject.as_str().to_owned(),
                            item.kind,
                            Some((item.id, item.tier, item.at)),
                        )
                        .await;
                    });
                })
            };
            let on_choice = {
                let ctx = ctx.clone();
                Callback::from(move |choice: crate::store::Attendance| {
                    let ctx = ctx.clone();
                    yew::platform::spawn_local(async move {
                        actions::set_attendance(&ctx, choice).await;
                    });
                })
            };
            html! {
                <>
                    if let Some(notice) = kind_notice {
                        <p class="day-kind" role="note">{ notice }</p>
                    }
                    if limit == WrittenLimit::NoneAllowed {
                        <p class="rule-notice" role="note">{ lang.text(Msg::NoWrittenGrades12) }</p>
                    }
                    <LimitBar label={lang.text(Msg::EstimatedWritten)} minutes={estimated} {limit} />
                    <LimitBar label={lang.text(Msg::LoggedWritten)} minutes={logged} {limit} />
                    if optional > 0 {
                        <p class="optional-logged">{ lang.text(Msg::OptionalLogged) }{ ": " }<strong>{ lang.minutes(optional) }</strong></p>
                    }
                    <ServiceCard feed={feed.clone()} {date} {lang} choice={child.after_school.clone()} on_choice={on_choice} />
                    <DaySummary {date} />
                    <TodayList feed={feed.clone()} {date} {lang} on_start={Some(on_start)} {timing} />
                </>
            }
        }
    };
    html! {
        <>
            { nav }
            <FeedStatus />
            { body }
        </>
    }
}

/// The rest of the day against the rules: unfinished work, the night
/// before (sleep and bedtime), and the rules one tap away.
#[derive(Properties, PartialEq)]
struct DaySummaryProps {
    date: Date,
}

#[function_component]
fn DaySummary(props: &DaySummaryProps) -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let lang = ctx.lang;
    let Some(child) = ctx.children.current() else {
        return Html::default();
    };
    let (rules, grade) = (&child.child.rules, child.child.grade);
    let unfinished = ctx
        .log
        .data
        .entries
        .iter()
        .filter(|e| e.entry.date == props.date && !e.entry.finished)
        .count();
    let night = ctx
        .log
        .data
        .nights
        .iter()
        .find(|n| n.night_of() == props.date.add_days(-1));
    let required = rules.sleep_minutes(grade);
    let latest = rules.latest_bedtime(grade);
    html! {
        <div class="card day-summary">
            <p>{ lang.unfinished_count(unfinished) }</p>
            <p>
                { lang.text(Msg::LastNight) }{ ": " }
                { match night {
                    None => lang.text(Msg::NotLogged).to_owned(),
                    Some(n) => {
                        let mut t = format!("{} ({})", lang.hours_minutes(n.sleep_minutes()),
                            lang.text(if n.sleep_minutes() < u32::from(required) { Msg::SleepShort } else { Msg::SleepEnough }));
                        if n.late_by(latest) > 0 {
                            t.push_str(" · ");
                            t.push_str(&lang.late_by(n.late_by(latest)));
                        }
                        t
                    }
                } }
            </p>
            <details class="rules">
                <summary>{ lang.text(Msg::RulesSummary) }</summary>
                <p>{ lang.text(Msg::RulesHomework) }</p>
                <p>{ lang.sleep_rule(required, &latest.to_string()) }</p>
            </details>
        </div>
    }
}
