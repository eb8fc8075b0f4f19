# hubspot-webhooks: `make demo` shows the library at work, `make test` runs every test.
# Every target installs what it needs itself (idempotently, without prompts).

SHELL := /bin/bash
.DEFAULT_GOAL := help
export CARGO_TARGET_DIR ?= $(CURDIR)/target
export CARGO_TERM_COLOR ?= never
CARGO ?= cargo
FUZZ_SECONDS ?= 10

.PHONY: help demo test test-rust lint bench bench-rust fuzz

help:
	@echo "make demo    sign, verify and parse the sample batches (Rust core)"
	@echo "make test    every test suite: rust, node + workerd, python, c"
	@echo "make bench   benchmarks of every binding"
	@echo "make fuzz    cargo fuzz every target for FUZZ_SECONDS seconds each"

demo:
	$(CARGO) run --quiet --release -p hubspot-webhooks --example demo

test: test-rust
	@echo "make test: every suite ran ($(words $^) targets: $^)"
	@echo "suites: $(words $^) passed, 0 failed"

test-rust:
	$(CARGO) test -p hubspot-webhooks
	$(CARGO) clippy -p hubspot-webhooks --all-targets -- -D warnings
	$(CARGO) fmt --all --check
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc -p hubspot-webhooks --no-deps --quiet
	python3 tests/check_readme.py
	@# The vectors are written by their generators (which check them against a reference
	@# implementation of the decisions): regenerate and fail if anything differs.
	python3 tests/vectors/generate.py > /dev/null && python3 tests/vectors/hostile.py > /dev/null
	git diff --exit-code --stat -- tests/vectors tests/data

bench: bench-rust

bench-rust:
	$(CARGO) bench -p hubspot-webhooks --bench verify --quiet -- --quiet

# Each binding adds its own targets (test-node, test-python, test-c, ...) and appends them
# to `test` and `bench` in its own fragment.
-include wasm/wasm.mk
-include python/python.mk
-include ffi/ffi.mk
-include fuzz/fuzz.mk
