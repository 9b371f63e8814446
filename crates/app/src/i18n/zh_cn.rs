//! 简体中文 catalogue.

use super::{MoreMsg, Msg};

// A catalogue is a table: long, and some entries share a text on purpose.
#[allow(clippy::too_many_lines, clippy::match_same_arms)]
pub(super) fn text(msg: Msg) -> &'static str {
    match msg {
        Msg::AppName => "减负",
        Msg::Loading => "正在加载…",
        Msg::ScreenLoadFailed => "此页面未能加载，请连网后重试。",
        Msg::TryAgain => "重试",
        Msg::TodayHeading => "今日作业",
        Msg::FeedUnreachable => "暂时连不上学校的网站。",
        Msg::FeedInvalid => "作业公示格式有误",
        Msg::FeedNotFound => "学校的网站上找不到这份作业公示，请向老师核对链接。",
        Msg::OfflineNoCopy => "离线：联网后会自动获取作业公示。",
        Msg::TechnicalDetails => "给学校技术人员的详情",
        Msg::NoHomeworkToday => "这一天没有公示的作业。用 ‹ › 查看其他日子。",
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
        Msg::StorageUnavailable => "此浏览器无法保存数据：记录只保留到关闭页面为止。",
        Msg::Saved => "已保存",
        Msg::SaveFailed => "未能保存，输入的内容仍在屏幕上。",
        Msg::QuotaExceeded => "设备存储空间已满，未能保存。请清理空间后再试，已有记录不受影响。",
        Msg::ChooseChild => "选择孩子",
        Msg::SwitchLanguage => "切换语言",
        Msg::LanguageName => "中文",
        Msg::Navigation => "主导航",
        Msg::TabToday => "今日",
        Msg::TabLog => "记录",
        Msg::TabSleep => "睡眠",
        Msg::TabWeek => "本周",
        Msg::TabVoice => "反馈",
        Msg::Waiting => "项待处理",
        Msg::TabMore => "数据",
        Msg::WelcomeHeading => "欢迎使用减负",
        Msg::FirstRunSee => "看作业：每天打开就能看到班级公示的作业和预计用时。",
        Msg::FirstRunLog => "记用时和睡眠：对照“双减”规定，一眼看出有没有超时。",
        Msg::FirstRunPrivate => {
            "隐私：孩子的记录只保存在这台手机上，除非您自己导出；问卷和反映都是匿名的。"
        }
        Msg::AddChild => "添加孩子",
        Msg::Nickname => "昵称",
        Msg::NicknameHelp => "昵称只保存在本设备上，不会随任何问卷或举报发送。",
        Msg::NicknameNeeded => "请填写昵称。",
        Msg::Grade => "年级",
        Msg::FeedUrl => "班级作业公示地址",
        Msg::FeedUrlHelp => "学校门户提供的地址；默认是演示班级。",
        Msg::ChooseDay => "选择日期",
        Msg::PreviousDay => "前一天",
        Msg::NextDay => "后一天",
        Msg::BackToToday => "回到今天",
        Msg::NoWrittenGrades12 => "一、二年级不布置书面家庭作业（可在校内适当安排巩固练习）。",
        Msg::EstimatedWritten => "老师预计书面作业",
        Msg::LoggedWritten => "实际书面作业用时",
        Msg::StartTimer => "开始计时",
        Msg::Timing => "计时中",
        Msg::WithinLimit => "在规定内",
        Msg::NearLimit => "接近上限",
        Msg::OverLimit => "超过上限",
        Msg::NoLimit => "无全国统一上限",
        Msg::NoneAllowed => "不应布置",
        Msg::TimersHeading => "计时器",
        Msg::BedtimeReminder => {
            "已经到就寝时间了。即使作业没有完成，也请按时睡觉——老师会根据情况调整作业。"
        }
        Msg::Elapsed => "已用时间",
        Msg::Paused => "已暂停",
        Msg::ClockJumped => "设备时间发生了跳变，请确认实际用时。",
        Msg::MinutesToLog => "记录的分钟数",
        Msg::Pause => "暂停",
        Msg::Resume => "继续",
        Msg::Done => "完成",
        Msg::StopForBed => "去睡觉（未完成）",
        Msg::DiscardTimer => "放弃计时",
        Msg::TimerDiscarded => "已放弃计时",
        Msg::Undo => "撤销",
        Msg::UnderAMinute => "计时不到 1 分钟：记为 1 分钟，还是放弃？",
        Msg::KeepOneMinute => "记为 1 分钟",
        Msg::SleepShort => "睡眠不足",
        Msg::SleepEnough => "睡眠充足",
        Msg::RulesSummary => "相关规定",
        Msg::RulesHomework => {
            "“双减”规定：一、二年级不布置书面家庭作业；三至六年级书面作业平均完成时间不超过60分钟；初中不超过90分钟。周末和节假日也要控制书面作业总量。"
        }
        Msg::LastNight => "昨晚",
        Msg::NotLogged => "未记录",
        Msg::OptionalLogged => "选做作业（不计入时长规定）",
        Msg::HolidayNotice => "假日：不适用上学日的书面作业时长规定。",
        Msg::WeekendNotice => "周末：不适用上学日的书面作业时长规定。",
        Msg::MakeUpNotice => "调休上课日：按上学日的书面作业时长规定。",
    }
}

