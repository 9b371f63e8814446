// A parent's whole journey on a phone-sized Chromium, against the served
// app and its real IndexedDB: add a child, see today's homework, time an
// item across a reload, log a night that ended after midnight, read the
// week, switch language, export, delete everything, import on the "new
// device", and find everything back. axe-core checks every screen.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile } from "node:fs/promises";
import { BASE_URL, addDays, addFirstChild, axeProblems, controlled, fileReport, go, installSchoolClock, launchCuttable, CUT, phone, pickCategory, schoolToday, storedRecords, watchedPage } from "../lib/browser.js";

let browser, network;
before(async () => { ({ browser, network } = await launchCuttable()); });
after(async () => {
  await browser?.close();
  await network?.close();
});

/** Screenshots for people to look at (tests/output is not committed). */
async function shot(page, name) {
  await mkdir(new URL("../output/screens/", import.meta.url), { recursive: true });
  await page.screenshot({ path: new URL(`../output/screens/${name}.png`, import.meta.url).pathname, fullPage: true });
}

test("a parent's journey: child, timer across a reload, sleep, week, language, export, wipe, import", async () => {
  const context = await phone(browser, { bypassCSP: true, acceptDownloads: true });
  // The 25 minutes timed below must not cross midnight.
  await installSchoolClock(context);
  await context.addCookies([{ name: "portal_session", value: "must-not-travel", url: BASE_URL }]);
  const { page, problems } = await watchedPage(context);
  page.on("dialog", (d) => d.accept());
  // Every request of the whole journey, as it went over the wire.
  const requests = [];
  context.on("request", (r) => requests.push(r.allHeaders().then((headers) => ({ url: r.url(), type: r.resourceType(), headers, body: r.postData() ?? "" }))));
  const axe = {};

  await page.goto(BASE_URL);
  await page.locator("input[name=nickname]").waitFor();
  axe.welcome = await axeProblems(page);
  await shot(page, "welcome");
  await addFirstChild(page);
  axe.today = await axeProblems(page);
  await shot(page, "today");

  // Time the first item: start, 25 minutes pass, the page is reloaded mid-run.
  const first = page.locator("li.item[data-item]").first();
  const itemId = await first.getAttribute("data-item");
  await first.locator("button.start").click();
  await page.locator(".timer").waitFor();
  await shot(page, "timer");
  await context.clock.fastForward("25:00");
  await page.reload();
  const elapsed = page.locator(".timer .elapsed");
  await elapsed.waitFor();
  await context.clock.fastForward(1000);
  assert.match(await elapsed.textContent(), /^25:0\d$/, "the stopwatch kept running across the reload");
  await page.locator(".timer button.primary").click();
  await page.locator(".timer").waitFor({ state: "detached" });
  assert.equal(await page.locator(".notice").textContent(), "已保存");

  // The log shows it, timed, 25 minutes.
  await go(page, "#/log");
  const entry = page.locator("li.entry").first();
  await entry.waitFor();
  assert.match(await entry.textContent(), /25 分钟.*计时/s);
  axe.log = await axeProblems(page);
  await shot(page, "log");

  // A manual entry, then an edit of it.
  await page.locator("select[name=subject]").selectOption("english");
  await page.locator("input[name=minutes]").fill("50");
  await page.locator(".entry-form button[type=submit]").click();
  await page.locator("li.entry").nth(1).waitFor();
  const manual = page.locator("li.entry", { hasText: "英语" });
  await manual.locator("button", { hasText: "修改" }).click();
  await page.locator("input[name=minutes]").fill("40");
  await page.locator(".entry-form button[type=submit]").click();
  await page.locator("li.entry", { hasText: "40 分钟" }).waitFor();

  // A night that began yesterday evening and reached bed after midnight.
  const today = schoolToday(await page.evaluate(() => Date.now()));
  const yesterday = addDays(today, -1);
  await go(page, "#/sleep");
  await page.locator("input[name=night_of]").fill(yesterday);
  await page.locator("input[name=bedtime]").fill("00:30");
  await page.locator("input[name=wake]").fill("07:00");
  await page.locator(".sleep form button[type=submit]").click();
  const night = page.locator(`li.night[data-night="${yesterday}"]`);
  await night.waitFor();
  assert.match(await night.textContent(), /6 小时 30 分.*睡眠不足.*晚睡 190 分钟/s);
  await go(page, "#/");
  await page.locator(".day-summary").waitFor();
  assert.match(await page.locator(".day-summary").textContent(), /昨晚: 6 小时 30 分 \(睡眠不足\) · 晚睡 190 分钟/);
  await go(page, "#/sleep");
  await night.waitFor();
  axe.sleep = await axeProblems(page);
  await shot(page, "sleep");

  // The week: charts and the verdict in words.
  await go(page, `#/week/${today}`);
  await page.locator(".week .chart svg").first().waitFor();
  assert.equal(await page.locator(".week .chart svg[role=img]").count(), 2);
  const verdict = await page.locator(".week .verdict").textContent();
  const feed = await (await fetch(new URL("demo/feeds/g4c2.json", BASE_URL))).json();
  const timedKind = feed.days.flatMap((d) => d.items).find((i) => i.id === itemId).kind;
  const written = 40 + (timedKind === "written" ? 25 : 0);
  const weekday = new Date(`${today}T12:00:00Z`).getUTCDay();
  if (weekday >= 1 && weekday <= 5) {
    const within = written <= 60 ? 1 : 0;
    assert.match(verdict, new RegExp(`平均 ${written} 分钟（上限 60 分钟），1 天中有 ${within} 天在规定内`));
  }
  // The week's heading says which days it is (#16), not a bare number.
  assert.match(await page.locator(".week h2").textContent(), /^第\d+周 · \d+月\d+日–\d+月\d+日$/);
  const row = page.locator(".week-table tbody tr").nth((weekday + 6) % 7);
  assert.equal(await row.locator("td").first().textContent(), String(written));
  axe.week = await axeProblems(page);
  await shot(page, "week");

  // English, at once and remembered.
  await page.locator("button.lang-toggle").click();
  assert.equal(await page.locator("nav.tabs a").first().textContent(), "Today");
  assert.match(await page.locator(".week .verdict").textContent(), /Written homework averaged|No school-day/);
  assert.match(await page.locator(".week h2").textContent(), /^Week \d+ · [A-Z][a-z]{2} \d+ – [A-Z][a-z]{2} \d+$/);
  assert.ok((await page.locator(".week-table thead th").allTextContents()).includes("Unfinished"));
  axe.weekEn = await axeProblems(page);
  await shot(page, "weekEn");
  await page.reload();
  await page.locator("nav.tabs").waitFor();
  assert.equal(await page.locator("nav.tabs a").first().textContent(), "Today");

  // Export.
  await go(page, "#/data");
  // The import is a button in the app's language, not the browser's file field (#16).
  assert.equal(await page.locator("label[for=import-file]").textContent(), "Choose a file");
  assert.equal(await page.locator("input[name=import]").evaluate((i) => i.getBoundingClientRect().width), 1);
  axe.data = await axeProblems(page);
  await shot(page, "data");
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator(".data button.primary").click()]);
  const file = await download.path();
  const exported = JSON.parse(await readFile(file, "utf8"));
  assert.equal(exported.format, "jianfu.log/1");
  assert.equal(exported.child.nickname, "小明");
  assert.equal(exported.homework.length, 2);
  assert.ok(exported.homework.some((h) => h.item === itemId && h.start && h.end));
  assert.deepEqual(exported.sleep, [{ night_of: yesterday, bedtime: "00:30", wake: "07:00" }]);
  assert.ok(!/小明/.test(download.suggestedFilename()), "no nickname in the file name");

  // Delete everything: back to the welcome screen, nothing left.
  await page.locator(".danger-zone button.danger").click();
  await page.locator("input[name=nickname]").waitFor();
  assert.equal(await page.locator("li.child-row").count(), 0);

  // Import on the "new device": the child and every record come back; again: no duplicates.
  await page.locator("input[name=import]").setInputFiles(file);
  await page.locator("li.item[data-item], p.empty").first().waitFor();
  // Deleting everything also forgot the language: back to Chinese.
  assert.match(await page.locator(".notice").textContent(), /已导入 2 条作业记录、1 条睡眠记录；0 条已存在/);
  await go(page, "#/data");
  await page.locator("input[name=import]").setInputFiles(file);
  await page.locator(".notice", { hasText: "3 条已存在" }).waitFor();
  await go(page, "#/log");
  await page.locator("li.entry").nth(1).waitFor();
  assert.equal(await page.locator("li.entry").count(), 2);
  await go(page, "#/sleep");
  await page.locator(`li.night[data-night="${yesterday}"]`).waitFor();
  await go(page, "#/children");
  axe.children = await axeProblems(page);
  await shot(page, "children");

  for (const [screen, found] of Object.entries(axe)) {
    assert.deepEqual(found, [], `axe-core on ${screen}`);
  }
  const origin = new URL(BASE_URL).origin;
  const seen = await Promise.all(requests);
  assert.ok(seen.length > 10);
  for (const r of seen) {
    if (r.url.startsWith("blob:") || r.url.startsWith("data:")) continue;
    assert.equal(new URL(r.url).origin, origin, `no third party: ${r.url}`);
    // The browser itself sends the origin's cookies with the page and its
    // <script>/<link> loads (no HTML way to omit them); every request made
    // with fetch, the app's and the service worker's, must carry none.
    if (r.type === "fetch" || r.type === "xhr") assert.equal(r.headers.cookie, undefined, `no cookie on ${r.url}`);
    assert.ok(!r.headers.referer, `no referer on ${r.url}`);
    assert.ok(!r.body.includes("小明"), `no nickname in the body of ${r.url}`);
  }
  assert.deepEqual(problems(), []);
  await context.close();
});

