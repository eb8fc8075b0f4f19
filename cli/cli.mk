# The command-line tool (cli/): `hubspot-webhooks sign | send | verify | listen`, built on core.
# Included by the root Makefile. `make cli` builds it, `make cli-install` installs it with
# `cargo install --path cli` (into CLI_ROOT, default ~/.cargo).

CLI_ROOT ?= $(HOME)/.cargo

.PHONY: cli cli-install test-cli

TEST_SUITES += test-cli

cli:
	$(CARGO) build --release --locked -p hubspot-webhooks-cli
	@echo "built $(CARGO_TARGET_DIR)/release/hubspot-webhooks"

cli-install:
	$(CARGO) install --locked --path cli --root $(CLI_ROOT)

# The end-to-end tests run the built binary on 127.0.0.1; then the crate's lints and format,
# and `cargo install --path cli` into a temporary root, whose binary must say the workspace's
# version (tests/check_versions.py --cli checks it along with every other package).
CLI_VERSION = $(call cargo-version,hubspot-webhooks-cli)
test-cli:
	$(CARGO) test --locked -p hubspot-webhooks-cli
	$(CARGO) clippy --locked -p hubspot-webhooks-cli --all-targets -- -D warnings
	$(CARGO) fmt -p hubspot-webhooks-cli --check
	root=$$(mktemp -d) && trap 'rm -rf "$$root"' EXIT \
	  && $(CARGO) install --quiet --locked --path cli --root "$$root" \
	  && installed=$$("$$root/bin/hubspot-webhooks" --version) \
	  && echo "cargo install --path cli: $$installed" \
	  && test "$$installed" = "hubspot-webhooks $(CLI_VERSION)"
