//! English catalogue.

use super::{MoreMsg, Msg};

// A catalogue is a table: long, and some entries share a text on purpose.
#[allow(clippy::too_many_lines, clippy::match_same_arms)]
pub(super) fn text(msg: Msg) -> &'static str {
    match msg {
        Msg::AppName => "Jianfu",
        Msg::Loading => "Loading…",
        Msg::ScreenLoadFailed => "This screen could not be loaded. Connect and try again.",
        Msg::TryAgain => "Try again",
        Msg::TodayHeading => "Today's homework",
        Msg::FeedUnreachable => "Can't reach the school's site right now.",
        Msg::FeedInvalid => "The homework notice has errors",
        Msg::FeedNotFound => {
            "The school's site has no homework notice at this address. Please check the link with the teacher."
        }
        Msg::OfflineNoCopy => "Offline: the homework notice loads once you're back online.",
        Msg::TechnicalDetails => "Details for the school's IT staff",
        Msg::NoHomeworkToday => "No homework published for this day. Use ‹ › to see other days.",
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
        Msg::SaveFailed => "Not saved; what you entered is still on screen.",
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
        Msg::TabVoice => "Feedback",
        Msg::Waiting => "waiting",
        Msg::TabMore => "Data",
        Msg::WelcomeHeading => "Welcome to Jianfu",
        Msg::FirstRunSee => {
            "See the homework: the class's published homework and its expected time, every day."
        }
        Msg::FirstRunLog => {
            "Log time and sleep: see at a glance whether the day kept to the national limits."
        }
        Msg::FirstRunPrivate => {
            "Private: your child's records never leave this phone unless you export them; surveys and reports are anonymous."
        }
        Msg::AddChild => "Add a child",
        Msg::Nickname => "Nickname",
        Msg::NicknameHelp => {
            "The nickname stays on this device and is never sent with any survey or report."
        }
        Msg::NicknameNeeded => "Please enter a nickname.",
        Msg::Grade => "Grade",
        Msg::FeedUrl => "Class homework feed URL",
        Msg::FeedUrlHelp => "The address your school's portal gives; the demo class by default.",
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
        Msg::DiscardTimer => "Discard timer",
        Msg::TimerDiscarded => "Timer discarded",
        Msg::Undo => "Undo",
        Msg::UnderAMinute => "Under a minute: keep it as 1 minute, or discard it?",
        Msg::KeepOneMinute => "Keep as 1 minute",
        Msg::SleepShort => "not enough sleep",
        Msg::SleepEnough => "enough sleep",
        Msg::RulesSummary => "The rules",
        Msg::RulesHomework => {
            "National rules (2021): no written homework for grades 1–2; written homework for grades 3–6 should take on average at most 60 minutes, for grades 7–9 at most 90 minutes. Weekends and holidays are also to be limited."
        }
        Msg::LastNight => "Last night",
        Msg::NotLogged => "not logged",
        Msg::OptionalLogged => "Optional homework (not counted against the limit)",
        Msg::HolidayNotice => "Holiday: the school-day limit on written homework does not apply.",
        Msg::WeekendNotice => "Weekend: the school-day limit on written homework does not apply.",
        Msg::MakeUpNotice => {
            "Make-up school day: the school-day limit on written homework applies."
        }
    }
}

