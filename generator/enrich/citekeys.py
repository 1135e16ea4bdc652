"""Citation keys: each paper's BibTeX key, made once from its short name, first author or title word and its year,
then kept by the ledger. Keys are unique even ignoring case (as BibTeX compares them), and a key once handed out
never names another paper.
"""

from __future__ import annotations

import itertools
import re
import string
from collections.abc import Iterable, Iterator

from slugify import slugify

from generator.model import Paper

KEY_NAME = r"[^A-Za-z0-9_-]+"  # what slugify drops from a key's name part
KEY_REPLACEMENTS = [["+", "Plus"], ["'", ""]]  # CodeT5+ is not CodeT5; O'Neil is ONeil, not O-Neil
TITLE_FILLER = frozenset({"a", "an", "the", "on", "of", "in", "for", "to", "towards", "with"})


def citation_keys(papers: Iterable[Paper], handed_out: Iterable[str] = ()) -> dict[str, str]:
    """Each paper's key by slug: the one it has (from the ledger), else one given in slug order, unique even
    ignoring case (as BibTeX compares them) among them and the lower-cased keys `handed_out` before, so a
    key once given never names another paper."""
    papers = sorted(papers, key=lambda paper: paper.slug)
    keys = {paper.slug: paper.citation_key for paper in papers if paper.citation_key}
    taken: set[str] = set(handed_out) | {key.lower() for key in keys.values()}
    candidates: dict[str, Iterator[str]] = {}  # per stem, from the first suffix not yet tried: "Wang2025" is common
    for paper in papers:
        if paper.slug in keys:
            continue
        stem = key_stem(paper)
        untried = candidates.setdefault(stem, keys_from(stem))
        keys[paper.slug] = next(key for key in untried if key.lower() not in taken)
        taken.add(keys[paper.slug].lower())
    return keys


def keys_from(stem: str) -> Iterator[str]:
    """The keys a stem gives, in the order they are tried: UL2_2022, UL2_2022a, UL2_2022b, ..."""
    return (joined(stem, letters) for letters in suffixes())


def key_stem(paper: Paper) -> str:
    """A key before its suffix letters: name and year."""
    return joined(key_name(paper), paper.publication[0] or "")


def key_name(paper: Paper) -> str:
    """The first of short name, first author's surname and first significant title word that gives an ASCII name."""
    candidates = [paper.short_name or "", surname(paper.authors[0]) if paper.authors else "", title_word(paper.title)]
    names = (slugify(name, lowercase=False, replacements=KEY_REPLACEMENTS, regex_pattern=KEY_NAME)
             for name in candidates)
    return next((name for name in names if name), "paper")


def surname(author: str) -> str:
    """The family name: before the comma of "Devlin, Jacob", else the last word."""
    family, comma, _ = author.partition(",")
    return family.strip() if comma else (author.split() or [""])[-1]


def title_word(title: str) -> str:
    """The first title word that is not an article or a preposition."""
    words = [word for word in re.split(r"[\s:]+", title) if word]
    return next((word for word in words if word.lower() not in TITLE_FILLER), words[0] if words else "")


def joined(left: str, right: str) -> str:
    """Two key parts, with "_" between them where they would run together (UL2_2022, Smith_a; Smith2022, UL2a)."""
    if left and right and left[-1].isalnum() and right[0].isalnum() and left[-1].isdigit() == right[0].isdigit():
        return f"{left}_{right}"
    return left + right


def suffixes() -> Iterator[str]:
    """The letters that tell apart papers with the same key: none, then a to z, then aa, ab, ..."""
    yield ""
    for length in itertools.count(1):
        yield from map("".join, itertools.product(string.ascii_lowercase, repeat=length))
