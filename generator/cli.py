"""The command line: `python -m generator build [INPUT ...] [--out DIR]`; `fetch` and `resolve` bring papers and
arXiv ids into data/."""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections.abc import Callable
from pathlib import Path

from tqdm import tqdm

from generator import __version__, pipeline
from generator import fetch as fetching
from generator.enrich import describe, embeddings, paper_of
from generator.enrich.curation import Curation
from generator.enrich.merge import merge_duplicates
from generator.errors import InputError
from generator.evaluate import (
    JUDGED_STEP,
    TOP,
    AreaFit,
    Scores,
    TagFit,
    TopicFit,
    area_report,
    area_table,
    corpus_report,
    corpus_sample,
    dumps,
    judged_report,
    judged_slice,
    judged_table,
    labelled_papers,
    load_area_labels,
    load_grades,
    load_groups,
    seed_report,
    table,
    tag_table,
    topic_report,
    topic_table,
)
from generator.fetch import resolve as resolving
from generator.fetch import settings as fetch_settings
from generator.fetch.client import Client
from generator.fetch.store import FETCHED_FILES
from generator.model import Catalogue
from generator.pipeline import Progress
from generator.read import read
from generator.read.arxiv_snapshot import Selection
from generator.rules import Rules, load_rules
from generator.search_index import command as search_index
from generator.write import LUNR_MAX_PAPERS, SEARCH_ENGINES

DATA = Path("data")
INPUT_SUFFIXES = (".txt", ".jsonl", ".ndjson", ".json", ".xml", ".atom", ".bib")
DEFAULT_TAXONOMY = Path("data/taxonomy.yaml")
DEFAULT_ENTITIES = Path("data/entities.yaml")
DEFAULT_CURATION = Path("data/curation.yaml")
FETCH_SETTINGS = "fetch.yaml"
DEFAULT_LEDGER = Path("data/ledger.tsv")


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(prog="python -m generator",
                                  description="Build a browsable catalogue of research papers for MkDocs.")
    cli.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = cli.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in (build_parser, evaluate_parser, embed_parser, search_index_parser):
        add(commands)
    for add in (fetch_parser, resolve_parser):
        network_options(add(commands))
    return cli


def build_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    build = commands.add_parser("build", help="read paper dumps and write the site's Markdown and data files",
                                description="Read paper dumps and write the site's pages into the MkDocs docs_dir.")
    build.add_argument("inputs", nargs="*", type=Path, metavar="INPUT",
                       help="files to read: pasted listings, JSON Lines, the arXiv metadata snapshot, saved arXiv API "
                            "or Hugging Face daily papers responses, BibTeX; each recognised by its content "
                            f"(default: every such file in {DATA}/)")
    build.add_argument("--out", type=Path, default=None, metavar="DIR",
                       help="directory to write into (default: docs_dir of the MkDocs config, site_src)")
    build.add_argument("--search", choices=SEARCH_ENGINES, default="auto",
                       help=f"site search: Material's lunr, or Pagefind's chunked index for big catalogues "
                            f"(default: auto, Pagefind above {LUNR_MAX_PAPERS:,} papers)")
    build.add_argument("--ledger", type=Path, default=None, metavar="FILE",
                       help="what the catalogue has published: each paper's key, slug, citation key and first-seen "
                            f"date, read and then updated (default: {DEFAULT_LEDGER} in the folder the output "
                            "directory is in)")
    build.add_argument("--timings", type=Path, metavar="FILE",
                       help="write each stage's wall time and peak memory to FILE as JSON (for benchmarks)")
    build.add_argument("-q", "--quiet", action="store_true", help="print only errors and the summary, no warnings")
    build.add_argument("-v", "--verbose", action="store_true", help="also print each stage's wall time as it ends")
    build.add_argument("--strict", action="store_true", help="treat every warning as an error: exit 1, write nothing")
    build.add_argument("--category", action="append", default=[], metavar="CAT",
                       help="from an arXiv metadata snapshot, read only papers in this category (repeatable; "
                            "a paper in any of them is read)")
    build.add_argument("--since", type=day, metavar="YYYY-MM-DD",
                       help="from an arXiv metadata snapshot, read only papers whose first version is this day "
                            "or later")
    build.add_argument("--until", type=day, metavar="YYYY-MM-DD",
                       help="from an arXiv metadata snapshot, read only papers whose first version is this day "
                            "or earlier")
    rules_options(build)
    embeddings_option(build)
    return build


