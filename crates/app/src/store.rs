//! The app's persistent state in IndexedDB: schema, migrations and typed
//! operations. Records are stored as the JSON of the `jianfu.log/1` format
//! (a child object, homework entries, nights) plus the app's own fields, and
//! read back through jianfu-core's validation, so a damaged record is
//! skipped and counted, never trusted.
//!
//! Keys are `child/…` so one child's records are one key range.

use jianfu_core::feed::{At, Kind, Tier};
use jianfu_core::log::{Child, HomeworkEntry, Night};
use jianfu_core::stopwatch::Stopwatch;
use jianfu_core::{Date, Instant};
use serde_json::{Value, json};

use crate::platform::idb::{Db, Migration, StorageError, Write};

/// Where a survey's token is kept (`meta`, deleted with the answer's
/// acknowledgement).
fn token_key(survey: &str) -> String {
    format!("token:{survey}")
}

/// The database name.
pub const DB_NAME: &str = "jianfu";

/// Schema steps; the database version is their count.
/// - v1: `children`, `entries`, `nights`;
/// - v2: `timers` (running stopwatches survive reloads), `feeds` (last good
///   copy of each feed), `meta` (selected child, language);
/// - v3: `outbox` (survey responses and sealed reports waiting to be sent).
pub static MIGRATIONS: [Migration; 3] = [
    &["children", "entries", "nights"],
    &["timers", "feeds", "meta"],
    &["outbox"],
];

/// A child as the app keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChildRecord {
    /// Random id, never shown and never sent.
    pub id: String,
    /// Nickname, grade and rules (copied from the feed when it loads).
    pub child: Child,
    /// The class feed URL.
    pub feed: String,
    /// Whether the child attends the after-school service, and the club
    /// chosen: the parent's choice, kept on this device only (never in an
    /// export, never sent).
    pub after_school: Attendance,
}

/// A child's after-school service as the parent set it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Attendance {
    /// Attends (`None`: not said).
    pub attends: Option<bool>,
    /// The club (an option of the interest session) chosen, as named.
    pub interest: Option<String>,
}

impl ChildRecord {
    /// The nickname, or "" when none.
    pub fn nickname(&self) -> &str {
        self.child.nickname.as_deref().unwrap_or("")
    }

    fn to_json(&self) -> String {
        let mut v = self.child.to_value();
        v["id"] = json!(self.id);
        v["feed"] = json!(self.feed);
        let a = &self.after_school;
        if a.attends.is_some() || a.interest.is_some() {
            v["after_school"] = json!({"attends": a.attends, "interest": a.interest});
        }
        v.to_string()
    }

    fn from_json(text: &str) -> Option<Self> {
        let v: Value = serde_json::from_str(text).ok()?;
        Some(Self {
            id: v.get("id")?.as_str()?.to_owned(),
            feed: v.get("feed")?.as_str()?.to_owned(),
            after_school: v
                .get("after_school")
                .map(|a| Attendance {
                    attends: a.get("attends").and_then(Value::as_bool),
                    interest: a.get("interest").and_then(Value::as_str).map(str::to_owned),
                })
                .unwrap_or_default(),
            child: Child::from_value(&v).ok()?,
        })
    }
}

/// A logged homework entry with its id.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryRecord {
    /// Random id (kept in exports, so re-importing finds duplicates).
    pub id: String,
    /// The entry.
    pub entry: HomeworkEntry,
}

impl EntryRecord {
    /// The entry's JSON with its id, as stored and exported.
    pub fn to_value(&self) -> Value {
        let mut v = self.entry.to_value();
        v["id"] = json!(self.id);
        v
    }
}

/// A running or paused stopwatch for one piece of homework.
#[derive(Debug, Clone, PartialEq)]
pub struct TimerRecord {
    /// Random id.
    pub id: String,
    /// The school date it counts for.
    pub date: Date,
    /// Subject code.
    pub subject: String,
    /// Kind.
    pub kind: Kind,
    /// The feed item, if timed from the list.
    pub item: Option<String>,
    /// The item's tier: optional (选做) minutes never count against the limit.
    pub tier: Tier,
    /// Where the item is done: its school minutes are shown apart.
    pub at: At,
    /// The stored instants.
    pub watch: Stopwatch,
}

