"""What the maps show, as frozen data: which papers, where, in which colour and with which labels.

Two maps: the catalogue's related-paper graph (its MAX_NODES best-connected papers, laid out by force) and a
paper's neighbourhood (its related papers and mentions around it). Nothing here is markup: the write stage
draws these values through an autoescaping template (generator/write/templates/map.svg.j2). A map draws at most
MAX_NODES papers, so its cost is O(MAX_NODES^2) whatever the size of the catalogue.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from generator.enrich.layout import (
    Box,
    Label,
    around,
    fit,
    force_layout,
    laid_out,
    overlap,
    place_labels,
    separate,
    spacing_of,
    spiral,
    text_width,
)
from generator.enrich.tags import lineage
from generator.formulas import plain_text
from generator.model import Paper, Tag, Topic

MAX_NODES = 300
MAX_EDGES = 2 * MAX_NODES  # the strongest links among the papers drawn
MAX_LABELS = 14
MAX_NEIGHBOURS = 10
LABEL_CHARS = 24
NEIGHBOUR_LABEL_CHARS = 28

MAP_WIDTH, MAP_HEIGHT, MARGIN = 900, 600, 16
FONT_SIZE, NEAR_FONT_SIZE = 14, 12  # the catalogue map shows at about 3/4 scale in Material's content column
LEGEND_ROW = 20
NEAR_WIDTH, NEAR_HEIGHT, NEAR_RX, NEAR_RY = 440, 260, 46, 100
NEAR_CENTRE = (NEAR_WIDTH / 2, NEAR_HEIGHT / 2)
DOTS_UP_TO = 150  # a topic map of a catalogue this small also draws each paper, as a dot in its topic's region
REGION_FILL = 0.32  # the share of the map the regions cover together
REGION_GAP = 6
REGION_FONT_SIZE = 13
PAPER_DOT = 4.5

# Mid-luminance colours (relative luminance 0.205): each has a contrast of 3.9:1 or more both on white and on
# Material's dark background #1e2129. Top-level tags take them in taxonomy order; the rest share OTHER.
PALETTE = ("#337ce2", "#c76005", "#248f50", "#e33e59", "#9b63d2", "#9d7808", "#118a95", "#d146a2", "#4e8c23",
           "#a8612f")
OTHER = "#7d7d7d"
OTHER_AREAS = "Other areas"
# Characters a map's text cannot hold on one line of XML: line breaks and tabs read as spaces, other controls go.
ONE_LINE = {ord(space): " " for space in "\n\r\t"} | {code: None for code in range(32) if chr(code) not in "\n\r\t"}


@dataclass(frozen=True)
class Edge:
    """A link between two papers of a map, by their positions in the map's paper list."""

    source: int
    target: int
    score: float


@dataclass(frozen=True)
class Graph:
    """The papers a map draws, in slug order, their links, and how many papers it was chosen from."""

    papers: tuple[Paper, ...]
    edges: tuple[Edge, ...]
    total: int

    def degrees(self) -> np.ndarray:
        ends = [end for edge in self.edges for end in (edge.source, edge.target)]
        return np.bincount(np.array(ends, dtype=int), minlength=len(self.papers))


@dataclass(frozen=True)
class Dot:
    """A paper on the catalogue map: where, how big, in which colour, with its tooltip and maybe a label."""

    paper: Paper
    x: float
    y: float
    radius: float
    colour: str
    title: str
    label: Label | None = None


@dataclass(frozen=True)
class Segment:
    """A straight line from (x1, y1) to (x2, y2)."""

    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Swatch:
    """A legend entry: an area's colour at (x, y) of the legend's row, and its name beside it."""

    name: str
    colour: str
    x: float
    y: float


@dataclass(frozen=True)
class CatalogueMap:
    """The catalogue's related-paper graph: links (the stronger half apart), dots in drawing order, a legend."""

    title: str
    caption: str
    strong: tuple[Segment, ...]
    weak: tuple[Segment, ...]
    dots: tuple[Dot, ...]
    legend: tuple[Swatch, ...]
    legend_top: int
    width: int = MAP_WIDTH
    height: int = MAP_HEIGHT
    font_size: int = FONT_SIZE
    margin: int = MARGIN


