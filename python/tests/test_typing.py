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
