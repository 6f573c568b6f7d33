#!/usr/bin/env python3
"""Stages the release files from a built dist/ and writes the zip (scripts/release.sh runs it).

usage: scripts/release.py DIST STAGE ZIP VERSION EPOCH

STAGE (made here, empty) becomes the npm package's folder: the shipped files (the loader, the
WebAssembly, every locale's texts), the embed builder (configure.html/.js/.css), an example page (example.html/.css),
the README for clinics (web/release/README.md), CHANGELOG.md and package.json. ZIP gets the same
files under `microneedling-check-VERSION/`, plus SHA256SUMS and SRI.txt (every file's SHA-384, the
loader's first). Entries are sorted and dated EPOCH (SOURCE_DATE_EPOCH), so the same dist/ gives
the same bytes. `@version@` and `@integrity:FILE@` in the README and the example page are filled in.
"""

import base64
import hashlib
import json
import os
import re
import shutil
import sys
import time
import zipfile

NAME = "microneedling-check"
LOADER = f"{NAME}.js"
BUILDER = ["configure.html", "configure.js", "configure.css"]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEMPLATES = os.path.join(ROOT, "web", "release")


def sri(path: str) -> str:
    with open(path, "rb") as f:
        return "sha384-" + base64.b64encode(hashlib.sha384(f.read()).digest()).decode()


def sha256(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def fill(text: str, stage: str, version: str) -> str:
    text = re.sub(r"@integrity:([A-Za-z0-9._-]+)@", lambda m: sri(os.path.join(stage, m.group(1))), text)
    return text.replace("@version@", version)


def package_json(version: str, files: list[str]) -> str:
    package = {
        "name": NAME,
        "version": version,
        "description": "A private, in-browser microneedling self-check for clinic websites: one script "
        "tag and one element, nothing sent anywhere (prebuilt WebAssembly; no build step)",
        "license": "MIT OR Apache-2.0",
        "keywords": ["web-component", "custom-element", "webassembly", "questionnaire", "clinic", "privacy"],
        "type": "module",
        "main": f"./{LOADER}",
        "module": f"./{LOADER}",
        "browser": f"./{LOADER}",
        "exports": {".": f"./{LOADER}", f"./{LOADER}": f"./{LOADER}", "./*": "./*"},
        "unpkg": f"./{LOADER}",
        "jsdelivr": f"./{LOADER}",
        "files": files,
        "sideEffects": True,
    }
    return json.dumps(package, indent=2) + "\n"


def main(argv) -> int:
    if len(argv) != 6:
        print(__doc__, file=sys.stderr)
        return 2
    dist, stage, zip_path, version, epoch = argv[1:]
    shipped = sorted(f for f in os.listdir(dist) if f == LOADER or (f.startswith(f"{NAME}-") and f.endswith(".bin")))
    if LOADER not in shipped or f"{NAME}-wasm.bin" not in shipped or not any("-texts-" in f for f in shipped):
        print(f"release: {dist} has no complete build (found: {', '.join(shipped)})", file=sys.stderr)
        return 1
    with open(os.path.join(dist, LOADER), encoding="utf-8") as f:
        loader = f.read()
    if f'"{version}"' not in loader and f"'{version}'" not in loader:
        print(f"release: {dist}/{LOADER} does not carry version {version}: run ./scripts/build.sh", file=sys.stderr)
        return 1
    os.makedirs(stage)
    for name in shipped + BUILDER:
        source = os.path.join(dist, name)
        if not os.path.isfile(source):
            print(f"release: {source} is missing (./scripts/build.sh copies web/demo/ into dist/)", file=sys.stderr)
            return 1
        shutil.copyfile(source, os.path.join(stage, name))
    for name in ("README.md", "example.html"):
        with open(os.path.join(TEMPLATES, name), encoding="utf-8") as f:
            text = fill(f.read(), stage, version)
        if "@integrity:" in text or "@version@" in text:
            print(f"release: web/release/{name} has a placeholder left", file=sys.stderr)
            return 1
        with open(os.path.join(stage, name), "w", encoding="utf-8") as f:
            f.write(text)
    shutil.copyfile(os.path.join(ROOT, "CHANGELOG.md"), os.path.join(stage, "CHANGELOG.md"))
    shutil.copyfile(os.path.join(TEMPLATES, "example.css"), os.path.join(stage, "example.css"))
    files = sorted([*shipped, *BUILDER, "example.html", "example.css", "CHANGELOG.md"])
    with open(os.path.join(stage, "package.json"), "w", encoding="utf-8") as f:
        f.write(package_json(version, files))

    # The zip: the same files, with their checksums and SRI values.
    names = sorted(os.listdir(stage))
    sums = "".join(f"{sha256(os.path.join(stage, n))}  {n}\n" for n in names)
    sris = (
        f"# microneedling-check {version}: Subresource Integrity (SHA-384) of each file.\n"
        f"# The loader's is the one for your <script> tag; it carries the others' and checks them itself.\n"
        f"{LOADER} {sri(os.path.join(stage, LOADER))}\n"
        + "".join(f"{n} {sri(os.path.join(stage, n))}\n" for n in shipped if n != LOADER)
    )
    extra = {"SHA256SUMS": sums.encode(), "SRI.txt": sris.encode()}
    date = time.gmtime(max(int(epoch), 315532800))[:6]  # zip dates start in 1980
    folder = f"{NAME}-{version}/"
    entries = {n: open(os.path.join(stage, n), "rb").read() for n in names} | extra
    tmp = zip_path + ".tmp"
    with zipfile.ZipFile(tmp, "w") as z:
        directory = zipfile.ZipInfo(folder, date_time=date)
        directory.external_attr = (0o40755 << 16) | 0x10
        directory.create_system = 3
        z.writestr(directory, b"")
        for name in sorted(entries):
            info = zipfile.ZipInfo(folder + name, date_time=date)
            info.external_attr = 0o100644 << 16
            info.create_system = 3
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, entries[name], compresslevel=9)
    os.replace(tmp, zip_path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
