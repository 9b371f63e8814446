// Shared helpers for the end-to-end tests: Debian's Chromium through
// playwright-core (no browser download), and a page wrapper that records
// console errors, page errors and CSP violations so every test can assert
// that none happened.
import { chromium } from "playwright-core";

import path from "node:path";
import { cuttableNetwork } from "./network.js";
import { fileURLToPath } from "node:url";

export const BASE_URL = process.env.JIANFU_BASE_URL ?? "http://127.0.0.1:8080/";

/** The repository, the demo inbox's store, the demo bureau key and the CLI, as `cargo xtask test` passes them. */
export const ROOT = process.env.JIANFU_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DB = process.env.JIANFU_INBOX_DB ?? path.join(ROOT, ".demo/inbox.sqlite");
export const KEY = process.env.JIANFU_DEMO_KEY ?? path.join(ROOT, ".demo/bureau-key.json");
export const BIN = process.env.JIANFU_BIN ?? path.join(ROOT, "target/debug/jianfu");

/** The ISO date `n` days after `iso`. */
export function addDays(iso, n) {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Flags this machine needs: headless, as root, no network of Chromium's own. */
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/**
 * A non-incognito Chromium profile in a fresh temporary directory (Chromium
 * refuses to judge installability in off-the-record contexts).
 */
export async function launchPersistent({ dir, ...options } = {}) {
  const { mkdtemp } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  dir ??= await mkdtemp(`${tmpdir()}/jianfu-profile-`);
  return chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ARGS,
    viewport: { width: 412, height: 823 },
    locale: "zh-CN",
    ...options,
  });
}

/**
 * Headless Chromium. With `network` (from `lib/network.js`), every request
 * goes through that network, which a test can cut for real.
 */
export async function launch({ network } = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [...ARGS, ...(network?.args ?? [])],
  });
}

/**
 * What a cut network looks like in `watchedPage`'s problems: requests that
 * failed for want of a connection (the proxy's socket closed or refused).
 */
export const CUT = /ERR_INTERNET_DISCONNECTED|ERR_PROXY_CONNECTION_FAILED|ERR_TUNNEL_CONNECTION_FAILED|ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|ERR_CONNECTION_CLOSED|ERR_EMPTY_RESPONSE|Failed to fetch/;

/**
 * Chromium behind a network the test can cut at the socket
 * (`lib/network.js`): `{ browser, network }`; close both.
 */
export async function launchCuttable() {
  const network = await cuttableNetwork();
  return { browser: await launch({ network }), network };
}

/** A phone-sized context (360 × 740) in the given locale. */
export async function phone(browser, { locale = "zh-CN", ...rest } = {}) {
  return browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale,
    ...rest,
  });
}

/**
 * Opens a page that records problems: `problems()` returns console errors,
 * uncaught exceptions and CSP violations seen so far.
 */
