// The bureau's desk at /bureau/ (#15), in Chromium against the served build
// and its real inbox (the same router as `jianfu inbox`, with the demo admin
// token): reports sealed by the parent app are read with the key file and
// moved through the statuses, and survive a reload; a wrong token gets 401
// and the page says so; no request carries the key or any plaintext; the
// survey charts match `jianfu tally --json`; the monitoring report over a
// generated district matches `jianfu monitor --json` exactly. axe on every
// screen and state; English at 360 px.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { BASE_URL, BIN, DB, KEY, ROOT, addDays, addFirstChild, axeProblems, dumpIndexedDb, fileReport, go, inboxStored, launch, phone, schoolToday, watchedPage } from "../lib/browser.js";

const run = promisify(execFile);
const DESK = new URL("bureau/", BASE_URL).href;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function desktop(options = {}) {
  return browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN", bypassCSP: true, acceptDownloads: true, ...options });
}

async function assertAxeClean(page, state) {
  assert.deepEqual(await axeProblems(page), [], `axe, ${state}`);
}

/** Every request of the context: URL, headers and body, to search for secrets. */
function recorder(context) {
  const seen = [];
  context.on("request", (r) => seen.push({ url: r.url(), headers: JSON.stringify(r.headers()), body: r.postData() ?? "" }));
  return seen;
}

async function token() {
  return (await readFile(path.join(path.dirname(DB), "admin-token"), "utf8")).trim();
}

