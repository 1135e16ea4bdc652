"""The Hugging Face daily papers reader: every field, ai_summary never the abstract, unusable items, errors."""

from __future__ import annotations

import pytest

from conftest import INPUTS
from generator.errors import InputError
from generator.model import Record, Source
from generator.read.hf_daily import parse_hf_daily
from generator.values import ArxivId, PaperDate

FORMATS = INPUTS / "formats"


def parse(name: str):
    return parse_hf_daily((FORMATS / name).read_text(encoding="utf-8"), name)


def test_every_field_of_an_item_with_a_github_repository():
    wild = parse("hf-daily-papers.json").papers[0]
    assert wild == Record(
        title="WildReward: Learning Reward Models from In-the-Wild Human Interactions", abstract=wild.abstract,
        source=Source("hf-daily-papers.json", 1), date=PaperDate(2026, 2, 9),
        authors=("Hao Peng", "Yunjia Qi", "Xiaozhi Wang", "Zijun Yao", "Lei Hou", "Juanzi Li"),
        arxiv_id=ArxivId("2602.08829"), categories=(), doi=None, venue=None, venue_type=None, pdf_url=None,
        code_url="https://github.com/THU-KEG/WildReward", upvotes=31)
    assert wild.abstract.startswith("Reward models (RMs) are crucial for the training of large language models "
                                    "(LLMs), yet they typically rely")  # the line breaks folded
    assert wild.abstract.endswith("Code and data are released at https://github.com/THU-KEG/WildReward.")


def test_the_abstract_is_the_summary_never_the_ai_summary():
    papers = parse("hf-daily-papers.json").papers
    assert all("ai_summary" not in paper.abstract for paper in papers)
    lean = papers[1]
    assert lean.abstract.startswith("We present the first comprehensive Lean 4 formalization")
    assert "Dudley's entropy integral theorem for sub-Gaussian processes" in lean.abstract
    assert not lean.abstract.startswith("A Lean 4 library formalizes")  # that is the machine-written ai_summary


def test_a_link_inside_the_abstract_is_not_the_code_repository():
    lean = parse("hf-daily-papers.json").papers[1]
    assert "https://github.com/YuanheZ/lean-stat-learning-theory" in lean.abstract
    assert lean.code_url is None  # no githubRepo: enrichment may still find the link in the abstract


def test_items_without_repository_or_ai_summary_and_with_accents():
    papers = parse("hf-daily-papers.json").papers
    assert [(str(paper.arxiv_id), paper.upvotes, paper.date) for paper in papers] == [
        ("2602.08829", 31, PaperDate(2026, 2, 9)), ("2602.02285", 12, PaperDate(2026, 2, 2)),
        ("2602.07970", 3, PaperDate(2026, 2, 8))]
    assert papers[2].authors[2] == "Cengiz Öztireli"
    assert papers[2].code_url is None  # a project page is no code repository
    assert parse("hf-daily-papers.json").notices == ()


def test_each_unusable_item_is_named_by_position_and_id_and_skipped():
    result = parse("hf_daily_pretty_printed_with_unusable_items.json")
    assert [(paper.source.line, str(paper.arxiv_id)) for paper in result.papers] == [(2, "2602.07970"),
                                                                                      (280, "2602.02286")]
    assert result.papers[1].code_url == "https://github.com/YuanheZ/lean-stat-learning-theory"  # "org/repo" form
    name = "hf_daily_pretty_printed_with_unusable_items.json"
    fix = "each item of a daily papers response has a 'paper' object with string 'id', 'title' and 'summary'"
    assert [str(notice) for notice in result.notices] == [
        f"{name}:66: item 2 (2602.02285): no summary (the abstract); its ai_summary is a model's digest, not the "
        "abstract; skipped (keep items whose paper has its authors' 'summary')",
        f"{name}:127: item 3: no 'paper'; skipped ({fix})",
        f"{name}:151: item 4: a string, not an object; skipped ({fix})",
        f"{name}:152: item 5 (not-an-id): 'id' 'not-an-id' is not an arXiv identifier; skipped "
        "(a daily paper's 'id' is its arXiv identifier, such as 2509.04664)",
        f"{name}:216: item 6 (2602.07971): 'publishedAt' 'last Monday' is not a timestamp; skipped "
        "(write it as the API does: 2025-09-04T21:26:31.000Z)",
    ]


def test_a_day_without_papers_is_an_empty_array():
    assert parse("hf_daily_no_papers_that_day.json") == parse_hf_daily("[]", "hf_daily_no_papers_that_day.json")
    assert parse("hf_daily_no_papers_that_day.json").papers == ()


@pytest.mark.parametrize(("name", "text", "message"), [
    ("hf_daily_error_answer.json", None, "hf_daily_error_answer.json:1: Hugging Face answered with an error, not "
     "papers: Invalid date (check the date in the request and save the new response)"),
    ("object.json", '{"paper": {}}', "object.json:1: an object in JSON, not the array of a daily papers response"),
    ("cut.json", '[{"paper": {"id": "2602.08829"}},\n {"paper": ', "cut.json:2: not valid JSON (Expecting value at "
     "column 12)"),
    ("trailing.json", "[]\n]", "trailing.json:1: text after the end of the array"),
    ("lines.jsonl", '{"title": "a"}\n{"title": "b"}\n', "lines.jsonl:2: not valid JSON (Extra data at column 1)"),
])
def test_files_that_are_no_daily_papers_response_are_input_errors(name, text, message):
    fix = "save the response of https://huggingface.co/api/daily_papers?date=YYYY-MM-DD as it came"
    with pytest.raises(InputError) as raised:
        parse_hf_daily(text if text is not None else (FORMATS / name).read_text(), name)
    assert str(raised.value) in (message, f"{message} ({fix})")
