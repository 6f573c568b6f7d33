// A result that decides clearly (issue 25), in English and Arabic, on a clinic's page at 375 × 812:
// - each level's summary has the right main action (a consultation to book, or, when the visitor
//   should not book, a call to the clinic and no booking link at all), styled as the main action
//   and inside the first 812 px of the summary; without a booking link, the clinic's phone, and
//   without a phone either, "contact the clinic";
// - the result sentence is the heading, focused on arrival, and the live region does not repeat it;
// - on every question of a full journey, Back, the progress and the section name are on screen on
//   arrival, focus is on the question's heading, the live region says the progress only once, and
//   the progress never jumps: the number grows by one, the total never grows;
// - the printout holds the clinic's phone number and the sources' key.
// Screenshots: the summary of each level at 375 px, and a question after a long page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  SCREENSHOTS,
  TIMEOUT,
  LEVELS,
  LEVEL_ANSWERS,
  useBrowser,
  hostPage,
  waitForStep,
  runJourney,
  assessWithEngine,
  localeTexts,
  screenshot,
  until,
} from './helpers.mjs';

const env = useBrowser({ screenshots: 'next-step-' });

const BOOKING = 'https://example.com/book';
const PHONE = '020 7946 0000';
const CLINIC = 'Lumen Skin Clinic';
const LOADER = '<script type="module" async src="./microneedling-check.js"></script>';
const fill = (text, values) => Object.entries(values).reduce((t, [k, v]) => t.replaceAll(`{${k}}`, v), text);

/** A clinic's page: a tall header above the widget and a long footer below, as on a real site. */
async function clinicPage(code, { width = 375, height = 812 } = {}) {
  const page = await env.newPage({ width, height });
  const body =
    `${LOADER}<style>body{margin:0;font:16px system-ui}header{block-size:420px;background:#eef}` +
    `footer{block-size:1600px;background:#eee}</style><header><h1>${CLINIC}</h1></header><main>` +
    `<microneedling-check locale="${code}" clinic-name="${CLINIC}" booking-url="${BOOKING}" phone="${PHONE}">` +
    `</microneedling-check></main><footer><p>Footer</p></footer>`;
  await hostPage(env, page, { body, pathname: '/next-step-host.html' });
  await waitForStep(page, 'start', 30_000);
  return page;
}

