// Bad configuration (bad-attributes.html): one console warning per bad attribute, naming it, and
// the safe default; a refused booking-url is never rendered as a link.
//
// Run against dist/ (./scripts/build.sh first): node --test tests/e2e/bad-configuration.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { elementShot, screenshot, widget, TIMEOUT, useBrowser } from './helpers.mjs';

const PREFIX = 'bad-configuration-';

const env = useBrowser({ screenshots: PREFIX });

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
