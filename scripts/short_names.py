#!/usr/bin/env python3
"""Gives the names that link the wasm to its glue short, in both files.

    python3 scripts/short_names.py WASM GLUE_JS

wasm-bindgen names each import `__wbg_<method>_<16 hex digits>` and some exports after the Rust
types of a closure, and writes every such name twice: once in the .wasm's import or export
section and once in the glue. Those names are about 4 kB of near-random text per file, which
gzip cannot shrink; here each becomes two or three characters (`$a`, `$b`, …), and the import
module (`./microneedling-check-wasm_bg.js`) becomes `$`. The names are only the link between the
two files: nothing else (not the loader, not a host page) sees them, apart from `memory` and
`mountWidget`, which keep theirs. A closure's export also names a function private to the glue,
which is renamed with it.

Run by scripts/build.sh after its privacy check (which reads wasm-bindgen's names) and before
the glue is minified; dist/readable/ keeps a comment with each original name. Both files are
rewritten in place. Fails (exit 1, nothing written) if the glue does not name each import exactly
once, as a property of its imports object: then wasm-bindgen's output has changed shape and this
step must be looked at again rather than guessed.
"""

import re
import sys

from wasm_binary import leb, module, name, read_name, sections, uleb

# The toolchain output this script knows (pinned in rust-toolchain.toml and Cargo.toml).
KNOWN = "wasm-bindgen 0.2.130"

KEEP = {"memory", "mountWidget"}


def short(n):
    """`$a`…`$Z`, then `$aa`…: `$` keeps them apart from every name the glue already uses."""
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    name = ""
    while True:
        name = letters[n % len(letters)] + name
        n = n // len(letters) - 1
        if n < 0:
            return "$" + name


def rename_imports(body, new_module, names):
    count, i = leb(body, 0)
    out = bytearray(uleb(count))
    module_of = None
    for _ in range(count):
        source, i = read_name(body, i)
        field, i = read_name(body, i)
        kind = body[i]
        start = i
        i += 1
        if kind != 0:
            raise ValueError(f"import {source}.{field} is not a function (kind {kind})")
        _, i = leb(body, i)
        if module_of not in (None, source):
            raise ValueError(f"imports from two modules: {module_of} and {source}")
        module_of = source
        names[field] = short(len(names))
        out += name(new_module) + name(names[field]) + body[start:i]
    return bytes(out), module_of


def rename_exports(body, names):
    count, i = leb(body, 0)
    out = bytearray(uleb(count))
    for _ in range(count):
        field, i = read_name(body, i)
        start = i
        i += 1
        _, i = leb(body, i)
        if field not in KEEP and (field.startswith("__") or field.startswith("wasm_bindgen")):
            names[field] = short(len(names))
            field = names[field]
        out += name(field) + body[start:i]
    return bytes(out)


def main(wasm_path, glue_path):
    parts = sections(open(wasm_path, "rb").read())
    glue = open(glue_path, encoding="utf-8").read()
    imports = {}
    exports = {}
    module_name = None
    renamed = []
    for kind, body in parts:
        if kind == 2:
            body, module_name = rename_imports(body, "$", imports)
        elif kind == 7:
            body = rename_exports(body, exports)
        renamed.append((kind, body))
    if module_name is None:
        raise ValueError("no imports")
    quoted = f'"{module_name}"'
    if glue.count(quoted) != 1:
        raise ValueError(f"the glue names the module {quoted} {glue.count(quoted)} times, not once")
    glue = glue.replace(quoted, '"$"')
    for old, new in imports.items():
        # An import is a method of the imports object: `old: function(` on its own line.
        pattern = re.compile(r"(?m)^(\s*)" + re.escape(old) + r": function\b")
        if len(pattern.findall(glue)) != 1 or len(re.findall(r"\b" + re.escape(old) + r"\b", glue)) != 1:
            raise ValueError(f"the glue does not name the import {old} exactly once as a method")
        glue = pattern.sub(lambda m, old=old, new=new: f"{m.group(1)}/* {old} */ {new}: function", glue)
    for old, new in exports.items():
        # An export is read as `wasm.old`; a closure's export also names the glue's own wrapper
        # function, which is private to the glue module. Every use is renamed.
        word = re.compile(r"(?<![\w$.])" + re.escape(old) + r"\b|(?<=\bwasm\.)" + re.escape(old) + r"\b")
        if re.search(r"\bexport\b[^;\n]*\b" + re.escape(old) + r"\b", glue) or re.search(
            r"[\"'`]" + re.escape(old), glue
        ):
            raise ValueError(f"the glue exports the name {old} or writes it in a string")
        glue = word.sub(new, glue)
    open(wasm_path, "wb").write(module(renamed))
    open(glue_path, "w", encoding="utf-8").write(glue)
    print(f"    {len(imports)} imports and {len(exports)} exports renamed")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: short_names.py WASM GLUE_JS")
    try:
        main(sys.argv[1], sys.argv[2])
    except (OSError, ValueError, IndexError, UnicodeDecodeError) as error:
        sys.exit(f"short_names.py: {error} (this script knows {KNOWN}'s output; Cargo.toml pins it)")
