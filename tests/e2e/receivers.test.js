// Who receives what (formats.md §6), against the real app, the real inbox
// and the real CLI: a school's feed that names its own key, report URL and
// report page is never followed (the report is sealed to the directory's
// bureau and lands in its inbox, nothing goes to the school's server); the
// bureau is the one covering the address the feed is published under, never
// the one its school id points to (#26); a feed published where no bureau
// covers gets no report form; a refusal the app can read
// stops its retries; the widget in a portal keeps no answers, nonces or
// free text in the portal's storage.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash, generateKeyPairSync } from "node:crypto";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { BASE_URL, BIN, DB, KEY, addFirstChild, dumpIndexedDb, fileReport, fillSurvey, go, inboxStored, launch, phone, watchedPage } from "../lib/browser.js";


let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The demo class's feed as served, to change before serving it elsewhere. */
async function demoFeed() {
  return (await fetch(new URL("demo/feeds/g4c2.json", BASE_URL))).json();
}

/**
 * A context whose page gets `feed` at `at` (by default under the demo
 * bureau's `feeds` prefix; service workers blocked, so Playwright sees
 * every request), records every request to the school's own server, and
 * answers those with nothing.
 */
async function withFeed(feed, { extra = {}, at = "demo/feeds/hostile.json" } = {}) {
  const context = await phone(browser, { serviceWorkers: "block" });
  const toSchool = [];
  await context.route("https://school-portal.example/**", (route) => {
    toSchool.push(route.request().url());
    return route.abort();
  });
  await context.route(new URL(at, BASE_URL).href, (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(feed) }));
  for (const [url, body] of Object.entries(extra)) {
    await context.route(new URL(url, BASE_URL).href, (route) =>
      route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(body) }));
  }
  const { page, problems } = await watchedPage(context);
  await page.goto(`${BASE_URL}?feed=${encodeURIComponent(new URL(at, BASE_URL).href)}`);
  await addFirstChild(page, "小红");
  return { context, page, problems, toSchool };
}

test("a feed naming its own key, URL and page: the report goes sealed to the directory's bureau only", async () => {
  const schoolKey = generateKeyPairSync("x25519").publicKey.export({ format: "jwk" }).x;
  const feed = await demoFeed();
  feed.submit = {
    bureau: "demo-bureau",
    survey_url: "/inbox/responses",
    report_key: schoolKey,
    report_url: "https://school-portal.example/jianfu/collect",
    report_page: "https://school-portal.example/jianfu/#/report",
  };
  const { context, page, problems, toSchool } = await withFeed(feed);
  const before = (await inboxStored()).reports.length;

  await go(page, "#/report");
  const receiver = page.locator(".receiver");
  await receiver.waitFor();
  assert.match(await receiver.textContent(), /演示教育局/);
  const demoPublic = JSON.parse(readFileSync(KEY, "utf8")).public;
  const fingerprint = createHash("sha256").update(Buffer.from(demoPublic, "base64url")).digest("hex").slice(0, 8);
  assert.equal(await page.locator(".receiver code.fingerprint").textContent(), fingerprint, "the directory key's fingerprint");
  assert.match(await page.locator(".receiver .other-receiver").textContent(), /另一个接收方/);

  const description = `学校自己的密钥不应被使用（测试 ${Date.now()}）`;
  await fileReport(page, description);
  await page.locator("li.out-item.sent").first().waitFor({ timeout: 30_000 });

  assert.deepEqual(toSchool, [], "nothing was sent to the school's server");
  const after = (await inboxStored()).reports.length;
  assert.equal(after - before, 1, "the envelope is in the bureau's inbox");
  const opened = execFileSync(BIN, ["open", "--key", KEY, "--db", DB], { encoding: "utf8" })
    .trim().split("\n").map((l) => JSON.parse(l)).filter((r) => r.description === description);
  assert.equal(opened.length, 1, "sealed to the directory's key: the demo bureau opens it");
  assert.deepEqual(problems(), []);
  await context.close();
});

