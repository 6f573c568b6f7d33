// The benchmark report (run by scripts/bench.sh after the build):
//
//   node bench/run.mjs --dist DIR --native FILE [--questions FILE] [--out FILE] [--loads N]
//                      [--phone-loads N] [--journeys N]
//
// - sizes of the three shipped files in DIR: raw, gzip -9 and brotli (quality 11, node's zlib),
//   and where the bytes go: the wasm's code and data sections, and each locale's texts;
// - bench/browser.mjs: cold loads and full journeys in headless Chromium; in the same rounds as
//   the cold loads, loads of the same page with bench/stand-in/ in place of the widget, which
//   tell what the browser and the host page take and so what the widget adds, and, given
//   --questions (the output of `microneedling-check questions --json`), of the same page with
//   SurveyJS showing the same questionnaire in place of the widget (bench/peers/surveyjs.mjs), with
//   the sizes of its files; and the widget and SurveyJS in Arabic (`ar`) too: the demo page with
//   locale="ar" on the element, and SurveyJS with the same texts from locales/ar.toml;
// - the same in the phone profile (bench/browser.mjs's PROFILES.phone: CPU ×4, 150 ms and
//   1.6 Mbit/s per request, a phone's screen), --phone-loads rounds, without the stand-in;
// - bytes per visitor: what each cold load transferred (CDP encodedDataLength, from bench/server.mjs,
//   which gzips text files as a web server would) for everything but the host page itself (its
//   document and stylesheets), so whatever files the widget or SurveyJS fetch, they count;
// - --native FILE: the JSON line of `cargo run --release --example bench_evaluate -- --json`;
// then prints a table (median, min, max, target) and writes the whole result as JSON (--out).
// Timings are reported, never asserted; the exit code is 1 only when something could not be
// measured (a missing file, a browser step that failed, a value that is not a number).

import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { PROFILES, measure } from './browser.mjs';
import { SURVEY_PEER, surveySite, surveyVersion } from './peers/surveyjs.mjs';
import { WIDGET_FILES, LOCALE_CODES, textsFile, ROOT } from '../tests/e2e/helpers.mjs';

const TARGETS = {
  firstQuestion: { text: '≤ 150 ms median', ok: (s) => s.median <= 150 },
  step: { text: '≤ 16 ms median', ok: (s) => s.median <= 16 },
  stepWorst: { text: '≤ 50 ms worst', ok: (s) => s.max <= 50 },
  jsHeap: { text: '< 2 MB', ok: (s) => s.median < 2_000_000 },
  perVisitor: { text: '≤ 112,000 B (aim 100,000; scripts/build.sh)', ok: (v) => v <= 112_000 },
};
// The issue's targets against SurveyJS in the same rounds (ratios: medians of the per-round ratios).
const SHARE_TARGETS = {
  desktop: { firstQuestion: 0.3 },
  phone: { firstQuestion: 1 / 3 },
  bytes: { max: 100_000, share: 0.25 },
};
const LOCALES = ['en', 'ar'];

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const problems = [];

/** { median, min, max, n } of the finite numbers in `values`; records a problem if there are none. */
function stats(name, values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length !== values.length || v.length === 0) {
    problems.push(`${name}: ${values.length - v.length} of ${values.length} samples could not be measured`);
  }
  if (!v.length) return { median: NaN, min: NaN, max: NaN, n: 0 };
  const mid = v.length >> 1;
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v[v.length - 1], n: v.length };
}

// gzip -9 as scripts/sizes.py (the build's budget check) computes it: python's gzip module on the
// system zlib. Node's bundled zlib (Chromium's fork) compresses differently, by up to 1 kB here.
const PY_GZIP = `import gzip, json, sys, zlib
print(json.dumps({"sizes": [len(gzip.compress(open(f, "rb").read(), compresslevel=9, mtime=0)) for f in sys.argv[1:]],
                  "zlib": zlib.ZLIB_RUNTIME_VERSION}))`;

/** The files at `paths` raw, gzip -9 and brotli, and their total; each named by its base name. */
async function sizes(paths) {
  let gzip;
  let gzipTool;
  try {
    const py = JSON.parse(execFileSync('python3', ['-c', PY_GZIP, ...paths], { encoding: 'utf8' }));
    gzip = py.sizes;
    gzipTool = `python3 gzip.compress(compresslevel=9, mtime=0), zlib ${py.zlib} (as scripts/sizes.py)`;
  } catch {
    gzip = null;
    gzipTool = `node zlib.gzipSync(level 9), zlib ${process.versions.zlib} (python3 unavailable)`;
  }
  const files = [];
  for (const [i, file] of paths.entries()) {
    const name = path.basename(file);
    const data = await readFile(file);
    files.push({
      name,
      raw: data.length,
      gzip: gzip ? gzip[i] : zlib.gzipSync(data, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(data, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        },
      }).length,
    });
  }
  const total = { name: 'total', raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) for (const k of ['raw', 'gzip', 'brotli']) total[k] += f[k];
  return {
    files,
    total,
    tools: {
      gzip: gzipTool,
      brotli: `node zlib.brotliCompressSync, quality ${zlib.constants.BROTLI_MAX_QUALITY}, default window (brotli ${process.versions.brotli})`,
    },
  };
}

