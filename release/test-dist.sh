#!/usr/bin/env bash
# make test-dist: tests of the artifacts in DIST (made by make dist), not of the tree.
#   bash release/test-dist.sh DIST      (RELEASE_VERSION and RELEASE_CHECK_TARGETS from dist.mk)
# Each step runs even after another failed; the last line counts them, and any failure fails.
# pkg-config prints flags meant to be split into words:
# shellcheck disable=SC2046
set -uo pipefail

DIST=$(cd "$1" && pwd)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VERSION=${RELEASE_VERSION:?}
ABI=$(sed -n 's/^pub const HUBSPOT_ABI_VERSION: u32 = \([0-9]*\);/\1/p' "$ROOT/ffi/src/abi_version.rs")
LIB=libhubspot_webhooks_c
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
passed=0 failed=0 skipped=0

step() { # step NAME COMMAND...: runs one test, records its outcome
  local name=$1; shift
  echo "== test-dist: $name"
  if "$@"; then passed=$((passed + 1)); echo "test-dist $name: passed"
  else failed=$((failed + 1)); echo "test-dist $name: FAILED"; fi
}

skip() { skipped=$((skipped + 1)); echo "test-dist $1: skipped ($2)"; }

# --- contents -------------------------------------------------------------------------------
checksums() { (cd "$DIST" && sha256sum --check --quiet SHA256SUMS); }
step "checksums" checksums
crates=$(cd "$ROOT" && make --no-print-directory -s -f Makefile release-crates 2>/dev/null)
step "contents" python3 "$ROOT/release/check_dist.py" "$DIST" "$VERSION" "$ABI" "${crates:-hubspot-webhooks}"

# --- Python ---------------------------------------------------------------------------------
# A fresh virtualenv, the artifact installed with plain pip, pytest; then the conformance
# runner (python/tests/test_conformance.py, which imports the installed package) and the
# version at run time.
python_artifact() { # python_artifact PYTHON ARTIFACT NAME
  local venv="$WORK/venv-$3"
  "$1" -m venv "$venv" \
    && "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$2" pytest \
    && "$venv/bin/python" -c 'import hubspot_webhooks, sys; f = hubspot_webhooks.__file__; print("imported", f); sys.exit("site-packages" not in f)' \
    && (cd "$ROOT/python/tests" && "$venv/bin/python" -m pytest -p no:cacheprovider -q test_conformance.py)
}
python_version() { python3 "$ROOT/tests/check_versions.py" --runtime-only --python "$WORK/venv-$1/bin/python"; }
step "sdist, pip install (compiles with cargo), conformance" \
  python_artifact python3 "$DIST/hubspot_webhooks-$VERSION.tar.gz" sdist
step "sdist: hubspot_webhooks.__version__" python_version sdist
wheel=$(ls "$DIST"/hubspot_webhooks-"$VERSION"-cp39-abi3-*manylinux2014_x86_64*.whl)
for minor in 9 13; do
  # pyenv's (this machine), else one on PATH (CI's setup-python).
  python=$(ls -d "$HOME"/.pyenv/versions/3."$minor".*/bin/python 2>/dev/null | sort -V | tail -n 1)
  [ -n "$python" ] || python=$(command -v "python3.$minor")
  if [ -n "$python" ]; then
    step "manylinux2014 x86_64 wheel on Python 3.$minor, conformance" python_artifact "$python" "$wheel" "py3$minor"
    step "manylinux2014 x86_64 wheel on Python 3.$minor: hubspot_webhooks.__version__" python_version "py3$minor"
  else
    step "Python 3.$minor (pyenv)" false
  fi
done

# --- C --------------------------------------------------------------------------------------
# The tarball unpacked into a temporary prefix; release/consumer/consumer.c built with
# pkg-config and with CMake (find_package), linked shared and static, and run.
unpack() { # unpack TARGET: prints the unpacked prefix
  local dir="$WORK/c-$1"
  mkdir -p "$dir" && tar -xzf "$DIST/hubspot-webhooks-c-$VERSION-$1.tar.gz" -C "$dir" \
    && echo "$dir/hubspot-webhooks-c-$VERSION-$1"
}

