"""The rules a build follows, loaded and checked as one set: taxonomy, entities, curation and site settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from generator.enrich.curation import Curation, load_curation
from generator.enrich.entities import load_entities
from generator.enrich.tags import load_taxonomy
from generator.errors import InputError, Notice
from generator.model import Entity, Tag
from generator.site import Site, load_site

Loaded = TypeVar("Loaded")


@dataclass(frozen=True)
class Rules:
    """What the curators and the site's owner decided, checked before any paper is read."""

    tags: tuple[Tag, ...]
    entities: tuple[Entity, ...]
    curation: Curation
    site: Site


def load_rules(*, taxonomy: Path, entities: Path, curation: Path, config: Path) -> Rules:
    """The taxonomy, entities, curation and MkDocs configuration files, each checked, and the curation's tags
    checked against the taxonomy. One InputError reports every problem of every file, each with its line;
    papers named by the curation are checked against a build later (curation.check_papers)."""
    problems: list[Notice] = []
    tags = _attempt(load_taxonomy, taxonomy, problems)
    listed = _attempt(load_entities, entities, problems)
    names = {tag.name for tag in tags} if tags is not None else None
    overrides = _attempt(lambda path: load_curation(path, names), curation, problems)
    site = _attempt(load_site, config, problems)
    if problems:
        raise InputError.collected(problems)
    return Rules(tags=tags, entities=listed, curation=overrides, site=site)


def _attempt(load: Callable[[Path], Loaded], path: Path, problems: list[Notice]) -> Loaded | None:
    """What `load` reads from `path`; or None, its problems added to `problems`."""
    try:
        return load(path)
    except InputError as error:
        problems += error.notices
        return None
