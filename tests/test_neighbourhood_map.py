"""A paper's neighbourhood map, drawn in the browser (overrides/assets/javascripts/catalogue-neighbourhood.js) from
the page's JSON island: the same SVG, element by element, that generator/write/svg.py `draw` makes of the same map,
its links and titles taken from the page's own lists of papers, hostile titles staying text."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import (
    BUILD_EPOCH,
    INPUTS,
    ROOT,
    SEED,
    build_site,
    make_project,
    run_generator,
    run_mkdocs,
    run_search_index,
    serve,
)
from generator.enrich.maps import OTHER, PALETTE, Areas, neighbourhood
from generator.model import Catalogue
from generator.pipeline import build
from generator.rules import load_rules
from generator.write.svg import draw

SCRIPT = ROOT / "overrides" / "assets" / "javascripts" / "catalogue-neighbourhood.js"
HOSTILE = [ROOT / "tests" / "hostile" / "markup_in_titles.txt", ROOT / "tests" / "hostile" / "math_payloads.txt",
           INPUTS / "mentions.txt"]
MENTIONS = INPUTS / "mentions_of_unrelated_papers.txt"
HIDING = INPUTS / "curation_hiding_mentions_from_related.yaml"
XLINK = "{http://www.w3.org/1999/xlink}"
# The drawn figure as [name, {attribute: value}, [children]], a text node as its text; namespace declarations are
# not attributes of the DOM. A link is compared by its target: Material's instant navigation makes the page's
# links absolute, and the map's links are the page's.
DRAWN = """figure => {
  const value = (a) => a.name === "xlink:href" ? new URL(a.value, location.href).href : a.value;
  const walk = (node) => node.nodeType === Node.TEXT_NODE ? node.data : [node.localName,
    Object.fromEntries([...node.attributes].filter((a) => !/^xmlns/.test(a.name)).map((a) => [a.name, value(a)])),
    [...node.childNodes].map(walk)];
  return walk(figure);
}"""


def tree(element: ET.Element, here: str) -> list:
    """An element of `draw`'s SVG, on the page at `here`, in the form of DRAWN."""
    children = ([element.text] if element.text else []) \
        + [part for child in element for part in ([tree(child, here)] + ([child.tail] if child.tail else []))]
    attributes = {name.replace(XLINK, "xlink:"): urljoin(here, value) if name == f"{XLINK}href" else value
                  for name, value in element.attrib.items()}
    return [element.tag.rsplit("}", 1)[-1], attributes, children]


def flat(drawn: list | str, depth: int = 0) -> list[str]:
    """The figure one element or text a line, for a readable difference."""
    if isinstance(drawn, str):
        return ["  " * depth + repr(drawn)]
    name, attributes, children = drawn
    return ["  " * depth + f"{name} {sorted(attributes.items())}"] + [line for child in children
                                                                      for line in flat(child, depth + 1)]


def catalogue_of(project: Path, inputs: list[Path], curation: Path, tmp_path: Path) -> Catalogue:
    """The catalogue as the project's build enriched it (the same inputs, rules and build date)."""
    rules = load_rules(taxonomy=ROOT / "data" / "taxonomy.yaml", entities=ROOT / "data" / "entities.yaml",
                       curation=curation, config=project / "mkdocs.yml")
    os.environ["SOURCE_DATE_EPOCH"] = BUILD_EPOCH
    return build(inputs, rules, tmp_path / "site_src").catalogue


def assert_maps_drawn_as_generated(page, url: str, catalogue: Catalogue) -> int:
    """Every paper page's drawn map against `draw`'s; how many pages have one."""
    by_slug, areas, compared = catalogue.by_slug(), Areas.of(catalogue.tags), 0
    for paper in catalogue.papers:
        expected = draw(neighbourhood(paper, by_slug, areas), lambda other: f"../{other.slug}/")
        here = f"{url}papers/{paper.slug}/"
        page.goto(here)
        drawn = page.locator(".topic-map-frame--paper > figure")
        if not expected:
            assert drawn.count() == 0 and page.locator(".neighbourhood-data").count() == 0
            continue
        assert flat(drawn.evaluate(DRAWN)) == flat(tree(ET.fromstring(expected), here)), paper.slug
        compared += 1
    assert page.console_errors == []
    return compared


