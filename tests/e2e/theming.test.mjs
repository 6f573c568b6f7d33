// Theming that cannot become unreadable: a dark clinic theme, color-scheme="dark" and "auto" pass
// axe on every page type in en and ar; borders, the focus ring and control boundaries reach 3:1;
// any colour syntax is resolved by the browser and checked; the theme is re-checked when the
// visitor's preference or the host's classes change; the layout follows the widget's own width;
// the verdicts reach the page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  hostPage,
  state,
  action,
  choose,
  defaultOption,
  waitForStep,
  runJourney,
  expectNoViolations,
  screenshot,
  until,
  TIMEOUT,
  useBrowser,
} from './helpers.mjs';

const env = useBrowser();

const LOADER = '<script type="module" async src="./microneedling-check.js"></script>';

/** The shared hostPage() with the loader and a plain page style; returns its console warnings. */
async function themedPage(page, { head = '', body, bodyStyle = '' }) {
  const style = `<style>body{margin:0;padding:16px;font:16px system-ui;${bodyStyle}}</style>`;
  const seen = await hostPage(env, page, { head: style + head, body: LOADER + body, pathname: '/theming-host.html' });
  return seen.warnings;
}

const widget = (attributes = '') =>
  `<microneedling-check clinic-name="Lumen Skin Clinic" booking-url="https://example.com/book" phone="020 7946 0000" ${attributes}></microneedling-check>`;

/** The three dark setups the issue names: by the clinic's variables, by the attribute, and automatic. */
const THEMES = {
  'dark clinic variables': {
    head: '<style>microneedling-check{--mc-background:#1c1c1c;--mc-text:#ececec}</style>',
    bodyStyle: 'background:#1c1c1c;color:#ececec',
    attributes: '',
  },
  'color-scheme="dark"': { head: '', bodyStyle: 'background:#111;color:#eee', attributes: 'color-scheme="dark"' },
  'color-scheme="auto", dark preference': {
    head: '',
    bodyStyle: 'background:#111;color:#eee',
    attributes: 'color-scheme="auto"',
    colorScheme: 'dark',
  },
};

/** Answers reaching each level (checked against the engine by tests/e2e/journeys.test.mjs's kind). */
const LEVELS = {
  not_advisable_now: { pregnant: 'yes', medicines: ['blood_thinner'] },
  professional_check_first: { pregnant: 'not_sure' },
  worth_mentioning: { smoking: 'yes' },
  no_specific_concern: { concerns: ['acne_scars'] },
};

/**
 * Runs in the page: the non-text contrasts that axe does not check, on the widget's current page:
 * each control boundary, panel and finding border, and the focus ring of the focused element,
 * against the widget's background. Colours are read as the browser computes them.
 */
