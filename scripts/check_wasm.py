#!/usr/bin/env python3
"""Checks the widget's wasm as cargo built it, before wasm-bindgen and wasm-opt.

    python3 scripts/check_wasm.py WASM

Fails (exit 1) with the reason unless:

- The stack comes first in memory, below all data. scripts/build.sh runs wasm-opt with
  --low-memory-unused, which is right only if nothing lives in the first 1 KiB. rustc's wasm32
  output puts the stack there: its first global, the stack pointer, starts at 1 MiB and grows
  down towards 0, and the data is placed above it. Checked: the first global is a mutable i32
  that starts at 64 KiB or more, and no active data segment starts below it.
- No function of code the widget does without is linked in (by the names in the name section,
  which cargo's output keeps): each of HEAVY cost the sizes given, and is easy to bring back by a
  small change that looks harmless.
"""

import os
import sys

from wasm_binary import leb, read_name, sections

# The toolchain output this script knows (pinned in rust-toolchain.toml and Cargo.toml).
KNOWN = "rustc 1.95.0 (wasm32-unknown-unknown, the flags in scripts/build.sh)"

CUSTOM, GLOBAL, DATA = 0, 6, 11

# A part of a function's name, and why the widget does without it.
HEAVY = {
    "StrSearcher": "searching a string for a substring (0.9 kB gzip): search for a char, or use"
    " strip_prefix and split_once with a char (a char that may be non-ASCII searches for a"
    " substring too: match it with `matches!`)",
    "flt2dec": "formatting a float (14 kB): format integers",
    "dlmalloc": "the default allocator (3 kB): src/ui/alloc.rs replaces it",
}
I32, I32_CONST, END = 0x7F, 0x41, 0x0B


def stack_start(section):
    """The first global's start value if it is a mutable i32 set by i32.const, else None."""
    count, i = leb(section, 0)
    if count == 0 or section[i : i + 3] != bytes([I32, 1, I32_CONST]):
        return None
    value, i = leb(section, i + 3)  # signed in the format; a start of 1 MiB reads the same
    return value if section[i] == END else None


def data_starts(section):
    """The start offsets of the active data segments of memory 0."""
    count, i = leb(section, 0)
    starts = []
    for _ in range(count):
        flags, i = leb(section, i)
        if flags == 1:  # passive: copied by code, never placed at an offset of its own
            size, i = leb(section, i)
            i += size
            continue
        if flags == 2:
            _, i = leb(section, i)
        if section[i] != I32_CONST:
            raise ValueError("a data segment's offset is not a constant")
        offset, i = leb(section, i + 1)
        if section[i] != END:
            raise ValueError("a data segment's offset is not a constant")
        size, i = leb(section, i + 1)
        starts.append(offset)
        i += size
    return starts


def function_names(parts):
    """The function names of the name section (empty if there is none)."""
    names = []
    for kind, content in parts:
        if kind != CUSTOM:
            continue
        section, i = read_name(content, 0)
        if section != "name":
            continue
        while i < len(content):
            subsection = content[i]
            size, i = leb(content, i + 1)
            end = i + size
            if subsection == 1:
                count, i = leb(content, i)
                for _ in range(count):
                    _, i = leb(content, i)
                    length, i = leb(content, i)
                    names.append(content[i : i + length].decode("utf-8", "replace"))
                    i += length
            i = end
    return names


def main(path):
    parts = sections(open(path, "rb").read())
    by_id = dict(parts)
    stack = stack_start(by_id.get(GLOBAL, b"\0"))
    if stack is None or stack < 65536:
        sys.exit(
            f"{path}: the first global is not a stack pointer starting at 64 KiB or more (this script knows {KNOWN}'s output)"
        )
    low = [start for start in data_starts(by_id.get(DATA, b"\0")) if start < stack]
    if low:
        sys.exit(
            f"{path}: data at {low[0]}, below the stack's start ({stack}): the stack is not first (this script knows {KNOWN}'s output)"
        )
    print(f"    stack first: it starts at {stack:,} and grows down; all data lies above it")
    names = function_names(parts)
    if not names:
        sys.exit(f"{path}: no function names (is cargo's `strip` on?), so the code cannot be checked")
    found = [(part, why) for part, why in HEAVY.items() if any(part in name for name in names)]
    for part, why in found:
        print(f"    {part} is linked in: {why}", file=sys.stderr)
    if found and os.environ.get("MC_PLAIN_BUILD") == "1":
        print("    allowed: MC_PLAIN_BUILD=1 builds without the options that leave these out", file=sys.stderr)
        return
    if found:
        sys.exit(f"{path}: code the widget does without is linked in (above)")
    print(f"    none of {', '.join(HEAVY)} among its {len(names):,} functions")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    try:
        main(sys.argv[1])
    except (OSError, ValueError, IndexError) as e:
        sys.exit(f"{sys.argv[1]}: {e} (this script knows {KNOWN}'s output; rust-toolchain.toml pins it)")
