"""Paginated listings of papers: page 1 at the listing's own path, later pages beside it.

A listing never grows with the catalogue: each page holds at most PAGE_SIZE papers and links to
its neighbours, so the index and tag pages stay small at any size.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.addresses import Addresses, relative
from generator.model import Paper

PAGE_SIZE = 200
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


def paginate(addresses: Addresses, first_path: str, papers: list[Paper], size: int = PAGE_SIZE) -> list[ListingPage]:
    """The pages of a listing of papers, in the order given."""
    count = max(1, -(-len(papers) // size))
    paths = [addresses.listing_page(first_path, number) for number in range(1, count + 1)]
    return [ListingPage(path=paths[number - 1], number=number, count=count, first=(number - 1) * size + 1,
                        papers=tuple(papers[(number - 1) * size:number * size]), pager=_pager(paths, number))
            for number in range(1, count + 1)]


def _pager(paths: list[str], current: int) -> tuple[tuple[str, str | None], ...]:
    if len(paths) == 1:
        return ()
    here = paths[current - 1].rpartition("/")[0]
    shown = sorted({1, len(paths), *range(max(1, current - PAGER_WINDOW), min(len(paths), current + PAGER_WINDOW) + 1)})
    items: list[tuple[str, str | None]] = []
    for previous, number in zip([0, *shown], shown, strict=False):  # each page number after the one before it
        if number - previous > 1:
            items.append(("…", None))
        items.append((str(number), None if number == current else relative(paths[number - 1], here)))
    return tuple(items)

