"""Related papers: text similarity of title and abstract, re-ranked by shared tags and mentions.

Text similarity is the cosine of TF-IDF (or BM25) vectors of unigrams and bigrams (counted as
scikit-learn's CountVectorizer does, faster: ngrams.py). Each paper's best candidates come
from a sparse matrix product that keeps only each row's top scores (sparse_dot_topn), a block
of rows at a time: memory grows with the catalogue, never with its square, and no dense N x N
matrix is built. Candidates then gain a bonus for topical tags and mentions they share, and a
link is shown only above a threshold, so a paper with nothing close says so.

The settings that won on the evaluation (`python -m generator evaluate`, README) are the
defaults; BASELINE is plain TF-IDF as arxiv-sanity-lite computes it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfTransformer
from sklearn.preprocessing import normalize
from sparse_dot_topn import sp_matmul_topn

from generator.enrich.ngrams import Tokens, count_tokens
from generator.model import Paper, RelatedLink

MAX_RELATED = 5
REASON_TERMS = 4
WEAK_WORDS = 0.05  # with embeddings, a link whose words cosine is below this is shown as close in meaning:
# on the judged slice, the terms such links share are generic ("requiring", "distinct"); 17% of links
BLOCK_ROWS = 2048
THREADS = min(4, os.cpu_count() or 1)
TOKENS = r"(?u)\b[a-zA-Z_][a-zA-Z0-9_]+\b"  # arxiv-sanity-lite's: words that start with a letter

# Words every abstract in this field uses; they say nothing about what a paper is about.
DOMAIN_STOP_WORDS = frozenset("""
pre pretraining pretrain pretrained training trained train model models modeling modelling propose proposed
proposes present presents introduce introduces paper work approach approaches method methods performance perform
performs results result show shows shown demonstrate demonstrates achieve achieves achieved state art sota
effective effectiveness efficient novel new existing significant significantly improve improves improved
improvement improvements extensive experiments experimental based using use used large scale various tasks task
downstream different outperforms compared baseline baselines study studies code available https github com
""".split())


@dataclass(frozen=True)
class RelatedSettings:
    """How related papers are found; see the comparison in the README."""

    weighting: str = "tfidf"  # "tfidf" or "bm25"
    domain_stop_words: bool = False  # measured: they cost hit@3 on the seed
    title_weight: int = 2  # the title counts as this many copies of itself
    tag_weight: float = 0.2  # added times the rarity-weighted overlap of the two papers' topical tags
    mention_weight: float = 0.2  # added when one of the two papers names the other
    min_score: float = 0.07  # a link below this is not shown
    candidates: int = 30  # text neighbours re-ranked per paper
    min_df: int = 2  # a term is kept when this many papers hold it (in catalogues of over 200 papers) ...
    max_df: float = 0.5  # ... and at most this share of them (of 20 or more papers)
    meaning_weight: float = 0.4  # with embeddings: the score is this much their cosine, the rest the words'
    # From this many papers on, a catalogue spans many fields: its tags are too broad to tell neighbours apart
    # and common terms drown the telling ones. Measured on the judged corpus slice (README): no tag bonus, the
    # title once, and terms in at most a tenth of the papers. Below it (the one-topic seed) these cost precision.
    at_scale: int = 1000
    scale_changes: tuple[tuple[str, float], ...] = (("tag_weight", 0.0), ("title_weight", 1), ("max_df", 0.1))

    def sized(self, papers: int) -> RelatedSettings:
        """The settings for a catalogue of this many papers."""
        return replace(self, **dict(self.scale_changes), scale_changes=()) if papers >= self.at_scale else self


# arxiv-sanity-lite's own term limits (min_df 5, max_df 0.1) are meant for large collections: on the seed the
# limits of the other rows apply.
BASELINE = RelatedSettings(domain_stop_words=False, title_weight=1, tag_weight=0.0, mention_weight=0.0,
                           min_score=0.0, candidates=MAX_RELATED, meaning_weight=0.0,
                           scale_changes=(("min_df", 5), ("max_df", 0.1)))

MEANING_ONLY = replace(BASELINE, meaning_weight=1.0)  # all-MiniLM-L6-v2's cosine alone, when embeddings are given


@dataclass(frozen=True)
class Neighbours:
    """Pairs (row, other) of similar papers with their scores, each row's pairs best first."""

    rows: np.ndarray
    others: np.ndarray
    scores: np.ndarray
    words: np.ndarray  # the cosine of the pair's term weights alone, for the reason shown

    def __getitem__(self, keep: np.ndarray) -> Neighbours:
        return Neighbours(self.rows[keep], self.others[keep], self.scores[keep], self.words[keep])


