# hubspot-webhooks: `make demo` shows the library at work, `make test` runs every test.
# Every target installs what it needs itself (idempotently, without prompts).

SHELL := /bin/bash
.DEFAULT_GOAL := help
export CARGO_TARGET_DIR ?= $(CURDIR)/target
export CARGO_TERM_COLOR ?= never
CARGO ?= cargo

# $(call cargo-version,<package>): the version of a workspace crate or of a locked dependency
# ("hubspot-webhooks", "wasm-bindgen"), read with cargo metadata rather than from the text of
# Cargo.toml or Cargo.lock. Fragments use it with `=` (read when first needed).
cargo-version = $(shell $(CARGO) metadata --format-version 1 --locked 2>/dev/null | python3 -c \
  'import json, sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == sys.argv[1]))' $(1))

# The suites `make test` runs. Each binding's fragment (included at the end) appends its own:
# `TEST_SUITES += test-node`.
TEST_SUITES := test-rust
# The generators of tests/vectors/ (each takes the folder to write into: OUT/vectors, OUT/data)
# and the vector files written by hand; test-rust checks that the committed files are exactly
# what the generators write.
VECTOR_GENERATORS := generate.py hostile.py channels.py diagnosis.py
HAND_WRITTEN_VECTORS := regressions.json

.PHONY: help demo test test-rust bench bench-rust generate

help:
	@echo "make demo    sign, verify and parse the sample batches (Rust core)"
	@echo "make test    every test suite: $(TEST_SUITES)"
	@echo "make bench   benchmarks of every binding"
	@echo "make fuzz    cargo fuzz every target for FUZZ_SECONDS seconds each"
	@echo "make generate after a change to core's tables or a vector generator: write the files made from them"

demo:
	$(CARGO) run --quiet --release -p hubspot-webhooks --example demo

# Every suite runs in its own make, even after one has failed, and appends its outcome to
# TEST_RESULTS; the last step counts that file, and fails when any suite failed.
TEST_RESULTS := $(CARGO_TARGET_DIR)/make-test-results.txt
test:
	$(if $^,$(error a suite is a prerequisite of `test` ($^): append it to TEST_SUITES instead, so that it is counted))
	@mkdir -p $(dir $(TEST_RESULTS)) && : > $(TEST_RESULTS)
	@for suite in $(TEST_SUITES); do \
	  if $(MAKE) --no-print-directory $$suite; then echo "passed $$suite" >> $(TEST_RESULTS); \
	  else echo "failed $$suite" >> $(TEST_RESULTS); fi; \
	done
	@sed -n 's/^\(passed\|failed\) \(.*\)/make test: \2 \1/p' $(TEST_RESULTS); \
	echo "suites: $$(grep -c '^passed' $(TEST_RESULTS)) passed, $$(grep -c '^failed' $(TEST_RESULTS)) failed"; \
	! grep -q '^failed' $(TEST_RESULTS)

test-rust:
	$(CARGO) test -p hubspot-webhooks
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(CARGO) fmt --all --check
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc -p hubspot-webhooks --no-deps --quiet
	python3 tests/check_readme.py
	python3 tests/check_docs.py
	python3 tests/check_versions.py
	@# The vectors and sample bodies are written by their generators, which check them against a
	@# reference implementation of the decisions: write them again into a temporary folder and
	@# compare with the committed files (the checkout itself is never written).
	out=$$(mktemp -d) && trap 'rm -rf "$$out"' EXIT \
	  && for generator in $(VECTOR_GENERATORS); do python3 tests/vectors/$$generator "$$out" > /dev/null || exit 1; done \
	  && diff -r $(HAND_WRITTEN_VECTORS:%=-x %) -x '*.py' -x __pycache__ tests/vectors "$$out/vectors" \
	  && diff -r tests/data "$$out/data" \
	  && echo "vectors: the committed files are what the generators write"
	$(TABLES_JSONL)
	python3 tests/typed_surfaces.py $(FIELDS_JSONL) $(OPTIONS_JSONL) $(FIXTURE_OPTIONS_JSONL)

# Core's schema and option tables as JSON lines, read by tests/typed_surfaces.py.
FIELDS_JSONL := $(CARGO_TARGET_DIR)/fields.jsonl
OPTIONS_JSONL := $(CARGO_TARGET_DIR)/options.jsonl
FIXTURE_OPTIONS_JSONL := $(CARGO_TARGET_DIR)/fixture-options.jsonl
TABLES_JSONL = $(CARGO) run --quiet -p hubspot-webhooks-cli -- fields --json > $(FIELDS_JSONL) \
	  && $(CARGO) run --quiet -p hubspot-webhooks-cli -- options --json > $(OPTIONS_JSONL) \
	  && $(CARGO) run --quiet -p hubspot-webhooks-cli -- options --fixtures --json > $(FIXTURE_OPTIONS_JSONL)

# Adding a field to core/src/schema.rs (or a status, or a vector to a generator) is that one
# edit plus `make generate`, which writes every file made from core's tables, then commit them:
# the vectors and sample bodies, the Python and TypeScript field declarations, the C header and
# the C ABI record. `make test` fails until they are written.
generate: ffi-header ffi-abi
	for generator in $(VECTOR_GENERATORS); do python3 tests/vectors/$$generator tests > /dev/null || exit 1; done
	$(TABLES_JSONL)
	python3 tests/typed_surfaces.py $(FIELDS_JSONL) $(OPTIONS_JSONL) $(FIXTURE_OPTIONS_JSONL) --write

bench: bench-rust

bench-rust:
	$(CARGO) bench -p hubspot-webhooks --bench verify --quiet -- --quiet

# Each binding adds its own targets (test-node, test-python, test-c, ...), appends them to
# TEST_SUITES, and adds its benchmark to `bench`, in its own fragment.
include wasm/wasm.mk
include python/python.mk
include ffi/ffi.mk
include fuzz/fuzz.mk
include cli/cli.mk
include release/dist.mk
