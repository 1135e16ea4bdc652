"""Page names: one slug per paper from its title, unique, and the same on every run."""

from __future__ import annotations

from collections import defaultdict

from slugify import slugify

from generator.errors import Notice
from generator.model import Record

SLUG_MAX_LENGTH = 80
RESERVED = frozenset({"index", "page", "tags", "papers", "search", "assets"})


def make_slug(text: str, fallback: str = "paper") -> str:
    """A lower-case ASCII slug of at most SLUG_MAX_LENGTH characters, cut at a word boundary."""
    return slugify(text, max_length=SLUG_MAX_LENGTH, word_boundary=True, save_order=True) or fallback


def assign_slugs(papers: list[Record]) -> tuple[list[str], list[Notice]]:
    """Each record's slug, in the order given. Papers whose titles give the same slug are told apart by -2, -3, ...
    in the order of (arXiv id, title, source), and each such case is reported."""
    groups: dict[str, list[int]] = defaultdict(list)
    for index, paper in enumerate(papers):
        groups[make_slug(paper.title)].append(index)
    taken = {base for base in groups if base not in RESERVED}
    slugs: list[str] = [""] * len(papers)
    notices = []
    for base in sorted(groups):
        members = sorted(groups[base], key=lambda index: _identity(papers[index]))
        keeps_base = base not in RESERVED
        for position, index in enumerate(members):
            slugs[index] = base if position == 0 and keeps_base else _next_free(base, taken)
            if slugs[index] != base:
                notices.append(_renamed(papers[index], slugs[index], papers[members[0]] if keeps_base else None))
    return slugs, notices


def _identity(paper: Record) -> tuple:
    return (str(paper.arxiv_id or ""), paper.title, paper.source)


def _next_free(base: str, taken: set[str]) -> str:
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    taken.add(f"{base}-{number}")
    return f"{base}-{number}"


def _renamed(paper: Record, slug: str, holder: Record | None) -> Notice:
    reason = (f"its title gives the same page name as line {holder.source.line} of {holder.source.file}"
              if holder else "its title gives a reserved page name")
    return Notice(paper.source.file, paper.source.line, f"{reason}; its page name is {slug}",
                  "nothing to do unless the two are the same paper")
