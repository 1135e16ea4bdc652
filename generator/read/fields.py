"""Field values that several readers share, each read one way: DOIs, code links and LaTeX text."""

from __future__ import annotations

import datetime
import functools
import json
import re

from pylatexenc.latex2text import LatexNodes2Text

from generator.enrich.links import code_url, find_links
from generator.read.text import fold

DOI = re.compile(r"10\.\d{4,9}/\S+")
DOI_PREFIX = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.I)
# Kept as written: math between dollar signs (the site renders it) and URLs, where "~" and "%" are no LaTeX.
VERBATIM = re.compile(r"(?<!\\)(\$\$?).+?(?<!\\)\1|https?://\S+", re.S)
LATEX_MARKS = re.compile(r"[\\{}~]|--|``|''")
# Bare % starts a LaTeX comment and bare & is a table cell break: in titles and names they are the characters.
BARE_SPECIAL = re.compile(r"(?<!\\)([%&])")
TO_TEXT = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)
LINE_BREAKS = re.compile(r"[\t\r\n]+")


class BadRecord(ValueError):
    """One record that cannot be used, with what to do about it; the reader skips it with a notice."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.fix = fix


def string_field(record: dict, key: str, fix: str, required: bool = False) -> str:
    """A field that must be a string when present ('' when absent or null and not required)."""
    value = record.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise BadRecord(f"'{key}' is {kind_of(value)}, not a string" if key in record else f"no '{key}'", fix)
    return value


def json_problem(error: json.JSONDecodeError) -> str:
    """'not valid JSON (Unterminated string starting at column 28)': json's message, its column, no doubled 'at'."""
    return f"not valid JSON ({error.msg.removesuffix(' at')} at column {error.colno})"


def kind_of(value: object) -> str:
    """What a JSON value is, for a message: 'a number', 'null', 'a list'."""
    return {type(None): "null", bool: "a boolean", int: "a number", float: "a number", str: "a string",
            list: "a list", dict: "an object"}.get(type(value), type(value).__name__)


def fold_lines(text: str) -> str:
    """fold() for text with hard line breaks (arXiv wraps titles and abstracts at 80 columns): the breaks become
    spaces first, so that fold keeps to its fast path; its character-by-character one is slow on long abstracts."""
    return fold(LINE_BREAKS.sub(" ", text))


def bare_doi(text: str) -> str | None:
    """The first DOI in a text, bare (10.1103/PhysRevD.76.013009), with or without 'doi:' or a doi.org
    address before it; None when there is none."""
    for word in text.split():
        candidate = DOI_PREFIX.sub("", word).rstrip(".,;")
        if DOI.fullmatch(candidate):
            return candidate
    return None


def code_link(text: str) -> str | None:
    """The code repository a text links to ("Code: https://github.com/org/repo."), trimmed to the repository."""
    return code_url([span.url for span in find_links(text)])


def latex_to_text(text: str) -> str:
    """Text with LaTeX accents, escapes and grouping braces made Unicode (M{\\"u}ller -> Müller,
    {BERT} -> BERT, 50\\% -> 50%); math between dollar signs and URLs stay as written."""
    if not LATEX_MARKS.search(text):
        return text  # most titles and names: no call to the (slow) LaTeX parser
    pieces, position = [], 0
    for kept in VERBATIM.finditer(text):
        pieces += [_prose_to_text(text[position:kept.start()]), kept.group()]
        position = kept.end()
    pieces.append(_prose_to_text(text[position:]))
    return "".join(pieces)


@functools.lru_cache(maxsize=1 << 16)  # author names repeat across a snapshot's papers
def _prose_to_text(text: str) -> str:
    if not LATEX_MARKS.search(text):
        return text
    try:
        return TO_TEXT.latex_to_text(BARE_SPECIAL.sub(r"\\\1", text))
    except Exception:  # noqa: BLE001  pylatexenc fails on some malformed macros (\href without arguments)
        return text  # the text as written is still readable


def utc_date(timestamp: str) -> datetime.date:
    """The UTC calendar day of an ISO 8601 timestamp ('2007-02-27T16:02:02-05:00', '2025-09-04T21:26:31.000Z');
    ValueError if it is none."""
    moment = datetime.datetime.fromisoformat(timestamp.strip())
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(datetime.UTC).date()