// The second catalogue (see `MoreMsg`).
#[allow(clippy::too_many_lines, clippy::match_same_arms)]
pub(super) fn more_text(msg: MoreMsg) -> &'static str {
    match msg {
        MoreMsg::Current => "current",
        MoreMsg::SwitchTo => "Switch",
        MoreMsg::ChildrenHeading => "Children",
        MoreMsg::Delete => "Delete",
        MoreMsg::UpdateReady => {
            "A new version is ready. Updating keeps your records and running timers."
        }
        MoreMsg::UpdateNow => "Update now",
        MoreMsg::OutboxHeading => "Outbox",
        MoreMsg::OutboxHelp => {
            "Survey answers and reports wait on this device and are sent when the network allows, without cookies or referrer and after a random delay."
        }
        MoreMsg::OutboxEmpty => {
            "Nothing waiting. Survey answers and reports wait here until the network allows."
        }
        MoreMsg::SurveyResponse => "Survey answer",
        MoreMsg::SealedReport => "Report (sealed)",
        MoreMsg::StateWaiting => "waiting",
        MoreMsg::StateBusy => "sending (busy server)…",
        MoreMsg::StateSent => "sent",
        MoreMsg::StateFailed => "Refused by the receiver; not sent again by itself.",
        MoreMsg::SendNow => "Send now",
        MoreMsg::Withdraw => "Withdraw",
        MoreMsg::Discard => "Discard",
        MoreMsg::DiscardQuestion => "Withdraw or discard this item?",
        MoreMsg::ChooseMonth => "Choose a month",
        MoreMsg::PreviousMonth => "Previous month",
        MoreMsg::NextMonth => "Next month",
        MoreMsg::MonthTableCaption => "Written minutes and hours of sleep each day of the month",
        MoreMsg::MonthView => "Month view",
        MoreMsg::LogHeading => "Homework log",
        MoreMsg::NothingLogged => {
            "Nothing logged for this day yet. Time an item on Today, or enter the minutes below."
        }
        MoreMsg::Timed => "timed",
        MoreMsg::EnteredByHand => "by hand",
        MoreMsg::Unfinished => "Unfinished",
        MoreMsg::Edit => "Edit",
        MoreMsg::DeleteEntryQuestion => "Delete this record?",
        MoreMsg::AddEntry => "Log time by hand",
        MoreMsg::EditEntry => "Edit record",
        MoreMsg::Subject => "Subject",
        MoreMsg::Kind => "Kind",
        MoreMsg::MinutesLabel => "Time (minutes)",
        MoreMsg::MinutesRange => "Enter whole minutes from 0 to 600.",
        MoreMsg::FinishedLabel => "Finished",
        MoreMsg::Save => "Save",
        MoreMsg::Cancel => "Cancel",
        MoreMsg::SleepHeading => "Sleep",
        MoreMsg::NightOf => "Night of",
        MoreMsg::Bedtime => "Bedtime",
        MoreMsg::Wake => "Wake time",
        MoreMsg::AfterMidnightHelp => {
            "If bedtime was after midnight (e.g. 00:30), keep the evening it began."
        }
        MoreMsg::NightFieldsNeeded => "Please fill in the date, bedtime and wake time.",
        MoreMsg::NightTooLong => "Longer than 16 hours; please check the times.",
        MoreMsg::NightNoSleep => "Wake time must be after bedtime.",
        MoreMsg::ChooseWeek => "Choose a week",
        MoreMsg::PreviousWeek => "Previous week",
        MoreMsg::NextWeek => "Next week",
        MoreMsg::NoSchoolDaysLogged => "No school-day homework logged this week yet.",
        MoreMsg::ChartWritten => "Written homework per day (minutes)",
        MoreMsg::ChartWrittenLabel => {
            "Bar chart of written minutes per day; the dashed line is the limit. The table below has the same data."
        }
        MoreMsg::ChartSleep => "Sleep per night (hours)",
        MoreMsg::ChartSleepLabel => {
            "Bar chart of hours slept per night; the dashed line is the required sleep. The table below has the same data."
        }
        MoreMsg::WeekTableCaption => "Each day of the week",
        MoreMsg::Day => "Day",
        MoreMsg::WrittenShort => "Written (min)",
        MoreMsg::LimitShort => "Limit",
        MoreMsg::SleepShortHeading => "Sleep",
        MoreMsg::LateShort => "Late to bed (min)",
        MoreMsg::RulesAverage => {
            "The limits are on the average: one long evening is a warning, the weekly average is the verdict; the share of days within the limit is the measure schools are judged on."
        }
        MoreMsg::DataHeading => "Your data",
        MoreMsg::PrivacyStatement => {
            "Everything you log stays on this device and is never uploaded. Data leaves the device only when you export a file, answer a survey or send a report, and surveys and reports never contain your child's nickname or anything that identifies you."
        }
        MoreMsg::ExportHeading => "Export",
        MoreMsg::ExportHelp => {
            "Save all of the current child's records as a file (jianfu.log/1) that another device can import."
        }
        MoreMsg::Export => "Export records",
        MoreMsg::ExportFailed => "Export failed:",
        MoreMsg::ImportHeading => "Import",
        MoreMsg::ImportHelp => {
            "Import a file exported before; records already here are not duplicated."
        }
        MoreMsg::ChooseFile => "Choose a file",
        MoreMsg::ImportFailed => "Import failed:",
        MoreMsg::ManageChildren => "Manage children",
        MoreMsg::DeleteEverything => "Delete everything",
        MoreMsg::DeleteEverythingHelp => {
            "Deletes every child's records on this device. This cannot be undone."
        }
        MoreMsg::MoreHeading => "More",
        MoreMsg::SurveysHeading => "Surveys",
        MoreMsg::ThanksHeading => "Thank you for answering!",
        MoreMsg::ThanksQueued => {
            "Your answer waits on this device and is sent anonymously as soon as the network allows."
        }
        MoreMsg::ThanksArrived => "Your answer has arrived, anonymously.",
        MoreMsg::ThanksWhatIsSeen => {
            "It carries no name and nothing about this device. Results are published as totals over all parents' answers, never one answer on its own."
        }
        MoreMsg::BackToSurveys => "Back to surveys",
        MoreMsg::ReportTeaser => {
            "Too much homework, too little sleep or anything else against the rules: tell the bureau anonymously."
        }
        MoreMsg::WriteReport => "Write an anonymous report",
        MoreMsg::SurveysHelp => {
            "Anonymous surveys from the school. Answers carry no name, nickname or device id; this device remembers that you answered, not what."
        }
        MoreMsg::NoSurveys => {
            "No surveys for this class right now. When the school publishes one, it appears here and the Feedback tab shows a count."
        }
        MoreMsg::SurveyUnavailable => "Couldn't load this survey. Try again when you're online.",
        MoreMsg::Answered => "answered",
        MoreMsg::NotYetOpen => "not open yet",
        MoreMsg::Closed => "closed",
        MoreMsg::OpenNow => "open",
        MoreMsg::SurveyAnonymous => {
            "Anonymous: only your answers, the date and (if asked) the grade band are sent."
        }
        MoreMsg::AlreadyAnswered => "You have answered this survey on this device.",
        MoreMsg::SurveyNotOpen => "This survey is not accepting answers now.",
        MoreMsg::NoSurveyAddress => {
            "The homework notice gives no address for answers, so this survey cannot be answered here."
        }
        MoreMsg::Expected => "Expected:",
        MoreMsg::Required => "required",
        MoreMsg::ExactlyWhatIsSent => "Exactly what will be sent",
        MoreMsg::PreviewHelp => "That is everything; nothing identifies you.",
        MoreMsg::SendAnonymously => "Send anonymously",
        MoreMsg::BackToEdit => "Back to edit",
        MoreMsg::ReviewBeforeSending => "Review before sending",
        MoreMsg::ReportHeading => "Anonymous report",
        MoreMsg::ReportPrivacy => {
            "The report is sealed on your phone; only the education bureau's key can open it. Neither the school portal nor any server in between can read it."
        }
        MoreMsg::ReportNotOfficial => {
            "Jianfu reports are anonymous and are not the official real-name channel; for a formal complaint use the channels your local education authority publishes."
        }
        MoreMsg::NoReportAddress => {
            "No education bureau in this app covers this school, so a report cannot be sent from here. Contact the education bureau where the school is directly, or call the 12345 government service hotline."
        }
        MoreMsg::ChooseCategory => "Please choose what the report is about.",
        MoreMsg::DateNeeded => "Please enter the date.",
        MoreMsg::DescriptionRange => "Please describe what happened in 1–2000 characters.",
        MoreMsg::WhatHappened => "What is it about? (each is a rule)",
        MoreMsg::WhenDidItHappen => "When did it happen?",
        MoreMsg::Description => "What happened",
        MoreMsg::LooksLikePhone => {
            "This looks like it contains a phone number, which could identify you. Keep it?"
        }
        MoreMsg::LooksLikeId => {
            "This looks like it contains an ID card number, which could identify you. Keep it?"
        }
        MoreMsg::LooksLikeEmail => {
            "This looks like it contains an e-mail address, which could identify you. Keep it?"
        }
        MoreMsg::ContactOptional => "Contact (optional)",
        MoreMsg::ContactHelp => {
            "Only if you want to be contacted; the bureau may then know who you are."
        }
        MoreMsg::SealAndSend => "Seal and send",
        MoreMsg::WidgetReportWhy => {
            "The report form is not shown inside the school portal's page: the portal can read what is typed on its own pages. Fill it in on the education bureau's own page, where it is sealed on your phone so only the bureau can open it."
        }
        MoreMsg::OpenBureauPage => "Open the bureau's report page",
        MoreMsg::ReceivingBureau => "Received by:",
        MoreMsg::KeyFingerprint => "Key fingerprint",
        MoreMsg::FingerprintHelp => "Compare it with the fingerprint the bureau publishes.",
        MoreMsg::OtherReceiverWarning => {
            "This school's notice names a different receiver; reports go only to the bureau listed in the app."
        }
        MoreMsg::SchoolNotListed => {
            "This homework notice names a school that the bureau covering its address does not list. Reports still go to that bureau, which is responsible for the address the notice is published under."
        }
        MoreMsg::SurveyGoesToSchool => {
            "This survey is collected by the school: your answers go to the school."
        }
        MoreMsg::IssuerNotPinned => {
            "This survey's invitation key is not one this app lists for the collecting bureau, so it cannot be taken here: an issuer could otherwise give each family its own key and recognise their answers."
        }
        MoreMsg::IssuerKeyId => "Invitation key",
        MoreMsg::IssuerKeyHelp => {
            "It should match the one printed on your slip, and be the same for every family."
        }
        MoreMsg::CollectorUnknown => {
            "The bureau collecting this survey is not in this app's list, so answers cannot be sent."
        }
        MoreMsg::InviteHelp => {
            "This survey counts one answer per invited family. Enter the invitation code from the slip the school gave you."
        }
        MoreMsg::InviteCode => "Invitation code",
        MoreMsg::InviteConfirm => "Confirm the code",
        MoreMsg::InviteConfirming => "Confirming the code…",
        MoreMsg::InviteReady => {
            "Code confirmed. You can answer now or later, even offline. Neither the school nor the bureau can match your answer to your code."
        }
        MoreMsg::InviteBadCode => {
            "An invitation code has 20 letters and digits. Please check the slip."
        }
        MoreMsg::InviteUnknown => {
            "This code is not valid for this survey. Please check the letters and digits on the slip."
        }
        MoreMsg::InviteUsed => "This code has been used already: each code answers once.",
        MoreMsg::InviteOffline => {
            "Offline: confirm the code once you are online. After that you can answer offline."
        }
        MoreMsg::InviteLater => "The code could not be confirmed just now. Please try again later.",
        MoreMsg::InviteNoSurvey => {
            "The invitation's survey could not be opened. Check the connection, or ask the school."
        }
        MoreMsg::NoRandomness => {
            "This browser could not make the random number an anonymous submission needs; nothing was sent."
        }
        MoreMsg::WidgetSurveyWhy => {
            "Surveys are not answered inside the school portal's page: the portal can read what is typed on its own pages. Answer in the Jianfu app, where your answers do not pass through the portal."
        }
        MoreMsg::OpenSurveysInApp => "Open the surveys in the Jianfu app",
        MoreMsg::DeleteEverythingQuestion => {
            "Delete all data on this device? This cannot be undone."
        }
        MoreMsg::OptionalShort => "Optional",
        MoreMsg::ShareWeek => "This week's share",
        MoreMsg::ShareMonth => "This month's share",
        MoreMsg::ShareTerm => "This term so far",
        MoreMsg::DayHoliday => "Holiday",
        MoreMsg::DayMakeUp => "Make-up school day",
    }
}
