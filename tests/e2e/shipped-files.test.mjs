// The shipped files, checked without a browser (the privacy invariants that tests can read off
// the files themselves):
//  6. Static check of the shipped JS: no network/storage/messaging API, the glue's imports listed,
//     and the only fetch is the loader's, for the widget's own files (on the readable forms in
//     dist/readable/), with the glue merged into the loader, and the shipped loader is exactly its
//     readable form minified; the shipped .bin files are exactly the readable .wasm and locale
//     texts, gzip-compressed, and the loader carries the SHA-384 of each. (Numbered after the embedding checks 1 to 5:
//     isolation, instances, bad-configuration and privacy.test.mjs.)
//
// Run against dist/ (./scripts/build.sh first): node --test tests/e2e/shipped-files.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { minifySource } from '../../scripts/minify.mjs';
import { DIST } from './helpers.mjs';

// ------------------------------------------------------------------------------------------------
// 6. Static check of the shipped JavaScript

const FORBIDDEN_TOKENS = [
  'XMLHttpRequest',
  'WebSocket',
  'EventSource',
  'sendBeacon',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'document.cookie',
  'caches',
  'serviceWorker',
  'postMessage',
];

async function shipped() {
  const read = async (name) => {
    try {
      return await readFile(path.join(DIST, name), 'utf8');
    } catch (error) {
      throw new Error(`${path.join(DIST, name)} is missing: run ./scripts/build.sh first (${error.code})`);
    }
  };
  // The static checks read the readable forms the build keeps in dist/readable/; test 6d checks
  // that the shipped files are exactly their minified forms.
  return {
    loader: await read('readable/microneedling-check.js'),
    glue: await read('readable/microneedling-check-wasm.js'),
    minified: { loader: await read('microneedling-check.js') },
  };
}

