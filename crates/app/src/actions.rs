//! What the parent does, as async operations: write to storage, wait for
//! the commit, then update the state and say "saved". On failure the state
//! is untouched, the notice says why, and forms keep what was typed (they
//! clear only on `Ok`).

use std::rc::Rc;

use jianfu_core::feed::{At, Kind, Tier};
use jianfu_core::log::{HomeworkEntry, Night, Spent};
use jianfu_core::stopwatch::{Finish, Stopwatch};
use jianfu_core::{Date, Feed, Instant, Log};

use crate::platform::{self, Topic, idb::StorageError};
use crate::state::{
    AppCtx, ChildrenAction, FeedProblem, FeedView, LogAction, Notice, OutboxAction, OutboxHandle,
};
use crate::store::{
    CachedFeed, ChildRecord, EntryRecord, OutKind, OutState, OutboxItem, TimerRecord,
};

/// Feeds larger than this are refused (a school's whole year is ~1 MB).
pub const FEED_MAX_BYTES: u64 = 4 * 1024 * 1024;

fn failed(ctx: &AppCtx, e: &StorageError) {
    ctx.notice.set(Some(match e {
        StorageError::Quota => Notice::QuotaExceeded,
        StorageError::Failed(m) => Notice::StorageFailed(m.clone()),
    }));
}

// Each applies a committed change to one part of the state and tells the
// other copies of it (the other module, other tabs) to reload that part.

fn logged(ctx: &AppCtx, action: LogAction) {
    ctx.log.dispatch(action);
    platform::announce(Topic::Log);
}

fn children_changed(ctx: &AppCtx, action: ChildrenAction) {
    ctx.children.dispatch(action);
    platform::announce(Topic::Children);
}

fn outbox_changed(outbox: &OutboxHandle, action: OutboxAction) {
    outbox.dispatch(action);
    platform::announce(Topic::Outbox);
}

/// The selected child's id, or nothing to do.
fn child_id(ctx: &AppCtx) -> Option<String> {
    ctx.children.current().map(|c| c.id.clone())
}

/// Saves a child (new or edited) and selects it.
pub async fn put_child(ctx: &AppCtx, record: ChildRecord) -> Result<(), StorageError> {
    let r = ctx.store.put_child(&record).await;
    match &r {
        Ok(()) => {
            let _ = ctx.store.set_meta("selected", &record.id).await;
            children_changed(ctx, ChildrenAction::Put(record));
            ctx.notice.set(Some(Notice::Saved));
        }
        Err(e) => failed(ctx, e),
    }
    r
}

/// Switches to another child.
/// Keeps the parent's after-school choice for the current child (on this
/// device only).
pub async fn set_attendance(ctx: &AppCtx, attendance: crate::store::Attendance) {
    let Some(mut record) = ctx.children.current().cloned() else {
        return;
    };
    record.after_school = attendance;
    let _ = put_child(ctx, record).await;
}

pub async fn select_child(ctx: &AppCtx, id: String) {
    let _ = ctx.store.set_meta("selected", &id).await;
    children_changed(ctx, ChildrenAction::Select(id));
}

/// Deletes a child and all its records.
pub async fn delete_child(ctx: &AppCtx, id: String) {
    match ctx.store.delete_child(&id).await {
        Ok(()) => {
            children_changed(ctx, ChildrenAction::Removed(id));
        }
        Err(e) => failed(ctx, &e),
    }
}

/// Adds or replaces homework entries.
pub async fn put_entries(ctx: &AppCtx, entries: Vec<EntryRecord>) -> Result<(), StorageError> {
    let Some(child) = child_id(ctx) else {
        return Ok(());
    };
    let r = ctx.store.put_records(&child, &entries, &[]).await;
    match &r {
        Ok(()) => {
            logged(ctx, LogAction::EntriesPut(entries));
            ctx.notice.set(Some(Notice::Saved));
        }
        Err(e) => failed(ctx, e),
    }
    r
}

/// Deletes an entry.
pub async fn delete_entry(ctx: &AppCtx, id: String) {
    let Some(child) = child_id(ctx) else { return };
    match ctx.store.delete_entry(&child, &id).await {
        Ok(()) => logged(ctx, LogAction::EntryRemoved(id)),
        Err(e) => failed(ctx, &e),
    }
}

/// Adds or replaces a night.
pub async fn put_night(ctx: &AppCtx, night: Night) -> Result<(), StorageError> {
    let Some(child) = child_id(ctx) else {
        return Ok(());
    };
    let r = ctx.store.put_records(&child, &[], &[night]).await;
    match &r {
        Ok(()) => {
            logged(ctx, LogAction::NightsPut(vec![night]));
            ctx.notice.set(Some(Notice::Saved));
        }
        Err(e) => failed(ctx, e),
    }
    r
}

