"""Fetch stage: new papers from the arXiv API and Hugging Face daily papers, kept in JSON Lines under data/.

`fetch` asks every source first and writes after: a failed request, an answer that is not what the API
sends, or the request cap reached mid-way raises a FetchError before any file is touched, so data/ stays as
it was. Each file is then merged and replaced atomically (store.py); a build reads it as any JSON Lines input.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from generator.errors import Notice
from generator.fetch.client import Client
from generator.fetch.settings import Source
from generator.fetch.store import Change, Store, line_of, write


@dataclass(frozen=True)
class Fetching:
    """What a fetch run got from each source, and what it did to each file."""

    papers: tuple[tuple[str, int, int], ...]  # per source: its name, the papers it gave, the requests it took
    changes: tuple[Change, ...]
    notices: tuple[Notice, ...]

    def report(self) -> list[str]:
        got = [f"{name}: {papers:,} paper{'' if papers == 1 else 's'} in {requests:,} request"
               f"{'' if requests == 1 else 's'}" for name, papers, requests in self.papers]
        return got + [str(change) for change in self.changes]


def today() -> datetime.date:
    """The day a fetch ends on by default: today in UTC, the time zone of arXiv's submission dates."""
    return datetime.datetime.now(datetime.UTC).date()


def fetch(wanted: list[Source], client: Client, data: Path) -> Fetching:
    """Every source fetched, then its file under `data` merged and written; nothing written if anything fails."""
    stores = [Store.load(data / source.file) for source in wanted]  # a damaged file stops the run before a request
    results = []
    for source in wanted:
        before = client.requests
        results.append((source, source.fetch(client), client.requests - before))
    changes = [store.merge([line_of(record) for record in fetched.records])
               for store, (_, fetched, _) in zip(stores, results, strict=True)]
    write(changes)
    return Fetching(tuple((source.name, len(fetched.records), requests) for source, fetched, requests in results),
                    tuple(changes), tuple(notice for _, fetched, _ in results for notice in fetched.notices))
