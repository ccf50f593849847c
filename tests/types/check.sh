#!/bin/sh
# Type-checks tests/types/*.ts against the package's hand-written declarations (jwtlens.d.ts,
# lite/jwtlens.d.ts, sign/jwtlens.d.ts) with `tsc --noEmit`, resolving 'jwtlens', 'jwtlens/lite' and
# 'jwtlens/sign' the way a user's project does: through the package's package.json "exports"
# ("types" condition), from a temporary node_modules/jwtlens holding package.json and the .d.ts
# files. Then deprecated.mjs checks which exports an editor marks as deprecated (the moved names).
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
DTS="jwtlens.d.ts lite/jwtlens.d.ts sign/jwtlens.d.ts"
for f in package.json $DTS; do
  [ -f "$src/$f" ] || { echo "check.sh: no $f in $label" >&2; exit 2; }
done
mkdir -p "$tmp/node_modules/jwtlens/lite" "$tmp/node_modules/jwtlens/sign" "$tmp/node_modules/@types"
cp "$src/package.json" "$tmp/node_modules/jwtlens/"
for f in $DTS; do cp "$src/$f" "$tmp/node_modules/jwtlens/$f"; done
cp -R "$root/tests/js/node_modules/@types/node" "$tmp/node_modules/@types/node"
cp -R "$root/tests/js/node_modules/undici-types" "$tmp/node_modules/undici-types" 2>/dev/null || true
cp "$here"/*.ts "$here"/tsconfig*.json "$here"/deprecated.mjs "$tmp/"
printf '{ "private": true, "type": "module" }\n' > "$tmp/package.json"
echo "$DTS from $label"
status=0
# The contract: no exported value is typed `any` (comment lines aside, the word must not appear).
for f in $DTS; do
  if grep -nE '(^|[^A-Za-z_$])any([^A-Za-z_$]|$)' "$src/$f" | grep -vE '^[0-9]+:[[:space:]]*(//|/?\*)'; then
    echo "  FAIL $f uses any (lines above)" >&2
    status=1
  fi
done
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
# The moved names are deprecated (an editor strikes them through), and nothing else is.
if (cd "$tmp" && node deprecated.mjs "$modules/typescript-5"); then
  echo "  ok   deprecated exports ($(node "$modules/typescript-5/bin/tsc" --version))"
else
  echo "  FAIL deprecated exports"
  status=1
fi
exit $status
