"""A load scenario on loopback: analysts browse and API clients poll while a batch ingests.

Starts a real web server (gunicorn) and a Celery worker against the configured database
and broker, submits one batch of small articles through the API, and keeps every client
at a steady request rate until the batch is done. Run by `manage.py load_scenario`.
"""

import json
import logging
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from django.conf import settings
from django.db import connection

from sources.models import Article, IngestJob

ANALYST_PAGES = ["/", "/actors/", "/topics/", "/search?q=troops", "/feeds/contradictions/"]
API_PATHS = [
    "/api/v1/statements/?ordering=-updated_at",
    "/api/v1/contradictions/",
    "/api/v1/articles/?status=done",
    "/api/v1/actors/",
]
FIRST_NAMES = [
    "Maria",
    "Ivan",
    "Anna",
    "Piotr",
    "Elena",
    "Jonas",
    "Sofia",
    "Marek",
    "Olga",
    "Tomas",
]
LAST_NAMES = ["Lindqvist", "Sokolov", "Berg", "Nowak", "Petrova", "Keller", "Horvat", "Dvorak"]
NEWS = [
    "the bridge on route {n} will reopen in May",
    "the council would publish the budget for district {n} next week",
    "talks on the port of {n} would continue after the holidays",
    "the hospital in sector {n} had enough beds for the winter",
]
# One article in twenty carries a stance on the tracked troop-posture topic, so that
# contradictions are found as in real news, not between every pair of articles.
STANCES = [
    "units have begun to return to their bases after drills near the border",
    "Russia continues the military buildup near the border",
]


class ScenarioError(Exception):
    pass


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {"page": [], "api": []})
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            if error:
                self.errors.append(error)


def scenario_articles(count: int, *, tag: str) -> list[dict]:
    """Small distinct articles, each with one statement, by some eighty speakers."""
    items = []
    for i in range(count):
        if i % 20 == 0:
            sentence = (
                "Russia's defense ministry said on Tuesday that "
                f"{STANCES[(i // 20) % 2]} (report {tag}-{i})."
            )
        else:
            speaker = f"{FIRST_NAMES[i % 10]} {LAST_NAMES[(i // 10) % 8]}"
            news = NEWS[i % len(NEWS)].format(n=f"{tag}-{i}")
            sentence = (
                f"{speaker}, a spokesperson for the regional council, said on Monday that {news}."
            )
        items.append(
            {
                "title": f"Report {tag}-{i}",
                "url": f"https://load.example/{tag}/{i}",
                "published": f"2022-02-{1 + i % 28:02d}",
                "text": f"Report {tag}-{i}\n\n{sentence}\n",
            }
        )
    return items


def run_scenario(
    *, articles: int, analysts: int, api_clients: int, rate: float, web_workers: int, out
) -> dict:
    if not settings.CELERY_BROKER_URL:
        raise ScenarioError("No broker configured (CELERY_BROKER_URL): a worker is needed.")
    if connection.vendor != "postgresql":
        raise ScenarioError("The scenario needs PostgreSQL (DATABASE_URL): several processes.")
    token = _scenario_token()
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request otherwise
    env = _child_env()
    port = _free_port()
    logs = Path(tempfile.mkdtemp(prefix="gainsay-load-"))
    children = []
    try:
        children.append(_spawn(_web_args(port, web_workers), env, logs / "web.log"))
        children.append(_spawn(_worker_args(), env, logs / "worker.log"))
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(base, children[0], logs / "web.log")
        out(f"Web server on {base}, worker started; logs in {logs}")
        return _drive(base, token, articles, analysts, api_clients, rate, out)
    finally:
        for child in children:
            child.terminate()
        for child in children:
            try:
                child.wait(timeout=20)
            except subprocess.TimeoutExpired:
                child.kill()


