"""Read stage: input files to paper records, with a notice for everything that could not be used."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.errors import InputError, Notice
from generator.model import Record
from generator.read.arxiv_api import parse_arxiv_api
from generator.read.arxiv_snapshot import Selection, read_snapshot
from generator.read.bibtex import parse_bibtex
from generator.read.detect import HEAD_BYTES, detect_format
from generator.read.dump import parse_dump
from generator.read.hf_daily import parse_hf_daily
from generator.read.jsonl import parse_jsonl
from generator.read.resolved import complete
from generator.read.text import decode
from generator.values import PaperDate

PARSERS = {"arxiv-api": parse_arxiv_api, "hf-daily": parse_hf_daily, "jsonl": parse_jsonl, "bibtex": parse_bibtex,
           "listing": parse_dump}
WHAT_A_PAPER_IS = {
    "arxiv-api": "an arXiv API response holds <entry> elements with a title and a summary",
    "hf-daily": "a Hugging Face daily papers response is a JSON array of items with a 'paper'",
    "arxiv-snapshot": "each line of the arXiv snapshot is a JSON object with 'id', 'title' and 'abstract'",
    "jsonl": "each line must be a JSON object with string 'title' and 'abstract'",
    "bibtex": "a BibTeX file holds @article{...}, @inproceedings{...} or @misc{...} entries with a title",
    "listing": "a paper is a title line followed by its abstract paragraph",
}


@dataclass(frozen=True)
class Reading:
    """Everything read from the inputs of one build."""

    records: tuple[Record, ...]
    listing_dates: tuple[PaperDate, ...]
    notices: tuple[Notice, ...]
    without_abstract: int = 0  # BibTeX entries kept with no abstract
    selected_away: int = 0  # snapshot records outside the chosen categories or dates


EVERY_PAPER = Selection()


def read(paths: list[Path], selection: Selection = EVERY_PAPER,
         progress: Callable[[Path], Callable[[int], object] | None] = lambda path: None) -> Reading:
    """Records from every input file, in the order given, each file read by the reader its content calls for,
    and completed by the resolutions among them (data/resolved.jsonl); a file with no usable paper (or
    resolution) is an error. `selection` picks a slice of an arXiv snapshot."""
    records, dates, notices, resolutions, without, away = [], [], [], [], 0, 0
    for path in paths:
        kind = detect_format(read_head(path), path.suffix.lower())
        result = read_file(path, kind, selection, progress(path))
        notices += result.notices
        resolutions += getattr(result, "resolutions", ())
        if not result.papers and not getattr(result, "resolutions", ()):
            raise InputError(str(path), None, "no papers found", WHAT_A_PAPER_IS[kind], warnings=tuple(notices))
        records += result.papers
        dates += [result.listing_date] if getattr(result, "listing_date", None) else []
        without += getattr(result, "without_abstract", 0)
        away += getattr(result, "selected_away", 0)
    records, unused = complete(records, resolutions)
    return Reading(tuple(records), tuple(dates), tuple(notices + unused), without, away)


def read_file(path: Path, kind: str, selection: Selection, progress: Callable[[int], object] | None):
    """One file's records: the snapshot streamed (it can be gigabytes), every other format parsed whole."""
    if kind == "arxiv-snapshot":
        with open_input(path) as stream:
            return read_snapshot(stream, str(path), categories=selection.categories, since=selection.since,
                                 until=selection.until, progress=progress)
    return PARSERS[kind](decode(read_bytes(path), str(path)), str(path))


def read_head(path: Path) -> bytes:
    with open_input(path) as stream:
        return stream.read(HEAD_BYTES)


def open_input(path: Path):
    try:
        return path.open("rb")
    except OSError as error:
        raise InputError(str(path), None, f"cannot read: {error.strerror}", "check the path") from None


def read_bytes(path: Path) -> bytes:
    """A file's bytes, or an InputError that names it."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(str(path), None, f"cannot read: {error.strerror}", "check the path") from None