test("sealed reports from the parent app: read with the key, followed through the statuses, kept over a reload; a wrong token is refused; nothing secret leaves the page", async () => {
  // A parent files a report through the app; it reaches the inbox sealed.
  const description = `数学作业每天写到十点半，老师要求家长批改并拍照上传 ${randomBytes(4).toString("hex")}`;
  const before = (await inboxStored()).reports.length;
  const parentContext = await browser.newContext({ locale: "zh-CN" });
  const parent = await parentContext.newPage();
  await parent.goto(BASE_URL);
  await addFirstChild(parent, "小明", "4");
  await fileReport(parent, description);
  const deadline = Date.now() + 20_000;
  while ((await inboxStored()).reports.length === before) {
    assert.ok(Date.now() < deadline, "the report reached the inbox");
    await new Promise((r) => setTimeout(r, 200));
  }
  await parentContext.close();

  const keyFile = JSON.parse(await readFile(KEY, "utf8"));
  const context = await desktop();
  const requests = recorder(context);
  const { page, problems } = await watchedPage(context);
  await page.goto(DESK);
  await page.getByRole("heading", { name: "减负 · 教育局工作台" }).waitFor();
  await page.getByText("还没有举报").waitFor();
  await assertAxeClean(page, "reports, empty");

  // A wrong token: 401, said in words.
  await page.locator("#inbox-token").fill("not-the-token");
  await page.getByRole("button", { name: "从收件箱载入" }).click();
  await page.getByText("收件箱拒绝了这个管理口令（HTTP 401）").waitFor();
  await assertAxeClean(page, "reports, token refused");

  // The right one: every stored report arrives as a sealed case.
  await page.locator("#inbox-token").fill(await token());
  await page.getByRole("button", { name: "从收件箱载入" }).click();
  const stored = (await inboxStored()).reports.length;
  await page.getByText(`读取 ${stored} 份密封举报，新增 ${stored} 份。`).waitFor();
  assert.equal(await page.locator("li.case").count(), stored);
  assert.match(await page.locator("li.case").first().textContent(), /密封（收到 \d{4}-\d\d-\d\d）/);
  await assertAxeClean(page, "reports, sealed cases");

  // The key file opens them, in memory.
  await page.locator("#key-file").setInputFiles(KEY);
  await page.getByText(/已载入密钥（公钥指纹 [0-9a-f]{8}）/).waitFor();
  const ours = page.locator("li.case", { hasText: description });
  await ours.waitFor();
  assert.match(await ours.textContent(), /其他/);
  assert.match(await ours.textContent(), new RegExp(`收到日期${schoolToday()}`));
  const id = await ours.getAttribute("data-case");
  await assertAxeClean(page, "reports, opened");

  // From files: an envelope sealed to another bureau's key is listed as
  // not opening, and lines that are not envelopes are named, not dropped.
  await page.locator("#envelope-files").setInputFiles(path.join(ROOT, "testdata/reports/group-chat-checkin.envelope.json"));
  await page.getByText("读取 1 份密封举报，新增 1 份。").waitFor();
  const foreign = page.locator('li.case[data-case="FbYVvZEEx_hLeCKqMhRbkg"]');
  assert.match(await foreign.textContent(), /无法打开（收到 \d{4}-\d\d-\d\d）。无法解密：它是用另一把公钥密封的/);
  await page.locator("#envelope-files").setInputFiles({ name: "export.jsonl", mimeType: "application/json", buffer: Buffer.from("not json\n{\"format\": \"jianfu.envelope/1\"}\n") });
  await page.getByRole("heading", { name: "2 行不是密封举报" }).waitFor();
  assert.match(await page.locator(".bad-lines").textContent(), /export\.jsonl:1.*export\.jsonl:2/s);
  await assertAxeClean(page, "reports, one foreign and two bad lines");

  // Followed: 核实中 with a note, then filtered and searched.
  await ours.locator("select[id^=status-]").selectOption("verifying");
  await ours.getByText("已保存。").waitFor();
  await ours.locator("textarea[id^=note-]").fill("已联系学校核实，周五前回复");
  await ours.getByRole("button", { name: /^保存记录/ }).click();
  await ours.getByText("已保存。").waitFor();
  await page.locator("#filter-status").selectOption("verifying");
  assert.equal(await page.locator("li.case").count(), 1);
  await page.locator("#filter-status").selectOption("");
  await page.locator("#filter-text").fill("十点半 批改");
  await page.locator("li.case").first().waitFor();
  assert.ok(await page.locator("li.case").count() >= 1);
  assert.equal(await page.locator("li.case", { hasText: description }).count(), 1);
  await page.locator("#filter-text").fill("没有这样的案件文字");
  assert.equal(await page.locator("li.case").count(), 0);
  await page.locator("#filter-text").fill("");

  // CSV for the bureau's case system.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "导出为 CSV" }).click();
  const csvFile = await download;
  assert.match(csvFile.suggestedFilename(), /^jianfu-cases-\d{4}-\d\d-\d\d\.csv$/);
  const csv = await readFile(await csvFile.path(), "utf8");
  assert.ok(csv.startsWith("\ufeff编号,状态,办理记录,类别"), csv.slice(0, 80));
  const row = csv.split("\r\n").find((l) => l.startsWith(id));
  assert.ok(row, "the case's row");
  assert.match(row, /核实中,已联系学校核实，周五前回复,other,/);
  assert.ok(row.includes(description));

  // One case, printable.
  await ours.getByRole("link", { name: /^打印/ }).click();
  await page.getByRole("button", { name: "打印案件" }).waitFor();
  assert.match(await page.locator("article.case-print").textContent(), new RegExp(description.slice(0, 12)));
  await assertAxeClean(page, "one case, print view");
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.getByRole("button", { name: "打印案件" }).isVisible(), false);
  await page.emulateMedia({ media: "screen" });

  // A reload forgets the key, keeps the cases and what the bureau did.
  await page.reload();
  await go(page, "#/cases");
  const back = page.locator(`li.case[data-case="${id}"]`);
  await back.waitFor();
  assert.equal(await back.locator("select[id^=status-]").inputValue(), "verifying");
  assert.equal(await back.locator("textarea[id^=note-]").inputValue(), "已联系学校核实，周五前回复");
  assert.match(await back.textContent(), /载入局里的私钥后可阅读/);
  assert.doesNotMatch(await back.textContent(), new RegExp(description.slice(0, 12)));
  await page.locator("#key-file").setInputFiles(KEY);
  await back.getByText(description).waitFor();
  await back.locator("select[id^=status-]").selectOption("closed");
  await back.getByText("已保存。").waitFor();
  assert.match(await back.getAttribute("class"), /closed/);

  // The survey answers the inbox holds. The reload forgot the token too.
  assert.equal(await page.locator("#inbox-token").inputValue(), "");
  await page.locator("#inbox-token").fill(await token());
  await go(page, "#/surveys");
  await page.locator("#survey-file").setInputFiles(path.join(ROOT, "testdata/surveys/2026-autumn.json"));
  await page.getByRole("button", { name: "从收件箱读取回复" }).click();
  const answers = (await inboxStored()).responses.length;
  await page.getByText(`从收件箱读取 ${answers} 份回复。`).waitFor();

  // Nothing secret left the page or sits in its storage in the clear.
  const secrets = [keyFile.private, description, description.slice(0, 12)];
  for (const r of requests) {
    for (const s of secrets) {
      assert.ok(!r.url.includes(s) && !r.headers.includes(s) && !r.body.includes(s), `a secret in ${r.url}`);
    }
    assert.equal(new URL(r.url).origin, new URL(BASE_URL).origin, `no third party: ${r.url}`);
  }
  const storage = await dumpIndexedDb(page);
  assert.ok(storage.includes(id), "the case is stored");
  for (const s of secrets) assert.ok(!storage.includes(s), "no key and no plaintext in IndexedDB");
  const local = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  for (const s of secrets) assert.ok(!local.includes(s), "nor in web storage");
  // The one refusal is the wrong token's, on purpose.
  assert.deepEqual(problems().filter((p) => !p.includes("401")), []);
  await context.close();
});