def paper_words(papers: Sequence[Paper]) -> Tokens:
    """The papers' titles, then their abstracts, split into words once for every vectorise of them."""
    return Tokens.of([paper.title for paper in papers] + [paper.text for paper in papers], TOKENS)


def vectorise(papers: Sequence[Paper], settings: RelatedSettings,
              words: Tokens | None = None) -> tuple[sparse.csr_matrix, np.ndarray]:
    """L2-normalised term weights of title (weighted) plus abstract, and the vocabulary in column order. `words`
    are the papers' paper_words when already split."""
    stop_words = ENGLISH_STOP_WORDS | DOMAIN_STOP_WORDS if settings.domain_stop_words else ENGLISH_STOP_WORDS
    words = paper_words(papers) if words is None else words
    count = len(papers)
    texts = words.joined([[row] * settings.title_weight + [count + row] for row in range(count)])
    counts, vocabulary = count_tokens(texts, stop_words, min_df=settings.min_df if count > 200 else 1,
                                      max_df=settings.max_df if count >= 20 else 1.0)
    if not counts.shape[1]:  # nothing but stop words: no paper is close to another
        return counts, vocabulary
    weights = (bm25(counts) if settings.weighting == "bm25"
               else TfidfTransformer(sublinear_tf=True).fit_transform(counts))
    return normalize(weights.astype(np.float32)).tocsr(), vocabulary


def bm25(counts: sparse.csr_matrix, k1: float = 1.2, b: float = 0.75) -> sparse.csr_matrix:
    """Okapi BM25 term weights of a document-term count matrix."""
    documents = counts.shape[0]
    frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log1p((documents - frequency + 0.5) / (frequency + 0.5)).astype(np.float32)
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    norm = (k1 * (1 - b + b * lengths / lengths.mean())).astype(np.float32)
    weighted = counts.copy()
    row_of_entry = np.repeat(np.arange(documents), np.diff(counts.indptr))
    weighted.data = counts.data * (k1 + 1) / (counts.data + norm[row_of_entry]) * idf[counts.indices]
    return weighted


def top_neighbours(matrix: sparse.csr_matrix, k: int, progress: Callable[[int], object] | None = None) -> Neighbours:
    """The k most similar other rows of each row (cosine of normalised rows), ties broken by row order."""
    transposed = matrix.T.tocsr()
    rows, others, scores = [], [], []
    for start in range(0, matrix.shape[0], BLOCK_ROWS):
        block = sp_matmul_topn(matrix[start:start + BLOCK_ROWS], transposed, top_n=k + 1, threshold=0.0,
                               n_threads=THREADS).tocoo()
        row = block.row.astype(np.int64) + start
        keep = block.col != row
        rows.append(row[keep])
        others.append(block.col[keep].astype(np.int64))
        scores.append(block.data[keep])
        if progress:
            progress(block.shape[0])
    scores = np.concatenate(scores)
    return best_per_row(Neighbours(np.concatenate(rows), np.concatenate(others), scores, scores), k)


def meaning_neighbours(vectors: np.ndarray, k: int) -> Neighbours:
    """The k rows of unit vectors closest to each row (dense products, a block of rows at a time)."""
    rows, others = [], []
    for start in range(0, len(vectors), BLOCK_ROWS):
        similar = vectors[start:start + BLOCK_ROWS] @ vectors.T
        block = np.arange(len(similar))
        similar[block, block + start] = -np.inf
        nearest = np.argpartition(-similar, min(k, vectors.shape[0] - 1) - 1, axis=1)[:, :k]
        rows.append(np.repeat(block + start, nearest.shape[1]))
        others.append(nearest.ravel())
    rows_, others_ = np.concatenate(rows).astype(np.int64), np.concatenate(others).astype(np.int64)
    keep = rows_ != others_
    return Neighbours(rows_[keep], others_[keep], np.zeros(keep.sum()), np.zeros(keep.sum()))