@dataclass(frozen=True)
class Neighbour:
    """A paper around the centre of a neighbourhood map. `stroke` is its line's width; None for a mention,
    drawn dashed."""

    paper: Paper
    relation: str
    x: float
    y: float
    stroke: float | None
    colour: str
    title: str
    label: Label


@dataclass(frozen=True)
class Neighbourhood:
    """A paper (not a link: it is the page's own) among the papers linked to it."""

    centre: Paper
    colour: str
    title: str
    heading: str
    neighbours: tuple[Neighbour, ...]
    cx: float = NEAR_CENTRE[0]
    cy: float = NEAR_CENTRE[1]
    width: int = NEAR_WIDTH
    height: int = NEAR_HEIGHT
    font_size: int = NEAR_FONT_SIZE


@dataclass(frozen=True)
class Region:
    """A topic on the topic map: a circle sized by its papers, in the colour of their most common area."""

    topic: Topic
    x: float
    y: float
    radius: float
    colour: str
    title: str
    labels: tuple[Label, ...]  # its name, and how many papers when there is room


@dataclass(frozen=True)
class TopicMap:
    """The catalogue's topics as regions placed by similarity, and, for a small catalogue, its papers as dots."""

    title: str
    caption: str
    regions: tuple[Region, ...]
    dots: tuple[Dot, ...]
    legend: tuple[Swatch, ...]
    legend_top: int
    width: int = MAP_WIDTH
    height: int = MAP_HEIGHT
    font_size: int = REGION_FONT_SIZE
    margin: int = MARGIN


# Areas and colours


@dataclass(frozen=True)
class Areas:
    """Each paper's area (its main top-level tag) and its colour, the same on every map of a catalogue."""

    tags: Mapping[str, Tag]
    colours: Mapping[str, str]

    @classmethod
    def of(cls, tags: Iterable[Tag]) -> Areas:
        """The catalogue's tags in taxonomy order: top-level topics take the palette's colours first."""
        tags = {tag.name: tag for tag in tags}
        tops = [tag for tag in tags.values() if tag.parent is None]
        names = [tag.name for tag in tops if tag.kind == "topic"] + [tag.name for tag in tops if tag.kind != "topic"]
        return cls(tags, dict(zip(names, PALETTE, strict=False)))

    def area(self, paper: Paper) -> str:
        """A paper's first top-level topic, else the area above its first topic, else its first tag (an arXiv
        category), else OTHER_AREAS."""
        topics = [name for name in paper.tags if name in self.tags and self.tags[name].kind == "topic"]
        top = next((name for name in topics if self.tags[name].parent is None), None)
        if top or topics:
            return top or lineage(topics[0], self.tags)[-1]
        return paper.tags[0] if paper.tags else OTHER_AREAS

    def colour(self, paper: Paper) -> str:
        return self.colours.get(self.area(paper), OTHER)


# The catalogue map


def catalogue_map(papers: Sequence[Paper], areas: Areas, what: str = "papers") -> CatalogueMap | None:
    """The related-paper graph of a catalogue's MAX_NODES best-connected papers; None without papers."""
    graph = most_connected(papers)
    if not graph.papers:
        return None
    legend, legend_height = legend_of([areas.area(paper) for paper in graph.papers], areas.colours)
    box = (MARGIN + 10, MARGIN + 30, MAP_WIDTH - MARGIN - 10, MAP_HEIGHT - legend_height - MARGIN - 6)
    points = laid_out(len(graph.papers), [(edge.source, edge.target, edge.score) for edge in graph.edges], box)
    strong, weak = segments(graph, points)
    return CatalogueMap(title=f"Map of {caption(graph, what)}", caption=caption(graph, what) + ".", strong=strong,
                        weak=weak, dots=dots(graph, points, areas, box), legend=legend,
                        legend_top=MAP_HEIGHT - MARGIN - legend_height)


