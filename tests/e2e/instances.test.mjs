// Several instances on one page (two-locales.html): each widget has its own shadow root, language,
// direction and answers; mount() works and uses its variant.
//
// Run against dist/ (./scripts/build.sh first): node --test tests/e2e/instances.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { elementShot, screenshot, widget, TIMEOUT, useBrowser } from './helpers.mjs';

const PREFIX = 'instances-';

const env = useBrowser({ screenshots: PREFIX });

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