export async function watchedPage(context) {
  const page = await context.newPage();
  const seen = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") seen.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => seen.push(`pageerror: ${err.message}`));
  page.on("response", (res) => {
    if (res.status() >= 400) seen.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  page.on("requestfailed", (req) => {
    // ERR_ABORTED is a request cut short by a navigation or reload, not a failure.
    const why = req.failure()?.errorText ?? "";
    if (!why.includes("ERR_ABORTED")) seen.push(`failed: ${req.url()} ${why}`);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { page, problems: () => [...seen] };
}

/** Goes to an app route by its hash (`#/log`), as a tapped link does. */
export async function go(page, hash) {
  await page.evaluate((h) => { location.hash = h; }, hash);
}

/** Adds the first child through the welcome form and waits for today's list. */
export async function addFirstChild(page, nickname = "小明", grade = "4") {
  await page.locator("input[name=nickname]").fill(nickname);
  await page.locator("select[name=grade]").selectOption(grade);
  await page.locator("form button[type=submit]").click();
  await page.locator("li.item[data-item], p.empty").first().waitFor();
}

/** Today's date in the demo school's zone (Asia/Shanghai, UTC+8). */
export function schoolToday(now = Date.now()) {
  return new Date(now + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/**
 * Installs Playwright's clock at 17:00 of today in the school's zone, so a
 * test that moves the clock by an hour or times half an hour stays on
 * today wherever in the day it runs (run near midnight, entries landed on
 * the previous day and "today's" log was empty).
 */
export async function installSchoolClock(context) {
  await context.clock.install({ time: Date.parse(`${schoolToday()}T17:00:00+08:00`) });
}

/**
 * Runs axe-core on the page and returns the serious and critical violations
 * as short strings. Needs a context created with `bypassCSP: true` (axe is
 * injected as an inline script, which the app's CSP rightly forbids).
 */
export async function axeProblems(page) {
  const { createRequire } = await import("node:module");
  const require = createRequire(import.meta.url);
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

/** Waits until the page is controlled by the app's service worker. */
export async function controlled(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
    }
  });
}

/** Every value in every IndexedDB store of the page, as one string. */
export async function dumpIndexedDb(page) {
  return page.evaluate(async () => {
    const out = [];
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise((res, rej) => { const r = indexedDB.open(name); r.onsuccess = () => res(r.result); r.onerror = rej; });
      for (const store of db.objectStoreNames) {
        const all = await new Promise((res) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => res(r.result); });
        out.push(...all.map((v) => (typeof v === "string" ? v : JSON.stringify(v))));
      }
      db.close();
    }
    return out.join("\n");
  });
}

/**
 * Kills every Chromium process of the profile in `dir` with SIGKILL, as the
 * system kills a phone's browser: no unload, no flush, no goodbye.
 */
export async function killProfile(dir) {
  const { readdir, readFile } = await import("node:fs/promises");
  let killed = 0;
  for (const pid of await readdir("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    const cmd = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    if (cmd.includes(`--user-data-dir=${dir}`)) {
      try { process.kill(Number(pid), "SIGKILL"); killed += 1; } catch { /* already gone */ }
    }
  }
  return killed;
}

/** Opens the first survey, answers the required questions and stops at the preview. */
export async function fillSurvey(page) {
  await page.evaluate(() => { location.hash = "#/surveys"; });
  await page.locator("a.survey-title").first().click();
  const q = (id) => page.locator(`fieldset[data-question="${id}"]`);
  await q("q1").locator("input[value='3']").check();
  await q("q2").locator("input[value='a']").check();
  await q("q4").locator("input").fill("40");
  await page.locator("form button[type=submit]").click();
  await page.locator("pre[data-preview=response]").waitFor();
}

/** Files a report in the "other" category with `description`, sealed into the outbox. */
export async function fileReport(page, description) {
  await page.evaluate(() => { location.hash = "#/report"; });
  await pickCategory(page, "other");
  await page.locator("textarea[name=description]").fill(description);
  await page.locator("form button[type=submit]").click();
}

/**
 * The app's IndexedDB database as stored: for each store its values
 * (`out.entries`) and keys (`out.entriesKeys`).
 */
export async function storedRecords(page, name = "jianfu") {
  return page.evaluate(async (name) => {
    const db = await new Promise((res, rej) => { const r = indexedDB.open(name); r.onsuccess = () => res(r.result); r.onerror = rej; });
    const all = (store, method) => new Promise((res) => { const r = db.transaction(store).objectStore(store)[method](); r.onsuccess = () => res(r.result); });
    const out = {};
    for (const store of db.objectStoreNames) {
      out[store] = await all(store, "getAll");
      out[`${store}Keys`] = await all(store, "getAllKeys");
    }
    db.close();
    return out;
  }, name);
}

/**
 * What the demo inbox holds: `{responses, reports}` as lists of the stored
 * JSON documents, read through its admin export (`/inbox/export/…`, the
 * token beside the store) — /health says nothing about counts.
 */
export async function inboxStored() {
  const { readFile } = await import("node:fs/promises");
  const token = (await readFile(path.join(path.dirname(DB), "admin-token"), "utf8")).trim();
  const get = async (kind) => {
    const res = await fetch(new URL(`inbox/export/${kind}`, BASE_URL), { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`export/${kind}: HTTP ${res.status}`);
    return (await res.text()).split("\n").filter(Boolean).map((l) => JSON.parse(l));
  };
  return { responses: await get("responses"), reports: await get("reports") };
}

/** The demo inbox's counts of stored responses and reports. */
export async function inboxCounts() {
  const { responses, reports } = await inboxStored();
  return { responses: responses.length, reports: reports.length };
}

/**
 * Presses "Done" on the nth running timer. Under a minute the app asks
 * first (keep as 1 minute, or discard): this keeps it, as a parent who
 * pressed "Done" means to.
 */
export async function finishTimer(page, n = 0) {
  const before = await page.locator(".timer").count();
  await page.locator(".timer").nth(n).locator("button.primary").click();
  await page.waitForFunction((b) => document.querySelector(".timer .short") || document.querySelectorAll(".timer").length < b, before);
  const keep = page.locator(".timer .short button.primary");
  if (await keep.count()) await keep.click();
}

/** Chooses a report category, opening its group first (one is open at a time). */
export async function pickCategory(page, code) {
  const group = page.locator(`details.group:has(input[value=${code}])`);
  if (!(await group.evaluate((d) => d.open))) await group.locator("summary").click();
  await page.locator(`input[value=${code}]`).check();
}

/**
 * Decodes the `n`th QR code drawn as SVG that `selector` matches: rendered
 * to a canvas on white, read by jsQR (the studio's notice, the invitation
 * slips). Returns the text it carries.
 */
export async function decodeSvgQr(page, selector, n = 0) {
  const { default: jsQR } = await import("jsqr");
  const { width, height, data } = await page.evaluate(async ([selector, n]) => {
    const svg = document.querySelectorAll(selector)[n];
    const xml = new XMLSerializer().serializeToString(svg);
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(xml)}`;
    await img.decode();
    const size = 400;
    const canvas = document.createElement("canvas");
    canvas.width = size;
    canvas.height = size;
    const g = canvas.getContext("2d");
    g.imageSmoothingEnabled = false;
    g.fillStyle = "#fff";
    g.fillRect(0, 0, size, size);
    g.drawImage(img, 0, 0, size, size);
    return { width: size, height: size, data: Array.from(g.getImageData(0, 0, size, size).data) };
  }, [selector, n]);
  const code = jsQR(Uint8ClampedArray.from(data), width, height);
  if (!code) throw new Error(`the QR code ${selector} [${n}] does not decode`);
  return code.data;
}