def most_connected(papers: Sequence[Paper], limit: int = MAX_NODES) -> Graph:
    """The `limit` papers with the most links among `papers`, in slug order, and their strongest links."""
    pairs = linked_pairs(papers)
    degree: dict[str, int] = {}
    strength: dict[str, float] = {}
    for pair, score in pairs.items():
        for slug in pair:
            degree[slug] = degree.get(slug, 0) + 1
            strength[slug] = strength.get(slug, 0.0) + score
    ranked = sorted(papers, key=lambda paper: (-degree.get(paper.slug, 0), -strength.get(paper.slug, 0.0), paper.slug))
    chosen = tuple(sorted(ranked[:limit], key=lambda paper: paper.slug))
    return Graph(chosen, strongest_edges(chosen, pairs), len(papers))


def linked_pairs(papers: Sequence[Paper]) -> dict[tuple[str, str], float]:
    """Each pair of papers joined by a related link either way, once, with its best score."""
    slugs = {paper.slug for paper in papers}
    pairs: dict[tuple[str, str], float] = {}
    for paper in papers:
        for link in paper.related:
            if link.slug in slugs and link.slug != paper.slug:
                pair = (min(paper.slug, link.slug), max(paper.slug, link.slug))
                pairs[pair] = max(pairs.get(pair, link.score), link.score)
    return pairs


def strongest_edges(papers: tuple[Paper, ...], pairs: dict[tuple[str, str], float]) -> tuple[Edge, ...]:
    """The MAX_EDGES best-scored links between the given papers, best first."""
    position = {paper.slug: index for index, paper in enumerate(papers)}
    inside = [(-score, pair) for pair, score in pairs.items() if pair[0] in position and pair[1] in position]
    return tuple(Edge(position[a], position[b], -score) for score, (a, b) in sorted(inside)[:MAX_EDGES])


def caption(graph: Graph, what: str) -> str:
    """What the map shows: all the papers, or the best-connected ones of how many."""
    shown = len(graph.papers)
    counted = f"{shown:,} {what}" if shown == graph.total else f"The {shown:,} most connected of {graph.total:,} {what}"
    return f"{counted}; lines join related papers, larger dots have more links"


def segments(graph: Graph, points: np.ndarray) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    """The links as lines: those scoring at least half the best, and the others."""
    best = max((edge.score for edge in graph.edges), default=0.0)
    lines = [(edge.score >= best / 2, Segment(*map(float, points[edge.source]), *map(float, points[edge.target])))
             for edge in graph.edges]
    return tuple(line for strong, line in lines if strong), tuple(line for strong, line in lines if not strong)


def dots(graph: Graph, points: np.ndarray, areas: Areas, box: Box) -> tuple[Dot, ...]:
    """Every paper as a dot sized by its links; labelled papers come last, so no dot hides their labels."""
    radii = np.round(np.minimum(3.5 + 1.5 * np.sqrt(graph.degrees()), 11), 1)
    labels = place_labels(label_candidates(graph), points, radii, box, FONT_SIZE, MAX_LABELS)
    order = sorted(range(len(graph.papers)), key=lambda i: (i in labels, i))
    return tuple(Dot(graph.papers[i], float(points[i][0]), float(points[i][1]), float(radii[i]),
                     areas.colour(graph.papers[i]), describe(graph.papers[i]), labels.get(i)) for i in order)


def label_candidates(graph: Graph) -> list[tuple[int, str]]:
    """The papers that may get a visible label, best-connected first, with their labels' text."""
    degrees = graph.degrees()
    ranked = sorted(range(len(graph.papers)), key=lambda i: (-degrees[i], graph.papers[i].slug))
    return [(i, short_label(graph.papers[i], LABEL_CHARS)) for i in ranked if degrees[i] > 0][:3 * MAX_LABELS]


