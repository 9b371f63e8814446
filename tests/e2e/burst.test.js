// The app's outbox sends a burst of 1,000 sealed reports to a real
// `jianfu inbox` process, which is killed with SIGKILL part-way through and
// restarted. Every report the app recorded as acknowledged is already in
// the inbox's store when it comes back; the rest are re-sent by the app's
// own retry logic; in the end each of the 1,000 is stored exactly once.
//
// The app's CSP allows `connect-src 'self'`, so the page posts to its own
// origin (`/burst-inbox/`) and Playwright forwards each request unchanged to
// the inbox process; when the process is dead the page gets a refused
// connection, as it would from a dead server.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { BASE_URL, addFirstChild, go, launch, phone, storedRecords, watchedPage } from "../lib/browser.js";

const ROOT = process.env.JIANFU_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const KEY = process.env.JIANFU_DEMO_KEY ?? path.join(ROOT, ".demo/bureau-key.json");
const BIN = process.env.JIANFU_BIN ?? path.join(ROOT, "target/debug/jianfu");
const COUNT = 1000;
const run = promisify(execFile);

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** Starts `jianfu inbox` and waits until it answers. */
async function startInbox(port, db, survey, budgets = [
  // One browser is one source here, held to 300 reports a minute (burst
  // 300), so that the burst certainly meets it: the restarted inbox has
  // 300 for the 389 to 700 reports still to come. The budget of all
  // sources together is lifted: under it a report would be asked for a
  // proof of work (428) instead, which the last test here covers.
  "--source-reports-per-minute", "300", "--reports-per-minute", "1000000"]) {
  const child = spawn(BIN, ["inbox", "--listen", `127.0.0.1:${port}`, "--db", db, "--survey", survey, "--allow-origin", new URL(BASE_URL).origin, ...budgets], { stdio: "ignore" });
  for (let i = 0; i < 200; i += 1) {
    try { if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("the inbox did not start");
}

/** Seals `count` distinct reports with the bureau's public key, 16 at a time. */
async function sealAll(dir, count = COUNT) {
  const envelopes = [];
  for (let start = 0; start < count; start += 16) {
    const batch = [];
    for (let i = start; i < Math.min(start + 16, count); i += 1) {
      const file = path.join(dir, `report-${i}.json`);
      batch.push(writeFile(file, JSON.stringify({
        format: "jianfu.report/1", category: "other", school: "jinshui-exp-primary", grade: null, class: null,
        occurred_on: "2026-11-19", description: `burst #${i}`, contact: null,
      })).then(() => run(BIN, ["seal", "--to", KEY, file])).then(({ stdout }) => JSON.parse(stdout)));
    }
    envelopes.push(...await Promise.all(batch));
  }
  return envelopes;
}

/** The indexes of the reports in the store, opened with the bureau's private key. */
async function stored(db) {
  const { stdout } = await run(BIN, ["open", "--key", KEY, "--db", db], { maxBuffer: 64 << 20 });
  return stdout.trim().split("\n").filter(Boolean).map((l) => Number(JSON.parse(l).description.replace("burst #", "")));
}

/** Puts sealed `envelopes` into the app's outbox, due now, sent to `url`. */
async function putInOutbox(page, envelopes, url) {
  const now = Math.floor(Date.now() / 1000);
  await page.evaluate(async ({ envelopes, url, now }) => {
    const db = await new Promise((res, rej) => { const r = indexedDB.open("jianfu"); r.onsuccess = () => res(r.result); r.onerror = rej; });
    const tx = db.transaction("outbox", "readwrite");
    for (const e of envelopes) {
      tx.objectStore("outbox").put(JSON.stringify({
        id: e.id, kind: "report", survey: null, url, body: JSON.stringify(e),
        created_on: "2026-11-19", state: "waiting", reason: null, attempts: 0, next_at: now,
      }), e.id);
    }
    await new Promise((res, rej) => { tx.oncomplete = res; tx.onerror = rej; });
    db.close();
  }, { envelopes, url, now });
}

/** Forwards the page's `/burst-inbox/…` requests to the inbox on `port()`. */
function forward(context, port, seen = () => {}) {
  return context.route("**/burst-inbox/**", async (route) => {
    const url = `http://127.0.0.1:${port()}/${new URL(route.request().url()).pathname.split("/burst-inbox/")[1]}`;
    try {
      const response = await route.fetch({ url });
      seen(response.status());
      await route.fulfill({ response });
    } catch {
      await route.abort("connectionrefused");
    }
  });
}

/** The app's outbox as stored in IndexedDB. */
async function outbox(page) {
  return (await storedRecords(page)).outbox.map((v) => JSON.parse(v));
}

test("1,000 outbox items, the inbox SIGKILLed mid-burst and restarted: each lands exactly once", { timeout: 180_000 }, async (t) => {
  const dir = await mkdtemp(`${tmpdir()}/jianfu-burst-`);
  const db = path.join(dir, "inbox.sqlite");
  const survey = path.join(dir, "survey.json");
  await writeFile(survey, await (await fetch(new URL("demo/surveys/2026-autumn.json", BASE_URL))).text());
  const envelopes = await sealAll(dir);
  const index = new Map(envelopes.map((e, i) => [e.id, i]));
  const port = await freePort();
  // The inbox runs with a real budget for reports (300 a minute from this
  // source), so that this burst of 1,000 is certainly answered 429 ("too
  // many") on the way: the app must retry those, never give up on them.
  let inbox = await startInbox(port, db, survey);
  t.after(() => inbox.kill("SIGKILL"));

  const browser = await launch();
  t.after(() => browser.close());
  const context = await phone(browser, { serviceWorkers: "block" });
  let acked = 0;
  let busy = 0;
  let killed;
  const killedNow = new Promise((resolve) => { killed = resolve; });
  await forward(context, () => port, (status) => {
    if (status === 201 && (acked += 1) === 300) killed();
    if (status === 429) busy += 1;
  });
  const { page, problems } = await watchedPage(context);
  await page.goto(BASE_URL);
  await addFirstChild(page);

  // 1,000 sealed reports waiting in the outbox, as if filed over weeks offline.
  await putInOutbox(page, envelopes, new URL("burst-inbox/reports", BASE_URL).href);
  await page.reload();

  // Killed after the 300th acknowledgement.
  await killedNow;
  inbox.kill("SIGKILL");
  await new Promise((r) => inbox.once("exit", r));
  await page.waitForTimeout(1500);
  const before = await outbox(page);
  const sentBefore = before.filter((i) => i.state === "sent").map((i) => index.get(i.id));
  assert.equal(before.length, COUNT);
  assert.ok(sentBefore.length >= 300 && sentBefore.length < COUNT, `some acknowledged, some not (${sentBefore.length})`);
  assert.equal(before.filter((i) => i.state === "failed").length, 0, "a dead server is retried, never given up on");

  // Restarted: everything the app saw acknowledged is already there.
  inbox = await startInbox(port, db, survey);
  const afterRestart = new Set(await stored(db));
  const lost = sentBefore.filter((i) => !afterRestart.has(i));
  assert.deepEqual(lost, [], "every acknowledged report survived the SIGKILL");

  // No `online` event tells the app the inbox is back: the first retry of
  // the back-off that gets through wakes the rest, which are re-sent.
  const deadline = Date.now() + 180_000;
  let items = await outbox(page);
  while (items.some((i) => i.state !== "sent") && Date.now() < deadline) {
    await page.waitForTimeout(3000);
    items = await outbox(page);
  }
  assert.ok(busy > 0, "the inbox's rate limit answered 429 during the burst");
  assert.equal(items.filter((i) => i.state === "failed").length, 0, "a 429 or a dead server is retried, never final");
  assert.equal(items.filter((i) => i.state === "sent").length, COUNT, "all 1,000 acknowledged in the end");
  const final = await stored(db);
  const counts = new Map();
  for (const i of final) counts.set(i, (counts.get(i) ?? 0) + 1);
  assert.equal(final.length, COUNT, "exactly 1,000 stored");
  assert.equal(counts.size, COUNT, "each of the 1,000 exactly once");
  console.log(`# burst: ${sentBefore.length} acknowledged before the SIGKILL, ${COUNT - sentBefore.length} re-sent after the restart; ${busy} answers 429 on the way; ${final.length} stored, no duplicates`);
  const tooMany = /^HTTP 429: .*\/burst-inbox\/reports$|status of 429 \(Too Many Requests\)/;
  assert.deepEqual(problems().filter((p) => !/failed: .*burst-inbox|Failed to fetch|ERR_CONNECTION_REFUSED|ERR_INTERNET_DISCONNECTED/.test(p) && !tooMany.test(p)), []);
});

/** The proof of work of `jianfu_core::pow`, written again here from its
 * definition: SHA-256("jianfu.pow/1" ‖ seed ‖ id ‖ nonce as u64 LE) with
 * `difficulty` leading zero bits. */
function solve({ seed, difficulty }, id) {
  const prefix = Buffer.concat([Buffer.from("jianfu.pow/1"), Buffer.from(seed, "base64"), Buffer.from(id)]);
  const nonce = Buffer.alloc(8);
  for (let n = 0n; ; n += 1n) {
    nonce.writeBigUInt64LE(n);
    const h = createHash("sha256").update(prefix).update(nonce).digest();
    let bits = 0;
    for (const b of h) { if (b === 0) { bits += 8; continue; } bits += Math.clz32(b) - 24; break; }
    if (bits >= difficulty) return `${seed}:${n}`;
  }
}

/** Posts a valid-looking random envelope as another parent would, solving
 * the challenge when asked; returns the difficulty it was asked for (0: none). */
async function postAsAnotherParent(port, template) {
  const e = { ...template, id: randomBytes(16).toString("base64url"), enc: randomBytes(32).toString("base64url") };
  const post = (headers = {}) => fetch(`http://127.0.0.1:${port}/reports`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(e) });
  let res = await post();
  if (res.status !== 428) { assert.equal(res.status, 201); return 0; }
  const { challenge } = await res.json();
  res = await post({ "jianfu-proof": solve(challenge, e.id) });
  assert.equal(res.status, 201, await res.text());
  return challenge.difficulty;
}

test("a busy inbox asks the app's report for a proof of work: solved in the page, which stays responsive, and stored once", { timeout: 120_000 }, async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), "jianfu-busy-"));
  const db = path.join(dir, "inbox.sqlite");
  const survey = path.join(dir, "survey.json");
  await writeFile(survey, await (await fetch(new URL("demo/surveys/2026-autumn.json", BASE_URL))).text());
  const [template, mine] = await sealAll(dir, 2);
  const port = await freePort();
  // Ten reports a minute from everyone: other parents' reports spend it
  // and, paying with proofs, run it into debt, so the difficulty climbs.
  const inbox = await startInbox(port, db, survey, ["--reports-per-minute", "10"]);
  t.after(() => inbox.kill("SIGKILL"));
  let asked = 0;
  for (let i = 0; i < 20 && asked < 17; i += 1) asked = await postAsAnotherParent(port, template);
  assert.ok(asked >= 17, `the difficulty climbed with the load (${asked})`);

  const browser = await launch();
  t.after(() => browser.close());
  const context = await phone(browser, { serviceWorkers: "block" });
  const statuses = [];
  await forward(context, () => port, (status) => statuses.push(status));
  const { page, problems } = await watchedPage(context);
  await page.goto(BASE_URL);
  await addFirstChild(page);
  // What the outbox says while the proof is solved (it may be brief on a
  // fast machine: recorded as it happens), and the long tasks meanwhile:
  // the page must keep answering.
  await page.addInitScript(() => {
    window.__busy = [];
    window.__longest = 0;
    new MutationObserver(() => {
      for (const li of document.querySelectorAll("li.out-item.busy")) window.__busy.push(li.querySelector(".state")?.textContent);
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
      .observe({ type: "longtask" });
  });
  await putInOutbox(page, [mine], new URL("burst-inbox/reports", BASE_URL).href);
  await page.reload();
  await go(page, "#/outbox");
  const solving = Date.now();
  await page.locator(`li.out-item.sent[data-out="${mine.id}"]`).waitFor({ timeout: 60_000 });
  const busyText = await page.evaluate(() => window.__busy);
  assert.ok(busyText.length > 0, "the outbox said it was sending to a busy server");
  assert.ok(busyText.every((t) => t === "正在发送（服务器繁忙）…"), JSON.stringify(busyText));
  const longest = await page.evaluate(() => window.__longest);
  console.log(`# busy inbox: other parents were last asked for difficulty ${asked}; the app's report was asked for ${statuses.includes(428) ? "a proof" : "nothing"}, solved and acknowledged in ${Date.now() - solving} ms; longest task meanwhile ${Math.round(longest)} ms`);
  assert.deepEqual(statuses, [428, 201], "asked once, accepted with the proof");
  assert.ok(longest < 250, `the page stayed responsive (longest task ${longest} ms)`);
  // The other parents' reports are random bytes: `open` says so on stderr
  // (and exits 1) and prints the one it could open.
  const { stdout } = await run(BIN, ["open", "--key", KEY, "--db", db]).catch((e) => e);
  const opened = stdout.trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(opened.filter((r) => r.description === "burst #1").length, 1, "the app's report stored once");
  const busyAnswer = /^HTTP 428: .*\/burst-inbox\/reports$|status of 428 \(Precondition Required\)/;
  assert.deepEqual(problems().filter((p) => !busyAnswer.test(p)), []);
});
