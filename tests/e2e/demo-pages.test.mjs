// Every demo page in dist/ (the clinic page, the strict-CSP page and the lead's extra pages: several
// instances and locales, mount() on a <div>, hostile host CSS, bad attributes): every widget on it
// starts, with no page error and no request to another origin; the widgets pass axe (scoped to the
// widgets, since some pages are deliberately hostile); on pages with several widgets each keeps its
// own state. Screenshots at 375 and 1280 px.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, existsSync } from 'node:fs';
import { DIST, until, screenshot, axeViolations, formatViolations, TIMEOUT, useBrowser } from './helpers.mjs';

const PAGES = existsSync(DIST)
  ? readdirSync(DIST)
      .filter((f) => f.endsWith('.html'))
      .sort()
  : ['index.html'];

const env = useBrowser({ screenshots: 'demo-' });

/** Runs in the page: every widget (custom element or mount() target) and its step. */
function widgets() {
  const hosts = new Set([...document.querySelectorAll('microneedling-check, [data-mc-started]')]);
  return [...hosts].map((host, index) => {
    const root = host.shadowRoot && host.shadowRoot.querySelector('.mc');
    const fallback = host.shadowRoot && host.shadowRoot.querySelector('.mc-fallback');
    host.setAttribute('data-e2e-widget', String(index));
    return {
      index,
      tag: host.tagName.toLowerCase(),
      id: host.id || null,
      step: root ? root.getAttribute('data-step') : fallback ? 'fallback' : null,
      lang: root ? root.getAttribute('lang') : null,
      dir: root ? root.getAttribute('dir') : null,
    };
  });
}

for (const file of PAGES) {
  test(`demo page ${file}: every widget starts, passes axe, keeps its own state`, { timeout: TIMEOUT }, async (t) => {
    const page = await env.newPage();
    const foreign = [];
    page.context().on('request', (r) => {
      if (!/^(data|blob):/.test(r.url()) && !r.url().startsWith(env.server.origin + '/')) foreign.push(r.url());
    });
    await page.goto(new URL(file, env.server.url).href, { waitUntil: 'load' });
    const found = await until(
      async () => {
        const list = await page.evaluate(widgets);
        return list.length > 0 && list.every((w) => w.step === 'start') ? list : null;
      },
      30_000,
      `not every widget on ${file} reached its start page: ${JSON.stringify(await page.evaluate(widgets))}`,
    );
    t.diagnostic(`${file}: ${found.map((w) => `${w.tag}${w.id ? '#' + w.id : ''} ${w.lang}/${w.dir}`).join(', ')}`);

    await screenshot(page, `demo-1280-${file.replace(/\.html$/, '')}`);
    await page.setViewportSize({ width: 375, height: 740 });
    await screenshot(page, `demo-375-${file.replace(/\.html$/, '')}`);
    await page.setViewportSize({ width: 1280, height: 900 });

    // axe is injected as an inline script, which a page's own CSP blocks: strict-csp.html, and the
    // embed builder (configure.html; configure.test.mjs runs axe on it with the CSP bypassed).
    const hasCsp = (await page.locator('meta[http-equiv="Content-Security-Policy"]').count()) > 0;
    if (!file.includes('strict') && !hasCsp) {
      const violations = await axeViolations(page, '[data-e2e-widget]');
      assert.equal(
        violations.length,
        0,
        `axe found problems in the widgets on ${file}:\n${formatViolations(violations)}`,
      );
    }

    if (found.length > 1) {
      // Start the first widget only: the others must stay on their start pages.
      await page.locator('[data-e2e-widget="0"] [data-action="start"]').click();
      await until(
        async () => (await page.evaluate(widgets))[0].step === 'question',
        10_000,
        `the first widget on ${file} did not open its first question`,
      );
      const after = await page.evaluate(widgets);
      assert.deepEqual(
        after.slice(1).map((w) => w.step),
        after.slice(1).map(() => 'start'),
        'the other widgets did not move',
      );
    }

    assert.deepEqual(foreign, [], `requests to other origins from ${file}`);
    assert.deepEqual(page.errors, [], `errors on ${file}`);
  });
}
