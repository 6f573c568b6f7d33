#!/usr/bin/env bash
# Installs what is missing, builds the release widget and serves dist/ until stopped (Ctrl+C).
#   ./scripts/serve.sh                 http://127.0.0.1:8080/
#   PORT=9000 ./scripts/serve.sh       another port (HOST=0.0.0.0 to listen on every interface)

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bash "$ROOT/scripts/install.sh" || die "installing the tools failed"
build_rc=0
bash "$ROOT/scripts/build.sh" || build_rc=$?
if [ "$build_rc" -eq 3 ]; then
    printf '\n%sWARNING: serving a build that is over the size budget; ./scripts/test.sh will fail until it fits.%s\n' \
        "$_RED$_BOLD" "$_RESET" >&2
elif [ "$build_rc" -ne 0 ]; then
    die "the build failed (see above)"
fi

step "Serving dist/"
exec python3 "$ROOT/scripts/serve.py" --host "${HOST:-127.0.0.1}" --port "${PORT:-8080}" --dir "$ROOT/dist"
