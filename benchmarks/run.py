"""Benchmarks: the generator and the site at 73, 1,000, 5,000 and 27,511 papers, against two baselines.

Run from the project root with the test dependencies installed (`make test` installs them):

    .venv/bin/python -m benchmarks.run                      # every size; writes benchmarks/results.json
    .venv/bin/python -m benchmarks.run --sizes 73,1000      # some sizes

Sizes above 73 read the first N records of ../shared/corpus/papers.jsonl (never copied into the
project); they are skipped, with a message, when the corpus is absent. Each size is measured in
one run, on the same machine, one command at a time:

- generator: wall time and peak memory, in total and by stage (--timings), of the median of 3 builds
  from scratch;
- mkdocs build --strict: wall time and peak memory (the Pagefind indexing of big sites included);
- the site: size, files, largest HTML page;
- search in headless Chromium: bytes downloaded for search before the first result, and the time
  from typing a query to the first result (median of 5 visits, each with an empty cache);
- a re-run with the same input, and with one paper added: time and files rewritten;
- baselines: the naive build (the same pages with every paper in nav, up to 1,000 papers) and the
  floor (mkdocs build with Material of as many minimal pages, search plugin only, papers out of nav).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from generator.search_index import chosen_search
from tests.support import CHROMIUM_ARGS, ROOT, SEED, find_chromium, make_project, serve

CORPUS = ROOT.parent / "shared" / "corpus" / "papers.jsonl"
SIZES = (73, 1000, 5000, 27511)
NAIVE_MAX = 1000
SEARCH_TRIALS = 5
GENERATOR_TRIALS = 3
RESULTS = ROOT / "benchmarks" / "results.json"
GNU_TIME = "/usr/bin/time"  # Debian package `time`
EXTRA_PAPER = {"id": "2612.99999", "title": "An Extra Paper Added for the Incremental Benchmark",
               "abstract": "We add one paper to a large catalogue. "
                           "Only the pages whose bytes change are written again.",
               "authors": ["A. Benchmark"], "date": "2026-12-01", "categories": ["cs.LG"]}


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float
    output: str


def measured(command: list[str], cwd: Path, **environment: str) -> Run:
    """Wall time and peak resident memory of one command. Linux keeps a process's peak across fork and exec, so a
    child of this (large) process would report at least this process's own size: where GNU time is installed, it
    stands between them and reports the command's own peak; else the peak comes from wait4."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as peak_file:
        timed = [GNU_TIME, "-f", "%M", "-o", peak_file.name, *command] if Path(GNU_TIME).is_file() else command
        started = time.perf_counter()
        process = subprocess.Popen(timed, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **environment})
        output = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{output[-3000:]}")
        peak_kib = int(peak_file.read().split()[-1]) if timed is not command else usage.ru_maxrss
    return Run(round(seconds, 2), round(peak_kib / 1024, 1), output)


def generate(project: Path, inputs: list[Path], timings: Path, **environment: str) -> Run:
    return measured([sys.executable, "-m", "generator", "build", *map(str, inputs),
                     "--config", str(project / "mkdocs.yml"),
                     "--out", str(project / "site_src"), "--timings", str(timings), "-q",
                     *([] if inputs == [SEED] else ["--curation", str(project / "no-curation.yaml")])], cwd=ROOT,
                    **environment)


def mkdocs_build(project: Path, config: str = "mkdocs.yml") -> Run:
    """`mkdocs build` told the generator's search choice, then the search-index step (Pagefind ran inside the
    MkDocs hook before, so the sum keeps the figures comparable with earlier results)."""
    search = chosen_search(project / "site_src")
    build = measured([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / config)],
                     cwd=project, CATALOGUE_SEARCH=search)
    index = measured([sys.executable, "-m", "generator", "search-index", str(project / "site"),
                      "--docs", str(project / "site_src")], cwd=ROOT)
    return Run(round(build.seconds + index.seconds, 2), max(build.peak_mib, index.peak_mib), build.output)


def site_stats(site: Path) -> dict:
    files = [path for path in site.rglob("*") if path.is_file()]
    pages = [path for path in files if path.suffix == ".html"]
    largest = max(pages, key=lambda path: path.stat().st_size)
    return {"site_mib": round(sum(path.stat().st_size for path in files) / 2**20, 1), "files": len(files),
            "html_pages": len(pages), "largest_html_kib": round(largest.stat().st_size / 1024, 1),
            "largest_html": largest.relative_to(site).as_posix()}


