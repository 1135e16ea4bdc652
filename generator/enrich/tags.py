"""Topical tags from the curator's taxonomy file: loading and checking it, then tagging papers."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import yaml
from pydantic import Field, field_validator

from generator.enrich.phrases import JOINT, PhraseMatcher
from generator.enrich.slugs import make_slug
from generator.errors import InputError, Notice
from generator.model import Paper, Tag
from generator.yamlfile import Entry, Text, load_models

TITLE_BONUS = 2
MIN_SCORE = 3
MAX_TAGS = 6  # topical tags a paper carries at most, whether found or added by the curator


class TagEntry(Entry):
    """One tag as the curator writes it in the taxonomy file."""

    noun: ClassVar[str] = "tag"
    shape: ClassVar[str] = "write each tag as '- name: ...' with a description and phrases"
    name: Text = Field(description="give every tag a 'name:'")
    description: Text = Field(description="add a one-line 'description:'")
    phrases: list[Text] = Field([], description="write phrases: [word, another phrase]")
    parent: Text | None = Field(None, description="name an existing tag as parent, or remove 'parent:'")
    fallback: bool = Field(False, description="write 'fallback: true' on the area for papers that match nothing")

    def tag(self) -> Tag:
        return Tag(name=self.name, slug=make_slug(self.name, fallback="tag"), description=self.description,
                   phrases=tuple(self.phrases), parent=self.parent, fallback=self.fallback)

    @field_validator("phrases", mode="before")
    @classmethod
    def _groups(cls, phrases: object) -> object:
        """A list inside the phrases is a group written once with a YAML anchor (&name [...]) and repeated
        by other tags (*name): its phrases count as the tag's own."""
        if not isinstance(phrases, list):
            return phrases
        return [phrase for item in phrases for phrase in (item if isinstance(item, list) else [item])]


def load_taxonomy(path: Path) -> tuple[Tag, ...]:
    """The tags of a taxonomy file, checked as a whole; every problem is reported at once."""
    entries, problems = load_models(path, "tags", TagEntry)
    located = [(line, entry.tag()) for line, entry in entries]
    problems += _check_names(path, located)
    if not located and not problems:
        problems.append(Notice(str(path), None, "no tags defined", "add at least one tag under 'tags:'"))
    if problems:
        raise InputError.collected(problems)
    return tuple(tag for _, tag in located)


def _check_names(path: Path, located: list[tuple[int, Tag]]) -> list[Notice]:
    """Names and page names must be unique, and parents must exist."""
    problems = []
    for attribute, what in (("name", "name"), ("slug", "page name")):
        seen: dict[str, str] = {}
        for line, tag in located:
            value = getattr(tag, attribute)
            if value in seen:
                problems.append(Notice(str(path), line, f"tags {seen[value]!r} and {tag.name!r} share a {what}",
                                       "rename one of them"))
            seen.setdefault(value, tag.name)
    names = {tag.name for _, tag in located}
    problems += [Notice(str(path), line, f"tag {tag.name!r}: unknown parent {tag.parent!r}",
                        "name an existing tag as parent, or remove 'parent:'")
                 for line, tag in located if tag.parent is not None and tag.parent not in names]
    return problems


def lineage(name: str, tags: Mapping[str, Tag]) -> list[str]:
    """A tag and the tags above it, nearest first, as far as `tags` (by name) holds them; a cycle ends the walk."""
    chain = [name]
    while name in tags and tags[name].parent in tags and tags[name].parent not in chain:
        name = tags[name].parent
        chain.append(name)
    return chain


CATEGORY_NAMES = Path(__file__).with_name("arxiv-categories.yaml")


def category_tags(papers: list[Paper], kept: frozenset[str] = frozenset()) -> tuple[Tag, ...]:
    """A tag for each arXiv category that papers carry, and each known category whose tag slug is in `kept` (tag
    pages published before), named by its code, described by arXiv's name for it."""
    names = yaml.safe_load(CATEGORY_NAMES.read_text(encoding="utf-8"))["categories"]
    used = sorted({category for paper in papers for category in paper.categories}
                  | {code for code in names if make_slug(code, fallback="category") in kept})
    return tuple(Tag(name=code, slug=make_slug(code, fallback="category"), kind="category", title=names.get(code, ""),
                     description=f"arXiv category {code}" + (f": {names[code]}." if code in names else "."))
                 for code in used)


def assign_tags(papers: list[Paper], tags: tuple[Tag, ...]) -> list[Paper]:
    """Papers with their best-scoring topical tags (at most MAX_TAGS), then their arXiv categories. A paper
    that earns no topical tag gets the tag marked `fallback: true`, if the taxonomy has one."""
    matcher = PhraseMatcher({tag.name: list(tag.phrases) for tag in tags})
    order = {tag.name: position for position, tag in enumerate(tags)}
    owners = shared_phrases(tags)
    areas = frozenset(tag.name for tag in tags if tag.parent is None)
    fallback = tuple(tag.name for tag in tags if tag.fallback)[:1]
    return [replace(paper, tags=(_best_tags(score_tags(paper, matcher, owners, areas), order) or fallback)
                    + paper.categories)
            for paper in papers]


