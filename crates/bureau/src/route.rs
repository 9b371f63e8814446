//! The page's routes, in the location hash.

/// Every screen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Route {
    /// The case list (reports).
    #[default]
    Cases,
    /// One case, laid out for printing.
    Case(String),
    /// Survey results.
    Surveys,
    /// The monitoring report.
    Monitor,
}

impl Route {
    /// Reads `#/case/ID` and the like; anything unknown is the case list.
    pub fn from_hash(hash: &str) -> Self {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let mut parts = path.splitn(2, '/');
        match (parts.next(), parts.next()) {
            (Some("case"), Some(id)) if !id.is_empty() => Self::Case(id.to_owned()),
            (Some("surveys"), _) => Self::Surveys,
            (Some("monitor"), _) => Self::Monitor,
            _ => Self::Cases,
        }
    }

    /// The hash for this route.
    pub fn to_hash(&self) -> String {
        match self {
            Self::Cases => "#/cases".into(),
            Self::Case(id) => format!("#/case/{id}"),
            Self::Surveys => "#/surveys".into(),
            Self::Monitor => "#/monitor".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_round_trip() {
        for r in [
            Route::Cases,
            Route::Case("AbC-_12".into()),
            Route::Surveys,
            Route::Monitor,
        ] {
            assert_eq!(Route::from_hash(&r.to_hash()), r);
        }
        assert_eq!(Route::from_hash("#/case/"), Route::Cases);
        assert_eq!(Route::from_hash(""), Route::Cases);
    }
}
