// The benchmark's static server for its cold loads (bench/browser.mjs): like tests/e2e/helpers.mjs's
// startServer, but it sends text files (HTML, JavaScript, CSS, JSON) gzip-compressed when the
// browser accepts it, as a web server or CDN would, so that the bytes a load transfers are the
// bytes a visitor downloads. gzip -9 (node's zlib), made once per file and kept. Other files go as
// they are: the widget's `.bin` files are already compressed, and sent as application/octet-stream
// (a `.gz` name would make some servers add Content-Encoding, see docs/size-and-speed.md).
//
//   startBenchServer(dir, { pages }) → { origin, url, log, close() }
//
// `pages` maps a path ("/bench-ar.html") to an HTML page served from memory: the benchmark's
// generated host pages (the demo page in another locale), so that nothing is written into `dir`.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { MIME, fileUnder, listenLocally } from '../tests/e2e/helpers.mjs';

const COMPRESSED_TYPES = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt']);

export async function startBenchServer(dir, { pages = {} } = {}) {
  const root = path.resolve(dir);
  const log = [];
  const gzipped = new Map(); // file → { mtimeMs, body }
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    log.push(rel);
    try {
      let body;
      let ext;
      let key;
      let mtimeMs = 0;
      if (Object.hasOwn(pages, rel)) {
        body = Buffer.from(pages[rel]);
        ext = '.html';
        key = `page:${rel}`;
      } else {
        const file = fileUnder(root, rel);
        const info = file ? await stat(file) : null;
        if (!info || !info.isFile()) throw new Error('not found');
        body = await readFile(file);
        ext = path.extname(file);
        key = file;
        mtimeMs = info.mtimeMs;
      }
      const headers = {
        'Content-Type': MIME[ext] || 'application/octet-stream',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        Vary: 'Accept-Encoding',
      };
      if (COMPRESSED_TYPES.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
        let cached = gzipped.get(key);
        if (!cached || cached.mtimeMs !== mtimeMs || cached.raw !== body.length) {
          cached = { mtimeMs, raw: body.length, body: zlib.gzipSync(body, { level: 9 }) };
          gzipped.set(key, cached);
        }
        body = cached.body;
        headers['Content-Encoding'] = 'gzip';
      }
      headers['Content-Length'] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found');
    }
  });
  return { ...(await listenLocally(server)), log };
}
