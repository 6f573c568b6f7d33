#!/usr/bin/env bash
# Installs whatever the build and the tests need and is missing. Safe to run again: every step
# checks first and takes well under a second when there is nothing to do.
#
#   the Rust toolchain rust-toolchain.toml pins (exact version, with rust-src, clippy, rustfmt and
#   the wasm32 target: build.sh rebuilds std, smaller)
#   wasm-bindgen-cli at exactly the version Cargo.lock pins (wasm-bindgen, wasm-bindgen-test-runner)
#   Debian chromium + chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)
#   npm devDependencies (binaryen's wasm-opt, terser, playwright-core, axe-core) via `npm ci`,
#   re-run only when node_modules is missing or package.json / package-lock.json changed
#   the python module zopfli (build.sh compresses the shipped .wasm with it)
#   ruff (the Python formatter and linter) in .tools/venv; prettier comes with the npm packages

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
started=$(now)

step "Checking for installed tools"

for tool in cargo rustup node npm python3; do
    command -v "$tool" >/dev/null 2>&1 || die "'$tool' is not installed; this project needs Rust (rustup), Node.js >= 20 and python3"
done
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "Node.js >= 20 is needed (found $(node --version))"

# 0. The pinned toolchain (rust-toolchain.toml; RUSTUP_AUTO_INSTALL=0 means rustup installs nothing
#    by itself). Every rustup and cargo command below then runs with it.
channel=$(awk -F'"' '/^channel *=/ { print $2; exit }' rust-toolchain.toml)
[ -n "$channel" ] || die "rust-toolchain.toml names no channel"
if rustup toolchain list | grep -q "^$channel-"; then
    ok "rust toolchain $channel"
else
    note "installing the rust toolchain $channel (rust-toolchain.toml) with rust-src, clippy, rustfmt and wasm32"
    rustup toolchain install "$channel" --profile minimal --component rust-src,clippy,rustfmt \
        --target wasm32-unknown-unknown || die "rustup toolchain install $channel failed"
fi
active=$(rustc --version 2>/dev/null | awk '{print $2}')
[ "$active" = "$channel" ] || die "rustc here is '${active:-missing}', not the pinned $channel (is RUSTUP_TOOLCHAIN set?)"

# 1. The WebAssembly target (rust-toolchain.toml names it, but RUSTUP_AUTO_INSTALL=0 installs nothing).
if rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
    ok "rust target wasm32-unknown-unknown"
else
    note "adding rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown || die "rustup target add wasm32-unknown-unknown failed"
fi

# 1b. The standard library's source: scripts/build.sh rebuilds std for the widget, smaller.
if has_rust_src; then
    ok "rust component rust-src"
else
    note "adding rust component rust-src"
    rustup component add rust-src || die "rustup component add rust-src failed"
fi

# 2. wasm-bindgen-cli, exactly the version of the wasm-bindgen crate in Cargo.lock.
want=$(wasm_bindgen_version)
[ -n "$want" ] || die "cannot find the wasm-bindgen version in Cargo.lock"
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
have_runner=$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" = "$want" ] && [ "$have_runner" = "$want" ]; then
    ok "wasm-bindgen-cli $want"
else
    note "installing wasm-bindgen-cli $want (found '${have:-none}'); the first time this takes about 5 minutes"
    cargo install wasm-bindgen-cli --version "$want" || die "cargo install wasm-bindgen-cli --version $want failed"
    have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
    [ "$have" = "$want" ] || die "wasm-bindgen on PATH is '${have:-missing}' after installing $want (is ~/.cargo/bin first on PATH?)"
fi

# 3. Chromium and its driver from Debian (the e2e tests and wasm-bindgen-test-runner use them).
if [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER_BIN" ]; then
    ok "chromium and chromedriver"
else
    command -v apt-get >/dev/null 2>&1 || die "$CHROMIUM or $CHROMEDRIVER_BIN is missing and there is no apt-get: install Chromium and its chromedriver"
    sudo_cmd=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || die "installing chromium needs root (no sudo found)"
        sudo_cmd=(sudo)
    fi
    note "installing chromium and chromium-driver with apt-get"
    "${sudo_cmd[@]}" apt-get update -q || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q chromium chromium-driver \
        || die "apt-get install chromium chromium-driver failed"
    [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER_BIN" ] || die "chromium installed but $CHROMIUM or $CHROMEDRIVER_BIN is missing"
fi

# 4. npm devDependencies, reinstalled only when the lock (or package.json) changed.
npm_ci . node_modules/.bin/wasm-opt node_modules/.bin/terser || die "npm ci failed"
wasm_opt_version=$(node_modules/.bin/wasm-opt --version 2>/dev/null || true)
case "$wasm_opt_version" in
    *"version 132"*) ok "wasm-opt: $wasm_opt_version" ;;
    *) die "node_modules/.bin/wasm-opt should be binaryen 132, found '${wasm_opt_version:-nothing}'" ;;
esac

# 5. zopfli for python3, at a fixed version: scripts/pack_wasm.py compresses the shipped .wasm.
zopfli_want=0.4.3
zopfli_have=$(python3 -c 'import importlib.metadata as m; print(m.version("zopfli"))' 2>/dev/null || true)
if [ "$zopfli_have" = "$zopfli_want" ]; then
    ok "python zopfli $zopfli_want"
else
    note "installing python zopfli $zopfli_want (found '${zopfli_have:-none}')"
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore "zopfli==$zopfli_want" \
        || die "pip install zopfli==$zopfli_want failed"
fi

# 6. ruff (Python formatter and linter) at a fixed version, in the project's own virtual
# environment (.tools/venv): some Pythons refuse installs into the system site-packages.
ruff_want=0.17.6
RUFF="$ROOT/.tools/venv/bin/ruff"
ruff_have=$("$RUFF" --version 2>/dev/null | awk '{print $2}' || true)
if [ "$ruff_have" = "$ruff_want" ]; then
    ok "ruff $ruff_want"
else
    note "installing ruff $ruff_want into .tools/venv (found '${ruff_have:-none}')"
    [ -x "$ROOT/.tools/venv/bin/python" ] || python3 -m venv "$ROOT/.tools/venv" || die "python3 -m venv .tools/venv failed"
    "$ROOT/.tools/venv/bin/python" -m pip install --quiet --disable-pip-version-check "ruff==$ruff_want" \
        || die "pip install ruff==$ruff_want failed"
fi

note "tools ready in $(elapsed "$started")"
