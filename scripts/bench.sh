#!/usr/bin/env bash
# The benchmark: builds the release widget, then reports (never asserts) its size and speed.
#   ./scripts/bench.sh                    7 desktop and 3 phone rounds of cold loads, 3 full journeys
#   BENCH_LOADS=15 BENCH_PHONE_LOADS=5 BENCH_JOURNEYS=5 ./scripts/bench.sh     more samples
#   BENCH_PHONE_LOADS=0 ./scripts/bench.sh                                     desktop only
#   BENCH_SKIP_BUILD=1 ./scripts/bench.sh                                      measure dist/ as it is
#
#   1. scripts/install.sh and scripts/build.sh (release bundle into dist/; both skipped with
#      BENCH_SKIP_BUILD=1, which measures the dist/ there is), then a snapshot of dist/ (so another
#      build during the run cannot change what is measured);
#   2. natively: `cargo run --release --example bench_evaluate -- --json` (one `evaluate` over a
#      full answer set);
#   3. for comparison, SurveyJS (bench/peers/, installed there with `npm ci` when missing or its
#      lock changed) and the questionnaire for it (`microneedling-check questions --json`, and its
#      Arabic texts from locales/ar.toml); if npm cannot install it, the run goes on without it and
#      says so;
#   4. bench/run.mjs: the shipped files raw, gzip -9 and brotli; in headless Chromium
#      (bench/browser.mjs; files served by bench/server.mjs, which gzips text files as a web server
#      would), rounds of cold loads, each load in a newly launched browser: the demo page in
#      English and in Arabic (locale="ar") and, in the same rounds, SurveyJS with the same
#      questionnaire in both languages (and, on desktop, a do-nothing stand-in); first on desktop
#      (BENCH_LOADS rounds), then as a phone (BENCH_PHONE_LOADS rounds: CPU ×4 and, per request,
#      150 ms round trip and 1.6 Mbit/s down / 750 kbit/s up through CDP's network emulation,
#      375 × 812 at device scale 2, touch); then full journeys and mount/unmount cycles. The last
#      table: for desktop and phone, en and ar, the widget's start-page heading shown, its first
#      question usable (Start pressed as soon as it exists) and its bytes per visitor (transferred,
#      the host page's own document and stylesheets left out), beside SurveyJS's, the per-round
#      ratio, and the issue's targets (first question ≤ 1/3 of SurveyJS's on the phone, ≤ 0.3 on
#      desktop; bytes ≤ 100 kB and ≤ 1/4 of SurveyJS's) marked met or NOT MET. Everything as JSON
#      in bench-results/latest.json.
# Exits non-zero only when the build fails or something could not be measured; timings over their
# targets are shown as "NOT MET" but do not fail the run. About 5 minutes with the defaults on the
# 2-core test machine.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
started=$(now)

LOADS="${BENCH_LOADS:-7}"
PHONE_LOADS="${BENCH_PHONE_LOADS:-3}"
JOURNEYS="${BENCH_JOURNEYS:-3}"
OUT=bench-results/latest.json
# The shipped files, and the uncompressed .wasm that bench/run.mjs breaks down into code and data.
NEEDED=(microneedling-check.js microneedling-check-wasm.bin microneedling-check-texts-en.bin readable/microneedling-check-wasm_bg.wasm)

build_rc=0
if [ "${BENCH_SKIP_BUILD:-0}" = 1 ]; then
    step "BENCH_SKIP_BUILD=1: no install, no build; measuring dist/ as it is"
    [ -f dist/index.html ] || die "dist/ has no build: run ./scripts/build.sh (or leave out BENCH_SKIP_BUILD)"
    note "dist/ built $(date -r dist/microneedling-check.js '+%Y-%m-%d %H:%M' 2>/dev/null || echo '(unknown)')"
else
    bash "$ROOT/scripts/install.sh" || die "installing the tools failed"
    bash "$ROOT/scripts/build.sh" || build_rc=$?
fi
if [ "$build_rc" -eq 3 ]; then
    printf '\n%sWARNING: the build is over its size budget; measuring it anyway.%s\n' "$_RED$_BOLD" "$_RESET" >&2
elif [ "$build_rc" -ne 0 ]; then
    die "the build failed (see above)"
fi

step "Snapshot of dist/"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/microneedling-check-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
SNAPSHOT="$WORK/dist"
# Another build may be rewriting dist/ right now: copy until the copy matches dist/ file for file.
stable=no
for attempt in 1 2 3 4 5; do
    rm -rf "$SNAPSHOT"
    if cp -R dist "$SNAPSHOT" 2>/dev/null && [ -f "$SNAPSHOT/index.html" ] && diff -rq dist "$SNAPSHOT" >/dev/null 2>&1; then
        missing=0
        for f in "${NEEDED[@]}"; do [ -s "$SNAPSHOT/$f" ] || missing=1; done
        if [ "$missing" -eq 0 ]; then stable=yes; break; fi
    fi
    note "dist/ is changing (another build?); retrying in 5 s ($attempt/5)"
    sleep 5
done
[ "$stable" = yes ] || die "dist/ kept changing or is incomplete (another build running?): rerun ./scripts/bench.sh"
ok "$(cd "$SNAPSHOT" && ls | tr '\n' ' ')"

step "Native: cargo run --release --example bench_evaluate -- --json"
cargo run --release --quiet --example bench_evaluate -- --json > "$WORK/native.json" \
    || die "the native benchmark (examples/bench_evaluate.rs) failed"
note "$(tail -n 1 "$WORK/native.json" | cut -c1-120)…"

step "For comparison: SurveyJS (bench/peers/)"
PEER_ARGS=()
if npm_ci bench/peers; then
    cargo run --release --quiet -- questions --json > "$WORK/questions.json" \
        || die "\`microneedling-check questions --json\` (the questionnaire for SurveyJS) failed"
    PEER_ARGS=(--questions "$WORK/questions.json")
else
    printf '%sWARNING: npm could not install bench/peers/: SurveyJS will not be measured.%s\n' "$_RED$_BOLD" "$_RESET" >&2
fi

step "Sizes and browser measurements (bench/run.mjs)"
node "$ROOT/bench/run.mjs" --dist "$SNAPSHOT" --native "$WORK/native.json" "${PEER_ARGS[@]}" --out "$OUT" \
    --loads "$LOADS" --phone-loads "$PHONE_LOADS" --journeys "$JOURNEYS" || die "some values could not be measured (see above)"

printf '\nBenchmark done in %s; results in %s\n' "$(elapsed "$started")" "$OUT"