// The second catalogue (see `MoreMsg`).
#[allow(clippy::too_many_lines, clippy::match_same_arms)]
pub(super) fn more_text(msg: MoreMsg) -> &'static str {
    match msg {
        MoreMsg::Current => "当前",
        MoreMsg::SwitchTo => "切换",
        MoreMsg::ChildrenHeading => "孩子",
        MoreMsg::Delete => "删除",
        MoreMsg::UpdateReady => "新版本已就绪，更新不会影响已有记录和正在进行的计时。",
        MoreMsg::UpdateNow => "立即更新",
        MoreMsg::OutboxHeading => "发送队列",
        MoreMsg::OutboxHelp => {
            "问卷回答和举报先保存在本设备上，有网络时自动发送；请求不带 Cookie 和来源信息，并随机延迟发送。"
        }
        MoreMsg::OutboxEmpty => {
            "没有待发送的内容。回答问卷或写匿名反映后，会先放在这里，有网络时自动发送。"
        }
        MoreMsg::SurveyResponse => "问卷回答",
        MoreMsg::SealedReport => "举报（已加密）",
        MoreMsg::StateWaiting => "等待发送",
        MoreMsg::StateBusy => "正在发送（服务器繁忙）…",
        MoreMsg::StateSent => "已送达",
        MoreMsg::StateFailed => "接收方拒收，不会自动重发。",
        MoreMsg::SendNow => "立即发送",
        MoreMsg::Withdraw => "撤回",
        MoreMsg::Discard => "删除",
        MoreMsg::DiscardQuestion => "确定撤回/删除这一项？",
        MoreMsg::ChooseMonth => "选择月份",
        MoreMsg::PreviousMonth => "上个月",
        MoreMsg::NextMonth => "下个月",
        MoreMsg::MonthTableCaption => "本月每日书面作业分钟数与睡眠小时数",
        MoreMsg::MonthView => "按月查看",
        MoreMsg::LogHeading => "作业记录",
        MoreMsg::NothingLogged => "这一天还没有记录。可以在“今日”计时，或在下面手动填写用时。",
        MoreMsg::Timed => "计时",
        MoreMsg::EnteredByHand => "手动",
        MoreMsg::Unfinished => "未完成",
        MoreMsg::Edit => "修改",
        MoreMsg::DeleteEntryQuestion => "删除这条记录？",
        MoreMsg::AddEntry => "手动记录",
        MoreMsg::EditEntry => "修改记录",
        MoreMsg::Subject => "科目",
        MoreMsg::Kind => "类型",
        MoreMsg::MinutesLabel => "用时（分钟）",
        MoreMsg::MinutesRange => "请填写 0–600 之间的整数分钟。",
        MoreMsg::FinishedLabel => "已完成",
        MoreMsg::Save => "保存",
        MoreMsg::Cancel => "取消",
        MoreMsg::SleepHeading => "睡眠",
        MoreMsg::NightOf => "哪天晚上",
        MoreMsg::Bedtime => "就寝时间",
        MoreMsg::Wake => "起床时间",
        MoreMsg::AfterMidnightHelp => "午夜后才睡（如 00:30）也填在前一天晚上。",
        MoreMsg::NightFieldsNeeded => "请填写日期、就寝和起床时间。",
        MoreMsg::NightTooLong => "超过 16 小时，请检查时间。",
        MoreMsg::NightNoSleep => "起床时间需晚于就寝时间。",
        MoreMsg::ChooseWeek => "选择周",
        MoreMsg::PreviousWeek => "上一周",
        MoreMsg::NextWeek => "下一周",
        MoreMsg::NoSchoolDaysLogged => "本周还没有记录上学日的作业。",
        MoreMsg::ChartWritten => "每日书面作业（分钟）",
        MoreMsg::ChartWrittenLabel => {
            "柱状图：每天的书面作业分钟数，虚线为上限。下表列出相同数据。"
        }
        MoreMsg::ChartSleep => "每晚睡眠（小时）",
        MoreMsg::ChartSleepLabel => "柱状图：每晚睡眠小时数，虚线为应睡时长。下表列出相同数据。",
        MoreMsg::WeekTableCaption => "本周每日情况",
        MoreMsg::Day => "日期",
        MoreMsg::WrittenShort => "书面(分)",
        MoreMsg::LimitShort => "上限",
        MoreMsg::SleepShortHeading => "睡眠",
        MoreMsg::LateShort => "晚睡(分)",
        MoreMsg::RulesAverage => {
            "上限针对的是平均用时：某一天用时较长是提醒，一周的平均值才是判断依据；“在规定内的天数比例”就是全国考核学校的指标。"
        }
        MoreMsg::DataHeading => "我的数据",
        MoreMsg::PrivacyStatement => {
            "所有记录只保存在本设备上，不会上传到任何服务器。只有您主动导出文件、提交问卷或举报时，数据才会离开本设备，而且问卷和举报不包含孩子的昵称或任何身份信息。"
        }
        MoreMsg::ExportHeading => "导出",
        MoreMsg::ExportHelp => {
            "把当前孩子的全部记录保存为一个文件（jianfu.log/1 格式），可在另一台设备导入。"
        }
        MoreMsg::Export => "导出记录",
        MoreMsg::ExportFailed => "导出失败：",
        MoreMsg::ImportHeading => "导入",
        MoreMsg::ImportHelp => "导入之前导出的文件；已有的记录不会重复。",
        MoreMsg::ChooseFile => "选择文件",
        MoreMsg::ImportFailed => "导入失败：",
        MoreMsg::ManageChildren => "管理孩子",
        MoreMsg::DeleteEverything => "删除全部数据",
        MoreMsg::DeleteEverythingHelp => "删除本设备上所有孩子的全部记录，无法恢复。",
        MoreMsg::MoreHeading => "更多",
        MoreMsg::SurveysHeading => "问卷调查",
        MoreMsg::ThanksHeading => "谢谢您的回答！",
        MoreMsg::ThanksQueued => "回答已保存在本设备的待发送中，有网络时会自动匿名发送。",
        MoreMsg::ThanksArrived => "回答已匿名送达。",
        MoreMsg::ThanksWhatIsSeen => {
            "回答不带姓名，也不带这台设备的任何信息。结果按所有家长的回答汇总公布，不会显示某一份回答。"
        }
        MoreMsg::BackToSurveys => "返回问卷列表",
        MoreMsg::ReportTeaser => "作业太多、睡眠不足或其他违反“双减”的情况，可以匿名告诉教育局。",
        MoreMsg::WriteReport => "写匿名反映",
        MoreMsg::SurveysHelp => {
            "学校发布的匿名问卷。回答不包含姓名、昵称或设备信息；本设备只记录是否已回答，不记录答案。"
        }
        MoreMsg::NoSurveys => {
            "这个班级目前没有问卷。学校发布问卷后会出现在这里，“反馈”上也会有提示。"
        }
        MoreMsg::SurveyUnavailable => "无法加载这份问卷，联网后再试。",
        MoreMsg::Answered => "已回答",
        MoreMsg::NotYetOpen => "尚未开始",
        MoreMsg::Closed => "已结束",
        MoreMsg::OpenNow => "进行中",
        MoreMsg::SurveyAnonymous => "匿名问卷：只发送您的回答、日期和年级段（如问卷需要）。",
        MoreMsg::AlreadyAnswered => "您已在本设备上回答过这份问卷。",
        MoreMsg::SurveyNotOpen => "这份问卷目前不接受回答。",
        MoreMsg::NoSurveyAddress => "作业公示没有提供问卷提交地址，暂时无法回答。",
        MoreMsg::Expected => "需要：",
        MoreMsg::Required => "必答",
        MoreMsg::ExactlyWhatIsSent => "将要发送的内容",
        MoreMsg::PreviewHelp => "以上就是全部内容，不含任何身份信息。",
        MoreMsg::SendAnonymously => "匿名发送",
        MoreMsg::BackToEdit => "返回修改",
        MoreMsg::ReviewBeforeSending => "检查后发送",
        MoreMsg::ReportHeading => "匿名举报",
        MoreMsg::ReportPrivacy => {
            "举报在您的手机上加密，只有教育局的密钥能打开；学校门户和任何中转服务器都看不到内容。"
        }
        MoreMsg::ReportNotOfficial => {
            "减负的举报是匿名的，不等同于官方实名举报渠道；如需正式受理，请通过当地教育部门公布的渠道实名反映。"
        }
        MoreMsg::NoReportAddress => {
            "本应用没有负责这所学校的教育局，无法在此发送举报。请直接联系学校所在地的教育局，或拨打 12345 政务服务便民热线。"
        }
        MoreMsg::ChooseCategory => "请选择所反映的问题。",
        MoreMsg::DateNeeded => "请填写发生日期。",
        MoreMsg::DescriptionRange => "请填写 1–2000 字的情况说明。",
        MoreMsg::WhatHappened => "反映的问题（每项为相关规定）",
        MoreMsg::WhenDidItHappen => "发生日期",
        MoreMsg::Description => "情况说明",
        MoreMsg::LooksLikePhone => "内容中似乎有电话号码，可能暴露身份。确定要保留吗？",
        MoreMsg::LooksLikeId => "内容中似乎有身份证号码，可能暴露身份。确定要保留吗？",
        MoreMsg::LooksLikeEmail => "内容中似乎有电子邮箱地址，可能暴露身份。确定要保留吗？",
        MoreMsg::ContactOptional => "联系方式（可不填）",
        MoreMsg::ContactHelp => "只有您愿意被联系时才填写；填写后教育局可能知道您是谁。",
        MoreMsg::SealAndSend => "加密并发送",
        MoreMsg::WidgetReportWhy => {
            "举报表单不在学校门户的页面中填写：门户能读取自己页面上输入的内容。请在教育局自己的页面中填写，内容会在您的手机上加密，只有教育局能打开。"
        }
        MoreMsg::OpenBureauPage => "打开教育局举报页面",
        MoreMsg::ReceivingBureau => "接收举报：",
        MoreMsg::KeyFingerprint => "密钥指纹",
        MoreMsg::FingerprintHelp => "可与教育局公布的指纹核对。",
        MoreMsg::OtherReceiverWarning => {
            "这所学校的作业公示写了另一个接收方；举报只发送给本应用列出的教育局。"
        }
        MoreMsg::SchoolNotListed => {
            "这份作业公示所写的学校不在负责其发布地址的教育局名单中。举报仍发送给该教育局：它负责这份公示的发布地址。"
        }
        MoreMsg::SurveyGoesToSchool => "这份问卷由学校收集：您的回答发送给学校。",
        MoreMsg::IssuerNotPinned => {
            "这份问卷的邀请码签发密钥不在本应用为收集方教育局列出的名单中，无法在此参加：否则签发方可以给每个家庭不同的密钥，从而认出答卷。"
        }
        MoreMsg::IssuerKeyId => "邀请码签发密钥",
        MoreMsg::IssuerKeyHelp => "应与邀请条上印的一致；每个家庭看到的都应相同。",
        MoreMsg::CollectorUnknown => "这份问卷指定的收集方不在本应用的教育局名单中，无法发送回答。",
        MoreMsg::InviteHelp => {
            "这份问卷只计受邀家庭的回答，每户一份。请输入学校发的纸条上的邀请码。"
        }
        MoreMsg::InviteCode => "邀请码",
        MoreMsg::InviteConfirm => "确认邀请码",
        MoreMsg::InviteConfirming => "正在确认邀请码…",
        MoreMsg::InviteReady => {
            "邀请码已确认。现在或以后回答都可以，离线也行。学校和教育局无法把您的回答和邀请码对上。"
        }
        MoreMsg::InviteBadCode => "邀请码由 20 个字母和数字组成，请核对纸条。",
        MoreMsg::InviteUnknown => "这个邀请码对这份问卷无效，请核对纸条上的字母和数字。",
        MoreMsg::InviteUsed => "这个邀请码已经用过了：每个邀请码只能回答一次。",
        MoreMsg::InviteOffline => "没有网络：联网后再确认邀请码。确认之后，回答可以离线填写。",
        MoreMsg::InviteLater => "暂时无法确认邀请码，请稍后再试。",
        MoreMsg::InviteNoSurvey => "打不开邀请里的问卷。请检查网络，或向学校核对。",
        MoreMsg::NoRandomness => "此浏览器无法生成匿名发送所需的随机数，未发送任何内容。",
        MoreMsg::WidgetSurveyWhy => {
            "问卷不在学校门户的页面中填写：门户能读取自己页面上输入的内容。请在减负应用中回答，回答不经过门户。"
        }
        MoreMsg::OpenSurveysInApp => "在减负应用中打开问卷",
        MoreMsg::DeleteEverythingQuestion => "确定删除本设备上的全部数据？此操作无法恢复。",
        MoreMsg::OptionalShort => "选做",
        MoreMsg::ShareWeek => "本周达标率",
        MoreMsg::ShareMonth => "本月达标率",
        MoreMsg::ShareTerm => "本学期至今达标率",
        MoreMsg::DayHoliday => "假日",
        MoreMsg::DayMakeUp => "调休上课日",
    }
}
