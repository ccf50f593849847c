#!/usr/bin/env bash
# Build and run the coverage-guided fuzz targets (libFuzzer through cargo-fuzz, stable Rust).
#
#   bash fuzz/run.sh                    every target for FUZZ_SECONDS each (default 300): make fuzz
#   bash fuzz/run.sh --smoke            every target for FUZZ_SMOKE_SECONDS each (default 10)
#   bash fuzz/run.sh decode json        only these targets
#   bash fuzz/run.sh --build-only       install cargo-fuzz if missing and build, nothing else
#
# Environment: FUZZ_SECONDS, FUZZ_SMOKE_SECONDS, FUZZ_NICE (default 19: other builds come first),
# FUZZ_MAX_LEN (8192), FUZZ_TIMEOUT (seconds for one input before it counts as a hang, 10),
# FUZZ_OUT (logs and crash inputs, default artifacts/fuzz), FUZZ_CORPUS (the kept corpora),
# FUZZ_SEEDS (where the seeds are written).
#
# Stable toolchain only: cargo-fuzz builds with `--sanitizer none`, which needs no nightly flag
# (the coverage instrumentation is `-Cpasses=sancov-module` plus `-Cllvm-args=-sanitizer-coverage-*`,
# both stable). cargo-fuzz is installed under $JWTLENS_CACHE/tools; the build goes to
# $CARGO_TARGET_DIR/fuzz (under the cache). Seeds are rebuilt from the test vectors on every run
# ($JWTLENS_CACHE/fuzz/seeds, read-only to libFuzzer); the corpus each target grows is kept in
# $JWTLENS_CACHE/fuzz/corpus/<target> and reused by later runs. Logs, crash/timeout inputs and a
# summary go to artifacts/fuzz/. Exit status 1 when any target found a crash, a hang or a leak.
set -euo pipefail

# shellcheck source=scripts/env.sh
. "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$JWTLENS_ROOT"

CARGO_FUZZ_VERSION="0.13.2"
TARGETS=(decode verify verify_signed key_pem key_jwk inspect base64url json structured rsa_verify)
FUZZ_TARGET_DIR="$CARGO_TARGET_DIR/fuzz"
BIN_DIR="$FUZZ_TARGET_DIR/x86_64-unknown-linux-gnu/release"
SEED_DIR="${FUZZ_SEEDS:-$JWTLENS_CACHE/fuzz/seeds}"
CORPUS_DIR="${FUZZ_CORPUS:-$JWTLENS_CACHE/fuzz/corpus}"
OUT_DIR="${FUZZ_OUT:-$JWTLENS_ROOT/artifacts/fuzz}"
NICE="${FUZZ_NICE:-19}"

say() { printf 'fuzz: %s\n' "$*"; }

seconds="${FUZZ_SECONDS:-300}"
build_only=0
targets=()
for a in "$@"; do
  case "$a" in
    --smoke) seconds="${FUZZ_SMOKE_SECONDS:-10}" ;;
    --build-only) build_only=1 ;;
    -*) echo "fuzz/run.sh: unknown option $a" >&2; exit 2 ;;
    *)
      [[ " ${TARGETS[*]} " == *" $a "* ]] || { echo "fuzz/run.sh: unknown target '$a' (${TARGETS[*]})" >&2; exit 2; }
      targets+=("$a")
      ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=("${TARGETS[@]}")

# --- cargo-fuzz ------------------------------------------------------------------------------
have_cargo_fuzz() {
  [ -x "$JWTLENS_TOOLS/bin/cargo-fuzz" ] &&
    [ "$("$JWTLENS_TOOLS/bin/cargo-fuzz" --version 2>/dev/null)" = "cargo-fuzz $CARGO_FUZZ_VERSION" ]
}
if ! have_cargo_fuzz; then
  mkdir -p "$JWTLENS_CACHE"
  exec 9>"$JWTLENS_CACHE/.install-cargo-fuzz.lock"
  flock 9
  if ! have_cargo_fuzz; then
    say "install cargo-fuzz $CARGO_FUZZ_VERSION into $JWTLENS_TOOLS (cargo install, ~2 min cold)"
    env -u CARGO_TARGET_DIR nice -n "$NICE" cargo install --locked --force cargo-fuzz \
      --version "$CARGO_FUZZ_VERSION" --root "$JWTLENS_TOOLS"
  fi
  exec 9>&-
fi
have_cargo_fuzz || { echo "fuzz/run.sh: cargo-fuzz $CARGO_FUZZ_VERSION did not install" >&2; exit 1; }

# --- build -----------------------------------------------------------------------------------
say "build (cargo fuzz build --sanitizer none, stable $(rustc --version | cut -d' ' -f2))"
lock_before="$(sha256sum fuzz/Cargo.lock 2>/dev/null || true)"
(cd fuzz && nice -n "$NICE" cargo fuzz build --sanitizer none --release --debug-assertions \
  --target-dir "$FUZZ_TARGET_DIR")
# cargo-fuzz has no --locked: in CI, a lock file the build had to change is an error instead.
if [ "${CI:-}" = "true" ] && [ "$lock_before" != "$(sha256sum fuzz/Cargo.lock)" ]; then
  echo "fuzz/run.sh: fuzz/Cargo.lock changed during the build; update and commit it" >&2
  exit 1
fi
[ $build_only = 1 ] && exit 0

# --- seeds -----------------------------------------------------------------------------------
node fuzz/seeds.mjs "$SEED_DIR" | tail -n 1

# --- run -------------------------------------------------------------------------------------
mkdir -p "$OUT_DIR"
summary="$OUT_DIR/summary.txt"
: >"$summary"
failed=()
for t in "${targets[@]}"; do
  mkdir -p "$CORPUS_DIR/$t" "$OUT_DIR/$t"
  log="$OUT_DIR/$t.log"
  say "$t: ${seconds} s (log $log)"
  rc=0
  nice -n "$NICE" "$BIN_DIR/$t" \
    -max_total_time="$seconds" -max_len="${FUZZ_MAX_LEN:-8192}" -timeout="${FUZZ_TIMEOUT:-10}" \
    -rss_limit_mb=2048 -print_final_stats=1 -close_fd_mask=1 \
    -artifact_prefix="$OUT_DIR/$t/" "$CORPUS_DIR/$t" "$SEED_DIR/$t" >"$log" 2>&1 || rc=$?
  # The fuzzer's own figures: the last status line and its final stats.
  last="$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)"
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
  rss="$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n 1)"
  corpus_files="$(find "$CORPUS_DIR/$t" -type f | wc -l)"
  line="$(printf '%-14s %s  rc=%d  %6ss  execs=%s  peak_rss=%sMB  corpus_files=%s  | %s' \
    "$t" "$([ $rc -eq 0 ] && echo ok || echo FAIL)" "$rc" "$seconds" "${execs:-?}" "${rss:-?}" "$corpus_files" "$last")"
  echo "$line" | tee -a "$summary"
  if [ $rc -ne 0 ]; then
    failed+=("$t")
    grep -E 'panicked at|ERROR: libFuzzer|SUMMARY|Test unit written' "$log" | head -n 8 || true
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  say "FAILED: ${failed[*]} (inputs in $OUT_DIR/<target>/; reproduce: $BIN_DIR/<target> <input>)"
  exit 1
fi
say "every target ran ${seconds} s without a crash, hang or leak (${#targets[@]} targets)"
