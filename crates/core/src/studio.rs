//! The school studio's model: a class's homework plan as a teacher edits it,
//! and the `jianfu.feed/1` it publishes.
//!
//! The studio never judges a plan itself. Every verdict it shows comes from
//! turning the draft into the feed it would publish and reading that feed
//! back with [`Feed::from_value`] and [`Feed::violations`]: the very path
//! `jianfu check-feed` takes, so the page and the CLI cannot disagree.
//!
//! A draft keeps the feed it was imported from (`base`) and writes its
//! edits over it, so fields the studio does not know (a portal's own
//! extensions, `submit`, `surveys`, other languages of a name) survive a
//! round trip.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value, json};

use crate::calendar::DayKind;
use crate::feed::ServiceDay;
use crate::feed::{Feed, FeedRule, Kind, Tier, Violation};
use crate::json::{Problem, Problems};
use crate::rules::WrittenLimit;
use crate::studio_service::ServicePlan;
use crate::text::Text;
use crate::time::{Date, Instant};

/// A name as the studio edits it: Chinese and, optionally, English.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Names {
    /// 中文
    pub zh: String,
    /// English (empty: the feed carries the Chinese alone).
    pub en: String,
}

impl Names {
    /// Both languages from a feed's text.
    pub fn from_text(text: &Text) -> Self {
        match text {
            Text::Plain(s) => Self {
                zh: s.clone(),
                en: String::new(),
            },
            Text::ByLang(map) => Self {
                zh: map
                    .get("zh-CN")
                    .or_else(|| {
                        map.iter()
                            .find(|(k, _)| k.starts_with("zh"))
                            .map(|(_, v)| v)
                    })
                    .cloned()
                    .unwrap_or_default(),
                en: map.get("en").cloned().unwrap_or_default(),
            },
        }
    }

    /// Whether neither language is given.
    pub fn is_empty(&self) -> bool {
        self.zh.trim().is_empty() && self.en.trim().is_empty()
    }

    /// The wire form, written over `base` (the imported value) so other
    /// languages in it are kept. One language alone is a plain string.
    pub(crate) fn to_value(&self, base: Option<&Value>) -> Value {
        let (zh, en) = (self.zh.trim(), self.en.trim());
        if let Some(Value::Object(map)) = base {
            let mut map = map.clone();
            for (tag, text) in [("zh-CN", zh), ("en", en)] {
                if text.is_empty() {
                    map.remove(tag);
                } else {
                    map.insert(tag.to_owned(), Value::String(text.to_owned()));
                }
            }
            if !map.is_empty() {
                return Value::Object(map);
            }
        }
        match (zh.is_empty(), en.is_empty()) {
            (false, false) => json!({"zh-CN": zh, "en": en}),
            (true, false) => Value::String(en.to_owned()),
            _ => Value::String(zh.to_owned()),
        }
    }

    /// The text for `lang` (`en` or Chinese), falling back to the other.
    pub fn pick(&self, lang: &str) -> &str {
        let en = lang.starts_with("en");
        match (en, self.zh.is_empty(), self.en.is_empty()) {
            (true, _, false) | (false, true, false) => &self.en,
            _ => &self.zh,
        }
    }
}

/// Everything about the school and the class that the feed states once,
/// plus what only the studio needs (the public URL, the complaint text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Setup {
    /// `school.id`
    pub school_id: String,
    /// `school.name`
    pub school_name: Names,
    /// `school.timezone`
    pub timezone: String,
    /// `school.rules`: the rule profile.
    pub rules: String,
    /// `school.system`: `6-3` or `5-4`.
    pub system: String,
    /// `school.limits.grades_3_6_written_minutes`
    pub primary_limit: Option<u16>,
    /// `school.limits.grades_7_9_written_minutes`
    pub junior_limit: Option<u16>,
    /// `school.limits.holiday_written_minutes`
    pub holiday_limit: Option<u16>,
    /// `school.calendar.holidays`: dates or `start/end` ranges.
    pub holidays: Vec<String>,
    /// `school.calendar.school_days`: make-up days.
    pub school_days: Vec<String>,
    /// `class.id`
    pub class_id: String,
    /// `class.name`
    pub class_name: Names,
    /// `class.grade`
    pub grade: u8,
    /// Where the school portal will serve the feed: what the notice's QR
    /// code opens the parent app with. Not part of the feed.
    pub feed_url: String,
    /// The school's complaint channel as printed on the notice (a phone
    /// number, an office). Not part of the feed.
    pub complaint: String,
    /// `school.after_school` and its end-of-day time, as typed.
    pub after_school: ServicePlan,
    // No "parent app address": the notice's QR code opens the app of the
    // site the studio is served from, the deployment's own, never an
    // address the school types (a school could send parents to its own
    // build of the app with its own bureau directory: issue #26). Drafts
    // saved with the old field read as before; the field is dropped.
}

