"""Reading a copied listing page (Hugging Face Papers style): titles, abstracts and the listing date.

The format is recognised by structure. An abstract is a line of prose; the title is the line
before it (blank lines and page furniture in between are skipped). Page furniture is any other
short line: vote counts, "Submitted by ...", "· 3 authors", buttons, dates. A line that looks
like a title but has no abstract is reported, never dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum

from generator.errors import Notice, quoted
from generator.model import Record, Source
from generator.read.text import fold, has_control_characters, split_lines
from generator.values import PaperDate

BULLETS = "·•●▪‣◦"
ATTRIBUTION = re.compile(r"^[A-Za-z]+ed\s+by(?:\s+\S+){1,2}$")
ABBREVIATION = re.compile(r"\b(?:vs|al|e\.g|i\.e|etc|cf|fig|eq|no|vol)\.$", re.I)
SENTENCE_END = re.compile(r"\.[\"')\]]*\s+[\"'(\[]?[A-Z]")
CAPITALISED = re.compile(r"\b[A-Z][A-Za-z'-]{3,}")
LONG_WORD = re.compile(r"\b[A-Za-z][A-Za-z'-]{3,}")
TITLE_CASE_SHARE = 0.5
FURNITURE_MAX_WORDS = 2
PROSE_MIN_WORDS = 8
PROSE_SENTENCE_CASE_WORDS = 20
PROSE_ALWAYS_WORDS = 40
LONG_TITLE_MAX_CHARS = 300  # longer sentence-like lines are titles only without sentence breaks
TITLE_MAX_CHARS = 2_000
ABSTRACT_MAX_CHARS = 200_000


class Kind(Enum):
    """What a line of a listing is, judged by its shape alone."""

    BLANK = "blank"
    DATE = "date"
    FURNITURE = "furniture"  # never a title: counts, bullets, attributions
    SHORT = "short"  # a button or label, a title only when nothing better precedes an abstract
    PROSE = "prose"  # an abstract, or part of one
    HEADING = "heading"  # a title, if an abstract follows


@dataclass(frozen=True)
class Line:
    number: int
    text: str
    kind: Kind


@dataclass(frozen=True)
class Dump:
    """What one listing file holds."""

    papers: tuple[Record, ...]
    listing_date: PaperDate
    notices: tuple[Notice, ...]


def is_prose(text: str) -> bool:
    """Whether a line reads as sentences rather than as a title or a label."""
    words = len(text.split())
    if words >= PROSE_ALWAYS_WORDS:
        return True
    if words < PROSE_MIN_WORDS or _title_case(text):
        return False
    if words >= PROSE_SENTENCE_CASE_WORDS:
        return True
    return text.endswith(".") and not _abbreviated(text, len(text)) or _has_sentence_break(text)


def _has_sentence_break(text: str) -> bool:
    return any(not _abbreviated(text, match.start() + 1) for match in SENTENCE_END.finditer(text))


def _abbreviated(text: str, end: int) -> bool:
    """Whether the full stop just before `end` closes an abbreviation such as "vs." or "e.g."."""
    return ABBREVIATION.search(text, max(0, end - 8), end) is not None


def _title_case(text: str) -> bool:
    long_words = len(LONG_WORD.findall(text))
    return long_words > 0 and len(CAPITALISED.findall(text)) / long_words >= TITLE_CASE_SHARE


def classify(text: str) -> Kind:
    """The kind of one folded line."""
    if not text:
        return Kind.BLANK
    if PaperDate.parse_listing(text):
        return Kind.DATE
    words = len(text.split())
    if not any(char.isalpha() for char in text) or text[0] in BULLETS:
        return Kind.FURNITURE
    if ATTRIBUTION.match(text):
        return Kind.FURNITURE
    if words <= FURNITURE_MAX_WORDS and len(text) <= 24:
        return Kind.SHORT
    return Kind.PROSE if is_prose(text) else Kind.HEADING


def parse_dump(text: str, file: str) -> Dump:
    """Papers of a listing, in file order, with notices for every line that could not be placed."""
    raw_lines = split_lines(text)
    lines = [Line(number, folded, classify(folded))
             for number, folded in enumerate((fold(raw) for raw in raw_lines), start=1)]
    dump = _Parser(file, lines).run()
    cleaned = [Notice(file, number, "control characters removed", "save the text without control characters")
               for number, raw in enumerate(raw_lines, start=1) if has_control_characters(raw)]
    return replace(dump, notices=tuple(sorted(dump.notices + tuple(cleaned), key=lambda notice: notice.line or 0)))


class _Parser:
    """One pass over classified lines; keeps the lines seen since the last abstract."""

    def __init__(self, file: str, lines: list[Line]) -> None:
        self.file = file
        self.lines = lines
        self.papers: list[Record] = []
        self.notices: list[Notice] = []
        self.pending: list[Line] = []
        self.listing_date = PaperDate.none()
        self.date = PaperDate.none()

    def run(self) -> Dump:
        index = 0
        while index < len(self.lines):
            line = self.lines[index]
            if line.kind is Kind.PROSE and self._is_long_title(index):
                line = Line(line.number, line.text, Kind.HEADING)
            if line.kind is Kind.PROSE:
                index = self._take_abstract(index)
                continue
            if line.kind is not Kind.BLANK:
                self.pending.append(line)
            index += 1
        self._report_leftovers(self.pending, "is not followed by an abstract",
                               "a title must be followed by its abstract paragraph")
        return Dump(tuple(self.papers), self.listing_date, tuple(self.notices))

    def _take_abstract(self, start: int) -> int:
        end = start + 1
        while end < len(self.lines) and self._continues_abstract(end):
            end += 1
        abstract = " ".join(line.text for line in self.lines[start:end])
        title, own_date = self._take_title()
        if title is None:
            self.notices.append(Notice(self.file, start + 1, "abstract without a title line before it; skipped",
                                       "put the paper's title on the line above its abstract"))
        elif len(title.text) > TITLE_MAX_CHARS or len(abstract) > ABSTRACT_MAX_CHARS:
            what, size, limit = (("title", len(title.text), TITLE_MAX_CHARS) if len(title.text) > TITLE_MAX_CHARS
                                 else ("abstract", len(abstract), ABSTRACT_MAX_CHARS))
            self.notices.append(Notice(self.file, title.number, f"the {what} is {size:,} characters long; skipped",
                                       f"a {what} has at most {limit:,} characters"))
        else:
            self.papers.append(Record(title=title.text, abstract=abstract, source=Source(self.file, title.number),
                                     date=own_date or self.date))
        return end

    def _is_long_title(self, index: int) -> bool:
        """A sentence-like line is a title when no title precedes it and an abstract follows it."""
        line = self.lines[index]
        if line.text.endswith(".") or len(line.text) > LONG_TITLE_MAX_CHARS and _has_sentence_break(line.text):
            return False
        if any(pending.kind in (Kind.HEADING, Kind.SHORT) for pending in self._after_header(self.pending)):
            return False
        following = next((other for other in self.lines[index + 1:] if other.kind is not Kind.BLANK), None)
        return following is not None and following.kind is Kind.PROSE

    def _continues_abstract(self, index: int) -> bool:
        """A line continues the abstract above it if it is prose, or ends its paragraph with a full stop."""
        line = self.lines[index]
        if line.kind is Kind.PROSE:
            return True
        after = self.lines[index + 1].kind if index + 1 < len(self.lines) else Kind.BLANK
        return line.kind is Kind.HEADING and line.text.endswith(".") and after is Kind.BLANK

    def _take_title(self) -> tuple[Line | None, PaperDate | None]:
        """The title among the lines since the last abstract, and a date given after it, if any.

        A date line before the title is the listing's date and holds for the papers that follow;
        one between title and abstract ("Published on ...") is the paper's own."""
        pending, self.pending = self._after_header(self.pending), []
        title = _last(pending, Kind.HEADING) or _last(pending, Kind.SHORT)
        position = pending.index(title) if title else len(pending)
        for line in pending[:position]:
            if line.kind is Kind.DATE:
                self.date = self._with_year(PaperDate.parse_listing(line.text))
                self.listing_date = self.listing_date or self.date
        own_dates = [line for line in pending[position:] if line.kind is Kind.DATE]
        leftovers = [line for line in pending if line.kind is Kind.HEADING and line is not title]
        self._report_leftovers(leftovers, "is followed by another title, not by an abstract",
                               "a title must be followed by its abstract paragraph; is one of them an abstract?")
        return title, self._with_year(PaperDate.parse_listing(own_dates[-1].text)) if own_dates else None

    def _with_year(self, date: PaperDate) -> PaperDate:
        """A date without a year takes the listing's year, when the listing has one."""
        return date.with_year_of(self.listing_date)

    def _after_header(self, pending: list[Line]) -> list[Line]:
        """Lines before the first paper's title up to the listing date are the page's header."""
        if self.papers:
            return pending
        dates = [position for position, line in enumerate(pending) if line.kind is Kind.DATE]
        return pending[dates[0]:] if dates else pending

    def _report_leftovers(self, lines: list[Line], problem: str, fix: str) -> None:
        for line in lines:
            if line.kind is Kind.HEADING:
                self.notices.append(Notice(self.file, line.number, f"{quoted(line.text)} {problem}; skipped", fix))


def _last(lines: list[Line], kind: Kind) -> Line | None:
    return next((line for line in reversed(lines) if line.kind is kind), None)
