"""Topics found in the catalogue: papers grouped by their text, each group named by its most distinctive terms.

The papers' TF-IDF vectors (related.vectorise, with the field's common words left out so that they name no
topic) are reduced by truncated SVD (latent semantic analysis), normalised, and grouped by k-means; every step
is seeded, and the reduced vectors are rounded before k-means, so the same catalogue always gives the same
topics. A topic's terms are those whose mean weight in its papers most exceeds their mean weight elsewhere.
The number of topics follows the catalogue's size (about sqrt(N / 2), between MIN_TOPICS and MAX_TOPICS) unless
the site's configuration sets it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.preprocessing import normalize

from generator.enrich.ngrams import Tokens
from generator.enrich.related import RelatedSettings, vectorise
from generator.enrich.slugs import RESERVED, make_slug
from generator.model import Paper, Topic

MIN_PAPERS = 12  # fewer papers than this are not grouped: each topic would hold a handful
MIN_TOPICS, MAX_TOPICS = 2, 40  # a home-page map of more regions would be unreadable
DIMENSIONS = 100
TERMS = 8
NAME_TERMS = 3
NEAREST = 3
PHRASE_SHARE = 0.5
SEED = 0
SETTINGS = RelatedSettings(domain_stop_words=True)  # "model" or "training" would name every topic


@dataclass(frozen=True)
class Groups:
    """Each paper's group (row order) and, per group, the sum of its papers' TF-IDF vectors. Everything after
    k-means' choice of groups is computed from these sparse sums, which no thread count changes."""

    labels: np.ndarray
    sums: np.ndarray  # groups x terms

    @classmethod
    def of(cls, matrix: sparse.csr_matrix, labels: np.ndarray, count: int) -> Groups:
        members = sparse.csr_matrix((np.ones(len(labels)), (labels, np.arange(len(labels)))),
                                    shape=(count, len(labels)))
        return cls(labels, np.asarray((members @ matrix).todense()))

    def centres(self) -> np.ndarray:
        return normalize(self.sums)


