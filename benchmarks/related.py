"""What related papers cost at corpus scale: words alone, words and meaning, and computing the embeddings.

At 27,511 papers (../shared/corpus/papers.jsonl): the related stage by TF-IDF alone (the build without the
embedding cache) and with embeddings (vectors of the model's shape; the time does not depend on their values),
the median of 3; the model's throughput on an evenly spread sample, from which a cold embedding of the whole
corpus is estimated; and `embed` with a cache that lacks only the 300 newest papers (a day's new papers), the
model encoding just those. Needs requirements-embeddings.txt. Writes benchmarks/related.json.

    .venv/bin/python -m benchmarks.related [--sample 1000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from generator.enrich import describe, embeddings
from generator.enrich.curation import Curation
from generator.enrich.entities import load_entities
from generator.enrich.related import relate
from generator.enrich.tags import load_taxonomy
from generator.read import read

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "papers.jsonl"
NEW_PAPERS = 300


def timed(work) -> float:
    started = time.perf_counter()
    work()
    return round(time.perf_counter() - started, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--sample", type=int, default=1000, help="papers embedded to measure the model's throughput")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "related.json")
    arguments = parser.parse_args()
    papers, _ = describe(read([arguments.corpus]), load_taxonomy(ROOT / "data" / "taxonomy.yaml"),
                         load_entities(ROOT / "data" / "entities.yaml"), Curation("none"))
    vectors = np.random.default_rng(0).standard_normal((len(papers), 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    result = {"papers": len(papers),
              "related_words_s": [timed(lambda: relate(papers)) for _ in range(3)],
              "related_words_and_meaning_s": [timed(lambda: relate(papers, vectors=vectors)) for _ in range(3)]}
    encode = embeddings.model_encoder()
    sample = [embeddings.embedded_text(paper) for paper in papers[::max(1, len(papers) // arguments.sample)]]
    seconds = timed(lambda: encode(sample))
    result["throughput"] = {"papers": len(sample), "seconds": seconds, "per_second": round(len(sample) / seconds, 1),
                            "cold_estimate_min": round(len(papers) / (len(sample) / seconds) / 60, 1)}
    with tempfile.TemporaryDirectory() as work:
        cache = Path(work) / "cache.npz"
        known = sorted(papers, key=lambda paper: str(paper.date.iso or ""))[:-NEW_PAPERS]
        embeddings.save(embeddings.merged(embeddings.NO_EMBEDDINGS, [embeddings.paper_key(p) for p in known],
                                          [embeddings.text_digest(p) for p in known], vectors[:len(known)]), cache)
        counted: list[tuple[int, int]] = []
        result["embed_300_new_s"] = timed(lambda: counted.append(embeddings.embed(papers, cache,
                                                                                  embeddings.model_encoder)))
        result["embed_300_new_counts"] = counted[0]
    for key in ("related_words_s", "related_words_and_meaning_s"):
        result[key.replace("_s", "_median_s")] = statistics.median(result[key])
    arguments.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
