"""Related papers: TF-IDF over title and abstract, cosine similarity, the top few for each paper.

Similarities come from a sparse matrix product that keeps only each row's best scores
(sparse_dot_topn), a block of rows at a time: memory grows with the catalogue, never with its
square, and no dense N x N matrix is ever built.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sparse_dot_topn import sp_matmul_topn

from generator.model import Paper, RelatedLink

MAX_RELATED = 5
REASON_TERMS = 3
BLOCK_ROWS = 2048
THREADS = min(4, os.cpu_count() or 1)


@dataclass(frozen=True)
class Neighbours:
    """Pairs (row, other) of similar papers with their scores, each row's pairs best first."""

    rows: np.ndarray
    others: np.ndarray
    scores: np.ndarray


def vectorise(papers: list[Paper]) -> tuple[sparse.csr_matrix, np.ndarray]:
    """L2-normalised TF-IDF rows of title plus abstract, and the vocabulary in column order."""
    vectoriser = TfidfVectorizer(stop_words="english", sublinear_tf=True, ngram_range=(1, 2),
                                 min_df=2 if len(papers) > 1000 else 1, max_df=0.5 if len(papers) >= 20 else 1.0,
                                 dtype=np.float32)
    matrix = vectoriser.fit_transform([f"{paper.title}. {paper.text or paper.abstract}" for paper in papers])
    return matrix.tocsr(), vectoriser.get_feature_names_out()


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
    rows, others, scores = (np.concatenate(parts) for parts in (rows, others, scores))
    order = np.lexsort((others, -scores, rows))
    rows, others, scores = rows[order], others[order], scores[order]
    first = np.r_[True, rows[1:] != rows[:-1]]
    rank = np.arange(len(rows)) - np.maximum.accumulate(np.where(first, np.arange(len(rows)), 0))
    best = rank < k
    return Neighbours(rows[best], others[best], scores[best])


def shared_terms(matrix: sparse.csr_matrix, vocabulary: np.ndarray, rows: np.ndarray, others: np.ndarray,
                 limit: int = REASON_TERMS) -> list[tuple[str, ...]]:
    """For each pair, the terms that contribute most to its similarity, strongest first."""
    products = matrix[rows].multiply(matrix[others]).tocsr()
    products.sort_indices()
    terms = []
    for pair in range(products.shape[0]):
        start, end = products.indptr[pair], products.indptr[pair + 1]
        weights, columns = products.data[start:end], products.indices[start:end]
        strongest = np.lexsort((columns, -weights))[:limit]
        terms.append(tuple(str(vocabulary[columns[index]]) for index in strongest))
    return terms


def relate(papers: list[Paper], progress: Callable[[int], object] | None = None) -> list[Paper]:
    """Papers with up to MAX_RELATED related papers each, each link with its shared terms and tags."""
    if len(papers) < 2:
        return papers
    matrix, vocabulary = vectorise(papers)
    found = top_neighbours(matrix, MAX_RELATED, progress)
    terms = shared_terms(matrix, vocabulary, found.rows, found.others)
    links: list[list[RelatedLink]] = [[] for _ in papers]
    for row, other, score, reason in zip(found.rows.tolist(), found.others.tolist(), found.scores.tolist(), terms):
        shared_tags = tuple(tag for tag in papers[row].tags if tag in papers[other].tags)
        links[row].append(RelatedLink(slug=papers[other].slug, score=round(score, 4), terms=reason, tags=shared_tags))
    return [replace(paper, related=tuple(paper_links)) for paper, paper_links in zip(papers, links)]
