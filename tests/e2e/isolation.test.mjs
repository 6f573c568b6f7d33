// Host isolation: how the widget behaves as a guest on someone else's page.
//
//  1. On hostile-css.html (global !important resets, hidden buttons and inputs, generic design
//     tokens such as --accent on :root, class names like .mc-button) every element of the widget
//     has the same computed style and box as on index.html, the widget looks the same (element
//     screenshots at 375 px, same width forced on both pages) and a journey reaches the summary.
//  2. The widget changes no style of the host page (computed styles of host elements, the host
//     document's style sheets, adopted sheets and fonts), before it loads vs after a journey.
// (3. several instances: instances.test.mjs; 4. bad configuration: bad-configuration.test.mjs;
//  5. answers never reach the console or the address: privacy.test.mjs; 6. the shipped files:
//  shipped-files.test.mjs.)
//
// Run against dist/ (./scripts/build.sh first): node --test tests/e2e/isolation.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  elementShot,
  openWidget,
  runJourney,
  until,
  waitForStep,
  screenshot,
  ROOT,
  SCREENSHOTS,
  TIMEOUT,
  useBrowser,
} from './helpers.mjs';

const PREFIX = 'isolation-';

const env = useBrowser({ screenshots: PREFIX });

// ------------------------------------------------------------------------------------------------
// Computed styles

/**
 * The widget's internal custom properties, which a host's tokens must not override: every one its
 * stylesheet reads (a host's custom property that the widget never reads inherits into the shadow
 * root, as custom properties do, but changes nothing).
 */
const WIDGET_VARS = [
  ...new Set(
    [...readFileSync(path.join(ROOT, 'styles', 'widget.css'), 'utf8').matchAll(/var\((--[a-z-]+)/g)].map((m) => m[1]),
  ),
];

/**
 * Runs in the page: every element in the shadow root of `host`, in document order, with its path,
 * every computed property (custom properties: only the widget's own) and its box relative to the host.
 */
function captureWidgetStyles({ host, vars }) {
  const element = document.querySelector(host);
  const root = element && element.shadowRoot;
  if (!root) return null;
  const origin = element.getBoundingClientRect();
  const describe = (el) => {
    const parts = [];
    for (let e = el; e; e = e.parentElement) {
      let part = e.localName + [...e.classList].map((c) => '.' + c).join('');
      for (const attribute of ['data-action', 'data-question', 'data-rule']) {
        if (e.hasAttribute(attribute)) part += `[${attribute}=${e.getAttribute(attribute)}]`;
      }
      parts.unshift(part);
    }
    return parts.join(' > ');
  };
  return [...root.querySelectorAll('*')].map((el) => {
    const style = getComputedStyle(el);
    const props = {};
    // The renderer's wrapper <div> around `.mc` holds no text and inherits the host's values
    // (`.mc` resets them with `all: initial`): only its box counts.
    const inWidget = !!el.closest('.mc');
    for (let i = 0; inWidget && i < style.length; i++) {
      const name = style[i];
      if (!name.startsWith('--')) props[name] = style.getPropertyValue(name);
    }
    for (const name of inWidget ? vars : []) props[name] = style.getPropertyValue(name).trim();
    const box = el.getBoundingClientRect();
    props['(box x y w h)'] =
      el.getClientRects().length === 0
        ? 'not rendered'
        : [box.left - origin.left, box.top - origin.top, box.width, box.height]
            .map((v) => Math.round(v * 10) / 10)
            .join(' ');
    return { path: describe(el), props };
  });
}

/**
 * Differences between two captures (lists of { path, props }), added to `into` (a Map from
 * "path | property | a | b" to the steps where it was seen).
 */
function diffStyles(a, b, step, into) {
  const note = (key) => into.set(key, [...(into.get(key) || []), step]);
  if (!a || !b) return note(`(shadow root) | missing | ${!!a} | ${!!b}`);
  if (a.length !== b.length) note(`(element count) | - | ${a.length} | ${b.length}`);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i].path !== b[i].path) {
      note(`element #${i} | path | ${a[i].path} | ${b[i].path}`);
      continue;
    }
    for (const [name, value] of Object.entries(a[i].props)) {
      if (b[i].props[name] !== value) note(`${a[i].path} | ${name} | ${value} | ${b[i].props[name]}`);
    }
  }
}

