// The school calendar and optional homework in the parent app, on a 360 px
// phone: a holiday this week (with the school's holiday cap), a make-up
// school day, an optional item timed and kept apart from the limit, the
// week's and term's share against the 90 % target, and the report form's
// 19 categories in four groups. axe checks each of these states.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, addDays, addFirstChild, axeProblems, go, installSchoolClock, launch, phone, schoolToday, watchedPage, pickCategory } from "../lib/browser.js";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** 1 (Monday) … 7 (Sunday). */
function isoWeekday(iso) {
  return ((new Date(`${iso}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

test("a holiday week: the holiday cap, a make-up day, an optional item timed apart, the share against 90 %", async () => {
  const context = await phone(browser, { bypassCSP: true, serviceWorkers: "block" });
  await installSchoolClock(context);
  const today = schoolToday(Date.parse(`${schoolToday()}T17:00:00+08:00`));
  const monday = addDays(today, 1 - isoWeekday(today));
  // The holiday is today on a weekday (else this week's Friday); the make-up
  // day is this week's Saturday (or Sunday when today is Saturday).
  const holiday = isoWeekday(today) <= 5 ? today : addDays(monday, 4);
  const makeup = isoWeekday(today) === 6 ? addDays(monday, 6) : addDays(monday, 5);

  const feed = await (await fetch(new URL("demo/feeds/g4c2.json", BASE_URL))).json();
  feed.school.limits = { ...(feed.school.limits ?? {}), holiday_written_minutes: 30 };
  feed.school.calendar = { holidays: [holiday], school_days: [makeup] };
  let day = feed.days.find((d) => d.date === holiday);
  if (!day) { day = { date: holiday, items: [] }; feed.days.push(day); feed.days.sort((a, b) => a.date.localeCompare(b.date)); }
  day.items.push({ id: `${holiday}-extension`, subject: "english", title: { "zh-CN": "拓展阅读（选做）", en: "Extension reading (optional)" },
    kind: "written", estimated_minutes: 20, tier: "optional", due: addDays(holiday, 1) });
  const feedUrl = new URL("calendar/feed.json", BASE_URL).href;
  await context.route(feedUrl, (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(feed) }));

  const { page, problems } = await watchedPage(context);
  await page.goto(`${BASE_URL}?feed=${encodeURIComponent(feedUrl)}`);
  await addFirstChild(page, "小华", "4");

  // The holiday: what applies, in words, with the school's cap.
  await go(page, `#/day/${holiday}`);
  const notice = page.locator(".day-kind");
  await notice.waitFor();
  assert.equal(await notice.textContent(), "假日：不适用上学日的书面作业时长规定。");
  assert.match(await page.locator(".limit-bar").first().textContent(), /\/ 30 分钟/);

  // Time the optional item for 25 minutes: kept apart, never against the limit.
  const item = page.locator(`li.item[data-item="${holiday}-extension"]`);
  assert.match(await item.textContent(), /选做/);
  await item.locator("button.start").click();
  await page.locator(".timer").waitFor();
  await context.clock.fastForward("25:00");
  await page.locator(".timer button.primary").click();
  await page.locator(".timer").waitFor({ state: "detached" });
  const optional = page.locator(".optional-logged");
  await optional.waitFor();
  assert.match(await optional.textContent(), /选做作业（不计入时长规定）: 25 分钟/);
  assert.match(await page.locator(".limit-bar").nth(1).textContent(), /已记录书面作业.*: 0 分钟|: 0 分钟/);
  const dayAxe = await axeProblems(page);

  // The make-up day is a school day.
  await go(page, `#/day/${makeup}`);
  await page.locator(".day-kind", { hasText: "调休上课日" }).waitFor();
  assert.equal(await page.locator(".day-kind").textContent(), "调休上课日：按上学日的书面作业时长规定。");
  assert.match(await page.locator(".limit-bar").first().textContent(), /\/ 60 分钟/);

  // The week: the holiday and the make-up day marked, the optional minutes
  // in their own column, the share against 90 % for the week and the term.
  await go(page, `#/week/${holiday}`);
  await page.locator(".week .share").first().waitFor();
  const rows = page.locator(".week-table tbody tr");
  const holidayRow = rows.nth(isoWeekday(holiday) - 1);
  assert.match(await holidayRow.locator("th").textContent(), /假日/);
  assert.deepEqual(await holidayRow.locator("td").evaluateAll((tds) => tds.slice(0, 2).map((td) => td.textContent)), ["0", "25"]);
  assert.match(await rows.nth(isoWeekday(makeup) - 1).locator("th").textContent(), /调休上课日/);
  const shares = page.locator(".week figure.share");
  assert.equal(await shares.count(), 2);
  assert.match(await shares.first().textContent(), /本周达标率：还没有记录上学日的书面作业|本周达标率：.*国家目标 90% 以上/);
  assert.match(await shares.nth(1).getAttribute("class"), /share/);
  assert.equal(await page.locator(".week figure.share svg[role=img] line.target").count(), 2, "the 90 % target drawn");

  // A core written entry on a school day of this week moves the share.
  const schoolDay = [1, 2, 3, 4, 5].map((n) => addDays(monday, n - 1)).find((d) => d !== holiday && d <= today) ?? makeup;
  await go(page, `#/log/${schoolDay}`);
  await page.locator("select[name=subject]").selectOption("math");
  await page.locator("input[name=minutes]").fill("70");
  await page.locator(".entry-form button[type=submit]").click();
  await page.locator("li.entry", { hasText: "70 分钟" }).waitFor();
  await go(page, `#/week/${holiday}`);
  await page.locator(".week figure.share[data-percent]").first().waitFor();
  assert.equal(await page.locator(".week figure.share").first().getAttribute("data-percent"), "0.0");
  assert.match(await page.locator(".week figure.share").first().textContent(), /1 天中有 0 天在规定时长内，占 0\.0%；国家目标 90% 以上，未达到/);
  const weekAxe = await axeProblems(page);

  // The month marks the holiday and shows both shares.
  await go(page, `#/month/${holiday}`);
  await page.locator(".month figure.share").first().waitFor();
  assert.equal(await page.locator(".month figure.share").count(), 2);
  assert.ok(await page.locator(".month-table td.holiday").count() >= 1);
  const monthAxe = await axeProblems(page);

  assert.deepEqual({ dayAxe, weekAxe, monthAxe }, { dayAxe: [], weekAxe: [], monthAxe: [] });
  assert.deepEqual(problems(), []);
  await context.close();
});

test("the report form's 19 categories in four groups, usable and accessible on a 360 px phone", async () => {
  const context = await phone(browser, { bypassCSP: true });
  const { page, problems } = await watchedPage(context);
  await page.goto(BASE_URL);
  await addFirstChild(page, "小明", "4");
  await go(page, "#/report");
  await page.locator("fieldset.group").first().waitFor({ state: "attached" });
  const legends = await page.locator("fieldset.group > legend").allTextContents();
  assert.deepEqual(legends, ["作业", "课时与假期", "收费与培训", "考试与其他"]);
  assert.equal(await page.locator("input[name=category]").count(), 19);
  for (const code of ["homework_not_published", "teacher_not_grading", "classes_on_holidays",
    "paid_tutoring_by_teachers", "forced_purchase_of_materials", "after_school_service_not_offered"]) {
    assert.equal(await page.locator(`input[value=${code}]`).count(), 1, code);
  }
  assert.match(await page.locator("label", { has: page.locator("input[value=paid_tutoring_by_teachers]") }).textContent(), /有偿家教/);
  // Nothing wider than the phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the form fits 360 px (overflow ${overflow}px)`);
  // Pick one, show a validation error: still accessible.
  await pickCategory(page, "classes_on_holidays");
  await page.locator("form button[type=submit]").click();
  await page.locator(".field-error").waitFor();
  assert.deepEqual(await axeProblems(page), []);
  assert.deepEqual(problems(), []);
  await context.close();
});
