// Privacy: after the page and the widget's own files, the widget makes no request at all while a
// visitor answers, and leaves no cookie, storage, IndexedDB, cache or service worker behind. The
// strict-CSP demo page (no inline code, 'wasm-unsafe-eval' only) runs the whole journey with no
// Content-Security-Policy violation.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  openWidget,
  runJourney,
  state,
  textsFile,
  LOCALE_CODES,
  WIDGET_FILES,
  TIMEOUT,
  useBrowser,
} from './helpers.mjs';

/** Pathnames the demo pages may load: the page, its stylesheet and the widget's own files. */
const ALLOWED = new Set([
  '/',
  '/index.html',
  '/strict-csp.html',
  '/clinic.css',
  ...[...WIDGET_FILES, ...LOCALE_CODES.map(textsFile)].map((f) => '/' + f),
]);

const env = useBrowser();

/** Records every request of `page`'s context (CDP + Playwright); `phase` labels each one. */
async function recordRequests(page) {
  const recorder = { phase: 'load', requests: [] };
  const note = (source, url, type) => {
    if (/^(data|blob|about|chrome-extension|devtools):/.test(url)) return;
    recorder.requests.push({ phase: recorder.phase, source, url, type });
  };
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.requestWillBeSent', (e) => note('cdp', e.request.url, e.type));
  cdp.on('Network.webSocketCreated', (e) => note('cdp-websocket', e.url, 'WebSocket'));
  page.context().on('request', (r) => note('playwright', r.url(), r.resourceType()));
  page.on('websocket', (ws) => note('playwright-websocket', ws.url(), 'WebSocket'));
  return recorder;
}

/** Everything the page could have stored, read from inside the page and from the browser. */
async function storage(page) {
  const inPage = await page.evaluate(async () => ({
    cookie: document.cookie,
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
    indexedDB: (await indexedDB.databases()).map((d) => d.name),
    caches: 'caches' in window ? await caches.keys() : [],
    serviceWorkers: navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 0,
  }));
  return { ...inPage, browserCookies: await page.context().cookies() };
}

const EMPTY = {
  cookie: '',
  localStorage: 0,
  sessionStorage: 0,
  indexedDB: [],
  caches: [],
  serviceWorkers: 0,
  browserCookies: [],
};

for (const pathname of ['/', '/strict-csp.html']) {
  test(
    `${pathname}: no request after the widget's own files, nothing stored, from page load to the summary`,
    { timeout: TIMEOUT },
    async (t) => {
      const page = await env.newPage();
      if (pathname.includes('strict')) {
        // Init scripts are injected by the browser, outside the page's CSP.
        await page.addInitScript(() => {
          window.__cspViolations = [];
          window.addEventListener(
            'securitypolicyviolation',
            (e) =>
              window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || e.sample || '(inline)'}`),
            true,
          );
        });
      }
      const recorder = await recordRequests(page);
      await openWidget(page, env.server, pathname);
      await page.waitForLoadState('networkidle');
      const url = page.url();
      const title = await page.title();

      recorder.phase = 'journey';
      const result = await runJourney(page, {
        concerns: ['acne_scars'],
        pregnant: 'not_sure',
        medicines: ['blood_thinner'],
      });
      // Give anything delayed (a beacon on a timer) the chance to show itself.
      await page.waitForTimeout(1500);

      const origin = env.server.origin;
      const outside = recorder.requests.filter((r) => !r.url.startsWith(origin + '/'));
      assert.deepEqual(outside, [], 'requests to any other origin');
      const notAllowed = recorder.requests.filter((r) => !ALLOWED.has(new URL(r.url).pathname));
      assert.deepEqual(notAllowed, [], `requests for anything but ${[...ALLOWED].join(', ')}`);
      const during = recorder.requests.filter((r) => r.phase === 'journey');
      assert.deepEqual(during, [], 'requests while the visitor answered (from Start to the summary)');
      const loaded = new Set(recorder.requests.map((r) => new URL(r.url).pathname));
      for (const file of WIDGET_FILES) assert.ok(loaded.has('/' + file), `the recorder saw /${file} load`);
      const texts = LOCALE_CODES.filter((code) => loaded.has('/' + textsFile(code)));
      assert.deepEqual(texts, ['en'], 'the texts of the one locale the page shows, and no other');
      t.diagnostic(`requests: ${[...loaded].join(' ')}; summary ${result.level}`);

      assert.deepEqual(await storage(page), EMPTY, 'nothing stored by the widget');
      assert.equal(page.url(), url, 'the address did not change (no answers in the URL)');
      assert.equal(await page.title(), title, 'the page title did not change');
      if (pathname.includes('strict')) {
        assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'Content-Security-Policy violations');
      }
      assert.deepEqual(page.errors, [], 'no errors in the console (CSP violations are logged there too)');
    },
  );
}

// ------------------------------------------------------------------------------------------------
// 5. Answers never leave through the console, the address or the title

test('answers never reach the console, the address, the history or the title', { timeout: TIMEOUT }, async (t) => {
  const page = await env.newPage();
  const messages = [];
  page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
  await openWidget(page, env.server, '/index.html');
  const before = await page.evaluate(() => ({
    url: location.href,
    title: document.title,
    history: history.length,
    lightDom: document.documentElement.outerHTML,
  }));
  const same = async (where) => {
    const now = await page.evaluate(() => ({ url: location.href, title: document.title, history: history.length }));
    assert.deepEqual(
      now,
      { url: before.url, title: before.title, history: before.history },
      `address, title and history on ${where}`,
    );
  };
  const answers = {
    concerns: ['acne_scars'],
    age: '18_to_21',
    isotretinoin: 'under_6_months',
    medicines: ['blood_thinner', 'retinoids_acids'],
    pregnant: 'not_sure',
    smoking: 'yes',
  };
  const result = await runJourney(page, answers, {
    onPage: async (s) => same(s.step === 'question' ? s.questions[0].id : s.step),
  });
  await same('the summary');
  // Keep your result: save, FHIR download and copy run export code with the answers.
  page.on('download', (download) => download.cancel().catch(() => {}));
  for (const name of ['save', 'download-fhir', 'copy']) {
    await page.locator(`microneedling-check [data-action="${name}"]`).click();
    await page.waitForTimeout(300);
    await same(`the summary after ${name}`);
  }
  await page.waitForTimeout(500);

  const ids = new Set(result.asked);
  for (const value of Object.values(result.answers)) for (const v of [value].flat()) ids.add(v);
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(^|[^A-Za-z0-9_])(${[...ids].map(escape).join('|')})(?![A-Za-z0-9_])`);
  const leaks = messages.filter((m) => pattern.test(m));
  t.diagnostic(
    `${ids.size} question and option ids checked against ${messages.length} console messages${messages.length ? `: ${messages.join(' | ')}` : ''}`,
  );
  assert.ok(ids.has('isotretinoin') && ids.has('under_6_months'), 'the distinctive answers were given');
  assert.deepEqual(leaks, [], 'console messages containing a question or option id');
  const lightDom = await page.evaluate(() => document.documentElement.outerHTML);
  assert.equal(
    lightDom,
    before.lightDom,
    "the host page's light DOM (attributes included) did not change during the journey",
  );
  assert.equal(new URL(page.url()).hash, '', 'no fragment in the address');
  assert.equal((await state(page)).step, 'summary');
});
