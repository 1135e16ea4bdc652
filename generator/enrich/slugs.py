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


def assign_slugs(papers: list[Record], known: list[str | None] | None = None,
                 taken: frozenset[str] = frozenset()) -> tuple[list[str], list[Notice]]:
    """Each record's slug, in the order given: its `known` one (from the ledger) when it has one, else one from its
    title. Slugs in `taken` (every slug the catalogue ever published) are never given again. New papers whose
    titles give the same slug are told apart by -2, -3, ... in the order of (arXiv id, title, source), and each
    such case is reported."""
    known = known or [None] * len(papers)
    groups: dict[str, list[int]] = defaultdict(list)
    for index, paper in enumerate(papers):
        if known[index] is None:
            groups[make_slug(paper.title)].append(index)
    used = set(taken) | {slug for slug in known if slug is not None}
    free = {base for base in groups if base not in RESERVED and base not in used}
    used |= free
    slugs: list[str] = [slug or "" for slug in known]
    notices = []
    for base in sorted(groups):
        members = sorted(groups[base], key=lambda index: _identity(papers[index]))
        keeps_base = base in free
        for position, index in enumerate(members):
            slugs[index] = base if position == 0 and keeps_base else _next_free(base, used)
            if slugs[index] != base:
                holder = papers[members[0]] if keeps_base else None
                notices.append(_renamed(papers[index], slugs[index], holder, base in RESERVED))
    return slugs, notices


def _identity(paper: Record) -> tuple:
    return (str(paper.arxiv_id or ""), paper.title, paper.source)


def _next_free(base: str, taken: set[str]) -> str:
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    taken.add(f"{base}-{number}")
    return f"{base}-{number}"


def _renamed(paper: Record, slug: str, holder: Record | None, reserved: bool) -> Notice:
    reason = (f"its title gives the same page name as line {holder.source.line} of {holder.source.file}"
              if holder else "its title gives a reserved page name" if reserved
              else "its title gives the page name of a paper published before (see the ledger)")
    return Notice(paper.source.file, paper.source.line, f"{reason}; its page name is {slug}",
                  "nothing to do unless the two are the same paper")
