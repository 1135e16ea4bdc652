"""Topic maps: static SVG drawings of related papers, for a whole catalogue, one tag, or one paper's neighbours.

Each map is one line of HTML, `<figure class="topic-map"><svg>...</svg></figure>`, to paste into a Markdown
page as raw HTML: Python-Markdown passes a block-level element through untouched, whereas a bare `<svg>` is not
block-level and would get Markdown applied to its text. Links are `xlink:href` (Material's instant navigation
throws on SVG `<a href>`); `link_for` gives each paper's href relative to the page that embeds the map, since
MkDocs rewrites no link inside raw HTML. Every title, tag name and href is escaped: nothing becomes markup.

The layout is force-directed (springs along links, repulsion between all papers, gravity to the centre),
seeded and rounded, so the same catalogue always gives the same bytes. A map draws at most MAX_NODES papers,
so its cost is O(MAX_NODES^2) whatever the size of the catalogue.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from generator.model import Paper, Tag
from generator.write.markdown import ENTITIES, replacer
from generator.write.math import plain_text

LinkFor = Callable[[Paper], str]
Tags = Mapping[str, Tag] | Iterable[Tag]
Box = tuple[float, float, float, float]  # left, top, right, bottom

MAX_NODES = 300
MAX_EDGES = 2 * MAX_NODES  # the strongest links among the papers drawn
MAX_LABELS = 14
MAX_NEIGHBOURS = 10
ITERATIONS = 300
GRAVITY = 1.5
LABEL_CHARS = 24
NEIGHBOUR_LABEL_CHARS = 28
MAX_LINK = 140  # the longest a link between two close papers is drawn, so that a small map stays compact
CHAR_WIDTH = 0.56  # average glyph width in em, to keep labels apart without measuring text

MAP_WIDTH, MAP_HEIGHT, MARGIN = 900, 600, 16
FONT_SIZE, NEAR_FONT_SIZE = 14, 12  # the catalogue map shows at about 3/4 scale in Material's content column
LEGEND_ROW = 20
NEAR_WIDTH, NEAR_HEIGHT, NEAR_RX, NEAR_RY = 440, 260, 46, 100

# Mid-luminance colours (relative luminance 0.205): each has a contrast of 3.9:1 or more both on white and on
# Material's dark background #1e2129. Top-level tags take them in taxonomy order; the rest share OTHER.
PALETTE = ("#337ce2", "#c76005", "#248f50", "#e33e59", "#9b63d2", "#9d7808", "#118a95", "#d146a2", "#4e8c23",
           "#a8612f")
OTHER = "#7d7d7d"
OTHER_AREAS = "Other areas"

# XML escaping (html.escape with quote=True) plus the characters Markdown and its extensions read as syntax,
# as in markdown.py; whitespace that could end a raw HTML block becomes a space, other controls go.
ESCAPES = ENTITIES | {ord('"'): "&quot;", ord("'"): "&#39;", ord("\n"): " ", ord("\r"): " ", ord("\t"): " "} \
    | {code: None for code in range(32) if chr(code) not in "\n\r\t"}
_escape = replacer(ESCAPES)


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


# Public maps


def catalogue_map(papers: Sequence[Paper], tags: Tags, link_for: LinkFor) -> str:
    """The related-paper graph of a catalogue (its MAX_NODES best-connected papers), or "" without papers."""
    return draw_map(most_connected(papers), tags, link_for, "papers")


def tag_map(tag_name: str, papers: Sequence[Paper], tags: Tags, link_for: LinkFor) -> str:
    """The related-paper graph of one tag's papers (at most MAX_NODES), or "" when no paper has the tag."""
    tagged = [paper for paper in papers if tag_name in paper.tags]
    return draw_map(most_connected(tagged), tags, link_for, f"papers tagged {tag_name}")


