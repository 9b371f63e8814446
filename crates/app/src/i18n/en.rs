//! English catalogue.

use super::Msg;

pub(super) fn text(msg: Msg) -> &'static str {
    match msg {
        Msg::AppName => "Jianfu",
        Msg::TodayHeading => "Today's homework",
        Msg::Loading => "Loading the homework notice…",
        Msg::FeedUnreachable => "Could not fetch the homework notice",
        Msg::FeedInvalid => "The homework notice has errors",
        Msg::NoHomeworkToday => "No homework published for today.",
        Msg::WrittenTotal => "Written homework, estimated",
        Msg::Optional => "optional",
        Msg::KindWritten => "written",
        Msg::KindReading => "reading",
        Msg::KindOral => "oral",
        Msg::KindPhysical => "physical",
        Msg::KindArt => "art",
        Msg::KindLabor => "labour",
        Msg::KindInquiry => "inquiry",
        Msg::KindOther => "other",
    }
}

pub(super) fn subject(code: &str) -> Option<&'static str> {
    Some(match code {
        "chinese" => "Chinese",
        "math" => "Maths",
        "english" => "English",
        "science" => "Science",
        "morality" => "Morality & Law",
        "pe" => "PE",
        "music" => "Music",
        "art" => "Art",
        "labor" => "Labour",
        "it" => "IT",
        "history" => "History",
        "geography" => "Geography",
        "physics" => "Physics",
        "chemistry" => "Chemistry",
        "biology" => "Biology",
        "other" => "Other",
        _ => return None,
    })
}