def legend_of(areas: list[str], colours: Mapping[str, str]) -> tuple[tuple[Swatch, ...], int]:
    """The colours of the areas on the map, in taxonomy order, in rows along the bottom; and the legend's height."""
    uncoloured = any(area not in colours for area in areas)
    shown = [area for area in colours if area in areas] + ([OTHER_AREAS] if uncoloured else [])
    swatches, x, row = [], MARGIN, 0
    for area in shown:
        width = 16 + text_width(area, FONT_SIZE) + 18
        if x + width > MAP_WIDTH - MARGIN and x > MARGIN:
            x, row = MARGIN, row + 1
        swatches.append(Swatch(one_line(area), colours.get(area, OTHER), x, row * LEGEND_ROW + LEGEND_ROW / 2))
        x += width
    return tuple(swatches), (row + 1) * LEGEND_ROW


# The topic map


def topic_map(topics: Sequence[Topic], papers: Sequence[Paper], areas: Areas) -> TopicMap | None:
    """The topics as regions: placed by the similarity of their papers' text (near topics are linked by springs),
    sized by how many papers they hold, pushed apart until none overlaps; None without topics."""
    if not topics:
        return None
    by_slug = {paper.slug: paper for paper in papers}
    colours = [region_colour(topic, by_slug, areas) for topic in topics]
    with_dots = len(papers) <= DOTS_UP_TO
    legend, legend_height = legend_of([area for topic in topics for area in topic_areas(topic, by_slug, areas)]
                                      if with_dots else [area for area, _ in colours], areas.colours)
    bottom = MAP_HEIGHT - legend_height - MARGIN - (22 if with_dots else 6)
    box = (MARGIN + 4, MARGIN + 30, MAP_WIDTH - MARGIN - 4, bottom)
    centres, radii = region_places(topics, box)
    regions = [region(topic, centres[i], radii[i], colours[i][1]) for i, topic in enumerate(topics)]
    caption = (f"{len(topics)} topics of {len(papers):,} papers, placed by similarity and sized by their papers; "
               "each region links to its topic" + ("; each dot to its paper" if with_dots else ""))
    return TopicMap(title=f"Map of {caption}", caption=caption + ".",
                    regions=tuple(keep_apart(regions, box, with_dots)),
                    dots=region_dots(regions, by_slug, areas) if with_dots else (), legend=legend,
                    legend_top=MAP_HEIGHT - MARGIN - legend_height)


def region_places(topics: Sequence[Topic], box: Box) -> tuple[np.ndarray, np.ndarray]:
    """Each topic's centre and radius: a force layout along the links to its nearest topics, fitted to the box,
    then radii in proportion to the square root of the papers (together REGION_FILL of the box), apart."""
    position = {topic.slug: i for i, topic in enumerate(topics)}
    links = {(min(i, position[other]), max(i, position[other])): max(topic.similarity[position[other]], 0.01)
             for i, topic in enumerate(topics) for other in topic.nearest}
    aspect = (box[2] - box[0]) / (box[3] - box[1])
    count = len(topics)
    layout = force_layout(count, [(a, b, score) for (a, b), score in sorted(links.items())], aspect)
    sizes = np.sqrt(np.array([len(topic.papers) for topic in topics], dtype=float))
    area = (box[2] - box[0]) * (box[3] - box[1]) * REGION_FILL
    radii = np.round(np.minimum(sizes * math.sqrt(area / math.pi / float(np.sum(sizes ** 2))),
                                (box[3] - box[1]) / 3.5), 1)
    inner = (box[0] + radii.max(), box[1] + radii.max(), box[2] - radii.max(), box[3] - radii.max())
    centres = fit(layout, inner, spacing_of(count, aspect)) if count > 1 else np.array([[(box[0] + box[2]) / 2,
                                                                                          (box[1] + box[3]) / 2]])
    return separate(centres, radii, box, REGION_GAP), radii


def region(topic: Topic, centre: np.ndarray, radius: float, colour: str) -> Region:
    """A topic's region, its labels not yet chosen (keep_apart)."""
    title = one_line(f"{topic.name}: {len(topic.papers):,} papers; {', '.join(topic.terms)}")
    return Region(topic, float(centre[0]), float(centre[1]), float(radius), colour, title, ())


