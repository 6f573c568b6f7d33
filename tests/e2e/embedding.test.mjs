// Embedding: how the widget behaves as a guest on someone else's page.
//
//  1. Host isolation: on hostile-css.html (global !important resets, hidden buttons and inputs,
//     generic design tokens such as --accent on :root, class names like .mc-button) every element
//     of the widget has the same computed style and box as on index.html, the widget looks the same
//     (element screenshots at 375 px, same width forced on both pages) and a journey reaches the summary.
//  2. The widget changes no style of the host page (computed styles of host elements, the host
//     document's style sheets, adopted sheets and fonts), before it loads vs after a journey.
//  3. Several instances (two-locales.html): own shadow roots, lang/dir and answers; mount() works
//     and uses its variant.
//  4. Bad configuration (bad-attributes.html): one console warning per bad attribute, naming it,
//     and the safe default; a refused booking-url is never rendered as a link.
//  5. Answers never reach the console, the address, the history or the title.
//  (6., the static checks of the shipped files, needs no browser: shipped-files.test.mjs.)
//
// Run against dist/ (./scripts/build.sh first):
//   node --test --test-concurrency=1 tests/e2e/embedding.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  openWidget,
  state,
  readState,
  runJourney,
  defaultOption,
  until,
  waitForStep,
  screenshot,
  ROOT,
  SCREENSHOTS,
  TIMEOUT,
  useBrowser,
} from './helpers.mjs';

const PREFIX = 'embedding-';

const env = useBrowser({ screenshots: PREFIX });

// ------------------------------------------------------------------------------------------------
// Helpers for several widgets on one page (helpers.mjs drives the first <microneedling-check> only)

/** A driver for the widget in `host` (a CSS selector for the host element, e.g. `#check-es`). */
function widget(page, host) {
  const read = () => page.evaluate(readState, host);
  const signature = (s) => `${s.step}|${(s.questions || []).map((q) => q.id).join(',')}|${s.error}`;
  const api = {
    host,
    state: read,
    /** Clicks [data-action=name] inside this widget and waits for its next page. */
    async action(name) {
      const before = signature(await read());
      await page.locator(`${host} [data-action="${name}"]`).first().click();
      return until(
        async () => {
          const s = await read();
          return signature(s) !== before && s;
        },
        10_000,
        `${host}: the widget stayed on ${before} after ${name}`,
      );
    },
    /** Ticks option `value` of question `id` by clicking its label. */
    async choose(id, value) {
      const input = page.locator(`${host} input[name="${id}"][value="${value}"]`);
      if ((await input.count()) !== 1) throw new Error(`${host}: question ${id} has no single option ${value}`);
      const inputId = await input.getAttribute('id');
      await page.locator(`${host} label[for="${inputId}"]`).click();
      await until(() => input.isChecked(), 5_000, `${host}: clicking the label of ${id}=${value} did not tick it`);
    },
    /** Answers from `answers` (else defaultOption) up to the summary; returns { asked, answers, level, rules }. */
    async journey(answers = {}, { onPage } = {}) {
      let s = await read();
      if (s.step === 'start') s = await api.action('start');
      const asked = [];
      const recorded = {};
      for (let index = 0; s.step === 'question'; index++) {
        if (index > 150) throw new Error(`${host}: still on question pages after 150 pages`);
        if (onPage) await onPage(s, index);
        for (const q of s.questions) {
          const want = answers[q.id] ?? defaultOption(q.options);
          for (const value of [want].flat()) {
            if (!q.options.includes(value))
              throw new Error(`${host}: ${q.id}=${value} is not an option (${q.options.join(', ')})`);
            const now = (await read()).questions.find((x) => x.id === q.id);
            if (!now.checked.includes(value)) await api.choose(q.id, value);
          }
          asked.push(q.id);
        }
        for (const q of (await read()).questions) recorded[q.id] = q.type === 'checkbox' ? q.checked : q.checked[0];
        s = await api.action('continue');
        if (s.error) throw new Error(`${host}: Continue showed an error after ${asked.at(-1)}`);
      }
      if (s.step !== 'check') throw new Error(`${host}: expected Check your answers, got ${s.step}`);
      if (onPage) await onPage(s, -1);
      s = await api.action('see-result');
      if (s.step !== 'summary') throw new Error(`${host}: expected the summary, got ${s.step}`);
      const unused = Object.keys(answers).filter((id) => !asked.includes(id));
      if (unused.length) throw new Error(`${host}: the journey never asked ${unused.join(', ')}`);
      return { asked, answers: recorded, level: s.level, rules: s.rules, state: s };
    },
  };
  return api;
}

