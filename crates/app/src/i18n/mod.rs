//! The language catalogue: every string a component shows comes from here.
//!
//! One file per language, each an exhaustive `match` over [`Msg`], so a
//! message missing from a language is a compile error, not a blank on a
//! parent's screen. Text from feeds (titles, school names) is not here: it
//! is picked by [`jianfu_core::Text::pick`] with [`Lang::tag`].

mod en;
mod zh_cn;

use jianfu_core::feed::Kind;

/// A message of one of the catalogues.
pub trait Catalogue: Copy {
    /// Its text in `lang`.
    fn text_in(self, lang: Lang) -> &'static str;
}

impl Catalogue for Msg {
    fn text_in(self, lang: Lang) -> &'static str {
        match lang {
            Lang::ZhCn => zh_cn::text(self),
            Lang::En => en::text(self),
        }
    }
}

impl Catalogue for MoreMsg {
    fn text_in(self, lang: Lang) -> &'static str {
        match lang {
            Lang::ZhCn => zh_cn::more_text(self),
            Lang::En => en::more_text(self),
        }
    }
}

pub use jianfu_core::Lang;

/// The app's sentences over [`Lang`] (the shared words, grades, subjects,
/// durations, are [`Lang`]'s own).
pub trait AppLang {
    /// The catalogue entry for `msg` (a [`Msg`] or a [`MoreMsg`]).
    fn text(self, msg: impl Catalogue) -> &'static str;

    /// "这份问卷由某某教育局收集…" / "This survey is collected by …".
    fn survey_collected_by(self, bureau: &str) -> String;

    /// The name of a homework kind.
    fn kind(self, kind: Kind) -> &'static str;

    /// "晚睡 30 分钟" / "30 min past bedtime".
    fn late_by(self, minutes: u32) -> String;

    /// The sleep rule for the child's level.
    fn sleep_rule(self, required_minutes: u16, latest: &str) -> String;

    /// "离线：显示的是 11:20 保存的作业公示。" / "Offline: showing …";
    /// `saved` is the time (and date, when not today) of the copy.
    fn copy_saved_at(self, saved: &str, offline: bool) -> String;

    /// "3 小时前更新" / "updated 3 h ago".
    fn updated_ago(self, seconds: i64) -> String;

    /// "2026年11月" / "November 2026".
    fn month_title(self, year: i32, month: u8) -> String;

    /// The month's verdict in a sentence: written homework on the school
    /// days logged, then sleep.
    fn month_summary(
        self,
        avg: Option<f64>,
        within: usize,
        logged: usize,
        nights: usize,
        short: usize,
    ) -> String;

    /// The share of days within the limit against the national target, in
    /// a sentence: what the chart beside it shows.
    fn share_sentence(self, scope: &str, share: jianfu_core::evaluate::Share) -> String;

    /// What a day is, when it is not a plain school day: whether the
    /// school-day limit applies (the limit bar beside it shows the number).
    fn day_kind_notice(self, kind: jianfu_core::calendar::DayKind) -> Option<&'static str>;

    /// "第 48 周" / "Week 48".
    /// "第49周 · 11月30日–12月6日" / "Week 49 · Nov 30 – Dec 6": a week
    /// number alone means nothing to most parents. `from` and `to` are the
    /// Monday and Sunday as the page formats dates.
    fn week_title(self, week: u8, from: &str, to: &str) -> String;

    /// The week's verdict in a sentence.
    fn week_summary(self, avg: Option<f64>, limit: Option<u16>, within: u32, logged: u32)
    -> String;

    /// What an import did.
    fn imported(self, entries: usize, nights: usize, duplicates: usize) -> String;

    /// "2 项未完成" / "2 unfinished".
    fn unfinished_count(self, n: usize) -> String;

    /// "第 2 次重试中" / "retrying (2)".
    fn retrying(self, attempts: u32) -> String;

    /// The outbox link with its count.
    fn outbox_link(self, waiting: usize) -> String;

