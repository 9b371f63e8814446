//! The studio's words over [`jianfu_web::Lang`] (the pair-per-string
//! language of the school and bureau pages): homework kinds, tiers,
//! subjects, days and form errors, in both languages.

use jianfu_core::calendar::DayKind;
use jianfu_core::feed::{Kind, Tier};
use jianfu_core::studio::ItemError;

pub use jianfu_web::Lang;

/// The studio's domain words, in the page's language.
pub trait Words {
    /// A homework kind.
    fn kind(self, kind: Kind) -> &'static str;

    /// Core or optional.
    fn tier(self, tier: Tier) -> &'static str;

    /// A subject code's name, or the text as written.
    fn subject(self, code: &str) -> &str;

    /// What a day is, by the school's calendar.
    fn day_kind(self, kind: DayKind) -> &'static str;

    /// "一周", "Mon"… for a weekday index from Monday.
    fn weekday(self, index: u8) -> &'static str;

    /// An item form's error.
    fn item_error(self, e: ItemError) -> &'static str;
}

impl Words for Lang {
    fn kind(self, kind: Kind) -> &'static str {
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

    fn tier(self, tier: Tier) -> &'static str {
        match tier {
            Tier::Core => self.t("基础（全体）", "Core (everyone)"),
            Tier::Optional => self.t("选做（分层/弹性）", "Optional"),
        }
    }

    fn subject(self, code: &str) -> &str {
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

    fn day_kind(self, kind: DayKind) -> &'static str {
        match kind {
            DayKind::SchoolDay => self.t("上学日", "School day"),
            DayKind::Weekend => self.t("周末", "Weekend"),
            DayKind::Holiday => self.t("假日", "Holiday"),
            DayKind::MakeUpDay => self.t("调休上课", "Make-up school day"),
        }
    }

    fn weekday(self, index: u8) -> &'static str {
        const ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
        const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        let i = usize::from(index.min(6));
        self.t(ZH[i], EN[i])
    }

    fn item_error(self, e: ItemError) -> &'static str {
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
}
