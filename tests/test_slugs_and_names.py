"""Page names (slugs) and short names."""

from __future__ import annotations

import pytest

from conftest import SEED
from generator.enrich.names import short_name
from generator.enrich.slugs import assign_slugs
from generator.model import Record
from generator.read.dump import parse_dump
from support import make_record


def paper(title: str, line: int = 1, arxiv_id: str | None = None) -> Record:
    return make_record(title, line, arxiv_id)


def titled(papers: list[Record], slugs: list[str]) -> dict[str, str]:
    return {paper.title: slug for paper, slug in zip(papers, slugs, strict=True)}


@pytest.mark.parametrize("title, name", [
    ("CodeT5+: Open Code Large Language Models", "CodeT5+"),
    ("CodeT5: Identifier-aware Unified Pre-trained Encoder-Decoder Models", "CodeT5"),
    ("UL2: Unifying Language Learning Paradigms", "UL2"),
    ("SpeechT5: Unified-Modal Encoder-Decoder Pre-Training", "SpeechT5"),
    ("ERNIE 3.0: Large-scale Knowledge Enhanced Pre-training", "ERNIE 3.0"),
    ("Tiny Time Mixers (TTMs): Fast Pre-trained Models", "TTMs"),
    ("Talking Models: Distill Pre-trained Knowledge", None),
    ("Learning from Future: A Novel Self-Training Framework", None),
    ("Discrete Key-Value Bottleneck", None),
])
def test_short_names(title, name):
    assert short_name(title) == name


def test_seed_slugs_are_unique_and_stable():
    papers = list(parse_dump(SEED.read_text(encoding="utf-8"), "seed").papers)
    slugs, notices = assign_slugs(papers)
    reversed_slugs, _ = assign_slugs(list(reversed(papers)))
    assert len(set(slugs)) == 73 and notices == []
    assert titled(papers, slugs) == titled(list(reversed(papers)), reversed_slugs)
    assert all(slug == slug.lower() and slug.isascii() and len(slug) <= 80 for slug in slugs)


def test_codet5_and_codet5_plus_do_not_collide():
    papers = [paper("CodeT5+: Open Code"), paper("CodeT5: Open Code")]
    slugs = titled(papers, assign_slugs(papers)[0])
    assert slugs == {"CodeT5+: Open Code": "codet5-open-code", "CodeT5: Open Code": "codet5-open-code-2"}


def test_collisions_are_numbered_deterministically_and_reported():
    papers = [paper("Scaling Laws!", 9), paper("scaling laws", 3), paper("Scaling-Laws", 5), paper("Scaling Laws 2", 7)]
    named, notices = assign_slugs(papers)
    again, _ = assign_slugs(list(reversed(papers)))
    assert named == ["scaling-laws", "scaling-laws-4", "scaling-laws-3", "scaling-laws-2"]
    assert titled(papers, named) == titled(list(reversed(papers)), again)
    assert len(notices) == 2 and all("same page name as line 9 of t.txt" in n.message for n in notices)


def test_reserved_and_empty_slugs():
    named, notices = assign_slugs([paper("Index"), paper("???")])
    assert named == ["index-2", "paper"]
    assert "reserved page name" in notices[0].message
