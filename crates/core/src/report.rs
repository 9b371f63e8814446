//! The tip-off report `jianfu.report/1` (parent → bureau), its categories
//! with the rule each is about, and the check for identifying details that
//! the app warns about before sealing.

use serde_json::{Value, json};

use crate::envelope::PublicKey;
use crate::feed::grade_reader;
use crate::json::{self, Ctx, Obj, Problems, With};
use crate::rules::Grade;
use crate::time::Date;

/// The format tag this module reads.
pub const FORMAT: &str = "jianfu.report/1";

/// Longest description, in characters (not bytes).
pub const DESCRIPTION_MAX: usize = 2000;
/// Longest contact, in characters.
pub const CONTACT_MAX: usize = 200;

/// The groups the report form shows categories in, so that 19 of them stay
/// usable on a phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CategoryGroup {
    /// 作业
    Homework,
    /// 课时与假期
    TimetableAndHolidays,
    /// 收费与培训
    FeesAndTutoring,
    /// 考试与其他
    Other,
}

impl CategoryGroup {
    /// The groups, in the order the form shows them.
    pub const ALL: [Self; 4] = [
        Self::Homework,
        Self::TimetableAndHolidays,
        Self::FeesAndTutoring,
        Self::Other,
    ];

    /// Its heading: `(zh-CN, en)`.
    pub fn title(self) -> (&'static str, &'static str) {
        match self {
            Self::Homework => ("作业", "Homework"),
            Self::TimetableAndHolidays => ("课时与假期", "Timetable and holidays"),
            Self::FeesAndTutoring => ("收费与培训", "Fees and tutoring"),
            Self::Other => ("考试与其他", "Exams and anything else"),
        }
    }

    /// Its categories, in the order of rules.md.
    pub fn categories(self) -> impl Iterator<Item = Category> {
        Category::ALL
            .iter()
            .copied()
            .filter(move |c| c.group() == self)
    }
}

macro_rules! categories {
    ($($variant:ident = $wire:literal, $group:ident, $zh:literal, $en:literal;)*) => {
        /// What a report is about: each a practice the 2021 documents forbid (rules.md).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Category {
            $(
                #[doc = $en]
                $variant,
            )*
        }

        impl Category {
            /// Every category, in the order of rules.md.
            pub const ALL: &'static [Self] = &[$(Self::$variant),*];

            /// The wire form.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $wire),* }
            }

            /// The rule it is about, for the parent choosing a category: `(zh-CN, en)`.
            pub fn rule_text(self) -> (&'static str, &'static str) {
                match self { $(Self::$variant => ($zh, $en)),* }
            }

            /// The group the report form shows it in.
            pub fn group(self) -> CategoryGroup {
                match self { $(Self::$variant => CategoryGroup::$group),* }
            }
        }
    };
}

