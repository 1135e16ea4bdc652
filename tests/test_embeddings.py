"""Related papers by meaning: the embedding cache (computed once per paper), the build that uses it or says in one
line that it does not, and the reasons shown. No torch here: the vectors are small files the tests write."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import ROOT, make_project, run_mkdocs
from generator.enrich import embeddings, paper_of
from generator.enrich.related import find_related, relate
from generator.errors import InputError
from generator.read import read
from support import exported_papers

INPUT = ROOT / "tests" / "inputs" / "close_in_meaning.jsonl"
# Penguins and Antarctic birds share no word but mean the same; the two graph-network papers share words too.
PENGUINS = "counting-penguins-from-aerial-photographs"
SAME_MEANING = {"2501.00001": 0, "2501.00002": 0, "2501.00003": 1, "2501.00004": 1}


def papers():
    return [paper_of(record, f"p{number}") for number, record in enumerate(read([INPUT]).records)]


def vectors_for(chosen) -> np.ndarray:
    """Unit vectors: papers in one group of SAME_MEANING point the same way, the others apart."""
    rows = [np.eye(4)[SAME_MEANING.get(embeddings.paper_key(paper), 2 + number % 2)] for number, paper in
            enumerate(chosen)]
    return np.array(rows, dtype=np.float32)


def write_cache(path: Path, chosen) -> Path:
    keys = [embeddings.paper_key(paper) for paper in chosen]
    cache = embeddings.merged(embeddings.NO_EMBEDDINGS, keys, [embeddings.text_digest(paper) for paper in chosen],
                              vectors_for(chosen))
    embeddings.save(cache, path)
    return path


class CountingEncoder:
    """Stands in for the model: a deterministic vector per text, and a record of what it was asked to encode."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self) -> embeddings.Encoder:
        def encode(texts: list[str]) -> np.ndarray:
            self.asked += texts
            raw = np.array([[len(text) % 7 + 1, text.count("a") + 1, 1.0] for text in texts], dtype=np.float32)
            return raw / np.linalg.norm(raw, axis=1, keepdims=True)
        return encode


def test_each_paper_is_embedded_once_and_only_new_or_changed_papers_later(tmp_path):
    cache, encoder, catalogue = tmp_path / "cache.npz", CountingEncoder(), papers()
    assert embeddings.embed(catalogue[:3], cache, encoder) == (3, 3)
    assert embeddings.embed(catalogue, cache, encoder) == (2, 5)
    assert embeddings.embed(catalogue, cache, encoder) == (0, 5)
    assert len(encoder.asked) == 5
    changed = paper_of(read([INPUT]).records[0], "p0")
    changed = type(changed)(**{**changed.__dict__, "text": changed.text + " Also puffins."})
    assert embeddings.embed([changed], cache, encoder) == (1, 5)
    assert encoder.asked[-1].endswith("Also puffins.")
    stored = embeddings.load(cache)
    assert list(stored.keys) == sorted(stored.keys) and stored.vectors.shape == (5, 3)


def test_a_paper_is_keyed_by_its_arxiv_id_else_by_its_title_up_to_case_and_spacing():
    with_id, without = papers()[0], papers()[4]
    assert embeddings.paper_key(with_id) == "2501.00001"
    retitled = type(without)(**{**without.__dict__, "record": type(without.record)(
        **{**without.record.__dict__, "title": "  speech RECOGNITION for low-resource   languages"})})
    assert embeddings.paper_key(without).startswith("title:")
    assert embeddings.paper_key(retitled) == embeddings.paper_key(without)


def test_the_cache_holds_a_vector_only_for_the_text_it_was_computed_from(tmp_path):
    cache = embeddings.load(write_cache(tmp_path / "cache.npz", papers()))
    vectors, missing = cache.lookup(papers())
    assert missing == 0 and vectors.shape == (5, 4)
    changed = [type(paper)(**{**paper.__dict__, "text": "Rewritten."}) for paper in papers()[:1]] + papers()[1:]
    assert cache.lookup(changed) == (None, 1)


def test_a_damaged_cache_is_one_error_naming_the_file_and_the_fix(tmp_path):
    damaged = tmp_path / "cache.npz"
    damaged.write_bytes(b"not a zip file")
    with pytest.raises(InputError) as error:
        embeddings.load(damaged)
    assert str(error.value) == (f"{damaged}: not an embedding cache the generator wrote "
                                "(delete it and run python -m generator embed again)")


def test_meaning_links_papers_that_share_no_word_and_says_so():
    catalogue = papers()
    by_words = relate(catalogue)
    assert "p1" not in [link.slug for link in by_words[0].related]
    hybrid = relate(catalogue, vectors=vectors_for(catalogue))
    first = hybrid[0].related[0]
    assert (first.slug, first.meaning, first.terms) == ("p1", True, ())
    graph = next(link for link in hybrid[2].related if link.slug == "p3")
    assert not graph.meaning and "graph" in graph.terms


def test_the_weights_decide_the_order(tmp_path):
    catalogue = papers()
    found, _ = find_related(catalogue, vectors=vectors_for(catalogue))
    first = found.rows == 0
    words = found.words[first][list(found.others[first]).index(1)]
    assert words == 0.0
    assert found.scores[first][0] == pytest.approx(0.4)  # 0.6 x words' cosine 0 + 0.4 x meaning's 1


def generate(project: Path, *flags: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "generator", "build", str(INPUT.relative_to(ROOT)), "--config",
               str(project / "mkdocs.yml"), "--out", str(project / "site_src"), "--curation",
               str(project / "no-curation.yaml"), *flags]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)


def page(project: Path, slug: str) -> str:
    return (project / "site_src" / "papers" / f"{slug}.md").read_text(encoding="utf-8")


def test_a_build_without_the_cache_says_so_in_one_line(tmp_path):
    project = make_project(tmp_path)
    result = generate(project)
    cache = project / embeddings.CACHE
    assert result.stderr == (f"note: related papers by shared words only (TF-IDF), no embedding cache at {cache}; "
                             "python -m generator embed adds meaning (README: Related papers)\n")
    assert "close in meaning" not in page(project, PENGUINS)
    write_cache(cache, papers()[:4])
    result = generate(project)
    assert result.stderr == (f"note: related papers by shared words only (TF-IDF), 1 paper without an embedding in "
                             f"{cache}; python -m generator embed adds meaning (README: Related papers)\n")
    assert generate(project, "--quiet").stderr == ""


def test_a_build_with_the_cache_links_by_meaning_on_the_built_site(tmp_path):
    project = make_project(tmp_path)
    write_cache(project / embeddings.CACHE, papers())
    result = generate(project)
    assert result.stderr == ""
    penguins = page(project, PENGUINS)
    assert "Census of Antarctic birds" in penguins and "close in meaning" in penguins
    assert "shares" in page(project, "protein-folding-with-graph-networks")
    exported = exported_papers(project / "site_src")
    reasons = {paper["arxiv_id"]: paper["related"][0]["reasons"] for paper in exported if paper["related"]}
    assert reasons["2501.00001"] == {"terms": [], "tags": [], "pinned": False, "meaning": True}
    run_mkdocs(project)
    html = (project / "site" / "papers" / PENGUINS / "index.html").read_text(encoding="utf-8")
    assert "close in meaning" in html and "Census of Antarctic birds" in html
