# shellcheck shell=bash
# The test suites, as shell functions. Sourced by scripts/test.sh (after scripts/env.sh, from the
# repository root); each suite_* function runs in its own `bash -c` with set -euo pipefail.

ALL_SUITES=(fmt clippy native wasm-node wasm-browser pkg pack js types conformance env fuzz-smoke stress-smoke)
: "${WASM_BINDGEN_TEST_TIMEOUT:=300}"   # seconds per wasm test binary (default 20 s is too short)
export WASM_BINDGEN_TEST_TIMEOUT
LOCKED=()
[ "${CI:-}" = "true" ] && LOCKED=(--locked)
PACK_DIR="$JWTLENS_ROOT/target/pack"
LOG_DIR="$JWTLENS_ROOT/artifacts/logs"

banner() { printf '\n==== %s ====\n' "$*"; }
fail() { printf 'test.sh: %s\n' "$*" >&2; return 1; }
require_file() { [ -f "$1" ] || fail "$1 does not exist (the suite cannot run without it)"; }

# --- suites (each runs in a subshell with set -e) ------------------------------------------
suite_fmt() { cargo fmt --all -- --check; }

# The feature sets the three wasm are built from: the default (jwtlens/sign), verify-only
# (jwtlens: no "sign") and the HMAC-only verifier (jwtlens/lite: no features).
FEATURE_SETS=("" "--no-default-features --features asymmetric" "--no-default-features")

suite_clippy() {
  local f
  for f in "${FEATURE_SETS[@]}"; do
    # shellcheck disable=SC2086 # $f is a list of flags
    cargo clippy --all-targets $f "${LOCKED[@]}" -- -D warnings
  done
  for f in "${FEATURE_SETS[@]}"; do
    # shellcheck disable=SC2086 # $f is a list of flags
    cargo clippy --lib --target wasm32-unknown-unknown $f "${LOCKED[@]}" -- -D warnings
  done
  # crates/rsa-verify (RSA verification over public inputs) and crates/ec-verify (ECDSA verify
  # entry points), issue 18
  cargo clippy -p jwtlens-rsa-verify -p jwtlens-ec-verify --all-targets "${LOCKED[@]}" -- -D warnings
  # The API docs build without broken links.
  RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --lib "${LOCKED[@]}"
  # src/ structure: no file over ~450 lines, no import circle (docs/ARCHITECTURE.md).
  node scripts/check-structure.mjs
}

suite_native() {
  local f
  for f in "${FEATURE_SETS[@]}"; do
    echo "-- cargo test ${f:-(default features)}"
    # shellcheck disable=SC2086 # $f is a list of flags
    cargo test $f "${LOCKED[@]}"
  done
  # crates/rsa-verify: differential tests against rsa (13,000 verdicts) and Wycheproof
  echo "-- cargo test -p jwtlens-rsa-verify"
  cargo test -p jwtlens-rsa-verify "${LOCKED[@]}"
  # crates/ec-verify: the entry points' contract (Wycheproof runs through them in tests/wycheproof.rs)
  echo "-- cargo test -p jwtlens-ec-verify"
  cargo test -p jwtlens-ec-verify "${LOCKED[@]}"
}

# Never -q: cargo would pass --quiet to wasm-bindgen-test-runner, which rejects it.
suite_wasm_node() { cargo test --target wasm32-unknown-unknown "${LOCKED[@]}"; }

suite_wasm_browser() {
  [ -x "$JWTLENS_CHROMIUM" ] || fail "no Chromium at $JWTLENS_CHROMIUM"
  command -v chromedriver >/dev/null || fail "no chromedriver on PATH"
  WASM_BINDGEN_USE_BROWSER=1 cargo test --target wasm32-unknown-unknown "${LOCKED[@]}"
}

suite_pkg() { bash scripts/build-pkg.sh; }

suite_pack() {
  require_file pkg/package.json
  rm -rf "$PACK_DIR"
  mkdir -p "$PACK_DIR"
  # ./pkg, not pkg: a bare "a/b" is read by npm as a GitHub repository.
  npm pack --ignore-scripts --loglevel=warn --pack-destination "$PACK_DIR" ./pkg
  local tgz
  tgz="$(find "$PACK_DIR" -maxdepth 1 -name '*.tgz' | head -n1)"
  [ -n "$tgz" ] || fail "npm pack wrote no tarball into $PACK_DIR"
  echo "tarball: $tgz ($(stat -c %s "$tgz") bytes)"
}

# tests/js has its own dependencies (jose, typescript): npm ci when the lock file changed.
js_deps() {
  require_file tests/js/package.json
  require_file tests/js/package-lock.json
  if [ ! -f tests/js/node_modules/.package-lock.json ] ||
     [ tests/js/package-lock.json -nt tests/js/node_modules/.package-lock.json ]; then
    (cd tests/js && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

suite_js() {
  js_deps
  local files=()
  mapfile -t files < <(cd tests/js && find . -path ./node_modules -prune -o -name '*.test.mjs' -print | LC_ALL=C sort)
  [ ${#files[@]} -gt 0 ] || fail "no tests/js/**/*.test.mjs files"
  (cd tests/js && node --test --test-concurrency=1 "${files[@]}")
  # the claim and attack suites again, every verify() made through createVerifier (issue 20)
  (cd tests/js && JWTLENS_VERIFY_VIA=createVerifier node --test --test-concurrency=1 suites/claims.test.mjs suites/attacks.test.mjs)
}

suite_types() {
  js_deps
  require_file tests/types/check.sh
  bash tests/types/check.sh "$JWTLENS_TGZ"
}

suite_conformance() {
  require_file tests/conformance/run-filtered.sh
  bash tests/conformance/run-filtered.sh "$JWTLENS_TGZ"
  # the same cases with every verify() made through createVerifier (issue 20)
  bash tests/conformance/run-filtered.sh "$JWTLENS_TGZ" --via createVerifier
}

suite_env() {
  local files=()
  mapfile -t files < <(find tests/env -maxdepth 1 -name '*.test.mjs' | LC_ALL=C sort)
  [ ${#files[@]} -gt 0 ] || fail "no tests/env/*.test.mjs files"
  node --test --test-concurrency=1 "${files[@]}"
}

# Robustness smoke runs (docs/ROBUSTNESS.md; the long runs are make fuzz
# and make stress). fuzz-smoke: every fuzz target for FUZZ_SMOKE_SECONDS (8) each, after building
# them (cached under the cache's target dir) and installing cargo-fuzz if missing. stress-smoke:
# 50,000 hostile inputs and 30,000 key imports against pkg/, failing on a trap, an error that is
# not a JwtError or TypeError, or memory growth over its bounds.
suite_fuzz_smoke() { FUZZ_SMOKE_SECONDS="${FUZZ_SMOKE_SECONDS:-8}" bash fuzz/run.sh --smoke; }

suite_stress_smoke() {
  [ -f pkg/node-entry.js ] || bash scripts/build-pkg.sh
  node --expose-gc bench/stress.mjs --smoke
}

suite_timeout() {
  case "$1" in
    clippy | native | wasm-node | wasm-browser | pkg) echo 1800 ;;
    *) echo 900 ;;
  esac
}