def label_options(each: Region, with_dots: bool) -> list[tuple[Label, ...]]:
    """The labels a region may show, best first: its name (as many whole terms as fit about its width, at least
    one), then its name cut short to its width; each with its number of papers under it when the region is big
    enough, then without. Below the region when its papers are drawn inside it."""
    x, y, radius = each.x, each.y, each.radius
    width = 2 * radius + 16
    names = list(dict.fromkeys([region_name(each.topic, max(width, 110)), shortened(region_name(each.topic, width),
                                                                                   width),
                                shortened(region_name(each.topic, 0), 2 * radius)]))
    if with_dots:
        return [(Label(name, x, y + radius + REGION_FONT_SIZE + 1, "middle"),) for name in names]
    count = f"{len(each.topic.papers):,} papers"
    room_for_count = radius >= 1.6 * REGION_FONT_SIZE
    return [option for name in names for option in (
        (Label(name, x, y - 2, "middle"), Label(count, x, y + REGION_FONT_SIZE, "middle")),
        (Label(name, x, y + REGION_FONT_SIZE * 0.35, "middle"),)) if len(option) == 1 or room_for_count]


def region_name(topic: Topic, width: float) -> str:
    """As many of the topic's first terms as fit in `width`, at least one."""
    terms = [one_line(term) for term in topic.terms[:3]] or [one_line(topic.name)]
    while len(terms) > 1 and text_width(", ".join(terms), REGION_FONT_SIZE) > width:
        terms.pop()
    return ", ".join(terms)


def shortened(text: str, width: float) -> str:
    """The text, cut to fit in `width` with an ellipsis (at least three characters kept)."""
    limit = max(3, int(width / text_width("x", REGION_FONT_SIZE)))
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def keep_apart(regions: list[Region], box: Box, with_dots: bool) -> list[Region]:
    """The regions with labels clear of each other and inside the map: first each region, largest first, takes
    the smallest of its label options that fits among those taken; then each takes the best option that still
    fits among the others'. A region left without a label keeps its title, which names it."""
    options = [label_options(each, with_dots) for each in regions]
    chosen: list[int | None] = [None] * len(regions)
    for i in range(len(regions)):
        taken = [b for k, pick in enumerate(chosen) if pick is not None for b in label_boxes(options[k][pick])]
        chosen[i] = next((n for n in reversed(range(len(options[i]))) if fits(options[i][n], taken, box)), None)
    for i in range(len(regions)):
        taken = [b for k, pick in enumerate(chosen) if pick is not None and k != i
                 for b in label_boxes(options[k][pick])]
        last = len(options[i]) if chosen[i] is None else chosen[i]
        chosen[i] = next((n for n in range(last) if fits(options[i][n], taken, box)), chosen[i])
    return [replace(each, labels=options[i][chosen[i]] if chosen[i] is not None else ())
            for i, each in enumerate(regions)]


def fits(labels: tuple[Label, ...], taken: list[Box], box: Box) -> bool:
    """Whether labels stay inside the map's width and clear of the label boxes taken."""
    boxes = label_boxes(labels)
    return all(box[0] - 4 <= b[0] and b[2] <= box[2] + 4 for b in boxes) \
        and not any(overlap(b, other) for b in boxes for other in taken)


def label_boxes(labels: tuple[Label, ...]) -> list[Box]:
    return [label_box(label) for label in labels]


def label_box(label: Label) -> Box:
    """Where a label's text stands, from its anchor and REGION_FONT_SIZE."""
    width = text_width(label.text, REGION_FONT_SIZE)
    left = {"start": label.x, "end": label.x - width, "middle": label.x - width / 2}[label.anchor]
    return (left, label.y - REGION_FONT_SIZE, left + width, label.y + 3)


def topic_areas(topic: Topic, by_slug: Mapping[str, Paper], areas: Areas) -> list[str]:
    return [areas.area(by_slug[slug]) for slug in topic.papers]


def region_colour(topic: Topic, by_slug: Mapping[str, Paper], areas: Areas) -> tuple[str, str]:
    """The area most of a topic's papers belong to (ties: taxonomy order) and its colour."""
    found = topic_areas(topic, by_slug, areas)
    order = {area: i for i, area in enumerate(areas.colours)}
    area = min(set(found), key=lambda area: (-found.count(area), order.get(area, len(order)), area))
    return area, areas.colours.get(area, OTHER)


