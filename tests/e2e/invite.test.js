// Survey tokens (issue #17) end to end: `jianfu invite` prints slips for the
// demo token survey; the first slip's QR code (decoded with jsQR, not read
// as a string) opens the parent app at the survey with the code filled in;
// the app redeems it online (blinded: the issuer never sees the token), the
// parent answers offline, and back online the answer is accepted once. The
// token waits in IndexedDB until then and is gone afterwards. A used code
// and a mistyped one are refused in words.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { BASE_URL, BIN, DB, ROOT, addFirstChild, decodeSvgQr, axeProblems, controlled, inboxStored, launchCuttable, CUT, phone, storedRecords, watchedPage } from "../lib/browser.js";

const SURVEY = "2026-autumn-invited";
const SURVEY_PATH = "/demo/surveys/2026-autumn-invited.json";

let browser, network;
before(async () => { ({ browser, network } = await launchCuttable()); });
after(async () => {
  await browser?.close();
  await network?.close();
});

/** Prints `count` invitations with the real CLI: the CSV's rows and the slips page. */
async function invite(count) {
  const dir = await mkdtemp(path.join(tmpdir(), "jianfu-invite-"));
  const def = path.join(dir, "survey.json");
  await writeFile(def, await (await fetch(new URL(SURVEY_PATH, BASE_URL))).text());
  const csv = path.join(dir, "codes.csv");
  const slips = path.join(dir, "slips.html");
  execFileSync(BIN, [
    "invite", "--survey", def, "--key", path.join(ROOT, ".demo/issuer-key.json"),
    "--issuer-db", path.join(path.dirname(DB), "issuer.sqlite"),
    "--count", String(count), "--out", csv, "--app", BASE_URL, "--survey-url", SURVEY_PATH, "--slips", slips,
  ], { stdio: ["ignore", "ignore", "pipe"] });
  const rows = (await readFile(csv, "utf8")).trim().split("\n").slice(1).map((l) => {
    const [code, link] = l.split(",");
    return { code, link };
  });
  return { rows, slips };
}

const answer = async (page) => {
  const q = (id) => page.locator(`fieldset[data-question="${id}"]`);
  await q("q1").locator("input[value='5']").check();
  await q("q2").locator("input[value='a']").check();
  await q("q4").locator("input").fill("35");
  await page.locator("form button[type=submit]").click();
  await page.locator("pre[data-preview=response]").waitFor();
};

