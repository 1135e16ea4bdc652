"""Fetching Hugging Face daily papers (https://huggingface.co/api/daily_papers?date=YYYY-MM-DD), one request a day.

A day without papers (a weekend) is an empty array, not a failure. Each answer is parsed by the reader of
saved responses, generator/read/hf_daily.py, which keeps `githubRepo` as the code link and the upvotes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from generator.fetch.client import Client, Fetched
from generator.fetch.store import HF_FILE
from generator.read.hf_daily import parse_hf_daily

HF_API = "https://huggingface.co/api/daily_papers"


@dataclass(frozen=True)
class DailyPapers:
    """The papers of every day from `since` to `until`, both included."""

    since: datetime.date
    until: datetime.date
    api_url: str = HF_API
    file = HF_FILE
    name = "Hugging Face daily papers"

    def days(self) -> list[datetime.date]:
        return [self.since + datetime.timedelta(days=offset) for offset in range((self.until - self.since).days + 1)]

    def fetch(self, client: Client) -> Fetched:
        records, notices = [], []
        for day in self.days():
            url = f"{self.api_url}?{urlencode({'date': day.isoformat()})}"
            daily = client.get(url).parsed(url, parse_hf_daily)
            records += daily.papers
            notices += daily.notices
        return Fetched(tuple(records), tuple(notices))
