// The embed builder, configure.html (issue 28).
//
//  1. Its fields drive the preview, the real widget, without a reload; next to the colours it says
//     the verdicts the widget reports; the code to copy says what was chosen, with the loader's
//     integrity and the version; it passes axe and works by keyboard (a copy button).
//  2. The two lines and the CSS, pasted into a blank page served with the builder's recommended
//     Content-Security-Policy as a real header: the widget shows as chosen (clinic name, locale,
//     colour scheme, colours) with no CSP violation.
//
// Run against dist/ (./scripts/build.sh first): node --test tests/e2e/configure.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { DIST, TIMEOUT, expectNoViolations, screenshot, staticServer, until, useBrowser, widget } from './helpers.mjs';

const env = useBrowser({ screenshots: 'configure-' });
const CHOSEN = {
  clinic: 'Harbour Skin Studio',
  phone: '0161 496 0000',
  booking: 'https://example.com/harbour/book',
  locale: 'fr',
  scheme: 'dark',
  colours: { accent: '#ffd166', 'accent-text': '#14213d', text: '#f4f4f6', background: '#14213d' },
};

/** Fills the builder's fields with CHOSEN. */
async function fill(page) {
  await page.fill('#f-clinic-name', CHOSEN.clinic);
  await page.fill('#f-phone', CHOSEN.phone);
  await page.fill('#f-booking-url', CHOSEN.booking);
  await page.selectOption('#f-locale', CHOSEN.locale);
  await page.check(`input[name="color-scheme"][value="${CHOSEN.scheme}"]`);
  for (const [name, value] of Object.entries(CHOSEN.colours)) await page.fill(`#f-${name}`, value);
}

/** Runs in the page: what the widget in `selector` shows and paints. */
function shown(selector) {
  const host = document.querySelector(selector);
  const mc = host && host.shadowRoot && host.shadowRoot.querySelector('.mc');
  if (!mc) return null;
  const style = getComputedStyle(mc);
  const probe = document.createElement('span');
  document.body.append(probe);
  const norm = (v) => {
    probe.style.color = v;
    return getComputedStyle(probe).color;
  };
  const out = {
    lang: mc.getAttribute('lang'),
    step: mc.getAttribute('data-step'),
    text: host.shadowRoot.textContent,
    colorScheme: style.colorScheme,
    background: norm(style.getPropertyValue('--background').trim()),
    text_: norm(style.getPropertyValue('--text').trim()),
    accent: norm(style.getPropertyValue('--accent').trim()),
    accentText: norm(style.getPropertyValue('--accent-text').trim()),
    report: host.themeReport,
  };
  probe.remove();
  return out;
}

