"""Paper pages at scale (issue 15): the lean template, icons from the sprite, search in bundles, and BibTeX of a
tag or of the index's filtered view made in the browser."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from xml.etree import ElementTree

import material
import pytest
import zensical

from conftest import ROOT, make_project, run_generator, run_mkdocs, search_in_browser
from generator.icons import SPRITE, configured_icons, sprite, symbol_id
from generator.mkdocs_hooks import flat

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


JAVASCRIPTS = ROOT / "overrides" / "assets" / "javascripts"


def fixed_part(script: str, name: str, folder: Path = JAVASCRIPTS) -> str | dict:
    """What a lean page's script inserts (its constant `name`), with the icons where the home page has them."""
    literal = re.search(rf"const {name} = (.*);\n", (folder / script).read_text(encoding="utf-8")).group(1)
    part = json.loads(literal)
    return part.replace("{icons}", "assets/images/icons.svg") if isinstance(part, str) else part


def test_the_markup_lean_pages_get_from_files_is_the_home_pages(seed_site):
    """If mkdocs.yml's palette, features or icons change, or Material does, copy the home page's parts into the
    scripts: its palette form and search (flattened) and its configuration."""
    home = (seed_site / "site" / "index.html").read_text(encoding="utf-8")
    palette = re.search(r'<form class="md-header__option".*?</form>', home, re.S).group()
    assert fixed_part("catalogue-palette.js", "PALETTE") == flat(palette)
    search = re.search(r'<label class="md-header__button md-icon" for="__search">.*?'
                       r'<ol class="md-search-result__list" role="presentation"></ol>(?:\s*</div>){5}', home, re.S)
    assert fixed_part("catalogue-search-material.js", "DIALOG") == flat(search.group())
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', home).group(1))
    assert fixed_part("catalogue-palette.js", "CONFIG") == {**config, "base": "."}


def test_pagefinds_dialog_has_the_words_and_icons_of_materials(seed_site):
    home = (seed_site / "site" / "index.html").read_text(encoding="utf-8")
    translations = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', home)
                              .group(1))["translations"]
    expected = {key: translations["search.result." + key] for key in ("none", "one", "other", "placeholder")} | {
        "label": re.search(r'class="md-search__input"[^>]* placeholder="([^"]+)"', home).group(1),
        "reset": re.search(r'<button type="reset"[^>]* title="([^"]+)"', home).group(1)}
    script = (JAVASCRIPTS / "catalogue-search.js").read_text(encoding="utf-8")
    words = re.search(r"const words = \{(.*?)\};", script, re.S).group(1)
    assert dict(re.findall(r'(\w+): "([^"]*)"', words)) == expected
    dialog = re.search(r'<div class="md-search".*?</form>', home, re.S).group()
    assert json.loads(re.search(r"const icons = (\[.*?\])", script).group(1)) == re.findall(
        r"icons\.svg#(material-[a-z-]+)", dialog)


def test_lean_pages_built_with_mkdocs_carry_none_of_materials_inline_parts(seed_site, seed_site_pagefind):
    for site in (seed_site, seed_site_pagefind):
        html = (site / "site" / PAPER / "index.html").read_text(encoding="utf-8")
        assert "__md_scope" not in html and "__config" not in html and "md-header__option" not in html, site
        assert '<script src="../../assets/javascripts/catalogue-palette.js"></script>' in html, site
        assert "md-search__form" not in html and "headerlink" not in html.split("</h1>")[1], site
        assert "__tabbed_" not in html, site
    home = (seed_site / "site" / "index.html").read_text(encoding="utf-8")
    assert "__md_scope" in home and 'id="__config"' in home and "md-header__option" in home and "__tabbed_" in home


