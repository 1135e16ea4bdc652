"""Mentions: an abstract that names another paper of the catalogue, by short name or by full title.

Short names are matched exactly on name boundaries ("CodeT5" is not found in "CodeT5+", "T5" not
in "SpeechT5"), and only names that cannot be ordinary words (a digit or two capitals in each
word, such as "UL2" or "CodeT5"). A short name that several papers share is ambiguous: reported,
never guessed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from generator.enrich.names import NameMatcher, is_name_like
from generator.enrich.phrases import words_of
from generator.errors import Notice
from generator.model import Paper

TITLE_MIN_WORDS = 4


def find_mentions(papers: list[Paper]) -> tuple[list[Paper], list[Notice]]:
    """Papers with the slugs of the papers they mention and of those that mention them."""
    owners: dict[str, list[Paper]] = defaultdict(list)
    for paper in papers:
        if paper.short_name and is_name_like(paper.short_name):
            owners[paper.short_name].append(paper)
    names = NameMatcher({name: [name] for name, holders in owners.items() if len(holders) == 1})
    titles = title_index(papers)
    mentions = {}
    for paper in papers:
        text = paper.text
        named = [owners[name][0].slug for name in names.find(text)] + titles_in(words_of(text), titles)
        mentions[paper.slug] = tuple(slug for slug in dict.fromkeys(named) if slug != paper.slug)
    mentioned_by: dict[str, list[str]] = defaultdict(list)
    for slug, targets in sorted(mentions.items()):
        for target in targets:
            mentioned_by[target].append(slug)
    papers = [replace(paper, mentions=mentions[paper.slug], mentioned_by=tuple(mentioned_by[paper.slug]))
              for paper in papers]
    return papers, _ambiguous(owners)


def title_index(papers: list[Paper]) -> dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]]:
    """Full titles of at least TITLE_MIN_WORDS words, by their first words, with the slug they name."""
    index: dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for paper in papers:
        words = tuple(words_of(paper.title))
        if len(words) >= TITLE_MIN_WORDS:
            index[words[:TITLE_MIN_WORDS]].append((words, paper.slug))
    return index


def titles_in(words: list[str], index: dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]]) -> list[str]:
    """Slugs of the full titles found word for word in a text, in order of appearance."""
    # Each opening is TITLE_MIN_WORDS words: the shifted lists are shorter by design, and zip stops at the shortest.
    openings = list(zip(*(words[offset:] for offset in range(TITLE_MIN_WORDS)), strict=False))
    if not index.keys() & set(openings):
        return []  # the usual case, decided in one set operation
    found = []
    for start, opening in enumerate(openings):
        for title, slug in index.get(opening, ()):
            if tuple(words[start:start + len(title)]) == title:
                found.append(slug)
    return found


def _ambiguous(owners: dict[str, list[Paper]]) -> list[Notice]:
    notices = []
    for name, holders in sorted(owners.items()):
        if len(holders) > 1:
            first, *others = sorted(holders, key=lambda paper: paper.source)
            notices.append(Notice(first.source.file, first.source.line,
                                  f"short name {name!r} is shared with {', '.join(p.slug for p in others)}; "
                                  "mentions of it are not linked", "rename one in its title if they differ"))
    return notices
