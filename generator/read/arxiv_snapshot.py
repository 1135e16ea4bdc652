"""Reading the arXiv metadata snapshot, streamed: Cornell's `arxiv-metadata-oai-snapshot.json` on Kaggle.

The format (https://www.kaggle.com/datasets/Cornell-University/arxiv) is JSON Lines despite the name: one
object per paper, some 2.7 million lines and 4.5 GB. A real line, as ClickHouse's documentation quotes it
(https://clickhouse.com/docs/best-practices/json_type), with the abstract cut short there:

    {"id":"2101.11408","submitter":"Daniel Lemire","authors":"Daniel Lemire","title":"Number Parsing at a
    Gigabyte per Second","comments":"Software at https://github.com/fastfloat/fast_float and\\n
    https://github.com/lemire/simple_fastfloat_benchmark/","journal-ref":"Software: Practice and Experience
    51 (8), 2021","doi":"10.1002/spe.2984","report-no":null,"categories":"cs.DS cs.MS","license":
    "http://creativecommons.org/licenses/by/4.0/","abstract":"With disks and networks providing gigabytes per
    second ....\\n","versions":[{"created":"Mon, 11 Jan 2021 20:31:27 GMT","version":"v1"},{"created":"Sat,
    30 Jan 2021 23:57:29 GMT","version":"v2"}],"update_date":"2022-11-07","authors_parsed":[["Lemire",
    "Daniel",""]]}

`authors` is one string ("C. Bal\\'azs, E. L. Berger and P. M. Nadolsky") with LaTeX accents;
`authors_parsed` has the same names as [last, first, suffix] and is preferred. Titles and abstracts keep
arXiv's hard line breaks and leading spaces, which are folded; a title's LaTeX is made text, an abstract is
left as written for the enrich stage. `categories` is space-separated, the primary first. A link to a code
host in `comments` is the code repository; `journal-ref` is the venue. The paper's date is the day its v1
was created. submitter, report-no, license and update_date have no place in a Record and are not read.

Reading streams: one line at a time from a binary file object, so memory holds the papers kept, never the
file. A selection (categories, a v1 date range) is applied before the full parse where it can be: a line
that names none of the wanted categories, or whose identifier dates it well outside the range, is never
decoded as JSON. Papers selected away are counted, not reported: they are not problems.
"""

from __future__ import annotations

import datetime
import email.utils
import functools
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from generator.errors import Notice
from generator.model import Record, Source
from generator.read.fields import (
    BadRecord,
    bare_doi,
    code_link,
    fold_lines,
    json_problem,
    kind_of,
    latex_to_text,
    string_field,
)
from generator.values import ArxivId, PaperDate, is_category

FIX = "each line of an arXiv snapshot is one JSON object with string 'id', 'title' and 'abstract'"
PROGRESS_STEP = 1 << 20  # bytes between two progress calls: a call per line would cost more than the line
ID_AT_START = re.compile(rb'^\s*\{\s*"id"\s*:\s*"([^"\\]+)"')
AFFILIATION = re.compile(r"\([^()]*\)")  # "A. Smith (MIT), B. Jones ((1) CERN)"
AUTHOR_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
INITIAL_HYPHEN = re.compile(r"\.\s+-")  # authors_parsed writes "C.-P." as "C. -P."


@dataclass(frozen=True)
class Snapshot:
    """What an arXiv snapshot held: the papers selected, a notice per line skipped, and how many papers the
    selection left out."""

    papers: tuple[Record, ...]
    notices: tuple[Notice, ...]
    selected_away: int = 0


