//! The app's state, one reducer per concern (children, the selected child's
//! log, the class feed), after Yew's `function_todomvc`: the reducers only
//! apply what storage has already committed (see [`crate::actions`]), and
//! everything derived (verdicts, weeks) is computed from them on demand.

use std::rc::Rc;

use jianfu_core::log::{Child, Night};
use jianfu_core::{Date, Feed, Log};
use yew::prelude::*;

use crate::i18n::Lang;
use crate::route::Route;
use crate::store::{ChildData, ChildRecord, EntryRecord, OutboxItem, Store, TimerRecord};

/// Every child on this device and which one is shown.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Children {
    /// Loaded from storage yet.
    pub loaded: bool,
    /// Oldest first.
    pub list: Vec<ChildRecord>,
    /// The selected child's id.
    pub selected: Option<String>,
}

/// Changes to [`Children`].
pub enum ChildrenAction {
    /// Read from storage.
    Loaded(Vec<ChildRecord>, Option<String>),
    /// Added or updated (and selected).
    Put(ChildRecord),
    /// Switched to.
    Select(String),
    /// Deleted.
    Removed(String),
}

impl Children {
    /// The selected child.
    pub fn current(&self) -> Option<&ChildRecord> {
        let id = self.selected.as_ref()?;
        self.list.iter().find(|c| &c.id == id)
    }
}

impl Reducible for Children {
    type Action = ChildrenAction;
    fn reduce(self: Rc<Self>, action: ChildrenAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            ChildrenAction::Loaded(list, selected) => {
                s.selected = selected
                    .filter(|id| list.iter().any(|c| &c.id == id))
                    .or_else(|| list.first().map(|c| c.id.clone()));
                s.list = list;
                s.loaded = true;
            }
            ChildrenAction::Put(c) => {
                s.selected = Some(c.id.clone());
                match s.list.iter_mut().find(|x| x.id == c.id) {
                    Some(x) => *x = c,
                    None => s.list.push(c),
                }
            }
            ChildrenAction::Select(id) => s.selected = Some(id),
            ChildrenAction::Removed(id) => {
                s.list.retain(|c| c.id != id);
                if s.selected.as_ref() == Some(&id) {
                    s.selected = s.list.first().map(|c| c.id.clone());
                }
            }
        }
        Rc::new(s)
    }
}

/// The selected child's records.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChildLog {
    /// Whose records these are; `None` until loaded.
    pub child: Option<String>,
    /// The records.
    pub data: ChildData,
}

/// Changes to [`ChildLog`], each applied after storage committed it.
pub enum LogAction {
    /// Read from storage.
    Loaded(String, ChildData),
    /// Entries added or replaced.
    EntriesPut(Vec<EntryRecord>),
    /// An entry deleted.
    EntryRemoved(String),
    /// Nights added or replaced.
    NightsPut(Vec<Night>),
    /// A night deleted.
    NightRemoved(Date),
    /// A stopwatch started, paused or resumed.
    TimerPut(TimerRecord),
    /// A stopwatch stopped, with the entry it logged.
    TimerFinished(String, Option<EntryRecord>),
}

impl Reducible for ChildLog {
    type Action = LogAction;
    fn reduce(self: Rc<Self>, action: LogAction) -> Rc<Self> {
        let mut s = (*self).clone();
        let d = &mut s.data;
        match action {
            LogAction::Loaded(child, data) => {
                s.child = Some(child);
                s.data = data;
            }
            LogAction::EntriesPut(entries) => {
                for e in entries {
                    match d.entries.iter_mut().find(|x| x.id == e.id) {
                        Some(x) => *x = e,
                        None => d.entries.push(e),
                    }
                }
                d.entries
                    .sort_by(|a, b| (a.entry.date, &a.id).cmp(&(b.entry.date, &b.id)));
            }
            LogAction::EntryRemoved(id) => d.entries.retain(|e| e.id != id),
            LogAction::NightsPut(nights) => {
                for n in nights {
                    d.nights.retain(|x| x.night_of() != n.night_of());
                    d.nights.push(n);
                }
                d.nights.sort_by_key(|n| n.night_of());
            }
            LogAction::NightRemoved(date) => d.nights.retain(|n| n.night_of() != date),
            LogAction::TimerPut(t) => match d.timers.iter_mut().find(|x| x.id == t.id) {
                Some(x) => *x = t,
                None => d.timers.push(t),
            },
            LogAction::TimerFinished(id, entry) => {
                d.timers.retain(|t| t.id != id);
                if let Some(e) = entry {
                    d.entries.push(e);
                    d.entries
                        .sort_by(|a, b| (a.entry.date, &a.id).cmp(&(b.entry.date, &b.id)));
                }
            }
        }
        Rc::new(s)
    }
}

impl ChildLog {
    /// The records as a `jianfu.log/1` for `child`: what is evaluated and exported.
    pub fn to_log(&self, child: &Child) -> Log {
        Log {
            child: child.clone(),
            homework: self.data.entries.iter().map(|e| e.entry.clone()).collect(),
            sleep: self.data.nights.clone(),
        }
    }

