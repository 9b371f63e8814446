// Anonymous survey answers and sealed reports, end to end against the real
// inbox (mounted at /inbox/ by the test server): filed with the network
// cut, kept across a reload, sent when it returns, stored exactly once,
// the report opened by the bureau's CLI, no cookie, no referer, and no
// plaintext of the report left in the page's IndexedDB.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { BASE_URL, BIN, DB, KEY, addFirstChild, controlled, dumpIndexedDb, go, inboxCounts, launchCuttable, CUT, phone, storedRecords, watchedPage, pickCategory } from "../lib/browser.js";


let browser, network;
before(async () => { ({ browser, network } = await launchCuttable()); });
after(async () => {
  await browser?.close();
  await network?.close();
});

test("a survey answer and a report filed offline arrive exactly once, sealed, with no cookie or referer", async () => {
  const description = `老师每天晚上在班级微信群里布置作业，并要求家长拍照打卡。（测试 ${Date.now()}）`;
  const context = await phone(browser);
  await context.addCookies([{ name: "portal_session", value: "must-not-travel", url: BASE_URL }]);
  const { page, problems } = await watchedPage(context);
  const posts = [];
  page.on("request", (r) => {
    // allHeaders(): what went over the wire, not the renderer's view.
    if (r.method() === "POST") posts.push(r.allHeaders().then((headers) => ({ url: r.url(), headers, body: r.postData() ?? "" })));
  });
  const sent = [];
  page.on("response", (r) => { if (r.request().method() === "POST") sent.push(r.status()); });
  await page.goto(BASE_URL);
  await addFirstChild(page, "小明");
  await controlled(page);
  const start = await inboxCounts();
  await go(page, "#/surveys");
  await page.locator("a.survey-title").first().waitFor();

  await network.cut();

  // The survey: every question type, a preview of exactly what is sent.
  await page.locator("a.survey-title").first().click();
  const q = (id) => page.locator(`fieldset[data-question="${id}"]`);
  await q("q1").locator("input[value='4']").check();
  await q("q2").locator("input[value='a']").check();
  await q("q3").locator("input[name='q3-hw']").check();
  await q("q3").locator("input[name='q3-sport']").check();
  await q("q4").locator("input").fill("301");
  await page.locator("form button[type=submit]").click();
  assert.match(await q("q4").locator(".field-error").textContent(), /0–300/, "validation as the parent types");
  await q("q4").locator("input").fill("45");
  await q("q5").locator("textarea").fill("希望作业更少");
  assert.equal(await q("q5").locator(".counter").textContent(), "6/500");
  await page.locator("form button[type=submit]").click();
  const preview = JSON.parse(await page.locator("pre[data-preview=response]").textContent());
  assert.equal(preview.format, "jianfu.response/1");
  assert.deepEqual(preview.answers, { q1: 4, q2: "a", q3: ["hw", "sport"], q4: 45, q5: "希望作业更少" });
  assert.equal(preview.grade_band, "3-6");
  assert.match(preview.submitted_on, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(preview.nonce, /^[A-Za-z0-9_-]{22}$/);
  assert.ok(!JSON.stringify(preview).includes("小明"));
  await page.locator("button", { hasText: "匿名发送" }).click();
  await page.locator("li.out-item").first().waitFor();

  // The report: a warning (not a block) for a phone number, then sealed.
  await go(page, "#/report");
  await pickCategory(page, "homework_via_phone_or_group");
  await page.locator("textarea[name=description]").fill(`${description} 电话13800138000`);
  assert.match(await page.locator(".sensitive").textContent(), /电话号码/);
  await page.locator("textarea[name=description]").fill(description);
  assert.equal(await page.locator(".sensitive").count(), 0);
  await page.locator("form button[type=submit]").click();
  await page.locator("li.out-item").nth(1).waitFor();

  // Offline reload: both still waiting; no plaintext of the report anywhere in IndexedDB.
  await page.reload();
  await page.locator("li.out-item").nth(1).waitFor();
  assert.equal(await page.locator("li.out-item.waiting").count(), 2);
  const stored = await dumpIndexedDb(page);
  assert.ok(!stored.includes(description.slice(0, 12)), "the report's text is not stored");
  assert.ok(stored.includes("jianfu.envelope/1"), "only the envelope is");

  // Back online (no `online` event after a real cut): both go out on the
  // outbox's own schedule and are acknowledged.
  await network.restore();
  await page.locator("li.out-item.sent").nth(1).waitFor({ timeout: 60_000 });
  const end = await inboxCounts();
  assert.equal(end.responses - start.responses, 1, "exactly one response stored");
  // Acknowledged: the response's nonce and answers are gone from the
  // device (its "answered" receipt stays), so nothing here matches the
  // inbox's row.
  const afterSend = await dumpIndexedDb(page);
  assert.ok(!afterSend.includes(preview.nonce), "the nonce is deleted once acknowledged");
  assert.ok(!afterSend.includes("希望作业更少"), "the free text is deleted once acknowledged");
  assert.ok(!afterSend.includes("jianfu.response/1"), "no response body is kept");
  assert.equal(end.reports - start.reports, 1, "exactly one envelope stored");

  // The bureau opens it with the CLI and reads the exact words.
  const opened = execFileSync(BIN, ["open", "--key", KEY, "--db", DB], { encoding: "utf8" })
    .trim().split("\n").map((l) => JSON.parse(l)).filter((r) => r.description === description);
  assert.equal(opened.length, 1);
  assert.equal(opened[0].category, "homework_via_phone_or_group");
  assert.equal(opened[0].class, null, "class not included unless the parent ticks it");

  // What travelled: no cookie, no referer, no nickname, no plaintext, no
  // device or child id, no time finer than a day.
  const ids = (await storedRecords(page)).childrenKeys.map(String);
  assert.ok(ids.length >= 1);
  assert.ok(posts.length >= 2);
  for (const p of await Promise.all(posts)) {
    for (const id of ids) assert.ok(!p.body.includes(id) && !p.url.includes(id), `no child id in ${p.url}`);
    const payload = JSON.parse(p.body);
    if (payload.format === "jianfu.envelope/1") {
      assert.deepEqual(Object.keys(payload).sort(), ["ct", "enc", "format", "id", "suite"], "an envelope carries nothing else");
    } else {
      // (The nonce is base64url: no ':' and no date before a 'T' in it.)
      assert.ok(!/\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}T/.test(p.body), `no time of day in the body to ${p.url}`);
    }
    assert.ok(!/\?/.test(p.url), `no query string on ${p.url}`);
    assert.equal(p.headers.cookie, undefined, `no cookie on ${p.url}`);
    assert.ok(!p.headers.referer, `no referer on ${p.url} (got ${JSON.stringify(p.headers.referer)})`);
    assert.ok(!p.body.includes("小明"), "no nickname in any body");
    assert.ok(!p.body.includes(description.slice(0, 12)), "the report travels sealed");
  }
  assert.ok(sent.filter((s) => s === 201).length === 2, `two 201s (got ${sent})`);
  assert.deepEqual(problems().filter((p) => !CUT.test(p)), []);

  // Answered once per device: the survey now says so.
  await go(page, "#/surveys");
  await page.locator("li.survey-row .badge", { hasText: "已回答" }).waitFor();
  await context.close();
});
