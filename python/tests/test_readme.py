"""The quick starts of python/README.md, run as they stand: each block is executed and its app
gets a real signed delivery (accepted, its events handed over) and a forged one (401)."""

import json
import os
import re
from typing import Any, Callable, Dict, Tuple

import pytest

import hubspot_webhooks as hw
from conftest import REPO

SECRET = os.environ.setdefault("HUBSPOT_CLIENT_SECRET", "3c9a1e2f-5b7d-4e8a-9f10-2a3b4c5d6e7f")
BODY = (REPO / "tests" / "data" / "batch_100.json").read_bytes()
README = (REPO / "python" / "README.md").read_text(encoding="utf-8")


def quick_start(heading: str) -> Dict[str, Any]:
    start = README.index(f"\n## {heading}\n")
    block = re.compile(r"```python\n(.*?)\n```", re.S).search(README, start)
    assert block is not None, heading
    namespace: Dict[str, Any] = {"__name__": f"readme_{heading.lower()}"}
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
