"""Topic maps: valid SVG, one link per paper, inert titles, the same bytes every run, and a cap on big catalogues."""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace

import markdown
import pytest

from generator.model import Catalogue, Paper, RelatedLink, Source, Tag
from generator.write.topicmap import (MAX_NODES, OTHER, PALETTE, catalogue_map, linked_pairs, neighbourhood_map,
                                      tag_map)
from support import ROOT, SEED, make_paper

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
HOSTILE = '<script>alert(1)</script> & "quotes" ]]> \'x\''
MARKDOWN_BAIT = "*star* _under_ `tick` [link](https://x.org) {: .attr } ++ctrl+alt++ #hash | pipe \\"
AREAS = ("Language", "Vision", "Speech and audio", "Code")
TAGS = tuple(Tag(name, name.lower().replace(" ", "-"), "An area.") for name in AREAS) \
    + (Tag("Masked modeling", "masked-modeling", "A method.", parent="Vision"),)
MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "toc", "pymdownx.keys"]  # as in mkdocs.yml


def link_for(paper: Paper) -> str:
    return f"../papers/{paper.slug}/"


def paper(number: int, related: tuple[RelatedLink, ...] = (), **fields) -> Paper:
    fields = {"tags": (AREAS[number % len(AREAS)],)} | fields
    return make_paper(f"paper-{number:05d}", title=fields.pop("title", f"Paper {number} on pre-training"),
                      abstract="An abstract.", source=Source("t", number + 1), related=related, **fields)


def synthetic(count: int, links: int = 4, seed: int = 7) -> list[Paper]:
    """Papers each related to a few others nearby, as clusters of a real catalogue are."""
    chance = random.Random(seed)
    return [paper(number, tuple(RelatedLink(f"paper-{(number + chance.randint(1, 30)) % count:05d}",
                                            round(chance.uniform(0.07, 0.5), 4)) for _ in range(links)))
            for number in range(count)]


def parse(html: str) -> ET.Element:
    """The SVG element inside a map's figure."""
    figure = ET.fromstring(html)
    assert figure.tag == "figure" and figure.get("class") == "topic-map"
    return figure.find(f"{SVG}svg")


def links(svg: ET.Element) -> list[ET.Element]:
    return list(svg.iter(f"{SVG}a"))


def texts(svg: ET.Element) -> list[str]:
    return ["".join(element.itertext()) for element in svg.iter() if element.tag in (f"{SVG}text", f"{SVG}title")]


@pytest.fixture(scope="module")
def seed() -> Catalogue:
    """The seed catalogue, read and enriched as `python -m generator build` does. (Imported here: the hash-seed
    test imports this module in fresh processes, which need none of it.)"""
    from generator.enrich import enrich
    from generator.enrich.curation import load_curation
    from generator.enrich.entities import load_entities
    from generator.enrich.tags import load_taxonomy
    from generator.read import read

    return enrich(read([SEED]), load_taxonomy(ROOT / "data" / "taxonomy.yaml"),
                  load_entities(ROOT / "data" / "entities.yaml"), load_curation(ROOT / "data" / "curation.yaml"))


# The seed


def test_seed_map_links_every_paper_once(seed):
    html = catalogue_map(seed.papers, seed.tags, link_for)
    svg = parse(html)
    hrefs = [link.get(XLINK_HREF) for link in links(svg)]
    assert sorted(hrefs) == sorted(link_for(paper) for paper in seed.papers)
    assert all(link.find(f"{SVG}title") is not None and link.find(f"{SVG}circle") is not None for link in links(svg))
    assert svg.get("aria-label").startswith(f"Map of {len(seed.papers)} papers")
    assert svg.get("role") != "img" and svg.find(f"{SVG}title") is not None
    assert len(html.encode()) < 40_000


def test_seed_map_has_a_legend_of_areas_and_a_few_labels(seed):
    svg = parse(catalogue_map(seed.papers, seed.tags, link_for))
    legend = svg.find(f"{SVG}g[@class='topic-map__legend']")
    assert ["".join(text.itertext()) for text in legend.iter(f"{SVG}text")][:2] == ["Language", "Vision"]
    labels = [text for link in links(svg) for text in link.iter(f"{SVG}text")]
    assert 5 <= len(labels) <= 14


def test_seed_map_stays_inside_its_view_box_and_draws_linked_papers_close(seed):
    svg = parse(catalogue_map(seed.papers, seed.tags, link_for))
    _, _, width, height = map(float, svg.get("viewBox").split())
    dots = {link.get(XLINK_HREF): (float(link.find(f"{SVG}circle").get("cx")), float(link.find(f"{SVG}circle").get("cy")))
            for link in links(svg)}
    assert all(0 < x < width and 0 < y < height for x, y in dots.values())
    place = {paper.slug: dots[link_for(paper)] for paper in seed.papers}
    linked = [distance(place[a], place[b]) for a, b in linked_pairs(seed.papers)]
    everyone = [distance(place[a], place[b]) for a in place for b in place if a < b]
    assert sum(linked) / len(linked) < 0.6 * sum(everyone) / len(everyone)


def distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    return ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5