def evaluate_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    evaluate = commands.add_parser("evaluate", help="score related papers and tags against labelled groups",
                                   description="Score related papers (hit@3, precision@3) and tags against "
                                               "hand-labelled groups, and on a corpus sample against arXiv categories.")
    evaluate.add_argument("inputs", nargs="*", type=Path, metavar="INPUT", help="inputs (default: every file in data/)")
    evaluate.add_argument("--labels", type=Path, metavar="FILE",
                          help="groups of the inputs' papers that belong together, to score related papers and tags "
                               "(the project's: tests/eval/seed_groups.yaml; without it, skipped)")
    evaluate.add_argument("--corpus", type=Path, default=None, metavar="FILE",
                          help="a JSON Lines corpus to sample, its papers' arXiv categories as weak labels")
    evaluate.add_argument("--sample", type=int, default=3000, metavar="N",
                          help="corpus papers to sample (default: 3000)")
    evaluate.add_argument("--areas", type=Path, metavar="FILE",
                          help="corpus papers labelled with their areas, read from --corpus by id, to score the area "
                               "tags (the project's: tests/eval/corpus_areas.jsonl; without it, skipped)")
    evaluate.add_argument("--judged", type=Path, metavar="FILE",
                          help="related pairs of the --corpus slice rated by reading, scored top 3 per method (the "
                               "project's: tests/eval/related_judged.jsonl; without it, skipped)")
    evaluate.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    rules_options(evaluate)
    embeddings_option(evaluate)
    return evaluate


def embed_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    embed = commands.add_parser("embed", help="compute the papers' sentence embeddings once, for related papers",
                                description="Compute all-MiniLM-L6-v2 embeddings of the input papers that the cache "
                                            "does not hold yet (needs requirements-embeddings.txt); later builds "
                                            "find related papers by meaning as well as shared words.")
    embed.add_argument("inputs", nargs="*", type=Path, metavar="INPUT", help="inputs (default: every file in data/)")
    embed.add_argument("--config", type=Path, default=Path("mkdocs.yml"), metavar="FILE",
                       help="MkDocs configuration; the cache lies beside it (default: mkdocs.yml)")
    embed.add_argument("--every", type=count, default=1, metavar="N",
                       help="only every N-th paper read (9: the slice the judged related set was drawn from)")
    embed.add_argument("--quiet", action="store_true", help="no progress bar")
    embeddings_option(embed)
    return embed


def search_index_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
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
    return index


def fetch_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    fetch = commands.add_parser("fetch", help="fetch new papers from the arXiv API or Hugging Face into data/",
                                description="Fetch papers into data/arxiv.jsonl and data/hf-daily.jsonl, merged by "
                                            "arXiv id: from the SOURCE named, else from every source data/fetch.yaml "
                                            "configures. Nothing is written unless every request succeeds.")
    fetch.add_argument("source", nargs="?", choices=("arxiv", "hf"),
                       help="arxiv (the arXiv API) or hf (Hugging Face daily papers) (default: every source in "
                            f"{DATA}/{FETCH_SETTINGS})")
    fetch.add_argument("--category", action="append", default=[], metavar="CAT",
                       help="arxiv: papers in this category (repeatable; a paper in any of them)")
    fetch.add_argument("--query", metavar="QUERY", help="arxiv: an arXiv API search query such as 'abs:pretraining'; "
                                                        "with --category, papers matching both")
    fetch.add_argument("--since", type=day, metavar="YYYY-MM-DD",
                       help="the first day: of submission to arXiv, or of the daily list (default: from days: in "
                            f"{FETCH_SETTINGS})")
    fetch.add_argument("--until", type=day, metavar="YYYY-MM-DD", help="the last day (default: today, in UTC)")
    return fetch


