#!/bin/sh
# Conformance run with the not-yet-built functions' cases filtered out (see run-filtered.mjs).
#
#   sh tests/conformance/run-filtered.sh <jwtlens-x.y.z.tgz | pkg dir | checkout> [run.mjs options]
#   sh tests/conformance/run-filtered.sh            # the checkout's pkg/
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target=${1:-$here/../../pkg}
[ $# -gt 0 ] && shift
exec node "$here/run-filtered.mjs" --pkg "$target" "$@"
