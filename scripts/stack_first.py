#!/usr/bin/env python3
"""Checks that rustc put the stack first in the widget's memory, below all data.

    python3 scripts/stack_first.py WASM

scripts/build.sh runs wasm-opt with --low-memory-unused, which is right only if nothing lives in
the first 1 KiB of memory. rustc's wasm32 output puts the stack there: its first global, the stack
pointer, starts at 1 MiB and grows down towards 0, and the data is placed above it. This reads the
cargo output and fails (exit 1) unless the first global is a mutable i32 that starts at 64 KiB or
more and no active data segment starts below it.
"""

import sys

from wasm_binary import leb, sections

GLOBAL, DATA = 6, 11
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


def main(path):
    parts = dict(sections(open(path, "rb").read()))
    stack = stack_start(parts.get(GLOBAL, b"\0"))
    if stack is None or stack < 65536:
        sys.exit(f"{path}: the first global is not a stack pointer starting at 64 KiB or more")
    low = [start for start in data_starts(parts.get(DATA, b"\0")) if start < stack]
    if low:
        sys.exit(f"{path}: data at {low[0]}, below the stack's start ({stack}): the stack is not first")
    print(f"    stack first: it starts at {stack:,} and grows down; all data lies above it")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    try:
        main(sys.argv[1])
    except (OSError, ValueError, IndexError) as e:
        sys.exit(f"{sys.argv[1]}: {e}")
