"""The stubs: stubtest against the installed native module, and mypy --strict on code that uses
the typed API."""

import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent


def run(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", *args], cwd=HERE, capture_output=True, text=True)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    return output


def test_stubtest() -> None:
    run("mypy.stubtest", "hubspot_webhooks", "--mypy-config-file", "mypy.ini")


def test_mypy_strict_on_typed_usage() -> None:
    files = ["typed_usage.py"] + (["match_examples.py"] if sys.version_info >= (3, 10) else [])
    run("mypy", "--config-file", "mypy.ini", *files)


# The typed surface against core's tables: every field of FIELDS is an attribute of Event (every
# event answers every field) with the Python type of its kind, at runtime and in _native.pyi;
# the keyword options of the stubs are core's OPTIONS.
KIND_TYPES = {"text": "str", "int": "int", "bool": "bool", "int_list": "List[int]", "value": "str", "enum": "str"}


def stub_classes() -> "dict[str, dict[str, str]]":
    """The properties of each class of _native.pyi with their return annotations."""
    import ast

    import hubspot_webhooks

    tree = ast.parse((pathlib.Path(hubspot_webhooks.__file__).parent / "_native.pyi").read_text())
    out: "dict[str, dict[str, str]]" = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            out[node.name] = {
                item.name: ast.unparse(item.returns) if item.returns else ""
                for item in node.body
                if isinstance(item, ast.FunctionDef) and any(ast.unparse(d) == "property" for d in item.decorator_list)
            }
    return out


def expected_fields() -> "dict[str, str]":
    import hubspot_webhooks as hw

    return {
        name: KIND_TYPES[kind] if required else f"Optional[{KIND_TYPES[kind]}]"
        for name, _json, kind, required, alias_of, _carried, _doc in hw.FIELDS
        if alias_of is None
    }


def test_every_field_of_core_is_typed_at_runtime_and_in_the_stubs() -> None:
    import hubspot_webhooks as hw

    assert len(hw.FIELDS) > 0
    stubs = stub_classes()
    problems = []
    for name, typed in expected_fields().items():
        if not isinstance(hw.Event.__dict__.get(name), hw.Field):
            problems.append(f"runtime: Event.{name} is not a Field")
        if stubs["Event"].get(name) != typed:
            problems.append(f"_native.pyi: Event.{name} should be a property returning {typed}, is {stubs['Event'].get(name)!r}")
    assert not problems, "\n".join(problems)


def test_the_stubs_keyword_options_are_core_options() -> None:
    import ast

    import hubspot_webhooks as hw

    names = {name for name, *_ in hw.OPTIONS}
    tree = ast.parse((pathlib.Path(hw.__file__).parent / "_native.pyi").read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name in ("__new__", "verify_and_parse") and node.args.kwonlyargs:
            keywords = {a.arg for a in node.args.kwonlyargs} - {"secret", "secrets", "now_ms"}
            if node.name == "verify_and_parse" and keywords == set():
                continue  # Verifier.verify_and_parse: now_ms only
            assert keywords == names, (node.name, keywords ^ names)
