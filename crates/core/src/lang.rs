//! The two languages Jianfu speaks, and the domain words every end shows
//! (grades, subjects, days, durations), in one place: the parent app, the
//! school studio, the bureau desk and the CLI all use this [`Lang`]. Three
//! copies once disagreed (`"eng"` was English in one and Chinese in
//! another; grade 10 was "10 年级" in one and "高一" in another).
//!
//! Strings are given as pairs, `lang.t("中文", "English")`, so one cannot
//! be added in one language only. zh-CN is the default.

use crate::calendar::DayKind;

/// A language a page or the CLI speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    /// 简体中文, the default.
    #[default]
    ZhCn,
    /// English.
    En,
}

impl Lang {
    /// Both, in the order a language switch lists them.
    pub const ALL: [Self; 2] = [Self::ZhCn, Self::En];

    /// The BCP 47 tag.
    #[must_use]
    pub fn tag(self) -> &'static str {
        match self {
            Self::ZhCn => "zh-CN",
            Self::En => "en",
        }
    }

    /// The language of a BCP 47 tag such as `navigator.language`: English
    /// for `en` and `en-*` (any case), Chinese for anything else, the
    /// audience's language (`eng` is not a BCP 47 tag for English).
    #[must_use]
    pub fn from_tag(tag: &str) -> Self {
        let tag = tag.trim().to_ascii_lowercase();
        if tag == "en" || tag.starts_with("en-") || tag.starts_with("en_") {
            Self::En
        } else {
            Self::ZhCn
        }
    }

    /// The other language (a page's toggle).
    #[must_use]
    pub fn other(self) -> Self {
        match self {
            Self::ZhCn => Self::En,
            Self::En => Self::ZhCn,
        }
    }

    /// The string in this language.
    #[must_use]
    pub fn t<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Self::ZhCn => zh,
            Self::En => en,
        }
    }

    /// The same, for formatted strings.
    #[must_use]
    pub fn f(self, zh: String, en: String) -> String {
        match self {
            Self::ZhCn => zh,
            Self::En => en,
        }
    }

    /// "20 分钟" / "20 min".
    #[must_use]
    pub fn minutes(self, n: u32) -> String {
        self.f(format!("{n} 分钟"), format!("{n} min"))
    }

    /// "8 小时 50 分" / "8 h 50 min".
    #[must_use]
    pub fn hours_minutes(self, minutes: u32) -> String {
        let (h, m) = (minutes / 60, minutes % 60);
        self.f(format!("{h} 小时 {m} 分"), format!("{h} h {m} min"))
    }

    /// "4 年级" / "Grade 4"; 10–12 as senior high ("高一").
    #[must_use]
    pub fn grade(self, g: u8) -> String {
        match (self, g) {
            (Self::ZhCn, 10..) => format!(
                "高{}",
                ["一", "二", "三"][usize::from(g.saturating_sub(10).min(2))]
            ),
            (Self::ZhCn, _) => format!("{g} 年级"),
            (Self::En, _) => format!("Grade {g}"),
        }
    }

    /// A subject code's name (formats.md §1), or the code as written.
    #[must_use]
    pub fn subject(self, code: &str) -> &str {
        let (zh, en) = match code {
            "chinese" => ("语文", "Chinese"),
            "math" => ("数学", "Maths"),
            "english" => ("英语", "English"),
            "science" => ("科学", "Science"),
            "morality" => ("道德与法治", "Morality and law"),
            "pe" => ("体育", "PE"),
            "music" => ("音乐", "Music"),
            "art" => ("美术", "Art"),
            "labor" => ("劳动", "Labour"),
            "it" => ("信息科技", "IT"),
            "history" => ("历史", "History"),
            "geography" => ("地理", "Geography"),
            "physics" => ("物理", "Physics"),
            "chemistry" => ("化学", "Chemistry"),
            "biology" => ("生物", "Biology"),
            "other" => ("其他", "Other"),
            _ => return code,
        };
        self.t(zh, en)
    }

    /// What a date is by a school calendar, in a word.
    #[must_use]
    pub fn day_kind(self, kind: DayKind) -> &'static str {
        match kind {
            DayKind::SchoolDay => self.t("上学日", "School day"),
            DayKind::MakeUpDay => self.t("调休上课", "Make-up school day"),
            DayKind::Weekend => self.t("周末", "Weekend"),
            DayKind::Holiday => self.t("假日", "Holiday"),
        }
    }

    /// "周一" / "Mon"… for a weekday index from Monday (0–6).
    #[must_use]
    pub fn weekday(self, index: u8) -> &'static str {
        const ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
        const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        let i = usize::from(index.min(6));
        self.t(ZH[i], EN[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_read_one_way_everywhere() {
        for (tag, lang) in [
            ("en", Lang::En),
            ("EN", Lang::En),
            ("en-GB", Lang::En),
            ("en_US.UTF-8", Lang::En),
            ("eng", Lang::ZhCn),
            ("zh-CN", Lang::ZhCn),
            ("zh-Hant-TW", Lang::ZhCn),
            ("", Lang::ZhCn),
            ("fr", Lang::ZhCn),
        ] {
            assert_eq!(Lang::from_tag(tag), lang, "{tag}");
        }
        for l in Lang::ALL {
            assert_eq!(Lang::from_tag(l.tag()), l);
            assert_eq!(l.other().other(), l);
        }
    }

    #[test]
    fn the_domain_words() {
        assert_eq!(Lang::ZhCn.grade(4), "4 年级");
        assert_eq!(Lang::ZhCn.grade(10), "高一");
        assert_eq!(Lang::ZhCn.grade(12), "高三");
        assert_eq!(Lang::En.grade(10), "Grade 10");
        assert_eq!(Lang::ZhCn.subject("math"), "数学");
        assert_eq!(Lang::En.subject("morality"), "Morality and law");
        assert_eq!(
            Lang::En.subject("robotics"),
            "robotics",
            "unknown codes as written"
        );
        assert_eq!(Lang::ZhCn.hours_minutes(530), "8 小时 50 分");
        assert_eq!(Lang::En.minutes(20), "20 min");
        assert_eq!(Lang::ZhCn.weekday(6), "周日");
        assert_eq!(Lang::En.day_kind(DayKind::MakeUpDay), "Make-up school day");
    }
}