/** A readable list of the first `max` differences from diffStyles. */
function formatDiffs(diffs, labels, max = Number(process.env.MC_DIFF_MAX) || 40) {
  // Style differences first (causes), then boxes (their effects).
  const sorted = [...diffs].sort(([a], [b]) => a.includes('| (box') - b.includes('| (box'));
  const lines = sorted.slice(0, max).map(([key, steps]) => {
    const [where, property, a, b] = key.split(' | ');
    const at = [...new Set(steps)];
    return `  ${property}: ${labels[0]} ${a} ≠ ${labels[1]} ${b}\n      on ${where}\n      (${at.slice(0, 6).join(', ')}${at.length > 6 ? `, … ${at.length} steps` : ''})`;
  });
  if (diffs.size > max) lines.push(`  … and ${diffs.size - max} more`);
  const byProperty = new Map();
  for (const key of diffs.keys()) {
    const property = key.split(' | ')[1];
    byProperty.set(property, (byProperty.get(property) || 0) + 1);
  }
  const summary = [...byProperty].map(([property, n]) => `${property} (${n})`).join(', ');
  return `  by property (number of elements): ${summary}\n${lines.join('\n')}`;
}

/** Properties derived from the element's own size: they change when the page's content grows. */
const SIZE_DERIVED = new Set(['height', 'block-size', 'perspective-origin', 'transform-origin']);

/**
 * Runs in the page: the computed styles of host-page elements (first match of each selector;
 * null when absent) and the host document's styling state.
 */
function captureHostStyles({ selectors, exclude }) {
  const styles = {};
  for (const selector of selectors) {
    const el = document.querySelector(selector);
    if (!el) {
      styles[selector] = null;
      continue;
    }
    const style = getComputedStyle(el);
    const props = {};
    for (let i = 0; i < style.length; i++) {
      const name = style[i];
      if (!exclude.includes(name)) props[name] = style.getPropertyValue(name);
    }
    styles[selector] = props;
  }
  const sheets = [...document.styleSheets].map((sheet) => ({
    href: sheet.href,
    owner: sheet.ownerNode ? sheet.ownerNode.localName : null,
    disabled: sheet.disabled,
    rules: [...sheet.cssRules].map((rule) => rule.cssText).join('\n'),
  }));
  return {
    styles,
    document: {
      styleSheets: document.styleSheets.length,
      adoptedStyleSheets: document.adoptedStyleSheets.length,
      styleElements: document.querySelectorAll('style').length,
      linkElements: document.querySelectorAll('link').length,
      headChildren: document.head.children.length,
      fonts: document.fonts.size,
      htmlAttributes: [...document.documentElement.attributes].map((a) => `${a.name}=${a.value}`),
      bodyAttributes: [...document.body.attributes].map((a) => `${a.name}=${a.value}`),
      sheets,
    },
  };
}

// ------------------------------------------------------------------------------------------------
// Screenshot comparison (decoded and compared in the browser: no image library needed)

/** Compares two PNGs pixel by pixel in `page`; returns { sizeA, sizeB, diff, total, diffPng? }. */
async function comparePngs(page, a, b) {
  const result = await page.evaluate(
    async ([a64, b64]) => {
      const load = (b64) =>
        createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' }));
      const [ia, ib] = await Promise.all([load(a64), load(b64)]);
      const sizeA = [ia.width, ia.height];
      const sizeB = [ib.width, ib.height];
      if (ia.width !== ib.width || ia.height !== ib.height) return { sizeA, sizeB, diff: null, total: null };
      const { width, height } = ia;
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      ctx.drawImage(ia, 0, 0);
      const da = ctx.getImageData(0, 0, width, height).data;
      ctx.clearRect(0, 0, width, height);
      ctx.drawImage(ib, 0, 0);
      const db = ctx.getImageData(0, 0, width, height).data;
      const out = new ImageData(width, height);
      let diff = 0;
      for (let i = 0; i < da.length; i += 4) {
        const delta = Math.max(
          Math.abs(da[i] - db[i]),
          Math.abs(da[i + 1] - db[i + 1]),
          Math.abs(da[i + 2] - db[i + 2]),
        );
        if (delta > 24) {
          diff++;
          out.data.set([255, 0, 0, 255], i);
        } else {
          const grey = 200 + Math.round(((da[i] + da[i + 1] + da[i + 2]) / 3 / 255) * 55);
          out.data.set([grey, grey, grey, 255], i);
        }
      }
      let diffPng = null;
      if (diff) {
        ctx.putImageData(out, 0, 0);
        const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
        let binary = '';
        for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        diffPng = btoa(binary);
      }
      return { sizeA, sizeB, diff, total: width * height, diffPng };
    },
    [a.toString('base64'), b.toString('base64')],
  );
  return result;
}

