"""Browsing the seed site in headless Chromium: the faceted index, paper pages, no console errors,
accessibility (axe-core), and screenshots of the main pages.

Screenshots go to build/screenshots/ on every run; `make screenshots` copies them to
docs/screenshots/, the set shown in the README.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from conftest import ROOT
from generator.enrich.tags import load_taxonomy

SHOTS = ROOT / "build" / "screenshots"
PAPER = "papers/codet5-identifier-aware-unified-pre-trained-encoder-decoder-models-for-code/"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def papers(seed_site) -> list[dict]:
    return json.loads((seed_site / "site" / "papers.json").read_text(encoding="utf-8"))["papers"]


def count(page) -> str:
    return page.locator(".catalogue-browser__count").inner_text()


def tag_chip(page, name: str):
    return page.locator(".catalogue-browser__tag").filter(has=page.locator(f"input[value='{name}']"))


def test_facets_filter_count_and_keep_their_state_in_the_url(page, seed_url, papers):
    page.goto(seed_url + "papers/")
    page.locator(".catalogue-browser__count").wait_for()
    assert count(page) == "73 of 73 papers"
    tags = Counter(tag for paper in papers for tag in paper["tags"])
    assert tag_chip(page, "Code").locator(".catalogue-browser__n").inner_text() == str(tags["Code"])
    tag_chip(page, "Code").click()
    assert page.url.endswith("#tag=Code")
    assert count(page) == f"{tags['Code']} of 73 papers"
    other = Counter(tag for paper in papers if "Code" in paper["tags"] for tag in paper["tags"] if tag != "Code")
    second = other.most_common(1)[0][0]  # the tag Code papers share most often
    assert tag_chip(page, second).locator(".catalogue-browser__n").inner_text() == str(other[second])
    tag_chip(page, second).click()
    assert count(page) == f"{other[second]} of 73 papers" and f"tag={second.replace(' ', '+')}" in page.url
    shown = page.locator(".catalogue-browser__list > li > a").all_inner_texts()
    assert sorted(shown) == sorted(p["title"] for p in papers if {"Code", second} <= set(p["tags"]))
    page.go_back()
    assert count(page) == f"{tags['Code']} of 73 papers" and page.url.endswith("#tag=Code")
    shared = page.url
    page.goto(seed_url)
    page.goto(shared)  # a shared link opens the same view
    page.locator(".catalogue-browser__count").wait_for()
    assert count(page) == f"{tags['Code']} of 73 papers"
    assert page.console_errors == []


def test_tags_come_in_groups_and_typing_narrows_them_on_the_seed(page, seed_url, papers):
    taxonomy = load_taxonomy(ROOT / "data" / "taxonomy.yaml")
    areas = {tag.name for tag in taxonomy if tag.parent is None}
    used = Counter(tag for paper in papers for tag in paper["tags"])
    page.goto(seed_url + "papers/")
    page.locator(".catalogue-browser__count").wait_for()

    def shown(legend: str = "") -> list[str]:
        where = page.locator(".catalogue-browser__group").filter(has=page.locator("legend", has_text=legend))
        return where.locator("input[type=checkbox]").evaluate_all("boxes => boxes.map(box => box.value)")

    assert set(shown("Areas")) == areas & set(used)
    assert set(shown("Topics")) == set(used) - areas  # the seed has no arXiv categories, and few enough tags to show all
    assert page.locator(".catalogue-browser__group legend").all_inner_texts() == [
        f"Areas ({len(areas & set(used))})", f"Topics ({len(set(used) - areas)})"]
    page.get_by_label("Find a tag").fill("pre-train")
    assert shown() == [tag for tag in sorted(used, key=lambda tag: (-used[tag], tag)) if "pre-train" in tag.lower()]
    assert page.locator(".catalogue-browser__tag-status").inner_text() == f"{len(shown())} of {len(used)} tags match"
    tag_chip(page, "Pre-training data").click()
    assert count(page) == f"{used['Pre-training data']} of 73 papers"
    with_data = [paper for paper in papers if "Pre-training data" in paper["tags"]]
    both = sum(1 for paper in with_data if "Continual pre-training" in paper["tags"])
    assert tag_chip(page, "Continual pre-training").locator(".catalogue-browser__n").inner_text() == str(both)
    page.get_by_label("Find a tag").fill("")
    assert len(shown()) == len({tag for paper in with_data for tag in paper["tags"]})
    assert page.console_errors == []


def test_text_filter_and_sorting(page, seed_url, papers):
    page.goto(seed_url + "papers/#q=continual")
    page.locator(".catalogue-browser__count").wait_for()
    expected = [p for p in papers
                if "continual" in p["title"].lower() or "continual" in (p["short_name"] or "").lower()]
    assert count(page) == f"{len(expected)} of 73 papers"
    page.select_option("#catalogue-sort", "related")
    assert "sort=related" in page.url
    shown = page.locator(".catalogue-browser__list > li > a").all_inner_texts()
    by_title = {p["title"]: len(p["related"]) for p in expected}
    assert [by_title[title] for title in shown] == sorted(by_title.values(), reverse=True)


def test_without_javascript_the_index_is_a_complete_list_of_links(browser, seed_url, papers):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(seed_url + "papers/")
    links = page.locator(".catalogue-list a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert sorted(link.strip("./").split("/")[0] for link in links) == sorted(p["slug"] for p in papers)
    assert page.locator(".catalogue-browser").is_hidden()
    context.close()


def test_a_paper_page_links_its_related_papers_and_code(page, seed_url, papers):
    paper = next(p for p in papers if p["url"] == PAPER)
    page.goto(seed_url + PAPER)
    assert page.locator("a.paper-code").get_attribute("href") == paper["code_url"]
    related = page.locator(".related-papers li > a, .related-papers li > p > a").first
    related.click()
    page.wait_for_url(f"{seed_url}{paper['related'][0]['slug'] and 'papers/' + paper['related'][0]['slug']}/")
    assert page.locator("article h1").inner_text().removesuffix("¶").strip() == next(
        p["title"] for p in papers if p["slug"] == paper["related"][0]["slug"])
    assert page.console_errors == []


@pytest.mark.parametrize("path", ["", "papers/", "tags/code/", PAPER, "entities/bert/", "topics/"])
def test_no_console_errors_and_no_serious_accessibility_violations(page, seed_url, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(seed_url + path)
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    serious = [(violation["id"], violation["impact"], len(violation["nodes"]))
               for violation in results.response["violations"] if violation["impact"] in ("serious", "critical")]
    assert serious == []
    assert page.console_errors == []


@pytest.fixture(scope="module")
def topics(seed_site) -> list[str]:
    """The topic pages' URLs, as the topics index lists them (largest first)."""
    index = (seed_site / "site" / "topics" / "index.html").read_text(encoding="utf-8")
    return [f"topics/{href.strip('./')}/" for href in re.findall(r'<li><a href="([^"]+)">', index)]


