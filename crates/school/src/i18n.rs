//! The studio's own words over [`jianfu_web::Lang`]: homework kinds as its
//! forms name them, tiers and form errors, in both languages (grades,
//! subjects and days are the shared ones of [`jianfu_core::Lang`]).

use jianfu_core::feed::{Kind, Tier};
use jianfu_core::studio::ItemError;

pub use jianfu_web::Lang;

/// The studio's domain words, in the page's language.
pub trait Words {
    /// A homework kind.
    fn kind(self, kind: Kind) -> &'static str;

    /// Core or optional.
    fn tier(self, tier: Tier) -> &'static str;

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
