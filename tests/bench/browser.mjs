// Browser benchmarks for `cargo xtask bench`: the app and the minimal Yew
// counter, side by side, in Debian's headless Chromium driven through the
// DevTools protocol. Prints one JSON object on stdout; never asserts.
//
//   node bench/browser.mjs --app URL --counter URL --logs a.json,b.json,c.json [--runs 5]
//     [--bureau URL --district DIR]
//
// The emulated phone is issue 7's: 412 × 823, network latency 562.5 ms,
// 1.47 Mbit/s down, 675 kbit/s up, CPU slowed 4×.
import { chromium } from "playwright-core";
import { storedRecords } from "../lib/browser.js";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith("--")) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const RUNS = Number(args.runs ?? 5);
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--no-first-run", "--disable-sync", "--disable-dev-shm-usage"];
const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 2.625, isMobile: true, hasTouch: true, locale: "zh-CN" };
const NETWORK = { offline: false, latency: 562.5, downloadThroughput: (1.47e6) / 8, uploadThroughput: (675e3) / 8 };

/** Collects paint, LCP, layout shifts and long tasks from the very start of the page. */
function observe() {
  const perf = { lcp: 0, cls: 0, longTasks: [], marks: {} };
  window.__perf = perf;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) perf.lcp = e.renderTime || e.loadTime || e.startTime; })
    .observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) perf.cls += e.value; })
    .observe({ type: "layout-shift", buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) perf.longTasks.push([e.startTime, e.duration]); })
    .observe({ type: "longtask", buffered: true });
  perf.events = [];
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) if (e.interactionId) perf.events.push({ id: e.interactionId, name: e.name, duration: e.duration, start: e.startTime });
  }).observe({ type: "event", buffered: true, durationThreshold: 16 });
  // The moment a selector first matches (set by the test through __watch).
  window.__watch = (name, selector) => {
    const check = () => {
      if (!perf.marks[name] && document.querySelector(selector)) perf.marks[name] = performance.now();
    };
    check();
    new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  };
}

async function emulatePhone(page, { network = true } = {}) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  if (network) await cdp.send("Network.emulateNetworkConditions", NETWORK);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  return cdp;
}

/** Loads `url` and returns FCP, LCP, CLS, TBT and when `selector` first matched (ms). */
async function load(page, url, selector) {
  await page.addInitScript(`(${observe})(); document.addEventListener("DOMContentLoaded", () => window.__watch("ready", ${JSON.stringify(selector)}));`);
  await page.goto(url, { waitUntil: "commit" });
  await page.locator(selector).first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(3000); // let late long tasks and shifts land
  return page.evaluate(() => {
    const p = window.__perf;
    const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null;
    const tbt = p.longTasks.filter(([s]) => fcp === null || s >= fcp).reduce((t, [, d]) => t + Math.max(0, d - 50), 0);
    return { fcp, lcp: p.lcp || null, cls: p.cls, tbt, ready: p.marks.ready ?? null };
  });
}

function median(values) {
  const v = values.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  if (!v.length) return null;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}

function medians(runs) {
  const out = {};
  for (const k of Object.keys(runs[0])) out[k] = median(runs.map((r) => r[k]));
  return out;
}

/** A fresh, empty browser profile each run: nothing cached, nothing stored. */
async function firstVisits(browser, url, selector) {
  const runs = [];
  for (let i = 0; i < RUNS; i += 1) {
    const context = await browser.newContext({ ...PHONE, serviceWorkers: "block" });
    const page = await context.newPage();
    await emulatePhone(page);
    runs.push(await load(page, url, selector));
    await context.close();
  }
  return medians(runs);
}

/** The parent has a child set up; then the worker is warm and the network is off. */
async function appRepeatVisits(url) {
  const dir = await mkdtemp(`${tmpdir()}/jianfu-bench-`);
  const context = await chromium.launchPersistentContext(dir, { executablePath: "/usr/bin/chromium", headless: true, args: FLAGS, ...PHONE });
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(url);
  await page.locator("input[name=nickname]").fill("小明");
  await page.locator("select[name=grade]").selectOption("4");
  await page.locator("form button[type=submit]").click();
  await page.locator("li.item[data-item]").first().waitFor();
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload();
  await page.locator("li.item[data-item]").first().waitFor();
  await page.close();
  const offline = [];
  const cold = [];
  for (let i = 0; i < RUNS; i += 1) {
    const p = await context.newPage();
    const cdp = await emulatePhone(p, { network: false });
    await cdp.send("Network.emulateNetworkConditions", { ...NETWORK, offline: true });
    offline.push(await load(p, url, "li.item[data-item]"));
    await p.close();
  }
  // A "cold" load with the child set up: worker and HTTP cache gone, data kept
  // (what a parent sees after the browser evicted the app's cache).
  for (let i = 0; i < RUNS; i += 1) {
    const p = await context.newPage();
    await p.goto(url);
    await p.evaluate(async () => {
      for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
      for (const k of await caches.keys()) await caches.delete(k);
    });
    const cdp = await emulatePhone(p);
    await cdp.send("Network.clearBrowserCache");
    cold.push(await load(p, `${url}?cold=${i}`, "li.item[data-item]"));
    await p.close();
  }
  await context.close();
  return { offline: medians(offline), cold: medians(cold) };
}

