#!/usr/bin/env python3
"""Makes the shipped loader one file that vouches for every other: the glue merged in, and the
SHA-384 of each file it fetches written into it.

usage: scripts/assemble_loader.py LOADER GLUE WASM_BIN CODE=TEXTS_BIN...

LOADER (web/microneedling-check.js, copied) has two markers, filled in here:
  `const GLUE = /*GLUE*/ null;`        becomes wasm-bindgen's glue (GLUE, as scripts/trim_glue.py
                                        leaves it) wrapped in a function: its `export`s become the
                                        returned object's fields (`default` as `init`). A dynamic
                                        import() cannot carry an integrity value; merged, the glue
                                        is covered by the loader's own.
  `const INTEGRITY = /*INTEGRITY*/ {...};`  becomes { wasm: "sha384-…", texts: { CODE: "sha384-…" } }
                                        for WASM_BIN and each locale's TEXTS_BIN, which the loader
                                        passes to fetch(), so a changed byte is refused.
So a Subresource Integrity value on the loader's <script> covers the whole chain.
Exit 1, saying why, when a marker is missing or the glue has a shape this script does not know
(it knows wasm-bindgen 0.2.130's `--target web` output after trim_glue.py).
"""

import base64
import hashlib
import re
import sys

KNOWN = "wasm-bindgen 0.2.130 (--target web, after scripts/trim_glue.py)"
GLUE_MARKER = "const GLUE = /*GLUE*/ null;"
INTEGRITY = re.compile(r"const INTEGRITY = /\*INTEGRITY\*/ \{[^;]*\};")
EXPORT_FUNCTION = re.compile(r"^export (async )?function (\w+)\(", re.MULTILINE)
DEFAULT_INIT = "export default async function __wbg_init("


def fail(message: str) -> int:
    print(f"assemble_loader: {message}", file=sys.stderr)
    return 1


def sri(path: str) -> str:
    with open(path, "rb") as f:
        return "sha384-" + base64.b64encode(hashlib.sha384(f.read()).digest()).decode()


def merged_glue(glue: str) -> str:
    """The glue as an expression: a function that runs it and returns its exports."""
    if glue.count(DEFAULT_INIT) != 1:
        raise ValueError(f"the glue has no single `{DEFAULT_INIT}…` (expected {KNOWN})")
    names = [m.group(2) for m in EXPORT_FUNCTION.finditer(glue)]
    body = glue.replace(DEFAULT_INIT, "async function __wbg_init(")
    body = EXPORT_FUNCTION.sub(lambda m: f"{m.group(1) or ''}function {m.group(2)}(", body)
    leftover = re.findall(r"^\s*(export|import)\b.*$", body, re.MULTILINE)
    if leftover or "import.meta" in body:
        raise ValueError(f"the glue has imports or exports this script cannot merge (expected {KNOWN})")
    for needed in ("mountWidget", "updateWidget", "unmountWidget", "loadLocale", "localeOf", "themeReport"):
        if needed not in names:
            raise ValueError(f"the glue exports no `{needed}` (exports: {', '.join(names)}; expected {KNOWN})")
    fields = ", ".join(["init: __wbg_init", *names])
    return f"(() => {{\n{body}\nreturn Object.freeze({{ {fields} }});\n}})();"


def main(argv) -> int:
    if len(argv) < 4:
        print(__doc__.splitlines()[3], file=sys.stderr)
        return 1
    loader_path, glue_path, wasm_path, *texts = argv[1:]
    with open(loader_path, encoding="utf-8") as f:
        loader = f.read()
    with open(glue_path, encoding="utf-8") as f:
        glue = f.read()
    if loader.count(GLUE_MARKER) != 1:
        return fail(f"{loader_path} has no single `{GLUE_MARKER}`")
    if len(INTEGRITY.findall(loader)) != 1:
        return fail(f"{loader_path} has no single `const INTEGRITY = /*INTEGRITY*/ {{...}};`")
    try:
        expression = merged_glue(glue)
    except ValueError as e:
        return fail(f"{glue_path}: {e}")
    packs = {}
    for item in texts:
        code, _, path = item.partition("=")
        if not re.fullmatch(r"[a-z]{2,3}", code) or not path:
            return fail(f"`{item}` is not CODE=FILE")
        packs[code] = sri(path)
    entries = ", ".join(f"{code}: '{value}'" for code, value in packs.items())
    integrity = f"const INTEGRITY = /*INTEGRITY*/ {{ wasm: '{sri(wasm_path)}', texts: {{ {entries} }} }};"
    loader = INTEGRITY.sub(lambda _: integrity, loader, count=1)
    loader = loader.replace(GLUE_MARKER, f"const GLUE = /*GLUE*/ {expression}", 1)
    with open(loader_path, "w", encoding="utf-8") as f:
        f.write(loader)
    print(
        f"    merged the glue ({len(glue):,} characters) and the integrity of {1 + len(packs)} files into {loader_path}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
