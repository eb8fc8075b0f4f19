#!/usr/bin/env python3
"""What is inside the artifacts of `make dist`, checked from the files themselves.

    python3 release/check_dist.py DIST VERSION ABI

For every artifact: it is there under its expected name, it carries VERSION in its own
metadata, and LICENSE-MIT and LICENSE-APACHE are inside it. Also:
  * wheels: cp39-abi3, one per policy and architecture (manylinux2014 / musllinux_1_2, x86_64 /
    aarch64), with the package's license expression;
  * the sdist: PKG-INFO, the Rust sources it compiles (the core crate, Cargo.lock);
  * the npm tarball: package.json's version, sideEffects and repository;
  * each crate: Cargo.toml's version, the README;
  * each C tarball: both headers, the shared library file libhubspot_webhooks_c.so.VERSION with
    its SONAME link libhubspot_webhooks_c.so.ABI and libhubspot_webhooks_c.so, the static library,
    the pkg-config file (relocatable, Version), the CMake package, the header's
    HUBSPOT_WEBHOOKS_VERSION;
  * SHA256SUMS lists exactly the other files of DIST.
Ends with one line: `dist: <P> passed, <F> failed`.
"""
import json
import pathlib
import re
import sys
import tarfile
import tomllib
import zipfile

results = {"passed": 0, "failed": 0}
LICENSES = ("LICENSE-MIT", "LICENSE-APACHE")
LINUX = [(policy, arch, target) for policy, env in (("manylinux2014", "gnu"), ("musllinux_1_2", "musl"))
         for arch in ("x86_64", "aarch64") for target in [f"{arch}-unknown-linux-{env}"]]


def check(what, ok, detail=""):
    if ok:
        results["passed"] += 1
    else:
        results["failed"] += 1
        print(f"FAILED {what}{': ' + detail if detail else ''}")


def has_licenses(what, names):
    for license_name in LICENSES:
        check(f"{what} holds {license_name}", any(n.rsplit("/", 1)[-1] == license_name for n in names))


def metadata_field(text, field):
    match = re.search(rf"^{field}: (.*)$", text, re.M)
    return match.group(1).strip() if match else None


def check_wheels(dist, version):
    wheels = sorted(dist.glob("hubspot_webhooks-*.whl"))
    # name-version-python-abi-platforms.whl, the platform tags joined by dots in any order.
    tags = {tuple(w.name.removesuffix(".whl").split("-")[1:4]) + (frozenset(w.name.removesuffix(".whl").split("-")[4].split(".")),)
            for w in wheels}
    for policy, arch, _ in LINUX:
        platforms = {"manylinux2014": {f"manylinux_2_17_{arch}", f"manylinux2014_{arch}"},
                     "musllinux_1_2": {f"musllinux_1_2_{arch}"}}[policy]
        check(f"wheel {version} cp39-abi3 {policy} {arch}", (version, "cp39", "abi3", frozenset(platforms)) in tags,
              f"found {[w.name for w in wheels]}")
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as z:
            names = z.namelist()
            meta = z.read(f"hubspot_webhooks-{version}.dist-info/METADATA").decode()
        check(f"{wheel.name} METADATA Version", metadata_field(meta, "Version") == version)
        license_expression = metadata_field(meta, "License-Expression") or metadata_field(meta, "License")
        check(f"{wheel.name} license", license_expression == "MIT OR Apache-2.0", str(license_expression))
        has_licenses(wheel.name, names)
        check(f"{wheel.name} native module", any(re.match(r"hubspot_webhooks/_native\..*so$", n) for n in names))


def check_sdist(dist, version):
    sdist = dist / f"hubspot_webhooks-{version}.tar.gz"
    check(f"sdist {sdist.name}", sdist.is_file())
    if not sdist.is_file():
        return
    with tarfile.open(sdist) as tar:
        names = tar.getnames()
        pkg_info = tar.extractfile(f"hubspot_webhooks-{version}/PKG-INFO").read().decode()
    check(f"{sdist.name} PKG-INFO Version", metadata_field(pkg_info, "Version") == version)
    has_licenses(sdist.name, names)
    for needed in ("PKG-INFO", "pyproject.toml", "Cargo.lock", "core/src/lib.rs", "python/Cargo.toml"):
        check(f"{sdist.name} holds {needed}", f"hubspot_webhooks-{version}/{needed}" in names)


