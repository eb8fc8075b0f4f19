#!/usr/bin/env bash
# The C/C++ suite of `make test-c`: builds the C and C++ programs against the library in
# $FFI_DIST (made by `make ffi-dist`) and runs them plain, under valgrind, and built with
# AddressSanitizer + UndefinedBehaviorSanitizer (against the static library).
# Ends with `ffi-c: N passed, N failed` (one per step).
set -uo pipefail
cd "$(dirname "$0")/../.."
: "${FFI_DIST:?set FFI_DIST}" "${FFI_OUT:?set FFI_OUT}"
export PKG_CONFIG_PATH="$FFI_DIST/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
mkdir -p "$FFI_OUT"
passed=0
failed=0

step() { # step NAME COMMAND...: runs it, shows its last lines, counts it
    local name=$1 log="$FFI_OUT/$1.log"
    shift
    if "$@" >"$log" 2>&1; then
        passed=$((passed + 1))
        echo "ok   $name"
        grep -E "passed, [0-9]+ failed|^conformance c:|^soak: (rss growth|[0-9]+ calls)|^tsan: |^abi: [0-9]+ items|^ABI " "$log" | sed 's/^/     /'
    else
        failed=$((failed + 1))
        echo "FAIL $name (exit $?; log $log)"
        tail -n 40 "$log" | sed 's/^/     /'
    fi
}

CWARN=(-Wall -Wextra -Wpedantic -Werror -g -O2)
CFLAGS_LIB=$(pkg-config --cflags hubspot_webhooks)
LIBS_SHARED=$(pkg-config --libs hubspot_webhooks)
STATIC_LIB=(-Wl,--push-state,-Bstatic -L"$FFI_DIST/lib" -lhubspot_webhooks_c -Wl,--pop-state -lpthread -ldl -lm)
SAN=(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)

build() { # build OUT SRC EXTRA...: C or C++ by extension
    local out=$1 src=$2
    shift 2
    case $src in
    *.c) gcc -std=c11 "${CWARN[@]}" "$src" -o "$out" $CFLAGS_LIB "$@" ;;
    *.cpp) g++ -std=c++17 "${CWARN[@]}" "$src" -o "$out" $CFLAGS_LIB "$@" ;;
    esac
}

programs=(test_api.c test_delivery.c conformance.c hostile.c soak.c threads.c example.c example_channel.c example.cpp test_wrapper.cpp)
extra_libs() { case $1 in conformance.c) echo -ljansson ;; test_api.c | threads.c | test_wrapper.cpp) echo -lpthread ;; esac; }
# run_args PROGRAM MODE (plain | valgrind | asan): the soak runs a million calls plainly with
# the memory check (resident memory may grow at most 1 MiB after warm-up), fewer under the
# tools (which change memory use, so without the check); threads: 8 threads x rounds.
run_args() {
    case $1:$2 in
    conformance.c:*) echo tests/vectors ;;
    soak.c:plain) echo 1000000 1024 ;;
    soak.c:valgrind) echo 20000 0 ;;
    soak.c:asan) echo 100000 0 ;;
    threads.c:plain) echo 8 20000 ;;
    threads.c:valgrind) echo 8 400 ;;
    threads.c:asan) echo 8 4000 ;;
    esac
}

