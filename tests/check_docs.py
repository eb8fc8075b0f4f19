#!/usr/bin/env python3
"""Checks that the repository cites its own documents (docs/) and that every citation holds.

    python3 tests/check_docs.py

Fails on, in every tracked file:
  * a reference to documents outside the repository: `../shared`, `SPEC.md`, `FORMAT.md`,
    or an old citation such as "SPEC 4.8" or "SPEC section 0" (docs/ replaces them);
  * a path `docs/<name>.md`, or a Markdown link to a local file, that does not exist;
  * a link into a document of docs/ whose `#anchor` is not one of its headings;
  * a cited section ("hubspot.md §2.4.4", "docs/vectors.md 8.1") or decision
    ("decisions.md item 13") that the document does not have.
Ends with one line counting the references checked: `docs: <P> passed, <F> failed`.
"""
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCS = ("hubspot.md", "vectors.md", "decisions.md", "README.md")

FORBIDDEN = re.compile(r"\.\./shared|shared/(?:hubspot|conformance)|SPEC\.md|FORMAT\.md|\bSPEC (?:§|section |\d)")
DOC_PATH = re.compile(r"(?<![\w/.-])docs/[\w.-]+\.md\b")
MD_LINK = re.compile(r"\]\(([^)\s]+)\)")
CITATION = re.compile(
    r"\b(hubspot|vectors|decisions)\.md,? (?:§|section |sections |item |items |decision |decisions )?(\d+(?:\.\d+)*|[A-Z]\b)"
)


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def outline(path: pathlib.Path) -> tuple[set, set]:
    """The anchors of a Markdown document, and its numbered sections ("2.4.4", "13", "A")."""
    anchors, numbers = set(), set()
    in_code = False
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("```"):
            in_code = not in_code
        heading = None if in_code else re.match(r"#+ (.*)", line)
        if heading:
            title = heading.group(1)
            anchors.add(slug(title))
            number = re.match(r"(?:Appendix )?(\d+(?:\.\d+)*|[A-Z])\.? ", title)
            if number:
                numbers.add(number.group(1))
    return anchors, numbers


def tracked_files() -> list:
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
        names = [n for n in out.decode().split("\0") if n]
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: every file but builds
        skip = {"target", "node_modules", ".git"}
        names = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*")
                 if p.is_file() and not skip & set(p.relative_to(ROOT).parts)]
    return sorted(n for n in names if (ROOT / n).is_file())


def main() -> int:
    outlines = {name: outline(ROOT / "docs" / name) for name in DOCS if (ROOT / "docs" / name).is_file()}
    passed, problems = 0, []

    def check(ok: bool, where: str, what: str) -> None:
        nonlocal passed
        if ok:
            passed += 1
        else:
            problems.append(f"{where}: {what}")

    for name in tracked_files():
        if name == "tests/check_docs.py":  # names what it looks for
            continue
        path = ROOT / name
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.split("\n"), 1):
            where = f"{name}:{number}"
            for m in FORBIDDEN.finditer(line):
                check(False, where, f"cites a document outside the repository ({m.group(0)!r}): cite docs/ instead")
            for m in DOC_PATH.finditer(line):
                check((ROOT / m.group(0)).is_file(), where, f"{m.group(0)} does not exist")
            if name.endswith(".md"):
                for m in MD_LINK.finditer(line):
                    target = m.group(1)
                    if re.match(r"[a-z]+:", target):  # https:, mailto:
                        continue
                    file_part, _, anchor = target.partition("#")
                    linked = (path.parent / file_part).resolve() if file_part else path.resolve()
                    check(linked.exists(), where, f"link to {target}: no such file")
                    doc = linked.name if linked.parent == ROOT / "docs" else None
                    if anchor and linked.exists() and (doc in outlines or linked == path.resolve()):
                        anchors = outlines[doc][0] if doc in outlines else outline(linked)[0]
                        check(anchor in anchors, where, f"link to {target}: no heading with that anchor")
            for m in CITATION.finditer(line):
                doc, section = m.group(1) + ".md", m.group(2)
                if doc in outlines:
                    check(section in outlines[doc][1], where, f"{doc} has no section or item {section}")
    for problem in problems:
        print(problem)
    print(f"docs: {passed} passed, {len(problems)} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
