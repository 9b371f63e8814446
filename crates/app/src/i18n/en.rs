//! English catalogue.

use super::Msg;

// A catalogue is a table: long, and some entries share a text on purpose.
#[allow(clippy::too_many_lines, clippy::match_same_arms)]
pub(super) fn text(msg: Msg) -> &'static str {
    match msg {
        Msg::AppName => "Jianfu",
        Msg::Loading => "Loading…",
        Msg::TodayHeading => "Today's homework",
        Msg::FeedUnreachable => "Could not fetch the homework notice",
        Msg::FeedInvalid => "The homework notice has errors",
        Msg::ShowingLastGoodCopy => "Showing the last copy that loaded correctly.",
        Msg::NoHomeworkToday => "No homework published for this day.",
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
        Msg::StorageUnavailable => {
            "This browser cannot store data: nothing you log is kept after you close the page."
        }
        Msg::Saved => "Saved",
        Msg::SaveFailed => "Not saved; what you entered is still here:",
        Msg::QuotaExceeded => {
            "The device is out of storage space, so this was not saved. Free some space and try again; existing records are safe."
        }
        Msg::ChooseChild => "Choose a child",
        Msg::SwitchLanguage => "Switch language",
        Msg::LanguageName => "English",
        Msg::Navigation => "Main navigation",
        Msg::TabToday => "Today",
        Msg::TabLog => "Log",
        Msg::TabSleep => "Sleep",
        Msg::TabWeek => "Week",
        Msg::TabMore => "Data",
        Msg::WelcomeHeading => "Welcome to Jianfu",
        Msg::WelcomeText => {
            "Add your child to see the class's published homework, time homework, log sleep and compare them with the national rules. Everything stays on this device."
        }
        Msg::ChildrenHeading => "Children",
        Msg::AddChild => "Add a child",
        Msg::Nickname => "Nickname",
        Msg::NicknameHelp => {
            "The nickname stays on this device and is never sent with any survey or report."
        }
        Msg::NicknameNeeded => "Please enter a nickname.",
        Msg::Grade => "Grade",
        Msg::FeedUrl => "Class homework feed URL",
        Msg::FeedUrlHelp => "The address your school's portal gives; the demo class by default.",
        Msg::Current => "current",
        Msg::SwitchTo => "Switch",
        Msg::Delete => "Delete",
        Msg::ChooseDay => "Choose a day",
        Msg::PreviousDay => "Previous day",
        Msg::NextDay => "Next day",
        Msg::BackToToday => "Back to today",
        Msg::NoWrittenGrades12 => {
            "Grades 1–2 get no written homework to take home (practice happens at school)."
        }
        Msg::EstimatedWritten => "Teacher's estimate, written",
        Msg::LoggedWritten => "Logged written time",
        Msg::StartTimer => "Start timer",
        Msg::Timing => "Timing",
        Msg::WithinLimit => "within the limit",
        Msg::NearLimit => "near the limit",
        Msg::OverLimit => "over the limit",
        Msg::NoLimit => "no national limit",
        Msg::NoneAllowed => "none allowed",
        Msg::TimersHeading => "Timers",
        Msg::BedtimeReminder => {
            "It is bedtime. Even if homework is unfinished, go to bed on time; the teacher should adjust the homework."
        }
        Msg::Elapsed => "Elapsed time",
        Msg::Paused => "paused",
        Msg::ClockJumped => "The device clock jumped; please confirm the time spent.",
        Msg::MinutesToLog => "Minutes to log",
        Msg::Pause => "Pause",
        Msg::Resume => "Resume",
        Msg::Done => "Done",
        Msg::StopForBed => "Bedtime (unfinished)",
        Msg::DiscardTimer => "Discard this timer",
        Msg::DiscardTimerQuestion => "Discard this timer? The time will not be logged.",
        Msg::LogHeading => "Homework log",
        Msg::NothingLogged => "Nothing logged for this day yet.",
        Msg::Timed => "timed",
        Msg::EnteredByHand => "by hand",
        Msg::Unfinished => "unfinished",
        Msg::Edit => "Edit",
        Msg::DeleteEntryQuestion => "Delete this record?",
        Msg::AddEntry => "Log time by hand",
        Msg::EditEntry => "Edit record",
        Msg::Subject => "Subject",
        Msg::Kind => "Kind",
        Msg::MinutesLabel => "Time (minutes)",
        Msg::MinutesRange => "Enter whole minutes from 0 to 600.",
        Msg::FinishedLabel => "Finished",
        Msg::Save => "Save",
        Msg::Cancel => "Cancel",
        Msg::SleepHeading => "Sleep",
        Msg::NightOf => "Night of",
        Msg::Bedtime => "Bedtime",
        Msg::Wake => "Wake time",
        Msg::AfterMidnightHelp => {
            "If bedtime was after midnight (e.g. 00:30), keep the evening it began."
        }
        Msg::NightFieldsNeeded => "Please fill in the date, bedtime and wake time.",
        Msg::NightTooLong => "Longer than 16 hours; please check the times.",
        Msg::NightNoSleep => "Wake time must be after bedtime.",
        Msg::SleepShort => "not enough sleep",
        Msg::SleepEnough => "enough sleep",
        Msg::ChooseWeek => "Choose a week",
        Msg::PreviousWeek => "Previous week",
        Msg::NextWeek => "Next week",
        Msg::NoSchoolDaysLogged => "No school-day homework logged this week yet.",
        Msg::ChartWritten => "Written homework per day (minutes)",
        Msg::ChartWrittenLabel => {
            "Bar chart of written minutes per day; the dashed line is the limit. The table below has the same data."
        }
        Msg::ChartSleep => "Sleep per night (hours)",
        Msg::ChartSleepLabel => {
            "Bar chart of hours slept per night; the dashed line is the required sleep. The table below has the same data."
        }
        Msg::WeekTableCaption => "Each day of the week",
        Msg::Day => "Day",
        Msg::WrittenShort => "Written (min)",
        Msg::LimitShort => "Limit",
        Msg::SleepShortHeading => "Sleep",
        Msg::LateShort => "Late to bed (min)",
        Msg::RulesSummary => "The rules",
        Msg::RulesHomework => {
            "National rules (2021): no written homework for grades 1–2; written homework for grades 3–6 should take on average at most 60 minutes, for grades 7–9 at most 90 minutes. Weekends and holidays are also to be limited."
        }
        Msg::RulesAverage => {
            "The limits are on the average: one long evening is a warning, the weekly average is the verdict; the share of days within the limit is the measure schools are judged on."
        }
        Msg::DataHeading => "Your data",
        Msg::PrivacyStatement => {
            "Everything you log stays on this device and is never uploaded. Data leaves the device only when you export a file, answer a survey or send a report, and surveys and reports never contain your child's nickname or anything that identifies you."
        }
        Msg::ExportHeading => "Export",
        Msg::ExportHelp => {
            "Save all of the current child's records as a file (jianfu.log/1) that another device can import."
        }
        Msg::Export => "Export records",
        Msg::ExportFailed => "Export failed:",
        Msg::ImportHeading => "Import",
        Msg::ImportHelp => {
            "Import a file exported before; records already here are not duplicated."
        }
        Msg::ChooseFile => "Choose a file",
        Msg::ImportFailed => "Import failed:",
        Msg::ManageChildren => "Manage children",
        Msg::DeleteEverything => "Delete everything",
        Msg::DeleteEverythingHelp => {
            "Deletes every child's records on this device. This cannot be undone."
        }
        Msg::UpdateReady => {
            "A new version is ready. Updating keeps your records and running timers."
        }
        Msg::LastNight => "Last night",
        Msg::NotLogged => "not logged",
        Msg::UpdateNow => "Update now",
        Msg::DeleteEverythingQuestion => "Delete all data on this device? This cannot be undone.",
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
