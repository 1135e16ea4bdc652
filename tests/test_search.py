"""Search on the built seed site: offline with lunr.py, and for real in headless Chromium on both engines."""

from __future__ import annotations

import json

import pytest

from conftest import search_in_browser
from search_index import SiteSearch

PAPERS = {
    "SnowCoder": "papers/arctic-snowcoder-demystifying-high-quality-data-in-code-pretraining/",  # part of a name
    "UL2": "papers/ul2-unifying-language-learning-paradigms/",  # a short name
    "stability gap": "papers/efficient-continual-pre-training-by-mitigating-the-stability-gap/",  # abstract phrase
    "thorax disease": "papers/delving-into-masked-autoencoders-for-multi-label-thorax-disease-classification/",
    "identifier-aware": "papers/codet5-identifier-aware-unified-pre-trained-encoder-decoder-models-for-code/",
}
TAG_QUERY = "Speech and audio"


@pytest.fixture(scope="module")
def search(seed_site) -> SiteSearch:
    return SiteSearch(seed_site / "site")


@pytest.fixture(scope="module")
def tagged_speech(seed_site) -> set[str]:
    papers = json.loads((seed_site / "site" / "papers.json").read_text(encoding="utf-8"))["papers"]
    return {paper["url"] for paper in papers if TAG_QUERY in paper["tags"]} | {"tags/speech-and-audio/"}


@pytest.mark.parametrize("query, location", PAPERS.items())
def test_lunr_puts_the_expected_paper_first(search, query, location):
    assert search.pages(query)[0] == location


def test_lunr_puts_a_paper_with_the_tag_first_for_a_tag_name(search, tagged_speech):
    assert search.pages(TAG_QUERY)[0] in tagged_speech


@pytest.fixture(params=["lunr", "pagefind"])
def site_url(request):
    return request.getfixturevalue("seed_url" if request.param == "lunr" else "seed_pagefind_url")


@pytest.mark.browser
@pytest.mark.parametrize("query, location", PAPERS.items())
def test_typing_a_query_shows_the_paper_first(page, site_url, query, location):
    results = search_in_browser(page, site_url, query)
    title, href = results[0]
    assert href.split("?")[0].endswith("/" + location), results[:3]
    assert page.console_errors == []


@pytest.mark.browser
def test_a_tag_name_shows_a_paper_with_that_tag_first(page, site_url, tagged_speech):
    results = search_in_browser(page, site_url, TAG_QUERY)
    path = results[0][1].split("?")[0].split("://", 1)[-1].split("/", 1)[-1].lstrip("/")
    assert path in tagged_speech, results[:3]


# Words of the page furniture: button labels, section headings, the source line. None is the paper's text.
FURNITURE = ("Permalink", "Search arXiv", "Abstract", "Related papers", "Read from", "Cite")


def excerpts_in_browser(page, url: str, query: str) -> list[tuple[str, str]]:
    """Title and excerpt of each result shown for a query, as the reader sees them."""
    search_in_browser(page, url, query)
    return [tuple(pair) for pair in page.locator(".md-search-result__item").evaluate_all(
        "items => items.map(item => [item.querySelector('h1').innerText,"
        " [...item.querySelectorAll('article > :not(h1), article p')].map(p => p.innerText).join(' ')])")]


def test_lunr_indexes_no_button_label_heading_or_source_line(search):
    for word in ("permalink", "hf"):
        assert [page for page in search.pages(word) if page.startswith("papers/")] == [], word


@pytest.mark.browser
def test_an_excerpt_quotes_the_paper_not_the_page_furniture(page, site_url):
    title, excerpt = excerpts_in_browser(page, site_url, "stability gap")[0]
    assert title == "Efficient Continual Pre-training by Mitigating the Stability Gap"
    assert "stability gap" in excerpt.lower()
    assert [word for word in FURNITURE if word in excerpt] == [], excerpt


@pytest.mark.browser
def test_a_button_label_is_in_no_result(page, site_url):
    """Pagefind matches parts of words ("per class" for "Permalink"), so results may come: none from a button."""
    page.goto(site_url)
    page.locator("input.md-search__input").click()
    page.keyboard.type("Permalink", delay=20)
    page.wait_for_timeout(1500)
    shown = page.locator(".md-search-result__item").all_inner_texts()
    assert [text for text in shown if "permalink" in text.lower()] == []