/** `n` valid responses to the autumn survey; grades 1–2 only three times (suppressed). */
function responses(n) {
  const band = (i) => (i % 9 === 4 ? "1-2" : ["3-6", "7-9"][i % 2]);
  const lines = [];
  for (let i = 0; i < n; i += 1) {
    lines.push(JSON.stringify({
      format: "jianfu.response/1",
      survey: "2026-autumn-satisfaction",
      submitted_on: "2026-11-20",
      grade_band: band(i),
      answers: { q1: (i % 5) + 1, q2: "abcd"[i % 4], q3: ["hw", "read", "sport"].slice(0, (i % 3) + 1), q4: 20 + (i * 7) % 90 },
      nonce: randomBytes(16).toString("base64url"),
    }));
  }
  lines.push(lines[0]); // a duplicate delivery counts once
  lines.push("{\"format\": \"jianfu.response/1\"}");
  return `${lines.join("\n")}\n`;
}

test("survey results: an early look is asked for, then every chart matches `jianfu tally --json`, small groups shown as fewer than N", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "jianfu-bureau-survey-"));
  const answers = path.join(dir, "responses.jsonl");
  await writeFile(answers, responses(27));
  const survey = path.join(ROOT, "testdata/surveys/2026-autumn.json");
  const { stdout } = await run(BIN, ["--json", "tally", "--early", "--by", "grade_band", "--survey", survey, answers]);
  const cli = JSON.parse(stdout);

  const context = await desktop();
  const { page, problems } = await watchedPage(context);
  await page.goto(`${DESK}#/surveys`);
  await page.locator("#survey-file").setInputFiles(survey);
  await page.locator("#response-files").setInputFiles(answers);
  await page.getByText("已读取 28 份回复（1 行无法读取）。").waitFor();
  // Before it closes: hidden, with the reason, until asked.
  await page.getByRole("heading", { name: "问卷将于 2026-12-15 截止" }).waitFor();
  await assertAxeClean(page, "surveys, before the early look");
  await page.getByRole("button", { name: "仍要提前查看" }).click();
  await page.locator("figure.question").first().waitFor();
  assert.match(await page.locator(".survey-results").textContent(), new RegExp(`${cli.responses} 份回复；跳过：重复 ${cli.skipped.duplicates}，其他调查 0，无效 ${cli.skipped.invalid}`));

  const check = async (group, figures) => {
    for (const [qid, q] of Object.entries(figures.questions)) {
      const fig = page.locator(`figure.question[data-question="${qid}"][data-group="${group}"]`);
      const text = await fig.locator("figcaption").textContent();
      assert.match(text, new RegExp(`回答 ${q.n} 人`), `${group} ${qid}`);
      if (q.mean !== undefined) assert.match(text, new RegExp(`平均 ${q.mean.toFixed(1)}`), `${group} ${qid} mean`);
      if (q.satisfied_percent !== undefined) assert.match(text, new RegExp(`满意率 ${q.satisfied_percent.toFixed(1)} %`));
      for (const [value, count] of Object.entries(q.counts ?? {})) {
        assert.equal(await fig.locator(`tr[data-value="${value}"] td.count`).textContent(), String(count), `${group} ${qid} ${value}`);
      }
    }
  };
  await check("all", cli);
  for (const [band, g] of Object.entries(cli.groups)) {
    const section = page.locator(`section.band[data-band="${band}"]`);
    if (g.suppressed) {
      assert.match(await section.textContent(), /少于 5 份，不予显示/);
      assert.equal(await section.locator("figure").count(), 0);
    } else {
      await check(band, g);
    }
  }
  assert.ok(Object.values(cli.groups).some((g) => g.suppressed), "the data has a suppressed group");
  await assertAxeClean(page, "surveys, results");
  assert.deepEqual(problems(), []);
  await context.close();
});

