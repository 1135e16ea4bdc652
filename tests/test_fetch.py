"""`python -m generator fetch` against recorded answers on a local server: what it asks, what it writes, how it fails.

Every test works on a copy of data/ (--data-dir) and points the source at 127.0.0.1 (--api-url, or api_url: in
fetch.yaml) with a small --delay; the 3 s default is checked in test_fetch_client.py.
"""

from __future__ import annotations

import datetime
import functools
import json
import shutil

import pytest

from apis import Answer, FakeClock, by_path, daily, files, pages, serving
from conftest import ROOT
from generator import fetch as fetching
from generator.cli import main
from generator.fetch import settings as fetch_settings
from generator.fetch.client import Client
from generator.read import read

PAGE_1, PAGE_2, PAGE_3 = (Answer.recorded(f"arxiv_api_cs_cl_page_{number}_of_3.xml") for number in (1, 2, 3))
EMPTY_PAGE = Answer.recorded("arxiv_api_cs_cl_empty_page_2_of_3.xml")
DAILY = Answer.recorded("hf-daily-papers.json")
NO_PAPERS = Answer.recorded("hf_daily_no_papers_that_day.json")
CS_CL_IDS = ["2602.23603", "2602.23826", "2602.23993", "2602.24109", "2602.24172"]
STARTS_OVER = "(nothing was written to data/; a re-run starts again from the first request)"


@pytest.fixture
def data(tmp_path):
    """A copy of the project's data/, as a fork would have it."""
    return shutil.copytree(ROOT / "data", tmp_path / "data")


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(fetching, "today", lambda: datetime.date(2026, 2, 27))


def fetch(data, *arguments: str) -> int:
    return main(["fetch", *arguments, "--data-dir", str(data), "--delay", "0.01"])


def lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_fetch_arxiv_pages_through_short_pages_and_writes_the_papers_sorted(data, capsys):
    with serving(pages(PAGE_1, PAGE_2, PAGE_3)) as apis:
        code = fetch(data, "arxiv", "--category", "cs.CL", "--since", "2026-02-27", "--until", "2026-02-27",
                     "--api-url", apis.url + "api/query")
    assert code == 0
    assert capsys.readouterr().out == f"arXiv: 5 papers in 3 requests\n{data}/arxiv.jsonl: 5 added, 0 updated (5 lines)\n"
    assert [search["start"] for search in apis.searches()] == ["0", "2", "4"]
    assert apis.searches()[0] == {"search_query": "cat:cs.CL AND submittedDate:[202602270000 TO 202602272359]",
                                  "start": "0", "max_results": "100", "sortBy": "submittedDate",
                                  "sortOrder": "ascending"}
    written = lines(data / "arxiv.jsonl")
    assert [line["id"] for line in written] == CS_CL_IDS
    assert written[1] == {
        "id": "2602.23826", "title": "GLUScope: A Tool for Analyzing GLU Neurons in Transformer Language Models",
        "abstract": written[1]["abstract"], "authors": ["Sebastian Gerstner", "Hinrich Schütze"], "date": "2026-02-27",
        "categories": ["cs.CL", "cs.LG"], "pdf_url": "https://arxiv.org/pdf/2602.23826v1"}
    assert [paper.title for paper in read([data / "arxiv.jsonl"]).records][0].startswith("LFQA-HP-1M")


def test_a_second_fetch_of_the_same_answers_changes_nothing(data, capsys):
    with serving(pages(PAGE_1, PAGE_2, PAGE_3)) as apis:
        arguments = ["arxiv", "--category", "cs.CL", "--since", "2026-02-27", "--api-url", apis.url + "api/query"]
        assert fetch(data, *arguments) == 0
        before = files(data)
        capsys.readouterr()
        assert fetch(data, *arguments) == 0
    assert files(data) == before
    assert capsys.readouterr().out.splitlines()[-1] == f"{data}/arxiv.jsonl: unchanged (5 lines)"


