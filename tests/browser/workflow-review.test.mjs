// The editor's page /bien-tap in a real browser: several pending
// submissions (two versions of one new document, a change to a published
// one), the diff opened on demand with changed words marked, an approval
// with its confirmation and the link to the published document, a
// rejection with its reason; desktop and phone screenshots; axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WF, DESKTOP, PHONE, launch, newPage, screenshots, axe } from './support.mjs';

const screenshot = screenshots('review');
const stamp = Date.now().toString(36);
const NEW_ID = `van-phong/duyet-thu-${stamp}`;
const NEW_TITLE = `Quy định tiếp công dân thử nghiệm ${stamp}`;
const LONG = 'Công chức tiếp công dân phải ghi đầy đủ họ tên, địa chỉ, số căn cước của người '
  + 'đến phản ánh, nội dung kiến nghị, khiếu nại, tố cáo vào sổ tiếp công dân; trường hợp nhiều '
  + 'người cùng phản ánh một nội dung thì cử người đại diện trình bày, không để người dân chờ quá '
  + 'ba mươi phút mà không được hướng dẫn.';
let browser;
const ids = {};

async function submit(markdown) {
  const res = await fetch(`${WF.url}/api/submissions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${WF.dept.token}`, 'Content-Type': 'text/markdown; charset=utf-8' },
    body: markdown,
  });
  const body = await res.json();
  assert.equal(res.status, 201, JSON.stringify(body));
  await new Promise((r) => setTimeout(r, 20));  // ids are times to the ms
  return body.id;
}

function newDoc(body) {
  return `---\nid: ${NEW_ID}\ntitle: ${NEW_TITLE}\ndepartment: ${WF.dept.name}\n`
    + `field: Văn thư - Lưu trữ\ntype: Hướng dẫn\n---\n\n${body}\n`;
}

before(async () => {
  browser = await launch();
  ids.v1 = await submit(newDoc(`## Tiếp công dân\n\n${LONG}\n\nBản nháp thứ nhất.`));
  // A published document with one word changed and a long line added.
  const file = path.join(WF.dir, 'content/van-phong/luu-tru-ho-so.md');
  const text = readFileSync(file, 'utf8')
    .replace(/^---\n/, '---\nid: van-phong/luu-tru-ho-so\n')  // a submission names its id
    .replace('ban hành vào đầu năm', 'ban hành vào tháng 1 hằng năm')
    .replace('## Danh mục hồ sơ\n', `## Danh mục hồ sơ\n\n${LONG}\n`);
  ids.change = await submit(text);
  ids.v2 = await submit(newDoc(`## Tiếp công dân\n\n${LONG}\n\nBản chính thức, đã sửa theo góp ý.`));
});
after(async () => { if (browser) await browser.close(); });

async function signIn(page) {
  await page.goto(`${WF.url}/bien-tap`);
  await page.fill('#token', WF.editor.token);
  await Promise.all([page.waitForNavigation(), page.click('.login-form button[type=submit]')]);
}

