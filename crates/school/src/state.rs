//! The studio's one state owner: the draft being edited, the item form that
//! is open, and whether both are safely on the device. Every change goes
//! through [`Studio::reduce`] and bumps `revision`; the app saves each
//! revision to IndexedDB (see `components::app`), so a reload, a crash or
//! a closed tab loses nothing.

use std::rc::Rc;

use jianfu_core::Date;
use jianfu_core::studio::{Draft, ItemInput, PlanItem, Setup};
use jianfu_web::idb::{Db, Migration, StorageError, Write};
use serde_json::{Value, json};
use yew::Reducible;

/// The IndexedDB database of the studio (its own, apart from the parent
/// app's on the same site).
pub const DB_NAME: &str = "jianfu-school";
const STORE: &str = "drafts";
const KEY: &str = "current";

/// v1: `drafts` (the draft and the open item form, as JSON).
pub static MIGRATIONS: [Migration; 1] = [&[STORE]];

/// The item form that is open: for which day, which item (none: a new
/// one), and what has been typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// The day.
    pub date: Date,
    /// The item edited, or `None` for a new one.
    pub index: Option<usize>,
    /// The fields as typed.
    pub input: ItemInput,
}

/// Whether the last change is on the device.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Saved {
    /// Nothing changed since loading.
    #[default]
    Unchanged,
    /// The last revision is stored.
    Stored(u64),
    /// Storing failed (quota, private mode): the page says so.
    Failed(String),
}

/// The studio's state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Studio {
    /// What the teacher is editing.
    pub draft: Draft,
    /// The open item form, if any.
    pub pending: Option<Pending>,
    /// Whether the saved draft has been read (nothing is saved before).
    pub loaded: bool,
    /// Bumped by every change.
    pub revision: u64,
    /// The save state.
    pub saved: Saved,
}

/// Every change the studio knows.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// The saved draft was read (none: a first visit).
    Loaded(Option<Draft>, Option<Pending>),
    /// The set-up form changed.
    Setup(Setup),
    /// A new draft replaces this one (an imported feed).
    Replace(Draft),
    /// Open the item form (new item or edit).
    Open(Pending),
    /// The open form's fields changed.
    Typed(ItemInput),
    /// Close the form without saving.
    Cancel,
    /// Save the form's item.
    Put(Date, Option<usize>, PlanItem),
    /// Delete an item.
    Remove(Date, usize),
    /// Move an item up (-1) or down (1).
    Move(Date, usize, isize),
    /// Copy one day onto another.
    CopyDay(Date, Date),
    /// Copy the week of the first Monday onto the second.
    CopyWeek(Date, Date),
    /// A revision was stored, or not.
    Saved(Saved),
}

impl Reducible for Studio {
    type Action = Change;

    fn reduce(self: Rc<Self>, change: Change) -> Rc<Self> {
        let mut s = (*self).clone();
        match change {
            Change::Loaded(draft, pending) => {
                s.loaded = true;
                if let Some(d) = draft {
                    s.draft = d;
                }
                s.pending = pending;
                return Rc::new(s);
            }
            Change::Saved(saved) => {
                // Writes commit in order, but keep the newest if an older
                // acknowledgement is handled late.
                let older =
                    matches!((&s.saved, &saved), (Saved::Stored(a), Saved::Stored(b)) if b < a);
                if !older {
                    s.saved = saved;
                }
                return Rc::new(s);
            }
            Change::Setup(setup) => s.draft.setup = setup,
            Change::Replace(draft) => {
                s.draft = draft;
                s.pending = None;
            }
            Change::Open(p) => s.pending = Some(p),
            Change::Typed(input) => {
                if let Some(p) = &mut s.pending {
                    p.input = input;
                }
            }
            Change::Cancel => s.pending = None,
            Change::Put(date, index, item) => {
                s.draft.put_item(date, index, item);
                s.pending = None;
            }
            Change::Remove(date, index) => {
                s.draft.remove_item(date, index);
                s.pending = None;
            }
            Change::Move(date, index, by) => s.draft.move_item(date, index, by),
            Change::CopyDay(from, to) => {
                s.draft.copy_day(from, to);
            }
            Change::CopyWeek(from, to) => {
                s.draft.copy_week(from, to);
            }
        }
        s.revision += 1;
        Rc::new(s)
    }
}

/// The stored form of the draft and the open item form.
fn to_json(draft: &Draft, pending: Option<&Pending>) -> String {
    let pending =
        pending.map(|p| json!({"date": p.date.to_string(), "index": p.index, "input": p.input}));
    json!({"draft": draft, "pending": pending}).to_string()
}

/// Reads what [`to_json`] wrote; a damaged record is reported, not
/// silently replaced by an empty draft.
fn from_json(text: &str) -> Result<(Draft, Option<Pending>), String> {
    let v: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let draft: Draft = serde_json::from_value(v["draft"].clone()).map_err(|e| e.to_string())?;
    let pending = v["pending"].as_object().and_then(|p| {
        Some(Pending {
            date: Date::parse(p.get("date")?.as_str()?).ok()?,
            index: p
                .get("index")
                .and_then(Value::as_u64)
                .and_then(|i| usize::try_from(i).ok()),
            input: serde_json::from_value(p.get("input")?.clone()).ok()?,
        })
    });
    Ok((draft, pending))
}

/// Opens the studio's database (in memory when IndexedDB is unavailable).
pub async fn open() -> Db {
    Db::open(DB_NAME, &MIGRATIONS).await
}

/// The saved draft, if any.
pub async fn load(db: &Db) -> Result<Option<(Draft, Option<Pending>)>, String> {
    match db.get(STORE, KEY).await {
        Ok(Some(text)) => from_json(&text).map(Some),
        Ok(None) => Ok(None),
        Err(e) => Err(e.to_string()),
    }
}

/// Stores the draft and the open form.
pub async fn save(db: &Db, draft: &Draft, pending: Option<&Pending>) -> Result<(), StorageError> {
    db.write(&[Write::Put {
        store: STORE,
        key: KEY.to_owned(),
        value: to_json(draft, pending),
    }])
    .await
}
