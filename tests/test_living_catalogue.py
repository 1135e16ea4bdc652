"""The life of a catalogue on the seed: a first build, then a corrected title, three new papers and one removed,
built on a later day. Every address the first build published still answers, citation keys and feed ids stay
with their papers, the feed shows the new papers first with the second build's date, and nothing is dated 1970."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from conftest import ROOT, SEED, make_project, run_engine, run_mkdocs, serve

ATOM = "{http://www.w3.org/2005/Atom}"
FIRST_DAY, SECOND_DAY = "2026-01-05", "2026-02-10"
FIRST_EPOCH, SECOND_EPOCH = "1767571200", "1770681600"  # midnight UTC of those days, +0 s
OLD_TITLE = "Talking Models: Distill Pre-trained Knowledge to Downstream Models via Interactive Communication"
NEW_TITLE = "Talking Models: Distilling Pre-trained Knowledge to Downstream Models via Interactive Communication"
REMOVED_TITLE = "Towards Natural Image Matting in the Wild via Real-Scenario Prior"
NEW_PAPERS = ["Grokking the Pretraining Curriculum of Tiny Transformers",
              "Sparse Mixture Pretraining for Low-Resource Speech",
              "Curriculum Data Mixing for Code Pretraining at Scale"]
NEW_DUMP = "Feb 9\n\n" + "".join(f"{title}\n\nWe study {title.lower()} and report what pre-training gains.\n\n"
                                 for title in NEW_PAPERS)


def generate(project: Path, inputs: list[Path], epoch: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "generator", "build", *map(str, inputs), "--config", str(project / "mkdocs.yml"),
               "--out", str(project / "site_src"), "--curation", str(ROOT / "data" / "curation.yaml"), "-q"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True,
                          env={**os.environ, "SOURCE_DATE_EPOCH": epoch})


def edited_seed(text: str) -> str:
    """The seed with one title corrected and one paper (its title and abstract paragraphs) taken out."""
    assert text.count(OLD_TITLE) == 1 and text.count(REMOVED_TITLE) == 1
    paragraphs = text.replace(OLD_TITLE, NEW_TITLE).split("\n\n")
    gone = paragraphs.index(REMOVED_TITLE)
    return "\n\n".join(paragraphs[:gone] + paragraphs[gone + 2:])


def site_urls(site: Path) -> list[str]:
    """Every address of a built site: its pages as directory URLs, its other files as they are."""
    urls = []
    for path in sorted(site.rglob("*")):
        if path.is_file() and "search" not in path.parts and "assets" not in path.parts:
            relative = path.relative_to(site).as_posix()
            urls.append(relative.removesuffix("index.html") if relative.endswith("index.html") else relative)
    return urls


def papers_by_key(project: Path) -> dict[str, dict]:
    papers = json.loads((project / "site_src" / "papers.json").read_text(encoding="utf-8"))["papers"]
    return {paper["key"]: paper for paper in papers}


def feed_entries(site: Path, feed: str = "feed.xml") -> list[dict[str, str]]:
    root = ElementTree.fromstring((site / feed).read_bytes())
    return [{"id": entry.findtext(ATOM + "id"), "title": entry.findtext(ATOM + "title"),
             "published": entry.findtext(ATOM + "published"), "updated": entry.findtext(ATOM + "updated")}
            for entry in root.findall(ATOM + "entry")] + [{"feed_updated": root.findtext(ATOM + "updated")}]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


@pytest.fixture(scope="module")
def walk(tmp_path_factory):
    """Two builds of one project, the second after the edits, each site kept; and a third project that builds the
    second step again from the same ledger, for the byte comparison."""
    where = tmp_path_factory.mktemp("life")
    inputs = where / "inputs"
    inputs.mkdir()
    seed = inputs / "seed.txt"
    shutil.copy(SEED, seed)
    project = make_project(where / "project")
    generate(project, [seed], FIRST_EPOCH)
    run_mkdocs(project)
    first = {"site": where / "site-1", "ledger": (project / "data" / "ledger.tsv").read_text(encoding="utf-8"),
             "papers": papers_by_key(project)}
    shutil.copytree(project / "site", first["site"])
    seed.write_text(edited_seed(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    (inputs / "new-papers.txt").write_text(NEW_DUMP, encoding="utf-8")
    again = make_project(where / "again")
    (again / "data").mkdir()
    (again / "data" / "ledger.tsv").write_text(first["ledger"], encoding="utf-8")
    generate(project, [seed, inputs / "new-papers.txt"], SECOND_EPOCH)
    generate(again, [seed, inputs / "new-papers.txt"], SECOND_EPOCH)
    run_mkdocs(project)
    run_mkdocs(again)
    second = {"site": project / "site", "ledger": (project / "data" / "ledger.tsv").read_text(encoding="utf-8"),
              "papers": papers_by_key(project)}
    return first, second, project, again


def test_every_address_of_the_first_build_still_answers(walk):
    first, second, _, _ = walk
    base, server = serve(second["site"])
    try:
        old = site_urls(first["site"])
        assert len(old) > 150  # pages, feeds, exports and assets of the seed
        answers = {url: fetch(base + url) for url in old}
    finally:
        server.shutdown()
    assert [url for url, (status, _) in answers.items() if status != 200] == []
    removed = next(paper for paper in first["papers"].values() if paper["title"] == REMOVED_TITLE)
    status, page = answers[removed["url"]]
    assert "Removed from the catalogue" in page and removed["citation_key"] in page
    moved = [url for url, (_, page) in answers.items() if url.startswith("papers/") and url.endswith("/")
             and "Removed from the catalogue" in page]
    assert moved == [removed["url"]]  # every other paper page is still the paper's own


def test_papers_keep_their_address_and_citation_key(walk):
    first, second, _, _ = walk
    kept = {key: paper for key, paper in first["papers"].items() if paper["title"] != REMOVED_TITLE}
    assert len(kept) == 72
    corrected = next(key for key, paper in kept.items() if paper["title"] == OLD_TITLE)
    assert second["papers"][corrected]["title"] == NEW_TITLE
    for key, paper in kept.items():
        now = second["papers"][key]
        assert (now["slug"], now["citation_key"], now["first_seen"]) == (paper["slug"], paper["citation_key"], FIRST_DAY)
    new = [paper for paper in second["papers"].values() if paper["first_seen"] == SECOND_DAY]
    assert sorted(paper["title"] for paper in new) == sorted(NEW_PAPERS)
    old_keys = {paper["citation_key"].lower() for paper in first["papers"].values()}
    assert not {paper["citation_key"].lower() for paper in new} & old_keys


def test_the_feed_lists_the_new_papers_first_with_stable_ids_and_dates(walk):
    first, second, _, _ = walk
    before, after = feed_entries(first["site"]), feed_entries(second["site"])
    second_day = f"{SECOND_DAY}T00:00:00+00:00"
    assert sorted(entry["title"] for entry in after[:3]) == sorted(NEW_PAPERS)
    assert all(entry["published"] == entry["updated"] == second_day for entry in after[:3])
    assert after[-1] == {"feed_updated": second_day} and before[-1] == {"feed_updated": f"{FIRST_DAY}T00:00:00+00:00"}
    old = {entry["id"]: entry for entry in before[:-1]}
    carried = after[3:-1]
    assert carried and all(entry["id"] in old for entry in carried)
    assert all((entry["published"], entry["updated"]) == (old[entry["id"]]["published"], old[entry["id"]]["updated"])
               for entry in carried)
    assert all(entry["id"].startswith("tag:") for entry in after[:-1])
    feed = next(path.relative_to(first["site"]) for path in sorted((first["site"] / "feeds").glob("*.xml"))
                if any(entry.get("title") == OLD_TITLE for entry in feed_entries(first["site"], f"feeds/{path.name}")))
    renamed = next(entry for entry in feed_entries(second["site"], str(feed)) if entry.get("title") == NEW_TITLE)
    assert renamed["id"] == next(entry["id"] for entry in feed_entries(first["site"], str(feed))
                                 if entry.get("title") == OLD_TITLE)


def test_no_date_anywhere_is_1970(walk):
    _, second, project, _ = walk
    for path in [*second["site"].rglob("*.xml"), *second["site"].rglob("*.json"), *second["site"].rglob("*.html"),
                 project / "data" / "ledger.tsv"]:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "1970-01-01" not in text and "Jan 1, 1970" not in text, path


def test_the_ledger_diff_shows_the_walk(walk):
    first, second, _, _ = walk
    pages = ("tags:", "entities:", "topics:")  # lines of pages that are not papers
    before, after = ({line for line in build["ledger"].splitlines()[1:] if not line.startswith(pages)}
                     for build in (first, second))
    added, dropped = sorted(after - before), sorted(before - after)
    assert [line.split("\t")[3] for line in added if line.endswith("\t-") and "published" in line].count(SECOND_DAY) == 3
    statuses = sorted(line.split("\t")[4] for line in added)
    assert statuses.count("retired") == 1
    assert len(dropped) == 2  # the removed paper's line (now retired), the corrected one's (now with its new key)
    assert second["ledger"].splitlines()[1:] == sorted(second["ledger"].splitlines()[1:])
    topic_keys = ({line.split("\t")[0] for line in build["ledger"].splitlines() if line.startswith("topics:")}
                  for build in (first, second))
    assert next(topic_keys) <= next(topic_keys)  # a topic page, even regrouped away, keeps its line


def test_two_builds_of_the_same_step_are_byte_identical(walk):
    _, _, project, again = walk
    for folder in ("site_src", "site", "data"):
        ours = {path.relative_to(project / folder): path.read_bytes()
                for path in (project / folder).rglob("*") if path.is_file()}
        theirs = {path.relative_to(again / folder): path.read_bytes()
                  for path in (again / folder).rglob("*") if path.is_file()}
        assert ours.keys() == theirs.keys()
        assert [str(name) for name in ours if ours[name] != theirs[name]] == []


@pytest.mark.browser
def test_in_the_browser_the_home_page_shows_what_is_new_and_the_index_sorts_by_first_seen(walk, page):
    _, second, _, _ = walk
    base, server = serve(second["site"])
    try:
        page.goto(base)
        new = page.locator("#new-in-the-latest-build + p + ul > li > a").all_inner_texts()
        assert sorted(new) == sorted(NEW_PAPERS)
        page.goto(base + "papers/#sort=seen")
        page.locator(".catalogue-browser__count").wait_for()
        shown = page.locator(".catalogue-browser__list > li > a").all_inner_texts()
        assert sorted(shown[:3]) == sorted(NEW_PAPERS) and NEW_TITLE in shown[3:]
        removed = next(paper for paper in walk[0]["papers"].values() if paper["title"] == REMOVED_TITLE)
        page.goto(base + removed["url"])
        page.get_by_text("Look for it, or for papers like it").click()
        page.locator(".catalogue-browser__count").wait_for()
        assert "q=" in page.url and page.console_errors == []
    finally:
        server.shutdown()


def test_the_removal_page_is_kept_out_of_search_and_the_sitemap(walk):
    first, second, _, _ = walk
    removed = next(paper for paper in first["papers"].values() if paper["title"] == REMOVED_TITLE)
    kept = next(paper for paper in second["papers"].values() if paper["title"] == NEW_TITLE)
    sitemap = (second["site"] / "sitemap.xml").read_text(encoding="utf-8")
    search = (second["site"] / "search" / "search_index.json").read_text(encoding="utf-8")
    assert removed["url"] not in sitemap and kept["url"] in sitemap
    assert removed["url"] not in search and kept["url"] in search


def test_zensical_leaves_the_removal_page_out_of_its_sitemap_too(walk, tmp_path):
    """The sitemap override reads Zensical's pages as well as MkDocs' files: built with Zensical, the second
    step's sitemap still lists the corrected paper and not the removed one's page."""
    first, second, _, again = walk
    copy = tmp_path / "zensical"
    shutil.copytree(again, copy, ignore=shutil.ignore_patterns("site"))
    run_engine(copy, "zensical")
    removed = next(paper for paper in first["papers"].values() if paper["title"] == REMOVED_TITLE)
    kept = next(paper for paper in second["papers"].values() if paper["title"] == NEW_TITLE)
    root = ElementTree.fromstring((copy / "site" / "sitemap.xml").read_bytes())  # Zensical escapes "/" as &#x2f;
    listed = [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "Removed from the catalogue" in (copy / "site" / removed["url"] / "index.html").read_text(encoding="utf-8")
    assert len(listed) > 100 and not [url for url in listed if url.endswith("/" + removed["url"])]
    assert [url for url in listed if url.endswith("/" + kept["url"])]
