"""The framework helpers, through Flask's, Starlette's, FastAPI's and Django's own test clients,
with real signed requests: good, forged, stale, re-serialised body, bad body, proxy URL."""

import asyncio
import json
import time
from typing import Callable, Dict, Tuple

import pytest

import hubspot_webhooks as hw
import webhook_apps
from conftest import REPO

SECRET = webhook_apps.os.environ["HUBSPOT_CLIENT_SECRET"]
BODY = (REPO / "tests" / "data" / "batch_100.json").read_bytes()

Post = Callable[..., Tuple[int, bytes]]
UrlOf = Callable[[str], str]


def flask_client() -> Tuple[UrlOf, Post]:
    client = webhook_apps.flask_app.test_client()

    def post(path: str, body: bytes, headers: Dict[str, str], method: str = "POST") -> Tuple[int, bytes]:
        r = client.open(path, method=method, data=body, headers=headers)
        return r.status_code, r.get_data()

    return lambda path: "http://localhost" + path, post


def starlette_client(app: object) -> Tuple[UrlOf, Post]:
    from starlette.testclient import TestClient

    client = TestClient(app)  # type: ignore[arg-type]

    def post(path: str, body: bytes, headers: Dict[str, str], method: str = "POST") -> Tuple[int, bytes]:
        r = client.request(method, path, content=body, headers=headers)
        return r.status_code, r.content

    return lambda path: "http://testserver" + path, post


def django_client(async_view: bool = False) -> Tuple[UrlOf, Post]:
    from django.test import Client

    client = Client()

    def route(path: str) -> str:
        return "/async" if async_view and path == "/hubspot/webhook" else path

    def post(path: str, body: bytes, headers: Dict[str, str], method: str = "POST") -> Tuple[int, bytes]:
        path = route(path)
        headers = {k: v for k, v in headers.items() if k.lower() != "content-type"}
        r = client.generic(method, path, data=body, content_type="application/json", headers=headers)
        return r.status_code, r.content

    return lambda path: "http://testserver" + route(path), post


CLIENTS = {
    "flask": flask_client,
    "starlette": lambda: starlette_client(webhook_apps.starlette_app),
    "fastapi": lambda: starlette_client(webhook_apps.fastapi_app),
    "django": django_client,
    "django-async": lambda: django_client(async_view=True),
}


@pytest.fixture(params=sorted(CLIENTS))
def app(request: pytest.FixtureRequest) -> Tuple[UrlOf, Post]:
    webhook_apps.RECEIVED.clear()
    return CLIENTS[request.param]()


def now_ms() -> int:
    return int(time.time() * 1000)


def error_code(content: bytes) -> str:
    """The code of the answer {"code", "message"} (FastAPI nests it under "detail")."""
    data = json.loads(content)
    if isinstance(data.get("detail"), dict):
        data = data["detail"]
    assert set(data) == {"code", "message"} and data["message"], data
    return str(data["code"])


def test_good_request_reaches_the_handler(app: Tuple[UrlOf, Post]) -> None:
    base, post = app
    url = base("/hubspot/webhook")
    status, _ = post("/hubspot/webhook", BODY, hw.signed_headers(SECRET, url, BODY))
    assert status == 204
    assert webhook_apps.RECEIVED == json.loads(BODY)


def test_v1_only_request_is_accepted(app: Tuple[UrlOf, Post]) -> None:
    base, post = app
    headers = {"X-HubSpot-Signature": hw.sign_v1(SECRET, BODY), "X-HubSpot-Signature-Version": "v1"}
    status, _ = post("/hubspot/webhook", BODY, headers)
    assert status == 204 and len(webhook_apps.RECEIVED) == 100


def test_forged_request_gets_401(app: Tuple[UrlOf, Post]) -> None:
    base, post = app
    headers = hw.signed_headers("not-the-secret", base("/hubspot/webhook"), BODY)
    status, content = post("/hubspot/webhook", BODY, headers)
    assert (status, error_code(content)) == (401, "signature_mismatch")
    assert webhook_apps.RECEIVED == []
    status, content = post("/hubspot/webhook", BODY, {})
    assert (status, error_code(content)) == (401, "missing_signature")


def test_stale_request_gets_401(app: Tuple[UrlOf, Post]) -> None:
    base, post = app
    headers = hw.signed_headers(SECRET, base("/hubspot/webhook"), BODY, timestamp_ms=now_ms() - 10 * 60_000)
    status, content = post("/hubspot/webhook", BODY, headers)
    assert (status, error_code(content)) == (401, "timestamp_too_old")
    assert webhook_apps.RECEIVED == []


def test_reserialised_body_gets_401(app: Tuple[UrlOf, Post]) -> None:
    base, post = app
    headers = hw.signed_headers(SECRET, base("/hubspot/webhook"), BODY)
    reserialised = json.dumps(json.loads(BODY)).encode()  # same data, other bytes
    status, content = post("/hubspot/webhook", reserialised, headers)
    assert (status, error_code(content)) == (401, "signature_mismatch")


def test_signed_but_invalid_body_gets_400(app: Tuple[UrlOf, Post]) -> None:
    base, post = app
    body = b'{"not": "a batch"}'
    status, content = post("/hubspot/webhook", body, hw.signed_headers(SECRET, base("/hubspot/webhook"), body))
    assert (status, error_code(content)) == (400, "invalid_batch")