test("grades 1-2 see that no written homework may be taken home", async () => {
  const context = await phone(browser);
  const { page } = await watchedPage(context);
  await page.goto(BASE_URL);
  await addFirstChild(page, "小红", "2");
  assert.match(await page.locator(".rule-notice").textContent(), /一、二年级不布置书面家庭作业/);
  await context.close();
});

test("works from 280 px wide with touch targets of at least 44 px", async () => {
  const context = await browser.newContext({ viewport: { width: 280, height: 640 }, locale: "zh-CN" });
  const { page } = await watchedPage(context);
  await page.goto(BASE_URL);
  await addFirstChild(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);
  const small = await page.evaluate(() =>
    [...document.querySelectorAll("button, a[href], select, input")]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ el: el.outerHTML.slice(0, 60), r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width < 44 || r.height < 44)
      .map(({ el, r }) => `${el} ${r.width}x${r.height}`));
  assert.deepEqual(small, []);
  await context.close();
});

test("keyboard only: tab to an item's timer and start it", async () => {
  const context = await phone(browser, { hasTouch: false, isMobile: false });
  const { page } = await watchedPage(context);
  await page.goto(BASE_URL);
  await addFirstChild(page);
  let found = false;
  for (let i = 0; i < 40 && !found; i++) {
    await page.keyboard.press("Tab");
    found = await page.evaluate(() => document.activeElement?.classList.contains("start"));
  }
  assert.ok(found, "a Start timer button is reachable with Tab");
  const focusVisible = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle !== "none");
  assert.ok(focusVisible, "the focused control shows a focus ring");
  await page.keyboard.press("Enter");
  await page.locator(".timer").waitFor();
  await context.close();
});

