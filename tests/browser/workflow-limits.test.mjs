// A clerk uploads a file over the limit at /nop in a real browser: the
// server answers with its own Vietnamese page naming the limit and what to
// do, never Chromium's bare "HTTP ERROR 413" or a connection reset.
//
// The clerk signs in at /nop, then the form's one <input type=file> gets
// the file. The form
// is submitted with form.submit(): the browser's own multipart POST, without
// the form's `required` checks (the refusal comes before any field is read).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WF, DESKTOP, PHONE, launch, newPage, screenshots } from './support.mjs';

const screenshot = screenshots('limits');
let browser;
let dir;
let big;
before(async () => {
  browser = await launch();
  dir = mkdtempSync(path.join(os.tmpdir(), 'sotay-limits-'));
  big = path.join(dir, 'ban-scan-qua-lon.pdf');
  // 40 MB, over the 30 MB an upload may have.
  const bytes = Buffer.alloc(40 * 1024 * 1024, 0x41);
  bytes.write('%PDF-1.4\n', 0);
  writeFileSync(big, bytes);
});
after(async () => {
  if (browser) await browser.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function uploadTooLarge(page) {
  // Signed in as the department first: the form with the file box.
  await page.goto(`${WF.url}/nop`);
  await page.fill('.login-form input[name=token]', WF.dept.token);
  await Promise.all([page.waitForNavigation(), page.click('.login-form button[type=submit]')]);
  await page.setInputFiles('input[type=file]', big);
  const [response] = await Promise.all([
    page.waitForNavigation({ timeout: 60000 }),
    page.$eval('input[type=file]', (input) => input.form.submit()),
  ]);
  return response;
}

for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  test(`an upload over the limit shows the handbook's page (${name})`, async () => {
    const page = await newPage(browser, viewport);
    const response = await uploadTooLarge(page);
    assert.equal(response.status(), 413);
    const text = await page.textContent('main, body');
    assert.doesNotMatch(text, /HTTP ERROR/);
    assert.match(await page.textContent('h1'), /Tệp quá lớn/);
    assert.match(text, /Tệp bạn gửi \(40 MB\) lớn hơn mức tối đa 30 MB mà sổ tay nhận/);
    assert.match(text, /nén tệp/);
    assert.match(text, /biên tập viên/);
    assert.equal(await page.getAttribute('a[href="/nop"]', 'href'), '/nop');
    await screenshot(page, `too-large-${name}`);
    assert.deepEqual(page.jsErrors, []);
    await page.context().close();
  });
}