// ------------------------------------------------------------------------------------------------
// 1. Host isolation

/** The journey used on index.html and hostile-css.html (findings, so the summary has content). */
const ISOLATION_ANSWERS = { concerns: ['acne_scars'], medicines: ['blood_thinner'] };
/** Steps whose widget screenshots are kept on disk for people to look at. */
const KEPT = new Set(['00-start', '01-question', '02-question', '90-check', '99-summary']);
/** Share of differing pixels allowed between the two pages' widget screenshots. */
const PIXEL_TOLERANCE = 0.002;

let isolation;
/** Runs the same journey on index.html and hostile-css.html at 375 px, capturing every page once. */
function isolationRun() {
  isolation ??= (async () => {
    const width = 375;
    const pages = {};
    for (const name of ['index', 'hostile']) {
      const page = await env.newPage({ width, height: 740 });
      await openWidget(page, env.server, name === 'index' ? '/index.html' : '/hostile-css.html');
      pages[name] = page;
    }
    // The host layouts differ (the hostile page pads everything with 40px-rem and 50px), so the
    // element gets the index page's width on both pages before anything is compared.
    const natural = {};
    for (const [name, page] of Object.entries(pages)) {
      natural[name] = await page.locator('microneedling-check').evaluate((el) => el.getBoundingClientRect().width);
    }
    for (const page of Object.values(pages)) {
      await page.locator('microneedling-check').evaluate((el, w) => {
        for (const [name, value] of [
          ['width', `${w}px`],
          ['max-width', 'none'],
          ['margin', '0'],
          ['padding', '0'],
          ['border', '0'],
          ['box-sizing', 'border-box'],
        ]) {
          el.style.setProperty(name, value, 'important');
        }
        // Whole-pixel top on both pages, so the element screenshots round the same way.
        const top = el.getBoundingClientRect().top + window.scrollY;
        if (top % 1) el.style.setProperty('margin-top', `${Math.ceil(top) - top}px`, 'important');
      }, natural.index);
    }
    if ((await pages.hostile.evaluate(() => getComputedStyle(document.querySelector('h1')).fontSize)) !== '40px') {
      throw new Error(
        'hostile.css did not apply to hostile-css.html (h1 font-size is not 40px): the test would prove nothing',
      );
    }

    const captures = { index: [], hostile: [] };
    const results = {};
    for (const [name, page] of Object.entries(pages)) {
      const capture = async (step) => {
        await page.mouse.move(0, 0); // no :hover left on a widget control
        const styles = await page.evaluate(captureWidgetStyles, { host: 'microneedling-check', vars: WIDGET_VARS });
        const shot = await elementShot(
          page.locator('microneedling-check'),
          KEPT.has(step) ? `${PREFIX}375-${name}-${step}` : null,
        );
        captures[name].push({ step, styles, shot });
      };
      await capture('00-start');
      const result = await runJourney(page, ISOLATION_ANSWERS, {
        onPage: async (s, index) => {
          await capture(index < 0 ? '90-check' : `${String(index + 1).padStart(2, '0')}-question`);
        },
      });
      await capture('99-summary');
      results[name] = result;
      await screenshot(page, `${PREFIX}375-${name}-page-summary`);
    }
    return { pages, natural, captures, results };
  })();
  return isolation;
}