def pair_cosines(matrix: sparse.csr_matrix, rows: np.ndarray, others: np.ndarray, chunk: int = 65536) -> np.ndarray:
    """The cosine of each pair of normalised rows, a chunk of pairs at a time to bound memory."""
    return np.concatenate([np.asarray(matrix[rows[at:at + chunk]].multiply(matrix[others[at:at + chunk]]).sum(axis=1))
                           .ravel() for at in range(0, len(rows), chunk)] or [np.zeros(0)])


def hybrid(matrix: sparse.csr_matrix, vectors: np.ndarray, settings: RelatedSettings,
           progress: Callable[[int], object] | None = None) -> Neighbours:
    """Candidates by words and by meaning, each pair scored by both cosines, weighted."""
    by_words = top_neighbours(matrix, settings.candidates, progress)
    by_meaning = meaning_neighbours(vectors, settings.candidates)
    pairs = np.unique(np.concatenate([by_words.rows, by_meaning.rows]) * len(vectors)
                      + np.concatenate([by_words.others, by_meaning.others]))
    rows, others = np.divmod(pairs, len(vectors))
    words = pair_cosines(matrix, rows, others).astype(np.float64)
    meaning = np.einsum("ij,ij->i", vectors[rows], vectors[others]).astype(np.float64)
    scores = (1 - settings.meaning_weight) * words + settings.meaning_weight * meaning
    return Neighbours(rows, others, scores, words)


def best_per_row(found: Neighbours, k: int) -> Neighbours:
    """At most k pairs per row, best score first, ties broken by the other row's index."""
    found = found[np.lexsort((found.others, -found.scores, found.rows))]
    rows = found.rows
    first = np.r_[True, rows[1:] != rows[:-1]] if len(rows) else np.zeros(0, bool)
    rank = np.arange(len(rows)) - np.maximum.accumulate(np.where(first, np.arange(len(rows)), 0))
    return found[rank < k]


def rerank(papers: Sequence[Paper], found: Neighbours, settings: RelatedSettings) -> Neighbours:
    """Text scores plus bonuses for shared topical tags and mentions, then the threshold and the top few."""
    scores = found.scores.astype(np.float64)
    scores = scores + settings.tag_weight * tag_overlap(papers, found.rows, found.others)
    scores = scores + settings.mention_weight * mentioned(papers, found.rows, found.others)
    found = Neighbours(found.rows, found.others, scores, found.words)
    return best_per_row(found[scores >= settings.min_score], MAX_RELATED)


def tag_overlap(papers: Sequence[Paper], rows: np.ndarray, others: np.ndarray) -> np.ndarray:
    """For each pair, the rarity of the topical tags the two share over the rarity of all their tags."""
    topics = [[tag for tag in paper.tags if tag not in paper.categories] for paper in papers]
    rarity = tag_rarity([set(tags) for tags in topics])
    column = {tag: index for index, tag in enumerate(sorted(rarity))}
    incidence = sparse.csr_matrix(
        ([rarity[tag] for tags in topics for tag in tags],
         [column[tag] for tags in topics for tag in tags],
         np.cumsum([0] + [len(tags) for tags in topics])), shape=(len(papers), max(1, len(column))))
    weight = np.asarray(incidence.sum(axis=1)).ravel()
    shared = np.asarray(incidence[rows].multiply(incidence[others] > 0).sum(axis=1)).ravel()
    union = weight[rows] + weight[others] - shared
    return np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)


def mentioned(papers: Sequence[Paper], rows: np.ndarray, others: np.ndarray) -> np.ndarray:
    """1 for each pair where one paper names the other, else 0."""
    row_of = {paper.slug: row for row, paper in enumerate(papers)}
    count = len(papers)
    named = [row * count + row_of[slug]
             for row, paper in enumerate(papers) for slug in paper.mentions if slug in row_of]
    namers, named_ones = divmod(np.array(named, dtype=np.int64), count)
    named = np.array(named + [other * count + row for row, other in zip(namers, named_ones, strict=True)],
                     dtype=np.int64)
    return np.isin(rows * count + others, named).astype(np.float64)