def test_materials_partials_that_the_overrides_copy_are_unchanged():
    """overrides/partials/javascripts/ copy the scripts of Material's and Zensical's partials: copy them again
    after an upgrade."""
    for name in ("base.html", "content.html"):
        ours = (ROOT / "overrides" / "partials" / "javascripts" / name).read_text(encoding="utf-8")
        for theme in (material, zensical):
            partial = Path(theme.__file__).parent / "templates" / "partials" / "javascripts" / name
            for script in re.findall(r"<script>.*?</script>", partial.read_text(encoding="utf-8")):
                assert script in ours, (theme, name)


@pytest.mark.browser
@pytest.mark.parametrize("search", ["lunr", "pagefind"])
def test_a_lean_page_works_as_the_home_page_and_after_instant_navigation(page, seed_url, seed_pagefind_url, search):
    """At depth 2: the palette form Material mounts, its toggle, and search; then on a page reached by Material's
    instant navigation (mkdocs.yml: navigation.instant), lean or not."""
    url = {"lunr": seed_url, "pagefind": seed_pagefind_url}[search]
    page.goto(url)
    palette = "form[data-md-component=palette]"
    home = page.locator(palette).evaluate("form => form.outerHTML")
    page.goto(url + PAPER)
    assert flat(page.locator(palette).evaluate("form => form.outerHTML")) == flat(home).replace(
        'xlink:href="assets/', f'xlink:href="{url}assets/')
    assert page.evaluate("new URL(JSON.parse(document.getElementById('__config').textContent).base).href") == url
    results = search_in_browser(page, url + PAPER, "UL2")
    assert results[0][1].split("?")[0].endswith("/papers/ul2-unifying-language-learning-paradigms/")
    page.keyboard.press("Escape")
    page.locator(".related-papers a").first.click()  # another lean page, through instant navigation
    page.wait_for_function(f"location.href !== {url + PAPER!r}")
    assert page.evaluate("document.querySelectorAll('form[data-md-component=palette]').length") == 1
    page.locator("input.md-search__input").click()
    page.keyboard.type("UL2", delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    page.keyboard.press("Escape")
    scheme = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator(f"{palette} label:not([hidden])").click()
    page.locator(f"{palette} label:not([hidden])").click()
    page.wait_for_function(f"document.body.dataset.mdColorScheme !== {scheme!r}")
    page.locator(".catalogue-sections a", has_text="All papers").click()  # a page with the navigation
    page.wait_for_function("document.querySelector('.md-tabs') !== null")
    assert page.evaluate("document.body.dataset.mdColorScheme") != scheme
    page.goto(url)  # the choice is stored where the home page, which has Material's inline script, reads it
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


def test_lean_pages_follow_the_palette_and_language_of_mkdocs_yml(tmp_path):
    """A curator's own colours and language reach the lean pages: the build sets the scripts' fixed parts from the
    home page it made (generator/mkdocs_hooks.py), and the project's copies of the scripts are left alone."""
    project = make_project(tmp_path / "teal")
    settings = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert settings.count("primary: indigo") == 2 and settings.count("  language: en\n") == 1
    (project / "mkdocs.yml").write_text(settings.replace("primary: indigo", "primary: teal")
                                        .replace("  language: en\n", "  language: de\n"), encoding="utf-8")
    run_generator(project, "tests/golden/sample.txt")
    run_mkdocs(project)
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    palette = re.search(r'<form class="md-header__option".*?</form>', home, re.S).group()
    assert palette.count('data-md-color-primary="teal"') == 2
    scripts = project / "site" / "assets" / "javascripts"
    assert fixed_part("catalogue-palette.js", "PALETTE", scripts) == flat(palette)
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', home).group(1))
    assert fixed_part("catalogue-palette.js", "CONFIG", scripts) == {**config, "base": "."}
    assert config["translations"]["clipboard.copy"] != "Copy to clipboard"  # German
    assert (project / "overrides" / "assets" / "javascripts" / "catalogue-palette.js").read_bytes() == \
        (JAVASCRIPTS / "catalogue-palette.js").read_bytes()
