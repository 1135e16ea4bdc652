"""The command line: `python -m generator build [INPUT ...] [--out DIR]`."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from pathlib import Path

from tqdm import tqdm

from generator import __version__
from generator.enrich import catalogue_of, describe
from generator.enrich.curation import Curation, apply_related, load_curation
from generator.enrich.entities import load_entities
from generator.enrich.related import MAX_RELATED, relate
from generator.enrich.tags import load_taxonomy
from generator.errors import InputError
from generator.evaluate import Scores, TagFit, corpus_sample, dumps, load_groups, report, table, tag_table
from generator.memory import peak_mib
from generator.read import read_inputs
from generator.search_index import command as search_index
from generator.site import load_site
from generator.write import LUNR_MAX_PAPERS, SEARCH_ENGINES, build_tree, choose_search

PROJECT = Path(__file__).resolve().parent.parent
DATA = Path("data")
INPUT_SUFFIXES = (".txt", ".jsonl", ".ndjson")
DEFAULT_TAXONOMY = Path("data/taxonomy.yaml")
DEFAULT_ENTITIES = Path("data/entities.yaml")
DEFAULT_CURATION = Path("data/curation.yaml")
DEFAULT_LABELS = Path("tests/eval/seed_groups.yaml")
DEFAULT_CORPUS = Path("../shared/corpus/papers.jsonl")


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(prog="python -m generator",
                                  description="Build a browsable catalogue of research papers for MkDocs.")
    cli.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
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
    build.add_argument("--search", choices=SEARCH_ENGINES, default="auto",
                       help=f"site search: Material's lunr, or Pagefind's chunked index for big catalogues "
                            f"(default: auto, Pagefind above {LUNR_MAX_PAPERS:,} papers)")
    build.add_argument("--timings", type=Path, metavar="FILE",
                       help="write each stage's wall time and peak memory to FILE as JSON (for benchmarks)")
    build.add_argument("-q", "--quiet", action="store_true", help="print only errors and the summary, no warnings")
    build.add_argument("-v", "--verbose", action="store_true", help="also print each stage's wall time as it ends")
    evaluate = commands.add_parser("evaluate", help="score related papers and tags against labelled groups",
                                   description="Score related papers (hit@3, precision@3) and tags against "
                                               "hand-labelled groups, and on a corpus sample against arXiv categories.")
    evaluate.add_argument("inputs", nargs="*", type=Path, metavar="INPUT", help="inputs (default: every file in data/)")
    evaluate.add_argument("--labels", type=Path, default=DEFAULT_LABELS, metavar="FILE",
                          help=f"groups of papers that belong together (default: {DEFAULT_LABELS})")
    evaluate.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, metavar="FILE",
                          help=f"JSON Lines corpus to sample, skipped when absent (default: {DEFAULT_CORPUS})")
    evaluate.add_argument("--sample", type=int, default=3000, metavar="N", help="corpus papers to sample (default: 3000)")
    evaluate.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    index = commands.add_parser("search-index", help="after the site build: add Pagefind's index when chosen",
                                description="Run after mkdocs build or zensical build: check that the pages offer the "
                                            "search the generator chose, and index them for Pagefind.")
    index.add_argument("site", nargs="?", type=Path, default=Path("site"), metavar="SITE",
                       help="the built site (default: site)")
    index.add_argument("--config", type=Path, default=Path("mkdocs.yml"), metavar="FILE",
                       help="MkDocs configuration naming the docs_dir (default: mkdocs.yml)")
    index.add_argument("--docs", type=Path, metavar="DIR", help="the generated docs (default: docs_dir of the config)")
    index.add_argument("--chosen", action="store_true",
                       help="only print the search the generator chose, lunr or pagefind (for CATALOGUE_SEARCH)")
    for command in (build, evaluate):
        command.add_argument("--taxonomy", type=Path, default=DEFAULT_TAXONOMY, metavar="FILE",
                             help=f"tag taxonomy (default: {DEFAULT_TAXONOMY})")
        command.add_argument("--entities", type=Path, default=DEFAULT_ENTITIES, metavar="FILE",
                             help=f"models, methods, datasets and benchmarks to find (default: {DEFAULT_ENTITIES})")
        command.add_argument("--curation", type=Path, default=DEFAULT_CURATION, metavar="FILE",
                             help=f"the curator's overrides of tags and related papers (default: {DEFAULT_CURATION}, "
                                  "if present)")
    return cli


def main(argv: list[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    try:
        return {"build": build, "evaluate": evaluate, "search-index": search_index}[arguments.command](arguments)
    except InputError as error:
        for notice in error.warnings if not getattr(arguments, "quiet", False) else ():
            print(f"warning: {notice}", file=sys.stderr)
        for notice in error.notices:
            print(f"error: {notice}", file=sys.stderr)
        return 1


def build(arguments: argparse.Namespace) -> int:
    """read -> enrich -> related -> write, each stage on the whole catalogue before the next."""
    stages = Stages(verbose=arguments.verbose)
    show = None if not arguments.quiet else True  # tqdm: None draws bars only on a terminal
    with stages("read"):
        site = load_site(arguments.config)
        taxonomy = load_taxonomy(arguments.taxonomy)
        entities = load_entities(arguments.entities)
        curation = load_curation(arguments.curation)
        inputs = arguments.inputs or default_inputs()
        reading = read_inputs(inputs)
    with stages("enrich"):
        papers, notices = describe(reading, taxonomy, entities, curation)
    with stages("related"), tqdm(total=len(papers), desc="related papers", unit="paper", leave=False,
                                 disable=show) as bar:
        papers = apply_related(relate(papers, progress=bar.update), curation, MAX_RELATED)
        catalogue = catalogue_of(papers, reading, taxonomy, entities, notices)
    with stages("write"):
        search = choose_search(arguments.search, len(catalogue.papers))
        tree = build_tree(catalogue, site, search=search,
                          progress=lambda items: tqdm(items, desc="pages", unit="page", leave=False, disable=show))
        stats = tree.commit(arguments.out or Path(site.docs_dir))
    for notice in catalogue.warnings if not arguments.quiet else ():
        print(f"warning: {notice}", file=sys.stderr)
    print(f"{counted(len(reading.papers), 'paper')} read from {counted(len(inputs), 'file')}; "
          f"{counted(len(catalogue.papers), 'paper page')}; {counted(stats.files, 'file')} ({stats.written} written, "
          f"{stats.removed} removed) in {arguments.out or site.docs_dir}; {counted(len(catalogue.warnings), 'warning')}")
    if arguments.timings:
        arguments.timings.write_text(json.dumps(stages.report(), indent=1) + "\n", encoding="utf-8")
    return 0


def evaluate(arguments: argparse.Namespace) -> int:
    """Print the evaluation tables (README, "Related papers and tags: measured")."""
    taxonomy, entities = load_taxonomy(arguments.taxonomy), load_entities(arguments.entities)
    reading = read_inputs(arguments.inputs or default_inputs())
    papers, _ = describe(reading, taxonomy, entities, load_curation(arguments.curation))
    primary, labels = load_groups(arguments.labels, {paper.slug for paper in papers})
    sample = corpus_sample(arguments.corpus, arguments.sample)
    corpus = None
    if sample is None:
        print(f"(corpus sample skipped: {arguments.corpus} is absent)")
    else:
        corpus, _ = describe(read_inputs([sample]), taxonomy, entities, Curation(str(arguments.curation), {}))
    result = report(papers, primary, labels, corpus)
    seed = result["seed"]
    print(f"Seed: {seed['papers']} papers, {seed['labelled']} labelled in {seed['groups']} groups ({arguments.labels})\n")
    print(table([(name, Scores(**scores)) for name, scores in seed["configurations"]]) + "\n")
    print(tag_table([TagFit(**fit) for fit in seed["tags"]]) + "\n")
    if corpus is not None:
        weak = result["corpus"]
        print(f"Corpus sample: {weak['papers']} papers, {weak['labelled']} with a primary arXiv category as weak label\n")
        print(table([(name, Scores(**scores)) for name, scores in weak["configurations"]]))
    if arguments.json:
        arguments.json.write_text(dumps(result) + "\n", encoding="utf-8")
    return 0


class Stages:
    """Wall time and peak memory (resident set size so far) at the end of each stage, for benchmarks."""

    def __init__(self, verbose: bool = False) -> None:
        self.verbose = verbose
        self.seconds: dict[str, float] = {}
        self.peak_mib: dict[str, float] = {}

    @contextlib.contextmanager
    def __call__(self, name: str):
        started = time.perf_counter()
        yield
        self.seconds[name] = round(time.perf_counter() - started, 3)
        if (peak := peak_mib()) is not None:  # None where the platform gives no figure (Windows)
            self.peak_mib[name] = peak
        if self.verbose:
            print(f"{name}: {self.seconds[name]:.2f} s", file=sys.stderr)

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
