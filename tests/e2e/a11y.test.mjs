// Accessibility: axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA rules) finds nothing on the start
// page, a single-choice question, a multiple-choice question, the error state, Check your answers
// and the summary. Runs on the normal demo page: the strict-CSP page would block the injected axe.

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

test('axe: start page', { timeout: TIMEOUT }, async () => {
  const page = await env.newPage();
  await openWidget(page, env.server);
  await expectNoViolations(page, 'the start page');
});

test('axe: single-choice question, multiple-choice question and the error state', { timeout: TIMEOUT }, async () => {
  const page = await env.newPage();
  await openWidget(page, env.server);
  await action(page, 'start');

  let s = await advanceTo(page, 'radio');
  await expectNoViolations(page, `the single-choice question ${s.questions[0].id}`);
  s = await action(page, 'continue');
  assert.ok(s.error, 'Continue without an answer shows the error summary');
  await expectNoViolations(page, `the error state of ${s.questions[0].id}`);
  await choose(page, s.questions[0].id, defaultOption(s.questions[0].options));
  await expectNoViolations(page, `${s.questions[0].id} with the error and an answer chosen`);
  await action(page, 'continue');

  s = await advanceTo(page, 'checkbox');
  await expectNoViolations(page, `the multiple-choice question ${s.questions[0].id}`);
  s = await action(page, 'continue');
  assert.ok(s.error, 'Continue without an answer shows the error summary');
  await expectNoViolations(page, `the error state of ${s.questions[0].id}`);
});

test('axe: Check your answers and the summary (with findings)', { timeout: TIMEOUT }, async () => {
  const page = await env.newPage();
  await openWidget(page, env.server);
  await runJourney(
    page,
    { concerns: ['acne_scars'], medicines: ['blood_thinner'], pregnant: 'not_sure' },
    {
      onPage: async (s) => {
        if (s.step === 'check') await expectNoViolations(page, 'Check your answers');
      },
    },
  );
  await expectNoViolations(page, 'the summary');
});