def topic_count(papers: int, configured: int | None = None) -> int:
    """How many topics a catalogue of this many papers gets: the configured number (at most one per two papers),
    else about sqrt(papers / 2) within [MIN_TOPICS, MAX_TOPICS]; 0 below MIN_PAPERS."""
    if papers < MIN_PAPERS:
        return 0
    if configured is not None:
        return max(1, min(configured, papers // 2))
    return min(MAX_TOPICS, max(MIN_TOPICS, round(math.sqrt(papers / 2))))


def find_topics(papers: Sequence[Paper], configured: int | None = None,
                words: Tokens | None = None) -> tuple[Topic, ...]:
    """The catalogue's topics, largest first; none for a small catalogue or one whose texts share no term.
    `words` are the papers' related.paper_words when already split."""
    count = topic_count(len(papers), configured)
    if count < 2:
        return ()
    matrix, vocabulary = vectorise(papers, SETTINGS, words)
    if matrix.shape[1] < 2:
        return ()
    groups = Groups.of(matrix, group(matrix, count), count)
    return topics_of(papers, matrix, groups, distinctive_terms(vocabulary, groups))


def group(matrix: sparse.csr_matrix, count: int) -> np.ndarray:
    """Each paper's group: k-means on the papers' normalised latent-semantic vectors."""
    return KMeans(n_clusters=count, n_init=4, random_state=SEED).fit_predict(reduce(matrix))


def reduce(matrix: sparse.csr_matrix) -> np.ndarray:
    """Truncated SVD to at most DIMENSIONS, normalised and rounded (so that a sum taken in another order by
    another BLAS is less likely to move a paper to another topic)."""
    dimensions = min(DIMENSIONS, matrix.shape[0] - 1, matrix.shape[1] - 1)
    reduced = TruncatedSVD(n_components=dimensions, random_state=SEED).fit_transform(matrix)
    return np.round(normalize(reduced), 5)


def distinctive_terms(vocabulary: np.ndarray, groups: Groups) -> list[tuple[str, ...]]:
    """For each group, the terms whose mean weight in its papers most exceeds their mean weight in the others',
    none repeated inside a longer one."""
    sums, papers = groups.sums, len(groups.labels)
    sizes = np.bincount(groups.labels, minlength=len(sums)).astype(float)
    total = sums.sum(axis=0)
    terms = []
    for sum_, size in zip(sums, sizes, strict=True):  # a group at a time: groups x terms arrays took 2.3 GB
        row = np.round(sum_ / max(size, 1) - (total - sum_) / max(papers - size, 1), 6)
        lifted = np.flatnonzero(row > 0)  # only these are ranked: sorting every term took most of the time
        ranked = [(str(vocabulary[column]), float(row[column]))
                  for column in lifted[np.lexsort((lifted, -row[lifted]))[:TERMS * 4]]]
        terms.append(readable(ranked, TERMS))
    return terms


def readable(ranked: list[tuple[str, float]], limit: int) -> tuple[str, ...]:
    """The first `limit` terms, none inside another: a phrase ("self supervised") takes the place of the words
    chosen before it that it holds ("self", "supervised") when it has at least PHRASE_SHARE of their lift."""
    chosen: list[tuple[str, float]] = []
    for term, lift in ranked:
        words = set(term.split())
        clashes = [i for i, (other, _) in enumerate(chosen)
                   if words <= set(other.split()) or set(other.split()) <= words]
        if not clashes:
            chosen.append((term, lift))
        elif all(set(chosen[i][0].split()) < words and lift >= PHRASE_SHARE * chosen[i][1] for i in clashes):
            chosen[clashes[0]] = (term, lift)
            chosen = [pair for i, pair in enumerate(chosen) if i not in clashes[1:]]
        if len(chosen) == limit:
            break
    return tuple(term for term, _ in chosen)


def topics_of(papers: Sequence[Paper], matrix: sparse.csr_matrix, groups: Groups,
              terms: list[tuple[str, ...]]) -> tuple[Topic, ...]:
    """The groups as topics, largest first (ties by name): papers most typical (closest to the group's mean
    TF-IDF vector) first, nearest topics by the cosine of those means, slugs."""
    count = len(terms)
    order = sorted(range(count), key=lambda g: (-int(np.sum(groups.labels == g)), terms[g]))
    centres = groups.centres()[order]  # one groups x terms copy in topic order, not two
    # Times a copy: numpy multiplies an array by its own transpose another way, which may round otherwise.
    similarity = np.round(centres @ centres.copy().T, 4)
    slugs = unique_slugs([", ".join(terms[g][:NAME_TERMS]) for g in order])
    topics = []
    for position, g in enumerate(order):
        rows = np.flatnonzero(groups.labels == g)
        closeness = np.round(matrix[rows] @ centres[position], 6)
        rows = [row for _, row in sorted(zip(-closeness, rows, strict=True), key=lambda pair: (pair[0],
                                                                                              papers[pair[1]].slug))]
        others = [other for other in np.argsort(-similarity[position], kind="stable") if other != position]
        topics.append(Topic(slug=slugs[position], name=", ".join(terms[g][:NAME_TERMS]) or f"Topic {position + 1}",
                            terms=terms[g], papers=tuple(papers[row].slug for row in rows),
                            nearest=tuple(slugs[other] for other in others[:NEAREST]),
                            similarity=tuple(float(value) for value in similarity[position])))
    return tuple(topics)


def unique_slugs(names: list[str]) -> list[str]:
    """A slug for each name, told apart by -2, -3, ... in the order given."""
    slugs: list[str] = []
    for name in names:
        base = make_slug(name, fallback="topic")
        slug, number = base, 1
        while slug in slugs or slug in RESERVED:
            number += 1
            slug = f"{base}-{number}"
        slugs.append(slug)
    return slugs
