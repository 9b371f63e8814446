// Shared helpers for the end-to-end tests: Debian's Chromium through
// playwright-core (no browser download), and a page wrapper that records
// console errors, page errors and CSP violations so every test can assert
// that none happened.
import { chromium } from "playwright-core";

export const BASE_URL = process.env.JIANFU_BASE_URL ?? "http://127.0.0.1:8080/";

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

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ARGS,
  });
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
  page.on("requestfailed", (req) => seen.push(`failed: ${req.url()} ${req.failure()?.errorText}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { page, problems: () => [...seen] };
}