impl Default for Setup {
    fn default() -> Self {
        Self {
            school_id: String::new(),
            school_name: Names::default(),
            timezone: "Asia/Shanghai".into(),
            rules: "cn-national-2021".into(),
            system: "6-3".into(),
            primary_limit: None,
            junior_limit: None,
            holiday_limit: None,
            holidays: Vec::new(),
            school_days: Vec::new(),
            class_id: String::new(),
            class_name: Names::default(),
            grade: 4,
            feed_url: String::new(),
            complaint: String::new(),
            after_school: ServicePlan::default(),
        }
    }
}

/// One homework item as planned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanItem {
    /// Unique in the feed; kept across edits.
    pub id: String,
    /// A subject code or any text.
    pub subject: String,
    /// What to do.
    pub title: Names,
    /// More about it (empty: none).
    #[serde(default)]
    pub details: String,
    /// Written, reading, …
    #[serde(with = "kind_serde")]
    pub kind: Kind,
    /// The teacher's estimate.
    pub minutes: u16,
    /// Core or optional.
    #[serde(with = "tier_serde")]
    pub tier: Tier,
    /// When it is due (none: the next day, as parents read it).
    #[serde(default, with = "date_opt_serde")]
    pub due: Option<Date>,
    /// Done at school, in the after-school service's homework help.
    #[serde(default)]
    pub at_school: bool,
}

/// What is wrong with an item the teacher is typing, field by field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemError {
    /// No title in either language.
    TitleMissing,
    /// No subject.
    SubjectMissing,
    /// Minutes not a whole number from 0 to 600.
    MinutesOutOfRange,
    /// The due date is not a date.
    DueInvalid,
    /// The due date is before the day it is set.
    DueBeforeDay,
}

impl ItemError {
    /// The field it is about, as the form names its inputs.
    pub fn field(self) -> &'static str {
        match self {
            Self::TitleMissing => "title",
            Self::SubjectMissing => "subject",
            Self::MinutesOutOfRange => "minutes",
            Self::DueInvalid | Self::DueBeforeDay => "due",
        }
    }
}

impl fmt::Display for ItemError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::TitleMissing => "a title is needed",
            Self::SubjectMissing => "a subject is needed",
            Self::MinutesOutOfRange => "minutes must be a whole number from 0 to 600",
            Self::DueInvalid => "the due date must be YYYY-MM-DD",
            Self::DueBeforeDay => "the due date is before the day it is set",
        })
    }
}

/// An item form's fields as typed (saved with the draft, so a half-typed
/// item survives a reload).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ItemInput {
    /// Subject code or text.
    pub subject: String,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Details.
    pub details: String,
    /// Kind.
    #[serde(with = "kind_serde")]
    pub kind: Kind,
    /// Minutes as typed.
    pub minutes: String,
    /// Tier.
    #[serde(with = "tier_serde")]
    pub tier: Tier,
    /// Due date as typed (empty: none).
    pub due: String,
    /// Done at school (after-school homework help).
    pub at_school: bool,
}

impl ItemInput {
    /// The form filled from an item, for editing it.
    pub fn from_item(item: &PlanItem) -> Self {
        Self {
            subject: item.subject.clone(),
            title_zh: item.title.zh.clone(),
            title_en: item.title.en.clone(),
            details: item.details.clone(),
            kind: item.kind,
            minutes: item.minutes.to_string(),
            tier: item.tier,
            due: item.due.map(|d| d.to_string()).unwrap_or_default(),
            at_school: item.at_school,
        }
    }

    /// The item this form describes on `date`, or every problem with it.
    /// `id` is the item's id when editing, or a new one.
    pub fn to_item(&self, date: Date, id: String) -> Result<PlanItem, Vec<ItemError>> {
        let mut errors = Vec::new();
        let subject = self.subject.trim();
        if subject.is_empty() {
            errors.push(ItemError::SubjectMissing);
        }
        if self.title_zh.trim().is_empty() && self.title_en.trim().is_empty() {
            errors.push(ItemError::TitleMissing);
        }
        let minutes = self
            .minutes
            .trim()
            .parse::<u16>()
            .ok()
            .filter(|m| *m <= crate::feed::Minutes::MAX);
        if minutes.is_none() {
            errors.push(ItemError::MinutesOutOfRange);
        }
        let due = match self.due.trim() {
            "" => None,
            text => match Date::parse(text) {
                Ok(d) if d < date => {
                    errors.push(ItemError::DueBeforeDay);
                    None
                }
                Ok(d) => Some(d),
                Err(_) => {
                    errors.push(ItemError::DueInvalid);
                    None
                }
            },
        };
        match minutes {
            Some(minutes) if errors.is_empty() => Ok(PlanItem {
                id,
                subject: subject.to_owned(),
                title: Names {
                    zh: self.title_zh.trim().to_owned(),
                    en: self.title_en.trim().to_owned(),
                },
                details: self.details.trim().to_owned(),
                kind: self.kind,
                minutes,
                tier: self.tier,
                due,
                at_school: self.at_school,
            }),
            _ => Err(errors),
        }
    }
}

