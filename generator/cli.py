"""The command line: `python -m generator build [INPUT ...] [--out DIR]`."""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import sys
import time
from pathlib import Path

from tqdm import tqdm

from generator.enrich import catalogue_of, describe
from generator.enrich.related import relate
from generator.enrich.tags import load_taxonomy
from generator.errors import InputError
from generator.read import read_inputs
from generator.site import load_site
from generator.write import LUNR_MAX_PAPERS, SEARCH_ENGINES, build_tree, choose_search

PROJECT = Path(__file__).resolve().parent.parent
DATA = Path("data")
INPUT_SUFFIXES = (".txt", ".jsonl", ".ndjson")
DEFAULT_TAXONOMY = Path("data/taxonomy.yaml")


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(prog="python -m generator",
                                  description="Build a browsable catalogue of research papers for MkDocs.")
    commands = cli.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build = commands.add_parser("build", help="read paper dumps and write the site's Markdown and data files",
                                description="Read paper dumps and write the site's pages into the MkDocs docs_dir.")
    build.add_argument("inputs", nargs="*", type=Path, metavar="INPUT",
                       help="listing dumps (.txt) and JSON Lines files (.jsonl, .ndjson) to read "
                            f"(default: every such file in {DATA}/)")
    build.add_argument("--out", type=Path, default=None, metavar="DIR",
                       help="directory to write into (default: docs_dir of the MkDocs config, site_src)")
    build.add_argument("--config", type=Path, default=Path("mkdocs.yml"), metavar="FILE",
                       help="MkDocs configuration with site_name and site_url (default: mkdocs.yml)")
    build.add_argument("--taxonomy", type=Path, default=DEFAULT_TAXONOMY, metavar="FILE",
                       help=f"tag taxonomy (default: {DEFAULT_TAXONOMY})")
    build.add_argument("--search", choices=SEARCH_ENGINES, default="auto",
                       help=f"site search: Material's lunr, or Pagefind's chunked index for big catalogues "
                            f"(default: auto, Pagefind above {LUNR_MAX_PAPERS:,} papers)")
    build.add_argument("--timings", type=Path, metavar="FILE",
                       help="write each stage's wall time and peak memory to FILE as JSON (for benchmarks)")
    build.add_argument("-q", "--quiet", action="store_true", help="print only errors and the summary")
    return cli


def main(argv: list[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    try:
        return build(arguments)
    except InputError as error:
        for notice in error.warnings:
            print(f"warning: {notice}", file=sys.stderr)
        for notice in error.notices:
            print(f"error: {notice}", file=sys.stderr)
        return 1


def build(arguments: argparse.Namespace) -> int:
    """read -> enrich -> related -> write, each stage on the whole catalogue before the next."""
    stages = Stages()
    show = None if not arguments.quiet else True  # tqdm: None draws bars only on a terminal
    with stages("read"):
        site = load_site(arguments.config)
        taxonomy = load_taxonomy(arguments.taxonomy)
        inputs = arguments.inputs or default_inputs()
        reading = read_inputs(inputs)
    with stages("enrich"):
        papers, notices = describe(reading, taxonomy)
    with stages("related"), tqdm(total=len(papers), desc="related papers", unit="paper", leave=False,
                                 disable=show) as bar:
        catalogue = catalogue_of(relate(papers, progress=bar.update), reading, taxonomy, notices)
    with stages("write"):
        search = choose_search(arguments.search, len(catalogue.papers))
        tree = build_tree(catalogue, site, search=search,
                          progress=lambda items: tqdm(items, desc="pages", unit="page", leave=False, disable=show))
        stats = tree.commit(arguments.out or Path(site.docs_dir))
    for notice in catalogue.warnings:
        print(f"warning: {notice}", file=sys.stderr)
    print(f"{counted(len(reading.papers), 'paper')} read from {counted(len(inputs), 'file')}; "
          f"{counted(len(catalogue.papers), 'paper page')}; {counted(stats.files, 'file')} ({stats.written} written, "
          f"{stats.removed} removed) in {arguments.out or site.docs_dir}; {counted(len(catalogue.warnings), 'warning')}")
    if arguments.timings:
        arguments.timings.write_text(json.dumps(stages.report(), indent=1) + "\n", encoding="utf-8")
    return 0


class Stages:
    """Wall time and peak memory (resident set size so far) at the end of each stage, for benchmarks."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.peak_mib: dict[str, float] = {}

    @contextlib.contextmanager
    def __call__(self, name: str):
        started = time.perf_counter()
        yield
        self.seconds[name] = round(time.perf_counter() - started, 3)
        self.peak_mib[name] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)

    def report(self) -> dict:
        return {"seconds": self.seconds, "peak_mib": self.peak_mib}


def default_inputs() -> list[Path]:
    """Every dump and JSON Lines file in data/, in name order."""
    inputs = sorted(path for path in DATA.glob("*") if path.suffix.lower() in INPUT_SUFFIXES)
    if not inputs:
        raise InputError(str(DATA), None, "no input files", "put a dump (.txt) or JSON Lines file (.jsonl) in data/, "
                         "or name the inputs on the command line")
    return inputs


def counted(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
