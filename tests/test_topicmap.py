"""Topic maps: valid SVG, one link per paper, inert titles, the same bytes every run, and a cap on big catalogues.

The analysis (generator/enrich/maps.py, layout.py) gives frozen data; these tests draw it as the write stage
does (generator/write/svg.py) and read the SVG back."""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import FrozenInstanceError

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.enrich.layout import Label, overlap, text_width
from generator.enrich.maps import (
    FONT_SIZE,
    MAX_LABELS,
    MAX_NEIGHBOURS,
    MAX_NODES,
    ONE_LINE,
    OTHER,
    PALETTE,
    Areas,
    catalogue_map,
    linked_pairs,
    neighbourhood,
    topic_map,
)
from generator.enrich.tags import lineage
from generator.enrich.topics import MAX_TOPICS
from generator.formulas import plain_text
from generator.model import Catalogue, Paper, RelatedLink, Source, Tag, Topic
from generator.write.svg import draw, neighbourhood_data
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


def catalogue_svg(papers: list[Paper] | tuple[Paper, ...], tags, href=link_for) -> str:
    """The catalogue map as the home page draws it."""
    return draw(catalogue_map(papers, Areas.of(tags)), href)


def neighbourhood_svg(centre: Paper, by_slug: dict[str, Paper], tags, href=link_for) -> str:
    """A paper's neighbourhood map as its page draws it."""
    return draw(neighbourhood(centre, by_slug, Areas.of(tags)), href)


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
    html = catalogue_svg(seed.papers, seed.tags)
    svg = parse(html)
    hrefs = [link.get(XLINK_HREF) for link in links(svg)]
    assert sorted(hrefs) == sorted(link_for(paper) for paper in seed.papers)
    assert all(link.find(f"{SVG}title") is not None and link.find(f"{SVG}circle") is not None for link in links(svg))
    assert svg.get("aria-label").startswith(f"Map of {len(seed.papers)} papers")
    assert svg.get("role") != "img" and svg.find(f"{SVG}title") is not None
    assert len(html.encode()) < 40_000


def test_seed_map_has_a_legend_of_areas_and_a_few_labels(seed):
    svg = parse(catalogue_svg(seed.papers, seed.tags))
    legend = svg.find(f"{SVG}g[@class='topic-map__legend']")
    assert ["".join(text.itertext()) for text in legend.iter(f"{SVG}text")][:2] == ["Language", "Vision"]
    labels = [text for link in links(svg) for text in link.iter(f"{SVG}text")]
    assert 5 <= len(labels) <= 14


def test_seed_map_stays_inside_its_view_box_and_draws_linked_papers_close(seed):
    svg = parse(catalogue_svg(seed.papers, seed.tags))
    _, _, width, height = map(float, svg.get("viewBox").split())
    circles = {link.get(XLINK_HREF): link.find(f"{SVG}circle") for link in links(svg)}
    dots = {href: (float(circle.get("cx")), float(circle.get("cy"))) for href, circle in circles.items()}
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
        html = neighbourhood_svg(each, by_slug, seed.tags, beside)
        if not each.related:
            assert html == ""
            continue
        hrefs = [link.get(XLINK_HREF) for link in links(parse(html))]
        assert hrefs == [beside(by_slug[link.slug]) for link in each.related]
        assert len(html.encode()) < 3_000


def beside(paper: Paper) -> str:
    """A paper's href from another paper's page."""
    return f"../{paper.slug}/"


# Untrusted text


def test_a_hostile_title_stays_text_everywhere():
    papers = [paper(0, (RelatedLink("paper-00001", 0.3),), title=HOSTILE, short_name=HOSTILE,
                    mentions=("paper-00001",)),
              paper(1, (RelatedLink("paper-00000", 0.3),), title=HOSTILE + " 2", tags=(HOSTILE,))]
    tags = TAGS + (Tag(HOSTILE, "hostile", "A hostile tag."),)
    by_slug = {each.slug: each for each in papers}
    for html in (catalogue_svg(papers, tags), neighbourhood_svg(papers[0], by_slug, tags)):
        assert "<script" not in html and "]]>" not in html and '"quotes"' not in html
        assert any(HOSTILE in text for text in texts(parse(html)))
    legend = texts(parse(catalogue_svg(papers, tags)))
    assert HOSTILE in legend  # the second paper's area is the hostile tag