def test_categories_and_a_query_make_one_search(data):
    with serving(pages(Answer.recorded("arxiv_api_no_results.xml"))) as apis:
        assert fetch(data, "arxiv", "--category", "cs.CL", "--category", "cs.LG", "--query", "abs:pretraining",
                     "--since", "2026-02-20", "--api-url", apis.url + "api/query") == 0
    assert apis.searches()[0]["search_query"] == \
        "(cat:cs.CL OR cat:cs.LG) AND (abs:pretraining) AND submittedDate:[202602200000 TO 202602272359]"


def test_a_search_without_results_is_no_failure_and_writes_nothing(data, capsys):
    before = files(data)
    with serving(pages(Answer.recorded("arxiv_api_no_results.xml"))) as apis:
        assert fetch(data, "arxiv", "--query", "ti:nothing", "--since", "2026-02-27", "--api-url", apis.url) == 0
    assert capsys.readouterr().out == f"arXiv: 0 papers in 1 request\n{data}/arxiv.jsonl: unchanged (0 lines)\n"
    assert files(data) == before


@pytest.mark.parametrize(("delay", "waits"), [([], [3.0, 3.0]), (["--delay", "0.3"], [0.3, 0.3])])
def test_requests_are_paced_by_the_delay_3_s_by_default(data, monkeypatch, delay, waits):
    clock = FakeClock()
    monkeypatch.setattr(fetch_settings, "Client", functools.partial(Client, clock=clock.clock, sleep=clock.sleep))
    with serving(pages(PAGE_1, PAGE_2, PAGE_3)) as apis:
        assert main(["fetch", "arxiv", "--category", "cs.CL", "--since", "2026-02-27", "--data-dir", str(data),
                     "--api-url", apis.url, *delay]) == 0
    assert clock.sleeps == waits


def test_an_empty_page_is_asked_again_and_the_fetch_goes_on(data):
    answers = iter([PAGE_1, EMPTY_PAGE, PAGE_2, PAGE_3])
    with serving(lambda path, params: next(answers)) as apis:
        assert fetch(data, "arxiv", "--category", "cs.CL", "--since", "2026-02-27", "--api-url", apis.url) == 0
    assert [search["start"] for search in apis.searches()] == ["0", "2", "2", "4"]
    assert len(lines(data / "arxiv.jsonl")) == 5


def test_the_same_paper_on_two_pages_is_one_line(data):
    with serving(pages(PAGE_1, PAGE_1, PAGE_3)) as apis:
        assert fetch(data, "arxiv", "--category", "cs.CL", "--since", "2026-02-27", "--api-url", apis.url) == 0
    assert [line["id"] for line in lines(data / "arxiv.jsonl")] == ["2602.23603", "2602.23826", "2602.24172"]


def test_hf_asks_for_each_day_and_keeps_code_links_and_upvotes(data, capsys):
    with serving(daily({"2026-02-10": DAILY}, NO_PAPERS)) as apis:
        assert fetch(data, "hf", "--since", "2026-02-09", "--until", "2026-02-11",
                     "--api-url", apis.url + "api/daily_papers") == 0
    assert [request.params for request in apis.seen] == [{"date": "2026-02-09"}, {"date": "2026-02-10"},
                                                          {"date": "2026-02-11"}]
    assert capsys.readouterr().out == (f"Hugging Face daily papers: 3 papers in 3 requests\n"
                                       f"{data}/hf-daily.jsonl: 3 added, 0 updated (3 lines)\n")
    wildreward = lines(data / "hf-daily.jsonl")[2]
    assert (wildreward["id"], wildreward["code_url"], wildreward["upvotes"]) == (
        "2602.08829", "https://github.com/THU-KEG/WildReward", 31)


