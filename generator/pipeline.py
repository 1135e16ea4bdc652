"""The pipeline as one function: read -> enrich -> write -> commit, each stage on the whole catalogue."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.enrich import enrich
from generator.enrich.embeddings import Embeddings
from generator.errors import InputError
from generator.memory import peak_mib
from generator.model import Catalogue
from generator.read import EVERY_PAPER, Reading, read
from generator.read.arxiv_snapshot import Selection
from generator.rules import Rules
from generator.write import choose_search, write
from generator.write.tree import CommitStats


@dataclass(frozen=True)
class Progress:
    """How the stages report progress: a counter for related papers, a wrapper for the pages written."""

    related: Callable[[int], object] | None = None
    pages: Callable[[Iterable], Iterable] = iter
    reading: Callable[[Path], Callable[[int], object] | None] = lambda path: None


@dataclass(frozen=True)
class Build:
    """What a build read, made and wrote."""

    reading: Reading
    catalogue: Catalogue
    stats: CommitStats
    stages: Stages


def build(inputs: list[Path], rules: Rules, out: Path, search: str = "auto", progress: Progress = Progress(),
          selection: Selection = EVERY_PAPER, verbose: bool = False, strict: bool = False,
          embedded: Embeddings | None = None) -> Build:
    """Read every input (a slice of an arXiv snapshot as selected), enrich the whole catalogue, write its pages.
    With `strict`, a warning stops the build before anything is written. With the papers' embeddings, related
    papers weigh meaning as well as words."""
    stages = Stages(verbose=verbose)
    with stages("read"):
        reading = read(inputs, selection, progress.reading)
    with stages("enrich"):
        catalogue = enrich(reading, rules.tags, rules.entities, rules.curation, progress.related, embedded)
    if strict and catalogue.warnings:
        count = len(catalogue.warnings)
        raise InputError("--strict", None, f"{count:,} warning{'' if count == 1 else 's'}, so nothing was written",
                         "act on the warnings, or build without --strict", warnings=catalogue.warnings)
    with stages("write"):
        tree = write(catalogue, rules.site, choose_search(search, len(catalogue.papers)), progress.pages)
        stats = tree.commit(out)
    return Build(reading, catalogue, stats, stages)


@dataclass
class Stages:
    """Wall time and peak memory (resident set size so far) at the end of each stage, for benchmarks."""

    verbose: bool = False  # print each stage's time as it ends
    seconds: dict[str, float] = field(default_factory=dict)
    peak_mib: dict[str, float] = field(default_factory=dict)

    @contextlib.contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        self.seconds[name] = round(time.perf_counter() - started, 3)
        if (peak := peak_mib()) is not None:  # None where the platform gives no figure (Windows)
            self.peak_mib[name] = peak
        if self.verbose:
            print(f"{name}: {self.seconds[name]:.2f} s", file=sys.stderr)

    def report(self) -> dict:
        return {"seconds": self.seconds, "peak_mib": self.peak_mib}
