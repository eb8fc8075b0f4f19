"""The command-line tool (cli/, `hubspot-webhooks send`) against the Flask, FastAPI, Starlette
and Django helpers over real HTTP on 127.0.0.1: every fixture type is accepted (exit 0, every
answer 2xx), and spoiled signatures are refused (exit 1, 401). `make test-python` builds the
tool and names it in HUBSPOT_WEBHOOKS_CLI."""

import json
import os
import subprocess
from typing import List, Tuple

import pytest

import http_apps
from test_http_cases import server  # noqa: F401  (the same servers, as a fixture)

CLI = os.environ.get("HUBSPOT_WEBHOOKS_CLI", "")
SECRET = http_apps.TABLE["secret"]


def send(port: int, *args: str) -> Tuple[int, List[dict]]:
    if not CLI or not os.access(CLI, os.X_OK):
        pytest.fail(f"HUBSPOT_WEBHOOKS_CLI ({CLI!r}) is not the built tool: run through make test-python")
    url = f"http://127.0.0.1:{port}/webhook"
    done = subprocess.run([CLI, "send", "--json", "--secret", SECRET, url, *args],
                          capture_output=True, text=True, timeout=120)
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.strip().startswith("{")]
    assert lines, f"no JSON lines from send: {done.stdout!r} {done.stderr!r}"
    return done.returncode, lines


def statuses(lines: List[dict]) -> List[int]:
    return [line["status"] for line in lines if "status" in line]


def fixture_types() -> List[dict]:
    done = subprocess.run([CLI, "types", "--json"], capture_output=True, text=True, timeout=60, check=True)
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def test_send_reaches_every_helper_with_every_type(server: Tuple[str, int]) -> None:  # noqa: F811
    types = fixture_types()
    batch = [t["type"] for t in types if t["kind"] == "batch"]
    channel = [t["type"] for t in types if t["kind"] == "channel"]
    assert len(batch) == 48 and len(channel) == 4, types
    # The test servers refuse bodies over 4096 bytes (tests/http/cases.json): batches of 8 types.
    groups = [batch[i:i + 8] for i in range(0, len(batch), 8)] + [[t] for t in channel]
    for group in groups:
        code, lines = send(server[1], *group)
        got = statuses(lines)
        assert code == 0 and got and all(200 <= s < 300 for s in got), (server[0], group, lines)


def test_spoiled_signatures_are_refused(server: Tuple[str, int]) -> None:  # noqa: F811
    code, lines = send(server[1], "--bad-signature", "contact.creation", "OUTGOING_CHANNEL_MESSAGE_CREATED")
    assert code == 1, lines
    assert statuses(lines) == [401, 401], (server[0], lines)