/** An element screenshot (the widget only), saved as screenshots/<name>.png when `name` is given; returns the PNG. */
async function elementShot(locator, name) {
  if (!name) return locator.screenshot({ animations: 'disabled' });
  await mkdir(SCREENSHOTS, { recursive: true });
  return locator.screenshot({
    path: path.join(SCREENSHOTS, `${name.replace(/[^A-Za-z0-9_.-]+/g, '-')}.png`),
    animations: 'disabled',
  });
}

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
      'rgb(29, 90, 138)',
      'Start button background',
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

// ------------------------------------------------------------------------------------------------
// 3. Several instances on one page

test(
  '3. two-locales.html: each widget has its own shadow root, language, direction and answers; mount() uses its variant',
  { timeout: TIMEOUT },
  async (t) => {
    const page = await env.newPage();
    await page.goto(new URL('/two-locales.html', env.server.url).href, { waitUntil: 'load' });
    const es = widget(page, '#check-es');
    const ar = widget(page, '#check-ar');
    const fr = widget(page, '#check-fr');
    for (const w of [es, ar, fr]) await page.locator(`${w.host} .mc[data-step="start"]`).waitFor({ timeout: 30_000 });
    await screenshot(page, `${PREFIX}two-locales-1280-start`);

    const roots = await page.evaluate(() => {
      const hosts = ['#check-es', '#check-ar', '#check-fr'].map((s) => document.querySelector(s));
      const shadows = hosts.map((h) => h.shadowRoot);
      return {
        tags: hosts.map((h) => h.localName),
        modes: shadows.map((s) => s && s.mode),
        distinct: new Set(shadows).size,
        mcPerRoot: shadows.map((s) => s.querySelectorAll('.mc').length),
        inLightDom: document.querySelectorAll('.mc').length,
        titles: shadows.map((s) => s.querySelector('.mc-title').textContent.trim()),
        contacts: shadows.map((s) => s.querySelector('.mc-contact').textContent.trim()),
        directions: shadows.map((s) => getComputedStyle(s.querySelector('.mc')).direction),
      };
    });
    assert.deepEqual(
      roots.tags,
      ['microneedling-check', 'microneedling-check', 'div'],
      'two custom elements and one mount() target',
    );
    assert.deepEqual(roots.modes, ['open', 'open', 'open'], 'each host has an open shadow root');
    assert.equal(roots.distinct, 3, 'three different shadow roots');
    assert.deepEqual(roots.mcPerRoot, [1, 1, 1], 'one widget per shadow root');
    assert.equal(roots.inLightDom, 0, 'nothing of the widget in the light DOM');
    const langs = [];
    for (const w of [es, ar, fr]) {
      const s = await w.state();
      langs.push([s.lang, s.dir]);
    }
    assert.deepEqual(
      langs,
      [
        ['es', 'ltr'],
        ['ar', 'rtl'],
        ['fr', 'ltr'],
      ],
      '.mc lang and dir of the es, ar and fr widgets',
    );
    assert.deepEqual(roots.directions, ['ltr', 'rtl', 'ltr'], 'computed direction');
    assert.equal(new Set(roots.titles).size, 3, `three different start titles: ${roots.titles.join(' | ')}`);
    assert.match(roots.contacts[0], /Clínica Lumen Madrid/);
    assert.match(roots.contacts[1], /عيادة لومن دبي/);
    assert.match(roots.contacts[2], /Clinique Lumen Paris/);

    // Answer in the Spanish widget; the others stay on their start pages.
    let s = await es.action('start');
    const first = s.questions[0];
    const pick = first.options[0];
    await es.choose(first.id, pick);
    s = await es.action('continue');
    const second = s.questions[0];
    assert.notEqual(second.id, first.id, 'the Spanish widget moved on');
    assert.equal((await ar.state()).step, 'start', 'the Arabic widget is still on its start page');
    assert.equal((await fr.state()).step, 'start', 'the mount() widget is still on its start page');

    // The Arabic widget's first question starts empty, and a different answer there leaves Spanish alone.
    s = await ar.action('start');
    assert.equal(s.questions[0].id, first.id);
    assert.deepEqual(s.questions[0].checked, [], 'the Arabic widget does not see the Spanish answer');
    const other = first.options.find((o) => o !== pick);
    await ar.choose(first.id, other);
    await elementShot(page.locator('#check-ar'), `${PREFIX}two-locales-1280-ar-first-question`);
    s = await es.state();
    assert.equal(s.step, 'question');
    assert.equal(s.questions[0].id, second.id, 'the Spanish widget is still on its second question');
    s = await es.action('back');
    assert.deepEqual(s.questions[0].checked, [pick], 'the Spanish widget kept its own answer');
    assert.deepEqual((await ar.state()).questions[0].checked, [other], 'the Arabic widget kept its own answer');
    await screenshot(page, `${PREFIX}two-locales-1280-es-and-ar-answering`);

    // The mount() widget is the rf variant: `heart` gives the rf-only rule heart_rf (the content has
    // no rf-only question; its only variant question, platelets, is prp-only and must not be asked).
    const rf = await fr.journey({ conditions: ['heart'] });
    await elementShot(page.locator('#check-fr'), `${PREFIX}two-locales-1280-fr-rf-summary`);
    assert.ok(rf.rules.includes('heart_rf'), `rf findings include heart_rf (got ${rf.rules.join(', ')})`);
    assert.ok(!rf.rules.includes('heart'), 'not the standard heart rule');
    assert.ok(!rf.asked.includes('platelets'), 'the prp-only question is not asked');
    assert.equal((await fr.state()).lang, 'fr');
    // The same answer in the Spanish widget (standard variant) gives the standard rule.
    await es.action('back'); // back to the start page, answers kept
    const standard = await es.journey({ conditions: ['heart'] });
    assert.ok(
      standard.rules.includes('heart') && !standard.rules.includes('heart_rf'),
      `standard findings include heart, not heart_rf (got ${standard.rules.join(', ')})`,
    );
    assert.equal((await ar.state()).step, 'question', 'the Arabic widget is still on its question');
    t.diagnostic(
      `rf: ${rf.level} [${rf.rules.join(', ')}]; standard: ${standard.level} [${standard.rules.join(', ')}]`,
    );
    assert.deepEqual(page.errors, [], 'no errors in the console');
  },
);

