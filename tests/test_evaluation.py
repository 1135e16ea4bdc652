"""The evaluation runs in `make test`: related papers must stay as good as recorded, tags as telling."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT, SEED
from generator.enrich import describe
from generator.enrich.curation import Curation, load_curation
from generator.enrich.entities import load_entities
from generator.enrich.tags import load_taxonomy
from generator.evaluate import (
    CONFIGURATIONS,
    AreaFit,
    TopicFit,
    area_report,
    compare,
    corpus_sample,
    labelled_papers,
    load_area_labels,
    load_groups,
    tag_fits,
    topic_report,
)
from generator.read import read

EVAL = Path(__file__).resolve().parent / "eval"
RECORDED = json.loads((EVAL / "recorded.json").read_text())
CORPUS = Path(os.environ.get("CORPUS", ROOT.parent / "shared" / "corpus" / "papers.jsonl"))  # never copied here
MIN_AREA_PRECISION = 0.8


@pytest.fixture(scope="module")
def seed():
    taxonomy = load_taxonomy(ROOT / "data" / "taxonomy.yaml")
    papers, _ = describe(read([SEED]), taxonomy, load_entities(ROOT / "data" / "entities.yaml"),
                         load_curation(ROOT / "data" / "curation.yaml"))
    primary, labels = load_groups(EVAL / "seed_groups.yaml", {paper.slug for paper in papers})
    return papers, primary, labels, taxonomy


@pytest.fixture(scope="module")
def scores(seed):
    papers, _, labels, _ = seed
    return dict(compare(papers, labels))


def test_the_labels_cover_enough_of_the_seed(seed):
    _, primary, labels, _ = seed
    assert len(set(primary.values())) >= 8 and len(primary) >= 45


def test_related_papers_stay_at_the_recorded_level(scores):
    ours = scores[list(CONFIGURATIONS)[-1]]
    assert ours.hit_at_3 >= max(0.9, RECORDED["hit_at_3"])
    assert ours.precision_at_3 >= RECORDED["precision_at_3"]


def test_ours_is_clearly_above_the_arxiv_sanity_baseline_in_the_same_run(scores):
    baseline, ours = scores[list(CONFIGURATIONS)[0]], scores[list(CONFIGURATIONS)[-1]]
    assert baseline.precision_at_3 == RECORDED["baseline_precision_at_3"]
    assert ours.precision_at_3 >= baseline.precision_at_3 + 0.1
    assert ours.hit_at_3 > baseline.hit_at_3


def test_each_group_shares_a_tag_that_few_others_carry(seed):
    papers, primary, _, _ = seed
    for fit in tag_fits(papers, primary):
        assert fit.in_group >= 0.85 and fit.outside <= 0.25, fit


def test_tags_worth_browsing(seed):
    papers, _, _, taxonomy = seed
    top_level = {tag.name for tag in taxonomy if tag.parent is None}
    assert all(1 <= len(paper.tags) <= 6 for paper in papers)
    counts = Counter(tag for paper in papers for tag in paper.tags)
    too_broad = {tag: count for tag, count in counts.items() if tag not in top_level and count > 0.4 * len(papers)}
    assert too_broad == {}


def test_the_labelled_corpus_sample_uses_exactly_the_taxonomys_areas(seed):
    taxonomy = seed[3]
    labels = load_area_labels(EVAL / "corpus_areas.jsonl")
    assert len(labels) == 220
    assert set().union(*labels.values()) == {tag.name for tag in taxonomy if tag.parent is None}


@pytest.fixture(scope="module")
def area_fits(seed):
    result = area_report(CORPUS, EVAL / "corpus_areas.jsonl", seed[3])
    if result is None:
        pytest.skip(f"the corpus is absent: {CORPUS} (set CORPUS to its path)")
    return [AreaFit(**fit) for fit in result["areas"]]


def test_every_area_is_precise_on_the_labelled_corpus_sample(area_fits):
    assert len(area_fits) == 13
    imprecise = {fit.area: fit.precision for fit in area_fits
                 if fit.precision is None or fit.precision < MIN_AREA_PRECISION}
    assert imprecise == {}


def test_topics_group_the_corpus_better_than_plain_k_means(seed):
    """On a corpus sample with the labelled papers: the generator's topics beat k-means on TF-IDF (as many groups)
    in purity and NMI against both the labelled areas and the arXiv primary categories."""
    if not CORPUS.is_file():
        pytest.skip(f"the corpus is absent: {CORPUS} (set CORPUS to its path)")
    taxonomy = seed[3]
    labels = load_area_labels(EVAL / "corpus_areas.jsonl")
    sample, _ = describe(corpus_sample(CORPUS, 1000), taxonomy, (), Curation("none"))
    baseline, ours = (TopicFit(**fit) for fit in topic_report(sample, labelled_papers(CORPUS, set(labels)), labels)["fits"])
    assert ours.topics == baseline.topics >= 20
    for figure in ("purity_areas", "nmi_areas", "purity_categories", "nmi_categories"):
        assert getattr(ours, figure) > getattr(baseline, figure), figure
