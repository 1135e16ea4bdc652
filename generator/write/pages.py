"""Rendering the Markdown pages from the Jinja templates beside this module."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from generator.enrich.links import find_links
from generator.enrich.tags import MAX_TAGS
from generator.write.markdown import front_matter, html_text, link_url, md_text

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@cache
def environment() -> Environment:
    """Templates produce Markdown; every untrusted value passes through the `md`, `md_list` (items joined by
    commas) or `url` filter."""
    env = Environment(loader=PackageLoader("generator.write", "templates"), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, autoescape=False)
    # Titles, tag names and dates recur on many pages: escape each once.
    md = cache(md_text)
    env.filters.update(md=md, md_list=lambda items: ", ".join(map(md, items)), url=link_url, date=cache(display_date),
                       html=html_text)
    env.globals.update(front_matter=front_matter, max_tags=MAX_TAGS)
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def display_date(date: str | None) -> str:
    """'Mar 11, 2024' for 2024-03-11, 'Mar 11' for a date without a year (--03-11)."""
    if not date:
        return ""
    year, month, day = date.rsplit("-", 2) if not date.startswith("--") else ("", *date[2:].split("-"))
    label = f"{MONTH_NAMES[int(month) - 1]} {int(day)}"
    return f"{label}, {year}" if year else label


def abstract_markdown(text: str) -> str:
    """The abstract as inert Markdown text, its http(s) links made clickable."""
    pieces, position = [], 0
    for span in find_links(text):
        pieces.append(md_text(text[position:span.start]))
        pieces.append(f"[{md_text(span.url)}]({link_url(span.url)})")
        position = span.end
    pieces.append(md_text(text[position:]))
    return "".join(pieces)
