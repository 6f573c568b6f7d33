// Privacy: after the page and the widget's own files, the widget makes no request at all while a
// visitor answers, and leaves no cookie, storage, IndexedDB, cache or service worker behind. The
// strict-CSP demo page (no inline code, 'wasm-unsafe-eval' only) runs the whole journey with no
// Content-Security-Policy violation.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openWidget, runJourney, WIDGET_FILES, TIMEOUT, useBrowser } from './helpers.mjs';

/** Pathnames the demo pages may load: the page, its stylesheet and the widget's own files. */
const ALLOWED = new Set(['/', '/index.html', '/strict-csp.html', '/clinic.css', ...WIDGET_FILES.map((f) => '/' + f)]);

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