/** The `.wasm`'s sections as { name: bytes }: its code, its data and the rest (imports, exports, tables). */
function wasmSections(bytes) {
  const names = { 10: 'code', 11: 'data' };
  const parts = { code: [], data: [], other: [] };
  let i = 8; // magic and version
  while (i < bytes.length) {
    const id = bytes[i++];
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[i++];
      size += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
    }
    parts[names[id] || 'other'].push(bytes.subarray(i, i + size));
    i += size;
  }
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, Buffer.concat(v)]));
}

/**
 * Every text of a locale file as build.rs compiles it in (keep in step with `packed()` there):
 * joined with U+0001, then packed one byte per character (bytes from 0x80 for the locale's
 * non-ASCII characters, in order of first appearance) when it has at most 128 of them, else UTF-8.
 * In the file's order: build.rs orders the content's texts by their places (`model::Text`) and
 * puts an empty one where a locale has no optional text, which changes the sizes by a few bytes.
 */
async function localeTexts(code) {
  const toml = await readFile(path.join(ROOT, 'locales', `${code}.toml`), 'utf8');
  // Every text is one line `"key" = "text"`, a TOML basic string: the same escapes as JSON here.
  // build.rs leaves out the texts only the loader shows (keys::LOADER_ONLY in src/engine/keys.rs).
  const texts = [...toml.matchAll(/^"([^"]+)"\s*=\s*("(?:[^"\\]|\\.)*")\s*$/gm)]
    .filter((m) => !m[1].startsWith('ui.fallback.'))
    .map((m) => JSON.parse(m[2]));
  const joined = [...texts.join('\u0001')];
  const others = [...new Set(joined.filter((c) => c.codePointAt(0) > 0x7f))];
  if (others.length > 128) return Buffer.from(joined.join(''), 'utf8');
  return Buffer.from(joined.map((c) => (c.codePointAt(0) > 0x7f ? 0x80 + others.indexOf(c) : c.codePointAt(0))));
}

/**
 * Where the shipped bytes go, each part gzipped alone (node zlib, level 9; parts compress
 * together slightly better than apart, so the parts add up to a little more than the total):
 * the wasm's code and data sections, and within the data the locales' texts.
 */
async function breakdown(dist) {
  const gz = (b) => zlib.gzipSync(b, { level: 9 }).length;
  // The shipped .bin is this module gzip-compressed (scripts/pack_wasm.py); the build keeps it whole in readable/.
  const wasm = wasmSections(await readFile(path.join(dist, 'readable', 'microneedling-check-wasm_bg.wasm')));
  const index = await readFile(path.join(ROOT, 'locales', 'index.toml'), 'utf8');
  const codes = [...index.matchAll(/code\s*=\s*"([a-z-]+)"/g)].map((m) => m[1]);
  const locales = [];
  for (const code of codes) {
    const texts = await localeTexts(code);
    locales.push({ code, raw: texts.length, gzip: gz(texts) });
  }
  const textsGzip = locales.reduce((n, l) => n + l.gzip, 0);
  return {
    wasm: Object.fromEntries(Object.entries(wasm).map(([k, v]) => [k, { raw: v.length, gzip: gz(v) }])),
    locales,
    textsGzip,
    tool: `node zlib.gzipSync level 9, zlib ${process.versions.zlib}`,
  };
}

/**
 * A new temporary folder with the demo page of `dist` and its stylesheets, for another page to take
 * the widget's place in: returns { dir, html }, the page without its optional preloads of the
 * widget's files (and their comment: the other page has none), for the caller to change and write
 * as `dir`/index.html. The caller removes `dir`.
 */
async function demoPage(dist, name) {
  const html = await readFile(path.join(dist, 'index.html'), 'utf8');
  const page = html.replace(
    /^[ \t]*(?:<!--(?:[^-]|-(?!->))*-->\n[ \t]*)?(?:<link rel="(?:modulepreload|preload)" href="\.\/microneedling-check-(?:wasm|texts-[a-z]+)\.[a-z]+"[^>]*>\n[ \t]*)+/gm,
    '',
  );
  if (
    /microneedling-check-(wasm|texts)/.test(page) ||
    !page.includes('<script type="module" async src="./microneedling-check.js"></script>')
  ) {
    throw new Error(
      `${dist}/index.html: expected the loader's <script> and only <link> preloads of the widget's other files`,
    );
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), `microneedling-check-${name}-`));
  for (const css of html.matchAll(/<link rel="stylesheet" href="\.\/([\w.-]+\.css)">/g)) {
    await copyFile(path.join(dist, css[1]), path.join(dir, css[1]));
  }
  return { dir, html: page };
}

