"""Enrich stage: the whole catalogue in memory gains clean text, links, slugs and tags (related papers: related.py)."""

from __future__ import annotations

from dataclasses import replace

from generator.enrich.curation import Curation, apply_tags, check_papers
from generator.enrich.entities import find_entities
from generator.enrich.links import code_url, find_links, repair_text
from generator.enrich.mentions import find_mentions
from generator.enrich.merge import merge_duplicates
from generator.enrich.names import short_name
from generator.enrich.slugs import assign_slugs
from generator.enrich.tags import assign_tags, category_tags
from generator.errors import Notice
from generator.model import Catalogue, Entity, Paper, Tag
from generator.read import Reading


def describe(reading: Reading, tags: tuple[Tag, ...], entities: tuple[Entity, ...],
             curation: Curation) -> tuple[list[Paper], list[Notice]]:
    """Papers merged, cleaned, named, tagged (with the curator's changes), with their entities and
    mentions, in slug order; and what was noticed on the way."""
    papers, merged = merge_duplicates(list(reading.papers))
    papers, renamed = assign_slugs([clean(paper) for paper in papers])
    papers = sorted(papers, key=lambda paper: paper.slug)
    papers = find_entities(apply_tags(assign_tags(papers, tags), curation), entities)
    papers, ambiguous = find_mentions(papers)
    return papers, merged + renamed + check_papers(curation, papers) + ambiguous


def catalogue_of(papers: list[Paper], reading: Reading, tags: tuple[Tag, ...], entities: tuple[Entity, ...],
                 notices: list[Notice]) -> Catalogue:
    """The finished catalogue: every later stage only formats it."""
    named = {slug for paper in papers for slug in paper.entities}
    return Catalogue(papers=tuple(papers), tags=tags_in_use(tags, papers) + category_tags(papers),
                     entities=tuple(entity for entity in entities if entity.slug in named),
                     listing_dates=tuple(sorted(set(reading.listing_dates))),
                     warnings=tuple(reading.notices) + tuple(notices))


def clean(paper: Paper) -> Paper:
    """A paper with its display text, its links and code repository, and its short name."""
    spans = find_links(paper.abstract)
    links = tuple(dict.fromkeys(span.url for span in spans))
    return replace(paper, text=repair_text(paper.abstract, spans), links=links,
                   code_url=code_url(links), short_name=short_name(paper.title))


def tags_in_use(tags: tuple[Tag, ...], papers: list[Paper]) -> tuple[Tag, ...]:
    """The taxonomy's tags that some paper carries, with their ancestors, in taxonomy order."""
    parents = {tag.name: tag.parent for tag in tags}
    used = {name for paper in papers for name in paper.tags}
    for name in list(used):
        while parents.get(name):
            name = parents[name]
            used.add(name)
    return tuple(tag for tag in tags if tag.name in used)
