"""MkDocs hooks: shortcuts that make a big catalogue's MkDocs build faster and its pages leaner.

They change nothing a reader gets, so a Zensical build, which runs no MkDocs hook, makes the same site
without them. (The search the generator chose reaches the templates through CATALOGUE_SEARCH, and
Pagefind's index is the step after the build: generator/search_index.py.) Every page's indentation is
dropped: a fifth of each page's bytes, which matters for a site of tens of thousands of pages.

The topic maps are raw HTML that Python-Markdown would pass through unchanged, after parsing
every SVG element of them: 1.6 of the 5.9 ms a paper page takes to convert. They are lifted
out of the Markdown before conversion and put back, byte for byte, after it (a test compares
the HTML both ways). The generator writes each map on one line of its own.
"""

from __future__ import annotations

import re

# Whitespace runs that hold a line break become one line break, except inside elements where it matters.
INDENTATION = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)|[ \t]*\n\s*", re.S | re.I)


def without_indentation(html: str) -> str:
    """The page as the browser renders it, without the template's indentation."""
    return INDENTATION.sub(lambda match: match.group(1) or "\n", html)


MAP_LINE = re.compile(r'^<div class="topic-map-frame[^"\n]*">.*</div>$', re.M)
MAP_PLACEHOLDER = re.compile(r"<!--catalogue-map-(\d+)-->")  # page text cannot hold "<!--": it is escaped


def lift_maps(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each map line replaced by a placeholder comment, and the maps in order."""
    maps: list[str] = []

    def placeholder(match: re.Match) -> str:
        maps.append(match.group())
        return f"<!--catalogue-map-{len(maps) - 1}-->"
    return MAP_LINE.sub(placeholder, markdown), maps


def restore_maps(html: str, maps: list[str]) -> str:
    """The converted page with its maps back in place of their placeholders."""
    return MAP_PLACEHOLDER.sub(lambda match: maps[int(match.group(1))], html) if maps else html


def on_page_markdown(markdown: str, page, config, files) -> str:
    markdown, page.catalogue_maps = lift_maps(markdown)
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    return restore_maps(html, getattr(page, "catalogue_maps", []))


def on_post_page(output: str, page, config) -> str:
    return without_indentation(output)