/**
 * The demo page (`html`, as shipped) in Arabic: locale="ar" on the element (the browser's language
 * is Arabic too, bench/browser.mjs), and any preload of the English texts
 * (microneedling-check-texts-en.bin) turned into one of the Arabic texts with their integrity, as
 * a clinic's Arabic page would have it.
 */
function arabicPage(html, dist) {
  const file = textsFile('ar');
  const integrity =
    'sha384-' +
    createHash('sha384')
      .update(readFileSync(path.join(dist, file)))
      .digest('base64');
  if (!/<microneedling-check(?![^>]*\slocale=)/.test(html))
    throw new Error('the demo page: expected a <microneedling-check> element without a locale');
  return html
    .replace(/<microneedling-check(?=[\s>])/, '<microneedling-check locale="ar"')
    .replace(
      /href="\.\/microneedling-check-texts-en\.bin"([^>]*) integrity="[^"]*"/g,
      `href="./${file}"$1 integrity="${integrity}"`,
    );
}

/** The paths of the host page's own stylesheets (not the widget's bytes). */
function hostPaths(html) {
  return new Set([...html.matchAll(/<link rel="stylesheet" href="\.\/([\w.-]+\.css)">/g)].map((m) => `/${m[1]}`));
}

/** The bytes a cold load transferred for everything but the host page (its document and stylesheets). */
function visitorBytes(sample, host) {
  if (!sample?.transfers) return NaN;
  return sample.transfers.filter((t) => t.type !== 'Document' && !host.has(t.path)).reduce((n, t) => n + t.bytes, 0);
}

/** Per path, the median bytes transferred over `samples` (the host page's left out). */
function bytesByFile(samples, host) {
  const by = new Map();
  for (const s of samples)
    for (const t of s?.transfers ?? [])
      if (t.type !== 'Document' && !host.has(t.path)) by.set(t.path, [...(by.get(t.path) ?? []), t.bytes]);
  return Object.fromEntries(
    [...by].map(([p, v]) => {
      v.sort((a, b) => a - b);
      return [p.replace(/^\//, ''), { median: v[v.length >> 1], loads: v.length }];
    }),
  );
}

/** The demo page with bench/stand-in/'s loader in place of the widget's (see demoPage). */
async function standInSite(dist) {
  const { dir, html } = await demoPage(dist, 'stand-in');
  await writeFile(path.join(dir, 'index.html'), html);
  await copyFile(
    path.join(path.dirname(fileURLToPath(import.meta.url)), 'stand-in', 'microneedling-check.js'),
    path.join(dir, 'microneedling-check.js'),
  );
  return dir;
}

function gitDescribe() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim() !==
      '';
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: null };
  }
}

// ------------------------------------------------------------------------------------------------
// Formatting

