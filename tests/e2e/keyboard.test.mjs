// Keyboard only: from the host page's first Tab to the summary and back to the start, with Tab and
// Shift+Tab to move, arrow keys and Space to choose, Enter on buttons. No mouse event is sent.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  openWidget,
  state,
  waitForChange,
  defaultOption,
  focused,
  tabTo,
  until,
  assessWithEngine,
  screenshot,
  TIMEOUT,
  useBrowser,
} from './helpers.mjs';

const env = useBrowser({ screenshots: 'keyboard-' });

/** Presses Enter on the focused control and waits for the widget to show another page. */
async function enter(page) {
  const before = await state(page);
  await page.keyboard.press('Enter');
  return waitForChange(page, before);
}

const isAction = (name) => (f) => f.inWidget && f.action === name;

/** Chooses `value` for question `q` with the keyboard; returns the focused input. */
async function chooseByKeyboard(page, q, value) {
  if (q.type === 'radio') {
    // Tab enters a radio group once; the arrow keys move (and choose) within it.
    let f = await tabTo(page, (x) => x.inWidget && x.name === q.id, { what: `the ${q.id} radios` });
    for (let i = 0; f.value !== value; i++) {
      if (i > q.options.length) throw new Error(`arrow keys never reached ${q.id}=${value}`);
      await page.keyboard.press('ArrowDown');
      f = await focused(page);
    }
    await page.keyboard.press('Space');
  } else {
    await tabTo(page, (x) => x.inWidget && x.name === q.id && x.value === value, {
      what: `the ${q.id}=${value} checkbox`,
    });
    await page.keyboard.press('Space');
  }
  await until(
    async () => (await state(page)).questions.find((x) => x.id === q.id)?.checked.includes(value),
    5_000,
    `Space did not choose ${q.id}=${value}`,
  );
}

test(
  'keyboard only: start → every question → check your answers → summary → start again',
  { timeout: TIMEOUT },
  async (t) => {
    const page = await env.newPage();
    await openWidget(page, env.server);

    await tabTo(page, isAction('start'), { what: 'Start' });
    let s = await enter(page);
    assert.equal(s.step, 'question', 'Enter on Start opens the first question');

    // The error state, reached by keyboard: Continue with nothing chosen.
    await tabTo(page, isAction('continue'), { what: 'Continue' });
    s = await enter(page);
    assert.ok(s.error, 'Enter on Continue without an answer shows the error summary');

    const answers = {};
    for (let index = 0; s.step === 'question'; index++) {
      if (index > 200) throw new Error('too many question pages');
      for (const q of s.questions) {
        const value = defaultOption(q.options);
        await chooseByKeyboard(page, q, value);
        answers[q.id] = q.type === 'checkbox' ? [value] : value;
      }
      await tabTo(page, isAction('continue'), { what: 'Continue' });
      if (index === 0) {
        // Shift+Tab goes back into the options, and Tab returns to Continue.
        const f = await tabTo(page, (x) => x.inWidget && x.name === s.questions[0].id, {
          back: true,
          what: 'the options',
        });
        assert.equal(f.name, s.questions[0].id);
        await tabTo(page, isAction('continue'), { what: 'Continue again' });
      }
      s = await enter(page);
      assert.equal(s.error, false, `no error after choosing on ${Object.keys(answers).at(-1)}`);
    }
    assert.equal(s.step, 'check', 'the questions end at Check your answers');

    await tabTo(page, isAction('see-result'), { what: 'See your result' });
    s = await enter(page);
    assert.equal(s.step, 'summary', 'Enter on See your result shows the summary');
    await screenshot(page, 'keyboard-1280-summary');
    const engine = await assessWithEngine(answers);
    assert.equal(s.level, engine.level, `summary level for ${JSON.stringify(answers)}`);
    assert.deepEqual([...s.rules].sort(), [...engine.rules].sort(), 'summary findings');
    t.diagnostic(`${Object.keys(answers).length} questions answered by keyboard; summary ${s.level}`);

    await tabTo(page, isAction('restart'), { what: 'Start again' });
    s = await enter(page);
    assert.equal(s.step, 'start', 'Enter on Start again returns to the start page');
    assert.deepEqual(page.errors, [], 'no errors in the console');
  },
);
