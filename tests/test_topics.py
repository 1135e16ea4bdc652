"""Topics found in the catalogue: how many, which papers, which terms, the same every run, and their pages."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from generator.enrich.topics import MAX_TOPICS, MIN_PAPERS, find_topics, readable, topic_count
from generator.errors import InputError
from generator.evaluate import nmi, purity
from generator.site import load_site
from support import ROOT, make_paper

# Three fields with words of their own, and words every abstract of the catalogue uses.
FIELDS = {
    "proteins": "protein folding structure residues amino acid binding docking enzyme",
    "speech": "speech recognition acoustic phoneme speaker audio waveform spectrogram",
    "galaxies": "galaxy telescope redshift cosmology stellar dark matter survey luminosity",
}
COMMON = "we propose a novel method and show results on several benchmarks with large improvements"


def planted(count: int = 60, seed: int = 5) -> list:
    """Papers each drawn from one field: a few of its words, shuffled, among the common ones."""
    chance = random.Random(seed)
    papers = []
    for number in range(count):
        field = sorted(FIELDS)[number % len(FIELDS)]
        words = chance.sample(FIELDS[field].split(), 5)
        papers.append(make_paper(f"{field}-{number:03d}", title=f"On {' '.join(words[:2])}",
                                 abstract=f"{' '.join(words)} {COMMON}."))
    return sorted(papers, key=lambda paper: paper.slug)


def test_the_number_of_topics_follows_the_catalogue_size():
    assert topic_count(MIN_PAPERS - 1) == 0
    assert topic_count(73) == 6
    assert topic_count(3_057) == 39
    assert topic_count(27_511) == MAX_TOPICS
    assert [topic_count(n) for n in (12, 100, 1_000, 10_000)] == sorted(topic_count(n) for n in (12, 100, 1_000, 10_000))
    assert topic_count(73, configured=12) == 12 and topic_count(20, configured=30) == 10


def test_planted_fields_come_back_as_topics_named_by_their_words():
    papers = planted()
    topics = find_topics(papers, configured=3)
    assert len(topics) == 3
    for topic in topics:
        fields = {slug.split("-")[0] for slug in topic.papers}
        assert len(fields) == 1, topic  # every paper of a topic is from one field
        field = fields.pop()
        assert set(topic.terms[:3]) <= set(FIELDS[field].split()) | {"dark matter", "amino acid"}
        assert not set(topic.terms) & set(COMMON.split())
        assert topic.name == ", ".join(topic.terms[:3])
    assert sorted(slug for topic in topics for slug in topic.papers) == [paper.slug for paper in papers]
    assert [len(topic.papers) for topic in topics] == sorted((len(topic.papers) for topic in topics), reverse=True)


def test_each_topic_names_its_nearest_others_and_has_a_unique_slug():
    topics = find_topics(planted(90), configured=5)
    slugs = [topic.slug for topic in topics]
    assert len(set(slugs)) == len(slugs) == 5 and all(re.fullmatch(r"[a-z0-9-]+", slug) for slug in slugs)
    for position, topic in enumerate(topics):
        assert topic.slug not in topic.nearest and set(topic.nearest) <= set(slugs) and len(topic.nearest) == 3
        assert topic.similarity[position] == pytest.approx(1.0, abs=1e-3)
        others = [topic.similarity[slugs.index(slug)] for slug in topic.nearest]
        assert others == sorted(others, reverse=True)


def test_a_small_catalogue_has_no_topics():
    assert find_topics(planted(MIN_PAPERS - 1)) == ()
    assert find_topics([make_paper(f"p{number}", title="The", abstract="A.") for number in range(20)]) == ()


def test_a_phrase_replaces_the_words_it_holds():
    ranked = [("self", 0.5), ("supervised", 0.4), ("self supervised", 0.3), ("speech", 0.2), ("speech rate", 0.01)]
    assert readable(ranked, 3) == ("self supervised", "speech")


def test_the_same_topics_every_run_and_whatever_the_hash_seed():
    script = ("import sys; sys.path.insert(0, 'tests'); from test_topics import planted; "
              "from generator.enrich.topics import find_topics; print(repr(find_topics(planted(90))))")
    runs = [subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")]
    assert runs[0] == runs[1] == repr(find_topics(planted(90))) + "\n"


def test_purity_and_nmi_score_a_perfect_and_a_useless_grouping():
    labels = [frozenset({name}) for name in "aabbcc"]
    assert purity(list(zip([0, 0, 1, 1, 2, 2], labels, strict=True))) == 1.0
    assert nmi(list(zip([0, 0, 1, 1, 2, 2], labels, strict=True))) == 1.0
    assert purity(list(zip([0] * 6, labels, strict=True))) == pytest.approx(0.333, abs=1e-3)
    assert nmi(list(zip([0] * 6, labels, strict=True))) == 0.0
    assert purity([(0, frozenset({"a", "b"})), (0, frozenset({"b"}))]) == 1.0  # a paper of several areas counts


def test_the_configuration_sets_the_number_of_topics(tmp_path):
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(config.replace("extra:\n", "extra:\n  catalogue_topics: 9\n"), encoding="utf-8")
    assert load_site(tmp_path / "mkdocs.yml").topics == 9
    assert load_site(ROOT / "mkdocs.yml").topics is None
    (tmp_path / "mkdocs.yml").write_text(config.replace("extra:\n", "extra:\n  catalogue_topics: many\n"), encoding="utf-8")
    with pytest.raises(InputError, match="catalogue_topics"):
        load_site(tmp_path / "mkdocs.yml")


# The built site


def test_every_topic_has_a_page_listing_its_papers_and_linking_its_nearest(seed_site):
    site = seed_site / "site"
    index = (site / "topics" / "index.html").read_text(encoding="utf-8")
    topic_links = re.findall(r'<li><a href="([^"]+)">([^<]+)</a> \((\d+)\)', index)
    assert len(topic_links) == topic_count(73)
    papers = json.loads((site / "papers.json").read_text(encoding="utf-8"))["papers"]
    assert sum(int(count) for _, _, count in topic_links) == len(papers)
    for href, name, count in topic_links:
        page = resolve(site, "topics/", href).read_text(encoding="utf-8")
        assert "<h1 id=" in page and name in page
        listed = re.findall(r'<li><a href="\.\./\.\./papers/([^/]+)/">', page)
        assert len(listed) == int(count)
        nearest = re.search(r'<p class="topic-nearest">(.*?)</p>', page, re.S).group(1)
        for other in re.findall(r'href="([^"]+)"', nearest):
            assert resolve(site, f"topics/{href}", other).is_file()


def test_every_paper_page_links_its_topic(seed_site):
    site = seed_site / "site"
    for page in sorted((site / "papers").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        link = re.search(r'<p class="paper-topic"[^>]*>One of (\d+) papers in the topic <a href="([^"]+)">', html)
        assert link, page.parent.name
        topic = resolve(site, f"papers/{page.parent.name}/", link.group(2)).read_text(encoding="utf-8")
        assert f'href="../../papers/{page.parent.name}/"' in topic


def resolve(site: Path, here: str, href: str) -> Path:
    """The built file an href on the page at URL `here` leads to."""
    return site / urlsplit(urljoin(f"http://site/{here}", href)).path.lstrip("/") / "index.html"
