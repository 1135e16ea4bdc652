"""Related papers: TF-IDF over title and abstract, cosine similarity, the top few for each paper.

Similarities are computed a block of rows at a time against the sparse matrix of all papers,
so memory grows with the block, never with the square of the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from generator.model import Paper, RelatedLink

MAX_RELATED = 5
REASON_TERMS = 3
BLOCK_ROWS = 512


@dataclass(frozen=True)
class Neighbours:
    """For each paper (by row), the rows of its most similar papers and their scores, best first."""

    rows: list[np.ndarray]
    scores: list[np.ndarray]


def vectorise(papers: list[Paper]) -> tuple[sparse.csr_matrix, np.ndarray]:
    """L2-normalised TF-IDF rows of title plus abstract, and the vocabulary in column order."""
    vectoriser = TfidfVectorizer(stop_words="english", sublinear_tf=True, ngram_range=(1, 2),
                                 min_df=1, max_df=0.5, dtype=np.float32)
    matrix = vectoriser.fit_transform([f"{paper.title}. {paper.text or paper.abstract}" for paper in papers])
    return matrix.tocsr(), vectoriser.get_feature_names_out()


def top_neighbours(matrix: sparse.csr_matrix, k: int, progress=None) -> Neighbours:
    """The k most similar other rows of each row, by cosine similarity, computed block by block."""
    count = matrix.shape[0]
    rows, scores = [], []
    transposed = matrix.T.tocsc()
    for start in range(0, count, BLOCK_ROWS):
        block = (matrix[start:start + BLOCK_ROWS] @ transposed).toarray()
        block[np.arange(block.shape[0]), np.arange(start, start + block.shape[0])] = -1.0
        for similarities in block:
            best = _top_k(similarities, k)
            rows.append(best)
            scores.append(similarities[best])
        if progress:
            progress(block.shape[0])
    return Neighbours(rows, scores)


def _top_k(values: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k largest positive values, largest first, ties broken by index."""
    k = min(k, len(values))
    candidates = np.argpartition(-values, k - 1)[:k] if k < len(values) else np.arange(len(values))
    ordered = candidates[np.lexsort((candidates, -values[candidates]))]
    return ordered[values[ordered] > 0]


def shared_terms(matrix: sparse.csr_matrix, vocabulary: np.ndarray, a: int, b: int, limit: int = REASON_TERMS) -> tuple[str, ...]:
    """The terms that contribute most to the similarity of two rows."""
    product = matrix[a].multiply(matrix[b]).tocoo()
    order = np.lexsort((product.col, -product.data))[:limit]
    return tuple(str(vocabulary[product.col[index]]) for index in order)


def relate(papers: list[Paper], progress=None) -> list[Paper]:
    """Papers with up to MAX_RELATED related papers each, each link with its shared terms and tags."""
    if len(papers) < 2:
        return papers
    matrix, vocabulary = vectorise(papers)
    neighbours = top_neighbours(matrix, MAX_RELATED, progress)
    return [replace(paper, related=tuple(
        RelatedLink(slug=papers[other].slug, score=round(float(score), 4),
                    terms=shared_terms(matrix, vocabulary, row, other),
                    tags=tuple(tag for tag in paper.tags if tag in papers[other].tags))
        for other, score in zip(neighbours.rows[row], neighbours.scores[row])))
        for row, paper in enumerate(papers)]
