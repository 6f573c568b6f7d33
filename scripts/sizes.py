#!/usr/bin/env python3
"""Size table, size budget and SRI hashes for the shipped widget files.

usage: scripts/sizes.py [--budget BYTES] [--target BYTES] FILE...

Prints each file's size raw, gzip -9 and (when python's `brotli` module is installed) brotli -q 11,
the total, the gzip budget with its margin, and an `integrity="sha384-..."` value per file.
Exits 1 when the total gzip size is over the budget.
"""

import argparse
import base64
import gzip
import hashlib
import os
import sys

try:
    import brotli  # optional; not in the standard library
except ImportError:
    brotli = None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=int, default=None, help="maximum total gzip bytes")
    parser.add_argument("--target", type=int, default=None, help="the product's size target, reported (not enforced)")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()

    rows = []
    for path in args.files:
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            print(f"sizes: cannot read {path}: {e}", file=sys.stderr)
            return 2
        row = {
            "name": os.path.basename(path),
            "raw": len(data),
            "gzip": len(gzip.compress(data, compresslevel=9, mtime=0)),
            "sri": "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode(),
        }
        if brotli is not None:
            row["br"] = len(brotli.compress(data, quality=11))
        rows.append(row)

    cols = ["raw", "gzip"] + (["br"] if brotli is not None else [])
    heads = {"raw": "raw", "gzip": "gzip -9", "br": "brotli"}
    width = max(len("total"), *(len(r["name"]) for r in rows))
    print(f"    {'file':<{width}}" + "".join(f"{heads[c]:>12}" for c in cols))
    for r in rows:
        print(f"    {r['name']:<{width}}" + "".join(f"{r[c]:>12,}" for c in cols))
    totals = {c: sum(r[c] for r in rows) for c in cols}
    print(f"    {'total':<{width}}" + "".join(f"{totals[c]:>12,}" for c in cols))

    print("\n    Subresource Integrity (sha384):")
    for r in rows:
        print(f'    {r["name"]:<{width}}  integrity="{r["sri"]}"')

    if args.budget is not None:
        margin = args.budget - totals["gzip"]
        print(
            f"\n    size budget: total gzip {totals['gzip']:,} bytes of {args.budget:,} allowed "
            f"({'margin' if margin >= 0 else 'OVER BY'} {abs(margin):,} bytes, {100 * totals['gzip'] / args.budget:.1f}% used)"
        )
        if args.target is not None:
            met = totals["gzip"] <= args.target
            print(
                f"    size target: {args.target:,} bytes gzip, "
                + (
                    "met"
                    if met
                    else f"NOT MET yet ({totals['gzip'] - args.target:,} bytes over; see ARCHITECTURE.md, Size)"
                )
            )
        if margin < 0:
            print(
                f"sizes: the shipped files are {-margin:,} bytes (gzip) over the {args.budget:,}-byte budget",
                file=sys.stderr,
            )
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
