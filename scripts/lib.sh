# Shared helpers for the scripts in this folder; sourced, not run.
# Every script sources this first: it moves to the repository root and stops on the first error.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Headless Chromium as this project runs it (tests/e2e/helpers.mjs and webdriver.json use the same flags).
CHROMIUM=/usr/bin/chromium
CHROMEDRIVER_BIN=/usr/bin/chromedriver

if [ -t 1 ]; then
    _BOLD=$'\e[1m'; _RED=$'\e[31m'; _GREEN=$'\e[32m'; _RESET=$'\e[0m'
else
    _BOLD=''; _RED=''; _GREEN=''; _RESET=''
fi

# step "message": a visible heading for the next step.
step() { printf '\n%s==> %s%s\n' "$_BOLD" "$*" "$_RESET"; }
# note "message": a detail line.
note() { printf '    %s\n' "$*"; }
# ok "message": a success line.
ok() { printf '%s    ok: %s%s\n' "$_GREEN" "$*" "$_RESET"; }
# die "message": stop the script with a clear error.
die() { printf '\n%sERROR: %s%s\n' "$_RED$_BOLD" "$*" "$_RESET" >&2; exit 1; }

# now: seconds since the epoch (for timings).
now() { date +%s; }
# elapsed START: "1m 05s" since START.
elapsed() { local s=$(( $(now) - $1 )); printf '%dm %02ds' $((s / 60)) $((s % 60)); }

# The wasm-bindgen version Cargo.lock pins (the CLI must match it exactly).
wasm_bindgen_version() {
    [ -f Cargo.lock ] || die "Cargo.lock is missing: run 'cargo generate-lockfile' (or restore it from git)"
    awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

# The widget's version: Cargo.toml's [package] version (the loader, the demo pages and the
# release files carry it).
crate_version() {
    awk '/^\[package\]/ { p = 1; next } /^\[/ { p = 0 } p && $1 == "version" { gsub(/"/, "", $3); print $3; exit }' Cargo.toml
}

# npm_ci DIR [BIN...]: `npm ci` in DIR (relative to the root) unless its node_modules was installed
# from the same package.json and package-lock.json (a stamp records their hash) and has every BIN
# (relative to DIR) executable. Returns 1 if npm fails, for the caller to decide.
npm_ci() {
    local dir="$1" hash file current=yes
    shift
    local stamp="$dir/node_modules/.install-stamp"
    hash=$(cat "$dir/package.json" "$dir/package-lock.json" | sha256sum | awk '{print $1}')
    { [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; } || current=no
    for file in "$@"; do [ -x "$dir/$file" ] || current=no; done
    if [ "$current" = yes ]; then
        ok "$dir/node_modules (package-lock.json unchanged)"
        return 0
    fi
    note "npm ci in $dir/ (node_modules missing or package-lock.json changed)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || return 1
    echo "$hash" > "$stamp"
}

# has_rust_src: whether the toolchain has the standard library's source (the rust-src component),
# which scripts/build.sh needs to rebuild std for the widget.
has_rust_src() { [ -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library" ]; }

# cargo-installed tools (wasm-bindgen, wasm-bindgen-test-runner) live here.
if [ -d "$HOME/.cargo/bin" ]; then
    case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) PATH="$HOME/.cargo/bin:$PATH" ;; esac
    export PATH
fi
