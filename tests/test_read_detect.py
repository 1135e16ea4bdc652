"""Choosing a reader by content: every fixture, misleading suffixes, heads cut short, and empty files."""

from __future__ import annotations

import pytest

from conftest import INPUTS
from generator.read.detect import FORMATS, HEAD_BYTES, detect_format

FORMATS_DIR = INPUTS / "formats"


def head(path) -> bytes:
    return path.read_bytes()[:HEAD_BYTES]


@pytest.mark.parametrize(("name", "expected"), [
    ("arxiv-api.xml", "arxiv-api"),
    ("arxiv-api-error.xml", "arxiv-api"),  # declares no arxiv: prefix, but its ids are arxiv.org/api/...
    ("arxiv_api_layout_since_2025.xml", "arxiv-api"),
    ("arxiv_api_no_results.xml", "arxiv-api"),
    ("hf-daily-papers.json", "hf-daily"),
    ("hf_daily_pretty_printed_with_unusable_items.json", "hf-daily"),
    ("arxiv-snapshot.jsonl", "arxiv-snapshot"),
    ("snapshot_without_authors_parsed.jsonl", "arxiv-snapshot"),
    ("catalogue.bib", "bibtex"),
    ("bibtex_dblp_corr_preprint.bib", "bibtex"),
])
def test_each_format_fixture_is_recognised(name, expected):
    path = FORMATS_DIR / name
    assert detect_format(head(path), path.suffix) == expected


@pytest.mark.parametrize(("path", "expected"), [
    (INPUTS / "records.jsonl", "jsonl"),
    (INPUTS / "wrapped_abstract.txt", "listing"),
    (INPUTS / "hf_furniture.txt", "listing"),
    (INPUTS / "bom.txt", "listing"),
])
def test_generic_records_and_pasted_listings(path, expected):
    assert detect_format(head(path), path.suffix) == expected


@pytest.mark.parametrize(("path", "suffix", "expected"), [
    (FORMATS_DIR / "arxiv-snapshot.jsonl", ".json", "arxiv-snapshot"),  # Kaggle names it .json
    (INPUTS / "records.jsonl", ".json", "jsonl"),  # a .json that is JSON Lines
    (FORMATS_DIR / "catalogue.bib", ".txt", "bibtex"),  # a .txt that is BibTeX
    (FORMATS_DIR / "hf-daily-papers.json", ".jsonl", "hf-daily"),
    (FORMATS_DIR / "arxiv-api.xml", ".txt", "arxiv-api"),
    (FORMATS_DIR / "arxiv-api.xml", "", "arxiv-api"),
    (INPUTS / "wrapped_abstract.txt", ".bib2", "listing"),
])
def test_content_wins_over_a_misleading_suffix(path, suffix, expected):
    assert detect_format(head(path), suffix) == expected


def test_a_head_cut_inside_the_first_record_still_decides():
    assert detect_format((FORMATS_DIR / "arxiv-snapshot.jsonl").read_bytes()[:300], ".json") == "arxiv-snapshot"
    assert detect_format((FORMATS_DIR / "hf-daily-papers.json").read_bytes()[:300], ".json") == "hf-daily"
    cut_pretty = (FORMATS_DIR / "hf_daily_pretty_printed_with_unusable_items.json").read_bytes()[:200]
    assert detect_format(cut_pretty, ".json") == "hf-daily"
    assert detect_format((INPUTS / "records.jsonl").read_bytes()[:30], ".jsonl") == "jsonl"


@pytest.mark.parametrize(("data", "suffix", "expected"), [
    (b"", ".bib", "bibtex"),
    (b"\n\n", ".jsonl", "jsonl"),
    (b"", ".txt", "listing"),
    (b"", "", "listing"),
    (b"% only comments\n", ".bib", "bibtex"),  # the BibTeX reader then says it has no entries
    (b"[]", ".json", "jsonl"),  # an empty array says nothing about its items
    (b'<?xml version="1.0"?><rss version="2.0"/>', ".txt", "listing"),
    (b'<?xml version="1.0"?><rss version="2.0"/>', ".xml", "arxiv-api"),  # whose reader says it is no Atom feed
    (b"\xef\xbb\xbf@misc{k, title={T}}", ".txt", "bibtex"),  # a byte-order mark first
    (b'{"title": "t", "abstract": "a", "authors": ["A"]}\n', ".jsonl", "jsonl"),
    (b'{"title": "t", "abstract": "a", "authors": "A and B"}\n', ".jsonl", "arxiv-snapshot"),
    (b'{"id": "x", "versions": []}\n', ".jsonl", "arxiv-snapshot"),
    (b"An Email About @misc{ things}\n", ".txt", "listing"),  # @misc{ not at a line's start
])
def test_small_heads(data, suffix, expected):
    assert detect_format(data, suffix) == expected


def test_every_answer_is_a_known_format():
    answers = {detect_format(path.read_bytes()[:HEAD_BYTES], path.suffix) for path in FORMATS_DIR.iterdir()}
    assert answers <= set(FORMATS)
