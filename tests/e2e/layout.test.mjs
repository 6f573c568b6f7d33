// Layout: at 320, 375, 768 and 1280 px the start page, a question, Check your answers and the
// summary fit without horizontal scrolling; with the browser's text size at 200 % (a 32 px default
// font) the widget's text doubles and still fits at 320 px (WCAG 1.4.4 and 1.4.10).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TIMEOUT, openWidget, runJourney, screenshot, useBrowser } from './helpers.mjs';

const env = useBrowser();

/**
 * How far the widget, or anything inside it, sticks out of the viewport or out of the widget
 * sideways, in px (0 when it fits). The host page's own layout is the host's business.
 */
function overflow(page) {
  return page.evaluate(() => {
    const host = document.querySelector('microneedling-check');
    const widget = host.shadowRoot.querySelector('.mc').getBoundingClientRect();
    let worst = Math.max(0, host.getBoundingClientRect().right - innerWidth, -host.getBoundingClientRect().left);
    for (const el of host.shadowRoot.querySelectorAll('.mc, .mc *')) {
      const box = el.getBoundingClientRect();
      if (!box.width) continue;
      worst = Math.max(
        worst,
        box.right - widget.right,
        widget.left - box.left,
        box.right - innerWidth,
        el.scrollWidth - el.clientWidth > 1 && el.clientWidth > 0 && getComputedStyle(el).overflowX === 'visible'
          ? el.scrollWidth - el.clientWidth
          : 0,
      );
    }
    return Math.round(worst);
  });
}

async function journeyFits(page, label) {
  const widths = [];
  const check = async (where) => {
    const out = await overflow(page);
    widths.push(out);
    assert.ok(out <= 1, `${label}: the ${where} sticks out by ${out} px`);
  };
  await check('start page');
  await runJourney(
    page,
    { concerns: ['acne_scars', 'stretch_marks'], medicines: ['blood_thinner'] },
    {
      onPage: (s, index) => check(index < 0 ? 'check page' : `question ${s.questions[0]?.id}`),
    },
  );
  await check('summary');
  return widths.length;
}

for (const width of [320, 375, 768, 1280]) {
  test(`at ${width} px nothing sticks out, from the start page to the summary`, { timeout: TIMEOUT }, async () => {
    const page = await env.newPage({ width, height: 800 });
    await openWidget(page, env.server);
    const pages = await journeyFits(page, `${width} px`);
    // Start, every question of the journey (17 since issue 26 shortened it), Check your answers, the summary.
    assert.ok(pages >= 18, `checked ${pages} pages`);
  });
}

test('at 200 % text size the widget text doubles and still fits at 320 px', { timeout: TIMEOUT }, async () => {
  const page = await env.newPage({ width: 320, height: 800 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.enable');
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32 } });
  await openWidget(page, env.server);
  const size = await page.evaluate(() => {
    const root = document.querySelector('microneedling-check').shadowRoot;
    return parseFloat(getComputedStyle(root.querySelector('.mc-lead')).fontSize);
  });
  assert.ok(size >= 39.5, `the lead text follows the browser's text size (20 px at 100 %, got ${size} px)`);
  await screenshot(page, 'layout-320-text-200-start');
  await journeyFits(page, '320 px at 200 % text');
  await screenshot(page, 'layout-320-text-200-summary');
});
