#!/usr/bin/env python3
"""Fills the loader's fallback message texts from the locale files.

usage: scripts/fallback_texts.py LOADER_JS

The loader (web/microneedling-check.js) carries `const FALLBACK = /*FALLBACK_TEXTS*/ { en: {...} };`,
the message shown when the WebAssembly cannot start. This replaces that object literal, in the
copy in dist/, with every shipped locale's texts (locales/index.toml):
  title  <- "ui.fallback.title"
  body   <- "ui.fallback.body"       (may contain {clinic})
  clinic <- "ui.clinic.default_name"
  book   <- "ui.summary.book"        (may contain {clinic})
  dir    <- the locale's dir in locales/index.toml
When the locales do not have these keys yet, the loader keeps its built-in English and this says so.
"""

import json
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEYS = {
    "title": "ui.fallback.title",
    "body": "ui.fallback.body",
    "clinic": "ui.clinic.default_name",
    "book": "ui.summary.book",
}
LITERAL = re.compile(r"/\*FALLBACK_TEXTS\*/\s*\{.*?\n\};", re.DOTALL)


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    loader = Path(sys.argv[1])
    source = loader.read_text(encoding="utf-8")
    if "/*FALLBACK_TEXTS*/" not in source:
        print("    the loader has no /*FALLBACK_TEXTS*/ marker: nothing to fill in")
        return 0
    if not LITERAL.search(source):
        print(
            f"fallback_texts: {loader}: cannot find the object literal after /*FALLBACK_TEXTS*/ (it must end with a line '}};')",
            file=sys.stderr,
        )
        return 1

    index = tomllib.loads((ROOT / "locales" / "index.toml").read_text(encoding="utf-8"))
    texts, missing = {}, []
    for entry in index.get("locales", []):
        code = entry["code"]
        strings = tomllib.loads((ROOT / "locales" / f"{code}.toml").read_text(encoding="utf-8"))
        absent = [key for key in KEYS.values() if key not in strings]
        if absent:
            missing.append(f"{code}: {', '.join(absent)}")
            continue
        texts[code] = {name: strings[key] for name, key in KEYS.items()}
        texts[code]["dir"] = entry.get("dir", "ltr")
    if missing:
        print("    the loader keeps its built-in English fallback message: the locales lack " + "; ".join(missing))
        return 0
    if "en" not in texts:
        print("fallback_texts: locales/index.toml has no `en` locale (the loader's default)", file=sys.stderr)
        return 1

    literal = json.dumps(texts, ensure_ascii=False, indent=2, sort_keys=True)
    loader.write_text(LITERAL.sub(lambda _: f"/*FALLBACK_TEXTS*/ {literal};", source, count=1), encoding="utf-8")
    print(f"    fallback message texts filled in for: {', '.join(texts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
