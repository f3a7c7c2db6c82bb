// Going back to an earlier edition from /bien-tap (run.sh starts the
// workflow server): a department submits a change, the editor approves it,
// then rolls back in the browser with the confirmation step; the old text
// is served again at /doc/<id>. Screenshots on a desktop and a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { WF, DESKTOP, PHONE, launch, newPage, screenshots, axe } from './support.mjs';

const screenshot = screenshots('rollback');
const DOC_ID = 'van-phong/phong-chay-chua-chay-tru-so';
let browser;
before(async () => { browser = await launch(); });
after(async () => { if (browser) await browser.close(); });

// The edition the workflow server's index serves now (the `current` link).
function currentEdition() {
  return path.basename(readlinkSync(path.join(WF.dir, 'index', 'current')));
}

async function signIn(page) {
  await page.goto(`${WF.url}/bien-tap`);
  await page.fill('#token', WF.editor.token);
  await Promise.all([page.waitForNavigation(), page.click('.login-form button[type=submit]')]);
  assert.ok(await page.$('.logout-form'), 'the editor is signed in');
}

// Clicks the submit button of `selector` and waits for the next page.
async function submitForm(page, selector) {
  await Promise.all([page.waitForNavigation(), page.click(`${selector} button[type=submit]`)]);
}

// Polls /doc/<id> until its text does (or does not) contain `marker`.
async function waitForDoc(marker, present) {
  const until = Date.now() + 20000;
  for (;;) {
    const body = await (await fetch(`${WF.url}/doc/${DOC_ID}`)).text();
    if (body.includes(marker) === present) return body;
    if (Date.now() > until) assert.fail(`/doc/${DOC_ID}: "${marker}" ${present ? 'missing' : 'still there'}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('editor approves a change, rolls back in the browser, the old text is served', async () => {
  const marker = `Đoạn thử quay về ${Date.now()}`;
  const file = path.join(WF.dir, 'content', `${DOC_ID}.md`);
  const original = readFileSync(file, 'utf8');
  const title = original.match(/^title: (.*)$/m)[1];
  const changed = original.replace(/^---\n/, `---\nid: ${DOC_ID}\n`) + `\n${marker}.\n`;
  const before = currentEdition();
  const firstPage = await (await fetch(`${WF.url}/doc/${DOC_ID}`)).text();
  assert.ok(!firstPage.includes(marker));

  const res = await fetch(`${WF.url}/api/submissions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${WF.dept.token}`, 'Content-Type': 'text/markdown' },
    body: changed,
  });
  assert.equal(res.status, 201, await res.clone().text());
  const { id } = await res.json();

  const page = await newPage(browser, DESKTOP);
  await signIn(page);
  // Approve (and confirm, should the page ask first).
  const approveForm = `form[action^="/bien-tap/duyet/"][action$="${id}"]`;
  for (let step = 0; step < 3 && await page.$(approveForm); step += 1) {
    const confirm = page.locator(`${approveForm} input[name=confirm]`);
    if (await confirm.count()) await confirm.check();  // "Tôi đã xem thay đổi"
    await submitForm(page, approveForm);
  }
  await waitForDoc(marker, true);
  const approvedEdition = currentEdition();
  assert.notEqual(approvedEdition, before);

  // The "Ấn bản" section: the current edition marked, a form for the one before.
  await page.goto(`${WF.url}/bien-tap#an-ban`);
  const section = page.locator('#an-ban');
  assert.match(await section.textContent(), /Ấn bản đang phục vụ/);
  assert.match(await section.locator('.edition.current').textContent(), /đang phục vụ/);
  const rollbackForm = `form.rollback-form[action="/bien-tap/quay-ve/${before}"]`;
  assert.ok(await page.$(rollbackForm), `a rollback form for ${before}`);
  await screenshot(page, 'review-editions');

  // The confirmation page says what will change; nothing has yet.
  await submitForm(page, rollbackForm);
  assert.match(await page.textContent('h1'), /Quay về ấn bản/);
  assert.match(await page.textContent('.rollback-page'), new RegExp(`${DOC_ID}\\.md`));
  assert.equal(currentEdition(), approvedEdition);
  assert.deepEqual(await axe(page), []);
  await screenshot(page, 'confirm');
  await submitForm(page, 'form.rollback-confirm');

  assert.ok(page.url().endsWith('/bien-tap#an-ban'), page.url());
  assert.match(await page.textContent('.last-rollback'),
    new RegExp(`Nguyễn Thị Lan quay về ấn bản ${before.replace(/\./g, '\\.')}`));
  assert.equal(currentEdition(), before);
  await screenshot(page, 'after');
  const served = await waitForDoc(marker, false);
  assert.ok(served.includes(title), 'the document is still served, without the change');
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('the editions section and the confirmation page on a phone', async () => {
  const page = await newPage(browser, PHONE);
  await signIn(page);
  await page.goto(`${WF.url}/bien-tap#an-ban`);
  await screenshot(page, 'phone-review', false);
  await page.locator('#an-ban').scrollIntoViewIfNeeded();
  await screenshot(page, 'phone-editions', false);
  const form = 'form.rollback-form';
  assert.ok(await page.$(form), 'another edition to go to');
  await submitForm(page, form);
  await screenshot(page, 'phone-confirm');
  // The page fits the phone: nothing wider than the screen.
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 360, `page is ${wide}px wide`);
  // Cancel: back to the review page, nothing changed.
  const edition = currentEdition();
  await Promise.all([page.waitForNavigation(), page.click('a.cancel')]);
  assert.equal(currentEdition(), edition);
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});
