"""Rendering the Markdown pages from the Jinja templates beside this module."""

from __future__ import annotations

import datetime
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context

from generator.addresses import NAMED, Addresses, Target
from generator.enrich.links import find_links
from generator.enrich.tags import MAX_TAGS
from generator.values import PaperDate
from generator.write.markdown import front_matter, html_text, link_url, md_text
from generator.write.math import math_markdown


@cache
def environment(addresses: Addresses) -> Environment:
    """Templates produce Markdown; every untrusted value passes through the `md`, `math` (titles: inert text with
    their formulas as MathML), `md_list` (items joined by commas) or `url` filter, and every link to another page
    of the site through `link`."""
    env = Environment(loader=PackageLoader("generator.write", "templates"), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, autoescape=False)
    # Titles, tag names and dates recur on many pages: escape each once.
    md = cache(md_text)
    env.filters.update(md=md, math=math_markdown, md_list=lambda items: ", ".join(map(md, items)), url=link_url,
                       date=display_date, html=html_text, link=_linker(addresses))
    env.globals.update(front_matter=front_matter, max_tags=MAX_TAGS, **NAMED)
    return env


def _linker(addresses: Addresses):
    @pass_context
    def link(context: Context, target: Target) -> str:
        """A relative link from the page being rendered (its path is `here` in the context) to a target."""
        return addresses.link(context["here"], target)
    return link


def render(addresses: Addresses, template: str, **context) -> str:
    return environment(addresses).get_template(template).render(**context)


def display_date(date: PaperDate | datetime.date) -> str:
    return (PaperDate.of(date) if isinstance(date, datetime.date) else date).display


def abstract_markdown(text: str) -> str:
    """The abstract as inert Markdown text with its formulas as MathML, its http(s) links made clickable."""
    pieces, position = [], 0
    for span in find_links(text):
        before = math_markdown(text[position:span.start])
        # A "!" right before the link would make it an image, loaded from the abstract's URL: write it as an entity.
        pieces.append(before[:-1] + "&#33;" if before.endswith("!") else before)
        pieces.append(f"[{md_text(span.url)}]({link_url(span.url)})")
        position = span.end
    pieces.append(math_markdown(text[position:]))
    return "".join(pieces)
