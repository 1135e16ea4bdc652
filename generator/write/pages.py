"""Rendering the Markdown pages from the Jinja templates beside this module."""

from __future__ import annotations

import datetime
import re
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
    """Templates produce Markdown, or HTML (*.html.j2: a paper page's body); every untrusted value passes through the
    `md`, `math` (titles: inert text with their formulas as MathML), `md_list` (items joined by commas), `url` (a
    Markdown link target) or `href` (an HTML attribute) filter, and every link to another page of the site through
    `link`: the target's Markdown file, relative to the page's, which the engine turns into the target's URL and
    checks (in a paper's HTML body too: generator/mkdocs_hooks.py)."""
    env = Environment(loader=PackageLoader("generator.write", "templates"), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, autoescape=False)
    # Titles, tag names and dates recur on many pages: escape each once.
    md = cache(md_text)
    env.filters.update(md=md, math=math_markdown, md_list=lambda items: ", ".join(map(md, items)), url=link_url,
                       href=href, date=display_date, html=html_text, link=_linker(addresses))
    env.globals.update(front_matter=front_matter, max_tags=MAX_TAGS, **NAMED)
    return env


def _linker(addresses: Addresses):
    @pass_context
    def link(context: Context, target: Target) -> str:
        """A relative link from the page being rendered (its path is `here` in the context) to a target."""
        return addresses.link(context["here"], target)
    return link


def href(url: str) -> str:
    """An http(s) URL for an HTML attribute: made safe as a link target, then escaped (its & becomes &amp;)."""
    return html_text(link_url(url))


def render(addresses: Addresses, template: str, **context) -> str:
    return environment(addresses).get_template(template).render(**context)


def display_date(date: PaperDate | datetime.date) -> str:
    return (PaperDate.of(date) if isinstance(date, datetime.date) else date).display


PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def abstract_paragraphs(text: str) -> list[str]:
    """The abstract as paragraphs of inert HTML text with their formulas as MathML and their http(s) links made
    clickable; paragraphs are split where the text has a blank line."""
    return [_abstract_html(paragraph) for paragraph in PARAGRAPH_BREAK.split(text.strip()) if paragraph]


def _abstract_html(text: str) -> str:
    pieces, position = [], 0
    for span in find_links(text):
        pieces.append(math_markdown(text[position:span.start]))
        pieces.append(f'<a href="{href(span.url)}">{md_text(span.url)}</a>')
        position = span.end
    pieces.append(math_markdown(text[position:]))
    return "".join(pieces)
