"""Injection proof in headless Chromium: hostile titles and abstracts stay text on every page."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import build_site, search_in_browser, serve
from crawl import problems
from generator.formulas import ATTRIBUTES, Formula, pieces, plain_text
from generator.site import load_site
from generator.write.math import SEARCH_SKIPS
from support import exported_papers

CASES = ["tests/hostile/markup_in_titles.txt", "tests/hostile/injection_in_abstracts.txt", "tests/hostile/math_payloads.txt"]

# Everything a page may hold that would mean an injection worked.
PAGE_CHECK = """() => {
  const ALLOWED = MATHML_ATTRIBUTES;
  const all = [...document.querySelectorAll('*')];
  const links = [...document.querySelectorAll('[href],[src],[action],[formaction],[xlink\\\\:href]')]
    .flatMap(el => ['href', 'src', 'action', 'formaction', 'xlink:href'].map(name => el.getAttribute(name))
      .filter(Boolean));
  return {
    injected: typeof window.__injected === 'undefined' ? null : String(window.__injected),
    handlers: all.flatMap(el => [...el.attributes].filter(a => /^on/i.test(a.name))
      .map(a => el.tagName + '[' + a.name + ']')),
    // A JSON data island (a paper's neighbourhood map) holds titles as inert text: it never runs, and it must not
    // hold "<", ">" or "&", which could end the element or start markup.
    scripts: [...document.scripts].filter(s => s.type === 'application/json' ? /[<>&]/.test(s.textContent)
      : s.textContent.includes('__injected')).length,
    frames: document.querySelectorAll('iframe, object, embed, .md-content style, .md-content b, .md-content img')
      .length,
    badLinks: links.filter(link => /^[a-z][a-z0-9+.-]*:/i.test(link) && !/^https?:/i.test(link)),
    linksInMath: document.querySelectorAll('math a, math [href], math [src]').length,
    mathAttributes: [...document.querySelectorAll('math, math *')].flatMap(el => [...el.attributes]
      .map(a => a.name).filter(name => !ALLOWED.includes(name))),
  };
}""".replace("MATHML_ATTRIBUTES", json.dumps(sorted(ATTRIBUTES | set(SEARCH_SKIPS.split()))))
# What a page shows for a title or abstract: its text, with each formula (a <math> element) as one \0.
SHOWN_TEXT = """element => {
  const copy = element.cloneNode(true);
  copy.querySelectorAll('math').forEach(math => math.replaceWith('\\0'));
  copy.querySelectorAll('.math-text[hidden]').forEach(reading => reading.remove());
  copy.querySelectorAll('.headerlink').forEach(link => link.remove());
  return copy.textContent;
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = build_site(tmp_path_factory.mktemp("hostile"), *CASES)
    url, server = serve(project / "site")
    yield project, url
    server.shutdown()


@pytest.fixture(scope="module")
def hostile_pagefind_url(tmp_path_factory):
    project = build_site(tmp_path_factory.mktemp("hostile-pagefind"), *CASES, search="pagefind")
    url, server = serve(project / "site")
    yield url
    server.shutdown()


def catalogue(project: Path) -> list[dict]:
    """Every paper complete (exports/papers.jsonl.gz: papers.json with abstracts)."""
    return exported_papers(project / "site_src")


def html_pages(project: Path) -> list[str]:
    site = project / "site"
    return sorted(page.relative_to(site).as_posix().removesuffix("index.html") for page in site.rglob("index.html"))


def assert_clean(page, where: str) -> None:
    result = page.evaluate(PAGE_CHECK)
    assert result == {"injected": None, "handlers": [], "scripts": 0, "frames": 0, "badLinks": [], "linksInMath": 0,
                      "mathAttributes": []}, where


def as_shown(text: str) -> str:
    """The text as a page shows it, each formula that typesets standing as one \\0."""
    return "".join("\0" if isinstance(part, Formula) else part for part in pieces(text))


@pytest.mark.browser
def test_no_page_runs_or_holds_injected_markup(page, hostile_site):
    project, url = hostile_site
    pages = html_pages(project)
    assert len(pages) > 20
    for path in pages:
        page.goto(url + path)
        assert_clean(page, path)
    assert page.console_errors == []


@pytest.mark.browser
def test_titles_read_exactly_as_written(page, hostile_site):
    project, url = hostile_site
    papers = catalogue(project)
    assert len(papers) == 24
    for paper in papers:
        page.goto(url + paper["url"])
        assert page.locator("article h1").evaluate(SHOWN_TEXT) == as_shown(paper["title"])
        assert page.title() == f"{plain_text(paper['title'])} - Pre-training Papers"
    page.goto(url + "papers/")
    page.locator(".catalogue-browser__count").wait_for()
    listed = page.locator(".catalogue-browser__list > li > a").all_inner_texts()
    assert sorted(listed) == sorted(plain_text(paper["title"]) for paper in papers)  # the script sets text only


@pytest.mark.browser
def test_abstracts_read_exactly_as_written(page, hostile_site):
    project, url = hostile_site
    for paper in catalogue(project):
        page.goto(url + paper["url"])
        shown = page.locator("article .paper-abstract-heading + p").evaluate(SHOWN_TEXT)
        assert shown == as_shown(paper["abstract"])


@pytest.mark.browser
@pytest.mark.parametrize("engine", ["lunr", "pagefind"])
def test_search_results_stay_text(page, hostile_site, engine, request):
    url = hostile_site[1] if engine == "lunr" else request.getfixturevalue("hostile_pagefind_url")
    # Each query is in the own text (title or abstract) of two papers or more: the page furniture is not indexed.
    for query in ("unusual", "onerror", "math"):
        results = search_in_browser(page, url, query)
        assert len(results) >= 2, query
        assert_clean(page, f"{engine} search results for {query!r}")
    titles = [title for title, _ in search_in_browser(page, url, "unusual")]
    assert "<script>window.__injected=1</script>Script in a Title" in titles
    if engine == "pagefind":  # excerpts are put together by catalogue-search.js, so check they read as text
        search_in_browser(page, url, "script")
        texts = page.locator(".md-search-result__article p").all_inner_texts()
        assert any("<script>window.__injected=3</script>" in text for text in texts), texts


def test_papers_json_keeps_the_text_verbatim(hostile_site):
    project, _ = hostile_site
    titles = [paper["title"] for paper in json.loads((project / "site" / "papers.json").read_text())["papers"]]
    assert titles == [paper["title"] for paper in catalogue(project)]
    by_title = {paper["title"]: paper for paper in catalogue(project)}
    assert "{{ 7*7 }} and {% if true %}Jinja{% endif %} in a Title {# comment #}" in by_title
    scripts = by_title["Scripts in an Abstract"]["abstract"]
    assert "<script>window.__injected=3</script>" in scripts
    assert "Mem-$\\pi$: Typeset Math Next to $5 Million Dollars" in by_title  # data, feeds and BibTeX keep the source
    site = project / "site"
    assert "Mem-$\\pi$: Typeset Math" in (site / "feed.xml").read_text(encoding="utf-8")
    bib = (site / "exports" / "catalogue.bib").read_text(encoding="utf-8")
    assert "Typeset Math Next to" in bib and "<math" not in bib and "π" not in bib  # escaped source, as BibTeX reads it
    dangerous = by_title["Dangerous URLs in an Abstract"]
    assert dangerous["links"] == ["https://example.com/", "https://github.com/evil/repo"]


def test_every_link_of_the_hostile_site_resolves_with_a_safe_scheme(hostile_site):
    project, _ = hostile_site
    assert problems(project / "site", urlsplit(load_site(project / "mkdocs.yml").url).path) == []


@pytest.mark.browser
def test_math_payloads_stay_text_and_real_formulas_typeset(page, hostile_site):
    project, url = hostile_site
    by_title = {paper["title"]: paper for paper in catalogue(project)}
    typeset = by_title["Mem-$\\pi$: Typeset Math Next to $5 Million Dollars"]
    page.goto(url + typeset["url"])
    assert page.locator("article h1 math").count() == 1
    assert page.locator("article .paper-abstract-heading + p math").count() == 4
    assert "$5 million, a lone $ sign and from $5-$10" in page.locator("article .paper-abstract-heading + p").inner_text()
    for title, paper in by_title.items():
        if "$" in title and paper is not typeset:
            page.goto(url + paper["url"])
            assert page.locator("article h1 math").count() == 0, title
            assert_clean(page, paper["url"])


@pytest.mark.browser
@pytest.mark.parametrize("engine", ["lunr", "pagefind"])
def test_a_search_result_reads_its_formulas_as_text(page, hostile_site, engine, request):
    url = hostile_site[1] if engine == "lunr" else request.getfixturevalue("hostile_pagefind_url")
    results = search_in_browser(page, url, "Typeset Math")
    assert results[0][0] == "Mem-π: Typeset Math Next to $5 Million Dollars"
    excerpt = page.locator(".md-search-result__item").first.inner_text()
    assert "\\" not in excerpt and "$\\pi$" not in excerpt, excerpt
    assert_clean(page, f"{engine} search results with math")
