"""Pagefind's index of the built site: the step after `mkdocs build` or `zensical build`, for big catalogues.

The generator chooses the search (lunr, the site engine's own, or Pagefind) and writes its choice into the
docs_dir. The templates learn it from CATALOGUE_SEARCH (mkdocs.yml: `extra.catalogue_search`), which `make site`
and the Pages workflow set from `python -m generator search-index --chosen`. This step then checks that the built
pages offer the search the generator chose, and with Pagefind indexes them with the Pagefind binary (from the
pagefind[bin] package). It runs as a command of its own so that MkDocs and Zensical builds get the same index.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from generator.addresses import BUILD_FILE
from generator.errors import InputError
from generator.site import load_site

ENVIRONMENT = "CATALOGUE_SEARCH"
PAGEFIND_MARK = "data-catalogue-search"  # on the search dialog of pages built for Pagefind (overrides/partials)
# Parts of a page that only repeat other pages' titles: lists, related papers, permalinks.
PAGEFIND_EXCLUDE = ".catalogue-list, .related-papers, .paper-source, .headerlink, .catalogue-pager"


def chosen_search(docs_dir: Path) -> str:
    """'pagefind' or 'lunr', as the generator decided; lunr when the docs were not generated."""
    try:
        return json.loads((docs_dir / BUILD_FILE).read_text(encoding="utf-8")).get("search", "lunr")
    except (OSError, ValueError):
        return "lunr"


def offered_search(site_dir: Path) -> str:
    """'pagefind' or 'lunr', as the built home page offers it."""
    home = site_dir / "index.html"
    try:
        html = home.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(str(home), None, f"cannot read: {error.strerror}",
                         "build the site first: mkdocs build, or zensical build") from None
    return "pagefind" if PAGEFIND_MARK in html else "lunr"


def index_site(site_dir: Path, docs_dir: Path) -> str:
    """Check that the built pages offer the chosen search and index them for Pagefind; returns the search."""
    chosen, offered = chosen_search(docs_dir), offered_search(site_dir)
    if chosen != offered:
        raise InputError(str(site_dir), None, f"the pages offer {offered} search but the generator chose {chosen}",
                         f"build the site again with {ENVIRONMENT}={chosen} set, as make site does")
    if chosen == "pagefind":
        run_pagefind(site_dir)
    return chosen


def run_pagefind(site_dir: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet",
               "--exclude-selectors", PAGEFIND_EXCLUDE]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        output = (result.stderr.strip() or result.stdout.strip()).replace("\n", " ")
        raise InputError(str(site_dir), None, f"Pagefind failed to index it: {output}",
                         "check that pagefind[bin] from requirements.txt is installed")


def command(arguments: argparse.Namespace) -> int:
    """`python -m generator search-index [SITE]`, or with --chosen only print the choice."""
    docs_dir = arguments.docs or arguments.config.parent / load_site(arguments.config).docs_dir
    if arguments.chosen:
        print(chosen_search(docs_dir))
        return 0
    search = index_site(arguments.site, docs_dir)
    done = "indexed for Pagefind search" if search == "pagefind" else "lunr search, nothing to index"
    print(f"{arguments.site}: {done}")
    return 0