test(
  '1a. host isolation: on hostile-css.html the widget still works, from Start to the summary',
  { timeout: TIMEOUT },
  async (t) => {
    const { pages, natural, results } = await isolationRun();
    t.diagnostic(
      `natural widget width at 375 px: index ${natural.index} px, hostile ${natural.hostile} px (forced to ${natural.index} px on both)`,
    );
    const hostile = pages.hostile;
    assert.equal(results.hostile.state.step, 'summary');
    assert.deepEqual(results.hostile.asked, results.index.asked, 'the same questions are asked on both pages');
    assert.equal(results.hostile.level, results.index.level, 'same result level');
    assert.deepEqual(results.hostile.rules, results.index.rules, 'same findings');
    // What the hostile CSS tried to break, checked directly (and not only as "equal to index.html").
    const facts = await hostile.evaluate(() => {
      const root = document.querySelector('microneedling-check').shadowRoot;
      const mc = getComputedStyle(root.querySelector('.mc-page'));
      const restart = root.querySelector('[data-action="restart"]');
      const title = root.querySelector('.mc-title');
      return {
        font: [mc.fontSize, mc.lineHeight, mc.color, mc.letterSpacing, mc.boxSizing],
        restart: restart && [getComputedStyle(restart).display, restart.getBoundingClientRect().height > 40],
        title: title && [
          getComputedStyle(title).textTransform,
          `${Math.round(parseFloat(getComputedStyle(title).fontSize))}px`,
        ],
      };
    });
    assert.deepEqual(
      facts.font,
      ['18px', '27px', 'rgb(31, 41, 51)', 'normal', 'border-box'],
      '.mc-page font-size, line-height, color, letter-spacing, box-sizing (the browser default 16 px × 1.125)',
    );
    assert.deepEqual(
      facts.restart,
      ['inline-block', true],
      'the Start again button is displayed and at least 40 px high',
    );
    assert.deepEqual(facts.title, ['none', '24px'], 'the summary heading is not uppercased and keeps its size');
    assert.deepEqual(hostile.errors, [], 'no errors in the console on hostile-css.html');
    assert.deepEqual(pages.index.errors, [], 'no errors in the console on index.html');
  },
);

test(
  '1b. host isolation: every widget element has the same computed style and box on hostile-css.html as on index.html',
  { timeout: TIMEOUT },
  async (t) => {
    const { captures } = await isolationRun();
    assert.equal(captures.hostile.length, captures.index.length, 'the same number of pages on both');
    const diffs = new Map();
    let elements = 0;
    for (let i = 0; i < captures.index.length; i++) {
      const a = captures.index[i];
      const b = captures.hostile[i];
      assert.equal(b.step, a.step);
      elements += a.styles.length;
      diffStyles(a.styles, b.styles, a.step, diffs);
    }
    t.diagnostic(`compared every computed property of ${elements} elements over ${captures.index.length} pages`);
    // Spot checks the brief names, so a failure message is concrete even before the full list.
    const first = (capture, selector) => capture.styles.find((e) => e.path.split(' > ').at(-1).startsWith(selector));
    const start = captures.hostile[0];
    assert.equal(
      first(start, 'button.mc-button.mc-button-start').props.display,
      'inline-block',
      'Start button display',
    );
    assert.equal(
      first(start, 'button.mc-button.mc-button-start').props['background-color'],
      first(captures.index[0], 'button.mc-button.mc-button-start').props['background-color'],
      'Start button background (the default accent on both pages)',
    );
    const question = captures.hostile[1];
    assert.equal(first(question, 'input.mc-input').props.opacity, '1', 'an input is not transparent');
    assert.equal(first(question, 'input.mc-input').props.width, '28px', 'an input is 28 px wide');
    assert.equal(
      first(question, 'h2.mc-title').props['font-size'],
      first(captures.index[1], 'h2.mc-title').props['font-size'],
      'the question heading size',
    );
    assert.equal(first(question, 'fieldset.mc-fieldset').props['border-top-width'], '0px', 'fieldset border');
    assert.equal(
      diffs.size,
      0,
      `the host page's CSS reaches into the widget: ${diffs.size} differences between index.html and hostile-css.html:\n${formatDiffs(diffs, ['index', 'hostile'])}`,
    );
  },
);

test(
  '1c. host isolation: the widget looks the same on hostile-css.html as on index.html (element screenshots, 375 px)',
  { timeout: TIMEOUT },
  async (t) => {
    const { pages, captures } = await isolationRun();
    const compare = await env.newPage();
    const problems = [];
    for (let i = 0; i < captures.index.length; i++) {
      const a = captures.index[i];
      const b = captures.hostile[i];
      const result = await comparePngs(compare, a.shot, b.shot);
      if (result.diff === null) {
        problems.push(
          `${a.step}: the widget is ${result.sizeA.join('×')} px on index.html but ${result.sizeB.join('×')} px on hostile-css.html`,
        );
        continue;
      }
      const ratio = result.diff / result.total;
      if (result.diff) {
        const file = path.join(SCREENSHOTS, `${PREFIX}375-diff-${a.step}.png`);
        await writeFile(file, Buffer.from(result.diffPng, 'base64'));
        if (ratio > PIXEL_TOLERANCE)
          problems.push(
            `${a.step}: ${result.diff} of ${result.total} pixels differ (${(ratio * 100).toFixed(2)} %), see ${path.relative(process.cwd(), file)}`,
          );
      }
      if (i === 0) t.diagnostic(`start page: ${result.sizeA.join('×')} px, ${result.diff} pixels differ`);
    }
    await compare.close();
    assert.ok(captures.index.length >= 4, 'compared at least the start page, questions, check and summary');
    assert.deepEqual(
      problems,
      [],
      `the widget looks different on hostile-css.html (tolerance ${PIXEL_TOLERANCE * 100} % of pixels)`,
    );
    assert.ok(
      await pages.hostile.locator('microneedling-check [data-action="restart"]').isVisible(),
      "the summary's Start again button is visible",
    );
  },
);

