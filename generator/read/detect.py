"""Choosing an input file's reader by what its first bytes hold; the file name's suffix only breaks ties.

Suffixes mislead: Kaggle's arXiv snapshot is JSON Lines named .json, a reading list copied into a .txt may be
BibTeX. So the content decides: an Atom feed from arXiv is an API response, a JSON array of objects with a
"paper" is a Hugging Face daily papers response, JSON Lines whose first object has the snapshot's keys
(authors as one string, versions, authors_parsed) is the snapshot, other JSON Lines are generic records, and
text with @article{ or similar entries is BibTeX. Other text, an empty file or XML of another kind is what its
suffix says, and a pasted listing when the suffix says nothing (.txt, .md, none): so a .bib of comments only
still reaches the BibTeX reader, which says it has no entries.
"""

from __future__ import annotations

import json
import re

FORMATS = ("arxiv-api", "hf-daily", "arxiv-snapshot", "jsonl", "bibtex", "listing")
HEAD_BYTES = 64 * 1024  # what detect_format needs: the first record of every format (a snapshot line is ~2 KB)
BY_SUFFIX = {".xml": "arxiv-api", ".atom": "arxiv-api", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
             ".bib": "bibtex", ".bibtex": "bibtex"}
BIBTEX_ENTRY = re.compile(r"^[ \t]*@[ \t]*(?:article|inproceedings|conference|misc|book|inbook|incollection|"
                          r"phdthesis|mastersthesis|techreport|unpublished|online|proceedings|report|thesis)"
                          r"[ \t]*[{(]", re.I | re.M)
ARXIV_MARKS = ("http://arxiv.org/schemas/atom", "arxiv.org/api/")  # an error feed declares no arxiv: prefix
ARRAY_START = re.compile(r"\[\s*")
DAILY_PAPER_START = re.compile(r'^\[\s*\{[^{}]*?"paper"\s*:\s*\{')
SNAPSHOT_KEYS = re.compile(r'"(?:versions|authors_parsed)"\s*:\s*\[|"authors"\s*:\s*"')


def detect_format(head: bytes, suffix: str) -> str:
    """One of FORMATS for a file whose first bytes (up to HEAD_BYTES) are `head` and whose name ends in `suffix`
    ('.json', '' for none)."""
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    by_content = _by_content(text)
    return by_content or BY_SUFFIX.get(suffix.lower(), "listing")


def _by_content(text: str) -> str | None:
    if text.startswith("<"):
        return "arxiv-api" if "<feed" in text and any(mark in text for mark in ARXIV_MARKS) else None
    if text.startswith("["):
        return "hf-daily" if _first_array_item_has_paper(text) else None
    if text.startswith("{"):
        return "arxiv-snapshot" if _is_snapshot_line(text.split("\n", 1)[0]) else "jsonl"
    return "bibtex" if BIBTEX_ENTRY.search(text) else None


def _first_array_item_has_paper(text: str) -> bool:
    try:
        item, _ = json.JSONDecoder().raw_decode(text, ARRAY_START.match(text).end())
    except json.JSONDecodeError:  # the head may end inside the first item
        return DAILY_PAPER_START.match(text) is not None
    return isinstance(item, dict) and isinstance(item.get("paper"), dict)


def _is_snapshot_line(line: str) -> bool:
    try:
        record = json.loads(line)
    except json.JSONDecodeError:  # cut short by the head, or an object spread over lines
        return SNAPSHOT_KEYS.search(line) is not None
    return isinstance(record, dict) and (isinstance(record.get("authors"), str) or "versions" in record
                                         or "authors_parsed" in record)
