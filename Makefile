# Two commands: `make site` builds the site from the embedded seed, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --disable-pip-version-check --quiet -c constraints.txt

.PHONY: site serve test golden screenshots clean

site: $(VENV)/.site-deps
	$(BIN)/python -m generator build
	$(BIN)/mkdocs build --strict

serve: site
	$(BIN)/mkdocs serve

test: $(VENV)/.test-deps
	$(BIN)/python -m pytest

golden: $(VENV)/.test-deps
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/test_golden.py

screenshots: $(VENV)/.test-deps
	$(BIN)/python -m pytest tests/test_browsing.py -k screenshots
	mkdir -p docs/screenshots && cp build/screenshots/*.png docs/screenshots/

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	touch $@

$(VENV)/.site-deps: $(VENV)/.created requirements.txt constraints.txt
	$(PIP) -r requirements.txt
	touch $@

$(VENV)/.test-deps: $(VENV)/.site-deps requirements-dev.txt
	$(PIP) -r requirements-dev.txt
	touch $@

clean:
	rm -rf site build .pytest_cache