    /// "11月1日 – 12月15日".
    fn dates_range(self, from: &str, to: &str) -> String;

    /// Labels of a 1–5 scale.
    fn likert(self, n: u64) -> String;

    /// "最多选 3 项".
    fn choose_up_to(self, max: usize) -> String;

    /// A number's unit from a survey (`minutes`), named in this language.
    fn unit(self, unit: &str) -> String;

    /// "附上班级：四年级(2)班".
    fn include_class(self, class: &str) -> String;

    /// Confirmation before deleting a child.
    fn delete_child_question(self, name: &str) -> String;
}

impl AppLang for Lang {
    fn text(self, msg: impl Catalogue) -> &'static str {
        msg.text_in(self)
    }

    fn survey_collected_by(self, bureau: &str) -> String {
        match self {
            Self::ZhCn => format!("这份问卷由{bureau}收集：您的回答直接发送给教育局，学校看不到。"),
            Self::En => format!(
                "This survey is collected by {bureau}: your answers go straight to the bureau, not to the school."
            ),
        }
    }

    fn kind(self, kind: Kind) -> &'static str {
        self.text(match kind {
            Kind::Written => Msg::KindWritten,
            Kind::Reading => Msg::KindReading,
            Kind::Oral => Msg::KindOral,
            Kind::Physical => Msg::KindPhysical,
            Kind::Art => Msg::KindArt,
            Kind::Labor => Msg::KindLabor,
            Kind::Inquiry => Msg::KindInquiry,
            Kind::Other => Msg::KindOther,
        })
    }

    fn late_by(self, minutes: u32) -> String {
        match self {
            Self::ZhCn => format!("晚睡 {minutes} 分钟"),
            Self::En => format!("{minutes} min past bedtime"),
        }
    }

    fn sleep_rule(self, required_minutes: u16, latest: &str) -> String {
        let h = required_minutes / 60;
        match self {
            Self::ZhCn => format!("规定：每天睡眠不少于 {h} 小时，就寝时间一般不晚于 {latest}。"),
            Self::En => format!(
                "The rule: at least {h} hours of sleep, bedtime generally no later than {latest}."
            ),
        }
    }

    fn copy_saved_at(self, saved: &str, offline: bool) -> String {
        match (self, offline) {
            (Self::ZhCn, true) => format!("离线：显示的是 {saved} 保存的作业公示。"),
            (Self::ZhCn, false) => format!("显示的是 {saved} 保存的作业公示。"),
            (Self::En, true) => format!("Offline: showing the homework notice saved at {saved}."),
            (Self::En, false) => format!("Showing the homework notice saved at {saved}."),
        }
    }

    fn updated_ago(self, seconds: i64) -> String {
        let (n, zh, en) = if seconds < 3600 {
            (seconds / 60, "分钟", "min")
        } else if seconds < 86_400 {
            (seconds / 3600, "小时", "h")
        } else {
            (seconds / 86_400, "天", "d")
        };
        match self {
            Self::ZhCn => format!("作业公示于 {n} {zh}前更新"),
            Self::En => format!("Homework notice updated {n} {en} ago"),
        }
    }

    fn month_title(self, year: i32, month: u8) -> String {
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        match self {
            Self::ZhCn => format!("{year}年{month}月"),
            Self::En => format!("{} {year}", EN[usize::from(month.clamp(1, 12) - 1)]),
        }
    }

    fn month_summary(
        self,
        avg: Option<f64>,
        within: usize,
        logged: usize,
        nights: usize,
        short: usize,
    ) -> String {
        let avg = avg.map_or_else(|| "–".to_owned(), |a| jianfu_core::text::fixed(a, 0));
        match self {
            Self::ZhCn => format!(
                "本月记录了 {logged} 个上学日，书面作业平均 {avg} 分钟，{within} 天在规定内；记录了 {nights} 晚睡眠，{short} 晚不足。"
            ),
            Self::En => format!(
                "{} logged this month, written homework averaging {avg} min, {within} within the limit; {} logged, {short} short of sleep.",
                en_count(logged, "school day", "school days"),
                en_count(nights, "night", "nights"),
            ),
        }
    }

    fn share_sentence(self, scope: &str, share: jianfu_core::evaluate::Share) -> String {
        let target = jianfu_core::evaluate::TARGET_PERCENT;
        match (self, share.percent()) {
            (Self::ZhCn, None) => format!("{scope}：还没有记录上学日的书面作业。"),
            (Self::En, None) => format!("{scope}: no school day with written homework logged yet."),
            (Self::ZhCn, Some(p)) => format!(
                "{scope}：{} 天中有 {} 天在规定时长内，占 {}%；国家目标 {target}% 以上，{}。",
                share.logged,
                share.within,
                jianfu_core::text::fixed(p, 1),
                if share.meets_target() {
                    "已达到"
                } else {
                    "未达到"
                }
            ),
            (Self::En, Some(p)) => format!(
                "{scope}: {} of {} {} within the limit, {}%; the national target is {target}% or more: {}.",
                share.within,
                share.logged,
                if share.logged == 1 { "day" } else { "days" },
                jianfu_core::text::fixed(p, 1),
                if share.meets_target() {
                    "met"
                } else {
                    "not met"
                }
            ),
        }
    }

    fn day_kind_notice(self, kind: jianfu_core::calendar::DayKind) -> Option<&'static str> {
        use jianfu_core::calendar::DayKind;
        match kind {
            DayKind::SchoolDay => None,
            DayKind::Holiday => Some(self.text(Msg::HolidayNotice)),
            DayKind::Weekend => Some(self.text(Msg::WeekendNotice)),
            DayKind::MakeUpDay => Some(self.text(Msg::MakeUpNotice)),
        }
    }

    fn week_title(self, week: u8, from: &str, to: &str) -> String {
        match self {
            Self::ZhCn => format!("第{week}周 · {from}–{to}"),
            Self::En => format!("Week {week} · {from} – {to}"),
        }
    }

    fn week_summary(
        self,
        avg: Option<f64>,
        limit: Option<u16>,
        within: u32,
        logged: u32,
    ) -> String {
        let avg = avg.map_or_else(|| "–".to_owned(), |a| jianfu_core::text::fixed(a, 0));
        match (self, limit) {
            (Self::ZhCn, Some(l)) => format!(
                "上学日书面作业平均 {avg} 分钟（上限 {l} 分钟），{logged} 天中有 {within} 天在规定内。"
            ),
            (Self::ZhCn, None) => format!("上学日书面作业平均 {avg} 分钟（无全国统一上限）。"),
            (Self::En, Some(l)) => format!(
                "Written homework averaged {avg} min on school days (limit {l} min); {within} of {logged} days were within the limit."
            ),
            (Self::En, None) => {
                format!("Written homework averaged {avg} min on school days (no national limit).")
            }
        }
    }

    fn imported(self, entries: usize, nights: usize, duplicates: usize) -> String {
        match self {
            Self::ZhCn => format!(
                "已导入 {entries} 条作业记录、{nights} 条睡眠记录；{duplicates} 条已存在，未重复导入。"
            ),
            Self::En => format!(
                "Imported {} and {}; {duplicates} {} already here and {} skipped.",
                en_count(entries, "homework record", "homework records"),
                en_count(nights, "night", "nights"),
                if duplicates == 1 { "was" } else { "were" },
                if duplicates == 1 { "was" } else { "were" },
            ),
        }
    }

    fn unfinished_count(self, n: usize) -> String {
        match (self, n) {
            (Self::ZhCn, 0) => "没有未完成的作业".to_owned(),
            (Self::ZhCn, n) => format!("{n} 项作业未完成"),
            (Self::En, 0) => "Nothing left unfinished".to_owned(),
            (Self::En, 1) => "1 piece of homework unfinished".to_owned(),
            (Self::En, n) => format!("{n} pieces of homework unfinished"),
        }
    }

    fn retrying(self, attempts: u32) -> String {
        match self {
            Self::ZhCn => format!("等待重试（已尝试 {attempts} 次）"),
            Self::En => format!("waiting to retry ({attempts} tries)"),
        }
    }

    fn outbox_link(self, waiting: usize) -> String {
        match self {
            Self::ZhCn => format!("发送队列（{waiting}）"),
            Self::En => format!("Outbox ({waiting})"),
        }
    }

    fn dates_range(self, from: &str, to: &str) -> String {
        format!("{from} – {to}")
    }

    fn likert(self, n: u64) -> String {
        let zh = [
            "",
            "1 非常不满意",
            "2 不满意",
            "3 一般",
            "4 满意",
            "5 非常满意",
        ];
        let en = [
            "",
            "1 very dissatisfied",
            "2 dissatisfied",
            "3 neutral",
            "4 satisfied",
            "5 very satisfied",
        ];
        let i = usize::try_from(n).unwrap_or(0).min(5);
        match self {
            Self::ZhCn => zh[i].to_owned(),
            Self::En => en[i].to_owned(),
        }
    }

    fn choose_up_to(self, max: usize) -> String {
        match self {
            Self::ZhCn => format!("最多选 {max} 项"),
            Self::En => format!("Choose up to {max}"),
        }
    }

    fn unit(self, unit: &str) -> String {
        match (self, unit) {
            (Self::ZhCn, "minutes") => "分钟".to_owned(),
            (Self::En, "minutes") => "minutes".to_owned(),
            (_, other) => other.to_owned(),
        }
    }

    fn include_class(self, class: &str) -> String {
        match self {
            Self::ZhCn => format!("附上班级和年级：{class}（可能缩小身份范围）"),
            Self::En => {
                format!("Include the class and grade: {class} (narrows down who you might be)")
            }
        }
    }

    fn delete_child_question(self, name: &str) -> String {
        match self {
            Self::ZhCn => format!("删除“{name}”及其全部记录？此操作无法恢复。"),
            Self::En => format!("Delete {name} and all their records? This cannot be undone."),
        }
    }
}

