"""Listings stay small at any size: pagination, unit-tested and on a built 450-paper catalogue."""

from __future__ import annotations

import json
import posixpath
import random
import re
from urllib.parse import urlsplit

import pytest

from conftest import build_site
from crawl import problems
from generator.addresses import Addresses, relative
from generator.model import Paper, Source
from generator.site import load_site
from generator.write.listing import paginate
from support import make_paper

WORDS = ("model data training language vision speech code graph robot policy reward token image video audio "
         "transformer encoder decoder attention sparse dense scaling retrieval memory agent benchmark dataset "
         "learning representation contrastive masked diffusion reasoning alignment instruction preference").split()


def papers(count: int) -> list[Paper]:
    return [make_paper(f"paper-{number:04d}", title=f"Paper {number:04d}", abstract="A.", source=Source("t", number))
            for number in range(count)]


def test_pages_paths_and_pager():
    pages = paginate(Addresses(), "papers/index.md", papers(450), size=200)
    assert [(p.path, p.first, len(p.papers)) for p in pages] == [
        ("papers/index.md", 1, 200), ("papers/page/2.md", 201, 200), ("papers/page/3.md", 401, 50)]
    assert pages[1].pager == (("1", "../index.md"), ("2", None), ("3", "3.md"))
    assert Addresses().link(pages[1].path, "papers/paper-0001.md") == "../paper-0001.md"
    tag_pages = paginate(Addresses(), "tags/code.md", papers(401), size=200)
    assert [p.path for p in tag_pages] == ["tags/code.md", "tags/code/2.md", "tags/code/3.md"]
    assert tag_pages[2].pager == (("1", "../code.md"), ("2", "2.md"), ("3", None))
    assert Addresses().link(tag_pages[0].path, "papers/x.md") == "../papers/x.md" and Addresses().link(tag_pages[2].path, "papers/x.md") == "../../papers/x.md"


def test_relative_links_agree_with_relpath():
    files = ["index.md", "papers.json", "papers/index.md", "papers/a.md", "papers/page/2.md", "tags/code.md",
             "tags/code/2.md", "tags/x/y/z.md", "entities/bert.md"]
    folders = ["", "papers", "papers/page", "tags", "tags/code", "tags/x", "tags/x/y", "entities"]
    for file in files:
        for folder in folders:
            assert relative(file, folder) == posixpath.relpath(file, folder or "."), (file, folder)


def test_a_long_pager_shows_a_window_and_the_ends():
    pages = paginate(Addresses(), "papers/index.md", papers(2000), size=100)
    assert [label for label, _ in pages[9].pager] == ["1", "…", "7", "8", "9", "10", "11", "12", "13", "…", "20"]


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    where = tmp_path_factory.mktemp("listings")
    rng = random.Random(7)
    records = []
    for number in range(450):
        title = " ".join(rng.choice(WORDS).title() for _ in range(rng.randint(5, 9))) + f" {number}"
        abstract = " ".join(" ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "." for _ in range(4))
        records.append({"id": f"2601.{number:05d}", "title": title, "abstract": abstract, "authors": ["A. Author"],
                        "date": f"2026-01-{1 + number % 28:02d}", "categories": ["cs.LG"] + (["cs.CL"] if number % 3 else [])})
    source = where / "synthetic.jsonl"
    source.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return build_site(where / "project", source)


def test_listings_are_paginated_and_every_link_resolves(big_site):
    site = big_site / "site"
    assert sorted(p.relative_to(site).as_posix() for p in (site / "papers" / "page").rglob("index.html")) == [
        "papers/page/2/index.html", "papers/page/3/index.html"]
    assert (site / "tags" / "cs-lg" / "3" / "index.html").is_file()
    assert problems(site, urlsplit(load_site(big_site / "mkdocs.yml").url).path) == []


def test_every_paper_is_listed_once_in_all_papers(big_site):
    site = big_site / "site"
    listed = []
    for page in ["papers/index.html", "papers/page/2/index.html", "papers/page/3/index.html"]:
        listed += re.findall(r'<li><a href="[^"]*?([^/"]+)/">', (site / page).read_text(encoding="utf-8"))
    slugs = [paper["slug"] for paper in json.loads((site / "papers.json").read_text())["papers"]]
    assert sorted(listed) == sorted(slugs) and len(slugs) == 450


def test_no_listing_page_is_large(big_site):
    site = big_site / "site"
    assert max(page.stat().st_size for page in site.rglob("*.html")) < 100_000


def test_a_first_build_does_not_list_the_whole_catalogue_again_as_new(big_site):
    """All 450 papers are new in the first build: the new page says so and leads to the index, on one page."""
    site = big_site / "site"
    assert not (site / "new" / "page").exists()
    new = (site / "new" / "index.html").read_text(encoding="utf-8")
    assert "All 450 papers of the catalogue were first seen on" in new
    assert 'href="../papers/"' in new and len(re.findall(r'<li><a href="\.\./papers/[^/"]+/">', new)) == 0