impl TimerRecord {
    fn to_json(&self) -> String {
        json!({
            "id": self.id,
            "date": self.date.to_string(),
            "subject": self.subject,
            "kind": self.kind.as_str(),
            "item": self.item,
            "tier": self.tier.as_str(),
            "at": self.at.as_str(),
            "first_start": self.watch.first_start().to_string(),
            "banked_seconds": self.watch.banked_seconds(),
            "running_since": self.watch.running_since().map(|i| i.to_string()),
            "paused_once": self.watch.paused_once(),
        })
        .to_string()
    }

    fn from_json(text: &str) -> Option<Self> {
        let v: Value = serde_json::from_str(text).ok()?;
        let instant = |k: &str| {
            v.get(k)
                .and_then(Value::as_str)
                .and_then(|s| Instant::parse(s).ok())
        };
        Some(Self {
            id: v.get("id")?.as_str()?.to_owned(),
            date: Date::parse(v.get("date")?.as_str()?).ok()?,
            subject: v.get("subject")?.as_str()?.to_owned(),
            kind: Kind::parse(v.get("kind")?.as_str()?)?,
            item: v.get("item").and_then(Value::as_str).map(str::to_owned),
            tier: v
                .get("tier")
                .and_then(Value::as_str)
                .and_then(Tier::parse)
                .unwrap_or_default(),
            at: match v.get("at").and_then(Value::as_str) {
                Some("school") => At::School,
                _ => At::Home,
            },
            watch: Stopwatch::from_parts(
                instant("first_start")?,
                v.get("banked_seconds")?.as_i64()?,
                instant("running_since"),
                v.get("paused_once")?.as_bool()?,
            ),
        })
    }
}

/// A child's records.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChildData {
    /// Homework entries, by date then id.
    pub entries: Vec<EntryRecord>,
    /// Nights, by date.
    pub nights: Vec<Night>,
    /// Stopwatches.
    pub timers: Vec<TimerRecord>,
    /// Stored records that failed validation and were skipped.
    pub unreadable: usize,
}

/// The last good copy of a feed.
#[derive(Debug, Clone, PartialEq)]
pub struct CachedFeed {
    /// When it was fetched (Unix seconds).
    pub fetched_at: i64,
    /// The feed's text.
    pub text: String,
}

/// What an outbox item carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutKind {
    /// A `jianfu.response/1`.
    Response,
    /// A sealed `jianfu.envelope/1`.
    Report,
}

/// Where an outbox item stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutState {
    /// Not sent yet (or to be retried).
    Waiting,
    /// The receiver has it.
    Sent,
    /// The receiver refused it; it will not be retried by itself.
    Failed(String),
}

/// Something waiting to leave the device. Once a response is sent it is
/// replaced by a receipt under a fresh random key, with no body, address
/// or nonce (the app remembers that it answered, not what, and nothing on
/// the device matches the receiver's row); a report's body is only ever
/// the sealed envelope.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxItem {
    /// The response's `nonce` or the envelope's `id` (the receiver's dedup key).
    pub id: String,
    /// Response or report.
    pub kind: OutKind,
    /// For responses: the survey id (to remember "answered").
    pub survey: Option<String>,
    /// Where it goes.
    pub url: String,
    /// The exact JSON that is sent; empty after a response is sent.
    pub body: String,
    /// The day it was queued.
    pub created_on: Date,
    /// Where it stands.
    pub state: OutState,
    /// Send attempts so far.
    pub attempts: u32,
    /// Not before this time (Unix seconds): random delay and back-off.
    pub next_at: i64,
}

/// The key prefix of a sent response's receipt.
const RECEIPT: &str = "receipt-";

impl OutboxItem {
    /// What stays of a sent response: that it was answered, and when;
    /// under a fresh random key, without nonce, body or address.
    #[must_use]
    pub fn receipt(&self) -> Self {
        Self {
            id: format!("{RECEIPT}{}", crate::platform::random_id()),
            url: String::new(),
            body: String::new(),
            ..self.clone()
        }
    }

