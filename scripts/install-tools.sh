#!/usr/bin/env bash
# Install every tool the build and the tests need, idempotently: each one is checked (at its
# pinned version) first and installed only when missing or different.
#
#   Debian:  chromium, chromium-driver            (apt; needs root or sudo)
#   rustup:  wasm32-unknown-unknown target, rustfmt, clippy
#   cargo:   wasm-bindgen-cli == the wasm-bindgen crate in Cargo.lock -> $JWTLENS_CACHE/tools
#   npm:     scripts/versions.sh JWTLENS_NPM_TOOLS                     -> $JWTLENS_CACHE/npm/<id>
#
# Writes nothing outside the cache ($JWTLENS_CACHE, default ~/.cache/jwtlens) and the clone,
# apart from the apt and rustup installs themselves. Exports nothing: source scripts/env.sh
# for the PATH. Safe to run concurrently from several clones (one lock under the cache).
set -euo pipefail

# shellcheck source=scripts/env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"

say() { printf 'install-tools: %s\n' "$*"; }
die() { printf 'install-tools: error: %s\n' "$*" >&2; exit 1; }
t0=$SECONDS

mkdir -p "$JWTLENS_CACHE"
exec 9>"$JWTLENS_CACHE/.install.lock"
if ! flock -n 9; then
  say "waiting for another install-tools run (lock $JWTLENS_CACHE/.install.lock)"
  flock 9
fi

# --- Node.js (not installable from here: Debian 12's nodejs is 18) --------------------------
command -v node >/dev/null || die "node not found: Node.js >= $JWTLENS_MIN_NODE is required"
command -v npm >/dev/null || die "npm not found"
node -e '
  const [a, b] = [process.versions.node, process.argv[1]].map((v) => v.split(".").map(Number));
  for (let i = 0; i < 3; i++) { if (a[i] !== b[i]) process.exit(a[i] > b[i] ? 0 : 1); }
' "$JWTLENS_MIN_NODE" || die "Node.js $(node --version) is too old: >= $JWTLENS_MIN_NODE is required"
say "ok      node $(node --version), npm $(npm --version)"

# --- apt: chromium + chromedriver ----------------------------------------------------------
missing_apt=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || [ -x /usr/bin/chromedriver ] || missing_apt+=(chromium-driver)
if [ ${#missing_apt[@]} -gt 0 ]; then
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "need root (or sudo) to apt-get install ${missing_apt[*]}"
    sudo=(sudo)
  fi
  say "install ${missing_apt[*]} (apt-get)"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    chromium chromium-driver >/dev/null
fi
chromium_v="$(dpkg-query -W -f='${Version}' chromium 2>/dev/null || echo '?')"
driver_v="$(dpkg-query -W -f='${Version}' chromium-driver 2>/dev/null || echo '?')"
[ "$chromium_v" = "$driver_v" ] || say "warning: chromium $chromium_v but chromium-driver $driver_v"
say "ok      chromium $chromium_v, chromium-driver $driver_v"

# --- rustup: wasm target and components ----------------------------------------------------
command -v rustup >/dev/null || die "rustup not found"
installed_targets="$(rustup target list --installed)"
if ! grep -qx wasm32-unknown-unknown <<<"$installed_targets"; then
  say "install rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
installed_components="$(rustup component list --installed)"
for c in rustfmt clippy; do
  if ! grep -q "^$c" <<<"$installed_components"; then
    say "install rustup component $c"
    rustup component add "$c"
  fi
done
say "ok      $(rustc --version), target wasm32-unknown-unknown, rustfmt, clippy"

# --- wasm-bindgen-cli at the crate's version -----------------------------------------------
wbg_version="$(jwtlens_wasm_bindgen_version)"
[ -n "$wbg_version" ] || die "cannot read the wasm-bindgen version from Cargo.lock / Cargo.toml"
have_wbg() {
  [ -x "$JWTLENS_TOOLS/bin/wasm-bindgen" ] && [ -x "$JWTLENS_TOOLS/bin/wasm-bindgen-test-runner" ] &&
    [ "$("$JWTLENS_TOOLS/bin/wasm-bindgen" --version 2>/dev/null)" = "wasm-bindgen $wbg_version" ]
}
if ! have_wbg; then
  say "install wasm-bindgen-cli $wbg_version into $JWTLENS_TOOLS (cargo install, ~3 min cold)"
  # No --locked: the CLI's lock file names a webpki-roots release the registry does not have.
  # No shared CARGO_TARGET_DIR: cargo install builds in its own temporary directory.
  env -u CARGO_TARGET_DIR cargo install --force wasm-bindgen-cli --version "$wbg_version" \
    --root "$JWTLENS_TOOLS"
  have_wbg || die "wasm-bindgen-cli $wbg_version did not install"
fi
say "ok      $("$JWTLENS_TOOLS/bin/wasm-bindgen" --version) (+ wasm-bindgen-test-runner)"

# --- npm tools -----------------------------------------------------------------------------
npm_ok() {
  local spec name want got
  for spec in $JWTLENS_NPM_TOOLS; do
    name="${spec%@*}" want="${spec##*@}"
    got="$(node -p "require('$JWTLENS_NPM_DIR/node_modules/$name/package.json').version" 2>/dev/null || true)"
    [ "$got" = "$want" ] || return 1
  done
  [ -x "$JWTLENS_NPM_DIR/node_modules/.bin/wasm-opt" ]
}
if ! npm_ok; then
  say "install npm tools $JWTLENS_NPM_TOOLS into $JWTLENS_NPM_DIR"
  mkdir -p "$JWTLENS_NPM_DIR"
  node -e '
    const deps = {};
    for (const spec of process.argv[2].split(" ")) {
      const at = spec.lastIndexOf("@");
      deps[spec.slice(0, at)] = spec.slice(at + 1);
    }
    require("fs").writeFileSync(process.argv[1] + "/package.json",
      JSON.stringify({ name: "jwtlens-tools", private: true, dependencies: deps }, null, 2) + "\n");
  ' "$JWTLENS_NPM_DIR" "$JWTLENS_NPM_TOOLS"
  (cd "$JWTLENS_NPM_DIR" && npm install --no-audit --no-fund --loglevel=error)
  npm_ok || die "npm tools did not install at the pinned versions ($JWTLENS_NPM_TOOLS)"
fi
wasm_opt_v="$("$JWTLENS_NPM_DIR/node_modules/.bin/wasm-opt" --version)"
say "ok      $JWTLENS_NPM_TOOLS ($wasm_opt_v)"

say "done in $((SECONDS - t0)) s"
