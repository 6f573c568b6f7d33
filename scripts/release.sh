#!/usr/bin/env bash
# Builds the release widget and writes, named with Cargo.toml's version, into release/:
#   microneedling-check-VERSION.tgz   the npm package (`npm pack` of a staged folder): the loader,
#                                     the WebAssembly, every locale's texts, the embed builder
#                                     (configure.html), an example page, a README for clinics
#                                     (web/release/README.md), CHANGELOG.md and package.json
#   microneedling-check-VERSION.zip   the same files in microneedling-check-VERSION/, with SHA256SUMS
#                                     and SRI.txt (the loader's integrity value first)
# Both are reproducible: the same commit gives the same bytes (sorted entries, every date
# SOURCE_DATE_EPOCH, by default the commit's time; npm pack fixes its own dates).
#
#   ./scripts/release.sh                       build (incremental), then pack
#   MC_RELEASE_SKIP_BUILD=1 ./scripts/release.sh   pack the dist/ there is (it must carry this version)
#   RELEASE_DIR=/tmp/x ./scripts/release.sh    write somewhere else than release/
# Publishing (`npm publish release/microneedling-check-VERSION.tgz`) is a maintainer's step.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

VERSION=$(crate_version)
[ -n "$VERSION" ] || die "no version in Cargo.toml's [package]"
OUT="${RELEASE_DIR:-release}"
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
    SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || echo 315532800)
fi
export SOURCE_DATE_EPOCH

if [ "${MC_RELEASE_SKIP_BUILD:-0}" != 1 ]; then
    bash "$ROOT/scripts/build.sh" || die "the build failed (see above); nothing was released"
fi
[ -f dist/microneedling-check.js ] || die "dist/ has no build: run ./scripts/build.sh (or drop MC_RELEASE_SKIP_BUILD)"
command -v npm >/dev/null 2>&1 || die "npm is missing (Node.js ≥ 20 brings it)"

step "Staging microneedling-check $VERSION (scripts/release.py)"
mkdir -p "$OUT"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/microneedling-check-release.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
STAGE="$WORK/package"
ZIP="$OUT/microneedling-check-$VERSION.zip"
python3 scripts/release.py dist "$STAGE" "$ZIP" "$VERSION" "$SOURCE_DATE_EPOCH" || die "staging the release failed"

step "npm pack"
# --ignore-scripts: the staged package has none, and a user's npm configuration adds none.
TGZ_NAME=$(cd "$STAGE" && npm pack --ignore-scripts --silent --pack-destination "$WORK") || die "npm pack failed"
mv "$WORK/$TGZ_NAME" "$OUT/$TGZ_NAME"

step "Release files in $OUT/"
(cd "$OUT" && for f in "$TGZ_NAME" "microneedling-check-$VERSION.zip"; do
    printf '    %-40s %8s bytes  sha256 %s\n' "$f" "$(stat -c %s "$f")" "$(sha256sum "$f" | cut -c1-16)…"
done)
note "loader integrity: $(python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' \
    "$ZIP" "microneedling-check-$VERSION/SRI.txt" | awk '$1 == "microneedling-check.js" { print $2 }')"
ok "microneedling-check $VERSION released into $OUT/ (publish with: npm publish $OUT/$TGZ_NAME)"