categories! {
    HomeworkOverTimeLimit = "homework_over_time_limit", Homework,
        "书面作业超过时长规定：一、二年级不布置书面家庭作业，三至六年级平均不超过60分钟，初中平均不超过90分钟。",
        "Written homework above the daily limits: none for grades 1–2, on average at most 60 minutes for grades 3–6 and 90 minutes for grades 7–9.";
    WrittenHomeworkGrades12 = "written_homework_grades_1_2", Homework,
        "一、二年级布置了书面家庭作业。",
        "Take-home written homework for grades 1–2.";
    HomeworkForParents = "homework_for_parents", Homework,
        "给家长布置作业，或要求家长检查、批改作业。",
        "Homework assigned to parents, or parents required to check or grade it.";
    HomeworkViaPhoneOrGroup = "homework_via_phone_or_group", Homework,
        "通过手机布置作业或要求在手机上完成作业（教基厅函〔2021〕3号）；在地方规定禁止时，通过班级群布置作业或要求“打卡”。",
        "Homework assigned by phone or required to be done on a phone; assigning through chat groups and check-in (打卡) homework where local rules forbid them.";
    PunitiveOrRepetitiveHomework = "punitive_or_repetitive_homework", Homework,
        "布置机械、重复、惩罚性作业。",
        "Mechanical, repetitive or punitive homework.";
    SelfGradingRequired = "self_grading_required", Homework,
        "要求学生自批自改作业。",
        "Students required to grade their own homework.";
    BeyondCurriculum = "beyond_curriculum", Homework,
        "超课标教学、超前布置作业。",
        "Teaching or homework beyond the curriculum standard or ahead of schedule.";
    ExcessiveExamsOrRanking = "excessive_exams_or_ranking", Other,
        "周考、月考、单元考；一、二年级纸笔考试；公布成绩和排名；按成绩排座位或分组。",
        "Weekly, monthly or unit exams; paper exams for grades 1–2; publishing scores or rankings; seating or grouping by score.";
    ClassTimeTaken = "class_time_taken", TimetableAndHolidays,
        "挤占体育、音乐、美术、劳动课或活动、自习时间上其他课。",
        "PE, music, art or labour classes, or activity or self-study time, taken for other subjects.";
    AfterSchoolServiceMisuse = "after_school_service_misuse", TimetableAndHolidays,
        "课后服务中讲新课或集体补课；非寄宿制初中晚自习超过20:00。",
        "New lessons or collective tutoring in after-school service; evening study after 20:00 at non-boarding junior high schools.";
    OffCampusTutoring = "off_campus_tutoring", FeesAndTutoring,
        "违规开展校外学科类培训。",
        "Prohibited off-campus subject tutoring.";
    ClassStartTooEarly = "class_start_too_early", TimetableAndHolidays,
        "上午上课早于8:20（小学）或8:00（中学），或要求学生提前到校参加统一教学活动。",
        "Morning classes before 8:20 (primary) or 8:00 (secondary), or children required to arrive early for collective lessons.";
    HomeworkNotPublished = "homework_not_published", Homework,
        "班级各学科作业没有公示（作业公示：公开班级各学科作业）。",
        "The class's homework is not published (作业公示: each subject's homework made public).";
    TeacherNotGrading = "teacher_not_grading", Homework,
        "教师没有亲自、及时批改作业（教师必须亲自及时批改作业）。",
        "Teachers do not grade homework themselves and in time.";
    ClassesOnHolidays = "classes_on_holidays", TimetableAndHolidays,
        "利用节假日、双休日或寒暑假组织学生上课（严禁用节假日、双休日和寒暑假组织学生上课）。",
        "Classes organised on weekends, public holidays or winter and summer vacations.";
    PaidTutoringByTeachers = "paid_tutoring_by_teachers", FeesAndTutoring,
        "在职教师有偿家教（坚决杜绝有偿家教）。",
        "Paid tutoring by serving teachers.";
    ForcedPurchaseOfMaterials = "forced_purchase_of_materials", FeesAndTutoring,
        "要求学生购买规定以外的教辅、练习册或习题集（不统一购买或要求自购练习册、习题集）。",
        "Pupils required to buy workbooks or exercise books beyond the approved list.";
    AfterSchoolServiceNotOffered = "after_school_service_not_offered", TimetableAndHolidays,
        "课后服务没有做到每周5天、每天至少2小时（“5+2”），或不是自愿参加。",
        "After-school service not offered five days a week for at least two hours (\"5+2\"), or not voluntary.";
    Other = "other", Other,
        "其他与作业负担有关的问题。",
        "Anything else about homework burden.";
}

