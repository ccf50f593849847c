# shellcheck shell=bash
# Build environment for the Makefile and the scripts. Source it; it only sets variables:
#   . scripts/env.sh
# JWTLENS_CACHE       tool cache root, outside the clone (default ~/.cache/jwtlens)
# JWTLENS_NPM_DIR     cached node_modules for the pinned npm tools (per version set)
# CARGO_TARGET_DIR    shared under the cache so a fresh clone reuses built dependencies
# PATH                + $JWTLENS_CACHE/tools/bin (wasm-bindgen*) + the npm tools' .bin

JWTLENS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/versions.sh
. "$JWTLENS_ROOT/scripts/versions.sh"

JWTLENS_CACHE="${JWTLENS_CACHE:-$HOME/.cache/jwtlens}"
JWTLENS_TOOLS="$JWTLENS_CACHE/tools"
# One directory per set of npm tool versions: changing a pin never mutates a directory another
# clone may be using.
JWTLENS_NPM_DIR="$JWTLENS_CACHE/npm/$(printf '%s' "$JWTLENS_NPM_TOOLS" | sha256sum | cut -c1-12)"

# The wasm-bindgen crate version, from Cargo.lock (or the =x.y.z pin in Cargo.toml).
jwtlens_wasm_bindgen_version() {
  local v=""
  if [ -f "$JWTLENS_ROOT/Cargo.lock" ]; then
    v="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$JWTLENS_ROOT/Cargo.lock")"
  fi
  if [ -z "$v" ]; then
    v="$(sed -n 's/^wasm-bindgen *= *.*"=\([0-9][0-9.]*\)".*/\1/p' "$JWTLENS_ROOT/Cargo.toml" | head -n1)"
  fi
  printf '%s\n' "$v"
}

jwtlens_path_prepend() {
  case ":$PATH:" in *":$1:"*) ;; *) PATH="$1:$PATH" ;; esac
}
jwtlens_path_prepend "$HOME/.cargo/bin"
jwtlens_path_prepend "$JWTLENS_NPM_DIR/node_modules/.bin"
jwtlens_path_prepend "$JWTLENS_TOOLS/bin"

export JWTLENS_ROOT JWTLENS_CACHE JWTLENS_TOOLS JWTLENS_NPM_DIR PATH
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$JWTLENS_CACHE/target}"
export WRANGLER_SEND_METRICS=false
# Headless-browser tests: the system chromedriver (wasm-bindgen-test-runner) and Chromium
# (Playwright in tests/env).
if [ -z "${CHROMEDRIVER:-}" ] && [ -x /usr/bin/chromedriver ]; then export CHROMEDRIVER=/usr/bin/chromedriver; fi
export JWTLENS_CHROMIUM="${JWTLENS_CHROMIUM:-/usr/bin/chromium}"

# An exported RUSTFLAGS (or CARGO_ENCODED_RUSTFLAGS) replaces the per-target rustflags of
# .cargo/config.toml, among them cpubits="32" for the wasm (32-bit limbs; without it the wasm
# build stops with a compile_error in src/wasm/mod.rs). The project's builds set their own flags:
# leave the caller's out, and say so.
if [ -n "${RUSTFLAGS:-}${CARGO_ENCODED_RUSTFLAGS:-}" ]; then
  printf 'env.sh: ignoring the exported RUSTFLAGS/CARGO_ENCODED_RUSTFLAGS (%s): they would replace the build flags of .cargo/config.toml\n' \
    "${RUSTFLAGS:-}${CARGO_ENCODED_RUSTFLAGS:-}" >&2
  unset RUSTFLAGS CARGO_ENCODED_RUSTFLAGS
fi