/// The studio's document for one class: set-up, every planned day, and the
/// feed it started from. Saved as JSON (serde) on every change.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// School and class.
    pub setup: Setup,
    /// Items by date.
    #[serde(with = "days_serde")]
    pub days: BTreeMap<Date, Vec<PlanItem>>,
    /// The imported feed, whose unknown fields are written back.
    pub base: Option<Value>,
}

/// A draft turned into its feed and read back by core.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The feed as it will be published.
    pub value: Value,
    /// The same, validated.
    pub feed: Feed,
    /// `check-feed`'s violations of it.
    pub violations: Vec<Violation>,
}

/// One day of the plan against the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayVerdict {
    /// School day, weekend, holiday or make-up day, by the school's calendar.
    pub kind: DayKind,
    /// The limit that applies.
    pub limit: WrittenLimit,
    /// Core written minutes: what counts.
    pub written: u32,
    /// Optional minutes: shown apart, never counted.
    pub optional: u32,
    /// Other core minutes (reading, oral, …).
    pub other: u32,
    /// The rule broken, as `check-feed` reports it.
    pub violation: Option<FeedRule>,
}

impl Draft {
    /// A draft starting from a published feed: its set-up and days, and the
    /// document itself so unknown fields are kept.
    pub fn import(text: &str) -> Result<Self, Problems> {
        let feed = Feed::parse(text)?;
        let value: Value =
            serde_json::from_str(text).map_err(|e| Problems::whole(e.to_string()))?;
        let school = &value["school"];
        let wire_list = |v: &Value| -> Vec<String> {
            v.as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default()
        };
        let local = feed.school.rules.local();
        let setup = Setup {
            school_id: feed.school.id.clone(),
            school_name: Names::from_text(&feed.school.name),
            timezone: feed.school.timezone.name().to_owned(),
            rules: feed.school.rules.profile().id().to_owned(),
            system: feed.school.rules.system().as_str().to_owned(),
            primary_limit: local.primary_written_minutes,
            junior_limit: local.junior_written_minutes,
            holiday_limit: local.holiday_written_minutes,
            holidays: wire_list(&school["calendar"]["holidays"]),
            school_days: wire_list(&school["calendar"]["school_days"]),
            class_id: feed.class.id.clone(),
            class_name: Names::from_text(&feed.class.name),
            grade: feed.class.grade.get(),
            feed_url: String::new(),
            complaint: String::new(),
            after_school: ServicePlan {
                other_weekly: school["after_school"]["weekly"]
                    .as_array()
                    .map(|w| w.iter().skip(1).cloned().collect())
                    .unwrap_or_default(),
                ..ServicePlan::from_feed(
                    feed.school.after_school.as_ref(),
                    local.after_school_end_not_before,
                )
            },
        };
        let days = feed
            .days
            .iter()
            .map(|d| {
                let items = d
                    .items
                    .iter()
                    .map(|i| PlanItem {
                        id: i.id.clone(),
                        subject: i.subject.as_str().to_owned(),
                        title: Names::from_text(&i.title),
                        details: i
                            .details
                            .as_ref()
                            .map(|t| t.pick("zh-CN").to_owned())
                            .unwrap_or_default(),
                        kind: i.kind,
                        minutes: i.estimated_minutes.get(),
                        tier: i.tier,
                        due: i.due,
                        at_school: i.at == crate::feed::At::School,
                    })
                    .collect();
                (d.date, items)
            })
            .collect();
        Ok(Self {
            setup,
            days,
            base: Some(value),
        })
    }

    /// The items of `date` (empty when none).
    pub fn items(&self, date: Date) -> &[PlanItem] {
        self.days.get(&date).map_or(&[], Vec::as_slice)
    }

    /// A fresh id for an item of `subject` on `date`, unique in the draft.
    pub fn new_item_id(&self, date: Date, subject: &str) -> String {
        let slug: String = subject
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        let slug = if slug.is_empty() {
            "item".to_owned()
        } else {
            slug
        };
        let taken = |id: &str| self.days.values().flatten().any(|i| i.id == id);
        // Among n + 1 candidates one is free when the draft has n items.
        let items: usize = self.days.values().map(Vec::len).sum();
        (1..=items + 1)
            .map(|n| format!("{date}-{slug}-{n}"))
            .find(|id| !taken(id))
            .unwrap_or_default()
    }

    /// Adds `item` at the end of `date`, or replaces the item at `index`.
    pub fn put_item(&mut self, date: Date, index: Option<usize>, item: PlanItem) {
        let day = self.days.entry(date).or_default();
        match index.and_then(|i| day.get_mut(i)) {
            Some(slot) => *slot = item,
            None => day.push(item),
        }
    }

    /// Removes the item at `index` of `date`; a day left empty is dropped.
    pub fn remove_item(&mut self, date: Date, index: usize) -> Option<PlanItem> {
        let day = self.days.get_mut(&date)?;
        let removed = (index < day.len()).then(|| day.remove(index));
        if day.is_empty() {
            self.days.remove(&date);
        }
        removed
    }

