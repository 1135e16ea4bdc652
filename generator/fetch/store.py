"""The JSON Lines files the fetchers keep under data/: one line per paper, merged by key, sorted, written atomically.

Each fetched file holds one JSON object a line in the form generator/read/jsonl.py reads: `id`, `title`,
`abstract`, `authors`, `date`, `categories`, `doi`, `journal_ref`, `pdf_url`, `code_url`, `upvotes`, in that
order, each left out when the source has no value. Papers fetched again replace the values they have and keep
the others (a paper's votes go up, its code link stays). resolved.jsonl has the same lines keyed by `resolves`,
the normalised title of the input paper each was found for. Lines are sorted by their key, so a fetch that
finds nothing new writes the same bytes, and a file whose bytes would not change is not touched. A file is
replaced through a temporary file beside it and os.replace: it is the old one or the new one, never half.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.errors import InputError
from generator.model import Record
from generator.read import read_bytes
from generator.read.fields import json_problem
from generator.read.text import decode, split_lines

FIELDS = ("id", "title", "abstract", "authors", "date", "categories", "doi", "journal_ref", "pdf_url", "code_url",
          "upvotes")
ARXIV_FILE, HF_FILE, RESOLVED_FILE = "arxiv.jsonl", "hf-daily.jsonl", "resolved.jsonl"
FETCHED_FILES = (ARXIV_FILE, HF_FILE, RESOLVED_FILE)  # what fetch and resolve write; a build reads them last
FIX = "this file is written by `python -m generator fetch` and `resolve`: mend the line or delete it"


def line_of(record: Record) -> dict:
    """A paper as one line of a fetched file."""
    values = {"id": str(record.arxiv_id) if record.arxiv_id else None, "title": record.title,
              "abstract": record.abstract, "authors": list(record.authors), "date": record.date.iso,
              "categories": list(record.categories), "doi": record.doi, "journal_ref": record.venue,
              "pdf_url": record.pdf_url, "code_url": record.code_url, "upvotes": record.upvotes}
    return {key: value for key, value in values.items() if value is not None and value != [] and value != ""}


@dataclass(frozen=True)
class Change:
    """What merging new lines into a file does to it."""

    path: Path
    data: bytes  # the file's new bytes
    added: int
    updated: int
    lines: int
    changed: bool

    def __str__(self) -> str:
        if not self.changed:
            return f"{self.path}: unchanged ({self.lines:,} lines)"
        return f"{self.path}: {self.added:,} added, {self.updated:,} updated ({self.lines:,} lines)"


@dataclass(frozen=True)
class Store:
    """One fetched file as it is on disk, its lines by key."""

    path: Path
    key: str  # "id", or "resolves" for resolved.jsonl
    lines: dict[str, dict]
    data: bytes  # the file's bytes, b"" when it does not exist yet

    @classmethod
    def load(cls, path: Path, key: str = "id") -> Store:
        """The file's lines; an InputError naming the line that is not one of ours."""
        data = read_bytes(path) if path.exists() else b""
        lines = {}
        for number, text in enumerate(split_lines(decode(data, str(path))), start=1):
            if text.strip():
                line = _line(text, path, number, key)
                lines[line[key]] = line
        return cls(path, key, lines, data)

    def merge(self, new: list[dict]) -> Change:
        """The file with `new` lines merged in by key (a line's values replace those it has, keep the others)."""
        lines = dict(self.lines)
        added = updated = 0
        for line in new:
            old = lines.get(line[self.key], {})
            merged = _ordered({**old, **line}, self.key)
            added, updated = added + (not old), updated + (bool(old) and merged != old)
            lines[line[self.key]] = merged
        data = "".join(json.dumps(lines[key], ensure_ascii=False) + "\n" for key in sorted(lines)).encode("utf-8")
        return Change(self.path, data, added, updated, len(lines), data != self.data)


def write(changes: list[Change]) -> None:
    """Each changed file replaced whole; the others not touched."""
    for change in changes:
        if change.changed:
            replace_atomically(change.path, change.data)


def replace_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _line(text: str, path: Path, number: int, key: str) -> dict:
    try:
        line = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(str(path), number, json_problem(error), FIX) from None
    if not isinstance(line, dict) or not isinstance(line.get(key), str) or not line[key].strip():
        raise InputError(str(path), number, f"not a JSON object with a string '{key}'", FIX)
    return line


def _ordered(line: dict, key: str) -> dict:
    """The keys in the order of FIELDS after the file's key; others (added by hand) after them, sorted."""
    order = (key, *(name for name in FIELDS if name != key))
    return {name: line[name] for name in (*order, *sorted(set(line) - set(order))) if name in line}