def test_the_topic_map_is_reached_and_followed_by_keyboard(page, seed_url, topics):
    """Tab reaches each region in turn, its name is its title, and Enter opens its topic."""
    page.goto(seed_url)
    page.locator(".topic-map").first.wait_for()
    reached = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const a = document.activeElement;
            return a && a.closest('.topic-map') ? [a.getAttribute('xlink:href'), a.querySelector('title').textContent,
                getComputedStyle(a.querySelector('circle')).strokeWidth] : null; }""")
        if focused:
            reached.append(focused)
        if len(reached) == 2:
            break
    assert [href for href, _, _ in reached] == topics[:2]
    assert all(title.split(":")[0] and "papers" in title for _, title, _ in reached)
    assert reached[1][2] == "2px"  # the focused region is outlined (catalogue.css)
    page.keyboard.press("Enter")
    page.wait_for_url(seed_url + topics[1])
    assert page.locator("article h1").count() == 1


def test_screenshots(page, seed_url, topics):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    for name, path in [("home", ""), ("index", "papers/#tag=Language"), ("index-seed", "papers/"), ("paper", PAPER),
                       ("topic", topics[0])]:
        page.goto(seed_url + path)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=name == "paper")
    page.goto(seed_url)
    topic_map = page.locator(".topic-map").first
    topic_map.screenshot(path=str(SHOTS / "topic-map.png"))
    assert all((SHOTS / f"{name}.png").stat().st_size > 10_000
               for name in ("home", "index", "paper", "topic", "topic-map"))


def test_the_topic_map_links_every_topic_and_paper_and_its_links_navigate(page, seed_url, papers, topics):
    page.goto(seed_url)
    links = page.locator(".topic-map a").evaluate_all(
        "links => links.map(a => a.getAttribute('xlink:href') || a.getAttribute('href'))")
    assert links[:len(topics)] == topics  # the regions, largest first, then the papers
    assert sorted(links[len(topics):]) == sorted(paper["url"] for paper in papers)
    for index in (0, len(topics)):  # a region, then a paper's dot
        page.goto(seed_url)
        page.locator(".topic-map a").nth(index).click()
        page.wait_for_url(seed_url + links[index])
        assert page.locator("article h1").count() == 1
    page.goto(seed_url + PAPER)
    page.locator(".topic-map a").first.wait_for()  # the neighbourhood map, drawn by its script
    neighbours = page.locator(".topic-map a").evaluate_all(
        "links => links.map(a => new URL(a.getAttribute('xlink:href'), location.href).href)")
    related = next(p for p in papers if p["url"] == PAPER)["related"]
    assert {f"{seed_url}papers/{link['slug']}/" for link in related} <= set(neighbours)
    assert page.console_errors == []
