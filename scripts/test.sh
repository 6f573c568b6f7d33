#!/usr/bin/env bash
# The whole test suite, in order, stopping at the first failure:
#   1. tools (scripts/install.sh)          6. release build, size target, SRI (scripts/build.sh)
#   2. formatting: cargo fmt, prettier,    7. the Python build scripts' tests (unittest), which
#      ruff (format and lint)                also check the release build's cargo output
#   3. cargo clippy, native and wasm32
#   4. cargo test (native)                 8. end-to-end tests in Chromium (node --test tests/e2e/)
#   5. browser tests: cargo test --target wasm32 --test web
# and a closing line "N passed, 0 failed" over every test the runners counted.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

suite_started=$(now)
LOGS="$(mktemp -d "${TMPDIR:-/tmp}/microneedling-check-test.XXXXXX")"
trap 'rm -rf "$LOGS"' EXIT
PASSED=0
FAILED=0
TIMINGS=()

# run_step NAME COMMAND...: runs COMMAND with its output visible (and kept in $LOGS/NAME.log);
# stops the suite with a clear message when it fails.
run_step() {
    local name="$1"; shift
    local started rc log="$LOGS/${name//[^A-Za-z0-9]/_}.log"
    step "$name"
    printf '    $ %s\n' "$*"
    started=$(now)
    set +e
    "$@" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    set -e
    TIMINGS+=("$(printf '%-56s %s' "$name" "$(elapsed "$started")")")
    if [ "$rc" -ne 0 ]; then
        printf '\n%sFAILED: %s (exit code %s)%s\n' "$_RED$_BOLD" "$name" "$rc" "$_RESET" >&2
        printf '    command: %s\n' "$*" >&2
        printf '    the output above shows why; the suite stopped here after %s.\n' "$(elapsed "$suite_started")" >&2
        exit 1
    fi
    LAST_LOG="$log"
}

# count_cargo LOG: adds up cargo's / wasm-bindgen-test-runner's "test result:" lines.
count_cargo() {
    local p f
    read -r p f < <(awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
                         END { print p + 0, f + 0 }' "$1")
    PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
    note "counted: $p passed, $f failed"
}

# count_unittest LOG: reads unittest's "Ran N tests" and its "FAILED (failures=F, errors=E)" line.
count_unittest() {
    local p f
    read -r p f < <(awk '/^Ran [0-9]+ test/ { ran = $2 } /^FAILED \(/ { gsub(/[^0-9,]/, "", $0); n = split($0, parts, ","); for (i = 1; i <= n; i++) bad += parts[i] }
                         END { print ran - bad, bad + 0 }' "$1")
    PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
    note "counted: $p passed, $f failed"
}

# count_node LOG: adds up node's test runner closing lines ("# pass N" / "# fail N").
count_node() {
    local p f
    read -r p f < <(awk '/^(# |ℹ )pass [0-9]+$/ { p += $NF } /^(# |ℹ )fail [0-9]+$/ { f += $NF } END { print p + 0, f + 0 }' "$1")
    PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
    note "counted: $p passed, $f failed"
}

run_step "Tools" bash "$ROOT/scripts/install.sh"

run_step "Formatting (cargo fmt --check)" cargo fmt --check

run_step "Formatting of JavaScript and Python (prettier --check, ruff format --check, ruff check)" bash -c \
    'node_modules/.bin/prettier --check . && .tools/venv/bin/ruff format --check . && .tools/venv/bin/ruff check .'

run_step "Lints, native (cargo clippy)" cargo clippy --all-targets -- -D warnings

run_step "Lints, wasm32 (cargo clippy --target wasm32)" \
    cargo clippy --target wasm32-unknown-unknown --lib --tests -- -D warnings

run_step "Native tests (cargo test)" cargo test
count_cargo "$LAST_LOG"

# wasm-bindgen-test-runner starts chromedriver, which starts /usr/bin/chromium with webdriver.json's flags.
export CHROMEDRIVER="$CHROMEDRIVER_BIN"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-60}"
run_step "Browser tests (cargo test --target wasm32 --test web)" \
    cargo test --target wasm32-unknown-unknown --test web
count_cargo "$LAST_LOG"

run_step "Release build, size target, SRI (scripts/build.sh)" bash "$ROOT/scripts/build.sh"

run_step "Build-script tests (python3 -m unittest, tests/python/)" \
    python3 -m unittest discover -s tests/python -v
count_unittest "$LAST_LOG"

# The e2e tests compare the widget's results with the native engine's CLI (built by cargo test above).
run_step "End-to-end tests in Chromium (node --test tests/e2e/)" \
    node --test --test-concurrency=2 tests/e2e/
count_node "$LAST_LOG"

step "Timings"
for t in "${TIMINGS[@]}"; do note "$t"; done
note "$(printf '%-56s %s' "total" "$(elapsed "$suite_started")")"

echo
if [ "$FAILED" -ne 0 ]; then
    # A runner that exits 0 with failures counted would be a bug in this script; never hide it.
    echo "$PASSED passed, $FAILED failed"
    exit 1
fi
echo "$PASSED passed, $FAILED failed"
