#!/usr/bin/env python3
"""The ABI check of `make test-c`: the published C ABI, recorded in ffi/abi/abi-<N>.txt.

    abi.py check|bless HEADER SHARED_LIB OUT_DIR

Dumps, one per line: the shared library's SONAME; every constant and enum value of the header
(values computed by the C compiler); every struct's size and each field's offset and size
(computed by the compiler); every function prototype of the header; every symbol the shared
library exports. `check` compares the dump with the committed ffi/abi/abi-<N>.txt
(N = HUBSPOT_ABI_VERSION) and fails on any difference:
  - a committed line missing or changed is an ABI break: either undo it or raise
    HUBSPOT_ABI_VERSION (ffi/src/abi_version.rs, its one place) and record a new abi-<N+1>.txt;
    the one exception: `size hubspot_options` may grow (fields appended after struct_size);
  - a new line (function, constant, appended field) is an addition: `make ffi-abi` records it.
`bless` writes the dump to the file. Also checks that the library exports exactly the header's
functions, and that the SONAME carries HUBSPOT_ABI_VERSION.
"""
import os
import re
import subprocess
import sys

GROWABLE = {"hubspot_options", "hubspot_fixture_options"}  # structs whose size may grow (they start with struct_size)


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def dump(header, lib, out_dir):
    text = open(header, encoding="utf-8").read()
    code = re.sub(r"//[^\n]*", "", text)
    # The library's version macros change with every release: they are not part of the ABI.
    consts = [c for c in re.findall(r"^#define (HUBSPOT_[A-Z0-9_]+) ", code, re.M)
              if not c.startswith("HUBSPOT_WEBHOOKS_VERSION")]
    consts += re.findall(r"^\s+(HUBSPOT_[A-Z0-9_]+) = ", code, re.M)
    structs = re.findall(r"typedef struct (\w+) \{(.*?)\} \1;", code, re.S)
    protos = re.findall(r"^[a-z][\w \*]*?\bhubspot_\w+\([^;]*\);", code, re.M)
    c = ["#include <stddef.h>", "#include <stdio.h>", f'#include "{os.path.abspath(header)}"', "int main(void) {"]
    for name in consts:
        c.append(f'    printf("const {name} %lld\\n", (long long){name});')
    for name, body in structs:
        c.append(f'    printf("size {name} %zu\\n", sizeof(struct {name}));')
        for field in re.findall(r"(\w+);", body):
            c.append(
                f'    printf("field {name}.{field} %zu %zu\\n", offsetof(struct {name}, {field}), '
                f"sizeof(((struct {name} *)0)->{field}));"
            )
    c += ["    return 0;", "}"]
    os.makedirs(out_dir, exist_ok=True)
    src = os.path.join(out_dir, "abi_dump.c")
    exe = os.path.join(out_dir, "abi_dump")
    with open(src, "w", encoding="utf-8") as f:
        f.write("\n".join(c) + "\n")
    run(["gcc", "-std=c11", "-Wall", "-Werror", src, "-o", exe])
    lines = run([exe]).splitlines()
    lines += ["func " + " ".join(p.split()) for p in protos]
    soname = re.search(r"\(SONAME\)\s+Library soname: \[([^\]]+)\]", run(["readelf", "-d", lib]))
    lines.append("soname " + (soname.group(1) if soname else "(none)"))
    exports = sorted(
        l.split()[-1] for l in run(["nm", "-D", "--defined-only", lib]).splitlines() if l.split()[1:2] != ["A"]
    )
    lines += ["export " + e for e in exports]
    return lines, [re.search(r"(hubspot_\w+)\(", p).group(1) for p in protos], exports


def main():
    mode, header, lib, out_dir = sys.argv[1:5]
    lines, functions, exports = dump(header, lib, out_dir)
    problems = []
    abi = next((l.split()[2] for l in lines if l.startswith("const HUBSPOT_ABI_VERSION ")), None)
    soname = next(l.split()[1] for l in lines if l.startswith("soname "))
    if abi is None or soname != f"libhubspot_webhooks_c.so.{abi}":
        problems.append(f"SONAME {soname} does not carry HUBSPOT_ABI_VERSION {abi} (ffi/build.rs)")
    stray = sorted(set(exports) - set(functions))
    missing = sorted(set(functions) - set(exports))
    if stray:
        problems.append(f"exported but not in the header: {stray}")
    if missing:
        problems.append(f"in the header but not exported: {missing}")
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "abi", f"abi-{abi}.txt")
    path = os.path.normpath(path)
    if mode == "bless":
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        print(f"abi: wrote {path} ({len(lines)} lines)")
    else:
        committed = open(path, encoding="utf-8").read().splitlines() if os.path.exists(path) else []
        now = set(lines)
        sizes = {l.split()[1]: int(l.split()[2]) for l in lines if l.startswith("size ")}
        for line in committed:
            if line in now:
                continue
            parts = line.split()
            if parts[0] == "size" and parts[1] in GROWABLE and sizes.get(parts[1], 0) > int(parts[2]):
                continue
            problems.append(f"ABI BREAK: committed line gone or changed: {line}")
        added = [l for l in lines if l not in set(committed)]
        for line in added:
            parts = line.split()
            if parts[0] == "size" and parts[1] in GROWABLE:
                continue
            problems.append(f"ABI addition not recorded (run `make ffi-abi` and commit {path}): {line}")
    for p in problems:
        print(p)
    print(f"abi: {len(lines)} items (soname {soname}, {len(exports)} exports)")
    print(f"abi: {len(lines) - len(problems) if len(problems) < len(lines) else 0} passed, {len(problems)} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
