"""`python -m generator resolve` against recorded answers: titles asked a few at a time, exact matches kept."""

from __future__ import annotations

import json
import shutil

import pytest

from apis import FORMATS, Answer, files, in_turn, serving
from conftest import ROOT, SEED
from generator.cli import main
from generator.enrich.merge import normalised_title
from generator.fetch.resolve import matches, searchable, title_query
from generator.read import read
from generator.read.arxiv_api import parse_arxiv_api

TITLES = Answer.recorded("arxiv_api_titles_of_the_seed.xml")
STARTS_OVER = "(nothing was written to data/; a re-run starts again from the first request)"
FOUND = {"2109.00859": "CodeT5: Identifier-aware Unified Pre-trained Encoder-Decoder Models for Code Understanding "
                       "and Generation",
         "2205.05131": "UL2: Unifying Language Learning Paradigms",
         "2305.07922": "CodeT5+: Open Code Large Language Models for Code Understanding and Generation"}


@pytest.fixture
def data(tmp_path):
    return shutil.copytree(ROOT / "data", tmp_path / "data")


def arxiv(*answers: Answer):
    return serving(in_turn(*answers))


def resolve(data, url: str, *arguments: str) -> int:
    return main(["resolve", "--data-dir", str(data), "--api-url", url, "--delay", "0.01", *arguments])


def seed_titles() -> list[str]:
    return [record.title for record in read([SEED]).records]


def test_resolve_asks_five_titles_a_request_and_keeps_the_exact_matches(data, capsys):
    with arxiv(TITLES) as api:
        assert resolve(data, api.url + "api/query") == 0
    out, err = capsys.readouterr()
    assert out == f"arXiv: 3 of 73 papers without an arXiv id found by title in 15 requests\n" \
                  f"{data}/resolved.jsonl: 3 added, 0 updated (3 lines)\n"
    first = [normalised_title(title) for title in seed_titles()[:5]]
    assert api.searches()[0] == {"search_query": " OR ".join(f'ti:"{key}"' for key in first), "start": "0",
                                 "max_results": "50"}
    assert len(api.searches()) == 15
    lines = [json.loads(line) for line in (data / "resolved.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {line["id"]: line["title"] for line in lines} == FOUND
    assert [line["resolves"] for line in lines] == sorted(normalised_title(title) for title in FOUND.values())
    assert lines[0]["authors"][:2] == ["Yue Wang", "Weishi Wang"] and lines[0]["date"] == "2021-09-02"
    (warning,) = err.splitlines()
    assert warning.startswith('warning: resolve: 70 papers not found on arXiv by title: "Decoder Pre-Training with '
                              'only Text for Scene Text Recognit…", "SpeechT5: ')
    assert '"Don\'t Stop Pretraining? Make Prompt-based Fine-tuning Power…"' in warning  # close is not the same
    assert warning.endswith("(a match needs arXiv's title up to case and punctuation; give an 'id' by hand where you "
                            "know one)")


def test_a_second_resolve_asks_only_for_the_papers_still_without_an_id_and_changes_nothing(data, capsys):
    with arxiv(TITLES) as api:
        assert resolve(data, api.url) == 0
        before = files(data)
        capsys.readouterr()
        assert resolve(data, api.url, "-q") == 0
    assert files(data) == before
    assert capsys.readouterr() == (f"arXiv: 0 of 70 papers without an arXiv id found by title in 14 requests\n"
                                   f"{data}/resolved.jsonl: unchanged (3 lines)\n", "")
    assert len(api.searches()) == 15 + 14


def test_resolve_with_nothing_to_look_up_asks_nothing(tmp_path, capsys):
    with arxiv(TITLES) as api:
        assert main(["resolve", str(FORMATS / "hf-daily-papers.json"), "--data-dir", str(tmp_path),
                     "--api-url", api.url]) == 0
    assert api.seen == []
    assert capsys.readouterr().out.startswith("arXiv: 0 of 0 papers without an arXiv id found by title in 0 requests\n")


@pytest.mark.parametrize(("answers", "more", "error"), [
    ((Answer(503, b"busy"),), (), "HTTP 503 Service Unavailable, 4 times (request 4 of at most 50) " + STARTS_OVER),
    ((TITLES, Answer.recorded("arxiv_api_cut_short.xml")), (), "not well-formed XML (no element found) (line 37 of "
                                                               "the answer) " + STARTS_OVER),
    ((TITLES,), ("--max-requests", "3"), "the cap of 3 requests was reached before this one (nothing was written to "
                                         "data/; a re-run starts again from the first request; raise --max-requests, "
                                         "or fetch fewer days)"),
])
def test_a_failed_resolve_leaves_data_as_it_was(data, capsys, answers, more, error):
    before = files(data)
    with arxiv(*answers) as api:
        assert resolve(data, api.url, *more) == 1
    assert files(data) == before
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"error: {api.url}?search_query=ti%3A%22") and line.endswith(": " + error)


def test_a_title_two_arxiv_papers_share_is_left_unresolved():
    (codet5, codet5_plus, *_) = parse_arxiv_api(TITLES.body.decode("utf-8"), "feed").papers
    twin = type(codet5_plus)(**{**codet5_plus.__dict__, "title": codet5.title})
    keys = [normalised_title(codet5.title), normalised_title(codet5_plus.title)]
    assert matches(keys, (codet5, codet5_plus)) == dict(zip(keys, (codet5, codet5_plus), strict=True))
    assert matches(keys, (codet5, twin, codet5)) == {}


def test_titles_are_asked_as_words_no_operator_can_be_read_into():
    assert searchable(normalised_title("C++ and C#: AND/OR (Not) \"Quoted\" Code")) == "c and c and or not quoted code"
    assert title_query(["a b", "c"]) == 'ti:"a b" OR ti:"c"'