/// Deletes a night.
pub async fn delete_night(ctx: &AppCtx, night_of: Date) {
    let Some(child) = child_id(ctx) else { return };
    match ctx.store.delete_night(&child, night_of).await {
        Ok(()) => logged(ctx, LogAction::NightRemoved(night_of)),
        Err(e) => failed(ctx, &e),
    }
}

/// Starts a stopwatch for a subject (and feed item, with its tier: an
/// optional item's minutes are kept apart from the limit) on a school date.
pub async fn start_timer(
    ctx: &AppCtx,
    date: Date,
    subject: String,
    kind: Kind,
    item: Option<(String, Tier, At)>,
) {
    let Some(child) = child_id(ctx) else { return };
    let (item, tier, at) = item.map_or((None, Tier::Core, At::Home), |(id, tier, at)| {
        (Some(id), tier, at)
    });
    let t = TimerRecord {
        id: platform::random_id(),
        date,
        subject,
        kind,
        item,
        tier,
        at,
        watch: Stopwatch::start(school_now(ctx)),
    };
    match ctx.store.put_timer(&child, &t).await {
        Ok(()) => logged(ctx, LogAction::TimerPut(t)),
        Err(e) => failed(ctx, &e),
    }
}

/// Pauses or resumes a stopwatch.
pub async fn toggle_timer(ctx: &AppCtx, mut t: TimerRecord) {
    let Some(child) = child_id(ctx) else { return };
    let now = school_now(ctx);
    if t.watch.is_running() {
        t.watch.pause(now);
    } else {
        t.watch.resume(now);
    }
    match ctx.store.put_timer(&child, &t).await {
        Ok(()) => logged(ctx, LogAction::TimerPut(t)),
        Err(e) => failed(ctx, &e),
    }
}

/// How a stopwatch ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerEnd {
    /// Done.
    Finished,
    /// Stopped for bed with work left: logged as unfinished.
    Unfinished,
    /// Thrown away.
    Discard,
}

/// Stops a stopwatch and logs its time, atomically. When the clock jumped,
/// `minutes` (the parent's correction) is logged instead.
pub async fn finish_timer(ctx: &AppCtx, t: TimerRecord, end: TimerEnd, minutes: Option<u16>) {
    let Some(child) = child_id(ctx) else { return };
    let entry = (end != TimerEnd::Discard).then(|| {
        let spent = match (minutes, t.watch.finish(school_now(ctx))) {
            (Some(m), _) => Spent::Minutes(jianfu_core::feed::Minutes::new(m).unwrap_or_default()),
            (None, Finish::Log(s)) => s,
            (None, Finish::Confirm(m)) => Spent::Minutes(
                jianfu_core::feed::Minutes::new(u16::try_from(m).unwrap_or(600))
                    .unwrap_or_default(),
            ),
        };
        EntryRecord {
            id: platform::random_id(),
            entry: HomeworkEntry {
                date: t.date,
                subject: jianfu_core::feed::Subject::parse(&t.subject),
                kind: t.kind,
                spent,
                finished: end == TimerEnd::Finished,
                item: t.item.clone(),
                tier: t.tier,
                at: t.at,
            },
        }
    });
    match ctx.store.finish_timer(&child, &t.id, entry.as_ref()).await {
        Ok(()) => {
            logged(ctx, LogAction::TimerFinished(t.id, entry));
            if end != TimerEnd::Discard {
                ctx.notice.set(Some(Notice::Saved));
            }
        }
        Err(e) => failed(ctx, &e),
    }
}

/// The current instant, written with the school's offset (Beijing time for
/// the demo), so logged start/end read naturally in exports.
pub fn school_now(ctx: &AppCtx) -> Instant {
    let offset = ctx
        .feed
        .feed
        .as_ref()
        .map_or(480, |f| f.school.timezone.offset_minutes());
    Instant::from_unix(platform::now().unix_seconds(), offset)
}

/// Today in the school's calendar.
pub fn school_today(ctx: &AppCtx) -> Date {
    let tz = ctx
        .feed
        .feed
        .as_ref()
        .map(|f| f.school.timezone)
        .unwrap_or_default();
    tz.date_of(platform::now())
}