// ------------------------------------------------------------------------------------------------
// 4. Bad configuration

test(
  '4. bad-attributes.html: each bad value warns, naming the attribute, and its safe default applies; bad links are never rendered',
  { timeout: TIMEOUT },
  async (t) => {
    // Browser languages French, so "English" for locale="xx" is the documented fallback, not the browser's choice.
    const page = await env.newPage({ locale: 'fr-FR' });
    const warnings = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await page.goto(new URL('/bad-attributes.html', env.server.url).href, { waitUntil: 'load' });
    const ids = ['bad-js', 'bad-data', 'bad-variant', 'bad-locale', 'bad-phone', 'bad-accent'];
    const w = Object.fromEntries(ids.map((id) => [id, widget(page, `#${id}`)]));
    for (const id of ids) await page.locator(`#${id} .mc[data-step="start"]`).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(300);
    await screenshot(page, `${PREFIX}bad-attributes-1280-start`);

    const ours = warnings.filter((m) => m.startsWith('<microneedling-check>'));
    t.diagnostic(`warnings: ${ours.join(' | ')}`);
    const named = (kind, name) => ours.filter((m) => m.startsWith(`<microneedling-check> ${kind} \`${name}\`:`));
    assert.equal(named('attribute', 'booking-url').length, 2, 'two booking-url warnings');
    assert.ok(
      named('attribute', 'booking-url').some((m) => m.includes('javascript:')),
      'the booking-url warning names the javascript: scheme',
    );
    assert.ok(
      named('attribute', 'booking-url').some((m) => m.includes('data:')),
      'the booking-url warning names the data: scheme',
    );
    assert.equal(named('attribute', 'variant').length, 1, 'one variant warning');
    assert.match(named('attribute', 'variant')[0], /laser/);
    assert.equal(named('attribute', 'locale').length, 1, 'one locale warning');
    assert.match(named('attribute', 'locale')[0], /xx/);
    assert.equal(named('attribute', 'phone').length, 1, 'one phone warning');
    assert.equal(
      named('CSS property', '--mc-accent').length,
      2,
      'two --mc-accent warnings: on its text and on the background',
    );
    assert.equal(
      ours.length,
      7,
      `exactly seven widget warnings: one per bad value, two for the pale accent (got ${ours.length})`,
    );

    // Safe defaults.
    assert.deepEqual(
      [(await w['bad-locale'].state()).lang, (await w['bad-locale'].state()).dir],
      ['en', 'ltr'],
      'locale="xx" shows English (the browser asks for French)',
    );
    const titles = await page.evaluate(() =>
      ['#bad-locale', '#bad-js'].map(
        (s) => document.querySelector(s).shadowRoot.querySelector('.mc-title').textContent,
      ),
    );
    assert.equal(titles[0], titles[1], "the xx widget's title is the English one");
    const tel = (id) => page.locator(`#${id} a[href^="tel:"]`).count();
    assert.equal(await tel('bad-phone'), 0, 'phone="call us!" shows no phone link');
    assert.equal(await tel('bad-js'), 1, 'a valid phone shows a link (control)');
    const accent = await page.evaluate(() => {
      const host = document.querySelector('#bad-accent');
      const button = host.shadowRoot.querySelector('[data-action="start"]');
      return {
        set: getComputedStyle(host).getPropertyValue('--mc-accent').trim(),
        background: getComputedStyle(button).backgroundColor,
        control: getComputedStyle(document.querySelector('#bad-js').shadowRoot.querySelector('[data-action="start"]'))
          .backgroundColor,
      };
    });
    assert.equal(accent.set, '#ffe680', 'the pale accent reaches the element (else this check proves nothing)');
    assert.notEqual(accent.background, 'rgb(255, 230, 128)', 'the Start button is not the pale colour');
    assert.equal(accent.background, accent.control, 'the Start button has the default accent');

    // variant="laser" → standard: `heart` gives the standard rule, and the prp question is not asked.
    const variant = await w['bad-variant'].journey({ conditions: ['heart'] });
    assert.ok(
      variant.rules.includes('heart') && !variant.rules.includes('heart_rf'),
      `standard findings (got ${variant.rules.join(', ')})`,
    );
    assert.ok(!variant.asked.includes('platelets'), 'the prp-only question is not asked');
    assert.equal(
      await page.locator('#bad-variant .mc-next a[href="https://example.com/book"]').count(),
      1,
      'a valid booking-url is a link (control)',
    );

    // Refused booking links: complete the journey, then look everywhere.
    for (const id of ['bad-js', 'bad-data']) {
      await w[id].journey({});
      assert.equal(
        await page
          .locator(`#${id} .mc-next a[data-next="book"], #${id} a[href^="javascript"], #${id} a[href^="data"]`)
          .count(),
        0,
        `${id}: no booking link at all`,
      );
      assert.ok(
        (await page.locator(`#${id} .mc-next`).textContent()).includes('Lumen Skin Clinic'),
        `${id}: the call to action still names the clinic`,
      );
    }
    await elementShot(page.locator('#bad-js'), `${PREFIX}bad-attributes-1280-bad-js-summary`);
    const links = await page.evaluate(() => {
      const found = [];
      const walk = (root) => {
        for (const el of root.querySelectorAll('*')) {
          for (const attribute of ['href', 'src', 'action', 'formaction', 'xlink:href']) {
            const value = el.getAttribute(attribute);
            if (value !== null) found.push(`${el.localName}[${attribute}=${value}]`);
          }
          if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      walk(document);
      return found;
    });
    const dangerous = links.filter(
      (l) => /=\s*(javascript|data|vbscript):/i.test(l) && !l.startsWith('link[href=data:,'),
    );
    assert.deepEqual(
      dangerous,
      [],
      'no javascript:, data: or vbscript: URL anywhere on the page or in any shadow root',
    );
    assert.equal(
      await page.locator('microneedling-check a[href^="javascript:"], microneedling-check a[href^="data:"]').count(),
      0,
    );
    assert.deepEqual(page.errors, [], 'no errors in the console');
  },
);

// ------------------------------------------------------------------------------------------------
// 5. Answers never leave through the console, the address or the title

test('5. answers never reach the console, the address, the history or the title', { timeout: TIMEOUT }, async (t) => {
  const page = await env.newPage();
  const messages = [];
  page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
  await openWidget(page, env.server, '/index.html');
  const before = await page.evaluate(() => ({
    url: location.href,
    title: document.title,
    history: history.length,
    lightDom: document.documentElement.outerHTML,
  }));
  const same = async (where) => {
    const now = await page.evaluate(() => ({ url: location.href, title: document.title, history: history.length }));
    assert.deepEqual(
      now,
      { url: before.url, title: before.title, history: before.history },
      `address, title and history on ${where}`,
    );
  };
  const answers = {
    concerns: ['acne_scars'],
    age: '18_to_21',
    isotretinoin: 'under_6_months',
    medicines: ['blood_thinner', 'retinoids_acids'],
    pregnant: 'not_sure',
    smoking: 'yes',
  };
  const result = await runJourney(page, answers, {
    onPage: async (s) => same(s.step === 'question' ? s.questions[0].id : s.step),
  });
  await same('the summary');
  // Keep your result: save, FHIR download and copy run export code with the answers.
  page.on('download', (download) => download.cancel().catch(() => {}));
  for (const name of ['save', 'download-fhir', 'copy']) {
    await page.locator(`microneedling-check [data-action="${name}"]`).click();
    await page.waitForTimeout(300);
    await same(`the summary after ${name}`);
  }
  await page.waitForTimeout(500);

  const ids = new Set(result.asked);
  for (const value of Object.values(result.answers)) for (const v of [value].flat()) ids.add(v);
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(^|[^A-Za-z0-9_])(${[...ids].map(escape).join('|')})(?![A-Za-z0-9_])`);
  const leaks = messages.filter((m) => pattern.test(m));
  t.diagnostic(
    `${ids.size} question and option ids checked against ${messages.length} console messages${messages.length ? `: ${messages.join(' | ')}` : ''}`,
  );
  assert.ok(ids.has('isotretinoin') && ids.has('under_6_months'), 'the distinctive answers were given');
  assert.deepEqual(leaks, [], 'console messages containing a question or option id');
  const lightDom = await page.evaluate(() => document.documentElement.outerHTML);
  assert.equal(
    lightDom,
    before.lightDom,
    "the host page's light DOM (attributes included) did not change during the journey",
  );
  assert.equal(new URL(page.url()).hash, '', 'no fragment in the address');
  assert.equal((await state(page)).step, 'summary');
});