def test_public_url_override_for_proxies(app: Tuple[UrlOf, Post]) -> None:
    base, post = app
    public = hw.signed_headers(SECRET, webhook_apps.PUBLIC_URL, BODY)
    status, _ = post("/proxied", BODY, public)
    assert status == 204 and len(webhook_apps.RECEIVED) == 100
    # Without the override the app sees its own URL, which HubSpot did not sign.
    status, content = post("/hubspot/webhook", BODY, public)
    assert (status, error_code(content)) == (401, "signature_mismatch")


def test_other_methods_get_405(app: Tuple[UrlOf, Post]) -> None:
    base, post = app
    for method in ("GET", "PUT"):
        status, _ = post("/hubspot/webhook", b"", {}, method)
        assert status == 405, method
    assert webhook_apps.RECEIVED == []


def test_a_body_over_the_limit_gets_413(app: Tuple[UrlOf, Post]) -> None:
    base, post = app
    body = BODY + b" " * (hw.DEFAULT_MAX_BODY_BYTES - len(BODY) + 1)
    status, content = post("/hubspot/webhook", body, hw.signed_headers(SECRET, base("/hubspot/webhook"), body))
    assert (status, error_code(content)) == (413, "body_too_large")


def test_the_body_stays_readable_after_verification() -> None:
    from flask import Flask, request

    from hubspot_webhooks.flask import verify_request

    app = Flask("t")
    verifier = hw.Verifier(SECRET)

    @app.post("/h")
    def view():  # type: ignore[no-untyped-def]
        verify_request(verifier)
        return {"n": len(request.get_json())}

    r = app.test_client().post("/h", data=BODY, headers=hw.signed_headers(SECRET, "http://localhost/h", BODY))
    assert r.get_json() == {"n": 100}


def test_configuration_mistakes_get_500() -> None:
    from django.http import HttpResponse
    from django.test import RequestFactory

    from hubspot_webhooks.django import hubspot_webhook

    class Broken:
        def check_body_length(self, length: int) -> None:
            pass

        def verify_and_parse(self, *args: object, **kwargs: object) -> object:
            raise hw._native.error("invalid_argument", "no secret")

    @hubspot_webhook(Broken())  # type: ignore[arg-type]
    def view(request: object, delivery: object) -> HttpResponse:
        return HttpResponse(status=204)

    response = view(RequestFactory().post("/x", data=BODY, content_type="application/json"))
    assert response.status_code == 500


def test_a_failing_django_view_gets_500_handler_failed() -> None:
    from django.http import HttpResponse
    from django.test import RequestFactory

    from hubspot_webhooks.django import hubspot_webhook

    @hubspot_webhook(hw.Verifier(SECRET))
    def view(request: object, delivery: object) -> HttpResponse:
        raise RuntimeError("the handler broke")

    headers = {k: v for k, v in hw.signed_headers(SECRET, "http://testserver/x", BODY).items() if k != "Content-Type"}
    request = RequestFactory().post("/x", data=BODY, content_type="application/json", headers=headers)
    response = view(request)
    assert (response.status_code, error_code(response.content)) == (500, "handler_failed")


def test_a_helper_set_up_with_the_wrong_objects_refuses_at_once() -> None:
    """Config mistakes raise where the helper is set up, naming what it takes; before, they
    raised AttributeError on every request (answered by the framework's own 500) or, for a bad
    read_timeout, refused every request as a forgery."""
    from django.test import RequestFactory
    from starlette.requests import Request

    from hubspot_webhooks import django as hw_django
    from hubspot_webhooks import flask as hw_flask
    from hubspot_webhooks.starlette import HubSpotWebhook
    from hubspot_webhooks.starlette import verify_request as starlette_verify

    verifier, router = hw.Verifier(SECRET), hw.Router()
    with pytest.raises(TypeError, match="HubSpotWebhook takes a hubspot_webhooks.Verifier.*not str"):
        HubSpotWebhook(SECRET)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="takes a hubspot_webhooks.Router as its router, not builtin_function"):
        HubSpotWebhook(verifier, router=print)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="read_timeout must be a number of seconds or None, not str"):
        HubSpotWebhook(verifier, read_timeout="10")  # type: ignore[arg-type]
    for timeout in (0, -1, float("nan")):
        with pytest.raises(hw.UsageError, match="read_timeout must be over 0"):
            HubSpotWebhook(verifier, read_timeout=timeout)
    with pytest.raises(TypeError, match=r"use it as @hubspot_webhook\(verifier\)\) takes a hubspot_webhooks.Verifier"):

        @hw_django.hubspot_webhook  # type: ignore[arg-type]  # the decorator without its verifier
        def view(request: object, delivery: object) -> None:  # pragma: no cover - never registered
            pass

    with pytest.raises(TypeError, match="receive_view takes a hubspot_webhooks.Router"):
        hw_django.receive_view(verifier, "router")  # type: ignore[arg-type]
    request = RequestFactory().post("/x", data=BODY, content_type="application/json")
    with pytest.raises(TypeError, match="verify_request takes a hubspot_webhooks.Verifier.*not WSGIRequest"):
        hw_django.verify_request(verifier, request)  # type: ignore[arg-type]  # the arguments swapped
    with pytest.raises(TypeError, match="receive takes a hubspot_webhooks.Verifier.*not NoneType"):
        hw_flask.receive(None, router)  # type: ignore[arg-type]
    scope = {"type": "http", "method": "POST", "path": "/", "headers": []}
    with pytest.raises(TypeError, match="verify_request takes a hubspot_webhooks.Verifier.*not Request"):
        asyncio.run(starlette_verify(verifier, Request(scope)))  # type: ignore[arg-type]  # swapped