def neighbourhood_map(paper: Paper, by_slug: Mapping[str, Paper], tags: Tags, link_for: LinkFor,
                      colour_of: Callable[[Paper], str] | None = None) -> str:
    """A paper among its related papers and those it mentions or is mentioned by; "" when it has none.
    A catalogue's pages share one `colour_of` (painter(tags)), which remembers each paper's colour."""
    neighbours = neighbours_of(paper, by_slug)
    if not neighbours:
        return ""
    heading = f"{short_label(paper, NEIGHBOUR_LABEL_CHARS)} and {len(neighbours)} linked papers" \
        + ("; dashed lines are mentions" if any(relation != "related" for _, relation, _ in neighbours) else "")
    body = (f'<text class="topic-map__caption" x="8" y="16">{escape(heading)}</text>'
            + near_edges(neighbours) + near_nodes(paper, neighbours, colour_of or painter(tag_index(tags)), link_for))
    return figure(NEAR_WIDTH, NEAR_HEIGHT, NEAR_FONT_SIZE, heading, body)


# The graph


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


# Layout


def force_layout(count: int, edges: Sequence[Edge], aspect: float) -> np.ndarray:
    """Positions in [-aspect, aspect] x [-1, 1] after ITERATIONS cooling steps of a Fruchterman-Reingold layout."""
    rng = np.random.default_rng(0)
    positions = rng.uniform(-1.0, 1.0, (count, 2)) * (aspect, 1.0)
    ends = np.array([(edge.source, edge.target) for edge in edges], dtype=int).reshape(-1, 2)
    scores = np.array([edge.score for edge in edges], dtype=float)
    weights = (scores / scores.mean())[:, None] if len(edges) else scores[:, None]
    spacing = spacing_of(count, aspect)
    for step in range(ITERATIONS):
        temperature = 0.15 * aspect * (1 - step / ITERATIONS) + 0.002
        moves = forces(positions, ends, weights, spacing, aspect)
        lengths = np.maximum(np.hypot(moves[:, 0], moves[:, 1]), 1e-9)[:, None]
        # Rounding each step keeps the layout identical wherever numpy's reductions sum in another order.
        positions = np.round(positions + moves / lengths * np.minimum(lengths, temperature), 6)
    return positions


def forces(positions: np.ndarray, ends: np.ndarray, weights: np.ndarray, spacing: float, aspect: float) -> np.ndarray:
    """Repulsion k^2/d between every two papers, attraction d^2/k along links (stronger for a better score),
    and gravity to the centre."""
    dx = positions[:, 0, None] - positions[None, :, 0]
    dy = positions[:, 1, None] - positions[None, :, 1]
    push = spacing * spacing / np.maximum(dx * dx + dy * dy, 1e-6)
    np.fill_diagonal(push, 0.0)
    total = np.stack([(dx * push).sum(axis=1), (dy * push).sum(axis=1)], axis=1)
    stretch = positions[ends[:, 0]] - positions[ends[:, 1]]
    pull = stretch * np.hypot(stretch[:, 0], stretch[:, 1])[:, None] * weights / spacing
    np.add.at(total, ends[:, 0], -pull)
    np.add.at(total, ends[:, 1], pull)
    return total - GRAVITY * positions * (1.0 / aspect, 1.0) * math.sqrt(len(positions))


def fit(positions: np.ndarray, box: Box, spacing: float) -> np.ndarray:
    """Positions scaled to fill a box and centred in it, rounded to one decimal. An axis stretches at most half
    again as much as the other, and a small map no further than MAX_LINK between papers a spacing apart."""
    low, high = positions.min(axis=0), positions.max(axis=0)
    size = np.array([box[2] - box[0], box[3] - box[1]])
    scale = np.minimum(size / np.maximum(high - low, 1e-9), MAX_LINK / spacing)
    scale = np.minimum(scale, 1.5 * scale.min())
    middle = np.array([box[0] + box[2], box[1] + box[3]]) / 2
    return np.round((positions - (low + high) / 2) * scale + middle, 1)