def test_a_much_mentioned_paper_shows_its_newest_mentioning_papers_as_its_page_lists_them():
    """Its page lists the newest 25 papers that mention it: the map's are among them, so each has its link there."""
    mentioning = [paper(number, date=f"2024-{1 + number % 12:02d}-{1 + number:02d}") for number in range(1, 31)]
    centre = paper(0, mentioned_by=tuple(each.slug for each in mentioning))
    by_slug = {each.slug: each for each in [centre, *mentioning]}
    shown = [other.paper for other in neighbourhood(centre, by_slug, Areas.of(TAGS)).neighbours]
    assert shown == sorted(mentioning, key=Paper.newest_first)[:MAX_NEIGHBOURS]


def test_a_hostile_title_stays_inside_the_json_island_of_a_paper_page():
    """The island is a <script> element's text: "</script>", "<!--" or "&" must not appear in it, and the JSON
    still reads back the titles exactly."""
    papers = [paper(0, (RelatedLink("paper-00001", 0.3),), title=HOSTILE + " <!-- &amp;"),
              paper(1, (RelatedLink("paper-00000", 0.3),), title=HOSTILE + " </SCRIPT> 2", short_name="H2")]
    by_slug = {each.slug: each for each in papers}
    island = neighbourhood_data(neighbourhood(papers[0], by_slug, Areas.of(TAGS)), ["paper-00001"])
    opening, closing = '<script type="application/json" class="neighbourhood-data">', "</script>"
    data = island.removeprefix(opening).removesuffix(closing)
    assert island == opening + data + closing and not set("<>&") & set(data)
    read = json.loads(data)
    assert read["title"] == papers[0].title
    assert read["nodes"][0][6:] == [0, f"H2: {papers[1].title} (related)"]  # its place in the list, and its title


def test_a_neighbour_the_page_does_not_list_keeps_its_title_in_the_island():
    papers = [paper(0, (RelatedLink("paper-00001", 0.3),)), paper(1)]
    by_slug = {each.slug: each for each in papers}
    listed, unlisted = (json.loads(re.sub("<[^>]*>", "", neighbourhood_data(
        neighbourhood(papers[0], by_slug, Areas.of(TAGS)), slugs)))["nodes"][0][6:] for slugs in (["paper-00001"], []))
    assert listed == [0] and unlisted == [-1, f"{papers[1].title} (related)"]


def test_labels_and_tooltips_read_formulas_as_plain_text():
    """SVG text cannot hold MathML: `$\\pi$` reads as π, `$^{+}$` as ⁺; a formula that may not typeset stays source."""
    papers = [paper(0, (RelatedLink("paper-00001", 0.3),), title="Mem-$\\pi$: Memory"),
              paper(1, (RelatedLink("paper-00000", 0.3),), title="Crab$^{+}$ and $\\href{x}{y}$")]
    by_slug = {each.slug: each for each in papers}
    shown = texts(parse(neighbourhood_svg(papers[0], by_slug, TAGS)))
    assert any("Mem-π: Memory" in text for text in shown)
    assert any("Crab⁺ and $\\href{x}{y}$" in text for text in shown)
    assert not any("$\\pi$" in text or "^{+}" in text for text in shown)


def test_a_hostile_href_stays_an_attribute():
    href = '"><script>alert(1)</script><a href="x'
    papers = [paper(0, (RelatedLink("paper-00001", 0.3),)), paper(1)]
    by_slug = {each.slug: each for each in papers}
    for html in (catalogue_svg(papers, TAGS, lambda _: href),
                 neighbourhood_svg(papers[0], by_slug, TAGS, lambda _: href)):
        assert "<script" not in html
        assert {link.get(XLINK_HREF) for link in links(parse(html))} == {href}


