#!/usr/bin/env python3
"""Checks that the quick starts in the root README are the binding READMEs' own (which their
test suites check against the tested examples), so the root README cannot drift.

    python3 tests/check_readme.py          # check
    python3 tests/check_readme.py --fix    # copy them again from the binding READMEs
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
# (binding README, its heading, language of the block): in the order they stand in the root README.
SOURCES = [
    ("wasm/README.md", "## Cloudflare Workers quick start", "js"),
    ("wasm/README.md", "## Node quick start", "js"),
    ("wasm/README.md", "## Custom Channels quick start", "js"),
    ("python/README.md", "## Flask", "python"),
    ("python/README.md", "## FastAPI", "python"),
    ("python/README.md", "## Django", "python"),
    ("python/README.md", "## Custom Channels", "python"),
    ("ffi/README.md", "## C quick start", "c"),
    ("ffi/README.md", "## C++ quick start", "cpp"),
]
SECTION = "## Quick starts in other languages"


def first_block(text: str, heading: str, lang: str) -> str:
    start = text.index(heading)
    match = re.compile(r"```" + re.escape(lang) + r"\n.*?\n```", re.S).search(text, start)
    if not match:
        raise SystemExit(f"no ```{lang} block after {heading!r}")
    return match.group(0)


def main() -> int:
    readme_path = ROOT / "README.md"
    readme = readme_path.read_text()
    start = readme.index(SECTION)
    end = readme.index("\n## ", start + len(SECTION))
    section = readme[start:end]
    blocks = list(re.finditer(r"```(js|python|c|cpp)\n.*?\n```", section, re.S))
    if len(blocks) != len(SOURCES):
        print(f"README: {len(blocks)} code blocks in {SECTION!r}, expected {len(SOURCES)}")
        return 1
    failed = 0
    new_section = section
    for block, (path, heading, lang) in zip(reversed(blocks), reversed(SOURCES)):
        want = first_block((ROOT / path).read_text(), heading, lang)
        if block.group(0) != want:
            failed += 1
            print(f"README: the quick start from {path} {heading!r} differs from that README")
            new_section = new_section[: block.start()] + want + new_section[block.end():]
    if failed and "--fix" in sys.argv:
        readme_path.write_text(readme[:start] + new_section + readme[end:])
        print(f"README: {failed} quick start(s) copied again")
        return 0
    print(f"readme: {len(SOURCES) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
