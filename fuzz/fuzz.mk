# Fuzzing (cargo fuzz on nightly). `make fuzz FUZZ_SECONDS=60` runs every target for that long.
FUZZ_TARGETS := parse_batch verify_request decode_uri
FUZZ_TEST_SECONDS ?= 15

.PHONY: fuzz fuzz-setup fuzz-seed test-fuzz

fuzz-setup:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz

# Seed corpora from the conformance vectors: every body, and every case's request.
fuzz-seed:
	@python3 fuzz/seed.py

fuzz: fuzz-setup fuzz-seed
	@set -eo pipefail; for t in $(FUZZ_TARGETS); do \
	  echo "== fuzz $$t for $(FUZZ_SECONDS)s"; \
	  (cd fuzz && CARGO_TARGET_DIR=$(CURDIR)/fuzz/target cargo +nightly fuzz run $$t corpus/$$t -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -max_len=65536 2>&1 | tail -n 3); \
	done; echo "fuzz: $(words $(FUZZ_TARGETS)) passed, 0 failed"

test-fuzz:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_TEST_SECONDS)

test: test-fuzz