// Issue #16: the same app tried as a new parent would, every state checked
// with axe (0 serious or critical), in light and dark.
test("a new parent's evening: first run, the feedback tab and its count, timer questions and undo, notices that fade, thanks, offline as a state, layout at 360 px, dark", async () => {
  const context = await phone(browser, { bypassCSP: true });
  const { page, problems } = await watchedPage(context);
  const axe = {};
  const check = async (name) => { axe[name] = await axeProblems(page); };

  // First run: three lines on what the app does and what never leaves the phone.
  await page.goto(BASE_URL);
  const lines = page.locator(".first-run-lines li");
  // The app's own first screen (the HTML's pre-rendered copy, #13, goes
  // when it is up).
  await page.locator("input[name=nickname]").waitFor();
  assert.equal(await lines.count(), 3);
  assert.match(await lines.nth(2).textContent(), /只保存在这台手机上/);
  await check("firstRun");
  await addFirstChild(page);
  await controlled(page);

  // Six tabs, each with an icon; surveys, report and outbox have their own,
  // with a count of what waits (the demo survey is open and unanswered).
  assert.equal(await page.locator("nav.tabs a").count(), 6);
  assert.equal(await page.locator("nav.tabs a svg use").count(), 6);
  assert.deepEqual(await page.locator("nav.tabs .tab-label").allTextContents(), ["今日", "记录", "睡眠", "本周", "反馈", "数据"]);
  const badge = page.locator("nav.tabs .tab-badge");
  await badge.waitFor();
  assert.equal(await badge.textContent(), "1 项待处理");

  // A running timer: the disabled start button is named by what it shows.
  const first = page.locator("li.item[data-item]").first();
  await first.locator("button.start").click();
  await page.locator(".timer").waitFor();
  assert.match(await first.locator("button.start").getAttribute("aria-label"), /^计时中 /);
  await check("timerRunning");
  await page.locator(".timer button", { hasText: "暂停" }).click();
  await page.locator(".timer .paused").waitFor();
  await check("timerPaused");
  await page.locator(".timer button", { hasText: "继续" }).click();

  // Under a minute, "Done" asks: keep as 1 minute, or discard.
  await page.locator(".timer button.primary").click();
  const question = page.locator(".timer .short");
  await question.waitFor();
  assert.match(await question.textContent(), /计时不到 1 分钟/);
  await check("timerUnderAMinute");
  await question.locator("button.primary").click();
  await page.locator(".timer").waitFor({ state: "detached" });
  // "Saved", then it fades by itself.
  assert.equal(await page.locator(".notice").textContent(), "已保存");
  await page.waitForFunction(() => document.querySelector(".notice").textContent === "", null, { timeout: 8000 });

  // Discarding is named and undoable; left alone, it happens.
  await first.locator("button.start").click();
  const discard = page.locator('.timer button[aria-label^="放弃计时 · "]');
  assert.equal(await discard.textContent(), "放弃计时");
  await discard.click();
  const undo = page.locator(".timer .short", { hasText: "已放弃计时" });
  await undo.waitFor();
  await check("timerDiscarding");
  await undo.locator("button", { hasText: "撤销" }).click();
  await page.locator(".timer button", { hasText: "暂停" }).waitFor();
  assert.equal((await storedRecords(page)).timers.length, 1, "undone: the timer is still there");
  await discard.click();
  await page.locator(".timer").waitFor({ state: "detached", timeout: 12_000 });
  assert.equal((await storedRecords(page)).timers.length, 0);
  await go(page, "#/log");
  await page.locator("li.entry").first().waitFor();
  assert.equal(await page.locator("li.entry").count(), 1, "only the minute that was kept");
  assert.match(await page.locator("li.entry").first().textContent(), /1 分钟/);
  assert.equal(await page.locator(".notice").textContent(), "", "no notice follows the parent to another screen");

  // The feedback tab: surveys, a report, the outbox.
  await page.locator("nav.tabs a", { hasText: "反馈" }).click();
  await page.locator("#more a.survey-title").first().waitFor();
  assert.equal(await page.locator("nav.tabs [aria-current=page] .tab-label").textContent(), "反馈");
  assert.equal(await page.locator("#more a.button", { hasText: "写匿名反映" }).count(), 1);
  assert.equal(await page.locator("#more a.button", { hasText: "发送队列（0）" }).count(), 1);
  await check("feedback");
  await page.locator("a.survey-title").first().click();
  await page.locator("form button[type=submit]").click();
  await page.locator(".question .field-error[role=alert]").first().waitFor();
  await check("surveyErrors");
  // Every field is named: the number and the text field by their question.
  for (const sel of ["fieldset[data-question=q4] input", "fieldset[data-question=q5] textarea"]) {
    const name = await page.locator(sel).evaluate((el) => document.getElementById(el.getAttribute("aria-labelledby"))?.textContent ?? "");
    assert.ok(name.length > 4, `${sel} is labelled (${name})`);
  }
  const q = (id) => page.locator(`fieldset[data-question="${id}"]`);
  await q("q1").locator("input[value='4']").check();
  await q("q2").locator("input[value='a']").check();
  await q("q3").locator("input[type=checkbox]").first().check();
  await q("q4").locator("input").fill("45");
  await q("q5").locator("textarea").fill("作业量合适");
  await check("surveyFilled");
  await page.locator("form button[type=submit]").click();
  await page.locator("pre[data-preview=response]").waitFor();
  await page.locator("button", { hasText: "匿名发送" }).click();
  // Thanks, what happened, and what the school will see.
  await page.locator(".thanks h2", { hasText: "谢谢您的回答！" }).waitFor();
  assert.match(await page.locator(".thanks").textContent(), /不会显示某一份回答/);
  await check("thanks");
  await page.locator(".thanks-state", { hasText: "回答已匿名送达。" }).waitFor({ timeout: 40_000 });
  await badge.waitFor({ state: "detached" });

  // The outbox with a refused, a waiting and a sent item.
  await context.route("**/inbox/reports", (r) => r.fulfill({ status: 422, contentType: "application/json", body: '{"error":"unknown bureau"}' }));
  await fileReport(page, `被拒收的举报（测试 ${Date.now()}）`);
  await page.locator("li.out-item.failed").waitFor({ timeout: 40_000 });
  await context.unroute("**/inbox/reports");
  await context.route("**/inbox/reports", (r) => r.fulfill({ status: 503, body: "" }));
  await fileReport(page, `等待发送的举报（测试 ${Date.now()}）`);
  await page.locator("li.out-item.waiting").waitFor();
  assert.equal(await page.locator("li.out-item.sent").count(), 1);
  assert.doesNotMatch(await page.locator("li.out-item.failed .state").textContent(), /HTTP|422/, "the raw code is only under the details");
  const gap = await page.locator("li.out-item.waiting .row-actions").evaluate((el) => {
    const [a, b] = [...el.querySelectorAll("button")].map((x) => x.getBoundingClientRect());
    return b.left - a.right;
  });
  assert.ok(gap >= 8, `"Send now" and "Withdraw" do not touch (${gap} px)`);
  assert.equal(await page.locator("nav.tabs .tab-badge").textContent(), "2 项待处理", "waiting and refused items count");
  await check("outbox");
  await context.unroute("**/inbox/reports");

  // The report form: the groups' titles, each opening its categories.
  await go(page, "#/report");
  await page.locator("details.group").first().waitFor();
  assert.equal(await page.locator("details.group[open]").count(), 0);
  const reportHeight = await page.locator("section.report").evaluate((el) => el.scrollHeight);
  const allOpen = await page.locator("section.report").evaluate((el) => {
    const closed = [...el.querySelectorAll("details.group:not([open])")];
    closed.forEach((d) => { d.open = true; });
    const h = el.scrollHeight;
    closed.forEach((d) => { d.open = false; });
    return h;
  });
  console.log(`# report form height at 360 px: ${reportHeight} px (every group open: ${allOpen} px)`);
  assert.ok(reportHeight < allOpen * 0.6, `the report form is ${reportHeight} px tall, ${allOpen} px with every group open`);
  await pickCategory(page, "other");
  assert.equal(await page.locator("details.group[open]").count(), 1);
  await check("reportCategoryOpen");

  // The week at 360 px: the table scrolls in its own box, the page does not;
  // the month link is a button, not a bare underlined link.
  await go(page, "#/week");
  await page.locator(".week-table").waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), "no sideways scrolling");
  assert.equal(await page.locator(".view-switch a.button").evaluate((a) => getComputedStyle(a).textDecorationLine), "none");
  await check("week");

  // An item whose title gives its minutes shows them once.
  const feed = await (await fetch(new URL("demo/feeds/g4c2.json", BASE_URL))).json();
  const day = feed.days.find((d) => d.items.some((i) => /\d+\s*分钟/.test(i.title["zh-CN"] ?? "")));
  const item = day.items.find((i) => /\d+\s*分钟/.test(i.title["zh-CN"] ?? ""));
  await go(page, `#/day/${day.date}`);
  const row = page.locator(`li.item[data-item="${item.id}"]`);
  await row.waitFor();
  assert.equal(await row.locator(".minutes").count(), 0);
  assert.equal((await row.textContent()).match(/分钟/g).length, 1);

  // Offline is a state: a calm line with the time of the saved copy, gone
  // once the network is back; no raw error anywhere.
  await go(page, "#/");
  await network.cut();
  await page.reload();
  const line = page.locator(".feed-status .feed-line[role=status]");
  await line.waitFor();
  assert.match(await line.textContent(), /^离线：显示的是 \d{1,2}:\d\d 保存的作业公示。$/);
  assert.equal(await page.locator("[role=alert]").count(), 0);
  assert.doesNotMatch(await page.locator("body").innerText(), /offline|HTTP|error|Failed/i);
  await check("offline");
  // Back without an `online` event (a real cut has none): the app tries again by itself.
  await network.restore();
  await line.waitFor({ state: "detached", timeout: 45_000 });

  // Dark: the same screens meet contrast on their own palette.
  await page.emulateMedia({ colorScheme: "dark" });
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor), "rgb(13, 17, 23)");
  await check("todayDark");
  await page.locator("nav.tabs a", { hasText: "反馈" }).click();
  await page.locator("#more a.survey-title").first().waitFor();
  await check("feedbackDark");
  await go(page, "#/week");
  await page.locator(".week-table").waitFor();
  await check("weekDark");

  // English: the tabs, and the calm offline line in its own words.
  await page.emulateMedia({ colorScheme: "light" });
  await page.locator("button.lang-toggle").click();
  assert.deepEqual(await page.locator("nav.tabs .tab-label").allTextContents(), ["Today", "Log", "Sleep", "Week", "Feedback", "Data"]);
  await go(page, "#/");
  await network.cut();
  await page.reload();
  const en = page.locator(".feed-status .feed-line[role=status]");
  await en.waitFor();
  assert.match(await en.textContent(), /^Offline: showing the homework notice saved at \d{1,2}:\d\d\.$/);
  await check("offlineEn");
  await network.restore();
  await en.waitFor({ state: "detached", timeout: 45_000 });

  for (const [screen, found] of Object.entries(axe)) assert.deepEqual(found, [], `axe on ${screen}`);
  // The refusals and the offline reload are the states under test.
  assert.deepEqual(problems().filter((p) => !/inbox\/reports|demo\/feeds|status of (422|503)/.test(p) && !CUT.test(p)), []);
  await context.close();
});