/// Every fixed string of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    /// The app's name in the header.
    AppName,
    /// While something loads.
    Loading,
    /// A screen's code could not be loaded (followed by the reason).
    ScreenLoadFailed,
    /// Tries a failed load again.
    TryAgain,
    /// Heading of today's homework.
    TodayHeading,
    /// The feed could not be fetched.
    FeedUnreachable,
    /// The feed is not a valid jianfu.feed/1.
    FeedInvalid,
    /// The feed's address answers "not found".
    FeedNotFound,
    /// Offline before any copy of the feed was saved.
    OfflineNoCopy,
    /// The summary over an invalid feed's details.
    TechnicalDetails,
    /// Nothing published for the day.
    NoHomeworkToday,
    /// Label before the estimated written total.
    WrittenTotal,
    /// Marks an optional item.
    Optional,
    /// Kind name.
    KindWritten,
    /// Kind name.
    KindReading,
    /// Kind name.
    KindOral,
    /// Kind name.
    KindPhysical,
    /// Kind name.
    KindArt,
    /// Kind name.
    KindLabor,
    /// Kind name.
    KindInquiry,
    /// Kind name.
    KindOther,
    /// Shown when IndexedDB is unavailable.
    StorageUnavailable,
    /// After a committed write.
    Saved,
    /// Before a storage error.
    SaveFailed,
    /// Quota exceeded.
    QuotaExceeded,
    /// Label of the child switcher.
    ChooseChild,
    /// Label of the language button.
    SwitchLanguage,
    /// This language's own name, on the toggle.
    LanguageName,
    /// Label of the tab bar.
    Navigation,
    /// Tab.
    TabToday,
    /// Tab.
    TabLog,
    /// Tab.
    TabSleep,
    /// Tab.
    TabWeek,
    /// Tab.
    /// The tab of surveys, the report and the outbox.
    TabVoice,
    /// After the tab badge's count, for screen readers.
    Waiting,
    TabMore,
    /// First run heading.
    WelcomeHeading,
    /// First-run line: what the app shows.
    FirstRunSee,
    /// First-run line: what it logs and checks.
    FirstRunLog,
    /// First-run line: what never leaves the phone.
    FirstRunPrivate,
    /// Form heading and button.
    AddChild,
    /// Field.
    Nickname,
    /// Help under the nickname.
    NicknameHelp,
    /// Validation.
    NicknameNeeded,
    /// Field.
    Grade,
    /// Field.
    FeedUrl,
    /// Help.
    FeedUrlHelp,
    /// Label of the date navigation.
    ChooseDay,
    /// Link.
    PreviousDay,
    /// Link.
    NextDay,
    /// Link.
    BackToToday,
    /// Rule notice for grades 1–2.
    NoWrittenGrades12,
    /// Limit bar label.
    EstimatedWritten,
    /// Limit bar label.
    LoggedWritten,
    /// Button on an item.
    StartTimer,
    /// Button while a timer runs.
    Timing,
    /// Word beside the bar.
    WithinLimit,
    /// Word beside the bar.
    NearLimit,
    /// Word beside the bar.
    OverLimit,
    /// Limit text.
    NoLimit,
    /// Limit text for grades 1-2.
    NoneAllowed,
    /// Timer panel label.
    TimersHeading,
    /// Bedtime reminder.
    BedtimeReminder,
    /// Timer label.
    Elapsed,
    /// Timer state.
    Paused,
    /// Clock anomaly.
    ClockJumped,
    /// Confirmation field.
    MinutesToLog,
    /// Button.
    Pause,
    /// Button.
    Resume,
    /// Button.
    Done,
    /// Button.
    StopForBed,
    /// Button label.
    DiscardTimer,
    /// The line after a stopwatch was discarded.
    TimerDiscarded,
    /// Brings it back.
    Undo,
    /// Asked when a stopwatch ran under a minute.
    UnderAMinute,
    /// Logs it as one minute.
    KeepOneMinute,
    /// Night state.
    SleepShort,
    /// Night state.
    SleepEnough,
    /// Details summary.
    RulesSummary,
    /// Rule text.
    RulesHomework,
    /// The night before a day.
    LastNight,
    /// Nothing logged for it.
    NotLogged,
    /// A holiday or vacation day: what applies.
    HolidayNotice,
    /// A Saturday or Sunday: what applies.
    WeekendNotice,
    /// A make-up school day (调休): what applies.
    MakeUpNotice,
    /// Optional minutes logged, kept apart.
    OptionalLogged,
}