def tag_rarity(topics: list[set[str]]) -> dict[str, float]:
    """How telling each tag is when two papers share it: its inverse document frequency."""
    counts: dict[str, int] = {}
    for tags in topics:
        for tag in tags:
            counts[tag] = counts.get(tag, 0) + 1
    return {tag: float(np.log(len(topics) / count)) + 1.0 for tag, count in counts.items()}


def shared_terms(matrix: sparse.csr_matrix, vocabulary: np.ndarray, rows: np.ndarray, others: np.ndarray,
                 limit: int = REASON_TERMS, chunk: int = 65536) -> list[tuple[str, ...]]:
    """For each pair, the terms that contribute most to its similarity, strongest first, none repeated
    inside a longer one ("code" is dropped when "code generation" is shown). A chunk of pairs at a time: the
    two papers' rows of every pair at once took 1.2 GB at 75,000 papers."""
    return [terms for at in range(0, len(rows), chunk)
            for terms in _shared_terms(matrix, vocabulary, rows[at:at + chunk], others[at:at + chunk], limit)]


def _shared_terms(matrix: sparse.csr_matrix, vocabulary: np.ndarray, rows: np.ndarray, others: np.ndarray,
                  limit: int) -> list[tuple[str, ...]]:
    products = matrix[rows].multiply(matrix[others]).tocsr()
    products.sort_indices()
    terms = []
    for pair in range(products.shape[0]):
        start, end = products.indptr[pair], products.indptr[pair + 1]
        weights, columns = products.data[start:end], products.indices[start:end]
        ranked = [str(vocabulary[columns[index]]) for index in np.lexsort((columns, -weights))[:limit * 3]]
        terms.append(_distinct(ranked, limit))
    return terms


def _distinct(ranked: list[str], limit: int) -> tuple[str, ...]:
    chosen: list[tuple[str, set[str]]] = []
    for term in ranked:
        words = set(term.split())
        if not any(words <= other or other <= words for _, other in chosen):
            chosen.append((term, words))
            if len(chosen) == limit:
                break
    return tuple(term for term, _ in chosen)


def find_related(papers: Sequence[Paper], settings: RelatedSettings = RelatedSettings(),
                 progress: Callable[[int], object] | None = None,
                 vectors: np.ndarray | None = None,
                 words: Tokens | None = None) -> tuple[Neighbours, list[tuple[str, ...]]]:
    """The related pairs of a catalogue and, for each pair, the terms the two share most strongly. With the
    papers' embeddings (unit vectors in the papers' order), scores weigh meaning as well as words."""
    settings = settings.sized(len(papers))
    matrix, vocabulary = vectorise(papers, settings, words)
    candidates = hybrid(matrix, vectors, settings, progress) if vectors is not None and settings.meaning_weight \
        else top_neighbours(matrix, settings.candidates, progress)
    found = rerank(papers, candidates, settings)
    return found, shared_terms(matrix, vocabulary, found.rows, found.others)


def relate(papers: list[Paper], settings: RelatedSettings = RelatedSettings(),
           progress: Callable[[int], object] | None = None, vectors: np.ndarray | None = None,
           words: Tokens | None = None) -> list[Paper]:
    """Papers with up to MAX_RELATED related papers each, each link with its reason: the terms and tags the two
    share, or, for a link the embeddings found while the shared words are weak, that the two are close in meaning."""
    if len(papers) < 2:
        return papers
    found, terms = find_related(papers, settings, progress, vectors, words)
    meaning = (found.words < WEAK_WORDS) if vectors is not None else np.zeros(len(found.rows), bool)
    links: list[list[RelatedLink]] = [[] for _ in papers]
    for row, other, score, reason, by_meaning in zip(found.rows.tolist(), found.others.tolist(), found.scores.tolist(),
                                                    terms, meaning.tolist(), strict=True):
        shared_tags = tuple(tag for tag in papers[row].tags if tag in papers[other].tags)
        links[row].append(RelatedLink(slug=papers[other].slug, score=round(score, 4),
                                      terms=() if by_meaning else reason,
                                      tags=shared_tags, meaning=by_meaning))
    return [replace(paper, related=tuple(paper_links)) for paper, paper_links in zip(papers, links, strict=True)]
