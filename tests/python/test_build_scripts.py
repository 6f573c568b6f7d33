"""The Python build scripts, run as scripts/build.sh runs them.

scripts/check_wasm.py, run on cargo's output: it passes the widget's wasm, and stops the build
for a wasm whose data lies below its stack (wasm-opt's --low-memory-unused would then be wrong),
for one that links in code the widget does without, and for one without function names (which
it could not check). scripts/pack_wasm.py compresses the shipped .wasm: its output inflates back
to the module, and it refuses a file that is not one. scripts/trim_glue.py replaces
wasm-bindgen's init in the glue: only a glue of the shape it knows is rewritten.
scripts/release.py (scripts/release.sh's staging and zip) gives the same zip twice, with its
checksums, and refuses a dist/ built for another version.

Run by the test command: python3 -m unittest discover -s tests/python
"""

import gzip
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPTS = ROOT / "scripts"
sys.path.insert(0, str(SCRIPTS))

from wasm_binary import module, name, uleb  # noqa: E402  (the scripts' own encoder)


def run(script, *args):
    """Runs a script of scripts/: (exit code, stdout and stderr)."""
    done = subprocess.run([sys.executable, str(SCRIPTS / script), *map(str, args)], capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


def i32(value):
    """i32.const value (non-negative, so signed and unsigned LEB128 agree), end."""
    return b"\x41" + uleb(value) + b"\x0b"


def test_module(stack=1 << 20, data=(1 << 20) + 16, names=("widget::start",)):
    """A module with a stack pointer starting at `stack`, one data segment at `data`, and these
    function names."""
    globals_ = b"\x01\x7f\x01" + i32(stack)
    segments = b"\x01\x00" + i32(data) + uleb(3) + b"\x01\x02\x03"
    parts = [(6, globals_), (11, segments)]
    if names:
        name_map = uleb(len(names)) + b"".join(uleb(i) + name(n) for i, n in enumerate(names))
        parts.append((0, name("name") + b"\x01" + uleb(len(name_map)) + name_map))
    return module(parts)


class CheckWasm(unittest.TestCase):
    def check(self, **options):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "test.wasm"
            path.write_bytes(test_module(**options))
            return run("check_wasm.py", path)

    def test_passes_the_widget_as_cargo_built_it(self):
        target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
        wasm = target / "wasm32-unknown-unknown" / "release" / "microneedling_check.wasm"
        self.assertTrue(wasm.exists(), f"{wasm} is missing: scripts/build.sh builds it")
        code, output = run("check_wasm.py", wasm)
        self.assertEqual(code, 0, output)
        self.assertIn("stack first", output)

    def test_passes_a_module_laid_out_and_named_as_the_widget_should_be(self):
        code, output = self.check()
        self.assertEqual(code, 0, output)

    def test_stops_the_build_for_data_below_the_stack(self):
        code, output = self.check(data=1024)
        self.assertEqual(code, 1, output)
        self.assertIn("data at 1024, below the stack's start", output)

    def test_stops_the_build_for_a_stack_that_does_not_come_first(self):
        code, output = self.check(stack=512)
        self.assertEqual(code, 1, output)
        self.assertIn("not a stack pointer starting at 64 KiB or more", output)

    def test_stops_the_build_for_code_the_widget_does_without(self):
        for heavy in (
            "<core::str::pattern::StrSearcher>::new",
            "core::num::flt2dec::to_exact_fixed_str",
            "dlmalloc::Dlmalloc::malloc",
        ):
            code, output = self.check(names=("widget::start", heavy))
            self.assertEqual(code, 1, f"{heavy}: {output}")
            self.assertIn("code the widget does without is linked in", output)

    def test_stops_the_build_for_a_module_it_cannot_check(self):
        code, output = self.check(names=())
        self.assertEqual(code, 1, output)
        self.assertIn("no function names", output)
        code, output = run("check_wasm.py", ROOT / "README.md")
        self.assertEqual(code, 1, output)
        self.assertIn("not a WebAssembly module", output)


class PackWasm(unittest.TestCase):
    def test_compresses_so_that_it_inflates_back_exactly_and_refuses_a_file_that_is_not_a_module(self):
        with tempfile.TemporaryDirectory() as folder:
            folder = Path(folder)
            wasm = test_module(names=("widget::start",) * 3)
            (folder / "in.wasm").write_bytes(wasm)
            code, output = run("pack_wasm.py", folder / "in.wasm", folder / "out.bin")
            self.assertEqual(code, 0, output)
            self.assertEqual(gzip.decompress((folder / "out.bin").read_bytes()), wasm, "out.bin inflates to the module")
            code, output = run("pack_wasm.py", ROOT / "README.md", folder / "readme.bin")
            self.assertEqual(code, 1, output)
            self.assertIn("not a WebAssembly module", output)
            self.assertFalse((folder / "readme.bin").exists(), "nothing written for it")


# wasm-bindgen's fallbacks for older browsers, as it writes them (after short_names.py).
FALLBACKS = [
    "const CLOSURE_DTORS = (typeof FinalizationRegistry === 'undefined')",
    "    ? { register: () => {}, unregister: () => {} }",
    "    : new FinalizationRegistry(state => wasm.$n(state.a, state.b));",
    "let cachedTextDecoder = new TextDecoder('utf-8', { ignoreBOM: true });",
    "const MAX_SAFARI_DECODE_BYTES = 2146435072;",
    "let numBytesDecoded = 0;",
    "function decodeText(bytes) {",
    "    numBytesDecoded += bytes.length;",
    "    if (numBytesDecoded >= MAX_SAFARI_DECODE_BYTES) {",
    "        cachedTextDecoder = new TextDecoder('utf-8', { ignoreBOM: true });",
    "        cachedTextDecoder.decode();",
    "        numBytesDecoded = bytes.length;",
    "    }",
    "    return cachedTextDecoder.decode(bytes);",
    "}",
    "const cachedTextEncoder = new TextEncoder();",
    "",
    "if (!('encodeInto' in cachedTextEncoder)) {",
    "    cachedTextEncoder.encodeInto = function (arg, view) {",
    "        const buf = cachedTextEncoder.encode(arg);",
    "        view.set(buf);",
    "        return {",
    "            read: arg.length,",
    "            written: buf.length",
    "        };",
    "    };",
    "}",
]

INIT = [
    "async function __wbg_load(module, imports) { return WebAssembly.instantiate(module, imports); }",
    "function initSync(module) { return new WebAssembly.Instance(module, __wbg_get_imports()); }",
    "let __wbg_init_promise;",
    "async function __wbg_init(module_or_path) { return __wbg_init_once(module_or_path); }",
    "async function __wbg_init_once(module_or_path) { return __wbg_load(await fetch(module_or_path), {}); }",
]


def glue(init):
    return "\n".join(
        [
            "let wasmModule, wasmInstance, wasm;",
            *FALLBACKS,
            "function __wbg_get_imports() { return {}; }",
            "function __wbg_finalize_init(instance, module) { wasm = instance.exports; return wasm; }",
            *init,
            "export { initSync, __wbg_init as default };",
            "",
        ]
    )


class TrimGlue(unittest.TestCase):
    def test_replaces_the_init_of_a_glue_of_the_known_shape_and_leaves_any_other_glue_alone(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "glue.js"
            path.write_text(glue(INIT))
            code, output = run("trim_glue.py", path)
            self.assertEqual(code, 0, output)
            out = path.read_text()
            self.assertIn("function __wbg_get_imports() { return {}; }\nfunction __wbg_finalize_init(", out)
            self.assertIn("\n".join(FALLBACKS), out, "everything before the init is left as it is")
            self.assertIn("export default async function __wbg_init(response) {", out)
            self.assertIn("WebAssembly.instantiateStreaming(response, __wbg_get_imports())", out)
            self.assertNotRegex(out, r"fetch\(|initSync|__wbg_load|export \{", "the old init is gone")

            code, output = run("trim_glue.py", path)
            self.assertEqual(code, 1, output)
            self.assertEqual(path.read_text(), out, "a trimmed glue is left as it is")

            for changed in ([*INIT[:2], "function helper() {}", *INIT[2:]], INIT[:4]):
                path.write_text(glue(changed))
                code, output = run("trim_glue.py", path)
                self.assertEqual(code, 1, output)
                self.assertRegex(output, r"the glue's init declares .*, expected")
                self.assertEqual(path.read_text(), glue(changed), "nothing written")


if __name__ == "__main__":
    unittest.main()


class Release(unittest.TestCase):
    """scripts/release.py stages the package and writes the zip: the same dist/ gives the same bytes."""

    def dist(self, folder, version="9.8.7"):
        folder.mkdir()
        (folder / "microneedling-check.js").write_text(f'export const version="{version}";\n')
        for file in ("microneedling-check-wasm.bin", "microneedling-check-texts-en.bin"):
            (folder / file).write_bytes(file.encode() * 3)
        for file in ("configure.html", "configure.js", "configure.css"):
            (folder / file).write_text(file)
        return folder

    def test_writes_the_same_zip_twice_with_checksums_and_refuses_a_build_of_another_version(self):
        import hashlib
        import json
        import zipfile

        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            dist = self.dist(tmp / "dist")
            zips = []
            for n in (1, 2):
                code, out = run("release.py", dist, tmp / f"stage{n}", tmp / f"r{n}.zip", "9.8.7", "1700000000")
                self.assertEqual(code, 0, out)
                zips.append((tmp / f"r{n}.zip").read_bytes())
            self.assertEqual(zips[0], zips[1], "two runs on the same dist/ differ")
            package = json.loads((tmp / "stage1" / "package.json").read_text())
            self.assertEqual((package["name"], package["version"]), ("microneedling-check", "9.8.7"))
            self.assertEqual(package["exports"]["."], "./microneedling-check.js")
            self.assertIn("microneedling-check-texts-en.bin", package["files"])
            with zipfile.ZipFile(tmp / "r1.zip") as z:
                names = z.namelist()
                self.assertEqual(names[1:], sorted(names[1:]), "entries sorted")
                self.assertTrue(all(n.startswith("microneedling-check-9.8.7/") for n in names))
                self.assertEqual({i.date_time for i in z.infolist()}, {(2023, 11, 14, 22, 13, 20)})
                for line in z.read("microneedling-check-9.8.7/SHA256SUMS").decode().splitlines():
                    digest, file = line.split("  ")
                    data = z.read(f"microneedling-check-9.8.7/{file}")
                    self.assertEqual(hashlib.sha256(data).hexdigest(), digest, file)
                example = z.read("microneedling-check-9.8.7/example.html").decode()
                self.assertNotIn("@integrity:", example)
                self.assertIn("9.8.7", example)

            code, out = run("release.py", dist, tmp / "stage3", tmp / "r3.zip", "1.0.0", "1700000000")
            self.assertEqual(code, 1)
            self.assertIn("does not carry version 1.0.0", out)
