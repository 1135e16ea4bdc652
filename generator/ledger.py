"""The ledger of what the catalogue has published (data/ledger.tsv): one sorted line per paper any build made.

Each line holds a paper's stable key (arxiv:<id>, else doi:<doi>, else title:<hash of its normalised title>),
the slug and the citation key it was published under, the day it was first seen, its status (published,
retired when it left the inputs, merged:<key> when it became part of another paper) and the other keys it
has been known by; and, for a listing (a tag's, entity's or topic's page, the index, the new papers), the most
pages it has ever had, so that every page number once published still answers. Tab-separated, sorted by key, so
`git diff` shows what a build added and two branches that added different papers merge without a conflict.
Read and checked once, written only with the output tree.
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.errors import InputError, Notice

COLUMNS = ("key", "slug", "citation_key", "first_seen", "status", "aliases", "pages")
HEADER = "\t".join(COLUMNS)
FIRST_HEADER = "\t".join(COLUMNS[:-1])  # ledgers written before listings kept their pages: read, then rewritten
PUBLISHED, RETIRED, MERGED = "published", "retired", "merged:"
NONE = "-"  # an empty column, which an editor could not strip as trailing whitespace
PAGE_KINDS = ("tags", "entities", "topics", "listings")  # lines that keep pages, not papers (listings: index, new)
KEY = re.compile(r"(?:arxiv|doi|title|slug|tags|entities|topics|listings):\S+")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
CITATION_KEY = re.compile(r"[A-Za-z0-9:_-]+")
ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")
FIX = "correct the line or restore the file from git: git checkout -- {file}"


@dataclass(frozen=True)
class Entry:
    """One paper the catalogue has published, and where it is now."""

    key: str
    slug: str
    citation_key: str
    first_seen: datetime.date
    status: str = PUBLISHED
    aliases: tuple[str, ...] = ()
    pages: int = 0  # the most pages a listing has had; 0 for a paper, or a listing never counted
    line: int = field(default=0, compare=False)  # where it was read, for messages; 0 for a new entry

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key, *self.aliases)

    @property
    def page_kind(self) -> str | None:
        """'tags', 'entities', 'topics' or 'listings' for the line of such a page, None for a paper's."""
        return _page(self.key)

    @property
    def merged_into(self) -> str | None:
        return self.status.removeprefix(MERGED) if self.status.startswith(MERGED) else None

    def text(self) -> str:
        return "\t".join((self.key, self.slug, self.citation_key, self.first_seen.isoformat(), self.status,
                          ",".join(self.aliases) or NONE, str(self.pages) if self.pages else NONE))


@dataclass(frozen=True)
class Ledger:
    """Every entry of a ledger file, sorted by key."""

    file: str
    entries: tuple[Entry, ...] = ()

    def by_key(self) -> dict[str, Entry]:
        """Each entry under its key and under each of its aliases."""
        return {key: entry for entry in self.entries for key in entry.keys}

    def with_pages(self, pages: dict[str, int], today: datetime.date) -> Ledger:
        """The ledger with the pages of this build's listings, by key (tags:code, listings:papers): each keeps the
        most it has ever had, and a listing no line names yet gets one, first seen today."""
        entries = {entry.key: entry for entry in self.entries}
        for key, count in pages.items():
            old = entries.get(key) or Entry(key, key.partition(":")[2], NONE, today)
            entries[key] = replace(old, pages=max(old.pages, count))
        return Ledger(self.file, tuple(sorted(entries.values(), key=lambda entry: entry.key)))

    def text(self) -> str:
        lines = (entry.text() for entry in sorted(self.entries, key=lambda entry: entry.key))
        return "\n".join([HEADER, *lines]) + "\n"


def read_ledger(path: Path) -> Ledger:
    """The ledger at `path`, empty when there is none yet; every damaged line is reported at once."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Ledger(str(path))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), None, f"cannot read the ledger: {getattr(error, 'strerror', None) or error}",
                         FIX.format(file=path)) from None
    return parse_ledger(text, str(path))


def parse_ledger(text: str, file: str) -> Ledger:
    """The entries of a ledger's text; InputError naming every damaged line."""
    lines = text.splitlines()
    problems: list[Notice] = []
    columns = len(COLUMNS) - 1 if lines and lines[0] == FIRST_HEADER else len(COLUMNS)
    if not lines or lines[0] not in (HEADER, FIRST_HEADER):
        problems.append(Notice(file, 1, "the first line is not the ledger's header",
                               "it must be the column names " + " ".join(COLUMNS) + ", separated by tabs"))
    entries = []
    for number, line in enumerate(lines[1:], start=2):
        entry = _entry(line, number, file, problems, columns)
        if entry is not None:
            entries.append(entry)
    problems += _clashes(entries, file)
    if problems:
        raise InputError.collected(sorted(problems, key=lambda problem: problem.line or 0))
    return Ledger(file, tuple(sorted(entries, key=lambda entry: entry.key)))


