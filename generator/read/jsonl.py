"""Reading JSON Lines records (`id`, `title`, `abstract`, `authors`, `date`, `categories`).

Each line is one JSON object. A line that is not usable (not JSON, no title or abstract, a
field of the wrong type) is reported with its line number and skipped; other keys are ignored.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass

from generator.errors import Notice
from generator.model import Paper, Source
from generator.read.text import fold, split_lines

ARXIV_ID = re.compile(r"(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?")
CATEGORY = re.compile(r"[a-z-]+(?:\.[A-Za-z-]+)?")
FIX = "each line must be a JSON object with string 'title' and 'abstract'"


@dataclass(frozen=True)
class JsonLines:
    """What one JSON Lines file holds."""

    papers: tuple[Paper, ...]
    notices: tuple[Notice, ...]
    listing_date: None = None


class BadRecord(ValueError):
    """A record that cannot be used, with what to do about it."""

    def __init__(self, message: str, fix: str = FIX) -> None:
        super().__init__(message)
        self.fix = fix


def parse_jsonl(text: str, file: str) -> JsonLines:
    """Papers of a JSON Lines text in file order, and a notice for each line skipped."""
    papers, notices = [], []
    for number, line in enumerate(split_lines(text), start=1):
        if not line.strip():
            continue
        try:
            papers.append(paper_from(_object(line), Source(file, number)))
        except BadRecord as bad:
            notices.append(Notice(file, number, f"{bad}; skipped", bad.fix))
    return JsonLines(tuple(papers), tuple(notices))


def _object(line: str) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadRecord(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict):
        raise BadRecord(f"a JSON {type(record).__name__}, not an object")
    return record


def paper_from(record: dict, source: Source) -> Paper:
    """A paper from one record; BadRecord says what is wrong with it."""
    title, abstract = (fold(_string(record, key, required=True)) for key in ("title", "abstract"))
    if not title or not abstract:
        raise BadRecord(f"empty {'title' if not title else 'abstract'}")
    return Paper(title=title, abstract=abstract, source=source, date=_date(record),
                 authors=tuple(fold(author) for author in _strings(record, "authors") if fold(author)),
                 arxiv_id=_arxiv_id(record), categories=_categories(record))


def _string(record: dict, key: str, required: bool = False) -> str:
    value = record.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise BadRecord(f"'{key}' is {_kind(value)}, not a string" if key in record else f"no '{key}'")
    return value


def _strings(record: dict, key: str) -> list[str]:
    value = record.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise BadRecord(f"'{key}' is {_kind(value)}, not a list of strings", f"write '{key}' as a list of strings")
    return value


def _date(record: dict) -> str | None:
    value = _string(record, "date")
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadRecord(f"'date' {value[:20]!r} is not a date", "write dates as YYYY-MM-DD") from None


def _arxiv_id(record: dict) -> str | None:
    value = _string(record, "id").strip()
    if value and not ARXIV_ID.fullmatch(value):
        raise BadRecord(f"'id' {value[:30]!r} is not an arXiv identifier",
                        "use an arXiv id such as 2401.01234, or leave 'id' out")
    return value or None


def _categories(record: dict) -> tuple[str, ...]:
    categories = _strings(record, "categories")
    wrong = next((category for category in categories if not CATEGORY.fullmatch(category)), None)
    if wrong is not None:
        raise BadRecord(f"category {wrong[:30]!r} is not an arXiv category", "use arXiv category names such as cs.CL")
    return tuple(dict.fromkeys(categories))


def _kind(value: object) -> str:
    return {type(None): "null", bool: "a boolean", int: "a number", float: "a number", str: "a string",
            list: "a list", dict: "an object"}.get(type(value), type(value).__name__)
