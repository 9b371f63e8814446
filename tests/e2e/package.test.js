// `npm pack` in pkg/ gives a tarball that works when copied into any static
// site: unpacked into a fresh folder, served by a plain static server with
// the strict CSP of the spec, the widget renders a feed and logs no errors.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtemp, mkdir, readFile, writeFile, cp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BASE_URL, launch, watchedPage } from "../lib/browser.js";

const ROOT = process.env.JIANFU_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("the npm package works copied into a plain static site", async () => {
  const work = await mkdtemp(path.join(tmpdir(), "jianfu-pack-"));
  const tgz = execFileSync("npm", ["pack", "--silent", "--pack-destination", work], { cwd: path.join(ROOT, "pkg"), encoding: "utf8" }).trim();
  const files = execFileSync("tar", ["-tzf", path.join(work, tgz)], { encoding: "utf8" }).trim().split("\n").sort();
  assert.deepEqual(files, [
    "package/README.md", "package/jianfu-styles.js", "package/jianfu-widget.js", "package/jianfu.js",
    "package/jianfu_app.js", "package/jianfu_app_bg.wasm", "package/package.json",
  ]);
  execFileSync("tar", ["-xzf", path.join(work, tgz), "-C", work]);
  const site = path.join(work, "site");
  await mkdir(site, { recursive: true });
  await cp(path.join(work, "package"), path.join(site, "vendor", "jianfu"), { recursive: true });
  // A feed of this site's own (no inbox here: surveys and submit left out).
  const feed = await (await fetch(new URL("demo/feeds/g4c2.json", BASE_URL))).json();
  delete feed.surveys;
  delete feed.submit;
  await writeFile(path.join(site, "g4c2.json"), JSON.stringify(feed));
  await writeFile(path.join(site, "index.html"), `<!doctype html><html><head><meta charset="utf-8"><title>portal</title>
<script type="module" src="/vendor/jianfu/jianfu-widget.js"></script></head>
<body><jianfu-widget feed="/g4c2.json" lang="zh-CN"></jianfu-widget></body></html>`);

  const server = createServer(async (req, res) => {
    if (req.url === "/favicon.ico") {
      res.writeHead(204);
      res.end();
      return;
    }
    const file = path.join(site, decodeURIComponent(new URL(req.url, "http://x").pathname).replace(/\/$/, "/index.html"));
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
        "content-security-policy": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'",
      });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  try {
    const context = await browser.newContext({ locale: "zh-CN" });
    const { page, problems } = await watchedPage(context);
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.locator("jianfu-widget li.item").first().waitFor();
    assert.equal(await page.locator("jianfu-widget .widget-header").textContent(), "减负 · 四年级(2)班");
    assert.deepEqual(problems(), []);
    await context.close();
  } finally {
    server.close();
  }
});
