"""MkDocs hooks: the search engine the generator chose for the catalogue, Pagefind's index, lean HTML.

The generator writes its choice into the docs_dir (.catalogue-build.json). With Pagefind, the
templates show the Pagefind-driven search dialog, and after the build this hook indexes the site
with the Pagefind binary (from the pagefind[bin] package). Every page's indentation is dropped:
a fifth of each page's bytes, which matters for a site of tens of thousands of pages.

The topic maps are raw HTML that Python-Markdown would pass through unchanged, after parsing
every SVG element of them: 1.6 of the 5.9 ms a paper page takes to convert. They are lifted
out of the Markdown before conversion and put back, byte for byte, after it (a test compares
the HTML both ways). The generator writes each map on one line of its own.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

BUILD_FILE = ".catalogue-build.json"
# Parts of a page that only repeat other pages' titles: lists, related papers, permalinks.
PAGEFIND_EXCLUDE = ".catalogue-list, .related-papers, .paper-source, .headerlink, .catalogue-pager"


# Whitespace runs that hold a line break become one line break, except inside elements where it matters.
INDENTATION = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)|[ \t]*\n\s*", re.S | re.I)


def without_indentation(html: str) -> str:
    """The page as the browser renders it, without the template's indentation."""
    return INDENTATION.sub(lambda match: match.group(1) or "\n", html)


def search_engine(docs_dir: str) -> str:
    """'pagefind' or 'lunr', as the generator decided; lunr when the docs were not generated."""
    try:
        return json.loads((Path(docs_dir) / BUILD_FILE).read_text(encoding="utf-8")).get("search", "lunr")
    except (OSError, ValueError):
        return "lunr"


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


def on_config(config):
    config.extra["catalogue_search"] = search_engine(config.docs_dir)
    return config


def on_page_markdown(markdown: str, page, config, files) -> str:
    markdown, page.catalogue_maps = lift_maps(markdown)
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    return restore_maps(html, getattr(page, "catalogue_maps", []))


def on_post_page(output: str, page, config) -> str:
    return without_indentation(output)


def on_post_build(config) -> None:
    if config.extra.get("catalogue_search") != "pagefind":
        return
    command = [sys.executable, "-m", "pagefind", "--site", config.site_dir, "--quiet",
               "--exclude-selectors", PAGEFIND_EXCLUDE]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        said = result.stderr.strip() or result.stdout.strip()
        raise PluginError(f"Pagefind failed to index {config.site_dir}: {said}")
