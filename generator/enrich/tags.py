"""Topical tags from the curator's taxonomy file: loading and checking it, then tagging papers."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import yaml
from pydantic import Field

from generator.enrich.phrases import PhraseMatcher
from generator.enrich.slugs import make_slug
from generator.errors import InputError, Notice
from generator.model import Paper, Tag
from generator.yamlfile import Entry, Text, load_models

TITLE_WEIGHT = 3
ABSTRACT_HITS_CAP = 3
MIN_SCORE = 2
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


CATEGORY_NAMES = Path(__file__).with_name("arxiv-categories.yaml")


def category_tags(papers: list[Paper]) -> tuple[Tag, ...]:
    """A tag for each arXiv category that papers carry, named by its code, described by arXiv's name for it."""
    names = yaml.safe_load(CATEGORY_NAMES.read_text(encoding="utf-8"))["categories"]
    used = sorted({category for paper in papers for category in paper.categories})
    return tuple(Tag(name=code, slug=make_slug(code, fallback="category"), kind="category",
                     description=f"arXiv category {code}" + (f": {names[code]}." if code in names else "."))
                 for code in used)


def assign_tags(papers: list[Paper], tags: tuple[Tag, ...]) -> list[Paper]:
    """Papers with their best-scoring topical tags (at most MAX_TAGS, at least one), then their arXiv categories."""
    matcher = PhraseMatcher({tag.name: list(tag.phrases) for tag in tags})
    order = {tag.name: position for position, tag in enumerate(tags)}
    fallback = next((tag.name for tag in tags if tag.fallback), tags[0].name)
    return [replace(paper, tags=(_best_tags(score_tags(paper, matcher), order) or (fallback,)) + paper.categories)
            for paper in papers]


def score_tags(paper: Paper, matcher: PhraseMatcher) -> Counter[str]:
    """Each tag's score for a paper: title hits weigh TITLE_WEIGHT, abstract hits count up to a cap."""
    scores = Counter({name: hits * TITLE_WEIGHT for name, hits in matcher.count(paper.title).items()})
    for name, hits in matcher.count(paper.text).items():
        scores[name] += min(hits, ABSTRACT_HITS_CAP)
    return scores


def _best_tags(scores: Counter[str], order: dict[str, int]) -> tuple[str, ...]:
    ranked = sorted((name for name, score in scores.items() if score >= MIN_SCORE),
                    key=lambda name: (-scores[name], order[name]))
    return tuple(sorted(ranked[:MAX_TAGS], key=order.__getitem__))