const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : 'n/a');
const us = (x) => (Number.isFinite(x) ? `${x.toFixed(1)} µs` : 'n/a');
const bytes = (x) => (Number.isFinite(x) ? `${Math.round(x).toLocaleString('en-GB')} B` : 'n/a');
const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(0)} %` : 'n/a');
const mb = (x) => (Number.isFinite(x) ? `${(x / 1e6).toFixed(2)} MB` : 'n/a');

function table(title, head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const line = (cells) =>
    '    ' +
    cells
      .map((c, i) => (i === 0 ? String(c ?? '').padEnd(widths[i]) : String(c ?? '').padStart(widths[i])))
      .join('   ');
  console.log(`\n  ${title}`);
  console.log(line(head));
  console.log('    ' + widths.map((w) => '-'.repeat(w)).join('   '));
  for (const r of rows) console.log(line(r));
}

function verdict(target, value) {
  if (!target) return '';
  return target.ok(value) ? 'met' : 'NOT MET';
}

// ------------------------------------------------------------------------------------------------

const dist = path.resolve(arg('--dist', path.join(ROOT, 'dist')));
const nativeFile = arg('--native');
const questionsFile = arg('--questions');
const out = arg('--out');
const loads = Number(arg('--loads', 7));
const phoneLoads = Number(arg('--phone-loads', 3));
const journeyCount = Number(arg('--journeys', 3));
if (!(loads >= 1) || !(journeyCount >= 1) || !(phoneLoads >= 0)) {
  console.error('bench: --loads and --journeys must be at least 1, --phone-loads at least 0');
  process.exit(1);
}

const loadAvgBefore = os.loadavg();
const size = await sizes([...WIDGET_FILES, ...LOCALE_CODES.map(textsFile)].map((name) => path.join(dist, name)));
size.breakdown = await breakdown(dist);

let native = null;
if (nativeFile) {
  const lines = (await readFile(nativeFile, 'utf8')).trim().split('\n');
  native = JSON.parse(lines[lines.length - 1]);
} else {
  problems.push('native: no --native file (the evaluate timing)');
}

console.log(
  `\n  Browser: ${loads} desktop and ${phoneLoads} phone rounds of cold loads (en and ar), then ${journeyCount} full journeys`,
);
const shippedHtml = await readFile(path.join(dist, 'index.html'), 'utf8');
const host = hostPaths(shippedHtml);
const localeToml = Object.fromEntries(
  await Promise.all(LOCALES.map(async (c) => [c, await readFile(path.join(ROOT, 'locales', `${c}.toml`), 'utf8')])),
);
let browser;
let standIn;
let survey = null; // { dir, version, size } when SurveyJS is measured too
try {
  standIn = await standInSite(dist);
  const others = [
    { name: 'standIn', dir: standIn, profiles: ['desktop'] },
    {
      name: 'ar',
      dir: dist,
      pages: { '/bench-ar.html': arabicPage(shippedHtml, dist) },
      path: 'bench-ar.html',
      locale: 'ar',
    },
  ];
  if (questionsFile) {
    const { dir, html } = await demoPage(dist, 'surveyjs');
    survey = { dir };
    survey.version = surveyVersion();
    const questions = JSON.parse(await readFile(questionsFile, 'utf8'));
    const files = await surveySite(html, questions, dir, { code: 'en', toml: localeToml.en });
    await surveySite(html, questions, dir, { code: 'ar', toml: localeToml.ar, page: 'ar.html' });
    survey.size = await sizes(files);
    others.push(
      { name: 'surveyjs', dir, peer: SURVEY_PEER },
      { name: 'surveyjsAr', dir, path: 'ar.html', peer: SURVEY_PEER, locale: 'ar' },
    );
  } else {
    console.log('    SurveyJS: not measured (no --questions file: scripts/bench.sh could not install bench/peers/)');
  }
  browser = await measure({ dist, others, loads, phoneLoads, journeyCount, log: (l) => console.log(`    ${l}`) });
} catch (error) {
  console.error(
    `\nbench: the browser measurements failed, so nothing in the browser was measured:\n  ${error.stack || error}`,
  );
  process.exit(1);
} finally {
  if (standIn) await rm(standIn, { recursive: true, force: true });
  if (survey) await rm(survey.dir, { recursive: true, force: true });
}
const loadAvgAfter = os.loadavg();

const L = browser.loads;
const load = {
  loaderRan: stats(
    'loader running',
    L.map((s) => s.loaderRan),
  ),
  mounted: stats(
    'widget mounting',
    L.map((s) => s.mounted),
  ),
  widgetToFirstQuestion: stats(
    'loader running → first question',
    L.map((s) => s.widgetToFirstQuestion),
  ),
  startUsable: stats(
    'start page usable',
    L.map((s) => s.startUsable),
  ),
  firstQuestion: stats(
    'first question usable',
    L.map((s) => s.firstQuestion),
  ),
  startToFirstQuestion: stats(
    'Start click → first question',
    L.map((s) => s.startToFirstQuestion),
  ),
  fcp: stats(
    'first contentful paint',
    L.map((s) => s.fcp),
  ),
  loadEvent: stats(
    'load event',
    L.map((s) => s.load),
  ),
  wasmResponseEnd: stats(
    'wasm downloaded',
    L.map((s) => s.resources?.['microneedling-check-wasm.bin']?.end),
  ),
  taskDuration: stats(
    'main-thread busy',
    L.map((s) => s.taskDuration),
  ),
  scriptDuration: stats(
    'script',
    L.map((s) => s.scriptDuration),
  ),
  longTaskTotal: stats(
    'long tasks',
    L.map((s) => s.longTasks?.total),
  ),
  jsHeapUsed: stats(
    'JS heap used',
    L.map((s) => s.jsHeapUsed),
  ),
  jsHeapUsedAfterGc: stats(
    'JS heap used after GC',
    L.map((s) => s.jsHeapUsedAfterGc),
  ),
  wasmMemory: stats(
    'wasm memory',
    L.map((s) => s.wasmMemory),
  ),
  standIn: {
    loaderRan: stats(
      'stand-in: loader running',
      L.map((s) => s.standIn?.loaderRan),
    ),
    startUsable: stats(
      'stand-in: start page usable',
      L.map((s) => s.standIn?.startUsable),
    ),
    firstQuestion: stats(
      'stand-in: first question usable',
      L.map((s) => s.standIn?.firstQuestion),
    ),
  },
  // Per round, so that both terms come from the same moment of the machine.
  widgetAdds: stats(
    'the widget adds',
    L.map((s) => s.firstQuestion - s.standIn?.firstQuestion),
  ),
  surveyjs: survey && {
    startUsable: stats(
      'SurveyJS: start page usable',
      L.map((s) => s.surveyjs?.startUsable),
    ),
    firstQuestion: stats(
      'SurveyJS: first question usable',
      L.map((s) => s.surveyjs?.firstQuestion),
    ),
    fcp: stats(
      'SurveyJS: first contentful paint',
      L.map((s) => s.surveyjs?.fcp),
    ),
    taskDuration: stats(
      'SurveyJS: main-thread busy',
      L.map((s) => s.surveyjs?.taskDuration),
    ),
    jsHeapUsed: stats(
      'SurveyJS: JS heap used',
      L.map((s) => s.surveyjs?.jsHeapUsed),
    ),
  },
  // The widget's first question as a share of SurveyJS's, per round.
  shareOfSurveyjs:
    survey &&
    stats(
      'widget ÷ SurveyJS',
      L.map((s) => s.firstQuestion / s.surveyjs?.firstQuestion),
    ),
};
// Widget and SurveyJS, per profile and locale, in the same rounds.
const ROUNDS = { desktop: L, phone: browser.phoneLoads };
const PAGES = {
  en: { widget: (s) => s, surveyjs: (s) => s.surveyjs },
  ar: { widget: (s) => s.ar, surveyjs: (s) => s.surveyjsAr },
};
const METRICS = [
  ['headingShown', 'start heading shown'],
  ['firstQuestion', 'first question usable'],
  ['bytes', 'bytes per visitor'],
];
const valueOf = (sample, metric) => (metric === 'bytes' ? visitorBytes(sample, host) : sample?.[metric]);
const comparison = {};
for (const [profile, rounds] of Object.entries(ROUNDS)) {
  if (!rounds.length) continue;
  comparison[profile] = { rounds: rounds.length };
  for (const code of LOCALES) {
    const { widget, surveyjs } = PAGES[code];
    const c = { widget: {}, surveyjs: null, share: null };
    for (const [m, label] of METRICS) {
      c.widget[m] = stats(
        `${profile} ${code} widget: ${label}`,
        rounds.map((s) => valueOf(widget(s), m)),
      );
      if (survey) {
        c.surveyjs ??= {};
        c.share ??= {};
        c.surveyjs[m] = stats(
          `${profile} ${code} SurveyJS: ${label}`,
          rounds.map((s) => valueOf(surveyjs(s), m)),
        );
        c.share[m] = stats(
          `${profile} ${code} widget ÷ SurveyJS: ${label}`,
          rounds.map((s) => valueOf(widget(s), m) / valueOf(surveyjs(s), m)),
        );
      }
    }
    c.widgetFiles = bytesByFile(rounds.map(widget), host);
    if (survey) c.surveyjsFiles = bytesByFile(rounds.map(surveyjs), host);
    comparison[profile][code] = c;
  }
}
// The issue's targets, each row { profile, locale, what, target, value, met }.
const shareTargets = [];
for (const [profile, byProfile] of Object.entries(comparison)) {
  for (const code of LOCALES) {
    const c = byProfile[code];
    const bytesValue = c.widget.bytes.median;
    shareTargets.push({
      profile,
      locale: code,
      what: 'bytes per visitor',
      target: `≤ ${SHARE_TARGETS.bytes.max.toLocaleString('en-GB')} B`,
      value: bytesValue,
      met: bytesValue <= SHARE_TARGETS.bytes.max,
    });
    if (!c.share) continue;
    shareTargets.push({
      profile,
      locale: code,
      what: "bytes per visitor ÷ SurveyJS's",
      target: `≤ ${SHARE_TARGETS.bytes.share}`,
      value: c.share.bytes.median,
      met: c.share.bytes.median <= SHARE_TARGETS.bytes.share,
    });
    const limit = SHARE_TARGETS[profile].firstQuestion;
    shareTargets.push({
      profile,
      locale: code,
      what: "first question ÷ SurveyJS's",
      target: `≤ ${limit === 1 / 3 ? '1/3' : limit}`,
      value: c.share.firstQuestion.median,
      met: c.share.firstQuestion.median <= limit,
    });
  }
}
for (const s of L) if (s.wasmMemoryError) problems.push(`wasm memory: ${s.wasmMemoryError}`);

const transitions = browser.journeys.flatMap((j) => j.transitions.map((t) => ({ ...t, ms: t.rendered - t.click })));
const steps = transitions.filter(
  (t) => t.action === 'continue' && t.to.startsWith('question|') && !t.to.endsWith('|true'),
);
const journey = {
  journeys: browser.journeys.length,
  questionsPerJourney: browser.journeys.map((j) => j.transitions.filter((t) => t.to.startsWith('question|')).length),
  step: stats(
    'Continue → next question',
    steps.map((t) => t.ms),
  ),
  start: stats(
    'Start → first question',
    transitions.filter((t) => t.action === 'start').map((t) => t.ms),
  ),
  toCheck: stats(
    'Continue → Check your answers',
    transitions.filter((t) => t.action === 'continue' && t.to.startsWith('check|')).map((t) => t.ms),
  ),
  toSummary: stats(
    'See your result → summary',
    transitions.filter((t) => t.action === 'see-result').map((t) => t.ms),
  ),
  wasmMemoryAfter: stats(
    'wasm memory after the journey',
    browser.journeys.map((j) => j.wasmMemory),
  ),
  slowest: [...steps]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3)
    .map((t) => ({ from: t.from, to: t.to, ms: t.ms })),
};
if (steps.length < 5) problems.push(`journey: only ${steps.length} Continue → question steps were measured`);

const std = native?.variants?.find((v) => v.variant === 'standard');
const evaluate = std
  ? { median: std.evaluate.median_us, min: std.evaluate.min_us, max: std.evaluate.max_us }
  : { median: NaN, min: NaN, max: NaN };
if (native && !std) problems.push('native: no `standard` variant in the example output');

const errors = [
  ...new Set([
    ...L.flatMap((s) => [
      ...s.errors,
      ...(s.standIn?.errors ?? []).map((e) => `stand-in: ${e}`),
      ...(s.surveyjs?.errors ?? []).map((e) => `SurveyJS: ${e}`),
      ...(s.ar?.errors ?? []).map((e) => `ar: ${e}`),
      ...(s.surveyjsAr?.errors ?? []).map((e) => `SurveyJS ar: ${e}`),
    ]),
    ...browser.phoneLoads.flatMap((s) => [
      ...s.errors.map((e) => `phone: ${e}`),
      ...(s.ar?.errors ?? []).map((e) => `phone ar: ${e}`),
      ...(s.surveyjs?.errors ?? []).map((e) => `phone SurveyJS: ${e}`),
      ...(s.surveyjsAr?.errors ?? []).map((e) => `phone SurveyJS ar: ${e}`),
    ]),
    ...browser.journeys.flatMap((j) => j.errors),
    ...browser.cycles.errors.map((e) => `mount cycles: ${e}`),
  ]),
];

// ------------------------------------------------------------------------------------------------
// Report

table(
  'Shipped files (dist/)',
  ['file', 'raw', 'gzip -9', 'brotli q11'],
  [
    ...size.files.map((f) => [f.name, bytes(f.raw), bytes(f.gzip), bytes(f.brotli)]),
    ['total', bytes(size.total.raw), bytes(size.total.gzip), bytes(size.total.brotli)],
  ],
);
// What one visitor downloads, as served (scripts/sizes.py's measure): the loader gzipped, the
// WebAssembly and one locale's texts as shipped (already gzip).
const served = (name) => {
  const f = size.files.find((x) => x.name === name);
  return name.endsWith('.bin') ? f.raw : f.gzip;
};
const perVisitor = Object.fromEntries(
  LOCALE_CODES.map((code) => [
    code,
    served('microneedling-check.js') + served('microneedling-check-wasm.bin') + served(textsFile(code)),
  ]),
);
for (const [code, n] of Object.entries(perVisitor))
  console.log(
    `    a visitor in ${code} downloads ${bytes(n)}: ${TARGETS.perVisitor.text}: ${verdict(TARGETS.perVisitor, n)}`,
  );
if (survey) {
  const sv = survey.size;
  table(
    `For comparison: ${survey.version}, as its page here serves it`,
    ['file', 'raw', 'gzip -9', 'brotli q11'],
    [
      ...sv.files.map((f) => [f.name, bytes(f.raw), bytes(f.gzip), bytes(f.brotli)]),
      ['total', bytes(sv.total.raw), bytes(sv.total.gzip), bytes(sv.total.brotli)],
    ],
  );
  console.log(
    `    a visitor downloads ${(sv.total.gzip / perVisitor.en).toFixed(1)} times fewer bytes of the widget (English) than of SurveyJS (gzip)`,
  );
}
const bd = size.breakdown;
table(
  'Where the bytes go (each part gzipped alone)',
  ['part', 'raw', 'gzip -9'],
  [
    ['wasm code section', bytes(bd.wasm.code.raw), bytes(bd.wasm.code.gzip)],
    ['wasm data section', bytes(bd.wasm.data.raw), bytes(bd.wasm.data.gzip)],
    ...bd.locales.map((l) => [`the ${l.code} texts (a pack of their own)`, bytes(l.raw), bytes(l.gzip)]),
    [
      '  of which all the texts (as compiled in)',
      bytes(bd.locales.reduce((n, l) => n + l.raw, 0)),
      bytes(bd.textsGzip),
    ],
    ['wasm other sections (imports, exports, tables)', bytes(bd.wasm.other.raw), bytes(bd.wasm.other.gzip)],
  ],
);

const row = (name, s, fmt, target) => [
  name,
  fmt(s.median),
  fmt(s.min),
  fmt(s.max),
  target ? target.text : '',
  verdict(target, s),
];
const head = ['metric', 'median', 'min', 'max', 'target', ''];
table(`Cold loads of the demo page (${load.firstQuestion.n} loads; ms since navigation start)`, head, [
  row('loader running (it defines the element)', load.loaderRan, ms),
  row('widget mounting (WebAssembly running)', load.mounted, ms),
  row('start page usable (Start enabled)', load.startUsable, ms),
  row('first question usable (Start clicked at once)', load.firstQuestion, ms, TARGETS.firstQuestion),
  row('  of which loader running → first question', load.widgetToFirstQuestion, ms),
  row('  of which Start click → first question', load.startToFirstQuestion, ms),
  row('same page, a stand-in in plain JS: first question', load.standIn.firstQuestion, ms),
  row('  the widget adds (per round: widget − stand-in)', load.widgetAdds, ms),
  ...(survey
    ? [
        row(`same page, ${survey.version.split(' (')[0]}: start page usable`, load.surveyjs.startUsable, ms),
        row(`same page, ${survey.version.split(' (')[0]}: first question`, load.surveyjs.firstQuestion, ms),
        row("  the widget's first question ÷ SurveyJS's (per round)", load.shareOfSurveyjs, pct),
        row('  SurveyJS: main-thread busy, navigation → first question', load.surveyjs.taskDuration, ms),
        row('  SurveyJS: JS heap used after load', load.surveyjs.jsHeapUsed, mb),
      ]
    : []),
  row('first contentful paint', load.fcp, ms),
  row('load event end', load.loadEvent, ms),
  row('.wasm downloaded (responseEnd)', load.wasmResponseEnd, ms),
  row('main-thread busy, navigation → first question', load.taskDuration, ms),
  row('  of which script', load.scriptDuration, ms),
  row('  long tasks (> 50 ms), total', load.longTaskTotal, ms),
  row('JS heap used after load', load.jsHeapUsed, mb, TARGETS.jsHeap),
  row('JS heap used after load, after a forced GC', load.jsHeapUsedAfterGc, mb),
  row('WebAssembly memory after load', load.wasmMemory, mb),
]);
table(
  `Full journeys (${journey.journeys} journeys, ${journey.step.n} Continue → question steps; click → next page's DOM)`,
  head,
  [
    row('Continue → next question', journey.step, ms, TARGETS.step),
    [
      '  worst (max) of the same',
      '',
      '',
      ms(journey.step.max),
      TARGETS.stepWorst.text,
      verdict(TARGETS.stepWorst, journey.step),
    ],
    row('Start → first question', journey.start, ms),
    row('Continue → Check your answers', journey.toCheck, ms),
    row('See your result → summary', journey.toSummary, ms),
    row('WebAssembly memory after the journey', journey.wasmMemoryAfter, mb),
  ],
);
const cycles = browser.cycles;
table(
  `Mount and unmount (${cycles.count} mount() / unmount() cycles on one element, after 10 for warm-up; after a forced GC)`,
  ['', 'before', 'after', 'change'],
  [
    [
      'JS heap used',
      mb(cycles.before.jsHeapUsed),
      mb(cycles.after.jsHeapUsed),
      mb(cycles.after.jsHeapUsed - cycles.before.jsHeapUsed),
    ],
    [
      'WebAssembly memory',
      mb(cycles.before.wasmMemory),
      mb(cycles.after.wasmMemory),
      mb(cycles.after.wasmMemory - cycles.before.wasmMemory),
    ],
    [
      'DOM nodes',
      String(cycles.before.nodes),
      String(cycles.after.nodes),
      String(cycles.after.nodes - cycles.before.nodes),
    ],
    [
      'event listeners',
      String(cycles.before.listeners),
      String(cycles.after.listeners),
      String(cycles.after.listeners - cycles.before.listeners),
    ],
  ],
);
table(
  `Native engine (release build, content ${native?.content ?? '?'}; time per call, median/fastest/slowest round)`,
  head,
  [
    ...(native?.variants ?? []).map((v) =>
      row(
        `evaluate, full answer set (${v.variant}, ${v.findings} findings)`,
        { median: v.evaluate.median_us, min: v.evaluate.min_us, max: v.evaluate.max_us },
        us,
      ),
    ),
  ],
);
if (journey.slowest.length)
  console.log(
    `\n    slowest steps: ${journey.slowest.map((t) => `${t.from.split('|')[1]} → ${t.to.split('|')[1]} ${t.ms.toFixed(1)} ms`).join(', ')}`,
  );
