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
