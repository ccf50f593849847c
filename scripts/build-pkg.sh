#!/usr/bin/env bash
# Build the npm package into pkg/ (make pkg).
#
#   1. cargo build --release --target wasm32-unknown-unknown --lib
#   2. wasm-bindgen three times (web for Node, module, web), renamed to node.js, workerd.js,
#      web.js; all three load ONE shared jwtlens_bg.wasm beside them, and all three have
#      __wbg_reset_state (--experimental-reset-state-function), which the JS layer calls to replace
#      an instance that trapped (issue 15)
#   3. wasm-opt -Oz (npm binaryen, never Debian's)
#   4. js/* (hand-written JS, package.json, jwtlens.d.ts) copied in, version from Cargo.toml
#   5. checks: the wasm reference of each glue file, FinalizationRegistry present, every file
#      in pkg/ is packed and every "exports" target exists (npm pack --dry-run)
#
# pkg/ is replaced atomically. When neither the wasm nor js/ nor the tools changed, steps 2-5 are
# skipped (the stamp lives in target/, which is ignored). JWTLENS_FORCE=1 rebuilds anyway.
set -euo pipefail

# shellcheck source=scripts/env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$JWTLENS_ROOT"

say() { printf 'build-pkg: %s\n' "$*"; }
die() { printf 'build-pkg: error: %s\n' "$*" >&2; exit 1; }
t0=$SECONDS

WASM_BINDGEN="$JWTLENS_TOOLS/bin/wasm-bindgen"
WASM_OPT="$JWTLENS_NPM_DIR/node_modules/.bin/wasm-opt"   # npm binaryen, by full path on purpose
wbg_version="$(jwtlens_wasm_bindgen_version)"
[ "$("$WASM_BINDGEN" --version 2>/dev/null)" = "wasm-bindgen $wbg_version" ] ||
  die "wasm-bindgen $wbg_version not in $JWTLENS_TOOLS/bin: run scripts/install-tools.sh (make tools)"
[ -x "$WASM_OPT" ] || die "npm binaryen's wasm-opt not in $JWTLENS_NPM_DIR: run scripts/install-tools.sh"
wasm_opt_version="$("$WASM_OPT" --version)"
case "$wasm_opt_version" in
  *"version 132"*) ;;
  *) die "unexpected wasm-opt ($wasm_opt_version); binaryen 132 from npm is required" ;;
esac

for f in js/package.json js/jwtlens.js; do
  [ -f "$f" ] || die "$f is missing (js/ holds the hand-written package files)"
done

# --- 1. cargo ------------------------------------------------------------------------------
locked=()
[ "${CI:-}" = "true" ] && locked=(--locked)
# Three wasm, one per entry, each in its own target dir so that the builds do not overwrite each
# other's artefact or rebuild each other:
#   jwtlens       verifying, every algorithm ("asymmetric", no "sign")
#   jwtlens/lite  verifying, HMAC only (no features)
#   jwtlens/sign  signing and key generation (the default features)
cargo build --release --target wasm32-unknown-unknown --lib --no-default-features --features asymmetric "${locked[@]}"
wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/jwtlens.wasm"
[ -f "$wasm" ] || die "cargo produced no $wasm"
lite_target="$CARGO_TARGET_DIR-lite"
# lite alone: sha2's compact software backend (`sha2_backend_soft="compact"`, RustCrypto's own
# rolled-loop SHA-256/512): 3.9 KiB brotli less for 3-7 % of an HS256 verify (issue 19, measured
# in bench/README.md). This variable replaces the rustflags of .cargo/config.toml for the target,
# so it repeats cpubits="32" (src/wasm/mod.rs refuses a build without it).
lite_rustflags="--cfg cpubits=\"32\" --cfg sha2_backend_soft=\"compact\""
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$lite_rustflags" CARGO_TARGET_DIR="$lite_target" \
  cargo build --release --target wasm32-unknown-unknown --lib --no-default-features "${locked[@]}"
lite_wasm="$lite_target/wasm32-unknown-unknown/release/jwtlens.wasm"
[ -f "$lite_wasm" ] || die "cargo produced no $lite_wasm"
sign_target="$CARGO_TARGET_DIR-sign"
CARGO_TARGET_DIR="$sign_target" cargo build --release --target wasm32-unknown-unknown --lib "${locked[@]}"
sign_wasm="$sign_target/wasm32-unknown-unknown/release/jwtlens.wasm"
[ -f "$sign_wasm" ] || die "cargo produced no $sign_wasm"

