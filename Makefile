# The two commands a newcomer needs: `make run` and `make test`. See README.md.
SHELL := /bin/bash
CSPR := .venv/bin/cspr
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run test lint format frontend

setup:  ## venv + locked dependencies (idempotent, shared by run and test)
	scripts/setup

run: setup  ## migrate, load the demo data if the database is empty, serve on http://127.0.0.1:8000
	$(CSPR) migrate --no-input
	$(CSPR) demo --if-empty
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	$(CSPR) runserver $(HOST):$(PORT)

test: setup  ## system packages (as root), ruff, then the whole suite on SQLite and on PostgreSQL
	scripts/test

lint: setup
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

format: setup
	.venv/bin/ruff check --fix . && .venv/bin/ruff format .

frontend:  ## rebuild the vendored GOV.UK Frontend assets from npm
	scripts/build-frontend
