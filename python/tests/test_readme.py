"""The quick starts of python/README.md, run as they stand: each block is executed and its app
gets a real signed delivery (accepted, its events handed over) and a forged one (401)."""

import json
import os
import re
from typing import Any, Callable, Dict, Optional, Tuple

import pytest

import hubspot_webhooks as hw
from conftest import REPO

SECRET = os.environ.setdefault("HUBSPOT_CLIENT_SECRET", "3c9a1e2f-5b7d-4e8a-9f10-2a3b4c5d6e7f")
BODY = (REPO / "tests" / "data" / "batch_100.json").read_bytes()
README = (REPO / "python" / "README.md").read_text(encoding="utf-8")


def quick_start(heading: str, namespace: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """Runs the first Python block under ``heading`` (in ``namespace``, for a block that
    continues an earlier one or uses names the text defines)."""
    start = README.index(f"\n## {heading}\n")
    block = re.compile(r"```python\n(.*?)\n```", re.S).search(README, start)
    assert block is not None, heading
    namespace = {"__name__": f"readme_{heading.lower()}", **(namespace or {})}
    exec(compile(block.group(1), f"README.md ({heading})", "exec"), namespace)
    return namespace


def flask_post(ns: Dict[str, Any]) -> Callable[[Dict[str, str]], int]:
    client = ns["app"].test_client()
    return lambda headers: client.post("/hubspot/webhook", data=BODY, headers=headers).status_code


def fastapi_post(ns: Dict[str, Any]) -> Callable[[Dict[str, str]], int]:
    from starlette.testclient import TestClient

    client = TestClient(ns["app"])
    return lambda headers: client.post("/hubspot/webhook", content=BODY, headers=headers).status_code


def django_post(ns: Dict[str, Any]) -> Callable[[Dict[str, str]], int]:
    from django.test import RequestFactory

    def post(headers: Dict[str, str]) -> int:
        extra = {k: v for k, v in headers.items() if k.lower() != "content-type"}
        request = RequestFactory().post("/hubspot/webhook", data=BODY, content_type="application/json", headers=extra)
        return int(ns["hubspot_view"](request).status_code)

    return post


QUICK_STARTS: Dict[str, Tuple[str, Callable[[Dict[str, Any]], Callable[[Dict[str, str]], int]]]] = {
    "Flask": ("http://localhost", flask_post),
    "FastAPI": ("http://testserver", fastapi_post),
    "Django": ("http://testserver", django_post),
}


@pytest.mark.parametrize("heading", sorted(QUICK_STARTS))
def test_the_quick_start_runs_as_written(heading: str) -> None:
    origin, client = QUICK_STARTS[heading]
    ns = quick_start(heading)
    post = client(ns)
    url = origin + "/hubspot/webhook"
    assert post(hw.signed_headers("not-the-secret", url, BODY)) == 401
    assert ns["jobs"].empty()
    assert post(hw.signed_headers(SECRET, url, BODY)) == 204
    handed_over = [ns["jobs"].get_nowait() for _ in range(ns["jobs"].qsize())]
    assert handed_over == json.loads(BODY)


def fixture(types: object, **options: object) -> Any:
    from hubspot_webhooks import fixtures

    return fixtures.delivery(types, secret=SECRET, **options)  # type: ignore[arg-type]


def test_the_custom_channels_quick_start_runs_as_written() -> None:
    from starlette.testclient import TestClient

    ns = quick_start("Custom Channels")
    client = TestClient(ns["app"])
    url = "http://testserver/hubspot/channel"
    fx = fixture("OUTGOING_CHANNEL_MESSAGE_CREATED", url=url)
    forged = fixture("OUTGOING_CHANNEL_MESSAGE_CREATED", url=url, bad_signature=True)
    assert client.post("/hubspot/channel", content=forged.body, headers=forged.headers).status_code == 401
    assert ns["outbox"].empty()
    assert client.post("/hubspot/channel", content=fx.body, headers=fx.headers).status_code == 204
    event = hw.parse_delivery(fx.body).channel_event
    assert event is not None and event.message is not None
    # The answer went first; the test client runs the background task before it returns.
    assert ns["outbox"].get_nowait() == (event.dedup_key(), "+15550100123", event.message.text)
    batch = fixture("contact.creation", url=url)
    assert client.post("/hubspot/channel", content=batch.body, headers=batch.headers).status_code == 204
    assert ns["outbox"].empty()  # a shared endpoint: the batch reached no Custom Channels handler


def test_the_router_and_fixture_examples_run_as_written() -> None:
    ns = quick_start("Routers")
    client = ns["app"].test_client()
    url = "http://localhost/hubspot/webhook"
    forged = fixture("contact.creation", url=url, bad_signature=True)
    assert client.post("/hubspot/webhook", data=forged.body, headers=forged.headers).status_code == 401
    assert ns["handled"] == set()
    fx = fixture(["contact.creation", "deal.propertyChange"], url=url)
    for _attempt in range(2):  # a retry of the same delivery: handled once
        assert client.post("/hubspot/webhook", data=fx.body, headers=fx.headers).status_code == 204
        assert len(ns["handled"]) == 1
    # "Testing your receiver" uses the app above.
    testing = quick_start("Testing your receiver", ns)
    assert testing["response"].status_code == 204 and testing["fx"].url == url


def test_the_diagnosis_example_runs_as_written(caplog: pytest.LogCaptureFixture) -> None:
    import logging

    fx = fixture("contact.creation", url="https://hooks.example.com/hubspot/webhook")
    ns = quick_start("When the signature does not match", {
        "Verifier": hw.Verifier, "hw": hw, "client_secret": SECRET, "log": logging.getLogger("readme"),
        "url": "http://hooks.example.com/hubspot/webhook", "headers": fx.headers, "body": fx.body,
    })
    assert ns["verifier"].diagnose is True
    assert any("Diagnosis: The signature matches the URL with https://" in r.message for r in caplog.records)
