"""Curation overrides: tags added or removed, related papers pinned or hidden, by paper slug."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from generator.errors import InputError, Notice
from generator.model import Paper, RelatedLink
from generator.yamlfile import load_entries

KEYS = {"slug", "add_tags", "remove_tags", "pin_related", "hide_related"}
MAX_TAGS = 6


@dataclass(frozen=True)
class Override:
    """What the curator changes on one paper, and where they wrote it."""

    line: int
    slug: str
    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()
    pin_related: tuple[str, ...] = ()
    hide_related: tuple[str, ...] = ()


@dataclass(frozen=True)
class Curation:
    """Every override of a curation file, by slug."""

    file: str
    overrides: dict[str, Override]


def load_curation(path: Path) -> Curation:
    """The overrides of a curation file, its syntax checked; slugs and tags are checked by `check`."""
    if not path.exists():
        return Curation(str(path), {})
    overrides, problems = {}, []
    for line, entry in load_entries(path, "papers"):
        override = _override(line, entry)
        if isinstance(override, str):
            problems.append(Notice(str(path), line, override, "see the example at the top of the file"))
        elif override.slug in overrides:
            problems.append(Notice(str(path), line, f"{override.slug!r} is overridden twice", "merge the two entries"))
        else:
            overrides[override.slug] = override
    if problems:
        raise InputError.collected(problems)
    return Curation(str(path), overrides)


def _override(line: int, entry: object) -> Override | str:
    if not isinstance(entry, dict) or not isinstance(entry.get("slug"), str):
        return "an override needs a 'slug:'"
    unknown = sorted(set(map(str, entry)) - KEYS)
    if unknown:
        return f"unknown key {unknown[0]!r} (use {', '.join(sorted(KEYS))})"
    lists = {key: entry.get(key, []) for key in KEYS - {"slug"}}
    for key, value in lists.items():
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            return f"'{key}' must be a list"
    return Override(line, entry["slug"], **{key: tuple(value) for key, value in lists.items()})


def check(curation: Curation, slugs: set[str], tags: set[str]) -> None:
    """Every slug and tag an override names must exist; all problems are reported together."""
    problems = []
    for override in curation.overrides.values():
        def problem(message: str, fix: str) -> None:
            problems.append(Notice(curation.file, override.line, message, fix))

        for slug in (override.slug, *override.pin_related, *override.hide_related):
            if slug not in slugs:
                problem(f"unknown paper {slug!r}", "use a slug from papers.json (the page name under papers/)")
        for tag in (*override.add_tags, *override.remove_tags):
            if tag not in tags:
                problem(f"unknown tag {tag!r}", "use a tag name from the taxonomy")
    if problems:
        raise InputError.collected(problems)


def apply_tags(papers: list[Paper], curation: Curation) -> list[Paper]:
    """Papers with the curator's tags added and removed; a paper left without a tag is an error."""
    result = []
    for paper in papers:
        override = curation.overrides.get(paper.slug)
        if override:
            kept = [tag for tag in paper.tags if tag not in override.remove_tags]
            topical = [tag for tag in kept if tag not in paper.categories]
            tags = [*topical, *(tag for tag in override.add_tags if tag not in kept)][:MAX_TAGS]
            if not tags:
                raise InputError(curation.file, override.line, f"{paper.slug!r} would be left without a tag",
                                 "add a tag, or remove fewer")
            paper = replace(paper, tags=tuple(tags) + paper.categories)
        result.append(paper)
    return result


def apply_related(papers: list[Paper], curation: Curation, limit: int) -> list[Paper]:
    """Papers with pinned related papers first and hidden ones gone."""
    tags_of = {paper.slug: paper.tags for paper in papers}
    return [_curated(paper, curation.overrides[paper.slug], limit, tags_of) if paper.slug in curation.overrides
            else paper for paper in papers]


def _curated(paper: Paper, override: Override, limit: int, tags_of: dict[str, tuple[str, ...]]) -> Paper:
    found = {link.slug: link for link in paper.related}
    pinned = [replace(found.get(slug) or RelatedLink(slug=slug, score=0.0,
                                                     tags=tuple(tag for tag in paper.tags if tag in tags_of[slug])),
                      pinned=True)
              for slug in override.pin_related if slug != paper.slug]
    rest = [link for link in paper.related if link.slug not in override.pin_related + override.hide_related]
    return replace(paper, related=tuple(pinned + rest)[:max(limit, len(pinned))])
