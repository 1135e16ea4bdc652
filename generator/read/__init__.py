"""Read stage: input files to paper records, with a notice for everything that could not be used."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.errors import InputError, Notice
from generator.model import Record
from generator.read.dump import parse_dump
from generator.read.jsonl import parse_jsonl
from generator.read.text import decode
from generator.values import PaperDate

JSON_LINES = (".jsonl", ".ndjson")


@dataclass(frozen=True)
class Reading:
    """Everything read from the inputs of one build."""

    records: tuple[Record, ...]
    listing_dates: tuple[PaperDate, ...]
    notices: tuple[Notice, ...]


def read(paths: list[Path]) -> Reading:
    """Records from every input file, in the order given; a file with no usable paper is an error.

    Files ending in .jsonl or .ndjson are JSON Lines records; anything else is a listing dump."""
    records, dates, notices = [], [], []
    for path in paths:
        parse = parse_jsonl if path.suffix.lower() in JSON_LINES else parse_dump
        result = parse(decode(read_bytes(path), str(path)), str(path))
        notices += result.notices
        if not result.papers:
            raise InputError(str(path), None, "no papers found", _what_a_paper_is(parse), warnings=tuple(notices))
        records += result.papers
        dates += [result.listing_date] if result.listing_date else []
    return Reading(tuple(records), tuple(dates), tuple(notices))


def _what_a_paper_is(parse) -> str:
    if parse is parse_jsonl:
        return "each line must be a JSON object with string 'title' and 'abstract'"
    return "a paper is a title line followed by its abstract paragraph"


def read_bytes(path: Path) -> bytes:
    """A file's bytes, or an InputError that names it."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(str(path), None, f"cannot read: {error.strerror}", "check the path") from None
