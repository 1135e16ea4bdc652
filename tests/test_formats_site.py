"""Every input format people have builds a site that passes `mkdocs build --strict`, alone and all together."""

from __future__ import annotations

import json

import pytest

from conftest import INPUTS, ROOT, make_project, run_generator, run_mkdocs

FORMATS = INPUTS / "formats"
FILES = {"arxiv-snapshot": FORMATS / "arxiv-snapshot.jsonl", "arxiv-api": FORMATS / "arxiv-api.xml",
         "hf-daily": FORMATS / "hf-daily-papers.json", "bibtex": FORMATS / "catalogue.bib"}


def built(tmp_path, *inputs):
    """A site of some inputs with the shipped data/ rules, curation included (it names none of these papers)."""
    project = make_project(tmp_path)
    result = run_generator(project, *inputs, curation=ROOT / "data" / "curation.yaml")
    run_mkdocs(project)
    return project, result, json.loads((project / "site_src" / "papers.json").read_text(encoding="utf-8"))["papers"]


@pytest.mark.parametrize("kind", FILES)
def test_each_format_alone_builds_a_strict_site(tmp_path, kind):
    project, _, papers = built(tmp_path, FILES[kind])
    assert papers and all(paper["title"] and (project / "site" / paper["url"] / "index.html").is_file()
                          for paper in papers)


def test_all_four_formats_together_make_one_page_per_paper(tmp_path):
    project, result, papers = built(tmp_path, *FILES.values())
    by_id = {paper["arxiv_id"]: paper for paper in papers if paper["arxiv_id"]}
    assert len(by_id) == sum(1 for paper in papers if paper["arxiv_id"]), "an arXiv id has two pages"
    assert "without an abstract, kept" in result.stdout
    page = (project / "site_src" / "papers").glob("*.md")
    text = "\n".join(path.read_text(encoding="utf-8") for path in page)
    assert "paper-facts__venue" in text and "md-button paper-doi" in text and "md-button paper-pdf" in text
    assert "No abstract is available for this paper" in text


def test_a_paper_read_from_several_formats_keeps_the_best_of_each():
    from generator.enrich.merge import merge_duplicates
    from generator.model import Record, Source
    from generator.values import ArxivId

    listing = Record("A Paper", "Abstract.", Source("a.txt", 3), authors=("A. One",))
    api = Record("A paper", "Abstract.", Source("b.xml", 9), authors=("A. One", "B. Two"),
                 arxiv_id=ArxivId("2401.00001"), pdf_url="https://arxiv.org/pdf/2401.00001v1")
    daily = Record("A paper", "Abstract.", Source("c.json", 1), arxiv_id=ArxivId("2401.00001"),
                   code_url="https://github.com/a/b", upvotes=12)
    [merged], notices = merge_duplicates([listing, api, daily])
    assert merged.authors == ("A. One", "B. Two") and merged.code_url == "https://github.com/a/b"
    assert merged.pdf_url and merged.upvotes == 12 and str(merged.arxiv_id) == "2401.00001"
    assert [notice.file for notice in notices] == ["b.xml", "c.json"]
