"""What the maps show, as frozen data: which papers, where, in which colour and with which labels.

Two maps: the catalogue's related-paper graph (its MAX_NODES best-connected papers, laid out by force) and a
paper's neighbourhood (its related papers and mentions around it). Nothing here is markup: the write stage
draws these values through an autoescaping template (generator/write/templates/map.svg.j2). A map draws at most
MAX_NODES papers, so its cost is O(MAX_NODES^2) whatever the size of the catalogue.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from generator.enrich.layout import Box, Label, around, laid_out, place_labels, text_width
from generator.enrich.tags import lineage
from generator.model import Paper, Tag

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
    """Related papers best first, then those the paper mentions and those mentioning it, each once: with how
    they are linked ("related", "mentioned", "mentions this paper") and the related score (0 for mentions)."""
    found: dict[str, tuple[Paper, str, float]] = {}
    links = [(link.slug, "related", link.score) for link in paper.related] \
        + [(slug, "mentioned", 0.0) for slug in paper.mentions] \
        + [(slug, "mentions this paper", 0.0) for slug in paper.mentioned_by]
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
    """Text as a map can show it: on one line, without the control characters XML cannot hold."""
    return text.translate(ONE_LINE)
