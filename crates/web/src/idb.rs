//! A thin typed wrapper over IndexedDB: string keys, JSON-string values,
//! versioned migrations, strict durability, and a write that resolves only
//! when its transaction has *committed*, so the UI never says "saved" early.
//!
//! When IndexedDB cannot be opened (private modes, blocked storage), the
//! same API runs on memory and [`Db::is_persistent`] says so, for the
//! visible "nothing is kept" warning. That memory is a JavaScript `Map` on
//! the page, one per database name, so that the app's two WebAssembly
//! modules (the first download and the lazily loaded screens) share it as
//! they share IndexedDB.

use std::fmt;

use js_sys::{Array, Function, Map, Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbDatabase, IdbKeyRange, IdbObjectStore, IdbOpenDbRequest, IdbRequest, IdbTransaction,
};

/// Why storage failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// The device is out of space for this site.
    Quota,
    /// Anything else, with the browser's message.
    Failed(String),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Quota => f.write_str("storage quota exceeded"),
            Self::Failed(m) => f.write_str(m),
        }
    }
}

fn error_of(v: &JsValue) -> StorageError {
    let name = Reflect::get(v, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    if name == "QuotaExceededError" {
        return StorageError::Quota;
    }
    let message = Reflect::get(v, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| v.as_string())
        .unwrap_or_else(|| "storage error".into());
    StorageError::Failed(if name.is_empty() {
        message
    } else {
        format!("{name}: {message}")
    })
}

/// One change inside a write transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    /// Insert or replace.
    Put {
        /// Object store.
        store: &'static str,
        /// Key.
        key: String,
        /// JSON text.
        value: String,
    },
    /// Remove one key.
    Delete {
        /// Object store.
        store: &'static str,
        /// Key.
        key: String,
    },
    /// Remove every key starting with `prefix`.
    DeletePrefix {
        /// Object store.
        store: &'static str,
        /// Key prefix.
        prefix: String,
    },
}

impl Write {
    fn store(&self) -> &'static str {
        match self {
            Self::Put { store, .. }
            | Self::Delete { store, .. }
            | Self::DeletePrefix { store, .. } => store,
        }
    }
}

/// A schema step: the object stores one version adds. IndexedDB's only
/// schema is its stores, created in an upgrade; a list of names keeps
/// the browser's types out of the pages' crates.
pub type Migration = &'static [&'static str];

/// Keys in memory: the store's name, a NUL, the record's key.
fn memory_key(store: &str, key: &str) -> String {
    format!("{store}\0{key}")
}

/// The page's memory stand-in for database `name` (made on first use).
fn memory(name: &str) -> Map {
    let global = js_sys::global();
    let all = Reflect::get(&global, &"__jianfuMemory".into())
        .ok()
        .filter(JsValue::is_object)
        .unwrap_or_else(|| {
            let o: JsValue = Object::new().into();
            let _ = Reflect::set(&global, &"__jianfuMemory".into(), &o);
            o
        });
    if let Ok(m) = Reflect::get(&all, &name.into())
        && let Ok(m) = m.dyn_into::<Map>()
    {
        return m;
    }
    let m = Map::new();
    let _ = Reflect::set(&all, &name.into(), &m);
    m
}

/// The memory keys of `store` that start with `prefix`, with their values.
fn memory_prefix(m: &Map, store: &str, prefix: &str) -> Vec<(String, String)> {
    let start = memory_key(store, prefix);
    let mut out = Vec::new();
    m.for_each(&mut |v, k| {
        if let (Some(k), Some(v)) = (k.as_string(), v.as_string())
            && k.starts_with(&start)
        {
            out.push((k, v));
        }
    });
    out
}

/// An open database, or its in-memory stand-in ([`Db::is_persistent`]).
#[derive(Clone, PartialEq)]
pub struct Db(Backing);

#[derive(Clone, PartialEq)]
enum Backing {
    /// IndexedDB.
    Idb(IdbDatabase),
    /// Memory only: nothing survives a reload.
    Memory(Map),
}

/// Wraps an IDB request in a promise of its result.
fn request_promise(req: &IdbRequest) -> Promise {
    let req = req.clone();
    Promise::new(&mut |resolve, reject| {
        let r = req.clone();
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap_or(JsValue::UNDEFINED));
        });
        let r = req.clone();
        let err = Closure::once_into_js(move || {
            let e = r
                .error()
                .ok()
                .flatten()
                .map_or(JsValue::from_str("request failed"), JsValue::from);
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(err.unchecked_ref()));
    })
}