    /// Moves the item at `index` of `date` one place up (`-1`) or down (`1`).
    pub fn move_item(&mut self, date: Date, index: usize, by: isize) {
        if let Some(day) = self.days.get_mut(&date) {
            let to = index.checked_add_signed(by).filter(|t| *t < day.len());
            if let Some(to) = to
                && index < day.len()
            {
                day.swap(index, to);
            }
        }
    }

    /// Copies the items of `from` onto `to` (after any already there), with
    /// new ids and due dates moved by the same number of days.
    pub fn copy_day(&mut self, from: Date, to: Date) -> usize {
        let shift = to.days_since(from);
        let items = self.items(from).to_vec();
        for item in &items {
            let copy = PlanItem {
                id: self.new_item_id(to, &item.subject),
                due: item.due.map(|d| d.add_days(shift)),
                ..item.clone()
            };
            self.days.entry(to).or_default().push(copy);
        }
        items.len()
    }

    /// Copies the seven days from `from_monday` onto the week of `to_monday`.
    pub fn copy_week(&mut self, from_monday: Date, to_monday: Date) -> usize {
        (0..7)
            .map(|d| self.copy_day(from_monday.add_days(d), to_monday.add_days(d)))
            .sum()
    }

    /// The feed this draft publishes at `published_at`, as JSON. Written
    /// over the imported document: known fields replaced, others kept.
    pub fn to_value(&self, published_at: Instant) -> Value {
        let base = self.base.as_ref().and_then(Value::as_object);
        let mut root = base.cloned().unwrap_or_default();
        let school = self.school_value(base.and_then(|b| b.get("school")));
        let class = self.class_value(base.and_then(|b| b.get("class")));
        // Base days and items by date and id, to keep their unknown fields.
        let mut base_days: BTreeMap<String, &Map<String, Value>> = BTreeMap::new();
        let mut base_items: BTreeMap<String, &Map<String, Value>> = BTreeMap::new();
        for day in base
            .and_then(|b| b.get("days"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
        {
            if let Some(date) = day.get("date").and_then(Value::as_str) {
                base_days.insert(date.to_owned(), day);
            }
            for item in day
                .get("items")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_object)
            {
                if let Some(id) = item.get("id").and_then(Value::as_str) {
                    base_items.insert(id.to_owned(), item);
                }
            }
        }
        let days: Vec<Value> = self
            .days
            .iter()
            .filter(|(_, items)| !items.is_empty())
            .map(|(date, items)| {
                let date = date.to_string();
                let mut day = base_days
                    .get(&date)
                    .map(|d| (*d).clone())
                    .unwrap_or_default();
                day.insert("date".into(), Value::String(date));
                let items = items
                    .iter()
                    .map(|item| item_value(item, base_items.get(&item.id).copied()))
                    .collect();
                day.insert("items".into(), Value::Array(items));
                Value::Object(day)
            })
            .collect();

        root.insert("format".into(), Value::String(crate::feed::FORMAT.into()));
        root.insert("school".into(), Value::Object(school));
        root.insert("class".into(), Value::Object(class));
        root.insert(
            "published_at".into(),
            Value::String(published_at.to_string()),
        );
        root.insert("days".into(), Value::Array(days));
        Value::Object(root)
    }

    /// What the export carries over from the imported feed that the
    /// studio does not show or edit (`submit.survey_url`, `surveys`, a
    /// field of a later version): path and value, as JSON, for the publish
    /// screen to show before it goes out again unseen (issue #26: a school
    /// republished another's survey address without seeing it).
    pub fn carried(&self) -> Vec<(String, String)> {
        const EDITED: [&str; 5] = ["format", "school", "class", "published_at", "days"];
        let Some(base) = self.base.as_ref().and_then(Value::as_object) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, value) in base.iter().filter(|(k, _)| !EDITED.contains(&k.as_str())) {
            match value {
                Value::Object(inner) if !inner.is_empty() => {
                    for (k, v) in inner {
                        out.push((format!("{key}.{k}"), v.to_string()));
                    }
                }
                v => out.push((key.clone(), v.to_string())),
            }
        }
        out
    }

