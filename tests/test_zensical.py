"""The site built by Zensical from the same mkdocs.yml and site_src/ as MkDocs builds it: every page, feed and
export there, every internal link resolving, and search working with both of the catalogue's searches."""

from __future__ import annotations

import json
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import SEED, build_site, serve
from crawl import problems

QUERIES = {  # as in test_search.py: a part of a name, a short name, a phrase of an abstract
    "SnowCoder": "papers/arctic-snowcoder-demystifying-high-quality-data-in-code-pretraining/",
    "UL2": "papers/ul2-unifying-language-learning-paradigms/",
    "stability gap": "papers/efficient-continual-pre-training-by-mitigating-the-stability-gap/",
}


@pytest.fixture(scope="module", params=["lunr", "pagefind"])
def zensical_site(request, tmp_path_factory):
    """The seed built with `zensical build --strict`: with Zensical's own search, and with Pagefind's."""
    return build_site(tmp_path_factory.mktemp(f"zensical-{request.param}"), SEED, search=request.param,
                      engine="zensical")


def built_page(markdown: str) -> str:
    """Where a page of site_src/ lands in site/ (directory URLs, as MkDocs makes them)."""
    stem = markdown.removesuffix(".md")
    return f"{stem.removesuffix('index')}index.html" if stem == "index" or stem.endswith("/index") \
        else f"{stem}/index.html"


def test_every_page_and_file_the_generator_wrote_is_in_the_site(zensical_site):
    written = json.loads((zensical_site / "site_src" / ".generated-files.json").read_text(encoding="utf-8"))
    expected = [built_page(path) if path.endswith(".md") else path for path in written if not path.startswith(".")]
    assert [path for path in expected if not (zensical_site / "site" / path).is_file()] == []
    for kind in ("papers", "tags", "entities"):
        assert len(list((zensical_site / "site" / kind).glob("*/index.html"))) >= 2, kind
    assert {"feed.xml", "papers.json", "exports/catalogue.bib"} <= set(written)


def test_every_internal_link_resolves_and_every_scheme_is_http(zensical_site):
    assert problems(zensical_site / "site", "/paper-catalogue/") == []


def test_the_search_index_holds_every_paper(zensical_site):
    papers = json.loads((zensical_site / "site" / "papers.json").read_text(encoding="utf-8"))["papers"]
    if (zensical_site / "site" / "pagefind").is_dir():
        assert (zensical_site / "site" / "pagefind" / "pagefind-component-ui.js").is_file()
    else:
        items = json.loads((zensical_site / "site" / "search.json").read_text(encoding="utf-8"))["items"]
        indexed = {item["location"] for item in items}
        assert {paper["url"] for paper in papers} <= indexed


@pytest.fixture(scope="module")
def zensical_url(zensical_site):
    url, server = serve(zensical_site / "site")
    yield url
    server.shutdown()


def search_with_the_keyboard(page, url: str, query: str) -> list[str]:
    """The result links shown after pressing / and typing a query: Zensical's dialog, or Pagefind's modal."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")
    page.keyboard.type(query, delay=20)
    results = page.locator("a[role=option], pagefind-results a")
    results.first.wait_for(timeout=15_000)
    page.wait_for_timeout(500)  # let a search for the whole query replace one for its first letters
    return results.evaluate_all("links => links.map(link => link.getAttribute('href'))")


@pytest.mark.browser
@pytest.mark.parametrize("query, location", QUERIES.items())
def test_typing_a_query_shows_the_paper_first(page, zensical_url, query, location):
    hrefs = search_with_the_keyboard(page, zensical_url, query)
    assert hrefs[0].split("?")[0].split("#")[0].endswith("/" + location), hrefs[:3]
    assert page.console_errors == []


@pytest.mark.browser
def test_search_links_stay_under_a_sub_path(page, zensical_site, tmp_path):
    """Served as https://<owner>.github.io/<repository>/ serves it, results link into the repository's path."""
    (tmp_path / "paper-catalogue").symlink_to(zensical_site / "site", target_is_directory=True)
    url, server = serve(tmp_path)
    try:
        hrefs = search_with_the_keyboard(page, url + "paper-catalogue/", "UL2")
    finally:
        server.shutdown()
    assert urlsplit(urljoin(url + "paper-catalogue/", hrefs[0])).path == "/paper-catalogue/" + QUERIES["UL2"], hrefs
