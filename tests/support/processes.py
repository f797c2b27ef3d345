"""Real processes for the tests: Celery workers, a web server, a private Redis.

Each helper starts an ordinary process on loopback and returns a handle the test can
stop or SIGKILL; nothing shared (the PostgreSQL cluster, the shared Redis) is stopped.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
REDIS_SERVER = "/usr/bin/redis-server"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(settings_dict=None) -> str:
    db = settings_dict or connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def app_env(*, broker_url: str, db_url: str | None = None, **extra) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": db_url or database_url(),
        "TEST_CELERY_BROKER_URL": broker_url,
        "GAINSAY_EAGER": "0",
        **{k: str(v) for k, v in extra.items()},
    }


class Proc:
    """A child process whose output goes to a temporary file (no pipe to fill up)."""

    def __init__(self, args, env, name):
        self.name = name
        # Closed in stop(): the file lives as long as the process writing to it.
        self.log = tempfile.NamedTemporaryFile(prefix=f"gainsay-{name}-", suffix=".log")  # noqa: SIM115
        self.process = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )

    def alive(self) -> bool:
        return self.process.poll() is None

    def output(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")[-4000:]

    def kill(self) -> None:
        if self.alive():
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


def start_worker(env: dict, *, name="worker", beat=False) -> Proc:
    args = [sys.executable, "-m", "celery", "-A", "config", "worker", "-P", "solo", "-l", "info"]
    if beat:
        args += ["-B", "-s", str(Path(tempfile.mkdtemp()) / "beat-schedule")]
    return Proc(args, env, name)


def start_web(env: dict, port: int) -> Proc:
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
        "--threads",
        "4",
        "--timeout",
        "60",
    ]
    web = Proc(args, env, "web")
    wait_for(lambda: _answers(port), timeout=60, what="the web server", proc=web)
    return web


def _answers(port: int) -> bool:
    try:
        httpx.get(f"http://127.0.0.1:{port}/api/v1/", timeout=2)
    except httpx.HTTPError:
        return False
    return True


class PrivateRedis:
    """A throwaway redis-server on a free port, stopped and started by the test."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc = None

    def start(self) -> None:
        args = [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1"]
        args += ["--save", "", "--appendonly", "no"]
        self.proc = Proc(args, dict(os.environ), "redis")
        wait_for(self.ping, timeout=10, what="redis-server", proc=self.proc)

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.stop()
            self.proc = None


def wait_for(predicate, *, timeout: float, what: str, proc: Proc | None = None, every=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        if proc is not None and not proc.alive():
            raise AssertionError(f"{proc.name} exited while waiting for {what}:\n{proc.output()}")
        time.sleep(every)
    detail = f"\n{proc.output()}" if proc is not None else ""
    raise AssertionError(f"Timed out after {timeout:.0f} s waiting for {what}{detail}")


def batch_lines(count: int, *, tag: str) -> str:
    """Small distinct articles, each with one statement by a catalogue actor."""
    lines = []
    for i in range(count):
        text = (
            f"Sector {tag}-{i} update\n\n"
            f"Russia's defense ministry said on Tuesday that units in sector {tag}-{i} "
            "have begun to return to their bases after drills near the border.\n"
        )
        item = {"title": f"Sector {tag}-{i}", "url": f"https://news.example/{tag}/{i}"}
        lines.append(json.dumps({**item, "text": text, "published": "2022-02-16"}))
    return "\n".join(lines)
