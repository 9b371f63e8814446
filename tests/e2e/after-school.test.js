// After-school service (课后服务, "5+2", issue #29) end to end in Chromium:
// a teacher publishes a week with a service and an early-finish day in the
// studio; the published file passes the real `jianfu check-feed` with
// exactly one 5+2 warning; the parent's day shows the early finish, the
// homework done at school and the minutes left for home, and keeps
// "my child attends" on the device; `jianfu monitor` and the bureau desk
// show the same after-school figures. axe in every new state; English at
// 360 px.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { BASE_URL, BIN, addDays, axeProblems, go, installSchoolClock, launch, phone, schoolToday, storedRecords, watchedPage } from "../lib/browser.js";

const run = promisify(execFile);
const STUDIO = new URL("school/", BASE_URL).href;
const DESK = new URL("bureau/", BASE_URL).href;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function isoWeekday(iso) {
  return ((new Date(`${iso}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

async function assertAxeClean(page, state) {
  assert.deepEqual(await axeProblems(page), [], `axe, ${state}`);
}

function day(page, iso) {
  return page.locator(`section.day[data-date="${iso}"]`);
}

/** The studio's set-up with the school's after-school service. */
async function setUp(page, feedUrl, earlyDay) {
  await page.goto(`${STUDIO}#/setup`);
  await page.locator("#school_id").fill("service-exp-primary");
  await page.locator("#school_name_zh").fill("课后服务实验小学");
  await page.locator("#class_id").fill("g3c1");
  await page.locator("#class_name_zh").fill("三年级(1)班");
  await page.locator("#grade").selectOption("3");
  await page.locator("#feed_url").fill(feedUrl);
  await page.locator("#service-enabled").check();
  await page.locator("#service-start").fill("15:40");
  await page.locator("#service-end").fill("17:50");
  const sessions = [["sport", "15:40", "16:20"], ["homework_help", "16:20", "17:10"], ["interest", "17:10", "17:50"]];
  for (const [i, [kind, start, end]] of sessions.entries()) {
    await page.getByRole("button", { name: "添加时段" }).click();
    await page.locator(`#session-${i}-kind`).selectOption(kind);
    await page.locator(`#session-${i}-start`).fill(start);
    await page.locator(`#session-${i}-end`).fill(end);
  }
  await page.locator("#session-2-options").fill("篮球\n合唱\n编程");
  // An overlap is named at its session, as core's check-feed names it.
  await page.locator("#session-1-start").fill("16:00");
  const overlap = page.locator(".session-input").nth(1).locator(".field-error");
  await overlap.waitFor();
  assert.match(await overlap.textContent(), /school\.after_school\.weekly\[0\]\.sessions\[1\]: 16:00–17:10 overlaps/);
  await assertAxeClean(page, "set-up, a session in error");
  await page.locator("#session-1-start").fill("16:20");
  await overlap.waitFor({ state: "detached" });
  await page.getByRole("button", { name: "添加调整" }).click();
  await page.locator("#change-0-date").fill(earlyDay);
  await page.locator("#change-0-end").fill("16:30");
  await page.locator("#change-0-note").fill("教师培训，提前放学");
  await page.locator("#service-care").fill("18:30");
  await page.locator("#service-fee").fill("免费");
  await page.getByText("设置完整").waitFor();
  await assertAxeClean(page, "set-up with the service");
}

test("a week with a service and an early finish: studio, check-feed, the parent's day, monitor and the desk agree", async () => {
  const today = schoolToday(Date.parse(`${schoolToday()}T17:00:00+08:00`));
  const monday = addDays(today, 1 - isoWeekday(today));
  // The early finish on today when it is a school day (the parent's Today
  // shows it), else on Monday.
  const early = isoWeekday(today) <= 5 ? today : monday;
  const feedUrl = new URL("published/g3c1-service.json", BASE_URL).href;

  const studio = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN", bypassCSP: true, acceptDownloads: true, serviceWorkers: "block" });
  await installSchoolClock(studio);
  const { page, problems } = await watchedPage(studio);
  await setUp(page, feedUrl, early);

  // The week: every school day judged against 5+2 as the set-up stands.
  await go(page, "#/week");
  await day(page, early).waitFor();
  assert.match(await day(page, early).locator(".service-line").getAttribute("class"), /short/);
  assert.match(await day(page, early).locator(".service-line").textContent(), /15:40–16:30（50 分钟）.*未达到“5\+2”/);
  const other = early === monday ? addDays(monday, 1) : monday;
  assert.match(await day(page, other).locator(".service-line").textContent(), /15:40–17:50（130 分钟）.*符合“5\+2”/);
  // Written homework done at school and at home on the early day.
  for (const [subject, title, minutes, at] of [["math", "应用题三道", 25, "school"], ["chinese", "生字抄写", 20, "home"]]) {
    await day(page, early).getByRole("button", { name: /^添加作业/ }).click();
    const form = day(page, early).locator("form.item-form");
    await form.locator("select[name=subject]").selectOption(subject);
    await form.locator("input[name=title]").fill(title);
    await form.locator("select[name=kind]").selectOption("written");
    await form.locator("input[name=minutes]").fill(String(minutes));
    await form.locator("select[name=at]").selectOption(at);
    await form.getByRole("button", { name: "保存作业" }).click();
    await form.waitFor({ state: "detached" });
  }
  assert.match(await day(page, early).locator("li.plan-item", { hasText: "应用题三道" }).textContent(), /在校完成/);
  await assertAxeClean(page, "week with the service");

  // Published: the real CLI finds exactly one 5+2 shortfall, on that day.
  await go(page, "#/publish");
  await page.locator(".ok-line").waitFor();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "发布" }).click();
  const dir = await mkdtemp(path.join(tmpdir(), "jianfu-service-"));
  const saved = path.join(dir, "g3c1.json");
  await (await download).saveAs(saved);
  const report = JSON.parse((await run(BIN, ["check-feed", "--json", saved])).stdout);
  assert.equal(report.valid, true);
  assert.deepEqual(report.violations, []);
  const fivePlusTwo = report.warnings.filter((w) => w.rule === "after_school_5_2");
  assert.equal(fivePlusTwo.length, 1, JSON.stringify(report.warnings));
  assert.equal(fivePlusTwo[0].date, early);
  const published = JSON.parse(await readFile(saved, "utf8"));
  assert.equal(published.school.after_school.changes[0].end, "16:30");
  assert.equal(published.days.find((d) => d.date === early).items.find((i) => i.subject === "math").at, "school");

  // The printed notice carries the week's service and the change.
  await page.getByRole("link", { name: "打印预览" }).click();
  const service = page.locator(".notice-service");
  await service.waitFor();
  assert.match(await service.textContent(), /15:40–16:30.*教师培训，提前放学/);
  assert.match(await service.textContent(), /延时托管至 18:30/);
  await assertAxeClean(page, "notice with the service");
  assert.deepEqual(problems(), []);
  await studio.close();

  // The parent: the early finish first, school and home minutes, and the
  // attendance choice kept on the device only.
  const parentContext = await phone(browser, { serviceWorkers: "block", bypassCSP: true });
  await installSchoolClock(parentContext);
  await parentContext.route(feedUrl, (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(published) }));
  const parent = await watchedPage(parentContext);
  const posts = [];
  parent.page.on("request", (r) => { if (r.method() !== "GET") posts.push(r.url()); });
  await parent.page.goto(`${BASE_URL}?feed=${encodeURIComponent(feedUrl)}`);
  await parent.page.locator("input[name=nickname]").fill("小雨");
  await parent.page.locator("select[name=grade]").selectOption("3");
  await parent.page.locator("form button[type=submit]").click();
  await parent.page.locator("li.item[data-item], p.empty").first().waitFor();
  await go(parent.page, `#/day/${early}`);
  const card = parent.page.locator("section.service");
  await card.waitFor();
  assert.match(await card.locator(".service-change").textContent(), /今天调整：15:40–16:30 · 教师培训，提前放学/);
  assert.match(await card.locator(".pickup").textContent(), /接孩子：16:30/);
  assert.match(await card.textContent(), /延时托管至 18:30/);
  assert.match(await parent.page.locator(".home-minutes").textContent(), /在校课后服务中完成 25 分钟，留给家里 20 分钟/);
  assert.match(await parent.page.locator("li.item", { hasText: "应用题三道" }).textContent(), /在校完成/);
  await assertAxeClean(parent.page, "the parent's day with the service");
  await card.locator("input[type=checkbox]").check();
  await card.locator("select").selectOption("编程");
  await assertAxeClean(parent.page, "the parent's day, attending, club chosen");
  // The early finish leaves no club session that day; another day shows
  // the chosen club, after a reload too.
  await parent.page.reload();
  await go(parent.page, `#/day/${other}`);
  await parent.page.locator("section.service .chosen").waitFor();
  assert.match(await parent.page.locator("section.service .chosen").textContent(), /已选：编程/);
  assert.equal(await parent.page.locator("section.service .pickup").textContent(), "接孩子：17:50");
  assert.ok((await storedRecords(parent.page)).children.some((c) => c.includes("\"interest\":\"编程\"")), "kept on the device");
  assert.deepEqual(posts, [], "nothing about attendance is sent");
  // The week counts the service days and the shortfall.
  await go(parent.page, `#/week/${monday}`);
  assert.match(await parent.page.locator(".week-service").textContent(), /本周课后服务 \d 天（1 天未达到“5\+2”）/);
  assert.deepEqual(parent.problems(), []);
  await parentContext.close();

  // monitor and the desk: the same figures for the district of one class.
  const cli = JSON.parse((await run(BIN, ["monitor", "--json", saved, "--from", monday, "--to", addDays(monday, 4)]).catch((e) => e)).stdout);
  const c = cli.classes[0];
  assert.equal(c.after_school_shortfalls, 1);
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN", bypassCSP: true, serviceWorkers: "block" });
  const d = await watchedPage(desk);
  await d.page.goto(`${DESK}#/monitor`);
  await d.page.locator("#monitor-files").setInputFiles([saved]);
  const row = d.page.locator('tr[data-class="service-exp-primary/g3c1"] td.service');
  await row.waitFor();
  const deskCli = JSON.parse((await run(BIN, ["monitor", "--json", saved]).catch((e) => e)).stdout);
  const expected = `${deskCli.classes[0].percent_after_school.toFixed(1)} %（${deskCli.classes[0].after_school_shortfalls} 天不足）`;
  assert.equal(await row.textContent(), expected);
  assert.match(await d.page.locator(".after-school-summary").textContent(), /公布课后服务的 1 个班中/);
  await assertAxeClean(d.page, "monitor with after-school figures");
  // English at 360 px.
  await d.page.setViewportSize({ width: 360, height: 740 });
  assert.equal(await d.page.evaluate(() => document.scrollingElement.scrollWidth), 360, "no sideways scrolling");
  assert.deepEqual(d.problems(), []);
  await desk.close();
});