    /// The part of the log from `first` to `last` (inclusive): what one
    /// week's verdict depends on, so showing a week costs the same with a
    /// year of records as with one.
    pub fn days(&self, child: &Child, first: Date, last: Date) -> Log {
        let within = |d: Date| first <= d && d <= last;
        Log {
            child: child.clone(),
            homework: self
                .data
                .entries
                .iter()
                .filter(|e| within(e.entry.date))
                .map(|e| e.entry.clone())
                .collect(),
            sleep: self
                .data
                .nights
                .iter()
                .filter(|n| within(n.night_of()))
                .copied()
                .collect(),
        }
    }
}

/// Why the newest copy of the feed is not on screen, in the words a parent
/// is shown (never the raw error: issue #16). Offline is a state, not an
/// error: the last good copy is shown with the time it was saved.
#[derive(Debug, Clone, PartialEq)]
pub enum FeedProblem {
    /// No network (the browser says so, or the service worker answered
    /// with its saved copy).
    Offline,
    /// The school's site answered that there is no feed at this address
    /// (404, 410): the parent should check the link with the teacher.
    NotFound,
    /// The school's site failed or could not be reached; tried again later.
    Unreachable,
    /// The school published something invalid (the details are for the
    /// school's IT staff).
    Invalid(String),
}

impl FeedProblem {
    /// The problem a failed fetch means for the parent.
    pub fn from_fetch(e: &crate::platform::FetchError) -> Self {
        use crate::platform::FetchError;
        match e {
            FetchError::Offline => Self::Offline,
            FetchError::Network(_) if !crate::platform::online() => Self::Offline,
            FetchError::Status(404 | 410) => Self::NotFound,
            FetchError::Status(_) | FetchError::Network(_) => Self::Unreachable,
            FetchError::TooLarge(_) => Self::Invalid(e.to_string()),
        }
    }
}

/// The class feed as shown: the newest good copy and how fresh it is.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FeedView {
    /// Which URL this is about.
    pub url: String,
    /// The newest valid copy (from the network or the cache).
    pub feed: Option<Rc<Feed>>,
    /// When that copy was fetched (Unix seconds).
    pub fetched_at: Option<i64>,
    /// Whether a fetch is under way.
    pub loading: bool,
    /// The last fetch's problem, if it failed.
    pub problem: Option<FeedProblem>,
}

/// A message after an action: saved, or what failed.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Committed to storage.
    Saved,
    /// A storage failure; what the user entered is kept on screen.
    StorageFailed(String),
    /// Storage is full.
    QuotaExceeded,
    /// Any other message, already in the user's language.
    Text(String),
}

impl Notice {
    /// As one string, for the notice line of the app when the second
    /// module sets it (see `components::MoreHost`).
    pub fn to_wire(&self) -> String {
        match self {
            Self::Saved => "saved".to_owned(),
            Self::QuotaExceeded => "quota".to_owned(),
            Self::StorageFailed(why) => format!("failed:{why}"),
            Self::Text(t) => format!("text:{t}"),
        }
    }

    /// Reads [`Notice::to_wire`]'s string.
    pub fn from_wire(s: &str) -> Option<Self> {
        match s {
            "saved" => Some(Self::Saved),
            "quota" => Some(Self::QuotaExceeded),
            _ => s
                .strip_prefix("failed:")
                .map(|why| Self::StorageFailed(why.to_owned()))
                .or_else(|| s.strip_prefix("text:").map(|t| Self::Text(t.to_owned()))),
        }
    }
}

/// What waits to leave the device, and which surveys were answered here.
/// Held only by the second module (`components::outbox::use_outbox`), with
/// the screens that fill it and the runner that empties it; the first
/// download has no outbox state at all.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outbox {
    /// Every item, oldest first.
    pub items: Vec<OutboxItem>,
    /// Survey ids answered on this device.
    pub answered: Vec<String>,
    /// Reports whose proof of work is being solved for a busy inbox
    /// (in memory only: after a reload the inbox asks again).
    pub solving: Vec<String>,
}

impl Outbox {
    /// How many items still wait to be sent (or were refused); a sent
    /// receipt does not count. The outbox link's and the feedback tab's
    /// number.
    pub fn waiting(&self) -> usize {
        self.items
            .iter()
            .filter(|i| i.state != crate::store::OutState::Sent)
            .count()
    }
}

/// Changes to [`Outbox`], applied after storage committed them.
pub enum OutboxAction {
    /// Read from storage.
    Loaded(Vec<OutboxItem>, Vec<String>),
    /// Added or updated.
    Put(OutboxItem),
    /// Withdrawn or discarded (with whether its survey is un-marked).
    Removed(String, Option<String>),
    /// A report's proof of work for a busy inbox started (`true`) or ended.
    Solving(String, bool),
    /// The network or the receiver is back (`to`: that receiver's items
    /// only): what waits in a back-off longer than 5 s goes out 1–4 s after
    /// `now`, spread by the item's id so the items do not all go at once.
    Wake {
        /// Unix seconds.
        now: i64,
        /// The receiver's address, if only its items wake.
        to: Option<String>,
    },
}

