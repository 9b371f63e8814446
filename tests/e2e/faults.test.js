// Faults a phone really has: storage full, storage unavailable, and a clock
// that jumps while a timer runs. The parent is told, nothing already saved
// is lost, and logged time is never negative or silently wrong.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, addFirstChild, go, installSchoolClock, launch, phone, watchedPage } from "../lib/browser.js";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function logMinutes(page, minutes) {
  await go(page, "#/log");
  await page.locator("input[name=minutes]").fill(String(minutes));
  await page.locator(".entry-form button[type=submit]").click();
}

// Chromium 156 headless does not enforce DevTools' Storage.overrideQuotaForOrigin
// on IndexedDB (measured: a 200 KB write succeeds under a 1-byte quota), so the
// full disk is made at the IndexedDB boundary instead: while the switch is on,
// every put throws the browser's own QuotaExceededError, as a full device does.
test("storage quota exhausted: the parent is told, saved data stays, logging resumes when space returns", async () => {
  const context = await phone(browser);
  await context.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (window.__diskFull) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      return put.apply(this, args);
    };
  });
  const { page } = await watchedPage(context);
  await page.goto(BASE_URL);
  await addFirstChild(page);
  await logMinutes(page, 25);
  await page.locator("li.entry").first().waitFor();

  await page.evaluate(() => { window.__diskFull = true; });
  await page.locator("input[name=minutes]").fill("35");
  await page.locator(".entry-form button[type=submit]").click();
  await page.locator(".notice.bad").waitFor();
  assert.match(await page.locator(".notice").textContent(), /存储空间已满/);
  assert.equal(await page.locator("input[name=minutes]").inputValue(), "35", "what the parent typed is kept");
  assert.equal(await page.locator("li.entry").count(), 1, "nothing half-saved");

  await page.evaluate(() => { window.__diskFull = false; });
  await page.locator(".entry-form button[type=submit]").click();
  await page.locator("li.entry").nth(1).waitFor();
  await page.reload();
  await go(page, "#/log");
  await page.locator("li.entry").nth(1).waitFor();
  assert.equal(await page.locator("li.entry").count(), 2, "both entries survive a reload");
  await context.close();
});

test("IndexedDB unavailable: the app runs in memory with a visible warning", async () => {
  const context = await phone(browser);
  await context.addInitScript(() => {
    Object.defineProperty(window, "indexedDB", { get() { throw new DOMException("blocked", "SecurityError"); } });
  });
  const { page } = await watchedPage(context);
  await page.goto(BASE_URL);
  await page.locator("p.warning[role=alert]").waitFor();
  assert.match(await page.locator("p.warning[role=alert]").textContent(), /无法保存数据/);
  await addFirstChild(page);
  await logMinutes(page, 20);
  await page.locator("li.entry").first().waitFor();
  await context.close();
});

test("the clock jumps while a timer runs: never negative, and the parent confirms", async () => {
  const context = await phone(browser);
  // Setting the clock back an hour below must not cross midnight.
  await installSchoolClock(context);
  const { page, problems } = await watchedPage(context);
  await page.goto(BASE_URL);
  await addFirstChild(page);
  await page.locator("li.item[data-item] button.start").first().click();
  await page.locator(".timer").waitFor();
  await context.clock.fastForward("10:00");

  // Set back an hour: the display never goes negative and the parent is asked.
  const now = await page.evaluate(() => Date.now());
  await context.clock.setSystemTime(now - 3600 * 1000);
  await context.clock.fastForward(1000);
  await page.locator(".timer .warning").waitFor();
  assert.equal(await page.locator(".timer .elapsed").textContent(), "0:00");
  await page.locator(".timer button.primary").click();
  const minutes = page.locator(".timer .confirm-minutes input");
  await minutes.waitFor();
  await minutes.fill("12");
  await page.locator(".timer button.primary").click();
  await page.locator(".timer").waitFor({ state: "detached" });
  await go(page, "#/log");
  assert.match(await page.locator("li.entry").first().textContent(), /12 分钟/);

  // Forward a day: flagged as implausible, asked, capped at 600 minutes.
  await go(page, "#/");
  await page.locator("li.item[data-item] button.start").first().click();
  await page.locator(".timer").waitFor();
  const later = await page.evaluate(() => Date.now());
  await context.clock.setSystemTime(later + 24 * 3600 * 1000);
  await context.clock.fastForward(1000);
  await page.locator(".timer .warning").waitFor();
  await page.locator(".timer button.primary").click();
  assert.equal(await page.locator(".timer .confirm-minutes input").inputValue(), "600");
  assert.deepEqual(problems(), []);
  await context.close();
});
