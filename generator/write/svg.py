"""Drawing the maps: the frozen data of generator/enrich/maps.py through the autoescaping SVG template, or, for a
paper's neighbourhood, as the data its page's script draws the same SVG from."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from generator.enrich.maps import OTHER, PALETTE, CatalogueMap, Neighbour, Neighbourhood, TopicMap
from generator.model import Paper, Topic

Href = Callable[[Paper | Topic], str]
# The colours as overrides/assets/javascripts/catalogue-neighbourhood.js lists them: a node names its colour by place.
COLOURS = (*PALETTE, OTHER)
# Inside <script>, "</script>" or "<!--" in a title would end or bend the element: JSON's own escapes keep them text.
SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


@cache
def environment() -> Environment:
    """SVG is XML: autoescaping makes every title, label and href text, whatever it holds."""
    env = Environment(loader=PackageLoader("generator.write", "templates"), undefined=StrictUndefined,
                      autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["number"] = number
    return env


def draw(picture: CatalogueMap | TopicMap | Neighbourhood | None, href: Href) -> str:
    """A map as one line of SVG in a figure, its papers and topics linked by `href`; "" for no map."""
    if picture is None:
        return ""
    kind = {Neighbourhood: "neighbourhood", TopicMap: "topics", CatalogueMap: "catalogue"}[type(picture)]
    return environment().get_template("map.svg.j2").render(kind=kind, picture=picture, href=href)


def number(value: float) -> str:
    """A coordinate with at most one decimal: 12, 12.5, -3."""
    text = repr(round(float(value), 1) + 0.0)  # + 0.0: no "-0"
    return text[:-2] if text.endswith(".0") else text


def neighbourhood_data(picture: Neighbourhood | None, listed: Sequence[str]) -> str:
    """A paper's neighbourhood map as a JSON island for catalogue-neighbourhood.js, which draws what `draw` would;
    "" for no map. A neighbour's link and title are its entry in the page's lists of papers, `listed` (their slugs
    in page order): the island names the entry by its place, and holds a neighbour's title only when the list's
    text would not read the same (a formula, or a short name the title does not start with)."""
    if picture is None:
        return ""
    data = {"caption": picture.heading, "title": picture.title, "size": [picture.width, picture.height],
            "font": picture.font_size, "centre": [coordinate(picture.cx), coordinate(picture.cy),
                                                  COLOURS.index(picture.colour)],
            "nodes": [node(other, listed) for other in picture.neighbours]}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(SCRIPT_SAFE)
    return f'<script type="application/json" class="neighbourhood-data">{text}</script>'


def node(other: Neighbour, listed: Sequence[str]) -> list:
    """[x, y, colour, label, 1 if the label ends at the dot, line width (0: dashed), place in `listed` (-1: not
    listed, drawn unlinked), and the title when the list's text is not it]."""
    place = listed.index(other.paper.slug) if other.paper.slug in listed else -1
    fields = [coordinate(other.x), coordinate(other.y), COLOURS.index(other.colour), other.label.text,
              int(other.label.anchor == "end"), 0 if other.stroke is None else coordinate(other.stroke), place]
    plain = place >= 0 and other.title == f"{other.paper.title} ({other.relation})" and "$" not in other.paper.title
    return fields if plain else [*fields, other.title]


def coordinate(value: float) -> int | float:
    """A number as `number` writes it, for JSON."""
    text = number(value)
    return float(text) if "." in text else int(text)
