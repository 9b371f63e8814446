//! The page's frame: reads the stored cases, owns the route, the language
//! and the key's state, and shows the screen of the route.

use jianfu_core::{Date, TimeZone};
use jianfu_ui::{Frame, NavLink, use_opened_store, use_page, use_page_context};
use jianfu_web::Lang;
use jianfu_web::idb::Db;
use yew::prelude::*;

use super::{CasePage, CasesPage, MonitorPage, SurveysPage};
use crate::route::Route;
use crate::state::{self, Change, Desk};

/// What every screen reads.
#[derive(Clone, PartialEq)]
pub struct Ctx {
    /// The reports' state.
    pub desk: UseReducerHandle<Desk>,
    /// The database, once open.
    pub db: Option<Db>,
    /// The page's language.
    pub lang: Lang,
    /// Today, in China Standard Time (the bureaus' time zone).
    pub today: Date,
    /// The inbox's admin token as typed: in this page's memory only,
    /// shared by the reports' and the surveys' exports.
    pub token: UseStateHandle<String>,
}

impl Ctx {
    /// Applies a change.
    pub fn change(&self, change: Change) {
        self.desk.dispatch(change);
    }
}

/// The context of every screen.
///
/// # Panics
/// Never inside [`App`], which provides it.
#[hook]
pub fn use_ctx() -> Ctx {
    use_page_context()
}

/// The bureau's page.
#[function_component]
pub fn App() -> Html {
    let desk = use_reducer(Desk::default);
    let problem = use_state(|| None::<String>);
    let (lang, route, toggle) = use_page(Route::from_hash);
    let token = use_state(String::new);
    let db = {
        let (desk, problem) = (desk.clone(), problem.clone());
        use_opened_store(move || async move {
            let opened = state::open().await;
            match state::load(&opened).await {
                Ok((cases, damaged)) => {
                    if !damaged.is_empty() {
                        problem.set(Some(damaged.join("; ")));
                    }
                    desk.dispatch(Change::Loaded(cases));
                }
                Err(e) => {
                    problem.set(Some(e.to_string()));
                    desk.dispatch(Change::Loaded(Vec::new()));
                }
            }
            Some(opened)
        })
    };
    let l = *lang;
    let today = TimeZone::default().date_of(jianfu_web::now());
    let ctx = Ctx {
        desk: desk.clone(),
        db: (*db).clone(),
        lang: l,
        today,
        token,
    };
    let body = if desk.loaded {
        match &*route {
            Route::Cases => html! { <CasesPage /> },
            Route::Case(id) => html! { <CasePage id={id.clone()} /> },
            Route::Surveys => html! { <SurveysPage /> },
            Route::Monitor => html! { <MonitorPage /> },
        }
    } else {
        html! { <p class="status" role="status">{ l.t("正在打开…", "Opening…") }</p> }
    };
    let nav = [
        (Route::Cases, l.t("举报受理", "Reports")),
        (Route::Surveys, l.t("问卷结果", "Surveys")),
        (Route::Monitor, l.t("作业监测报告", "Monitoring report")),
    ];
    let current = match &*route {
        Route::Case(_) => Route::Cases,
        r => r.clone(),
    };
    let nav = NavLink::all(&nav, &current, Route::to_hash);
    let problem = (*problem).clone().map(|p| html! {
        <p class="error no-print" role="alert">
            { l.f(format!("本设备上的部分记录无法读取，已原样保留：{p}"), format!("Some records on this device cannot be read; they are kept as they are: {p}")) }
        </p>
    });
    html! {
        <ContextProvider<Ctx> context={ctx}>
            <Frame lang={l} title={l.t("减负 · 教育局工作台", "Jianfu · Bureau desk")} class="bureau"
                nav_label={l.t("工作台", "Desk")} {nav} on_toggle={toggle}
                status={problem.unwrap_or_default()}>
                { body }
            </Frame>
        </ContextProvider<Ctx>>
    }
}
