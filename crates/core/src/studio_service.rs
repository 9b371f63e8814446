//! The studio's after-school service form (issue #29): the fields as the
//! teacher types them, saved with the draft, written into the feed's
//! `school.after_school` and checked there by [`crate::Feed`], so the
//! studio shows exactly the path-precise problems `check-feed` prints.
//!
//! One weekly plan (the same service on the chosen weekdays): what nearly
//! every school publishes. Further weekly entries of an imported feed are
//! kept as they were and written back, never dropped.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::after_school::{AfterSchool, SessionKind};
use crate::studio::Names;

/// A session as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionInput {
    /// `homework_help`, `sport`…
    pub kind: String,
    /// `HH:MM`.
    pub start: String,
    /// `HH:MM`.
    pub end: String,
    /// Its name.
    pub title: Names,
    /// The clubs to choose from, one per line (Chinese).
    pub options: String,
}

impl Default for SessionInput {
    fn default() -> Self {
        Self {
            kind: SessionKind::HomeworkHelp.as_str().to_owned(),
            start: String::new(),
            end: String::new(),
            title: Names::default(),
            options: String::new(),
        }
    }
}

/// A change for a date or range, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ChangeInput {
    /// `YYYY-MM-DD` or `start/end`.
    pub date: String,
    /// Another start (empty: as planned).
    pub start: String,
    /// Another end, such as an early finish (empty: as planned).
    pub end: String,
    /// No service on these dates.
    pub cancelled: bool,
    /// Why, for parents (Chinese).
    pub note: String,
}

/// The whole form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServicePlan {
    /// Whether the feed publishes a service.
    pub enabled: bool,
    /// ISO weekdays of the weekly plan.
    pub weekdays: Vec<u8>,
    /// `HH:MM`.
    pub start: String,
    /// `HH:MM`.
    pub end: String,
    /// The sessions, in order.
    pub sessions: Vec<SessionInput>,
    /// Per-date changes.
    pub changes: Vec<ChangeInput>,
    /// `HH:MM`, empty: none.
    pub extended_care_until: String,
    /// As the school words it (Chinese).
    pub fee: String,
    /// Whom to ask (Chinese).
    pub contact: String,
    /// `school.limits.after_school_end_not_before` (empty: the profile's).
    pub end_not_before: String,
    /// Weekly entries of an imported feed beyond the first, kept as is.
    pub other_weekly: Vec<Value>,
}

impl Default for ServicePlan {
    fn default() -> Self {
        Self {
            enabled: false,
            weekdays: vec![1, 2, 3, 4, 5],
            start: "15:40".into(),
            end: "17:50".into(),
            sessions: Vec::new(),
            changes: Vec::new(),
            extended_care_until: String::new(),
            fee: String::new(),
            contact: String::new(),
            end_not_before: String::new(),
            other_weekly: Vec::new(),
        }
    }
}

fn plain(text: Option<&crate::Text>) -> String {
    text.map(|t| t.pick("zh-CN").to_owned()).unwrap_or_default()
}

