"""The JSON Lines reader: good records, each kind of bad line, and mixing with dumps."""

from __future__ import annotations

import json

from conftest import INPUTS, make_project, run_generator
from generator.read.jsonl import parse_jsonl

RECORDS = INPUTS / "records.jsonl"


def test_good_records_and_one_notice_per_bad_line():
    result = parse_jsonl(RECORDS.read_text(encoding="utf-8"), "records.jsonl")
    assert [(paper.source.line, paper.title) for paper in result.papers] == [
        (1, "A Good Record on Pre-training"), (11, "Second good record"), (12, "A Good Record on Pre-training (v2)")]
    first = result.papers[0]
    assert (str(first.arxiv_id), first.authors, first.date.iso, first.categories) == (
        "2401.00001", ("Ada Lovelace", "Alan Turing"), "2024-01-02", ("cs.CL", "cs.LG"))
    assert result.papers[1].abstract == "Minimal. Record."
    assert [str(notice) for notice in result.notices] == [
        "records.jsonl:2: not valid JSON (Expecting value at column 38); skipped "
        "(each line must be a JSON object with string 'title' and 'abstract')",
        "records.jsonl:4: a JSON list, not an object; skipped "
        "(each line must be a JSON object with string 'title' and 'abstract')",
        "records.jsonl:5: no 'title'; skipped (each line must be a JSON object with string 'title' and 'abstract')",
        "records.jsonl:6: 'abstract' is null, not a string; skipped "
        "(each line must be a JSON object with string 'title' and 'abstract')",
        "records.jsonl:7: 'authors' is a string, not a list of strings; skipped (write 'authors' as a list of strings)",
        "records.jsonl:8: 'date' 'yesterday' is not a date; skipped (write dates as YYYY-MM-DD)",
        "records.jsonl:9: category '<script>' is not an arXiv category; skipped "
        "(use arXiv category names such as cs.CL)",
        "records.jsonl:10: 'id' 'javascript:alert(1)' is not an arXiv identifier; skipped "
        "(use an arXiv id such as 2401.01234, or leave 'id' out)",
    ]


def test_mixed_inputs_merge_duplicates_and_count_every_record(tmp_path):
    project = make_project(tmp_path)
    dump = tmp_path / "listing.txt"
    dump.write_text("Second Good Record\n\nThe same paper as line 11 of the JSON Lines file. It is merged.\n")
    result = run_generator(project, RECORDS, dump)
    papers = json.loads((project / "site_src" / "papers.json").read_text())["papers"]
    assert len(papers) == 2
    merged = [line for line in result.stderr.splitlines() if "; merged" in line]
    skipped = [line for line in result.stderr.splitlines() if "; skipped" in line]
    assert len(merged) == 2 and len(skipped) == 8
    assert len(papers) + len(merged) + len(skipped) == 12  # every record of both files is accounted for
    good = next(paper for paper in papers if paper["title"] == "A Good Record on Pre-training")
    assert good["arxiv_id"] == "2401.00001" and good["authors"] == ["Ada Lovelace", "Alan Turing"]
    assert {"cs.CL", "cs.LG"} <= set(good["tags"])


def test_a_jsonl_file_without_usable_records_stops_the_run(tmp_path):
    project = make_project(tmp_path)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": 1}\nnot json\n')
    result = run_generator(project, bad, check=False)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        f"error: {bad}: no papers found (each line must be a JSON object with string 'title' and 'abstract')")
    assert len(result.stderr.splitlines()) == 3


def test_doi_venue_pdf_and_code_links_and_upvotes_are_kept_when_usable():
    name = "jsonl_with_doi_venue_links_and_upvotes.jsonl"
    result = parse_jsonl((INPUTS / name).read_text(encoding="utf-8"), name)
    (paper,) = result.papers
    assert (paper.doi, paper.venue, paper.pdf_url, paper.code_url, paper.upvotes) == (
        "10.18653/v1/2023.emnlp-main.68", "EMNLP 2023", "https://arxiv.org/pdf/2305.07922v2",
        "https://github.com/salesforce/CodeT5", 7)
    assert [str(notice) for notice in result.notices] == [
        f"{name}:2: 'doi' 'not a doi' is not a DOI; skipped (write a DOI such as 10.1234/abc, or leave 'doi' out)",
        f"{name}:3: 'pdf_url' 'javascript:alert(1)' is not a web address; skipped "
        "(write 'pdf_url' as one http(s) address, or leave it out)",
        f"{name}:4: 'code_url' 'https://github.com/a/b https://github.co' is not a web address; skipped "
        "(write 'code_url' as one http(s) address, or leave it out)",
        f"{name}:5: 'upvotes' 'many' is not a count; skipped (write 'upvotes' as a whole number, or leave it out)",
        f"{name}:6: 'upvotes' -3 is not a count; skipped (write 'upvotes' as a whole number, or leave it out)",
        f"{name}:7: 'journal_ref' is a list, not a string; skipped "
        "(each line must be a JSON object with string 'title' and 'abstract')",
    ]
