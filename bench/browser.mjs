// In-browser measurements of the built widget (headless Chromium through playwright-core, the
// server, flags and DOM contract of tests/e2e/helpers.mjs). Used by bench/run.mjs; can run alone:
//
//   node bench/browser.mjs [--dist DIR] [--loads N] [--journeys N]   (prints JSON)
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
//   a peer library's), each round also loads those, the same way, each round in another order.
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
import { CHROMIUM, CHROMIUM_ARGS, DIST, defaultOption, startServer } from '../tests/e2e/helpers.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TIMEOUT = 30_000;

async function instrumentSource(autoStart, peer = null) {
  const source = await readFile(path.join(HERE, 'instrument.js'), 'utf8');
  return source.replace('/*AUTO_START*/ false', String(autoStart)).replace('/*PEER*/ null', JSON.stringify(peer));
}

function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
}

async function newPage(browser, script) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  await context.addInitScript({ content: script });
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
      // The loader imported this same URL; importing it again gives the same module instance,
      // whose init function returns the wasm exports (memory included) without fetching anything.
      const glue = await import(new URL('./microneedling-check-wasm.js', location.href).href);
      const exports = await glue.default();
      wasmMemory = exports.memory.buffer.byteLength;
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

async function oneColdLoad(url, script, { probeWasm = true } = {}) {
  const browser = await launch();
  try {
    const { page, context } = await newPage(browser, script);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
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
    await cdp.send('HeapProfiler.collectGarbage');
    const afterGc = metricsOf(await cdp.send('Performance.getMetrics'));
    const read = await page.evaluate(readPage, probeWasm);
    const b = read.bench;
    return {
      loaderRan: b.loaderRan,
      mounted: b.mounted,
      widgetToFirstQuestion: b.firstQuestion - b.loaderRan,
      startUsable: b.startUsable,
      startClick: b.startClick,
      firstQuestion: b.firstQuestion,
      startToFirstQuestion: b.firstQuestion - b.startClick,
      fcp: read.fcp,
      fp: read.fp,
      domContentLoaded: read.domContentLoaded,
      load: read.load,
      resources: read.resources,
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
      errors: [...page.errors, ...b.errors],
    };
  } finally {
    await browser.close().catch(() => {});
  }
}

/**
 * `loads` cold loads of `url` (plus one discarded warm-up). Each of `others` ({ name, url, peer })
 * is another page loaded in every round, the same way: bench/stand-in/'s page, or a peer library's
 * (bench/peers/, with `peer` telling bench/instrument.js what to look for). The round's first page
 * moves on by one each round, so that every page takes every place in turn and all see the same
 * machine; each other page's sample goes into the widget's under its `name`.
 */
export async function coldLoads(url, { loads = 9, log = () => {}, others = [] } = {}) {
  const pages = [{ name: null, url, peer: null }, ...others];
  const scripts = await Promise.all(pages.map((p) => instrumentSource(true, p.peer ?? null)));
  await oneColdLoad(url, scripts[0]);
  const samples = [];
  const f = (x) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : 'n/a');
  for (let i = 0; i < loads; i++) {
    const round = {};
    for (let k = 0; k < pages.length; k++) {
      const j = (i + k) % pages.length;
      round[j] = await oneColdLoad(pages[j].url, scripts[j], { probeWasm: j === 0 });
    }
    const sample = round[0];
    for (const [j, p] of pages.entries()) if (j > 0) sample[p.name] = round[j];
    const also = others.map((p) => `, ${p.name}: ${f(sample[p.name].firstQuestion)}`).join('');
    log(
      `load ${i + 1}/${loads}: start usable ${f(sample.startUsable)}, first question ${f(sample.firstQuestion)}${also}`,
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
    const wasmMemory = await page.evaluate(async () => {
      const glue = await import(new URL('./microneedling-check-wasm.js', location.href).href);
      return (await glue.default()).memory.buffer.byteLength;
    });
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
        const glue = await import(new URL('./microneedling-check-wasm.js', location.href).href);
        return (await glue.default()).memory.buffer.byteLength;
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
 * Serves `dist` and each of `others` ({ name, dir, peer }: a folder with another page to load in
 * the same rounds, see coldLoads), and runs both measurements.
 */
export async function measure({ dist = DIST, others = [], loads = 9, journeyCount = 3, log = () => {} } = {}) {
  const server = await startServer(dist);
  const servers = [];
  try {
    for (const o of others) servers.push({ ...o, server: await startServer(o.dir, { widget: !o.peer }) });
    const loadSamples = await coldLoads(server.url, {
      loads,
      log,
      others: servers.map((o) => ({ ...o, url: o.server.url })),
    });
    const journeySamples = await journeys(server.url, { count: journeyCount, log });
    const cycles = await mountCycles(server.url, { log });
    return {
      chromium: await chromiumVersion(),
      loads: loadSamples,
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
    journeyCount: Number(arg('--journeys', 3)),
    log: (line) => process.stderr.write(`    ${line}\n`),
  });
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}
