"""End to end: the command line on the seed, `mkdocs build --strict`, and the built site."""

from __future__ import annotations

import gzip
import html as html_module
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import INPUTS, build_site
from generator.enrich.related import RelatedSettings
from support import exported_papers

PAPER_KEYS = ["slug", "key", "citation_key", "url", "title", "short_name", "date", "first_seen", "authors",
              "arxiv_id", "tags", "entities", "code_url", "links", "mentions", "mentioned_by", "related", "source"]
EXPORT_KEYS = PAPER_KEYS[:6] + ["abstract"] + PAPER_KEYS[6:]  # exports/papers.jsonl.gz: every paper complete


def paper_pages(site: Path) -> list[Path]:
    return sorted(path for path in (site / "papers").glob("*/index.html"))


class Links(HTMLParser):
    """Links inside the related-papers section of a paper page."""

    def __init__(self) -> None:
        super().__init__()
        self.section, self.related = None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h2" or tag == "footer" or "paper-source" in (attrs.get("class") or ""):
            self.section = attrs.get("id")
        elif tag == "a" and self.section == "related-papers" and "href" in attrs and \
                "headerlink" not in (attrs.get("class") or ""):
            self.related.append(attrs["href"])


@pytest.fixture(scope="module")
def catalogue(seed_site) -> dict:
    return json.loads((seed_site / "site" / "papers.json").read_text(encoding="utf-8"))


def test_the_site_has_73_paper_pages(seed_site):
    assert len(paper_pages(seed_site / "site")) == 73


def test_papers_json_follows_the_schema(catalogue):
    papers = catalogue["papers"]
    assert len(papers) == 73
    assert [paper["slug"] for paper in papers] == sorted(paper["slug"] for paper in papers)
    for paper in papers:
        assert list(paper) == PAPER_KEYS
        assert paper["url"] == f"papers/{paper['slug']}/"
        assert paper["key"].startswith("title:") and paper["citation_key"] and paper["first_seen"] == "2026-01-05"
        assert paper["date"] == "2025-03-11"  # the seed's "Mar 11", on or before the day it was first seen
        assert 1 <= len(paper["tags"]) <= 6
        assert paper["source"]["file"].endswith("hf-papers-pretraining.txt") and paper["source"]["line"] > 0
        assert all(set(link) == {"slug", "score"} for link in paper["related"])
        assert len(paper["related"]) <= 5
        assert all(re.match(r"https?://", link) for link in paper["links"])
    assert sum(1 for paper in papers if paper["code_url"]) == 16
    assert sum(1 for paper in papers if paper["related"]) >= 60



def test_the_full_export_is_papers_json_with_abstracts_and_reasons(seed_site, catalogue):
    """exports/papers.jsonl.gz: the same papers in the same order, each with its abstract and its related papers'
    reasons, which papers.json leaves to the pages; gzip without a timestamp, so the same input gives the same bytes."""
    full = exported_papers(seed_site / "site")
    assert [paper["slug"] for paper in full] == [paper["slug"] for paper in catalogue["papers"]]
    minimum = RelatedSettings().min_score
    for paper, summary in zip(full, catalogue["papers"], strict=True):
        assert list(paper) == EXPORT_KEYS and paper["abstract"]
        assert {key: value for key, value in paper.items() if key not in ("abstract", "related")} == \
            {key: value for key, value in summary.items() if key != "related"}
        assert [(link["slug"], link["score"]) for link in paper["related"]] == \
            [(link["slug"], link["score"]) for link in summary["related"]]
        assert all(set(link["reasons"]) == {"terms", "tags", "pinned", "meaning"} for link in paper["related"])
        assert all(link["reasons"]["pinned"] or link["score"] >= minimum for link in paper["related"])
    assert (seed_site / "site" / "exports" / "papers.jsonl.gz").read_bytes()[4:8] == bytes(4)  # gzip's MTIME


def test_every_related_link_resolves_to_a_built_paper_page(seed_site, catalogue):
    site = seed_site / "site"
    checked = 0
    for page in paper_pages(site):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        slug = page.parent.name
        expected = next(paper["related"] for paper in catalogue["papers"] if paper["slug"] == slug)
        assert len(parser.related) >= len(expected)
        for href in parser.related:
            target = urlsplit(urljoin(f"http://site/papers/{slug}/", href)).path.lstrip("/")
            assert (site / target / "index.html").is_file(), f"{slug}: {href} does not resolve"
            checked += 1
    assert checked == sum(len(paper["related"]) for paper in catalogue["papers"]) > 200


