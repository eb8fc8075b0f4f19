#!/usr/bin/env python3
"""The typed declarations of the event fields and the options, against core's tables.

Python's `_native.pyi` and TypeScript's `index.d.ts` must spell every field out for type
checkers. Their field blocks are written from the table (`hubspot-webhooks fields --json`, which
prints core's `FIELDS`), so that adding a field to core/src/schema.rs changes them by running
`make generate` instead of by hand. Each block stands between a BEGIN and an END marker line in
its file; everything outside them is written by hand.

The options are declared by hand (each function takes its own subset), and checked: every
option of core's `OPTIONS` (`hubspot-webhooks options --json`) and `FIXTURE_OPTIONS` (`options
--fixtures --json`) must be declared, with a type of its kind, where the packages take them.

    python3 tests/typed_surfaces.py FIELDS OPTIONS FIXTURE_OPTIONS           # check: exit 1 when stale
    python3 tests/typed_surfaces.py FIELDS OPTIONS FIXTURE_OPTIONS --write   # write the field blocks
"""

import ast
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


# Each option kind as the declarations spell it: Python annotation, TypeScript type.
OPTION_TYPES = {"bool": ("bool", "boolean"), "count": ("int", "number"), "int": ("int", "number"), "text": ("str", "string")}


def python_parameters(path, *names):
    """The keyword parameters of the functions `names` (`Class.method` or `function`) of a
    Python file, as {function: {parameter: annotation}}."""
    tree = ast.parse(path.read_text())
    found = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    found[f"{node.name}.{item.name}"] = item
        elif isinstance(node, ast.FunctionDef):
            found[node.name] = node
    out = {}
    for name in names:
        f = found.get(name)
        if f is None:
            continue
        if any(isinstance(d, ast.Name) and d.id == "property" for d in f.decorator_list):
            out[name] = {"return": ast.unparse(f.returns)}
        else:
            out[name] = {a.arg: ast.unparse(a.annotation) if a.annotation else "" for a in f.args.kwonlyargs}
    return out


def ts_members(path, *interfaces):
    """The members of TypeScript interfaces, as {name: type}."""
    text = path.read_text()
    out = {}
    for interface in interfaces:
        m = re.search(r"export interface " + interface + r"\b[^{]*\{(.*?)\n\}", text, re.S)
        if m is None:
            raise SystemExit(f"{path}: no interface {interface}")
        for name, kind in re.findall(r"^  (\w+)\??: (.+);$", m.group(1), re.M):
            out[name] = kind
    return out


def option_checks(options, fixture_options):
    """(what, problems) for every place the packages declare the options."""
    pyi = SURFACES[0][0]
    fixtures_py = ROOT / "python" / "hubspot_webhooks" / "fixtures.py"
    dts = SURFACES[1][0]
    py = python_parameters(pyi, "Verifier.__new__", "verify_and_parse", "diagnose")
    props = {o["name"]: python_parameters(pyi, f"Verifier.{o['name']}").get(f"Verifier.{o['name']}", {}) for o in options}
    fx = python_parameters(fixtures_py, "delivery")
    checks = []

    def check(what, table, declared, spell, language):
        problems = []
        for o in table:
            name = o[spell]
            wanted = OPTION_TYPES[o["kind"]][language]
            if name not in declared:
                problems.append(f"{name} is not declared")
            elif wanted not in declared[name] and not (wanted == "string" and re.fullmatch(r"'[^']*'( \| '[^']*')*", declared[name])):
                problems.append(f"{name} is declared {declared[name]!r}, not as {wanted}")
        checks.append((what, problems))

    for function in ("Verifier.__new__", "verify_and_parse", "diagnose"):
        check(f"{pyi.name}: {function}(**options)", options, py.get(function, {}), "name", 0)
    check(f"{pyi.name}: Verifier's option properties", options, {k: v.get("return", "") for k, v in props.items() if v}, "name", 0)
    check(f"{fixtures_py.name}: delivery(**fixture options)", fixture_options, fx.get("delivery", {}), "name", 0)
    check(f"{dts.name}: VerifyOptions", options, ts_members(dts, "ParseOptions", "VerifyOptions"), "camel", 1)
    check(f"{dts.name}: FixtureOptions", fixture_options, ts_members(dts, "FixtureOptions"), "camel", 1)
    return checks


def json_lines(path, what):
    rows = [json.loads(line) for line in pathlib.Path(path).read_text().splitlines() if line.strip()]
    if not rows:
        raise SystemExit(f"{path}: no {what} (expected the JSON lines of `hubspot-webhooks {what} --json`)")
    return rows


def main(argv):
    write = argv[-1:] == ["--write"]
    args = argv[1:-1] if write else argv[1:]
    if len(args) != 3:
        raise SystemExit(__doc__)
    fields = json_lines(args[0], "fields")
    options, fixture_options = json_lines(args[1], "options"), json_lines(args[2], "options --fixtures")
    passed = failed = 0
    for path, comment, render in SURFACES:
        old = path.read_text()
        new = rewrite(old, comment, render(fields), path)
        if new == old:
            passed += 1
            continue
        if write:
            path.write_text(new)
            print(f"typed surfaces: wrote {path.relative_to(ROOT)}")
            passed += 1
        else:
            failed += 1
            rel = str(path.relative_to(ROOT))
            sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), new.splitlines(True), rel, rel + " (from the table)"))
            print("run `make generate` to write the field declarations from core's table")
    for what, problems in option_checks(options, fixture_options):
        if problems:
            failed += 1
            print(f"FAIL {what}: " + "; ".join(problems))
        else:
            passed += 1
    counts = f"{len(fields)} fields, {len(options)} options, {len(fixture_options)} fixture options"
    print(f"typed surfaces: {passed} passed, {failed} failed ({counts})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