test(
  'the builder: fields drive the live preview, the verdicts and the code; axe and keyboard; the pasted code works under its CSP',
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage({ permissions: ['clipboard-read', 'clipboard-write'] });
    const csp = [];
    page.on('console', (m) => /Content.Security.Policy|Refused to/i.test(m.text()) && csp.push(m.text()));
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(env.server.url + 'configure.html');
    await widget(page, '#preview').waitForStep('start');
    await page.evaluate(() => (window.__noReload = true));

    await fill(page);

    // The preview follows, with no reload.
    const preview = await until(
      async () => {
        const s = await page.evaluate(shown, '#preview');
        return s && s.lang === CHOSEN.locale && s.text.includes(CHOSEN.clinic) && s.colorScheme === 'dark' && s;
      },
      10_000,
      'the preview did not take the chosen locale, clinic name and scheme',
    );
    assert.equal(preview.step, 'start');
    assert.equal(await page.evaluate(() => window.__noReload), true, 'the page was not reloaded');

    // The verdicts, in words, from the widget's own report.
    const verdict = await until(
      async () => {
        const t = await page.textContent('#v-accent');
        return /uses this colour/.test(t) && /passes/.test(t) && t;
      },
      10_000,
      'no verdict next to the accent colour',
    );
    const report = preview.report.find((v) => v.pair === 'accent on background');
    assert.ok(
      verdict.includes(`${Number(report.ratio.toFixed(2))} to 1`),
      `the verdict quotes the widget's ratio: ${verdict}`,
    );
    // A colour that falls short: the builder says the widget replaced it.
    await page.fill('#f-text', '#202a44');
    await until(
      async () => /does not use this colour/.test(await page.textContent('#v-text')),
      10_000,
      'a text colour without contrast was not reported as replaced',
    );
    await page.fill('#f-text', CHOSEN.colours.text);
    await until(async () => /uses this colour/.test(await page.textContent('#v-text')), 10_000, 'text verdict');

    // The code.
    const loaderSri =
      'sha384-' +
      createHash('sha384')
        .update(await readFile(path.join(DIST, 'microneedling-check.js')))
        .digest('base64');
    const version = await page.textContent('#version');
    assert.match(version, /^\d+\.\d+\.\d+/);
    const self = await page.textContent('#o-self');
    for (const part of [
      `<script type="module" async src="./microneedling-check.js" integrity="${loaderSri}"></script>`,
      `clinic-name="${CHOSEN.clinic}"`,
      `booking-url="${CHOSEN.booking}"`,
      `phone="${CHOSEN.phone}"`,
      `locale="${CHOSEN.locale}"`,
      `color-scheme="${CHOSEN.scheme}"`,
      `<a href="tel:01614960000">${CHOSEN.phone}</a>`,
    ]) {
      assert.ok(self.includes(part), `the two lines have ${part}:\n${self}`);
    }
    const cdn = await page.textContent('#o-cdn');
    assert.ok(
      cdn.includes(`https://cdn.jsdelivr.net/npm/microneedling-check@${version}/microneedling-check.js`) &&
        cdn.includes(`integrity="${loaderSri}" crossorigin="anonymous"`),
      `the CDN lines pin the version with integrity:\n${cdn}`,
    );
    const preload = await page.textContent('#o-preload');
    assert.ok(
      preload.includes(`microneedling-check-texts-${CHOSEN.locale}.bin`),
      'the preload is for the chosen locale',
    );
    assert.match(preload, /integrity="sha384-[A-Za-z0-9+/=]{64}"/);
    const css = await page.textContent('#o-css');
    for (const [name, value] of Object.entries(CHOSEN.colours)) assert.ok(css.includes(`--mc-${name}: ${value};`), css);
    const policy = await page.textContent('#o-csp');
    assert.match(policy, /'wasm-unsafe-eval'/);

    // Keyboard operable: Tab reaches the first field; a copy button works by Enter.
    await page.click('h1');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'f-clinic-name', 'Tab reaches the first field');
    await page.focus('[data-copy="o-self"]');
    await page.keyboard.press('Enter');
    await until(async () => /Copied|Selected/.test(await page.textContent('#copy-status')), 5_000, 'copy by keyboard');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), self, 'the clipboard has the two lines');
    await screenshot(page, 'configure-1280');
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, 'configure-375');
    assert.deepEqual(csp, [], 'no CSP violation on the builder');
    const foreign = requests.filter((u) => !u.startsWith(env.server.origin) && !/^(data|blob):/.test(u));
    assert.deepEqual(foreign, [], 'the builder sends nothing elsewhere');
    assert.deepEqual(page.errors, []);

    // axe-core (injected as an inline script, so in a page whose CSP the browser bypasses), as
    // opened and as filled in, at 1280 and 375 px.
    const axePage = await env.newPage({ bypassCSP: true });
    await axePage.goto(env.server.url + 'configure.html');
    await widget(axePage, '#preview').waitForStep('start');
    await until(async () => (await axePage.textContent('#v-text')) !== null, 5_000, 'verdicts');
    await expectNoViolations(axePage, 'configure.html as opened');
    await fill(axePage);
    await until(async () => /passes/.test(await axePage.textContent('#v-accent')), 10_000, 'verdicts after filling');
    await axePage.locator('.all-verdicts summary').click();
    await expectNoViolations(axePage, 'configure.html filled in');
    await axePage.setViewportSize({ width: 375, height: 800 });
    await expectNoViolations(axePage, 'configure.html at 375 px');

    // The pasted code: a blank page with the policy as a real header, the CSS as the site's stylesheet.
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pasted</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/site.css"></head><body><h1>Our clinic</h1>
${self}
</body></html>`;
    const server = await staticServer({
      mounts: { '/': DIST },
      pages: {
        '/pasted.html': { body: html, headers: { 'Content-Security-Policy': policy } },
        '/site.css': { body: css, type: 'text/css; charset=utf-8' },
      },
    });
    try {
      const tab = await env.newPage();
      await tab.addInitScript(() => {
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', (e) =>
          window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
        );
      });
      const response = await tab.goto(server.origin + '/pasted.html');
      assert.equal(response.headers()['content-security-policy'], policy, 'the policy is a real header');
      await widget(tab).waitForStep('start');
      const s = await until(
        async () => {
          const x = await tab.evaluate(shown, 'microneedling-check');
          return x && x.report && x;
        },
        10_000,
        'the pasted widget reported no theme',
      );
      assert.equal(s.lang, CHOSEN.locale, 'the chosen locale');
      assert.ok(s.text.includes(CHOSEN.clinic), 'the chosen clinic name');
      assert.equal(s.colorScheme, 'dark', 'the chosen colour scheme');
      const rgb = (hex) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
      assert.equal(s.background, rgb(CHOSEN.colours.background), 'the chosen background');
      assert.equal(s.text_, rgb(CHOSEN.colours.text), 'the chosen text colour');
      assert.equal(s.accent, rgb(CHOSEN.colours.accent), 'the chosen accent');
      assert.equal(s.accentText, rgb(CHOSEN.colours['accent-text']), 'the chosen accent text');
      assert.deepEqual(await tab.evaluate(() => window.__violations), [], 'no securitypolicyviolation');
      assert.deepEqual(tab.errors, []);
    } finally {
      await server.close();
    }
  },
);
