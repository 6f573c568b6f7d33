// In-browser measurements of the built widget (headless Chromium through playwright-core, the
// server, flags and DOM contract of tests/e2e/helpers.mjs). Used by bench/run.mjs; can run alone:
//
//   node bench/browser.mjs [--dist DIR] [--loads N] [--phone-loads N] [--journeys N]   (prints JSON)
//
// coldLoads(): N loads of the demo page, each in a newly launched browser (Playwright gives every
//   launch a fresh temporary profile) with the HTTP cache disabled (CDP Network.setCacheDisabled),
//   after one discarded warm-up load (it only warms the OS file cache for Chromium and dist/).
//   bench/instrument.js timestamps, in the page with performance.now() (ms since navigation start),
//   when the loader runs (it defines the custom element), when the widget mounts and when Start is
//   usable, clicks it in a new task at once, and timestamps when the first question's inputs
//   exist. Then: first-contentful-paint (the 'paint' performance entry), CDP Performance.getMetrics
//   TaskDuration and ScriptDuration (main-thread time of the page's renderer, difference between
//   before navigation and after the first question and the load event), CDP
//   JSHeapUsedSize (the page's V8 heap, which does not include the wasm memory), and the wasm
//   memory's buffer.byteLength, read through the glue's init function (it returns the instance's
//   exports once the widget has started). Given other pages (measure()'s `others`: the stand-in's,
//   a peer library's, the widget in another locale), each round also loads those, the same way,
//   each round in another order. Each load emulates a PROFILES entry: desktop (no throttling), or
//   phone (CPU ×4 and per-request network throttling through CDP, a phone's screen and touch);
//   and records every request's bytes as transferred (CDP Network.loadingFinished), for the
//   bytes per visitor. Files are served by bench/server.mjs (text gzipped, as a web server would).
// journeys(): N full journeys (each in a fresh context), answering with tests/e2e/helpers.mjs's
//   defaultOption and clicking with real (CDP) mouse clicks; bench/instrument.js timestamps each
//   click on a [data-action] control in a capture listener and the moment the next page's DOM is
//   in place (a MutationObserver on the shadow root).
// mountCycles(): 200 mount()/unmount() cycles: JS heap, DOM nodes, listeners and wasm memory
//   before and after.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, DIST, defaultOption } from '../tests/e2e/helpers.mjs';
import { startBenchServer } from './server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TIMEOUT = 30_000;

/**
 * The devices a cold load can emulate. `desktop` is the benchmark's historical setting (no
 * throttling). `phone` is a mid-range phone on a slow mobile connection, as the harness
 * measured it: the CPU slowed 4 times (CDP Emulation.setCPUThrottlingRate), and every request
 * throttled by Chromium's DevTools network emulation (CDP Network.emulateNetworkConditions: 150 ms
 * added to each request's round trip, 1.6 Mbit/s down, 750 kbit/s up, shared by the requests in
 * flight); a 375 × 812 viewport at device scale factor 2, touch, a mobile user agent.
 */
export const PROFILES = {
  desktop: { name: 'desktop', viewport: { width: 1280, height: 900 } },
  phone: {
    name: 'phone',
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    mobileUserAgent: true,
    cpuSlowdown: 4,
    network: { latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 },
  },
};

async function instrumentSource(autoStart, peer = null) {
  const source = await readFile(path.join(HERE, 'instrument.js'), 'utf8');
  return source.replace('/*AUTO_START*/ false', String(autoStart)).replace('/*PEER*/ null', JSON.stringify(peer));
}

function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
}

async function newPage(browser, script, { profile = PROFILES.desktop, locale = 'en-GB' } = {}) {
  const options = { viewport: profile.viewport, locale };
  if (profile.deviceScaleFactor) options.deviceScaleFactor = profile.deviceScaleFactor;
  if (profile.isMobile) options.isMobile = true;
  if (profile.hasTouch) options.hasTouch = true;
  if (profile.mobileUserAgent) {
    const major = browser.version().split('.')[0];
    options.userAgent = `Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Mobile Safari/537.36`;
  }
  const context = await browser.newContext(options);
  await context.addInitScript({ content: script });
  // The glue is merged into the loader, so the WebAssembly's memory is kept as it is instantiated
  // (window.__mcMemory), for the memory figures; a wrapper of one call, nothing else changes.
  await context.addInitScript(() => {
    const instantiate = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = async (...args) => {
      const result = await instantiate(...args);
      window.__mcMemory = result.instance.exports.memory;
      return result;
    };
  });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') page.errors.push(`console.error: ${message.text()}`);
  });
  return { context, page };
}