def resolve_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    resolve = commands.add_parser("resolve", help="find on arXiv, by title, the input papers without an arXiv id",
                                  description="Look up on the arXiv API, by title, every input paper without an arXiv "
                                              "id, and keep what is found in data/resolved.jsonl, which later builds "
                                              "read without the network. A match needs arXiv's title up to case and "
                                              "punctuation. Nothing is written unless every request succeeds.")
    resolve.add_argument("inputs", nargs="*", type=Path, metavar="INPUT",
                         help="files to read (default: every input file in the data folder, as build reads them)")
    return resolve


def network_options(command: argparse.ArgumentParser) -> None:
    """What fetch and resolve share: the server, the folder, and how politely to ask."""
    command.add_argument("--api-url", metavar="URL", help="the API's address (default: arXiv's or Hugging Face's, "
                                                          f"or api_url: in {FETCH_SETTINGS})")
    command.add_argument("--data-dir", type=Path, default=DATA, metavar="DIR",
                         help=f"the folder of the fetched files and of {FETCH_SETTINGS} (default: {DATA})")
    command.add_argument("--max-requests", type=count, metavar="N",
                         help=f"fail rather than make more requests (default: max_requests: in {FETCH_SETTINGS}, "
                              "else 50)")
    command.add_argument("--delay", type=seconds, metavar="SECONDS",
                         help="from the start of one request to the next (default: 3, as arXiv's terms of use "
                              "ask; less only for another server)")
    command.add_argument("--timeout", type=seconds, metavar="SECONDS", help="for each answer (default: 30)")
    command.add_argument("--contact", metavar="URL_OR_EMAIL",
                         help=f"who runs this, in the User-Agent (default: contact: in {FETCH_SETTINGS})")
    command.add_argument("-q", "--quiet", action="store_true", help="print no warnings")


def rules_options(command: argparse.ArgumentParser) -> None:
    """What build and evaluate share: the site's configuration and the curator's rules."""
    command.add_argument("--config", type=Path, default=Path("mkdocs.yml"), metavar="FILE",
                         help="MkDocs configuration with site_name and site_url (default: mkdocs.yml)")
    command.add_argument("--taxonomy", type=Path, default=DEFAULT_TAXONOMY, metavar="FILE",
                         help=f"tag taxonomy (default: {DEFAULT_TAXONOMY})")
    command.add_argument("--entities", type=Path, default=DEFAULT_ENTITIES, metavar="FILE",
                         help=f"models, methods, datasets and benchmarks to find (default: {DEFAULT_ENTITIES})")
    command.add_argument("--curation", type=Path, default=DEFAULT_CURATION, metavar="FILE",
                         help=f"the curator's overrides of tags and related papers (default: {DEFAULT_CURATION}, "
                              "if present)")


def embeddings_option(command: argparse.ArgumentParser) -> None:
    """What build, evaluate and embed share: where the embedding cache lies."""
    command.add_argument("--embeddings", type=Path, metavar="FILE",
                         help=f"the embedding cache (default: {embeddings.CACHE} beside the configuration)")


