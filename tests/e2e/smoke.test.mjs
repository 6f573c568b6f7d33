// Smoke: the demo page loads, the element renders, and a visitor gets from Start to the summary.
// Screenshots of every step at phone (375 px) and desktop (1280 px) widths go to screenshot, clearScreenshotss/.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openWidget, state, action, runJourney, choose, screenshot, LEVELS, TIMEOUT, useBrowser } from './helpers.mjs';

const env = useBrowser({ screenshots: 'smoke-' });

test(
  'the demo page loads and <microneedling-check> renders its start page in an open shadow root',
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage();
    const response = await page.goto(env.server.url);
    assert.equal(response.status(), 200);
    assert.match(await page.title(), /Lumen Skin Clinic/);
    const s = await openWidget(page, env.server);
    assert.equal(s.step, 'start');
    assert.ok(s.lang, '.mc has a lang attribute');
    assert.ok(['ltr', 'rtl'].includes(s.dir), `.mc has dir=ltr|rtl, got ${s.dir}`);
    const mode = await page.evaluate(() => document.querySelector('microneedling-check').shadowRoot?.mode);
    assert.equal(mode, 'open');
    assert.equal(await page.locator('microneedling-check [data-action="start"]').count(), 1, 'one Start control');
    assert.deepEqual(page.errors, [], 'no errors in the console');
  },
);

for (const width of [375, 1280]) {
  test(
    `Start → every question → check your answers → summary at ${width} px, with screenshots`,
    { timeout: TIMEOUT },
    async () => {
      const page = await env.newPage({ width, height: width < 600 ? 740 : 900 });
      await openWidget(page, env.server);
      await screenshot(page, `smoke-${width}-00-start`);
      const result = await runJourney(
        page,
        { concerns: ['acne_scars'] },
        {
          onPage: async (s, index) => {
            if (s.step === 'question') {
              assert.match(s.progress ?? '', /^Question \d+ of (up to )?\d+$/, `progress text on ${s.questions[0].id}`);
              const [, n] = s.progress.match(/^Question (\d+) of/);
              assert.equal(Number(n), index + 1, `progress number on ${s.questions[0].id}`);
              await screenshot(
                page,
                `smoke-${width}-${String(index + 1).padStart(2, '0')}-question-${s.questions[0].id}`,
              );
            } else {
              await screenshot(page, `smoke-${width}-90-check-your-answers`);
            }
          },
        },
      );
      await screenshot(page, `smoke-${width}-99-summary-${result.level}`);
      assert.ok(result.asked.length >= 2, `asked ${result.asked.length} questions`);
      assert.ok(
        LEVELS.includes(result.level),
        `summary [data-level] is one of ${LEVELS.join(', ')}, got ${result.level}`,
      );
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 0, `no horizontal scrolling at ${width} px (overflow ${overflow} px)`);
      assert.deepEqual(page.errors, [], 'no errors in the console');
    },
  );
}

test(
  'Continue without an answer shows the error summary, which goes once an option is chosen',
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage();
    await openWidget(page, env.server);
    let s = await action(page, 'start');
    assert.equal(s.step, 'question');
    const q = s.questions[0];
    s = await action(page, 'continue');
    assert.equal(s.step, 'question', 'still on the question');
    assert.equal(s.questions[0].id, q.id, 'same question');
    assert.ok(s.error, '.mc-error-summary is shown');
    await screenshot(page, `smoke-1280-error-${q.id}`);
    await choose(page, q.id, q.options[0]);
    s = await action(page, 'continue');
    assert.equal(s.error, false, 'no error summary on the next page');
    assert.notEqual(s.questions[0]?.id, q.id, 'moved on to the next question');
  },
);

test(
  'Back keeps the answer; Change on Check your answers opens that question; Start again resets',
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage();
    await openWidget(page, env.server);
    let s = await action(page, 'start');
    const first = s.questions[0];
    const pick = first.options[0];
    await choose(page, first.id, pick);
    s = await action(page, 'continue');
    assert.notEqual(s.questions[0].id, first.id);
    s = await action(page, 'back');
    assert.equal(s.questions[0].id, first.id, 'Back returns to the first question');
    assert.deepEqual(s.questions[0].checked, [pick], 'the answer is kept');
    s = await action(page, 'back');
    assert.equal(s.step, 'start', 'Back from the first question returns to the start page');

    await runJourney(
      page,
      { [first.id]: first.type === 'checkbox' ? [pick] : pick },
      {
        onPage: async (st) => {
          if (st.step !== 'check') return;
          const changes = await page.locator('microneedling-check [data-action="change"][data-question]').count();
          assert.ok(changes >= 1, 'Check your answers has Change controls with data-question');
          const back = await action(page, 'change', { question: first.id });
          assert.equal(back.step, 'question');
          assert.equal(back.questions[0].id, first.id, `Change opens ${first.id}`);
          assert.deepEqual(back.questions[0].checked, [pick], 'with the answer ticked');
          // Continue (same answer) must lead back towards Check your answers.
          let next = await action(page, 'continue');
          for (let i = 0; next.step === 'question' && i < 200; i++) next = await action(page, 'continue');
          assert.equal(next.step, 'check', 'after changing an answer the visitor gets back to Check your answers');
        },
      },
    );
    s = await action(page, 'restart');
    assert.equal(s.step, 'start', 'Start again shows the start page');
    s = await action(page, 'start');
    assert.deepEqual(s.questions[0].checked, [], 'Start again forgets every answer');
  },
);