def test_fetch_without_a_source_fetches_what_fetch_yaml_configures(data, capsys):
    with serving(by_path(query=pages(PAGE_1, PAGE_2, PAGE_3), daily_papers=daily({"2026-02-26": DAILY}, NO_PAPERS))) \
            as apis:
        (data / "fetch.yaml").write_text(
            f"contact: mailto:curator@example.org\ndelay: 0.01\narxiv:\n  categories: [cs.CL]\n  days: 1\n"
            f"  api_url: {apis.url}api/query\nhf:\n  days: 2\n  api_url: {apis.url}api/daily_papers\n",
            encoding="utf-8")
        assert main(["fetch", "--data-dir", str(data)]) == 0
    assert capsys.readouterr().out == (
        "arXiv: 5 papers in 3 requests\nHugging Face daily papers: 3 papers in 2 requests\n"
        f"{data}/arxiv.jsonl: 5 added, 0 updated (5 lines)\n{data}/hf-daily.jsonl: 3 added, 0 updated (3 lines)\n")
    assert apis.searches()[0]["search_query"] == "cat:cs.CL AND submittedDate:[202602270000 TO 202602272359]"
    assert [request.params.get("date") for request in apis.seen[3:]] == ["2026-02-26", "2026-02-27"]
    assert {request.headers["User-Agent"] for request in apis.seen} == {
        "paper-catalogue/0.1.0 (+mailto:curator@example.org)"}


# Failures: one line, exit 1, data/ byte for byte as it was

@pytest.fixture
def fetched_once(data):
    """data/ after one good fetch, so that a failure has a file to leave alone."""
    with serving(pages(PAGE_1, PAGE_2, PAGE_3)) as apis:
        assert fetch(data, "arxiv", "--category", "cs.CL", "--since", "2026-02-27", "--api-url", apis.url) == 0
    return data


def failing(data, capsys, route, *arguments: str) -> tuple[str, str]:
    """The error line and the URL of the server, after checking that nothing in data/ changed."""
    before = files(data)
    with serving(route) as apis:
        code = fetch(data, *arguments, "--api-url", apis.url + "api/query")
    err = capsys.readouterr().err.splitlines()
    assert (code, len(err), files(data)) == (1, 1, before)
    return err[0], apis.url + "api/query"


def arxiv_cs_cl(*more: str) -> tuple[str, ...]:
    return ("arxiv", "--category", "cs.CL", "--since", "2026-02-27", *more)


def test_an_empty_page_that_stays_empty_fails(data, capsys):
    error, url = failing(data, capsys, pages(PAGE_1, EMPTY_PAGE, PAGE_3), *arxiv_cs_cl())
    assert error.startswith(f"error: {url}?search_query=cat%3Acs.CL+AND+submittedDate%3A%5B202602270000+TO+"
                            "202602272359%5D&start=2&max_results=100&sortBy=submittedDate&sortOrder=ascending: ")
    assert error.endswith(f": a page without entries at start=2 of 5 results, 4 times {STARTS_OVER}")


def test_a_malformed_page_fails(data, capsys):
    error, _ = failing(data, capsys, pages(PAGE_1, Answer.recorded("arxiv_api_cut_short.xml")), *arxiv_cs_cl())
    assert error.endswith(f": not well-formed XML (no element found) (line 37 of the answer) {STARTS_OVER}")


def test_an_answer_that_is_no_feed_fails(data, capsys):
    error, _ = failing(data, capsys, pages(Answer(200, b"<html><body>Maintenance</body></html>")), *arxiv_cs_cl())
    assert error.endswith(f": not an Atom feed (the document is a <html>) {STARTS_OVER}")


def test_the_api_s_own_error_message_is_shown(data, capsys):
    error, _ = failing(data, capsys, pages(Answer.recorded("arxiv-api-error.xml", status=400)), *arxiv_cs_cl())
    assert error.endswith(": HTTP 400 Bad Request: the arXiv API answered with an error, not papers: incorrect id "
                          f"format for 1234.12345 (line 11 of the answer) {STARTS_OVER}")