def test_seed_neighbourhood_maps_link_each_neighbour(seed):
    by_slug = seed.by_slug()
    for each in seed.papers:
        html = neighbourhood_map(each, by_slug, seed.tags, beside)
        if not each.related:
            assert html == ""
            continue
        hrefs = [link.get(XLINK_HREF) for link in links(parse(html))]
        assert hrefs == [beside(by_slug[link.slug]) for link in each.related]
        assert len(html.encode()) < 3_000


def beside(paper: Paper) -> str:
    """A paper's href from another paper's page."""
    return f"../{paper.slug}/"


def test_seed_tag_map_draws_only_the_tag(seed):
    vision = [paper for paper in seed.papers if "Vision" in paper.tags]
    svg = parse(tag_map("Vision", seed.papers, seed.tags, link_for))
    assert sorted(link.get(XLINK_HREF) for link in links(svg)) == sorted(map(link_for, vision))
    assert f"{len(vision)} papers tagged Vision" in texts(svg)[1]


# Untrusted text


def test_a_hostile_title_stays_text_everywhere():
    papers = [paper(0, (RelatedLink("paper-00001", 0.3),), title=HOSTILE, short_name=HOSTILE, mentions=("paper-00001",)),
              paper(1, (RelatedLink("paper-00000", 0.3),), title=HOSTILE + " 2", tags=(HOSTILE,))]
    tags = TAGS + (Tag(HOSTILE, "hostile", "A hostile tag."),)
    by_slug = {each.slug: each for each in papers}
    for html in (catalogue_map(papers, tags, link_for), tag_map(HOSTILE, papers, tags, link_for),
                 neighbourhood_map(papers[0], by_slug, tags, link_for)):
        assert "<script" not in html and "]]>" not in html and '"quotes"' not in html
        assert any(HOSTILE in text for text in texts(parse(html)))
    legend = texts(parse(catalogue_map(papers, tags, link_for)))
    assert HOSTILE in legend  # the second paper's area is the hostile tag



def test_labels_and_tooltips_read_formulas_as_plain_text():
    """SVG text cannot hold MathML: `$\\pi$` reads as π, `$^{+}$` as ⁺; a formula that may not typeset stays source."""
    papers = [paper(0, (RelatedLink("paper-00001", 0.3),), title="Mem-$\\pi$: Memory"),
              paper(1, (RelatedLink("paper-00000", 0.3),), title="Crab$^{+}$ and $\\href{x}{y}$")]
    by_slug = {each.slug: each for each in papers}
    shown = texts(parse(neighbourhood_map(papers[0], by_slug, TAGS, link_for)))
    assert any("Mem-π: Memory" in text for text in shown)
    assert any("Crab⁺ and $\\href{x}{y}$" in text for text in shown)
    assert not any("$\\pi$" in text or "^{+}" in text for text in shown)

def test_a_hostile_href_stays_an_attribute():
    href = '"><script>alert(1)</script><a href="x'
    papers = [paper(0, (RelatedLink("paper-00001", 0.3),)), paper(1)]
    by_slug = {each.slug: each for each in papers}
    for html in (catalogue_map(papers, TAGS, lambda _: href), neighbourhood_map(papers[0], by_slug, TAGS, lambda _: href)):
        assert "<script" not in html
        assert {link.get(XLINK_HREF) for link in links(parse(html))} == {href}


def test_markdown_leaves_a_map_byte_identical():
    """A bare <svg> is not block-level for Python-Markdown, which would turn `*star*` into <em>; the figure is."""
    papers = [paper(0, (RelatedLink("paper-00001", 0.3),), title=MARKDOWN_BAIT, short_name=MARKDOWN_BAIT),
              paper(1, (RelatedLink("paper-00000", 0.3),), title=HOSTILE)]
    by_slug = {each.slug: each for each in papers}
    for html in (catalogue_map(papers, TAGS, link_for), neighbourhood_map(papers[0], by_slug, TAGS, link_for)):
        page = markdown.markdown(f"# A page\n\n{html}\n\nAfter the map.\n", extensions=MARKDOWN_EXTENSIONS)
        assert html in page
        assert MARKDOWN_BAIT in texts(parse(html))


def test_a_map_is_one_line():
    papers = [paper(0, (RelatedLink("paper-00001", 0.3),), title="Line one\nline two\r\n\n    indented\tand\x0bmore"),
              paper(1, (RelatedLink("paper-00000", 0.3),))]
    by_slug = {each.slug: each for each in papers}
    for html in (catalogue_map(papers, TAGS, link_for), neighbourhood_map(papers[1], by_slug, TAGS, link_for)):
        assert "\n" not in html and "\r" not in html and not html.startswith(" ")
        parse(html)


# Determinism


def test_the_same_catalogue_gives_the_same_bytes():
    papers = synthetic(150)
    shuffled = random.Random(1).sample(papers, len(papers))
    assert catalogue_map(papers, TAGS, link_for) == catalogue_map(papers, TAGS, link_for)
    assert catalogue_map(shuffled, TAGS, link_for) == catalogue_map(papers, TAGS, link_for)