    /// `school`, over the imported one.
    fn school_value(&self, base_school: Option<&Value>) -> Map<String, Value> {
        let s = &self.setup;
        let mut school = base_school
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        school.insert("id".into(), Value::String(s.school_id.trim().to_owned()));
        school.insert(
            "name".into(),
            s.school_name
                .to_value(base_school.and_then(|b| b.get("name"))),
        );
        school.insert("timezone".into(), Value::String(s.timezone.clone()));
        school.insert("rules".into(), Value::String(s.rules.clone()));
        school.insert("system".into(), Value::String(s.system.clone()));
        let mut limits = school
            .get("limits")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        for (key, value) in [
            ("grades_3_6_written_minutes", s.primary_limit),
            ("grades_7_9_written_minutes", s.junior_limit),
            ("holiday_written_minutes", s.holiday_limit),
        ] {
            match value {
                Some(v) => limits.insert(key.into(), Value::from(v)),
                None => limits.remove(key),
            };
        }
        match s.after_school.end_not_before.trim() {
            "" => limits.remove("after_school_end_not_before"),
            t => limits.insert(
                "after_school_end_not_before".into(),
                Value::String(t.to_owned()),
            ),
        };
        match s.after_school.to_value(school.get("after_school")) {
            Some(v) => school.insert("after_school".into(), v),
            None => school.remove("after_school"),
        };
        set_or_remove(&mut school, "limits", limits);
        let mut calendar = school
            .get("calendar")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        for (key, list) in [("holidays", &s.holidays), ("school_days", &s.school_days)] {
            let list: Vec<Value> = list
                .iter()
                .map(|e| e.trim())
                .filter(|e| !e.is_empty())
                .map(|e| Value::String(e.to_owned()))
                .collect();
            if list.is_empty() {
                calendar.remove(key);
            } else {
                calendar.insert(key.into(), Value::Array(list));
            }
        }
        set_or_remove(&mut school, "calendar", calendar);

        school
    }

    /// `class`, over the imported one.
    fn class_value(&self, base_class: Option<&Value>) -> Map<String, Value> {
        let s = &self.setup;
        let mut class = base_class
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        class.insert("id".into(), Value::String(s.class_id.trim().to_owned()));
        class.insert(
            "name".into(),
            s.class_name
                .to_value(base_class.and_then(|b| b.get("name"))),
        );
        class.insert("grade".into(), Value::from(s.grade));

        class
    }

    /// The feed and its verdicts, read back by core exactly as
    /// `jianfu check-feed` reads a file; or every problem with its path.
    pub fn check(&self, published_at: Instant) -> Result<Checked, Problems> {
        let value = self.to_value(published_at);
        let feed = Feed::from_value(&value)?;
        let violations = feed.violations();
        Ok(Checked {
            value,
            feed,
            violations,
        })
    }

    /// The problems of the set-up alone (a draft with no days), for the
    /// set-up screen: the same messages `check-feed` would print.
    pub fn setup_problems(&self, published_at: Instant) -> Vec<Problem> {
        let bare = Self {
            days: BTreeMap::new(),
            ..self.clone()
        };
        match bare.check(published_at) {
            Ok(_) => Vec::new(),
            Err(p) => p.as_slice().to_vec(),
        }
    }
}

impl Checked {
    /// `date` against the rules, from the checked feed.
    pub fn day(&self, date: Date) -> DayVerdict {
        let (mut written, mut optional, mut other) = (0, 0, 0);
        if let Some(day) = self.feed.day(date) {
            for item in &day.items {
                let m = u32::from(item.estimated_minutes.get());
                match (item.tier, item.counts_against_limit()) {
                    (Tier::Optional, _) => optional += m,
                    (Tier::Core, true) => written += m,
                    (Tier::Core, false) => other += m,
                }
            }
        }
        DayVerdict {
            kind: self.feed.school.rules.day_kind(date),
            limit: self.feed.written_limit(date),
            written,
            optional,
            other,
            violation: self
                .violations
                .iter()
                .find(|v| v.date == date)
                .map(|v| v.rule),
        }
    }

    /// `date`'s after-school service and whether it falls short of 5+2
    /// (`None` for a school day without a service, or any day when the
    /// feed publishes none, and for days that are not school days).
    pub fn service(&self, date: Date) -> Option<ServiceDay> {
        self.feed.after_school_days(date, date).into_iter().next()
    }

    /// The feed as the file the portal serves (pretty, ends with a newline).
    pub fn to_text(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.value).unwrap_or_default();
        text.push('\n');
        text
    }
}

fn set_or_remove(map: &mut Map<String, Value>, key: &str, inner: Map<String, Value>) {
    if inner.is_empty() {
        map.remove(key);
    } else {
        map.insert(key.into(), Value::Object(inner));
    }
}

fn item_value(item: &PlanItem, base: Option<&Map<String, Value>>) -> Value {
    let mut out = base.cloned().unwrap_or_default();
    out.insert("id".into(), Value::String(item.id.clone()));
    out.insert("subject".into(), Value::String(item.subject.clone()));
    out.insert(
        "title".into(),
        item.title.to_value(base.and_then(|b| b.get("title"))),
    );
    // Details are edited in one language: a multi-language original is
    // kept as long as its Chinese is what the teacher left.
    let details = item.details.trim();
    let kept = base
        .and_then(|b| b.get("details"))
        .filter(|d| d.get("zh-CN").and_then(Value::as_str) == Some(details));
    match (details.is_empty(), kept) {
        (true, _) => {
            out.remove("details");
        }
        (false, Some(original)) => {
            out.insert("details".into(), original.clone());
        }
        (false, None) => {
            out.insert("details".into(), Value::String(details.to_owned()));
        }
    }
    out.insert("kind".into(), Value::String(item.kind.as_str().into()));
    out.insert("estimated_minutes".into(), Value::from(item.minutes));
    out.insert("tier".into(), Value::String(item.tier.as_str().into()));
    if item.at_school {
        out.insert("at".into(), Value::String("school".into()));
    } else {
        out.remove("at");
    }
    match item.due {
        Some(d) => out.insert("due".into(), Value::String(d.to_string())),
        None => out.remove("due"),
    };
    Value::Object(out)
}