for p in "${programs[@]}"; do
    name=${p//./_}
    # shared, with exactly the README's one-line compile command
    step "build-$name" build "$FFI_OUT/$name" "ffi/c/$p" $LIBS_SHARED $(extra_libs "$p")
    step "run-$name" "$FFI_OUT/$name" $(run_args "$p" plain)
    step "valgrind-$name" valgrind -q --error-exitcode=99 --leak-check=full \
        --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible \
        "$FFI_OUT/$name" $(run_args "$p" valgrind)
    # static library, sanitizers
    step "build-asan-$name" build "$FFI_OUT/$name-asan" "ffi/c/$p" "${SAN[@]}" "${STATIC_LIB[@]}" $(extra_libs "$p")
    step "asan-$name" env ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        "$FFI_OUT/$name-asan" $(run_args "$p" asan)
done

# A second compiler: clang (Debian's, installed by ffi-deps), every program built with the
# README's compile line and run.
clang_build() { # clang_build OUT SRC EXTRA...
    local out=$1 src=$2
    shift 2
    case $src in
    *.c) clang -std=c11 "${CWARN[@]}" "$src" -o "$out" $CFLAGS_LIB "$@" ;;
    *.cpp) clang++ -std=c++17 "${CWARN[@]}" "$src" -o "$out" $CFLAGS_LIB "$@" ;;
    esac
}
if command -v clang >/dev/null && command -v clang++ >/dev/null; then
    for p in "${programs[@]}"; do
        name=${p//./_}
        step "build-clang-$name" clang_build "$FFI_OUT/$name-clang" "ffi/c/$p" $LIBS_SHARED $(extra_libs "$p")
        step "clang-$name" "$FFI_OUT/$name-clang" $(run_args "$p" plain)
    done
else
    echo "skip clang: not installed"
fi

# The C header alone under the oldest standards it supports, pedantic, with both compilers.
header_standards() {
    local tu="$FFI_OUT/header_only.c"
    printf '#include "hubspot_webhooks.h"\nint main(void) { return HUBSPOT_STATUS_OK; }\n' >"$tu"
    gcc -std=c99 -Wall -Wextra -Wpedantic -Werror -fsyntax-only $CFLAGS_LIB "$tu" &&
        g++ -std=c++11 -Wall -Wextra -Wpedantic -Werror -fsyntax-only $CFLAGS_LIB -x c++ "$tu" &&
        gcc -std=c2x -Wall -Wextra -Wpedantic -Werror -fsyntax-only $CFLAGS_LIB "$tu" &&
        { ! command -v clang >/dev/null || {
            clang -std=c99 -Wall -Wextra -Wpedantic -Werror -fsyntax-only $CFLAGS_LIB "$tu" &&
                clang++ -std=c++11 -Wall -Wextra -Wpedantic -Werror -fsyntax-only $CFLAGS_LIB -x c++ "$tu"
        }; }
}
step header-standards header_standards

# ThreadSanitizer on threads.c. With FFI_TSAN_LIB (the library built by rustc nightly with
# -Zsanitizer=thread, see ffi.mk) and FFI_TSAN_RT (nightly's TSan runtime), the Rust side (core,
# ffi, serde_json; not the precompiled std) is instrumented too: gcc instruments the C side
# and both link against LLVM's runtime (gcc 12's libtsan lacks symbols LLVM's instrumentation
# calls). Without them, gcc's TSan covers the C side only against the plain static library.
tsan_build() {
    if [ -n "${FFI_TSAN_LIB:-}" ] && [ -f "$FFI_TSAN_LIB" ] && [ -f "${FFI_TSAN_RT:-}" ]; then
        echo "tsan: C and Rust instrumented ($FFI_TSAN_LIB)"
        gcc -std=c11 "${CWARN[@]}" -O1 -fsanitize=thread -c ffi/c/threads.c -o "$FFI_OUT/threads-tsan.o" $CFLAGS_LIB &&
            gcc "$FFI_OUT/threads-tsan.o" -o "$FFI_OUT/threads-tsan" "$FFI_TSAN_LIB" \
                -Wl,--whole-archive "$FFI_TSAN_RT" -Wl,--no-whole-archive -lpthread -ldl -lm -lstdc++
    else
        echo "tsan: C side only (no nightly-built TSan library)"
        build "$FFI_OUT/threads-tsan" ffi/c/threads.c -O1 -fsanitize=thread "${STATIC_LIB[@]}" -lpthread
    fi
}
step build-tsan-threads_c tsan_build
step tsan-threads_c env TSAN_OPTIONS=halt_on_error=1:exitcode=66 "$FFI_OUT/threads-tsan" 8 4000

# The ABI: SONAME, the installed names, what programs record, the committed ABI file.
so_check() {
    local lib=$FFI_DIST/lib/libhubspot_webhooks_c.so
    readelf -d "$lib" | grep -F "Library soname: [libhubspot_webhooks_c.so.0]" &&
        [ "$(readlink "$lib")" = libhubspot_webhooks_c.so.0 ] &&
        readlink "$FFI_DIST/lib/libhubspot_webhooks_c.so.0" | grep -E '^libhubspot_webhooks_c\.so\.0\.[0-9]+\.[0-9]+\.[0-9]+$' &&
        readelf -d "$FFI_OUT/test_api_c" | grep -F "Shared library: [libhubspot_webhooks_c.so.0]" &&
        ldd "$FFI_OUT/test_api_c" | grep -F "libhubspot_webhooks_c.so.0 => $FFI_DIST/lib/libhubspot_webhooks_c.so.0"
}
step soname so_check

# The README's Custom Channels quick start is c/example_channel.c, as built and run above.
readme_example() {
    python3 - "$@" <<'PY'
import re, sys
readme = open("ffi/README.md", encoding="utf-8").read()
start = readme.index("## Custom Channels")
block = re.compile(r"```c\n(.*?\n)```", re.S).search(readme, start).group(1)
sys.exit(0 if block == open("ffi/c/example_channel.c", encoding="utf-8").read() else 1)
PY
}
step readme-example readme_example
step abi python3 ffi/c/abi.py check ffi/include/hubspot_webhooks.h "$FFI_DIST/lib/libhubspot_webhooks_c.so" "$FFI_OUT"

# HUBSPOT_WEBHOOKS_VECTORS: extra vectors from another folder are run too.
extra="$FFI_OUT/extra-vectors"
rm -rf "$extra" && mkdir -p "$extra" && cp tests/vectors/headers.json "$extra/copy.json"
extra_check() {
    local base with
    base=$(HUBSPOT_WEBHOOKS_VECTORS= "$FFI_OUT/conformance_c" tests/vectors | tail -n 1)
    with=$(HUBSPOT_WEBHOOKS_VECTORS="$extra" "$FFI_OUT/conformance_c" tests/vectors | tail -n 1)
    echo "$base"
    echo "$with"
    [ "$(echo "$with" | awk '{print $3}')" -gt "$(echo "$base" | awk '{print $3}')" ] && [[ $with == *", 0 failed" ]]
}
step extra-vectors extra_check

echo "ffi-c: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