/// A promise that resolves when `tx` commits and rejects when it aborts or fails.
fn commit_promise(tx: &IdbTransaction) -> Promise {
    let tx = tx.clone();
    Promise::new(&mut |resolve, reject| {
        let done = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let t = tx.clone();
        let reject2 = reject.clone();
        let failed = Closure::once_into_js(move || {
            let e = t
                .error()
                .map_or(JsValue::from_str("transaction failed"), JsValue::from);
            let _ = reject2.call1(&JsValue::NULL, &e);
        });
        let t = tx.clone();
        let aborted = Closure::once_into_js(move || {
            let e = t
                .error()
                .map_or(JsValue::from_str("transaction aborted"), JsValue::from);
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        tx.set_oncomplete(Some(done.unchecked_ref()));
        tx.set_onerror(Some(failed.unchecked_ref()));
        tx.set_onabort(Some(aborted.unchecked_ref()));
    })
}

fn prefix_range(prefix: &str) -> Result<IdbKeyRange, JsValue> {
    IdbKeyRange::bound(
        &JsValue::from_str(prefix),
        &JsValue::from_str(&format!("{prefix}\u{ffff}")),
    )
}

impl Db {
    /// Opens `name` at version `migrations.len()`, running the steps the
    /// stored database has not seen yet, in order. Falls back to memory
    /// when IndexedDB is unavailable.
    pub async fn open(name: &str, migrations: &'static [Migration]) -> Self {
        match Self::open_idb(name, migrations).await {
            Ok(db) => db,
            Err(_) => Self(Backing::Memory(memory(name))),
        }
    }

    /// Opens IndexedDB only (tests call it to see the error).
    pub async fn open_idb(
        name: &str,
        migrations: &'static [Migration],
    ) -> Result<Self, StorageError> {
        let factory = web_sys::window()
            .and_then(|w| w.indexed_db().ok().flatten())
            .ok_or_else(|| StorageError::Failed("IndexedDB is not available".into()))?;
        let version = u32::try_from(migrations.len()).unwrap_or(u32::MAX);
        let req: IdbOpenDbRequest = factory
            .open_with_u32(name, version)
            .map_err(|e| error_of(&e))?;
        let r = req.clone();
        let upgrade = Closure::<dyn FnMut(web_sys::IdbVersionChangeEvent)>::new(
            move |event: web_sys::IdbVersionChangeEvent| {
                let Ok(result) = r.result() else { return };
                let db: IdbDatabase = result.unchecked_into();
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                // versions are small
                let old = event.old_version() as usize;
                for step in migrations.iter().skip(old) {
                    if step
                        .iter()
                        .any(|store| db.create_object_store(store).is_err())
                    {
                        if let Some(tx) = r.transaction() {
                            let _ = tx.abort();
                        }
                        return;
                    }
                }
            },
        );
        req.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
        let result = JsFuture::from(request_promise(&req)).await;
        drop(upgrade);
        let db: IdbDatabase = result.map_err(|e| error_of(&e))?.unchecked_into();
        // Another tab asking for a newer version: close so it can upgrade.
        let d = db.clone();
        let on_version = Closure::<dyn FnMut()>::new(move || d.close());
        db.set_onversionchange(Some(on_version.as_ref().unchecked_ref()));
        on_version.forget();
        Ok(Self(Backing::Idb(db)))
    }

    /// Whether data survives a reload.
    pub fn is_persistent(&self) -> bool {
        matches!(self.0, Backing::Idb(_))
    }

    fn transaction(
        db: &IdbDatabase,
        stores: &[&str],
        write: bool,
    ) -> Result<IdbTransaction, StorageError> {
        let names = Array::new();
        for s in stores {
            names.push(&JsValue::from_str(s));
        }
        let mode = if write { "readwrite" } else { "readonly" };
        // `durability: "strict"` makes commit wait for the disk (Chromium's
        // default is "relaxed"); passed through Reflect as web-sys marks it unstable.
        let options = Object::new();
        let _ = Reflect::set(&options, &"durability".into(), &"strict".into());
        let f: Function = Reflect::get(db, &"transaction".into())
            .map_err(|e| error_of(&e))?
            .unchecked_into();
        let tx = f
            .call3(db, &names, &JsValue::from_str(mode), &options)
            .map_err(|e| error_of(&e))?;
        Ok(tx.unchecked_into())
    }

    /// Applies `writes` in one transaction and resolves once it has committed.
    pub async fn write(&self, writes: &[Write]) -> Result<(), StorageError> {
        if writes.is_empty() {
            // IndexedDB refuses a transaction over no stores; nothing to commit is success.
            return Ok(());
        }
        match &self.0 {
            Backing::Memory(m) => {
                for w in writes {
                    match w {
                        Write::Put { store, key, value } => {
                            m.set(&memory_key(store, key).into(), &value.into());
                        }
                        Write::Delete { store, key } => {
                            m.delete(&memory_key(store, key).into());
                        }
                        Write::DeletePrefix { store, prefix } => {
                            for (k, _) in memory_prefix(m, store, prefix) {
                                m.delete(&k.into());
                            }
                        }
                    }
                }
                Ok(())
            }
            Backing::Idb(db) => {
                let mut stores: Vec<&str> = writes.iter().map(Write::store).collect();
                stores.sort_unstable();
                stores.dedup();
                let tx = Self::transaction(db, &stores, true)?;
                let done = commit_promise(&tx);
                let apply = || -> Result<(), JsValue> {
                    for w in writes {
                        let store: IdbObjectStore = tx.object_store(w.store())?;
                        match w {
                            Write::Put { key, value, .. } => {
                                store.put_with_key(
                                    &JsValue::from_str(value),
                                    &JsValue::from_str(key),
                                )?;
                            }
                            Write::Delete { key, .. } => {
                                store.delete(&JsValue::from_str(key))?;
                            }
                            Write::DeletePrefix { prefix, .. } => {
                                store.delete(&prefix_range(prefix)?.into())?;
                            }
                        }
                    }
                    Ok(())
                };
                if let Err(e) = apply() {
                    let _ = tx.abort();
                    let _ = JsFuture::from(done).await;
                    return Err(error_of(&e));
                }
                // commit() is standard (Chromium 76+, Firefox 74+, Safari 15+);
                // web-sys marks it deprecated only because its WebIDL copy does.
                #[allow(deprecated)]
                let _ = tx.commit();
                JsFuture::from(done)
                    .await
                    .map(|_| ())
                    .map_err(|e| error_of(&e))
            }
        }
    }

    /// The value at `key`, if any.
    pub async fn get(
        &self,
        store: &'static str,
        key: &str,
    ) -> Result<Option<String>, StorageError> {
        match &self.0 {
            Backing::Memory(m) => Ok(m.get(&memory_key(store, key).into()).as_string()),
            Backing::Idb(db) => {
                let tx = Self::transaction(db, &[store], false)?;
                let req = tx
                    .object_store(store)
                    .and_then(|s| s.get(&JsValue::from_str(key)))
                    .map_err(|e| error_of(&e))?;
                let v = JsFuture::from(request_promise(&req))
                    .await
                    .map_err(|e| error_of(&e))?;
                Ok(v.as_string())
            }
        }
    }

    /// Every `(key, value)` whose key starts with `prefix`, in key order.
    pub async fn get_prefix(
        &self,
        store: &'static str,
        prefix: &str,
    ) -> Result<Vec<(String, String)>, StorageError> {
        match &self.0 {
            Backing::Memory(m) => {
                // In key order, as IndexedDB returns them (a Map keeps insertion order).
                let mut found = memory_prefix(m, store, prefix);
                found.sort_unstable();
                let skip = store.len() + 1;
                Ok(found
                    .into_iter()
                    .map(|(mut k, v)| (k.split_off(skip), v))
                    .collect())
            }
            Backing::Idb(db) => {
                let tx = Self::transaction(db, &[store], false)?;
                let os = tx.object_store(store).map_err(|e| error_of(&e))?;
                let range = prefix_range(prefix).map_err(|e| error_of(&e))?;
                let keys_req = os.get_all_keys_with_key(&range).map_err(|e| error_of(&e))?;
                let values_req = os.get_all_with_key(&range).map_err(|e| error_of(&e))?;
                let keys: Array = JsFuture::from(request_promise(&keys_req))
                    .await
                    .map_err(|e| error_of(&e))?
                    .unchecked_into();
                let values: Array = JsFuture::from(request_promise(&values_req))
                    .await
                    .map_err(|e| error_of(&e))?
                    .unchecked_into();
                Ok(keys
                    .iter()
                    .zip(values.iter())
                    .filter_map(|(k, v)| Some((k.as_string()?, v.as_string()?)))
                    .collect())
            }
        }
    }

    /// Closes the connection (tests; a new version elsewhere).
    pub fn close(&self) {
        if let Backing::Idb(db) = &self.0 {
            db.close();
        }
    }

    /// Deletes everything it holds: the whole database `name`, or the
    /// memory stand-in's records.
    pub async fn delete(self, name: &str) -> Result<(), StorageError> {
        match &self.0 {
            Backing::Memory(m) => {
                m.clear();
                Ok(())
            }
            Backing::Idb(_) => {
                self.close();
                delete_database(name).await
            }
        }
    }
}

/// Deletes a whole database ("delete everything").
pub async fn delete_database(name: &str) -> Result<(), StorageError> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or_else(|| StorageError::Failed("IndexedDB is not available".into()))?;
    let req = factory.delete_database(name).map_err(|e| error_of(&e))?;
    JsFuture::from(request_promise(&req))
        .await
        .map(|_| ())
        .map_err(|e| error_of(&e))
}
