#!/usr/bin/env python3
"""Replaces wasm-bindgen's general-purpose init at the end of the glue with the one the loader uses.

    python3 scripts/trim_glue.py GLUE_JS

wasm-bindgen's `--target web` glue ends with `__wbg_load`, `initSync`, `__wbg_init` and
`__wbg_init_once`: they accept a URL, a `Request`, bytes, a `WebAssembly.Module` or a `Response`,
fetch a URL themselves (by default `<name>_bg.wasm`, a file dist/ does not have), fall back to
`WebAssembly.instantiate` when a server sends the wrong type, and warn about deprecated
parameters. The loader (web/microneedling-check.js) always passes one thing: a promise of the
inflated `.bin` as a `Response` typed `application/wasm`. The replacement takes just that, so the
glue has no `fetch` at all (the loader's is the widget's only request) and ships 0.6 kB less.

Run by scripts/build.sh after short_names.py and before the glue is minified; the file is
rewritten in place, and dist/readable/ keeps the trimmed form, which is what ships. Fails (exit 1,
nothing written) unless the glue ends with exactly those declarations and that export: then
wasm-bindgen's output has changed shape and this step must be looked at again, not guessed.
"""

import re
import sys

# The wasm-bindgen whose `--target web` output this script knows (Cargo.toml pins it exactly).
KNOWN = "0.2.130"
START = "async function __wbg_load("
END = "export { initSync, __wbg_init as default };"
# Every top-level declaration from START to END, in wasm-bindgen 0.2's order.
EXPECTED = [
    "async function __wbg_load",
    "function initSync",
    "let __wbg_init_promise",
    "async function __wbg_init",
    "async function __wbg_init_once",
]
REPLACEMENT = """\
// scripts/trim_glue.py put this in place of wasm-bindgen's general-purpose init: the loader
// always passes a promise of the module's Response, typed application/wasm, so nothing here
// fetches, guesses a URL or falls back. Called again, it returns the same exports.
export default async function __wbg_init(response) {
    if (wasm !== undefined) return wasm;
    const { instance, module } = await WebAssembly.instantiateStreaming(response, __wbg_get_imports());
    return __wbg_finalize_init(instance, module);
}
"""


def trim(glue):
    """The glue with its init replaced, or a ValueError saying what is not as expected."""
    if glue.count(START) != 1 or glue.count(END) != 1:
        raise ValueError(f"expected one `{START}` and one `{END}` in the glue")
    start, end = glue.index(START), glue.index(END)
    if start > end or glue[end + len(END) :].strip():
        raise ValueError(f"expected `{START}` … `{END}` to end the glue")
    section = glue[start:end]
    found = re.findall(r"^((?:async )?function \w+|let \w+|const \w+|var \w+|class \w+)", section, re.M)
    if found != EXPECTED:
        raise ValueError(f"the glue's init declares {found}, expected {EXPECTED}")
    for needed in (r"^function __wbg_get_imports\(", r"^function __wbg_finalize_init\(", r"^let [\w, ]*\bwasm\b"):
        if not re.search(needed, glue[:start], re.M):
            raise ValueError(f"the replacement needs what `{needed}` finds earlier in the glue")
    return glue[:start] + REPLACEMENT


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: trim_glue.py GLUE_JS")
    path = sys.argv[1]
    with open(path, encoding="utf-8") as f:
        glue = f.read()
    try:
        trimmed = trim(glue)
    except ValueError as error:
        sys.exit(f"trim_glue.py: {path}: {error}; this script knows wasm-bindgen {KNOWN}'s output, see it")
    with open(path, "w", encoding="utf-8") as f:
        f.write(trimmed)
    print(f"    wasm-bindgen's init replaced by the loader's: {len(glue):,} -> {len(trimmed):,} bytes")


if __name__ == "__main__":
    main()
