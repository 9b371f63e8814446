//! The embeddable widget: the same screens for one class feed, inside a
//! school portal's page. It keeps its own screen (never the portal's URL),
//! stores logs in the portal origin's IndexedDB under its own database, and
//! never shows the report form or a survey form in the portal's page: the
//! portal controls that page's scripts and storage, so it could read what a
//! parent types and link answers to logged-in parents. Both views open the
//! app at the deploying bureau's origin instead (formats.md §6), never a
//! page named by the feed; the widget has no outbox at all.

use yew::prelude::*;

use super::app::{Scope, use_app_ctx};
use super::{DayView, LogView, TimerPanel, WeekView};
use crate::bureaus;
use crate::i18n::AppLang;
use crate::i18n::{Lang, MoreMsg, Msg};
use crate::platform;
use crate::route::Route;
use crate::state::{AppCtx, ChildrenAction, FeedProblem, FeedView};
use crate::store::{ChildRecord, Store};

/// The widget's database: apart from a standalone app on the same origin.
pub const WIDGET_DB: &str = "jianfu-widget";

/// The `view` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WidgetView {
    /// Today's homework.
    #[default]
    Today,
    /// The log.
    Log,
    /// The week.
    Week,
    /// Surveys (open the app).
    Survey,
    /// Reporting (opens the bureau's page).
    Report,
}

impl WidgetView {
    /// Reads the attribute; anything else is `today`.
    pub fn parse(s: &str) -> Self {
        match s {
            "log" => Self::Log,
            "week" => Self::Week,
            "survey" => Self::Survey,
            "report" => Self::Report,
            _ => Self::Today,
        }
    }

    fn route(self) -> Route {
        match self {
            Self::Today => Route::Today,
            Self::Log => Route::Log(None),
            Self::Week => Route::Week(None),
            Self::Survey => Route::Surveys,
            Self::Report => Route::Report,
        }
    }
}

/// Properties of [`Widget`].
#[derive(Properties, PartialEq, Clone)]
pub struct WidgetProps {
    /// Absolute URL of the class feed.
    pub feed: AttrValue,
    /// Language.
    pub lang: Lang,
    /// The first screen.
    pub view: WidgetView,
}

/// The widget: storage first, then the class.
#[function_component]
pub fn Widget(props: &WidgetProps) -> Html {
    match super::app::use_store(WIDGET_DB) {
        None => {
            html! { <div class="widget"><p class="status" role="status">{ props.lang.text(Msg::Loading) }</p></div> }
        }
        Some(store) => html! { <WidgetRoot {store} props={props.clone()} /> },
    }
}

#[derive(Properties, PartialEq)]
struct WidgetRootProps {
    store: Store,
    props: WidgetProps,
}

/// A stable id for the child of a feed (key prefixes must not contain `/`).
fn child_id(feed: &str) -> String {
    let h = feed.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("w{h:016x}")
}

