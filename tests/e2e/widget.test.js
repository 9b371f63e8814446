// <jianfu-widget> on a hostile school portal page (web/embed-demo/): a
// stylesheet that unsets and overrides everything, the strict CSP of the
// spec, two widgets with different feeds and languages. Both render and
// work, nothing leaks either way, attributes re-render live, the report
// form never appears in the portal's page, and unmount() leaves the host
// DOM as it was.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, launch, watchedPage } from "../lib/browser.js";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const DEMO = new URL("embed-demo/", BASE_URL).href;

test("two widgets on a hostile portal under a strict CSP", async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 1200 }, locale: "zh-CN" });
  const { page, problems } = await watchedPage(context);
  const res = await page.goto(DEMO);
  assert.match(res.headers()["content-security-policy"], /default-src 'self'; script-src 'self' 'wasm-unsafe-eval'/);
  await page.locator("#w1 li.item").first().waitFor();
  await page.locator("#w2 .week").waitFor();

  // Rendered in shadow roots; the portal's CSS does not reach inside.
  const inside = await page.evaluate(() => {
    const title = document.querySelector("#w1").shadowRoot.querySelector(".item .title");
    const s = getComputedStyle(title);
    return { size: parseFloat(s.fontSize), color: s.color, font: s.fontFamily };
  });
  assert.ok(inside.size <= 20, `portal font size kept out (${inside.size}px)`);
  assert.notEqual(inside.color, "rgb(255, 0, 255)", "portal colour kept out");
  assert.ok(!/Comic/.test(inside.font));
  // The widget's CSS does not leak out either.
  assert.equal(await page.evaluate(() => document.querySelectorAll(".item, .widget").length), 0);
  // Brand colour from a CSS custom property set by the portal.
  const brand = await page.evaluate(() => getComputedStyle(document.querySelector("#w2").shadowRoot.querySelector(".widget-header")).backgroundColor);
  assert.equal(brand, "rgb(138, 21, 56)");
  assert.equal(await page.locator("#w1 .widget-header").textContent(), "减负 · 四年级(2)班");
  assert.equal(await page.locator("#w2 .widget-header").textContent(), "Jianfu · Grade 8 Class 3");

  // Attributes re-render live.
  await page.evaluate(() => document.querySelector("#w1").setAttribute("lang", "en"));
  await page.locator("#w1 .widget-main h2", { hasText: "Today's homework" }).waitFor();
  await page.evaluate(() => document.querySelector("#w1").setAttribute("view", "week"));
  await page.locator("#w1 .week").waitFor();

  // Navigating inside the widget never touches the portal's URL.
  const before = page.url();
  await page.locator("#w2 .widget-nav a", { hasText: "Log" }).click();
  await page.locator("#w2 .log").waitFor();
  assert.equal(page.url(), before);

  // Reports open the bureau's own page; no report form in the portal's page.
  await page.evaluate(() => document.querySelector("#w2").setAttribute("view", "report"));
  const link = page.locator("#w2 a.button.primary");
  await link.waitFor();
  assert.equal(await link.getAttribute("target"), "_blank");
  assert.match(await link.getAttribute("href"), /#\/report$/);
  assert.match(await link.getAttribute("href"), /feed=.*g8c3\.json.*school=demo-no9-middle.*class=g8c3/);
  assert.equal(await page.locator("#w2 textarea, #w2 input[type=radio]").count(), 0);

  assert.deepEqual(problems(), [], "no CSP violations, console errors or failed requests");
  await context.close();
});

test("mount() and unmount() leave the host page's DOM as it was", async () => {
  const context = await browser.newContext({ locale: "en-US" });
  const { page, problems } = await watchedPage(context);
  await page.goto(DEMO);
  await page.locator("#w1 li.item").first().waitFor();
  const result = await page.evaluate(async () => {
    const before = document.body.innerHTML;
    const { mount } = await import("/jianfu/jianfu.js");
    const el = document.createElement("div");
    document.body.append(el);
    const handle = mount(el, { feed: "/demo/feeds/g4c2.json", lang: "en", view: "today" });
    await handle.ready;
    for (let i = 0; i < 100 && !el.querySelector("li.item"); i++) await new Promise((r) => setTimeout(r, 50));
    const rendered = el.querySelectorAll("li.item").length;
    handle.unmount();
    // Yew removes the DOM on its next scheduler turn.
    await new Promise((r) => setTimeout(r, 50));
    const leftInside = el.innerHTML;
    el.remove();
    // The custom element cleans up when removed, too.
    document.querySelector("#w2").remove();
    document.querySelector("main").append(Object.assign(document.createElement("jianfu-widget"), { id: "w2" }));
    document.querySelector("#w2").remove();
    return { rendered, leftInside, same: document.body.innerHTML.replace(/<jianfu-widget id="w2"[^>]*><\/jianfu-widget>/, "") === before.replace(/<jianfu-widget id="w2"[^>]*><\/jianfu-widget>/, "") };
  });
  assert.ok(result.rendered > 0, "mounted with the JS API");
  assert.equal(result.leftInside, "", "unmount() removed everything it rendered");
  assert.ok(result.same, "the host page's DOM is as it was");
  // Nothing keeps running after unmount: no errors over the next ticks.
  await page.waitForTimeout(2500);
  assert.deepEqual(problems(), []);
  await context.close();
});
