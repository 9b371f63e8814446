//! The bureau page's screens. Reports state lives in one place,
//! [`crate::state::Desk`], reached through [`Ctx`]; the survey and
//! monitoring screens hold what they load themselves (nothing of theirs
//! is stored).

mod app;
mod cases;
mod key;
mod monitor;
mod sources;
mod surveys;

pub use app::{App, Ctx, use_ctx};
pub use cases::{CaseBody, CaseCard, CasePage, CasesPage};
pub use key::KeyPanel;
pub use monitor::MonitorPage;
pub use sources::LoadReports;
pub use surveys::SurveysPage;
