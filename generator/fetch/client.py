"""Polite HTTP GETs for the fetchers: one request at a time, paced, capped per run, retried with backoff.

arXiv's terms of use (https://info.arxiv.org/help/api/tou.html) ask for no more than one request every three
seconds, on a single connection at a time, from a client that says who it is: every request waits for its turn
(`delay` after the start of the one before, retries included), requests are made one after the other, the
User-Agent names the project, its version and a contact, and a run makes at most `max_requests`. A timeout,
a dropped connection, an empty answer, 429 and 5xx are retried after 2, 4, 8 ... times the delay, or after
the Retry-After the server sends (seconds or an HTTP date) when that is longer; a Retry-After beyond
MAX_WAIT fails the run rather than hold it for hours. Other answers go back to the caller, whose parser
reads the API's own message in them. Answers are untrusted text: read up to MAX_RESPONSE_BYTES, decoded as
UTF-8, never evaluated.
"""

from __future__ import annotations

import datetime
import email.utils
import http.client
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from generator import __version__
from generator.errors import InputError, Notice
from generator.model import Record
from generator.read.text import decode

PROJECT = "paper-catalogue"
DEFAULT_CONTACT = "https://github.com/example/paper-catalogue"  # a fork's own address replaces it (data/fetch.yaml)
DEFAULT_DELAY = 3.0  # seconds from the start of one request to the start of the next: arXiv's terms of use
DEFAULT_MAX_REQUESTS = 50
DEFAULT_TIMEOUT = 30.0
RETRIES = 3  # after the first attempt
MAX_WAIT = 300.0
MAX_RESPONSE_BYTES = 32 * 1024 * 1024  # a page of 100 arXiv entries is ~300 KB, a day of daily papers ~200 KB
STARTS_OVER = "nothing was written to data/; a re-run starts again from the first request"
Parsed = TypeVar("Parsed")


class FetchError(InputError):
    """A request that failed for good, named by its URL: what went wrong, and what a re-run does."""

    def __init__(self, url: str, message: str, fix: str = STARTS_OVER) -> None:
        super().__init__(url, None, message, fix)


class _Retry(Exception):
    """A failure worth another attempt, with the wait the server asked for, if any."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Response:
    """A final answer: 200, or a 4xx other than 429 whose body may hold the API's explanation."""

    status: int
    reason: str
    text: str

    def parsed(self, url: str, parse: Callable[[str, str], Parsed]) -> Parsed:
        """The answer parsed by the reader of saved responses of its kind; a FetchError that says why when it
        cannot be, or when the server refused the request (the reader finds the API's own message in the body)."""
        try:
            parsed = parse(self.text, url)
        except InputError as error:
            problem = error.notices[0]
            status = f"HTTP {self.status} {self.reason}: " if self.status != 200 else ""
            where = f" (line {problem.line} of the answer)" if problem.line and problem.line > 1 else ""
            raise FetchError(url, f"{status}{problem.message}{where}") from None
        if self.status != 200:
            raise FetchError(url, f"HTTP {self.status} {self.reason}")
        return parsed


@dataclass(frozen=True)
class Fetched:
    """What one source gave over all its requests: its papers in the order received, a notice per item skipped."""

    records: tuple[Record, ...]
    notices: tuple[Notice, ...]


def user_agent(contact: str) -> str:
    """'paper-catalogue/0.1.0 (+https://github.com/owner/repository)'."""
    return f"{PROJECT}/{__version__} (+{contact})"


@dataclass
class Client:
    """One fetch run's connection to the APIs: its pacing, its retries and its count of requests."""

    user_agent: str
    delay: float = DEFAULT_DELAY
    max_requests: int = DEFAULT_MAX_REQUESTS
    timeout: float = DEFAULT_TIMEOUT
    retries: int = RETRIES
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], object] = time.sleep
    now: Callable[[], datetime.datetime] = lambda: datetime.datetime.now(datetime.UTC)  # for Retry-After dates
    opener: urllib.request.OpenerDirector = field(default_factory=urllib.request.build_opener)
    requests: int = 0
    _last_start: float | None = None

    def get(self, url: str) -> Response:
        """The answer to a GET of `url`, after as many attempts as it takes, up to 1 + `retries`."""
        attempt = 0
        while True:
            try:
                return self._attempt(url)
            except _Retry as problem:
                if attempt == self.retries:
                    raise FetchError(url, f"{problem}, {attempt + 1} times (request {self.requests} of at most "
                                          f"{self.max_requests})") from None
                self._wait_turn(self._backoff(url, attempt, problem))
                attempt += 1

    def _attempt(self, url: str) -> Response:
        if self.requests >= self.max_requests:
            raise FetchError(url, f"the cap of {self.max_requests} requests was reached before this one",
                             f"{STARTS_OVER}; raise --max-requests, or fetch fewer days")
        self._wait_turn(0.0)
        self.requests += 1
        self._last_start = self.clock()
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent})
        try:
            with self.opener.open(request, timeout=self.timeout) as answer:
                return Response(answer.status, answer.reason, self._text(answer, url))
        except urllib.error.HTTPError as error:
            if error.code == 429 or error.code >= 500:
                raise _Retry(f"HTTP {error.code} {error.reason}", retry_after(error.headers.get("Retry-After"),
                                                                               self.now())) from None
            return Response(error.code, error.reason, self._text(error, url))
        except (TimeoutError, urllib.error.URLError, http.client.HTTPException, OSError) as error:
            raise _Retry(_network_problem(error, self.timeout)) from None

    def _text(self, answer, url: str) -> str:
        data = answer.read(MAX_RESPONSE_BYTES + 1)
        if len(data) > MAX_RESPONSE_BYTES:
            raise FetchError(url, f"an answer larger than {MAX_RESPONSE_BYTES // 2**20} MiB: not what this API sends")
        if not data.strip() and getattr(answer, "status", None) == 200:
            raise _Retry("an empty answer")
        try:
            return decode(data, url)
        except InputError as error:
            raise FetchError(url, f"an answer that is {error.notices[0].message}") from None

    def _backoff(self, url: str, attempt: int, problem: _Retry) -> float:
        wait = max(self.delay * 2 ** (attempt + 1), problem.retry_after or 0.0)
        if wait > MAX_WAIT:
            raise FetchError(url, f"{problem}; the server asks to wait {wait:.0f} s before another request, more "
                                  f"than {MAX_WAIT:.0f} s", f"{STARTS_OVER}; run it again later")
        return wait

    def _wait_turn(self, at_least: float) -> None:
        """Sleep until `delay` has passed since the last request started, and `at_least` seconds from now."""
        now = self.clock()
        turn = max(now + at_least, (self._last_start + self.delay) if self._last_start is not None else now)
        if turn > now:
            self.sleep(turn - now)


def retry_after(value: str | None, now: datetime.datetime) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds, or an HTTP date; None without one."""
    value = (value or "").strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:  # "-0000" in the date: UTC by RFC 5322
        moment = moment.replace(tzinfo=datetime.UTC)
    return max(0.0, (moment - now).total_seconds())


def _network_problem(error: BaseException, timeout: float) -> str:
    reason = getattr(error, "reason", error)
    if isinstance(reason, TimeoutError):
        return f"no answer within {timeout:g} s"
    return f"no answer ({getattr(reason, 'strerror', None) or reason or type(reason).__name__})"
