"""Input papers completed by what `python -m generator resolve` found on arXiv for them (data/resolved.jsonl).

A resolution is a record from the arXiv API kept under the normalised title of the input paper it was found
for. It is not a paper of its own: it completes the paper of the inputs with that title, which keeps its own
title, source and abstract (so its slug does not change) and gains the arXiv id, authors, date, categories,
PDF link and whatever else only arXiv knows (enrich.merge.combine, as for a duplicate). A full date replaces
a listing's date without a year. A resolution that no input paper uses (its paper left the inputs, or now has
another arXiv id) is named in a warning and changes nothing: it never brings a paper back by itself.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.enrich.merge import combine, normalised_title
from generator.errors import Notice, quoted
from generator.model import Record


@dataclass(frozen=True)
class Resolution:
    """The arXiv record found for the input paper whose normalised title is `key`."""

    key: str
    record: Record


def complete(records: list[Record], resolutions: list[Resolution]) -> tuple[list[Record], list[Notice]]:
    """The records, those with a resolution completed by it; and a notice for each resolution not used."""
    found = {resolution.key: resolution for resolution in resolutions}
    used: set[str] = set()
    completed = []
    for record in records:
        resolution = found.get(normalised_title(record.title))
        if resolution is None or record.arxiv_id not in (None, resolution.record.arxiv_id):
            completed.append(record)
            continue
        used.add(resolution.key)
        completed.append(with_found(record, resolution.record))
    return completed, [_unused(resolution) for resolution in found.values() if resolution.key not in used]


def with_found(record: Record, found: Record) -> Record:
    """The input record, with what arXiv knows about it filled in."""
    date = record.date if record.date.year is not None or not found.date else found.date
    return combine(replace(record, date=date), found)


def _unused(resolution: Resolution) -> Notice:
    source = resolution.record.source
    return Notice(source.file, source.line, f"no input paper is titled {quoted(resolution.record.title)} (or it has "
                  f"another arXiv id than {resolution.record.arxiv_id}); not used",
                  "delete the line if the paper left the inputs on purpose")
