// A department clerk at /nop in a real browser: signs in once, submits a
// Markdown file, then a PDF (converted, fields pre-filled, the original
// attached), gets an error and fixes it without retyping anything, and
// after the editor rejects one sees the reason on "Văn bản đã nộp".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WF, DESKTOP, PHONE, launch, newPage, screenshots, axe } from './support.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const PDF = path.join(here, '..', 'fixtures', 'import', 'quyet-dinh-phuong.pdf');
const screenshot = screenshots('clerk');
const stamp = Date.now().toString(36);
const MD_TITLE = `Quy chế tiếp công dân: thử ${stamp}`;
const PDF_TITLE = `Quyết định thử nghiệm ${stamp}`;
const REASON = `Thiếu căn cứ pháp lý (${stamp})`;
let browser;
before(async () => { browser = await launch(); });
after(async () => { if (browser) await browser.close(); });

async function signIn(page, token) {
  await page.goto(`${WF.url}/nop`);
  await page.fill('#token', token);
  await Promise.all([page.waitForNavigation(), page.click('.login-form button[type=submit]')]);
}

async function press(page, selector) {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

async function submissionId(title) {
  const res = await fetch(`${WF.url}/api/submissions`,
    { headers: { Authorization: `Bearer ${WF.dept.token}` } });
  const { submissions } = await res.json();
  const s = submissions.find((x) => x.title === title);
  assert.ok(s, `submission "${title}" is listed`);
  return s.id;
}

test('clerk: sign in, submit Markdown and a PDF, fix an error, see the rejection', async () => {
  const page = await newPage(browser, DESKTOP);
  await signIn(page, WF.dept.token);
  assert.match(await page.textContent('.nop-bar'), /Văn phòng HĐND và UBND/);
  assert.equal(await page.locator(`text=${WF.dept.token}`).count(), 0);
  assert.deepEqual(await axe(page), []);
  await screenshot(page, 'form');

  // A Markdown file with front matter: its fields fill the form.
  const md = `---\ntitle: "${MD_TITLE}"\ndepartment: Văn phòng HĐND và UBND\ntype: Quy chế\n---\n`
    + '## Điều 1. Phạm vi\n\nQuy chế này quy định việc tiếp công dân.\n';
  await page.setInputFiles('#upload',
    { name: 'quy-che.md', mimeType: 'text/markdown', buffer: Buffer.from(md) });
  await press(page, 'button[value=tai-len]');
  assert.equal(await page.inputValue('#title'), MD_TITLE);
  assert.match(await page.inputValue('#body'), /tiếp công dân/);
  await press(page, 'button[value=nop]');
  assert.match(await page.textContent('#da-nhan'), /Đã nhận văn bản/);

  // A PDF: converted, fields pre-filled, the original attached.
  await page.setInputFiles('#upload', PDF);
  await press(page, 'button[value=tai-len]');
  assert.equal(await page.inputValue('#number'), '15/QĐ-UBND');
  assert.equal(await page.inputValue('#issued'), '2025-03-12');
  assert.match(await page.textContent('.attached'), /quyet-dinh-phuong\.pdf/);
  assert.match(await page.textContent('.preview-box'), /Xem trước/);
  await screenshot(page, 'pdf-read');
  const body = await page.inputValue('#body');
  assert.ok(body.length > 100);

  // An error (the title emptied): nothing typed is lost, the error is at the field.
  await page.fill('#title', '');
  await page.fill('#tags', 'một cửa, hồ sơ');
  await press(page, 'button[value=nop]');
  assert.match(await page.textContent('#loi'), /Tên văn bản/);
  assert.match(await page.textContent('#title-error'), /chưa nhập/);
  assert.equal(await page.inputValue('#body'), body);
  assert.equal(await page.inputValue('#number'), '15/QĐ-UBND');
  assert.equal(await page.inputValue('#tags'), 'một cửa, hồ sơ');
  assert.match(await page.textContent('.attached'), /quyet-dinh-phuong\.pdf/);
  await screenshot(page, 'error');
  await page.fill('#title', PDF_TITLE);
  await press(page, 'button[value=nop]');
  assert.match(await page.textContent('#da-nhan'), /kèm bản gốc quyet-dinh-phuong\.pdf/);

  // The editor rejects the Markdown one (command line, same inbox).
  const id = await submissionId(MD_TITLE);
  execFileSync(process.env.SOTAY_INDEXER, ['inbox', 'reject', id, '--reason', REASON,
    '--inbox', `${WF.dir}/inbox`, '--content', `${WF.dir}/content`,
    '--index', `${WF.dir}/index`, '--audit', `${WF.dir}/audit.log`, '--by', 'Nguyễn Thị Lan']);
  await page.click('text=Văn bản đã nộp');
  await page.waitForURL(/\/nop\/da-nop$/);
  const rejected = page.locator('.submitted .item', { hasText: MD_TITLE });
  assert.match(await rejected.textContent(), /bị từ chối/);
  assert.match(await rejected.textContent(), new RegExp(REASON.replace(/[()]/g, '\\$&')));
  const pending = page.locator('.submitted .item', { hasText: PDF_TITLE });
  assert.match(await pending.textContent(), /chờ duyệt/);
  assert.match(await pending.textContent(), /\d\d:\d\d \d\d\/\d\d\/\d{4}/);
  assert.deepEqual(await axe(page), []);
  await screenshot(page, 'submitted');
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('clerk on a phone: the form and "Văn bản đã nộp" fit the screen', async () => {
  const page = await newPage(browser, PHONE);
  await signIn(page, WF.dept.token);
  await page.fill('#title', '');
  await press(page, 'button[value=nop]');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `page is ${width}px wide`);
  await screenshot(page, 'phone-error');
  await page.goto(`${WF.url}/nop/da-nop`);
  assert.match(await page.textContent('.submitted'), new RegExp(stamp));
  const width2 = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width2 <= PHONE.width, `page is ${width2}px wide`);
  await screenshot(page, 'phone-submitted');
  // Another department sees none of it.
  const other = await newPage(browser, PHONE);
  await signIn(other, WF.dept2.token);
  await other.goto(`${WF.url}/nop/da-nop`);
  assert.equal(await other.locator(`text=${stamp}`).count(), 0);
  await other.context().close();
  // Sign-out ends the session.
  await press(page, '.logout-form button');
  assert.equal(await page.locator('.login-form').count(), 1);
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});
