"""A paper's neighbourhood map as data: the page carries its neighbours (link, label, colour, line) as JSON,
and assets/javascripts/catalogue-near.js draws the SVG in the browser.

The drawn map was 2.7 KB of SVG on every paper page, most of it repeating titles and links the page already
shows; the data is about a fifth of that. Which papers are neighbours, their order, labels and colours are
decided here (topicmap.neighbours_of, short_label, the catalogue's painter); the script only places them on an
ellipse around the paper, as topicmap's static drawing does. The JSON is inert inside the page: "<", ">" and
"&" are written as \\u escapes, so no title can close the script element or open markup, and the script sets
every value as text or attribute, never as HTML.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

from generator.model import Paper
from generator.write.topicmap import NEIGHBOUR_LABEL_CHARS, LinkFor, neighbours_of, short_label

RELATIONS = {"related": "r", "mentioned": "m", "mentions this paper": "b"}  # as catalogue-near.js reads them
INERT = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def neighbourhood(paper: Paper, by_slug: Mapping[str, Paper], link_for: LinkFor,
                  colour_of: Callable[[Paper], str]) -> dict | None:
    """The map's data: a caption, the paper's colour, and per neighbour [href, label, colour, relation, line
    width] (width 0 for a mention, drawn dashed); None when the paper has no neighbour in the catalogue."""
    neighbours = neighbours_of(paper, by_slug)
    if not neighbours:
        return None
    best = max([score for _, _, score in neighbours] + [1e-9])
    caption = f"{short_label(paper, NEIGHBOUR_LABEL_CHARS)} and {len(neighbours)} linked papers" \
        + ("; dashed lines are mentions" if any(relation != "related" for _, relation, _ in neighbours) else "")
    return {"caption": caption, "colour": colour_of(paper),
            "near": [[link_for(other), short_label(other, NEIGHBOUR_LABEL_CHARS), colour_of(other),
                      RELATIONS[relation], round(1 + 2 * score / best, 1) if relation == "related" else 0]
                     for other, relation, score in neighbours]}


def neighbourhood_html(data: dict | None) -> str:
    """The map's frame on one line (the MkDocs hook lifts such lines past Markdown), holding its data; ""
    without neighbours."""
    if data is None:
        return ""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(INERT)
    return ('<div class="topic-map-frame topic-map-frame--paper">'
            f'<script type="application/json" class="catalogue-near">{payload}</script></div>')
