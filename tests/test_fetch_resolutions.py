"""Fetched files read back: resolutions complete the input papers they name and never add one, and fetched files
are read after the curator's, so a paper in both keeps the curator's title and slug."""

from __future__ import annotations

import json

from conftest import INPUTS, ROOT, make_project, run_generator
from generator.cli import default_inputs
from generator.read import read
from generator.read.jsonl import parse_jsonl

SAMPLE = ROOT / "tests" / "golden" / "sample.txt"
RESOLVED = INPUTS / "resolved_for_the_golden_sample.jsonl"
CODET5 = "CodeT5: Identifier-aware Unified Pre-trained Encoder-Decoder Models for Code Understanding and Generation"


def test_a_resolves_line_is_a_resolution_not_a_paper():
    result = parse_jsonl(RESOLVED.read_text(encoding="utf-8"), "resolved.jsonl")
    assert result.papers == ()
    assert [(resolution.key[:20], str(resolution.record.arxiv_id)) for resolution in result.resolutions] == [
        ("codet5 identifier aw", "2109.00859"), ("codet5+ open code la", "2305.07922"),
        ("attention is all you", "1706.03762")]
    assert [str(notice) for notice in result.notices] == [
        "resolved.jsonl:4: a 'resolves' line without the arXiv 'id' that was found; skipped "
        "(run `python -m generator resolve` again to rewrite the file)"]


def test_a_resolved_paper_keeps_its_title_and_source_and_gains_what_arxiv_knows():
    reading = read([SAMPLE, RESOLVED])
    assert len(reading.records) == 3
    codet5 = next(record for record in reading.records if record.title == CODET5)
    assert codet5.source.file.endswith("sample.txt")
    assert (str(codet5.arxiv_id), codet5.date.iso, codet5.authors, codet5.categories) == (
        "2109.00859", "2021-09-02", ("Yue Wang", "Weishi Wang", "Shafiq Joty", "Steven C. H. Hoi"), ("cs.CL", "cs.PL"))
    assert (codet5.pdf_url, codet5.code_url) == ("https://arxiv.org/pdf/2109.00859v1", "https://github.com/salesforce/CodeT5")
    assert codet5.abstract.startswith("Pre-trained models for Natural Languages (NL) like BERT and GPT have been "
                                      "recently shown to transfer well to Programming Languages (PL) and largely")
    unresolved = next(record for record in reading.records if record.title.startswith("Tiny Time Mixers"))
    assert (unresolved.arxiv_id, unresolved.date.iso) == (None, "--03-11")


def test_a_resolution_no_input_paper_uses_is_a_warning_and_adds_nothing():
    reading = read([SAMPLE, RESOLVED])
    assert "Attention Is All You Need" not in {record.title for record in reading.records}
    assert f"{RESOLVED}:3: no input paper is titled \"Attention Is All You Need\" (or it has another arXiv id than " \
           "1706.03762); not used (delete the line if the paper left the inputs on purpose)" in map(str, reading.notices)


def test_the_order_of_the_files_does_not_matter():
    assert read([RESOLVED, SAMPLE]).records == read([SAMPLE, RESOLVED]).records


def test_a_build_keeps_every_slug_and_publishes_authors_dates_and_arxiv_links(tmp_path):
    before, after = make_project(tmp_path / "before"), make_project(tmp_path / "after")
    run_generator(before, SAMPLE)
    result = run_generator(after, SAMPLE, RESOLVED)
    assert result.stdout.startswith("3 papers read from 2 files; 3 paper pages;")
    assert "; merged" not in result.stderr  # a resolution is no duplicate
    papers = {paper["slug"]: paper for paper in json.loads((after / "site_src" / "papers.json").read_text())["papers"]}
    slugs_before = {paper["slug"] for paper in json.loads((before / "site_src" / "papers.json").read_text())["papers"]}
    assert set(papers) == slugs_before
    codet5 = papers["codet5-identifier-aware-unified-pre-trained-encoder-decoder-models-for-code"]
    assert (codet5["title"], codet5["arxiv_id"], codet5["date"]) == (CODET5, "2109.00859", "2021-09-02")
    page = (after / "site_src" / "papers" / "codet5-identifier-aware-unified-pre-trained-encoder-decoder-models-for-code.md"
            ).read_text(encoding="utf-8")
    assert "https://arxiv.org/abs/2109.00859" in page and "Shafiq Joty" in page and "Sep 2, 2021" in page
    assert "eprint = {2109.00859}" in page


def test_default_inputs_are_the_curators_files_then_the_fetched_ones(tmp_path):
    for name in ("arxiv.jsonl", "a-listing.txt", "resolved.jsonl", "zz-survey.bib", "hf-daily.jsonl", "fetch.yaml"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert [path.name for path in default_inputs(tmp_path)] == [
        "a-listing.txt", "zz-survey.bib", "arxiv.jsonl", "hf-daily.jsonl", "resolved.jsonl"]


def test_a_listing_paper_fetched_too_keeps_the_listing_s_title_and_slug(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "zz-listing.txt").write_bytes(SAMPLE.read_bytes())
    (data / "arxiv.jsonl").write_text(json.dumps({
        "id": "2109.00859", "title": CODET5.upper(), "abstract": "As arXiv has it.", "authors": ["Yue Wang"]}) + "\n",
        encoding="utf-8")
    project = make_project(tmp_path / "project")
    run_generator(project, *default_inputs(data))
    papers = json.loads((project / "site_src" / "papers.json").read_text())["papers"]
    codet5 = next(paper for paper in papers if paper["arxiv_id"] == "2109.00859")
    assert (codet5["title"], codet5["slug"]) == (
        CODET5, "codet5-identifier-aware-unified-pre-trained-encoder-decoder-models-for-code")
