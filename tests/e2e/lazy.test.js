// The screens most visits never open (surveys, the report, the outbox) are
// a second WebAssembly module, loaded on first use: the first visit does
// not download it, it loads once per page, shares storage and the outbox
// with the app (a report filed there is sent by the app's outbox runner,
// and the sent state shows there), follows the header's language switch,
// says so and recovers when it cannot be fetched, and shares the
// in-memory stand-in when IndexedDB is unavailable.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, addFirstChild, axeProblems, inboxHealth, launch, phone, watchedPage } from "../lib/browser.js";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function go(page, hash) {
  await page.evaluate((h) => { location.hash = h; }, hash);
}

const isMore = (url) => /\/app\/jianfu_more/.test(url);

test("the second module: not in the first visit, loaded once, sharing the outbox and the language", async () => {
  // No service worker: its precache would fetch the module in the background.
  const context = await phone(browser, { serviceWorkers: "block" });
  const { page, problems } = await watchedPage(context);
  const requested = [];
  page.on("request", (r) => requested.push(r.url()));
  await page.goto(BASE_URL);
  await addFirstChild(page, "小红");
  assert.deepEqual(requested.filter(isMore), [], "the first visit downloads no part of the second module");

  await go(page, "#/outbox");
  await page.locator("#more section.outbox").waitFor();
  assert.equal(requested.filter(isMore).length, 2, "its glue and its wasm, once each");
  // The app's frame stays: header with the child, tabs with "数据" current.
  assert.equal(await page.locator(".app-header .child-name").textContent(), "小红");
  assert.equal(await page.locator("nav.tabs [aria-current=page]").textContent(), "数据");
  assert.equal(await page.locator("main").count(), 1, "one main landmark");

  const before = await inboxHealth();
  const description = `第二个模块里写的举报，由应用的发件箱发出。（测试 ${Date.now()}）`;
  await page.locator(".app-header").waitFor();
  await go(page, "#/report");
  await page.locator("#more input[value=other]").check();
  await page.locator("#more textarea[name=description]").fill(description);
  await page.locator("#more form button[type=submit]").click();
  await go(page, "#/outbox");
  const item = page.locator("#more li.out-item").first();
  await item.waitFor();
  // Sent by the app's runner (the second module has none) after its random
  // 1–10 s delay; the app announces the new state and this screen shows it.
  await page.locator("#more li.out-item.sent").waitFor({ timeout: 20_000 });
  const after = await inboxHealth();
  assert.equal(after.reports, before.reports + 1);

  // Away and back: the module is not fetched again.
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
  await page.goto(BASE_URL);
  await addFirstChild(page);
  await page.route(/\/app\/jianfu_more/, (route) => route.abort("internetdisconnected"));
  await go(page, "#/report");
  const alert = page.locator(".app p.warning[role=alert]");
  await alert.waitFor();
  assert.match(await alert.textContent(), /此页面未能加载/);
  await page.unroute(/\/app\/jianfu_more/);
  await page.locator(".app button.primary", { hasText: "重试" }).click();
  await page.locator("#more input[value=other]").waitFor();
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
  const before = await inboxHealth();
  await go(page, "#/report");
  // The report form needs the feed's bureau key: the feed the app kept in memory.
  await page.locator("#more input[value=other]").check();
  await page.locator("#more textarea[name=description]").fill(`内存模式下的举报。（测试 ${Date.now()}）`);
  await page.locator("#more form button[type=submit]").click();
  await go(page, "#/outbox");
  await page.locator("#more li.out-item.sent").waitFor({ timeout: 20_000 });
  assert.equal((await inboxHealth()).reports, before.reports + 1);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("the lazily loaded screens pass axe, with one main landmark", async () => {
  const context = await phone(browser, { serviceWorkers: "block", bypassCSP: true });
  const { page } = await watchedPage(context);
  await page.goto(BASE_URL);
  await addFirstChild(page);
  for (const [hash, shown] of [["#/surveys", "#more .surveys, #more .empty"], ["#/report", "#more form"], ["#/outbox", "#more section.outbox"]]) {
    await go(page, hash);
    await page.locator(shown).first().waitFor();
    assert.equal(await page.locator("main").count(), 1, hash);
    assert.deepEqual(await axeProblems(page), [], hash);
  }
  await context.close();
});
