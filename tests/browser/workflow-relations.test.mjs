// The relation diagram (Lược đồ văn bản) on the document page of the bundled
// content, read with JavaScript off: Nghị định 30/2020/NĐ-CP replaces
// 110/2004/NĐ-CP (in the handbook) and 09/2010/NĐ-CP (not), the ward's
// guides show on it as "Được hướng dẫn bởi", and 110/2004 shows the reverse.
// Desktop, phone and print screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DESKTOP, PHONE, launch, newPage, screenshots, axe } from './support.mjs';

const screenshot = screenshots('relations');
const BASE = process.env.SOTAY_URL;
const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
const NEW = '/doc/van-phong/nghi-dinh-30-2020-the-thuc-van-ban';
const OLD = '/doc/van-phong/nghi-dinh-110-2004-cong-tac-van-thu';
let browser;
before(async () => { browser = await launch(); });
after(async () => { if (browser) await browser.close(); });

// The group headings and item texts of one column.
async function column(page, selector) {
  return page.$$eval(`${selector} .rel-group`, (groups) => groups.map((g) => ({
    label: g.querySelector('h4').textContent.trim(),
    items: [...g.querySelectorAll('li')].map((li) => li.textContent.replace(/\s+/g, ' ').trim()),
  })));
}

test('both directions on the document page, without JavaScript, at desktop size', async () => {
  const page = await newPage(browser, DESKTOP, { javaScriptEnabled: false });
  await page.goto(BASE + NEW);
  const out = await column(page, '.rel-out');
  const replaces = out.find((g) => g.label === 'Thay thế');
  assert.ok(replaces, JSON.stringify(out));
  assert.match(replaces.items[0], /^110\/2004\/NĐ-CP Nghị định 110\/2004\/NĐ-CP về công tác văn thư/);
  assert.match(replaces.items[1], /^09\/2010\/NĐ-CP chưa có trong sổ tay$/);
  assert.ok(out.find((g) => g.label === 'Căn cứ'));
  const incoming = await column(page, '.rel-in');
  const guides = incoming.find((g) => g.label === 'Được hướng dẫn bởi');
  assert.ok(guides && guides.items.length >= 4, JSON.stringify(incoming));
  assert.ok(guides.items.some((t) => /^Hướng dẫn ký số toàn trình văn bản điện tử \(Điều 5/.test(t)),
    JSON.stringify(guides.items));
  // The articles of this decree the guide concerns ("Điều 5, 32": the comma is CSS).
  const arts = await page.$$eval('.rel-in .rel-huong-dan li', (lis) => lis
    .map((li) => [...li.querySelectorAll('.rel-art')].map((a) => a.textContent))
    .filter((a) => a.length));
  assert.deepEqual(arts, [['5', '32'], ['15']]);
  // The diagram: what it does | the document | what others do to it.
  const box = async (s) => (await page.$(s)).boundingBox();
  const [o, self, i] = [await box('.rel-out'), await box('.rel-self'), await box('.rel-in')];
  assert.ok(o.x < self.x && self.x < i.x, `${o.x} ${self.x} ${i.x}`);
  await (await page.$('.relations')).scrollIntoViewIfNeeded();
  await screenshot(page, 'nd30-desktop', false);
  await (await page.$('.relations')).screenshot({ path: path.join(OUT, 'relations-diagram-desktop.png') });
  assert.deepEqual(await axe(page), []);

  // Following the link to the replaced decree: the reverse, derived.
  await Promise.all([page.waitForNavigation(), page.click('.rel-out .rel-thay-the li:first-child a')]);
  assert.equal(new URL(page.url()).pathname, OLD);
  const back = await column(page, '.rel-in');
  assert.deepEqual(back.map((g) => g.label), ['Bị thay thế bởi']);
  assert.match(back[0].items[0], /^30\/2020\/NĐ-CP/);
  assert.match(await page.textContent('.banner'), /thay thế bởi 30\/2020\/NĐ-CP/);
  await (await page.$('.relations')).screenshot({ path: path.join(OUT, 'relations-nd110-desktop.png') });
  await page.context().close();
});

test('the diagram on a phone: one column, nothing wider than the screen', async () => {
  const page = await newPage(browser, PHONE, { javaScriptEnabled: false });
  await page.goto(BASE + NEW);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `page is ${width}px wide`);
  const self = await (await page.$('.rel-self')).boundingBox();
  const incoming = await (await page.$('.rel-in')).boundingBox();
  const outgoing = await (await page.$('.rel-out')).boundingBox();
  // Stacked: the document, what others do to it (is it still in force?), what it does.
  assert.ok(self.y < incoming.y && incoming.y < outgoing.y);
  await (await page.$('.relations')).screenshot({ path: path.join(OUT, 'relations-diagram-phone.png') });
  await page.context().close();
});

test('the diagram prints: three columns in black and white, no search link', async () => {
  const page = await newPage(browser, DESKTOP);
  await page.goto(BASE + NEW);
  await page.emulateMedia({ media: 'print' });
  const more = await page.$eval('.rel-more', (e) => getComputedStyle(e).display);
  assert.equal(more, 'none');
  const cols = await page.$eval('.rel-diagram', (e) => getComputedStyle(e).gridTemplateColumns);
  assert.equal(cols.split(' ').length, 3, cols);
  await (await page.$('.relations')).screenshot({ path: path.join(OUT, 'relations-diagram-print.png') });
  await screenshot(page, 'nd30-print');
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});
