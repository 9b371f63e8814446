// Hostile feeds: a 50 MB feed is refused (before it is read, from its
// Content-Length) without freezing the page, and a feed that changes format
// between fetches is refused too; either way the last good copy stays on
// screen with the reason.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, addFirstChild, launch, phone, watchedPage } from "../lib/browser.js";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function firstVisit() {
  // page.route cannot see a service worker's requests: block it here.
  const context = await phone(browser, { serviceWorkers: "block" });
  const { page } = await watchedPage(context);
  await page.goto(BASE_URL);
  await addFirstChild(page);
  const titles = await page.locator("li.item .title").allTextContents();
  return { context, page, titles };
}

test("a 50 MB feed is refused without freezing the page; the last good copy stays", async () => {
  const { context, page, titles } = await firstVisit();
  const huge = Buffer.alloc(50 * 1000 * 1000, 0x20);
  await page.route("**/demo/feeds/g4c2.json", (route) => route.fulfill({ status: 200, contentType: "application/json", body: huge }));
  await page.reload();
  await page.locator("[role=alert]").waitFor();
  assert.match(await page.locator("[role=alert]").textContent(), /50\.0 MB.*up to 4 MB/s);
  assert.deepEqual(await page.locator("li.item .title").allTextContents(), titles);
  const t = Date.now();
  await page.evaluate(() => 1 + 1);
  assert.ok(Date.now() - t < 1000, "the page still answers");
  await context.close();
});

test("a feed that changes format between fetches keeps the last good copy", async () => {
  const { context, page, titles } = await firstVisit();
  const feed = await (await fetch(new URL("demo/feeds/g4c2.json", BASE_URL))).json();
  feed.format = "jianfu.feed/2";
  feed.days[0].items[0].title = "<img src=x onerror=alert(1)>\u202e\u200b";
  await page.route("**/demo/feeds/g4c2.json", (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(feed) }));
  await page.reload();
  await page.locator("[role=alert]").waitFor();
  assert.match(await page.locator("[role=alert]").textContent(), /unknown format "jianfu\.feed\/2"/);
  assert.deepEqual(await page.locator("li.item .title").allTextContents(), titles);
  assert.equal(await page.locator("main img").count(), 0);
  await context.close();
});

/** Serves `body` as the demo feed on the next fetch, reloads, returns the alert text. */
async function serveAndReload(page, body) {
  await page.route("**/demo/feeds/g4c2.json", (route) => route.fulfill({ status: 200, contentType: "application/json", body }));
  await page.reload();
  await page.locator("[role=alert]").waitFor();
  return page.locator("[role=alert]").textContent();
}

test("10,000 levels of nesting and wrong types everywhere are refused with the path; the last good copy stays", async () => {
  const { context, page, titles } = await firstVisit();
  const deep = `{"format":"jianfu.feed/1","days":${"[".repeat(10000)}${"]".repeat(10000)}}`;
  assert.match(await serveAndReload(page, deep), /recursion limit|nest/i);
  assert.deepEqual(await page.locator("li.item .title").allTextContents(), titles);
  await page.unroute("**/demo/feeds/g4c2.json");

  // Every string becomes a number and every number a string.
  const feed = await (await fetch(new URL("demo/feeds/g4c2.json", BASE_URL))).json();
  const flip = (v) => (typeof v === "string" ? 7 : typeof v === "number" ? "7" : Array.isArray(v) ? v.map(flip)
    : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === "format" ? x : flip(x)])) : v);
  const text = await serveAndReload(page, JSON.stringify(flip(feed)));
  assert.match(text, /school\.timezone|school\.id|days\[0\]\.date/, `names a path: ${text.slice(0, 200)}`);
  assert.deepEqual(await page.locator("li.item .title").allTextContents(), titles);
  await context.close();
});

test("10,000 items in one day render without freezing the page", async () => {
  const { context, page } = await firstVisit();
  const feed = await (await fetch(new URL("demo/feeds/g4c2.json", BASE_URL))).json();
  const today = await page.locator("li.item[data-item]").first().getAttribute("data-item");
  const day = feed.days.find((d) => d.items.some((i) => i.id === today));
  const template = day.items[0];
  day.items = Array.from({ length: 10000 }, (_, i) => ({ ...template, id: `bulk-${i}`, title: `第 ${i + 1} 项 <b>不是标签</b>` }));
  await page.route("**/demo/feeds/g4c2.json", (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(feed) }));
  const started = Date.now();
  await page.reload();
  await page.locator("li.item[data-item='bulk-9999']").waitFor({ timeout: 60_000 });
  console.log(`# 10,000 items in one day: shown after ${Date.now() - started} ms`);
  assert.equal(await page.locator("li.item[data-item]").count(), 10000);
  assert.equal(await page.locator("main b").count(), 0, "titles are text, not markup");
  const t = Date.now();
  await page.evaluate(() => 1 + 1);
  assert.ok(Date.now() - t < 1000, "the page still answers");
  await context.close();
});
