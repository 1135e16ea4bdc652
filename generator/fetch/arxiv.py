"""Fetching from the arXiv API (http://export.arxiv.org/api/query): a search by categories, a query and the days
papers were submitted on, read page by page.

The query syntax is the one of the arXiv API User's Manual (https://info.arxiv.org/help/api/user-manual.html):
`cat:cs.CL` for a category, AND / OR between terms, `submittedDate:[YYYYMMDDTTTT TO YYYYMMDDTTTT]` for a range
of submission times in GMT, `sortBy=submittedDate`, and `start` / `max_results` for paging (3.1.1.2). A page
may hold fewer entries than asked for, so the next page starts after the entries received, until the feed's
opensearch:totalResults is reached; a page with no entry before then is asked again a few times, then the
fetch fails (the API is known to answer an empty page now and then). Responses are parsed by the reader of
saved responses, generator/read/arxiv_api.py.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from generator.errors import Notice
from generator.fetch.client import Client, Fetched, FetchError
from generator.fetch.store import ARXIV_FILE
from generator.model import Record
from generator.read.arxiv_api import ApiFeed, parse_arxiv_api

ARXIV_API = "http://export.arxiv.org/api/query"
PAGE_SIZE = 100
EMPTY_PAGE_RETRIES = 3


@dataclass(frozen=True)
class ArxivSearch:
    """Papers submitted between two days (both included), in any of `categories` and matching `query`."""

    since: datetime.date
    until: datetime.date
    categories: tuple[str, ...] = ()
    query: str | None = None
    api_url: str = ARXIV_API
    file = ARXIV_FILE
    name = "arXiv"

    def search_query(self) -> str:
        """'(cat:cs.CL OR cat:cs.LG) AND (abs:pretraining) AND submittedDate:[202602100000 TO 202602122359]'."""
        categories = " OR ".join(f"cat:{category}" for category in self.categories)
        parts = [f"({categories})" if len(self.categories) > 1 else categories, f"({self.query})" if self.query else "",
                 f"submittedDate:[{self.since:%Y%m%d}0000 TO {self.until:%Y%m%d}2359]"]
        return " AND ".join(part for part in parts if part)

    def fetch(self, client: Client) -> Fetched:
        return fetch_all(client, self.api_url, self.search_query(), sort="submittedDate")


def fetch_all(client: Client, api_url: str, search_query: str, sort: str | None = None,
              page_size: int = PAGE_SIZE) -> Fetched:
    """Every entry a search finds, page after page."""
    records: list[Record] = []
    notices: list[Notice] = []
    start, total, empty = 0, None, 0
    while total is None or start < total:
        url = page_url(api_url, search_query, start, page_size, sort)
        feed = fetch_feed(client, url)
        if feed.total_results is None:
            raise FetchError(url, "a feed without opensearch:totalResults: paging cannot know when to stop")
        total = feed.total_results
        received = len(feed.papers) + len(feed.notices)  # the reader makes a notice of each entry it skips
        empty = empty + 1 if received == 0 and start < total else 0
        if empty > EMPTY_PAGE_RETRIES:
            raise FetchError(url, f"a page without entries at start={start} of {total:,} results, "
                                  f"{EMPTY_PAGE_RETRIES + 1} times")
        records += feed.papers
        notices += feed.notices
        start += received
    return Fetched(tuple(records), tuple(notices))


def page_url(api_url: str, search_query: str, start: int, size: int, sort: str | None = None) -> str:
    sorting = {"sortBy": sort, "sortOrder": "ascending"} if sort else {}
    return f"{api_url}?{urlencode({'search_query': search_query, 'start': start, 'max_results': size, **sorting})}"


def fetch_feed(client: Client, url: str) -> ApiFeed:
    """One page of results; a FetchError for anything but a feed of papers."""
    return client.get(url).parsed(url, parse_arxiv_api)
