#!/usr/bin/env python3
"""One version everywhere: every package of the project carries the workspace's version.

    python3 tests/check_versions.py                      # the tree (make test-rust)
    python3 tests/check_versions.py --python PYTHON      # also `hubspot_webhooks.__version__`
    python3 tests/check_versions.py --c-lib LIBRARY      # also `hubspot_version()` of a built library
    python3 tests/check_versions.py --cli PROGRAM        # also `PROGRAM --version`

The version is written once, in the root Cargo.toml (`[workspace.package] version`), and read
here with `cargo metadata`; so are the license and the repository URL, which the npm and Python
manifests repeat. Fails when any of these differs from it:
  * every workspace crate (cargo metadata: core, wasm, python, ffi, cli);
  * the npm package's manifest (wasm/pkg-src/package.json) and, when built, wasm/pkg/package.json;
  * python/pyproject.toml (a version, if it pins one; maturin otherwise takes the crate's);
  * `__version__` of the Python package (a literal in __init__.py is compared here, anything else
    at run time with --python);
  * the C header's `HUBSPOT_WEBHOOKS_VERSION` macro (and its _MAJOR/_MINOR/_PATCH, if present),
    and `hubspot_version()` at run time with --c-lib;
  * the CLI's `--version` at run time with --cli;
  * CHANGELOG.md, which must have a section for the version.
Ends with one line counting the checks: `versions: <P> passed, <F> failed`.
"""
import argparse
import ast
import ctypes
import json
import pathlib
import re
import subprocess
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORE = "hubspot-webhooks"

results = {"passed": 0, "failed": 0}


def check(what, got, want):
    """Records one comparison; prints it when it fails."""
    if got == want:
        results["passed"] += 1
    else:
        results["failed"] += 1
        print(f"{what}: {got!r}, expected {want!r}")


def workspace():
    """The workspace's packages (cargo metadata, no dependencies) and the core crate."""
    out = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--no-deps"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    packages = json.loads(out)["packages"]
    core = next(p for p in packages if p["name"] == CORE)
    return packages, core


def check_crates(packages, core):
    for p in packages:
        check(f"crate {p['name']} version", p["version"], core["version"])
        check(f"crate {p['name']} license", p["license"], core["license"])
        if p["repository"] is not None or p.get("publish") != []:
            check(f"crate {p['name']} repository", p["repository"], core["repository"])


def check_npm(version, core):
    source = ROOT / "wasm/pkg-src/package.json"
    manifest = json.loads(source.read_text())
    check(f"{source.relative_to(ROOT)} version", manifest.get("version"), version)
    check(f"{source.relative_to(ROOT)} license", manifest.get("license"), core["license"])
    check(f"{source.relative_to(ROOT)} repository", manifest.get("repository", {}).get("url"),
          f"git+{core['repository']}.git")
    built = ROOT / "wasm/pkg/package.json"
    if built.exists():  # written by wasm/scripts/build.mjs (make wasm-pkg)
        check(f"{built.relative_to(ROOT)} version", json.loads(built.read_text()).get("version"), version)
    dev = json.loads((ROOT / "wasm/package.json").read_text())
    # The build tooling's manifest is private and carries no version of its own.
    check("wasm/package.json private, without a version", (dev.get("private"), "version" in dev), (True, False))


def check_python(version, core):
    project = tomllib.loads((ROOT / "python/pyproject.toml").read_text())["project"]
    if "version" in project:
        check("python/pyproject.toml version", project["version"], version)
    else:
        check("python/pyproject.toml takes the version from Cargo.toml", "version" in project.get("dynamic", []), True)
    for name, url in project.get("urls", {}).items():
        check(f"python/pyproject.toml urls.{name}", url.startswith(core["repository"]), True)
    init = ROOT / "python/hubspot_webhooks/__init__.py"
    assigned = [
        node.value for node in ast.parse(init.read_text()).body
        if isinstance(node, (ast.Assign, ast.AnnAssign))
        and any(isinstance(t, ast.Name) and t.id == "__version__"
                for t in (node.targets if isinstance(node, ast.Assign) else [node.target]))
    ]
    check(f"{init.relative_to(ROOT)} assigns __version__ once", len(assigned), 1)
    if assigned and isinstance(assigned[0], ast.Constant):
        check(f"{init.relative_to(ROOT)} __version__", assigned[0].value, version)


def check_header(version):
    header = ROOT / "ffi/include/hubspot_webhooks.h"
    text = header.read_text()
    macro = re.search(r'^#define HUBSPOT_WEBHOOKS_VERSION "([^"]*)"', text, re.M)
    check(f"{header.relative_to(ROOT)} HUBSPOT_WEBHOOKS_VERSION", macro and macro.group(1), version)
    for part, number in zip(("MAJOR", "MINOR", "PATCH"), version.split("-")[0].split(".")):
        found = re.search(rf"^#define HUBSPOT_WEBHOOKS_VERSION_{part} (\d+)", text, re.M)
        if found:
            check(f"{header.relative_to(ROOT)} HUBSPOT_WEBHOOKS_VERSION_{part}", found.group(1), number)


def check_changelog(version):
    text = (ROOT / "CHANGELOG.md").read_text()
    check("CHANGELOG.md has a section for the version",
          bool(re.search(rf"^## \[{re.escape(version)}\]", text, re.M)), True)


def check_runtime(args, version):
    if args.python:
        out = subprocess.run(
            [args.python, "-c", "import hubspot_webhooks; print(hubspot_webhooks.__version__)"],
            capture_output=True, text=True, cwd="/",
        )
        check(f"{args.python}: hubspot_webhooks.__version__", out.stdout.strip() or out.stderr.strip(), version)
    if args.c_lib:
        library = ctypes.CDLL(args.c_lib)
        library.hubspot_version.restype = ctypes.c_char_p
        check(f"{args.c_lib}: hubspot_version()", library.hubspot_version().decode(), version)
    if args.cli:
        out = subprocess.run([args.cli, "--version"], capture_output=True, text=True)
        words = out.stdout.split()
        check(f"{args.cli} --version", words[-1] if words else out.stderr.strip(), version)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--python", help="a Python with the package installed")
    parser.add_argument("--c-lib", help="a built libhubspot_webhooks_c shared library")
    parser.add_argument("--cli", help="a built command-line tool")
    parser.add_argument("--runtime-only", action="store_true", help="skip the checks of the tree")
    args = parser.parse_args()
    packages, core = workspace()
    version = core["version"]
    if not args.runtime_only:
        check_crates(packages, core)
        check_npm(version, core)
        check_python(version, core)
        check_header(version)
        check_changelog(version)
    check_runtime(args, version)
    print(f"versions ({version}): {results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
