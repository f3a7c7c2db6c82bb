// The relation diagram (Lược đồ văn bản) on the document page of the bundled
// content: Nghị định 30/2020/NĐ-CP replaces 110/2004/NĐ-CP (in the handbook)
// and 09/2010/NĐ-CP (not), the ward's guides show on it as "Được hướng dẫn
// bởi", and 110/2004 shows the reverse. Desktop, phone and print, with
// screenshots.
//
// It cannot hang: every wait has a timeout (STEP), each test and hook has
// one, and axe-core runs only on pages with JavaScript on. (The earlier
// version of this file ran axe-core in a context with JavaScript disabled:
// axe.run() settles its promise from a timer the disabled page never runs,
// and page.evaluate() has no timeout, so it waited forever.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WF, DESKTOP, PHONE, launch, newPage, screenshots, axe } from './support.mjs';

const screenshot = screenshots('relations');
const BASE = process.env.SOTAY_URL || WF.url;
const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'output');
const NEW = '/doc/van-phong/nghi-dinh-30-2020-the-thuc-van-ban';
const OLD = '/doc/van-phong/nghi-dinh-110-2004-cong-tac-van-thu';
const STEP = 15000;  // ms, any one browser step
const TEST = { timeout: 90000 };

// `promise`, or an error naming `what` after `ms`.
function within(promise, what, ms = STEP) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

let browser;
before(async () => { browser = await within(launch(), 'launching chromium', 60000); },
  { timeout: 70000 });
after(async () => { if (browser) await within(browser.close(), 'closing chromium'); },
  { timeout: 20000 });

// A page of `viewport` whose every Playwright wait stops after STEP; `body`
// runs with it and its context is closed whatever happens.
async function withPage(viewport, options, body) {
  const page = await within(newPage(browser, viewport, options), 'new page');
  page.setDefaultTimeout(STEP);
  page.setDefaultNavigationTimeout(STEP);
  try {
    await body(page);
  } finally {
    await within(page.context().close(), 'closing the page').catch(() => {});
  }
}

async function open(page, url) {
  const res = await within(page.goto(BASE + url), `loading ${url}`);
  assert.equal(res.status(), 200, url);
}

// The group headings and item texts of one column.
function column(page, selector) {
  return within(page.$$eval(`${selector} .rel-group`, (groups) => groups.map((g) => ({
    label: g.querySelector('h4').textContent.trim(),
    items: [...g.querySelectorAll('li')].map((li) => li.textContent.replace(/\s+/g, ' ').trim()),
  }))), `reading ${selector}`);
}

async function box(page, selector) {
  const found = await within(page.$(selector), `finding ${selector}`);
  assert.ok(found, `${selector} is on the page`);
  return within(found.boundingBox(), `measuring ${selector}`);
}

async function shoot(page, selector, name) {
  const found = await within(page.$(selector), `finding ${selector}`);
  await within(found.screenshot({ path: path.join(OUT, name) }), `screenshot ${name}`);
}

