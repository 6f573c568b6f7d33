// scripts/check_wasm.py, which scripts/build.sh runs on cargo's output: it passes the widget's
// wasm, and stops the build for a wasm whose data lies below its stack (wasm-opt's
// --low-memory-unused would then be wrong), for one that links in code the widget does without,
// and for one without function names (which it could not check). And scripts/pack_wasm.py, which
// compresses the shipped .wasm: its output inflates back to the module, and it refuses a file that
// is not one. And scripts/trim_glue.py, which replaces wasm-bindgen's init in the glue and drops its
// fallbacks for older browsers: only a glue of the shape it knows is rewritten.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ROOT } from './helpers.mjs';

const SCRIPT = path.join(ROOT, 'scripts', 'check_wasm.py');

/** Runs a python script with `args`: its exit code and output. */
function run(script, ...args) {
  return new Promise((resolve) => {
    execFile('python3', [script, ...args], (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, output: stdout + stderr });
    });
  });
}

/** Runs check_wasm.py on `file`. */
const check = (file) => run(SCRIPT, file);

function leb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}
const text = (s) => [...leb(Buffer.byteLength(s)), ...Buffer.from(s)];
const section = (id, content) => [id, ...leb(content.length), ...content];
const i32 = (n) => [0x41, ...leb(n), 0x0b]; // i32.const n (non-negative, so signed and unsigned agree), end

/** A module with a stack pointer starting at `stack`, one data segment at `data`, and these function names. */
function module({ stack = 1 << 20, data = (1 << 20) + 16, names = ['widget::start'] } = {}) {
  const globals = section(6, [1, 0x7f, 1, ...i32(stack)]);
  const segments = section(11, [1, 0, ...i32(data), ...leb(3), 1, 2, 3]);
  const nameMap = [...leb(names.length), ...names.flatMap((n, i) => [...leb(i), ...text(n)])];
  const nameSection = names.length ? section(0, [...text('name'), 1, ...leb(nameMap.length), ...nameMap]) : [];
  return Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...globals, ...segments, ...nameSection]);
}