/** The longest event duration of each interaction that `act` causes (Event Timing, ms). */
async function interaction(page, act) {
  const before = await page.evaluate(() => window.__perf.events.length);
  await act();
  await page.waitForTimeout(600);
  const events = await page.evaluate((n) => window.__perf.events.slice(n), before);
  // Entries under the 16 ms threshold are not reported: count them as 16.
  return events.length ? Math.max(...events.map((e) => e.duration)) : 16;
}

/**
 * From the pointer going down to the frame after the DOM shows the result
 * (`selector` present, or gone): what the parent waits for, including the
 * IndexedDB write the app completes before it says "started" or "saved".
 */
async function untilShown(page, act, selector, gone = false) {
  await page.evaluate(([sel, gone]) => {
    window.__shown = new Promise((resolve) => {
      let t0 = null;
      addEventListener("pointerdown", () => { t0 = performance.now(); }, { once: true, capture: true });
      const obs = new MutationObserver(() => {
        const el = document.querySelector(sel);
        if (t0 !== null && (gone ? !el : el)) {
          obs.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
        }
      });
      obs.observe(document, { subtree: true, childList: true, attributes: true });
    });
  }, [selector, gone]);
  await act();
  return page.evaluate(() => window.__shown);
}

async function appInteractions(browser, url) {
  const timer = { start: [], stop: [], week: [] };
  const shown = { start: [], stop: [], week: [] };
  for (let i = 0; i < RUNS; i += 1) {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.addInitScript(`(${observe})();`);
    await page.goto(url);
    await page.locator("input[name=nickname]").fill("小明");
    await page.locator("select[name=grade]").selectOption("4");
    await page.locator("form button[type=submit]").click();
    await page.locator("li.item[data-item]").first().waitFor();
    await emulatePhone(page, { network: false });
    let visible;
    timer.start.push(await interaction(page, async () => {
      visible = untilShown(page, () => page.locator("li.item[data-item] button.start").first().click(), ".timer");
      await visible;
    }));
    shown.start.push(await visible);
    // "Done" under a minute asks first (#16): its question is what shows.
    timer.stop.push(await interaction(page, async () => {
      visible = untilShown(page, () => page.locator(".timer button.primary").click(), ".timer .short");
      await visible;
    }));
    shown.stop.push(await visible);
    await page.locator(".timer .short button.primary").click();
    await page.locator(".timer").waitFor({ state: "detached" });
    timer.week.push(await interaction(page, async () => {
      visible = untilShown(page, () => page.locator("a.tab[href='#/week']").click(), ".week svg");
      await visible;
    }));
    shown.week.push(await visible);
    await context.close();
  }
  return {
    start_timer: median(timer.start), stop_timer: median(timer.stop), week_view: median(timer.week),
    start_timer_shown: median(shown.start), stop_timer_shown: median(shown.stop), week_view_shown: median(shown.week),
  };
}

async function counterInteraction(browser, url) {
  const clicks = [];
  for (let i = 0; i < RUNS; i += 1) {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.addInitScript(`(${observe})();`);
    await page.goto(url);
    await page.locator("#add").waitFor();
    await emulatePhone(page, { network: false });
    clicks.push(await interaction(page, () => page.locator("#add").click()));
    await context.close();
  }
  return { click: median(clicks) };
}

/** JS heap (after GC) and wasm linear memory, in bytes. */
async function memory(page, cdp) {
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  const wasm = await page.evaluate(async () => {
    // A glue is an ES module: importing its URL again returns the same
    // instance, and its init returns the already-instantiated exports. The
    // app has two (its first download and, once loaded, the second module).
    const first = document.querySelector("link[rel=modulepreload]")?.href ?? [...document.scripts].map((s) => s.src).find((s) => s.endsWith(".js"));
    const second = performance.getEntriesByType("resource").map((e) => e.name).filter((n) => /\/jianfu_more\.[0-9a-f]+\.js$/.test(n));
    let bytes = 0;
    for (const glue of [first, ...second]) {
      const mod = await import(glue);
      const exports = await mod.default();
      // The build shortens export names (#16), `memory` included: find it by type.
      const memory = Object.values(exports).find((v) => v instanceof WebAssembly.Memory);
      bytes += memory.buffer.byteLength;
    }
    return bytes;
  });
  return { js_heap: usedSize, wasm_memory: wasm, total: usedSize + wasm };
}

