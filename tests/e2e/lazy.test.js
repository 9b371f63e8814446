// Every screen but the day's homework and the children is a second
// WebAssembly module, fetched once the app is up: the first visit does not
// wait for it, it loads once per page, shares storage and the outbox with
// the app (a report filed there is sent by the app's outbox runner, and
// the sent state shows there; a timer stopped in the app shows in its log),
// follows the header's language switch, says so and recovers when it cannot
// be fetched, and shares the in-memory stand-in when IndexedDB is unavailable.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, addFirstChild, axeProblems, go, inboxCounts, launch, phone, watchedPage, finishTimer, pickCategory } from "../lib/browser.js";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const isMore = (url) => /\/app\/jianfu_more/.test(url);

test("the second module: the first visit does not wait for it, it loads once, shares the outbox, the log and the language", async () => {
  // No service worker: its precache would fetch the module on its own.
  const context = await phone(browser, { serviceWorkers: "block" });
  const { page, problems } = await watchedPage(context);
  const requested = [];
  page.on("request", (r) => requested.push(r.url()));
  // Hold the second module back until the app has shown everything a first visit needs.
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route(/\/app\/jianfu_more/, async (route) => { await gate; await route.continue(); });
  await page.goto(BASE_URL);
  await addFirstChild(page, "小红");
  await page.locator("li.item[data-item] button.start").first().click();
  await page.locator(".timer").waitFor();
  await go(page, "#/week");
  await page.locator(".app p.status[role=status]").waitFor();
  assert.equal(await page.locator("#more").innerHTML(), "");
  release();
  await page.locator("#more .week").first().waitFor();
  // The app's frame stays: header with the child, tabs with "本周" current, the timer.
  assert.equal(await page.locator(".app-header .child-name").textContent(), "小红");
  assert.equal(await page.locator("nav.tabs [aria-current=page]").textContent(), "本周");
  assert.equal(await page.locator("main").count(), 1, "one main landmark");
  // A timer stopped in the app appears in the log, a screen of the second module.
  await finishTimer(page);
  await go(page, "#/log");
  await page.locator("#more li.entry").first().waitFor();
  assert.equal(requested.filter(isMore).length, 2, "its glue and its wasm, once each");

  const before = await inboxCounts();
  const description = `第二个模块里写的举报，由应用的发件箱发出。（测试 ${Date.now()}）`;
  await page.locator(".app-header").waitFor();
  await go(page, "#/report");
  await pickCategory(page, "other");
  await page.locator("#more textarea[name=description]").fill(description);
  await page.locator("#more form button[type=submit]").click();
  await go(page, "#/outbox");
  const item = page.locator("#more li.out-item").first();
  await item.waitFor();
  // Sent by the app's runner (the second module has none) after its random
  // 1–10 s delay; the app announces the new state and this screen shows it.
  await page.locator("#more li.out-item.sent").waitFor({ timeout: 20_000 });
  const after = await inboxCounts();
  assert.equal(after.reports, before.reports + 1);

  // Away and back: the module is not fetched again, and shows nothing on the app's screens.
  await go(page, "#/");
  await page.locator("li.item[data-item]").first().waitFor();
  assert.equal(await page.locator("#more").innerHTML(), "", "nothing left behind");
  await go(page, "#/outbox");
  await page.locator("#more section.outbox").waitFor();
  assert.equal(requested.filter(isMore).length, 2);

  // The header's language switch reaches the second module.
  await page.locator(".lang-toggle").click();
  await page.locator("#more section.outbox h2", { hasText: "Outbox" }).waitFor();
  assert.equal(await page.locator("#more main").getAttribute("lang"), "en");
  assert.deepEqual(problems(), []);
  await context.close();
});

test("the second module cannot be fetched: the screen says so, and loads on retry", async () => {
  const context = await phone(browser, { serviceWorkers: "block" });
  const { page } = await watchedPage(context);
  // Fails in the background after start, and again when a screen of it is opened.
  await page.route(/\/app\/jianfu_more/, (route) => route.abort("internetdisconnected"));
  await page.goto(BASE_URL);
  await addFirstChild(page);
  await go(page, "#/report");
  const alert = page.locator(".app p.warning[role=alert]");
  await alert.waitFor();
  assert.match(await alert.textContent(), /此页面未能加载/);
  await page.unroute(/\/app\/jianfu_more/);
  await page.locator(".app button.primary", { hasText: "重试" }).click();
  await page.locator("#more input[value=other]").waitFor({ state: "attached" });
  assert.equal(await alert.count(), 0);
  await context.close();
});

test("IndexedDB unavailable: the second module sees the same in-memory data, and its report is sent", async () => {
  const context = await phone(browser, { serviceWorkers: "block" });
  await context.addInitScript(() => {
    Object.defineProperty(window, "indexedDB", { get() { throw new DOMException("blocked", "SecurityError"); } });
  });
  const { page, problems } = await watchedPage(context);
  await page.goto(BASE_URL);
  await addFirstChild(page, "小刚");
  const before = await inboxCounts();
  await go(page, "#/report");
  // The report form needs the feed's bureau key: the feed the app kept in memory.
  await pickCategory(page, "other");
  await page.locator("#more textarea[name=description]").fill(`内存模式下的举报。（测试 ${Date.now()}）`);
  await page.locator("#more form button[type=submit]").click();
  await go(page, "#/outbox");
  await page.locator("#more li.out-item.sent").waitFor({ timeout: 20_000 });
  assert.equal((await inboxCounts()).reports, before.reports + 1);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("every screen of the second module passes axe, with one main landmark", async () => {
  const context = await phone(browser, { serviceWorkers: "block", bypassCSP: true });
  const { page } = await watchedPage(context);
  await page.goto(BASE_URL);
  await addFirstChild(page);
  for (const [hash, shown] of [
    ["#/log", "#more form"], ["#/sleep", "#more form"], ["#/week", "#more .week"], ["#/month", "#more .month-table"], ["#/data", "#more .hub"],
    ["#/surveys", "#more .surveys, #more .empty"], ["#/report", "#more form"], ["#/outbox", "#more section.outbox"],
  ]) {
    await go(page, hash);
    await page.locator(shown).first().waitFor();
    assert.equal(await page.locator("main").count(), 1, hash);
    assert.deepEqual(await axeProblems(page), [], hash);
  }
  await context.close();
});

test("two tabs: what one logs or queues, the other shows without a reload", async () => {
  const context = await phone(browser, { serviceWorkers: "block" });
  const a = await watchedPage(context);
  await a.page.goto(BASE_URL);
  await addFirstChild(a.page, "小兰");
  const b = await watchedPage(context);
  await b.page.goto(BASE_URL);
  const logged = b.page.locator(".limit-bar", { hasText: "实际书面作业用时" });
  await logged.waitFor();
  assert.match(await logged.textContent(), /0 分钟/);

  await go(a.page, "#/log");
  await a.page.locator("#more input[name=minutes]").fill("30");
  await a.page.locator("#more .entry-form button[type=submit]").click();
  await a.page.locator("#more li.entry").first().waitFor();
  await logged.filter({ hasText: "30 分钟" }).waitFor();

  // A second child added in one tab appears in the other's switcher.
  await go(a.page, "#/children");
  await a.page.locator("input[name=nickname]").fill("小军");
  await a.page.locator("form button[type=submit]").click();
  await b.page.locator(".app-header select option", { hasText: "小军" }).waitFor({ state: "attached" });
  assert.deepEqual([...a.problems(), ...b.problems()], []);
  await context.close();
});