if (Object.keys(comparison).length) {
  const kb = (x) => (Number.isFinite(x) ? `${(x / 1000).toFixed(1)} kB` : 'n/a');
  const rows = [];
  for (const [profile, byProfile] of Object.entries(comparison)) {
    for (const code of LOCALES) {
      const c = byProfile[code];
      for (const [i, [m, label]] of METRICS.entries()) {
        const fmt = m === 'bytes' ? kb : ms;
        const marks = shareTargets.filter(
          (t) =>
            t.profile === profile &&
            t.locale === code &&
            (m === 'bytes' ? t.what.startsWith('bytes') : m === 'firstQuestion' && t.what.startsWith('first')),
        );
        rows.push([
          i === 0 ? `${profile} (${byProfile.rounds} rounds)` : '',
          i === 0 ? code : '',
          label,
          fmt(c.widget[m].median),
          c.surveyjs ? fmt(c.surveyjs[m].median) : 'n/a',
          c.share ? c.share[m].median.toFixed(2) : 'n/a',
          marks.map((t) => t.target.replace('≤ 100,000 B', '≤ 100 kB')).join(', '),
          marks.map((t) => (t.met ? 'met' : 'NOT MET')).join(', '),
        ]);
      }
    }
  }
  table(
    `The widget and ${survey ? survey.version.split(' (')[0] : 'SurveyJS (not measured)'} in the same rounds: medians; ratio = median of the per-round widget ÷ SurveyJS`,
    ['profile', 'locale', 'metric', 'widget', 'SurveyJS', 'ratio', 'target', ''],
    rows,
  );
  console.log(
    `    phone: CPU ×${PROFILES.phone.cpuSlowdown}, ${PROFILES.phone.network.latency} ms and ${((PROFILES.phone.network.downloadThroughput * 8) / 1e6).toFixed(1)} Mbit/s down per request, ${PROFILES.phone.viewport.width}×${PROFILES.phone.viewport.height} at ×${PROFILES.phone.deviceScaleFactor}; times in ms since navigation start; bytes as transferred (gzip for text files), host page excluded`,
  );
  const files = (f) =>
    Object.entries(f ?? {})
      .map(([p, v]) => `${p} ${bytes(v.median)}`)
      .join(', ');
  for (const code of LOCALES) {
    const c = (comparison.phone ?? comparison.desktop)[code];
    console.log(`    ${code}, widget: ${files(c.widgetFiles)}`);
    if (c.surveyjsFiles) console.log(`    ${code}, SurveyJS: ${files(c.surveyjsFiles)}`);
  }
}
const cpus = os.cpus().length;
console.log(
  `    machine: ${cpus} CPUs, load average ${loadAvgBefore[0].toFixed(2)} before / ${loadAvgAfter[0].toFixed(2)} after the browser runs; ${browser.chromium}`,
);
if (Math.max(loadAvgBefore[0], loadAvgAfter[0]) > cpus) {
  console.log(`    note: the load average was above the CPU count: other work on the machine inflates the timings.`);
}
if (errors.length)
  console.log(`    page errors (the widget may not have worked as measured):\n      ${errors.join('\n      ')}`);

