#!/bin/sh
# Type-checks tests/types/*.ts against js/jwtlens.d.ts with `tsc --noEmit`, resolving 'jwtlens'
# the way a user's project does: through the package's package.json "exports" ("types"
# condition), from a temporary node_modules/jwtlens holding js/package.json and js/jwtlens.d.ts.
#
#   sh tests/types/check.sh                      # js/ (no build needed)
#   sh tests/types/check.sh pkg                  # a built package directory
#   sh tests/types/check.sh jwtlens-0.1.0.tgz    # an `npm pack` tarball (what users install)
# TypeScript (7 and 5) and @types/node come from tests/js/node_modules (cd tests/js && npm ci).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
src=${1:-$root/js}
# Two compilers: TypeScript 7 (the native one, "typescript") and the 5.x line most projects
# still use ("typescript-5", an npm alias); both pinned in tests/js/package.json.
modules=$root/tests/js/node_modules
for t in typescript typescript-5; do
  if [ ! -f "$modules/$t/bin/tsc" ]; then
    echo "check.sh: $modules/$t not found; run: (cd $root/tests/js && npm ci)" >&2
    exit 2
  fi
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jwtlens-types.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
if [ -f "$src" ]; then
  # a tarball: npm packs everything under package/
  mkdir -p "$tmp/unpacked"
  tar -xzf "$src" -C "$tmp/unpacked"
  label=$src
  src=$tmp/unpacked/package
else
  label=$src/jwtlens.d.ts
fi
for f in package.json jwtlens.d.ts; do
  [ -f "$src/$f" ] || { echo "check.sh: no $f in $label" >&2; exit 2; }
done
mkdir -p "$tmp/node_modules/jwtlens" "$tmp/node_modules/@types"
cp "$src/package.json" "$src/jwtlens.d.ts" "$tmp/node_modules/jwtlens/"
cp -R "$root/tests/js/node_modules/@types/node" "$tmp/node_modules/@types/node"
cp -R "$root/tests/js/node_modules/undici-types" "$tmp/node_modules/undici-types" 2>/dev/null || true
cp "$here"/*.ts "$here"/tsconfig*.json "$tmp/"
printf '{ "private": true, "type": "module" }\n' > "$tmp/package.json"
echo "jwtlens.d.ts from $label"
status=0
# The contract: no exported value is typed `any` (comment lines aside, the word must not appear).
if grep -nE '(^|[^A-Za-z_$])any([^A-Za-z_$]|$)' "$src/jwtlens.d.ts" | grep -vE '^[0-9]+:[[:space:]]*(//|/?\*)'; then
  echo "  FAIL jwtlens.d.ts uses any (lines above)" >&2
  status=1
fi
for t in typescript typescript-5; do
  version=$(node "$modules/$t/bin/tsc" --version)
  for config in tsconfig.json tsconfig.node.json tsconfig.dom.json; do
    if (cd "$tmp" && node "$modules/$t/bin/tsc" --noEmit -p "$config"); then
      echo "  ok   $version $config"
    else
      echo "  FAIL $version $config"
      status=1
    fi
  done
done
exit $status