// Elements wider than the screen or sticking out of it (the page scrolls sideways).
function overflowing(page) {
  return within(page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('.relations, .relations *')]
      .filter((e) => e.getBoundingClientRect().right > width + 1)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${Math.round(e.getBoundingClientRect().right)}`);
  }), 'measuring overflow');
}

test('both directions on the document page at desktop size, then the reverse', TEST, async () => {
  await withPage(DESKTOP, {}, async (page) => {
    await open(page, NEW);
    const out = await column(page, '.rel-out');
    const replaces = out.find((g) => g.label === 'Thay thế');
    assert.ok(replaces, JSON.stringify(out));
    assert.match(replaces.items[0], /^110\/2004\/NĐ-CP Nghị định 110\/2004\/NĐ-CP về công tác văn thư/);
    assert.match(replaces.items[1], /^09\/2010\/NĐ-CP chưa có trong sổ tay$/);
    assert.ok(out.find((g) => g.label === 'Căn cứ'));
    const incoming = await column(page, '.rel-in');
    const guides = incoming.find((g) => g.label === 'Được hướng dẫn bởi');
    assert.ok(guides && guides.items.length >= 4, JSON.stringify(incoming));
    // The articles of this decree a guide concerns ("Điều 5, 32": the comma is CSS).
    const arts = await within(page.$$eval('.rel-in .rel-huong-dan li', (lis) => lis
      .map((li) => [...li.querySelectorAll('.rel-art')].map((a) => a.textContent.trim()))
      .filter((a) => a.length)), 'reading the articles');
    assert.ok(arts.some((a) => a.join(',') === '5,32'), JSON.stringify(arts));
    // The diagram: what it does | the document | what others do to it.
    const [o, self, i] = [await box(page, '.rel-out'), await box(page, '.rel-self'),
      await box(page, '.rel-in')];
    assert.ok(o.x < self.x && self.x < i.x, `${o.x} ${self.x} ${i.x}`);
    assert.deepEqual(await overflowing(page), []);
    await within(screenshot(page, 'nd30-desktop'), 'screenshot');
    await shoot(page, '.relations', 'relations-diagram-desktop.png');
    assert.deepEqual(await within(axe(page), 'axe-core'), []);

    // Following the link to the replaced decree: the reverse, derived.
    await within(Promise.all([page.waitForURL(`**${OLD}`),
      page.click('.rel-out .rel-thay-the li:first-child a')]), 'following the link');
    const back = await column(page, '.rel-in');
    assert.deepEqual(back.map((g) => g.label), ['Bị thay thế bởi']);
    assert.match(back[0].items[0], /^30\/2020\/NĐ-CP/);
    const banner = await within(page.textContent('.validity-banner'), 'reading the banner');
    assert.match(banner, /thay thế bởi 30\/2020\/NĐ-CP/);
    await shoot(page, '.relations', 'relations-nd110-desktop.png');
    assert.deepEqual(page.jsErrors, []);
  });
});

test('the diagram on a phone: one column, readable, nothing wider than the screen', TEST, async () => {
  await withPage(PHONE, {}, async (page) => {
    await open(page, NEW);
    const width = await within(page.evaluate(() => document.documentElement.scrollWidth), 'width');
    assert.ok(width <= PHONE.width, `page is ${width}px wide`);
    assert.deepEqual(await overflowing(page), []);
    const [self, incoming, outgoing] = [await box(page, '.rel-self'), await box(page, '.rel-in'),
      await box(page, '.rel-out')];
    // Stacked: the document, what others do to it (is it still in force?), what it does.
    assert.ok(self.y < incoming.y && incoming.y < outgoing.y, `${self.y} ${incoming.y} ${outgoing.y}`);
    // Each column as wide as the diagram, the text not squeezed into a sliver.
    assert.ok(incoming.width >= PHONE.width - 80, `column ${incoming.width}px wide`);
    const small = await within(page.$$eval('.relations li, .relations h4', (els) => els
      .map((e) => parseFloat(getComputedStyle(e).fontSize)).filter((s) => s < 12)), 'font sizes');
    assert.deepEqual(small, []);
    // The arrows point at the middle column of the wide diagram: none when stacked.
    const arrows = await within(page.$$eval('.rel-arrow', (els) => els
      .map((e) => getComputedStyle(e).display)), 'arrows');
    assert.ok(arrows.length === 2 && arrows.every((d) => d === 'none'), JSON.stringify(arrows));
    await within(screenshot(page, 'nd30-phone'), 'screenshot');
    await shoot(page, '.relations', 'relations-diagram-phone.png');
    assert.deepEqual(await within(axe(page), 'axe-core'), []);
    assert.deepEqual(page.jsErrors, []);
  });
});

test('the diagram prints: three columns in black and white, no search link', TEST, async () => {
  await withPage(DESKTOP, {}, async (page) => {
    await open(page, NEW);
    await within(page.emulateMedia({ media: 'print' }), 'print media');
    const shown = await within(page.$eval('.relations', (e) => {
      const r = e.getBoundingClientRect();
      return getComputedStyle(e).display !== 'none' && r.height > 0;
    }), 'the diagram in print');
    assert.ok(shown, 'the diagram prints');
    const more = await within(page.$$eval('.rel-more', (els) => els
      .map((e) => getComputedStyle(e).display)), 'search links');
    assert.ok(more.every((d) => d === 'none'), JSON.stringify(more));
    const cols = await within(page.$eval('.rel-diagram', (e) => getComputedStyle(e)
      .gridTemplateColumns), 'columns');
    assert.equal(cols.split(' ').length, 3, cols);
    assert.deepEqual(await overflowing(page), []);
    await shoot(page, '.relations', 'relations-diagram-print.png');
    await within(screenshot(page, 'nd30-print'), 'screenshot');
    assert.deepEqual(page.jsErrors, []);
  });
});
