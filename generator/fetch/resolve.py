"""Finding on arXiv, by title, the input papers that have no arXiv id, and keeping what is found in data/resolved.jsonl.

Titles are asked a few to a request (`ti:"..." OR ti:"..."`, one page of results each), so that the 73 papers
of the seed take 15 requests rather than 73. Each title is asked as its normalised words (lower case, no
punctuation), which no search operator can be read into. A paper is resolved when arXiv has exactly one paper
whose normalised title (enrich.merge.normalised_title) is the same as its own; with none or with two, it is
left unresolved. What is found is merged into resolved.jsonl as resolutions (store.py, key `resolves`), which
later builds read without the network (read/resolved.py): the paper keeps its title and slug, and gains
arXiv's id, authors, date, links and a full BibTeX entry. Nothing is written unless every request succeeds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.enrich.merge import merge_duplicates, normalised_title
from generator.errors import Notice, quoted
from generator.fetch.arxiv import fetch_feed, page_url
from generator.fetch.client import Client
from generator.fetch.store import RESOLVED_FILE, Change, Store, line_of, write
from generator.model import Record
from generator.read import Reading

TITLES_PER_REQUEST = 5
RESULTS_PER_REQUEST = 50  # an exact title comes first among the few papers whose titles hold it


@dataclass(frozen=True)
class Resolving:
    """What a resolve run looked for, found and wrote."""

    asked: int
    found: int
    unresolved: tuple[Record, ...]
    requests: int
    change: Change

    def report(self) -> list[str]:
        return [f"arXiv: {self.found:,} of {self.asked:,} papers without an arXiv id found by title in "
                f"{self.requests:,} request{'' if self.requests == 1 else 's'}", str(self.change)]

    def warning(self) -> Notice | None:
        """One warning naming every paper left unresolved."""
        if not self.unresolved:
            return None
        count = len(self.unresolved)
        titles = ", ".join(quoted(record.title) for record in self.unresolved)
        return Notice("resolve", None, f"{count:,} paper{'' if count == 1 else 's'} not found on arXiv by title: "
                      f"{titles}", "a match needs arXiv's title up to case and punctuation; give an 'id' by hand "
                                   "where you know one")


def unresolved_papers(reading: Reading) -> list[Record]:
    """The papers of a build's inputs that have no arXiv id, each once (as the build would merge them)."""
    records, _ = merge_duplicates(list(reading.records))
    return [record for record in records if record.arxiv_id is None]


def resolve(papers: list[Record], client: Client, api_url: str, data: Path) -> Resolving:
    """Each paper looked up by title; what is found merged into resolved.jsonl under `data`."""
    store = Store.load(data / RESOLVED_FILE, key="resolves")  # a damaged file stops the run before a request
    wanted = {normalised_title(paper.title): paper for paper in papers}
    keys = [key for key in wanted if searchable(key)]
    before, found = client.requests, {}
    for start in range(0, len(keys), TITLES_PER_REQUEST):
        batch = keys[start:start + TITLES_PER_REQUEST]
        feed = fetch_feed(client, page_url(api_url, title_query(batch), 0, RESULTS_PER_REQUEST))
        found |= matches(batch, feed.papers)
    change = store.merge([{"resolves": key, **line_of(record)} for key, record in found.items()])
    write([change])
    unresolved = tuple(paper for key, paper in wanted.items() if key not in found)
    return Resolving(len(wanted), len(found), unresolved, client.requests - before, change)


def searchable(key: str) -> str:
    """A normalised title as words a search can hold in quotes: no '+' or '#' (C++, C#), no doubled spaces."""
    return " ".join(key.replace("+", " ").replace("#", " ").split())


def title_query(keys: list[str]) -> str:
    return " OR ".join(f'ti:"{searchable(key)}"' for key in keys)


def matches(keys: list[str], records: tuple[Record, ...]) -> dict[str, Record]:
    """For each key, the one paper whose normalised title it is; keys with none or several are left out."""
    by_title: dict[str, dict] = {}
    for record in records:
        by_title.setdefault(normalised_title(record.title), {})[record.arxiv_id] = record
    return {key: next(iter(by_title[key].values())) for key in keys if len(by_title.get(key, {})) == 1}
