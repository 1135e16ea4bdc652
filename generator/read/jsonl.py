"""Reading JSON Lines records (`id`, `title`, `abstract`, `authors`, `date`, `categories`, and when present
`doi`, `journal_ref`, `pdf_url`, `code_url`, `upvotes`).

Each line is one JSON object. A line that is not usable (not JSON, no title or abstract, a
field of the wrong type) is reported with its line number and skipped; other keys are ignored.
A line with a `resolves` key is not a paper of its own: it is what `python -m generator resolve` found on
arXiv for the input paper whose normalised title that key holds (data/resolved.jsonl), and it completes
that paper (generator/read/resolved.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from generator.enrich.links import find_links
from generator.errors import Notice
from generator.model import Record, Source
from generator.read.fields import bare_doi
from generator.read.resolved import Resolution
from generator.read.text import fold, split_lines
from generator.values import ArxivId, PaperDate, is_category

FIX = "each line must be a JSON object with string 'title' and 'abstract'"


@dataclass(frozen=True)
class JsonLines:
    """What one JSON Lines file holds."""

    papers: tuple[Record, ...]
    notices: tuple[Notice, ...]
    listing_date: PaperDate = PaperDate()
    resolutions: tuple[Resolution, ...] = ()


class BadRecord(ValueError):
    """A record that cannot be used, with what to do about it."""

    def __init__(self, message: str, fix: str = FIX) -> None:
        super().__init__(message)
        self.fix = fix


def parse_jsonl(text: str, file: str) -> JsonLines:
    """Papers of a JSON Lines text in file order, the resolutions among its lines, and a notice for each
    line skipped."""
    papers, resolutions, notices = [], [], []
    for number, line in enumerate(split_lines(text), start=1):
        if not line.strip():
            continue
        try:
            record = _object(line)
            paper = paper_from(record, Source(file, number))
            key = _resolves(record, paper)
        except BadRecord as bad:
            notices.append(Notice(file, number, f"{bad}; skipped", bad.fix))
            continue
        if key:
            resolutions.append(Resolution(key, paper))
        else:
            papers.append(paper)
    return JsonLines(tuple(papers), tuple(notices), resolutions=tuple(resolutions))


def _object(line: str) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadRecord(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict):
        raise BadRecord(f"a JSON {type(record).__name__}, not an object")
    return record


def paper_from(record: dict, source: Source) -> Record:
    """A paper from one record; BadRecord says what is wrong with it."""
    title, abstract = (fold(_string(record, key, required=True)) for key in ("title", "abstract"))
    if not title or not abstract:
        raise BadRecord(f"empty {'title' if not title else 'abstract'}")
    return Record(title=title, abstract=abstract, source=source, date=_date(record),
                 authors=tuple(fold(author) for author in _strings(record, "authors") if fold(author)),
                 arxiv_id=_arxiv_id(record), categories=_categories(record), doi=_doi(record),
                 venue=fold(_string(record, "journal_ref")) or None, pdf_url=_link(record, "pdf_url"),
                 code_url=_link(record, "code_url"), upvotes=_upvotes(record))


def _resolves(record: dict, paper: Record) -> str:
    """The normalised title a resolution line completes ('' on a paper's own line)."""
    key = fold(_string(record, "resolves"))
    if key and paper.arxiv_id is None:
        raise BadRecord("a 'resolves' line without the arXiv 'id' that was found",
                        "run `python -m generator resolve` again to rewrite the file")
    return key


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


def _date(record: dict) -> PaperDate:
    value = _string(record, "date")
    if not value:
        return PaperDate.none()
    try:
        return PaperDate.parse_iso(value)
    except ValueError:
        raise BadRecord(f"'date' {value[:20]!r} is not a date", "write dates as YYYY-MM-DD") from None


def _arxiv_id(record: dict) -> ArxivId | None:
    value = _string(record, "id").strip()
    if not value:
        return None
    try:
        return ArxivId.parse(value)
    except ValueError:
        raise BadRecord(f"'id' {value[:30]!r} is not an arXiv identifier",
                        "use an arXiv id such as 2401.01234, or leave 'id' out") from None


def _doi(record: dict) -> str | None:
    value = _string(record, "doi").strip()
    if not value:
        return None
    doi = bare_doi(value)
    if doi is None:
        raise BadRecord(f"'doi' {value[:30]!r} is not a DOI", "write a DOI such as 10.1234/abc, or leave 'doi' out")
    return doi


def _link(record: dict, key: str) -> str | None:
    """An http(s) address, as the pages will link it."""
    value = _string(record, key).strip()
    if not value:
        return None
    links = find_links(value) if value.lower().startswith(("http://", "https://")) else []
    if len(links) != 1:
        raise BadRecord(f"'{key}' {value[:40]!r} is not a web address", f"write '{key}' as one http(s) address, "
                        "or leave it out")
    return links[0].url


def _upvotes(record: dict) -> int | None:
    value = record.get("upvotes")
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise BadRecord(f"'upvotes' {value!r:.20} is not a count", "write 'upvotes' as a whole number, or leave it out")
    return value


def _categories(record: dict) -> tuple[str, ...]:
    categories = _strings(record, "categories")
    wrong = next((category for category in categories if not is_category(category)), None)
    if wrong is not None:
        raise BadRecord(f"category {wrong[:30]!r} is not an arXiv category", "use arXiv category names such as cs.CL")
    return tuple(dict.fromkeys(categories))


def _kind(value: object) -> str:
    return {type(None): "null", bool: "a boolean", int: "a number", float: "a number", str: "a string",
            list: "a list", dict: "an object"}.get(type(value), type(value).__name__)
