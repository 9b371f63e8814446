// The school studio at /school/ (#14), in Chromium against the served
// build: a teacher sets up the school and class, plans a week with a
// holiday and a make-up day, sees a violation and fixes it, reloads in the
// middle of typing an item and loses nothing, publishes (the downloaded
// file passes the real `jianfu check-feed`), prints the notice whose QR
// code (decoded here with jsQR, not compared as a string) opens the parent
// app, where a parent who adds the child sees the published homework. The
// grade review over three class feeds flags the one outlier. axe runs on
// every screen and state; English at 360 px; offline after one visit.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { BASE_URL, BIN, addDays, addFirstChild, axeProblems, controlled, go, installSchoolClock, killProfile, launchCuttable, CUT, launchPersistent, phone, schoolToday, watchedPage, decodeSvgQr } from "../lib/browser.js";

const run = promisify(execFile);
const STUDIO = new URL("school/", BASE_URL).href;

let browser, network;
before(async () => { ({ browser, network } = await launchCuttable()); });
after(async () => {
  await browser?.close();
  await network?.close();
});

/** 1 (Monday) … 7 (Sunday). */
function isoWeekday(iso) {
  return ((new Date(`${iso}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

async function desktop(options = {}) {
  return browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN", bypassCSP: true, acceptDownloads: true, ...options });
}

/** Every request the page makes, to check that none leaves the site. */
function requestsOf(page) {
  const urls = [];
  page.on("request", (req) => urls.push(req.url()));
  return () => urls.filter((u) => !u.startsWith(new URL(BASE_URL).origin) && !u.startsWith("data:") && !u.startsWith("blob:"));
}

async function assertAxeClean(page, state) {
  assert.deepEqual(await axeProblems(page), [], `axe, ${state}`);
}

/** The day card of `iso`. */
function day(page, iso) {
  return page.locator(`section.day[data-date="${iso}"]`);
}

/** Adds an item through the day's form. */
async function addItem(page, iso, { subject, title, minutes, kind = "written", tier = "core" }) {
  await day(page, iso).getByRole("button", { name: /^添加作业/ }).click();
  const form = day(page, iso).locator("form.item-form");
  await form.locator("select[name=subject]").selectOption(subject);
  await form.locator("input[name=title]").fill(title);
  await form.locator("select[name=kind]").selectOption(kind);
  await form.locator("input[name=minutes]").fill(String(minutes));
  await form.locator("select[name=tier]").selectOption(tier);
  await form.getByRole("button", { name: "保存作业" }).click();
  await form.waitFor({ state: "detached" });
}

test("a teacher sets up, plans a week with a holiday and a make-up day, fixes a violation, survives a reload, publishes; the QR opens the parent app with the homework", async () => {
  const context = await desktop({ serviceWorkers: "block" });
  await installSchoolClock(context);
  const today = schoolToday(Date.parse(`${schoolToday()}T17:00:00+08:00`));
  const monday = addDays(today, 1 - isoWeekday(today));
  // A weekday holiday other than today, and the make-up Saturday (or Sunday when today is Saturday).
  const holiday = isoWeekday(today) === 2 ? addDays(monday, 2) : addDays(monday, 1);
  const makeup = isoWeekday(today) === 6 ? addDays(monday, 6) : addDays(monday, 5);
  const feedUrl = new URL("published/g4c2-studio.json", BASE_URL).href;

  const { page, problems } = await watchedPage(context);
  const thirdParty = requestsOf(page);
  await page.goto(STUDIO);
  await page.getByRole("heading", { name: "减负 · 作业公示工作台" }).waitFor();
  // Before set-up the planner says what to do first.
  await page.getByRole("link", { name: "填写学校与班级" }).click();
  await page.locator("#school_id").waitFor();
  assert.match(await page.locator(".status[role=status]").last().textContent(), /还有 \d+ 处需要填写或修改/);
  await assertAxeClean(page, "set-up, empty");

  await page.locator("#school_id").fill("studio-exp-primary");
  await page.locator("#school_name_zh").fill("工作台实验小学");
  await page.locator("#class_id").fill("g4c2");
  await page.locator("#class_name_zh").fill("四年级(2)班");
  await page.locator("#grade").selectOption("4");
  // A looser limit than the national one is refused, naming the field.
  await page.locator("#primary_limit").fill("90");
  await page.locator("#primary_limit-error").waitFor();
  assert.match(await page.locator("#primary_limit-error").textContent(), /只能比国家规定更严格/);
  assert.equal(await page.locator("#primary_limit").getAttribute("aria-invalid"), "true");
  await assertAxeClean(page, "set-up, a field in error");
  await page.locator("#primary_limit").fill("");
  await page.locator("#holidays").fill(holiday);
  await page.locator("#school_days").fill(makeup);
  await page.locator("#feed_url").fill(feedUrl);
  await page.locator("#complaint").fill("教务处 0371-12345678");
  // No field chooses which app the notice's QR code opens (#26): it is
  // this site's, checked on the decoded code below.
  assert.equal(await page.locator("#app_url, input[name=app_url]").count(), 0);
  await page.getByText("设置完整").waitFor();

  // The week: the holiday and the make-up day marked from the calendar.
  await page.getByRole("link", { name: "去安排本周作业 →" }).click();
  await day(page, today).waitFor();
  assert.match(await day(page, holiday).locator(".day-badge").textContent(), /假日/);
  assert.match(await day(page, makeup).locator(".day-badge").textContent(), /调休上课/);
  assert.match(await day(page, makeup).locator(".limit-text").textContent(), /\/ 60 分钟/, "a make-up day has the school-day limit");
  assert.match(await day(page, holiday).locator(".limit-word").textContent(), /非上学日/);

  // Two written items over the 60-minute limit: shown as the teacher saves.
  await addItem(page, today, { subject: "math", title: "口算练习第12页", minutes: 40 });
  await addItem(page, today, { subject: "chinese", title: "抄写生字", minutes: 30 });
  await addItem(page, today, { subject: "english", title: "拓展阅读", minutes: 20, tier: "optional" });
  const bar = day(page, today).locator(".limit-bar");
  assert.match(await bar.getAttribute("class"), /over/);
  assert.match(await bar.textContent(), /70 分钟 \/ 60 分钟/);
  assert.match(await bar.textContent(), /超出 10 分钟/);
  assert.match(await bar.textContent(), /选做 20 分钟（不计入上限）/);
  await assertAxeClean(page, "week, a day over the limit");

  // Fixed by editing an item: the verdict follows as the teacher types.
  await day(page, today).getByRole("button", { name: "编辑：抄写生字" }).click();
  const form = day(page, today).locator("form.item-form");
  await form.locator("input[name=minutes]").fill("15");
  assert.match(await bar.textContent(), /55 分钟 \/ 60 分钟/);
  assert.match(await bar.textContent(), /含正在填写的作业/);
  await assertAxeClean(page, "week, item form open");
  // An invalid field is named, and nothing is lost.
  await form.locator("input[name=title]").fill("");
  await form.getByRole("button", { name: "保存作业" }).click();
  await form.locator(".field-error").first().waitFor();
  assert.match(await form.locator("[role=alert]").textContent(), /请填写作业内容/);
  await assertAxeClean(page, "week, item form with errors");
  await form.locator("input[name=title]").fill("抄写生字");
  await form.getByRole("button", { name: "保存作业" }).click();
  await form.waitFor({ state: "detached" });
  assert.doesNotMatch(await bar.getAttribute("class"), /over/);

  // Reload in the middle of typing: the open form and its text come back.
  await day(page, makeup).getByRole("button", { name: /^添加作业/ }).click();
  const half = day(page, makeup).locator("form.item-form");
  await half.locator("input[name=title]").fill("科学小实验记录");
  await half.locator("input[name=minutes]").fill("25");
  await page.getByText("已自动保存在本设备").waitFor();
  await page.reload();
  const back = day(page, makeup).locator("form.item-form");
  await back.waitFor();
  assert.equal(await back.locator("input[name=title]").inputValue(), "科学小实验记录");
  assert.equal(await back.locator("input[name=minutes]").inputValue(), "25");
  await back.locator("select[name=subject]").selectOption("science");
  await back.locator("select[name=kind]").selectOption("inquiry");
  await back.getByRole("button", { name: "保存作业" }).click();
  await back.waitFor({ state: "detached" });
  assert.equal(await day(page, today).locator("li.plan-item").count(), 3, "nothing lost in the reload");

  // Publishing a plan that breaks a rule needs a confirmation naming it.
  await addItem(page, today, { subject: "math", title: "附加题", minutes: 30 });
  await go(page, "#/publish");
  await page.getByRole("button", { name: "发布" }).waitFor();
  assert.match(await page.locator(".violations").textContent(), /书面作业 85 分钟，超过上限 60 分钟/);
  await assertAxeClean(page, "publish, with a violation");
  const dialog = new Promise((resolve) => page.once("dialog", async (d) => { const m = d.message(); await d.dismiss(); resolve(m); }));
  await page.getByRole("button", { name: "发布" }).click();
  const asked = await dialog;
  assert.match(asked, /1 处不符合规定/);
  assert.match(asked, /书面作业 85 分钟，超过上限 60 分钟/);
  await page.getByText("未发布。").waitFor();
  await go(page, "#/week");
  // Deleting asks first.
  page.once("dialog", (d) => d.accept());
  await day(page, today).getByRole("button", { name: "删除：附加题" }).click();
  await day(page, today).locator("li.plan-item", { hasText: "附加题" }).waitFor({ state: "detached" });

  // Publish: the file, checked by the real CLI.
  await go(page, "#/publish");
  await page.locator(".ok-line").waitFor();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "发布" }).click();
  const file = await download;
  assert.equal(file.suggestedFilename(), "g4c2.json");
  const dir = await mkdtemp(path.join(tmpdir(), "jianfu-studio-"));
  const saved = path.join(dir, "g4c2.json");
  await file.saveAs(saved);
  const { stdout } = await run(BIN, ["check-feed", "--json", saved]);
  const report = JSON.parse(stdout);
  assert.equal(report.file, saved, stdout);
  assert.equal(report.valid, true, stdout);
  assert.deepEqual(report.errors, [], stdout);
  assert.deepEqual(report.violations, [], stdout);
  const published = JSON.parse(await readFile(saved, "utf8"));
  assert.deepEqual(published.school.calendar, { holidays: [holiday], school_days: [makeup] });
  assert.deepEqual(published.days.find((d) => d.date === today).items.map((i) => [i.subject, i.estimated_minutes, i.tier]),
    [["math", 40, "core"], ["chinese", 15, "core"], ["english", 20, "optional"]]);

  // The printed notice: A4 layout, the complaint channel, the QR code.
  await page.getByRole("link", { name: "打印预览" }).click();
  await page.getByRole("button", { name: "打印公示" }).waitFor();
  const notice = page.locator("article.notice");
  assert.match(await notice.textContent(), /工作台实验小学 四年级\(2\)班 作业公示/);
  assert.match(await notice.textContent(), /教务处 0371-12345678/);
  assert.match(await notice.textContent(), /口算练习第12页/);
  await assertAxeClean(page, "notice");
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator(".studio-nav").isVisible(), false, "the navigation is not printed");
  assert.equal(await page.getByRole("button", { name: "打印公示" }).isVisible(), false);
  await page.emulateMedia({ media: "screen" });
  const link = await decodeSvgQr(page, "svg.qr");
  assert.equal(link, `${BASE_URL}?feed=${encodeURIComponent(feedUrl)}`);
  assert.deepEqual(problems(), []);
  assert.deepEqual(thirdParty(), [], "no request leaves the site");

  // A parent scans it: the app opens on "add child" with the feed filled in
  // and, once the child is added, shows the published homework.
  await context.route(feedUrl, (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(published) }));
  const parent = await context.newPage();
  await parent.goto(link);
  assert.equal(await parent.locator("input[name=feed]").inputValue(), feedUrl);
  await addFirstChild(parent, "小华", "4");
  await parent.locator('li.item[data-item]', { hasText: "口算练习第12页" }).waitFor();
  assert.match(await parent.locator("main").textContent(), /抄写生字/);
  await context.close();
});

/** A class feed of `class_id` with one written item a day of `minutes`. */
function classFeed(classId, name, monday, minutes) {
  return {
    format: "jianfu.feed/1",
    school: { id: "review-primary", name: "审核小学", rules: "cn-national-2021" },
    class: { id: classId, name, grade: 4 },
    published_at: `${monday}T08:00:00+08:00`,
    days: minutes.map((m, i) => ({
      date: addDays(monday, i),
      items: [{ id: `${classId}-${i}`, subject: "math", title: `练习${i + 1}`, kind: "written", estimated_minutes: m, tier: "core" }],
    })),
  };
}

test("the grade review: three classes side by side, one outlier flagged and one day over the limit", async () => {
  const context = await desktop({ serviceWorkers: "block" });
  await installSchoolClock(context);
  const today = schoolToday(Date.parse(`${schoolToday()}T17:00:00+08:00`));
  const monday = addDays(today, 1 - isoWeekday(today));
  const { page, problems } = await watchedPage(context);
  await page.goto(`${STUDIO}#/review`);
  await page.getByRole("heading", { name: "年级组审核" }).waitFor();
  assert.match(await page.locator("p.empty").textContent(), /还没有载入班级/);
  await assertAxeClean(page, "review, empty");
  // One class by the address its portal serves it at, two as files, and a broken file.
  const g4c3 = new URL("portal/g4c3.json", BASE_URL).href;
  await context.route(g4c3, (route) => route.fulfill({ status: 200, contentType: "application/json",
    body: JSON.stringify(classFeed("g4c3", "四年级(3)班", monday, [90, 30, 35, 40, 30])) }));
  await page.locator("#review-urls").fill(g4c3);
  await page.getByRole("button", { name: "载入" }).click();
  await page.locator('table.review-grid tr[data-class="g4c3"]').waitFor();
  const files = [
    classFeed("g4c1", "四年级(1)班", monday, [40, 35, 30, 40, 30]),
    classFeed("g4c2", "四年级(2)班", monday, [45, 35, 30, 35, 30]),
  ].map((f) => ({ name: `${f.class.id}.json`, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(f)) }));
  files.push({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from("{\"format\": \"jianfu.feed/1\"}") });
  await page.locator("#review-files").setInputFiles(files);
  await page.locator("table.review-grid tbody tr").nth(2).waitFor();
  assert.equal(await page.locator("table.review-grid tbody tr").count(), 3);
  // The broken file is named, not silently dropped.
  assert.match(await page.locator("[role=alert]").textContent(), /broken\.json/);
  const outliers = page.locator("td.outlier");
  assert.equal(await outliers.count(), 1);
  assert.equal(await page.locator('tr[data-class="g4c3"] td.outlier').count(), 1);
  assert.match(await outliers.first().textContent(), /90.*与年级中位数 45 相差大/);
  assert.match(await page.locator('tr[data-class="g4c3"] td.over').first().textContent(), /超出上限/);
  assert.match(await page.locator(".review-summary").textContent(), /3 个班；本周 1 个班日超出上限，1 个班日偏离年级中位数/);
  await page.getByRole("button", { name: "四年级(3)班" }).click();
  await page.locator(".class-detail").waitFor();
  assert.match(await page.locator(".class-detail").textContent(), /练习1/);
  await assertAxeClean(page, "review, three classes, one open");
  // On a phone the grid scrolls inside its own box, reachable by keyboard.
  await page.setViewportSize({ width: 360, height: 740 });
  assert.equal(await page.evaluate(() => document.scrollingElement.scrollWidth), 360, "the page itself does not scroll sideways");
  await assertAxeClean(page, "review at 360 px");
  assert.deepEqual(problems(), []);
  await context.close();
});

test("English at 360 px, keyboard only, and offline after one visit", async () => {
  const context = await phone(browser, { locale: "en-US", bypassCSP: true });
  const { page, problems } = await watchedPage(context);
  await page.goto(STUDIO);
  await page.getByRole("heading", { name: "Jianfu · Homework studio" }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  await controlled(page);

  // Keyboard only: from the set-up link, type the set-up.
  await page.getByRole("link", { name: "Set up school and class" }).focus();
  await page.keyboard.press("Enter");
  await page.locator("#school_id").waitFor();
  await page.locator("#school_id").focus();
  await page.keyboard.type("kb-primary");
  await page.keyboard.press("Tab");
  await page.keyboard.type("键盘小学");
  for (const [id, text] of [["#class_id", "g3c1"], ["#class_name_zh", "三年级(1)班"]]) {
    await page.locator(id).focus();
    await page.keyboard.type(text);
  }
  await page.getByText("Set-up complete.").waitFor();
  assert.equal(await page.evaluate(() => document.scrollingElement.scrollWidth), 360, "no sideways scrolling at 360 px");
  await assertAxeClean(page, "set-up in English at 360 px");
  await page.getByRole("link", { name: "Plan this week's homework →" }).focus();
  await page.keyboard.press("Enter");
  const add = page.getByRole("button", { name: /^Add homework/ }).first();
  await add.focus();
  await page.keyboard.press("Enter");
  const form = page.locator("form.item-form");
  await form.locator("select[name=subject]").focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Reading log");
  await form.locator("input[name=minutes]").focus();
  await page.keyboard.type("20");
  await page.keyboard.press("Enter");
  await form.waitFor({ state: "detached" });
  assert.equal(await page.locator("li.plan-item").count(), 1);
  assert.equal(await page.evaluate(() => document.scrollingElement.scrollWidth), 360);
  await assertAxeClean(page, "week in English at 360 px");

  // Every other screen, in English at 360 px.
  for (const [hash, ready, state] of [
    ["#/publish", page.getByRole("button", { name: "Publish" }), "publish"],
    ["#/notice", page.getByRole("button", { name: "Print notice" }), "notice"],
    ["#/review", page.getByRole("heading", { name: "Grade review" }), "review"],
  ]) {
    await go(page, hash);
    await ready.waitFor();
    assert.equal(await page.evaluate(() => document.scrollingElement.scrollWidth), 360, `no sideways scrolling: ${state}`);
    await assertAxeClean(page, `${state} in English at 360 px`);
  }
  await go(page, "#/week");

  // Offline after one visit: the studio and the draft come back.
  await page.getByText("Saved on this device").waitFor();
  await network.cut();
  await page.reload();
  await page.locator("li.plan-item", { hasText: "Reading log" }).waitFor();
  await network.restore();
  assert.deepEqual(problems().filter((p) => !CUT.test(p)), []);
  await context.close();
});

test("import from a URL keeps unknown fields; grades 1–2 refused with the rule; reorder, copy a day and last week; the holiday cap; copy to clipboard", async () => {
  const context = await desktop({ serviceWorkers: "block" });
  await installSchoolClock(context);
  const origin = new URL(BASE_URL).origin;
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  const today = schoolToday(Date.parse(`${schoolToday()}T17:00:00+08:00`));
  const monday = addDays(today, 1 - isoWeekday(today));
  const saturday = addDays(monday, 5);
  const portal = new URL("portal/g2c1.json", BASE_URL).href;
  const existing = {
    format: "jianfu.feed/1",
    x_portal: { theme: "blue", owner: "教务处" },
    submit: { survey_url: "https://elsewhere.example/collect" },
    surveys: ["https://elsewhere.example/survey.json"],
    school: { id: "import-primary", name: "导入小学", rules: "cn-national-2021", limits: { holiday_written_minutes: 30 } },
    class: { id: "g2c1", name: "二年级(1)班", grade: 2 },
    published_at: `${monday}T07:30:00+08:00`,
    days: [{
      date: monday,
      items: [
        { id: "g2-a", subject: "math", title: "口算练习", kind: "written", estimated_minutes: 20, tier: "core", x_attachment: "worksheet.pdf" },
        { id: "g2-b", subject: "chinese", title: "绘本阅读", kind: "reading", estimated_minutes: 15, tier: "core" },
      ],
    }],
  };
  await context.route(portal, (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(existing) }));
  const { page, problems } = await watchedPage(context);
  const thirdParty = requestsOf(page);
  await page.goto(`${STUDIO}#/setup`);
  await page.locator("#import-url").fill(portal);
  await page.getByRole("button", { name: "从网址导入" }).click();
  await page.getByText("已导入：1 天的作业。").waitFor();
  assert.equal(await page.locator("#school_id").inputValue(), "import-primary");
  assert.equal(await page.locator("#grade").inputValue(), "2");
  assert.equal(await page.locator("#holiday_limit").inputValue(), "30");
  assert.equal(await page.locator("#feed_url").inputValue(), portal, "the address imported from is the public address");
  await assertAxeClean(page, "set-up, imported");

  // Grades 1–2: written homework is refused with the rule's text; another kind fixes it.
  await go(page, "#/week");
  const bar = day(page, monday).locator(".limit-bar");
  await bar.waitFor();
  assert.match(await bar.getAttribute("class"), /over/);
  assert.match(await bar.textContent(), /一、二年级不布置家庭书面作业/);
  assert.equal(await page.evaluate(() => document.scrollingElement.scrollWidth), 1280, "no sideways scrolling at 1280 px");
  await assertAxeClean(page, "week, grade 2 with written homework");
  await day(page, monday).getByRole("button", { name: "编辑：口算练习" }).click();
  const form = day(page, monday).locator("form.item-form");
  await form.locator("select[name=kind]").selectOption("oral");
  await form.getByRole("button", { name: "保存作业" }).click();
  await form.waitFor({ state: "detached" });
  assert.doesNotMatch(await bar.getAttribute("class"), /over/);
  assert.match(await bar.textContent(), /一二年级：不布置家庭书面作业/);

  // Reorder, then copy the day to Tuesday.
  const titles = (iso) => day(page, iso).locator("li.plan-item .title").allTextContents();
  await day(page, monday).getByRole("button", { name: "下移：口算练习" }).click();
  assert.deepEqual(await titles(monday), ["绘本阅读", "口算练习"]);
  await day(page, monday).getByRole("button", { name: /^复制到下一天/ }).click();
  assert.deepEqual(await titles(addDays(monday, 1)), ["绘本阅读", "口算练习"]);

  // The school's holiday cap on a non-school day (grade 4 now).
  await go(page, "#/setup");
  await page.locator("#grade").selectOption("4");
  await go(page, "#/week");
  await addItem(page, saturday, { subject: "math", title: "周末练习", minutes: 40 });
  const weekend = day(page, saturday).locator(".limit-bar");
  assert.match(await weekend.getAttribute("class"), /over/);
  assert.match(await weekend.textContent(), /40 分钟 \/ 30 分钟/);
  assert.match(await weekend.textContent(), /超出 10 分钟/);
  await day(page, saturday).getByRole("button", { name: "编辑：周末练习" }).click();
  await day(page, saturday).locator("input[name=minutes]").fill("30");
  await day(page, saturday).getByRole("button", { name: "保存作业" }).click();
  assert.doesNotMatch(await weekend.getAttribute("class"), /over/);

  // Next week starts as a copy of this one.
  const next = addDays(monday, 7);
  await go(page, `#/week/${next}`);
  await day(page, next).waitFor();
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "复制上周计划" }).click();
  await day(page, next).locator("li.plan-item").nth(1).waitFor();
  assert.deepEqual(await titles(next), ["绘本阅读", "口算练习"]);
  assert.deepEqual(await titles(addDays(next, 1)), ["绘本阅读", "口算练习"]);
  assert.deepEqual(await titles(addDays(next, 5)), ["周末练习"]);

  // Copy to the clipboard: the feed, with the fields the studio does not know.
  await go(page, "#/publish");
  await page.locator(".ok-line").waitFor();
  // What the studio does not show is shown here before it goes out again (#26).
  const carried = await page.locator(".carried li").allTextContents();
  assert.ok(carried.includes('submit.survey_url: "https://elsewhere.example/collect"'), carried.join(" | "));
  assert.ok(carried.includes('surveys: ["https://elsewhere.example/survey.json"]'), carried.join(" | "));
  assert.ok(carried.some((c) => c.startsWith("x_portal.theme")), carried.join(" | "));
  await assertAxeClean(page, "publish, with fields kept from the import");
  await page.getByRole("button", { name: "复制文件内容" }).click();
  await page.getByText("已复制作业公示的内容。").waitFor();
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  assert.deepEqual(copied.x_portal, existing.x_portal);
  assert.equal(copied.class.grade, 4);
  assert.equal(copied.school.limits.holiday_written_minutes, 30);
  const kept = copied.days.find((d) => d.date === monday).items.find((i) => i.id === "g2-a");
  assert.equal(kept.x_attachment, "worksheet.pdf");
  assert.equal(kept.kind, "oral");
  assert.equal(copied.days.length, 6, "two days this week, a Saturday, and three copied next week");
  const dir = await mkdtemp(path.join(tmpdir(), "jianfu-studio-"));
  const saved = path.join(dir, "copied.json");
  await writeFile(saved, JSON.stringify(copied));
  const report = JSON.parse((await run(BIN, ["check-feed", "--json", saved])).stdout);
  assert.equal(report.valid, true, JSON.stringify(report));
  assert.deepEqual(report.violations, []);
  assert.deepEqual(problems(), []);
  assert.deepEqual(thirdParty(), [], "no request leaves the site");
  await context.close();
});

