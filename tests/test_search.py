"""Search on the built seed site: offline with lunr.py, and for real in headless Chromium."""

from __future__ import annotations

import pytest

from search_index import SiteSearch

QUERIES = {
    "SnowCoder": "papers/arctic-snowcoder-demystifying-high-quality-data-in-code-pretraining/",
    "UL2": "papers/ul2-unifying-language-learning-paradigms/",
    "stability gap": "papers/efficient-continual-pre-training-by-mitigating-the-stability-gap/",
    "thorax disease": "papers/delving-into-masked-autoencoders-for-multi-label-thorax-disease-classification/",
}


@pytest.fixture(scope="module")
def search(seed_site) -> SiteSearch:
    return SiteSearch(seed_site / "site")


@pytest.mark.parametrize("query, location", QUERIES.items())
def test_lunr_puts_the_expected_paper_first(search, query, location):
    assert search.pages(query)[0] == location


@pytest.mark.browser
def test_typing_a_query_in_chromium_shows_the_paper_first(page, seed_url):
    page.goto(seed_url)
    page.locator("input.md-search__input").click()
    page.keyboard.type("SnowCoder", delay=20)
    first = page.locator(".md-search-result__item").first
    first.wait_for(timeout=15_000)
    assert first.locator("h1").first.inner_text().startswith("Arctic-SnowCoder")
    assert first.locator("a").first.get_attribute("href") == \
        f"{seed_url}papers/arctic-snowcoder-demystifying-high-quality-data-in-code-pretraining/?h=snowcoder"
    assert page.console_errors == []