function nonTextContrasts() {
  const root = document.querySelector('microneedling-check').shadowRoot;
  const rgb = (text) => (text.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
  const lum = ([r, g, b]) =>
    [r, g, b]
      .map((v) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
      .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => {
    const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const background = getComputedStyle(root.querySelector('.mc')).backgroundColor;
  const out = [];
  const check = (what, colour) => out.push({ what, colour, ratio: Math.round(ratio(colour, background) * 100) / 100 });
  for (const input of root.querySelectorAll('.mc-input'))
    check(`${input.type} boundary`, getComputedStyle(input).borderTopColor);
  for (const el of root.querySelectorAll('.mc-panel, .mc-finding, .mc-concern'))
    check(`${el.className} border`, getComputedStyle(el).borderInlineStartColor);
  for (const el of root.querySelectorAll('.mc-button-secondary'))
    check('secondary button border', getComputedStyle(el).borderTopColor);
  const focused = root.activeElement;
  if (focused) {
    // The indicator is the outline, the box shadow's band or, for links and link-like buttons, the
    // highlight behind the text; fully transparent parts are not part of it.
    const style = getComputedStyle(focused);
    const opaque = (c) => c && !/rgba\([^)]*,\s*0\)$/.test(c) && c !== 'transparent';
    const ring = [style.outlineColor, (style.boxShadow.match(/rgba?\([^)]*\)/) || [])[0], style.backgroundColor].filter(
      opaque,
    );
    out.push({
      what: 'focus ring',
      colour: ring.join(' / '),
      ratio: Math.round(Math.max(...ring.map((c) => ratio(c, background))) * 100) / 100,
    });
  }
  return { background, checks: out };
}

async function expectNonText(page, what) {
  const { background, checks } = await page.evaluate(nonTextContrasts);
  const low = checks.filter((c) => c.ratio < 3);
  assert.deepEqual(low, [], `${what}: below 3:1 against ${background}`);
  return checks.length;
}

for (const [name, theme] of Object.entries(THEMES)) {
  for (const locale of ['en', 'ar']) {
    test(
      `1. ${name}, ${locale}: axe finds nothing and non-text contrast reaches 3:1 on every page type`,
      { timeout: TIMEOUT },
      async () => {
        const page = await env.newPage({ width: 375, colorScheme: theme.colorScheme || 'light' });
        await themedPage(page, {
          head: theme.head,
          bodyStyle: theme.bodyStyle,
          body: widget(`locale="${locale}" ${theme.attributes}`),
        });
        await waitForStep(page, 'start', 30_000);
        const mc = await page.evaluate(
          () =>
            getComputedStyle(document.querySelector('microneedling-check').shadowRoot.querySelector('.mc'))
              .backgroundColor,
        );
        assert.notEqual(mc, 'rgb(255, 255, 255)', 'the widget is dark');
        await expectNoViolations(page, 'the start page');

        let s = await action(page, 'start');
        await expectNoViolations(page, 'a question');
        await expectNonText(page, 'a question');
        s = await action(page, 'continue');
        assert.ok(s.error);
        await expectNoViolations(page, 'the error state');
        await page.keyboard.press('Tab');
        await expectNonText(page, 'the error state, focus on the error link');
        await choose(page, s.questions[0].id, defaultOption(s.questions[0].options));
        await page.locator(`microneedling-check input[name="${s.questions[0].id}"]:checked`).focus();
        await expectNonText(page, 'a ticked, focused option');

        let first = true;
        for (const [level, answers] of Object.entries(LEVELS)) {
          const result = await runJourney(page, answers, {
            onPage: async (step, index) => {
              if (first && index === -1) await expectNoViolations(page, 'Check your answers');
            },
          });
          first = false;
          assert.equal(result.level, level, `the answers reach ${level}`);
          await expectNoViolations(page, `the summary (${level})`);
          await expectNonText(page, `the summary (${level})`);
          // The sources' key is a visible list (issue 25), so the checks above covered it.
          if (level === 'not_advisable_now' && name.startsWith('color-scheme="dark"')) {
            await screenshot(page, `theming-375-dark-summary-${locale}`);
          }
          await action(page, 'restart');
        }
        assert.deepEqual(page.errors, []);
      },
    );
  }
}

test(
  '2. any colour syntax is resolved and checked: unreadable hsl(), named and #rrggbbaa accents are refused, readable hsl() and oklch() applied',
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage();
    const cases = {
      'pale-hsl': 'hsl(350 100% 88%)',
      'pale-name': 'pink',
      translucent: '#1d5a8a80',
      'good-hsl': 'hsl(170 100% 15%)',
      'good-oklch': 'oklch(0.4 0.1 250)',
    };
    const head = `<style>${Object.entries(cases)
      .map(([id, value]) => `#${id}{--mc-accent:${value}}`)
      .join('')}</style>`;
    const body =
      Object.keys(cases)
        .map((id) => widget(`id="${id}"`))
        .join('') + widget('id="control"');
    const warnings = await themedPage(page, { head, body });
    for (const id of [...Object.keys(cases), 'control'])
      await page.locator(`#${id} .mc[data-step="start"]`).waitFor({ timeout: 30_000 });
    const painted = await page.evaluate(
      (ids) => {
        const probe = document.createElement('div');
        document.body.append(probe);
        const resolved = (value) => {
          probe.style.color = value;
          return getComputedStyle(probe).color;
        };
        return Object.fromEntries(
          ids.map((id) => {
            const button = document.getElementById(id).shadowRoot.querySelector('[data-action="start"]');
            return [
              id,
              {
                button: getComputedStyle(button).backgroundColor,
                set: getComputedStyle(document.getElementById(id)).getPropertyValue('--mc-accent').trim(),
                resolvedSet: resolved(getComputedStyle(document.getElementById(id)).getPropertyValue('--mc-accent')),
              },
            ];
          }),
        );
      },
      [...Object.keys(cases), 'control'],
    );
    for (const id of ['pale-hsl', 'pale-name', 'translucent']) {
      assert.equal(painted[id].button, painted.control.button, `${id} (${cases[id]}) is not painted`);
      assert.ok(
        warnings.some((w) => w.includes('--mc-accent') && (w.includes('contrast') || w.includes('translucent'))),
        `${id} warns`,
      );
    }
    assert.ok(
      warnings.some((w) => w.includes('--mc-accent-text on --mc-accent: contrast')),
      `a warning names the pair and the ratio: ${warnings.join(' | ')}`,
    );
    assert.ok(
      warnings.some((w) => w.includes('translucent')),
      'the translucent accent is refused as translucent',
    );
    assert.equal(painted['good-hsl'].button, 'rgb(0, 77, 64)', 'hsl(170 100% 15%) is applied as the browser paints it');
    assert.notEqual(painted['good-oklch'].button, painted.control.button, 'a readable oklch() accent is applied');
    assert.ok(!warnings.some((w) => /good/.test(w)));
  },
);

