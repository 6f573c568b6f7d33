// The release (issue 28): scripts/release.sh packs the built dist/ into an npm tarball and a zip.
//
//  1. Both are reproducible: packing the same dist/ twice gives the same bytes.
//  2. The tarball installs with npm into an empty folder, offline; its package.json points at the
//     loader; served as a CDN would (the package root under /microneedling-check@VERSION/) by a
//     plain static server, a page using only those files runs a full journey, and the loader
//     reports the version.
//  3. The unzipped zip's example page runs a full journey from a plain static server; its
//     SHA256SUMS and SRI.txt match the files.
//  4. One changed byte in the installed copy's WebAssembly: the element shows its fallback.
//
// Run after ./scripts/build.sh: node --test tests/e2e/release.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, readFile, writeFile, rm, cp, readdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, TIMEOUT, screenshot, staticServer, useBrowser, widget } from './helpers.mjs';

const run = promisify(execFile);
const env = useBrowser({ screenshots: 'release-' });
const VERSION = /^\[package\][^[]*?^version\s*=\s*"([^"]+)"/ms.exec(
  readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8'),
)[1];
const NAME = 'microneedling-check';
let work;

/** Packs dist/ (as it is) into `dir`; returns the tarball's and the zip's paths. */
async function pack(dir) {
  await run('bash', ['scripts/release.sh'], {
    cwd: ROOT,
    env: { ...process.env, MC_RELEASE_SKIP_BUILD: '1', RELEASE_DIR: dir },
  });
  return { tgz: path.join(dir, `${NAME}-${VERSION}.tgz`), zip: path.join(dir, `${NAME}-${VERSION}.zip`) };
}

const sha = (algorithm, bytes, encoding = 'hex') => createHash(algorithm).update(bytes).digest(encoding);

/** A page that uses only the files under `base`, with the clinic's own fallback content. */
function page(base, inner = '<p>Call Release Clinic on 020 7946 0000.</p>') {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Clinic</title><link rel="icon" href="data:,"></head><body>' +
    `<script type="module" async src="${base}${NAME}.js"></script>` +
    '<microneedling-check clinic-name="Release Clinic" phone="020 7946 0000" locale="en">' +
    `${inner}</microneedling-check></body></html>`
  );
}

let release;
before(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'mc-release-test-'));
  release = await pack(path.join(work, 'a'));
});
after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

test('1. packing the same dist/ twice gives identical tarballs and zips', { timeout: TIMEOUT }, async () => {
  const again = await pack(path.join(work, 'b'));
  for (const kind of ['tgz', 'zip']) {
    assert.equal(
      sha('sha256', await readFile(again[kind])),
      sha('sha256', await readFile(release[kind])),
      `the ${kind} differs between two packs of the same dist/`,
    );
  }
});