test("a printed invitation's QR code leads to one accepted answer, answered offline, with no token left behind", async () => {
  const { rows, slips } = await invite(2);
  assert.match(rows[0].code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);

  // The printed page: one slip per code, each with its QR code.
  const printed = await browser.newPage();
  await printed.goto(`file://${slips}`);
  assert.equal(await printed.locator(".slip").count(), 2);
  assert.equal(await printed.locator(".slip .code").first().textContent(), rows[0].code);
  const link = await decodeSvgQr(printed, ".slip .qr svg", 0);
  assert.equal(link, rows[0].link, "the QR code carries the slip's link");
  assert.ok(link.startsWith(BASE_URL) && link.includes("#/invite/"), link);
  // The slip prints the issuer key the app pins (#26).
  const keyId = JSON.parse(await (await fetch(new URL(SURVEY_PATH, BASE_URL))).text()).issuer.key_id;
  assert.equal(await printed.locator(".slip .key code").first().textContent(), keyId);
  await printed.close();

  const context = await phone(browser, { bypassCSP: true });
  const { page, problems } = await watchedPage(context);
  const posts = [];
  page.on("request", (r) => { if (r.method() === "POST") posts.push({ url: r.url(), body: r.postData() ?? "" }); });
  await page.goto(BASE_URL);
  await addFirstChild(page, "小明");
  await controlled(page);

  // Scanned: the app opens at the survey, the code filled in and redeemed.
  await page.goto(link);
  const ready = page.locator(".invite-ready");
  await ready.waitFor();
  assert.match(await ready.textContent(), /邀请码已确认/);
  assert.match(await page.locator("h2").first().textContent(), /受邀家长问卷/);
  assert.equal(await page.locator(".issuer-key code").textContent(), keyId, "the form shows the slip's key");
  const issue = posts.find((p) => p.url.endsWith("/inbox/issue"));
  assert.ok(issue, "the code was redeemed");
  const sentToIssuer = JSON.parse(issue.body);
  assert.deepEqual(Object.keys(sentToIssuer).sort(), ["blinded_msg", "code", "survey"]);
  let stored = await storedRecords(page);
  const tokenKey = `token:${SURVEY}`;
  assert.ok(stored.metaKeys.includes(tokenKey), "the token waits in IndexedDB");
  const token = JSON.parse(stored.meta[stored.metaKeys.indexOf(tokenKey)]);
  // Blind: what the issuer saw is not the message it signed.
  assert.ok(!issue.body.includes(token.msg), "the issuer never saw the token message");
  assert.deepEqual(await axeProblems(page), [], "axe: the survey after redeeming");

  // Offline: the parent answers; the answer carries the token and waits.
  await network.cut();
  await answer(page);
  const preview = JSON.parse(await page.locator("pre[data-preview=response]").textContent());
  assert.equal(preview.survey, SURVEY);
  assert.deepEqual(preview.token, token, "the preview shows the token it sends");
  await page.getByRole("button", { name: "匿名发送" }).click();
  await page.locator(".thanks-state", { hasText: "待发送" }).waitFor();
  stored = await storedRecords(page);
  assert.ok(stored.metaKeys.includes(tokenKey), "the token stays until the answer is acknowledged");

  // Back online: accepted once; the token is deleted with the acknowledgement.
  const before = (await inboxStored()).responses.filter((r) => r.survey === SURVEY).length;
  await network.restore();
  await page.locator(".thanks-state", { hasText: "已匿名送达" }).waitFor({ timeout: 60_000 });
  const after = (await inboxStored()).responses.filter((r) => r.survey === SURVEY);
  assert.equal(after.length, before + 1, "accepted once");
  assert.ok(after.every((r) => !("token" in r)), "the inbox keeps no token in the answer");
  stored = await storedRecords(page);
  assert.ok(!stored.metaKeys.includes(tokenKey), "no token left in IndexedDB");
  assert.ok(!JSON.stringify(stored).includes(token.sig), "the signature is gone too");

  // The same slip on another phone: the code was used. A typo: said so.
  const other = await phone(browser, { bypassCSP: true });
  const second = await watchedPage(other);
  await second.page.goto(BASE_URL);
  await addFirstChild(second.page, "小红");
  await second.page.goto(link);
  const state = second.page.locator("#invite-state");
  await state.filter({ hasText: "已经用过了" }).waitFor();
  assert.equal(await second.page.locator("#invite-code").inputValue(), rows[0].code.replaceAll("-", ""));
  assert.deepEqual(await axeProblems(second.page), [], "axe: a used code");
  await second.page.locator("#invite-code").fill("ABCD-EFGH");
  await second.page.getByRole("button", { name: "确认邀请码" }).click();
  await state.filter({ hasText: "20 个字母和数字" }).waitFor();
  // The second slip's code, typed from paper in lower case with spaces: accepted.
  await second.page.locator("#invite-code").fill(rows[1].code.toLowerCase().replaceAll("-", " "));
  await second.page.getByRole("button", { name: "确认邀请码" }).click();
  await second.page.locator(".invite-ready").waitFor();

  // Only the refused redemption (409) may show as an HTTP error.
  assert.deepEqual(problems().filter((p) => !CUT.test(p)), [], "only the cut network's failed requests");
  assert.deepEqual(second.problems().filter((p) => !/HTTP 409: .*\/inbox\/issue/.test(p) && !/409 \(Conflict\)/.test(p)), []);
  await other.close();
  await context.close();
});

