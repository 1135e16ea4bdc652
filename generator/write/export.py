"""Machine-readable exports of the catalogue (schema in the README): papers.json, every paper without what its page
and the full export carry (its abstract, the reasons of its related papers), and exports/papers.jsonl.gz, every
paper complete, one JSON object a line, gzip-compressed (a third of the bytes per paper that papers.json took)."""

from __future__ import annotations

import gzip
import io
import json

from generator.addresses import Addresses
from generator.formulas import plain_text
from generator.model import Catalogue, Paper, Tag
from generator.values import PaperDate

LEFT_OUT = ("abstract",)  # of papers.json: on every page and in the full export


def papers_json(records: list[dict]) -> str:
    """The whole catalogue as JSON from its papers' records (paper_record), by slug, keys in a fixed order, one paper
    per line (small diffs); each paper without its abstract, and its related papers by slug and score without their
    reasons."""
    lines = ",\n".join(json.dumps(summary(record), ensure_ascii=False, separators=(",", ":")) for record in records)
    return '{"papers":[\n' + lines + "\n]}\n"


def papers_export(records: list[dict]) -> bytes:
    """Every paper's record complete, one JSON object a line, by slug, gzip-compressed with no timestamp (same input,
    same bytes). Compressed line by line: the whole text at once would hold about 3 KB a paper twice more in memory."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9, mtime=0) as export:
        for record in records:
            export.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n")
    return out.getvalue()


def summary(record: dict) -> dict:
    """A paper's record as papers.json holds it."""
    return {key: ([{"slug": link["slug"], "score": link["score"]} for link in value] if key == "related" else value)
            for key, value in record.items() if key not in LEFT_OUT}


def paper_record(paper: Paper, addresses: Addresses) -> dict:
    return {
        "slug": paper.slug,
        "key": paper.key or None,
        "citation_key": paper.citation_key or None,
        "url": addresses.url(paper),
        "title": paper.title,
        "short_name": paper.short_name,
        "abstract": paper.text,
        "date": paper.date.iso,
        "first_seen": paper.first_seen.isoformat() if paper.first_seen else None,
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


def index_json(catalogue: Catalogue, addresses: Addresses, here: str, cite_keys: dict[str, str]) -> str:
    """The rows of the faceted "All papers" index at path `here`, compact: one list per paper with its URL relative
    to this file, tags by position, its date by position in `dates` (oldest first, as [ISO form, label]; -1 for
    none), then its number of related papers, whether it links code, and the ISO day it was first seen ("" when
    unknown), so the script neither builds an address nor parses a date. Beside `tags`, each tag's facet group
    (`tag_kinds`: area, topic or category) and longer name (`tag_titles`: arXiv's name for a category, else "").
    Titles come with their formulas read as plain text (`π` for `$\\pi$`): the script sets every value as text, never
    as markup. Last, its BibTeX key, by which the browser picks a tag's or a filtered view's entries out of the
    catalogue's .bib (assets/javascripts/catalogue-bibtex.js)."""
    position = {tag.name: index for index, tag in enumerate(catalogue.tags)}
    dates = sorted({paper.date for paper in catalogue.papers if paper.date}, key=PaperDate.newest_first, reverse=True)
    when = {date: index for index, date in enumerate(dates)}
    papers = sorted(catalogue.papers, key=lambda paper: (paper.title.casefold(), paper.slug))
    rows = [[addresses.url_from_file(here, paper), plain_text(paper.title), paper.short_name or "",
             when.get(paper.date, -1), [position[tag] for tag in paper.tags], len(paper.related),
             int(bool(paper.code_url)), paper.first_seen.isoformat() if paper.first_seen else "",
             cite_keys[paper.slug]] for paper in papers]
    return json.dumps({"tags": [tag.name for tag in catalogue.tags],
                       "tag_kinds": [facet_group(tag) for tag in catalogue.tags],
                       "tag_titles": [tag.title for tag in catalogue.tags],
                       "dates": [[date.iso, date.display] for date in dates], "rows": rows},
                      ensure_ascii=False, separators=(",", ":")) + "\n"


def facet_group(tag: Tag) -> str:
    """Where the index lists a tag: with arXiv's categories, the catalogue's areas, or the narrower topics."""
    return "category" if tag.kind == "category" else "area" if tag.parent is None else "topic"
