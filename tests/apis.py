"""The arXiv API and Hugging Face daily papers, played from recorded answers on 127.0.0.1 for the fetch tests.

A test gives the server a `route`: a function from the request path and its query parameters to an Answer
(a status, the bytes of a recorded response, headers, and a delay before answering, which makes a timeout).
The server notes every request it gets, with its parameters, headers and arrival time.
"""

from __future__ import annotations

import contextlib
import http.server
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

FORMATS = Path(__file__).resolve().parent / "inputs" / "formats"


@dataclass(frozen=True)
class Answer:
    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0

    @classmethod
    def recorded(cls, name: str, status: int = 200, **headers: str) -> Answer:
        """A fixture of tests/inputs/formats/ as the body."""
        return cls(status, (FORMATS / name).read_bytes(), tuple(headers.items()))


@dataclass(frozen=True)
class Seen:
    """A request as the server got it."""

    path: str
    params: dict[str, str]
    headers: dict[str, str]
    at: float


Route = Callable[[str, dict[str, str]], Answer]


@dataclass
class Apis:
    """A running server; `url` is its root, ending in '/'."""

    route: Route
    seen: list[Seen] = field(default_factory=list)
    url: str = ""

    def searches(self) -> list[dict[str, str]]:
        return [request.params for request in self.seen if "search_query" in request.params]


def in_turn(*answers: Answer) -> Route:
    """Each request gets the next answer; the last one is repeated."""
    queue = list(answers)
    return lambda path, params: queue.pop(0) if len(queue) > 1 else queue[0]


def by_path(**routes: Route) -> Route:
    """Requests to /api/query go to routes['query'], to /api/daily_papers to routes['daily_papers'], and so on."""
    return lambda path, params: routes[path.rstrip("/").rsplit("/", 1)[-1]](path, params)


@contextlib.contextmanager
def serving(route: Route) -> Iterator[Apis]:
    """The server, running while the `with` block runs."""
    apis = Apis(route)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            parts = urlsplit(self.path)
            params = {name: values[-1] for name, values in parse_qs(parts.query, keep_blank_values=True).items()}
            apis.seen.append(Seen(parts.path, params, dict(self.headers), time.monotonic()))
            answer = apis.route(parts.path, params)
            time.sleep(answer.delay)
            try:
                self.send_response(answer.status)
                for name, value in answer.headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting: what a timeout test wants

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    apis.url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        yield apis
    finally:
        server.shutdown()
        server.server_close()


class FakeClock:
    """A monotonic clock that only sleeping moves, so that waits can be asserted to the second."""

    def __init__(self) -> None:
        self.time = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.time

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.time += seconds


def pages(*answers: Answer, size: int = 2) -> Route:
    """arXiv API pages of `size` entries: the answer for start=0, start=size, start=2*size ..."""
    return lambda path, params: answers[int(params["start"]) // size]


def daily(by_date: dict[str, Answer], otherwise: Answer) -> Route:
    """Hugging Face daily papers: the answer for each date asked for."""
    return lambda path, params: by_date.get(params["date"], otherwise)


def files(root: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes, to compare a folder before and after."""
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def recorded_world() -> Route:
    """Both APIs as the fetch tests know them: searches by title get the seed titles' answer, other arXiv searches
    the three cs.CL pages, and every day of daily papers the recorded day of 2026-02-10."""
    cs_cl = pages(*(Answer.recorded(f"arxiv_api_cs_cl_page_{number}_of_3.xml") for number in (1, 2, 3)))
    titles, day = Answer.recorded("arxiv_api_titles_of_the_seed.xml"), Answer.recorded("hf-daily-papers.json")

    def arxiv(path: str, params: dict[str, str]) -> Answer:
        return titles if params["search_query"].startswith("ti:") else cs_cl(path, params)

    return by_path(query=arxiv, daily_papers=lambda path, params: day)