/** Runs in the page: what a visitor and a screen reader meet on the summary. */
function summaryFacts() {
  const root = document.querySelector('microneedling-check').shadowRoot;
  const mc = root.querySelector('.mc');
  const active = root.activeElement;
  const main = root.querySelector('.mc-next [data-next]');
  const top = mc.getBoundingClientRect().top;
  return {
    focused: active ? { tag: active.tagName.toLowerCase(), text: active.textContent.trim() } : null,
    live: root.querySelector('[aria-live]').textContent.trim(),
    h2: [...root.querySelectorAll('h2')].map((h) => h.textContent.trim()),
    next: main && main.getAttribute('data-next'),
    href: main && main.getAttribute('href'),
    mainText: main && main.textContent.trim(),
    mainBottom: main && main.getBoundingClientRect().bottom - top,
    mainBackground: main && getComputedStyle(main).backgroundColor,
    printBackground: getComputedStyle(root.querySelector('[data-action=print]')).backgroundColor,
    links: [...root.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
    advice: [...root.querySelectorAll('[data-advice]')].map((e) => e.getAttribute('data-advice')),
    text: mc.innerText,
  };
}

const facts = (page) => page.evaluate(summaryFacts);

for (const code of ['en', 'ar']) {
  const t = localeTexts(code);
  const book = fill(t.get('ui.summary.book'), { clinic: CLINIC });

  for (const level of LEVELS) {
    test(
      `${code}, ${level}: the main action fits the level and is on the summary's first screen`,
      { timeout: TIMEOUT },
      async () => {
        const page = await clinicPage(code);
        const result = await runJourney(page, LEVEL_ANSWERS[level]);
        assert.equal(result.level, level, `the answers ${JSON.stringify(LEVEL_ANSWERS[level])} reach ${level}`);
        assert.equal((await assessWithEngine(result.answers)).level, level, "the engine's level");
        const title = t.get(`level.${level}.title`);
        await until(async () => (await facts(page)).focused?.tag === 'h2', 5_000, 'focus never reached the heading');
        const f = await facts(page);
        await screenshot(page, `next-step-${code}-375-${level}`);

        // The result sentence is the heading, focused, said once.
        assert.deepEqual(f.focused, { tag: 'h2', text: title }, 'the result sentence is the focused heading');
        assert.deepEqual(f.h2, [title], 'one h2: the result');
        assert.ok(!f.live.includes(title), `the live region does not repeat the heading: "${f.live}"`);
        assert.equal(f.text.split(title).length - 1, 1, 'the result sentence is shown once');

        // The main action.
        if (level === 'not_advisable_now') {
          assert.equal(f.next, 'call', 'not advisable: the main action is a call to the clinic');
          assert.equal(f.href, 'tel:02079460000');
          assert.ok(f.mainText.includes(PHONE), `the call button shows the number: ${f.mainText}`);
          assert.ok(!f.links.includes(BOOKING), 'no booking link anywhere');
          assert.ok(!f.text.includes(book), `no "${book}" anywhere`);
          assert.ok(f.text.includes(fill(t.get('ui.next.stop'), { clinic: CLINIC })), 'says what to do instead');
          assert.deepEqual(f.advice, ['general'], 'no preparation or aftercare presented as the next step');
          assert.ok(f.text.includes(t.get('ui.advice.later')), 'the general advice is headed as for later');
        } else {
          assert.equal(f.next, 'book', `${level}: the main action is booking a consultation`);
          assert.equal(f.href, BOOKING);
          assert.ok(f.mainText.startsWith(book), `the button says "${book}": ${f.mainText}`);
          assert.deepEqual(f.advice, ['general', 'preparation', 'aftercare', 'red_flag']);
        }
        if (level === 'professional_check_first') {
          assert.ok(f.text.includes(t.get('ui.next.check')), 'worded as a consultation, not a treatment');
        }
        assert.notEqual(f.mainBackground, f.printBackground, 'the main action does not look like Print');
        assert.ok(f.mainBottom <= 812, `the main action ends ${Math.round(f.mainBottom)} px below the summary's top`);
        assert.deepEqual(page.errors, []);
      },
    );
  }

  test(
    `${code}: without a booking link the main action is the phone, without a phone "contact the clinic"`,
    { timeout: TIMEOUT },
    async () => {
      const page = await clinicPage(code);
      await runJourney(page, LEVEL_ANSWERS.worth_mentioning);
      const attribute = (name) =>
        page.evaluate((name) => document.querySelector('microneedling-check').removeAttribute(name), name);
      await attribute('booking-url');
      await until(async () => (await facts(page)).next === 'call', 5_000, 'no call button without a booking link');
      let f = await facts(page);
      assert.equal(f.href, 'tel:02079460000');
      assert.ok(!f.links.includes(BOOKING));
      await attribute('phone');
      await until(async () => (await facts(page)).next === 'contact', 5_000, 'no contact line without a phone');
      f = await facts(page);
      assert.ok(f.mainText.includes(fill(t.get('ui.next.contact'), { clinic: CLINIC })), f.mainText);
      assert.ok(f.mainBottom <= 812);
    },
  );

  test(
    `${code}: on a phone, every question arrives with Back, the progress and the section on screen`,
    { timeout: TIMEOUT },
    async () => {
      const page = await clinicPage(code);
      let last = null;
      let shot = false;
      const result = await runJourney(page, LEVEL_ANSWERS.worth_mentioning, {
        onPage: async (s) => {
          if (s.step !== 'question') return;
          const focusedHeading = () =>
            page.evaluate(() => {
              const root = document.querySelector('microneedling-check').shadowRoot;
              return root.activeElement?.matches('h2.mc-title') ?? false;
            });
          await until(focusedHeading, 5_000, `focus never reached the heading of ${s.questions[0].id}`);
          const f = await page.evaluate(() => {
            const root = document.querySelector('microneedling-check').shadowRoot;
            const box = (selector) => {
              const r = root.querySelector(selector).getBoundingClientRect();
              return { top: r.top, bottom: r.bottom };
            };
            return {
              back: box('[data-action=back]'),
              progress: box('.mc-progress'),
              caption: box('.mc-caption'),
              height: innerHeight,
              heading: root.activeElement.textContent.trim(),
              live: root.querySelector('[aria-live]').textContent.trim(),
              scrolled: scrollY,
            };
          });
          const id = s.questions[0].id;
          for (const part of ['back', 'progress', 'caption']) {
            assert.ok(
              f[part].top >= 0 && f[part].bottom <= f.height,
              `${id}: ${part} is off screen on arrival (${Math.round(f[part].top)}..${Math.round(f[part].bottom)} px)`,
            );
          }
          assert.equal(f.live, s.progress, `${id}: the live region says the progress`);
          assert.ok(!f.live.includes(f.heading), `${id}: the live region does not repeat the question`);
          const [n, m] = s.progress.match(/\d+/g).map(Number);
          if (last) {
            assert.equal(n, last.n + 1, `${id}: the number grows by one (${last.text} → ${s.progress})`);
            assert.ok(m <= last.m, `${id}: the total never grows (${last.text} → ${s.progress})`);
          }
          last = { n, m, text: s.progress };
          if (!shot && f.scrolled > 0 && n >= 5) {
            shot = true;
            await page.screenshot({ path: path.join(SCREENSHOTS, `next-step-${code}-375-question-arrival.png`) });
          }
        },
      });
      assert.ok(result.asked.length >= 15, `a full journey (${result.asked.length} questions)`);
      assert.ok(shot, 'the widget was scrolled into view at least once');
    },
  );

  test(`${code}: the printout holds the clinic's phone number and the sources' key`, { timeout: TIMEOUT }, async () => {
    const page = await clinicPage(code, { width: 1280, height: 900 });
    await runJourney(page, LEVEL_ANSWERS.not_advisable_now);
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => {
      const root = document.querySelector('microneedling-check').shadowRoot;
      const shown = (el) => el.getClientRects().length > 0;
      const cited = [...root.querySelectorAll('.mc-sources')].filter(shown).map((el) => el.textContent);
      const key = [...root.querySelectorAll('.mc-references li strong')].filter(shown).map((el) => el.textContent);
      return { text: root.querySelector('.mc').innerText, cited, key };
    });
    await screenshot(page, `next-step-${code}-print`);
    assert.ok(printed.text.includes(PHONE), 'the printout shows the phone number');
    assert.ok(printed.text.includes(t.get('ui.summary.references')), "the printout shows the sources' key");
    const codes = new Set(printed.cited.flatMap((line) => line.match(/R[\w-]*\d[\w-]*/g) ?? []));
    assert.ok(codes.size > 0, 'the summary cites sources');
    for (const c of codes) assert.ok(printed.key.includes(c), `the key explains ${c}`);
  });
}
