# The README's two commands are `make run` and `make test`; both set everything up first.
PY := .venv/bin/python

.PHONY: setup run test lint format bench screenshots clean

setup:
	@bash packaging/bootstrap.sh

run: setup
	.venv/bin/eolens

test: setup
	$(PY) -m ruff check . && $(PY) -m ruff format --check .
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint: setup
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

format: setup
	$(PY) -m ruff check --fix . && $(PY) -m ruff format .

bench: setup
	$(PY) benchmarks/run_all.py

screenshots: setup
	$(PY) benchmarks/screenshots.py

clean:
	rm -rf .venv build *.egg-info .pytest_cache .ruff_cache