def spacing_of(count: int, aspect: float) -> float:
    """Fruchterman and Reingold's ideal distance between papers, k = sqrt(area / papers)."""
    return math.sqrt(4 * aspect / max(count, 1))


# The catalogue and tag maps


def draw_map(graph: Graph, tags: Tags, link_for: LinkFor, what: str) -> str:
    """A whole map: caption, links, papers with their labels, and the legend of areas."""
    if not graph.papers:
        return ""
    index = tag_index(tags)
    areas = [area_of(paper, index) for paper in graph.papers]
    legend, legend_height = legend_svg(areas, area_colours(index))
    box = (MARGIN + 10, MARGIN + 30, MAP_WIDTH - MARGIN - 10, MAP_HEIGHT - legend_height - MARGIN - 6)
    aspect = (box[2] - box[0]) / (box[3] - box[1])
    points = fit(force_layout(len(graph.papers), graph.edges, aspect), box, spacing_of(len(graph.papers), aspect))
    body = (caption_svg(graph, what) + edges_svg(graph, points)
            + nodes_svg(graph, points, painter(index), link_for, box) + legend)
    return figure(MAP_WIDTH, MAP_HEIGHT, FONT_SIZE, f"Map of {caption(graph, what)}",
                  body)


def nodes_svg(graph: Graph, points: np.ndarray, colour_of: Callable[[Paper], str], link_for: LinkFor,
              box: Box) -> str:
    """Every paper as a dot sized by its links; labelled papers come last, so no dot hides their labels."""
    radii = np.round(np.minimum(3.5 + 1.5 * np.sqrt(graph.degrees()), 11), 1)
    labels = place_labels(graph, points, radii, box)
    order = sorted(range(len(graph.papers)), key=lambda i: (i in labels, i))
    nodes = "".join(node_svg(graph.papers[i], points[i], radii[i], colour_of(graph.papers[i]),
                             link_for(graph.papers[i]), labels.get(i, "")) for i in order)
    return f'<g class="topic-map__nodes">{nodes}</g>'


def caption(graph: Graph, what: str) -> str:
    """What the map shows: all the papers, or the best-connected ones of how many."""
    shown = len(graph.papers)
    counted = f"{shown:,} {what}" if shown == graph.total else f"The {shown:,} most connected of {graph.total:,} {what}"
    return f"{counted}; lines join related papers, larger dots have more links"


def caption_svg(graph: Graph, what: str) -> str:
    return (f'<text class="topic-map__caption" x="{MARGIN}" y="{MARGIN + 6}">'
            f"{escape(caption(graph, what))}.</text>")


def edges_svg(graph: Graph, points: np.ndarray) -> str:
    """Links as two paths, the stronger half of the scores drawn bolder."""
    if not graph.edges:
        return ""
    best = max(edge.score for edge in graph.edges)
    strong = [edge for edge in graph.edges if edge.score >= best / 2]
    weak = [edge for edge in graph.edges if edge.score < best / 2]
    return ('<g class="topic-map__edges" fill="none" stroke="currentColor">'
            + edge_path(strong, points, 'stroke-opacity=".4" stroke-width="1.2"')
            + edge_path(weak, points, 'stroke-opacity=".2" stroke-width=".8"') + "</g>")


def edge_path(edges: list[Edge], points: np.ndarray, style: str) -> str:
    if not edges:
        return ""
    moves = "".join(f"M{number(points[edge.source][0])} {number(points[edge.source][1])}"
                    f"L{number(points[edge.target][0])} {number(points[edge.target][1])}" for edge in edges)
    return f'<path class="topic-map__edge" {style} d="{moves}"/>'


def node_svg(paper: Paper, point: np.ndarray, radius: float, colour: str, href: str, label: str) -> str:
    """One paper: a link holding its tooltip, its dot and, for a few, a visible label."""
    return (f'<a xlink:href="{escape(href)}"><title>{escape(describe(paper))}</title>'
            f'<circle cx="{number(point[0])}" cy="{number(point[1])}" '
            f'r="{number(radius)}" fill="{colour}"/>{label}</a>')


