// Integrity and locale packs: one hash covers the chain, and each visitor downloads one language.
//
//  1. One changed byte in the WebAssembly, in a locale's texts, or in the glue (merged into the
//     loader, which an SRI value on its <script> covers): the element shows its fallback and
//     nothing of the widget runs or renders.
//  2. A page fetches only the texts its elements show, each once, however many elements show it;
//     a page may mix locales.
//  3. Texts that fail at start show the fallback message in the element's language; texts that
//     fail on a live locale change keep the current language and answers, with a warning.
//
// Run against dist/ (./scripts/build.sh first): node --test tests/e2e/integrity.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { DIST, LOCALE_CODES, TIMEOUT, hostPage, textsFile, useBrowser, widget } from './helpers.mjs';

const env = useBrowser();
const LOADER = '<script type="module" async src="./microneedling-check.js"></script>';
const OWN_CONTENT = 'Call Lumen Skin Clinic on 020 7946 0000';

/** Serves `name` with one byte flipped (past any header, inside the content). */
async function tamper(page, name, at = (length) => length >> 1) {
  await page.route(`**/${name}`, async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    body[at(body.length)] ^= 0x01;
    await route.fulfill({ response, body });
  });
}

/** Counts WebAssembly modules the page instantiates (window.__instantiated). */
async function countInstances(page) {
  await page.addInitScript(() => {
    window.__instantiated = 0;
    const instantiate = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = async (...args) => {
      const result = await instantiate(...args);
      window.__instantiated++;
      return result;
    };
  });
}

/** Every request `page` makes for a path, as a list of pathnames. */
function recordPaths(page) {
  const paths = [];
  page.on('request', (request) => paths.push(new URL(request.url()).pathname));
  return paths;
}

test(
  '1a. one changed byte in the WebAssembly: the fallback shows and no module is instantiated',
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage();
    await countInstances(page);
    await tamper(page, 'microneedling-check-wasm.bin');
    await hostPage(env, page, { body: `${LOADER}<microneedling-check clinic-name="Lumen"></microneedling-check>` });
    await page.locator('microneedling-check .mc-fallback').waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('microneedling-check .mc').count(), 0, 'no widget rendered');
    assert.equal(await page.evaluate(() => window.__instantiated), 0, 'no WebAssembly instantiated');
  },
);

test(
  "1b. one changed byte in a locale's texts: the fallback shows, in that language, and no widget renders",
  { timeout: TIMEOUT },
  async () => {
    for (const code of ['en', 'ar']) {
      const page = await env.newPage();
      await tamper(page, textsFile(code));
      await hostPage(env, page, {
        body: `${LOADER}<microneedling-check locale="${code}" clinic-name="Lumen"></microneedling-check>`,
      });
      const fallback = page.locator('microneedling-check .mc-fallback');
      await fallback.waitFor({ timeout: 15_000 });
      assert.equal(await fallback.getAttribute('lang'), code, `${code}: the fallback is in the element's language`);
      assert.equal(await page.locator('microneedling-check .mc').count(), 0, `${code}: no widget rendered`);
      await page.close();
    }
  },
);

test(
  "1c. one changed byte in the glue, inside the loader an SRI value covers: the loader does not run, the element's own content shows",
  { timeout: TIMEOUT },
  async () => {
    const loader = await readFile(path.join(DIST, 'microneedling-check.js'));
    const integrity = 'sha384-' + createHash('sha384').update(loader).digest('base64');
    const glueAt = loader.indexOf('instantiateStreaming');
    assert.ok(glueAt > 0, "the shipped loader holds the glue's instantiateStreaming");
    const page = await env.newPage();
    await countInstances(page);
    const paths = recordPaths(page);
    const errors = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await tamper(page, 'microneedling-check.js', () => glueAt);
    await hostPage(env, page, {
      body:
        `<script type="module" async src="./microneedling-check.js" integrity="${integrity}" crossorigin="anonymous"></script>` +
        `<microneedling-check clinic-name="Lumen"><p>${OWN_CONTENT}</p></microneedling-check>`,
    });
    await page.waitForTimeout(1500);
    assert.ok(
      errors.some((e) => /integrity/i.test(e)),
      `the browser refused the loader for its integrity (${errors.join(' | ')})`,
    );
    assert.ok(await page.getByText(OWN_CONTENT).isVisible(), "the element's own content shows");
    assert.equal(await page.evaluate(() => !!customElements.get('microneedling-check')), false, 'no loader code ran');
    assert.equal(await page.evaluate(() => window.__instantiated), 0, 'no WebAssembly instantiated');
    assert.deepEqual(
      paths.filter((p) => p.endsWith('.bin')),
      [],
      'nothing else was fetched',
    );
  },
);

