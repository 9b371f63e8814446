//! The studio's routes, in the location hash (works from any static host
//! and offline, as in the parent app).

use jianfu_core::Date;

/// Every screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Route {
    /// The week planner, on the week of a date (this week when `None`).
    #[default]
    Week,
    /// The planner on the week of a date.
    WeekOf(Date),
    /// School and class set-up, import.
    Setup,
    /// Publish: the feed file, its verdicts.
    Publish,
    /// The printable notice of the week of a date.
    Notice(Option<Date>),
    /// The grade group's review.
    Review,
}

impl Route {
    /// Reads `#/week/2026-11-23` and the like; anything unknown is the week.
    pub fn from_hash(hash: &str) -> Self {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let mut parts = path.split('/');
        let date = |p: Option<&str>| p.and_then(|d| Date::parse(d).ok());
        match parts.next() {
            Some("setup") => Self::Setup,
            Some("publish") => Self::Publish,
            Some("notice") => Self::Notice(date(parts.next())),
            Some("review") => Self::Review,
            Some("week") => date(parts.next()).map_or(Self::Week, Self::WeekOf),
            _ => Self::Week,
        }
    }

    /// The hash for this route.
    pub fn to_hash(self) -> String {
        match self {
            Self::Week => "#/week".into(),
            Self::WeekOf(d) => format!("#/week/{d}"),
            Self::Setup => "#/setup".into(),
            Self::Publish => "#/publish".into(),
            Self::Notice(None) => "#/notice".into(),
            Self::Notice(Some(d)) => format!("#/notice/{d}"),
            Self::Review => "#/review".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_round_trip() {
        let Ok(monday) = Date::parse("2026-11-23") else {
            panic!("a date")
        };
        let d = Some(monday);
        for r in [
            Route::Week,
            Route::WeekOf(monday),
            Route::Setup,
            Route::Publish,
            Route::Notice(None),
            Route::Notice(d),
            Route::Review,
        ] {
            assert_eq!(Route::from_hash(&r.to_hash()), r);
        }
        assert_eq!(Route::from_hash("#/nonsense"), Route::Week);
        assert_eq!(Route::from_hash("#/week/2026-13-01"), Route::Week);
    }
}