def legend_svg(areas: list[str], colours: dict[str, str]) -> tuple[str, int]:
    """The colours of the areas on the map, in taxonomy order, in rows along the bottom; and its height."""
    uncoloured = any(area not in colours for area in areas)
    shown = [area for area in colours if area in areas] + ([OTHER_AREAS] if uncoloured else [])
    entries, x, row = [], MARGIN, 0
    for area in shown:
        width = 16 + text_width(area, FONT_SIZE) + 18
        if x + width > MAP_WIDTH - MARGIN and x > MARGIN:
            x, row = MARGIN, row + 1
        entries.append(legend_entry(area, colours.get(area, OTHER), x, row))
        x += width
    height = (row + 1) * LEGEND_ROW
    top = MAP_HEIGHT - MARGIN - height
    return f'<g class="topic-map__legend" transform="translate(0 {top})">{"".join(entries)}</g>', height


def legend_entry(area: str, colour: str, x: float, row: int) -> str:
    y = row * LEGEND_ROW + LEGEND_ROW / 2
    return (f'<circle cx="{number(x + 5)}" cy="{number(y)}" r="5" fill="{colour}"/>'
            f'<text x="{number(x + 14)}" y="{number(y + 4)}">{escape(area)}</text>')


# Labels


def place_labels(graph: Graph, points: np.ndarray, radii: np.ndarray, box: Box) -> dict[int, str]:
    """Labels for up to MAX_LABELS of the best-connected papers, each beside its dot and clear of the other labels:
    first where it hides no dot, then, for the papers still unlabelled, where it hides no dot's centre."""
    degrees = graph.degrees()
    ranked = sorted(range(len(graph.papers)), key=lambda i: (-degrees[i], graph.papers[i].slug))
    candidates = [i for i in ranked if degrees[i] > 0][:3 * MAX_LABELS]
    placed: list[Box] = []
    labels: dict[int, str] = {}
    for clearance in (radii + 1, np.full(len(radii), 3.0)):
        for i in (i for i in candidates if i not in labels and len(labels) < MAX_LABELS):
            text = short_label(graph.papers[i], LABEL_CHARS)
            spot = free_spot(text, i, (points, radii, clearance), placed, box)
            if spot:
                placed.append(spot[0])
                labels[i] = label_svg(text, *spot[1:])
    return labels


def free_spot(text: str, i: int, dots: tuple[np.ndarray, np.ndarray, np.ndarray], placed: list[Box],
              box: Box) -> tuple[Box, float, float, str] | None:
    """The first of right, left, above and below dot i where its label stays clear of the box's edges, the
    labels placed and the dots (centres, radii, clearances); with the text's position and anchor."""
    points, radii, clearance = dots
    for spot in label_spots(text, points[i][0], points[i][1], radii[i]):
        if inside(spot[0], box) and not any(overlap(spot[0], other) for other in placed) \
                and not hits_dots(spot[0], points, clearance, i):
            return spot
    return None


def label_spots(text: str, x: float, y: float, radius: float) -> list[tuple[Box, float, float, str]]:
    """Where a label can stand beside its dot: its box, the text's position and anchor."""
    width, gap, half = text_width(text, FONT_SIZE), radius + 3, FONT_SIZE / 2
    baseline = y + FONT_SIZE * 0.35
    return [((x + gap, y - half, x + gap + width, y + half), x + gap, baseline, "start"),
            ((x - gap - width, y - half, x - gap, y + half), x - gap, baseline, "end"),
            ((x - width / 2, y - gap - FONT_SIZE, x + width / 2, y - gap), x, y - gap - 3, "middle"),
            ((x - width / 2, y + gap, x + width / 2, y + gap + FONT_SIZE), x, y + gap + FONT_SIZE * 0.8, "middle")]