    fn to_json(&self) -> String {
        let (state, reason) = match &self.state {
            OutState::Waiting => ("waiting", None),
            OutState::Sent => ("sent", None),
            OutState::Failed(r) => ("failed", Some(r.clone())),
        };
        json!({
            "id": self.id,
            "kind": match self.kind { OutKind::Response => "response", OutKind::Report => "report" },
            "survey": self.survey,
            "url": self.url,
            "body": self.body,
            "created_on": self.created_on.to_string(),
            "state": state,
            "reason": reason,
            "attempts": self.attempts,
            "next_at": self.next_at,
        })
        .to_string()
    }

    fn from_json(text: &str) -> Option<Self> {
        let v: Value = serde_json::from_str(text).ok()?;
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
        Some(Self {
            id: s("id")?,
            kind: match v.get("kind")?.as_str()? {
                "response" => OutKind::Response,
                "report" => OutKind::Report,
                _ => return None,
            },
            survey: s("survey"),
            url: s("url")?,
            body: s("body").unwrap_or_default(),
            created_on: Date::parse(v.get("created_on")?.as_str()?).ok()?,
            state: match v.get("state")?.as_str()? {
                "waiting" => OutState::Waiting,
                "sent" => OutState::Sent,
                _ => OutState::Failed(s("reason").unwrap_or_default()),
            },
            attempts: u32::try_from(v.get("attempts")?.as_u64()?).ok()?,
            next_at: v.get("next_at")?.as_i64()?,
        })
    }
}

/// The app's storage.
#[derive(Clone, PartialEq)]
pub struct Store {
    db: Db,
}

fn prefix(child: &str) -> String {
    format!("{child}/")
}

impl Store {
    /// Opens the app's database (memory when IndexedDB is unavailable).
    pub async fn open() -> Self {
        Self::open_named(DB_NAME).await
    }

    /// Opens a database by name (tests use their own).
    pub async fn open_named(name: &str) -> Self {
        Self {
            db: Db::open(name, &MIGRATIONS).await,
        }
    }

    /// Whether data survives a reload.
    pub fn is_persistent(&self) -> bool {
        self.db.is_persistent()
    }

    /// Closes the connection.
    pub fn close(&self) {
        self.db.close();
    }

    /// Every child, oldest first.
    pub async fn children(&self) -> Result<Vec<ChildRecord>, StorageError> {
        let rows = self.db.get_prefix("children", "").await?;
        Ok(rows
            .iter()
            .filter_map(|(_, v)| ChildRecord::from_json(v))
            .collect())
    }

    /// Adds or updates a child.
    pub async fn put_child(&self, c: &ChildRecord) -> Result<(), StorageError> {
        self.db
            .write(&[Write::Put {
                store: "children",
                key: c.id.clone(),
                value: c.to_json(),
            }])
            .await
    }

    /// Deletes a child and everything logged for it, in one transaction.
    pub async fn delete_child(&self, id: &str) -> Result<(), StorageError> {
        let p = prefix(id);
        self.db
            .write(&[
                Write::Delete {
                    store: "children",
                    key: id.to_owned(),
                },
                Write::DeletePrefix {
                    store: "entries",
                    prefix: p.clone(),
                },
                Write::DeletePrefix {
                    store: "nights",
                    prefix: p.clone(),
                },
                Write::DeletePrefix {
                    store: "timers",
                    prefix: p,
                },
            ])
            .await
    }

    /// Everything logged for a child.
    pub async fn child_data(&self, id: &str) -> Result<ChildData, StorageError> {
        let p = prefix(id);
        let mut data = ChildData::default();
        for (_, v) in self.db.get_prefix("entries", &p).await? {
            let parsed = serde_json::from_str::<Value>(&v).ok().and_then(|v| {
                let id = v.get("id")?.as_str()?.to_owned();
                Some(EntryRecord {
                    id,
                    entry: HomeworkEntry::from_value(&v).ok()?,
                })
            });
            match parsed {
                Some(e) => data.entries.push(e),
                None => data.unreadable += 1,
            }
        }
        data.entries
            .sort_by(|a, b| (a.entry.date, &a.id).cmp(&(b.entry.date, &b.id)));
        for (_, v) in self.db.get_prefix("nights", &p).await? {
            match serde_json::from_str::<Value>(&v)
                .ok()
                .and_then(|v| Night::from_value(&v).ok())
            {
                Some(n) => data.nights.push(n),
                None => data.unreadable += 1,
            }
        }
        for (_, v) in self.db.get_prefix("timers", &p).await? {
            match TimerRecord::from_json(&v) {
                Some(t) => data.timers.push(t),
                None => data.unreadable += 1,
            }
        }
        Ok(data)
    }