/** A district: `schools` × `perSchool` class feeds over two weeks, some over, some missing. */
function district(schools, perSchool, monday) {
  const feeds = [];
  for (let s = 0; s < schools; s += 1) {
    for (let c = 0; c < perSchool; c += 1) {
      const grade = [2, 4, 5, 8][(s + c) % 4];
      const limit = grade <= 2 ? 0 : grade <= 6 ? 60 : 90;
      const days = [];
      for (let d = 0; d < 12; d += 1) {
        const date = addDays(monday, d);
        const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
        if (weekday === 0 || weekday === 6) continue;
        if ((s * 7 + c * 3 + d) % 11 === 0) continue; // not published
        const over = (s + c + d) % 9 === 0;
        const minutes = grade <= 2 ? (over ? 15 : 0) : over ? limit + 20 : Math.max(10, limit - 10 - ((c + d) % 5) * 5);
        const items = minutes > 0
          ? [{ id: `${date}-math`, subject: "math", title: "练习", kind: "written", estimated_minutes: minutes, tier: "core" }]
          : [{ id: `${date}-read`, subject: "chinese", title: "阅读", kind: "reading", estimated_minutes: 20, tier: "core" }];
        days.push({ date, items });
      }
      feeds.push({
        format: "jianfu.feed/1",
        school: { id: `district-s${s}`, name: `第${s + 1}学校`, rules: "cn-national-2021" },
        class: { id: `g${grade}c${c}`, name: `${grade}年级${c}班`, grade },
        published_at: `${monday}T07:00:00+08:00`,
        days,
      });
    }
  }
  return feeds;
}