def shared_phrases(tags: tuple[Tag, ...]) -> dict[str, list[str]]:
    """Phrases that several areas (top-level tags) list, each with those areas in taxonomy order."""
    areas: dict[str, list[str]] = {}
    for tag in tags:
        for phrase in dict.fromkeys(tag.phrases) if tag.parent is None else ():
            areas.setdefault(phrase, []).append(tag.name)
    return {phrase: names for phrase, names in areas.items() if len(names) > 1}


def score_tags(paper: Paper, matcher: PhraseMatcher, owners: dict[str, list[str]] | None = None,
               areas: frozenset[str] = frozenset()) -> Counter[str]:
    """Each tag's points for a paper from the distinct phrases of it found in the title and abstract
    (repeating a word adds nothing): 2 for a phrase written as several words, 1 for a single word, and
    TITLE_BONUS more for a phrase in the title; for an area (`areas`, the broad top-level tags) a title
    phrase's bonus is at most its own weight, so that no single word assigns an area, even in the title.
    A tag needs MIN_SCORE points.

    A phrase that several areas list (`owners`) belongs to the first of them, unless the paper earns a
    later one on its other phrases: then it counts for that one instead ("llm*" under Language and Code:
    in a paper about code the language model is a tool, so it does not make the paper one on language)."""
    in_title = matcher.found(paper.title)
    in_abstract = matcher.found(paper.text)
    owners = owners or {}

    def points(name: str, counts: Callable[[str], bool]) -> int:
        return sum(_evidence({phrase for phrase in in_title.get(name, ()) if counts(phrase)},
                             {phrase for phrase in in_abstract.get(name, ()) if counts(phrase)},
                             name in areas).values())

    names = in_title.keys() | in_abstract.keys()
    alone = {name: points(name, lambda phrase: phrase not in owners) for name in names}
    sharing = {name for name in names if owners.keys() & (in_title.get(name, set()) | in_abstract.get(name, set()))}

    def counts_for(name: str, phrase: str) -> bool:
        holders = owners.get(phrase)
        if not holders or name not in holders:  # a narrower tag keeps every phrase it lists
            return True
        claiming = [holder for holder in holders[1:] if alone.get(holder, 0) >= MIN_SCORE]
        return name in claiming if claiming else name == holders[0]

    return Counter({name: points(name, functools.partial(counts_for, name)) if name in sharing else alone[name]
                    for name in names})


def _evidence(in_title: set[str], in_abstract: set[str], area: bool = False) -> dict[str, int]:
    """A tag's points per distinct phrase: its weight, and TITLE_BONUS more if it is in the title (for an
    area, no more than its weight: a lone word in the title earns 2 points, short of MIN_SCORE)."""
    same = _distinct(in_title | in_abstract)
    points: dict[str, int] = {}
    for phrase, one in same.items():
        points[one] = max(points.get(one, 0), _form(phrase)[1])
    for one in {same[phrase] for phrase in in_title}:
        points[one] += min(TITLE_BONUS, points[one]) if area else TITLE_BONUS
    return points


def _distinct(phrases: set[str]) -> dict[str, str]:
    """Each phrase found for one tag, and the one phrase it counts as: phrases that differ only in their
    joints ("time series", "time-series") are one, and so are an abbreviation and the phrase it abbreviates
    ("rl", "reinforcement learning")."""
    forms = {phrase: _form(phrase) for phrase in phrases}
    abbreviated = {initials: joined for joined, _, initials in forms.values() if initials}
    return {phrase: joined if initials else abbreviated.get(joined, abbreviated.get(joined.removesuffix("s"), joined))
            for phrase, (joined, _, initials) in forms.items()}


@functools.cache
def _form(phrase: str) -> tuple[str, int, str]:
    """A phrase without its joints ("timeseries"), its weight (2 if written as several words, 1 for one word,
    even hyphenated), and its initials if it has several words ("ts")."""
    words = [word for word in JOINT.split(phrase.rstrip("*").lower()) if word]
    initials = "".join(word[0] for word in words) if len(words) > 1 else ""
    return "".join(words), 2 if len(phrase.split()) > 1 else 1, initials


def _best_tags(scores: Counter[str], order: dict[str, int]) -> tuple[str, ...]:
    ranked = sorted((name for name, score in scores.items() if score >= MIN_SCORE),
                    key=lambda name: (-scores[name], order[name]))
    return tuple(sorted(ranked[:MAX_TAGS], key=order.__getitem__))