def _drive(base, token, articles, analysts, api_clients, rate, out) -> dict:
    results, stop = Results(), threading.Event()
    threads = [
        threading.Thread(target=_client, args=(base, "page", None, rate, results, stop))
        for _ in range(analysts)
    ] + [
        threading.Thread(target=_client, args=(base, "api", token, rate, results, stop))
        for _ in range(api_clients)
    ]
    for thread in threads:
        thread.start()
    started = time.monotonic()
    try:
        job_id = _submit(base, token, articles)
        out(f"Submitted job {job_id}: {articles} articles")
        job = _wait_for_job(job_id, timeout=max(600, articles * 3))
        ingest_seconds = time.monotonic() - started
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    elapsed = time.monotonic() - started
    processed = Article.objects.filter(job_id=job_id, status=Article.Status.DONE).count()
    all_latencies = results.latencies["page"] + results.latencies["api"]
    return {
        "job": job,
        "articles_done": processed,
        "ingest_seconds": ingest_seconds,
        "articles_per_minute": processed / ingest_seconds * 60 if ingest_seconds else 0.0,
        "seconds": elapsed,
        "requests": len(all_latencies),
        "requests_per_second": len(all_latencies) / elapsed if elapsed else 0.0,
        "p95_ms": _p95(all_latencies),
        "p95_page_ms": _p95(results.latencies["page"]),
        "p95_api_ms": _p95(results.latencies["api"]),
        "page_requests": len(results.latencies["page"]),
        "api_requests": len(results.latencies["api"]),
        "errors": results.errors,
    }


def _client(base, kind, token, rate, results, stop) -> None:
    """One analyst or API client, one request every 1/rate seconds (no catch-up bursts)."""
    paths = ANALYST_PAGES if kind == "page" else API_PATHS
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    interval = 1.0 / rate
    rng = random.Random()
    next_at = time.monotonic() + rng.random() * interval  # spread the clients out
    with httpx.Client(base_url=base, headers=headers, timeout=30) as http:
        while not stop.is_set():
            stop.wait(max(0.0, next_at - time.monotonic()))
            if stop.is_set():
                return
            next_at = max(next_at + interval, time.monotonic())
            path = rng.choice(paths)
            began = time.perf_counter()
            error = None
            try:
                response = http.get(path)
                if response.status_code >= 400:
                    error = f"{response.status_code} {path}"
            except httpx.HTTPError as exc:
                error = f"{exc.__class__.__name__} {path}"
            results.record(kind, time.perf_counter() - began, error)


def _submit(base, token, articles) -> int:
    items = scenario_articles(articles, tag=f"{int(time.time())}")
    response = httpx.post(
        f"{base}/api/v1/articles/",
        content=json.dumps({"items": items}),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        timeout=120,
    )
    if response.status_code != 202:
        raise ScenarioError(f"Submitting the batch: {response.status_code} {response.text[:300]}")
    return response.json()["id"]


def _wait_for_job(job_id, timeout) -> IngestJob:
    deadline = time.monotonic() + timeout
    finished = (IngestJob.Status.DONE, IngestJob.Status.FAILED)
    while time.monotonic() < deadline:
        job = IngestJob.objects.get(pk=job_id)
        if job.status in finished:
            return job
        time.sleep(0.5)
    raise ScenarioError(f"Job {job_id} did not finish within {timeout} s.")


def _p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0] * 1000 if values else 0.0
    return statistics.quantiles(values, n=20, method="inclusive")[18] * 1000


def _scenario_token() -> str:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user, _ = get_user_model().objects.get_or_create(
        username="load-scenario", defaults={"is_staff": False}
    )
    group = Group.objects.filter(name="editors").first()
    if group is None:
        raise ScenarioError("The editors group is missing: run migrate first.")
    user.groups.add(group)
    from statements.models import ApiToken
    from statements.services.tokens import api_token_create

    # A fresh key each run: keys are stored hashed, so an earlier one cannot be read back.
    ApiToken.objects.filter(user=user, name="load scenario").delete()
    return api_token_create(user=user, name="load scenario", scope=ApiToken.Scope.READ_WRITE)[1]


def _child_env() -> dict:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    url = f"postgres://{db['USER']}{password}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
    return {
        **os.environ,
        "DATABASE_URL": f"{url}/{db['NAME']}",
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "TEST_CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "GAINSAY_EAGER": "0",
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings.local"),
    }


def _web_args(port, workers) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", "config.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", "4",
    ]  # fmt: skip


def _worker_args() -> list[str]:
    return [sys.executable, "-m", "celery", "-A", "config", "worker", "-P", "solo", "-l", "warning"]


def _spawn(args, env, log_path) -> subprocess.Popen:
    with open(log_path, "wb") as log:
        # Only our own fixed command lines (this interpreter running gunicorn / celery).
        return subprocess.Popen(  # noqa: S603
            args, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
        )


def _wait_until_up(base, process, log_path, timeout=60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ScenarioError(f"The web server exited: {log_path.read_text()[-2000:]}")
        try:
            httpx.get(f"{base}/api/v1/", timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise ScenarioError(f"The web server did not answer within {timeout} s.")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
