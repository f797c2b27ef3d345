"""`make run`'s embedded mode: SQLite, tasks in-process, the seed contradictions served."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_the_embedded_mode_serves_the_seed_contradictions_on_sqlite(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"CELERY_BROKER_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DATABASE_URL=f"sqlite:///{tmp_path / 'embedded.sqlite3'}",
    )

    def manage(*args, **kwargs):
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs
        )

    manage("migrate", "--noinput", "-v0")
    manage("load_seeds", capture_output=True)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        body = _get(f"http://127.0.0.1:{port}/api/v1/contradictions/?format=json")
        contradictions = json.loads(body)["results"]
        page = _get(f"http://127.0.0.1:{port}/").decode()
    finally:
        server.terminate()
        server.wait(timeout=10)

    texts = json.dumps(contradictions)
    assert len(contradictions) >= 2
    assert "return to their bases" in texts
    assert "Russia may launch its invasion" in texts
    assert "return to their bases" in page


def _get(url, attempts=60):
    for _ in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
                return response.read()
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer")
