// The shipped files, checked without a browser (the privacy invariants that tests can read off
// the files themselves):
//  6. Static check of the shipped JS: no network/storage/messaging API, the glue's imports listed,
//     and the only fetch is the loader's, for the widget's own .wasm (on the readable forms in
//     dist/readable/), and the shipped files are exactly those forms minified; the shipped .bin
//     is exactly the readable .wasm, gzip-compressed. (Numbered after the embedding checks 1 to 5:
//     isolation, instances, bad-configuration and privacy.test.mjs.)
//
// Run against dist/ (./scripts/build.sh first): node --test tests/e2e/shipped-files.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
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
    minified: { loader: await read('microneedling-check.js'), glue: await read('microneedling-check-wasm.js') },
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
  const files = { ...readable, 'minified loader': minified.loader, 'minified glue': minified.glue };
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

test("6c. shipped JS: fetch( occurs once in the loader, for the widget's own .wasm, and never in the glue", async () => {
  const { loader, glue } = await shipped();
  const loaderFetches = [...loader.matchAll(/fetch\(/g)];
  assert.equal(
    loaderFetches.length,
    1,
    `fetch( must occur exactly once in dist/microneedling-check.js: the documented exception, the widget's own microneedling-check-wasm.bin (found ${loaderFetches.length})`,
  );
  assert.match(
    loader,
    /fetch\(\s*new URL\(\s*["']\.\/microneedling-check-wasm\.bin["']\s*,\s*here\s*\)\s*\)/,
    'the loader\'s one fetch is for "./microneedling-check-wasm.bin" next to the loader (the documented exception)',
  );
  const dynamicImports = [...loader.matchAll(/import\(([^)]*\))?[^)]*\)/g)].map((m) => m[0]);
  assert.equal(dynamicImports.length, 1, `one dynamic import in the loader (found ${dynamicImports.join(' ; ')})`);
  assert.match(dynamicImports[0], /\.\/microneedling-check-wasm\.js/, "the loader imports only the widget's own glue");

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

test('6d. shipped JS: the shipped loader and glue are exactly the minified forms of the readable ones checked above', async () => {
  const { loader, glue, minified } = await shipped();
  assert.equal(
    minified.loader,
    await minifySource(loader),
    'dist/microneedling-check.js is the minified dist/readable/microneedling-check.js',
  );
  assert.equal(
    minified.glue,
    await minifySource(glue),
    'dist/microneedling-check-wasm.js is the minified dist/readable/microneedling-check-wasm.js',
  );
  assert.ok(
    minified.glue.length < glue.length * 0.7 && minified.loader.length < loader.length * 0.8,
    'the shipped files are minified',
  );
  assert.equal([...minified.loader.matchAll(/fetch\(/g)].length, 1, 'still one fetch( in the shipped loader');
  assert.equal([...minified.glue.matchAll(/fetch\(/g)].length, 0, 'no fetch( in the shipped glue');
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
