//! The two languages of the pages written as pairs (the school studio, the
//! bureau's page): every string is given as `lang.t("中文", "English")`, so
//! a string cannot be added in one language only. zh-CN is the default;
//! English follows the browser or the page's toggle. (The parent app keeps
//! its own catalogue per language, `Msg`, for its many more screens.)

/// A language a page speaks.
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

    /// English for any `en-*` tag, Chinese otherwise.
    pub fn from_tag(tag: &str) -> Self {
        if tag.to_ascii_lowercase().starts_with("en") {
            Self::En
        } else {
            Self::ZhCn
        }
    }

    /// The other language (the header's toggle).
    #[must_use]
    pub fn other(self) -> Self {
        match self {
            Self::ZhCn => Self::En,
            Self::En => Self::ZhCn,
        }
    }

    /// The string in this language.
    pub fn t(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Self::ZhCn => zh,
            Self::En => en,
        }
    }

    /// The same, for formatted strings.
    pub fn f(self, zh: String, en: String) -> String {
        match self {
            Self::ZhCn => zh,
            Self::En => en,
        }
    }

    /// What the browser prefers: English for `en-*`, Chinese otherwise.
    pub fn of_browser() -> Self {
        crate::browser_language().map_or(Self::ZhCn, |t| Self::from_tag(&t))
    }

    /// "N 分钟" / "N min".
    pub fn minutes(self, n: u32) -> String {
        self.f(format!("{n} 分钟"), format!("{n} min"))
    }

    /// "4 年级" / "Grade 4".
    pub fn grade(self, g: u8) -> String {
        self.f(format!("{g} 年级"), format!("Grade {g}"))
    }
}