def check_npm(dist, version):
    tgz = dist / f"hubspot-webhooks-{version}.tgz"
    check(f"npm tarball {tgz.name}", tgz.is_file())
    if not tgz.is_file():
        return
    with tarfile.open(tgz) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("package/package.json"))
    check(f"{tgz.name} package.json version", manifest.get("version") == version, manifest.get("version"))
    check(f"{tgz.name} declares sideEffects", "sideEffects" in manifest)
    check(f"{tgz.name} repository", "github.com/hubspot-webhooks/hubspot-webhooks" in manifest.get("repository", {}).get("url", ""))
    has_licenses(tgz.name, [n for n in names if n.count("/") == 1])
    check(f"{tgz.name} holds the .wasm", "package/dist/hubspot_webhooks_wasm_bg.wasm" in names)


def check_crates(dist, version, crates):
    for crate in crates:
        path = dist / f"{crate}-{version}.crate"
        check(f"crate {path.name}", path.is_file())
        if not path.is_file():
            continue
        with tarfile.open(path) as tar:
            names = tar.getnames()
            manifest = tomllib.loads(tar.extractfile(f"{crate}-{version}/Cargo.toml").read().decode())
        check(f"{path.name} Cargo.toml version", manifest["package"]["version"] == version)
        check(f"{path.name} documentation", bool(manifest["package"].get("documentation")))
        check(f"{path.name} holds its README", f"{crate}-{version}/{manifest['package'].get('readme', 'README.md')}" in names)
        has_licenses(path.name, [n for n in names if n.count("/") == 1])


def check_c(dist, version, abi):
    lib = "libhubspot_webhooks_c"
    for _, _, target in LINUX:
        path = dist / f"hubspot-webhooks-c-{version}-{target}.tar.gz"
        check(f"C tarball {path.name}", path.is_file())
        if not path.is_file():
            continue
        top = path.name.removesuffix(".tar.gz")
        with tarfile.open(path) as tar:
            members = {m.name.removeprefix(top + "/"): m for m in tar.getmembers()}

            def text(name):
                return tar.extractfile(members[name]).read().decode() if name in members else ""

            for name in ("include/hubspot_webhooks.h", "include/hubspot_webhooks.hpp", f"lib/{lib}.a",
                         "lib/cmake/hubspot_webhooks/hubspot_webhooksConfig.cmake",
                         "lib/cmake/hubspot_webhooks/hubspot_webhooksConfigVersion.cmake",
                         f"lib/{lib}.so.{version}"):
                check(f"{path.name} holds {name}", name in members and members[name].isfile())
            # The SONAME link (libX.so.ABI) and the development link (libX.so), to the file or
            # to the SONAME link.
            for link, to in ((f"lib/{lib}.so.{abi}", {f"{lib}.so.{version}"}),
                             (f"lib/{lib}.so", {f"{lib}.so.{abi}", f"{lib}.so.{version}"})):
                member = members.get(link)
                check(f"{path.name} {link} -> {' or '.join(sorted(to))}",
                      member is not None and member.issym() and member.linkname in to,
                      member.linkname if member is not None and member.issym() else "missing")
            pc = text("lib/pkgconfig/hubspot_webhooks.pc")
            check(f"{path.name} pkg-config Version", metadata_field(pc, "Version") == version)
            check(f"{path.name} pkg-config relocatable", "prefix=${pcfiledir}/../.." in pc)
            macro = re.search(r'^#define HUBSPOT_WEBHOOKS_VERSION "([^"]*)"', text("include/hubspot_webhooks.h"), re.M)
            check(f"{path.name} HUBSPOT_WEBHOOKS_VERSION", bool(macro) and macro.group(1) == version,
                  macro.group(1) if macro else "no macro")
            cmake_version = text("lib/cmake/hubspot_webhooks/hubspot_webhooksConfigVersion.cmake")
            check(f"{path.name} CMake package version", f'set(PACKAGE_VERSION "{version}")' in cmake_version)
            has_licenses(path.name, [n for n in members if n.startswith("share/doc/hubspot-webhooks/")])


def check_sums(dist):
    sums = dist / "SHA256SUMS"
    listed = sorted(line.split()[-1].lstrip("*") for line in sums.read_text().splitlines()) if sums.is_file() else []
    present = sorted(p.name for p in dist.iterdir() if p.name != "SHA256SUMS")
    check("SHA256SUMS lists every artifact", listed == present, f"listed {listed}, present {present}")


def main():
    dist, version, abi = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    crates = sys.argv[4].split() if len(sys.argv) > 4 else ["hubspot-webhooks"]
    check_wheels(dist, version)
    check_sdist(dist, version)
    check_npm(dist, version)
    check_crates(dist, version, crates)
    check_c(dist, version, abi)
    check_sums(dist)
    print(f"dist: {results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
