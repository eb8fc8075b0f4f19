"""Shared fixtures. The tests import the installed wheel, never the source tree."""

import os
import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]

# Filled by test_conformance.py (the conformance line) and test_stress.py (the soak line),
# printed at the end of the run.
SUMMARY: list = []


def pytest_terminal_summary(terminalreporter: "pytest.TerminalReporter") -> None:
    for line in SUMMARY:
        terminalreporter.write_line(line)


def pytest_configure(config: pytest.Config) -> None:
    # Django settings for the Django helper tests (configured once, before any import of them).
    try:
        import django
        from django.conf import settings
    except ImportError:  # pragma: no cover - django is in requirements.txt
        return
    if not settings.configured:
        settings.configure(
            DEBUG=False,
            SECRET_KEY="tests-only",
            ALLOWED_HOSTS=["testserver", "localhost", "127.0.0.1", "hooks.example.com"],
            ROOT_URLCONF="django_urls",
            MIDDLEWARE=["django.middleware.csrf.CsrfViewMiddleware"],
            INSTALLED_APPS=[],
            USE_TZ=True,
        )
        django.setup()


@pytest.fixture
def repo() -> pathlib.Path:
    return REPO


def vector_files() -> "list[pathlib.Path]":
    files = sorted((REPO / "tests" / "vectors").glob("*.json"))
    extra = os.environ.get("HUBSPOT_WEBHOOKS_VECTORS")
    if extra:
        files += sorted(pathlib.Path(extra).glob("*.json"))
    return files
