"""The fetchers' HTTP client against a local server: pacing, User-Agent, retries, Retry-After, the request cap."""

from __future__ import annotations

import datetime
import email.utils
import socket
import time
import urllib.request

import pytest

from apis import Answer, FakeClock, in_turn, serving
from generator.fetch import client as client_module
from generator.fetch.client import DEFAULT_DELAY, Client, FetchError, retry_after, user_agent

OK = Answer(200, b"[]")


def client(clock: FakeClock | None = None, **settings) -> Client:
    clock = clock or FakeClock()
    return Client(user_agent("https://github.com/example/fork"), clock=clock.clock, sleep=clock.sleep, **settings)


def apis(*answers: Answer):
    return serving(in_turn(*answers))


def test_arxiv_terms_of_use_are_the_defaults():
    assert DEFAULT_DELAY == 3.0
    assert Client("x").delay == 3.0 and Client("x").max_requests == 50


def test_every_request_waits_three_seconds_after_the_start_of_the_one_before():
    clock = FakeClock()
    with apis(OK) as server:
        fetcher = client(clock)
        for _ in range(3):
            assert fetcher.get(server.url + "api/query").text == "[]"
    assert clock.sleeps == [3.0, 3.0]
    assert fetcher.requests == 3


class TimedOpener:
    """An opener that notes when each request leaves."""

    def __init__(self) -> None:
        self.opener, self.starts = urllib.request.build_opener(), []

    def open(self, request, timeout):
        self.starts.append(time.monotonic())
        return self.opener.open(request, timeout=timeout)


def test_requests_are_paced_in_real_time_too():
    timed = TimedOpener()
    with apis(OK) as server:
        fetcher = Client("x", delay=0.2, opener=timed)
        for _ in range(3):
            fetcher.get(server.url)
    assert [later - earlier >= 0.2 for earlier, later in zip(timed.starts, timed.starts[1:], strict=False)] == \
        [True, True]


def test_the_user_agent_names_the_project_its_version_and_a_contact():
    with apis(OK) as server:
        client().get(server.url)
    assert server.seen[0].headers["User-Agent"] == "paper-catalogue/0.1.0 (+https://github.com/example/fork)"


def test_a_503_is_retried_after_the_retry_after_seconds():
    clock = FakeClock()
    with apis(Answer(503, b"busy", (("Retry-After", "17"),)), OK) as server:
        assert client(clock).get(server.url).status == 200
    assert len(server.seen) == 2 and clock.sleeps == [17.0]


def test_retries_back_off_exponentially_from_the_delay_and_then_fail_with_one_line():
    clock = FakeClock()
    with apis(Answer(503, b"busy")) as server:
        with pytest.raises(FetchError) as failed:
            client(clock).get(server.url + "api/query?start=0")
    assert clock.sleeps == [6.0, 12.0, 24.0]
    assert len(server.seen) == 4
    assert str(failed.value) == (f"{server.url}api/query?start=0: HTTP 503 Service Unavailable, 4 times (request 4 of "
                                 "at most 50) (nothing was written to data/; a re-run starts again from the first request)")


def test_a_429_with_an_http_date_waits_until_that_date():
    now = datetime.datetime(2026, 2, 10, 12, 0, 0, tzinfo=datetime.UTC)
    later = email.utils.format_datetime(now + datetime.timedelta(seconds=120), usegmt=True)
    clock = FakeClock()
    with apis(Answer(429, b"slow down", (("Retry-After", later),)), OK) as server:
        assert client(clock, now=lambda: now).get(server.url).status == 200
    assert clock.sleeps == [120.0]


def test_retry_after_forms():
    now = datetime.datetime(2026, 2, 10, 12, 0, 0, tzinfo=datetime.UTC)
    assert retry_after("30", now) == 30.0
    assert retry_after("Tue, 10 Feb 2026 12:01:00 GMT", now) == 60.0
    assert retry_after("Tue, 10 Feb 2026 11:00:00 GMT", now) == 0.0  # already past
    assert retry_after("soon", now) is None and retry_after(None, now) is None


def test_a_retry_after_of_an_hour_fails_the_run_instead_of_holding_it():
    with apis(Answer(503, b"", (("Retry-After", "3600"),))) as server:
        with pytest.raises(FetchError) as failed:
            client().get(server.url)
    assert len(server.seen) == 1
    assert "HTTP 503 Service Unavailable; the server asks to wait 3600 s before another request, more than 300 s " \
           "(nothing was written to data/; a re-run starts again from the first request; run it again later)" \
           in str(failed.value)


def test_a_timeout_is_retried_then_reported():
    with apis(Answer(200, b"[]", delay=1.0)) as server:
        with pytest.raises(FetchError) as failed:
            client(timeout=0.2, retries=1).get(server.url)
    assert len(server.seen) == 2
    assert "no answer within 0.2 s, 2 times (request 2 of at most 50)" in str(failed.value)


def test_a_server_that_is_not_there_is_retried_then_reported():
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    with pytest.raises(FetchError) as failed:
        client(retries=1).get(f"http://127.0.0.1:{port}/api/query")
    assert "no answer (Connection refused), 2 times" in str(failed.value)


def test_an_empty_answer_is_retried():
    clock = FakeClock()
    with apis(Answer(200, b""), OK) as server:
        assert client(clock).get(server.url).text == "[]"
    assert len(server.seen) == 2


def test_other_client_errors_are_answers_for_the_parser_to_explain():
    with apis(Answer(400, b'{"error":"Invalid date"}')) as server:
        response = client().get(server.url)
    assert (response.status, response.reason, response.text) == (400, "Bad Request", '{"error":"Invalid date"}')
    assert len(server.seen) == 1


def test_the_request_cap_stops_the_run_before_the_request_beyond_it():
    with apis(OK) as server:
        fetcher = client(max_requests=2)
        fetcher.get(server.url)
        fetcher.get(server.url)
        with pytest.raises(FetchError) as failed:
            fetcher.get(server.url + "api/query?start=200")
    assert len(server.seen) == 2
    assert str(failed.value) == (
        f"{server.url}api/query?start=200: the cap of 2 requests was reached before this one (nothing was written to "
        "data/; a re-run starts again from the first request; raise --max-requests, or fetch fewer days)")


def test_retries_count_against_the_cap():
    with apis(Answer(503, b"busy")) as server:
        with pytest.raises(FetchError) as failed:
            client(max_requests=2).get(server.url)
    assert len(server.seen) == 2 and "the cap of 2 requests was reached" in str(failed.value)


def test_answers_are_untrusted_bytes(monkeypatch):
    monkeypatch.setattr(client_module, "MAX_RESPONSE_BYTES", 10)
    with apis(Answer(200, b"x" * 11), Answer(200, b"caf\xe9")) as server:
        with pytest.raises(FetchError, match="an answer larger than 0 MiB"):
            client().get(server.url)
        with pytest.raises(FetchError, match=r"an answer that is not UTF-8 \(byte 0xe9 at byte offset 3\)"):
            client().get(server.url)