def search_in_chromium(site: Path, query: str, expected_url: str) -> dict:
    """Bytes fetched for search from page load to the first result, and the time from typing to it: the median
    of SEARCH_TRIALS visits, each in a fresh browser context (empty cache, search loaded anew)."""
    from playwright.sync_api import sync_playwright

    url, server = serve(site)
    timings, visits = [], []
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
            for _ in range(SEARCH_TRIALS):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                fetched: list[tuple[str, int]] = []
                page.on("requestfinished", lambda request, fetched=fetched:
                        fetched.append((request.url, request.sizes()["responseBodySize"])))
                page.goto(url, wait_until="networkidle")
                page.locator("input.md-search__input").click()
                started = time.perf_counter()
                page.keyboard.type(query)
                page.locator(".md-search-result__item").first.wait_for(timeout=60_000)
                timings.append(time.perf_counter() - started)
                # In one call: the list re-renders as results arrive, so items read one by one can vanish.
                hrefs = page.eval_on_selector_all(".md-search-result__item > a",
                                                  "links => links.map(a => a.getAttribute('href'))")
                visits.append((fetched, hrefs))
                context.close()
            browser.close()
    finally:
        server.shutdown()
    fetched, hrefs = visits[0]
    searching = [(address, size) for address, size in fetched
                 if "/search/" in address or "/pagefind/" in address or "workers/search" in address]
    rank = next((index + 1 for index, href in enumerate(hrefs) if href.split("?")[0].endswith(expected_url)), None)
    return {"search_kib": round(sum(size for _, size in searching) / 1024, 1), "search_requests": len(searching),
            "first_result_ms": round(statistics.median(timings) * 1000),
            "first_result_ms_trials": [round(seconds * 1000) for seconds in timings], "query": query,
            "expected_rank": rank}


def floor_project(where: Path, count: int) -> Path:
    """As many minimal pages as papers, built by Material with its search plugin only, out of nav."""
    docs = where / "docs"
    (docs / "papers").mkdir(parents=True)
    (docs / "index.md").write_text("# Floor\n\nMinimal pages.\n", encoding="utf-8")
    for number in range(count):
        (docs / "papers" / f"p{number}.md").write_text(f"# Paper {number}\n\nA minimal page.\n", encoding="utf-8")
    (where / "mkdocs.yml").write_text(
        "site_name: Floor\ndocs_dir: docs\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n"
        "nav:\n  - index.md\nnot_in_nav: |\n  /papers/\n", encoding="utf-8")
    return where


def naive_config(project: Path) -> str:
    """The same generated pages with every paper in nav: MkDocs' quadratic case."""
    papers = json.loads((project / "site_src" / "papers.json").read_text(encoding="utf-8"))["papers"]
    nav = ["  - Home: index.md", "  - All papers: papers/index.md", "  - Tags: tags/index.md", "  - Papers:"]
    nav += [f"    - papers/{paper['slug']}.md" for paper in papers]
    (project / "mkdocs-naive.yml").write_text("INHERIT: mkdocs.yml\nnav:\n" + "\n".join(nav) + "\n", encoding="utf-8")
    return "mkdocs-naive.yml"


def inputs_for(size: int, where: Path) -> list[Path]:
    if size == 73:
        return [SEED]
    subset = where / f"papers-{size}.jsonl"
    with CORPUS.open(encoding="utf-8") as corpus, subset.open("w", encoding="utf-8") as out:
        for _, line in zip(range(size), corpus, strict=False):  # the first `size` lines
            out.write(line)
    return [subset]


