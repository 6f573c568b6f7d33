// Keep the result: the print view holds the summary, the date and the answers without buttons;
// Save a copy and the FHIR download produce the expected files; Copy summary puts the plain text
// on the clipboard; and none of it makes a single request.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { TIMEOUT, openWidget, runJourney, assessWithEngine, screenshot, useBrowser } from './helpers.mjs';

const ANSWERS = { concerns: ['acne_scars'], medicines: ['blood_thinner'], pregnant: 'not_sure' };

const env = useBrowser();

/** A page at the summary of a journey, recording every request made after the summary showed. */
async function atSummary(options = {}) {
  const page = await env.newPage(options);
  const context = page.context();
  await openWidget(page, env.server);
  const result = await runJourney(page, ANSWERS);
  const requests = [];
  page.on('request', (request) => {
    if (!/^(blob|data):/.test(request.url())) requests.push(request.url());
  });
  return { context, page, result, requests };
}

const widgetText = (page) => page.locator('microneedling-check .mc').first().innerText();

test('the print view holds the summary, the date and every answer, without buttons', { timeout: TIMEOUT }, async () => {
  const { context, page, result, requests } = await atSummary();
  try {
    const screenText = await widgetText(page);
    assert.ok(!screenText.includes('Your answers\n'), 'the answers list is for print only');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'keep-print-1280');
    const printed = await widgetText(page);
    for (const needle of [
      'Your result',
      'A professional needs to check some things with you first',
      'not a diagnosis',
      'Your answers',
      'Date: ',
      'Content version',
    ]) {
      assert.ok(printed.includes(needle), `the printed summary shows "${needle}"`);
    }
    assert.match(printed, /Date: \d{4}-\d{2}-\d{2}/);
    for (const question of [
      'What would you like to improve?',
      'Are you pregnant or trying to get pregnant?',
      'Do you take or use any of these?',
    ]) {
      assert.ok(printed.includes(question), `the printed answers include "${question}"`);
    }
    const visibleButtons = await page
      .locator('microneedling-check button')
      .evaluateAll((buttons) =>
        buttons
          .filter((b) => getComputedStyle(b).display !== 'none' && b.getClientRects().length > 0)
          .map((b) => b.textContent),
      );
    assert.deepEqual(visibleButtons, [], 'no button is printed');
    assert.ok(result.level, 'reached the summary');
    assert.deepEqual(requests, [], 'printing made no request');
  } finally {
    await context.close();
  }
});

test('Save a copy downloads a self-contained HTML file of the summary and answers', { timeout: TIMEOUT }, async () => {
  const { context, page, result, requests } = await atSummary();
  try {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('microneedling-check [data-action="save"]').click(),
    ]);
    assert.match(download.suggestedFilename(), /^microneedling-check-\d{4}-\d{2}-\d{2}\.html$/);
    const html = await readFile(await download.path(), 'utf8');
    assert.match(html, /^<!doctype html>/i);
    assert.ok(!/<script|<link|src=/i.test(html), 'the file loads nothing and runs nothing');
    const expected = await assessWithEngine(result.answers);
    for (const needle of [
      expected.json.headline,
      'Your answers',
      'Are you pregnant or trying to get pregnant?',
      'not a diagnosis',
      expected.json.content_version,
    ]) {
      assert.ok(html.includes(needle), `the saved copy holds "${needle}"`);
    }
    for (const finding of expected.json.findings) {
      assert.ok(
        html.includes(finding.reason.replace(/&/g, '&amp;').replace(/</g, '&lt;')),
        `the saved copy explains ${finding.rule}`,
      );
    }
    assert.deepEqual(requests, [], 'saving made no request');
  } finally {
    await context.close();
  }
});

test(
  'the FHIR download is a QuestionnaireResponse of exactly the answers the engine counted',
  { timeout: TIMEOUT },
  async () => {
    const { context, page, result, requests } = await atSummary();
    try {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('microneedling-check [data-action="download-fhir"]').click(),
      ]);
      assert.match(download.suggestedFilename(), /\.json$/);
      const fhir = JSON.parse(await readFile(await download.path(), 'utf8'));
      assert.equal(fhir.resourceType, 'QuestionnaireResponse');
      assert.equal(fhir.status, 'completed');
      const linkIds = fhir.item.map((item) => item.linkId).sort();
      assert.deepEqual(linkIds, Object.keys(result.answers).sort(), 'one item per answered question, by question id');
      for (const item of fhir.item) {
        const chosen = [].concat(result.answers[item.linkId]).sort();
        assert.deepEqual(item.answer.map((a) => a.valueCoding.code).sort(), chosen, `answers to ${item.linkId}`);
      }
      assert.deepEqual(requests, [], 'the download made no request');
    } finally {
      await context.close();
    }
  },
);

test('Copy summary puts the plain-text summary on the clipboard and says so', { timeout: TIMEOUT }, async () => {
  const { context, page, requests } = await atSummary({ permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    await page.locator('microneedling-check [data-action="copy"]').click();
    const status = page.locator('microneedling-check .mc-keep-status');
    await status.filter({ hasText: 'copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    for (const needle of [
      'A professional needs to check some things with you first',
      'Your answers',
      'Do not stop or change any medicine',
      'Content version',
    ]) {
      assert.ok(copied.includes(needle), `the copied text holds "${needle}"`);
    }
    assert.ok(!copied.includes('<'), 'plain text, not HTML');
    assert.deepEqual(requests, [], 'copying made no request');
  } finally {
    await context.close();
  }
});
