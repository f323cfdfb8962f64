# dockersim — two commands on a fresh machine:
#   make serve   set up, build the wasm and the page, serve at http://127.0.0.1:$(PORT)
#   make test    set up what tests need and run every test suite
# Everything else here is a building block of those two.

PORT ?= 8080
WASM_BINDGEN_VERSION := 0.2.130
WASM_TARGET := wasm32-unknown-unknown
WASM_OUT := target/$(WASM_TARGET)/wasm-release/dockersim.wasm
PKG := www/pkg/dockersim_bg.wasm
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: serve test setup setup-test wasm page native lint test-rust test-wasm test-e2e test-corpus bench measure fuzz fuzz-million clean

serve: setup page
	@echo "dockersim: serving http://127.0.0.1:$(PORT)"
	node scripts/serve.mjs --port $(PORT)

test: setup setup-test
	@scripts/test-all.sh

# ---- set-up (idempotent: each step checks before it installs) ----

setup:
	@scripts/setup.sh serve

setup-test:
	@scripts/setup.sh test

# ---- builds ----

wasm: $(PKG)

$(PKG): Cargo.toml $(shell find src -name '*.rs')
	cargo build --lib --profile wasm-release --target $(WASM_TARGET)
	wasm-bindgen --target web --no-typescript --out-dir www/pkg $(WASM_OUT)
	@# binaryen's optimizer (npm package): about 12% fewer gzipped bytes. --converge repeats
	@# the passes while they shrink the module.
	npx wasm-opt -Oz --converge --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals $(PKG) -o $(PKG)

page: wasm
	npx vite build --logLevel warn
	node scripts/compress.mjs

native:
	cargo build --release --bin dockersim

# ---- test suites (scripts/test-all.sh runs them all and summarises) ----

# House rules: rustfmt (rustfmt.toml) and clippy with warnings as errors.
lint:
	cargo fmt --check && echo "lint ok: cargo fmt --check"
	cargo clippy --all-targets -- -D warnings && echo "lint ok: cargo clippy -D warnings"

test-rust:
	DOCKERSIM_REQUIRE_ORACLES=1 cargo test --all-targets

test-wasm:
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test --target $(WASM_TARGET) --test wasm

test-e2e: page
	node --test --test-concurrency=1 tests/e2e/

# Structured fuzzing (tests/fuzz.rs): each target for FUZZ_SECONDS (default 60),
# printing the inputs each ran; findings land in target/fuzz-findings/.
# Then the awk differential fuzz (tests/awk_oracle.rs): AWK_ORACLE_COUNT generated
# programs per flavour against the real mawk and BusyBox awk (make test runs 1000);
# findings land in target/awk-oracle-findings.txt.
FUZZ_SECONDS ?= 60
AWK_ORACLE_COUNT ?= 100000
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) cargo test --release --test fuzz -- --ignored --nocapture
	DOCKERSIM_REQUIRE_ORACLES=1 AWK_ORACLE_COUNT=$(AWK_ORACLE_COUNT) cargo test --release --test awk_oracle -- --nocapture

# Every fuzz target until it has run FUZZ_INPUTS inputs (default a million each;
# about an hour on one core, most of it the shell and cli targets).
FUZZ_INPUTS ?= 1000000
fuzz-million:
	FUZZ_INPUTS=$(FUZZ_INPUTS) cargo test --release --test fuzz -- --ignored --nocapture

measure: page
	node scripts/measure-page.mjs

bench: wasm
	for b in parser engine catalog build shell; do cargo run --release --example bench_$$b; done
	node scripts/bench-browser.mjs

clean:
	rm -rf target www/pkg dist node_modules