def _entry(line: str, number: int, file: str, problems: list[Notice], columns: int = len(COLUMNS)) -> Entry | None:
    fields = line.split("\t")
    fix = FIX.format(file=file)
    if len(fields) != columns:
        problems.append(Notice(file, number, f"{len(fields)} columns instead of {columns}",
                               "separate " + ", ".join(COLUMNS[:columns]) + " by one tab each; " + fix))
        return None
    key, slug, citation_key, seen, status, aliases, pages = [*fields, NONE][:len(COLUMNS)]
    before = len(problems)
    for name, value, shape in (("key", key, KEY), ("slug", slug, SLUG), ("citation key", citation_key, CITATION_KEY)):
        if not shape.fullmatch(value) and not (name == "citation key" and value == NONE and _page(key)):
            problems.append(Notice(file, number, f"malformed {name} {value!r}", fix))
    day = _day(seen)
    if day is None:
        problems.append(Notice(file, number, f"malformed first-seen date {seen!r}", "write it as YYYY-MM-DD"))
    if status not in (PUBLISHED, RETIRED) and not (status.startswith(MERGED) and KEY.fullmatch(status[len(MERGED):])):
        problems.append(Notice(file, number, f"unknown status {status!r}",
                               f"write {PUBLISHED}, {RETIRED} or {MERGED}<key of the paper it became part of>"))
    others = tuple(aliases.split(",")) if aliases != NONE else ()
    if any(not KEY.fullmatch(alias) for alias in others):
        problems.append(Notice(file, number, f"malformed aliases {aliases!r}",
                               f"write keys separated by commas, or {NONE} for none"))
    if pages != NONE and not (pages.isdigit() and int(pages) > 0 and _page(key)):
        problems.append(Notice(file, number, f"malformed pages {pages!r}",
                               f"write the most pages the listing has had, or {NONE} for a paper"))
    if len(problems) > before:
        return None
    return Entry(key, slug, citation_key, day, status, others, int(pages) if pages != NONE else 0, number)


def _page(key: str) -> str | None:
    """'tags', 'entities', 'topics' or 'listings' for the line of such a page, None for a paper's."""
    kind = key.partition(":")[0]
    return kind if kind in PAGE_KINDS else None


def _day(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text) if ISO_DAY.fullmatch(text) else None
    except ValueError:
        return None


def _clashes(entries: list[Entry], file: str) -> list[Notice]:
    """A key, slug or citation key given twice; a merge into a paper the ledger does not hold."""
    problems: list[Notice] = []
    seen: dict[tuple[str, str], int] = {}
    for entry in entries:
        kind = _page(entry.key) or "paper"
        named = [("key", key) for key in entry.keys] + [(f"{kind} slug", entry.slug)]
        named += [("citation key", entry.citation_key.lower())] if entry.citation_key != NONE else []
        for what, value in named:
            first = seen.setdefault((what, value), entry.line)
            if first != entry.line:
                problems.append(Notice(file, entry.line, f"{what} {value!r} is already on line {first}",
                                       "each paper has its own; " + FIX.format(file=file)))
    keys = {key for entry in entries for key in entry.keys}
    for entry in entries:
        if entry.merged_into and entry.merged_into not in keys:
            problems.append(Notice(file, entry.line, f"merged into {entry.merged_into!r}, which is not in the ledger",
                                   "name the key of a line of the ledger"))
    return sorted(problems, key=lambda problem: problem.line or 0)


def write_ledger(path: Path, ledger: Ledger) -> bool:
    """Replace the ledger file through a temporary file, only when its bytes change; whether they did."""
    text = ledger.text()
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_text(text, encoding="utf-8", newline="\n")
        os.replace(temporary, path)
    except OSError as error:
        raise InputError(str(error.filename or path), None, f"cannot write the ledger: {error.strerror}",
                         "check free disk space and permissions") from None
    return True
