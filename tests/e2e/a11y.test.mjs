// Accessibility: axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA rules, and the best-practice rule
// `heading-order`) finds nothing on every page type in every locale: the start page, a
// single-choice question, its error state, a multiple-choice question and its error state, Check
// your answers and the summary (with findings, and a summary of each other level in English and
// Arabic). Runs on the normal demo page: the strict-CSP page would block the injected axe.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  openWidget,
  state,
  action,
  runJourney,
  choose,
  defaultOption,
  expectNoViolations,
  browserLocale,
  LOCALES,
  LEVEL_ANSWERS,
  TIMEOUT,
  useBrowser,
} from './helpers.mjs';

const env = useBrowser();

/** From the current question, answers with defaults until a page whose inputs are of `type`. */
async function advanceTo(page, type) {
  let s = await state(page);
  for (let i = 0; s.step === 'question' && i < 200; i++) {
    if (s.questions.some((q) => q.type === type)) return s;
    for (const q of s.questions) await choose(page, q.id, defaultOption(q.options));
    s = await action(page, 'continue');
  }
  throw new Error(`no question with ${type} inputs before step ${s.step}`);
}

/** A page whose browser prefers `code`, at the widget's start page. */
async function start(code) {
  const page = await env.newPage({ locale: browserLocale(code) });
  const s = await openWidget(page, env.server);
  assert.equal(s.lang, code);
  return page;
}

for (const { code } of LOCALES) {
  test(`axe, ${code}: start page`, { timeout: TIMEOUT }, async () => {
    const page = await start(code);
    await expectNoViolations(page, `the ${code} start page`);
  });

  test(`axe, ${code}: single- and multiple-choice questions and their error states`, { timeout: TIMEOUT }, async () => {
    const page = await start(code);
    await action(page, 'start');

    let s = await advanceTo(page, 'radio');
    await expectNoViolations(page, `the single-choice question ${s.questions[0].id} (${code})`);
    s = await action(page, 'continue');
    assert.ok(s.error, 'Continue without an answer shows the error summary');
    await expectNoViolations(page, `the error state of ${s.questions[0].id} (${code})`);
    await choose(page, s.questions[0].id, defaultOption(s.questions[0].options));
    await expectNoViolations(page, `${s.questions[0].id} with the error and an answer chosen (${code})`);
    await action(page, 'continue');

    s = await advanceTo(page, 'checkbox');
    await expectNoViolations(page, `the multiple-choice question ${s.questions[0].id} (${code})`);
    s = await action(page, 'continue');
    assert.ok(s.error, 'Continue without an answer shows the error summary');
    await expectNoViolations(page, `the error state of ${s.questions[0].id} (${code})`);
  });

  test(`axe, ${code}: Check your answers and the summary (with findings)`, { timeout: TIMEOUT }, async () => {
    const page = await start(code);
    await runJourney(page, LEVEL_ANSWERS.professional_check_first, {
      onPage: async (s) => {
        if (s.step === 'check') await expectNoViolations(page, `Check your answers (${code})`);
      },
    });
    await expectNoViolations(page, `the summary (${code})`);
  });
}

for (const code of ['en', 'ar']) {
  for (const level of ['not_advisable_now', 'worth_mentioning', 'no_specific_concern']) {
    test(`axe, ${code}: the summary at ${level}`, { timeout: TIMEOUT }, async () => {
      const page = await start(code);
      const result = await runJourney(page, LEVEL_ANSWERS[level]);
      assert.equal(result.level, level);
      await expectNoViolations(page, `the ${level} summary (${code})`);
    });
  }
}
