//! The studio's two languages. Every string is written as a pair,
//! `lang.t("中文", "English")`, as the CLI does: a string cannot be added in
//! one language only. zh-CN is the default; English follows the browser.

use jianfu_core::calendar::DayKind;
use jianfu_core::feed::{Kind, Tier};
use jianfu_core::studio::ItemError;

/// A language the studio speaks.
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

    /// A homework kind.
    pub fn kind(self, kind: Kind) -> &'static str {
        match kind {
            Kind::Written => self.t("书面", "Written"),
            Kind::Reading => self.t("阅读", "Reading"),
            Kind::Oral => self.t("口头", "Oral"),
            Kind::Physical => self.t("体育锻炼", "Physical"),
            Kind::Art => self.t("艺术", "Art"),
            Kind::Labor => self.t("劳动", "Labor"),
            Kind::Inquiry => self.t("科学探究/实践", "Inquiry"),
            Kind::Other => self.t("其他", "Other"),
        }
    }

    /// Core or optional.
    pub fn tier(self, tier: Tier) -> &'static str {
        match tier {
            Tier::Core => self.t("基础（全体）", "Core (everyone)"),
            Tier::Optional => self.t("选做（分层/弹性）", "Optional"),
        }
    }

    /// A subject code's name, or the text as written.
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

    /// What a day is, by the school's calendar.
    pub fn day_kind(self, kind: DayKind) -> &'static str {
        match kind {
            DayKind::SchoolDay => self.t("上学日", "School day"),
            DayKind::Weekend => self.t("周末", "Weekend"),
            DayKind::Holiday => self.t("假日", "Holiday"),
            DayKind::MakeUpDay => self.t("调休上课", "Make-up school day"),
        }
    }

    /// "一周", "Mon"… for a weekday index from Monday.
    pub fn weekday(self, index: u8) -> &'static str {
        const ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
        const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        let i = usize::from(index.min(6));
        self.t(ZH[i], EN[i])
    }

    /// An item form's error.
    pub fn item_error(self, e: ItemError) -> &'static str {
        match e {
            ItemError::TitleMissing => self.t("请填写作业内容", "Enter what to do"),
            ItemError::SubjectMissing => self.t("请填写学科", "Enter the subject"),
            ItemError::MinutesOutOfRange => self.t(
                "预计用时须为 0–600 的整数（分钟）",
                "Minutes must be a whole number from 0 to 600",
            ),
            ItemError::DueInvalid => self.t(
                "截止日期格式为 年-月-日",
                "The due date must be a date (YYYY-MM-DD)",
            ),
            ItemError::DueBeforeDay => self.t(
                "截止日期不能早于布置日期",
                "The due date cannot be before the day it is set",
            ),
        }
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