    fn entry_write(child: &str, e: &EntryRecord) -> Write {
        Write::Put {
            store: "entries",
            key: format!("{child}/{}", e.id),
            value: e.to_value().to_string(),
        }
    }

    /// Adds or replaces entries and nights in one transaction (saving, editing, importing).
    pub async fn put_records(
        &self,
        child: &str,
        entries: &[EntryRecord],
        nights: &[Night],
    ) -> Result<(), StorageError> {
        let mut writes: Vec<Write> = entries
            .iter()
            .map(|e| Self::entry_write(child, e))
            .collect();
        writes.extend(nights.iter().map(|n| Write::Put {
            store: "nights",
            key: format!("{child}/{}", n.night_of()),
            value: n.to_value().to_string(),
        }));
        self.db.write(&writes).await
    }

    /// Deletes an entry.
    pub async fn delete_entry(&self, child: &str, id: &str) -> Result<(), StorageError> {
        self.db
            .write(&[Write::Delete {
                store: "entries",
                key: format!("{child}/{id}"),
            }])
            .await
    }

    /// Deletes a night.
    pub async fn delete_night(&self, child: &str, night_of: Date) -> Result<(), StorageError> {
        self.db
            .write(&[Write::Delete {
                store: "nights",
                key: format!("{child}/{night_of}"),
            }])
            .await
    }

    /// Saves a stopwatch.
    pub async fn put_timer(&self, child: &str, t: &TimerRecord) -> Result<(), StorageError> {
        self.db
            .write(&[Write::Put {
                store: "timers",
                key: format!("{child}/{}", t.id),
                value: t.to_json(),
            }])
            .await
    }

    /// Removes a stopwatch and, if given, logs its entry, atomically: a
    /// crash can never lose the time or log it twice.
    pub async fn finish_timer(
        &self,
        child: &str,
        timer_id: &str,
        entry: Option<&EntryRecord>,
    ) -> Result<(), StorageError> {
        let mut writes = vec![Write::Delete {
            store: "timers",
            key: format!("{child}/{timer_id}"),
        }];
        if let Some(e) = entry {
            writes.push(Self::entry_write(child, e));
        }
        self.db.write(&writes).await
    }

    /// The last good copy of the feed at `url`.
    pub async fn cached_feed(&self, url: &str) -> Option<CachedFeed> {
        let text = self.db.get("feeds", url).await.ok()??;
        let v: Value = serde_json::from_str(&text).ok()?;
        Some(CachedFeed {
            fetched_at: v.get("fetched_at")?.as_i64()?,
            text: v.get("text")?.as_str()?.to_owned(),
        })
    }

    /// Keeps a good copy of a feed.
    pub async fn put_feed(&self, url: &str, feed: &CachedFeed) -> Result<(), StorageError> {
        let value = json!({"fetched_at": feed.fetched_at, "text": feed.text}).to_string();
        self.db
            .write(&[Write::Put {
                store: "feeds",
                key: url.to_owned(),
                value,
            }])
            .await
    }

    /// Everything in the outbox. A sent response still under its nonce
    /// (written by an app from before receipts) becomes a receipt here, so
    /// no nonce outlives its acknowledgement on any device.
    pub async fn outbox(&self) -> Result<Vec<OutboxItem>, StorageError> {
        let rows = self.db.get_prefix("outbox", "").await?;
        let mut items = Vec::with_capacity(rows.len());
        for item in rows.iter().filter_map(|(_, v)| OutboxItem::from_json(v)) {
            if item.kind == OutKind::Response
                && item.state == OutState::Sent
                && !item.id.starts_with(RECEIPT)
            {
                let receipt = item.receipt();
                if self.settle_outbox(&item.id, &receipt).await.is_ok() {
                    items.push(receipt);
                    continue;
                }
            }
            items.push(item);
        }
        Ok(items)
    }

