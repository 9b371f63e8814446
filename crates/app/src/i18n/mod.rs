//! The language catalogue: every string a component shows comes from here.
//!
//! One file per language, each an exhaustive `match` over [`Msg`], so a
//! message missing from a language is a compile error, not a blank on a
//! parent's screen. Text from feeds (titles, school names) is not here: it
//! is picked by [`jianfu_core::Text::pick`] with [`Lang::tag`].

mod en;
mod zh_cn;

use jianfu_core::feed::Kind;

/// A language the app speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// 简体中文, the default.
    #[default]
    ZhCn,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Self::ZhCn => "zh-CN",
            Self::En => "en",
        }
    }

    /// The app's language for a tag such as `navigator.language`: English
    /// for any `en-*`, Chinese otherwise (the app's audience).
    pub fn from_tag(tag: &str) -> Self {
        if tag.eq_ignore_ascii_case("en") || tag.to_ascii_lowercase().starts_with("en-") {
            Self::En
        } else {
            Self::ZhCn
        }
    }

    /// The catalogue entry for `msg`.
    pub fn text(self, msg: Msg) -> &'static str {
        match self {
            Self::ZhCn => zh_cn::text(msg),
            Self::En => en::text(msg),
        }
    }

    /// "20 分钟" / "20 min".
    pub fn minutes(self, n: u32) -> String {
        match self {
            Self::ZhCn => format!("{n} 分钟"),
            Self::En => format!("{n} min"),
        }
    }

    /// The name of a homework kind.
    pub fn kind(self, kind: Kind) -> &'static str {
        self.text(match kind {
            Kind::Written => Msg::KindWritten,
            Kind::Reading => Msg::KindReading,
            Kind::Oral => Msg::KindOral,
            Kind::Physical => Msg::KindPhysical,
            Kind::Art => Msg::KindArt,
            Kind::Labor => Msg::KindLabor,
            Kind::Inquiry => Msg::KindInquiry,
            Kind::Other => Msg::KindOther,
        })
    }

    /// The name of a subject code; unknown codes are shown as written.
    pub fn subject(self, code: &str) -> &str {
        match self {
            Self::ZhCn => zh_cn::subject(code),
            Self::En => en::subject(code),
        }
        .unwrap_or(code)
    }
}

/// Every fixed string of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    /// The app's name in the header.
    AppName,
    /// Heading of today's homework.
    TodayHeading,
    /// While the feed loads.
    Loading,
    /// The feed could not be fetched.
    FeedUnreachable,
    /// The feed was fetched but is not a valid `jianfu.feed/1`.
    FeedInvalid,
    /// Nothing published for today.
    NoHomeworkToday,
    /// Label before the estimated written total.
    WrittenTotal,
    /// Marks an optional item.
    Optional,
    /// Kind names.
    KindWritten,
    /// Kind names.
    KindReading,
    /// Kind names.
    KindOral,
    /// Kind names.
    KindPhysical,
    /// Kind names.
    KindArt,
    /// Kind names.
    KindLabor,
    /// Kind names.
    KindInquiry,
    /// Kind names.
    KindOther,
}
