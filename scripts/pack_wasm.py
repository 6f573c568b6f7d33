#!/usr/bin/env python3
"""Compresses the widget's .wasm, or a locale's texts, into the file the loader fetches: gzip
format, made by zopfli.

usage: scripts/pack_wasm.py IN.wasm|IN.txt OUT

The loader (web/microneedling-check.js) inflates OUT with the browser's own
DecompressionStream("gzip"). Shipping the file compressed means every clinic's site sends the same
bytes: many servers send .wasm files uncompressed (nginx and Apache compress only the types they
are told to), which would be almost three times as many. zopfli writes ordinary gzip, about 6 %
smaller than gzip -9; it is slow to compress (seconds), not to inflate. A server that compresses
the file again changes nothing the visitor gets.

OUT is checked by inflating it back: the build stops rather than ship a file that does not give
back IN exactly. Exit 1 on a bad input or check, 2 when the zopfli module is missing.
"""

import gzip
import sys

try:
    import zopfli.gzip
except ImportError:
    zopfli = None

# blocksplittingmax=0 lets zopfli split the stream into as many blocks as pay (0.5 kB less than
# its default of 15 for this file, a few seconds more); more iterations than 15 gain under 0.1 kB.
ZOPFLI = {"numiterations": 15, "blocksplittingmax": 0}


def main(argv) -> int:
    if len(argv) != 3:
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 1
    if zopfli is None:
        print("pack_wasm: the python module zopfli is missing: run scripts/install.sh", file=sys.stderr)
        return 2
    with open(argv[1], "rb") as f:
        data = f.read()
    if argv[1].endswith(".txt"):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            print(f"pack_wasm: {argv[1]} is not UTF-8 text", file=sys.stderr)
            return 1
    elif data[:4] != b"\0asm":
        print(f"pack_wasm: {argv[1]} is not a WebAssembly module", file=sys.stderr)
        return 1
    packed = zopfli.gzip.compress(data, **ZOPFLI)
    if gzip.decompress(packed) != data:
        print(f"pack_wasm: {argv[2]} does not inflate back to {argv[1]}", file=sys.stderr)
        return 1
    with open(argv[2], "wb") as f:
        f.write(packed)
    plain = len(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"    {len(data):,} -> {len(packed):,} bytes (gzip -9 would give {plain:,})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