    /// Adds or updates an outbox item; a new survey response also records
    /// (in the same transaction) that this survey was answered here.
    pub async fn put_outbox(&self, item: &OutboxItem) -> Result<(), StorageError> {
        let mut writes = vec![Write::Put {
            store: "outbox",
            key: item.id.clone(),
            value: item.to_json(),
        }];
        if let Some(survey) = &item.survey {
            writes.push(Write::Put {
                store: "meta",
                key: format!("answered:{survey}"),
                value: "1".into(),
            });
        }
        self.db.write(&writes).await
    }

    /// Replaces a sent item by its receipt (another key), in one
    /// transaction; an acknowledged answer's survey token goes with it.
    pub async fn settle_outbox(
        &self,
        sent_id: &str,
        receipt: &OutboxItem,
    ) -> Result<(), StorageError> {
        let mut writes = vec![
            Write::Delete {
                store: "outbox",
                key: sent_id.to_owned(),
            },
            Write::Put {
                store: "outbox",
                key: receipt.id.clone(),
                value: receipt.to_json(),
            },
        ];
        if let Some(survey) = &receipt.survey {
            writes.push(Write::Delete {
                store: "meta",
                key: token_key(survey),
            });
        }
        self.db.write(&writes).await
    }

    /// A survey's redeemed token, waiting for the answer it makes count.
    pub async fn survey_token(&self, survey: &str) -> Option<jianfu_core::survey::TokenProof> {
        let text = self.meta(&token_key(survey)).await?;
        jianfu_core::survey::TokenProof::from_value(&serde_json::from_str(&text).ok()?)
    }

    /// Forgets a survey's token the receiver refused (forged, planted,
    /// spent or expired): kept, it would stand in for a code the parent
    /// could no longer enter, and lock the survey on this device.
    pub async fn forget_survey_token(&self, survey: &str) -> Result<(), StorageError> {
        self.db
            .write(&[Write::Delete {
                store: "meta",
                key: token_key(survey),
            }])
            .await
    }

    /// Keeps a redeemed token until its answer is acknowledged.
    pub async fn put_survey_token(
        &self,
        survey: &str,
        token: &jianfu_core::survey::TokenProof,
    ) -> Result<(), StorageError> {
        self.set_meta(&token_key(survey), &token.to_value().to_string())
            .await
    }

    /// Withdraws or discards an item; a withdrawn response un-marks its survey.
    pub async fn delete_outbox(
        &self,
        item: &OutboxItem,
        unmark_answered: bool,
    ) -> Result<(), StorageError> {
        let mut writes = vec![Write::Delete {
            store: "outbox",
            key: item.id.clone(),
        }];
        if let (true, Some(survey)) = (unmark_answered, &item.survey) {
            writes.push(Write::Delete {
                store: "meta",
                key: format!("answered:{survey}"),
            });
        }
        self.db.write(&writes).await
    }

    /// The surveys this device answered.
    pub async fn answered_surveys(&self) -> Vec<String> {
        self.db
            .get_prefix("meta", "answered:")
            .await
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(k, _)| k.strip_prefix("answered:").map(str::to_owned))
            .collect()
    }

    /// Whether this device answered a survey.
    pub async fn answered(&self, survey: &str) -> bool {
        self.meta(&format!("answered:{survey}")).await.is_some()
    }

    /// A small setting.
    pub async fn meta(&self, key: &str) -> Option<String> {
        self.db.get("meta", key).await.ok().flatten()
    }

    /// Sets a small setting.
    pub async fn set_meta(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.db
            .write(&[Write::Put {
                store: "meta",
                key: key.to_owned(),
                value: value.to_owned(),
            }])
            .await
    }

    /// Deletes everything: the whole database.
    pub async fn delete_everything(self) -> Result<(), StorageError> {
        self.db.delete(DB_NAME).await
    }
}
