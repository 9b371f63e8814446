//! The app's routes: one enum, typed parameters, parsed from and written to
//! the location hash (hash routes work from any static host and offline).
//! A hand-written router instead of yew-router: ten lines of matching
//! instead of a dependency in every parent's download.

use jianfu_core::Date;

/// Every screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Route {
    /// The day's homework (today when `None`).
    #[default]
    Today,
    /// Another day's homework.
    Day(Date),
    /// Logged time for a day, manual entry and editing.
    Log(Option<Date>),
    /// Nights.
    Sleep,
    /// The week containing a date (this week when `None`).
    Week(Option<Date>),
    /// The month containing a date (this month when `None`).
    Month(Option<Date>),
    /// Add and manage children.
    Children,
    /// Export, import, delete, and links to everything else.
    Data,
    /// The school's surveys.
    Surveys,
    /// One survey, by its place in the feed's list.
    Survey(usize),
    /// A tip-off report to the bureau.
    Report,
    /// What waits to be sent.
    Outbox,
    /// A printed invitation's link, `#/invite/{survey address}/{code}`:
    /// the survey with its code filled in. The screen reads both from the
    /// hash, so that the route stays a plain value.
    Invite,
}

impl Route {
    /// Reads a hash such as `#/week/2026-11-23`; anything unknown is `Today`.
    pub fn from_hash(hash: &str) -> Self {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let mut parts = path.split('/');
        let first = parts.next().unwrap_or("");
        let date = parts.next().and_then(|d| Date::parse(d).ok());
        match first {
            "day" => date.map_or(Self::Today, Self::Day),
            "log" => Self::Log(date),
            "sleep" => Self::Sleep,
            "week" => Self::Week(date),
            "month" => Self::Month(date),
            "children" => Self::Children,
            "data" => Self::Data,
            "surveys" => Self::Surveys,
            "survey" => path
                .split('/')
                .nth(1)
                .and_then(|n| n.parse().ok())
                .map_or(Self::Surveys, Self::Survey),
            "report" => Self::Report,
            "outbox" => Self::Outbox,
            "invite" => Self::Invite,
            _ => Self::Today,
        }
    }

    /// Whether this screen's code is in the second module, loaded after
    /// the app is up (see `components::MoreHost`): everything but the
    /// day's homework with its timers. (The first visit's welcome form is
    /// the app's own; the children screen only shows once there is one.)
    pub const fn is_lazy(self) -> bool {
        !matches!(self, Self::Today | Self::Day(_))
    }

    /// The hash for this route.
    pub fn to_hash(self) -> String {
        match self {
            Self::Today => "#/".to_owned(),
            Self::Day(d) => format!("#/day/{d}"),
            Self::Log(None) => "#/log".to_owned(),
            Self::Log(Some(d)) => format!("#/log/{d}"),
            Self::Sleep => "#/sleep".to_owned(),
            Self::Week(None) => "#/week".to_owned(),
            Self::Week(Some(d)) => format!("#/week/{d}"),
            Self::Month(None) => "#/month".to_owned(),
            Self::Month(Some(d)) => format!("#/month/{d}"),
            Self::Children => "#/children".to_owned(),
            Self::Data => "#/data".to_owned(),
            Self::Surveys => "#/surveys".to_owned(),
            Self::Survey(i) => format!("#/survey/{i}"),
            Self::Report => "#/report".to_owned(),
            Self::Outbox => "#/outbox".to_owned(),
            Self::Invite => "#/invite".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let d = Date::parse("2026-11-23").unwrap();
        for r in [
            Route::Today,
            Route::Day(d),
            Route::Log(None),
            Route::Log(Some(d)),
            Route::Sleep,
            Route::Week(None),
            Route::Week(Some(d)),
            Route::Month(None),
            Route::Month(Some(d)),
            Route::Children,
            Route::Data,
            Route::Surveys,
            Route::Survey(2),
            Route::Report,
            Route::Outbox,
        ] {
            assert_eq!(Route::from_hash(&r.to_hash()), r);
        }
        assert_eq!(Route::from_hash("#/nonsense"), Route::Today);
        assert_eq!(Route::from_hash("#/day/2026-02-30"), Route::Today);
        assert_eq!(Route::from_hash(""), Route::Today);
    }

    #[test]
    fn the_first_visit_screens_are_not_lazy() {
        let d = Date::parse("2026-11-23").unwrap();
        for r in [Route::Today, Route::Day(d)] {
            assert!(!r.is_lazy(), "{r:?}");
        }
        for r in [
            Route::Children,
            Route::Log(None),
            Route::Sleep,
            Route::Week(Some(d)),
            Route::Month(Some(d)),
            Route::Data,
            Route::Surveys,
            Route::Survey(0),
            Route::Report,
            Route::Outbox,
        ] {
            assert!(r.is_lazy(), "{r:?}");
        }
    }
}
