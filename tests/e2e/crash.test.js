// The browser is killed (SIGKILL, every process of the profile) while an
// IndexedDB transaction is open: saving a log entry, starting a timer,
// finishing a timer (entry + timer in one transaction) and queueing a survey
// answer. The transaction is held open at the crash point — its requests
// are issued, its commit is not — so the kill lands inside it every time,
// not by luck. On reopening, everything the app had acknowledged is there,
// and the interrupted write is wholly absent: nothing half-written.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { BASE_URL, addFirstChild, fillSurvey, go, killProfile, launchPersistent, storedRecords, watchedPage, finishTimer } from "../lib/browser.js";

/**
 * Opens the profile in `dir`. `window.__crashOn = "store"` arms the crash
 * point: the next read-write transaction over that store keeps itself alive
 * with reads, never commits, and calls back to the test, which kills the
 * browser.
 */
async function open(dir) {
  const context = await launchPersistent({ dir, serviceWorkers: "block" });
  let reached;
  const crashPoint = new Promise((resolve) => { reached = resolve; });
  await context.exposeBinding("__atCrashPoint", (_source, stores) => reached(stores));
  await context.addInitScript(() => {
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (names, mode, options) {
      const tx = transaction.call(this, names, mode, options);
      const list = typeof names === "string" ? [names] : [...names];
      if (mode === "readwrite" && window.__crashOn && list.includes(window.__crashOn)) {
        window.__crashOn = null;
        tx.commit = () => {};
        const spin = () => { tx.objectStore(list[0]).count().onsuccess = spin; };
        spin();
        window.__atCrashPoint(list);
      }
      return tx;
    };
  });
  const { page, problems } = await watchedPage(context);
  await page.goto(BASE_URL);
  return { context, page, problems, crashPoint };
}

/** Arms the crash point, performs `act`, and kills the browser inside the transaction. */
async function crashDuring(dir, session, store, act) {
  await session.page.evaluate((s) => { window.__crashOn = s; }, store);
  await act(session.page);
  const stores = await session.crashPoint;
  assert.ok(stores.includes(store), `the crash point was reached in a transaction over ${store}`);
  assert.ok(await killProfile(dir) > 0, "Chromium killed");
  await session.context.close().catch(() => {});
}

test("killed in the middle of IndexedDB transactions: acknowledged data survives, nothing is half-written", async () => {
  const dir = await mkdtemp(`${tmpdir()}/jianfu-crash-`);

  // Acknowledged before any crash: a child, a 20-minute entry, a running timer.
  let s = await open(dir);
  await addFirstChild(s.page, "小红");
  await go(s.page, "#/log");
  await s.page.locator("input[name=minutes]").fill("20");
  await s.page.locator(".entry-form button[type=submit]").click();
  await s.page.locator("li.entry").first().waitFor();
  await go(s.page, "#/");
  const items = s.page.locator("li.item[data-item]");
  await items.first().locator("button.start").click();
  await s.page.locator(".timer").waitFor();
  const timerBefore = (await storedRecords(s.page)).timers;
  assert.equal(timerBefore.length, 1);

  // 1. Saving a second log entry.
  await go(s.page, "#/log");
  await crashDuring(dir, s, "entries", async (page) => {
    await page.locator("input[name=minutes]").fill("35");
    await page.locator(".entry-form button[type=submit]").click();
  });
  s = await open(dir);
  await go(s.page, "#/log");
  await s.page.locator("li.entry").first().waitFor();
  assert.equal(await s.page.locator("li.entry").count(), 1, "the acknowledged entry is there, the interrupted one is not");
  assert.match(await s.page.locator("li.entry").first().textContent(), /20 分钟/);
  let db = await storedRecords(s.page);
  assert.equal(db.entries.length, 1);
  assert.deepEqual(db.timers, timerBefore, "the running timer is untouched");

  // 2. Starting a second timer.
  await go(s.page, "#/");
  await crashDuring(dir, s, "timers", async (page) => {
    await page.locator("li.item[data-item]").nth(1).locator("button.start").click();
  });
  s = await open(dir);
  await s.page.locator(".timer").first().waitFor();
  assert.equal(await s.page.locator(".timer").count(), 1, "only the acknowledged timer runs");
  db = await storedRecords(s.page);
  assert.deepEqual(db.timers, timerBefore);

  // 3. Finishing the timer: the entry and the timer's removal are one transaction.
  await crashDuring(dir, s, "timers", async (page) => {
    await finishTimer(page);
  });
  s = await open(dir);
  await s.page.locator(".timer").first().waitFor();
  db = await storedRecords(s.page);
  assert.deepEqual(db.timers, timerBefore, "still running: the finish did not happen at all");
  assert.equal(db.entries.length, 1, "and no entry was half-added");

  // 4. Queueing a survey answer (outbox item + "answered" mark, one transaction).
  await fillSurvey(s.page);
  await crashDuring(dir, s, "outbox", async (page) => {
    await page.locator("button", { hasText: "匿名发送" }).click();
  });
  s = await open(dir);
  await go(s.page, "#/surveys");
  await s.page.locator("li.survey-row").first().waitFor();
  assert.equal(await s.page.locator("li.survey-row .badge", { hasText: "已回答" }).count(), 0, "not marked answered");
  db = await storedRecords(s.page);
  assert.equal(db.outbox.length, 0, "no outbox item");
  assert.deepEqual(db.metaKeys.filter((k) => k.startsWith("answered:")), [], "no 'answered' mark without its item");

  // After all four crashes the app still works: finish the timer for real.
  await go(s.page, "#/");
  await finishTimer(s.page);
  await s.page.locator(".timer").waitFor({ state: "detached" });
  db = await storedRecords(s.page);
  assert.equal(db.timers.length, 0);
  assert.equal(db.entries.length, 2);
  assert.deepEqual(s.problems(), []);
  await s.context.close();
});
