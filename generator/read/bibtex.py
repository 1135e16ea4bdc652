"""Reading a BibTeX file (.bib) through bibtexparser: journal articles, proceedings papers, arXiv preprints.

The format is BibTeX's (Oren Patashnik, "BibTeXing", https://mirrors.ctan.org/biblio/bibtex/base/btxdoc.pdf):
entries of a type and a citation key, with fields in braces or quotes, @string macros, and the month macros
jan..dec that the standard styles define. arXiv's help on BibTeX and eprints
(https://arxiv.org/help/hypertex/bibstyles) adds the fields an arXiv preprint is cited with:

    @misc{vaswani2017attention,
      title         = {Attention Is All You Need},
      author        = {Ashish Vaswani and Noam Shazeer and Niki Parmar},
      year          = {2017},
      eprint        = {1706.03762},
      archivePrefix = {arXiv},
      primaryClass  = {cs.CL},
      url           = {https://arxiv.org/abs/1706.03762},
    }

An @article's journal is its venue (a journal), an @inproceedings' (or @conference's) booktitle its venue (a
proceedings). Titles, names and abstracts are LaTeX: braces that keep capitals ({BERT}) and accents (M{\\"u}ller,
\\'{e}) become plain Unicode. The year and month are `issued`; a full `date` or a `day` field makes the date.
An arXiv identifier comes from eprint (with archivePrefix or eprinttype arXiv, or none), from an arxiv.org url,
or from a Google Scholar journal "arXiv preprint arXiv:1706.03762"; a url on a code host is the code repository.
An entry without an abstract is kept with an empty one and counted. A malformed entry is a notice with its line
and key, and skipped; a file with no entry at all is an InputError.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

import bibtexparser
from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names
from bibtexparser.model import DuplicateBlockKeyBlock, Entry, ParsingFailedBlock

from generator.errors import InputError, Notice
from generator.model import Record, Source
from generator.read.fields import BadRecord, bare_doi, code_link, fold_lines, latex_to_text
from generator.values import ArxivId, PaperDate, is_category

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
VENUE_FIELDS = {"article": ("journal", "journal"), "inproceedings": ("booktitle", "proceedings"),
                "conference": ("booktitle", "proceedings")}
ARXIV_IN_TEXT = re.compile(r"arxiv[:\s]*(?P<id>\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})", re.I)
PREPRINT_VENUE = re.compile(r"\barxiv\b|^corr$", re.I)  # "arXiv preprint arXiv:1706.03762"; DBLP's "CoRR"
ARXIV_URL = re.compile(r"https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/\S+", re.I)
BLOCK_START = re.compile(r"@\s*(?P<type>\w+)\s*[{(]\s*(?P<key>[^\s,{}()=\"#%]*)")
ENTRY_FIX = "an entry is @type{key, field = {value}, ...} with its braces balanced and its fields separated by commas"


@dataclass(frozen=True)
class Bibliography:
    """What one .bib file held: its papers in file order, a notice per entry skipped, and how many of the
    papers came without an abstract (kept, with an empty one)."""

    papers: tuple[Record, ...]
    notices: tuple[Notice, ...]
    without_abstract: int = 0


def parse_bibtex(text: str, file: str) -> Bibliography:
    """The papers of a BibTeX text; an InputError when it holds no entry at all."""
    library = _library(text)
    notices = [_failed_notice(block, file) for block in library.failed_blocks]
    if not library.entries and not notices:
        raise InputError(file, None, "no BibTeX entries",
                         "a .bib file holds entries such as @article{key, title = {...}, author = {...}, year = 2024}")
    papers = []
    for entry in library.entries:
        try:
            papers.append(record_from(entry, Source(file, entry.start_line + 1)))
        except BadRecord as bad:
            notices.append(Notice(file, entry.start_line + 1, f"entry '{entry.key}': {bad}; skipped", bad.fix))
    notices.sort(key=lambda notice: notice.line or 0)
    return Bibliography(tuple(papers), tuple(notices), sum(1 for paper in papers if not paper.abstract))


def _library(text: str) -> bibtexparser.Library:
    # bibtexparser logs each malformed block as a warning; here each becomes a notice instead.
    with _quiet(logging.getLogger("bibtexparser")):
        return bibtexparser.parse_string(text)


@contextlib.contextmanager
def _quiet(logger: logging.Logger) -> Iterator[None]:
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _failed_notice(block: ParsingFailedBlock, file: str) -> Notice:
    start = BLOCK_START.match((block.raw or "").lstrip())
    named = f"entry '{start['key']}'" if start and start["key"] else f"@{start['type']} block" if start else "block"
    line = (block.start_line or 0) + 1
    if isinstance(block, DuplicateBlockKeyBlock):
        return Notice(file, line, f"{named}: the key is used by an earlier entry; skipped",
                      "give each entry its own key")
    reason = getattr(block.error, "abort_reason", "") or str(block.error)
    return Notice(file, line, f"{named} is malformed ({fold_lines(reason)}); skipped", ENTRY_FIX)


def record_from(entry: Entry, source: Source) -> Record:
    """A paper from one entry; BadRecord says what is wrong with it."""
    fields = {field.key.lower(): str(field.value) for field in entry.fields}
    title = _text(fields.get("title", ""))
    if not title:
        raise BadRecord("no title", "give the entry a title = {...}")
    venue_field, venue_type = VENUE_FIELDS.get(entry.entry_type.lower(), ("", None))
    venue = _text(fields.get(venue_field, ""))
    venue = None if not venue or PREPRINT_VENUE.search(venue) else venue
    urls = fields.get("url", "").split()
    return Record(title=title, abstract=_text(fields.get("abstract", "")), source=source, date=_date(fields),
                  authors=_authors(fields.get("author", "")), arxiv_id=_arxiv_id(fields),
                  categories=_categories(fields), doi=bare_doi(fields.get("doi", "")), venue=venue,
                  venue_type=venue_type if venue else None, code_url=code_link(" ".join(urls)),
                  pdf_url=next((url for url in urls if url.lower().endswith(".pdf")), None), issued=_issued(fields))


def _text(value: str) -> str:
    return fold_lines(latex_to_text(value))


def _authors(value: str) -> tuple[str, ...]:
    """'Jörg Müller' from 'M{\\"u}ller, J{\\"o}rg'; 'Google Research' from '{Google Research}';
    'and others' left out."""
    names = (parse_single_name_into_parts(name, strict=False).merge_first_name_first
             for name in split_multiple_persons_names(value) if name.strip().lower() != "others")
    return tuple(name for name in (_text(name) for name in names) if name)


def _arxiv_id(fields: dict[str, str]) -> ArxivId | None:
    prefix = (fields.get("archiveprefix") or fields.get("eprinttype") or "arxiv").strip().lower()
    candidates = [fields.get("eprint", "")] if prefix == "arxiv" else []
    candidates += ARXIV_URL.findall(fields.get("url", ""))
    candidates += [found["id"] for found in ARXIV_IN_TEXT.finditer(fields.get("journal", ""))]
    for candidate in candidates:
        with contextlib.suppress(ValueError):
            return ArxivId.parse(candidate)
    return None


def _categories(fields: dict[str, str]) -> tuple[str, ...]:
    primary = fields.get("primaryclass", "").strip()
    return (primary,) if is_category(primary) else ()


def _issued(fields: dict[str, str]) -> tuple[int, ...]:
    """(year,) or (year, month) as the entry gives them; () without a year."""
    year = fields.get("year", "").strip()
    if not year.isdigit():
        return ()
    month = _month(fields.get("month", ""))
    return (int(year), month) if month else (int(year),)


def _month(value: str) -> int | None:
    """1 to 12 from the macro jan, from 'January', '{Sept.}' or '1'; None for anything else."""
    value = value.strip("{}. ").lower()
    if value.isdigit():
        return int(value) if 1 <= int(value) <= 12 else None
    return next((number for number, name in enumerate(MONTHS, start=1) if len(value) >= 3 and name.startswith(value)),
                None)


def _date(fields: dict[str, str]) -> PaperDate:
    """A full day from biblatex's date = {2024-03-11} or from year, month and day; else no date."""
    date = fields.get("date", "").strip()
    with contextlib.suppress(ValueError):
        return PaperDate.of(datetime.date.fromisoformat(date))
    issued, day = _issued(fields), fields.get("day", "").strip()
    if len(issued) == 2 and day.isdigit():
        with contextlib.suppress(ValueError):
            return PaperDate.of(datetime.date(*issued, int(day)))
    return PaperDate.none()
