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
        grep -E "passed, [0-9]+ failed|^conformance c:" "$log" | sed 's/^/     /'
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

programs=(test_api.c conformance.c example.c example.cpp test_wrapper.cpp)
extra_libs() { case $1 in conformance.c) echo -ljansson ;; test_api.c | test_wrapper.cpp) echo -lpthread ;; esac; }
run_args() { case $1 in conformance.c) echo tests/vectors ;; esac; }

for p in "${programs[@]}"; do
    name=${p//./_}
    # shared, with exactly the README's one-line compile command
    step "build-$name" build "$FFI_OUT/$name" "ffi/c/$p" $LIBS_SHARED $(extra_libs "$p")
    step "run-$name" "$FFI_OUT/$name" $(run_args "$p")
    step "valgrind-$name" valgrind -q --error-exitcode=99 --leak-check=full \
        --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible \
        "$FFI_OUT/$name" $(run_args "$p")
    # static library, sanitizers
    step "build-asan-$name" build "$FFI_OUT/$name-asan" "ffi/c/$p" "${SAN[@]}" "${STATIC_LIB[@]}" $(extra_libs "$p")
    step "asan-$name" env ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        "$FFI_OUT/$name-asan" $(run_args "$p")
done

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
