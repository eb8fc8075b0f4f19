#!/usr/bin/env bash
# Gives a musllinux wheel's native module the musl C library's real name:
#   bash release/musl_wheel.sh WHEEL ARCH      (ARCH: x86_64 or aarch64)
# zig links it against "libc.so" (musl's loader reserves that name for itself, so it loads
# anyway), but auditwheel's musllinux policy allows only libc.musl-<arch>.so.1. patchelf
# replaces the DT_NEEDED entry; `wheel pack` rewrites the wheel with its new RECORD.
set -euo pipefail
wheel=$1 arch=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
wheel unpack --dest "$work" "$wheel" > /dev/null
for module in "$work"/*/hubspot_webhooks/*.so; do
  if patchelf --print-needed "$module" | grep -qx 'libc.so'; then
    patchelf --replace-needed libc.so "libc.musl-$arch.so.1" "$module"
  fi
  patchelf --print-needed "$module" | grep -qx "libc.musl-$arch.so.1" \
    || { echo "musl_wheel: $module does not need libc.musl-$arch.so.1"; exit 1; }
done
rm "$wheel"
wheel pack --dest-dir "$(dirname "$wheel")" "$work"/* > /dev/null
echo "musl_wheel: $(basename "$wheel") needs libc.musl-$arch.so.1"