def test_every_paper_page_shows_its_tags_as_links(seed_site, catalogue):
    for paper in catalogue["papers"]:
        html = (seed_site / "site" / paper["url"] / "index.html").read_text(encoding="utf-8")
        chips = re.findall(r'<a href="([^"]+)" class="md-tag">([^<]+)</a>', html)
        assert sorted(name for _, name in chips) == sorted(paper["tags"])
        for href, _ in chips:
            target = urlsplit(urljoin(f"http://site/{paper['url']}", href)).path.lstrip("/")
            assert (seed_site / "site" / target / "index.html").is_file()


def test_tag_pages_list_their_papers(seed_site, catalogue):
    code = (seed_site / "site" / "tags" / "code" / "index.html").read_text(encoding="utf-8")
    tagged = [paper for paper in catalogue["papers"] if "Code" in paper["tags"]]
    assert len(tagged) >= 5
    for paper in tagged:
        assert f'href="../../{paper["url"]}"' in code


def test_the_site_serves_papers_json_and_the_index_pages(seed_site):
    site = seed_site / "site"
    for page in ("index.html", "papers/index.html", "tags/index.html", "papers.json", "search/search_index.json"):
        assert (site / page).is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "73 papers" in home and 'href="papers/"' in home and 'href="tags/"' in home


def test_every_tag_page_starts_with_its_description(seed_site):
    from conftest import ROOT
    from generator.enrich.tags import load_taxonomy
    described = {tag.slug: tag.description for tag in load_taxonomy(ROOT / "data" / "taxonomy.yaml")}
    pages = sorted((seed_site / "site" / "tags").glob("*/index.html"))
    assert len(pages) >= 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        first_paragraph = re.search(r"</h1>\s*<p>(.*?)</p>", html, re.S).group(1)
        assert html_module.unescape(first_paragraph) == described[page.parent.name], page


def test_index_and_tag_pages_link_their_feeds_and_exports(seed_site):
    """The export lines are real links (Markdown inside a raw <p> once showed as literal brackets). A tag's BibTeX
    link is the catalogue's .bib, which the browser cuts down to the tag's entries (tests/test_browsing.py)."""
    site = seed_site / "site"
    for page, targets in (("papers/index.html", ["../feed.xml", "../exports/catalogue.bib", "../papers.json",
                                              "../exports/papers.jsonl.gz"]),
                          ("tags/code/index.html", ["../../feeds/code.xml", "../../exports/catalogue.bib"])):
        html = (site / page).read_text(encoding="utf-8")
        exports = re.search(r'class="catalogue-exports"[^>]*>(.*?)</(?:p|div)>', html, re.S).group(1)
        assert "](" not in exports, page
        assert re.findall(r'href="([^"]+)"', exports) == targets, page
        for target in targets:
            assert (site / page).parent.joinpath(target).resolve().is_file(), (page, target)


def test_no_page_shows_markdown_link_syntax(seed_site):
    """Markdown left inside raw HTML is printed as written: "[text](url)" on the page. The seed's own texts
    hold no such syntax, so any on the site is the generator's."""
    leaks = [str(path.relative_to(seed_site / "site")) for path in (seed_site / "site").rglob("*.html")
             if "](" in path.read_text(encoding="utf-8")]
    assert leaks == []


@pytest.mark.parametrize("search", ["lunr", "pagefind"])
def test_a_site_built_from_a_file_outside_the_project_holds_no_folder_of_the_build_machine(tmp_path, search):
    """Every file of the built site (pages, papers.json, feeds, BibTeX, the search index, Pagefind's compressed
    fragments unpacked) names the input by its file name alone."""
    outside = tmp_path / "home" / "curator" / "private-folder"
    outside.mkdir(parents=True)
    dump = outside / "my-listing.txt"
    dump.write_text((INPUTS / "wrapped_abstract.txt").read_text(encoding="utf-8"), encoding="utf-8")
    site = build_site(tmp_path / "project", dump, search=search) / "site"
    contents = {path: unpacked(path.read_bytes()) for path in site.rglob("*") if path.is_file()}
    assert len(contents) > 20
    leaks = [str(path) for path, data in contents.items() if b"private-folder" in data or str(outside).encode() in data]
    assert leaks == []
    assert any(b"my-listing.txt" in data for path, data in contents.items() if path.name == "papers.json")
    assert any(b"Read from my-listing.txt, line" in data for path, data in contents.items() if path.suffix == ".html")


def unpacked(data: bytes) -> bytes:
    """A file's bytes, gunzipped when it is gzip data (Pagefind's index and fragments are)."""
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