impl ServicePlan {
    /// The form filled from a feed's service (`None`: a form left off).
    #[must_use]
    pub fn from_feed(a: Option<&AfterSchool>, end_not_before: Option<crate::TimeOfDay>) -> Self {
        let end_not_before = end_not_before.map(|t| t.to_string()).unwrap_or_default();
        let Some(a) = a else {
            return Self {
                end_not_before,
                ..Self::default()
            };
        };
        let first = a.weekly.first();
        Self {
            enabled: true,
            weekdays: first.map(|w| w.weekdays.clone()).unwrap_or_default(),
            start: first.map(|w| w.start.to_string()).unwrap_or_default(),
            end: first.map(|w| w.end.to_string()).unwrap_or_default(),
            sessions: first
                .map(|w| {
                    w.sessions
                        .iter()
                        .map(|s| SessionInput {
                            kind: s.kind.as_str().to_owned(),
                            start: s.start.to_string(),
                            end: s.end.to_string(),
                            title: s.title.as_ref().map(Names::from_text).unwrap_or_default(),
                            options: s
                                .options
                                .iter()
                                .map(|o| o.pick("zh-CN"))
                                .collect::<Vec<_>>()
                                .join("\n"),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            changes: a
                .changes
                .iter()
                .map(|c| ChangeInput {
                    date: c.dates.to_wire(),
                    start: c.start.map(|t| t.to_string()).unwrap_or_default(),
                    end: c.end.map(|t| t.to_string()).unwrap_or_default(),
                    cancelled: c.cancelled,
                    note: plain(c.note.as_ref()),
                })
                .collect(),
            extended_care_until: a
                .extended_care_until
                .map(|t| t.to_string())
                .unwrap_or_default(),
            fee: plain(a.fee.as_ref()),
            contact: plain(a.contact.as_ref()),
            end_not_before,
            other_weekly: Vec::new(),
        }
    }

    /// `school.after_school` as typed, over the imported one (its other
    /// fields and weekly entries kept); `None` when the service is off.
    /// Not checked here: [`crate::Feed`] reads it back and names every
    /// problem's path.
    #[must_use]
    pub fn to_value(&self, base: Option<&Value>) -> Option<Value> {
        if !self.enabled {
            return None;
        }
        let mut o: Map<String, Value> =
            base.and_then(Value::as_object).cloned().unwrap_or_default();
        let text = |s: &str| text_over(s, None);
        let base_sessions = o
            .get("weekly")
            .and_then(|w| w.get(0))
            .and_then(|w| w.get("sessions"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let sessions = self.sessions_value(&base_sessions);
        let mut weekly = vec![json!({
            "weekdays": self.weekdays,
            "start": self.start.trim(),
            "end": self.end.trim(),
            "sessions": sessions,
        })];
        weekly.extend(self.other_weekly.iter().cloned());
        o.insert("weekly".into(), Value::Array(weekly));
        let base_changes = o
            .get("changes")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let changes: Vec<Value> = self
            .changes
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut v = json!({"date": c.date.trim()});
                if c.cancelled {
                    v["cancelled"] = json!(true);
                } else {
                    if let Some(t) = text(&c.start) {
                        v["start"] = t;
                    }
                    if let Some(t) = text(&c.end) {
                        v["end"] = t;
                    }
                }
                if let Some(n) = text_over(&c.note, base_changes.get(i).and_then(|b| b.get("note")))
                {
                    v["note"] = n;
                }
                v
            })
            .collect();
        if changes.is_empty() {
            o.remove("changes");
        } else {
            o.insert("changes".into(), Value::Array(changes));
        }
        for (key, value) in [
            ("extended_care_until", &self.extended_care_until),
            ("fee", &self.fee),
            ("contact", &self.contact),
        ] {
            let kept = o.get(key).cloned();
            match text_over(value, kept.as_ref()) {
                Some(v) => o.insert(key.into(), v),
                None => o.remove(key),
            };
        }
        Some(Value::Object(o))
    }
}

/// Text edited in Chinese alone: an imported value in more languages is
/// kept as long as its Chinese is what the teacher left; empty is none.
fn text_over(s: &str, base: Option<&Value>) -> Option<Value> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    Some(match base {
        Some(b) if b.get("zh-CN").and_then(Value::as_str) == Some(s) => b.clone(),
        _ => Value::String(s.to_owned()),
    })
}

impl ServicePlan {
    /// The weekly plan's sessions, over the imported ones (`base`).
    fn sessions_value(&self, base_sessions: &[Value]) -> Vec<Value> {
        self.sessions
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let base = base_sessions.get(i);
                let mut v = json!({"kind": s.kind, "start": s.start.trim(), "end": s.end.trim()});
                if !s.title.is_empty() {
                    v["title"] = s.title.to_value(base.and_then(|b| b.get("title")));
                }
                let base_options: Vec<Value> = base
                    .and_then(|b| b.get("options"))
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                let options: Vec<Value> = s
                    .options
                    .lines()
                    .map(str::trim)
                    .filter(|o| !o.is_empty())
                    .filter_map(|o| {
                        let kept = base_options
                            .iter()
                            .find(|b| b.get("zh-CN").and_then(Value::as_str) == Some(o));
                        text_over(o, kept)
                    })
                    .collect();
                if !options.is_empty() {
                    v["options"] = Value::Array(options);
                }
                v
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Feed;

    #[test]
    fn the_fixture_round_trips_through_the_form() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../testdata/feeds/g3c1-after-school.json"
        ))
        .unwrap();
        let feed = Feed::parse(&text).unwrap();
        let plan = ServicePlan::from_feed(
            feed.school.after_school.as_ref(),
            feed.school.rules.local().after_school_end_not_before,
        );
        assert!(plan.enabled);
        assert_eq!(plan.sessions.len(), 3);
        assert_eq!(plan.sessions[2].options, "篮球\n合唱\n编程");
        assert_eq!(plan.changes[0].end, "16:30");
        assert_eq!(plan.end_not_before, "17:30");
        let v: Value = serde_json::from_str(&text).unwrap();
        let written = plan.to_value(Some(&v["school"]["after_school"])).unwrap();
        let mut ctx = crate::json::Ctx::default();
        let read = AfterSchool::read(&mut ctx, "school.after_school", &written);
        let read = ctx.finish(read).unwrap();
        let original = feed.school.after_school.unwrap();
        assert_eq!(read, original, "nothing lost, English included");
        // A club typed anew is Chinese alone; the others keep their English.
        let mut changed = plan.clone();
        changed.sessions[2].options = "篮球\n围棋".into();
        let written = changed
            .to_value(Some(&v["school"]["after_school"]))
            .unwrap();
        let options = &written["weekly"][0]["sessions"][2]["options"];
        assert_eq!(options[0]["en"], "Basketball");
        assert_eq!(options[1], "围棋");
        assert!(
            ServicePlan::default().to_value(None).is_none(),
            "off: no service"
        );
    }
}
