#!/usr/bin/env python3
"""A tiny static file server for dist/ with the MIME types the widget needs.

usage: scripts/serve.py [--host 127.0.0.1] [--port 8080] [--dir dist]

.wasm is served as application/wasm (needed for WebAssembly.instantiateStreaming), .js/.mjs as
text/javascript; every response says no-store so a rebuild shows up on reload, and nosniff.
"""

import argparse
import functools
import http.server
import os
import sys

TYPES = {
    ".wasm": "application/wasm",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, format, *args):
        sys.stderr.write(f"    {self.log_date_time_string()} {format % args}\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--dir", default="dist")
    args = parser.parse_args()
    if not os.path.isfile(os.path.join(args.dir, "index.html")):
        print(f"serve: {args.dir}/index.html is missing; build first (./scripts/build.sh)", file=sys.stderr)
        return 1
    handler = functools.partial(Handler, directory=os.path.abspath(args.dir))
    try:
        server = http.server.ThreadingHTTPServer((args.host, args.port), handler)
    except OSError as e:
        print(
            f"serve: cannot listen on {args.host}:{args.port}: {e} (set PORT=... to use another port)", file=sys.stderr
        )
        return 1
    print(f"\nServing {args.dir}/ on http://{args.host}:{args.port}/  (Ctrl+C to stop)", flush=True)
    print(f"    demo page:       http://{args.host}:{args.port}/", flush=True)
    print(f"    strict CSP page: http://{args.host}:{args.port}/strict-csp.html", flush=True)
    print(f"    embed builder:   http://{args.host}:{args.port}/configure.html\n", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nstopped")
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
