// The month view: every day of the month in a calendar, with what was
// logged, the month's verdict, and navigation by month across a year end.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, addFirstChild, go, installSchoolClock, launch, phone, schoolToday, watchedPage } from "../lib/browser.js";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("the month shows each day's logged minutes, its verdict, and moves by month", async () => {
  const context = await phone(browser);
  await installSchoolClock(context);
  const { page, problems } = await watchedPage(context);
  await page.goto(BASE_URL);
  await addFirstChild(page);
  await go(page, "#/log");
  await page.locator("#more input[name=minutes]").fill("45");
  await page.locator("#more .entry-form button[type=submit]").click();
  await page.locator("#more li.entry").first().waitFor();

  // From the week, to its month.
  await go(page, "#/week");
  await page.locator("#more a", { hasText: "按月查看" }).click();
  await page.locator("#more .month-table").waitFor();
  const [y, m, d] = schoolToday().split("-").map(Number);
  assert.equal(await page.locator("#more .month h2").textContent(), `${y}年${m}月`);
  const days = await page.locator("#more .month-table td:not(.outside)").count();
  assert.equal(days, new Date(Date.UTC(y, m, 0)).getUTCDate(), "every day of the month, once");
  const today = page.locator("#more .month-table td:not(.outside)").nth(d - 1);
  assert.equal(await today.locator(".n").textContent(), String(d));
  assert.equal(await today.locator(".written").textContent(), "45 分钟");
  assert.match(await page.locator("#more .month .verdict").textContent(), /记录了 0 晚睡眠/);

  // Back twelve months and forward again, one shown month at a time: across
  // the year end both ways.
  const title = (k) => { // k months from this one
    const i = y * 12 + (m - 1) + k;
    return `${Math.floor(i / 12)}年${(i % 12) + 1}月`;
  };
  const heading = page.locator("#more .month h2");
  for (let k = -1; k >= -12; k -= 1) {
    await page.locator("#more .date-nav a").first().click();
    await page.locator("#more .month h2", { hasText: new RegExp(`^${title(k)}$`) }).waitFor();
  }
  assert.equal(await heading.textContent(), `${y - 1}年${m}月`);
  assert.equal(await page.locator("#more .month-table td .written").count(), 0, "nothing logged a year ago");
  for (let k = -11; k <= 0; k += 1) {
    await page.locator("#more .date-nav a").last().click();
    await page.locator("#more .month h2", { hasText: new RegExp(`^${title(k)}$`) }).waitFor();
  }
  assert.equal(await heading.textContent(), `${y}年${m}月`);
  assert.deepEqual(problems(), []);
  await context.close();
});
