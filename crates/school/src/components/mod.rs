//! The studio's screens. Each owns only its form fields; the draft lives in
//! one place, [`crate::state::Studio`], reached through [`Ctx`].

mod app;
mod day;
mod item_form;
mod notice;
mod publish;
mod review;
mod service;
mod setup;
mod week;

pub use app::{App, Ctx, use_ctx};
pub use day::{DayCard, Verdict, VerdictProps, day_title};
pub use item_form::ItemForm;
pub use notice::{Notice, QrCode};
pub use publish::PublishPage;
pub use review::ReviewPage;
pub use service::ServiceForm;
pub use setup::SetupPage;
pub use week::WeekPage;