impl Category {
    /// Reads the wire form.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.as_str() == s)
    }

    /// A short name, for lists and filters where the rule text is too
    /// long (the bureau's case list): `(zh-CN, en)`.
    pub fn title(self) -> (&'static str, &'static str) {
        match self {
            Self::HomeworkOverTimeLimit => ("书面作业超时", "Homework over the time limit"),
            Self::WrittenHomeworkGrades12 => ("一二年级书面作业", "Written homework, grades 1–2"),
            Self::HomeworkForParents => ("给家长布置作业", "Homework for parents"),
            Self::HomeworkViaPhoneOrGroup => {
                ("手机或群里布置作业", "Homework by phone or chat group")
            }
            Self::PunitiveOrRepetitiveHomework => {
                ("机械重复惩罚性作业", "Punitive or repetitive homework")
            }
            Self::SelfGradingRequired => ("要求学生自批自改", "Self-grading required"),
            Self::BeyondCurriculum => ("超标超前", "Beyond the curriculum"),
            Self::ExcessiveExamsOrRanking => ("考试过多或排名", "Exams or ranking"),
            Self::ClassTimeTaken => ("挤占课时", "Class time taken"),
            Self::AfterSchoolServiceMisuse => ("课后服务讲新课", "After-school service misused"),
            Self::OffCampusTutoring => ("违规校外培训", "Off-campus tutoring"),
            Self::ClassStartTooEarly => ("上课时间过早", "Classes start too early"),
            Self::HomeworkNotPublished => ("作业未公示", "Homework not published"),
            Self::TeacherNotGrading => ("教师未批改作业", "Teacher not grading"),
            Self::ClassesOnHolidays => ("节假日组织上课", "Classes on holidays"),
            Self::PaidTutoringByTeachers => ("在职教师有偿家教", "Paid tutoring by teachers"),
            Self::ForcedPurchaseOfMaterials => ("强制购买教辅", "Forced purchase of materials"),
            Self::AfterSchoolServiceNotOffered => {
                ("课后服务未落实", "After-school service not offered")
            }
            Self::Other => ("其他", "Other"),
        }
    }
}

/// A validated `jianfu.report/1`.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// What it is about.
    pub category: Category,
    /// The school's id from its feed.
    pub school: String,
    /// The grade, if the parent gave it.
    pub grade: Option<Grade>,
    /// The class id, if the parent gave it.
    pub class: Option<String>,
    /// When it happened.
    pub occurred_on: Date,
    /// What happened, 1–2000 characters.
    pub description: String,
    /// Only what the parent typed, if anything.
    pub contact: Option<String>,
    /// The public half of a key pair the app made for this report alone
    /// (#30): the bureau seals its replies to it, and only the phone that
    /// sent the report can open them. Absent in reports of older apps.
    pub reply_key: Option<PublicKey>,
}

impl Report {
    /// Parses and validates a report, reporting every problem with its path.
    pub fn parse(text: &str) -> Result<Self, Problems> {
        Self::from_value(&json::parse_value(text)?)
    }

    /// Validates an already parsed JSON value.
    pub fn from_value(value: &Value) -> Result<Self, Problems> {
        json::document(value, FORMAT, read_report)
    }

    /// Reads a report as a bureau does: like [`Report::from_value`], except
    /// that a category this build does not know (a newer app may know more)
    /// is kept as its code instead of refusing the report. The report then
    /// carries [`Category::Other`] and the code comes back beside it.
    pub fn from_value_for_reading(value: &Value) -> Result<(Self, Option<String>), Problems> {
        let code = value
            .get("category")
            .and_then(Value::as_str)
            .filter(|c| Category::parse(c).is_none() && !c.trim().is_empty())
            .map(str::to_owned);
        match code {
            None => Self::from_value(value).map(|r| (r, None)),
            Some(code) => {
                let mut known = value.clone();
                known["category"] = json!(Category::Other.as_str());
                Self::from_value(&known).map(|r| (r, Some(code)))
            }
        }
    }

    /// The report as JSON, the plaintext that is sealed.
    pub fn to_value(&self) -> Value {
        let mut v = json!({
            "format": FORMAT,
            "category": self.category.as_str(),
            "school": self.school,
            "grade": self.grade.map(Grade::get),
            "class": self.class,
            "occurred_on": self.occurred_on.to_string(),
            "description": self.description,
            "contact": self.contact,
        });
        // Only when there is one: a report without it reads as before.
        if let (Some(key), Some(map)) = (&self.reply_key, v.as_object_mut()) {
            map.insert("reply_key".into(), Value::String(key.to_base64()));
        }
        v
    }
}

fn text_up_to(expected: &'static str, max: usize) -> impl json::Reader<String> {
    With {
        expected,
        f: move |v: &Value| {
            v.as_str()
                .filter(|s| !s.trim().is_empty() && s.chars().count() <= max)
                .map(str::to_owned)
        },
    }
}