/// Shows the last good copy of the feed at once, then fetches a fresh one;
/// a failed or invalid fetch keeps the last good copy on screen. A valid
/// feed's rules are copied into the child's record.
///
/// `again` is a later try while the screen already shows the copy and why
/// the last try failed: that stays on screen until this one is done, so the
/// line does not blink off for the time of each try.
///
/// Returns whether the school's site was reached (whatever it answered):
/// `false` asks the caller to try again later.
pub async fn load_feed(ctx: AppCtx, child: ChildRecord, again: bool) -> bool {
    let url = child.feed.clone();
    let mut view = feed_copy(&ctx, &url).await;
    if !again {
        view.loading = true;
        ctx.feed.set(view.clone());
        view.loading = false;
    }
    match platform::fetch_text_limited(&url, FEED_MAX_BYTES).await {
        Err(platform::FetchError::TooLarge(n)) => {
            #[allow(clippy::cast_precision_loss)] // sizes in MB for people
            let mb = jianfu_core::text::fixed(n as f64 / 1e6, 1);
            view.problem = Some(FeedProblem::Invalid(format!(
                "the feed is at least {mb} MB; Jianfu reads feeds up to {} MB",
                FEED_MAX_BYTES / 1_000_000
            )));
        }
        Err(e) => view.problem = Some(FeedProblem::from_fetch(&e)),
        Ok(text) => match Feed::parse(&text) {
            Err(problems) => view.problem = Some(FeedProblem::Invalid(problems.to_string())),
            Ok(feed) => {
                if child.child.rules != feed.school.rules {
                    let mut updated = child.clone();
                    updated.child.rules = feed.school.rules.clone();
                    if ctx.store.put_child(&updated).await.is_ok() {
                        children_changed(&ctx, ChildrenAction::Put(updated));
                    }
                }
                // The surveys first, the feed's copy last: the second module
                // counts the open surveys for the feedback tab when it sees
                // a new copy, which must then find them saved (it read the
                // copy between the two once, counted none, and the
                // announcement that followed changed nothing it watches).
                prefetch_surveys(&ctx, &feed, &url).await;
                let fetched_at = platform::now().unix_seconds();
                let saved = ctx
                    .store
                    .put_feed(&url, &CachedFeed { fetched_at, text })
                    .await
                    .is_ok();
                if saved {
                    platform::announce(Topic::Feed);
                }
                view.feed = Some(Rc::new(feed));
                view.fetched_at = Some(fetched_at);
            }
        },
    }
    let reached = !matches!(
        view.problem,
        Some(FeedProblem::Offline | FeedProblem::Unreachable)
    );
    ctx.feed.set(view);
    reached
}

/// Saves a copy of every survey the feed lists, so they can be answered offline.
/// Shows the last good copy of the feed at `url` without fetching it (the
/// app fetches it; the lazily loaded screens only read what it kept).
pub async fn load_feed_copy(ctx: &AppCtx, url: &str) {
    ctx.feed.set(feed_copy(ctx, url).await);
}

async fn feed_copy(ctx: &AppCtx, url: &str) -> FeedView {
    let cached = ctx.store.cached_feed(url).await;
    let from_cache = cached.as_ref().and_then(|c| {
        Feed::parse(&c.text)
            .ok()
            .map(|f| (Rc::new(f), c.fetched_at))
    });
    FeedView {
        url: url.to_owned(),
        feed: from_cache.as_ref().map(|(f, _)| f.clone()),
        fetched_at: from_cache.as_ref().map(|(_, t)| *t),
        loading: false,
        problem: None,
    }
}

/// Keeps a copy of the feed's surveys for answering offline. Only their
/// format is checked here (the surveys screen, in the second module,
/// validates them before showing one): the whole survey reader would add
/// ~4 KB to the first download.
async fn prefetch_surveys(ctx: &AppCtx, feed: &Feed, feed_url: &str) {
    for u in &feed.surveys {
        let url = platform::resolve_url(u.as_str(), feed_url);
        if let Ok(text) =
            platform::fetch_text_limited(&url, crate::components::SURVEY_MAX_BYTES).await
            && jianfu_core::Survey::check_format(&text).is_ok()
        {
            let fetched_at = platform::now().unix_seconds();
            let _ = ctx
                .store
                .put_feed(&url, &CachedFeed { fetched_at, text })
                .await;
        }
    }
}

/// The export file's name: no nickname in it (file names travel).
pub fn export_name(today: Date) -> String {
    format!("jianfu-log-{today}.json")
}

