#!/usr/bin/env bash
# The benchmark: builds the release widget, then reports (never asserts) its size and speed.
#   ./scripts/bench.sh                          9 cold loads, 3 full journeys
#   BENCH_LOADS=15 BENCH_JOURNEYS=5 ./scripts/bench.sh
#
#   1. scripts/install.sh and scripts/build.sh (release bundle into dist/), then a snapshot of dist/
#      (so another build during the run cannot change what is measured);
#   2. natively: `cargo run --release --example bench_evaluate -- --json` (one `evaluate` over a
#      full answer set);
#   3. for comparison, SurveyJS (bench/peers/, installed there with `npm ci` when missing or its
#      lock changed) and the questionnaire for it (`microneedling-check questions --json`); if npm
#      cannot install it, the run goes on without it and says so;
#   4. bench/run.mjs: the shipped files raw, gzip -9 and brotli; in headless Chromium
#      (bench/browser.mjs) cold loads of the demo page (and, in the same rounds, of the same page
#      with a stand-in and with SurveyJS) and full journeys; a table with the issue's targets, and
#      everything as JSON in bench-results/latest.json.
# Exits non-zero only when the build fails or something could not be measured; timings over their
# targets are shown as "NOT MET" but do not fail the run.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
started=$(now)

LOADS="${BENCH_LOADS:-9}"
JOURNEYS="${BENCH_JOURNEYS:-3}"
OUT=bench-results/latest.json
# The shipped files, and the uncompressed .wasm that bench/run.mjs breaks down into code and data.
NEEDED=(microneedling-check.js microneedling-check-wasm.js microneedling-check-wasm.bin readable/microneedling-check-wasm_bg.wasm)

bash "$ROOT/scripts/install.sh" || die "installing the tools failed"
build_rc=0
bash "$ROOT/scripts/build.sh" || build_rc=$?
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
    --loads "$LOADS" --journeys "$JOURNEYS" || die "some values could not be measured (see above)"

printf '\nBenchmark done in %s; results in %s\n' "$(elapsed "$started")" "$OUT"
