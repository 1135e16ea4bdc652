"""Enrich stage: the whole catalogue in memory gains clean text, links, slugs, tags, mentions and related papers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from generator.enrich.curation import Curation, apply_related, apply_tags, check_papers
from generator.enrich.embeddings import Embeddings
from generator.enrich.entities import find_entities
from generator.enrich.links import code_url, find_links, repair_text
from generator.enrich.mentions import find_mentions
from generator.enrich.merge import merge_duplicates
from generator.enrich.names import short_name
from generator.enrich.related import MAX_RELATED, relate
from generator.enrich.slugs import assign_slugs
from generator.enrich.tags import assign_tags, category_tags
from generator.errors import Notice
from generator.model import Catalogue, Entity, Paper, Record, Tag

if TYPE_CHECKING:  # the readers use enrich.links, so the read stage is imported for its types only
    from generator.read import Reading


def enrich(reading: Reading, tags: tuple[Tag, ...], entities: tuple[Entity, ...], curation: Curation,
           progress: Callable[[int], object] | None = None, embedded: Embeddings | None = None) -> Catalogue:
    """The finished catalogue: every later stage only formats it. Related papers weigh meaning as well as words
    when the embedding cache holds every paper; otherwise words alone (the catalogue says which)."""
    papers, notices = describe(reading, tags, entities, curation)
    vectors, unembedded = embedded.lookup(papers) if embedded else (None, 0)
    papers = apply_related(relate(papers, progress=progress, vectors=vectors), curation, MAX_RELATED)
    return replace(catalogue_of(papers, reading, tags, entities, notices), related_by_meaning=vectors is not None,
                   unembedded=unembedded)


def describe(reading: Reading, tags: tuple[Tag, ...], entities: tuple[Entity, ...],
             curation: Curation) -> tuple[list[Paper], list[Notice]]:
    """Papers merged, cleaned, named, tagged (with the curator's changes), with their entities and
    mentions, in slug order; and what was noticed on the way. Related papers come after (enrich)."""
    records, merged = merge_duplicates(list(reading.records))
    slugs, renamed = assign_slugs(records)
    papers = sorted((paper_of(record, slug) for record, slug in zip(records, slugs)), key=lambda paper: paper.slug)
    papers = find_entities(apply_tags(assign_tags(papers, tags), curation), entities)
    papers, ambiguous = find_mentions(papers)
    return papers, merged + renamed + check_papers(curation, papers) + ambiguous


def catalogue_of(papers: list[Paper], reading: Reading, tags: tuple[Tag, ...], entities: tuple[Entity, ...],
                 notices: list[Notice]) -> Catalogue:
    """The catalogue of enriched papers, with the tags and entities in use."""
    named = {slug for paper in papers for slug in paper.entities}
    return Catalogue(papers=tuple(papers), tags=tags_in_use(tags, papers) + category_tags(papers),
                     entities=tuple(entity for entity in entities if entity.slug in named),
                     listing_dates=tuple(sorted(set(reading.listing_dates), key=lambda date: date.iso)),
                     warnings=tuple(reading.notices) + tuple(notices))


def paper_of(record: Record, slug: str) -> Paper:
    """A record as a paper: its display text, its links and code repository, and its short name."""
    spans = find_links(record.abstract)
    links = tuple(dict.fromkeys(span.url for span in spans))
    return Paper(record=record, slug=slug, text=repair_text(record.abstract, spans), short_name=short_name(record.title),
                 links=links, code_url=record.code_url or code_url(links))


def tags_in_use(tags: tuple[Tag, ...], papers: list[Paper]) -> tuple[Tag, ...]:
    """The taxonomy's tags that some paper carries, with their ancestors, in taxonomy order."""
    parents = {tag.name: tag.parent for tag in tags}
    used = {name for paper in papers for name in paper.tags}
    for name in list(used):
        while parents.get(name):
            name = parents[name]
            used.add(name)
    return tuple(tag for tag in tags if tag.name in used)
