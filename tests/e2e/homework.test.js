// The served app shows the demo class's homework for today, rendered by the
// Yew app from WebAssembly, with no console errors.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import http from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { BASE_URL, addFirstChild, launch, phone, schoolToday, watchedPage } from "../lib/browser.js";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function demoFeed() {
  const res = await fetch(new URL("demo/feeds/g4c2.json", BASE_URL));
  assert.equal(res.status, 200);
  return res.json();
}

/** GET with a chosen Accept-Encoding; the body exactly as it came over the wire. */
function rawGet(url, acceptEncoding) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { "accept-encoding": acceptEncoding } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });
}

test("precompressed brotli and gzip, chosen by Accept-Encoding, decode to the same bytes", async () => {
  const html = await (await fetch(BASE_URL)).text();
  const wasm = new URL(html.match(/data-app="[^" ]+ ([^"]+\.wasm)"/)[1], BASE_URL).href;
  const br = await rawGet(wasm, "gzip, deflate, br");
  const gz = await rawGet(wasm, "gzip");
  const plain = await rawGet(wasm, "identity");
  assert.equal(br.headers["content-encoding"], "br");
  assert.equal(gz.headers["content-encoding"], "gzip");
  assert.equal(plain.headers["content-encoding"], undefined);
  for (const r of [br, gz, plain]) {
    assert.equal(r.headers["content-type"], "application/wasm");
    assert.match(r.headers["cache-control"], /max-age=31536000.*immutable|immutable.*max-age=31536000/);
    assert.match(r.headers.vary ?? "", /accept-encoding/i);
  }
  assert.ok(br.body.length < gz.body.length, `brotli ${br.body.length} < gzip ${gz.body.length}`);
  assert.deepEqual(brotliDecompressSync(br.body), plain.body);
  assert.deepEqual(gunzipSync(gz.body), plain.body);
});

test("serves wasm with its MIME type and the security headers", async () => {
  const html = await (await fetch(BASE_URL)).text();
  const wasm = html.match(/data-app="[^" ]+ ([^"]+\.wasm)"/)[1];
  const res = await fetch(new URL(wasm, BASE_URL));
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "application/wasm");
  assert.match(res.headers.get("cache-control"), /immutable/);
  for (const path of ["", "embed-demo/", "demo/feeds/g4c2.json", wasm.replace(/^\//, ""), "jianfu/jianfu-widget.js", "sw.js", "inbox/health", "no/such/page"]) {
    const r = await fetch(new URL(path, BASE_URL));
    const csp = r.headers.get("content-security-policy") ?? "";
    assert.match(csp, /default-src 'self'; script-src 'self' 'wasm-unsafe-eval'/, `CSP on /${path}`);
    assert.ok(!/unsafe-eval'|unsafe-inline/.test(csp.replace("'wasm-unsafe-eval'", "")), `no unsafe-eval/inline on /${path}`);
    assert.equal(r.headers.get("x-content-type-options"), "nosniff", `nosniff on /${path}`);
    assert.equal(r.headers.get("referrer-policy"), "no-referrer", `referrer policy on /${path}`);
    assert.match(r.headers.get("permissions-policy") ?? "", /camera=\(\), microphone=\(\), geolocation=\(\)/, `permissions policy on /${path}`);
    assert.match(r.headers.get("strict-transport-security") ?? "", /max-age=31536000/, `HSTS on /${path}`);
    assert.equal(r.headers.get("cross-origin-opener-policy"), "same-origin", `COOP on /${path}`);
  }
  // /health says the inbox is up and nothing more (counts would let a
  // watcher time each submission).
  assert.deepEqual(await (await fetch(new URL("inbox/health", BASE_URL))).json(), { status: "ok" });
});

test("today's demo homework is visible, in Chinese by default", async () => {
  const feed = await demoFeed();
  const today = feed.days.find((d) => d.date === schoolToday());
  assert.ok(today && today.items.length > 0, "the demo feed has homework for today");

  const context = await phone(browser);
  const { page, problems } = await watchedPage(context);
  await page.goto(BASE_URL);
  await addFirstChild(page);
  const items = page.locator("li.item[data-item]");
  assert.equal(await items.count(), today.items.length);
  for (const item of today.items) {
    const row = page.locator(`li[data-item="${item.id}"]`);
    assert.equal(await row.locator(".title").textContent(), item.title["zh-CN"]);
    // A title that gives its minutes ("户外运动30分钟") does not get them twice (#16).
    if (new RegExp(`(^|\\D)${item.estimated_minutes}\\s*分`).test(item.title["zh-CN"])) {
      assert.equal(await row.locator(".minutes").count(), 0, item.id);
    } else {
      assert.match(await row.locator(".minutes").textContent(), new RegExp(`^${item.estimated_minutes} 分钟$`));
    }
  }
  const written = today.items
    .filter((i) => i.kind === "written" && (i.tier ?? "core") === "core")
    .reduce((sum, i) => sum + i.estimated_minutes, 0);
  assert.equal(await page.locator(".written-total strong").textContent(), `${written} 分钟`);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("English browsers get English labels and titles", async () => {
  const context = await phone(browser, { locale: "en-US" });
  const { page, problems } = await watchedPage(context);
  await page.goto(BASE_URL);
  await addFirstChild(page, "Ming");
  assert.equal(await page.locator("main h2").first().textContent(), "Today's homework");
  assert.deepEqual(problems(), []);
  await context.close();
});

// page.route cannot see requests a service worker makes, so these contexts block it.
test("an unreachable feed gives a clear message, not a blank page", async () => {
  const context = await phone(browser, { serviceWorkers: "block" });
  const { page } = await watchedPage(context);
  await page.route("**/demo/feeds/g4c2.json", (route) => route.fulfill({ status: 404, body: "no" }));
  await page.goto(BASE_URL);
  await page.locator("input[name=nickname]").fill("小明");
  await page.locator("form button[type=submit]").click();
  const alert = page.locator("[role=alert]");
  await alert.waitFor();
  // What it means for the parent, never the raw code (#16).
  assert.equal(await alert.textContent(), "学校的网站上找不到这份作业公示，请向老师核对链接。");
  await context.close();
});

test("an invalid feed names the problem and its JSON path", async () => {
  const feed = await demoFeed();
  delete feed.days[0].items[0].estimated_minutes;
  const context = await phone(browser, { serviceWorkers: "block" });
  const { page } = await watchedPage(context);
  await page.route("**/demo/feeds/g4c2.json", (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(feed) }));
  await page.goto(BASE_URL);
  await page.locator("input[name=nickname]").fill("小明");
  await page.locator("form button[type=submit]").click();
  const alert = page.locator("[role=alert]");
  await alert.waitFor();
  assert.match(await alert.textContent(), /days\[0\]\.items\[0\]\.estimated_minutes: missing/);
  await context.close();
});

test("with a child set up, the feed is fetched while the wasm downloads, and only once", async () => {
  const context = await phone(browser, { serviceWorkers: "block" });
  const { page, problems } = await watchedPage(context);
  await page.goto(BASE_URL);
  await addFirstChild(page);
  const requested = [];
  let feedSeen;
  const feedRequested = new Promise((r) => { feedSeen = r; });
  page.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    requested.push(path);
    if (path.endsWith("/demo/feeds/g4c2.json")) feedSeen(true);
  });
  // The app's wasm is held back until the feed has been asked for (or 10 s
  // pass): an app that fetched the feed only once its wasm ran would never
  // ask while the wasm is held.
  let askedWhileHeld = false;
  await page.route(/\/app\/jianfu_app_bg\.[0-9a-f]+\.wasm$/, async (route) => {
    askedWhileHeld = await Promise.race([feedRequested, new Promise((r) => setTimeout(() => r(false), 10_000))]);
    await route.continue();
  });
  await page.reload();
  await page.locator("li.item[data-item]").first().waitFor();
  assert.ok(askedWhileHeld, `the feed goes out while the wasm downloads: ${requested.join(", ")}`);
  assert.equal(requested.filter((p) => p.endsWith("/demo/feeds/g4c2.json")).length, 1,
    "the app takes the boot script's response instead of asking again");
  // What the boot script reads: the feed's URL, nothing about the child.
  const stored = await page.evaluate(() => ({ ...localStorage }));
  assert.deepEqual(Object.keys(stored), ["jianfu.feed"]);
  assert.equal(new URL(stored["jianfu.feed"]).pathname, "/demo/feeds/g4c2.json");
  assert.deepEqual(problems(), []);
  await context.close();
});
