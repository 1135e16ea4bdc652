"""The index's tag facets on a slice of the shared corpus in headless Chromium: arXiv categories by name beside
their code, grouped apart from the topical tags, the most useful tags first, any other found by typing, counts
that follow the filters, and no serious accessibility violation. Skipped where the corpus is absent.

Screenshots go to build/screenshots/ (index-slice90.png, index-slice90-find.png); `make screenshots` copies them.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build_site
from support import serve

CORPUS = Path(os.environ.get("CORPUS", ROOT.parent / "shared" / "corpus" / "papers.jsonl"))  # never copied here
EVERY = 90  # every 90th paper of 27,511: about 300, and more tags than the index shows at once
SHOTS = ROOT / "build" / "screenshots"
NAMES = yaml.safe_load((ROOT / "generator" / "enrich" / "arxiv-categories.yaml").read_text(encoding="utf-8"))["categories"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def slice_site(tmp_path_factory) -> Path:
    if not CORPUS.is_file():
        pytest.skip(f"the corpus is absent: {CORPUS} (set CORPUS to its path)")
    lines = CORPUS.read_text(encoding="utf-8").splitlines(keepends=True)[::EVERY]
    where = tmp_path_factory.mktemp("corpus-slice")
    (where / "slice.jsonl").write_text("".join(lines), encoding="utf-8")
    return build_site(where / "project", where / "slice.jsonl")


@pytest.fixture(scope="module")
def slice_url(slice_site):
    url, server = serve(slice_site / "site")
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def papers(slice_site) -> list[dict]:
    return json.loads((slice_site / "site" / "papers.json").read_text(encoding="utf-8"))["papers"]


@pytest.fixture(scope="module")
def categories(papers) -> Counter[str]:
    """How many papers carry each arXiv category: the tags of the form cs.CL, eess.SP, ..."""
    return Counter(tag for paper in papers for tag in paper["tags"] if tag in NAMES or "." in tag)


def open_index(page, url: str, fragment: str = "") -> None:
    page.goto(url + "papers/" + fragment)
    page.locator(".catalogue-browser__count").wait_for()


def group(page, legend: str):
    return page.locator(".catalogue-browser__group").filter(has=page.locator("legend", has_text=legend))


def values(locator) -> list[str]:
    return locator.locator("input[type=checkbox]").evaluate_all("boxes => boxes.map(box => box.value)")


def shown_counts(locator) -> list[int]:
    return [int(text) for text in locator.locator(".catalogue-browser__n").all_inner_texts()]


def chip(page, value: str):
    return page.locator(".catalogue-browser__tag").filter(has=page.locator(f"input[value='{value}']"))


def test_categories_are_shown_by_name_beside_their_code(page, slice_url, categories):
    open_index(page, slice_url)
    top = categories.most_common(1)[0][0]
    assert top in NAMES
    assert chip(page, top).locator(".catalogue-browser__title").inner_text() == NAMES[top]
    assert chip(page, top).locator(".catalogue-browser__code").inner_text() == top
    assert page.console_errors == []


def test_categories_are_grouped_apart_from_topical_tags_most_useful_first(page, slice_url, papers, categories):
    open_index(page, slice_url)
    in_categories = values(group(page, "arXiv categories"))
    topical = values(group(page, "Areas")) + values(group(page, "Topics"))
    assert in_categories and topical
    assert set(in_categories) <= set(categories) and not set(topical) & set(categories)
    tags = Counter(tag for paper in papers for tag in paper["tags"])
    assert len(tags) > 40, "the slice should have more tags than the index shows at once"
    for legend in ("Areas", "Topics", "arXiv categories"):
        counts = shown_counts(group(page, legend))
        assert counts == sorted(counts, reverse=True), legend
    shown = set(values(page.locator(".catalogue-browser__tags")))
    assert len(shown) < len(tags)
    hidden = [tag for tag in categories if tag not in shown]
    assert hidden and all(categories[tag] <= min(shown_counts(group(page, "arXiv categories"))) for tag in hidden)
    assert page.locator(".catalogue-browser__hint", has_text="type to find them").count() >= 1


def test_typing_finds_any_tag_by_code_or_name_and_counts_stay_live(page, slice_url, papers, categories):
    open_index(page, slice_url)
    shown = set(values(page.locator(".catalogue-browser__tags")))
    rare = min((tag for tag in categories if tag not in shown and tag in NAMES), key=lambda tag: (categories[tag], tag))
    finder = page.get_by_label("Find a tag")
    finder.fill(rare)
    assert rare in values(page.locator(".catalogue-browser__tags"))
    assert all(rare.lower() in value.lower() or rare.lower() in NAMES.get(value, "").lower()
               for value in values(page.locator(".catalogue-browser__tags")))
    word = NAMES[rare].split()[0]
    finder.fill(word.lower())
    found = values(page.locator(".catalogue-browser__tags"))
    assert rare in found
    assert all(word.lower() in f"{value} {NAMES.get(value, '')}".lower() for value in found)
    status = page.locator(".catalogue-browser__tag-status").inner_text()
    assert status.startswith(f"{len(found)} of ") and status.endswith(" tags match")
    chip(page, rare).click()
    assert page.url.endswith(f"#tag={rare}")
    assert page.locator(".catalogue-browser__count").inner_text() == f"{categories[rare]} of {len(papers):,} papers"
    assert page.evaluate("document.activeElement.value") == rare  # focus stays on the chosen tag
    with_rare = [paper for paper in papers if rare in paper["tags"]]
    other = next(tag for tag in with_rare[0]["tags"] if tag != rare)
    finder.fill(other)
    both = sum(1 for paper in with_rare if other in paper["tags"])
    assert chip(page, other).locator(".catalogue-browser__n").inner_text() == str(both)
    finder.fill("no tag is called this")
    assert values(page.locator(".catalogue-browser__tags")) == [rare] or not values(
        page.locator(".catalogue-browser__tags"))
    assert page.console_errors == []


@pytest.mark.parametrize("fragment, typed", [("", ""), ("", "learning"), ("#tag=cs.LG", "cs")])
def test_no_serious_accessibility_violations_in_the_facets(page, slice_url, fragment, typed):
    from axe_playwright_python.sync_playwright import Axe

    open_index(page, slice_url, fragment)
    if typed:
        page.get_by_label("Find a tag").fill(typed)
    results = Axe().run(page)
    serious = [(violation["id"], violation["impact"], len(violation["nodes"]))
               for violation in results.response["violations"] if violation["impact"] in ("serious", "critical")]
    assert serious == []
    assert page.console_errors == []


def test_slice_screenshots(page, slice_url):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 1400})
    open_index(page, slice_url)
    page.screenshot(path=str(SHOTS / "index-slice90.png"))
    page.get_by_label("Find a tag").fill("language")
    page.screenshot(path=str(SHOTS / "index-slice90-find.png"))
    assert all((SHOTS / name).stat().st_size > 10_000 for name in ("index-slice90.png", "index-slice90-find.png"))
