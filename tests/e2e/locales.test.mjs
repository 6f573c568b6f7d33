// Every locale, as a visitor whose browser prefers it meets the widget: the widget picks the
// language from navigator.languages, sets lang and dir, and a whole journey from the start page to
// the summary shows no English text (for non-English locales). In Arabic, axe finds nothing on the
// start page, a question and the summary. Screenshots of those pages at 375 px in Arabic and Spanish.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ROOT,
  TIMEOUT,
  openWidget,
  runJourney,
  assessWithEngine,
  axeViolations,
  formatViolations,
  screenshot,
  useBrowser,
} from './helpers.mjs';

/** The flat `"key" = "value"` lines of a locale file (the format the locale files use). */
function texts(code) {
  const map = new Map();
  for (const line of readFileSync(path.join(ROOT, 'locales', `${code}.toml`), 'utf8').split('\n')) {
    const match = line.match(/^"([^"]+)"\s*=\s*(".*")\s*$/);
    if (match) map.set(match[1], JSON.parse(match[2]));
  }
  return map;
}

const LOCALES = [
  ...readFileSync(path.join(ROOT, 'locales', 'index.toml'), 'utf8').matchAll(/code = "([^"]+)", dir = "(ltr|rtl)"/g),
].map(([, code, dir]) => ({ code, dir }));
const ENGLISH = texts('en');

/** English fragments (12+ characters, between placeholders) that the locale words differently. */
function englishOnly(code) {
  const own = texts(code);
  const fragments = new Set();
  for (const [key, english] of ENGLISH) {
    if (own.get(key) === english) continue;
    for (const part of english.split(/\{[^}]*\}/)) {
      const fragment = part.trim();
      if (fragment.length >= 12) fragments.add(fragment);
    }
  }
  return [...fragments];
}

const ANSWERS = {
  concerns: ['acne_scars', 'wrinkles'],
  medicines: ['blood_thinner'],
  skin_history: ['cold_sores'],
  pregnant: 'not_sure',
};

const env = useBrowser();

test('every locale file has the same keys as English', () => {
  assert.ok(LOCALES.length >= 5, `expected at least five locales, found ${LOCALES.map((l) => l.code).join(', ')}`);
  for (const { code } of LOCALES) {
    assert.deepEqual([...texts(code).keys()].sort(), [...ENGLISH.keys()].sort(), `locales/${code}.toml keys`);
  }
});

for (const { code, dir } of LOCALES) {
  test(
    `${code}: a visitor whose browser prefers it goes from start to summary in ${code} only`,
    { timeout: TIMEOUT },
    async () => {
      const page = await env.newPage({
        width: 375,
        height: 800,
        locale: `${code}-${code === 'en' ? 'GB' : code.toUpperCase()}`,
      });
      await openWidget(page, env.server);
      const root = page.locator('microneedling-check .mc').first();
      assert.equal(await root.getAttribute('lang'), code);
      assert.equal(await root.getAttribute('dir'), dir);

      const foreign = code === 'en' ? [] : englishOnly(code);
      const seen = [];
      const check = async (where) => {
        const text = await page.locator('microneedling-check .mc').first().innerText();
        seen.push(where);
        const found = foreign.filter((fragment) => text.includes(fragment));
        assert.deepEqual(found, [], `English text on the ${where} page in ${code}`);
      };
      const shots = code === 'ar' || code === 'es';
      await check('start');
      if (shots) await screenshot(page, `locale-${code}-375-start`);
      if (code === 'ar') {
        const violations = await axeViolations(page);
        assert.equal(violations.length, 0, `axe on the Arabic start page:\n${formatViolations(violations)}`);
      }

      const result = await runJourney(page, ANSWERS, {
        onPage: async (s, index) => {
          await check(index < 0 ? 'check' : `question ${s.questions[0]?.id}`);
          if (index === 1 && shots) await screenshot(page, `locale-${code}-375-question`);
          if (index === 1 && code === 'ar') {
            const violations = await axeViolations(page);
            assert.equal(violations.length, 0, `axe on an Arabic question:\n${formatViolations(violations)}`);
          }
        },
      });
      await check('summary');
      if (shots) await screenshot(page, `locale-${code}-375-summary`);
      if (code === 'ar') {
        const violations = await axeViolations(page);
        assert.equal(violations.length, 0, `axe on the Arabic summary:\n${formatViolations(violations)}`);
      }

      const expected = await assessWithEngine(result.answers);
      assert.equal(result.level, expected.level, "the summary level is the engine's");
      assert.deepEqual([...result.rules].sort(), [...expected.rules].sort(), "the findings are the engine's");
      // Start, every question of the journey (17 since issue 26 shortened it), Check your answers, the summary.
      assert.ok(seen.length >= 18, `checked ${seen.length} pages`);
      assert.deepEqual(page.errors, [], 'no page errors');
    },
  );
}
