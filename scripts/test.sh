#!/usr/bin/env bash
# Run the test suites (make test, make test-SUITE). Each suite's output streams as it runs (and
# is kept in artifacts/logs/SUITE.log); a failing suite does not stop the others, unless
# JWTLENS_FAIL_FAST=1. The closing lines are a summary: one line per suite, then
# "suites: N passed, M failed". Exit status 1 when any suite failed.
#
#   scripts/test.sh                 every suite
#   scripts/test.sh js env          only these (plus what they need: pkg, pack)
# Either way scripts/install-tools.sh runs first (about 1 s when everything is present).
#
# Suites, in order:
#   fmt           cargo fmt --check
#   clippy        cargo clippy -D warnings: all native targets in each feature set (default, verify-only, lite), and the lib for wasm32
#   native        cargo test (unit, integration, doc tests) in each feature set
#   wasm-node     cargo test --target wasm32-unknown-unknown (wasm-bindgen-test in Node)
#   wasm-browser  the same in headless Chromium (WASM_BINDGEN_USE_BROWSER=1)
#   pkg           scripts/build-pkg.sh
#   pack          npm pack ./pkg into target/pack/ (JWTLENS_TGZ for the suites below)
#   js            node --test on tests/js (against the tarball)
#   types         tests/types/check.sh
#   conformance   tests/conformance/run-filtered.sh
#   env           node --test tests/env (workerd, vite, plain page, www page)
set -uo pipefail

# shellcheck source=scripts/env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$JWTLENS_ROOT"

# shellcheck source=scripts/suites.sh
. scripts/suites.sh

# --- driver --------------------------------------------------------------------------------
if [ $# -eq 0 ]; then requested=("${ALL_SUITES[@]}"); else requested=("$@"); fi
for s in "${requested[@]}"; do
  [[ " ${ALL_SUITES[*]} " == *" $s "* ]] || { echo "test.sh: unknown suite '$s' (suites: ${ALL_SUITES[*]})" >&2; exit 2; }
done
# Suites that use the tarball need pkg and pack first, even when only they were asked for.
needs_pack=0
for s in "${requested[@]}"; do
  case "$s" in js | types | conformance | env) needs_pack=1 ;; esac
done
plan=()
for s in "${ALL_SUITES[@]}"; do
  want=0
  for r in "${requested[@]}"; do [ "$r" = "$s" ] && want=1; done
  if [ $needs_pack = 1 ] && { [ "$s" = pkg ] || [ "$s" = pack ]; }; then want=1; fi
  [ $want = 1 ] && plan+=("$s")
done

banner "tools"
bash scripts/install-tools.sh || { echo "test.sh: installing the tools failed" >&2; exit 1; }

mkdir -p "$LOG_DIR"
declare -A result
declare -A took
passed=0
failed=0
t_all=$SECONDS
for s in "${plan[@]}"; do
  if { [ "$s" = pack ] && [ "${result[pkg]:-}" = FAIL ]; } ||
     { [[ " js types conformance env " == *" $s "* ]] && [ "${result[pack]:-PASS}" != PASS ]; }; then
    banner "$s: not run (needs the package, which failed to build or pack)"
    result[$s]="FAIL"
    took[$s]=0
    failed=$((failed + 1))
    continue
  fi
  if [ "$s" != pack ] && [ -d "$PACK_DIR" ]; then
    JWTLENS_TGZ="$(find "$PACK_DIR" -maxdepth 1 -name '*.tgz' | head -n1)"
    export JWTLENS_TGZ
  fi
  banner "$s"
  t0=$SECONDS
  fn="suite_${s//-/_}"
  timeout -k 20 "$(suite_timeout "$s")" bash -c "set -euo pipefail; . scripts/env.sh; . scripts/suites.sh; $fn" \
    > >(tee "$LOG_DIR/$s.log") 2>&1
  rc=$?
  wait   # for tee
  took[$s]=$((SECONDS - t0))
  if [ $rc -eq 0 ]; then
    result[$s]="PASS"
    passed=$((passed + 1))
  else
    [ $rc -eq 124 ] && echo "test.sh: suite $s timed out after $(suite_timeout "$s") s"
    result[$s]="FAIL"
    failed=$((failed + 1))
    if [ "${JWTLENS_FAIL_FAST:-}" = 1 ]; then break; fi
  fi
  printf -- '---- %s: %s (%d s)\n' "$s" "${result[$s]}" "${took[$s]}"
done

banner "summary ($((SECONDS - t_all)) s; logs in artifacts/logs/)"
for s in "${plan[@]}"; do
  [ -n "${result[$s]:-}" ] && printf '%-13s %s %5d s\n' "$s" "${result[$s]}" "${took[$s]}"
done
echo "suites: $passed passed, $failed failed"
[ $failed -eq 0 ]
