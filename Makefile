# Two commands do everything on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
export DAGSTER_HOME := $(CURDIR)/.dagster_home
export PYTHONUNBUFFERED := 1
# DAGSTER_PROFILE=postgres installs dagster.postgres.yaml (team storage, docs/team.md) instead.
DAGSTER_PROFILE ?= sqlite
DAGSTER_YAML := $(if $(filter postgres,$(DAGSTER_PROFILE)),dagster.postgres.yaml,dagster.yaml)

.PHONY: install demo demo-offline test test-fast ui daemon postgres lint format bench bench-pipeline accuracy realcurves mirror clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed
	mkdir -p $(DAGSTER_HOME)
	cp -f $(DAGSTER_YAML) $(DAGSTER_HOME)/dagster.yaml
	@# The warehouse pool, created once per instance, so the first concurrent runs cannot race
	@# each other to create it (docs/team.md). Not fatal: Postgres may not be reachable yet.
	@test -f $(DAGSTER_HOME)/.pool-$(DAGSTER_PROFILE) \
	  || { $(VENV)/bin/dagster instance concurrency set warehouse 1 >/dev/null 2>&1 \
	       && touch $(DAGSTER_HOME)/.pool-$(DAGSTER_PROFILE); } \
	  || echo "note: could not create the warehouse pool yet; see docs/team.md"

demo: install  ## materialize every asset for today's keyword partitions, offline
	$(PY) -m ghtalent.demo $(ARGS)

demo-offline: install  ## `make demo` under the network guard: counts lookups/connections outside loopback (want 0)
	$(PY) -m ghtalent.netguard --log $${GHTALENT_NETWORK_GUARD_LOG:-.netguard.log} -- $(PY) -m ghtalent.demo $(ARGS)

# Test processes (pytest-xdist); the tests of one file run in one process (their module
# fixtures, such as a demo run, are built once), the long files first (ghtalent_tests/conftest.py).
TEST_WORKERS ?= auto

test: install  ## the whole test suite
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder $(ARGS)

test-fast: install  ## the unit tests: no subprocess, daemon or browser
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder -m "not slow" $(ARGS)

ui: install  ## the Dagster UI on this checkout's instance (PORT=3000 by default)
	@# From inside DAGSTER_HOME: started beside the repository's dagster.yaml template, Dagster
	@# warns that it "will not be used" (the live copy is $(DAGSTER_HOME)/dagster.yaml).
	@# scripts/ui.py: SIGTERM stops the UI even when it was started in the background.
	cd $(DAGSTER_HOME) && exec $(CURDIR)/$(PY) $(CURDIR)/scripts/ui.py \
	  $(CURDIR)/$(VENV)/bin/dagster dev -w $(CURDIR)/workspace.yaml -p $${PORT:-3000}

daemon: install  ## schedules, sensors and the run queue (`make ui` runs one too)
	$(VENV)/bin/dagster-daemon run -w workspace.yaml

postgres:  ## a local Postgres for DAGSTER_PROFILE=postgres (prints its URL)
	bash scripts/ci_postgres.sh

mirror: install  ## serve the bundled snapshot as a local GitHub API on :8777
	$(PY) -m ghtalent.mirror.server --port $${GHTALENT_MIRROR_PORT:-8777}

bench: install  ## fetch-stage benchmark on a generated 6 x 1,000 world
	$(PY) scripts/bench_fetch.py $(ARGS)

bench-pipeline: install  ## the whole pipeline, cold, on a generated 6 x 1,000 world
	$(PY) scripts/bench_pipeline.py $(ARGS)

accuracy: install  ## normalizers and extractors against the real data beside the checkout
	$(PY) scripts/accuracy_profiles.py
	$(PY) scripts/accuracy_homepages.py

realcurves: install  ## growth and modality cycles on real star counts
	$(PY) scripts/realcurve_report.py

lint: install
	$(VENV)/bin/ruff check ghtalent ghtalent_tests scripts
	$(VENV)/bin/ruff format --check ghtalent ghtalent_tests scripts

format: install
	$(VENV)/bin/ruff format ghtalent ghtalent_tests scripts
	$(VENV)/bin/ruff check --fix ghtalent ghtalent_tests scripts

clean:
	rm -rf data/warehouse.duckdb data/cache data/exports data/mirror data/live data/api-* .netguard.log $(DAGSTER_HOME)
