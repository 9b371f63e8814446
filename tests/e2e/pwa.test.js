// The app is an installable PWA: Chromium's own installability check
// (DevTools protocol Page.getInstallabilityErrors) finds nothing wrong, the
// manifest parses without errors, and its icons are served as PNG.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, controlled, launchPersistent, watchedPage } from "../lib/browser.js";

test("Chromium reports no installability errors", async () => {
  const context = await launchPersistent();
  const { page, problems } = await watchedPage(context);
  await page.goto(BASE_URL);
  await page.locator("input[name=nickname]").waitFor();
  await controlled(page);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  console.log(`# installability errors: ${JSON.stringify(installabilityErrors)}`);
  assert.deepEqual(installabilityErrors, []);
  const { errors, url } = await cdp.send("Page.getAppManifest");
  assert.deepEqual(errors, []);
  assert.match(url, /manifest\.webmanifest$/);
  const manifest = await (await fetch(new URL("manifest.webmanifest", BASE_URL))).json();
  for (const icon of manifest.icons.filter((i) => i.type === "image/png")) {
    const res = await fetch(new URL(icon.src, BASE_URL));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "image/png");
  }
  assert.ok(manifest.icons.some((i) => i.purpose === "maskable"));
  assert.deepEqual(problems(), []);
  await context.close();
});
