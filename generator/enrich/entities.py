"""Entities: well-known models, methods, datasets and benchmarks from a curated list, found in papers."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.enrich.names import NameMatcher
from generator.enrich.slugs import make_slug
from generator.errors import InputError, Notice
from generator.model import Entity, Paper
from generator.yamlfile import load_entries

KINDS = ("model", "method", "dataset", "benchmark")
KEYS = {"name", "kind", "description", "aliases"}


def load_entities(path: Path) -> tuple[Entity, ...]:
    """The entities of a curated list, checked as a whole; every problem is reported at once."""
    problems: list[Notice] = []
    entities: list[Entity] = []
    seen: dict[str, str] = {}
    for line, entry in load_entries(path, "entities"):
        entity = _entity(entry, lambda message, fix: problems.append(Notice(str(path), line, message, fix)))
        if entity is None:
            continue
        clash = seen.get(entity.name) or seen.get(entity.slug)
        if clash:
            problems.append(Notice(str(path), line, f"entities {clash!r} and {entity.name!r} share a name or page name",
                                   "rename one of them"))
        seen[entity.name] = seen[entity.slug] = entity.name
        entities.append(entity)
    if problems:
        raise InputError.collected(problems)
    return tuple(entities)


def _entity(entry: object, problem) -> Entity | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
        problem("an entity needs a name", "write it as '- {name: ..., kind: model, description: ...}'")
        return None
    name = entry["name"].strip()
    unknown = sorted(set(map(str, entry)) - KEYS)
    aliases = entry.get("aliases", [])
    if unknown:
        problem(f"entity {name!r}: unknown key {unknown[0]!r}", f"use only {', '.join(sorted(KEYS))}")
    if entry.get("kind") not in KINDS:
        problem(f"entity {name!r}: kind {entry.get('kind')!r} is not one of {', '.join(KINDS)}", "set kind: to one of them")
    if not isinstance(entry.get("description"), str) or not entry["description"].strip():
        problem(f"entity {name!r} has no description", "add a one-line 'description:'")
    if not isinstance(aliases, list) or not all(isinstance(alias, str) and alias.strip() for alias in aliases):
        problem(f"entity {name!r}: aliases must be a list of names", "write aliases: [Name, Other-Name]")
        aliases = []
    return Entity(name=name, slug=make_slug(name, fallback="entity"), kind=str(entry.get("kind")),
                  description=str(entry.get("description") or "").strip(), aliases=tuple(alias.strip() for alias in aliases))


def find_entities(papers: list[Paper], entities: tuple[Entity, ...]) -> list[Paper]:
    """Papers with the entities their title or abstract names, in order of first appearance."""
    matcher = NameMatcher({entity.slug: [entity.name, *entity.aliases] for entity in entities})
    return [replace(paper, entities=tuple(matcher.find(f"{paper.title}\n{paper.text}")))
            for paper in papers]
