"""Curation overrides: tags added or removed, related papers pinned or hidden, each paper named by slug or arXiv id."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from generator.enrich.tags import MAX_TAGS
from generator.errors import InputError, Notice
from generator.model import Paper, RelatedLink
from generator.values import ArxivId as ArxivIdentifier
from generator.yamlfile import Entry, Text, load_models


def _identifier(text: str) -> str:
    try:
        return str(ArxivIdentifier.parse(text))
    except ValueError:
        raise PydanticCustomError("string_pattern_mismatch", "not an arXiv identifier") from None


ArxivId = Annotated[str, AfterValidator(_identifier)]
SIMILAR_SLUG = 0.8  # difflib's similarity for "did you mean": slugs are long, and unrelated ones share words
CANDIDATES = 50  # slugs compared with difflib for each name, those sharing most words with it


class OverrideEntry(Entry):
    """One override as the curator writes it in the curation file."""

    slug: Text | None = Field(None, description="name the paper by its slug, the page name under papers/")
    id: ArxivId | None = Field(None, description="name the paper by its arXiv id, such as 2401.01234")
    add_tags: list[Text] = Field([], description="write add_tags: [tag name, ...] with names from the taxonomy")
    remove_tags: list[Text] = Field([], description="write remove_tags: [tag name, ...] with names from the taxonomy")
    pin_related: list[Text] = Field([], description="write pin_related: [slug or arXiv id, ...]")
    hide_related: list[Text] = Field([], description="write hide_related: [slug or arXiv id, ...]")

    @model_validator(mode="after")
    def _names_one_paper(self) -> OverrideEntry:
        if self.slug is None and self.id is None:
            raise PydanticCustomError("no_paper", "an override needs a 'slug:' or an 'id:'")
        if self.slug is not None and self.id is not None:
            raise PydanticCustomError("two_papers", "an override names its paper by 'slug:' or by 'id:', not both")
        return self

    def override(self, line: int) -> Override:
        return Override(line, self.slug or self.id, tuple(self.add_tags), tuple(self.remove_tags),
                        tuple(self.pin_related), tuple(self.hide_related))


@dataclass(frozen=True)
class Override:
    """What the curator changes on one paper, and where they wrote it. Papers are named by slug or arXiv id."""

    line: int
    paper: str
    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()
    pin_related: tuple[str, ...] = ()
    hide_related: tuple[str, ...] = ()


@dataclass(frozen=True)
class Curation:
    """Every override of a curation file, in the file's order."""

    file: str
    overrides: tuple[Override, ...] = ()


def load_curation(path: Path, tags: Collection[str] | None = None) -> Curation:
    """The overrides of a curation file, checked on their own and, given the taxonomy's `tags`, every tag
    they add or remove; the papers they name are checked against a build by `check_papers`. Every value is
    read as text, so an arXiv id such as 2401.01230 keeps its last zero."""
    if not path.exists():
        return Curation(str(path))
    entries, problems = load_models(path, "papers", OverrideEntry, loader=yaml.BaseLoader)
    curation = Curation(str(path), tuple(entry.override(line) for line, entry in entries))
    problems += _twice(curation) + (unknown_tags(curation, tags) if tags is not None else [])
    if problems:
        raise InputError.collected(sorted(problems, key=lambda problem: problem.line or 0))
    return curation


def _twice(curation: Curation) -> list[Notice]:
    first: dict[str, int] = {}
    for override in curation.overrides:
        first.setdefault(override.paper, override.line)
    return [Notice(curation.file, override.line, f"{override.paper!r} is overridden twice", "merge the two entries")
            for override in curation.overrides if first[override.paper] != override.line]


def unknown_tags(curation: Curation, tags: Collection[str]) -> list[Notice]:
    """An error for every tag an override adds or removes that the taxonomy does not have."""
    return [Notice(curation.file, override.line, f"unknown tag {tag!r}", _suggestion(tag, tags)
                   or "use a tag name from the taxonomy")
            for override in curation.overrides for tag in (*override.add_tags, *override.remove_tags)
            if tag not in tags]