def query_for(project: Path) -> tuple[str, str]:
    """A query a reader would type: the longest word of the title of the paper in the middle of the catalogue."""
    papers = json.loads((project / "site_src" / "papers.json").read_text(encoding="utf-8"))["papers"]
    paper = papers[len(papers) // 2]
    words = [word.strip(":,.()?!") for word in paper["title"].split()]
    return max(words, key=len), paper["url"]


def benchmark(size: int, work: Path) -> dict:
    print(f"== {size} papers", flush=True)
    inputs = inputs_for(size, work)
    timings = work / "timings.json"
    trials = []  # (run, stages): each a build from scratch into a new project; the last project is kept
    for _ in range(GENERATOR_TRIALS):
        shutil.rmtree(work / "project", ignore_errors=True)
        project = make_project(work / "project")
        trials.append((generate(project, inputs, timings), json.loads(timings.read_text())))
    generator, stages = sorted(trials, key=lambda pair: pair[0].seconds)[len(trials) // 2]
    build = mkdocs_build(project)
    row = {"papers": size, "generator_s": generator.seconds, "generator_peak_mib": generator.peak_mib,
           "generator_s_trials": [run.seconds for run, _ in trials],
           "stages_s": stages["seconds"], "stages_peak_mib": stages["peak_mib"],
           "mkdocs_s": build.seconds, "mkdocs_peak_mib": build.peak_mib,
           "search_engine": json.loads((project / "site_src" / ".catalogue-build.json").read_text())["search"],
           **site_stats(project / "site")}
    query, url = query_for(project)
    row |= search_in_chromium(project / "site", query, url)
    again = generate(project, inputs, timings)
    row["rerun_s"], row["rerun_written"] = again.seconds, _written(again.output)
    extra = work / "extra.jsonl"
    extra.write_text(json.dumps(EXTRA_PAPER) + "\n", encoding="utf-8")
    added = generate(project, [*inputs, extra], timings)
    row["one_more_s"], row["one_more_written"] = added.seconds, _written(added.output)
    row["one_more_files"] = _files(added.output)
    if size <= NAIVE_MAX:
        generate(project, inputs, timings)
        naive = mkdocs_build(project, naive_config(project))
        row["naive_mkdocs_s"], row["naive_mkdocs_peak_mib"] = naive.seconds, naive.peak_mib
        row["naive_site_mib"] = site_stats(project / "site")["site_mib"]
    floor = mkdocs_build(floor_project(work / "floor", size))
    row["floor_mkdocs_s"], row["floor_mkdocs_peak_mib"] = floor.seconds, floor.peak_mib
    row["floor_site_mib"] = site_stats(work / "floor" / "site")["site_mib"]
    row["build_vs_floor"] = round((row["generator_s"] + row["mkdocs_s"]) / row["floor_mkdocs_s"], 2)
    if "naive_mkdocs_s" in row:
        row["build_vs_naive"] = round((row["generator_s"] + row["mkdocs_s"]) / row["naive_mkdocs_s"], 2)
    print(json.dumps(row), flush=True)
    return row


def _written(summary: str) -> int:
    return int(summary.split(" written")[0].rsplit("(", 1)[1].replace(",", ""))


def _files(summary: str) -> int:
    return int(summary.split(" files (")[0].rsplit("; ", 1)[1].replace(",", ""))


TABLE = [  # (heading, how to show a row's value)
    ("papers", lambda row: f"{row['papers']:,}"),
    ("generator s, median of 3 (read / enrich / write)", lambda row: f"{row['generator_s']} "
     f"({' / '.join(str(row['stages_s'][stage]) for stage in ('read', 'enrich', 'write'))})"),
    ("generator peak MiB", lambda row: f"{row['generator_peak_mib']:.0f}"),
    ("mkdocs s", lambda row: f"{row['mkdocs_s']}"),
    ("mkdocs peak MiB", lambda row: f"{row['mkdocs_peak_mib']:.0f}"),
    ("site MiB (files)", lambda row: f"{row['site_mib']} ({row['files']:,})"),
    ("largest HTML KiB", lambda row: f"{row['largest_html_kib']} ({row['largest_html']})"),
    ("search", lambda row: row["search_engine"]),
    ("search KiB before 1st result", lambda row: f"{row['search_kib']} ({row['search_requests']} requests)"),
    ("typing to 1st result ms (median of 5; slowest)", lambda row: f"{row['first_result_ms']}"
     + (f" ({max(row['first_result_ms_trials'])})" if "first_result_ms_trials" in row else "")),
    ("re-run s (files written)", lambda row: f"{row['rerun_s']} ({row['rerun_written']})"),
    ("one paper added s (files written)",
     lambda row: f"{row['one_more_s']} ({row['one_more_written']:,} of {row['one_more_files']:,})"),
    ("naive mkdocs s / peak MiB / site MiB",
     lambda row: f"{row['naive_mkdocs_s']} / {row['naive_mkdocs_peak_mib']:.0f} / {row['naive_site_mib']}"
     if "naive_mkdocs_s" in row else "not run (over 1,000)"),
    ("floor mkdocs s / peak MiB / site MiB",
     lambda row: f"{row['floor_mkdocs_s']} / {row['floor_mkdocs_peak_mib']:.0f} / {row['floor_site_mib']}"),
    ("whole build / floor", lambda row: f"{row['build_vs_floor']}x"),
    ("whole build / naive", lambda row: f"{row['build_vs_naive']}x" if "build_vs_naive" in row else "n/a"),
]


def markdown_table(rows: list[dict]) -> str:
    """The results as a Markdown table, one column per size."""
    lines = ["| | " + " | ".join(f"{row['papers']:,} papers" for row in rows) + " |",
             "|---|" + "---|" * len(rows)]
    lines += [f"| {heading} | " + " | ".join(show(row) for row in rows) + " |" for heading, show in TABLE[1:]]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated paper counts")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write the results (JSON)")
    parser.add_argument("--table", type=Path, metavar="RESULTS",
                        help="print the Markdown table of a results file and stop")
    arguments = parser.parse_args()
    if arguments.table:
        print(markdown_table(json.loads(arguments.table.read_text(encoding="utf-8"))["rows"]))
        return
    sizes = [int(size) for size in arguments.sizes.split(",")]
    if any(size > 73 for size in sizes) and not CORPUS.is_file():
        print(f"skipping sizes above 73: {CORPUS} is absent")
        sizes = [size for size in sizes if size <= 73]
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-{size}-") as work:
            rows.append(benchmark(size, Path(work)))
    machine = {"cpus": os.cpu_count(), "python": sys.version.split()[0],
               "date": time.strftime("%Y-%m-%d")}
    arguments.out.write_text(json.dumps({"machine": machine, "rows": rows}, indent=1) + "\n", encoding="utf-8")
    print(markdown_table(rows))
    print(f"wrote {arguments.out}")


if __name__ == "__main__":
    main()
