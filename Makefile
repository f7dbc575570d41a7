# One-command set-up: every target creates .venv when it is missing.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.cba-installed

.PHONY: demo test bench lab clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/cba evaluate data/minhang_kiosk.yaml --out reports/minhang_kiosk
	$(VENV)/bin/cba sensitivity data/minhang_kiosk.yaml --frontier kiosk_price,staff_cost --out reports/minhang_kiosk
	$(VENV)/bin/cba report data/minhang_kiosk.yaml --out reports
	$(VENV)/bin/cba batch data/batch/kiosk_districts.csv --no-report --out reports/batch

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	@for f in benchmarks/bench_*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