fn de_error<E: serde::de::Error>(what: &str, found: &str) -> E {
    E::custom(format!("expected {what}, found {found:?}"))
}

// serde's `with` hands serializers a reference, whatever its size.
#[allow(clippy::trivially_copy_pass_by_ref)]
mod kind_serde {
    use super::{Deserialize, Deserializer, Kind, Serializer, de_error};

    pub(super) fn serialize<S: Serializer>(k: &Kind, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(k.as_str())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Kind, D::Error> {
        let text = String::deserialize(d)?;
        Kind::parse(&text).ok_or_else(|| de_error("a homework kind", &text))
    }
}

#[allow(clippy::trivially_copy_pass_by_ref)]
mod tier_serde {
    use super::{Deserialize, Deserializer, Serializer, Tier, de_error};

    pub(super) fn serialize<S: Serializer>(t: &Tier, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(t.as_str())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Tier, D::Error> {
        let text = String::deserialize(d)?;
        Tier::parse(&text).ok_or_else(|| de_error("core or optional", &text))
    }
}

#[allow(clippy::trivially_copy_pass_by_ref)]
pub(crate) mod date_opt_serde {
    use super::{Date, Deserialize, Deserializer, Serializer, de_error};

    #[allow(clippy::ref_option)]
    pub(crate) fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_str(&d.to_string()),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(text) => Date::parse(&text)
                .map(Some)
                .map_err(|_| de_error("a date YYYY-MM-DD", &text)),
        }
    }
}

mod days_serde {
    use std::collections::BTreeMap;

    use super::{Date, Deserialize, Deserializer, PlanItem, Serialize, Serializer, de_error};