async function appMemory(browser, url, logs) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(url);
  await page.locator("input[name=import]").waitFor();
  const cdp = await context.newCDPSession(page);
  const empty = await memory(page, cdp);
  const started = Date.now();
  for (const [i, file] of logs.entries()) {
    if (i > 0) {
      // Another child, then import into it.
      await page.evaluate(() => { location.hash = "#/children"; });
      await page.locator("input[name=nickname]").fill(`孩子${i + 1}`);
      await page.locator("select[name=grade]").selectOption("4");
      await page.locator("form button[type=submit]").click();
      await page.locator("li.item[data-item], p.empty").first().waitFor();
      await page.evaluate(() => { location.hash = "#/data"; });
    }
    const { homework } = JSON.parse(await readFile(file, "utf8"));
    await page.locator("input[name=import]").setInputFiles(file);
    await page.locator(".notice", { hasText: `已导入 ${homework.length} 条作业记录` }).waitFor({ timeout: 120_000 });
  }
  const stored = await storedRecords(page);
  const children = { children: stored.children.length, entries: stored.entries.length, nights: stored.nights.length };
  const importSeconds = (Date.now() - started) / 1000;
  await page.evaluate(() => { location.hash = "#/"; });
  await page.locator("li.item[data-item], p.empty").first().waitFor();
  const loaded = await memory(page, cdp);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  // From today's homework to the view drawn, with a year of logs.
  const render = async (hash, selector) => {
    const times = [];
    for (let i = 0; i < RUNS; i += 1) {
      times.push(await page.evaluate(async ([hash, selector]) => {
        location.hash = "#/";
        await new Promise((r) => setTimeout(r, 300));
        const t = performance.now();
        location.hash = hash;
        while (!document.querySelector(selector)) await new Promise((r) => requestAnimationFrame(r));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return performance.now() - t;
      }, [hash, selector]));
    }
    return median(times);
  };
  const week = await render("#/week", ".week svg");
  const month = await render("#/month", ".month-table tbody tr");
  await context.close();
  return { empty, loaded, stored: children, import_seconds: importSeconds, week_render_ms: week, month_render_ms: month };
}

async function counterMemory(browser, url) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(url);
  await page.locator("#add").waitFor();
  const cdp = await context.newCDPSession(page);
  const m = await memory(page, cdp);
  await context.close();
  return m;
}

/**
 * The bureau's monitoring report over a district (`--district DIR` of class
 * feeds, `--bureau URL` of the desk) on the emulated phone's CPU (4×):
 * from the file input's change to the last class row drawn, the median of
 * three runs. Reading the files is in the figure; handing them to the
 * browser (the test harness's upload) is not.
 */
async function bureauMonitor(browser, url, dir) {
  const { readdir } = await import("node:fs/promises");
  const path = await import("node:path");
  const files = (await readdir(dir)).filter((f) => f.endsWith(".json")).sort().map((f) => path.join(dir, f));
  const load = [];
  const all = [];
  for (let run = 0; run < 3; run += 1) {
    const context = await browser.newContext({ ...PHONE });
    const page = await context.newPage();
    await page.addInitScript(`(${observe})();
      document.addEventListener("change", () => { window.__perf.marks.change ??= performance.now(); }, true);
      document.addEventListener("click", () => { window.__perf.marks.click ??= performance.now(); }, true);
      document.addEventListener("DOMContentLoaded", () => {
        window.__watch("summary", ".monitor-summary");
        window.__watch("all", "table.classes tbody tr:nth-child(${files.length})");
      });`);
    await page.goto(url);
    await page.locator("#monitor-files").waitFor();
    await emulatePhone(page, { network: false });
    await page.locator("#monitor-files").setInputFiles(files);
    await page.locator(".monitor-summary").waitFor({ timeout: 120_000 });
    await page.locator("text=/^(显示全部|Show all)$/").click();
    await page.locator(`table.classes tbody tr:nth-child(${files.length})`).waitFor({ timeout: 120_000 });
    const marks = await page.evaluate(() => window.__perf.marks);
    load.push(marks.summary - marks.change);
    all.push(marks.all - marks.click);
    await context.close();
  }
  const median = (xs) => Math.round([...xs].sort((a, b) => a - b)[1]);
  // load_ms: files chosen → read, parsed, computed, the summary, schools,
  // grades and the first 200 classes drawn; show_all_ms: the rest drawn.
  return { classes: files.length, load_ms: median(load), show_all_ms: median(all) };
}

// `--only interactions,memory` runs just those parts of the app's (for
// working on one figure; `cargo xtask bench` always runs everything).
const only = (args.only ?? "").split(",").filter(Boolean);
const want = (part) => only.length === 0 || only.includes(part);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: FLAGS });
const result = {
  runs: RUNS,
  app: {
    first_visit: want("first_visit") ? await firstVisits(browser, args.app, "input[name=nickname]") : null,
    ...(want("repeat") ? await appRepeatVisits(args.app) : {}),
    interactions: want("interactions") ? await appInteractions(browser, args.app) : null,
    memory: want("memory") ? await appMemory(browser, args.app, args.logs.split(",")) : null,
  },
  bureau: args.district && (only.length === 0 || only.includes("bureau"))
    ? { monitor_district: await bureauMonitor(browser, args.bureau, args.district) }
    : null,
  counter: only.length ? null : {
    first_visit: await firstVisits(browser, args.counter, "#add"),
    interactions: await counterInteraction(browser, args.counter),
    memory: await counterMemory(browser, args.counter),
  },
};
await browser.close();
process.stdout.write(`${JSON.stringify(result)}\n`);