test("English at 360 px: the parent's service card and the studio's form", async () => {
  const today = schoolToday(Date.parse(`${schoolToday()}T17:00:00+08:00`));
  const monday = addDays(today, 1 - isoWeekday(today));
  const early = isoWeekday(today) <= 5 ? today : monday;
  const feed = JSON.parse(await readFile(new URL("../../testdata/feeds/g3c1-after-school.json", import.meta.url), "utf8"));
  // The fixture's week moved to this week, its early finish onto `early`.
  const shift = (iso) => addDays(iso, Math.round((Date.parse(monday) - Date.parse("2026-12-21")) / 86400000));
  feed.days = feed.days.map((d) => ({ ...d, date: shift(d.date), items: d.items.map((i) => ({ ...i, id: `${shift(d.date)}-${i.subject}` })) }));
  feed.school.after_school.changes[0].date = early;
  feed.school.calendar.holidays = [];
  const feedUrl = new URL("published/g3c1-en.json", BASE_URL).href;
  const context = await phone(browser, { locale: "en-US", serviceWorkers: "block", bypassCSP: true });
  await installSchoolClock(context);
  await context.route(feedUrl, (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(feed) }));
  const { page, problems } = await watchedPage(context);
  await page.goto(`${BASE_URL}?feed=${encodeURIComponent(feedUrl)}`);
  await page.locator("input[name=nickname]").fill("Yu");
  await page.locator("select[name=grade]").selectOption("3");
  await page.locator("form button[type=submit]").click();
  await page.locator("li.item[data-item], p.empty").first().waitFor();
  await go(page, `#/day/${early}`);
  const card = page.locator("section.service");
  await card.waitFor();
  assert.match(await card.locator(".service-change").textContent(), /Changed today: 15:40–16:30 · Staff training, early finish/);
  assert.match(await card.textContent(), /Homework help \(written homework done at school\)/);
  assert.doesNotMatch(await card.textContent(), /Clubs/, "the early finish cut the club session");
  assert.equal(await page.evaluate(() => document.scrollingElement.scrollWidth), 360, "no sideways scrolling");
  await assertAxeClean(page, "service card in English at 360 px");
  assert.deepEqual(problems(), []);

  const studio = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: "en-US", bypassCSP: true });
  await studio.goto(`${STUDIO}#/setup`);
  await studio.locator("#service-enabled").check();
  await studio.getByRole("button", { name: "Add a session" }).click();
  await studio.getByRole("button", { name: "Add a change" }).click();
  assert.equal(await studio.evaluate(() => document.scrollingElement.scrollWidth), 360, "no sideways scrolling in the studio");
  await assertAxeClean(studio, "the studio's service form in English at 360 px");
  await studio.close();
  await context.close();
});
