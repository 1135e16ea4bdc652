"""Pagefind's index of the built site: the step after `mkdocs build` or `zensical build`, for big catalogues.

The generator chooses the search (lunr, the site engine's own, or Pagefind) and writes its choice into the
docs_dir. The templates learn it from CATALOGUE_SEARCH (mkdocs.yml: `extra.catalogue_search`), which `make site`
and the Pages workflow set from `python -m generator search-index --chosen`. This step then checks that the built
pages offer the search the generator chose, and with Pagefind indexes them through Pagefind's Python API (the
pagefind[bin] package): the papers from the records the generator wrote, the other pages from their HTML.
It runs as a command of its own so that MkDocs and Zensical builds get the same index.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import shutil
from pathlib import Path

from pagefind.service import PagefindService

from generator.addresses import BUILD_FILE, SEARCH_RECORDS
from generator.errors import InputError
from generator.site import load_site

ENVIRONMENT = "CATALOGUE_SEARCH"
PAGEFIND_MARK = "data-catalogue-search"  # on the search dialog of pages built for Pagefind (overrides/partials)
# Parts of a page that only repeat other pages' titles: lists, related papers, permalinks.
BATCH = 256  # records in flight at once
# Pagefind holds a whole index in memory while it writes it, about 130 KB a paper (3.6 GB at 27,511 papers in
# one index): the papers go into bundles of at most SHARD_PAPERS, each made by its own process, and the search
# script merges them in the browser (Pagefind's mergeIndex), listed in pagefind/SHARDS_FILE.
SHARD_PAPERS = 5000
SHARDS_FILE = "catalogue-shards.json"
# Files Pagefind writes into every bundle that no page loads: its ready-made interfaces (the pages have Material's
# search dialog, partials/search-pagefind.html; Zensical's pages load the component interface) and, in the bundles
# merged into the first, its scripts (mergeIndex reads a bundle's entry, metadata, WebAssembly and index only).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-highlight.js")
SCRIPTS = ("pagefind.js", "pagefind-worker.js", "pagefind-component-ui.js", "pagefind-component-ui.css")
# Bundles made at once: a Pagefind process keeps about one core busy, and GitHub's runners have two (four for
# public repositories); each process's memory stays that of one bundle.
PARALLEL_BUNDLES = 2
PAGEFIND_EXCLUDE = [".catalogue-list", ".related-papers", ".paper-source", ".headerlink", ".catalogue-pager"]


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
        run_pagefind(site_dir, docs_dir)
    return chosen


def run_pagefind(site_dir: Path, docs_dir: Path, shard_papers: int = SHARD_PAPERS) -> None:
    """Pagefind's index of the site: the papers from the generator's records, the other pages (home, listings,
    tags, entities: a few hundred) from their built HTML. Parsing tens of thousands of built paper pages took
    Pagefind 4 GB; records carry only the text searched."""
    records = docs_dir / SEARCH_RECORDS
    try:
        papers = [json.loads(line) for line in records.read_text(encoding="utf-8").splitlines()]
    except OSError as error:
        raise InputError(str(records), None, f"cannot read: {error.strerror}",
                         "run the generator again (python -m generator build), then the site build") from None
    output = site_dir / "pagefind"
    shutil.rmtree(output, ignore_errors=True)
    shards = [papers[start:start + shard_papers] for start in range(0, len(papers), shard_papers)] or [[]]
    indexed = {paper["url"] for paper in papers}
    try:
        asyncio.run(_index_all(shards, output, site_dir, indexed))
    except Exception as error:  # the service reports its failures as plain exceptions
        raise InputError(str(site_dir), None, f"Pagefind failed to index it: {error}",
                         "check that pagefind[bin] from requirements.txt is installed") from None
    merged = [f"shards/{number}/" for number in range(1, len(shards))]
    (output / SHARDS_FILE).write_text(json.dumps({"merge": merged}) + "\n", encoding="utf-8")
    for bundle in (output, *(output / shard for shard in merged)):
        for name in UNUSED if bundle == output else UNUSED + SCRIPTS:
            (bundle / name).unlink(missing_ok=True)


async def _index_all(shards: list[list[dict]], output: Path, site_dir: Path, indexed: set[str]) -> None:
    """The bundles, PARALLEL_BUNDLES at a time, each by its own Pagefind process: the first with the site's other
    pages, the others under shards/N/."""
    slots = asyncio.Semaphore(PARALLEL_BUNDLES)

    async def bundle(number: int, papers: list[dict]) -> None:
        where, pages = (output / "shards" / str(number), ()) if number else (output, (site_dir, indexed))
        async with slots:
            for _ in range(2):  # a bundle found incomplete is made once more
                await _index(papers, where, *pages)
                if whole(where):
                    return
        raise Exception(f"its bundle {where} came out incomplete twice (no readable pagefind-entry.json or metadata)")
    await asyncio.gather(*(bundle(number, shard) for number, shard in enumerate(shards)))


def whole(bundle: Path) -> bool:
    """Whether a Pagefind bundle can load: its entry parses and each language's metadata is there. One test run on a
    loaded machine served entries that were not JSON, which left search without results."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        return all((bundle / f"pagefind.{language['hash']}.pf_meta").stat().st_size > 0
                   for language in entry["languages"].values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False


async def _index(papers: list[dict], output: Path, site_dir: Path | None = None,
                 indexed: frozenset[str] | set[str] = frozenset()) -> None:
    """One Pagefind bundle at `output`, made by a service of its own (its memory goes when it ends): some papers'
    records and, given the site, every built page that is not a paper's."""
    service = await _Service().launch()
    try:
        index = await service.create_index({"exclude_selectors": PAGEFIND_EXCLUDE, "force_language": "en"})
        for batch in range(0, len(papers), BATCH):  # sent together, answered in turn: no round trip per record
            await asyncio.gather(*(index.add_custom_record(url=paper["url"], content=paper["content"], language="en",
                                                           meta={"title": paper["title"]})
                                   for paper in papers[batch:batch + BATCH]))
        for page in sorted(site_dir.rglob("*.html")) if site_dir else ():
            url = "/" + page.relative_to(site_dir).as_posix().removesuffix("index.html")
            if url not in indexed:
                await index.add_html_file(content=page.read_text(encoding="utf-8"), url=url)
        await index.write_files(str(output))
    finally:
        await service.finish()


class _Service(PagefindService):
    """Pagefind's indexing service (pagefind 1.5.2, pinned), reading each answer as soon as it arrives: the
    package's reader sleeps 0.1 s before every answer, which makes 27,000 records take three quarters of an hour.
    It ends by closing the service's input, after which the service exits once its work is done; the package's
    close() terminates it, and once left a bundle's pagefind-entry.json empty."""

    async def finish(self, timeout: float = 300) -> None:
        self._backend.stdin.close()
        try:
            await asyncio.wait_for(self._backend.wait(), timeout)
        except TimeoutError:
            self._backend.terminate()
            await self._backend.wait()
        finally:
            self._poll_task.cancel()

    async def _wait_for_responses(self) -> None:
        while True:
            try:
                line = await self._backend.stdout.readuntil(b",")
            except asyncio.IncompleteReadError:  # the service has ended
                return
            answer = json.loads(base64.b64decode(line[:-1]))
            waiting = self._responses.pop(answer.get("message_id"), None) if answer else None
            if waiting is None:
                continue
            if answer["payload"]["type"] == "Error":
                waiting.set_exception(Exception(answer["payload"]["message"]))
            else:
                waiting.set_result(answer["payload"])


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