def main(argv: list[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    try:
        return {"build": build, "evaluate": evaluate, "search-index": search_index, "fetch": fetch,
                "resolve": resolve, "embed": embed}[arguments.command](arguments)
    except InputError as error:
        for notice in error.warnings:
            print(f"warning: {notice}", file=sys.stderr)
        for notice in error.notices:
            print(f"error: {notice}", file=sys.stderr)
        return 1


def build(arguments: argparse.Namespace) -> int:
    """The pipeline with the command line's inputs, rules and progress bars; then its summary."""
    quiet = True if arguments.quiet else None  # tqdm: None draws bars only on a terminal
    rules, inputs = rules_of(arguments), arguments.inputs or default_inputs()
    out = arguments.out or Path(rules.site.docs_dir)
    selection = Selection(frozenset(arguments.category), arguments.since, arguments.until)
    with tqdm(desc="related papers", unit="paper", leave=False, disable=quiet) as bar:
        progress = Progress(related=bar.update, pages=lambda items: tqdm(items, desc="pages", unit="page",
                                                                          leave=False, disable=quiet),
                            reading=lambda path: byte_bar(path, quiet))
        result = pipeline.build(inputs, rules, out, arguments.search, progress, selection, arguments.verbose,
                                arguments.strict, ledger=arguments.ledger or out.parent / DEFAULT_LEDGER,
                                embedded=(embedded := embeddings.load(cache_path(arguments))))
    for notice in result.catalogue.warnings if not arguments.quiet else ():
        print(f"warning: {notice}", file=sys.stderr)
    if not (arguments.quiet or result.catalogue.related_by_meaning):
        print(f"note: {words_only(result.catalogue, embedded, cache_path(arguments))}", file=sys.stderr)
    print(summary(result, len(inputs), out))
    if arguments.timings:
        arguments.timings.write_text(json.dumps(result.stages.report(), indent=1) + "\n", encoding="utf-8")
    return 0


def words_only(catalogue: Catalogue, embedded: embeddings.Embeddings | None, path: Path) -> str:
    """The one line a build without embeddings prints: why, and how to add them."""
    why = (f"{counted(catalogue.unembedded, 'paper')} without an embedding in {path}" if embedded
           else f"no embedding cache at {path}")
    return (f"related papers by shared words only (TF-IDF), {why}; python -m generator embed adds meaning "
            "(README: Related papers)")


def embed(arguments: argparse.Namespace) -> int:
    """The embedding cache brought up to date with the inputs' papers."""
    records, _ = merge_duplicates(list(read(arguments.inputs or default_inputs()).records)[::arguments.every])
    papers = [paper_of(record, "") for record in records]
    encoded, held = embeddings.embed(papers, cache_path(arguments),
                                     lambda: embeddings.model_encoder(progress=not arguments.quiet))
    print(f"{counted(encoded, 'paper')} embedded; {counted(held, 'paper')} in {cache_path(arguments)}")
    return 0


def cache_path(arguments: argparse.Namespace) -> Path:
    return arguments.embeddings or arguments.config.parent / embeddings.CACHE


def rules_of(arguments: argparse.Namespace) -> Rules:
    return load_rules(taxonomy=arguments.taxonomy, entities=arguments.entities, curation=arguments.curation,
                      config=arguments.config)


def byte_bar(path: Path, quiet: bool | None) -> Callable[[int], object]:
    """A progress bar over a file's bytes, for the readers that stream (the arXiv snapshot)."""
    return tqdm(total=path.stat().st_size, desc=path.name, unit="B", unit_scale=True, leave=False,
                disable=quiet).update


def day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write YYYY-MM-DD") from None


def count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return int(text)


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value < 86400:  # also refuses nan and inf
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds between 0 and a day")
    return value


def fetch(arguments: argparse.Namespace) -> int:
    """New papers from the sources asked for, into the data folder; then what each source gave and each file got."""
    searches_arxiv = bool(arguments.category or arguments.query)
    if (searches_arxiv and arguments.source != "arxiv") or (arguments.api_url and arguments.source is None):
        raise InputError("fetch", None, "--category and --query are for arxiv, --api-url for one source",
                         "name the source: fetch arxiv --category cs.CL ..., fetch hf --api-url URL ...")
    settings = fetch_settings.load_settings(arguments.data_dir / FETCH_SETTINGS)
    wanted = fetch_settings.sources(settings, arguments.source, fetching.today(), categories=tuple(arguments.category),
                                   query=arguments.query, since=arguments.since, until=arguments.until,
                                   api_url=arguments.api_url, file=arguments.data_dir / FETCH_SETTINGS)
    result = fetching.fetch(wanted, network(arguments, settings, [source.api_url for source in wanted]),
                            arguments.data_dir)
    for notice in result.notices if not arguments.quiet else ():
        print(f"warning: {notice}", file=sys.stderr)
    print("\n".join(result.report()))
    return 0


def resolve(arguments: argparse.Namespace) -> int:
    """The arXiv ids of the input papers without one, found by title, into the data folder's resolved.jsonl."""
    settings = fetch_settings.load_settings(arguments.data_dir / FETCH_SETTINGS)
    papers = resolving.unresolved_papers(read(arguments.inputs or default_inputs(arguments.data_dir)))
    api_url = fetch_settings.arxiv_api(settings, arguments.api_url)
    result = resolving.resolve(papers, network(arguments, settings, [api_url]), api_url, arguments.data_dir)
    if result.warning() and not arguments.quiet:
        print(f"warning: {result.warning()}", file=sys.stderr)
    print("\n".join(result.report()))
    return 0


def network(arguments: argparse.Namespace, settings: fetch_settings.FetchSettings, api_urls: list[str]) -> Client:
    return fetch_settings.client(settings, api_urls, contact=arguments.contact, delay=arguments.delay,
                                 max_requests=arguments.max_requests, timeout=arguments.timeout)


def summary(result: pipeline.Build, files: int, out: Path) -> str:
    stats, warnings, reading = result.stats, len(result.catalogue.warnings), result.reading
    extra = "".join([f" ({counted(reading.selected_away, 'snapshot paper')} outside --category/--since/--until)"
                     if reading.selected_away else "",
                     f"; {counted(reading.without_abstract, 'entry', 'entries')} without an abstract, kept"
                     if reading.without_abstract else ""])
    return (f"{counted(len(reading.records), 'paper')} read from {counted(files, 'file')}{extra}; "
            f"{counted(len(result.catalogue.papers), 'paper page')}; {counted(stats.files, 'file')} "
            f"({stats.written} written, {stats.removed} removed) in {out}; {counted(warnings, 'warning')}")


def evaluate(arguments: argparse.Namespace) -> int:
    """Print the evaluation tables (README, "Related papers and tags: measured"): each part whose files are given."""
    rules = rules_of(arguments)
    cache = embeddings.load(cache_path(arguments))
    result: dict = {}
    if arguments.labels is None:
        print("(seed scores skipped: no --labels given)\n")
    else:
        result["seed"] = evaluate_seed(arguments, rules, cache)
    areas = area_report(arguments.corpus, arguments.areas, rules.tags) if arguments.areas else None
    if areas is None:
        print(f"(area tags on the labelled sample skipped: {arguments.corpus or 'no --corpus given'}"
              f"{'' if arguments.areas else ', no --areas given'})\n")
    else:
        result["corpus_areas"] = areas
        print(f"Area tags on the labelled corpus sample: {areas['papers']} papers ({arguments.areas})\n")
        print(area_table([AreaFit(**fit) for fit in areas["areas"]]) + "\n")
    if not (arguments.corpus and arguments.corpus.is_file()):
        why = f"{arguments.corpus} is absent" if arguments.corpus else "no --corpus given"
        print(f"(corpus sample skipped: {why})")
    else:
        result |= evaluate_corpus(arguments, rules, cache)
    if arguments.json:
        arguments.json.write_text(dumps(result) + "\n", encoding="utf-8")
    return 0


def evaluate_seed(arguments: argparse.Namespace, rules: Rules, cache: embeddings.Embeddings | None) -> dict:
    """Related papers and tags of the inputs (the seed) against the hand-labelled groups."""
    papers, _ = describe(read(arguments.inputs or default_inputs()), rules.tags, rules.entities, rules.curation)
    primary, labels = load_groups(arguments.labels, {paper.slug for paper in papers})
    seed = seed_report(papers, primary, labels, cache.lookup(papers)[0] if cache else None)
    print(f"Seed: {seed['papers']} papers, {seed['labelled']} labelled in {seed['groups']} groups "
          f"({arguments.labels})\n")
    print(table([(name, Scores(**scores)) for name, scores in seed["configurations"]]) + "\n")
    print(tag_table([TagFit(**fit) for fit in seed["tags"]]) + "\n")
    return seed


def evaluate_corpus(arguments: argparse.Namespace, rules: Rules, cache: embeddings.Embeddings | None) -> dict:
    """On the corpus: related papers against arXiv categories, topics against the labelled areas and categories
    (with --areas), and the judged related set (with --judged)."""
    result: dict = {}
    corpus, _ = describe(corpus_sample(arguments.corpus, arguments.sample), rules.tags, rules.entities,
                         Curation(str(arguments.curation)))
    result["corpus"] = weak = corpus_report(corpus)
    print(f"Corpus sample: {weak['papers']} papers, {weak['labelled']} with a primary arXiv category as weak label\n")
    print(table([(name, Scores(**scores)) for name, scores in weak["configurations"]]) + "\n")
    if arguments.areas:
        labels = load_area_labels(arguments.areas)
        result["topics"] = topics = topic_report(corpus, labelled_papers(arguments.corpus, set(labels)), labels)
        print(f"Topics on the corpus sample with the labelled papers: {topics['papers']} papers, "
              f"{topics['labelled']} labelled with areas ({arguments.areas})\n")
        print(topic_table([TopicFit(**fit) for fit in topics["fits"]]) + "\n")
    if arguments.judged:
        result["judged"] = judged(arguments, rules.tags, rules.entities, cache)
    else:
        print("(judged related papers skipped: no --judged given)")
    return result


def judged(arguments: argparse.Namespace, taxonomy: tuple, entities: tuple,
           cache: embeddings.Embeddings | None) -> list[dict]:
    """The judged related set's table: each method's top 3 on the slice the judged pairs were drawn from."""
    papers, _ = describe(judged_slice(arguments.corpus), taxonomy, entities, Curation(str(arguments.curation)))
    grades = load_grades(arguments.judged)
    vectors, missing = cache.lookup(papers) if cache else (None, len(papers))
    print(f"Judged related papers: {counted(len({query for query, _ in grades}), 'query', 'queries')} of a "
          f"{len(papers):,}-paper slice (every {JUDGED_STEP}th record), {len(grades):,} pairs rated by reading "
          f"({arguments.judged}); top {TOP} per method\n")
    if missing:
        print(f"(embedding rows skipped: {missing:,} slice papers have no embedding in {cache_path(arguments)}; "
              f"python -m generator embed {arguments.corpus} --every {JUDGED_STEP})\n")
    rows = judged_report(papers, grades, vectors)
    print(judged_table(rows))
    return [row.__dict__ for row in rows]


def default_inputs(data: Path = DATA) -> list[Path]:
    """Every input file in data/ (listings, JSON Lines, snapshots, API responses, BibTeX), in name order, and
    after them the files fetch and resolve write: a paper in both keeps the title its curator's file gives it."""
    inputs = sorted((path for path in data.glob("*") if path.suffix.lower() in INPUT_SUFFIXES),
                    key=lambda path: (path.name in FETCHED_FILES, path.name))
    if not inputs:
        raise InputError(str(data), None, "no input files", "put a dump (.txt) or JSON Lines file (.jsonl) in data/, "
                         "or name the inputs on the command line")
    return inputs


def counted(number: int, noun: str, plural: str | None = None) -> str:
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"
