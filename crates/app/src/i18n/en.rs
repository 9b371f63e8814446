//! English catalogue.

use super::Msg;

// A catalogue is a table: long, and some entries share a text on purpose.
#[allow(clippy::too_many_lines, clippy::match_same_arms)]
pub(super) fn text(msg: Msg) -> &'static str {
    match msg {
        Msg::AppName => "Jianfu",
        Msg::Loading => "Loading…",
        Msg::ChooseMonth => "Choose a month",
        Msg::PreviousMonth => "Previous month",
        Msg::NextMonth => "Next month",
        Msg::MonthTableCaption => "Written minutes and hours of sleep each day of the month",
        Msg::MonthView => "Month view",
        Msg::ScreenLoadFailed => "This screen could not be loaded (connect and try again):",
        Msg::TryAgain => "Try again",
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
        Msg::MoreHeading => "More",
        Msg::OutboxHeading => "Outbox",
        Msg::OutboxHelp => {
            "Survey answers and reports wait on this device and are sent when the network allows, without cookies or referrer and after a random delay."
        }
        Msg::OutboxEmpty => "Nothing waiting to be sent.",
        Msg::SurveyResponse => "Survey answer",
        Msg::SealedReport => "Report (sealed)",
        Msg::StateWaiting => "waiting",
        Msg::StateSent => "sent",
        Msg::StateFailed => "failed:",
        Msg::SendNow => "Send now",
        Msg::Withdraw => "Withdraw",
        Msg::Discard => "Discard",
        Msg::DiscardQuestion => "Withdraw or discard this item?",
        Msg::SurveysHeading => "Surveys",
        Msg::SurveysHelp => {
            "Anonymous surveys from the school. Answers carry no name, nickname or device id; this device remembers that you answered, not what."
        }
        Msg::NoSurveys => "This class has no surveys at the moment.",
        Msg::SurveyUnavailable => "Could not load the survey",
        Msg::Answered => "answered",
        Msg::NotYetOpen => "not open yet",
        Msg::Closed => "closed",
        Msg::OpenNow => "open",
        Msg::SurveyAnonymous => {
            "Anonymous: only your answers, the date and (if asked) the grade band are sent."
        }
        Msg::AlreadyAnswered => "You have answered this survey on this device.",
        Msg::SurveyNotOpen => "This survey is not accepting answers now.",
        Msg::NoSurveyAddress => {
            "The homework notice gives no address for answers, so this survey cannot be answered here."
        }
        Msg::Expected => "Expected:",
        Msg::Required => "required",
        Msg::ExactlyWhatIsSent => "Exactly what will be sent",
        Msg::PreviewHelp => "That is everything; nothing identifies you.",
        Msg::SendAnonymously => "Send anonymously",
        Msg::BackToEdit => "Back to edit",
        Msg::ReviewBeforeSending => "Review before sending",
        Msg::ReportHeading => "Anonymous report",
        Msg::ReportPrivacy => {
            "The report is sealed on your phone; only the education bureau's key can open it. Neither the school portal nor any server in between can read it."
        }
        Msg::ReportNotOfficial => {
            "Jianfu reports are anonymous and are not the official real-name channel; for a formal complaint use the channels your local education authority publishes."
        }
        Msg::NoReportAddress => {
            "No education bureau in this app covers this school, so a report cannot be sent from here. Contact the education bureau where the school is directly, or call the 12345 government service hotline."
        }
        Msg::ChooseCategory => "Please choose what the report is about.",
        Msg::DateNeeded => "Please enter the date.",
        Msg::DescriptionRange => "Please describe what happened in 1–2000 characters.",
        Msg::WhatHappened => "What is it about? (each is a rule)",
        Msg::WhenDidItHappen => "When did it happen?",
        Msg::Description => "What happened",
        Msg::LooksLikePhone => {
            "This looks like it contains a phone number, which could identify you. Keep it?"
        }
        Msg::LooksLikeId => {
            "This looks like it contains an ID card number, which could identify you. Keep it?"
        }
        Msg::LooksLikeEmail => {
            "This looks like it contains an e-mail address, which could identify you. Keep it?"
        }
        Msg::ContactOptional => "Contact (optional)",
        Msg::ContactHelp => {
            "Only if you want to be contacted; the bureau may then know who you are."
        }
        Msg::SealAndSend => "Seal and send",
        Msg::WidgetReportWhy => {
            "The report form is not shown inside the school portal's page: the portal can read what is typed on its own pages. Fill it in on the education bureau's own page, where it is sealed on your phone so only the bureau can open it."
        }
        Msg::OpenBureauPage => "Open the bureau's report page",
        Msg::UpdateNow => "Update now",
        Msg::ReceivingBureau => "Received by:",
        Msg::KeyFingerprint => "Key fingerprint",
        Msg::FingerprintHelp => "Compare it with the fingerprint the bureau publishes.",
        Msg::OtherReceiverWarning => {
            "This school's notice names a different receiver; reports go only to the bureau listed in the app."
        }
        Msg::SurveyGoesToSchool => {
            "This survey is collected by the school: your answers go to the school."
        }
        Msg::CollectorUnknown => {
            "The bureau collecting this survey is not in this app's list, so answers cannot be sent."
        }
        Msg::NoRandomness => {
            "This browser could not make the random number an anonymous submission needs; nothing was sent."
        }
        Msg::WidgetSurveyWhy => {
            "Surveys are not answered inside the school portal's page: the portal can read what is typed on its own pages. Answer in the Jianfu app, where your answers do not pass through the portal."
        }
        Msg::OpenSurveysInApp => "Open the surveys in the Jianfu app",
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