impl Reducible for Outbox {
    type Action = OutboxAction;
    fn reduce(self: Rc<Self>, action: OutboxAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            OutboxAction::Loaded(items, answered) => {
                s.items = items;
                s.items
                    .sort_by(|a, b| (a.created_on, &a.id).cmp(&(b.created_on, &b.id)));
                s.answered = answered;
            }
            OutboxAction::Put(item) => {
                if let Some(survey) = &item.survey
                    && !s.answered.contains(survey)
                {
                    s.answered.push(survey.clone());
                }
                match s.items.iter_mut().find(|x| x.id == item.id) {
                    Some(x) => *x = item,
                    None => s.items.push(item),
                }
            }
            OutboxAction::Solving(id, on) => {
                s.solving.retain(|x| *x != id);
                if on {
                    s.solving.push(id);
                }
            }
            OutboxAction::Removed(id, unmark) => {
                s.items.retain(|x| x.id != id);
                if let Some(survey) = unmark {
                    s.answered.retain(|a| a != &survey);
                }
            }
            OutboxAction::Wake { now, to } => {
                for x in s.items.iter_mut().filter(|x| {
                    x.state == crate::store::OutState::Waiting
                        && x.next_at > now + 5
                        && to.as_ref().is_none_or(|u| &x.url == u)
                }) {
                    let spread = x.id.bytes().fold(0u8, u8::wrapping_add) % 4;
                    x.next_at = now + 1 + i64::from(spread);
                }
            }
        }
        Rc::new(s)
    }
}

/// The outbox as the screens and actions that use it hold it.
pub type OutboxHandle = UseReducerHandle<Outbox>;

/// Everything components share, provided by the root.
#[derive(Clone, PartialEq)]
pub struct AppCtx {
    /// The language.
    pub lang: Lang,
    /// Changes the language.
    pub set_lang: Callback<Lang>,
    /// Storage.
    pub store: Store,
    /// Children.
    pub children: UseReducerHandle<Children>,
    /// The selected child's records.
    pub log: UseReducerHandle<ChildLog>,
    /// The selected child's feed.
    pub feed: UseStateHandle<FeedView>,
    /// The latest notice.
    pub notice: UseStateHandle<Option<Notice>>,
    /// The current screen.
    pub route: Route,
    /// Goes to a screen: the app moves its URL hash, a widget only itself.
    pub navigate: Callback<Route>,
}

#[cfg(test)]
mod tests {
    use super::Notice;

    #[test]
    fn waking_sends_the_waiting_items_of_that_receiver_soon_and_spread() {
        use super::{Outbox, OutboxAction};
        use crate::store::{OutKind, OutState, OutboxItem};
        use yew::Reducible;
        let item = |id: &str, url: &str, state: OutState, next_at: i64| OutboxItem {
            id: id.into(),
            kind: OutKind::Report,
            survey: None,
            url: url.into(),
            body: "{}".into(),
            created_on: jianfu_core::Date::parse("2026-12-07").expect("date"),
            state,
            attempts: 3,
            next_at,
        };
        let now = 1_000_000;
        let outbox = std::rc::Rc::new(Outbox {
            items: vec![
                item("a", "/inbox/reports", OutState::Waiting, now + 900),
                item("b", "/inbox/reports", OutState::Waiting, now + 3),
                item("c", "/other/reports", OutState::Waiting, now + 900),
                item(
                    "d",
                    "/inbox/reports",
                    OutState::Failed("HTTP 422".into()),
                    now + 900,
                ),
                item("e", "/inbox/reports", OutState::Sent, now + 900),
            ],
            ..Outbox::default()
        });
        let woken = outbox.reduce(OutboxAction::Wake {
            now,
            to: Some("/inbox/reports".into()),
        });
        let at = |id: &str| woken.items.iter().find(|i| i.id == id).map(|i| i.next_at);
        assert!((now + 1..=now + 4).contains(&at("a").expect("a")), "woken");
        assert_eq!(at("b"), Some(now + 3), "already soon");
        assert_eq!(at("c"), Some(now + 900), "another receiver");
        assert_eq!(at("d"), Some(now + 900), "failed stays failed");
        assert_eq!(at("e"), Some(now + 900), "sent stays sent");
        let all = woken.reduce(OutboxAction::Wake { now, to: None });
        assert!(
            all.items
                .iter()
                .find(|i| i.id == "c")
                .is_some_and(|i| i.next_at <= now + 4)
        );
    }

    #[test]
    fn notices_cross_between_modules_unchanged() {
        for n in [
            Notice::Saved,
            Notice::QuotaExceeded,
            Notice::StorageFailed("QuotaExceededError: text:with a colon".into()),
            Notice::Text("已导入 3 条记录\nfailed:not a prefix here".into()),
            Notice::Text(String::new()),
        ] {
            assert_eq!(Notice::from_wire(&n.to_wire()), Some(n));
        }
        assert_eq!(Notice::from_wire("nonsense"), None);
    }
}
