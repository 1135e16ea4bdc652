"""The records every stage passes on: papers as read (Record), as enriched (Paper), and the catalogue."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import Notice
from generator.values import ArxivId, PaperDate

if TYPE_CHECKING:
    from generator.ledger import Entry, Ledger


@dataclass(frozen=True, order=True)
class Source:
    """Where a record was read: a file path as given and a 1-based line number."""

    file: str
    line: int

    @property
    def public_file(self) -> str:
        """The file as a public page may name it: its path relative to the project (the working directory) when
        inside it, else its name alone, so no build machine's folders reach the site."""
        return _public_file(self.file, str(Path.cwd()))


@functools.lru_cache(maxsize=256)
def _public_file(file: str, cwd: str) -> str:
    """Source.public_file, once a file: a catalogue's papers come from a few files, and resolving a path asks the
    file system (two calls a paper took 8 s of a 27,511-paper build)."""
    path = Path(file)
    try:
        return path.resolve().relative_to(Path(cwd).resolve()).as_posix()
    except ValueError:
        return path.name


@dataclass(frozen=True)
class RelatedLink:
    """A link from one paper to a similar one, with the evidence for it."""

    slug: str
    score: float
    terms: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    pinned: bool = False  # set by the curator
    meaning: bool = False  # found mostly by the embeddings' sense of meaning, not by shared words


@dataclass(frozen=True)
class Record:
    """A paper as a reader found it: what the source says, and where it says it."""

    title: str
    abstract: str
    source: Source
    date: PaperDate = PaperDate()
    authors: tuple[str, ...] = ()
    arxiv_id: ArxivId | None = None
    categories: tuple[str, ...] = ()  # arXiv categories, the primary first
    doi: str | None = None  # bare, as 10.1234/abc
    venue: str | None = None  # where it was published: a journal reference or a proceedings' title
    venue_type: str | None = None  # "journal" or "proceedings" when the source says which
    pdf_url: str | None = None
    code_url: str | None = None  # a code repository the source names outside the abstract
    upvotes: int | None = None  # Hugging Face daily papers' votes
    issued: tuple[int, ...] = ()  # (year,) or (year, month) of publication when the source gives them (BibTeX)


@dataclass(frozen=True)
class Paper:
    """A paper of the catalogue: its record and everything enrichment found, every field set."""

    record: Record
    slug: str
    text: str  # the abstract as it should read: links whole, LaTeX escapes undone
    short_name: str | None
    links: tuple[str, ...]
    code_url: str | None
    tags: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()  # entity slugs named in the abstract
    mentions: tuple[str, ...] = ()  # slugs of catalogue papers named in the abstract
    mentioned_by: tuple[str, ...] = ()
    related: tuple[RelatedLink, ...] = ()
    key: str = ""  # its stable key in the ledger: arxiv:<id>, doi:<doi> or title:<hash>
    first_seen: datetime.date | None = None  # the build date of the first build that published it
    citation_key: str = ""  # handed out once, kept by the ledger
    known_keys: tuple[str, ...] = ()  # every stable key its records carry (duplicates merged into it too)

    @property
    def title(self) -> str:
        return self.record.title

    @property
    def source(self) -> Source:
        return self.record.source

    @property
    def date(self) -> PaperDate:
        return self.record.date

    @property
    def authors(self) -> tuple[str, ...]:
        return self.record.authors

    @property
    def arxiv_id(self) -> ArxivId | None:
        return self.record.arxiv_id

    @property
    def categories(self) -> tuple[str, ...]:
        return self.record.categories

    @property
    def doi(self) -> str | None:
        return self.record.doi

    @property
    def venue(self) -> str | None:
        return self.record.venue

    @property
    def venue_type(self) -> str | None:
        return self.record.venue_type

    @property
    def pdf_url(self) -> str | None:
        return self.record.pdf_url

    @property
    def issued(self) -> tuple[int, ...]:
        return self.record.issued

    def newest_first(self) -> tuple:
        """Sort key of lists of papers: full dates newest first, then yearless dates (latest first), then undated;
        then title."""
        return (*self.date.newest_first(), self.title.casefold(), self.slug)

    @property
    def publication(self) -> tuple[str | None, int | None]:
        """Year and month of publication, from a full date, else the source's (BibTeX), else the arXiv id (the month
        it was submitted). A date without a year ("--03-11") gives neither: a month alone is no citation date."""
        if self.date.full:
            return str(self.date.year), self.date.month
        if self.issued:
            return str(self.issued[0]), self.issued[1] if len(self.issued) > 1 else None
        submitted = self.arxiv_id.submitted if self.arxiv_id else None
        return (str(submitted[0]), submitted[1]) if submitted else (None, None)


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
    title: str = ""  # a longer name shown beside `name` where there is room: arXiv's name for a category


@dataclass(frozen=True)
class Entity:
    """A well-known model, method, dataset or benchmark that abstracts name."""

    name: str
    slug: str
    kind: str
    description: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    """A group of papers the generator found by their text (generator/enrich/topics.py), named by the terms that
    set it apart from the rest of the catalogue."""

    slug: str
    name: str  # its first few terms
    terms: tuple[str, ...]  # most distinctive first
    papers: tuple[str, ...]  # slugs, the most typical (closest to the topic's centre) first
    nearest: tuple[str, ...] = ()  # slugs of the most similar other topics, most similar first
    similarity: tuple[float, ...] = ()  # the cosine similarity of its centre to each topic's, in catalogue order


@dataclass(frozen=True)
class Catalogue:
    """Every paper of a build, sorted by slug, with the tags in use and what went wrong on the way."""

    papers: tuple[Paper, ...]
    tags: tuple[Tag, ...]
    entities: tuple[Entity, ...] = ()  # those that some paper names
    listing_dates: tuple[str, ...] = ()
    warnings: tuple[Notice, ...] = ()
    topics: tuple[Topic, ...] = ()  # largest first; none for a catalogue too small to group
    ledger: Ledger | None = None  # the ledger after this build: every paper any build published
    related_by_meaning: bool = False  # related papers weigh embeddings too (every paper had one)
    unembedded: int = 0  # papers the embedding cache had no vector for, when one was given

    def topic_of(self) -> dict[str, Topic]:
        """Each paper's topic, by slug."""
        return {slug: topic for topic in self.topics for slug in topic.papers}

    @property
    def former(self) -> tuple[Entry, ...]:
        """The ledger's papers that are no longer in the catalogue (retired or merged), by slug."""
        if self.ledger is None:
            return ()
        return tuple(sorted((entry for entry in self.ledger.entries if entry.status != "published"
                             and entry.page_kind is None),
                            key=lambda entry: entry.slug))

    @property
    def former_pages(self) -> tuple[Entry, ...]:
        """The ledger's tag, entity and topic pages whose tag, entity or topic this build no longer has (topics are
        found anew each build)."""
        if self.ledger is None:
            return ()
        return tuple(entry for entry in self.ledger.entries if entry.status != "published"
                     and entry.page_kind is not None)

    @property
    def newest_first_seen(self) -> datetime.date | None:
        return max((paper.first_seen for paper in self.papers if paper.first_seen), default=None)

    def by_slug(self) -> dict[str, Paper]:
        return {paper.slug: paper for paper in self.papers}

    def papers_by_tag(self) -> dict[str, list[Paper]]:
        """Each tag's papers, in slug order."""
        tagged: dict[str, list[Paper]] = {tag.name: [] for tag in self.tags}
        for paper in self.papers:
            for tag in paper.tags:
                tagged[tag].append(paper)
        return tagged