# --- skip when nothing changed -------------------------------------------------------------
mkdir -p target
stamp_file=target/pkg.stamp
inputs_hash() {
  {
    sha256sum "$wasm" | cut -d' ' -f1
    sha256sum "$lite_wasm" | cut -d' ' -f1
    sha256sum "$sign_wasm" | cut -d' ' -f1
    find js -type f ! -name '.*' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
    for f in README.md LICENSE LICENSE-MIT LICENSE-APACHE Cargo.toml; do
      [ -f "$f" ] && sha256sum "$f"
    done
    sha256sum "${BASH_SOURCE[0]}"
    echo "$wbg_version $wasm_opt_version"
  } | sha256sum | cut -d' ' -f1
}
pkg_hash() { (cd pkg 2>/dev/null && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1; }
want="$(inputs_hash)"
if [ -z "${JWTLENS_FORCE:-}" ] && [ -f "$stamp_file" ] && [ -f pkg/jwtlens_bg.wasm ] &&
   [ "$(cat "$stamp_file")" = "$want $(pkg_hash)" ]; then
  say "pkg/ is up to date (wasm, js/ and tools unchanged; JWTLENS_FORCE=1 rebuilds)"
  node scripts/sizes.mjs pkg/jwtlens_bg.wasm
  node scripts/sizes.mjs pkg/lite/jwtlens_bg.wasm
  node scripts/sizes.mjs pkg/sign/jwtlens_bg.wasm
  exit 0
fi

stage="target/pkg.tmp"
gen="target/pkg.gen"
rm -rf "$stage" "$gen"
mkdir -p "$stage" "$gen"

# --- 2+3. wasm-bindgen x3 and wasm-opt, for one wasm into one directory ------------------------
# bindgen_variant WASM OUT GEN
bindgen_variant() {
local wasm_in="$1" stage="$2" gen="$3"
mkdir -p "$stage" "$gen"
# --- 2. wasm-bindgen x3 --------------------------------------------------------------------
# --out-name jwtlens for all three: each glue file then refers to "jwtlens_bg.wasm" beside it,
# which is the one shared file; only the .js files are renamed. FinalizationRegistry (the old
# --weak-refs flag) is always on in wasm-bindgen >= 0.2.9x, and checked below.
# Node uses the web target's glue, instantiated by node-entry.js with initSync() from a module it
# compiles itself: the experimental-nodejs-module glue keeps its instance in module scope with no
# way to replace it (wasm-bindgen has no reset function for that target).
for pair in web:node module:workerd web:web; do
  target="${pair%%:*}" name="${pair##*:}"
  "$WASM_BINDGEN" --target "$target" --experimental-reset-state-function --out-dir "$gen/$name" --out-name jwtlens --no-typescript "$wasm_in"
  # experimental-nodejs-module also writes package.json {"type":"module","dependencies":{}}:
  # js/package.json already says "type": "module"; anything with dependencies would matter.
  if [ -f "$gen/$name/package.json" ]; then
    node -e 'const p = require(process.argv[1]); if (Object.keys(p.dependencies ?? {}).length) process.exit(1)' \
      "$PWD/$gen/$name/package.json" || die "wasm-bindgen --target $target wants npm dependencies: $(cat "$gen/$name/package.json")"
    rm "$gen/$name/package.json"
  fi
  extra="$(cd "$gen/$name" && find . -mindepth 1 ! -name jwtlens.js ! -name jwtlens_bg.wasm | sort)"
  [ -z "$extra" ] || die "wasm-bindgen --target $target wrote files the package layout does not expect: $extra
(snippets/ or inline_js would need a copy per target; ARCHITECTURE.md keeps hand-written JS in js/)"
  cp "$gen/$name/jwtlens.js" "$stage/$name.js"
done
cmp -s "$gen/node/jwtlens_bg.wasm" "$gen/workerd/jwtlens_bg.wasm" &&
  cmp -s "$gen/node/jwtlens_bg.wasm" "$gen/web/jwtlens_bg.wasm" ||
  die "the three wasm-bindgen runs produced different jwtlens_bg.wasm files; one shared copy is not possible"

# workerd.js: `import source wasmModule from "./jwtlens_bg.wasm"` (source-phase import) works in
# wrangler 4.86, but the classic form is what Workers tooling has always documented (and what
# older esbuild/wrangler and other Worker bundlers parse). With the CompiledWasm rule both give a
# WebAssembly.Module.
sed -i 's|^import source wasmModule from "\./jwtlens_bg\.wasm";$|import wasmModule from "./jwtlens_bg.wasm";|' "$stage/workerd.js"

# Each glue file must reference the shared wasm, and no other generated file.
for name in node workerd web; do
  f="$stage/$name.js"
  grep -q 'jwtlens_bg\.wasm' "$f" || die "$name.js does not reference jwtlens_bg.wasm"
  # "./jwtlens_bg.js" is the wasm's import namespace (an import-object key, not a file): it is
  # baked into the wasm from --out-name, which is why all three runs use --out-name jwtlens.
  others="$(grep -vE '^ *"\./jwtlens_bg\.js": ' "$f" | grep -oE '["'"'"'`][./]*[A-Za-z0-9_-]+_bg\.(wasm|js)' |
    grep -v 'jwtlens_bg\.wasm' || true)"
  [ -z "$others" ] || die "$name.js references other generated files: $others"
  grep -qE '^import source ' "$f" && die "$name.js still has a source-phase import"
  if grep -q '__wbg_ptr' "$f"; then   # exported Rust structs (WasmKey) are freed by the GC too
    grep -q 'new FinalizationRegistry' "$f" || die "$name.js has no FinalizationRegistry (weak refs off?)"
  fi
done
for name in node workerd web; do
  grep -q '^export function __wbg_reset_state ()' "$stage/$name.js" || die "$name.js has no __wbg_reset_state (--experimental-reset-state-function)"
done
grep -q '^import wasmModule from "./jwtlens_bg.wasm";$' "$stage/workerd.js" ||
  die "workerd.js: expected 'import wasmModule from \"./jwtlens_bg.wasm\";' (wasm-bindgen output changed?)"

# --- 3. wasm-opt -Oz -----------------------------------------------------------------------
raw_bg_size=$(stat -c %s "$gen/web/jwtlens_bg.wasm")
"$WASM_OPT" -Oz "$gen/web/jwtlens_bg.wasm" -o "$stage/jwtlens_bg.wasm"
say "wasm-opt -Oz: $raw_bg_size -> $(stat -c %s "$stage/jwtlens_bg.wasm") bytes"

}

