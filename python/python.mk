# Python package (python/): build the abi3 wheel with maturin, install it into a fresh virtualenv
# and run pytest (conformance, typed API, exceptions, framework helpers over real HTTP, stubtest)
# against it, after clippy on the python crate.
# Everything is installed here, idempotently: .venv-build holds maturin, .venv-test the wheel and
# the test dependencies (recreated when python/tests/requirements*.txt change, or with PY_FRESH=1).

PY_PYTHON ?= python3
PY_DIR := $(CURDIR)/python
PY_BUILD_VENV := $(CURDIR)/.venv-build
PY_TEST_VENV := $(CURDIR)/.venv-test
PY_WHEEL_DIR := $(CARGO_TARGET_DIR)/python-wheels
PY_MATURIN_SPEC := maturin>=1.9,<2
PY_REQS := $(PY_DIR)/tests/requirements.txt
PY_BENCH_REQS := $(PY_DIR)/tests/requirements-bench.txt
# The wheel of this version (maturin takes it from the crate, read here with cargo metadata).
PY_WHEEL = $(PY_WHEEL_DIR)/hubspot_webhooks-$(call cargo-version,hubspot-webhooks-python)-*.whl

.PHONY: test-python bench-python python-wheel python-venv

TEST_SUITES += test-python
bench: bench-python

python-wheel:
	@[ -x $(PY_BUILD_VENV)/bin/python ] || $(PY_PYTHON) -m venv $(PY_BUILD_VENV)
	@$(PY_BUILD_VENV)/bin/python -c 'import importlib.metadata as m, sys; v = tuple(int(x) for x in m.version("maturin").split(".")[:2]); sys.exit(0 if (1, 9) <= v < (2, 0) else 1)' 2>/dev/null \
		|| $(PY_BUILD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check '$(PY_MATURIN_SPEC)'
	@rm -f $(PY_WHEEL_DIR)/hubspot_webhooks-*.whl
	cd $(PY_DIR) && $(PY_BUILD_VENV)/bin/maturin build --release --quiet --out $(PY_WHEEL_DIR) --interpreter $(PY_BUILD_VENV)/bin/python
	@ls $(PY_WHEEL)

# The test venv is made fresh when its requirements change (a stamp holds their hash).
python-venv:
	@stamp="$$(cat $(PY_REQS) $(PY_BENCH_REQS) | sha256sum | cut -c1-16)"; \
	if [ -n "$(PY_FRESH)" ] || [ "$$(cat $(PY_TEST_VENV)/.requirements-stamp 2>/dev/null)" != "$$stamp" ]; then \
		rm -rf $(PY_TEST_VENV) && $(PY_PYTHON) -m venv $(PY_TEST_VENV) \
		&& $(PY_TEST_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r $(PY_REQS) -r $(PY_BENCH_REQS) \
		&& echo "$$stamp" > $(PY_TEST_VENV)/.requirements-stamp; \
	fi

test-python: python-wheel python-venv
	$(CARGO) clippy -p hubspot-webhooks-python -- -D warnings
	$(PY_TEST_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps $(PY_WHEEL)
	@# test_cli_send.py drives the command-line tool (cli/) against the framework helpers.
	$(CARGO) build --quiet -p hubspot-webhooks-cli
	cd $(PY_DIR)/tests && HUBSPOT_WEBHOOKS_CLI=$(CARGO_TARGET_DIR)/debug/hubspot-webhooks $(PY_TEST_VENV)/bin/python -m pytest -p no:cacheprovider -q

bench-python: python-wheel python-venv
	$(PY_TEST_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps $(PY_WHEEL)
	cd $(PY_DIR)/tests && $(PY_TEST_VENV)/bin/python bench.py
