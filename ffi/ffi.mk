# C and C++ (ffi/): the C library libhubspot_webhooks_c.{so,a}, its cbindgen header, the
# header-only C++17 wrapper, their tests and benchmark. Included by the root Makefile.

FFI_LIB_DIR := $(CARGO_TARGET_DIR)/release
FFI_DIST ?= $(CARGO_TARGET_DIR)/ffi-dist
FFI_OUT := $(CARGO_TARGET_DIR)/ffi-c
FFI_PREFIX ?= /usr/local
# The crate's version (the workspace's), read with cargo metadata (the root Makefile's helper).
FFI_VERSION = $(call cargo-version,hubspot-webhooks-ffi)
# The SONAME ffi/build.rs gives the shared library, libhubspot_webhooks_c.so.<ABI> (the ABI
# number is written once, in ffi/src/abi_version.rs), read from the built library; the file is
# installed as <SONAME>.<version> with the usual symlinks. Both expand when a recipe runs.
FFI_SO := libhubspot_webhooks_c.so
FFI_SONAME = $(shell objdump -p $(FFI_LIB_DIR)/$(FFI_SO) 2>/dev/null | awk '$$1 == "SONAME" { print $$2 }')
FFI_SO_REAL = $(FFI_SONAME).$(FFI_VERSION)
# Debian packages: jansson (exact 64-bit integers) for the conformance runner, cJSON and
# OpenSSL for the benchmark's hand-written C receiver, valgrind, g++ and clang for the tests.
FFI_APT := gcc g++ clang pkg-config valgrind libjansson-dev libcjson-dev libssl-dev

# ThreadSanitizer build of the library (rustc nightly, -Zsanitizer=thread) for the threads test,
# in its own target directory (its RUSTFLAGS differ from every other build).
FFI_HOST := $(shell rustc -vV 2>/dev/null | awk '$$1 == "host:" { print $$2 }')
FFI_TSAN_TARGET := $(CARGO_TARGET_DIR)/ffi-tsan
FFI_TSAN_LIB := $(FFI_TSAN_TARGET)/$(FFI_HOST)/release/libhubspot_webhooks_c.a

.PHONY: test-c bench-c ffi-deps ffi-lib ffi-dist ffi-install ffi-header ffi-tsan-lib ffi-abi

TEST_SUITES += test-c
bench: bench-c

# Installs the missing Debian packages only (apt-get update once, only when one is missing).
ffi-deps:
	@missing=""; for p in $(FFI_APT); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "ffi: installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

ffi-lib:
	$(CARGO) build --release -p hubspot-webhooks-ffi

# include/, lib/ (shared + static) and lib/pkgconfig/hubspot_webhooks.pc under $(FFI_DIST).
ffi-dist: ffi-lib
	@test -n "$(FFI_SONAME)" || { echo "ffi: $(FFI_LIB_DIR)/$(FFI_SO) has no SONAME (see ffi/build.rs)"; exit 1; }
	@rm -rf $(FFI_DIST) && mkdir -p $(FFI_DIST)/include $(FFI_DIST)/lib/pkgconfig
	cp ffi/include/hubspot_webhooks.h ffi/include/hubspot_webhooks.hpp $(FFI_DIST)/include/
	cp $(FFI_LIB_DIR)/$(FFI_SO) $(FFI_DIST)/lib/$(FFI_SO_REAL)
	ln -sf $(FFI_SO_REAL) $(FFI_DIST)/lib/$(FFI_SONAME)
	ln -sf $(FFI_SONAME) $(FFI_DIST)/lib/$(FFI_SO)
	cp $(FFI_LIB_DIR)/libhubspot_webhooks_c.a $(FFI_DIST)/lib/
	sed -e 's|@PREFIX@|$(FFI_DIST)|' -e 's|@VERSION@|$(FFI_VERSION)|' ffi/hubspot_webhooks.pc.in \
	  > $(FFI_DIST)/lib/pkgconfig/hubspot_webhooks.pc

# make ffi-install FFI_PREFIX=/usr/local
ffi-install: ffi-lib
	@test -n "$(FFI_SONAME)" || { echo "ffi: $(FFI_LIB_DIR)/$(FFI_SO) has no SONAME (see ffi/build.rs)"; exit 1; }
	install -d $(FFI_PREFIX)/include $(FFI_PREFIX)/lib/pkgconfig
	install -m 644 ffi/include/hubspot_webhooks.h ffi/include/hubspot_webhooks.hpp $(FFI_PREFIX)/include/
	install -m 755 $(FFI_LIB_DIR)/$(FFI_SO) $(FFI_PREFIX)/lib/$(FFI_SO_REAL)
	ln -sf $(FFI_SO_REAL) $(FFI_PREFIX)/lib/$(FFI_SONAME)
	ln -sf $(FFI_SONAME) $(FFI_PREFIX)/lib/$(FFI_SO)
	install -m 644 $(FFI_LIB_DIR)/libhubspot_webhooks_c.a $(FFI_PREFIX)/lib/
	sed -e 's|@PREFIX@|$(FFI_PREFIX)|' -e 's|@VERSION@|$(FFI_VERSION)|' ffi/hubspot_webhooks.pc.in \
	  > $(FFI_PREFIX)/lib/pkgconfig/hubspot_webhooks.pc

# Records additions to the C ABI in ffi/abi/abi-<N>.txt (then commit it; see ffi/README.md "ABI").
ffi-abi: ffi-dist
	python3 ffi/c/abi.py bless ffi/include/hubspot_webhooks.h $(FFI_DIST)/lib/$(FFI_SO) $(FFI_OUT)

# Regenerates include/hubspot_webhooks.h after a change to ffi/src/ (then commit it).
ffi-header:
	HUBSPOT_WEBHOOKS_BLESS_HEADER=1 $(CARGO) test -p hubspot-webhooks-ffi --test header

# Without a nightly toolchain this only says so; the threads test then uses gcc's TSan on the
# C side alone.
ffi-tsan-lib:
	@if $(CARGO) +nightly --version >/dev/null 2>&1 && [ -n "$(FFI_HOST)" ]; then \
	  echo "ffi: building the TSan-instrumented library (nightly)"; \
	  RUSTFLAGS="-Zsanitizer=thread -Cunsafe-allow-abi-mismatch=sanitizer" CARGO_TARGET_DIR=$(FFI_TSAN_TARGET) \
	    $(CARGO) +nightly build --quiet --release -p hubspot-webhooks-ffi --target $(FFI_HOST); \
	else echo "ffi: no nightly toolchain: ThreadSanitizer will cover the C side only"; fi

# Rust unit tests + header drift check, clippy, then the C/C++ suite (plain, valgrind, ASan+UBSan,
# TSan, soak, hostile input, ABI checks).
test-c: ffi-deps ffi-dist ffi-tsan-lib
	$(CARGO) test -p hubspot-webhooks-ffi
	$(CARGO) clippy -p hubspot-webhooks-ffi --all-targets -- -D warnings
	FFI_DIST=$(FFI_DIST) FFI_OUT=$(FFI_OUT) FFI_TSAN_LIB=$(FFI_TSAN_LIB) \
	  FFI_TSAN_RT="$$(rustc +nightly --print sysroot 2>/dev/null)/lib/rustlib/$(FFI_HOST)/lib/librustc-nightly_rt.tsan.a" \
	  bash ffi/c/run-tests.sh

bench-c: ffi-deps ffi-dist
	FFI_DIST=$(FFI_DIST) FFI_OUT=$(FFI_OUT) bash ffi/c/run-bench.sh
