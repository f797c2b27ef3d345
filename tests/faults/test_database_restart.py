"""PostgreSQL stopped and started under a running app: clean 503s, then recovery by itself.

The shared cluster is never touched: the test makes its own throwaway cluster (initdb +
pg_ctl as the postgres user, in a temporary directory, on a free port), migrates it, and
runs a real web server and Celery worker against it.
"""

import contextlib
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx
import psycopg
import pytest

from statements.services.tokens import api_token_hash
from tests.support.processes import ROOT, app_env, free_port, start_web, start_worker, wait_for

PG_BIN = Path("/usr/lib/postgresql/15/bin")
PG_USER = "postgres"


def _as_postgres(args: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; as any other user the command runs as is.
    if os.geteuid() == 0:
        return ["runuser", "-u", PG_USER, "--", *args]
    return args


class ThrowawayCluster:
    def __init__(self):
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="gainsay-pg-"))
        self.data = self.dir / "data"
        if os.geteuid() == 0:
            shutil.chown(self.dir, user=PG_USER)
        self.url = f"postgres://{PG_USER}@127.0.0.1:{self.port}/gainsay"

    def _run(self, *args: str) -> None:
        subprocess.run(_as_postgres(list(args)), check=True, capture_output=True, timeout=60)

    def init(self) -> None:
        self._run(
            str(PG_BIN / "initdb"),
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            PG_USER,
            "--no-sync",
            "-E",
            "UTF8",
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.dir / "log"),
            "-w",
            "start",
        )

    def stop(self) -> None:
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def connect(self, dbname="gainsay"):
        return psycopg.connect(
            host="127.0.0.1", port=self.port, user=PG_USER, dbname=dbname, autocommit=True
        )

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def cluster():
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"{PG_BIN}/initdb is not installed (PostgreSQL 15 server binaries)")
    cluster = ThrowawayCluster()
    try:
        cluster.init()
        cluster.start()
        with cluster.connect("postgres") as conn:
            conn.execute("CREATE DATABASE gainsay")
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=app_env(broker_url="redis://127.0.0.1:1/0", db_url=cluster.url),
            check=True,
            capture_output=True,
            timeout=180,
        )
        yield cluster
    finally:
        cluster.remove()


def _editor_token(cluster) -> str:
    key = secrets.token_hex(20)
    with cluster.connect() as conn:
        (user_id,) = conn.execute(
            "INSERT INTO auth_user (password, is_superuser, username, first_name, last_name,"
            " email, is_staff, is_active, date_joined)"
            " VALUES ('!', false, 'editor', '', '', '', true, true, now()) RETURNING id"
        ).fetchone()
        conn.execute(
            "INSERT INTO auth_user_groups (user_id, group_id)"
            " SELECT %s, id FROM auth_group WHERE name = 'editors'",
            [user_id],
        )
        conn.execute(
            "INSERT INTO statements_apitoken (user_id, name, scope, prefix, key_hash, created_at)"
            " VALUES (%s, 'editor', 'read_write', %s, %s, now())",
            [user_id, key[:10], api_token_hash(key)],
        )
    return key


def _job(cluster, job_id):
    with cluster.connect() as conn:
        return conn.execute(
            "SELECT status, attempts, statements_found FROM sources_ingestjob WHERE id = %s",
            [job_id],
        ).fetchone()


@pytest.mark.slow
def test_the_app_answers_503_while_postgres_is_down_and_recovers_by_itself(cluster, broker_url):
    token = _editor_token(cluster)
    env = app_env(broker_url=broker_url, db_url=cluster.url, DATABASE_CONN_MAX_AGE=60)
    port = free_port()
    web = start_web(env, port)
    worker = None
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
            assert http.get("/api/v1/statements/").status_code == 200
            assert http.get("/").status_code == 200
            response = http.post(
                "/api/v1/articles/",
                json={
                    "text": "Russia's defense ministry said on Tuesday that units have "
                    "begun to return to their bases after drills near the border."
                },
                headers={"Authorization": f"Bearer {token}"},
            )
            assert response.status_code == 202, response.text
            job_id = response.json()["id"]

            cluster.stop()
            api = http.get("/api/v1/statements/")
            page = http.get("/", headers={"Accept": "text/html"})
            write = http.post(
                "/api/v1/articles/",
                json={"text": "Officials said the talks would resume."},
                headers={"Authorization": f"Bearer {token}"},
            )
            for response in (api, page, write):
                assert response.status_code == 503, response.text
                assert response.headers["Retry-After"]
                assert "Traceback" not in response.text
            assert api.json() == {"detail": api.json()["detail"]}
            assert "database is unavailable" in api.json()["detail"]
            assert page.headers["Content-Type"].startswith("text/html")
            assert "Service unavailable" in page.text

            # The worker takes the job while the database is down, and retries.
            worker = start_worker(env, name="worker")
            wait_for(
                lambda: "Retry in" in worker.output(),
                timeout=60,
                what="the task to retry",
                proc=worker,
            )
            cluster.start()

            # Persistent connections that died with the server are replaced unasked.
            wait_for(
                lambda: http.get("/api/v1/statements/").status_code == 200,
                timeout=30,
                what="the API to recover",
            )
            assert http.get("/").status_code == 200
            wait_for(
                lambda: _job(cluster, job_id)[0] == "done",
                timeout=90,
                what="the retried job to finish",
                proc=worker,
            )
    finally:
        web.stop()
        if worker is not None:
            worker.stop()

    status, attempts, statements = _job(cluster, job_id)
    assert (status, attempts, statements) == ("done", 1, 1)