/// Exports the selected child's log as `jianfu.log/1`, with record ids so
/// that importing it again finds the duplicates.
pub fn export(ctx: &AppCtx) -> Result<(), String> {
    let child = ctx.children.current().ok_or("no child")?;
    let mut v = ctx.log.to_log(&child.child).to_value();
    v["homework"] = ctx
        .log
        .data
        .entries
        .iter()
        .map(EntryRecord::to_value)
        .collect();
    let text = serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?;
    platform::download(&export_name(school_today(ctx)), &text)
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Imported {
    /// Entries added.
    pub entries: usize,
    /// Nights added.
    pub nights: usize,
    /// Already there.
    pub duplicates: usize,
}

/// Merges a `jianfu.log/1` into the selected child without duplicates: an
/// entry is a duplicate if its id or its content is already there; a night
/// already logged keeps the device's version. With no child on this device
/// yet, the file's child is added first (nickname, grade, rules, feed).
pub async fn import(ctx: &AppCtx, text: &str, demo_feed: &str) -> Result<Imported, String> {
    let log = Log::parse(text).map_err(|p| p.to_string())?;
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let (child, existing) = if let Some(c) = ctx.children.current() {
        (c.id.clone(), ctx.log.data.clone())
    } else {
        let record = ChildRecord {
            id: platform::random_id(),
            child: log.child.clone(),
            feed: value["child"]["feed"]
                .as_str()
                .map_or_else(|| platform::absolute_url(demo_feed), str::to_owned),
            after_school: crate::store::Attendance::default(),
        };
        ctx.store
            .put_child(&record)
            .await
            .map_err(|e| e.to_string())?;
        let _ = ctx.store.set_meta("selected", &record.id).await;
        let id = record.id.clone();
        children_changed(ctx, ChildrenAction::Put(record));
        (id, crate::store::ChildData::default())
    };
    import_into(ctx, log, &value, &existing, &child).await
}

async fn import_into(
    ctx: &AppCtx,
    log: Log,
    value: &serde_json::Value,
    existing: &crate::store::ChildData,
    child: &str,
) -> Result<Imported, String> {
    let ids: Vec<Option<String>> = value["homework"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| e.get("id").and_then(|i| i.as_str()).map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let mut result = Imported::default();
    let mut entries = Vec::new();
    for (i, entry) in log.homework.into_iter().enumerate() {
        let id = ids.get(i).cloned().flatten();
        let dup = existing
            .entries
            .iter()
            .chain(entries.iter())
            .any(|e: &EntryRecord| id.as_ref() == Some(&e.id) || e.entry == entry);
        if dup {
            result.duplicates += 1;
        } else {
            entries.push(EntryRecord {
                id: id.unwrap_or_else(platform::random_id),
                entry,
            });
        }
    }
    let mut nights = Vec::new();
    for n in log.sleep {
        if existing
            .nights
            .iter()
            .chain(nights.iter())
            .any(|x: &Night| x.night_of() == n.night_of())
        {
            result.duplicates += 1;
        } else {
            nights.push(n);
        }
    }
    ctx.store
        .put_records(child, &entries, &nights)
        .await
        .map_err(|e| e.to_string())?;
    result.entries = entries.len();
    result.nights = nights.len();
    logged(ctx, LogAction::EntriesPut(entries));
    logged(ctx, LogAction::NightsPut(nights));
    Ok(result)
}

/// Queues a response or a sealed report, sent after a random 1–10 s delay
/// so that the moment it arrives does not mark the moment a parent acted.
pub async fn queue(
    ctx: &AppCtx,
    outbox: &OutboxHandle,
    mut item: OutboxItem,
) -> Result<(), StorageError> {
    item.next_at = platform::now().unix_seconds() + 1 + i64::from(platform::random_below(10));
    let r = ctx.store.put_outbox(&item).await;
    match &r {
        Ok(()) => {
            outbox_changed(outbox, OutboxAction::Put(item));
        }
        Err(e) => failed(ctx, e),
    }
    r
}

/// Withdraws an unsent response (its survey can be answered again) or
/// discards any item.
pub async fn remove_outbox(ctx: &AppCtx, outbox: &OutboxHandle, item: OutboxItem) {
    let unmark = item.state != OutState::Sent && item.kind == OutKind::Response;
    match ctx.store.delete_outbox(&item, unmark).await {
        Ok(()) => {
            outbox_changed(
                outbox,
                OutboxAction::Removed(
                    item.id.clone(),
                    unmark.then(|| item.survey.clone()).flatten(),
                ),
            );
        }
        Err(e) => failed(ctx, &e),
    }
}

/// Sends a failed or waiting item now.
pub async fn retry(ctx: &AppCtx, outbox: &OutboxHandle, mut item: OutboxItem) {
    item.state = OutState::Waiting;
    item.next_at = platform::now().unix_seconds();
    if ctx.store.put_outbox(&item).await.is_ok() {
        outbox_changed(outbox, OutboxAction::Put(item));
    }
}

/// Back online, or the receiver answers again: waiting items go out soon
/// (see [`OutboxAction::Wake`]). `to` limits it to one receiver's items.
/// In memory only: the stored back-off stays for a reload, and nothing is
/// written from a handle's possibly older copy of the items (writing each
/// item back once cost hundreds of IndexedDB writes per success in a
/// burst, and could put back an item another send had just settled).
pub fn wake_outbox(outbox: &OutboxHandle, to: Option<&str>) {
    outbox.dispatch(OutboxAction::Wake {
        now: platform::now().unix_seconds(),
        to: to.map(str::to_owned),
    });
}

/// Whether an item should be sent now.
pub fn due(item: &OutboxItem, now: i64) -> bool {
    item.state == OutState::Waiting && item.next_at <= now
}

/// Sends one item and records the outcome. Exactly once from the
/// receiver's side: a retry of something that did arrive is answered as a
/// duplicate (by `nonce` / envelope `id`) and counts as sent. A report a
/// busy inbox answers 428 is sent again with the proof of work it asks
/// for. A refusal the app can read (4xx other than 408, 428 and 429) is final: it is shown with the
/// receiver's reason and not retried by itself.
pub async fn send(ctx: &AppCtx, outbox: &OutboxHandle, mut item: OutboxItem) {
    item.attempts += 1;
    let mut answer = platform::post_json(&item.url, &item.body).await;
    if let (OutKind::Report, Ok((428, text))) = (item.kind, &answer)
        && let Some(challenge) = jianfu_core::pow::Challenge::from_answer(text)
    {
        // The inbox is busy and asks this report for a proof of work: the
        // page solves it in slices (it stays responsive), the outbox says
        // "sending (busy server)…", and the report stays queued meanwhile.
        outbox.dispatch(OutboxAction::Solving(item.id.clone(), true));
        let proof = platform::pow::solve(&challenge, &item.id).await;
        answer = platform::post_json_with(
            &item.url,
            &item.body,
            &[(jianfu_core::pow::HEADER, &proof.to_header())],
        )
        .await;
        outbox.dispatch(OutboxAction::Solving(item.id.clone(), false));
    }
    let now = platform::now().unix_seconds();
    match answer {
        Ok((status, _)) if (200..300).contains(&status) => {
            item.state = OutState::Sent;
            // The receiver answers again: what waits for it goes out now,
            // not at the end of its back-off. Browsers do not always say
            // when the network is back (no `online` event after a tunnel,
            // nor when the receiver itself was down).
            wake_outbox(outbox, Some(&item.url));
            if item.kind == OutKind::Response {
                settle_response(ctx, outbox, item).await;
                return;
            }
        }
        // 428: still busy after the proof (the load rose past it): later.
        Ok((status, _)) if matches!(status, 408 | 428 | 429) || status >= 500 => {
            item.next_at = now + backoff(item.attempts);
        }
        Ok((status, text)) => {
            let reason = serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .and_then(|v| v.get("error").and_then(|e| e.as_str()).map(str::to_owned))
                .unwrap_or_default();
            item.state = OutState::Failed(format!("HTTP {status} {reason}").trim().to_owned());
            // A token refused for good (403 forged or of another survey,
            // 409 spent, 410 expired) goes: the survey asks for a code
            // again once the parent withdraws the failed answer.
            if let (OutKind::Response, Some(survey), 403 | 409 | 410) =
                (item.kind, &item.survey, status)
            {
                let _ = ctx.store.forget_survey_token(survey).await;
            }
        }
        Err(_) => item.next_at = now + backoff(item.attempts),
    }
    if ctx.store.put_outbox(&item).await.is_ok() {
        outbox_changed(outbox, OutboxAction::Put(item));
    }
}

/// A response the receiver has: its nonce and body go, a receipt under a
/// fresh random key stays ("answered", and when).
async fn settle_response(ctx: &AppCtx, outbox: &OutboxHandle, sent: OutboxItem) {
    let receipt = sent.receipt();
    if ctx.store.settle_outbox(&sent.id, &receipt).await.is_ok() {
        outbox.dispatch(OutboxAction::Removed(sent.id, None));
        outbox_changed(outbox, OutboxAction::Put(receipt));
    }
}

/// 15 s, 30 s, 1 min … doubling up to 32 min, plus up to 10 s of jitter.
fn backoff(attempts: u32) -> i64 {
    let base = 15_i64.saturating_mul(1 << attempts.min(8).saturating_sub(1));
    base.min(3600) + i64::from(platform::random_below(10))
}