def test_markdown_leaves_a_map_byte_identical():
    """A bare <svg> is not block-level for Python-Markdown, which would turn `*star*` into <em>; the figure is."""
    papers = [paper(0, (RelatedLink("paper-00001", 0.3),), title=MARKDOWN_BAIT, short_name=MARKDOWN_BAIT),
              paper(1, (RelatedLink("paper-00000", 0.3),), title=HOSTILE)]
    by_slug = {each.slug: each for each in papers}
    for html in (catalogue_svg(papers, TAGS), neighbourhood_svg(papers[0], by_slug, TAGS)):
        page = markdown.markdown(f"# A page\n\n{html}\n\nAfter the map.\n", extensions=MARKDOWN_EXTENSIONS)
        assert html in page
        assert MARKDOWN_BAIT in texts(parse(html))


def test_a_map_is_one_line():
    papers = [paper(0, (RelatedLink("paper-00001", 0.3),), title="Line one\nline two\r\n\n    indented\tand\x0bmore"),
              paper(1, (RelatedLink("paper-00000", 0.3),))]
    by_slug = {each.slug: each for each in papers}
    for html in (catalogue_svg(papers, TAGS), neighbourhood_svg(papers[1], by_slug, TAGS)):
        assert "\n" not in html and "\r" not in html and not html.startswith(" ")
        parse(html)


@given(st.text(min_size=1, max_size=60))
def test_any_title_is_drawn_as_text(title):
    """Autoescaping alone makes any title text: the SVG parses and shows the title (on one line)."""
    papers = [paper(0, (RelatedLink("paper-00001", 0.3),), title=title), paper(1, (RelatedLink("paper-00000", 0.3),))]
    by_slug = {each.slug: each for each in papers}
    shown = plain_text(title).translate(ONE_LINE)  # a formula reads as plain text (test above)
    for html in (catalogue_svg(papers, TAGS), neighbourhood_svg(papers[1], by_slug, TAGS)):
        assert shown in texts(parse(html)) or f"{shown} (related)" in texts(parse(html))