function metricsOf(response) {
  return Object.fromEntries(response.metrics.map((m) => [m.name, m.value]));
}

/**
 * Runs in the page after the load: paint, navigation timing, the instrument's records and, unless
 * `probeWasm` is false (the stand-in has none), the wasm memory.
 */
async function readPage(probeWasm) {
  const paint = Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, e.startTime]));
  const [nav] = performance.getEntriesByType('navigation');
  const resources = {};
  for (const e of performance.getEntriesByType('resource')) {
    resources[new URL(e.name).pathname.replace(/^\//, '')] = { start: e.startTime, end: e.responseEnd };
  }
  let wasmMemory = null;
  let wasmMemoryError = null;
  if (probeWasm) {
    try {
      if (!window.__mcMemory) throw new Error('the WebAssembly was not instantiated');
      wasmMemory = window.__mcMemory.buffer.byteLength;
    } catch (error) {
      wasmMemoryError = String(error && error.message ? error.message : error);
    }
  }
  return {
    bench: window.__mcBench,
    fcp: paint['first-contentful-paint'] ?? null,
    fp: paint['first-paint'] ?? null,
    domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
    load: nav ? nav.loadEventEnd : null,
    resources,
    wasmMemory,
    wasmMemoryError,
  };
}

/** Evaluates `expression` over CDP (awaiting a promise): unlike page.evaluate, injects no helper script. */
async function cdpEvaluate(cdp, expression, what = expression) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${TIMEOUT} ms waiting for ${what}`)), TIMEOUT);
  });
  try {
    const { result, exceptionDetails } = await Promise.race([
      cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }),
      timeout,
    ]);
    if (exceptionDetails)
      throw new Error(`in the page: ${exceptionDetails.exception?.description || exceptionDetails.text}`);
    return result.value;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Records, over CDP, every HTTP request of the page and the bytes it transferred: the
 * response as it came over the wire, headers included, before any Content-Encoding is undone
 * (Network.loadingFinished's encodedDataLength). Now and then, under the phone profile's network
 * emulation, Chromium reports the widget's `.bin` as net::ERR_ABORTED although the page got the
 * whole file (its resource timing has a responseEnd, the widget started) and its Network.dataReceived
 * chunks add up to 1–2 kB less: such a response counts as its headers and its Content-Length (what
 * the server sent), with `ended` saying how it ended and `received` what CDP saw arrive.
 * `settled(ms)` waits until no request is in flight (at most `ms`).
 */
function recordTransfers(cdp) {
  const requests = new Map(); // requestId → { path, type, status, bytes, done, ended }
  const received = new Map(); // requestId → { headers, body }
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!/^https?:/.test(e.request.url)) return;
    requests.set(e.requestId, { path: new URL(e.request.url).pathname, type: e.type ?? null, bytes: 0, done: false });
    received.set(e.requestId, { headers: 0, body: 0 });
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    r.type = e.type ?? r.type;
    r.status = e.response.status;
    const n = received.get(e.requestId);
    n.headers = e.response.encodedDataLength ?? 0;
    const length = Object.entries(e.response.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-length');
    n.length = length ? Number(length[1]) : NaN;
  });
  cdp.on('Network.dataReceived', (e) => {
    const n = received.get(e.requestId);
    if (n) n.body += e.encodedDataLength ?? 0;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) Object.assign(r, { bytes: e.encodedDataLength, done: true });
  });
  cdp.on('Network.loadingFailed', (e) => {
    const r = requests.get(e.requestId);
    const n = received.get(e.requestId);
    if (!r) return;
    const sent = r.status === 200 && Number.isFinite(n.length) ? n.headers + n.length : NaN;
    Object.assign(r, { bytes: Number.isFinite(sent) ? sent : n.headers + n.body, done: true });
    Object.assign(r, { ended: e.errorText || 'failed', received: n.headers + n.body });
  });
  return {
    list: () => [...requests.values()].map((r) => ({ ...r })),
    async settled(ms) {
      const until = Date.now() + ms;
      while (Date.now() < until && [...requests.values()].some((r) => !r.done)) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/**
 * One cold load of `url` in a newly launched browser, emulating `profile` (PROFILES) with the
 * browser's language `locale`; returns the instrument's milestones, the CDP counters and
 * `transfers` (each HTTP request: path, resource type, bytes transferred).
 */
async function oneColdLoad(url, script, { probeWasm = true, profile = PROFILES.desktop, locale = 'en-GB' } = {}) {
  const browser = await launch();
  try {
    const { page, context } = await newPage(browser, script, { profile, locale });
    const cdp = await context.newCDPSession(page);
    const transfers = recordTransfers(cdp);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (profile.network) {
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile.network });
    }
    if (profile.cpuSlowdown) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuSlowdown });
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    const before = metricsOf(await cdp.send('Performance.getMetrics'));
    await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT });
    // Only CDP until the counters are read: Playwright's waitForFunction and evaluate put their own
    // scripts into the page, which would count in its JS heap.
    await cdpEvaluate(
      cdp,
      'window.__mcBenchFirstQuestion.then(() => true)',
      'the first question (did the widget start?)',
    );
    // Let the frame after the first question finish before reading the counters.
    await cdpEvaluate(
      cdp,
      'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))))',
    );
    const after = metricsOf(await cdp.send('Performance.getMetrics'));
    // Whatever the page still downloads for this visit (say, a file fetched ahead) counts too.
    await transfers.settled(TIMEOUT / 3);
    const transferred = transfers.list();
    await cdp.send('HeapProfiler.collectGarbage');
    const afterGc = metricsOf(await cdp.send('Performance.getMetrics'));
    const read = await page.evaluate(readPage, probeWasm);
    const b = read.bench;
    return {
      profile: profile.name,
      locale,
      loaderRan: b.loaderRan,
      mounted: b.mounted,
      widgetToFirstQuestion: b.firstQuestion - b.loaderRan,
      headingShown: b.headingShown,
      startUsable: b.startUsable,
      startClick: b.startClick,
      firstQuestion: b.firstQuestion,
      startToFirstQuestion: b.firstQuestion - b.startClick,
      fcp: read.fcp,
      fp: read.fp,
      domContentLoaded: read.domContentLoaded,
      load: read.load,
      resources: read.resources,
      transfers: transferred,
      taskDuration: (after.TaskDuration - (before.TaskDuration ?? 0)) * 1000,
      scriptDuration: (after.ScriptDuration - (before.ScriptDuration ?? 0)) * 1000,
      layoutDuration: (after.LayoutDuration - (before.LayoutDuration ?? 0)) * 1000,
      recalcStyleDuration: (after.RecalcStyleDuration - (before.RecalcStyleDuration ?? 0)) * 1000,
      longTasks: b.longTasks,
      jsHeapUsed: after.JSHeapUsedSize,
      jsHeapUsedAfterGc: afterGc.JSHeapUsedSize,
      jsHeapTotal: after.JSHeapTotalSize,
      nodes: after.Nodes,
      wasmMemory: read.wasmMemory,
      wasmMemoryError: read.wasmMemoryError,
      errors: [
        ...page.errors,
        ...b.errors,
        ...transferred.filter((t) => !(t.status < 400)).map((t) => `${t.path}: HTTP ${t.status ?? t.ended}`),
      ],
    };
  } finally {
    await browser.close().catch(() => {});
  }
}

/**
 * `loads` cold loads of `url` (plus one discarded warm-up unless `warmUp` is false), emulating
 * `profile` (PROFILES) with the browser's language `locale`. Each of `others` ({ name, url, peer,
 * locale }) is another page loaded in every round, the same way: bench/stand-in/'s page, a peer
 * library's (bench/peers/, with `peer` telling bench/instrument.js what to look for), the widget
 * in another locale (`locale`: the browser's language for that page, else the round's). The
 * round's first page moves on by one each round, so that every page takes every place in turn
 * and all see the same machine; each other page's sample goes into the widget's under its `name`.
 */
export async function coldLoads(
  url,
  { loads = 9, log = () => {}, others = [], profile = PROFILES.desktop, locale = 'en-GB', warmUp = true } = {},
) {
  const pages = [{ name: null, url, peer: null, locale }, ...others];
  const scripts = await Promise.all(pages.map((p) => instrumentSource(true, p.peer ?? null)));
  if (warmUp) await oneColdLoad(url, scripts[0], { locale });
  const samples = [];
  const f = (x) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : 'n/a');
  for (let i = 0; i < loads; i++) {
    const round = {};
    for (let k = 0; k < pages.length; k++) {
      const j = (i + k) % pages.length;
      round[j] = await oneColdLoad(pages[j].url, scripts[j], {
        probeWasm: j === 0,
        profile,
        locale: pages[j].locale ?? locale,
      });
    }
    const sample = round[0];
    for (const [j, p] of pages.entries()) if (j > 0) sample[p.name] = round[j];
    const also = others.map((p) => `, ${p.name}: ${f(sample[p.name].firstQuestion)}`).join('');
    log(
      `${profile.name} load ${i + 1}/${loads}: start usable ${f(sample.startUsable)}, first question ${f(sample.firstQuestion)}${also}`,
    );
    samples.push(sample);
  }
  return samples;
}

/** Runs in the page: the question fieldsets with their options and ticked options. */
function readQuestions() {
  const root = document.querySelector('microneedling-check').shadowRoot.querySelector('.mc');
  return {
    step: root.getAttribute('data-step'),
    questions: [...root.querySelectorAll('fieldset[data-question]')].map((f) => {
      const id = f.getAttribute('data-question');
      const inputs = [...f.querySelectorAll(`input[name="${CSS.escape(id)}"]`)];
      return { id, options: inputs.map((i) => i.value), checked: inputs.filter((i) => i.checked).map((i) => i.value) };
    }),
  };
}

async function clickAction(page, name) {
  const count = await page.evaluate(() => window.__mcBench.transitions.length);
  await page.locator(`microneedling-check [data-action="${name}"]`).first().click();
  await page.waitForFunction((n) => window.__mcBench.transitions.length > n, count, {
    timeout: TIMEOUT,
    polling: 'raf',
  });
}

/** One full journey in a fresh context; returns the instrument's transitions. */
async function oneJourney(browser, url, script) {
  const { page, context } = await newPage(browser, script);
  try {
    await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT });
    await page.waitForFunction(() => window.__mcBench && window.__mcBench.startUsable !== null, null, {
      timeout: TIMEOUT,
    });
    await clickAction(page, 'start');
    for (let pages = 0; ; pages++) {
      if (pages > 150) throw new Error('still on question pages after 150 pages (a loop?)');
      const s = await page.evaluate(readQuestions);
      if (s.step !== 'question') break;
      if (!s.questions.length) throw new Error('a question page without fieldset[data-question]');
      for (const q of s.questions) {
        const value = defaultOption(q.options);
        if (q.checked.includes(value)) continue;
        const input = page.locator(`microneedling-check input[name="${q.id}"][value="${value}"]`);
        const id = await input.getAttribute('id');
        await page.locator(`microneedling-check label[for="${id}"]`).click();
        await page.waitForFunction(
          ([name, v]) => {
            const root = document.querySelector('microneedling-check').shadowRoot;
            const el = root.querySelector(`input[name="${CSS.escape(name)}"][value="${CSS.escape(v)}"]`);
            return el && el.checked;
          },
          [q.id, value],
          { timeout: TIMEOUT },
        );
      }
      await clickAction(page, 'continue');
    }
    const s = await page.evaluate(readQuestions);
    if (s.step !== 'check') throw new Error(`expected Check your answers after the questions, got step ${s.step}`);
    await clickAction(page, 'see-result');
    const end = await page.evaluate(readQuestions);
    if (end.step !== 'summary') throw new Error(`expected the summary after See your result, got step ${end.step}`);
    const { transitions, errors } = await page.evaluate(() => window.__mcBench);
    const wasmMemory = await page.evaluate(() => window.__mcMemory.buffer.byteLength);
    return { transitions, wasmMemory, errors: [...page.errors, ...errors] };
  } finally {
    await context.close().catch(() => {});
  }
}

/** `count` full journeys (one browser, a fresh context each). */
export async function journeys(url, { count = 3, log = () => {} } = {}) {
  const script = await instrumentSource(false);
  const browser = await launch();
  try {
    const results = [];
    for (let i = 0; i < count; i++) {
      const r = await oneJourney(browser, url, script);
      const steps = r.transitions.filter((t) => t.action === 'continue' && t.to.startsWith('question|'));
      log(`journey ${i + 1}/${count}: ${steps.length} Continue → question steps`);
      results.push(r);
    }
    return results;
  } finally {
    await browser.close().catch(() => {});
  }
}

async function chromiumVersion() {
  const browser = await launch();
  try {
    return `Chromium ${browser.version()}`;
  } finally {
    await browser.close().catch(() => {});
  }
}

/**
 * 200 mount()/unmount() cycles on one element of two-locales.html (after 10 for warm-up): the JS
 * heap (CDP JSHeapUsedSize after a forced GC), the DOM counters (CDP Memory.getDOMCounters) and the
 * WebAssembly memory before and after, to show that unmounting frees what mounting took.
 */
export async function mountCycles(url, { count = 200, log = () => {} } = {}) {
  const browser = await launch();
  try {
    const { page } = await newPage(browser, '');
    await page.goto(new URL('/two-locales.html', url).href, { waitUntil: 'load', timeout: TIMEOUT });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const cycle = (n) =>
      page.evaluate(async (n) => {
        const { mount } = await import(new URL('./microneedling-check.js', location.href).href);
        const box =
          document.getElementById('mc-bench-cycles') ||
          document.body.appendChild(Object.assign(document.createElement('div'), { id: 'mc-bench-cycles' }));
        for (let i = 0; i < n; i++) (await mount(box, { clinicName: `Clinic ${i}` })).unmount();
        await new Promise((resolve) => setTimeout(resolve, 100));
        return window.__mcMemory.buffer.byteLength;
      }, n);
    const read = async (wasmMemory) => {
      await cdp.send('HeapProfiler.collectGarbage');
      const dom = await cdp.send('Memory.getDOMCounters');
      const jsHeapUsed = metricsOf(await cdp.send('Performance.getMetrics')).JSHeapUsedSize;
      return { jsHeapUsed, wasmMemory, nodes: dom.nodes, listeners: dom.jsEventListeners };
    };
    const before = await read(await cycle(10));
    log(`mount/unmount: ${count} cycles`);
    const after = await read(await cycle(count));
    return { count, before, after, errors: page.errors };
  } finally {
    await browser.close().catch(() => {});
  }
}

/**
 * Serves `dist` (with `pages`, generated pages served from memory, see bench/server.mjs) and each
 * of `others` ({ name, dir, path, pages, peer, locale, profiles }: a page to load in the same
 * rounds, see coldLoads; `path` is its page in `dir`, index.html if empty; `profiles` the PROFILES
 * it is loaded in, both if not given), and runs the measurements: `loads` desktop rounds and
 * `phoneLoads` phone rounds of cold loads (no phone rounds if 0), `journeyCount` journeys, the
 * mount cycles.
 */
export async function measure({
  dist = DIST,
  pages = {},
  others = [],
  loads = 9,
  phoneLoads = 0,
  journeyCount = 3,
  log = () => {},
} = {}) {
  const server = await startBenchServer(dist, { pages });
  const servers = [];
  try {
    for (const o of others) servers.push({ ...o, server: await startBenchServer(o.dir, { pages: o.pages ?? {} }) });
    const pagesIn = (profile) =>
      servers
        .filter((o) => !o.profiles || o.profiles.includes(profile))
        .map((o) => ({ ...o, url: o.server.url + (o.path ?? '') }));
    const loadSamples = await coldLoads(server.url, { loads, log, others: pagesIn('desktop') });
    const phoneSamples = phoneLoads
      ? await coldLoads(server.url, {
          loads: phoneLoads,
          log,
          others: pagesIn('phone'),
          profile: PROFILES.phone,
          warmUp: false,
        })
      : [];
    const journeySamples = await journeys(server.url, { count: journeyCount, log });
    const cycles = await mountCycles(server.url, { log });
    return {
      chromium: await chromiumVersion(),
      loads: loadSamples,
      phoneLoads: phoneSamples,
      journeys: journeySamples,
      cycles,
      requests: [...new Set(server.log)],
    };
  } finally {
    await server.close();
    for (const o of servers) await o.server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const result = await measure({
    dist: path.resolve(arg('--dist', DIST)),
    loads: Number(arg('--loads', 9)),
    phoneLoads: Number(arg('--phone-loads', 0)),
    journeyCount: Number(arg('--journeys', 3)),
    log: (line) => process.stderr.write(`    ${line}\n`),
  });
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}
