"""MkDocs hooks: the search engine the generator chose for the catalogue, Pagefind's index, lean HTML.

The generator writes its choice into the docs_dir (.catalogue-build.json). With Pagefind, the
templates show the Pagefind-driven search dialog, and after the build this hook indexes the site
with the Pagefind binary (from the pagefind[bin] package). Every page's indentation is dropped:
a fifth of each page's bytes, which matters for a site of tens of thousands of pages.
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


def on_config(config):
    config.extra["catalogue_search"] = search_engine(config.docs_dir)
    return config


def on_post_page(output: str, page, config) -> str:
    return without_indentation(output)


def on_post_build(config) -> None:
    if config.extra.get("catalogue_search") != "pagefind":
        return
    command = [sys.executable, "-m", "pagefind", "--site", config.site_dir, "--quiet",
               "--exclude-selectors", PAGEFIND_EXCLUDE]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise PluginError(f"Pagefind failed to index {config.site_dir}: {result.stderr.strip() or result.stdout.strip()}")
