"""The evaluation runs in `make test`: related papers must stay as good as recorded, tags as telling."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT, SEED
from generator.enrich import describe, embeddings
from generator.enrich.curation import Curation, load_curation
from generator.enrich.entities import load_entities
from generator.enrich.related import find_related
from generator.enrich.tags import load_taxonomy
from generator.errors import InputError
from generator.evaluate import (
    CONFIGURATIONS,
    AreaFit,
    TopicFit,
    area_report,
    compare,
    corpus_sample,
    judged_report,
    judged_scores,
    judged_slice,
    labelled_papers,
    load_area_labels,
    load_grades,
    load_groups,
    per_query,
    related_scores,
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


# The judged related set: pairs of the corpus slice rated by reading (tests/eval/related_rating_rules.md)

def test_judged_scores_leave_unjudged_candidates_out_and_count_a_missing_link_as_0():
    grades = {("q1", "a"): 2, ("q1", "b"): 1, ("q1", "c"): 0, ("q2", "d"): 2}
    graded = per_query({"q1": ["a", "b", "x"], "q2": ["d"]}, grades)
    assert graded == {"q1": [2, 1, None], "q2": [2, 0, 0]}
    reference = per_query({"q1": ["c", "b", "a"], "q2": ["e", "d", "f"]}, grades)
    scores = judged_scores("m", graded, reference)
    assert (scores.mean_grade, scores.related, scores.close, scores.judged) == (0.5, 0.6, 0.4, round(5 / 6, 3))
    assert (scores.better, scores.worse) == (1, 1)  # q1: 1.5 against 1.0; q2: 0.67 against 1.0


def test_a_judged_pair_that_is_not_one_is_an_error_naming_its_line(tmp_path):
    judged = tmp_path / "judged.jsonl"
    judged.write_text('{"query": "1", "candidate": "2", "grade": 2}\n{"query": "1", "candidate": "3", "grade": 5}\n')
    with pytest.raises(InputError) as error:
        load_grades(judged)
    assert str(error.value) == (f'{judged}:2: not a judged pair (write {{"query": ID, "candidate": ID, "grade": 0, 1 '
                                'or 2} on each line)')


@pytest.fixture(scope="module")
def judged_slice_papers(seed):
    if not CORPUS.is_file():
        pytest.skip(f"the corpus is absent: {CORPUS} (set CORPUS to its path)")
    papers, _ = describe(judged_slice(CORPUS), seed[3], load_entities(ROOT / "data" / "entities.yaml"),
                         Curation("none"))
    return papers


def test_the_judged_set_is_drawn_from_the_slice_and_the_baseline_is_fully_judged(judged_slice_papers):
    grades = load_grades(EVAL / "related_judged.jsonl")
    ids = {str(paper.arxiv_id) for paper in judged_slice_papers}
    assert len(judged_slice_papers) == 3057 and {id for pair in grades for id in pair} <= ids
    baseline = judged_report(judged_slice_papers, grades, None)[0]
    assert baseline.judged == 1.0


def test_the_default_beats_arxiv_sanity_on_the_judged_set_without_embeddings(judged_slice_papers):
    rows = judged_report(judged_slice_papers, load_grades(EVAL / "related_judged.jsonl"), None)
    baseline, fallback = rows[0], rows[-1]
    assert fallback.mean_grade > baseline.mean_grade and fallback.close > baseline.close
    assert fallback.better > fallback.worse


def test_the_default_with_embeddings_beats_arxiv_sanity_clearly_on_the_judged_set(judged_slice_papers):
    vectors = cached_vectors(judged_slice_papers)
    rows = {row.method: row for row in judged_report(judged_slice_papers, load_grades(EVAL / "related_judged.jsonl"),
                                                     vectors)}
    baseline, hybrid = rows["baseline: TF-IDF as arxiv-sanity-lite"], rows["**default, with the embedding cache**"]
    assert hybrid.judged >= 0.95, "judge the new candidates first (README, Related papers)"
    assert hybrid.mean_grade >= RECORDED["judged_default_mean_grade"] and hybrid.mean_grade >= baseline.mean_grade + 0.05
    assert hybrid.close >= baseline.close + 0.05 and hybrid.better >= 3 * hybrid.worse


def test_the_seed_stays_at_the_recorded_level_with_embeddings(seed):
    papers, _, labels, _ = seed
    found, _ = find_related(papers, vectors=cached_vectors(papers))
    lists: dict[str, list[str]] = {}
    for row, other in zip(found.rows.tolist(), found.others.tolist(), strict=True):
        lists.setdefault(papers[row].slug, []).append(papers[other].slug)
    scores = related_scores(papers, labels, lists)
    assert scores.hit_at_3 >= RECORDED["hit_at_3"] and scores.precision_at_3 >= RECORDED["precision_at_3"]


def cached_vectors(papers):
    """The papers' vectors from the project's embedding cache (python -m generator embed), or a skip."""
    cache = embeddings.load(ROOT / embeddings.CACHE)
    vectors, missing = cache.lookup(papers) if cache else (None, len(papers))
    if vectors is None:
        pytest.skip(f"{missing} papers have no embedding in {ROOT / embeddings.CACHE} (python -m generator embed)")
    return vectors
