"""Duplicates: one paper read twice (same arXiv id, else same normalised title) becomes one record."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from generator.errors import Notice, quoted
from generator.model import Record
from generator.values import ArxivId

NOT_TITLE_CHARACTERS = re.compile(r"[^\w+#]+")


def normalised_title(title: str) -> str:
    """A title compared without case, accents' encoding or punctuation ("C++" and "C#" keep theirs)."""
    return NOT_TITLE_CHARACTERS.sub(" ", unicodedata.normalize("NFKC", title).casefold()).replace("_", " ").strip()


def merge_duplicates(papers: list[Record]) -> tuple[list[Record], list[Notice]]:
    """Papers with duplicates folded into their first occurrence, and a notice naming both places."""
    kept, notices, _ = fold_duplicates(papers)
    return kept, notices


def fold_duplicates(papers: list[Record]) -> tuple[list[Record], list[Notice], list[list[Record]]]:
    """As merge_duplicates, and for each paper kept the records folded into it, itself first."""
    kept: list[Record] = []
    members: list[list[Record]] = []
    by_id: dict[ArxivId, int] = {}
    by_title: dict[str, list[int]] = {}
    notices = []
    for paper in papers:
        title = normalised_title(paper.title)
        position = by_id.get(paper.arxiv_id) if paper.arxiv_id else None
        if position is None:
            position = next((index for index in by_title.get(title, ())
                             if not (paper.arxiv_id and kept[index].arxiv_id)), None)
        if position is None:
            by_title.setdefault(title, []).append(len(kept))
            position = len(kept)
            kept.append(paper)
            members.append([paper])
        else:
            members[position].append(paper)
            notices.append(_merged(kept[position], paper))
            kept[position] = combine(kept[position], paper)
        if paper.arxiv_id:
            by_id.setdefault(paper.arxiv_id, position)
    return kept, notices, members


def combine(first: Record, other: Record) -> Record:
    """The first record, with what only the other one knows filled in, and the longer author list of the two
    (a listing names three authors, the arXiv API all of them)."""
    return replace(first, date=first.date or other.date, arxiv_id=first.arxiv_id or other.arxiv_id,
                   authors=first.authors if len(first.authors) >= len(other.authors) else other.authors,
                   categories=tuple(dict.fromkeys(first.categories + other.categories)),
                   doi=first.doi or other.doi, venue=first.venue or other.venue,
                   venue_type=first.venue_type or other.venue_type, pdf_url=first.pdf_url or other.pdf_url,
                   code_url=first.code_url or other.code_url, upvotes=first.upvotes or other.upvotes,
                   issued=first.issued or other.issued, abstract=first.abstract or other.abstract)


def _merged(first: Record, other: Record) -> Notice:
    differs = "" if first.abstract == other.abstract else "; the abstracts differ and the first is kept"
    return Notice(other.source.file, other.source.line,
                  f"same paper as {first.source.file}:{first.source.line} ({quoted(first.title)}); merged{differs}",
                  "remove one of the two copies")