#[function_component]
fn WidgetRoot(p: &WidgetRootProps) -> Html {
    let props = &p.props;
    let ctx = use_app_ctx(&p.store, props.lang, Scope::Widget(props.view.route()));
    // The host page sets the language (`WidgetHandle::set_lang`).
    let ctx = AppCtx {
        lang: props.lang,
        set_lang: Callback::noop(),
        ..ctx
    };
    {
        let navigate = ctx.navigate.clone();
        use_effect_with(props.view, move |v| navigate.emit(v.route()));
    }
    // The class's child: made from the feed (grade, rules), kept so logs attach to it.
    {
        let ctx = ctx.clone();
        use_effect_with(props.feed.clone(), move |url| {
            let url = url.to_string();
            yew::platform::spawn_local(async move {
                let id = child_id(&url);
                let existing = ctx
                    .store
                    .children()
                    .await
                    .unwrap_or_default()
                    .into_iter()
                    .find(|c| c.id == id);
                let record = if let Some(c) = existing {
                    c
                } else {
                    {
                        // The first visit needs the feed: it tells the grade and the rules.
                        let parsed = match platform::fetch_text(&url).await {
                            Ok(t) => jianfu_core::Feed::parse(&t)
                                .map_err(|p| FeedProblem::Invalid(p.to_string())),
                            Err(e) => Err(FeedProblem::from_fetch(&e)),
                        };
                        let f = match parsed {
                            Ok(f) => f,
                            Err(problem) => {
                                ctx.feed.set(FeedView {
                                    url: url.clone(),
                                    problem: Some(problem),
                                    ..FeedView::default()
                                });
                                return;
                            }
                        };
                        let record = ChildRecord {
                            id: id.clone(),
                            child: jianfu_core::log::Child {
                                nickname: None,
                                grade: f.class.grade,
                                rules: f.school.rules,
                            },
                            feed: url.clone(),
                            after_school: crate::store::Attendance::default(),
                        };
                        let _ = ctx.store.put_child(&record).await;
                        record
                    }
                };
                // Selecting it loads its records and feed (`use_app_ctx`).
                ctx.children
                    .dispatch(ChildrenAction::Loaded(vec![record], Some(id)));
            });
        });
    }
    let lang = props.lang;
    let class_name = ctx
        .feed
        .feed
        .as_ref()
        .map(|f| f.class.name.pick(lang.tag()).to_owned())
        .unwrap_or_default();
    let screen = if ctx.children.current().is_none() {
        html! { <><super::FeedStatus /><p class="status" role="status">{ lang.text(Msg::Loading) }</p></> }
    } else {
        match ctx.route {
            Route::Day(d) => html! { <DayView date={Some(d)} /> },
            Route::Log(d) => html! { <LogView date={d} /> },
            Route::Week(d) => html! { <WeekView date={d} /> },
            Route::Surveys | Route::Survey(_) | Route::Outbox => {
                html! { <ElsewhereView hash="#/surveys" /> }
            }
            Route::Report => html! { <ElsewhereView hash="#/report" /> },
            _ => html! { <DayView date={None::<jianfu_core::Date>} /> },
        }
    };
    let r = ctx.route;
    let tab = |to: Route, label: &'static str, on: bool| {
        html! {
            <super::Link {to} class={classes!("tab", on.then_some("active"))} current={on}>{ label }</super::Link>
        }
    };
    html! {
        <ContextProvider<AppCtx> context={ctx}>
            <div class="widget" lang={lang.tag()}>
                <header class="widget-header"><strong>{ lang.text(Msg::AppName) }</strong>{ " · " }{ class_name }</header>
                <TimerPanel />
                <div class="widget-main">{ screen }</div>
                <nav class="widget-nav" aria-label={lang.text(Msg::Navigation)}>
                    { tab(Route::Today, lang.text(Msg::TabToday), matches!(r, Route::Today | Route::Day(_))) }
                    { tab(Route::Log(None), lang.text(Msg::TabLog), matches!(r, Route::Log(_))) }
                    { tab(Route::Week(None), lang.text(Msg::TabWeek), matches!(r, Route::Week(_))) }
                    { tab(Route::Surveys, lang.text(MoreMsg::SurveysHeading), matches!(r, Route::Surveys | Route::Survey(_) | Route::Outbox)) }
                    { tab(Route::Report, lang.text(MoreMsg::ReportHeading), r == Route::Report) }
                </nav>
            </div>
        </ContextProvider<AppCtx>>
    }
}

/// Properties of [`ElsewhereView`].
#[derive(Properties, PartialEq)]
struct ElsewhereProps {
    /// The app's screen: `#/report` or `#/surveys`.
    hash: &'static str,
}

/// The widget's report and survey views: say why the form is not here and
/// open the app at the bureau's origin, for this class, in a new tab.
#[function_component]
fn ElsewhereView(p: &ElsewhereProps) -> Html {
    let ctx = use_context::<AppCtx>().expect("AppCtx");
    let lang = ctx.lang;
    let report = p.hash == "#/report";
    let page = bureaus::app_page(ctx.feed.feed.as_deref(), &ctx.feed.url, p.hash).map(|page| {
        let (school, class) = ctx
            .feed
            .feed
            .as_ref()
            .map(|f| (f.school.id.clone(), f.class.id.clone()))
            .unwrap_or_default();
        platform::with_query(
            &page,
            &[
                ("feed", ctx.feed.url.as_str()),
                ("school", &school),
                ("class", &class),
            ],
        )
    });
    let (heading, why, open) = if report {
        (
            MoreMsg::ReportHeading,
            MoreMsg::WidgetReportWhy,
            MoreMsg::OpenBureauPage,
        )
    } else {
        (
            MoreMsg::SurveysHeading,
            MoreMsg::WidgetSurveyWhy,
            MoreMsg::OpenSurveysInApp,
        )
    };
    html! {
        <section class={if report { "report" } else { "surveys" }}>
            <h2>{ lang.text(heading) }</h2>
            <p>{ lang.text(why) }</p>
            if let Some(url) = page {
                <a class="button primary" href={url} target="_blank" rel="noopener noreferrer">{ lang.text(open) }</a>
            } else {
                <p class="status">{ lang.text(MoreMsg::NoReportAddress) }</p>
            }
        </section>
    }
}
