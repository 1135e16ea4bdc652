"""Shared fixtures: the seed, a built copy of the site, an HTTP server and a headless Chromium."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from hypothesis import settings

from support import (  # noqa: F401 (re-exported)
    CHROMIUM_ARGS,
    INPUTS,
    ROOT,
    SEED,
    NoChromium,
    find_chromium,
    make_project,
    serve,
)

# Property tests are judged by their examples, not their speed: a loaded two-core machine must not fail them.
settings.register_profile("catalogue", deadline=None)
settings.load_profile("catalogue")


BUILD_EPOCH = "1767571200"  # 2026-01-05, the build date of every generated test site: the golden files keep it


def run_generator(project: Path, *inputs: Path | str, search: str = "auto", curation: Path | None = None,
                  check: bool = True) -> subprocess.CompletedProcess:
    """The generator on some inputs (the seed by default). data/curation.yaml names seed papers, so
    other inputs get no curation unless one is given (its entries would be warnings there)."""
    inputs = inputs or (SEED,)
    if curation is None:
        curation = ROOT / "data" / "curation.yaml" if inputs == (SEED,) else project / "no-curation.yaml"
    shown = [item.relative_to(ROOT) if isinstance(item, Path) and item.is_relative_to(ROOT) else item
             for item in inputs]
    command = [sys.executable, "-m", "generator", "build", *map(str, shown), "--search", search,
               "--config", str(project / "mkdocs.yml"), "--out", str(project / "site_src"),
               "--taxonomy", str(ROOT / "data" / "taxonomy.yaml"), "--curation", str(curation)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=check,
                            env={**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH})
    return without_fallback_note(result)


def without_fallback_note(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    """The run with its stderr less the one-line note that related papers use words only (no embedding cache in
    a test project): tests compare warnings and errors; tests/test_embeddings.py checks the note itself."""
    lines = result.stderr.splitlines(keepends=True)
    result.stderr = "".join(line for line in lines if not line.startswith("note: related papers by shared words"))
    return result


def generator_command(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "generator", *arguments]


def chosen_search(project: Path) -> str:
    """The search the generator chose for a project's pages, as `make site` passes it to the site build."""
    command = generator_command("search-index", "--chosen", "--config", str(project / "mkdocs.yml"))
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()


def run_engine(project: Path, engine: str, **environment: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` or `zensical build --strict` on a generated project, told the chosen search."""
    command = {"mkdocs": [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")],
               "zensical": [str(Path(sys.executable).parent / "zensical"), "build", "--strict"]}[engine]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1",
                                 "CATALOGUE_SEARCH": chosen_search(project), **environment})
    assert result.returncode == 0, f"{engine} build --strict failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def run_mkdocs(project: Path, **environment: str) -> subprocess.CompletedProcess:
    return run_engine(project, "mkdocs", **environment)


def run_search_index(project: Path) -> subprocess.CompletedProcess:
    """The step after the site build: Pagefind's index when the generator chose Pagefind."""
    command = generator_command("search-index", str(project / "site"), "--config", str(project / "mkdocs.yml"))
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, f"search-index failed:\n{result.stderr}"
    return result


def build_site(where: Path, *inputs: Path | str, search: str = "auto", engine: str = "mkdocs") -> Path:
    """A catalogue generated, built with `mkdocs build --strict` (or Zensical) and indexed for its search, as
    `make site` does; returns the project dir."""
    project = make_project(where)
    run_generator(project, *inputs, search=search)
    run_engine(project, engine)
    run_search_index(project)
    return project


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The seed catalogue with Material's lunr search."""
    return build_site(tmp_path_factory.mktemp("seed"), SEED)


@pytest.fixture(scope="session")
def seed_site_pagefind(tmp_path_factory) -> Path:
    """The seed catalogue with Pagefind search, as large catalogues get it."""
    return build_site(tmp_path_factory.mktemp("seed-pagefind"), SEED, search="pagefind")


@pytest.fixture(scope="session")
def seed_url(seed_site):
    url, server = serve(seed_site / "site")
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def seed_pagefind_url(seed_site_pagefind):
    url, server = serve(seed_site_pagefind / "site")
    yield url
    server.shutdown()


def search_in_browser(page, url: str, query: str) -> list[tuple[str, str]]:
    """Titles and links of the results shown after typing a query into the site's search box. A search that shows
    nothing within 30 s is tried once more on a fresh load, with a warning saying what the dialog showed: a cold
    Pagefind on a busy 2-core runner can take over 15 s, and one run in CI showed nothing within 30 s."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    results = page.locator(".md-search-result__item")
    for attempt in (1, 2):
        page.goto(url)
        page.locator("input.md-search__input").click()
        page.keyboard.type(query, delay=20)
        try:
            results.first.wait_for(timeout=30_000)
            break
        except PlaywrightTimeout:
            state = page.evaluate("""() => ({
                meta: document.querySelector('.md-search-result__meta')?.textContent,
                items: document.querySelectorAll('.md-search-result__item').length,
                open: document.getElementById('__search')?.checked,
                query: document.querySelector('input.md-search__input')?.value})""")
            if attempt == 2:
                raise AssertionError(f"no search results for {query!r} twice: {state}; console: {page.console_errors}") from None
            warnings.warn(f"search for {query!r} showed nothing in 30 s, trying again: {state}; "
                          f"console: {page.console_errors}", stacklevel=2)
    page.wait_for_timeout(300)  # let a search for the whole query replace one for its first letters
    # Read in one call: the list re-renders as results arrive, so items read one by one can vanish.
    return [tuple(pair) for pair in results.evaluate_all(
        "items => items.map(item => [item.querySelector('h1').innerText, item.querySelector('a').getAttribute('href')])"
    )]


@pytest.fixture(scope="session")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    try:
        executable = find_chromium()
    except NoChromium as missing:
        pytest.fail(str(missing), pytrace=False)
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.console_errors = []
    tab.on("console", lambda message: tab.console_errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))
    yield tab
    context.close()
