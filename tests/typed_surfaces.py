#!/usr/bin/env python3
"""The typed declarations of the event fields, written from core's schema table.

Python's `_native.pyi` and TypeScript's `index.d.ts` must spell every field out for type
checkers. Their field blocks are written from the table (`hubspot-webhooks fields --json`, which
prints core's `FIELDS`), so that adding a field to core/src/schema.rs changes them by running
`make generate` instead of by hand.

    python3 tests/typed_surfaces.py FIELDS_JSONL           # check: exit 1 and a diff when stale
    python3 tests/typed_surfaces.py FIELDS_JSONL --write   # write the blocks

Each block stands between a BEGIN and an END marker line in its file; everything outside them
is written by hand.
"""

import difflib
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
BEGIN = "BEGIN fields from core's table (tests/typed_surfaces.py; `make generate`)"
END = "END fields from core's table"

PYTHON_TYPES = {"text": "str", "enum": "str", "value": "str", "bool": "bool", "int": "int", "int_list": "List[int]"}


def python_block(fields):
    lines = []
    for f in fields:
        if f["aliasOf"]:
            continue
        kind = PYTHON_TYPES[f["kind"]]
        kind = kind if f["required"] else f"Optional[{kind}]"
        lines += ["    @property", f"    def {f['name']}(self) -> {kind}: ...  # {f['json']}"]
    return lines


def ts_type(f):
    kind = f["kind"]
    if kind in ("int", "int_list"):
        one = "Id" if f["isId"] else "number" if f["smallInt"] else "Int64"
        return one + ("[]" if kind == "int_list" else "")
    if kind == "enum":
        # An open enum has a type of its own name (messageType: MessageType), declared by hand.
        return f["json"][0].upper() + f["json"][1:]
    return {"text": "string", "bool": "boolean", "value": "JsonValue"}[kind]


def ts_doc(text):
    # The table's docs are rustdoc: drop intra-doc link brackets, keep the code spans.
    text = re.sub(r"\[(`[^`]+`)\](\([^)]*\))?", r"\1", text)
    return text.replace("*/", "* /")


def interface_of(f):
    """The interface a field belongs to, from the subscription types that carry it: `*` and
    `object.*` fields are on every event (EventFields), others by action (`*.merge`: MergeFields)."""
    action = f["carriedBy"].split(".", 1)[-1]
    return "EventFields" if action == "*" else action[0].upper() + action[1:] + "Fields"


def ts_block(fields):
    groups = {}
    for f in fields:
        if not f["aliasOf"]:
            groups.setdefault(interface_of(f), []).append(f)
    lines = []
    for name, members in groups.items():
        what = "every event may carry" if name == "EventFields" else f"events carried by `{members[0]['carriedBy']}` may carry"
        lines += [f"/** The typed fields {what}. */", f"export interface {name} {{"]
        for f in members:
            lines += [f"  /** {ts_doc(f['doc'])} */", f"  {f['json']}{'' if f['required'] else '?'}: {ts_type(f)};"]
        lines.append("}")
    return lines


SURFACES = [
    (ROOT / "python" / "hubspot_webhooks" / "_native.pyi", "    # ", python_block),
    (ROOT / "wasm" / "pkg-src" / "index.d.ts", "// ", ts_block),
]


def rewrite(text, comment, block, path):
    lines = text.split("\n")
    begins = [i for i, l in enumerate(lines) if l == comment + BEGIN]
    ends = [i for i, l in enumerate(lines) if l == comment + END]
    if len(begins) != 1 or len(ends) != 1 or ends[0] < begins[0]:
        raise SystemExit(f"{path}: expected one `{comment}{BEGIN}` line and one `{comment}{END}` line after it")
    return "\n".join(lines[: begins[0] + 1] + block + lines[ends[0] :])


def main(argv):
    if len(argv) not in (2, 3) or (len(argv) == 3 and argv[2] != "--write"):
        raise SystemExit(__doc__)
    fields = [json.loads(line) for line in pathlib.Path(argv[1]).read_text().splitlines() if line.strip()]
    if not fields:
        raise SystemExit(f"{argv[1]}: no fields (expected the JSON lines of `hubspot-webhooks fields --json`)")
    stale = 0
    for path, comment, render in SURFACES:
        old = path.read_text()
        new = rewrite(old, comment, render(fields), path)
        if new == old:
            continue
        if len(argv) == 3:
            path.write_text(new)
            print(f"typed surfaces: wrote {path.relative_to(ROOT)}")
        else:
            stale += 1
            rel = str(path.relative_to(ROOT))
            sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), new.splitlines(True), rel, rel + " (from the table)"))
    checked = len(SURFACES)
    print(f"typed surfaces: {checked - stale} passed, {stale} failed ({len(fields)} fields)")
    if stale:
        print("run `make generate` to write them from core's table")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
