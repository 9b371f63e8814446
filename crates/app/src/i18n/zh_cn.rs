//! 简体中文 catalogue.

use super::Msg;

pub(super) fn text(msg: Msg) -> &'static str {
    match msg {
        Msg::AppName => "减负",
        Msg::TodayHeading => "今日作业",
        Msg::Loading => "正在加载作业公示…",
        Msg::FeedUnreachable => "无法获取作业公示",
        Msg::FeedInvalid => "作业公示格式有误",
        Msg::NoHomeworkToday => "今天没有公示的作业。",
        Msg::WrittenTotal => "书面作业预计",
        Msg::Optional => "选做",
        Msg::KindWritten => "书面",
        Msg::KindReading => "阅读",
        Msg::KindOral => "口头",
        Msg::KindPhysical => "体育",
        Msg::KindArt => "艺术",
        Msg::KindLabor => "劳动",
        Msg::KindInquiry => "探究实践",
        Msg::KindOther => "其他",
    }
}

pub(super) fn subject(code: &str) -> Option<&'static str> {
    Some(match code {
        "chinese" => "语文",
        "math" => "数学",
        "english" => "英语",
        "science" => "科学",
        "morality" => "道德与法治",
        "pe" => "体育",
        "music" => "音乐",
        "art" => "美术",
        "labor" => "劳动",
        "it" => "信息科技",
        "history" => "历史",
        "geography" => "地理",
        "physics" => "物理",
        "chemistry" => "化学",
        "biology" => "生物",
        "other" => "其他",
        _ => return None,
    })
}