// True when nothing on the page is wider than the window.
async function fits(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

test('phone: the grouped list and an opened diff fit 360 px, long lines wrapped', async () => {
  const page = await newPage(browser, PHONE);
  await signIn(page);
  assert.match(await page.textContent('.review-summary'), /\d+ bài chờ duyệt, \d+ văn bản/);
  const change = page.locator(`#bai-${ids.change}`);
  await change.locator('details.diff-box > summary').click();
  assert.match(await change.locator('.diff del').first().textContent(), /^đầu$/);
  assert.match(await change.locator('.diff ins').first().textContent(), /^tháng 1 hằng$/);
  assert.ok(await fits(page), 'the page scrolls sideways on a phone');
  await change.scrollIntoViewIfNeeded();
  await screenshot(page, 'phone-diff', false);
  await screenshot(page, 'phone-full');
  // A browser that ignores `required` (or a crafted POST): the server asks
  // again on a page of its own and approves nothing.
  const v1 = page.locator(`#bai-${ids.v1}`);
  await v1.locator('.approve-form').evaluate((f) => { f.noValidate = true; });
  await Promise.all([page.waitForNavigation(), v1.locator('.approve-form button').click()]);
  assert.match(await page.textContent('h1'), /Xác nhận duyệt/);
  assert.match(await page.textContent('.notice.warn'), /không phải bản mới nhất/);
  assert.ok(await fits(page));
  await screenshot(page, 'phone-confirm');
  await Promise.all([page.waitForNavigation(), page.click('text=Quay lại trang biên tập')]);
  assert.equal(await page.locator(`#bai-${ids.v1}`).count(), 1);
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('desktop: versions grouped, diff on demand, approve with confirmation, reject with reason',
  async () => {
    const page = await newPage(browser, DESKTOP);
    await signIn(page);
    // One item for the new document: the newest version on top, the older under it.
    const item = page.locator('article.review-item', { has: page.locator(`#bai-${ids.v2}`) });
    assert.match(await item.locator('.meta').first().textContent(), /2 bản nộp/);
    const sections = await item.locator('section.version').evaluateAll((s) => s.map((e) => e.id));
    assert.deepEqual(sections, [`bai-${ids.v2}`, `bai-${ids.v1}`]);
    assert.match(await page.textContent(`#bai-${ids.v1}`), /Có bản mới hơn/);
    // Collapsed until opened.
    assert.equal(await page.locator(`#bai-${ids.change} details.diff-box`).getAttribute('open'), null);
    await page.locator(`#bai-${ids.change} details.diff-box > summary`).click();
    assert.ok(await page.locator(`#bai-${ids.change} .diff-skip`).count() > 0);
    assert.ok(await fits(page));
    await screenshot(page, 'desktop-diff');
    assert.deepEqual(await axe(page), []);

    // Approving without ticking "Tôi đã xem thay đổi": the browser keeps the page.
    const v2 = page.locator(`#bai-${ids.v2}`);
    await v2.locator('.approve-form button').click();
    assert.equal(page.url(), `${WF.url}/bien-tap`);
    assert.equal(await page.locator(`#bai-${ids.v2}`).count(), 1);
    // Ticked: approved, the message names the document and links to it.
    await v2.locator('input[name=confirm]').check();
    await Promise.all([page.waitForNavigation(), v2.locator('.approve-form button').click()]);
    const link = page.locator('.notice.flash a');
    assert.equal(await link.textContent(), NEW_TITLE);
    assert.equal(await link.getAttribute('href'), `/doc/${NEW_ID}`);
    assert.match(await page.textContent('.notice.flash'), /còn 1 bản nộp khác/);
    await screenshot(page, 'approved');

    // The older version, now alone: rejected with a reason.
    await page.fill(`#ly-do-${ids.v1}`, 'Đã có bản chính thức thay thế');
    await Promise.all([page.waitForNavigation(),
      page.locator(`#bai-${ids.v1} .reject-form button`).click()]);
    const notice = await page.textContent('.notice.flash');
    assert.match(notice, new RegExp(`Đã từ chối:\\s*${NEW_TITLE}`));
    assert.match(notice, /Lý do: Đã có bản chính thức thay thế/);
    // The change to the published document: rejected too (the content stays).
    await page.fill(`#ly-do-${ids.change}`, 'Thiếu căn cứ pháp lý');
    await Promise.all([page.waitForNavigation(),
      page.locator(`#bai-${ids.change} .reject-form button`).click()]);
    assert.match(await page.textContent('.notice.flash'), /Lý do: Thiếu căn cứ pháp lý/);
    await screenshot(page, 'rejected');
    // Shown once.
    await page.reload();
    assert.equal(await page.locator('.notice.flash').count(), 0);

    await link.page().goto(`${WF.url}/doc/${NEW_ID}`);
    assert.match(await page.textContent('h1'), new RegExp(NEW_TITLE));
    assert.deepEqual(page.jsErrors, []);
    await page.context().close();
  });
