# shellcheck shell=bash
# Pinned tool versions, in one place. Sourced by scripts/env.sh and scripts/install-tools.sh.
# wasm-bindgen-cli is NOT listed here: it must equal the `wasm-bindgen` crate in Cargo.lock
# (see jwtlens_wasm_bindgen_version in scripts/env.sh).

# npm tooling (package@exact-version), installed once per version set under the cache.
#  - binaryen: wasm-opt. Never Debian's binaryen (108 silently breaks the output).
#  - wrangler: 4.86.0 is the last release that runs on Node 20.
JWTLENS_NPM_TOOLS="binaryen@132.0.0 wrangler@4.86.0 vite@8.3.8 playwright-core@1.65.1 axe-core@4.14.1"

# Minimum Node.js (vite 8 needs ^20.19; require(esm) needs 20.19).
JWTLENS_MIN_NODE="20.19.0"