test("the browser killed mid-typing: the set-up, the plan and the half-typed item come back", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "jianfu-studio-crash-"));
  let context = await launchPersistent({ dir, serviceWorkers: "block", viewport: { width: 1280, height: 900 } });
  let { page, problems } = await watchedPage(context);
  await page.goto(`${STUDIO}#/setup`);
  await page.locator("#school_id").fill("crash-primary");
  await page.locator("#school_name_zh").fill("断电小学");
  await page.locator("#class_id").fill("g5c1");
  await page.locator("#class_name_zh").fill("五年级(1)班");
  await page.locator("#grade").selectOption("5");
  await page.getByText("设置完整").waitFor();
  await go(page, "#/week");
  const first = page.locator("section.day").first();
  const date = await first.getAttribute("data-date");
  await addItem(page, date, { subject: "math", title: "应用题三道", minutes: 25 });
  await first.getByRole("button", { name: /^添加作业/ }).click();
  await first.locator("input[name=title]").fill("背诵古诗");
  await first.locator("input[name=minutes]").fill("10");
  await page.getByText("已自动保存在本设备").waitFor();
  assert.deepEqual(problems(), []);
  assert.ok(await killProfile(dir) > 0, "Chromium killed");
  await context.close().catch(() => {});

  context = await launchPersistent({ dir, serviceWorkers: "block", viewport: { width: 1280, height: 900 } });
  ({ page, problems } = await watchedPage(context));
  await page.goto(`${STUDIO}#/week`);
  const back = day(page, date);
  await back.locator("li.plan-item", { hasText: "应用题三道" }).waitFor();
  const form = back.locator("form.item-form");
  assert.equal(await form.locator("input[name=title]").inputValue(), "背诵古诗");
  assert.equal(await form.locator("input[name=minutes]").inputValue(), "10");
  await go(page, "#/setup");
  assert.equal(await page.locator("#school_name_zh").inputValue(), "断电小学");
  assert.equal(await page.locator("#grade").inputValue(), "5");
  assert.deepEqual(problems(), []);
  await context.close();
});