def test_the_same_bytes_whatever_the_hash_seed():
    script = ("import hashlib, sys; sys.path.insert(0, 'tests'); from test_topicmap import all_maps; "
              "print(hashlib.sha256(all_maps().encode()).hexdigest())")
    runs = [subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONHASHSEED": hash_seed}) for hash_seed in ("1", "2")]
    digests = {run.communicate()[0] for run in runs}
    assert digests == {hashlib.sha256(all_maps().encode()).hexdigest() + "\n"}


def all_maps() -> str:
    """The three kinds of map of one synthetic catalogue."""
    papers = synthetic(400)
    return (catalogue_map(papers, TAGS, link_for) + tag_map("Vision", papers, TAGS, link_for)
            + neighbourhood_map(papers[0], {each.slug: each for each in papers}, TAGS, link_for))


# Scale


def test_a_thousand_papers_show_the_300_most_connected():
    papers = synthetic(1000)
    svg = parse(catalogue_map(papers, TAGS, link_for))
    assert len(links(svg)) == MAX_NODES
    assert texts(svg)[1].startswith("The 300 most connected of 1,000 papers;")
    degree = {each.slug: 0 for each in papers}
    for pair in linked_pairs(papers):
        for slug in pair:
            degree[slug] += 1
    shown = {link.get(XLINK_HREF).split("/")[-2] for link in links(svg)}
    assert min(degree[slug] for slug in shown) >= max(degree[slug] for slug in degree if slug not in shown)


def test_a_tag_map_of_a_big_tag_is_capped_too():
    papers = synthetic(1000)
    svg = parse(tag_map("Vision", papers, TAGS, link_for))
    assert len(links(svg)) == 250  # every fourth paper is in Vision
    papers = [replace(each, tags=("Vision",)) for each in papers]
    svg = parse(tag_map("Vision", papers, TAGS, link_for))
    assert len(links(svg)) == MAX_NODES
    assert texts(svg)[1].startswith("The 300 most connected of 1,000 papers tagged Vision;")


def test_nothing_to_draw_gives_no_map():
    assert catalogue_map([], TAGS, link_for) == ""
    assert tag_map("Robotics", synthetic(20), TAGS, link_for) == ""


def test_unlinked_papers_are_drawn_inside_the_map():
    papers = [paper(number) for number in range(12)] + [paper(12, (RelatedLink("paper-00013", 0.2),)), paper(13)]
    svg = parse(catalogue_map(papers, TAGS, link_for))
    circles = [link.find(f"{SVG}circle") for link in links(svg)]
    assert len(circles) == 14
    assert all(0 < float(circle.get("cx")) < 900 and 0 < float(circle.get("cy")) < 600 for circle in circles)


# The neighbourhood map


def test_an_isolated_paper_has_no_neighbourhood_map():
    alone = paper(0, (RelatedLink("paper-99999", 0.4),), mentions=("paper-99998",))  # links to no known paper
    assert neighbourhood_map(alone, {alone.slug: alone}, TAGS, link_for) == ""


def test_the_neighbourhood_shows_related_then_mentions_dashed():
    others = [paper(number, title=f"A rather long title number {number} that goes on and on") for number in range(1, 5)]
    centre = paper(0, (RelatedLink("paper-00001", 0.4), RelatedLink("paper-00002", 0.2)),
                   mentions=("paper-00003", "paper-00001"), mentioned_by=("paper-00004",))
    by_slug = {each.slug: each for each in [centre, *others]}
    svg = parse(neighbourhood_map(centre, by_slug, TAGS, link_for))
    assert [link.get(XLINK_HREF) for link in links(svg)] == [link_for(each) for each in others]
    edges = list(svg.iter(f"{SVG}path"))
    assert [edge.get("stroke-dasharray") is not None for edge in edges] == [False, False, True, True]
    labels = [link.find(f"{SVG}text").text for link in links(svg)]
    assert all(len(label) <= 28 and label.endswith("…") for label in labels)
    assert links(svg)[2].find(f"{SVG}title").text == f"{others[2].title} (mentioned)"


# Colours


def test_colours_read_on_white_and_on_the_dark_theme():
    for colour in (*PALETTE, OTHER):
        assert contrast(colour, "#ffffff") >= 3 and contrast(colour, "#1e2129") >= 3, colour
    assert len(set(PALETTE)) == len(PALETTE) == 10


def test_a_paper_takes_the_colour_of_its_area():
    papers = [paper(0, (RelatedLink("paper-00001", 0.3),), tags=("Masked modeling",)),
              paper(1, tags=("Code", "Vision")), paper(2, tags=("cs.CL",))]
    tags = TAGS + (Tag("cs.CL", "cs-cl", "arXiv category cs.CL.", kind="category"),)
    svg = parse(catalogue_map(papers, tags, link_for))
    fills = {link.get(XLINK_HREF): link.find(f"{SVG}circle").get("fill") for link in links(svg)}
    assert [fills[link_for(each)] for each in papers] == [PALETTE[1], PALETTE[3], PALETTE[4]]


def contrast(colour: str, background: str) -> float:
    light, dark = sorted((luminance(colour), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
