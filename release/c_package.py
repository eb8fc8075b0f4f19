#!/usr/bin/env python3
"""Completes an installed C library (what `cargo cinstall` wrote under PREFIX) into the layout
users and packagers get, and optionally packs it.

    python3 release/c_package.py PREFIX [--relocatable] [--archive OUT.tar.gz | OUT.zip]

Adds, under PREFIX:
  lib/cmake/hubspot_webhooks/hubspot_webhooksConfig.cmake and ...ConfigVersion.cmake
      (from release/cmake/*.in): `find_package(hubspot_webhooks CONFIG)` with the imported
      targets hubspot_webhooks::hubspot_webhooks (shared) and ::hubspot_webhooks_static;
  share/doc/hubspot-webhooks/: LICENSE-MIT, LICENSE-APACHE, README.md (ffi/README.md),
      CHANGELOG.md.
--relocatable rewrites the pkg-config file's prefix as ${pcfiledir}/../.. (a tarball can be
unpacked anywhere). --archive packs PREFIX into OUT, under one folder named after OUT, with
sorted entries, owner 0 and the time of SOURCE_DATE_EPOCH (default 0): the same input gives
the same bytes. Fails when the prefix lacks the header, a library or the pkg-config file.
"""
import argparse
import gzip
import os
import pathlib
import re
import shutil
import sys
import tarfile
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
NAME = "hubspot_webhooks"
LIB = "hubspot_webhooks_c"
DOCS = {"LICENSE-MIT": "LICENSE-MIT", "LICENSE-APACHE": "LICENSE-APACHE",
        "README.md": "ffi/README.md", "CHANGELOG.md": "CHANGELOG.md"}


def one(prefix, patterns, what, version, required=True):
    """The regular file (not a symlink) under prefix matching one of the globs; of several (an
    install over an older version), the one whose name holds this version."""
    found = sorted({p for pattern in patterns for p in prefix.glob(pattern) if p.is_file() and not p.is_symlink()})
    if len(found) > 1:
        found = [p for p in found if version in p.name]
    if len(found) > 1 or (required and not found):
        sys.exit(f"c_package: expected one {what} under {prefix} ({', '.join(patterns)}), found {found}")
    return found[0].relative_to(prefix).as_posix() if found else ""


def pc_field(pc_text, field):
    match = re.search(rf"^{re.escape(field)}:(.*)$", pc_text, re.M)
    return match.group(1).strip() if match else ""


def write_cmake(prefix, version, pc_text):
    shared = one(prefix, [f"lib/lib{LIB}.so.*", f"lib/lib{LIB}.*.dylib", f"lib/lib{LIB}.dylib", f"bin/{LIB}.dll"],
                 "shared library", version)
    static = one(prefix, [f"lib/lib{LIB}.a", f"lib/{LIB}.lib"], "static library", version)
    implib = one(prefix, [f"lib/{LIB}.dll.lib", f"lib/lib{LIB}.dll.a"], "import library", version, required=False)
    # The SONAME is the name of cargo-c's symlink with one version number (libX.so.<ABI>).
    sonames = [p.name for p in (prefix / "lib").glob(f"lib{LIB}.so.*") if re.fullmatch(rf"lib{LIB}\.so\.\d+", p.name)]
    major, minor = version.split(".")[:2]
    values = {
        "VERSION": version, "VERSION_MAJOR": major, "VERSION_MINOR": minor,
        "SHARED_LIBRARY": shared, "STATIC_LIBRARY": static, "IMPORT_LIBRARY": implib,
        "SONAME": sonames[0] if len(sonames) == 1 else "",
        "STATIC_LINK_LIBRARIES": ";".join(pc_field(pc_text, "Libs.private").split()),
    }
    out = prefix / "lib" / "cmake" / NAME
    out.mkdir(parents=True, exist_ok=True)
    for template in sorted((ROOT / "release" / "cmake").glob("*.cmake.in")):
        text = re.sub(r"@(\w+)@", lambda m: values[m.group(1)], template.read_text())
        (out / template.name[: -len(".in")]).write_text(text)


def pack(prefix, archive):
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    top = archive.name.removesuffix(".tar.gz").removesuffix(".zip")
    paths = sorted(p for p in prefix.rglob("*"))
    if archive.suffix == ".zip":
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
            for p in paths:
                if p.is_file():
                    info = zipfile.ZipInfo(f"{top}/{p.relative_to(prefix).as_posix()}", (1980, 1, 1, 0, 0, 0))
                    info.external_attr = (0o755 if os.access(p, os.X_OK) else 0o644) << 16
                    z.writestr(info, p.read_bytes(), zipfile.ZIP_DEFLATED)
        return

    def normalise(info):
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        info.mtime = epoch
        info.mode = 0o755 if info.isdir() or info.mode & 0o111 else 0o644
        return info

    with open(archive, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=epoch, filename="") as gz:
        with tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
            tar.add(prefix, arcname=top, recursive=False, filter=normalise)
            for p in paths:
                tar.add(p, arcname=f"{top}/{p.relative_to(prefix).as_posix()}", recursive=False, filter=normalise)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("prefix", type=pathlib.Path)
    parser.add_argument("--relocatable", action="store_true")
    parser.add_argument("--archive", type=pathlib.Path)
    args = parser.parse_args()
    prefix = args.prefix.resolve()
    for header in ("include/hubspot_webhooks.h", "include/hubspot_webhooks.hpp"):
        if not (prefix / header).is_file():
            sys.exit(f"c_package: {prefix / header} is missing")
    pc = prefix / "lib" / "pkgconfig" / f"{NAME}.pc"
    if not pc.is_file():
        sys.exit(f"c_package: {pc} is missing")
    pc_text = pc.read_text()
    if args.relocatable:
        pc_text = re.sub(r"^prefix=.*$", "prefix=${pcfiledir}/../..", pc_text, count=1, flags=re.M)
        pc.write_text(pc_text)
    write_cmake(prefix, pc_field(pc_text, "Version"), pc_text)
    docs = prefix / "share" / "doc" / "hubspot-webhooks"
    docs.mkdir(parents=True, exist_ok=True)
    for name, source in DOCS.items():
        shutil.copyfile(ROOT / source, docs / name)
    if args.archive:
        pack(prefix, args.archive.resolve())
        print(f"c_package: {args.archive}")


if __name__ == "__main__":
    main()