test(
  "when the WebAssembly cannot load, the element shows the fallback message with the clinic's phone",
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage();
    await page.route('**/microneedling-check-wasm.bin', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.goto(env.server.url);
    const fallback = page.locator('microneedling-check .mc-fallback');
    await fallback.waitFor({ timeout: 15_000 });
    const text = await fallback.textContent();
    assert.match(text, /Lumen Skin Clinic/, 'names the clinic');
    assert.equal(
      await page.locator('microneedling-check .mc-fallback a[href^="tel:"]').count(),
      1,
      'offers the phone number',
    );
    await screenshot(page, 'smoke-1280-fallback-no-wasm');
  },
);

test(
  'without DecompressionStream (a browser from before 2023), or with a damaged .wasm file, the element shows the fallback message',
  { timeout: TIMEOUT },
  async () => {
    const old = await env.newPage();
    await old.addInitScript(() => delete globalThis.DecompressionStream);
    const asked = [];
    old.on('request', (request) => asked.push(new URL(request.url()).pathname));
    // two-locales.html has no preload link, so any request for the .bin would be the loader's.
    await old.goto(new URL('two-locales.html', env.server.url).href);
    await old.locator('microneedling-check .mc-fallback').first().waitFor({ timeout: 15_000 });
    assert.equal(await old.locator('microneedling-check .mc-fallback').count(), 2, 'both widgets on the page show it');
    assert.ok(!asked.includes('/microneedling-check-wasm.bin'), 'the loader does not fetch a file it cannot inflate');

    const damaged = await env.newPage();
    await damaged.route('**/microneedling-check-wasm.bin', async (route) => {
      const response = await route.fetch();
      const body = await response.body();
      body[body.length >> 1] ^= 0xff; // one flipped byte: the inflated module (or its checksum) is wrong
      await route.fulfill({ response, body });
    });
    await damaged.goto(env.server.url);
    await damaged.locator('microneedling-check .mc-fallback').waitFor({ timeout: 15_000 });
    assert.equal(await damaged.locator('microneedling-check .mc').count(), 0, 'no half-started widget');
  },
);

test(
  "under a Content-Security-Policy without 'wasm-unsafe-eval', the element shows the fallback message, in the page's locale",
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage({ locale: 'de-DE' });
    // The page as a clinic with a policy that forgets WebAssembly would serve it.
    await page.route(env.server.url, async (route) => {
      const response = await route.fetch();
      await route.fulfill({
        response,
        headers: {
          ...response.headers(),
          'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'",
        },
      });
    });
    const violations = [];
    page.on('console', (message) => violations.push(message.text()));
    await page.goto(env.server.url);
    const fallback = page.locator('microneedling-check .mc-fallback');
    await fallback.waitFor({ timeout: 15_000 });
    assert.equal(await fallback.getAttribute('lang'), 'de', "the message follows the visitor's language");
    assert.match(await fallback.textContent(), /Lumen Skin Clinic/, 'names the clinic');
    assert.equal(await page.locator('microneedling-check .mc').count(), 0, 'no half-started widget');
    assert.ok(
      violations.some((text) => /could not start/.test(text)),
      'the console says why',
    );
  },
);

test(
  'a follow-up shown by a change and left with Back shows as "Not answered yet" on Check your answers, and See your result asks it',
  { timeout: TIMEOUT },
  async () => {
    const page = await env.newPage();
    await openWidget(page, env.server);
    await runJourney(page, { pregnant: 'yes' });
    let now = await action(page, 'back');
    assert.equal(now.step, 'check');
    // Pregnant → no brings the breastfeeding question back; Back leaves it unanswered.
    now = await action(page, 'change', { question: 'pregnant' });
    await choose(page, 'pregnant', 'no');
    now = await action(page, 'continue');
    assert.deepEqual(
      now.questions.map((q) => q.id),
      ['breastfeeding'],
    );
    now = await action(page, 'back');
    assert.equal(now.step, 'check');
    const row = page.locator('microneedling-check .mc-row', { has: page.locator('[data-question="breastfeeding"]') });
    assert.equal((await row.locator('.mc-unanswered').textContent()).trim(), 'Not answered yet');
    now = await action(page, 'see-result');
    assert.deepEqual(
      now.questions.map((q) => q.id),
      ['breastfeeding'],
      'See your result asks the unanswered question',
    );
  },
);