def region_dots(regions: list[Region], by_slug: Mapping[str, Paper], areas: Areas) -> tuple[Dot, ...]:
    """Each topic's papers spread over its region, the most typical at its centre."""
    return tuple(Dot(by_slug[slug], x, y, PAPER_DOT, areas.colour(by_slug[slug]), describe(by_slug[slug]))
                 for each in regions
                 for slug, (x, y) in zip(each.topic.papers,
                                         spiral(len(each.topic.papers), (each.x, each.y), each.radius - PAPER_DOT - 3),
                                         strict=True))


# The neighbourhood map


def neighbourhood(paper: Paper, by_slug: Mapping[str, Paper], areas: Areas) -> Neighbourhood | None:
    """A paper among its related papers and those it mentions or is mentioned by; None when it has none."""
    linked = neighbours_of(paper, by_slug)
    if not linked:
        return None
    heading = f"{short_label(paper, NEIGHBOUR_LABEL_CHARS)} and {len(linked)} linked papers" \
        + ("; dashed lines are mentions" if any(relation != "related" for _, relation, _ in linked) else "")
    best = max([score for _, _, score in linked] + [1e-9])
    return Neighbourhood(paper, areas.colour(paper), describe(paper), heading,
                         tuple(neighbour(other, relation, (1 + 2 * score / best) if relation == "related" else None,
                                         place, areas) for (other, relation, score), place
                               in zip(linked, around(len(linked), NEAR_CENTRE, (NEAR_RX, NEAR_RY)), strict=True)))


def neighbours_of(paper: Paper, by_slug: Mapping[str, Paper]) -> list[tuple[Paper, str, float]]:
    """Related papers best first, then those the paper mentions and those mentioning it (newest first, as its page
    lists them, which may show only the newest), each once: with how they are linked ("related", "mentioned",
    "mentions this paper") and the related score (0 for mentions)."""
    found: dict[str, tuple[Paper, str, float]] = {}
    mentioning = sorted((by_slug[slug] for slug in paper.mentioned_by if slug in by_slug), key=Paper.newest_first)
    links = [(link.slug, "related", link.score) for link in paper.related] \
        + [(slug, "mentioned", 0.0) for slug in paper.mentions] \
        + [(other.slug, "mentions this paper", 0.0) for other in mentioning]
    for slug, relation, score in links:
        if slug in by_slug and slug != paper.slug and slug not in found:
            found[slug] = (by_slug[slug], relation, score)
    return list(found.values())[:MAX_NEIGHBOURS]


def neighbour(paper: Paper, relation: str, stroke: float | None, place: tuple[float, float], areas: Areas) -> Neighbour:
    """A neighbour at its place, its label beside its dot and away from the centre."""
    x, y = place
    anchor, shift = ("start", 10) if x >= NEAR_CENTRE[0] else ("end", -10)
    label = Label(short_label(paper, NEIGHBOUR_LABEL_CHARS), x + shift, y + 4, anchor)
    return Neighbour(paper, relation, x, y, stroke, areas.colour(paper), f"{describe(paper)} ({relation})", label)


# Text


def describe(paper: Paper) -> str:
    """A paper's tooltip: its title, with its short name when the title does not start with it."""
    if paper.short_name and not paper.title.startswith(paper.short_name):
        return one_line(f"{paper.short_name}: {paper.title}")
    return one_line(paper.title)


def short_label(paper: Paper, limit: int) -> str:
    """A paper's visible label: its short name, or the first words of its title, at most `limit` characters."""
    text = one_line(paper.short_name or paper.title)
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:-") + "…"


def one_line(text: str) -> str:
    """Text as a map can show it: formulas read as plain text (`π` for `$\\pi$`, as SVG text cannot hold MathML), on
    one line, without the control characters XML cannot hold."""
    return plain_text(text).translate(ONE_LINE)