    pub(super) fn serialize<S: Serializer>(
        days: &BTreeMap<Date, Vec<PlanItem>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let by_text: BTreeMap<String, &Vec<PlanItem>> =
            days.iter().map(|(d, i)| (d.to_string(), i)).collect();
        by_text.serialize(s)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<Date, Vec<PlanItem>>, D::Error> {
        BTreeMap::<String, Vec<PlanItem>>::deserialize(d)?
            .into_iter()
            .map(|(k, v)| {
                Date::parse(&k)
                    .map(|date| (date, v))
                    .map_err(|_| de_error("a date YYYY-MM-DD", &k))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn what_an_import_carries_unseen_is_listed() {
        let feed = json!({
            "format": "jianfu.feed/1",
            "school": {"id": "s", "name": "学校"},
            "class": {"id": "c", "name": "班", "grade": 4},
            "published_at": "2026-11-20T16:30:00+08:00",
            "days": [],
            "submit": {"survey_url": "https://other.example/collect", "bureau": "zz"},
            "surveys": ["https://other.example/s.json"],
            "x-later": 1
        });
        let draft = Draft::import(&feed.to_string()).unwrap();
        let carried = draft.carried();
        assert!(
            carried.contains(&(
                "submit.survey_url".into(),
                "\"https://other.example/collect\"".into()
            )),
            "{carried:?}"
        );
        assert!(
            carried.contains(&(
                "surveys".into(),
                "[\"https://other.example/s.json\"]".into()
            )),
            "{carried:?}"
        );
        assert!(carried.iter().any(|(k, _)| k == "x-later"));
        assert!(
            !carried
                .iter()
                .any(|(k, _)| k.starts_with("school") || k == "days")
        );
        assert!(Draft::default().carried().is_empty());
    }

    #[test]
    fn a_draft_saved_with_an_app_address_reads_and_forgets_it() {
        // The studio once let the school type which app its QR code opens
        // (#26); a draft saved then still opens, without it.
        let setup: Setup = serde_json::from_value(json!({
            "school_id": "jinshui-exp-primary",
            "app_url": "https://school.example/own-app/"
        }))
        .unwrap();
        assert_eq!(setup.school_id, "jinshui-exp-primary");
        let again = serde_json::to_string(&setup).unwrap();
        assert!(!again.contains("app_url"), "{again}");
    }

    fn now() -> Instant {
        Instant::parse("2026-11-23T16:30:00+08:00").unwrap()
    }

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn setup() -> Setup {
        Setup {
            school_id: "s1".into(),
            school_name: Names {
                zh: "实验小学".into(),
                en: "Experimental Primary".into(),
            },
            class_id: "g4c2".into(),
            class_name: Names {
                zh: "四年级(2)班".into(),
                en: String::new(),
            },
            grade: 4,
            holidays: vec!["2026-10-01/2026-10-08".into()],
            school_days: vec!["2026-10-10".into()],
            ..Setup::default()
        }
    }

    fn item(draft: &Draft, day: Date, kind: Kind, minutes: u16, tier: Tier) -> PlanItem {
        ItemInput {
            subject: "math".into(),
            title_zh: "口算".into(),
            kind,
            minutes: minutes.to_string(),
            tier,
            ..ItemInput::default()
        }
        .to_item(day, draft.new_item_id(day, "math"))
        .unwrap()
    }

    #[test]
    fn a_plan_publishes_a_feed_core_accepts_and_judges_like_check_feed() {
        let mut d = Draft {
            setup: setup(),
            ..Draft::default()
        };
        let mon = date("2026-11-23");
        for m in [40, 30] {
            let i = item(&d, mon, Kind::Written, m, Tier::Core);
            d.put_item(mon, None, i);
        }
        let i = item(&d, mon, Kind::Written, 30, Tier::Optional);
        d.put_item(mon, None, i);
        let checked = d.check(now()).unwrap();
        let v = checked.day(mon);
        assert_eq!((v.written, v.optional), (70, 30));
        assert_eq!(v.limit, WrittenLimit::Minutes(60));
        assert_eq!(v.violation, Some(FeedRule::WrittenMinutesOverLimit));
        // The text is a feed the parser takes back unchanged.
        let again = Feed::parse(&checked.to_text()).unwrap();
        assert_eq!(again, checked.feed);
        assert_eq!(again.violations(), checked.violations);
        // Ids are unique and stable.
        let ids: Vec<_> = d.items(mon).iter().map(|i| i.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "2026-11-23-math-1",
                "2026-11-23-math-2",
                "2026-11-23-math-3"
            ]
        );
    }

    #[test]
    fn the_calendar_decides_school_days_and_grades_1_2_get_no_written_homework() {
        let mut d = Draft {
            setup: Setup {
                grade: 2,
                holiday_limit: Some(20),
                ..setup()
            },
            ..Draft::default()
        };
        let checked = d.check(now()).unwrap();
        assert_eq!(checked.day(date("2026-10-02")).kind, DayKind::Holiday);
        assert_eq!(checked.day(date("2026-10-10")).kind, DayKind::MakeUpDay);
        let day = date("2026-11-24");
        let i = item(&d, day, Kind::Written, 10, Tier::Optional);
        d.put_item(day, None, i);
        let v = d.check(now()).unwrap().day(day);
        assert_eq!(v.limit, WrittenLimit::NoneAllowed);
        assert_eq!(v.violation, Some(FeedRule::WrittenHomeworkGrades12));
    }

    #[test]
    fn the_holiday_cap_applies_on_weekends() {
        let mut d = Draft {
            setup: Setup {
                holiday_limit: Some(20),
                ..setup()
            },
            ..Draft::default()
        };
        let sat = date("2026-11-28");
        let i = item(&d, sat, Kind::Written, 25, Tier::Core);
        d.put_item(sat, None, i);
        let v = d.check(now()).unwrap().day(sat);
        assert_eq!(
            (v.kind, v.limit),
            (DayKind::Weekend, WrittenLimit::Minutes(20))
        );
        assert_eq!(v.violation, Some(FeedRule::WrittenMinutesOverLimit));
    }

    #[test]
    fn a_bad_setup_is_reported_with_feed_paths() {
        let d = Draft {
            setup: Setup {
                primary_limit: Some(90),
                holidays: vec!["2026-10-10".into()],
                ..setup()
            },
            ..Draft::default()
        };
        let problems = d.setup_problems(now());
        let paths: Vec<_> = problems.iter().map(|p| p.path.as_str()).collect();
        assert!(
            paths.contains(&"school.limits.grades_3_6_written_minutes"),
            "{paths:?}"
        );
        assert!(
            paths.iter().any(|p| p.starts_with("school.calendar")),
            "{paths:?}"
        );
    }

    #[test]
    fn item_forms_name_every_wrong_field() {
        let input = ItemInput {
            minutes: "abc".into(),
            due: "2026-11-20".into(),
            ..ItemInput::default()
        };
        let errors = input.to_item(date("2026-11-23"), "x".into()).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field()).collect();
        assert_eq!(fields, ["subject", "title", "minutes", "due"]);
        assert_eq!(
            ItemInput {
                minutes: "601".into(),
                ..ItemInput::default()
            }
            .to_item(date("2026-11-23"), "x".into())
            .unwrap_err()
            .last(),
            Some(&ItemError::MinutesOutOfRange)
        );
    }

    #[test]
    fn import_keeps_unknown_fields_and_other_languages() {
        let text = r#"{
          "format": "jianfu.feed/1", "portal_extra": {"a": 1},
          "school": {"id": "s1", "name": {"zh-CN": "小学", "en": "Primary", "zh-TW": "小學"},
                     "rules": "cn-national-2021", "limits": {"bedtime_primary": "21:00"}, "x_code": 7},
          "class": {"id": "c1", "name": "一班", "grade": 3},
          "published_at": "2026-11-20T10:00:00+08:00",
          "days": [{"date": "2026-11-23", "note": "keep",
                    "items": [{"id": "a", "subject": "math", "title": "口算", "kind": "written",
                               "estimated_minutes": 20, "tier": "core", "x_item": true}]}],
          "submit": {"bureau": "zz-jinshui"},
          "surveys": ["https://portal.example/s.json"]
        }"#;
        let mut d = Draft::import(text).unwrap();
        assert_eq!(d.setup.school_name.en, "Primary");
        assert_eq!(d.setup.grade, 3);
        let mon = date("2026-11-23");
        let mut edited = d.items(mon)[0].clone();
        edited.minutes = 25;
        d.put_item(mon, Some(0), edited);
        let v = d.to_value(now());
        assert_eq!(v["portal_extra"]["a"], 1);
        assert_eq!(v["school"]["x_code"], 7);
        assert_eq!(v["school"]["name"]["zh-TW"], "小學");
        assert_eq!(v["school"]["limits"]["bedtime_primary"], "21:00");
        assert_eq!(v["days"][0]["note"], "keep");
        assert_eq!(v["days"][0]["items"][0]["x_item"], true);
        assert_eq!(v["days"][0]["items"][0]["estimated_minutes"], 25);
        assert_eq!(v["submit"]["bureau"], "zz-jinshui");
        assert_eq!(v["surveys"][0], "https://portal.example/s.json");
        assert_eq!(v["published_at"], "2026-11-23T16:30:00+08:00");
        Feed::from_value(&v).unwrap();
    }

    #[test]
    fn drafts_round_trip_through_their_saved_json() {
        let mut d = Draft {
            setup: setup(),
            ..Draft::default()
        };
        let day = date("2026-11-23");
        let mut i = item(&d, day, Kind::Reading, 15, Tier::Core);
        i.due = Some(date("2026-11-25"));
        d.put_item(day, None, i);
        let saved = serde_json::to_string(&d).unwrap();
        let back: Draft = serde_json::from_str(&saved).unwrap();
        assert_eq!(back, d);
        assert!(serde_json::from_str::<Draft>(r#"{"days": {"2026-13-01": []}}"#).is_err());
    }

    #[test]
    fn days_and_weeks_copy_with_new_ids_and_moved_due_dates() {
        let mut d = Draft {
            setup: setup(),
            ..Draft::default()
        };
        let mon = date("2026-11-16");
        let mut i = item(&d, mon, Kind::Written, 20, Tier::Core);
        i.due = Some(date("2026-11-17"));
        d.put_item(mon, None, i);
        assert_eq!(d.copy_week(mon, date("2026-11-23")), 1);
        let copied = &d.items(date("2026-11-23"))[0];
        assert_eq!(copied.id, "2026-11-23-math-1");
        assert_eq!(copied.due, Some(date("2026-11-24")));
        d.move_item(mon, 0, 1);
        d.move_item(mon, 0, -1);
        assert_eq!(d.remove_item(mon, 0).map(|i| i.minutes), Some(20));
        assert!(d.items(mon).is_empty());
        assert!(d.check(now()).is_ok());
    }

    #[test]
    fn the_after_school_service_goes_through_the_studio_unchanged_and_is_judged() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../testdata/feeds/g3c1-after-school.json"
        ))
        .unwrap();
        let draft = Draft::import(&text).unwrap();
        assert!(draft.setup.after_school.enabled);
        assert!(draft.items(Date::parse("2026-12-21").unwrap())[0].at_school);
        let at = Instant::parse("2026-12-20T17:00:00+08:00").unwrap();
        let checked = draft.check(at).unwrap();
        let original: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            checked.value["school"]["after_school"],
            original["school"]["after_school"]
        );
        assert_eq!(
            checked.value["school"]["limits"],
            original["school"]["limits"]
        );
        assert_eq!(checked.value["days"][0]["items"][0]["at"], "school");
        let short = checked.service(Date::parse("2026-12-24").unwrap()).unwrap();
        assert!(short.shortfall.is_some());
        assert!(
            checked
                .service(Date::parse("2026-12-21").unwrap())
                .unwrap()
                .shortfall
                .is_none()
        );
        // Typing a session outside the service: the studio shows core's path.
        let mut bad = draft.clone();
        bad.setup.after_school.sessions[0].start = "15:00".into();
        let problems = bad.check(at).unwrap_err().to_string();
        assert!(
            problems.contains("school.after_school.weekly[0].sessions[0]: 15:00–16:20 is outside"),
            "{problems}"
        );
        // Switched off: no service in the feed.
        let mut off = draft;
        off.setup.after_school.enabled = false;
        assert!(
            off.check(at).unwrap().value["school"]
                .get("after_school")
                .is_none()
        );
    }
}