@pytest.mark.browser
def test_the_script_draws_what_the_generator_would(page, seed_site, seed_url, tmp_path):
    catalogue = catalogue_of(seed_site, [SEED], ROOT / "data" / "curation.yaml", tmp_path)
    assert assert_maps_drawn_as_generated(page, seed_url, catalogue) > 60


@pytest.mark.browser
def test_hostile_titles_and_mentions_stay_text_on_the_drawn_map(page, tmp_path_factory, tmp_path):
    project = build_site(tmp_path_factory.mktemp("neighbourhood-hostile"), *HOSTILE)
    catalogue = catalogue_of(project, HOSTILE, project / "no-curation.yaml", tmp_path)
    url, server = serve(project / "site")
    try:
        assert assert_maps_drawn_as_generated(page, url, catalogue) > 5
        hostile = next(paper for paper in catalogue.papers if paper.title.startswith("<script>"))
        pointing = next(paper for paper in catalogue.papers if hostile.slug in [link.slug for link in paper.related])
        page.goto(f"{url}papers/{pointing.slug}/")
        titles = page.locator(".topic-map title").all_text_contents()
        assert f"{hostile.title} (related)" in titles
        assert page.evaluate("typeof window.__injected") == "undefined"
        assert page.locator(".topic-map script, .topic-map img, .topic-map b").count() == 0
    finally:
        server.shutdown()


@pytest.mark.browser
def test_mentions_are_dashed_and_linked_from_the_mention_lists(page, tmp_path_factory, tmp_path):
    project = make_project(tmp_path_factory.mktemp("neighbourhood-mentions"))
    run_generator(project, MENTIONS, curation=HIDING)
    run_mkdocs(project)
    run_search_index(project)
    catalogue = catalogue_of(project, [MENTIONS], HIDING, tmp_path)
    url, server = serve(project / "site")
    try:
        assert assert_maps_drawn_as_generated(page, url, catalogue) == 4
        page.goto(f"{url}papers/qwsort2-sorting-integer-arrays-in-linear-time-on-graphics-processors/")
        mentioned_by = page.locator(".topic-map a").nth(1)
        assert mentioned_by.locator("title").text_content() \
            == "Braided Rivers Under Changing Sediment Supply (mentions this paper)"
        assert page.locator(".topic-map path[stroke-dasharray]").count() == 1
        mentioned_by.click()
        page.wait_for_url(f"{url}papers/braided-rivers-under-changing-sediment-supply/")
        assert page.locator(".topic-map a title").nth(1).text_content().endswith(" (mentioned)")
    finally:
        server.shutdown()


@pytest.mark.browser
def test_the_map_is_drawn_again_on_instant_navigation(page, seed_url):
    page.goto(f"{seed_url}papers/")
    page.locator(".catalogue-browser__list > li > a").first.click()
    page.locator(".topic-map-frame--paper > figure svg").wait_for()
    page.locator(".related-papers a").first.click()
    page.locator(".topic-map-frame--paper > figure svg").wait_for()
    assert page.locator(".topic-map-frame--paper > figure").count() == 1
    assert page.locator(".topic-map-frame--paper a").first.get_attribute("xlink:href") \
        == page.locator(".related-papers > ol > li > a").first.get_attribute("href")


def test_the_script_names_the_generators_colours_in_their_order():
    listed = re.search(r"const COLOURS = \[([^\]]*)\]", SCRIPT.read_text(encoding="utf-8")).group(1)
    assert re.findall(r'"(#[0-9a-f]{6})"', listed) == [*PALETTE, OTHER]
