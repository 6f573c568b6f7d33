// Shared harness for the end-to-end tests (node:test + playwright-core + Debian's Chromium).
//
// - startServer(): a static server for dist/ on a free localhost port, with the right MIME types.
// - setup(): server + headless Chromium; env.newPage({ width }) gives a page in a fresh context.
// - openWidget(), action(), state(), runJourney(), keyboard helpers, axe, screenshots, and
//   assessWithEngine(), which asks the native engine (the reviewer CLI) for the expected result.
//
// The DOM contract the widget follows (Playwright's CSS selectors pierce open shadow roots):
//   <microneedling-check> with an open shadow root holding `.mc[lang][dir][data-step]`,
//   data-step = start | question | check | summary; controls carry data-action = start | continue |
//   back | change (+ data-question) | see-result | restart | print; a question page has
//   fieldset[data-question] with input[name=<question>][value=<option>] + label[for]; `.mc-progress`;
//   `.mc-error-summary`; the summary has [data-level] and one [data-rule] per finding.

import { createServer } from 'node:http';
import { readFile, readdir, mkdir, writeFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';

const run = promisify(execFile);

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The folder served; MC_DIST overrides it (for trying the harness against another build). */
export const DIST = path.resolve(process.env.MC_DIST || path.join(ROOT, 'dist'));
export const SCREENSHOTS = path.join(ROOT, 'screenshots');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** The widget's own files: the only requests a page with the widget may make. */
export const WIDGET_FILES = ['microneedling-check.js', 'microneedling-check-wasm.bin'];
/** The file of a locale's texts (a browser fetches the one each element shows). */
export const textsFile = (code) => `microneedling-check-texts-${code}.bin`;
/** Per-test time limit (node:test has none by default, and a hung browser must not hang CI). */
export const TIMEOUT = 240_000;
export const LEVELS = ['not_advisable_now', 'professional_check_first', 'worth_mentioning', 'no_specific_concern'];

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

// ------------------------------------------------------------------------------------------------
// Server and browser

/** The file `rel` (a URL path) names inside `dir`, or null if it would lie outside it. */
export function fileUnder(dir, rel) {
  const root = path.resolve(dir);
  const file = path.join(root, path.normalize(rel).replace(/^(\.\.[/\\])+/, ''));
  return file.startsWith(root + path.sep) ? file : null;
}

/** Starts `server` on 127.0.0.1:<free port>; returns { origin, url, close() }. */
export async function listenLocally(server) {
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const close = () =>
    new Promise((resolve) => {
      server.close(resolve);
      server.closeAllConnections?.();
    });
  return { origin, url: origin + '/', close };
}

/**
 * Serves `dir` on 127.0.0.1:<free port>; returns { url, origin, close(), log } (log = paths served).
 * `widget: false` serves a page without the widget (the benchmark's peer libraries).
 */
export async function startServer(dir = DIST, { widget = true } = {}) {
  if (!existsSync(path.join(dir, 'index.html')) || (widget && !existsSync(path.join(dir, 'microneedling-check.js')))) {
    throw new Error(`${dir} has no built widget: run ./scripts/build.sh first`);
  }
  const log = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = fileUnder(dir, rel);
    log.push(rel);
    try {
      if (!file || !(await stat(file)).isFile()) throw new Error('not found');
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': MIME[path.extname(file)] || 'application/octet-stream',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found');
    }
  });
  return { ...(await listenLocally(server)), log };
}

