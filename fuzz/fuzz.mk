# Fuzzing (cargo fuzz on nightly). `make fuzz FUZZ_SECONDS=60` runs every target for that long;
# `make test` runs each for FUZZ_TEST_SECONDS. Included by the root Makefile.
FUZZ_TARGETS := parse_batch parse_delivery verify_request diagnose decode_uri
FUZZ_SECONDS ?= 10
FUZZ_TEST_SECONDS ?= 15
FUZZ_LOGS := $(CURDIR)/fuzz/target/logs

TEST_SUITES += test-fuzz

.PHONY: fuzz fuzz-setup fuzz-seed test-fuzz

fuzz-setup:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz

# Seed corpora from the conformance vectors: every body, and every case's request.
fuzz-seed:
	@python3 fuzz/seed.py

# A target passes when cargo fuzz exits 0 and libFuzzer closed with its "Done <N> runs" line;
# a crash, a leak, a timeout, an out-of-memory or a build error fails it (its log is shown).
fuzz: fuzz-setup fuzz-seed
	@mkdir -p $(FUZZ_LOGS); passed=0; failed=0; \
	for t in $(FUZZ_TARGETS); do \
	  log=$(FUZZ_LOGS)/$$t.log; \
	  echo "== fuzz $$t for $(FUZZ_SECONDS)s (log: $$log)"; \
	  if (cd fuzz && CARGO_TARGET_DIR=$(CURDIR)/fuzz/target cargo +nightly fuzz run $$t corpus/$$t -- \
	        -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -max_len=65536) > $$log 2>&1 \
	     && runs=$$(sed -n 's/^Done \([0-9]*\) runs in .*/\1/p' $$log) && [ -n "$$runs" ]; then \
	    echo "fuzz $$t: $$runs runs, no failure"; passed=$$((passed + 1)); \
	  else \
	    tail -n 40 $$log; echo "fuzz $$t: FAILED (log: $$log)"; failed=$$((failed + 1)); \
	  fi; \
	done; \
	echo "fuzz: $$passed passed, $$failed failed"; [ $$failed -eq 0 ]

# The fuzz crate is its own workspace (nightly, sanitizers): its lints and formatting are
# checked here, with the stable toolchain.
test-fuzz:
	cd fuzz && CARGO_TARGET_DIR=$(CURDIR)/fuzz/target $(CARGO) clippy --all-targets -- -D warnings
	cd fuzz && $(CARGO) fmt --check
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_TEST_SECONDS)