@dataclass(frozen=True)
class Selection:
    """The papers a build wants: those in any of some categories (none given: all), whose v1 day lies in
    [since, until] (either end may be open)."""

    categories: frozenset[str] = frozenset()
    since: datetime.date | None = None
    until: datetime.date | None = None

    @functools.cached_property
    def _any_category(self) -> re.Pattern[bytes]:
        return re.compile(b"|".join(re.escape(category.encode()) for category in sorted(self.categories)))

    def rules_out(self, line: bytes) -> bool:
        """Whether a raw line surely falls outside, judged without parsing it: it names none of the categories
        anywhere, or its identifier dates it more than a month outside the range."""
        if self.categories and not self._any_category.search(line):
            return True
        return (self.since is not None or self.until is not None) and self._identifier_out_of_range(line)

    def _identifier_out_of_range(self, line: bytes) -> bool:
        # An identifier's year and month (2603.01234: March 2026) are within a month of its v1 day.
        found = ID_AT_START.match(line)
        submitted = _submitted(found.group(1)) if found else None
        if submitted is None:
            return False
        month = submitted[0] * 12 + submitted[1]
        return (self.since is not None and month < self.since.year * 12 + self.since.month - 1
                or self.until is not None and month > self.until.year * 12 + self.until.month + 1)

    def wants(self, record: Record) -> bool:
        """Whether a parsed paper is in the selection (a paper without a date is in no date range)."""
        if self.categories and self.categories.isdisjoint(record.categories):
            return False
        if self.since is None and self.until is None:
            return True
        day = record.date.full
        return day is not None and (self.since is None or day >= self.since) \
            and (self.until is None or day <= self.until)


def read_snapshot(stream: BinaryIO, file: str, *, categories: Iterable[str] = (), since: datetime.date | None = None,
                  until: datetime.date | None = None, progress: Callable[[int], object] | None = None) -> Snapshot:
    """The papers of a snapshot read line by line from a binary file object, in file order, with a notice
    for each line skipped. `categories` keeps papers in any of them; `since` and `until` bound the v1 day,
    both included. `progress` is called with the number of bytes read since its previous call (as tqdm's
    update expects), about once a MiB and once at the end."""
    selection = Selection(frozenset(categories), since, until)
    papers, notices, selected_away = [], [], 0
    for number, line in _lines(stream, progress):
        outcome = _read_line(line, Source(file, number), selection)
        if isinstance(outcome, Record):
            papers.append(outcome)
        elif isinstance(outcome, Notice):
            notices.append(outcome)
        else:
            selected_away += 1
    return Snapshot(tuple(papers), tuple(notices), selected_away)


def parse_snapshot(text: str, file: str, *, categories: Iterable[str] = (), since: datetime.date | None = None,
                   until: datetime.date | None = None) -> Snapshot:
    """The papers of a snapshot held in a string (a small one: the whole file is in memory)."""
    return read_snapshot(io.BytesIO(text.encode("utf-8")), file, categories=categories, since=since, until=until)


def _lines(stream: BinaryIO, progress: Callable[[int], object] | None) -> Iterator[tuple[int, bytes]]:
    """Numbered non-blank lines, telling `progress` about the bytes read on the way."""
    unreported = 0
    for number, line in enumerate(stream, start=1):
        unreported += len(line)
        if progress is not None and unreported >= PROGRESS_STEP:
            progress(unreported)
            unreported = 0
        if line and not line.isspace():
            yield number, line
    if progress is not None and unreported:
        progress(unreported)


def _read_line(line: bytes, source: Source, selection: Selection) -> Record | Notice | None:
    """A paper, a notice saying why the line was skipped, or None for a paper selected away."""
    if selection.rules_out(line):
        return None
    try:
        record = record_from(_object(line), source)
    except BadRecord as bad:
        return Notice(source.file, source.line, f"{bad}; skipped", bad.fix)
    if not record.date and (selection.since or selection.until):
        return Notice(source.file, source.line, f"{_named(record)} has no v1 date to compare with the date range; "
                      "skipped", "give it a 'versions' list whose v1 has a 'created' date, or read it without dates")
    return record if selection.wants(record) else None


def _object(line: bytes) -> dict:
    try:
        record = json.loads(line.rstrip(b"\r\n"))
    except UnicodeDecodeError as error:
        raise BadRecord(f"not UTF-8 (byte 0x{line[error.start]:02x} at byte {error.start + 1} of the line)",
                        "save the snapshot as UTF-8") from None
    except json.JSONDecodeError as error:
        raise BadRecord(json_problem(error), FIX) from None
    if not isinstance(record, dict):
        raise BadRecord(f"not a JSON object but {kind_of(record)}", FIX)
    return record