/** Launches headless Chromium with the project's flags. */
export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run ./scripts/install.sh`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/**
 * Starts the server and the browser. `env.newPage({ width, height })` opens a page in a fresh
 * browser context (no shared cookies or storage) and records page errors in `page.errors`.
 * Call `env.close()` in `after()`.
 */
export async function setup() {
  const server = await startServer();
  const browser = await launchBrowser();
  const contexts = [];
  return {
    server,
    browser,
    /** A page in a fresh context; other options (locale, permissions, …) go to newContext. */
    async newPage({ width = 1280, height = 900, ...options } = {}) {
      const context = await browser.newContext({
        viewport: { width, height },
        locale: 'en-GB',
        acceptDownloads: true,
        ...options,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      page.errors = [];
      page.on('pageerror', (error) => page.errors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') page.errors.push(`console.error: ${message.text()}`);
      });
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}

/**
 * The one setup of a browser test file: a server and a browser started before its first test and
 * closed after its last, and (with `screenshots`, a file-name prefix) its earlier screenshots
 * cleared. Returns the environment of setup(), filled in when the first test runs.
 */
export function useBrowser({ screenshots } = {}) {
  const env = {};
  before(async () => {
    if (screenshots) await clearScreenshots(screenshots);
    Object.assign(env, await setup());
  });
  after(async () => {
    await env.close?.();
  });
  return env;
}

/**
 * Opens a host page the test writes, with `head` and `body`, served at `pathname` on the test
 * server's own origin (one routed path), so the loader and its files load exactly as on a clinic's
 * site; with `blockWasm`, the widget's .wasm request fails. Returns what the page does from then on:
 * requests other than the page and the widget's own files, main-frame navigations after the first
 * load, and console warnings.
 */
export async function hostPage(env, page, { head = '', body, blockWasm = false, pathname = '/host.html' }) {
  const url = new URL(pathname, env.server.url).href;
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Host</title>' +
    `${head}</head><body>${body}</body></html>`;
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  if (blockWasm) await page.route('**/microneedling-check-wasm.bin', (route) => route.abort());
  const seen = { requests: [], navigations: 0, warnings: [] };
  const own = [pathname, ...[...WIDGET_FILES, ...LOCALE_CODES.map(textsFile)].map((f) => '/' + f)];
  page.on('request', (request) => {
    if (!own.includes(new URL(request.url()).pathname) && !request.url().startsWith('data:')) {
      seen.requests.push(request.url());
    }
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) seen.navigations++;
  });
  page.on('console', (message) => {
    if (message.type() === 'warning') seen.warnings.push(message.text());
  });
  await page.goto(url, { waitUntil: 'load' });
  return seen;
}

// ------------------------------------------------------------------------------------------------
// Locales

/** The flat `"key" = "value"` texts of locales/<code>.toml, as a Map. */
export function localeTexts(code) {
  const map = new Map();
  for (const line of readFileSync(path.join(ROOT, 'locales', `${code}.toml`), 'utf8').split('\n')) {
    const match = line.match(/^"([^"]+)"\s*=\s*(".*")\s*$/);
    if (match) map.set(match[1], JSON.parse(match[2]));
  }
  return map;
}

/** Every locale of locales/index.toml: [{ code, dir }]. */
export const LOCALES = [
  ...readFileSync(path.join(ROOT, 'locales', 'index.toml'), 'utf8').matchAll(/code = "([^"]+)", dir = "(ltr|rtl)"/g),
].map(([, code, dir]) => ({ code, dir }));
/** Their codes. */
export const LOCALE_CODES = LOCALES.map((l) => l.code);

/** A browser locale that makes the widget pick `code` (en-GB, es-ES, …). */
export const browserLocale = (code) => `${code}-${code === 'en' ? 'GB' : code.toUpperCase()}`;

/** Answers that reach each level (the driver answers every other question with its default). */
export const LEVEL_ANSWERS = {
  not_advisable_now: { concerns: ['acne_scars', 'stretch_marks'], pregnant: 'yes' },
  professional_check_first: { concerns: ['acne_scars'], medicines: ['blood_thinner'], pregnant: 'not_sure' },
  worth_mentioning: { concerns: ['acne_scars', 'stretch_marks'], age: '18_to_21' },
  no_specific_concern: { concerns: ['acne_scars'], age: '22_or_over' },
};

// ------------------------------------------------------------------------------------------------
// Reading and driving the widget

/**
 * Runs in the page: the state of the widget in the host matching `selector` (the first
 * <microneedling-check> by default): step, question ids, inputs, error, progress, summary.
 */
export function readState(selector = 'microneedling-check') {
  const host = document.querySelector(selector);
  const root = host && host.shadowRoot && host.shadowRoot.querySelector('.mc');
  if (!root) return { step: null };
  const fieldsets = [...root.querySelectorAll('fieldset[data-question]')].map((fieldset) => {
    const id = fieldset.getAttribute('data-question');
    const inputs = [...fieldset.querySelectorAll(`input[name="${CSS.escape(id)}"]`)];
    return {
      id,
      type: inputs[0] ? inputs[0].type : null,
      options: inputs.map((input) => input.value),
      checked: inputs.filter((input) => input.checked).map((input) => input.value),
    };
  });
  const level = root.querySelector('[data-level]');
  const rules = [...new Set([...root.querySelectorAll('[data-rule]')].map((el) => el.getAttribute('data-rule')))];
  const progress = root.querySelector('.mc-progress');
  return {
    step: root.getAttribute('data-step'),
    lang: root.getAttribute('lang'),
    dir: root.getAttribute('dir'),
    questions: fieldsets,
    error: !!root.querySelector('.mc-error-summary'),
    progress: progress ? progress.textContent.trim() : null,
    level: level ? level.getAttribute('data-level') : null,
    rules,
  };
}

/** A string that changes whenever the widget shows another page (or an error). */
function signature(s) {
  return `${s.step}|${(s.questions || []).map((q) => q.id).join(',')}|${s.error}`;
}

/**
 * The page object every end-to-end test drives the widget with: the widget in the host element
 * matching `host` (a CSS selector; the first <microneedling-check> by default). The module-level
 * state(), action(), choose(), waitForStep() and runJourney() are this object for the first widget.
 */
export function widget(page, host = 'microneedling-check') {
  const read = () => page.evaluate(readState, host);
  const api = {
    host,
    /** The widget's current state (see readState). */
    state: read,
    /** Waits until the widget's page differs from `before` (a state); returns the new state. */
    async waitForChange(before, timeout = 10_000) {
      const old = signature(before);
      return until(
        async () => {
          const s = await read();
          return signature(s) !== old && s;
        },
        timeout,
        `${host}: the widget stayed on the same page (${old}) for ${timeout} ms`,
      );
    },
    /** Waits until `.mc[data-step=<step>]` shows. */
    async waitForStep(step, timeout = 15_000) {
      await page.locator(`${host} .mc[data-step="${step}"]`).first().waitFor({ timeout });
      return read();
    },
    /** Clicks the control with data-action=<name> (and data-question when given); waits for the next page. */
    async action(name, { question } = {}) {
      const before = await read();
      const selector = question
        ? `${host} [data-action="${name}"][data-question="${question}"]`
        : `${host} [data-action="${name}"]`;
      await page.locator(selector).first().click();
      return api.waitForChange(before);
    },
    /** Ticks option `value` of question `id` by clicking its label, as a visitor would. */
    async choose(id, value) {
      const input = page.locator(`${host} input[name="${id}"][value="${value}"]`);
      if ((await input.count()) !== 1) throw new Error(`${host}: question ${id} has no single option ${value}`);
      const inputId = await input.getAttribute('id');
      if (!inputId) throw new Error(`${host}: input ${id}=${value} has no id for its <label for>`);
      const label = page.locator(`${host} label[for="${inputId}"]`);
      if ((await label.count()) !== 1) throw new Error(`${host}: input ${id}=${value} has no <label for="${inputId}">`);
      await label.click();
      await until(() => input.isChecked(), 5_000, `${host}: clicking the label of ${id}=${value} did not tick it`);
    },
    /**
     * Answers every question page from `answers` ({ question: option | [options] }); questions not
     * in `answers` get defaultOption(). Presses Continue until Check your answers, then See your
     * result. `onPage(state, index)` is awaited on each page before answering (index -1: Check
     * your answers). Returns { answers: what was actually ticked, chosen: questions the driver
     * defaulted, asked: question ids in order, level, rules, state }.
     */
    async journey(answers = {}, { onPage, maxPages = 120 } = {}) {
      let s = await read();
      if (s.step === 'start') s = await api.action('start');
      const recorded = {};
      const chosen = {};
      const asked = [];
      for (let index = 0; s.step === 'question'; index++) {
        if (index >= maxPages) throw new Error(`${host}: still on question pages after ${maxPages} pages (a loop?)`);
        if (!s.questions.length) throw new Error(`${host}: a question page without fieldset[data-question]`);
        if (onPage) await onPage(s, index);
        for (const q of s.questions) {
          if (!q.options.length) throw new Error(`${host}: question ${q.id} has no input[name="${q.id}"]`);
          let want = answers[q.id];
          if (want === undefined) {
            want = defaultOption(q.options);
            chosen[q.id] = want;
          }
          for (const value of [want].flat()) {
            if (!q.options.includes(value)) {
              throw new Error(`${host}: answer ${q.id}=${value} is not an option (options: ${q.options.join(', ')})`);
            }
            const now = (await read()).questions.find((x) => x.id === q.id);
            if (!now.checked.includes(value)) await api.choose(q.id, value);
          }
          asked.push(q.id);
        }
        // Record what is actually ticked (an exclusive "none" may untick others).
        for (const q of (await read()).questions) {
          if (!q.checked.length) throw new Error(`${host}: question ${q.id}: nothing ticked after choosing`);
          recorded[q.id] = q.type === 'checkbox' ? q.checked : q.checked[0];
        }
        s = await api.action('continue');
        if (s.error)
          throw new Error(`${host}: Continue showed an error on ${asked.at(-1)} although an option was ticked`);
      }
      if (s.step !== 'check') throw new Error(`${host}: expected Check your answers, got step ${s.step}`);
      if (onPage) await onPage(s, -1);
      const unused = Object.keys(answers).filter((id) => !asked.includes(id));
      if (unused.length)
        throw new Error(`${host}: the journey never asked ${unused.join(', ')} (asked: ${asked.join(', ')})`);
      s = await api.action('see-result');
      if (s.step !== 'summary')
        throw new Error(`${host}: expected the summary after See your result, got step ${s.step}`);
      await page.locator(`${host} [data-level]`).first().waitFor();
      s = await read();
      return { answers: recorded, chosen, asked, level: s.level, rules: s.rules, state: s };
    },
  };
  return api;
}

/** The first widget's state (see readState). */
export function state(page) {
  return widget(page).state();
}

/** Waits until the first widget's page differs from `before`; returns the new state. */
export function waitForChange(page, before, timeout) {
  return widget(page).waitForChange(before, timeout);
}

/** Waits until the first widget shows `.mc[data-step=<step>]`. */
export function waitForStep(page, step, timeout) {
  return widget(page).waitForStep(step, timeout);
}

/** Opens `pathname` (default the demo page) and waits for the widget's start page. */
export async function openWidget(page, server, pathname = '/') {
  await page.goto(new URL(pathname, server.url).href, { waitUntil: 'load' });
  return waitForStep(page, 'start', 30_000);
}

/** Clicks the first widget's control with data-action=<name>; waits for the next page. */
export function action(page, name, options) {
  return widget(page).action(name, options);
}

/** The shared default-answer policy (tests/fixtures/default_answers.txt), as [kind, text] rules. */
const DEFAULT_RULES = readFileSync(path.join(ROOT, 'tests', 'fixtures', 'default_answers.txt'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => line.split(/\s+/));

/**
 * The option the journey drivers pick for a question not in their answers: the first rule of
 * tests/fixtures/default_answers.txt (shared with tests/web.rs) that matches an option, else the
 * last option.
 */
export function defaultOption(options) {
  for (const [kind, text] of DEFAULT_RULES) {
    const found = options.find((o) =>
      kind === 'is' ? o === text : kind === 'starts' ? o.startsWith(text) : kind === 'ends' ? o.endsWith(text) : false,
    );
    if (found) return found;
  }
  return options[options.length - 1];
}

/** Ticks option `value` of the first widget's question `id` by clicking its label. */
export function choose(page, id, value) {
  return widget(page).choose(id, value);
}

/** Polls `condition()` (async) until it is truthy; throws `message` after `timeout` ms. */
export async function until(condition, timeout, message) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
}

/** Deletes screenshots/<prefix>*.png from earlier runs (question ids change as the content grows). */
export async function clearScreenshots(prefix) {
  await mkdir(SCREENSHOTS, { recursive: true });
  for (const name of await readdir(SCREENSHOTS)) {
    if (name.startsWith(prefix) && name.endsWith('.png')) await rm(path.join(SCREENSHOTS, name), { force: true });
  }
}

/** Saves a full-page screenshot as screenshots/<name>.png. */
export async function screenshot(page, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name.replace(/[^A-Za-z0-9_.-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The first widget's journey (see widget().journey). */
export function runJourney(page, answers, options) {
  return widget(page).journey(answers, options);
}

/** An element screenshot (the widget only), saved as screenshots/<name>.png when `name` is given; returns the PNG. */
export async function elementShot(locator, name) {
  if (!name) return locator.screenshot({ animations: 'disabled' });
  await mkdir(SCREENSHOTS, { recursive: true });
  return locator.screenshot({
    path: path.join(SCREENSHOTS, `${name.replace(/[^A-Za-z0-9_.-]+/g, '-')}.png`),
    animations: 'disabled',
  });
}

// ------------------------------------------------------------------------------------------------
// Keyboard

/** Runs in the page: a description of the focused element, looking inside shadow roots. */
export function focused(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return { tag: 'body' };
    return {
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute('type'),
      name: el.getAttribute('name'),
      value: el.getAttribute('value'),
      checked: !!el.checked,
      action: el.getAttribute('data-action'),
      question: el.getAttribute('data-question'),
      inWidget: el.getRootNode() !== document,
      text: (el.textContent || '').trim().slice(0, 60),
    };
  });
}

/** Presses Tab (or Shift+Tab) until `match(focused)` holds; throws after `max` presses. */
export async function tabTo(page, match, { max = 250, back = false, what = 'the wanted control' } = {}) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (match(f)) return f;
    seen.push(f.action ? `[${f.action}]` : f.name ? `${f.name}=${f.value}` : f.tag);
  }
  throw new Error(
    `${back ? 'Shift+Tab' : 'Tab'} never reached ${what} in ${max} presses; focus went: ${seen.slice(-30).join(' → ')}`,
  );
}

// ------------------------------------------------------------------------------------------------
// Accessibility (axe-core)

let axeSource;

/**
 * Injects axe-core (not possible on the strict-CSP page) and returns its violations of WCAG 2.2 A
 * and AA and of the best-practice rule `heading-order`, for the whole document or, with a CSS
 * selector, only the matching elements (and their shadow trees).
 */
export async function axeViolations(page, context = 'document') {
  axeSource ??= await readFile(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (context) => {
    const target =
      context === 'document' ? document : { include: [...document.querySelectorAll(context)].map((el) => el) };
    const result = await window.axe.run(target, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      // A best-practice rule on top: headings in order, on every page (issue 25).
      rules: { 'heading-order': { enabled: true } },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 200), summary: n.failureSummary })),
    }));
  }, context);
}

/** Axe violations as readable text. */
/** Fails with axe-core's findings, formatted, when `page` has any WCAG 2.2 A/AA violation. */
export async function expectNoViolations(page, what) {
  const violations = await axeViolations(page);
  if (violations.length) {
    throw new assert.AssertionError({
      message: `axe found ${violations.length} problem(s) on ${what}:\n${formatViolations(violations)}`,
      actual: violations.length,
      expected: 0,
      operator: 'strictEqual',
    });
  }
}

export function formatViolations(violations) {
  return violations
    .map((v) =>
      [`  ${v.id} (${v.impact}): ${v.help}\n    ${v.helpUrl}`]
        .concat(
          v.nodes.map(
            (n) =>
              `    - ${JSON.stringify(n.target)}\n      ${n.html}\n      ${(n.summary || '').replace(/\n/g, '\n      ')}`,
          ),
        )
        .join('\n'),
    )
    .join('\n');
}

// ------------------------------------------------------------------------------------------------
// The native engine, for the expected results

let engineBuilt;

/** Builds the reviewer CLI once (fast when cargo test already did) and returns its path. */
export function engineBinary() {
  engineBuilt ??= (async () => {
    try {
      await run('cargo', ['build', '--quiet', '--bin', 'microneedling-check'], { cwd: ROOT, maxBuffer: 64 << 20 });
    } catch (error) {
      throw new Error(`cargo build --bin microneedling-check failed:\n${error.stderr || error.message}`);
    }
    const bin = path.join(process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target'), 'debug', 'microneedling-check');
    if (!existsSync(bin)) throw new Error(`${bin} is missing after cargo build`);
    return bin;
  })();
  return engineBuilt;
}

/** Runs `microneedling-check assess FILE --json` on `answers`; returns { level, rules, json }. */
export async function assessWithEngine(answers, variant) {
  const bin = await engineBinary();
  const dir = await mkdtemp(path.join(tmpdir(), 'mc-e2e-'));
  const file = path.join(dir, 'answers.json');
  try {
    await writeFile(file, JSON.stringify(answers, null, 2));
    const args = ['assess', file, '--json', ...(variant ? ['--variant', variant] : [])];
    let stdout;
    try {
      ({ stdout } = await run(bin, args, { maxBuffer: 16 << 20 }));
    } catch (error) {
      throw new Error(
        `the engine rejected the widget's answers ${JSON.stringify(answers)}:\n${error.stderr || error.message}`,
      );
    }
    const json = JSON.parse(stdout);
    return { level: json.level, rules: json.findings.map((f) => f.rule), json };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The questionnaire as the engine sees it: Map of question id → { kind, options }. */
