// The screenshot gallery (#16): every screen of the parent app at 360 px and
// 1280 px, in zh-CN and in English, written to tests/output/gallery/ (not
// committed) with an index.html, so a reviewer can look at all of them in
// one folder. It asserts that each screen rendered what it is for, and
// that nothing failed on the way.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { BASE_URL, addFirstChild, fillSurvey, go, launch, watchedPage } from "../lib/browser.js";

const OUT = new URL("../output/gallery/", import.meta.url);

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** [file name, hash, what must be on screen]. */
const SCREENS = [
  ["log", "#/log", "#more form"],
  ["sleep", "#/sleep", "#more form"],
  ["week", "#/week", "#more .week-table"],
  ["month", "#/month", "#more .month-table"],
  ["feedback", "#/surveys", "#more a.survey-title"],
  // A printed invitation's link without its code: the code box of a token survey.
  ["invitation", "#/invite/%2Fdemo%2Fsurveys%2F2026-autumn-invited.json/", "#more #invite-code"],
  ["report", "#/report", "#more details.group"],
  ["outbox", "#/outbox", "#more .outbox"],
  ["data", "#/data", "#more .hub"],
  ["children", "#/children", "#more .child-list li"],
];

test("the gallery: every screen at 360 px and 1280 px, in zh-CN and English", async () => {
  await mkdir(OUT, { recursive: true });
  const written = [];
  for (const locale of ["zh-CN", "en-US"]) {
    for (const width of [360, 1280]) {
      const context = await browser.newContext({
        viewport: { width, height: width === 360 ? 740 : 800 },
        deviceScaleFactor: width === 360 ? 2 : 1,
        isMobile: width === 360,
        hasTouch: width === 360,
        locale,
      });
      const { page, problems } = await watchedPage(context);
      const shot = async (name) => {
        const file = `${locale}-${width}-${name}.png`;
        await page.screenshot({ path: new URL(file, OUT).pathname, fullPage: true });
        written.push(file);
      };
      await page.goto(BASE_URL);
      await page.locator("input[name=nickname]").waitFor();
      await shot("01-first-run");
      await addFirstChild(page, locale === "en-US" ? "Ming" : "小明");
      await shot("02-today");
      await page.locator("li.item[data-item] button.start").first().click();
      await page.locator(".timer").waitFor();
      await shot("03-timer");
      await page.locator(".timer button.primary").click();
      await page.locator(".timer .short").waitFor();
      await shot("04-timer-under-a-minute");
      await page.locator(".timer .short button.primary").click();
      await page.locator(".timer").waitFor({ state: "detached" });
      let n = 5;
      for (const [name, hash, ready] of SCREENS) {
        await go(page, hash);
        await page.locator(ready).first().waitFor();
        await shot(`${String(n++).padStart(2, "0")}-${name}`);
      }
      await fillSurvey(page);
      await shot(`${String(n++).padStart(2, "0")}-survey-preview`);
      assert.deepEqual(problems(), [], `${locale} at ${width} px`);
      await context.close();
    }
  }
  const html = `<!doctype html><meta charset="utf-8"><title>Jianfu gallery</title>
<style>body{font:14px system-ui;margin:1rem}figure{display:inline-block;margin:0 1rem 1rem 0;vertical-align:top}img{max-width:360px;border:1px solid #ccc}</style>
${written.map((f) => `<figure><img src="${f}" alt="${f}"><figcaption>${f}</figcaption></figure>`).join("\n")}`;
  await writeFile(new URL("index.html", OUT), html);
  console.log(`# gallery: ${written.length} screenshots in ${OUT.pathname}`);
  assert.equal(written.length, 4 * (5 + SCREENS.length));
});
