"""Atom feeds of the newest papers, the same bytes for the same papers: no clock, a fixed order.

Dates. A full date ("2024-03-11") is the entry's published and updated time, midnight UTC. A date
without a year ("--03-11", as a listing gives it) cannot be placed on a timeline: it only orders the
entry among the other yearless ones, like the site's listings do. Such entries, and undated ones,
carry no published time and are updated at UNDATED (1970-01-01): a fixed time, so an entry's bytes
never change because newer papers arrived, and readers sort it last, where the feed puts it. The
feed is updated at its newest entry's time.

URLs. Atom ids and links must be absolute, so a feed needs the site's address (site_url in
mkdocs.yml); without one atom_feed refuses rather than publish placeholder links, and the caller
decides whether to skip the feeds or stop the build.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator

from generator.addresses import Addresses, Target
from generator.model import Paper
from generator.site import Site
from generator.write.listing import newest_first

FEED_LIMIT = 50
FEEDGEN_URI = "https://lkiesow.github.io/python-feedgen"
UNDATED = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")  # what XML 1.0 cannot hold


def atom_feed(papers: Iterable[Paper], site: Site, title: str, feed_path: str, page: Target,
              limit: int = FEED_LIMIT) -> bytes:
    """An Atom 1.0 feed of the `limit` newest papers, at feed_path, following a page (the home page, a tag);
    ValueError without a site URL."""
    addresses = Addresses(site_base(site))
    entries = sorted(papers, key=newest_first)[:limit]
    feed = FeedGenerator()
    feed.id(addresses.absolute(feed_path))
    feed.title(xml_text(title))
    feed.updated(max((entry_updated(paper) for paper in entries), default=UNDATED))
    feed.author(name=xml_text(site.name))  # Atom wants a feed author when some entry has none
    feed.link(href=addresses.absolute(page), rel="alternate", type="text/html")
    feed.link(href=addresses.absolute(feed_path), rel="self", type="application/atom+xml")
    if site.description:
        feed.subtitle(xml_text(site.description))
    feed.generator("python-feedgen", uri=FEEDGEN_URI)  # without its version, so an upgrade keeps the bytes
    for paper in entries:
        add_entry(feed, paper, addresses.absolute(paper))
    return feed.atom_str(pretty=True)


def add_entry(feed: FeedGenerator, paper: Paper, page: str) -> None:
    """One paper as an entry: its page as id and link, its abstract as plain-text summary, its tags as categories."""
    entry = feed.add_entry(order="append")
    entry.id(page)
    entry.title(xml_text(paper.title))
    entry.link(href=page, rel="alternate")  # feedgen 1.0.0 writes it without rel, which Atom reads as alternate
    entry.summary(xml_text(paper.text))
    if paper.authors:
        entry.author([{"name": xml_text(author)} for author in paper.authors])
    if paper.tags:
        entry.category([{"term": xml_text(tag)} for tag in paper.tags])
    entry.updated(entry_updated(paper))
    if paper.date.full:
        entry.published(entry_updated(paper))


def site_base(site: Site) -> str:
    """The site's absolute address, ending in a slash; ValueError when the site has none."""
    parts = urlsplit(site.url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"a feed needs the site's absolute http(s) address, not {site.url!r}: set site_url")
    return site.url.rstrip("/") + "/"


def entry_updated(paper: Paper) -> datetime.datetime:
    """Midnight UTC of the paper's full date, else UNDATED."""
    return paper.date.timestamp or UNDATED


def xml_text(text: str) -> str:
    """The text without the characters XML 1.0 cannot hold (the readers already drop control characters);
    lxml escapes the rest (& < > ]]>)."""
    return NOT_XML.sub("", text)