def test_a_503_with_retry_after_is_waited_for_and_then_the_fetch_succeeds(data):
    answers = iter([PAGE_1, Answer(503, b"", (("Retry-After", "1"),)), PAGE_2, PAGE_3])
    with serving(lambda path, params: next(answers)) as apis:
        assert fetch(data, *arxiv_cs_cl("--api-url", apis.url)) == 0
    assert apis.seen[2].at - apis.seen[1].at >= 1.0
    assert len(lines(data / "arxiv.jsonl")) == 5


def test_a_server_that_keeps_failing_fails_the_fetch(data, capsys):
    error, _ = failing(data, capsys, pages(PAGE_1, Answer(503, b"busy")), *arxiv_cs_cl())
    assert error.endswith(f": HTTP 503 Service Unavailable, 4 times (request 5 of at most 50) {STARTS_OVER}")


def test_a_timeout_fails_the_fetch(data, capsys):
    error, _ = failing(data, capsys, pages(PAGE_1, Answer(200, b"", delay=1.5)), *arxiv_cs_cl("--timeout", "0.5"))
    assert ": no answer within 0.5 s, 4 times (request " in error and error.endswith(STARTS_OVER)


def test_the_request_cap_reached_mid_way_fails_the_fetch(data, capsys):
    error, _ = failing(data, capsys, pages(PAGE_1, PAGE_2, PAGE_3), *arxiv_cs_cl("--max-requests", "2"))
    assert error.endswith(": the cap of 2 requests was reached before this one (nothing was written to data/; a re-run "
                          "starts again from the first request; raise --max-requests, or fetch fewer days)")


def test_a_failure_after_good_fetches_leaves_their_file_as_it_was(fetched_once, capsys):
    capsys.readouterr()
    assert (fetched_once / "arxiv.jsonl").is_file()
    error, _ = failing(fetched_once, capsys, pages(PAGE_1, Answer(503, b"busy")), *arxiv_cs_cl())
    assert "HTTP 503" in error


def test_a_failing_second_source_leaves_the_first_one_unwritten(data, capsys):
    with serving(by_path(query=pages(PAGE_1, PAGE_2, PAGE_3),
                        daily_papers=daily({}, Answer.recorded("hf_daily_error_answer.json", status=400)))) as apis:
        (data / "fetch.yaml").write_text(f"arxiv:\n  categories: [cs.CL]\n  api_url: {apis.url}api/query\n"
                                         f"hf:\n  days: 1\n  api_url: {apis.url}api/daily_papers\n", encoding="utf-8")
        before = files(data)
        assert fetch(data) == 1
    assert files(data) == before
    assert capsys.readouterr().err == (
        f"error: {apis.url}api/daily_papers?date=2026-02-27: HTTP 400 Bad Request: Hugging Face answered with an error, "
        f"not papers: Invalid date {STARTS_OVER}\n")


def test_a_damaged_fetched_file_stops_the_fetch_before_any_request(data, capsys):
    (data / "arxiv.jsonl").write_text("not json\n", encoding="utf-8")
    with serving(pages(PAGE_1)) as apis:
        assert fetch(data, *arxiv_cs_cl("--api-url", apis.url)) == 1
    assert apis.seen == []
    assert capsys.readouterr().err == (
        f"error: {data}/arxiv.jsonl:1: not valid JSON (Expecting value at column 1) (this file is written by "
        "`python -m generator fetch` and `resolve`: mend the line or delete it)\n")


# The command line and fetch.yaml, checked before any request

