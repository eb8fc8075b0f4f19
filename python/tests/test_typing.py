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


def test_mypy_strict_on_the_package() -> None:
    run("mypy", "--config-file", "mypy.ini", "-p", "hubspot_webhooks")


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
        if isinstance(node, ast.FunctionDef) and node.name in ("__new__", "verify_and_parse", "diagnose") and node.args.kwonlyargs:
            keywords = {a.arg for a in node.args.kwonlyargs} - {"secret", "secrets", "now_ms"}
            if node.name == "verify_and_parse" and keywords == set():
                continue  # Verifier.verify_and_parse: now_ms only
            assert keywords == names, (node.name, keywords ^ names)


# The Custom Channels classes against the core's serialised form of the events (the shape every
# binding hands over): every key of it is an annotated attribute of the class with a value of
# the annotated type (rawJson and dedupKey: methods), and every annotation is a key of it.
RICH_CHANNEL_EVENT = (
    '{"type":"OUTGOING_CHANNEL_MESSAGE_CREATED","portalId":"1","channelId":"2","eventTimestamp":"2026-05-14T09:21:07Z",'
    '"eventId":"e","channelIntegrationThreadIds":["t"],"message":{"id":"m","type":"MESSAGE","createdAt":"2026-05-14T09:21:06.913Z",'
    '"senders":[{"actorId":"A-1","name":"n","deliveryIdentifier":{"type":"HS_EMAIL_ADDRESS","value":"a@b"}}],'
    '"status":{"statusType":"FAILED","failureDetails":{"e":1}},"attachments":[{"type":"FILE","fileId":"f","url":"u"}]}}'
)


def test_the_channel_classes_are_core_serialised_form() -> None:
    import json
    import typing

    import hubspot_webhooks as hw
    from conftest import vector_files
    from hubspot_webhooks._channel import _Record, snake_case

    def conforms(value: object, hint: object) -> bool:
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin is typing.Union:
            return any(conforms(value, a) for a in args)
        if origin is list:
            return isinstance(value, list) and all(conforms(v, args[0]) for v in value)
        if hint is type(None):
            return value is None
        if isinstance(hint, type) and issubclass(hint, _Record):
            return isinstance(value, hint)
        return isinstance(hint, type) and type(value) is hint

    seen: "dict[type, set[str]]" = {}
    problems: "list[str]" = []

    def walk(path: str, serialised: "dict[str, object]", obj: object) -> None:
        cls = type(obj)
        hints = {k: v for k, v in typing.get_type_hints(cls).items() if not k.startswith("_")}
        names = seen.setdefault(cls, set())
        for key, value in serialised.items():
            name = snake_case(key)
            if key in ("rawJson", "dedupKey"):
                if getattr(obj, name)() != value:
                    problems.append(f"{path}.{name}() is not core's {key}")
                continue
            names.add(name)
            got = getattr(obj, name, None)
            if name not in hints:
                problems.append(f"{cls.__name__} has no annotation for core's {path}.{key}")
            elif not conforms(got, hints[name]):
                problems.append(f"{path}.{key}: {got!r} is not a {hints[name]}")
            if isinstance(value, dict):
                walk(f"{path}.{key}", value, got)
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, dict):
                        walk(f"{path}.{key}[{i}]", item, got[i])  # type: ignore[index]

    bodies = [RICH_CHANNEL_EVENT.encode()]
    for path in vector_files():
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            if "channel_event" in case["expect"].get("ok", {}):
                bodies.append(case["request"]["body"].encode())
    for body in bodies:
        event = hw.parse_delivery(body).channel_event
        assert event is not None
        walk("event", json.loads(event._core.serialised()), event)
    assert not problems, "\n".join(problems)
    for cls in (hw.ChannelEvent, hw.ChannelMessage, hw.Participant, hw.DeliveryIdentifier, hw.MessageStatus, hw.Attachment):
        annotated = {k for k in typing.get_type_hints(cls) if not k.startswith("_")}
        assert annotated == seen.get(cls), f"{cls.__name__}: annotated but not in core's form: {annotated - seen.get(cls, set())}"