def test_the_analysis_is_data_inside_its_box_with_labels_apart():
    picture = catalogue_map(synthetic(200), Areas.of(TAGS))
    with pytest.raises(FrozenInstanceError):
        picture.dots[0].x = 0  # type: ignore[misc]
    assert all(0 < dot.x < picture.width and 0 < dot.y < picture.legend_top for dot in picture.dots)
    boxes = [label_box(dot.label) for dot in picture.dots if dot.label]
    assert 5 <= len(boxes) <= MAX_LABELS
    assert not any(overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


def label_box(label: Label) -> tuple[float, float, float, float]:
    width = text_width(label.text, FONT_SIZE)
    left = {"start": label.x, "end": label.x - width, "middle": label.x - width / 2}[label.anchor]
    return left, label.y - FONT_SIZE, left + width, label.y


# Determinism


def test_the_same_catalogue_gives_the_same_bytes():
    papers = synthetic(150)
    shuffled = random.Random(1).sample(papers, len(papers))
    assert catalogue_svg(papers, TAGS) == catalogue_svg(papers, TAGS)
    assert catalogue_svg(shuffled, TAGS) == catalogue_svg(papers, TAGS)


def test_the_same_bytes_whatever_the_hash_seed():
    script = ("import hashlib, sys; sys.path.insert(0, 'tests'); from test_topicmap import all_maps; "
              "print(hashlib.sha256(all_maps().encode()).hexdigest())")
    runs = [subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONHASHSEED": hash_seed}) for hash_seed in ("1", "2")]
    digests = {run.communicate()[0] for run in runs}
    assert digests == {hashlib.sha256(all_maps().encode()).hexdigest() + "\n"}


def all_maps() -> str:
    """The two kinds of map of one synthetic catalogue."""
    papers = synthetic(400)
    return catalogue_svg(papers, TAGS) + neighbourhood_svg(papers[0], {each.slug: each for each in papers}, TAGS)


# Scale


def test_a_thousand_papers_show_the_300_most_connected():
    papers = synthetic(1000)
    svg = parse(catalogue_svg(papers, TAGS))
    assert len(links(svg)) == MAX_NODES
    assert texts(svg)[1].startswith("The 300 most connected of 1,000 papers;")
    degree = {each.slug: 0 for each in papers}
    for pair in linked_pairs(papers):
        for slug in pair:
            degree[slug] += 1
    shown = {link.get(XLINK_HREF).split("/")[-2] for link in links(svg)}
    assert min(degree[slug] for slug in shown) >= max(degree[slug] for slug in degree if slug not in shown)


def test_nothing_to_draw_gives_no_map():
    assert catalogue_svg([], TAGS) == ""


def test_unlinked_papers_are_drawn_inside_the_map():
    papers = [paper(number) for number in range(12)] + [paper(12, (RelatedLink("paper-00013", 0.2),)), paper(13)]
    svg = parse(catalogue_svg(papers, TAGS))
    circles = [link.find(f"{SVG}circle") for link in links(svg)]
    assert len(circles) == 14
    assert all(0 < float(circle.get("cx")) < 900 and 0 < float(circle.get("cy")) < 600 for circle in circles)


# The neighbourhood map


def test_an_isolated_paper_has_no_neighbourhood_svg():
    alone = paper(0, (RelatedLink("paper-99999", 0.4),), mentions=("paper-99998",))  # links to no known paper
    assert neighbourhood_svg(alone, {alone.slug: alone}, TAGS) == ""


def test_the_neighbourhood_shows_related_then_mentions_dashed():
    others = [paper(number, title=f"A rather long title number {number} that goes on and on") for number in range(1, 5)]
    centre = paper(0, (RelatedLink("paper-00001", 0.4), RelatedLink("paper-00002", 0.2)),
                   mentions=("paper-00003", "paper-00001"), mentioned_by=("paper-00004",))
    by_slug = {each.slug: each for each in [centre, *others]}
    svg = parse(neighbourhood_svg(centre, by_slug, TAGS))
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
    svg = parse(catalogue_svg(papers, tags))
    fills = {link.get(XLINK_HREF): link.find(f"{SVG}circle").get("fill") for link in links(svg)}
    assert [fills[link_for(each)] for each in papers] == [PALETTE[1], PALETTE[3], PALETTE[4]]


def contrast(colour: str, background: str) -> float:
    light, dark = sorted((luminance(colour), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_an_area_is_the_top_of_a_tags_lineage_and_a_cycle_ends_the_walk():
    tags = {tag.name: tag for tag in TAGS + (Tag("MAE", "mae", "A method.", parent="Masked modeling"),
                                             Tag("A", "a", "A loop.", parent="B"), Tag("B", "b", "A loop.", parent="A"))}
    assert lineage("MAE", tags) == ["MAE", "Masked modeling", "Vision"]
    assert lineage("A", tags) == ["A", "B"]
    assert lineage("unknown", tags) == ["unknown"]
    assert Areas.of(tags.values()).area(paper(0, tags=("cs.CL", "MAE"))) == "Vision"


# The topic map: regions for the topics found


def topic(number: int, size: int, similarity: tuple[float, ...], nearest: tuple[str, ...], name: str = "") -> Topic:
    return Topic(slug=f"topic-{number}", name=name or f"term{number}a, term{number}b, term{number}c",
                 terms=tuple((name or f"term{number}a, term{number}b, term{number}c").split(", ")),
                 papers=tuple(f"paper-{number:02d}{index:04d}" for index in range(size)), nearest=nearest,
                 similarity=similarity)


def two_families(sizes: list[int]) -> list[Topic]:
    """Topics in two families: similar (0.6) within a family, dissimilar (0.05) across; nearest within."""
    count = len(sizes)
    family = [index % 2 for index in range(count)]
    similarity = [[1.0 if i == j else (0.6 if family[i] == family[j] else 0.05) for j in range(count)]
                  for i in range(count)]
    return [topic(i, sizes[i], tuple(similarity[i]),
                  tuple(f"topic-{j}" for j in range(count) if j != i and family[j] == family[i])[:3])
            for i in range(count)]


def paper_from_slug(slug: str) -> Paper:
    return make_paper(slug, title=f"Paper {slug}", tags=(AREAS[int(slug[-2:]) % len(AREAS)],))


def topic_svg(topics: list[Topic], papers: list[Paper], tags=TAGS) -> str:
    return draw(topic_map(topics, papers, Areas.of(tags)), topic_href)


def topic_href(target: Paper | Topic) -> str:
    return f"topics/{target.slug}/" if isinstance(target, Topic) else link_for(target)


def test_regions_are_sized_by_their_papers_placed_by_similarity_and_apart():
    topics = two_families([120, 90, 60, 40, 30, 20, 15, 10])
    papers = [paper_from_slug(slug) for each in topics for slug in each.papers]
    picture = topic_map(topics, papers, Areas.of(TAGS))
    regions = {region.topic.slug: region for region in picture.regions}
    assert len(regions) == 8 and picture.dots == ()  # more than DOTS_UP_TO papers: regions only
    ratio = [region.radius / len(region.topic.papers) ** 0.5 for region in picture.regions]
    assert max(ratio) / min(ratio) < 1.05
    for a in picture.regions:
        assert a.radius < a.x < picture.width - a.radius and a.radius < a.y < picture.legend_top
        for b in picture.regions:
            if a is not b:
                assert distance((a.x, a.y), (b.x, b.y)) >= a.radius + b.radius
    same = [distance((a.x, a.y), (b.x, b.y)) for i, a in enumerate(picture.regions) for b in picture.regions[i + 1:]
            if int(a.topic.slug[-1]) % 2 == int(b.topic.slug[-1]) % 2]
    other = [distance((a.x, a.y), (b.x, b.y)) for i, a in enumerate(picture.regions) for b in picture.regions[i + 1:]
             if int(a.topic.slug[-1]) % 2 != int(b.topic.slug[-1]) % 2]
    assert sum(same) / len(same) < 0.8 * sum(other) / len(other)


def test_each_region_links_its_topic_with_a_title_and_a_visible_name():
    topics = two_families([120, 90, 60, 40, 30, 20])
    papers = [paper_from_slug(slug) for each in topics for slug in each.papers]
    svg = parse(topic_svg(topics, papers))
    regions = svg.find(f"{SVG}g[@class='topic-map__regions']")
    hrefs = [link.get(XLINK_HREF) for link in regions.iter(f"{SVG}a")]
    assert hrefs == [f"topics/{each.slug}/" for each in topics]
    for link, each in zip(regions.iter(f"{SVG}a"), topics, strict=True):
        assert link.find(f"{SVG}title").text.startswith(f"{each.name}: {len(each.papers)} papers")
        shown = [text.text for text in link.iter(f"{SVG}text")]
        assert shown and shown[0].split(", ")[0].rstrip("…") in each.terms[0]
    assert svg.get("aria-label").startswith("Map of 6 topics of 360 papers")


def test_a_small_catalogue_also_shows_each_paper_inside_its_topic():
    topics = two_families([20, 15, 10])
    papers = [paper_from_slug(slug) for each in topics for slug in each.papers]
    picture = topic_map(topics, papers, Areas.of(TAGS))
    assert len(picture.dots) == 45
    region_of = {slug: region for region in picture.regions for slug in region.topic.papers}
    for dot in picture.dots:
        region = region_of[dot.paper.slug]
        assert distance((dot.x, dot.y), (region.x, region.y)) <= region.radius - dot.radius
    svg = parse(topic_svg(topics, papers))
    dots = [link.get(XLINK_HREF) for link in svg.find(f"{SVG}g[@class='topic-map__nodes']").iter(f"{SVG}a")]
    assert sorted(dots) == sorted(link_for(each) for each in papers)


def test_the_topic_map_stays_small_whatever_the_catalogue_size():
    sizes = []
    for scale in (10, 100, 1000):
        topics = two_families([scale + 7 * index for index in range(MAX_TOPICS)])
        papers = [paper_from_slug(slug) for each in topics for slug in each.papers]
        sizes.append(len(topic_svg(topics, papers).encode()))
    assert max(sizes) < 20_000 and max(sizes) - min(sizes) < 1_000


def test_hostile_topic_terms_stay_text():
    topics = [topic(0, 30, (1.0, 0.2), ("topic-1",), name=HOSTILE), topic(1, 20, (0.2, 1.0), ("topic-0",))]
    papers = [paper_from_slug(slug) for each in topics for slug in each.papers]
    html = topic_svg(topics, papers)
    assert "<script" not in html
    assert any(text.startswith(HOSTILE) for text in texts(parse(html)))