fn read_report(ctx: &mut Ctx, value: &Value) -> Option<Report> {
    let o = Obj::of(ctx, "", value)?;
    let category = o.req(
        ctx,
        "category",
        With {
            expected: "a report category (see rules.md), like \"homework_over_time_limit\"",
            f: |v: &Value| v.as_str().and_then(Category::parse),
        },
    );
    let school = o.req(ctx, "school", json::string());
    let grade = o.opt(ctx, "grade", grade_reader());
    let class = o.opt(ctx, "class", json::string());
    let occurred_on = o.req(ctx, "occurred_on", json::date());
    let description = o.req(
        ctx,
        "description",
        text_up_to("a description of 1–2000 characters", DESCRIPTION_MAX),
    );
    let contact = o.opt(
        ctx,
        "contact",
        text_up_to(
            "contact details of at most 200 characters, or null",
            CONTACT_MAX,
        ),
    );
    let reply_key = o.opt(
        ctx,
        "reply_key",
        With {
            expected: "an X25519 public key, base64url (32 bytes)",
            f: |v: &Value| v.as_str().and_then(|k| PublicKey::from_base64(k).ok()),
        },
    );
    Some(Report {
        category: category?,
        school: school?,
        grade: grade.ok()?,
        class: class.ok()?,
        occurred_on: occurred_on?,
        description: description?,
        contact: contact.ok()?,
        reply_key: reply_key.ok()?,
    })
}

/// Identifying details a description may contain by accident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sensitive {
    /// A mainland mobile (1[3-9]xxxxxxxxx, optionally +86) or landline (0xx-xxxxxxxx) number.
    PhoneNumber,
    /// An 18-character resident ID number with a valid check digit (GB 11643).
    ResidentId,
    /// An e-mail address.
    Email,
}

/// What in `text` looks like a phone number, a resident ID number or an
/// e-mail address: each kind once, in that order. For a warning, never a
/// block: the parent decides. Full-width digits count as digits.
pub fn find_sensitive(text: &str) -> Vec<Sensitive> {
    let mut found = Vec::new();
    let chars: Vec<char> = text.chars().map(half_width).collect();
    for run in digit_runs(&chars) {
        let kind = if is_resident_id(&run) {
            Some(Sensitive::ResidentId)
        } else if is_phone(&run) {
            Some(Sensitive::PhoneNumber)
        } else {
            None
        };
        if let Some(k) = kind.filter(|k| !found.contains(k)) {
            found.push(k);
        }
    }
    if has_email(&chars) {
        found.push(Sensitive::Email);
    }
    found.sort();
    found
}

/// Full-width digits, X and @ (common in Chinese input methods) as ASCII.
fn half_width(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(u32::from(c) - 0xFF10 + u32::from('0')).unwrap_or(c),
        'Ｘ' | 'ｘ' => 'X',
        '＠' => '@',
        '．' => '.',
        '－' => '-',
        _ => c,
    }
}

