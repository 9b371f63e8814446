//! The studio's frame: loads the saved draft, saves every change, owns the
//! route and the language, and shows the screen of the route.

use jianfu_core::time::TimeZone;
use jianfu_core::{Date, Instant};
use jianfu_ui::{Frame, NavLink, use_opened_store, use_page, use_page_context};
use yew::prelude::*;

use super::{Notice, PublishPage, ReviewPage, SetupPage, WeekPage};
use crate::i18n::Lang;
use crate::route::Route;
use crate::state::{self, Change, Saved, Studio};

/// What every screen reads: the state handle, the language, the route and
/// today's date in the school's timezone.
#[derive(Clone, PartialEq)]
pub struct Ctx {
    /// The one state owner.
    pub studio: UseReducerHandle<Studio>,
    /// The page's language.
    pub lang: Lang,
    /// The current screen.
    pub route: Route,
    /// Today, in the school's timezone.
    pub today: Date,
}

impl Ctx {
    /// Applies a change.
    pub fn change(&self, change: Change) {
        self.studio.dispatch(change);
    }

    /// The instant a publish is stamped with, in the school's timezone.
    pub fn now(&self) -> Instant {
        let tz = TimeZone::by_name(&self.studio.draft.setup.timezone).unwrap_or_default();
        let now = jianfu_web::now();
        Instant::from_unix(now.unix_seconds(), tz.offset_minutes())
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

/// The studio.
#[function_component]
pub fn App() -> Html {
    let studio = use_reducer(Studio::default);
    let load_error = use_state(|| None::<String>);
    let (lang, route, toggle) = use_page(Route::from_hash);
    let db = {
        let (studio, load_error) = (studio.clone(), load_error.clone());
        use_opened_store(move || async move {
            let opened = state::open().await;
            match state::load(&opened).await {
                Ok(Some((draft, pending))) => {
                    studio.dispatch(Change::Loaded(Some(draft), pending));
                }
                Ok(None) => studio.dispatch(Change::Loaded(None, None)),
                // A damaged record is left in place (not overwritten by
                // an empty draft) and the page says so.
                Err(e) => {
                    load_error.set(Some(e));
                    return None;
                }
            }
            Some(opened)
        })
    };
    {
        // Every revision is stored; the save state is shown in the header.
        let (studio, db) = (studio.clone(), db.clone());
        use_effect_with((studio.revision, db.is_some()), move |(revision, _)| {
            let revision = *revision;
            if let Some(db) = (*db).clone()
                && revision > 0
            {
                let draft = studio.draft.clone();
                let pending = studio.pending.clone();
                yew::platform::spawn_local(async move {
                    let saved = match state::save(&db, &draft, pending.as_ref()).await {
                        Ok(()) => Saved::Stored(revision),
                        Err(e) => Saved::Failed(e.to_string()),
                    };
                    studio.dispatch(Change::Saved(saved));
                });
            }
        });
    }

    let tz = TimeZone::by_name(&studio.draft.setup.timezone).unwrap_or_default();
    let today = tz.date_of(jianfu_web::now());
    let ctx = Ctx {
        studio: studio.clone(),
        lang: *lang,
        route: *route,
        today,
    };
    let l = *lang;
    let body = if let Some(e) = &*load_error {
        html! {
            <div class="error" role="alert">
                <p>{ l.t("本设备上保存的草稿无法读取，已原样保留，未被覆盖。", "The draft saved on this device cannot be read; it is kept as it was, not overwritten.") }</p>
                <p class="detail">{ e.clone() }</p>
            </div>
        }
    } else if !studio.loaded {
        html! { <p class="status" role="status">{ l.t("正在打开草稿…", "Opening the draft…") }</p> }
    } else {
        match *route {
            Route::Week => html! { <WeekPage monday={today.iso_week().monday()} /> },
            Route::WeekOf(d) => html! { <WeekPage monday={d.iso_week().monday()} /> },
            Route::Setup => html! { <SetupPage /> },
            Route::Publish => html! { <PublishPage /> },
            Route::Notice(d) => {
                html! { <Notice monday={d.unwrap_or(today).iso_week().monday()} /> }
            }
            Route::Review => html! { <ReviewPage /> },
        }
    };
    let saved = match &studio.saved {
        Saved::Unchanged => html! {},
        // A newer revision than the one stored is still on its way: the
        // line says so, so that "saved" always means the latest keystroke.
        Saved::Stored(r) if *r == studio.revision => {
            html! { { l.t("已自动保存在本设备", "Saved on this device") } }
        }
        Saved::Stored(_) => html! { { l.t("正在保存…", "Saving…") } },
        Saved::Failed(e) => html! {
            <span class="save-failed">{ l.f(format!("未能保存：{e}"), format!("Not saved: {e}")) }</span>
        },
    };
    let nav = [
        (Route::Week, l.t("每周作业", "Week plan")),
        (Route::Setup, l.t("学校与班级", "School and class")),
        (Route::Publish, l.t("发布与打印", "Publish and print")),
        (Route::Review, l.t("年级组审核", "Grade review")),
    ];
    let current = match *route {
        Route::WeekOf(_) => Route::Week,
        Route::Notice(_) => Route::Publish,
        r => r,
    };
    let nav = NavLink::all(&nav, &current, |r| r.to_hash());
    html! {
        <ContextProvider<Ctx> context={ctx}>
            <Frame lang={l} title={l.t("减负 · 作业公示工作台", "Jianfu · Homework studio")}
                nav_label={l.t("工作台", "Studio")} {nav} on_toggle={toggle}
                status={html! { <p class="save-state no-print" role="status">{ saved }</p> }}>
                { body }
            </Frame>
        </ContextProvider<Ctx>>
    }
}
