//! The app's components. Each fits on a screen and owns no data of its
//! own beyond form fields: shared state comes from [`crate::state::AppCtx`].

pub(crate) mod app;
mod children;
mod common;
mod data;
mod link;
mod log;
mod month;
mod more;
mod outbox;
mod report;
mod service;
mod share;
mod shell;
mod sleep;
mod surveys;
mod timers;
mod today;
mod week;
mod widget;

pub use app::{App, AppProps, DEMO_FEED, Root, RootProps, Scope, use_app_ctx};
pub use children::{ChildForm, ChildrenView, first_run};
pub use common::{FeedStatus, LimitBar};
pub use data::{DataView, ImportCard};
pub use link::{Link, LinkProps};
pub use log::{EntryForm, LogView};
pub use month::MonthView;
pub use more::{BADGE_WIRE, MoreApp, MoreHost, MoreProps};
pub use outbox::{OutboxRunner, OutboxView, use_outbox, use_outbox_ctx};
pub use report::ReportView;
pub use service::{ServiceCard, ServiceCardProps};
pub use share::ShareFigure;
pub use shell::{Shell, Splash, handed_notice};
pub use sleep::SleepView;
pub use surveys::{SURVEY_MAX_BYTES, SurveyForm, SurveysView};
pub use timers::{TimerPanel, clock};
pub use today::{DayView, TodayList, TodayListProps};
pub use week::WeekView;
pub use widget::{WIDGET_DB, Widget, WidgetProps, WidgetView};
