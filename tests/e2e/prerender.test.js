// The pre-rendered welcome screen (issue #13): a first visit in Chinese
// paints the welcome with the HTML, before the wasm arrives; it says
// exactly what the app's own first screen says, sits where it sits (so
// nothing moves when the app takes over), and is gone once the app is
// up. A returning parent, and an English browser, see the day's skeleton
// instead. (Its speed is measured by `cargo xtask bench`, not here.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, addFirstChild, launch, phone, watchedPage } from "../lib/browser.js";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The screen's text as a reader sees it (a select by its chosen option) and the boxes of its parts. */
async function describe(page, selector) {
  return page.evaluate((selector) => {
    const root = document.querySelector(selector);
    const text = [];
    const walk = (n) => {
      if (n.nodeType === Node.TEXT_NODE) text.push(n.textContent.trim());
      else if (n.tagName === "SELECT") text.push(n.selectedOptions[0]?.textContent ?? "");
      else n.childNodes.forEach(walk);
    };
    walk(root);
    const boxes = [...root.querySelectorAll("h1, h2, ul.first-run-lines, form, input, select, button")].map((e) => {
      const r = e.getBoundingClientRect();
      return `${e.tagName.toLowerCase()} ${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`;
    });
    return { text: text.filter(Boolean).join("|"), boxes };
  }, selector);
}

test("a first visit in Chinese paints the welcome with the HTML; it matches the app's and gives way to it; others see the day's skeleton", async () => {
  // Without the wasm: what the HTML alone paints.
  const bare = await phone(browser, { serviceWorkers: "block" });
  const first = await bare.newPage();
  await first.route(/\.wasm$/, (r) => r.abort());
  await first.goto(BASE_URL);
  await first.locator("#pre .first-run-lines").waitFor();
  assert.ok(await first.locator("#app").isHidden(), "the day's skeleton is not shown to a first visit");
  assert.equal(await first.locator("#pre").getAttribute("inert"), "", "nothing can be typed into it");
  const pre = await describe(first, "#pre > .app");
  await bare.close();

  // With it: the app's first screen says and places the same, and the
  // pre-rendered copy is gone.
  const full = await phone(browser, { serviceWorkers: "block" });
  const { page, problems } = await watchedPage(full);
  await page.goto(BASE_URL);
  await page.locator("input[name=nickname]").waitFor();
  assert.equal(await page.locator("#pre").count(), 0, "removed once the app is up");
  const app = await describe(page, "#app > .app");
  assert.equal(pre.text, app.text, "the pre-rendered welcome says what the app says");
  assert.deepEqual(pre.boxes, app.boxes, "and puts it in the same places");

  // A returning parent (the app remembered the feed): the day's skeleton.
  await addFirstChild(page);
  assert.deepEqual(problems(), []);
  // (From here the wasm is refused on purpose: its failure is expected.)
  await page.route(/\.wasm$/, (r) => r.abort());
  await page.reload();
  await page.locator("#app .skeleton").waitFor();
  assert.ok(await page.locator("#pre").isHidden(), "no welcome for a returning parent");
  await full.close();

  // An English browser: the skeleton, not a Chinese welcome that the app
  // would then replace with an English one.
  const en = await phone(browser, { locale: "en-US", serviceWorkers: "block" });
  const third = await en.newPage();
  await third.route(/\.wasm$/, (r) => r.abort());
  await third.goto(BASE_URL);
  await third.locator("#app .skeleton").waitFor();
  assert.ok(await third.locator("#pre").isHidden());
  await en.close();
});