bindgen_variant "$wasm" "$stage" "$gen"
bindgen_variant "$lite_wasm" "$stage/lite" "$gen/lite"
bindgen_variant "$sign_wasm" "$stage/sign" "$gen/sign"

# --- 4. hand-written files -----------------------------------------------------------------
for f in js/* js/.[!.]*; do
  [ -e "$f" ] || continue
  base="$(basename "$f")"
  case "$base" in
    node.js | workerd.js | web.js | jwtlens_bg.wasm) die "js/$base would overwrite generated output" ;;
    .gitignore | .npmignore) die "js/$base: an ignore file in the package can silently drop files" ;;
  esac
  cp -R "$f" "$stage/"
done
for f in README.md LICENSE LICENSE-MIT LICENSE-APACHE; do
  [ -f "$f" ] && cp "$f" "$stage/"
done
version="$(sed -n 's/^version *= *"\(.*\)"/\1/p' Cargo.toml | head -n1)"
node -e '
  const fs = require("fs");
  const [file, version] = process.argv.slice(1);
  const pj = JSON.parse(fs.readFileSync(file, "utf8"));
  if (pj.version !== version) {
    console.log(`build-pkg: package.json version ${pj.version} -> ${version} (from Cargo.toml)`);
    pj.version = version;
    fs.writeFileSync(file, JSON.stringify(pj, null, 2) + "\n");
  }
' "$stage/package.json" "$version"

# --- 4b. comments out of the shipped JS ------------------------------------------------------
# esbuild's transform (no bundling, no renaming, no minification: the code stays readable) drops
# comments: jwtlens.js 14.0 -> 9.1 KiB brotli, the glue 3.3 -> 2.8 KiB, for every user who loads
# the package unbundled (issue 19; bundlers minify anyway). The commented source is js/ in the
# repository; the API documentation ships in the .d.ts files, which are left alone. esbuild is the
# one wrangler brings into the npm tool cache (scripts/install-tools.sh).
ESBUILD="$JWTLENS_NPM_DIR/node_modules/.bin/esbuild"
[ -x "$ESBUILD" ] || die "esbuild not in $JWTLENS_NPM_DIR: run scripts/install-tools.sh"
banner="// jwtlens $version: comments removed; API docs in the .d.ts files, commented source in the repository's js/"
# jwtlens.js is assembled from plain modules in js/ (errors.js, keys.js, tokens.js, ...: issue 21);
# the package ships it as one file, bundled here (no minification, no externals), so that an
# unbundled import loads one module rather than eleven, each compressed on its own (shipped apart,
# the modules would cost ~6 KiB brotli more). The modules it inlined leave the package, and no
# other shipped file may import one of them (sign.js and the entries import ./jwtlens.js).
"$ESBUILD" "$stage/jwtlens.js" --bundle --format=esm --platform=neutral --charset=utf8 --log-level=warning \
  --metafile="$gen/jwtlens.meta.json" --outfile="$stage/jwtlens.bundle.js" || die "esbuild could not bundle jwtlens.js"
node - "$PWD/$stage" "$PWD/$gen/jwtlens.meta.json" <<'EOF'
const fs = require('fs');
const path = require('path');
const [stage, metaFile] = process.argv.slice(2);
const die = (m) => { console.error(`build-pkg: error: ${m}`); process.exit(1); };
const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
const inlined = Object.keys(meta.inputs).map((f) => path.resolve(f)).filter((f) => f !== path.join(stage, 'jwtlens.js'));
for (const f of inlined) {
  if (path.dirname(f) !== stage) die(`jwtlens.js bundles ${f}, outside the package's top level`);
  fs.rmSync(f);
}
const names = new Set(inlined.map((f) => path.basename(f)));
(function walk(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const f = path.join(d, e.name);
    if (e.isDirectory()) { walk(f); continue; }
    if (!f.endsWith('.js') || f === path.join(stage, 'jwtlens.js')) continue; // the bundle replaces it
    for (const [, spec] of fs.readFileSync(f, 'utf8').matchAll(/\bfrom\s*['"]([^'"]+)['"]/g)) {
      if (spec.startsWith('.') && names.has(path.basename(spec)) && path.dirname(path.resolve(path.dirname(f), spec)) === stage) {
        die(`${path.relative(stage, f)} imports ${spec}, which is bundled into jwtlens.js (import ./jwtlens.js instead)`);
      }
    }
  }
})(stage);
console.log(`build-pkg: jwtlens.js bundled from ${inlined.length + 1} modules (${[...names].sort().join(', ')})`);
EOF
mv "$stage/jwtlens.bundle.js" "$stage/jwtlens.js"
while IFS= read -r -d '' f; do
  "$ESBUILD" "$f" --format=esm --charset=utf8 --log-level=warning --banner:js="$banner" --outfile="$f.tmp" ||
    die "esbuild could not transform $f"
  mv "$f.tmp" "$f"
done < <(find "$stage" -name '*.js' -print0)

# --- 5. what npm would pack ----------------------------------------------------------------
find "$stage" \( -name .gitignore -o -name .npmignore \) -delete
node - "$PWD/$stage" <<'EOF'
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const dir = process.argv[2];
const die = (m) => { console.error(`build-pkg: error: ${m}`); process.exit(1); };
const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--loglevel=error', dir], { encoding: 'utf8' });
const packed = new Set(JSON.parse(out)[0].files.map((f) => f.path));
const onDisk = [];
(function walk(d, rel) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) walk(path.join(d, e.name), r); else onDisk.push(r);
  }
})(dir, '');
const left = onDisk.filter((f) => !packed.has(f));
if (left.length) die(`npm pack would leave out: ${left.join(', ')} (check "files" in js/package.json)`);
for (const f of ['package.json', 'jwtlens_bg.wasm', 'node.js', 'workerd.js', 'web.js']) {
  if (!packed.has(f)) die(`npm pack would not include ${f}`);
}
const pj = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
const targets = [];
(function collect(v) {
  if (typeof v === 'string') targets.push(v);
  else if (v && typeof v === 'object') Object.values(v).forEach(collect);
})([pj.exports, pj.main, pj.module, pj.types, pj.browser]);
for (const t of targets) {
  if (t.includes('*')) continue;
  const rel = t.replace(/^\.\//, '');
  if (!packed.has(rel)) die(`package.json points at ${t}, which npm pack would not include`);
}
console.log(`build-pkg: npm pack --dry-run: ${packed.size} files, all of pkg/ included, ${targets.length} package.json targets present`);
EOF

rm -rf pkg
mv "$stage" pkg
rm -rf "$gen"
echo "$want $(pkg_hash)" >"$stamp_file"
say "pkg/ built in $((SECONDS - t0)) s: $(cd pkg && find . -type f | sed 's|^\./||' | LC_ALL=C sort | tr '\n' ' ')"
node scripts/sizes.mjs pkg/jwtlens_bg.wasm
node scripts/sizes.mjs pkg/lite/jwtlens_bg.wasm
node scripts/sizes.mjs pkg/sign/jwtlens_bg.wasm
