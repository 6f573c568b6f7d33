#!/usr/bin/env bash
# Builds the release widget into dist/:
#   microneedling-check.js             the loader (web/microneedling-check.js; defines <microneedling-check>)
#   microneedling-check-wasm.js        wasm-bindgen's glue, its init trimmed to the loader's one call (scripts/trim_glue.py)
#   microneedling-check-wasm.bin       the widget (engine, content, wordings and CSS compiled in), wasm-opt -Oz,
#                                      gzip-compressed by zopfli (scripts/pack_wasm.py); the loader inflates it
#   index.html + web/demo/*            the demo clinic page, the embed builder (configure.html) and their
#                                      assets (not shipped to clinics; scripts/release.sh packs the builder)
# then prints the shipped files' sizes (raw, gzip -9, brotli when python has it), checks the gzip
# budget and prints SRI hashes. Any failing step stops the build (exit 1); over the size budget,
# dist/ is complete but the build exits with 3.
#
# Expects the tools from scripts/install.sh (serve.sh and test.sh run it first).

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The size target: the most bytes one visitor downloads, as served (loader + WebAssembly + the
# texts of one locale), checked for every locale. The build fails only above it: a guard, not a
# ratchet (a new question or text under it needs no edit here). Raise it only with a stated reason
# in the commit and in ARCHITECTURE.md (Size). scripts/sizes.py prints each figure against
# docs/size-baseline.json (MC_WRITE_BASELINE=1 records today's).
TARGET_BYTES=112000
# What MC_PLAIN_BUILD=1 (below) adds per visitor: 11.1 kB measured (issue 23); that build's target
# is raised by it.
PLAIN_EXTRA_BYTES=12000
TARGET=wasm32-unknown-unknown
WASM_IN="${CARGO_TARGET_DIR:-target}/$TARGET/release/microneedling_check.wasm"
OUT_NAME=microneedling-check-wasm
# Everything is built in a staging folder and moved to dist/ in one step at the end, so a server
# (or a test) never sees a half-built dist/.
mkdir -p target
STAGE="$(mktemp -d target/dist-stage.XXXXXX)"
trap 'rm -rf "$STAGE" "target/dist-old.$$"' EXIT
DIST="$STAGE"
WASM_OUT="$DIST/${OUT_NAME}_bg.wasm"
# rustc's wasm32 output uses these post-MVP features (LLVM 19/20 defaults); wasm-opt must accept them.
WASM_OPT_FEATURES=(--enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int --enable-sign-ext
    --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-call-indirect-overlong)

started=$(now)

for f in web/microneedling-check.js index.html; do
    [ -f "$f" ] || die "$f is missing"
done
command -v wasm-bindgen >/dev/null 2>&1 || die "wasm-bindgen is not installed: run ./scripts/install.sh"
[ -x node_modules/.bin/wasm-opt ] || die "node_modules/.bin/wasm-opt is missing: run ./scripts/install.sh"
[ -x node_modules/.bin/terser ] || die "node_modules/.bin/terser is missing: run ./scripts/install.sh"
want=$(wasm_bindgen_version)
have=$(wasm-bindgen --version | awk '{print $2}')
[ "$have" = "$want" ] || die "wasm-bindgen CLI is $have but Cargo.lock pins $want: run ./scripts/install.sh"

# The standard library is rebuilt with the widget (the rust-src component, from install.sh):
# optimised for size, and with panics that stop the widget at once instead of formatting a
# message nobody reads (the loader shows its fallback box either way). That drops Rust's panic and
# formatting machinery: about 11 kB gzip. Both are unstable options of the stable toolchain,
# enabled for this one command by RUSTC_BOOTSTRAP; ARCHITECTURE.md (Size) says why
# and how to drop them if a toolchain update breaks them.
BUILD_STD=(-Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size)
# Also: `Debug` formatting prints nothing (no `{:?}` is ever shown to a visitor; a tidy test keeps
# it out of the widget's code) and panics carry no file and line (they print nothing anyway).
BUILD_STD_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none"
if [ "${MC_PLAIN_BUILD:-0}" = 1 ]; then
    # The escape hatch, for a toolchain on which the unstable options above break: the stable
    # toolchain's own std, panics with their messages. Bigger, by PLAIN_EXTRA_BYTES per visitor
    # (measured: see ARCHITECTURE.md, Size), so the target grows by as much, and the build says so.
    TARGET_BYTES=$((TARGET_BYTES + PLAIN_EXTRA_BYTES))
    printf '\n%sMC_PLAIN_BUILD=1: building WITHOUT -Zbuild-std and the panic/formatting options.%s\n' "$_RED$_BOLD" "$_RESET" >&2
    printf '%s  The widget is about %s bytes bigger per visitor; the size target is raised to %s for this build.%s\n' \
        "$_RED$_BOLD" "$PLAIN_EXTRA_BYTES" "$TARGET_BYTES" "$_RESET" >&2
    step "cargo build --release --lib --target $TARGET (plain: MC_PLAIN_BUILD=1)"
    cargo build --release --lib --target "$TARGET" || die "cargo build (release, wasm, plain) failed"
else
    step "cargo build --release --lib --target $TARGET ${BUILD_STD[*]}"
    has_rust_src || die "the rust-src component is missing: run ./scripts/install.sh"
    RUSTC_BOOTSTRAP=1 RUSTFLAGS="$BUILD_STD_RUSTFLAGS" cargo build --release --lib --target "$TARGET" "${BUILD_STD[@]}" \
        || die "cargo build (release, wasm) failed (if the errors are about build-std or immediate-abort after a toolchain update, MC_PLAIN_BUILD=1 builds without them: see ARCHITECTURE.md, Size)"
fi
[ -f "$WASM_IN" ] || die "cargo did not produce $WASM_IN"
step "Checking the cargo output (scripts/check_wasm.py)"
python3 scripts/check_wasm.py "$WASM_IN" || die "the wasm's memory layout or code is not what this build expects (above)"

# wasm-bindgen + wasm-opt take ~10 s; their output is kept in target/ keyed by everything that
# goes in (the cargo output, both tools' versions, the flags), so an unchanged wasm skips them.
# -ocimfs=15: a function with one caller is inlined only if it is small. Inlining every such
# function (binaryen's default) makes the binary 2 % smaller but 4 % bigger once gzipped (5.7 kB
# here): merged into its caller, a body's local numbers differ from every other copy of the same
# pattern, so gzip finds fewer repeats. Measured over -ocimfs 0-50: 12-20 are equally good.
# --low-memory-unused: the first 1 KiB of memory is never addressed, so binaryen may fold
# constant offsets into loads and stores (0.24 kB less gzip). True of rustc's wasm32 output, as
# scripts/check_wasm.py checks above: the stack comes first and grows down from 1 MiB towards 0
# (the data follows it), so the lowest 1 KiB is reached only by a stack 1023 KiB deep.
WASM_OPT_ARGS=(-Oz --converge --one-caller-inline-max-function-size=15 --low-memory-unused "${WASM_OPT_FEATURES[@]}")
# The same pass strips what the browser does not need. (A step that renamed the functions so that
# sorting put look-alike bodies together saved 0.6 kB; issue 23 keeps a post-processing step only
# for 1 kB or a privacy guarantee, so it went.)
WASM_OPT_ARGS+=(--strip-debug --strip-producers --strip-target-features)
wasm_opt_version=$(node_modules/.bin/wasm-opt --version)
key=$( { sha256sum < "$WASM_IN"; echo "$have $wasm_opt_version ${WASM_OPT_ARGS[*]} $OUT_NAME"; } | sha256sum | cut -c1-16)
CACHE=target/widget-cache
if [ -f "$CACHE/$key/$OUT_NAME.js" ] && [ -f "$CACHE/$key/${OUT_NAME}_bg.wasm" ]; then
    step "wasm-bindgen + wasm-opt: unchanged input, reusing $CACHE/$key"
    cp "$CACHE/$key/$OUT_NAME.js" "$CACHE/$key/${OUT_NAME}_bg.wasm" "$DIST/"
else
    step "wasm-bindgen --target web"
    wasm-bindgen --target web --no-typescript --out-dir "$DIST" --out-name "$OUT_NAME" "$WASM_IN" \
        || die "wasm-bindgen failed"

    step "wasm-opt -Oz (flags above)"
    before=$(stat -c %s "$WASM_OUT")
    node_modules/.bin/wasm-opt "${WASM_OPT_ARGS[@]}" "$WASM_OUT" -o "$WASM_OUT.opt" || die "wasm-opt failed on $WASM_OUT"
    mv "$WASM_OUT.opt" "$WASM_OUT"
    note "$(printf "%'d" "$before") -> $(printf "%'d" "$(stat -c %s "$WASM_OUT")") bytes"

    rm -rf "$CACHE"
    mkdir -p "$CACHE/$key.tmp"
    cp "$DIST/$OUT_NAME.js" "$WASM_OUT" "$CACHE/$key.tmp/"
    mv "$CACHE/$key.tmp" "$CACHE/$key"
fi

step "Privacy check of the generated glue"
# Every browser API the wasm reaches is a named import in the glue; none of these may appear.
# (An import of fetch for the Rust code would be named __wbg_fetch_*. wasm-bindgen's own init can
# fetch the .wasm's URL; trim_glue.py, below, replaces it with one that cannot.)
forbidden='__wbg_fetch_|sendBeacon|XMLHttpRequest|WebSocket|EventSource|localStorage|sessionStorage|indexedDB|[Cc]ookie|RTCPeerConnection|serviceWorker|postMessage|openDatabase|caches\.'
if grep -nE "$forbidden" "$DIST/$OUT_NAME.js"; then
    die "the wasm-bindgen glue imports a browser API that could store or send data (lines above)"
fi
ok "no network, storage or messaging imports in $OUT_NAME.js"

step "Short names between the wasm and its glue (scripts/short_names.py)"
# wasm-bindgen's import and export names carry hashes and Rust type paths, written once in each
# file: about 4 kB gzip in all. The privacy check above has read them; dist/readable/ keeps each
# one as a comment.
python3 scripts/short_names.py "$WASM_OUT" "$DIST/$OUT_NAME.js" || die "renaming the wasm's imports and exports failed"

step "The glue's init, trimmed to what the loader uses (scripts/trim_glue.py)"
# wasm-bindgen's init also accepts URLs, bytes and modules, fetches a default URL and falls back
# for servers that send the wrong type; the loader always passes the module's Response. It also
# drops three fallbacks for browsers older than DecompressionStream needs. 0.7 kB in all.
python3 scripts/trim_glue.py "$DIST/$OUT_NAME.js" || die "trimming the glue's init failed"

step "Compressing the .wasm for shipping (scripts/pack_wasm.py, zopfli)"
# The loader inflates it with the browser's DecompressionStream: every site then sends these bytes,
# whatever its server does with .wasm files. The uncompressed module stays in dist/readable/.
python3 scripts/pack_wasm.py "$WASM_OUT" "$DIST/$OUT_NAME.bin" || die "compressing $WASM_OUT failed"
mkdir -p "$DIST/readable"
mv "$WASM_OUT" "$DIST/readable/"

step "Each locale's texts (examples/locale_packs.rs), compressed like the .wasm"
# The WebAssembly carries no texts: the loader fetches the pack of the locale each element shows.
PACKS_DIR="$STAGE/packs"
mapfile -t LOCALE_LINES < <(cargo run --quiet --example locale_packs -- "$PACKS_DIR") \
    || die "writing the locale packs failed"
[ "${#LOCALE_LINES[@]}" -gt 0 ] || die "examples/locale_packs.rs listed no locale"
CODES=()
TEXTS_ARGS=()
for line in "${LOCALE_LINES[@]}"; do
    code=${line%% *}
    CODES+=("$code")
    python3 scripts/pack_wasm.py "$PACKS_DIR/$code.txt" "$DIST/microneedling-check-texts-$code.bin" \
        || die "compressing the $code texts failed"
    TEXTS_ARGS+=("$code=$DIST/microneedling-check-texts-$code.bin")
done
mkdir -p "$DIST/readable"
mv "$PACKS_DIR"/*.txt "$DIST/readable/" && rmdir "$PACKS_DIR"

step "The loader: the glue merged in, every file's SHA-384, the fallback texts (scripts/assemble_loader.py)"
cp web/microneedling-check.js "$DIST/microneedling-check.js"
python3 scripts/assemble_loader.py "$DIST/microneedling-check.js" "$DIST/$OUT_NAME.js" "$DIST/$OUT_NAME.bin" \
    "${TEXTS_ARGS[@]}" || die "assembling the loader failed"
mv "$DIST/$OUT_NAME.js" "$DIST/readable/$OUT_NAME.js" # kept readable for audits; merged into the loader
python3 scripts/fallback_texts.py "$DIST/microneedling-check.js" || die "filling in the loader's fallback texts failed"
VERSION=$(crate_version)
[ -n "$VERSION" ] || die "no version in Cargo.toml's [package]"
grep -q "/\*VERSION\*/ 'unbuilt'" "$DIST/microneedling-check.js" || die "the loader has no /*VERSION*/ marker"
sed -i "s|/\*VERSION\*/ 'unbuilt'|'$VERSION'|" "$DIST/microneedling-check.js"
node --check "$DIST/microneedling-check.js" || die "dist/microneedling-check.js is not valid JavaScript"

# The loader is minified (scripts/minify.mjs, terser): about 3 kB less gzip, and less to parse.
# The readable form goes to dist/readable/ (not shipped): for anyone auditing the widget, and for
# the e2e static checks, which also check that the shipped file is exactly its minified form.
mv "$DIST/microneedling-check.js" "$DIST/readable/microneedling-check.js"
node scripts/minify.mjs "$DIST/readable/microneedling-check.js" "$DIST/microneedling-check.js" \
    || die "minifying microneedling-check.js failed"
note "minified microneedling-check.js (readable forms in dist/readable/)"
cp index.html "$DIST/index.html"
if [ -d web/demo ]; then
    cp -R web/demo/. "$DIST/"
fi
# The same page under the strictest policy the widget documents (the e2e tests load it and fail on
# any CSP violation): no inline script or style, wasm compilation allowed, nothing from other origins.
csp="default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'; object-src 'none'"
sed -e "s|<meta charset=\"utf-8\">|<meta charset=\"utf-8\">\n  <meta http-equiv=\"Content-Security-Policy\" content=\"$csp\">|" \
    -e 's|<title>\(.*\)</title>|<title>\1 (strict CSP)</title>|' index.html > "$DIST/strict-csp.html"
grep -q 'http-equiv="Content-Security-Policy"' "$DIST/strict-csp.html" \
    || die "could not add the CSP to dist/strict-csp.html (index.html must contain <meta charset=\"utf-8\">)"
# The demo pages' preload lines carry the files' integrity (`@integrity:FILE@`), filled in here,
# and the embed builder (configure.html) the version too (`@version@`).
python3 - "$DIST" "$VERSION" <<'PY' || die "filling in the demo pages' integrity values failed"
import base64, glob, hashlib, os, re, sys
dist, version = sys.argv[1], sys.argv[2]
def sri(match):
    with open(os.path.join(dist, match.group(1)), "rb") as f:
        return "sha384-" + base64.b64encode(hashlib.sha384(f.read()).digest()).decode()
for page in glob.glob(os.path.join(dist, "*.html")):
    with open(page, encoding="utf-8") as f:
        text = f.read()
    filled = re.sub(r"@integrity:([A-Za-z0-9._-]+)@", sri, text).replace("@version@", version)
    if filled != text:
        with open(page, "w", encoding="utf-8") as f:
            f.write(filled)
PY
note "$(cd "$DIST" && ls | tr '\n' ' ')"
chmod 755 "$STAGE"
if [ -d dist ]; then mv dist "target/dist-old.$$"; fi
mv "$STAGE" dist
rm -rf "target/dist-old.$$"
DIST=dist
SHIPPED=("$DIST/microneedling-check.js" "$DIST/$OUT_NAME.bin")
for code in "${CODES[@]}"; do SHIPPED+=("$DIST/microneedling-check-texts-$code.bin"); done

step "Shipped files"
budget_rc=0
SIZE_ARGS=(--target "$TARGET_BYTES" --baseline docs/size-baseline.json)
[ "${MC_WRITE_BASELINE:-0}" = 1 ] && SIZE_ARGS+=(--write-baseline)
python3 scripts/sizes.py "${SIZE_ARGS[@]}" "${SHIPPED[@]}" || budget_rc=$?
if [ "$budget_rc" -eq 1 ]; then
    # Exit code 3: dist/ is complete but too big (serve.sh still serves it; test.sh fails).
    printf '\n%sERROR: a visitor would download more than the size target of %s bytes (dist/ was built)%s\n' \
        "$_RED$_BOLD" "$TARGET_BYTES" "$_RESET" >&2
    exit 3
elif [ "$budget_rc" -ne 0 ]; then
    die "measuring the shipped files failed"
fi

printf '\nBuilt dist/ in %s\n' "$(elapsed "$started")"
