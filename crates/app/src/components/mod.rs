//! The app's components. Each fits on a screen; state lives in the
//! component that owns the concern and flows down as props.

mod app;
mod today;

pub use app::{App, AppProps, DEMO_FEED, FeedState};
pub use today::{TodayList, TodayListProps};
