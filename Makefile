# Gainsay: `make run` serves the app on SQLite; `make test` runs the suite on PostgreSQL and Redis.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

.PHONY: install run test services browser lint format migrate seeds worker clean

install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is required (Python 3.11)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

seeds: migrate
	$(BIN)/python manage.py load_seeds

# Embedded mode: SQLite file, Celery tasks run in-process; nothing else to install.
run: seeds
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

worker: install
	$(BIN)/celery -A config worker --loglevel=info

# Start PostgreSQL and Redis when installed but stopped; fail clearly when absent.
services:
	@if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
	  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then \
	    echo "Starting PostgreSQL..."; \
	    pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -1) main start || true; \
	    for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; \
	  fi; \
	fi; \
	pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || { \
	  echo "PostgreSQL is not reachable on 127.0.0.1:5432 and could not be started."; \
	  echo "Install it (apt-get install postgresql) or set TEST_DATABASE_URL."; exit 1; }
	@if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then \
	  if command -v redis-server >/dev/null; then \
	    echo "Starting Redis..."; \
	    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no; \
	    for i in $$(seq 1 20); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.5; done; \
	  fi; \
	fi; \
	redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || { \
	  echo "Redis is not reachable on 127.0.0.1:6379 and could not be started."; \
	  echo "Install it (apt-get install redis-server)."; exit 1; }

# The browser tests drive Debian's Chromium (never `playwright install`).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if command -v apt-get >/dev/null; then \
	    echo "Installing Chromium for the browser tests..."; \
	    apt-get update && apt-get install -y chromium; \
	  else \
	    echo "/usr/bin/chromium is missing and apt-get is not available: install Chromium"; \
	    echo "so that /usr/bin/chromium exists, or the browser tests will fail."; exit 1; \
	  fi; \
	fi

test: install services browser
	DATABASE_URL=$(TEST_DATABASE_URL) TEST_CELERY_BROKER_URL=$(TEST_REDIS_URL) \
	  $(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
