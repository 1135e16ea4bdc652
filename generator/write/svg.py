"""Drawing the maps: the frozen data of generator/enrich/maps.py through the autoescaping SVG template."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from generator.enrich.maps import CatalogueMap, Neighbourhood, TopicMap
from generator.model import Paper, Topic

Href = Callable[[Paper | Topic], str]


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
