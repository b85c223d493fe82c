# Pantau — two commands on a fresh machine:
#   make run    a nightly run on the bundled demo outlets (Airflow on SQLite, DuckDB file)
#   make test   the whole test suite
.DEFAULT_GOAL := help
SHELL := /bin/bash

UV_VERSION := 0.13.8
# uv from PATH when present, else a private copy installed from PyPI into .tools/
UV := $(or $(shell command -v uv 2>/dev/null),$(CURDIR)/.tools/bin/uv)
export UV_LINK_MODE := copy
# Trust the system certificate store (corporate proxies and CI mirrors add their CA there).
export UV_SYSTEM_CERTS := 1

.PHONY: help env run test airflow-ui lint clean

help:
	@echo "make run         nightly run on the demo outlets, then its summary"
	@echo "make test        the whole test suite"
	@echo "make airflow-ui  the Airflow UI on http://127.0.0.1:8080 over the same runs (login printed)"
	@echo "make lint        ruff on the code"

$(CURDIR)/.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

# The environment comes from the lock file only; a stale lock fails here rather than drift.
.venv/.synced: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --python 3.11
	@touch $@

env: .venv/.synced

run: env
	$(UV) run --frozen pantau run

test: env
	$(UV) run --frozen pytest

# On 127.0.0.1 unless UI_HOST says otherwise; always behind the login it prints.
UI_HOST ?= 127.0.0.1
UI_PORT ?= 8080
airflow-ui: env
	$(UV) run --frozen pantau ui --host $(UI_HOST) --port $(UI_PORT)

lint: env
	$(UV) run --frozen ruff check .

clean:
	rm -rf data .airflow
