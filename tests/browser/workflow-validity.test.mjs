// Validity over time and what's new in a real browser (run.sh starts the
// workflow server): a department submits a decision that takes effect in
// 2099 and an old one it replaces, the editor approves both; the pages show
// "Chưa có hiệu lực — có hiệu lực từ …" and "Hết hiệu lực … — thay thế bởi …",
// /van-ban-moi lists both, every page links the Atom feed. Screenshots on a
// desktop and a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { WF, DESKTOP, PHONE, launch, newPage, screenshots, axe } from './support.mjs';

const screenshot = screenshots('validity');
const stamp = Date.now().toString(36);
const NEW_ID = `van-phong/thu-hieu-luc-moi-${stamp}`;
const OLD_ID = `van-phong/thu-hieu-luc-cu-${stamp}`;
const NEW_TITLE = `Quy định tiếp nhận hồ sơ trực tuyến (thử ${stamp})`;
const OLD_TITLE = `Quy định tiếp nhận hồ sơ giấy (thử ${stamp})`;
const NEW_NUMBER = `${parseInt(stamp, 36) % 900 + 100}/2099/QĐ-UBND`;
let browser;
before(async () => { browser = await launch(); });
after(async () => { if (browser) await browser.close(); });

async function submit(markdown) {
  const res = await fetch(`${WF.url}/api/submissions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${WF.dept.token}`, 'Content-Type': 'text/markdown' },
    body: markdown,
  });
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()).id;
}

async function approve(page, id) {
  await page.goto(`${WF.url}/bien-tap`);
  if (await page.$('#token')) {
    await page.fill('#token', WF.editor.token);
    await Promise.all([page.waitForNavigation(), page.click('.login-form button[type=submit]')]);
  }
  const form = `form[action^="/bien-tap/duyet/"][action$="${id}"]`;
  for (let step = 0; step < 3 && await page.$(form); step += 1) {
    const confirm = page.locator(`${form} input[name=confirm]`);
    if (await confirm.count()) await confirm.check();
    await Promise.all([page.waitForNavigation(), page.click(`${form} button[type=submit]`)]);
  }
}

async function waitFor(url, text) {
  const until = Date.now() + 20000;
  for (;;) {
    const res = await fetch(`${WF.url}${url}`);
    const body = await res.text();
    if (res.ok && body.includes(text)) return body;
    if (Date.now() > until) assert.fail(`${url}: "${text}" missing`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('validity banners and /van-ban-moi after an editor approves two documents', async () => {
  const head = (id, title) => `---\nid: ${id}\ntitle: "${title}"\n`
    + 'department: Văn phòng HĐND và UBND\ntype: Quy định\n';
  const newId = await submit(`${head(NEW_ID, NEW_TITLE)}number: ${NEW_NUMBER}\n`
    + 'issued: 2026-12-01\neffective: 2099-01-01\n---\n'
    + '## Điều 1. Phạm vi\n\nTiếp nhận hồ sơ qua cổng dịch vụ công.\n');
  const oldId = await submit(`${head(OLD_ID, OLD_TITLE)}effective: 2020-01-01\n`
    + `status: hết hiệu lực\nsuperseded_by: ${NEW_NUMBER}\n---\n`
    + '## Điều 1. Phạm vi\n\nTiếp nhận hồ sơ giấy tại bộ phận một cửa.\n');
  const editor = await newPage(browser, DESKTOP);
  await approve(editor, newId);
  await waitFor(`/doc/${NEW_ID}`, NEW_TITLE);
  await approve(editor, oldId);
  await waitFor(`/doc/${OLD_ID}`, OLD_TITLE);

  for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    const page = await newPage(browser, viewport);
    await page.goto(`${WF.url}/doc/${NEW_ID}`);
    const banner = page.locator('.validity-banner');
    assert.match(await banner.textContent(), /Chưa có hiệu lực — có hiệu lực từ ngày 01\/01\/2099/);
    assert.equal(await page.locator('link[rel=alternate][type="application/atom+xml"]').count(), 1);
    assert.deepEqual(await axe(page), []);
    await screenshot(page, `not-yet-${size}`, false);

    await page.goto(`${WF.url}/doc/${OLD_ID}`);
    assert.match(await page.locator('.validity-banner').textContent(),
      new RegExp(`Hết hiệu lực.*— thay thế bởi ${NEW_NUMBER.replace(/\//g, '\\/')}`));
    await Promise.all([page.waitForNavigation(), page.click('.validity-banner a')]);
    assert.match(await page.textContent('h1'), new RegExp(stamp));
    await page.goto(`${WF.url}/doc/${OLD_ID}`);
    await screenshot(page, `replaced-${size}`, false);

    await page.goto(`${WF.url}/van-ban-moi`);
    const list = await page.textContent('.whats-new');
    assert.ok(list.indexOf(OLD_TITLE) < list.indexOf(NEW_TITLE), 'newest edition first');
    assert.match(list, /Văn phòng HĐND và UBND/);
    assert.deepEqual(await axe(page), []);
    await screenshot(page, `van-ban-moi-${size}`);
    assert.deepEqual(page.jsErrors, []);
  }

  const feed = await (await fetch(`${WF.url}/van-ban-moi.atom`)).text();
  assert.match(feed, /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
  assert.ok(feed.includes(`<title>Văn bản mới: ${NEW_TITLE}</title>`));
  const home = await (await fetch(`${WF.url}/`)).text();
  assert.ok(home.includes(NEW_TITLE), 'the home page shows the latest changes');
});
