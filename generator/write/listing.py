"""Paginated listings of papers: page 1 at the listing's own path, later pages beside it.

A listing never grows with the catalogue: each page holds at most PAGE_SIZE papers and links to
its neighbours, so the index and tag pages stay small at any size.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from generator.model import Paper

PAGE_SIZE = 200
FULL_DATE = re.compile(r"\d{4}-\d\d-\d\d")
YEARLESS_DATE = re.compile(r"--\d\d-\d\d")
PAGER_WINDOW = 3


@dataclass(frozen=True)
class ListingPage:
    """One page of a listing: its path, its papers and how to reach every other page."""

    path: str
    number: int
    count: int
    first: int
    papers: tuple[Paper, ...]
    pager: tuple[tuple[str, str | None], ...]  # (label, relative link or None for the current page / a gap)

    def link(self, path: str) -> str:
        """A relative Markdown link from this page to another generated file."""
        return relative(path, posixpath.dirname(self.path))


def page_path(first_path: str, number: int) -> str:
    """papers/index.md, papers/page/2.md, ...; tags/code.md, tags/code/2.md, ..."""
    if number == 1:
        return first_path
    if first_path.endswith("/index.md"):
        return f"{first_path.removesuffix('index.md')}page/{number}.md"
    return f"{first_path.removesuffix('.md')}/{number}.md"


def paginate(first_path: str, papers: list[Paper], size: int = PAGE_SIZE) -> list[ListingPage]:
    """The pages of a listing of papers, in the order given."""
    count = max(1, -(-len(papers) // size))
    paths = [page_path(first_path, number) for number in range(1, count + 1)]
    return [ListingPage(path=paths[number - 1], number=number, count=count, first=(number - 1) * size + 1,
                        papers=tuple(papers[(number - 1) * size:number * size]), pager=_pager(paths, number))
            for number in range(1, count + 1)]


def _pager(paths: list[str], current: int) -> tuple[tuple[str, str | None], ...]:
    if len(paths) == 1:
        return ()
    here = posixpath.dirname(paths[current - 1])
    shown = sorted({1, len(paths), *range(max(1, current - PAGER_WINDOW), min(len(paths), current + PAGER_WINDOW) + 1)})
    items: list[tuple[str, str | None]] = []
    for previous, number in zip([0, *shown], shown):
        if number - previous > 1:
            items.append(("…", None))
        items.append((str(number), None if number == current else relative(paths[number - 1], here)))
    return tuple(items)


def relative(path: str, start: str) -> str:
    """posixpath.relpath for paths inside the docs_dir (no "..", no leading "/"), without its getcwd per call:
    listings make a link per paper."""
    if not start:
        return path
    target, base = path.split("/"), start.split("/")
    common = 0
    while common < min(len(target) - 1, len(base)) and target[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + target[common:])


def newest_first(paper: Paper) -> tuple:
    """Sort key: full dates newest first, then yearless dates (--MM-DD, latest first), then undated; then title."""
    date = paper.date or ""
    kind = 0 if FULL_DATE.fullmatch(date) else 1 if YEARLESS_DATE.fullmatch(date) else 2
    return (kind, -int(date.replace("-", "")) if kind < 2 else 0, paper.title.casefold(), paper.slug)
