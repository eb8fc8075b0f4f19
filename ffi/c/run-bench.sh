#!/usr/bin/env bash
# `make bench-c`: builds ffi/c/bench.c (the library via its C API) with the peer receiver
# (OpenSSL + cJSON) at -O2 and runs it on tests/data/batch_{100,1}.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${FFI_DIST:?set FFI_DIST}" "${FFI_OUT:?set FFI_OUT}"
export PKG_CONFIG_PATH="$FFI_DIST/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
mkdir -p "$FFI_OUT"
gcc -std=c11 -O2 -Wall -Wextra -Werror ffi/c/bench.c ffi/c/peer_receiver.c -o "$FFI_OUT/bench" \
    $(pkg-config --cflags --libs hubspot_webhooks libcjson libcrypto)
"$FFI_OUT/bench" tests/data
