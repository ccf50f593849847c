# jwtlens: build and test entry points. The work is in scripts/ (see the comments there).
#
#   make pkg        build the npm package into pkg/ (installs missing tools first)
#   make test       install what is missing, then every suite; closes with a suite summary
#   make test-SUITE one suite (fmt clippy native wasm-node wasm-browser pkg pack js types
#                   conformance env), plus pkg/pack when it needs the tarball
#   make serve      build, then serve www/ on http://127.0.0.1:8080 (JWTLENS_PORT=N to change)
#   make tools      install/check the toolchain only
#   make clean      remove what the build left in this clone
#
# Tools and the cargo target dir live under ${JWTLENS_CACHE:-~/.cache/jwtlens} (scripts/env.sh).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := pkg
ENV := . scripts/env.sh &&

.PHONY: tools pkg test serve clean
.PHONY: test-fmt test-clippy test-native test-wasm-node test-wasm-browser test-pkg test-pack \
        test-js test-types test-conformance test-env

tools:
	bash scripts/install-tools.sh

pkg: tools
	bash scripts/build-pkg.sh

test:
	bash scripts/test.sh

test-%:
	bash scripts/test.sh $*

# www/jwtlens/ is a copy of pkg/ (ignored), so www/ is a complete static site.
serve: pkg
	rm -rf www/jwtlens
	cp -R pkg www/jwtlens
	$(ENV) exec node scripts/serve.mjs --root www

# The shared cargo target dir under the cache is left alone (other clones use it; cargo's own
# fingerprints keep it correct): `. scripts/env.sh && cargo clean` empties it.
clean:
	rm -rf pkg www/jwtlens artifacts target .wrangler
	rm -f *.tgz