/** The source of top-level `function name(...) {...}` in `text` (brace matching; no braces in strings assumed). */
function functionSource(text, name) {
  const start = text.search(new RegExp(`^(async )?function ${name}\\(`, 'm'));
  if (start < 0) return null;
  let depth = 0;
  for (let i = text.indexOf('{', start); i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return null;
}

test('6a. shipped JS: no network, storage or messaging API in the loader or the wasm-bindgen glue', async () => {
  const { minified, ...readable } = await shipped();
  const files = { ...readable, 'minified loader': minified.loader };
  const hits = [];
  for (const [file, text] of Object.entries(files)) {
    text.split('\n').forEach((line, i) => {
      for (const token of FORBIDDEN_TOKENS)
        if (line.includes(token)) hits.push(`${file}:${i + 1}: ${token}: ${line.trim().slice(0, 120)}`);
    });
  }
  assert.ok(files.loader.length > 1000 && files.glue.length > 5000, 'read the real files');
  assert.deepEqual(hits, [], 'forbidden APIs in the shipped JavaScript');
});

test('6b. shipped JS: every browser function the glue gives the wasm is listed, and none can fetch, store, message or navigate', async (t) => {
  const { glue } = await shipped();
  const body = functionSource(glue, '__wbg_get_imports');
  assert.ok(body, 'the glue has __wbg_get_imports()');
  // scripts/short_names.py gives each import a short name and keeps wasm-bindgen's in a comment:
  // `/* __wbg_focus_<hash> */ $a: function(...)`.
  const entries = [
    ...body.matchAll(/^\s*\/\* (__wbg_[A-Za-z0-9_$]+|__wbindgen_[A-Za-z0-9_$]+) \*\/ \$[A-Za-z]+\s*:\s*function/gm),
  ];
  const imports = entries.map((m, i) => {
    const key = m[1];
    const source = body.slice(m.index, i + 1 < entries.length ? entries[i + 1].index : body.length);
    const browser = key.match(/^__wbg_(?!__wbindgen_)(.+)_([0-9a-f]{16})$/);
    return { key, name: browser ? browser[1] : null, source };
  });
  const browser = imports.filter((i) => i.name);
  assert.ok(
    browser.length >= 20,
    `parsed the imports object (${browser.length} browser functions; has the glue's format changed?)`,
  );
  const label = (i) =>
    i.name.startsWith('new') ? `${i.name} (${(i.source.match(/new ([A-Za-z0-9_.]+)\(/) || [, '?'])[1]})` : i.name;
  t.diagnostic(`${browser.length} browser functions: ${browser.map(label).sort().join(', ')}`);
  t.diagnostic(
    `wasm-bindgen intrinsics: ${imports
      .filter((i) => !i.name)
      .map((i) => i.key.replace(/_[0-9a-f]{16}$/, ''))
      .join(', ')}`,
  );

  const FORBIDDEN_NAMES = new Set([
    'fetch',
    'send',
    'sendbeacon',
    'beacon',
    'open',
    'xmlhttprequest',
    'websocket',
    'eventsource',
    'localstorage',
    'sessionstorage',
    'storage',
    'indexeddb',
    'cookie',
    'caches',
    'serviceworker',
    'postmessage',
    'broadcastchannel',
    'worker',
    'request',
    'response',
    'headers',
    'location',
    'history',
    'pushstate',
    'replacestate',
    'title',
    'opendatabase',
    'importscripts',
    'rtcpeerconnection',
    'referrer',
  ]);
  const FORBIDDEN_CODE =
    /\b(fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon|localStorage|sessionStorage|indexedDB|cookie|caches|serviceWorker|postMessage|BroadcastChannel|Worker|importScripts|RTCPeerConnection|location|history|document\.title|\.open\()\b/;
  const bad = [];
  for (const i of imports) {
    const words = [i.name || '', ...(i.name || '').split('_')].map((w) => w.toLowerCase());
    const named = words.find((w) => FORBIDDEN_NAMES.has(w));
    if (named) bad.push(`${i.key}: its name is the ${named} API`);
    const code = i.source.match(FORBIDDEN_CODE);
    if (code) bad.push(`${i.key}: its code uses ${code[1]}: ${i.source.trim().replace(/\s+/g, ' ').slice(0, 160)}`);
  }
  assert.deepEqual(bad, [], 'imports of the wasm that could send, store, message or navigate');
});

test("6c. shipped JS: fetch( occurs once in the loader, for the widget's own files with their integrity; the glue is merged in and never fetches", async () => {
  const { loader, glue } = await shipped();
  const loaderFetches = [...loader.matchAll(/fetch\(/g)];
  assert.equal(
    loaderFetches.length,
    1,
    `fetch( must occur exactly once in dist/microneedling-check.js: the documented exception, the widget's own files (found ${loaderFetches.length})`,
  );
  assert.match(
    loader,
    /fetch\(new URL\('\.\/' \+ name, here\), dictionary\(\{ integrity \}\)\)/,
    "the loader's one fetch is for a file next to the loader, with its integrity (the documented exception)",
  );
  const names = [...loader.matchAll(/fetchOwn\(\s*(['`])([^'`]*)\1/g)].map((m) => m[2]);
  assert.deepEqual(
    names,
    ['microneedling-check-wasm.bin', 'microneedling-check-texts-${code}.bin'],
    'it fetches only the WebAssembly and the locale texts',
  );
  assert.equal([...loader.matchAll(/\bimport\s*\(/g)].length, 0, 'no dynamic import: the glue is merged in');
  assert.ok(!loader.includes('/*GLUE*/ null'), 'the glue is merged into the loader');
  assert.ok(
    loader.includes(functionSource(glue, '__wbg_get_imports')),
    "the loader holds the readable glue's imports, unchanged",
  );

  assert.equal(
    [...glue.matchAll(/fetch\(/g)].length,
    0,
    'no fetch( in the glue: its init takes the Response the loader fetched (scripts/trim_glue.py)',
  );
  assert.match(
    glue,
    /export default async function __wbg_init\(response\) \{/,
    "the glue's init is the trimmed one, which takes the loader's Response",
  );
  const imports = functionSource(glue, '__wbg_get_imports');
  assert.ok(!/fetch/i.test(imports), 'no fetch among the imports the Rust code can call');
  assert.ok(!/__wbg_fetch_/.test(glue), 'no __wbg_fetch_ import');
});

test('6d. shipped JS: the shipped loader is exactly the minified form of the readable one checked above, and the only script', async () => {
  const { loader, minified } = await shipped();
  assert.equal(
    minified.loader,
    await minifySource(loader),
    'dist/microneedling-check.js is the minified dist/readable/microneedling-check.js',
  );
  assert.ok(minified.loader.length < loader.length * 0.8, 'the shipped loader is minified');
  assert.equal([...minified.loader.matchAll(/fetch\(/g)].length, 1, 'still one fetch( in the shipped loader');
  const scripts = (await readdir(DIST)).filter(
    (name) => name.startsWith('microneedling-check') && name.endsWith('.js'),
  );
  assert.deepEqual(scripts, ['microneedling-check.js'], 'one shipped script: the glue is not a file of its own');
});

test('6e. shipped wasm: microneedling-check-wasm.bin is exactly the readable .wasm, gzip-compressed', async () => {
  const packed = await readFile(path.join(DIST, 'microneedling-check-wasm.bin'));
  const wasm = await readFile(path.join(DIST, 'readable', 'microneedling-check-wasm_bg.wasm'));
  assert.deepEqual(
    [...packed.subarray(0, 3)],
    [0x1f, 0x8b, 8],
    'a gzip stream (deflate), as DecompressionStream("gzip") reads it',
  );
  assert.ok(
    gunzipSync(packed).equals(wasm),
    'it inflates to dist/readable/microneedling-check-wasm_bg.wasm, byte for byte',
  );
  assert.ok(WebAssembly.validate(wasm), 'which is a valid WebAssembly module');
  assert.ok(packed.length < wasm.length / 2.5, `compressed (${packed.length} of ${wasm.length} bytes)`);
});

test("6f. shipped texts: each locale's pack is its readable texts, gzip-compressed, and the loader carries every file's SHA-384", async () => {
  const loader = await readFile(path.join(DIST, 'microneedling-check.js'), 'utf8');
  const sri = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');
  const wasm = await readFile(path.join(DIST, 'microneedling-check-wasm.bin'));
  assert.ok(loader.includes(sri(wasm)), "the loader carries the WebAssembly's SHA-384");
  const codes = (await readdir(DIST))
    .map((name) => name.match(/^microneedling-check-texts-([a-z]+)\.bin$/))
    .filter(Boolean)
    .map((m) => m[1]);
  assert.deepEqual([...codes].sort(), ['ar', 'de', 'en', 'es', 'fr'], 'one pack per locale');
  for (const code of codes) {
    const packed = await readFile(path.join(DIST, `microneedling-check-texts-${code}.bin`));
    const text = await readFile(path.join(DIST, 'readable', `${code}.txt`));
    assert.ok(gunzipSync(packed).equals(text), `${code}: inflates to dist/readable/${code}.txt`);
    assert.ok(loader.includes(sri(packed)), `${code}: the loader carries its SHA-384`);
  }
});
