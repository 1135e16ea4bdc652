"""Link integrity beyond `mkdocs build --strict`: a crawl of every href and src, raw HTML included."""

from __future__ import annotations

import shutil
from urllib.parse import urlsplit

from crawl import problems
from generator.site import load_site


def base_path(project) -> str:
    return urlsplit(load_site(project / "mkdocs.yml").url).path


def test_every_internal_link_of_the_seed_site_resolves_and_every_scheme_is_http(seed_site):
    assert problems(seed_site / "site", base_path(seed_site)) == []


def test_the_crawl_catches_broken_links_and_bad_schemes(seed_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(seed_site / "site", site)
    page = site / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</article>",
        '<a href="papers/no-such-paper/">x</a><img src="javascript:alert(1)"><a href="../../x">y</a></article>'),
        encoding="utf-8")
    assert problems(site, base_path(seed_site)) == [
        "index.html: <a href='papers/no-such-paper/'> does not resolve",
        "index.html: <img src='javascript:alert(1)'> has scheme 'javascript'",
        "index.html: <a href='../../x'> leaves the site",
    ]