async function checkModule(options) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mc-check-wasm-'));
  try {
    const file = path.join(dir, 'test.wasm');
    writeFileSync(file, module(options));
    return await check(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('check_wasm.py passes the widget as cargo built it', async () => {
  const target = path.resolve(ROOT, process.env.CARGO_TARGET_DIR || 'target');
  const wasm = path.join(target, 'wasm32-unknown-unknown', 'release', 'microneedling_check.wasm');
  assert.ok(existsSync(wasm), `${wasm} is missing: scripts/build.sh builds it`);
  const { code, output } = await check(wasm);
  assert.equal(code, 0, output);
  assert.match(output, /stack first/);
});

test('check_wasm.py passes a module laid out and named as the widget should be', async () => {
  const { code, output } = await checkModule();
  assert.equal(code, 0, output);
});

test('check_wasm.py stops the build for data below the stack', async () => {
  const { code, output } = await checkModule({ data: 1024 });
  assert.equal(code, 1, output);
  assert.match(output, /data at 1024, below the stack's start/);
});

test('check_wasm.py stops the build for a stack that does not come first', async () => {
  const { code, output } = await checkModule({ stack: 512 });
  assert.equal(code, 1, output);
  assert.match(output, /not a stack pointer starting at 64 KiB or more/);
});

test('check_wasm.py stops the build for code the widget does without', async () => {
  for (const heavy of ['<core::str::pattern::StrSearcher>::new', 'core::num::flt2dec::to_exact_fixed_str', 'dlmalloc::Dlmalloc::malloc']) {
    const { code, output } = await checkModule({ names: ['widget::start', heavy] });
    assert.equal(code, 1, `${heavy}: ${output}`);
    assert.match(output, /code the widget does without is linked in/);
  }
});

test('check_wasm.py stops the build for a module it cannot check', async () => {
  const unnamed = await checkModule({ names: [] });
  assert.equal(unnamed.code, 1, unnamed.output);
  assert.match(unnamed.output, /no function names/);
  const notWasm = await check(path.join(ROOT, 'README.md'));
  assert.equal(notWasm.code, 1, notWasm.output);
  assert.match(notWasm.output, /not a WebAssembly module/);
});

test('pack_wasm.py compresses a module so that it inflates back exactly, and refuses a file that is not one', async () => {
  const pack = path.join(ROOT, 'scripts', 'pack_wasm.py');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mc-pack-wasm-'));
  try {
    const wasm = module({ names: ['widget::start', 'widget::start', 'widget::start'] });
    writeFileSync(path.join(dir, 'in.wasm'), wasm);
    const packed = await run(pack, path.join(dir, 'in.wasm'), path.join(dir, 'out.bin'));
    assert.equal(packed.code, 0, packed.output);
    assert.ok(gunzipSync(readFileSync(path.join(dir, 'out.bin'))).equals(wasm), 'out.bin inflates to the module');
    const notWasm = await run(pack, path.join(ROOT, 'README.md'), path.join(dir, 'readme.bin'));
    assert.equal(notWasm.code, 1, notWasm.output);
    assert.match(notWasm.output, /not a WebAssembly module/);
    assert.ok(!existsSync(path.join(dir, 'readme.bin')), 'nothing written for it');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('trim_glue.py replaces the init of a glue of the known shape, and leaves any other glue alone', async () => {
  const trimGlue = path.join(ROOT, 'scripts', 'trim_glue.py');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mc-trim-glue-'));
  // wasm-bindgen's fallbacks for older browsers, as it writes them (after short_names.py).
  const fallbacks = [
    'const CLOSURE_DTORS = (typeof FinalizationRegistry === \'undefined\')',
    '    ? { register: () => {}, unregister: () => {} }',
    '    : new FinalizationRegistry(state => wasm.$n(state.a, state.b));',
    'let cachedTextDecoder = new TextDecoder(\'utf-8\', { ignoreBOM: true });',
    'const MAX_SAFARI_DECODE_BYTES = 2146435072;',
    'let numBytesDecoded = 0;',
    'function decodeText(bytes) {',
    '    numBytesDecoded += bytes.length;',
    '    if (numBytesDecoded >= MAX_SAFARI_DECODE_BYTES) {',
    '        cachedTextDecoder = new TextDecoder(\'utf-8\', { ignoreBOM: true });',
    '        cachedTextDecoder.decode();',
    '        numBytesDecoded = bytes.length;',
    '    }',
    '    return cachedTextDecoder.decode(bytes);',
    '}',
    'const cachedTextEncoder = new TextEncoder();',
    '',
    'if (!(\'encodeInto\' in cachedTextEncoder)) {',
    '    cachedTextEncoder.encodeInto = function (arg, view) {',
    '        const buf = cachedTextEncoder.encode(arg);',
    '        view.set(buf);',
    '        return {',
    '            read: arg.length,',
    '            written: buf.length',
    '        };',
    '    };',
    '}',
  ];
  const glue = (init) => [
    'let wasmModule, wasmInstance, wasm;',
    ...fallbacks,
    'function __wbg_get_imports() { return {}; }',
    'function __wbg_finalize_init(instance, module) { wasm = instance.exports; return wasm; }',
    ...init,
    'export { initSync, __wbg_init as default };',
    '',
  ].join('\n');
  const init = [
    'async function __wbg_load(module, imports) { return WebAssembly.instantiate(module, imports); }',
    'function initSync(module) { return new WebAssembly.Instance(module, __wbg_get_imports()); }',
    'let __wbg_init_promise;',
    'async function __wbg_init(module_or_path) { return __wbg_init_once(module_or_path); }',
    'async function __wbg_init_once(module_or_path) { return __wbg_load(await fetch(module_or_path), {}); }',
  ];
  try {
    const file = path.join(dir, 'glue.js');
    writeFileSync(file, glue(init));
    const trimmed = await run(trimGlue, file);
    assert.equal(trimmed.code, 0, trimmed.output);
    const out = readFileSync(file, 'utf8');
    assert.ok(out.includes('function __wbg_get_imports() { return {}; }\nfunction __wbg_finalize_init('), 'the rest is kept');
    assert.match(out, /^const CLOSURE_DTORS = new FinalizationRegistry\(state => wasm\.\$n\(state\.a, state\.b\)\);$/m);
    assert.match(out, /^function decodeText\(bytes\) \{\n    return cachedTextDecoder\.decode\(bytes\);\n\}$/m);
    assert.doesNotMatch(out, /encodeInto|MAX_SAFARI|typeof FinalizationRegistry/, 'the fallbacks are gone');
    assert.match(out, /export default async function __wbg_init\(response\) \{/);
    assert.match(out, /WebAssembly\.instantiateStreaming\(response, __wbg_get_imports\(\)\)/);
    assert.doesNotMatch(out, /fetch\(|initSync|__wbg_load|export \{/, 'the old init is gone');

    const again = await run(trimGlue, file);
    assert.equal(again.code, 1, again.output);
    assert.equal(readFileSync(file, 'utf8'), out, 'a trimmed glue is left as it is');

    for (const changed of [
      [...init.slice(0, 2), 'function helper() {}', ...init.slice(2)],
      init.slice(0, 4),
    ]) {
      writeFileSync(file, glue(changed));
      const refused = await run(trimGlue, file);
      assert.equal(refused.code, 1, refused.output);
      assert.match(refused.output, /the glue's init declares .*, expected/);
      assert.equal(readFileSync(file, 'utf8'), glue(changed), 'nothing written');
    }
    const noPolyfill = glue(init).replace(/\nif \(!\('encodeInto'[^]*?\n\}\n/, '\n');
    writeFileSync(file, noPolyfill);
    const changedFallbacks = await run(trimGlue, file);
    assert.equal(changedFallbacks.code, 1, changedFallbacks.output);
    assert.match(changedFallbacks.output, /expected the encodeInto polyfill once, found it 0 times/);
    assert.equal(readFileSync(file, 'utf8'), noPolyfill, 'nothing written');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