class PaperNames:
    """The papers of one build, found by slug or by arXiv id (with or without its version)."""

    def __init__(self, papers: Iterable[Paper]) -> None:
        self.slugs: dict[str, str] = {}
        self.ids: dict[str, str] = {}
        for paper in papers:
            self.slugs[paper.slug] = paper.slug
            if paper.arxiv_id:
                self.ids[str(paper.arxiv_id)] = paper.slug

    def slug(self, name: str) -> str | None:
        """The slug of the paper `name` names in this build, or None."""
        identifier = _as_identifier(name)
        return self.ids.get(identifier) if identifier else self.slugs.get(name)

    def absent(self, file: str, line: int, name: str, message: str) -> Notice:
        """A warning that `name` is not in this build, with the slugs closest to it."""
        unneeded = "nothing to fix if these inputs do not include that paper"
        if _as_identifier(name):
            return Notice(file, line, message.format(name=repr(name)), unneeded)
        close = _suggestion(name, self._sharing_words(name), cutoff=SIMILAR_SLUG)
        return Notice(file, line, message.format(name=repr(name)),
                      close or f"no similar slug in this build; {unneeded}")

    def _sharing_words(self, name: str) -> list[str]:
        """The slugs that share most words with `name`: difflib over every slug of a large catalogue takes a
        second for each name, and a mistyped slug keeps most of its words."""
        shared = Counter(slug for word in sorted(set(name.split("-"))) for slug in self._by_word.get(word, ()))
        return sorted(shared, key=lambda slug: (-shared[slug], slug))[:CANDIDATES]

    @cached_property
    def _by_word(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for slug in sorted(self.slugs):
            for word in set(slug.split("-")):
                index.setdefault(word, []).append(slug)
        return index


def check_papers(curation: Curation, papers: Iterable[Paper]) -> list[Notice]:
    """A warning for every paper the curation names that is not in this build (its override, pin or hide is
    then skipped), and for a second override of one paper; nothing else about the build is checked."""
    names, first, warnings = PaperNames(papers), {}, []
    for override in curation.overrides:
        slug = names.slug(override.paper)
        if slug is None:
            warnings.append(names.absent(curation.file, override.line, override.paper,
                                         "paper {name} is not in this build; override skipped"))
        elif slug in first:
            warnings.append(Notice(curation.file, override.line, f"{override.paper!r} is {slug!r}, already "
                                   f"overridden on line {first[slug]}; override skipped", "merge the two entries"))
        else:
            first[slug] = override.line
            warnings += _absent_targets(curation.file, override, names)
    return warnings


def _absent_targets(file: str, override: Override, names: PaperNames) -> list[Notice]:
    pins = [names.absent(file, override.line, name, "pin_related: paper {name} is not in this build; not pinned")
            for name in override.pin_related if names.slug(name) is None]
    return pins + [names.absent(file, override.line, name, "hide_related: paper {name} is not in this build; ignored")
                   for name in override.hide_related if names.slug(name) is None]


def for_build(curation: Curation, papers: Iterable[Paper]) -> dict[str, Override]:
    """The overrides of this build's papers by slug, every paper in them named by its slug; what names a paper
    not in this build is left out (`check_papers` says what)."""
    names, found = PaperNames(papers), {}
    for override in curation.overrides:
        slug = names.slug(override.paper)
        if slug is not None and slug not in found:
            found[slug] = replace(override, paper=slug, pin_related=_slugs(override.pin_related, names),
                                  hide_related=_slugs(override.hide_related, names))
    return found


def apply_tags(papers: list[Paper], curation: Curation) -> list[Paper]:
    """Papers with the curator's tags added and removed; a paper left without a tag is an error."""
    overrides = for_build(curation, papers)
    return [_retagged(paper, overrides[paper.slug], curation.file) if paper.slug in overrides else paper
            for paper in papers]


def _retagged(paper: Paper, override: Override, file: str) -> Paper:
    kept = [tag for tag in paper.tags if tag not in override.remove_tags]
    topical = [tag for tag in kept if tag not in paper.categories]
    tags = [*topical, *(tag for tag in override.add_tags if tag not in kept)][:MAX_TAGS]
    if not tags:
        raise InputError(file, override.line, f"{paper.slug!r} would be left without a tag",
                         "add a tag, or remove fewer")
    return replace(paper, tags=tuple(tags) + paper.categories)


def apply_related(papers: list[Paper], curation: Curation, limit: int) -> list[Paper]:
    """Papers with pinned related papers first and hidden ones gone."""
    overrides = for_build(curation, papers)
    tags_of = {paper.slug: paper.tags for paper in papers}
    return [_curated(paper, overrides[paper.slug], limit, tags_of) if paper.slug in overrides else paper
            for paper in papers]


def _curated(paper: Paper, override: Override, limit: int, tags_of: dict[str, tuple[str, ...]]) -> Paper:
    found = {link.slug: link for link in paper.related}
    pinned = [replace(found.get(slug) or RelatedLink(slug=slug, score=0.0,
                                                     tags=tuple(tag for tag in paper.tags if tag in tags_of[slug])),
                      pinned=True)
              for slug in override.pin_related if slug != paper.slug]
    rest = [link for link in paper.related if link.slug not in override.pin_related + override.hide_related]
    return replace(paper, related=tuple(pinned + rest)[:max(limit, len(pinned))])


def _slugs(names: Iterable[str], papers: PaperNames) -> tuple[str, ...]:
    return tuple(slug for name in names if (slug := papers.slug(name)) is not None)


def _as_identifier(name: str) -> str | None:
    """The arXiv id a name is, without its version, or None for a slug."""
    try:
        return str(ArxivIdentifier.parse(name))
    except ValueError:
        return None


def _suggestion(name: str, names: Iterable[str], cutoff: float = 0.6) -> str:
    """ "did you mean 'a', 'b' or 'c'?" with the closest of `names`, or "" when none is close."""
    close = [repr(match) for match in difflib.get_close_matches(name, sorted(names), n=3, cutoff=cutoff)]
    listed = " or ".join([", ".join(close[:-1]), close[-1]]) if len(close) > 1 else "".join(close)
    return f"did you mean {listed}?" if close else ""
