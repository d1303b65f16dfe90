# Lantern: the README's two commands are `make demo` and `make test`.
# Needs only Python >= 3.11 and make: uv is bootstrapped into .tools/ when it is not on PATH.

PYTHON ?= python3
UV_VERSION := 0.13.8
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
RUN := $(UV) run --frozen
DATA_DIR ?= $(CURDIR)/.lantern

export UV_PYTHON_DOWNLOADS := never
# Installed packages come with their bytecode: where PYTHONDONTWRITEBYTECODE is set, every
# import would otherwise compile from source (pydicom alone: 2 s instead of 0.6 s).
export UV_COMPILE_BYTECODE := 1
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DAGSTER_HOME ?= $(DATA_DIR)/dagster

.PHONY: setup demo test lint fmt dagster docs dbt-parse clean

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	touch $@

# Lantern's own modules too (they change, so this runs whenever one does).
.venv/.compiled: .venv/.synced $(shell find orchestration dashboards reporting_forms -name '*.py')
	$(RUN) python -m compileall -q orchestration dashboards reporting_forms
	touch $@

# dagster-dbt loads the dbt manifest when definitions load, so it must exist first.
dbt_project/target/manifest.json: .venv/.synced $(shell find dbt_project -name '*.sql' -o -name '*.yml' -o -name '*.csv' | grep -v target/)
	$(RUN) dbt parse --quiet --project-dir dbt_project --profiles-dir dbt_project

setup: .venv/.synced .venv/.compiled dbt_project/target/manifest.json

demo: setup ## generate sample data, ingest, build, publish, serve on 127.0.0.1:8501
	$(RUN) lantern demo

test: setup lint ## lint, then every test
	$(RUN) pytest

lint: setup
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	LANTERN_BUILD_DB=:memory: $(RUN) sqlfluff lint dbt_project/models
	$(RUN) lint-imports

fmt: setup
	$(RUN) ruff format .
	$(RUN) ruff check --fix .
	LANTERN_BUILD_DB=:memory: $(RUN) sqlfluff fix dbt_project/models

dagster: setup ## the Dagster UI with every asset and check, on 127.0.0.1:3000
	mkdir -p $(DAGSTER_HOME)
	printf 'telemetry:\n  enabled: false\n' > $(DAGSTER_HOME)/dagster.yaml
	$(RUN) dagster dev -m orchestration.definitions -h 127.0.0.1 -p 3000

docs: setup ## dbt's documentation site for the warehouse, on 127.0.0.1:8080
	$(RUN) lantern dbt docs generate
	$(RUN) lantern dbt docs serve --host 127.0.0.1 --port 8080 --no-browser

clean:
	rm -rf .venv .tools dbt_project/target dbt_project/logs