test(
  '1d. unchanged files under the same SRI value: the widget starts (the test above fails for the changed byte only)',
  { timeout: TIMEOUT },
  async () => {
    const loader = await readFile(path.join(DIST, 'microneedling-check.js'));
    const integrity = 'sha384-' + createHash('sha384').update(loader).digest('base64');
    const page = await env.newPage();
    await hostPage(env, page, {
      body:
        `<script type="module" async src="./microneedling-check.js" integrity="${integrity}" crossorigin="anonymous"></script>` +
        `<microneedling-check clinic-name="Lumen"><p>${OWN_CONTENT}</p></microneedling-check>`,
    });
    await widget(page).waitForStep('start', 15_000);
  },
);

test(
  "2. a page with three locales fetches each one's texts once, and no other locale's",
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage({ locale: 'en-GB' });
    const paths = recordPaths(page);
    await hostPage(env, page, {
      body:
        LOADER +
        '<microneedling-check id="a" locale="es"></microneedling-check>' +
        '<microneedling-check id="b" locale="ar"></microneedling-check>' +
        '<microneedling-check id="c" locale="es-MX"></microneedling-check>',
    });
    for (const id of ['a', 'b', 'c']) await widget(page, `#${id}`).waitForStep('start', 15_000);
    const texts = LOCALE_CODES.map((code) => [code, paths.filter((p) => p === '/' + textsFile(code)).length]);
    assert.deepEqual(
      Object.fromEntries(texts.filter(([, n]) => n)),
      { es: 1, ar: 1 },
      'each shown locale once; not English, the browser language no element uses',
    );
    assert.equal((await widget(page, '#c').state()).lang, 'es');
    assert.equal((await widget(page, '#b').state()).dir, 'rtl');
  },
);

test(
  '3. a live locale change whose texts fail keeps the language and the answers, and warns; one that loads switches',
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage();
    await page.route(`**/${textsFile('de')}`, (route) => route.fulfill({ status: 404, body: 'not found' }));
    const seen = await hostPage(env, page, {
      body: `${LOADER}<microneedling-check locale="en" clinic-name="Lumen"></microneedling-check>`,
    });
    const w = widget(page);
    await w.waitForStep('start', 15_000);
    let s = await w.action('start');
    const first = s.questions[0];
    await w.choose(first.id, first.options[0]);
    await page.evaluate(() => document.querySelector('microneedling-check').setAttribute('locale', 'de'));
    await page.waitForTimeout(800);
    s = await w.state();
    assert.equal(s.lang, 'en', 'still English');
    assert.deepEqual(s.questions[0].checked, [first.options[0]], 'the answer is kept');
    assert.ok(
      seen.warnings.some((m) => m.includes('de texts could not load') && m.includes('current language')),
      `a warning says so (${seen.warnings.join(' | ')})`,
    );
    await page.evaluate(() => document.querySelector('microneedling-check').setAttribute('locale', 'fr'));
    await page.locator('microneedling-check .mc[lang="fr"]').waitFor({ timeout: 10_000 });
    s = await w.state();
    assert.deepEqual(s.questions[0].checked, [first.options[0]], 'the answer is kept in French');
  },
);
