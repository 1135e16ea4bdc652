"""Atom feeds of the newest papers, the same bytes for the same papers: no clock, a fixed order.

Order and dates. Entries come in the order the catalogue gained them: first seen (the ledger's date, the day
of the build that first published the paper), newest first, then by the paper's own date. An entry is
published and updated at midnight UTC of its first-seen day, so a feed reader shows what is new as new, and
the feed is updated at its newest entry's time. A paper outside any ledger (a feed made from bare papers)
falls back to its own full date, else to UNDATED (1970-01-01) with no published time.

Ids. An entry's id is a tag: URI of its stable key (arXiv id, DOI or title hash, from the ledger) and its
first-seen day, under an authority named after the site: it stays the same when the title is corrected or
the site moves to another domain. Atom links must still be absolute, so a feed needs the site's address
(site_url in mkdocs.yml); without one atom_feed refuses rather than publish placeholder links, and the
caller decides whether to skip the feeds or stop the build.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator
from slugify import slugify

from generator.addresses import Addresses, Target
from generator.model import Paper
from generator.site import Site

FEED_LIMIT = 50
FEEDGEN_URI = "https://lkiesow.github.io/python-feedgen"
UNDATED = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")  # what XML 1.0 cannot hold


def atom_feed(papers: Iterable[Paper], site: Site, title: str, feed_path: str, page: Target,
              limit: int = FEED_LIMIT, empty_since: datetime.date | None = None) -> bytes:
    """An Atom 1.0 feed of the `limit` newest papers, at feed_path, following a page (the home page, a tag);
    a feed left without papers is updated at `empty_since` (the catalogue's newest first-seen day). ValueError
    without a site URL."""
    addresses = Addresses(site_base(site))
    entries = sorted(papers, key=first_seen_first)[:limit]
    feed = FeedGenerator()
    feed.id(addresses.absolute(feed_path))
    feed.title(xml_text(title))
    empty = datetime.datetime.combine(empty_since, datetime.time(), datetime.UTC) if empty_since else UNDATED
    feed.updated(max((entry_updated(paper) for paper in entries), default=empty))
    feed.author(name=xml_text(site.name))  # Atom wants a feed author when some entry has none
    feed.link(href=addresses.absolute(page), rel="alternate", type="text/html")
    feed.link(href=addresses.absolute(feed_path), rel="self", type="application/atom+xml")
    if site.description:
        feed.subtitle(xml_text(site.description))
    feed.generator("python-feedgen", uri=FEEDGEN_URI)  # without its version, so an upgrade keeps the bytes
    for paper in entries:
        add_entry(feed, paper, addresses.absolute(paper), entry_id(paper, site, addresses.absolute(paper)))
    return feed.atom_str(pretty=True)


def first_seen_first(paper: Paper) -> tuple:
    """Sort key: first seen, newest first (papers outside a ledger last), then the listings' order."""
    seen = paper.first_seen
    return (seen is None, -seen.toordinal() if seen else 0, *paper.newest_first())


def entry_id(paper: Paper, site: Site, page: str) -> str:
    """tag:<site name>,<first seen>:<stable key>; the page's address for a paper outside any ledger."""
    if not (paper.key and paper.first_seen):
        return page
    return f"tag:{slugify(site.name) or 'catalogue'},{paper.first_seen.isoformat()}:{paper.key}"


def add_entry(feed: FeedGenerator, paper: Paper, page: str, identifier: str) -> None:
    """One paper as an entry: its stable id, its page as link, its abstract as plain-text summary, its tags as
    categories."""
    entry = feed.add_entry(order="append")
    entry.id(identifier)
    entry.title(xml_text(paper.title))
    entry.link(href=page, rel="alternate")  # feedgen 1.0.0 writes it without rel, which Atom reads as alternate
    entry.summary(xml_text(paper.text))
    if paper.authors:
        entry.author([{"name": xml_text(author)} for author in paper.authors])
    if paper.tags:
        entry.category([{"term": xml_text(tag)} for tag in paper.tags])
    entry.updated(entry_updated(paper))
    if paper.first_seen or paper.date.full:
        entry.published(entry_updated(paper))


def site_base(site: Site) -> str:
    """The site's absolute address, ending in a slash; ValueError when the site has none."""
    parts = urlsplit(site.url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"a feed needs the site's absolute http(s) address, not {site.url!r}: set site_url")
    return site.url.rstrip("/") + "/"


def entry_updated(paper: Paper) -> datetime.datetime:
    """Midnight UTC of the day the paper was first seen, else of its full date, else UNDATED."""
    if paper.first_seen:
        return datetime.datetime.combine(paper.first_seen, datetime.time(), datetime.UTC)
    return paper.date.timestamp or UNDATED


def xml_text(text: str) -> str:
    """The text without the characters XML 1.0 cannot hold (the readers already drop control characters);
    lxml escapes the rest (& < > ]]>)."""
    return NOT_XML.sub("", text)
