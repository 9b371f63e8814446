// Offline-first, with the real service worker: after one online visit the
// app starts with the network cut (at the socket: lib/network.js), shows
// the last good homework and logs time; back online, a new build is
// offered as an update and a running timer survives it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { brotliCompressSync, gzipSync } from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BASE_URL, addFirstChild, controlled, fileReport, fillSurvey, inboxCounts, launchCuttable, phone, watchedPage, finishTimer } from "../lib/browser.js";

const ROOT = process.env.JIANFU_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SW = path.join(ROOT, "dist/sw.js");

let browser, network;
before(async () => { ({ browser, network } = await launchCuttable()); });
after(async () => {
  await browser?.close();
  await network?.close();
});

test("starts offline after one visit, shows the last good homework, logs time", async () => {
  const context = await phone(browser);
  const { page } = await watchedPage(context);
  await page.goto(BASE_URL);
  await addFirstChild(page);
  await controlled(page);
  const titles = await page.locator("li.item .title").allTextContents();
  assert.ok(titles.length > 0);

  await network.cut();
  const started = Date.now();
  await page.reload();
  await page.locator("li.item[data-item]").first().waitFor();
  const offlineStart = Date.now() - started;
  console.log(`# offline start to homework visible: ${offlineStart} ms`);
  assert.deepEqual(await page.locator("li.item .title").allTextContents(), titles);
  // Offline is a calm state: the time the copy was saved, no error, no raw code (#16).
  assert.match(await page.locator(".feed-status").textContent(), /^离线：显示的是 \d{1,2}:\d\d 保存的作业公示。$/);
  assert.equal(await page.locator(".feed-status [role=alert]").count(), 0);

  // Logging needs no network.
  await page.locator("li.item[data-item] button.start").first().click();
  await finishTimer(page);
  await page.locator(".timer").waitFor({ state: "detached" });
  await page.evaluate(() => { location.hash = "#/log"; });
  await page.locator("li.entry").first().waitFor();
  await page.reload();
  await page.locator("li.entry").first().waitFor();

  // The network comes back without the browser saying so (no `online`
  // event after a real cut): the app tries the feed again by itself.
  await network.restore();
  await page.evaluate(() => { location.hash = "#/"; });
  await page.locator(".feed-status .feed-line").waitFor({ state: "detached", timeout: 45_000 });
  await context.close();
});

/** Writes the worker and its precompressed copies, as a deploy would. */
async function deploySw(text) {
  await writeFile(SW, text);
  await writeFile(`${SW}.gz`, gzipSync(text));
  await writeFile(`${SW}.br`, brotliCompressSync(text));
}

test("a new build is offered as an update; a running timer and a waiting outbox survive it", async () => {
  const original = await readFile(SW, "utf8");
  const context = await phone(browser);
  const { page, problems } = await watchedPage(context);
  try {
    await page.goto(BASE_URL);
    await addFirstChild(page);
    await controlled(page);
    const start = await inboxCounts();
    await page.locator("li.item[data-item] button.start").first().click();
    await page.locator(".timer").waitFor();
    const startedAt = Date.now();

    // The inbox is down (503): a survey answer and a report wait in the outbox.
    let refused = 0;
    await context.route("**/inbox/**", (route) => { refused += 1; return route.fulfill({ status: 503, contentType: "application/json", body: '{"error":"maintenance"}' }); });
    await fillSurvey(page);
    await page.locator("button", { hasText: "匿名发送" }).click();
    await page.locator("li.out-item").first().waitFor();
    await fileReport(page, `升级时仍在发件箱里的举报（测试 ${Date.now()}）`);
    await page.locator("li.out-item").nth(1).waitFor();
    while (refused < 2) await page.waitForTimeout(250);
    assert.equal(await page.locator("li.out-item.waiting").count(), 2);

    // Deploy a "new build": the worker's version changes.
    await deploySw(original.replace(/const VERSION = "([^"]+)"/, 'const VERSION = "$1-next"'));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const banner = page.locator("p.update");
    await banner.waitFor();
    assert.match(await banner.textContent(), /新版本已就绪/);
    await Promise.all([page.waitForEvent("load"), banner.locator("button").click()]);
    const version = await page.evaluate(async () => {
      const keys = await caches.keys();
      return keys.find((k) => k.startsWith("jianfu-shell-"));
    });
    assert.match(version, /-next$/, "the new worker took over and cleaned the old cache");
    const elapsed = page.locator(".timer .elapsed");
    await elapsed.waitFor();
    const [m, s] = (await elapsed.textContent()).split(":").map(Number);
    const shown = m * 60 + s;
    const real = (Date.now() - startedAt) / 1000;
    assert.ok(Math.abs(shown - real) <= 2, `timer shows ${shown}s after ${real.toFixed(1)}s`);

    // Both items are still waiting after the update, and go out when the inbox is back.
    await page.evaluate(() => { location.hash = "#/outbox"; });
    await page.locator("li.out-item").nth(1).waitFor();
    assert.equal(await page.locator("li.out-item.waiting").count(), 2, "nothing lost from the outbox");
    // The inbox is back: the next retry of the back-off gets through,
    // and its success sends the other at once.
    await context.unroute("**/inbox/**");
    await page.locator("li.out-item.sent").nth(1).waitFor({ timeout: 60_000 });
    const end = await inboxCounts();
    assert.equal(end.responses - start.responses, 1);
    assert.equal(end.reports - start.reports, 1);
    assert.deepEqual(problems().filter((p) => !p.includes("503")), [], "nothing but the inbox's 503s");
  } finally {
    await deploySw(original);
    await context.close();
  }
});