def hits_dots(label: Box, points: np.ndarray, clearance: np.ndarray, own: int) -> bool:
    """Whether a label's box comes within each dot's clearance of its centre, its own dot apart."""
    nearest_x = np.clip(points[:, 0], label[0], label[2])
    nearest_y = np.clip(points[:, 1], label[1], label[3])
    hit = np.hypot(points[:, 0] - nearest_x, points[:, 1] - nearest_y) < clearance
    hit[own] = False
    return bool(hit.any())


def overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] + 2 and b[0] < a[2] + 2 and a[1] < b[3] and b[1] < a[3]


def inside(a: Box, box: Box) -> bool:
    return a[0] >= box[0] - 10 and a[2] <= box[2] + 10 and a[1] >= box[1] - 10 and a[3] <= box[3] + 10


def label_svg(text: str, x: float, y: float, anchor: str) -> str:
    return f'<text {label_position(x, y, anchor)}>{escape(text)}</text>'


def label_position(x: float, y: float, anchor: str) -> str:
    return f'x="{number(x)}" y="{number(y)}"' + (f' text-anchor="{anchor}"' if anchor != "start" else "")


# The neighbourhood map


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


@functools.cache
def near_points(count: int) -> tuple[tuple[float, float], ...]:
    """Places on an ellipse around the centre, clockwise from just right of the top."""
    angles = [-math.pi / 2 + (i + 0.5) * 2 * math.pi / count for i in range(count)]
    return tuple((round(NEAR_WIDTH / 2 + NEAR_RX * math.cos(a), 1), round(NEAR_HEIGHT / 2 + NEAR_RY * math.sin(a), 1))
                 for a in angles)


@functools.cache
def near_spots(count: int) -> tuple[tuple[str, str, str], ...]:
    """For each of `count` neighbours, the SVG attributes that place its circle, its line from the centre and its
    label (beside the dot, away from the centre): the same for every map with as many neighbours."""
    centre_x, centre_y = NEAR_WIDTH / 2, NEAR_HEIGHT / 2
    spots = []
    for x, y in near_points(count):
        anchor, shift = ("start", 10) if x >= centre_x else ("end", -10)
        spots.append((f'cx="{number(x)}" cy="{number(y)}"', f"M{number(centre_x)} {number(centre_y)}L{number(x)} {number(y)}",
                      label_position(x + shift, y + 4, anchor)))
    return tuple(spots)


def near_edges(neighbours: list[tuple[Paper, str, float]]) -> str:
    """A line from the centre to each neighbour: thicker for a better related score, dashed for a mention."""
    best = max([score for _, _, score in neighbours] + [1e-9])
    lines = []
    for (_, line, _), (_, relation, score) in zip(near_spots(len(neighbours)), neighbours):
        style = (f'stroke-width="{number(1 + 2 * score / best)}"' if relation == "related"
                 else 'stroke-width="1.2" stroke-dasharray="4 3"')
        lines.append(f'<path {style} d="{line}"/>')
    return f'<g class="topic-map__edges" fill="none" stroke="currentColor" stroke-opacity=".45">{"".join(lines)}</g>'


def near_nodes(paper: Paper, neighbours: list[tuple[Paper, str, float]], colour_of: Callable[[Paper], str],
               link_for: LinkFor) -> str:
    """The paper at the centre (not a link: it is this page) and each neighbour as a labelled link."""
    nodes = [f'<g class="topic-map__centre"><title>{escape(describe(paper))}</title>'
             f'<circle cx="{number(NEAR_WIDTH / 2)}" cy="{number(NEAR_HEIGHT / 2)}" r="9" '
             f'fill="{colour_of(paper)}" stroke="currentColor" stroke-width="2"/></g>']
    for (circle, _, label), (other, relation, _) in zip(near_spots(len(neighbours)), neighbours):
        nodes.append(f'<a xlink:href="{escape(link_for(other))}"><title>{escape(describe(other))} ({relation})'
                     f'</title><circle {circle} r="6" fill="{colour_of(other)}"/>'
                     f'<text {label}>{escape(short_label(other, NEIGHBOUR_LABEL_CHARS))}</text></a>')
    return f'<g class="topic-map__nodes">{"".join(nodes)}</g>'