test(
  '2. npm installs the tarball offline; served as a CDN would, a page using only its files runs a journey',
  { timeout: TIMEOUT },
  async () => {
    const folder = path.join(work, 'install');
    await run('mkdir', ['-p', folder]);
    await run(
      'npm',
      ['install', release.tgz, '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'],
      { cwd: folder, env: { ...process.env, npm_config_cache: path.join(work, 'npm-cache') } },
    );
    const installed = path.join(folder, 'node_modules', NAME);
    const manifest = JSON.parse(await readFile(path.join(installed, 'package.json'), 'utf8'));
    assert.equal(manifest.name, NAME);
    assert.equal(manifest.version, VERSION);
    assert.equal(manifest.license, 'MIT OR Apache-2.0');
    assert.equal(manifest.exports['.'], `./${NAME}.js`);
    assert.equal(manifest.unpkg, `./${NAME}.js`);
    assert.equal(manifest.jsdelivr, `./${NAME}.js`);
    const files = await readdir(installed);
    for (const f of [`${NAME}.js`, `${NAME}-wasm.bin`, `${NAME}-texts-en.bin`, `${NAME}-texts-ar.bin`]) {
      assert.ok(files.includes(f), `the package has ${f}`);
    }
    for (const f of ['README.md', 'CHANGELOG.md', 'configure.html', 'example.html']) {
      assert.ok(files.includes(f), `the package has ${f}`);
    }
    assert.match(
      await readFile(path.join(installed, 'README.md'), 'utf8'),
      new RegExp(`microneedling-check ${VERSION}`),
    );

    const base = `/${NAME}@${VERSION}/`;
    const server = await staticServer({
      mounts: { [base]: installed },
      pages: { '/clinic.html': { body: page(base) } },
    });
    try {
      const tab = await env.newPage();
      await tab.goto(server.origin + '/clinic.html');
      await widget(tab).waitForStep('start');
      const version = await tab.evaluate(
        async (url) => (await import(url)).version,
        server.origin + base + `${NAME}.js`,
      );
      assert.equal(version, VERSION, 'the loader exports its version');
      const result = await widget(tab).journey();
      assert.ok(result.level, 'the journey reached a result');
      const other = server.log.filter((p) => p !== '/clinic.html' && !p.startsWith(base));
      assert.deepEqual(other, [], 'every file came from the versioned path');
      assert.deepEqual(tab.errors, []);
    } finally {
      await server.close();
    }

    // 4. One changed byte in the installed copy's WebAssembly: the fallback shows.
    const tampered = path.join(work, 'tampered');
    await cp(installed, tampered, { recursive: true });
    const wasm = path.join(tampered, `${NAME}-wasm.bin`);
    const bytes = await readFile(wasm);
    bytes[bytes.length >> 1] ^= 0x01;
    await writeFile(wasm, bytes);
    const bad = await staticServer({
      mounts: { [base]: tampered },
      pages: { '/clinic.html': { body: page(base, '') } },
    });
    try {
      const tab = await env.newPage();
      await tab.goto(bad.origin + '/clinic.html');
      await tab.locator('microneedling-check .mc-fallback').waitFor({ timeout: 15_000 });
      assert.equal(await tab.locator('microneedling-check .mc').count(), 0, 'no widget rendered');
    } finally {
      await bad.close();
    }
  },
);

test(
  '3. the unzipped zip: checksums and SRI match, and its example page runs a journey from a plain server',
  { timeout: TIMEOUT },
  async () => {
    const folder = path.join(work, 'unzipped');
    await run('python3', ['-m', 'zipfile', '-e', release.zip, folder]);
    const root = path.join(folder, `${NAME}-${VERSION}`);
    for (const line of (await readFile(path.join(root, 'SHA256SUMS'), 'utf8')).trim().split('\n')) {
      const [sum, name] = line.split(/\s+/);
      assert.equal(sha('sha256', await readFile(path.join(root, name))), sum, `SHA256SUMS: ${name}`);
    }
    const sri = (await readFile(path.join(root, 'SRI.txt'), 'utf8'))
      .split('\n')
      .find((l) => l.startsWith(`${NAME}.js `));
    const loaderSri = 'sha384-' + sha('sha384', await readFile(path.join(root, `${NAME}.js`)), 'base64');
    assert.equal(sri.split(' ')[1], loaderSri, "SRI.txt has the loader's integrity");
    const example = await readFile(path.join(root, 'example.html'), 'utf8');
    assert.ok(example.includes(`integrity="${loaderSri}"`), 'the example page pins the loader');
    assert.ok(example.includes(VERSION), 'the example page names the version');

    const server = await staticServer({ mounts: { '/': root } });
    try {
      const tab = await env.newPage();
      const violations = [];
      tab.on('console', (m) => /Content.Security.Policy|Refused/i.test(m.text()) && violations.push(m.text()));
      await tab.goto(server.origin + '/example.html');
      await widget(tab).waitForStep('start');
      await screenshot(tab, 'release-example-1280');
      await tab.setViewportSize({ width: 375, height: 740 });
      await screenshot(tab, 'release-example-375');
      await tab.setViewportSize({ width: 1280, height: 900 });
      const result = await widget(tab).journey();
      assert.ok(result.level, 'the journey reached a result');
      assert.deepEqual(violations, [], 'no CSP violation on the example page');
      assert.deepEqual(tab.errors, []);
    } finally {
      await server.close();
    }
  },
);
