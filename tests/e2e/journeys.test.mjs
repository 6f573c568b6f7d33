// Journeys through the real widget, each checked against the native engine: the answers the
// driver actually ticked go to `microneedling-check assess --json`, and the widget's summary must
// show the same level and the same findings. Answers are kept minimal (the ids come from
// content/questionnaire.toml); the driver answers everything else with the "nothing to report" option.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openWidget, runJourney, assessWithEngine, screenshot, LEVELS, TIMEOUT, useBrowser } from './helpers.mjs';

const JOURNEYS = [
  {
    name: 'pregnant',
    answers: { pregnant: 'yes' },
    expect: (r) => assert.equal(r.level, 'not_advisable_now'),
  },
  {
    name: 'under 18',
    answers: { age: 'under_18' },
    expect: (r) => assert.equal(r.level, 'not_advisable_now'),
  },
  {
    name: 'prescribed blood thinners',
    answers: { medicines: ['blood_thinner'] },
    expect: (r) => assert.notEqual(r.level, 'no_specific_concern'),
  },
  {
    name: '"not sure" answers',
    answers: { pregnant: 'not_sure', medicines: ['not_sure'] },
    expect: (r) => assert.notEqual(r.level, 'no_specific_concern'),
  },
  {
    name: 'everything reassuring',
    answers: { concerns: ['acne_scars'], age: '22_or_over' },
    expect: (r) => assert.equal(r.level, 'no_specific_concern'),
  },
  {
    name: 'isotretinoin stopped under 6 months ago',
    answers: { isotretinoin: 'under_6_months' },
    expect: (r) => assert.notEqual(r.level, 'no_specific_concern'),
  },
  {
    name: 'several findings at once',
    answers: { age: '18_to_21', medicines: ['blood_thinner', 'retinoids_acids'], smoking: 'yes' },
    expect: (r) => assert.ok(r.rules.length >= 2, `expected several findings, got ${r.rules.join(', ')}`),
  },
];

const env = useBrowser({ screenshots: 'journey-' });

for (const journey of JOURNEYS) {
  test(`journey: ${journey.name} — the widget's result matches the engine's`, { timeout: TIMEOUT }, async (t) => {
    const page = await env.newPage();
    await openWidget(page, env.server);
    const result = await runJourney(page, journey.answers);
    await screenshot(page, `journey-${journey.name}-summary`);

    for (const [id, value] of Object.entries(journey.answers)) {
      assert.deepEqual(result.answers[id], value, `the widget recorded ${id} as chosen`);
    }
    assert.ok(LEVELS.includes(result.level), `summary level ${result.level}`);

    const engine = await assessWithEngine(result.answers);
    const context = `answers ${JSON.stringify(result.answers)}`;
    assert.equal(result.level, engine.level, `summary level differs from the engine's for ${context}`);
    assert.deepEqual(
      [...result.rules].sort(),
      [...engine.rules].sort(),
      `summary findings [data-rule] differ from the engine's for ${context}`,
    );
    t.diagnostic(
      `${journey.name}: ${result.level} [${result.rules.join(', ')}] after ${result.asked.length} questions`,
    );
    assert.deepEqual(engine.json.unanswered, [], `the widget did not ask questions the engine would ask (${context})`);
    journey.expect({ level: result.level, rules: result.rules });
    assert.deepEqual(page.errors, [], 'no errors in the console');
  });
}
