"""Enrich stage: the whole catalogue in memory gains clean text, links, slugs, tags, mentions and related papers."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from generator.enrich.citekeys import citation_keys
from generator.enrich.curation import Curation, apply_related, apply_tags, check_papers
from generator.enrich.embeddings import Embeddings
from generator.enrich.entities import find_entities
from generator.enrich.identity import (
    ENTITY_PAGE,
    TAG_PAGE,
    dated,
    kept_pages,
    ledger_after,
    merged_keys,
    new_keys,
    recognise,
    taken_citation_keys,
    taken_slugs,
)
from generator.enrich.links import code_url, find_links, repair_text
from generator.enrich.mentions import find_mentions
from generator.enrich.merge import fold_duplicates
from generator.enrich.names import short_name
from generator.enrich.related import MAX_RELATED, paper_words, relate
from generator.enrich.slugs import assign_slugs
from generator.enrich.tags import assign_tags, category_tags, lineage
from generator.enrich.topics import find_topics
from generator.errors import Notice
from generator.ledger import Ledger
from generator.model import Catalogue, Entity, Paper, Record, Tag, Topic

if TYPE_CHECKING:  # the readers use enrich.links, so the read stage is imported for its types only
    from generator.read import Reading


EPOCH_DAY = datetime.date(1970, 1, 1)  # what a build without a date (evaluate) dates its papers: never published


def enrich(reading: Reading, tags: tuple[Tag, ...], entities: tuple[Entity, ...], curation: Curation,
           progress: Callable[[int], object] | None = None, ledger: Ledger | None = None,
           today: datetime.date = EPOCH_DAY, topics: int | None = None,
           embedded: Embeddings | None = None) -> Catalogue:
    """The finished catalogue, with the ledger it leaves behind: every later stage only formats it. `topics` sets
    how many topics to find (default: as many as the catalogue's size calls for). Related papers weigh meaning as
    well as words when the embedding cache holds every paper; otherwise words alone (the catalogue says which)."""
    ledger = ledger or Ledger("ledger")
    papers, notices = describe(reading, tags, entities, curation, ledger, today)
    words = paper_words(papers)  # split once: topics and related papers count the same words
    # Topics first, while the papers hold no related links yet: their SVD is the stage's largest peak of memory.
    found = find_topics(papers, topics, words)
    vectors, unembedded = embedded.lookup(papers) if embedded else (None, 0)
    papers = apply_related(relate(papers, progress=progress, vectors=vectors, words=words), curation, MAX_RELATED)
    catalogue = catalogue_of(papers, reading, tags, entities, notices, ledger, found)
    return replace(catalogue, ledger=ledger_after(ledger, catalogue, today), related_by_meaning=vectors is not None,
                   unembedded=unembedded)


def describe(reading: Reading, tags: tuple[Tag, ...], entities: tuple[Entity, ...], curation: Curation,
             ledger: Ledger | None = None, today: datetime.date = EPOCH_DAY) -> tuple[list[Paper], list[Notice]]:
    """Papers merged, named as the ledger knows them (new ones given new names), cleaned, tagged (with the
    curator's changes), with their entities and mentions, in slug order; and what was noticed on the way.
    Related papers come after (enrich)."""
    ledger = ledger or Ledger("ledger")
    records, merged, members = fold_duplicates(list(reading.records))
    keys = [merged_keys(group, record) for group, record in zip(members, records, strict=True)]
    known = recognise(records, keys, ledger)
    slugs, renamed = assign_slugs(records, [entry.slug if entry else None for entry in known.entries],
                                  taken_slugs(ledger))
    seen = [entry.first_seen if entry else today for entry in known.entries]
    papers = sorted((replace(paper_of(dated(record, day), slug), key=key, first_seen=day, known_keys=known_keys,
                             citation_key=entry.citation_key if entry else "")
                     for record, slug, key, day, entry, known_keys in zip(records, slugs, new_keys(keys, known, ledger),
                                                                          seen, known.entries, keys, strict=True)),
                    key=lambda paper: paper.slug)
    cited = citation_keys(papers, taken_citation_keys(ledger))
    papers = [replace(paper, citation_key=cited[paper.slug]) for paper in papers]
    papers = find_entities(apply_tags(assign_tags(papers, tags), curation), entities)
    papers, ambiguous = find_mentions(papers)
    return papers, merged + list(known.notices) + renamed + check_papers(curation, papers) + ambiguous


def catalogue_of(papers: list[Paper], reading: Reading, tags: tuple[Tag, ...], entities: tuple[Entity, ...],
                 notices: list[Notice], ledger: Ledger | None = None, topics: tuple[Topic, ...] = ()) -> Catalogue:
    """The catalogue of enriched papers, with the tags and entities in use or published before (their pages stay,
    even without a paper), and the topics found."""
    ledger = ledger or Ledger("ledger")
    named = {slug for paper in papers for slug in paper.entities} | kept_pages(ledger, ENTITY_PAGE)
    kept_tags = kept_pages(ledger, TAG_PAGE)
    return Catalogue(papers=tuple(papers), tags=tags_in_use(tags, papers, kept_tags) + category_tags(papers, kept_tags),
                     entities=tuple(entity for entity in entities if entity.slug in named),
                     listing_dates=tuple(sorted(set(reading.listing_dates), key=lambda date: date.iso)),
                     warnings=tuple(reading.notices) + tuple(notices), ledger=ledger, topics=topics)


def paper_of(record: Record, slug: str) -> Paper:
    """A record as a paper: its display text, its links and code repository, and its short name."""
    spans = find_links(record.abstract)
    links = tuple(dict.fromkeys(span.url for span in spans))
    return Paper(record=record, slug=slug, text=repair_text(record.abstract, spans),
                 short_name=short_name(record.title),
                 links=links, code_url=record.code_url or code_url(links))


def tags_in_use(tags: tuple[Tag, ...], papers: list[Paper], kept: frozenset[str] = frozenset()) -> tuple[Tag, ...]:
    """The taxonomy's tags that some paper carries or whose slug is in `kept` (published before), with their
    ancestors, in taxonomy order."""
    by_name = {tag.name: tag for tag in tags}
    carried = {name for paper in papers for name in paper.tags} | {tag.name for tag in tags if tag.slug in kept}
    used = {above for name in carried for above in lineage(name, by_name)}
    return tuple(tag for tag in tags if tag.name in used)