test("a token survey whose issuer key the collector does not list is refused before any code is spent", async () => {
  // The issuer's trick the pin stops (#26): the same survey, but with a key
  // of its own for this family, linked from this family's slip.
  const { generateKeyPairSync, createHash } = await import("node:crypto");
  const spki = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "der" });
  const survey = JSON.parse(await (await fetch(new URL(SURVEY_PATH, BASE_URL))).text());
  survey.issuer.key = spki.toString("base64url");
  survey.issuer.key_id = createHash("sha256").update(spki).digest("hex").slice(0, 16);
  const context = await phone(browser, { serviceWorkers: "block" });
  const { page, problems } = await watchedPage(context);
  const posts = [];
  page.on("request", (r) => { if (r.method() === "POST") posts.push(r.url()); });
  await context.route(new URL("hostile/invited.json", BASE_URL).href, (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(survey) }));
  await page.goto(BASE_URL);
  await addFirstChild(page, "小刚");
  const { rows } = await invite(1);
  await page.goto(`${BASE_URL}#/invite/${encodeURIComponent("/hostile/invited.json")}/${rows[0].code}`);
  const refused = page.locator(".issuer-not-pinned");
  await refused.waitFor();
  assert.match(await refused.textContent(), /签发密钥不在本应用为收集方教育局列出的名单中/);
  await page.waitForTimeout(1000);
  assert.deepEqual(posts, [], "no code was sent to any issuer");
  assert.equal(await page.locator("#invite-code").count(), 0, "no code box");
  assert.deepEqual(problems(), []);
  await context.close();
});

test("a token the inbox refuses does not lock the survey on the device", async () => {
  // A token planted on the device (a tampered backup): well formed, for
  // this survey and key, signed by nobody (#26).
  const { randomBytes } = await import("node:crypto");
  const survey = JSON.parse(await (await fetch(new URL(SURVEY_PATH, BASE_URL))).text());
  const msg = Buffer.concat([Buffer.from("jianfu.token/1\0"), Buffer.from(SURVEY), Buffer.from([0]), Buffer.from(survey.issuer.key_id, "hex"), randomBytes(32)]);
  const planted = JSON.stringify({ msg: msg.toString("base64url"), rand: randomBytes(32).toString("base64url"), sig: randomBytes(384).toString("base64url") });
  const context = await phone(browser, { serviceWorkers: "block" });
  const { page, problems } = await watchedPage(context);
  await page.goto(BASE_URL);
  await addFirstChild(page, "小丽");
  const tokenKey = `token:${SURVEY}`;
  await page.evaluate(async ([key, value]) => {
    const db = await new Promise((res, rej) => { const r = indexedDB.open("jianfu"); r.onsuccess = () => res(r.result); r.onerror = rej; });
    await new Promise((res, rej) => { const tx = db.transaction("meta", "readwrite"); tx.objectStore("meta").put(value, key); tx.oncomplete = res; tx.onerror = rej; });
    db.close();
  }, [tokenKey, planted]);
  const link = `${BASE_URL}#/invite/${encodeURIComponent(SURVEY_PATH)}/0000-0000-0000-0000-0000`;
  await page.goto(link);
  await page.reload();
  await page.locator(".invite-ready").waitFor();
  await answer(page);
  await page.getByRole("button", { name: "匿名发送" }).click();
  // Refused for good (403): shown as failed, and the token is forgotten.
  await page.evaluate(() => { location.hash = "#/outbox"; });
  const failed = page.locator("li.out-item.failed");
  await failed.waitFor({ timeout: 30_000 });
  assert.ok(!(await storedRecords(page)).metaKeys.includes(tokenKey), "the refused token is gone");
  // Withdrawn, the survey asks for a code again instead of staying locked.
  page.once("dialog", (d) => d.accept());
  await failed.getByRole("button", { name: "撤回" }).click();
  await failed.waitFor({ state: "detached" });
  await page.evaluate(() => { location.hash = "#/"; });
  await page.goto(link);
  await page.locator("#invite-code").waitFor();
  assert.deepEqual(problems().filter((p) => !/403|404/.test(p)), []);
  await context.close();
});
