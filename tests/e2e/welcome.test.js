// A first visit (no child yet) starts the welcome build of the app module
// (issue #13): the frame, the welcome and its form, without the day's
// screens. Once a child exists it hands the page over to the app module,
// which goes on with the welcome's notice; a returning parent's page starts
// the app module and never downloads the welcome build; a backup imported on
// a new device comes back in the app; an app module that cannot be fetched
// at the hand-over is fetched again.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, addFirstChild, axeProblems, go, launch, phone, watchedPage } from "../lib/browser.js";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const isApp = (url) => /\/app\/jianfu_app(_bg)?\.[0-9a-f]+\.(js|wasm)(\?|$)/.test(url);
const isWelcome = (url) => /\/app\/jianfu_welcome(_bg)?\.[0-9a-f]+\.(js|wasm)$/.test(url);

test("a first visit starts the welcome build; adding a child hands the page to the app module; a returning parent never gets the welcome build", async () => {
  // No service worker: its precache would fetch every module on its own.
  const context = await phone(browser, { serviceWorkers: "block", bypassCSP: true });
  const { page, problems } = await watchedPage(context);
  const requested = [];
  page.on("request", (r) => requested.push(r.url()));
  await page.goto(BASE_URL);
  await page.locator("#app input[name=nickname]").waitFor();
  // The second module (which draws the import of a backup here) loads at idle.
  await page.locator("#more .first-run-import").waitFor();
  assert.equal(requested.filter(isWelcome).length, 2, "the welcome build's glue and wasm, once each");
  assert.deepEqual(requested.filter(isApp), [], "no byte of the app module before there is a child");
  assert.deepEqual(await axeProblems(page), []);

  await addFirstChild(page, "小丽");
  // The app module's screens, frame and tabs.
  assert.equal(await page.locator(".app-header .child-name").textContent(), "小丽");
  assert.equal(await page.locator("nav.tabs a").count(), 6);
  assert.equal(await page.locator("#app > .app").count(), 1, "one app in the page");
  assert.equal(requested.filter(isApp).length, 2, "the app module's glue and wasm, once each");
  // The second module was remounted by the app and still works there.
  await go(page, "#/week");
  await page.locator("#more .week").first().waitFor();
  assert.deepEqual(await axeProblems(page), []);

  // A returning parent: the app module at once, not the welcome build.
  requested.length = 0;
  await page.goto(BASE_URL);
  await page.locator("li.item[data-item], p.empty").first().waitFor();
  assert.deepEqual(requested.filter(isWelcome), []);
  assert.equal(requested.filter(isApp).length, 2);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("a backup imported on a new device's welcome comes back in the app module with the import's summary", async () => {
  const context = await phone(browser, { serviceWorkers: "block" });
  const { page, problems } = await watchedPage(context);
  const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  const backup = {
    format: "jianfu.log/1",
    child: { nickname: "小新", grade: 5 },
    homework: [{ date: today, subject: "math", kind: "written", minutes: 35, finished: true }],
    sleep: [],
  };
  await page.goto(BASE_URL);
  await page.locator("#more input[name=import]").setInputFiles({ name: "backup.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(backup)) });
  await page.locator("nav.tabs").waitFor();
  assert.match(await page.locator(".notice").textContent(), /已导入 1 条作业记录/);
  assert.equal(await page.locator(".app-header .child-name").textContent(), "小新");
  assert.deepEqual(problems(), []);
  await context.close();
});

test("an app module that cannot be fetched at the hand-over is fetched again; nothing typed is lost", async () => {
  const context = await phone(browser, { serviceWorkers: "block" });
  const { page, problems } = await watchedPage(context);
  let refused = 0;
  await page.route(isApp, (route) => (refused++ === 0 ? route.abort("internetdisconnected") : route.continue()));
  await page.goto(BASE_URL);
  await addFirstChild(page, "小刚");
  assert.equal(refused > 1, true, "asked again after the failure");
  assert.equal(await page.locator(".app-header .child-name").textContent(), "小刚");
  // The failed request is the only problem the page saw.
  assert.deepEqual(problems().filter((p) => !/jianfu_app|ERR_INTERNET_DISCONNECTED|Failed to fetch|dynamically imported module/.test(p)), []);
  await context.close();
});