let questionsCache;
export function questionnaire() {
  questionsCache ??= (async () => {
    const { stdout } = await run(await engineBinary(), ['questions', '--json'], { maxBuffer: 16 << 20 });
    const map = new Map();
    for (const section of JSON.parse(stdout).sections) {
      for (const q of section.questions) map.set(q.id, { kind: q.kind, options: q.options.map((o) => o.id) });
    }
    return map;
  })();
  return questionsCache;
}

/**
 * A plain static server, as a clinic's or a CDN's would be: `mounts` maps URL prefixes (such as
 * `/microneedling-check@0.1.0/`) to folders, served with their MIME types and no other header;
 * `pages` maps exact paths to { body, type, headers } served as given (a page with a CSP header).
 * Returns { origin, log, close() }.
 */
export async function staticServer({ mounts = {}, pages = {} } = {}) {
  const log = [];
  const server = createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    log.push(pathname);
    const page = pages[pathname];
    if (page) {
      res.writeHead(200, { 'Content-Type': page.type || 'text/html; charset=utf-8', ...page.headers });
      res.end(page.body);
      return;
    }
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (!pathname.startsWith(prefix)) continue;
      const file = fileUnder(dir, pathname.slice(prefix.length));
      try {
        if (!file || !(await stat(file)).isFile()) break;
        const body = await readFile(file);
        res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream' });
        res.end(body);
        return;
      } catch {
        break;
      }
    }
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('not found');
  });
  return { ...(await listenLocally(server)), log };
}
