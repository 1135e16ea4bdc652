"""Paper pages at scale (issue 15): the lean template, icons from the sprite, search in bundles, and BibTeX of a
tag or of the index's filtered view made in the browser."""

from __future__ import annotations

import json
import re
from html import unescape
from xml.etree import ElementTree

import pytest

from conftest import ROOT, search_in_browser
from generator.icons import SPRITE, configured_icons, sprite, symbol_id

PAPER = "papers/codet5-identifier-aware-unified-pre-trained-encoder-decoder-models-for-code/"


@pytest.fixture(scope="module")
def papers(seed_site) -> list[dict]:
    return json.loads((seed_site / "site" / "papers.json").read_text(encoding="utf-8"))["papers"]


def test_the_sprite_is_what_material_and_mkdocs_yml_make_it():
    """Run `python -m generator.icons` after changing theme icons in mkdocs.yml or upgrading Material."""
    assert SPRITE.read_text(encoding="utf-8") == sprite(configured_icons(ROOT / "mkdocs.yml"))


def test_every_icon_a_page_points_at_is_in_the_sprite(seed_site):
    symbols = {element.get("id") for element in ElementTree.parse(SPRITE).getroot()}
    pages = [seed_site / "site" / "index.html", seed_site / "site" / PAPER / "index.html"]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        used = re.findall(r'<use xlink:href="[^"#]*assets/images/icons\.svg#([^"]+)"', html)
        assert used and set(used) <= symbols, page
        assert "<path" not in html.split("<article")[0], page  # no inline icon left in the header
    assert symbol_id("material/magnify") in symbols


def test_pages_out_of_the_nav_have_neither_tabs_nor_sidebars_but_the_others_keep_them(seed_site, papers):
    lean = [paper["url"] for paper in papers] + ["tags/code/", "entities/bert/"]
    for url in lean:
        html = (seed_site / "site" / url / "index.html").read_text(encoding="utf-8")
        assert 'class="md-tabs"' not in html and "md-sidebar" not in html, url
        assert re.findall(r'<nav class="catalogue-sections[^>]*>\s*<a href="([^"]+)"', html) == ["../.."], url
    for url in ("", "papers/", "tags/", "entities/"):
        html = (seed_site / "site" / url / "index.html").read_text(encoding="utf-8")
        assert 'class="md-tabs"' in html and "md-sidebar--primary" in html, url


@pytest.mark.browser
def test_search_and_the_colour_toggle_work_from_a_lean_paper_page(page, seed_pagefind_url):
    results = search_in_browser(page, seed_pagefind_url + PAPER, "UL2")
    assert results[0][1].split("?")[0].endswith("/papers/ul2-unifying-language-learning-paradigms/")
    page.keyboard.press("Escape")
    scheme = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    page.wait_for_function(f"document.body.dataset.mdColorScheme !== {scheme!r}")
    page.reload()  # the lean page's palette script (a file, not inline) applies the choice before drawing
    assert page.evaluate("document.body.dataset.mdColorScheme") != scheme
    assert page.console_errors == []


def cite_entries(seed_site, papers: list[dict], tag: str) -> str:
    """What the generator wrote as the tag's .bib before: its papers' entries (as their pages show them), by slug."""
    entries = []
    for paper in sorted((paper for paper in papers if tag in paper["tags"]), key=lambda paper: paper["slug"]):
        html = (seed_site / "site" / paper["url"] / "index.html").read_text(encoding="utf-8")
        entries.append(unescape(re.search(r'<code class="language-bibtex">(.*?)</code>', html, re.S).group(1)))
    return "\n".join(entries)


@pytest.mark.browser
def test_a_tag_pages_bibtex_holds_exactly_its_papers(page, seed_site, seed_url, papers):
    page.goto(seed_url + "tags/code/")
    page.wait_for_load_state("networkidle")
    with page.expect_download() as download:
        page.locator(".catalogue-exports a", has_text="BibTeX").click()
    assert download.value.suggested_filename == "code.bib"
    assert open(download.value.path(), encoding="utf-8").read() == cite_entries(seed_site, papers, "Code")
    assert page.console_errors == []


@pytest.mark.browser
def test_the_index_gives_the_bibtex_of_its_filtered_view(page, seed_site, seed_url, papers):
    page.goto(seed_url + "papers/#tag=Code")
    page.locator(".catalogue-browser__count").wait_for()
    with page.expect_download() as download:
        page.locator(".catalogue-browser__bibtex").click()
    assert open(download.value.path(), encoding="utf-8").read() == cite_entries(seed_site, papers, "Code")
    assert page.console_errors == []


@pytest.mark.browser
def test_a_search_index_in_several_bundles_finds_papers_of_every_bundle(page, seed_site_pagefind, tmp_path):
    """Big catalogues are indexed in bundles of at most SHARD_PAPERS papers (bounded memory); the search script
    merges them. Here in bundles of 20, so the seed's 73 papers make four."""
    import shutil
    from concurrent.futures import ThreadPoolExecutor

    from conftest import serve
    from generator.search_index import SEARCH_RECORDS, SHARDS_FILE, run_pagefind

    site = shutil.copytree(seed_site_pagefind / "site", tmp_path / "site")
    with ThreadPoolExecutor(1) as thread:  # Playwright's event loop runs in this one
        thread.submit(run_pagefind, site, seed_site_pagefind / "site_src", shard_papers=20).result()
    assert json.loads((site / "pagefind" / SHARDS_FILE).read_text())["merge"] == ["shards/1/", "shards/2/", "shards/3/"]
    records = [json.loads(line) for line in (seed_site_pagefind / "site_src" / SEARCH_RECORDS).read_text().splitlines()]
    url, server = serve(site)
    try:
        for record in (records[0], records[-1]):  # the first bundle's first paper, the last bundle's last
            results = search_in_browser(page, url, record["title"])
            assert record["url"] in [href.split("?")[0].removeprefix(url.rstrip("/")) for _, href in results[:3]]
        assert page.console_errors == []
    finally:
        server.shutdown()