soname() { # soname PREFIX: the shared library's SONAME is lib...so.<ABI of ffi/src/abi_version.rs>
  local got
  got=$(readelf -d "$1/lib/$LIB.so.$VERSION" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
  [ "$got" = "$LIB.so.$ABI" ] || { echo "SONAME $got, expected $LIB.so.$ABI (ffi/build.rs and cargo-c disagree)"; return 1; }
}

c_host() {
  local prefix out="$WORK/c-host-build" pc
  prefix=$(unpack x86_64-unknown-linux-gnu) || return 1
  soname "$prefix" || return 1
  export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
  pc="pkg-config hubspot_webhooks"
  [ "$($pc --modversion)" = "$VERSION" ] || { echo "pkg-config --modversion: $($pc --modversion)"; return 1; }
  mkdir -p "$out"
  # pkg-config, shared: the library found through LD_LIBRARY_PATH (the .pc has no rpath).
  cc -Wall -Werror -o "$out/pc-shared" "$ROOT/release/consumer/consumer.c" $($pc --cflags --libs) || return 1
  LD_LIBRARY_PATH="$prefix/lib" "$out/pc-shared" || return 1
  LD_LIBRARY_PATH="$prefix/lib" ldd "$out/pc-shared" | grep -q "$LIB.so.$ABI => $prefix/lib/" \
    || { echo "pc-shared does not load $prefix/lib/$LIB.so.$ABI"; return 1; }
  # pkg-config, static: the archive and Libs.private.
  cc -Wall -Werror -o "$out/pc-static" "$ROOT/release/consumer/consumer.c" $($pc --cflags) \
    "$($pc --variable=libdir)/$LIB.a" $($pc --static --libs-only-l | sed 's/-lhubspot_webhooks_c//') || return 1
  "$out/pc-static" || return 1
  ! ldd "$out/pc-static" | grep -q "$LIB" || { echo "pc-static loads the shared library"; return 1; }
  # CMake: find_package(hubspot_webhooks <version> CONFIG) and its two imported targets.
  cmake -S "$ROOT/release/consumer" -B "$out/cmake" -DCMAKE_PREFIX_PATH="$prefix" -DWANT_VERSION="$VERSION" \
    -DCMAKE_BUILD_TYPE=Release > "$out/cmake.log" 2>&1 && cmake --build "$out/cmake" >> "$out/cmake.log" 2>&1 \
    || { cat "$out/cmake.log"; return 1; }
  "$out/cmake/consumer_shared" && "$out/cmake/consumer_static" || return 1
  ! ldd "$out/cmake/consumer_static" | grep -q "$LIB" || { echo "consumer_static loads the shared library"; return 1; }
  python3 "$ROOT/tests/check_versions.py" --runtime-only --c-lib "$prefix/lib/$LIB.so.$ABI"
}
step "C tarball x86_64 glibc: pkg-config and CMake, shared and static" c_host

# The other tarballs: a consumer linked by zig (-O2: no sanitizer runtime) against each, run
# natively (x86_64 musl: statically, and dynamically with Debian's musl loader) or under
# qemu-user (aarch64: statically for musl, dynamically for glibc with the loader and libc of
# Debian's libc6-arm64-cross).
c_cross() { # c_cross TARGET ZIG_TARGET LINK RUNNER...
  local target=$1 zig=$2 link=$3; shift 3
  local prefix exe="$WORK/consumer-$target-$link"
  prefix=$(unpack "$target") || return 1
  soname "$prefix" || return 1
  if [ "$link" = static ]; then
    # The archive, then the system libraries of the .pc's Libs.private (zig maps -lgcc_s to its
    # libunwind).
    cargo-zigbuild zig cc -- -target "$zig" -O2 -static -o "$exe" "$ROOT/release/consumer/consumer.c" -I"$prefix/include" \
      "$prefix/lib/$LIB.a" $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --static --libs-only-l hubspot_webhooks \
        | sed 's/-lhubspot_webhooks_c//') || return 1
  else
    cargo-zigbuild zig cc -- -target "$zig" -O2 -o "$exe" "$ROOT/release/consumer/consumer.c" -I"$prefix/include" \
      -L"$prefix/lib" -lhubspot_webhooks_c || return 1
    export LD_LIBRARY_PATH="$prefix/lib"
  fi
  "$@" "$exe"
  local status=$?
  unset LD_LIBRARY_PATH
  return $status
}
step "C tarball x86_64 musl: static consumer" c_cross x86_64-unknown-linux-musl x86_64-linux-musl static env
step "C tarball x86_64 musl: shared consumer (Debian's musl)" c_cross x86_64-unknown-linux-musl x86_64-linux-musl shared env
step "C tarball aarch64 musl: static consumer under qemu-aarch64" \
  c_cross aarch64-unknown-linux-musl aarch64-linux-musl static qemu-aarch64
step "C tarball aarch64 glibc: shared consumer under qemu-aarch64" \
  c_cross aarch64-unknown-linux-gnu aarch64-linux-gnu.2.17 shared qemu-aarch64 -L /usr/aarch64-linux-gnu

# --- the CLI --------------------------------------------------------------------------------
if [ -f "$ROOT/cli/Cargo.toml" ]; then
  cli() {
    (cd "$ROOT" && cargo build --quiet --release --locked -p hubspot-webhooks-cli) \
      && python3 "$ROOT/tests/check_versions.py" --runtime-only --cli "${CARGO_TARGET_DIR:-$ROOT/target}/release/hubspot-webhooks"
  }
  step "CLI --version" cli
fi

# --- other platforms ------------------------------------------------------------------------
# cargo check of every workspace crate for Windows and macOS, so that a platform-specific break
# shows before a user finds it. The python crate is checked without pyo3's extension-module
# feature (maturin turns it on; linking is not part of check).
for target in ${RELEASE_CHECK_TARGETS:?}; do
  step "cargo check --workspace --target $target" \
    bash -c "cd '$ROOT' && cargo check --quiet --locked --workspace --all-targets --target $target"
done

echo "test-dist: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
