// A shorter journey (issue 26): the question pages a visitor answers, counted through the real
// widget with the shared default-answer policy (tests/fixtures/default_answers.txt; "none" and "no"
// first), and checked against the native engine.
// - A visitor with nothing to flag answers at most 18 question pages, at a standard, a
//   radiofrequency and a PRP clinic; the recent procedures are one "Which of these have you had?"
//   page (`procedures`), and no timing question is asked when nothing was ticked.
// - Each ticked procedure adds its timing page only (and a laser 1 to 3 months ago its "did it take
//   a week to heal?" follow-up).
// Screenshots: the procedures page at 375 px in English and Arabic, three procedures ticked.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TIMEOUT, useBrowser, hostPage, waitForStep, runJourney, assessWithEngine, screenshot } from './helpers.mjs';

const env = useBrowser({ screenshots: 'pages-' });

const MOST_PAGES = 18;
const LOADER = '<script type="module" async src="./microneedling-check.js"></script>';
const TIMING = ['toxin', 'filler', 'threads', 'peel', 'laser', 'surgery', 'hair_removal', 'microneedling_before'];
const ONE = { procedures: ['toxin'], toxin: '1_to_6_months' };
const THREE = {
  procedures: ['toxin', 'filler', 'laser'],
  toxin: '1_to_6_months',
  filler: '1_to_12_months',
  laser: '1_to_3_months',
};

async function widgetPage({ locale = 'en', variant = 'standard', width = 1280, height = 900 } = {}) {
  const page = await env.newPage({ width, height });
  const body = `${LOADER}<microneedling-check locale="${locale}" variant="${variant}"></microneedling-check>`;
  await hostPage(env, page, { body, pathname: `/pages-${locale}-${variant}.html` });
  await waitForStep(page, 'start', 30_000);
  return page;
}

/** Runs a journey and checks the widget's result against the engine's; returns the widget's result. */
async function journey(answers, options) {
  const page = await widgetPage(options);
  const result = await runJourney(page, answers);
  const engine = await assessWithEngine(result.answers, options?.variant);
  assert.equal(result.level, engine.level, `the widget's level is the engine's for ${JSON.stringify(result.answers)}`);
  assert.deepEqual([...result.rules].sort(), [...engine.rules].sort(), "the widget's findings are the engine's");
  assert.deepEqual(engine.json.unanswered, [], 'the widget asked every question the engine would ask');
  assert.deepEqual(page.errors, [], 'no errors in the console');
  return result;
}

for (const variant of ['standard', 'rf', 'prp']) {
  test(`${variant}: nothing to flag takes at most ${MOST_PAGES} question pages`, { timeout: TIMEOUT }, async (t) => {
    const nothing = await journey({}, { variant });
    t.diagnostic(`${variant}: nothing to flag, ${nothing.asked.length} pages: ${nothing.asked.join(', ')}`);
    assert.ok(
      nothing.asked.length <= MOST_PAGES,
      `${nothing.asked.length} question pages, more than ${MOST_PAGES}: ${nothing.asked.join(', ')}`,
    );
    assert.equal(nothing.level, 'no_specific_concern');
    assert.deepEqual(nothing.answers.procedures, ['none'], 'the default policy ticks "None of these"');
    for (const id of TIMING) assert.ok(!nothing.asked.includes(id), `${id} is not asked when not ticked`);
    for (const id of ['diabetes', 'radiotherapy']) assert.ok(!nothing.asked.includes(id), `${id} is not asked`);

    const one = await journey(ONE, { variant });
    const three = await journey(THREE, { variant });
    t.diagnostic(`${variant}: one procedure ${one.asked.length} pages, three procedures ${three.asked.length} pages`);
    assert.equal(one.asked.length, nothing.asked.length + 1, `one procedure: ${one.asked.join(', ')}`);
    assert.equal(three.asked.length, nothing.asked.length + 4, `three procedures: ${three.asked.join(', ')}`);
    assert.deepEqual(
      three.asked.filter((id) => TIMING.includes(id) || id === 'deep_resurfacing'),
      ['toxin', 'filler', 'laser', 'deep_resurfacing'],
      'a timing page only for each procedure ticked, in order',
    );
  });
}

for (const locale of ['en', 'ar']) {
  test(`${locale}: the procedures page at 375 px`, { timeout: TIMEOUT }, async () => {
    const page = await widgetPage({ locale, width: 375, height: 812 });
    let seen = false;
    await runJourney(page, THREE, {
      onPage: async (s) => {
        if (s.questions[0]?.id !== 'procedures') return;
        seen = true;
        const q = s.questions[0];
        assert.equal(q.type, 'checkbox', 'the procedures page is multiple choice');
        assert.deepEqual(q.options.at(-1), 'none', '"None of these" comes last');
        await screenshot(page, `pages-${locale}-375-procedures`);
        const fits = await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth);
        assert.ok(fits, 'nothing sticks out sideways at 375 px');
      },
    });
    assert.ok(seen, 'the journey showed the procedures page');
    assert.deepEqual(page.errors, [], 'no errors in the console');
  });
}
