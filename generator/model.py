"""The records every stage passes on: papers as read, then as enriched, and the catalogue."""

from __future__ import annotations

from dataclasses import dataclass

from generator.errors import Notice


@dataclass(frozen=True, order=True)
class Source:
    """Where a record was read: a file path as given and a 1-based line number."""

    file: str
    line: int


@dataclass(frozen=True)
class RelatedLink:
    """A link from one paper to a similar one, with the evidence for it."""

    slug: str
    score: float
    terms: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    pinned: bool = False  # set by the curator


@dataclass(frozen=True)
class Paper:
    """One paper. The reader fills the first block; enrichment returns copies with the rest."""

    title: str
    abstract: str
    source: Source
    date: str | None = None
    authors: tuple[str, ...] = ()
    arxiv_id: str | None = None
    categories: tuple[str, ...] = ()

    slug: str = ""
    short_name: str | None = None
    text: str = ""
    links: tuple[str, ...] = ()
    code_url: str | None = None
    tags: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()  # entity slugs named in the abstract
    mentions: tuple[str, ...] = ()  # slugs of catalogue papers named in the abstract
    mentioned_by: tuple[str, ...] = ()
    related: tuple[RelatedLink, ...] = ()


@dataclass(frozen=True)
class Tag:
    """A taxonomy tag: its name, what it means, and the phrases that assign it."""

    name: str
    slug: str
    description: str
    phrases: tuple[str, ...] = ()
    parent: str | None = None
    fallback: bool = False
    kind: str = "topic"  # "topic" from the taxonomy, "category" from arXiv categories


@dataclass(frozen=True)
class Entity:
    """A well-known model, method, dataset or benchmark that abstracts name."""

    name: str
    slug: str
    kind: str
    description: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalogue:
    """Every paper of a build, sorted by slug, with the tags in use and what went wrong on the way."""

    papers: tuple[Paper, ...]
    tags: tuple[Tag, ...]
    entities: tuple[Entity, ...] = ()  # those that some paper names
    listing_dates: tuple[str, ...] = ()
    warnings: tuple[Notice, ...] = ()

    def by_slug(self) -> dict[str, Paper]:
        return {paper.slug: paper for paper in self.papers}

    def papers_by_tag(self) -> dict[str, list[Paper]]:
        """Each tag's papers, in slug order."""
        tagged: dict[str, list[Paper]] = {tag.name: [] for tag in self.tags}
        for paper in self.papers:
            for tag in paper.tags:
                tagged[tag].append(paper)
        return tagged