test(
  '3. the theme is re-checked and repainted when the colour-scheme preference or a class on <html> changes',
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage({ colorScheme: 'light' });
    const head = '<style>html.night #themed{--mc-background:#101820;--mc-text:#f2f2f2}</style>';
    await themedPage(page, { head, body: widget('id="auto" color-scheme="auto"') + widget('id="themed"') });
    for (const id of ['auto', 'themed'])
      await page.locator(`#${id} .mc[data-step="start"]`).waitFor({ timeout: 30_000 });
    const bg = (id) =>
      page.evaluate(
        (id) => getComputedStyle(document.getElementById(id).shadowRoot.querySelector('.mc')).backgroundColor,
        id,
      );
    const events = await page.evaluate(() => {
      window.__reports = 0;
      document.getElementById('themed').addEventListener('microneedling-check-theme', () => window.__reports++);
      return document.getElementById('themed').themeReport.length;
    });
    assert.ok(events > 10, `the element lists its checked pairs (${events})`);
    assert.equal(await bg('auto'), 'rgb(255, 255, 255)');
    await page.emulateMedia({ colorScheme: 'dark' });
    await until(
      async () => (await bg('auto')) !== 'rgb(255, 255, 255)',
      5000,
      'color-scheme="auto" did not follow the dark preference',
    );
    await page.emulateMedia({ colorScheme: 'light' });
    await until(
      async () => (await bg('auto')) === 'rgb(255, 255, 255)',
      5000,
      'color-scheme="auto" did not follow back to light',
    );

    assert.equal(await bg('themed'), 'rgb(255, 255, 255)');
    await page.evaluate(() => document.documentElement.classList.add('night'));
    await until(
      async () => (await bg('themed')) === 'rgb(16, 24, 32)',
      5000,
      'a class on <html> did not repaint the widget',
    );
    const report = await page.evaluate(() => ({
      count: window.__reports,
      pairs: document.getElementById('themed').themeReport,
    }));
    assert.ok(report.count >= 1, 'a microneedling-check-theme event was sent');
    const textOnBackground = report.pairs.find((p) => p.pair === '--mc-text on --mc-background');
    assert.ok(
      textOnBackground && textOnBackground.passes && textOnBackground.ratio > 15,
      JSON.stringify(textOnBackground),
    );
    await screenshot(page, 'theming-1280-html-class-night');
    assert.deepEqual(page.errors, []);
  },
);

test('4. a 300 px sidebar on a 1280 px page gets the phone layout', { timeout: TIMEOUT }, async () => {
  const page = await env.newPage({ width: 1280 });
  const head = '<style>.layout{display:flex;gap:24px}.layout main{flex:1}.layout aside{width:300px;flex:none}</style>';
  await themedPage(page, {
    head,
    body: `<div class="layout"><main><h1>Microneedling</h1><p>Treatment details.</p>${widget('id="wide"')}</main><aside>${widget('id="side" style="--mc-accent:#6b2d5c"')}</aside></div>`,
  });
  for (const id of ['wide', 'side']) await page.locator(`#${id} .mc[data-step="start"]`).waitFor({ timeout: 30_000 });
  const layout = await page.evaluate(() =>
    Object.fromEntries(
      ['wide', 'side'].map((id) => {
        const root = document.getElementById(id).shadowRoot;
        const mc = getComputedStyle(root.querySelector('.mc'));
        const button = root.querySelector('[data-action="start"]').getBoundingClientRect();
        const page = root.querySelector('.mc-page').getBoundingClientRect();
        return [id, { padding: mc.paddingInlineStart, buttonFull: Math.abs(button.width - page.width) < 1 }];
      }),
    ),
  );
  assert.deepEqual(layout.side, { padding: '12px', buttonFull: true }, 'the sidebar widget has the phone layout');
  assert.deepEqual(layout.wide, { padding: '20px', buttonFull: false }, 'the wide widget keeps the desktop layout');
  await screenshot(page, 'theming-1280-sidebar-300');
  assert.deepEqual(page.errors, []);
});

test(
  '4b. in boxes that size themselves to their content (a <dialog>, a flex item, a table cell) the widget keeps a usable width',
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage({ width: 1280 });
    const body = `<dialog id="modal">${widget('id="in-dialog"')}</dialog>
    <div style="display:flex"><div>${widget('id="in-flex"')}</div></div>
    <table><tr><td>${widget('id="in-cell"')}</td></tr></table>
    <script type="module">document.getElementById('modal').showModal();</script>`;
    await themedPage(page, { body });
    for (const id of ['in-dialog', 'in-flex', 'in-cell'])
      await page.locator(`#${id} .mc[data-step="start"]`).waitFor({ timeout: 30_000 });
    const widths = await page.evaluate(() =>
      Object.fromEntries(
        ['in-dialog', 'in-flex', 'in-cell'].map((id) => [
          id,
          document.getElementById(id).getBoundingClientRect().width,
        ]),
      ),
    );
    for (const [id, width] of Object.entries(widths)) assert.ok(width >= 300, `#${id} is ${width} px wide`);
    assert.deepEqual(page.errors, []);
  },
);
