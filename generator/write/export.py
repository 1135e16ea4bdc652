"""Machine-readable exports of the catalogue: papers.json (schema in the README)."""

from __future__ import annotations

import json

from generator.addresses import Addresses
from generator.model import Catalogue, Paper
from generator.values import PaperDate


def papers_json(catalogue: Catalogue, addresses: Addresses) -> str:
    """The whole catalogue as JSON, papers by slug, keys in a fixed order, one paper per line (small diffs)."""
    lines = ",\n".join(json.dumps(paper_record(paper, addresses), ensure_ascii=False, separators=(",", ":"))
                       for paper in catalogue.papers)
    return '{"papers":[\n' + lines + "\n]}\n"


def paper_record(paper: Paper, addresses: Addresses) -> dict:
    return {
        "slug": paper.slug,
        "url": addresses.url(paper),
        "title": paper.title,
        "short_name": paper.short_name,
        "abstract": paper.text,
        "date": paper.date.iso,
        "authors": list(paper.authors),
        "arxiv_id": str(paper.arxiv_id) if paper.arxiv_id else None,
        "tags": list(paper.tags),
        "entities": list(paper.entities),
        "code_url": paper.code_url,
        "links": list(paper.links),
        "mentions": list(paper.mentions),
        "mentioned_by": list(paper.mentioned_by),
        "related": [{"slug": link.slug, "score": link.score,
                     "reasons": {"terms": list(link.terms), "tags": list(link.tags), "pinned": link.pinned,
                                 "meaning": link.meaning}}
                    for link in paper.related],
        "source": {"file": paper.source.public_file, "line": paper.source.line},
    }


def index_json(catalogue: Catalogue, addresses: Addresses, here: str) -> str:
    """The rows of the faceted "All papers" index at path `here`, compact: one list per paper with its URL relative
    to this file, tags by position, its date by position in `dates` (oldest first, as [ISO form, label]; -1 for
    none), so the script neither builds an address nor parses a date."""
    position = {tag.name: index for index, tag in enumerate(catalogue.tags)}
    dates = sorted({paper.date for paper in catalogue.papers if paper.date}, key=PaperDate.newest_first, reverse=True)
    when = {date: index for index, date in enumerate(dates)}
    papers = sorted(catalogue.papers, key=lambda paper: (paper.title.casefold(), paper.slug))
    rows = [[addresses.url_from_file(here, paper), paper.title, paper.short_name or "", when.get(paper.date, -1),
             [position[tag] for tag in paper.tags], len(paper.related), int(bool(paper.code_url))] for paper in papers]
    return json.dumps({"tags": [tag.name for tag in catalogue.tags], "dates": [[date.iso, date.display] for date in dates],
                       "rows": rows}, ensure_ascii=False, separators=(",", ":")) + "\n"