test("a school that renames itself still reports to the bureau covering its address, and the form says so", async () => {
  // The review's attack: the demo feed, published where the demo bureau
  // covers it, renamed into another bureau's school and naming that bureau.
  const feed = await demoFeed();
  feed.school.id = "haidian-exp-primary";
  feed.submit = { bureau: "bj-haidian" };
  const { context, page, problems, toSchool } = await withFeed(feed);
  await go(page, "#/report");
  const receiver = page.locator(".receiver");
  await receiver.waitFor();
  assert.match(await receiver.textContent(), /演示教育局/, "the bureau covering the address");
  assert.match(await page.locator(".receiver .school-not-listed").textContent(), /不在负责其发布地址的教育局名单中/);
  assert.match(await page.locator(".receiver .other-receiver").textContent(), /另一个接收方/, "the feed's bureau is named and not followed");
  assert.equal(await page.locator("section.report form").count(), 1);
  assert.deepEqual(toSchool, []);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("a feed published where no bureau covers gets no report form, and is told whom to contact", async () => {
  // Its school id is one the demo bureau lists, and it names that bureau:
  // neither decides coverage.
  const feed = await demoFeed();
  feed.submit = { bureau: "demo-bureau", report_key: generateKeyPairSync("x25519").publicKey.export({ format: "jwk" }).x, report_url: "https://school-portal.example/collect" };
  const { context, page, problems, toSchool } = await withFeed(feed, { at: "hostile/feed.json" });
  await go(page, "#/report");
  const status = page.locator("section.report p.status");
  await status.waitFor();
  assert.match(await status.textContent(), /没有负责这所学校的教育局.*12345/);
  assert.equal(await page.locator("section.report textarea, section.report form").count(), 0);
  assert.deepEqual(toSchool, []);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("a refusal the app can read is shown with its reason and not retried", async () => {
  const feed = await demoFeed();
  const survey = await (await fetch(new URL("demo/surveys/2026-autumn.json", BASE_URL))).json();
  survey.id = "not-known-to-the-inbox";
  delete survey.collector;
  feed.surveys = ["/hostile/survey.json"];
  feed.submit = { bureau: "demo-bureau", survey_url: "/inbox/responses" };
  const { context, page, problems } = await withFeed(feed, { extra: { "hostile/survey.json": survey } });
  const posts = [];
  page.on("request", (r) => { if (r.method() === "POST") posts.push(r.url()); });
  await go(page, "#/surveys");
  await page.locator("a.survey-title").first().waitFor();
  await fillSurvey(page);
  await page.locator("button", { hasText: "匿名发送" }).click();
  const failed = page.locator("li.out-item.failed");
  await failed.waitFor({ timeout: 30_000 });
  assert.match(await failed.textContent(), /422.*unknown survey/);
  await page.waitForTimeout(3000);
  assert.equal(posts.length, 1, `sent once, not retried (${posts})`);
  assert.deepEqual(problems().filter((p) => !p.includes("422")), [], "nothing but the refusal itself");
  await context.close();
});

test("the survey form says who receives the answers", async () => {
  const feed = await demoFeed();
  const bureauRun = await (await fetch(new URL("demo/surveys/2026-autumn.json", BASE_URL))).json();
  const schoolRun = { ...bureauRun, id: "school-run" };
  delete schoolRun.collector;
  const unknown = { ...bureauRun, id: "unknown-collector", collector: "some-other-bureau" };
  feed.surveys = ["/hostile/s1.json", "/hostile/s2.json", "/hostile/s3.json"];
  const { context, page } = await withFeed(feed, { extra: { "hostile/s1.json": bureauRun, "hostile/s2.json": schoolRun, "hostile/s3.json": unknown } });
  const open = async (i) => {
    await go(page, "#/surveys");
    await page.locator("a.survey-title").nth(i).click();
    await page.locator("section.survey h2").waitFor();
  };
  await open(0);
  assert.match(await page.locator(".survey-receiver").textContent(), /演示教育局.*学校看不到/);
  await open(1);
  assert.match(await page.locator(".survey-receiver").textContent(), /由学校收集/);
  await open(2);
  assert.match(await page.locator("section.survey p.status").textContent(), /不在本应用的教育局名单中/);
  assert.equal(await page.locator("section.survey form").count(), 0);
  await context.close();
});

test("the widget keeps no answer, nonce or free text in the portal's storage", async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 1200 }, locale: "zh-CN" });
  const { page, problems } = await watchedPage(context);
  await page.goto(new URL("embed-demo/", BASE_URL).href);
  await page.locator("#w1 li.item").first().waitFor();
  await page.evaluate(() => document.querySelector("#w1").setAttribute("view", "survey"));
  const link = page.locator("#w1 a.button.primary");
  await link.waitFor();
  // No survey form in the portal's page; the link opens the app, not a page from the feed.
  assert.equal(await page.locator("#w1 form, #w1 textarea, #w1 input[type=radio]").count(), 0);
  const href = new URL(await link.getAttribute("href"));
  assert.equal(href.origin, new URL(BASE_URL).origin);
  assert.equal(href.hash, "#/surveys");
  assert.match(href.search, /feed=.*g4c2\.json/);
  // The portal's own script reads everything the widget stored.
  const stored = await dumpIndexedDb(page);
  assert.ok(stored.length > 0, "the widget did store its class");
  for (const word of ["jianfu.response/1", "nonce", "answers", "outbox"]) {
    assert.ok(!stored.includes(word), `no ${word} in the portal's IndexedDB`);
  }
  assert.deepEqual(problems(), []);
  await context.close();
});