# Areas and colours


def tag_index(tags: Tags) -> dict[str, Tag]:
    """Tags by name, from a mapping or from a sequence of tags."""
    return dict(tags) if isinstance(tags, Mapping) else {tag.name: tag for tag in tags}


def area_of(paper: Paper, tags: dict[str, Tag]) -> str:
    """A paper's main tag: its first top-level topic (an area such as Language or Vision), else the area above
    its first topic, else its first tag (an arXiv category), else OTHER_AREAS."""
    topics = [name for name in paper.tags if name in tags and tags[name].kind == "topic"]
    top = next((name for name in topics if tags[name].parent is None), None)
    if top or topics:
        return top or root_of(topics[0], tags)
    return paper.tags[0] if paper.tags else OTHER_AREAS


def root_of(name: str, tags: dict[str, Tag]) -> str:
    """The top-level tag above a tag, as far as the given tags go."""
    seen = {name}
    while tags[name].parent in tags and tags[name].parent not in seen:
        name = tags[name].parent
        seen.add(name)
    return name


def area_colours(tags: dict[str, Tag]) -> dict[str, str]:
    """The palette's colours for the top-level tags, topics first, in the order given: an area keeps its colour
    on every map of a catalogue."""
    tops = [tag for tag in tags.values() if tag.parent is None]
    areas = [tag.name for tag in tops if tag.kind == "topic"] + [tag.name for tag in tops if tag.kind != "topic"]
    return dict(zip(areas, PALETTE))


def painter(tags: dict[str, Tag]) -> Callable[[Paper], str]:
    """The colour of a paper's area, found once per paper."""
    colours = area_colours(tags)
    known: dict[str, str] = {}

    def colour_of(paper: Paper) -> str:
        if paper.slug not in known:
            known[paper.slug] = colours.get(area_of(paper, tags), OTHER)
        return known[paper.slug]
    return colour_of


# Text


def describe(paper: Paper) -> str:
    """A paper's tooltip: its title, with its short name when the title does not start with it; formulas read as
    plain text (`π` for `$\\pi$`), since SVG text cannot hold MathML."""
    title = plain_text(paper.title)
    if paper.short_name and not paper.title.startswith(paper.short_name):
        return f"{plain_text(paper.short_name)}: {title}"
    return title


def short_label(paper: Paper, limit: int) -> str:
    """A paper's visible label: its short name, or the first words of its title, at most `limit` characters."""
    text = plain_text(paper.short_name or paper.title)
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:-") + "…"


def text_width(text: str, size: float) -> float:
    return len(text) * CHAR_WIDTH * size


def escape(text: str) -> str:
    """Text safe as XML element content or a quoted attribute, and inert to Markdown."""
    return _escape(text)


def number(value: float) -> str:
    """A coordinate with at most one decimal: 12, 12.5, -3."""
    text = repr(round(float(value), 1) + 0.0)  # + 0.0: no "-0"
    return text[:-2] if text.endswith(".0") else text


def figure(width: int, height: int, font_size: int, label: str, body: str) -> str:
    """The SVG in a block-level figure, on one line, left out of the search indexes (Material's and Pagefind's)."""
    name = escape(label)
    return (f'<figure class="topic-map" data-search-exclude="true" data-pagefind-ignore="all">'
            f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" style="max-width:100%;height:auto" '
            f'role="group" aria-label="{name}" font-size="{font_size}" fill="currentColor">'
            f"<title>{name}</title>{body}</svg></figure>")
