"""Entities: well-known models, methods, datasets and benchmarks from a curated list, found in papers."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import ClassVar, Literal, get_args

from pydantic import Field

from generator.enrich.names import NameMatcher
from generator.enrich.slugs import make_slug
from generator.errors import InputError, Notice
from generator.model import Entity, Paper
from generator.yamlfile import Entry, Text, load_models

Kind = Literal["model", "method", "dataset", "benchmark"]


class EntityEntry(Entry):
    """One entity as the curator writes it in the entities file."""

    noun: ClassVar[str] = "entity"
    shape: ClassVar[str] = "write each entity as '- {name: ..., kind: model, description: ...}'"
    name: Text = Field(description="give every entity a 'name:'")
    kind: Kind = Field(description=f"set kind: to one of {', '.join(get_args(Kind))}")
    description: Text = Field(description="add a one-line 'description:'")
    aliases: list[Text] = Field([], description="write aliases: [Name, Other-Name]")

    def entity(self) -> Entity:
        return Entity(name=self.name, slug=make_slug(self.name, fallback="entity"), kind=self.kind,
                      description=self.description, aliases=tuple(self.aliases))


def load_entities(path: Path) -> tuple[Entity, ...]:
    """The entities of a curated list, checked as a whole; every problem is reported at once."""
    entries, problems = load_models(path, "entities", EntityEntry)
    located = [(line, entry.entity()) for line, entry in entries]
    problems += _clashes(path, located)
    if problems:
        raise InputError.collected(problems)
    return tuple(entity for _, entity in located)


def _clashes(path: Path, located: list[tuple[int, Entity]]) -> list[Notice]:
    """Names and page names must be unique."""
    problems, seen = [], {}
    for line, entity in located:
        clash = seen.get(entity.name) or seen.get(entity.slug)
        if clash:
            problems.append(Notice(str(path), line, f"entities {clash!r} and {entity.name!r} share a name or page name",
                                   "rename one of them"))
        seen[entity.name] = seen[entity.slug] = entity.name
    return problems


def find_entities(papers: list[Paper], entities: tuple[Entity, ...]) -> list[Paper]:
    """Papers with the entities their title or abstract names, in order of first appearance."""
    matcher = NameMatcher({entity.slug: [entity.name, *entity.aliases] for entity in entities})
    return [replace(paper, entities=tuple(matcher.find(f"{paper.title}\n{paper.text}")))
            for paper in papers]