/// Runs of digits in which single spaces or dashes between digits are
/// ignored (`138 0013 8000`, `010-12345678`), with a trailing `X` kept for
/// ID numbers and a leading `+` dropped.
fn digit_runs(chars: &[char]) -> Vec<String> {
    let mut runs = Vec::new();
    let mut run = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next_is_digit = chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() {
            run.push(c);
        } else if matches!(c, ' ' | '-') && !run.is_empty() && next_is_digit {
            // a separator inside a number
        } else if matches!(c, 'X' | 'x') && run.len() == 17 {
            run.push('X');
            runs.push(std::mem::take(&mut run));
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
        i += 1;
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

fn is_resident_id(run: &str) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let b = run.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = b[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    CHECK[(sum % 11) as usize] == b[17]
}

fn is_phone(run: &str) -> bool {
    let b = run.as_bytes();
    let mobile = |d: &[u8]| d.len() == 11 && d[0] == b'1' && (b'3'..=b'9').contains(&d[1]);
    mobile(b)
        || (b.len() == 13 && b.starts_with(b"86") && mobile(&b[2..]))
        || ((10..=12).contains(&b.len()) && b[0] == b'0' && b[1] != b'0')
}

fn has_email(chars: &[char]) -> bool {
    let local_char = |c: &char| c.is_ascii_alphanumeric() || "._%+-".contains(*c);
    let domain_char = |c: &char| c.is_ascii_alphanumeric() || ".-".contains(*c);
    chars.iter().enumerate().any(|(i, &c)| {
        if c != '@' || i == 0 || !local_char(&chars[i - 1]) {
            return false;
        }
        let domain: String = chars[i + 1..]
            .iter()
            .take_while(|c| domain_char(c))
            .collect();
        let domain = domain.trim_end_matches('.');
        domain.rsplit_once('.').is_some_and(|(host, tld)| {
            !host.is_empty() && tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Sensitive::{Email, PhoneNumber, ResidentId};

    fn check(text: &str, expected: &[Sensitive]) {
        assert_eq!(find_sensitive(text), expected, "{text}");
    }

    #[test]
    fn phone_numbers() {
        check("请联系13800138000", &[PhoneNumber]);
        check("电话 138 0013 8000。", &[PhoneNumber]);
        check("+86 138-0013-8000", &[PhoneNumber]);
        check("座机010-12345678", &[PhoneNumber]);
        check("０３７１－１２３４５６７８", &[PhoneNumber]);
        check("12800138000", &[]);
        check("作业用了120分钟，做了25道题", &[]);
        check("2026-11-20", &[]);
    }

    #[test]
    fn resident_ids_need_a_valid_check_digit() {
        // 11010519491231002X is the standard's published example.
        check("身份证11010519491231002X", &[ResidentId]);
        check("身份证11010519491231002x", &[ResidentId]);
        check("身份证110105194912310021", &[]);
        check("ID 110105194912310029 and mail a@b.cn", &[Email]);
    }

    #[test]
    fn emails() {
        check("写信到 parent.li@example.com 即可", &[Email]);
        check("邮箱：ｌｉ＠qq．com", &[]); // full-width letters are not an address
        check("li＠qq．com", &[Email]);
        check("@老师 请看", &[]);
        check("a@b", &[]);
        check("电话13800138000 邮箱 x@y.org", &[PhoneNumber, Email]);
    }

    #[test]
    fn reports_validate_every_field() {
        let v = json!({"format": FORMAT, "category": "nope", "school": "", "grade": 0,
            "occurred_on": "2026-13-01", "description": "x".repeat(2001), "contact": null});
        let p: Vec<String> = Report::from_value(&v)
            .unwrap_err()
            .into_iter()
            .map(|p| p.path)
            .collect();
        assert_eq!(
            p,
            ["category", "school", "grade", "occurred_on", "description"]
        );
        let ok = json!({"format": FORMAT, "category": "homework_via_phone_or_group", "school": "s",
            "occurred_on": "2026-11-19", "description": "老".repeat(2000), "contact": null});
        let r = Report::from_value(&ok).unwrap();
        assert_eq!(Report::from_value(&r.to_value()).unwrap(), r);
    }

    #[test]
    fn every_category_round_trips_and_has_rule_text() {
        assert_eq!(Category::ALL.len(), 19);
        for c in Category::ALL {
            assert_eq!(Category::parse(c.as_str()), Some(*c));
            let (zh, en) = c.rule_text();
            assert!(!zh.is_empty() && !en.is_empty());
        }
        // Every category is in exactly one group, and every group has some.
        let grouped: usize = CategoryGroup::ALL
            .iter()
            .map(|g| g.categories().count())
            .sum();
        assert_eq!(grouped, 19);
        assert!(
            CategoryGroup::ALL
                .iter()
                .all(|g| g.categories().count() >= 2)
        );
        // The six added for rule fidelity, by the names of rules.md.
        for wire in [
            "homework_not_published",
            "teacher_not_grading",
            "classes_on_holidays",
            "paid_tutoring_by_teachers",
            "forced_purchase_of_materials",
            "after_school_service_not_offered",
        ] {
            assert!(Category::parse(wire).is_some(), "{wire}");
        }
    }
}