@pytest.mark.parametrize(("arguments", "error"), [
    (["hf", "--category", "cs.CL"], "error: fetch: --category and --query are for arxiv, --api-url for one source "
                                    "(name the source: fetch arxiv --category cs.CL ..., fetch hf --api-url URL ...)"),
    (["--api-url", "http://127.0.0.1:9/"], "error: fetch: --category and --query are for arxiv, --api-url for one "
     "source (name the source: fetch arxiv --category cs.CL ..., fetch hf --api-url URL ...)"),
    (["arxiv", "--category", "cs.CL"], "error: --since: missing, and {data}/fetch.yaml has no arxiv: section with "
                                       "days: (give --since YYYY-MM-DD)"),
    (["arxiv", "--since", "2026-02-01"], "error: fetch arxiv: nothing to search for (give --category CAT or --query "
                                         "QUERY, or categories: under arxiv: in {data}/fetch.yaml)"),
    (["hf", "--since", "2026-03-01"], "error: --since: 2026-03-01 is after --until 2026-02-27 (give a --since on or "
                                      "before --until)"),
    ([], "error: {data}/fetch.yaml: nothing to fetch: no arxiv: or hf: section (add one (README, 'Daily updates'), "
         "or name a source: fetch arxiv --category cs.CL --since YYYY-MM-DD)"),
])
def test_a_fetch_that_cannot_start_says_why_in_one_line(data, capsys, arguments, error):
    (data / "fetch.yaml").unlink(missing_ok=True)
    assert main(["fetch", *arguments, "--data-dir", str(data)]) == 1
    assert capsys.readouterr().err == error.format(data=data) + "\n"


def test_arxiv_itself_is_never_asked_more_often_than_every_3_seconds(data, capsys):
    assert main(["fetch", "arxiv", "--category", "cs.CL", "--since", "2026-02-27", "--data-dir", str(data),
                 "--delay", "1"]) == 1
    assert capsys.readouterr().err == ("error: --delay: 1 s between requests to http://export.arxiv.org/api/query: "
                                       "arXiv's terms of use ask for 3 s or more (leave --delay and delay: out)\n")


def test_a_contact_cannot_add_a_header(data, capsys):
    assert main(["fetch", "hf", "--since", "2026-02-27", "--data-dir", str(data), "--contact",
                 "me\r\nX-Injected: 1"]) == 1
    assert capsys.readouterr().err == ("error: contact: 'me\\r\\nX-Injected: 1' holds a line break or another control "
                                       "character (write the contact on one line)\n")


def test_every_problem_of_fetch_yaml_is_reported_on_its_line(data, capsys):
    (data / "fetch.yaml").write_text("contact: ''\narxiv:\n  categories: [cs.CL, Computer Science]\n  days: 0\n"
                                     "hf:\n  dayz: 2\n", encoding="utf-8")
    assert main(["fetch", "--data-dir", str(data)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"error: {data}/fetch.yaml:1: contact: string should have at least 1 character (write contact: as your "
        "repository's address or an e-mail address, so that arXiv can reach you)",
        f"error: {data}/fetch.yaml:3: arxiv.categories item 2 'Computer Science' is not in the expected form "
        "(write categories: [cs.CL, cs.LG] with arXiv categories)",
        f"error: {data}/fetch.yaml:4: arxiv.days: input should be greater than 0 (write days: as the number of days "
        "to fetch, ending today (1 or more))",
        f"error: {data}/fetch.yaml:6: unknown key 'hf.dayz' (use only api_url, days)",
    ]


def test_entries_the_reader_skips_are_warnings_and_count_for_paging(data, capsys):
    with serving(pages(Answer.recorded("arxiv_api_entries_without_title_or_id.xml"))) as apis:
        assert fetch(data, *arxiv_cs_cl("--api-url", apis.url)) == 0
    out, err = capsys.readouterr()
    assert len(apis.seen) == 1 and out.startswith("arXiv: 1 paper in 1 request\n")
    assert [line.split(": entry ")[-1][:30] for line in err.splitlines()] == [
        "2603.00001 has no <title>; ski", "<id> 'http://example.org/not-a", "2603.00003 has a <published> '"]
    assert all(line.startswith(f"warning: {apis.url}?search_query=") for line in err.splitlines())


@pytest.mark.parametrize(("answer", "error"), [
    (Answer(200, b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>'),
     "a feed without opensearch:totalResults: paging cannot know when to stop"),
    (Answer.recorded("arxiv_api_entity_expansion.xml"), "declares the XML entity 'lol'"),
])
def test_answers_are_untrusted(data, capsys, answer, error):
    message, _ = failing(data, capsys, pages(answer), *arxiv_cs_cl())
    assert error in message