const result = {
  schema: 2,
  date: new Date().toISOString(),
  git: gitDescribe(),
  machine: {
    cpus,
    loadAvgBefore,
    loadAvgAfter,
    node: process.version,
    chromium: browser.chromium,
    platform: `${os.type()} ${os.release()}`,
  },
  config: { loads, phoneLoads, journeys: journeyCount, dist, profiles: PROFILES },
  targets: {
    firstQuestionMedianMs: {
      target: 150,
      value: load.firstQuestion.median,
      met: TARGETS.firstQuestion.ok(load.firstQuestion),
    },
    stepMedianMs: { target: 16, value: journey.step.median, met: TARGETS.step.ok(journey.step) },
    stepWorstMs: { target: 50, value: journey.step.max, met: TARGETS.stepWorst.ok(journey.step) },
    jsHeapUsedBytes: { target: 2_000_000, value: load.jsHeapUsed.median, met: TARGETS.jsHeap.ok(load.jsHeapUsed) },
    perVisitorBytes: {
      target: 112_000,
      aim: 100_000,
      value: perVisitor,
      met: Object.values(perVisitor).every(TARGETS.perVisitor.ok),
    },
    againstSurveyjs: shareTargets,
  },
  comparison,
  sizes: size,
  peers: survey ? { surveyjs: { version: survey.version, sizes: survey.size } } : null,
  load,
  journey,
  mountCycles: browser.cycles,
  native: native ? { ...native, evaluateStandard: evaluate } : null,
  pageErrors: errors,
  problems,
  raw: { loads: L, phoneLoads: browser.phoneLoads, journeys: browser.journeys, requests: browser.requests },
};
if (out) {
  await mkdir(path.dirname(path.resolve(out)), { recursive: true });
  await writeFile(out, JSON.stringify(result, null, 2) + '\n');
  console.log(`\n    wrote ${out}`);
}
if (problems.length) {
  console.error(`\nbench: some values could not be measured:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