// ------------------------------------------------------------------------------------------------
// 2. The widget changes nothing on the host page

const HOST_SELECTORS = [
  'html',
  'body',
  '.skip-link',
  '.site-header',
  '.brand',
  '.site-header nav a',
  'main',
  '.eyebrow',
  'h1',
  '.intro p',
  'section.check',
  '.site-footer',
  '.site-footer p',
  '.site-footer a',
  '.newsletter label',
  '.newsletter input',
  '.newsletter button',
];

for (const pathname of ['/index.html', '/hostile-css.html']) {
  test(
    `2. ${pathname}: the widget changes no style of the host page (before it loads vs after a journey)`,
    { timeout: TIMEOUT },
    async (t) => {
      const args = { selectors: HOST_SELECTORS, exclude: [...SIZE_DERIVED] };
      // Baseline: the page without the widget at all (its loader is refused).
      const bare = await env.newPage();
      await bare.route('**/microneedling-check.js', (route) => route.abort());
      await bare.goto(new URL(pathname, env.server.url).href, { waitUntil: 'load' });
      const baseline = await bare.evaluate(captureHostStyles, args);
      assert.equal(
        await bare.evaluate(() => !!customElements.get('microneedling-check')),
        false,
        'the baseline page has no widget',
      );
      await bare.close();

      const page = await env.newPage();
      // Hold the widget's .wasm until the page's "before" state is recorded: the page and the loader
      // are there, the widget has not rendered.
      let release;
      const gate = new Promise((resolve) => (release = resolve));
      let requested = false;
      await page.route('**/microneedling-check-wasm.bin', async (route) => {
        requested = true;
        await gate;
        await route.continue();
      });
      await page.goto(new URL(pathname, env.server.url).href, { waitUntil: 'load' });
      await until(() => requested, 15_000, 'the loader never asked for the .wasm');
      assert.equal(await page.locator('microneedling-check .mc').count(), 0, 'the widget has not rendered yet');
      const beforeState = await page.evaluate(captureHostStyles, args);
      assert.deepEqual(
        beforeState,
        baseline,
        'the loader alone changed the host page (compared with the page without the widget)',
      );
      const present = Object.entries(beforeState.styles)
        .filter(([, v]) => v)
        .map(([k]) => k);
      assert.ok(present.length >= 10, `found the host elements (${present.join(', ')})`);

      release();
      await waitForStep(page, 'start', 30_000);
      await runJourney(page, { concerns: ['acne_scars'] });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.mouse.move(1, 1); // off every host link, so no :hover differs
      const afterState = await page.evaluate(captureHostStyles, args);

      assert.deepEqual(
        afterState.document,
        beforeState.document,
        "the host document's style sheets, adopted sheets, fonts and root attributes",
      );
      assert.equal(afterState.document.adoptedStyleSheets, 0, 'no adopted style sheet on the host document');
      const changed = [];
      for (const selector of present) {
        for (const [name, value] of Object.entries(beforeState.styles[selector])) {
          if (afterState.styles[selector][name] !== value)
            changed.push(`${selector} ${name}: ${value} → ${afterState.styles[selector][name]}`);
        }
      }
      t.diagnostic(
        `${present.length} host elements × ${Object.keys(beforeState.styles.html).length} properties compared (not ${[...SIZE_DERIVED].join(', ')}, which follow the page's height)`,
      );
      assert.deepEqual(
        changed,
        [],
        'computed styles of host elements changed after the widget loaded and a journey was done',
      );
      assert.deepEqual(page.errors, [], 'no errors in the console');
    },
  );
}
