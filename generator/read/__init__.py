"""Read stage: input files to paper records, with a notice for everything that could not be used."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.errors import InputError, Notice
from generator.model import Paper
from generator.read.dump import parse_dump
from generator.read.text import decode


@dataclass(frozen=True)
class Reading:
    """Everything read from the inputs of one build."""

    papers: tuple[Paper, ...]
    listing_dates: tuple[str, ...]
    notices: tuple[Notice, ...]


def read_inputs(paths: list[Path]) -> Reading:
    """Papers from every input file, in the order given; a file with no usable paper is an error."""
    papers, dates, notices = [], [], []
    for path in paths:
        dump = parse_dump(decode(read_bytes(path), str(path)), str(path))
        if not dump.papers:
            raise InputError(str(path), None, "no papers found", "a paper is a title line followed by its abstract paragraph",
                             warnings=tuple(notices + list(dump.notices)))
        papers += dump.papers
        notices += dump.notices
        dates += [dump.listing_date] if dump.listing_date else []
    return Reading(tuple(papers), tuple(dates), tuple(notices))


def read_bytes(path: Path) -> bytes:
    """A file's bytes, or an InputError that names it."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(str(path), None, f"cannot read: {error.strerror}", "check the path") from None