test("the monitoring report over a generated district matches `jianfu monitor --json`, sorts, exports CSV; English at 360 px", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "jianfu-district-"));
  const monday = "2026-11-16";
  const files = [];
  for (const feed of district(4, 6, monday)) {
    const file = path.join(dir, `${feed.school.id}-${feed.class.id}.json`);
    await writeFile(file, JSON.stringify(feed));
    files.push(file);
  }
  const cli = JSON.parse((await run(BIN, ["monitor", "--json", dir]).catch((e) => e)).stdout);
  assert.equal(cli.classes.length, 24);

  const context = await desktop();
  const { page, problems } = await watchedPage(context);
  await page.goto(`${DESK}#/monitor`);
  await page.getByText("还没有载入作业公示").waitFor();
  await assertAxeClean(page, "monitor, empty");
  await page.locator("#monitor-files").setInputFiles(files);
  await page.getByText("已载入 24 个班的作业公示。").waitFor();
  await page.locator("table.classes tbody tr").nth(23).waitFor();
  const pct = (p) => (p === null ? "—" : `${p.toFixed(1)} %`);
  // The 5+2 after-school column (#29): "not published" apart from shortfalls.
  const service = (x) => (x.percent_after_school === null ? "未公布" : `${pct(x.percent_after_school)}（${x.after_school_shortfalls} 天不足）`);
  for (const c of cli.classes) {
    const cells = await page.locator(`table.classes tr[data-class="${c.school}/${c.class}"] td`).allTextContents();
    assert.deepEqual(cells, [c.school, c.class, String(c.grade), String(c.school_days), String(c.published), String(c.over_limit), String(c.missing), pct(c.percent_within_limit), service(c)], `${c.school}/${c.class}`);
  }
  for (const s of cli.schools) {
    const cells = await page.locator("table.schools tbody tr", { hasText: s.school }).locator("td").allTextContents();
    assert.deepEqual(cells, [s.classes, s.school_days, s.published, s.over_limit, s.missing, s.grades_1_2_written].map(String).concat(pct(s.percent_within_limit), service(s)));
  }
  const total = await page.locator("table.schools tfoot td").allTextContents();
  assert.deepEqual(total, [cli.total.classes, cli.total.school_days, cli.total.published, cli.total.over_limit, cli.total.missing, cli.total.grades_1_2_written].map(String).concat(pct(cli.total.percent_within_limit), service(cli.total)));
  assert.match(await page.locator(".monitor-summary").textContent(), new RegExp(`${cli.from} 至 ${cli.to}`));
  assert.match(await page.locator(".monitor-summary").textContent(), cli.total.meets_target ? /达到目标/ : /未达到目标/);
  await assertAxeClean(page, "monitor, a district");

  // Sorting by a column: ascending, then descending on a second click.
  const overs = async () => (await page.locator("table.classes tbody tr td:nth-child(6)").allTextContents()).map(Number);
  // (Each click redraws asynchronously: the header's aria-sort says when.)
  await page.getByRole("button", { name: "超出上限" }).click();
  await page.locator("table.classes th[aria-sort=ascending]", { hasText: "超出上限" }).waitFor();
  const up = await overs();
  assert.deepEqual(up, [...up].sort((a, b) => a - b));
  await page.getByRole("button", { name: /超出上限/ }).click();
  await page.locator("table.classes th[aria-sort=descending]", { hasText: "超出上限" }).waitFor();
  const down = await overs();
  assert.deepEqual(down, [...down].sort((a, b) => b - a));
  assert.equal(await page.locator("th[aria-sort=descending]").count(), 1);

  // CSV: the same numbers as the CLI.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "导出为 CSV" }).click();
  const csv = await readFile(await (await download).path(), "utf8");
  const lines = csv.replace(/^\ufeff/, "").trim().split("\r\n");
  assert.equal(lines.length, 1 + 24 + 1);
  const first = cli.classes[0];
  assert.ok(lines.includes([first.school, first.class, first.grade, first.school_days, first.published, first.over_limit, first.missing, first.grades_1_2_written, first.percent_within_limit?.toFixed(1) ?? "",
    first.after_school_published ? first.after_school_days : "", first.after_school_published ? first.after_school_shortfalls : "",
    first.percent_after_school?.toFixed(1) ?? ""].join(",")));
  assert.deepEqual(problems(), []);
  await context.close();

  // English at 360 px: the desk's screens.
  const small = await phone(browser, { locale: "en-US", bypassCSP: true });
  const { page: p2, problems: problems2 } = await watchedPage(small);
  await p2.goto(`${DESK}#/monitor`);
  await p2.getByRole("heading", { name: "Homework monitoring report" }).waitFor();
  await p2.locator("#monitor-files").setInputFiles(files);
  await p2.getByText("24 class notices loaded.").waitFor();
  assert.equal(await p2.evaluate(() => document.scrollingElement.scrollWidth), 360, "no sideways scrolling: monitor");
  await assertAxeClean(p2, "monitor in English at 360 px");
  for (const [hash, heading] of [["#/cases", "Cases"], ["#/surveys", "Survey results"]]) {
    await go(p2, hash);
    await p2.getByRole("heading", { name: heading }).waitFor();
    assert.equal(await p2.evaluate(() => document.scrollingElement.scrollWidth), 360, `no sideways scrolling: ${hash}`);
    await assertAxeClean(p2, `${hash} in English at 360 px`);
  }
  // Keyboard only: from the top of the reports screen, Tab reaches the key
  // file's picker and Space opens it.
  await go(p2, "#/cases");
  await p2.locator("body").focus();
  let reached = false;
  for (let i = 0; i < 20 && !reached; i += 1) {
    await p2.keyboard.press("Tab");
    reached = await p2.evaluate(() => document.activeElement?.id === "key-file");
  }
  assert.ok(reached, "the key file's picker is reached by Tab");
  const chooser = p2.waitForEvent("filechooser");
  await p2.keyboard.press("Space");
  await (await chooser).setFiles(KEY);
  await p2.getByText(/Key loaded \(public key fingerprint [0-9a-f]{8}\)/).waitFor();
  assert.deepEqual(problems2(), []);
  await small.close();
});
