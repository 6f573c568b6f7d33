// The clinical reviewer's report (`microneedling-check report --html`, issue 27), written by the
// built reviewer CLI and opened as a file in headless Chromium: it makes no request and holds no
// script, it describes every rule, axe-core finds no WCAG 2.2 A/AA problem, and Chromium prints it
// to a PDF of many pages. Needs no dist/: the page is the CLI's output alone. Screenshots (1280 px,
// on screen and as printed) and the PDF go to screenshots/review-report*.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  SCREENSHOTS,
  TIMEOUT,
  axeViolations,
  clearScreenshots,
  engineBinary,
  formatViolations,
  launchBrowser,
} from './helpers.mjs';

const run = promisify(execFile);
const PREFIX = 'review-report';

let browser;
let dir;
let url;
let ruleIds;

before(async () => {
  await clearScreenshots(PREFIX);
  const bin = await engineBinary();
  const { stdout: html } = await run(bin, ['report', '--html'], { maxBuffer: 64 << 20 });
  const { stdout: rules } = await run(bin, ['rules'], { maxBuffer: 64 << 20 });
  ruleIds = [...rules.matchAll(/^## `([a-z0-9_]+)`/gm)].map((m) => m[1]);
  dir = await mkdtemp(path.join(tmpdir(), 'mc-review-'));
  const file = path.join(dir, 'review.html');
  await writeFile(file, html);
  url = pathToFileURL(file).href;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close().catch(() => {});
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Opens the report at `width` px; `page.requests` lists every request but the report's own file. */
async function openReport(width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 1000 }, locale: 'en-GB' });
  const page = await context.newPage();
  page.requests = [];
  page.on('request', (request) => {
    if (request.url() !== url) page.requests.push(request.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

test('the review report loads nothing, runs nothing and describes every rule', { timeout: TIMEOUT }, async () => {
  const page = await openReport();
  try {
    await page.waitForLoadState('networkidle');
    assert.deepEqual(page.requests, [], 'the report made requests');
    const found = await page.evaluate(() => ({
      scripts: document.scripts.length,
      loads: [...document.querySelectorAll('[src], link, iframe, object, embed, img')].length,
      links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
      rules: [...document.querySelectorAll('article.rule')].map((a) => a.id.replace(/^rule-/, '')),
      arabic: [...document.querySelectorAll('[lang="ar"]')].every((el) => el.getAttribute('dir') === 'rtl'),
      arabicCells: document.querySelectorAll('td[lang="ar"][dir="rtl"]').length,
    }));
    assert.equal(found.scripts, 0);
    assert.equal(found.loads, 0);
    assert.ok(
      found.links.every((href) => href.startsWith('#')),
      `links leave the page: ${found.links.join(' ')}`,
    );
    assert.deepEqual([...found.rules].sort(), [...ruleIds].sort(), 'one article per rule');
    assert.ok(ruleIds.length > 10);
    assert.ok(found.arabic && found.arabicCells >= 2 * ruleIds.length, 'Arabic wording is marked right to left');
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${PREFIX}-1280-top.png`) });
    for (const id of ['rule-pregnant', 'translations', 'question-medicines', 'sign-off']) {
      const target = page.locator(/^(rule|question)-/.test(id) ? `#${id}` : `section:has(> #${id})`);
      await target.screenshot({ path: path.join(SCREENSHOTS, `${PREFIX}-1280-${id}.png`) });
    }
  } finally {
    await page.context().close();
  }
});

test('axe: the review report has no WCAG 2.2 A/AA problem', { timeout: TIMEOUT }, async () => {
  const page = await openReport();
  try {
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, `axe found ${violations.length} problem(s):\n${formatViolations(violations)}`);
  } finally {
    await page.context().close();
  }
});

test('Chromium prints the review report to a PDF of many A4 pages', { timeout: TIMEOUT }, async () => {
  const page = await openReport();
  try {
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${PREFIX}-print-top.png`) });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await writeFile(path.join(SCREENSHOTS, `${PREFIX}.pdf`), pdf);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
    assert.ok(pages >= 10, `the PDF has ${pages} page(s)`);
    assert.deepEqual(page.requests, [], 'printing made requests');
  } finally {
    await page.context().close();
  }
});
