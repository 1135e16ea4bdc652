"""The pipeline as one function: read -> enrich -> write -> commit, each stage on the whole catalogue."""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from filelock import FileLock, Timeout

from generator.builddate import build_date
from generator.enrich import enrich
from generator.enrich.embeddings import Embeddings
from generator.errors import InputError
from generator.ledger import Ledger, read_ledger, write_ledger
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
    ledger_written: bool = False


LOCK_TIMEOUT = 3600  # seconds a build waits for another one writing the same tree or ledger


def build(inputs: list[Path], rules: Rules, out: Path, search: str = "auto", progress: Progress = Progress(),
          selection: Selection = EVERY_PAPER, verbose: bool = False, strict: bool = False,
          ledger: Path | None = None, today: datetime.date | None = None, embedded: Embeddings | None = None) -> Build:
    """Read every input (a slice of an arXiv snapshot as selected), enrich the whole catalogue as the ledger knows
    it, write its pages, then the ledger. With `strict`, a warning stops the build before anything is written.
    Without a ledger file, the build starts from an empty ledger and keeps none. Two builds of one tree or ledger
    wait for each other, so their writes never interleave. With the papers' embeddings, related papers weigh
    meaning as well as words."""
    stages = Stages(verbose=verbose)
    with locked(out, ledger):
        known = read_ledger(ledger) if ledger else Ledger("ledger")
        day = today or build_date()
        with stages("read"):
            reading = read(inputs, selection, progress.reading)
        with stages("enrich"):
            catalogue = enrich(reading, rules.tags, rules.entities, rules.curation, progress.related, known,
                               day, rules.site.topics, embedded)
        if strict and catalogue.warnings:
            count = len(catalogue.warnings)
            raise InputError("--strict", None, f"{count:,} warning{'' if count == 1 else 's'}, so nothing was written",
                             "act on the warnings, or build without --strict", warnings=catalogue.warnings)
        with stages("write"):
            written = write(catalogue, rules.site, choose_search(search, len(catalogue.papers)), progress.pages)
            catalogue = replace(catalogue, ledger=catalogue.ledger.with_pages(written.listing_pages, day))
            stats = written.tree.commit(out)
            written = write_ledger(ledger, catalogue.ledger) if ledger else False
    return Build(reading, catalogue, stats, stages, written)


@contextlib.contextmanager
def locked(*paths: Path | None) -> Iterator[None]:
    """Hold a lock for each path (the output tree, the ledger), taken in one order; the lock files live in the
    temporary directory, never beside the data."""
    with contextlib.ExitStack() as held:
        for name in sorted({str(path.resolve()) for path in paths if path is not None}):
            digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]
            lock = Path(tempfile.gettempdir()) / f"paper-catalogue-{digest}.lock"
            try:
                held.enter_context(FileLock(lock, timeout=LOCK_TIMEOUT))
            except Timeout:
                raise InputError(name, None, f"another build has held it for {LOCK_TIMEOUT} s",
                                 f"wait for that build to end, or delete {lock} if none runs") from None
        yield


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