def record_from(raw: dict, source: Source) -> Record:
    """A paper from one snapshot object; BadRecord says what is wrong with it."""
    arxiv_id = _arxiv_id(string_field(raw, "id", FIX, required=True))
    title = fold_lines(latex_to_text(string_field(raw, "title", FIX, required=True)))
    abstract = fold_lines(string_field(raw, "abstract", FIX, required=True))
    if not title or not abstract:
        raise BadRecord(f"{arxiv_id} has an empty {'title' if not title else 'abstract'}", FIX)
    return Record(title=title, abstract=abstract, source=source, date=_v1_date(raw), authors=_authors(raw),
                  arxiv_id=arxiv_id, categories=_categories(raw), doi=bare_doi(string_field(raw, "doi", FIX)),
                  venue=fold_lines(string_field(raw, "journal-ref", FIX)) or None,
                  code_url=code_link(fold_lines(string_field(raw, "comments", FIX))))


def _arxiv_id(value: str) -> ArxivId:
    try:
        return ArxivId.parse(value)
    except ValueError:
        raise BadRecord(f"'id' {value[:30]!r} is not an arXiv identifier",
                        "a snapshot's 'id' is an arXiv identifier such as 2603.01234 or hep-th/9901001") from None


def _submitted(identifier: bytes) -> tuple[int, int] | None:
    try:
        return ArxivId.parse(identifier.decode("ascii")).submitted
    except (UnicodeDecodeError, ValueError):
        return None


def _authors(raw: dict) -> tuple[str, ...]:
    parsed = raw.get("authors_parsed")
    if isinstance(parsed, list) and parsed and all(_is_parsed_name(parts) for parts in parsed):
        names = [_parsed_name(parts) for parts in parsed]
    else:
        names = _split_authors(string_field(raw, "authors", FIX))
    return tuple(name for name in (fold_lines(latex_to_text(name)) for name in names) if name)


def _is_parsed_name(parts: object) -> bool:
    return isinstance(parts, list) and len(parts) >= 2 and all(isinstance(part, str) for part in parts)


def _parsed_name(parts: list[str]) -> str:
    """'C.-P. Yuan' from ["Yuan", "C. -P.", ""]; 'John Smith Jr' from ["Smith", "John", "Jr"]."""
    last, first, suffix = (parts + [""])[:3]
    return " ".join(part for part in (INITIAL_HYPHEN.sub(".-", first), last, suffix) if part.strip())


def _split_authors(authors: str) -> list[str]:
    """The names of an authors string: affiliations in parentheses dropped, split at commas and 'and'."""
    while AFFILIATION.search(authors):
        authors = AFFILIATION.sub(" ", authors)
    return AUTHOR_SEPARATOR.split(fold_lines(authors))


def _categories(raw: dict) -> tuple[str, ...]:
    categories = string_field(raw, "categories", FIX).split()
    wrong = next((category for category in categories if not is_category(category)), None)
    if wrong is not None:
        raise BadRecord(f"category {wrong[:30]!r} is not an arXiv category",
                        "'categories' holds arXiv categories separated by spaces, such as 'cs.CL cs.LG'")
    return tuple(dict.fromkeys(categories))


def _v1_date(raw: dict) -> PaperDate:
    versions = raw.get("versions")
    if versions is None:
        return PaperDate.none()
    if not isinstance(versions, list) or not all(isinstance(version, dict) for version in versions):
        raise BadRecord(f"'versions' is {kind_of(versions)}, not a list of objects", FIX)
    first = next((version for version in versions if version.get("version") == "v1"), versions[0] if versions else {})
    created = first.get("created")
    if created is None:
        return PaperDate.none()
    try:
        return PaperDate.of(email.utils.parsedate_to_datetime(str(created)).date())
    except (TypeError, ValueError):
        raise BadRecord(f"v1 'created' {str(created)[:40]!r} is not a date",
                        "write it as arXiv does: 'Mon, 2 Apr 2007 19:18:42 GMT'") from None


def _named(record: Record) -> str:
    return str(record.arxiv_id) if record.arxiv_id else record.title[:40]
