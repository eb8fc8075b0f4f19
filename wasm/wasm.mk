# The JavaScript package (npm "hubspot-webhooks") for Cloudflare Workers and Node: wasm-bindgen
# over the core, tested in Node and in real workerd. Included by the root Makefile.

WASM_DIR := $(CURDIR)/wasm
WASM_TARGET := wasm32-unknown-unknown
WASM_ARTIFACT := $(CARGO_TARGET_DIR)/$(WASM_TARGET)/wasm/hubspot_webhooks_wasm.wasm
WASM_BINDGEN_OUT := $(CARGO_TARGET_DIR)/wasm-bindgen-web
# The tools module: the same crate with the feature `tools` (the core's diagnosis and fixtures).
WASM_TOOLS_OUT := $(CARGO_TARGET_DIR)/wasm-bindgen-tools
# Versions from cargo metadata (the root Makefile's cargo-version): the wasm-bindgen CLI must be
# the exact version of the crate in Cargo.lock; the npm package takes the crate's version.
WASM_BINDGEN_VERSION = $(call cargo-version,wasm-bindgen)
WASM_PKG_VERSION = $(call cargo-version,hubspot-webhooks-wasm)
NODE_TEST_ENV := WRANGLER_SEND_METRICS=false

.PHONY: wasm-tools wasm-npm wasm-pkg test-node bench-node bench-workerd

# rustup target and wasm-bindgen-cli, installed only when missing or of another version.
wasm-tools:
	@rustup target list --installed | grep -qx '$(WASM_TARGET)' || rustup target add $(WASM_TARGET)
	@if [ "$$(PATH="$$HOME/.cargo/bin:$$PATH" wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION)"; \
	  $(CARGO) install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); \
	fi

# npm dev dependencies (wrangler/workerd, binaryen, esbuild, typescript, the bench peer), from the lock file.
wasm-npm:
	@cd $(WASM_DIR) && if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	  npm ci --no-audit --no-fund; fi

# Opt-levels over the workspace's profile wasm (the root Cargo.toml puts the hot crates at 3).
# The main module: these bindings at 2 (as fast as 3 in make bench-node, 0.5 KB gzipped less;
# "s" is 5% slower). The tools module is on no hot path (router patterns at start-up, signing,
# unknownFields, the diagnosis after a failure): "z" throughout, 18 KB gzipped less.
# Both modules use WebAssembly SIMD (simd128: Node 16.4+, workerd, Chrome 91+, Firefox 89+,
# Safari 16.4+): verify+parse/1 about 8% faster in make bench-node (1.37-1.40 against 1.49-1.50,
# interleaved) and the main module 1.6 KB gzipped smaller.
WASM_SIMD := --config 'target.wasm32-unknown-unknown.rustflags=["-C", "target-feature=+simd128"]'
WASM_MAIN_OPT := $(WASM_SIMD) --config 'profile.wasm.package.hubspot-webhooks-wasm.opt-level=2'
WASM_TOOLS_OPT := $(WASM_SIMD) $(foreach c,hubspot-webhooks hubspot-webhooks-wasm serde_json sha2,--config 'profile.wasm.package.$(c).opt-level="z"')

# The package in wasm/pkg: cargo (profile wasm) -> wasm-bindgen --target web -> wasm-opt -> entries.
wasm-pkg: wasm-tools wasm-npm
	CARGO_PROFILE_WASM_STRIP=false $(CARGO) build -p hubspot-webhooks-wasm --target $(WASM_TARGET) --profile wasm $(WASM_MAIN_OPT)
	PATH="$$HOME/.cargo/bin:$$PATH" wasm-bindgen --target web --out-dir $(WASM_BINDGEN_OUT) --out-name hubspot_webhooks_wasm $(WASM_ARTIFACT)
	CARGO_PROFILE_WASM_STRIP=false $(CARGO) build -p hubspot-webhooks-wasm --target $(WASM_TARGET) --profile wasm --features tools $(WASM_TOOLS_OPT)
	PATH="$$HOME/.cargo/bin:$$PATH" wasm-bindgen --target web --out-dir $(WASM_TOOLS_OUT) --out-name hubspot_webhooks_tools $(WASM_ARTIFACT)
	cd $(WASM_DIR) && node scripts/build.mjs $(WASM_BINDGEN_OUT) $(WASM_PKG_VERSION) $(WASM_TOOLS_OUT)

test-node: wasm-pkg
	$(CARGO) clippy -p hubspot-webhooks-wasm --target $(WASM_TARGET) -- -D warnings
	$(CARGO) clippy -p hubspot-webhooks-wasm --target $(WASM_TARGET) --features tools -- -D warnings
	$(CARGO) fmt -p hubspot-webhooks-wasm --check
	cd $(WASM_DIR) && $(NODE_TEST_ENV) node test/conformance-node.mjs
	cd $(WASM_DIR) && $(NODE_TEST_ENV) node test/conformance-node.cjs
	cd $(WASM_DIR) && $(NODE_TEST_ENV) node test/conformance-workerd.mjs
	@# test/cli-send.test.mjs drives the command-line tool (cli/) against the example and workerd.
	$(CARGO) build --quiet -p hubspot-webhooks-cli
	cd $(WASM_DIR) && $(NODE_TEST_ENV) HUBSPOT_WEBHOOKS_CLI=$(CARGO_TARGET_DIR)/debug/hubspot-webhooks node --test --test-concurrency=1 test/*.test.mjs

# The module again with the serde-events feature (the batch path through serde-wasm-bindgen),
# for bench/protocol.mjs only (the next wasm-pkg builds the package's module again).
WASM_SERDE_OUT := $(CARGO_TARGET_DIR)/wasm-bindgen-serde
bench-node: wasm-pkg
	cd $(WASM_DIR) && node bench/bench.mjs
	cd $(WASM_DIR) && node bench/profile.mjs $(WASM_BINDGEN_OUT)
	CARGO_PROFILE_WASM_STRIP=false $(CARGO) build -p hubspot-webhooks-wasm --target $(WASM_TARGET) --profile wasm --features serde-events $(WASM_MAIN_OPT)
	PATH="$$HOME/.cargo/bin:$$PATH" wasm-bindgen --target web --out-dir $(WASM_SERDE_OUT) --out-name hubspot_webhooks_wasm $(WASM_ARTIFACT)
	cd $(WASM_DIR) && node bench/protocol.mjs $(WASM_SERDE_OUT)

# The bench inside workerd (bench/workerd.mjs): wrangler bundles the workers as a deploy would,
# Miniflare runs them on 127.0.0.1 with nodejs_compat.
bench-workerd: wasm-pkg
	cd $(WASM_DIR) && $(NODE_TEST_ENV) node bench/workerd.mjs

TEST_SUITES += test-node
bench: bench-node bench-workerd