/// Texts only the lazily loaded screens and the widget show: a catalogue
/// of their own, so the app's first download does not carry them (each
/// catalogue is one `match`, kept whole by whichever module calls it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoreMsg {
    /// Label of the month navigation.
    ChooseMonth,
    /// Previous month link.
    PreviousMonth,
    /// Next month link.
    NextMonth,
    /// Caption of the month's calendar.
    MonthTableCaption,
    /// Link from the week to its month.
    MonthView,
    /// Log screen heading.
    LogHeading,
    /// Empty log.
    NothingLogged,
    /// How an entry was logged.
    Timed,
    /// How an entry was logged.
    EnteredByHand,
    /// Entry state.
    Unfinished,
    /// Button.
    Edit,
    /// Confirmation.
    DeleteEntryQuestion,
    /// Form heading.
    AddEntry,
    /// Form heading.
    EditEntry,
    /// Field.
    Subject,
    /// Field.
    Kind,
    /// Field.
    MinutesLabel,
    /// Validation.
    MinutesRange,
    /// Checkbox.
    FinishedLabel,
    /// Button.
    Save,
    /// Button.
    Cancel,
    /// Heading.
    SleepHeading,
    /// Field.
    NightOf,
    /// Field.
    Bedtime,
    /// Field.
    Wake,
    /// Help.
    AfterMidnightHelp,
    /// Validation.
    NightFieldsNeeded,
    /// Validation.
    NightTooLong,
    /// Validation.
    NightNoSleep,
    /// Label.
    ChooseWeek,
    /// Link.
    PreviousWeek,
    /// Link.
    NextWeek,
    /// Week summary when empty.
    NoSchoolDaysLogged,
    /// Chart caption.
    ChartWritten,
    /// Chart label.
    ChartWrittenLabel,
    /// Chart caption.
    ChartSleep,
    /// Chart label.
    ChartSleepLabel,
    /// Table caption.
    WeekTableCaption,
    /// Column.
    Day,
    /// Column.
    WrittenShort,
    /// Column.
    LimitShort,
    /// Column.
    SleepShortHeading,
    /// Column.
    LateShort,
    /// Rule text.
    RulesAverage,
    /// Heading.
    DataHeading,
    /// Privacy statement.
    PrivacyStatement,
    /// Heading.
    ExportHeading,
    /// Help.
    ExportHelp,
    /// Button.
    Export,
    /// Error.
    ExportFailed,
    /// Heading.
    ImportHeading,
    /// Help.
    ImportHelp,
    /// File input label.
    ChooseFile,
    /// Error.
    ImportFailed,
    /// Link.
    ManageChildren,
    /// Heading and button.
    DeleteEverything,
    /// Help.
    DeleteEverythingHelp,
    /// Confirmation.
    DeleteEverythingQuestion,
    /// Label of the hub.
    MoreHeading,
    /// Why the widget has no report form.
    WidgetReportWhy,
    /// Opens the bureau's page.
    OpenBureauPage,
    /// Heading.
    SurveysHeading,
    /// Over the thanks after a survey.
    ThanksHeading,
    /// The answer waits in the outbox.
    ThanksQueued,
    /// The answer arrived.
    ThanksArrived,
    /// What the school and the bureau see.
    ThanksWhatIsSeen,
    /// Back to the list of surveys.
    BackToSurveys,
    /// Under the report card on the feedback screen.
    ReportTeaser,
    /// The report card's button.
    WriteReport,
    /// Help.
    SurveysHelp,
    /// Empty.
    NoSurveys,
    /// Error.
    SurveyUnavailable,
    /// Status.
    Answered,
    /// Status.
    NotYetOpen,
    /// Status.
    Closed,
    /// Status.
    OpenNow,
    /// Help.
    SurveyAnonymous,
    /// Status.
    AlreadyAnswered,
    /// Status.
    SurveyNotOpen,
    /// Status.
    NoSurveyAddress,
    /// Before what a question expects.
    Expected,
    /// Marker.
    Required,
    /// Heading of the preview.
    ExactlyWhatIsSent,
    /// Help.
    PreviewHelp,
    /// Button.
    SendAnonymously,
    /// Button.
    BackToEdit,
    /// Button.
    ReviewBeforeSending,
    /// Heading.
    ReportHeading,
    /// Privacy.
    ReportPrivacy,
    /// Help.
    ReportNotOfficial,
    /// Status.
    NoReportAddress,
    /// Validation.
    ChooseCategory,
    /// Validation.
    DateNeeded,
    /// Validation.
    DescriptionRange,
    /// Legend.
    WhatHappened,
    /// Field.
    WhenDidItHappen,
    /// Field.
    Description,
    /// Warning.
    LooksLikePhone,
    /// Warning.
    LooksLikeId,
    /// Warning.
    LooksLikeEmail,
    /// Field.
    ContactOptional,
    /// Help.
    ContactHelp,
    /// Button.
    SealAndSend,
    /// Before the receiving bureau's name.
    ReceivingBureau,
    /// Before the key's fingerprint.
    KeyFingerprint,
    /// Why the fingerprint is shown.
    FingerprintHelp,
    /// The feed names another receiver than the directory.
    OtherReceiverWarning,
    /// The feed's school id is not one the bureau covering its address lists.
    SchoolNotListed,
    /// The survey's answers go to the school.
    SurveyGoesToSchool,
    /// The survey names a collector bureau this app does not know.
    CollectorUnknown,
    /// A token survey whose issuer key its collector does not list.
    IssuerNotPinned,
    /// Before a token survey's issuer key id.
    IssuerKeyId,
    /// Why the issuer key id is shown.
    IssuerKeyHelp,
    /// The browser's random source failed.
    NoRandomness,
    /// Help: a token survey asks for the slip's code.
    InviteHelp,
    /// Label of the code field.
    InviteCode,
    /// Button: redeem the code.
    InviteConfirm,
    /// Status while redeeming.
    InviteConfirming,
    /// Status: the token is kept.
    InviteReady,
    /// Error: not a code.
    InviteBadCode,
    /// Error: the issuer does not know the code.
    InviteUnknown,
    /// Error: the code was redeemed before.
    InviteUsed,
    /// Status: offline while redeeming.
    InviteOffline,
    /// Error: the issuer is busy or down.
    InviteLater,
    /// Error: the invitation's survey did not load.
    InviteNoSurvey,
    /// Why the widget has no survey form.
    WidgetSurveyWhy,
    /// Opens the app's surveys.
    OpenSurveysInApp,
    /// The table column of optional minutes.
    OptionalShort,
    /// The week's share.
    ShareWeek,
    /// The month's share.
    ShareMonth,
    /// The term's share so far.
    ShareTerm,
    /// A holiday or vacation day, in a word.
    DayHoliday,
    /// A make-up school day (调休), in a word.
    DayMakeUp,
    /// Heading.
    OutboxHeading,
    /// Help.
    OutboxHelp,
    /// Empty outbox.
    OutboxEmpty,
    /// Item kind.
    SurveyResponse,
    /// Item kind.
    SealedReport,
    /// State.
    StateWaiting,
    /// State.
    StateSent,
    /// State: solving a busy inbox's proof of work.
    StateBusy,
    /// State.
    StateFailed,
    /// Button.
    SendNow,
    /// Button.
    Withdraw,
    /// Button.
    Discard,
    /// Confirmation.
    DiscardQuestion,
    /// A new build is installed and waiting.
    UpdateReady,
    /// Button that switches to it.
    UpdateNow,
    /// Badge of the selected child.
    Current,
    /// Button.
    SwitchTo,
    /// Children screen heading.
    ChildrenHeading,
    /// Button.
    Delete,
}

/// "1 night" / "2 nights": English counts with their noun.
fn en_count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod plural_tests {
    use super::{AppLang, Lang};

    /// #16: "1 school days", "1 nights" and "Week 49" without its dates.
    #[test]
    fn english_counts_agree_and_weeks_carry_their_dates() {
        assert_eq!(
            Lang::En.imported(2, 1, 1),
            "Imported 2 homework records and 1 night; 1 was already here and was skipped."
        );
        assert_eq!(
            Lang::En.imported(1, 3, 0),
            "Imported 1 homework record and 3 nights; 0 were already here and were skipped."
        );
        let month = Lang::En.month_summary(Some(40.0), 1, 1, 1, 0);
        assert!(
            month.starts_with("1 school day logged this month"),
            "{month}"
        );
        assert!(
            month.contains("; 1 night logged, 0 short of sleep."),
            "{month}"
        );
        assert_eq!(
            Lang::ZhCn.week_title(49, "11月30日", "12月6日"),
            "第49周 · 11月30日–12月6日"
        );
        assert_eq!(
            Lang::En.week_title(49, "Nov 30", "Dec 6"),
            "Week 49 · Nov 30 – Dec 6"
        );
    }
}
