#!/usr/bin/env python3
"""Size table, per-visitor size budget and SRI hashes for the shipped widget files.

usage: scripts/sizes.py --target BYTES [--baseline FILE] [--write-baseline] LOADER WASM_BIN TEXTS_BIN...

A visitor downloads the loader, the WebAssembly and the texts of one locale. "As served" is what
crosses the network: the .bin files are shipped gzip-compressed already (the same bytes from any
server); the loader is counted gzip -9, as servers compress scripts. For every locale this prints
loader + WebAssembly + that locale's texts, its change against the committed baseline (FILE, JSON;
--write-baseline records today's figures there), and fails (exit 1) when one is over the target.
Then the Subresource Integrity values: the loader's (for its <script> tag, which then vouches for
every other file: the loader carries their hashes) and the others' (for optional preload lines).
"""

import argparse
import base64
import gzip
import hashlib
import json
import os
import re
import sys

try:
    import brotli  # optional; not in the standard library
except ImportError:
    brotli = None

TEXTS = re.compile(r"microneedling-check-texts-([a-z]{2,3})\.bin$")


def measure(path):
    with open(path, "rb") as f:
        data = f.read()
    name = os.path.basename(path)
    row = {
        "name": name,
        "raw": len(data),
        "gzip": len(gzip.compress(data, compresslevel=9, mtime=0)),
        "sri": "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode(),
    }
    row["served"] = row["raw"] if name.endswith(".bin") else row["gzip"]
    if brotli is not None:
        row["br"] = len(brotli.compress(data, quality=11))
    return row


def change(now, before):
    if before is None:
        return "(new)"
    delta = now - before
    return "(no change)" if delta == 0 else f"({'+' if delta > 0 else '-'}{abs(delta):,})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=int, required=True, help="most bytes a visitor may download, as served")
    parser.add_argument("--baseline", help="JSON file with the figures to compare against")
    parser.add_argument("--write-baseline", action="store_true", help="record today's figures in --baseline")
    parser.add_argument("loader")
    parser.add_argument("wasm")
    parser.add_argument("texts", nargs="+")
    args = parser.parse_args()

    try:
        rows = [measure(p) for p in [args.loader, args.wasm, *args.texts]]
    except OSError as e:
        print(f"sizes: cannot read {e.filename}: {e.strerror}", file=sys.stderr)
        return 2
    packs = {}
    for row in rows[2:]:
        match = TEXTS.search(row["name"])
        if not match:
            print(f"sizes: {row['name']} is not named microneedling-check-texts-<code>.bin", file=sys.stderr)
            return 2
        packs[match.group(1)] = row
    baseline = {}
    if args.baseline and os.path.exists(args.baseline) and not args.write_baseline:
        with open(args.baseline, encoding="utf-8") as f:
            baseline = json.load(f)

    cols = ["raw", "gzip"] + (["br"] if brotli is not None else []) + ["served"]
    heads = {"raw": "raw", "gzip": "gzip -9", "br": "brotli", "served": "as served"}
    width = max(len(r["name"]) for r in rows)
    print(f"    {'file':<{width}}" + "".join(f"{heads[c]:>12}" for c in cols))
    for r in rows:
        before = baseline.get("files", {}).get(r["name"])
        print(f"    {r['name']:<{width}}" + "".join(f"{r[c]:>12,}" for c in cols) + f"  {change(r['served'], before)}")

    common = rows[0]["served"] + rows[1]["served"]
    visitor = {code: common + row["served"] for code, row in packs.items()}
    print(f"\n    a visitor downloads (loader + WebAssembly + one locale's texts, as served); target {args.target:,}:")
    over = []
    for code, total in visitor.items():
        margin = args.target - total
        print(
            f"    {code:<4}{total:>10,} bytes  {change(total, baseline.get('per_visitor', {}).get(code)):<14}"
            f"{'margin' if margin >= 0 else 'OVER BY'} {abs(margin):,}"
        )
        if margin < 0:
            over.append(code)

    print("\n    Subresource Integrity (sha384): the loader's <script> (it carries every other file's):")
    print(f'    {rows[0]["name"]:<{width}}  integrity="{rows[0]["sri"]}"')
    print("    and, for optional preload lines:")
    for r in rows[1:]:
        print(f'    {r["name"]:<{width}}  integrity="{r["sri"]}"')

    if args.write_baseline:
        if not args.baseline:
            print("sizes: --write-baseline needs --baseline FILE", file=sys.stderr)
            return 2
        record = {"per_visitor": visitor, "files": {r["name"]: r["served"] for r in rows}}
        with open(args.baseline, "w", encoding="utf-8") as f:
            json.dump(record, f, indent=2, sort_keys=True)
            f.write("\n")
        print(f"\n    wrote today's figures to {args.baseline}")
    if over:
        print(
            f"sizes: a visitor in {', '.join(over)} would download more than the {args.target:,}-byte target",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
