//! 简体中文 catalogue.

use super::Msg;

// A catalogue is a table: long, and some entries share a text on purpose.
#[allow(clippy::too_many_lines, clippy::match_same_arms)]
pub(super) fn text(msg: Msg) -> &'static str {
    match msg {
        Msg::AppName => "减负",
        Msg::Loading => "正在加载…",
        Msg::ChooseMonth => "选择月份",
        Msg::PreviousMonth => "上个月",
        Msg::NextMonth => "下个月",
        Msg::MonthTableCaption => "本月每日书面作业分钟数与睡眠小时数",
        Msg::MonthView => "按月查看",
        Msg::ScreenLoadFailed => "此页面未能加载（请连网后重试）：",
        Msg::TryAgain => "重试",
        Msg::TodayHeading => "今日作业",
        Msg::FeedUnreachable => "无法获取作业公示",
        Msg::FeedInvalid => "作业公示格式有误",
        Msg::ShowingLastGoodCopy => "下面显示的是上一次成功获取的版本。",
        Msg::NoHomeworkToday => "这一天没有公示的作业。",
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
        Msg::SaveFailed => "未能保存，输入的内容仍在：",
        Msg::QuotaExceeded => "设备存储空间已满，未能保存。请清理空间后再试，已有记录不受影响。",
        Msg::ChooseChild => "选择孩子",
        Msg::SwitchLanguage => "切换语言",
        Msg::LanguageName => "中文",
        Msg::Navigation => "主导航",
        Msg::TabToday => "今日",
        Msg::TabLog => "记录",
        Msg::TabSleep => "睡眠",
        Msg::TabWeek => "本周",
        Msg::TabMore => "数据",
        Msg::WelcomeHeading => "欢迎使用减负",
        Msg::WelcomeText => {
            "添加孩子后，即可查看班级作业公示、记录作业用时和睡眠，并对照“双减”规定。所有记录只保存在本设备上。"
        }
        Msg::ChildrenHeading => "孩子",
        Msg::AddChild => "添加孩子",
        Msg::Nickname => "昵称",
        Msg::NicknameHelp => "昵称只保存在本设备上，不会随任何问卷或举报发送。",
        Msg::NicknameNeeded => "请填写昵称。",
        Msg::Grade => "年级",
        Msg::FeedUrl => "班级作业公示地址",
        Msg::FeedUrlHelp => "学校门户提供的地址；默认是演示班级。",
        Msg::Current => "当前",
        Msg::SwitchTo => "切换",
        Msg::Delete => "删除",
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
        Msg::DiscardTimer => "放弃此计时",
        Msg::DiscardTimerQuestion => "放弃这次计时？时间不会被记录。",
        Msg::LogHeading => "作业记录",
        Msg::NothingLogged => "这一天还没有记录。",
        Msg::Timed => "计时",
        Msg::EnteredByHand => "手动",
        Msg::Unfinished => "未完成",
        Msg::Edit => "修改",
        Msg::DeleteEntryQuestion => "删除这条记录？",
        Msg::AddEntry => "手动记录",
        Msg::EditEntry => "修改记录",
        Msg::Subject => "科目",
        Msg::Kind => "类型",
        Msg::MinutesLabel => "用时（分钟）",
        Msg::MinutesRange => "请填写 0–600 之间的整数分钟。",
        Msg::FinishedLabel => "已完成",
        Msg::Save => "保存",
        Msg::Cancel => "取消",
        Msg::SleepHeading => "睡眠",
        Msg::NightOf => "哪天晚上",
        Msg::Bedtime => "就寝时间",
        Msg::Wake => "起床时间",
        Msg::AfterMidnightHelp => "午夜后才睡（如 00:30）也填在前一天晚上。",
        Msg::NightFieldsNeeded => "请填写日期、就寝和起床时间。",
        Msg::NightTooLong => "超过 16 小时，请检查时间。",
        Msg::NightNoSleep => "起床时间需晚于就寝时间。",
        Msg::SleepShort => "睡眠不足",
        Msg::SleepEnough => "睡眠充足",
        Msg::ChooseWeek => "选择周",
        Msg::PreviousWeek => "上一周",
        Msg::NextWeek => "下一周",
        Msg::NoSchoolDaysLogged => "本周还没有记录上学日的作业。",
        Msg::ChartWritten => "每日书面作业（分钟）",
        Msg::ChartWrittenLabel => "柱状图：每天的书面作业分钟数，虚线为上限。下表列出相同数据。",
        Msg::ChartSleep => "每晚睡眠（小时）",
        Msg::ChartSleepLabel => "柱状图：每晚睡眠小时数，虚线为应睡时长。下表列出相同数据。",
        Msg::WeekTableCaption => "本周每日情况",
        Msg::Day => "日期",
        Msg::WrittenShort => "书面(分)",
        Msg::LimitShort => "上限",
        Msg::SleepShortHeading => "睡眠",
        Msg::LateShort => "晚睡(分)",
        Msg::RulesSummary => "相关规定",
        Msg::RulesHomework => {
            "“双减”规定：一、二年级不布置书面家庭作业；三至六年级书面作业平均完成时间不超过60分钟；初中不超过90分钟。周末和节假日也要控制书面作业总量。"
        }
        Msg::RulesAverage => {
            "上限针对的是平均用时：某一天用时较长是提醒，一周的平均值才是判断依据；“在规定内的天数比例”就是全国考核学校的指标。"
        }
        Msg::DataHeading => "我的数据",
        Msg::PrivacyStatement => {
            "所有记录只保存在本设备上，不会上传到任何服务器。只有您主动导出文件、提交问卷或举报时，数据才会离开本设备，而且问卷和举报不包含孩子的昵称或任何身份信息。"
        }
        Msg::ExportHeading => "导出",
        Msg::ExportHelp => {
            "把当前孩子的全部记录保存为一个文件（jianfu.log/1 格式），可在另一台设备导入。"
        }
        Msg::Export => "导出记录",
        Msg::ExportFailed => "导出失败：",
        Msg::ImportHeading => "导入",
        Msg::ImportHelp => "导入之前导出的文件；已有的记录不会重复。",
        Msg::ChooseFile => "选择文件",
        Msg::ImportFailed => "导入失败：",
        Msg::ManageChildren => "管理孩子",
        Msg::DeleteEverything => "删除全部数据",
        Msg::DeleteEverythingHelp => "删除本设备上所有孩子的全部记录，无法恢复。",
        Msg::UpdateReady => "新版本已就绪，更新不会影响已有记录和正在进行的计时。",
        Msg::LastNight => "昨晚",
        Msg::NotLogged => "未记录",
        Msg::MoreHeading => "更多",
        Msg::OutboxHeading => "发送队列",
        Msg::OutboxHelp => {
            "问卷回答和举报先保存在本设备上，有网络时自动发送；请求不带 Cookie 和来源信息，并随机延迟发送。"
        }
        Msg::OutboxEmpty => "没有待发送的内容。",
        Msg::SurveyResponse => "问卷回答",
        Msg::SealedReport => "举报（已加密）",
        Msg::StateWaiting => "等待发送",
        Msg::StateSent => "已送达",
        Msg::StateFailed => "发送失败：",
        Msg::SendNow => "立即发送",
        Msg::Withdraw => "撤回",
        Msg::Discard => "删除",
        Msg::DiscardQuestion => "确定撤回/删除这一项？",
        Msg::SurveysHeading => "问卷调查",
        Msg::SurveysHelp => {
            "学校发布的匿名问卷。回答不包含姓名、昵称或设备信息；本设备只记录是否已回答，不记录答案。"
        }
        Msg::NoSurveys => "这个班级目前没有问卷。",
        Msg::SurveyUnavailable => "无法加载问卷",
        Msg::Answered => "已回答",
        Msg::NotYetOpen => "尚未开始",
        Msg::Closed => "已结束",
        Msg::OpenNow => "进行中",
        Msg::SurveyAnonymous => "匿名问卷：只发送您的回答、日期和年级段（如问卷需要）。",
        Msg::AlreadyAnswered => "您已在本设备上回答过这份问卷。",
        Msg::SurveyNotOpen => "这份问卷目前不接受回答。",
        Msg::NoSurveyAddress => "作业公示没有提供问卷提交地址，暂时无法回答。",
        Msg::Expected => "需要：",
        Msg::Required => "必答",
        Msg::ExactlyWhatIsSent => "将要发送的内容",
        Msg::PreviewHelp => "以上就是全部内容，不含任何身份信息。",
        Msg::SendAnonymously => "匿名发送",
        Msg::BackToEdit => "返回修改",
        Msg::ReviewBeforeSending => "检查后发送",
        Msg::ReportHeading => "匿名举报",
        Msg::ReportPrivacy => {
            "举报在您的手机上加密，只有教育局的密钥能打开；学校门户和任何中转服务器都看不到内容。"
        }
        Msg::ReportNotOfficial => {
            "减负的举报是匿名的，不等同于官方实名举报渠道；如需正式受理，请通过当地教育部门公布的渠道实名反映。"
        }
        Msg::NoReportAddress => {
            "本应用没有负责这所学校的教育局，无法在此发送举报。请直接联系学校所在地的教育局，或拨打 12345 政务服务便民热线。"
        }
        Msg::ChooseCategory => "请选择所反映的问题。",
        Msg::DateNeeded => "请填写发生日期。",
        Msg::DescriptionRange => "请填写 1–2000 字的情况说明。",
        Msg::WhatHappened => "反映的问题（每项为相关规定）",
        Msg::WhenDidItHappen => "发生日期",
        Msg::Description => "情况说明",
        Msg::LooksLikePhone => "内容中似乎有电话号码，可能暴露身份。确定要保留吗？",
        Msg::LooksLikeId => "内容中似乎有身份证号码，可能暴露身份。确定要保留吗？",
        Msg::LooksLikeEmail => "内容中似乎有电子邮箱地址，可能暴露身份。确定要保留吗？",
        Msg::ContactOptional => "联系方式（可不填）",
        Msg::ContactHelp => "只有您愿意被联系时才填写；填写后教育局可能知道您是谁。",
        Msg::SealAndSend => "加密并发送",
        Msg::WidgetReportWhy => {
            "举报表单不在学校门户的页面中填写：门户能读取自己页面上输入的内容。请在教育局自己的页面中填写，内容会在您的手机上加密，只有教育局能打开。"
        }
        Msg::OpenBureauPage => "打开教育局举报页面",
        Msg::UpdateNow => "立即更新",
        Msg::ReceivingBureau => "接收举报：",
        Msg::KeyFingerprint => "密钥指纹",
        Msg::FingerprintHelp => "可与教育局公布的指纹核对。",
        Msg::OtherReceiverWarning => {
            "这所学校的作业公示写了另一个接收方；举报只发送给本应用列出的教育局。"
        }
        Msg::SurveyGoesToSchool => "这份问卷由学校收集：您的回答发送给学校。",
        Msg::CollectorUnknown => "这份问卷指定的收集方不在本应用的教育局名单中，无法发送回答。",
        Msg::NoRandomness => "此浏览器无法生成匿名发送所需的随机数，未发送任何内容。",
        Msg::WidgetSurveyWhy => {
            "问卷不在学校门户的页面中填写：门户能读取自己页面上输入的内容。请在减负应用中回答，回答不经过门户。"
        }
        Msg::OpenSurveysInApp => "在减负应用中打开问卷",
        Msg::DeleteEverythingQuestion => "确定删除本设备上的全部数据？此操作无法恢复。",
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
