# Two commands: `make site` builds the site from the embedded seed, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --disable-pip-version-check --quiet -c constraints.txt

# Before the virtual environment exists, check the Python that will make it: one line, not a failed pip install.
ifeq ($(wildcard $(VENV)/.created),)
PYTHON_FOUND := $(shell $(PYTHON) -c 'import sys; print("ok" if sys.version_info >= (3, 11) else sys.version.split()[0])' 2>/dev/null)
ifneq ($(PYTHON_FOUND),ok)
$(error Python 3.11 or newer is needed; found $(or $(PYTHON_FOUND),no $(PYTHON)) (set PYTHON=python3.11))
endif
endif

.PHONY: site serve test test-nobrowser golden screenshots evaluate clean

# ENGINE=zensical builds the same site with Zensical (installed with the test dependencies).
ENGINE ?= mkdocs
ENGINE_DEPS := $(if $(filter zensical,$(ENGINE)),$(VENV)/.test-deps,$(VENV)/.site-deps)

# The generator writes site_src/ and chooses the search; the engine builds site/ with the search the generator
# chose (CATALOGUE_SEARCH, read by mkdocs.yml); search-index checks the pages and adds Pagefind's index.
site: $(ENGINE_DEPS)
	$(BIN)/python -m generator build
	CATALOGUE_SEARCH=$$($(BIN)/python -m generator search-index --chosen) $(BIN)/$(ENGINE) build --strict
	$(BIN)/python -m generator search-index site

# A live preview: the engine's server, and the generator again on every change under data/ (generator/preview.py).
serve: $(ENGINE_DEPS)
	$(BIN)/python -m generator.preview --engine $(ENGINE)

test: $(VENV)/.test-deps
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# Every test but those driving Chromium (marked `browser`), for a machine without it.
test-nobrowser: $(VENV)/.test-deps
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m 'not browser'

golden: $(VENV)/.test-deps
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/test_golden.py

# The figures of the README's "Related papers and tags: measured": the seed against its labelled groups, and the
# area tags against the labelled corpus sample (read from CORPUS, skipped where it is absent).
CORPUS ?= ../shared/corpus/papers.jsonl
evaluate: $(VENV)/.test-deps
	$(BIN)/python -m generator evaluate --labels tests/eval/seed_groups.yaml --areas tests/eval/corpus_areas.jsonl \
		--judged tests/eval/related_judged.jsonl \
		--corpus $(CORPUS)

screenshots: $(VENV)/.test-deps
	$(BIN)/python -m pytest tests/test_browsing.py tests/test_facets.py -k screenshots
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
