# The two commands that matter: `make run` (a working site with demo data) and `make test` (everything).
# Both start from nothing: they create the virtualenv, install the locked dependencies and build the front end.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
UV_VERSION := 0.13.9
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
HOST ?= 127.0.0.1
PORT ?= 8000
FRONTEND_SOURCES := $(shell find frontend/src -type f 2>/dev/null) frontend/package.json frontend/package-lock.json


.PHONY: run test install frontend translations lint check-django audit test-sqlite test-postgres test-e2e bench lock clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements/dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"
	$(BIN)/uv pip install --quiet --python $(BIN)/python --require-hashes -r requirements/dev.lock
	touch $@

frontend: site/static/build/.built

site/static/build/.built: $(FRONTEND_SOURCES)
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	cd frontend && npm run build
	touch $@

translations: install
	$(MANAGE) compile_translations -v 0

run: install frontend translations
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_data
	@echo "Serving on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/); Ctrl+C stops the site and its task worker."
	@trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) db_worker --queue-name default & worker=$$!; \
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check site tests bench tools
	$(BIN)/ruff format --check site tests bench tools

check-django: install
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run

# Known vulnerabilities in the locked dependencies fail the build: Python (pip-audit, PyPI's advisory data, every
# package in requirements/dev.lock) and the front end (npm audit: high and critical). When an advisory service cannot
# be reached the audit says so loudly (NOT PERFORMED) and passes, unless AUDIT_STRICT=1, which makes that a failure.
# tools/audit/ reads the reports and decides; tests/trust/test_dependency_audit.py holds it to that.
audit: install
	@mkdir -p var
	@rm -f var/pip-audit.json var/npm-audit.json
	@$(BIN)/pip-audit --requirement requirements/dev.lock --require-hashes --disable-pip --vulnerability-service pypi \
		--progress-spinner off --format json --output var/pip-audit.json 2>/dev/null; \
	$(BIN)/python tools/audit/pip_summary.py var/pip-audit.json "$(AUDIT_STRICT)"
	@cd frontend && npm audit --audit-level=high --json > ../var/npm-audit.json 2>/dev/null; \
	node ../tools/audit/npm_summary.js ../var/npm-audit.json "$(AUDIT_STRICT)"

test-sqlite: install frontend translations
	@echo "=== pytest on SQLite ==="
	$(BIN)/pytest -m "not e2e"

test-postgres: install frontend translations
	@echo "=== pytest on PostgreSQL ($(POSTGRES_URL)) ==="
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest -m "not e2e"

test-e2e: install frontend translations
	@echo "=== browser tests (Chromium through Playwright, axe-core on every page) ==="
	$(BIN)/pytest -m e2e tests/e2e

# The site as production runs it: gunicorn, production settings, PostgreSQL (database "prodshape", made and dropped
# by the test), Redis (database 12) for cache, sessions and rate limits, an RQ worker; a resident's journey over HTTP.
test-production-shape: install frontend translations
	@echo "=== production shape: gunicorn + PostgreSQL + Redis + RQ worker, a resident's journey over HTTP ==="
	PRODSHAPE_REQUIRED=1 $(BIN)/pytest -p no:randomly tests/performance/test_production_shape.py

# The SQLite and PostgreSQL runs are independent: run them side by side (two cores), each one's output kept together.
test: lint check-django audit
	$(MAKE) --no-print-directory --output-sync=target -j2 test-sqlite test-postgres
	$(MAKE) --no-print-directory test-e2e
	$(MAKE) --no-print-directory test-production-shape

bench: install frontend translations
	$(BIN)/python bench/all.py

lock:
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -q -o requirements/base.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -q -o requirements/dev.lock

clean:
	rm -rf $(VENV) frontend/node_modules site/static/build var db.sqlite3
