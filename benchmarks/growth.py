"""Growth benchmark: the cold build at 73, 5,000, 27,511 and 75,000 papers against the floor, in one run per size.

    .venv/bin/python -m benchmarks.growth                        # every size; writes benchmarks/growth.json
    .venv/bin/python -m benchmarks.growth --sizes 73,5000        # some sizes
    .venv/bin/python -m benchmarks.growth --table benchmarks/growth.json

Sizes up to the corpus read its first N records (../shared/corpus/papers.jsonl); larger sizes repeat the corpus,
each copy with distinct arXiv ids (the year of the id moved to 30 + copy) and titles (" (copy N)" appended), as
issue 15 asks. Per size, one command at a time, each measured by its own peak resident set (wait4):
the generator, `mkdocs build --strict`, and the search-index step (Pagefind above 500 papers); then the site's
bytes by kind of file, per paper; then the floor, `mkdocs build` of as many one-line Material pages.

A day's papers (above 73 papers, up to --incremental-up-to): the catalogue of the day before (the first N - 300
records, 10% below 3,000 papers) is built into a project, then the whole input is built again in that project,
which keeps its site_src/, site/ and ledger, as `make site` does in the Pages workflow's cache: that is the
incremental build. The cold build is the same input and the same ledger of the day before in a fresh project,
with the same SOURCE_DATE_EPOCH; the two sites are compared byte for byte.
The machine's load (uptime) is recorded before each size: the machine is shared, so the ratio to the floor
measured in the same run is the figure that counts.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.run import CORPUS, Run, floor_project, generate, measured
from generator.search_index import chosen_search
from tests.support import ROOT, SEED, make_project

SIZES = (73, 5000, 27511, 75000)
DAY = 300  # papers a day's build adds
FIRST_EPOCH, SECOND_EPOCH = "1796083200", "1796169600"  # 2026-12-01 and the day after, as SOURCE_DATE_EPOCH
RESULTS = ROOT / "benchmarks" / "growth.json"
# Kinds of file under site/, by the first matching rule on the path relative to site/.
KINDS = (("paper pages", lambda path: path.startswith("papers/") and path.endswith("/index.html")
          and not path.startswith("papers/page/") and path != "papers/index.html"),
         ("papers.json", lambda path: path == "papers.json"),
         ("search index", lambda path: path.startswith(("pagefind/", "search/"))),
         ("index", lambda path: path.startswith("papers/")),
         ("tag pages", lambda path: path.startswith("tags/")),
         ("entity pages", lambda path: path.startswith("entities/")),
         ("feeds", lambda path: path.startswith("feeds/") or path == "feed.xml"),
         ("exports (BibTeX, papers.jsonl.gz)", lambda path: path.startswith("exports/")),
         ("theme and other", lambda path: True))


def inputs_for(size: int, where: Path, corpus_file: Path = CORPUS) -> list[Path]:
    """The seed, the corpus's first `size` records, or the corpus repeated with distinct ids and titles."""
    if size == 73:
        return [SEED]
    subset = where / f"papers-{size}.jsonl"
    corpus = corpus_file.read_text(encoding="utf-8").splitlines()
    with subset.open("w", encoding="utf-8") as out:
        for number in range(size):
            copy, line = divmod(number, len(corpus))
            out.write((synthetic(json.loads(corpus[line]), copy) if copy else corpus[line]) + "\n")
    return [subset]


def synthetic(record: dict, copy: int) -> str:
    """A copy of a corpus record with its own arXiv id and title."""
    if record.get("id"):
        record["id"] = f"{30 + copy}{record['id'][2:]}"
    record["title"] = f"{record['title']} (copy {copy})"
    return json.dumps(record, ensure_ascii=False)


def bytes_by_kind(site: Path) -> dict[str, int]:
    sizes = dict.fromkeys((kind for kind, _ in KINDS), 0)
    for path in site.rglob("*"):
        if path.is_file():
            relative = path.relative_to(site).as_posix()
            sizes[next(kind for kind, rule in KINDS if rule(relative))] += path.stat().st_size
    return sizes


def site_build(project: Path, inputs: list[Path], work: Path, epoch: str) -> dict[str, Run]:
    """`make site`'s three steps in `project`, each measured: generator, mkdocs build, search index."""
    generator = generate(project, inputs, work / "timings.json", SOURCE_DATE_EPOCH=epoch)
    search = chosen_search(project / "site_src")
    build = measured([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml")],
                     cwd=project, CATALOGUE_SEARCH=search, SOURCE_DATE_EPOCH=epoch)
    index = measured([sys.executable, "-m", "generator", "search-index", str(project / "site"),
                      "--docs", str(project / "site_src")], cwd=ROOT, SOURCE_DATE_EPOCH=epoch)
    return {"generator": generator, "mkdocs": build, "search": index}


def seconds(runs: dict[str, Run]) -> float:
    return round(sum(run.seconds for run in runs.values()), 2)


def files_of_both(one: Path, other: Path) -> list[str]:
    """The paths of the files under either folder, relative to it, sorted."""
    return sorted({path.relative_to(folder).as_posix() for folder in (one, other)
                   for path in folder.rglob("*") if path.is_file()})


def differences(one: Path, other: Path) -> list[str]:
    """Files present in one site only, or with other bytes."""
    return [name for name in files_of_both(one, other) if not (one / name).is_file() or not (other / name).is_file()
            or (one / name).read_bytes() != (other / name).read_bytes()]


# Kinds of page under site_src/ for the profile of what a day's papers change.
DOC_KINDS = (("paper pages", lambda path: path.startswith("papers/") and path.count("/") == 1
              and path != "papers/index.md"),
             ("index pages", lambda path: path.startswith("papers/") or path in ("index.md", "new.md")),
             ("tag pages", lambda path: path.startswith("tags/")),
             ("entity pages", lambda path: path.startswith("entities/")),
             ("topic pages", lambda path: path.startswith("topics/")),
             ("feeds", lambda path: path.startswith("feeds/") or path == "feed.xml"),
             ("other", lambda path: True))
SECTION = re.compile(r'(?=<h2 [^>]*?(?:id="([a-z-]+)"|class="paper-abstract-heading"))')


def docs_changes(before: Path, after: Path) -> dict:
    """What a day's papers change in the docs_dir, which decides how much an incremental build can skip: files by
    kind (new, changed, unchanged, gone), and for the paper pages that changed, how many differ in each section
    (the part above the abstract is "head"; "abstract" covers what follows it up to the next heading)."""
    kinds: dict[str, dict[str, int]] = {}
    sections: dict[str, int] = {}
    for name in files_of_both(before, after):
        kind = next(kind for kind, rule in DOC_KINDS if rule(name))
        old, new = before / name, after / name
        state = ("new" if not old.is_file() else "gone" if not new.is_file()
                 else "unchanged" if old.read_bytes() == new.read_bytes() else "changed")
        counts = kinds.setdefault(kind, {"new": 0, "changed": 0, "unchanged": 0, "gone": 0})
        counts[state] += 1
        if kind == "paper pages" and state == "changed":
            one, other = (dict(paper_sections(path.read_text(encoding="utf-8"))) for path in (old, new))
            for section in sorted(set(one) | set(other)):
                if one.get(section) != other.get(section):
                    sections[section] = sections.get(section, 0) + 1
    return {"files": kinds, "paper_sections_changed": sections}


def paper_sections(page: str) -> list[tuple[str, str]]:
    """A paper page's sections by the id of their heading: its head (front matter, title, facts), its abstract, then
    links, mentions, topic, related papers and cite."""
    parts = SECTION.split(page)
    named = [("head", parts[0])]
    for index in range(1, len(parts) - 1, 2):
        named.append((parts[index] or "abstract", parts[index + 1]))
    return named


def benchmark(size: int, work: Path, corpus: Path = CORPUS, incremental: bool = True) -> dict:
    load = os.getloadavg()
    print(f"== {size} papers (load {load[0]:.1f})", flush=True)
    inputs = [work / "papers.jsonl"] if size > 73 else [SEED]
    row: dict = {"papers": size, "load": [round(value, 1) for value in load]}
    cold = make_project(work / "cold")
    if incremental and size > 73:
        added = min(DAY, size // 10)
        shutil.copy(inputs_for(size - added, work, corpus)[0], inputs[0])
        day = make_project(work / "day")
        site_build(day, inputs, work, FIRST_EPOCH)
        (cold / "data").mkdir(exist_ok=True)
        shutil.copy(day / "data" / "ledger.tsv", cold / "data" / "ledger.tsv")
        shutil.copy(inputs_for(size, work, corpus)[0], inputs[0])
        shutil.copytree(day / "site_src", work / "day-before")
        again = site_build(day, inputs, work, SECOND_EPOCH)
        row |= {"added": added, "incremental_s": seconds(again),
                "incremental_parts_s": {step: run.seconds for step, run in again.items()},
                "docs_changes": docs_changes(work / "day-before", day / "site_src")}
        shutil.rmtree(work / "day-before")
    elif size > 73:
        shutil.copy(inputs_for(size, work, corpus)[0], inputs[0])
    runs = site_build(cold, inputs, work, SECOND_EPOCH)
    search = chosen_search(cold / "site_src")
    kinds = bytes_by_kind(cold / "site")
    if "added" in row:
        row["differences"] = differences(day / "site", cold / "site")
        shutil.rmtree(day)
    shutil.rmtree(cold)
    floor_dir = floor_project(work / "floor", size)
    floor = measured([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(floor_dir / "mkdocs.yml")],
                     cwd=floor_dir)
    whole = seconds(runs)
    row |= {"search": search,
            "generator_s": runs["generator"].seconds, "generator_peak_mib": runs["generator"].peak_mib,
            "mkdocs_s": runs["mkdocs"].seconds, "mkdocs_peak_mib": runs["mkdocs"].peak_mib,
            "search_index_s": runs["search"].seconds, "search_index_peak_mib": runs["search"].peak_mib,
            "site_bytes": sum(kinds.values()), "bytes_by_kind": kinds,
            "floor_s": floor.seconds, "floor_peak_mib": floor.peak_mib, "whole_s": whole,
            "whole_vs_floor": round(whole / floor.seconds, 2)}
    print(json.dumps(row), flush=True)
    return row


def per_paper(row: dict, amount: int) -> str:
    return f"{amount / row['papers']:,.0f}"


TABLE = [  # (heading, how to show a row's value)
    ("load average (1 / 5 / 15 min) at start", lambda row: " / ".join(map(str, row["load"]))),
    ("site MB (bytes per paper)", lambda row: f"{row['site_bytes'] / 1e6:,.1f} ({per_paper(row, row['site_bytes'])})"),
    *[(f"bytes per paper: {kind}", lambda row, kind=kind: per_paper(row, row["bytes_by_kind"][kind]))
      for kind, _ in KINDS],
    ("generator s / peak MiB", lambda row: f"{row['generator_s']} / {row['generator_peak_mib']:.0f}"),
    ("mkdocs build s / peak MiB", lambda row: f"{row['mkdocs_s']} / {row['mkdocs_peak_mib']:.0f}"),
    ("search index s / peak MiB", lambda row: f"{row['search_index_s']} / {row['search_index_peak_mib']:.0f} "
                                              f"({row['search']})"),
    ("cold build s (sum of the three)", lambda row: f"{row['whole_s']}"),
    ("floor s / peak MiB", lambda row: f"{row['floor_s']} / {row['floor_peak_mib']:.0f}"),
    ("cold build / floor", lambda row: f"{row['whole_vs_floor']}x"),
    ("a day's papers: added, incremental build s (generator + mkdocs + search)",
     lambda row: f"{row['added']}: {row['incremental_s']} ({' + '.join(map(str, row['incremental_parts_s'].values()))})"
     if "added" in row else "not measured"),
    ("incremental / cold", lambda row: f"{row['incremental_s'] / row['whole_s']:.2f}" if "added" in row else "–"),
    ("docs a day's papers change: changed of the day before's, by kind", lambda row: changes_line(row)),
    ("changed paper pages, by the section that differs",
     lambda row: ", ".join(f"{section} {count:,}" for section, count in sorted(
         row["docs_changes"]["paper_sections_changed"].items(), key=lambda item: -item[1]))
     if "docs_changes" in row else "–"),
    ("incremental site = cold site, byte for byte",
     lambda row: ("yes" if not row["differences"] else f"no: {len(row['differences'])} files differ")
     if "added" in row else "–"),
]


def changes_line(row: dict) -> str:
    if "docs_changes" not in row:
        return "–"
    return "; ".join(f"{kind} {counts['changed']:,} of {counts['changed'] + counts['unchanged'] + counts['gone']:,}"
                     for kind, counts in row["docs_changes"]["files"].items())


def markdown_table(rows: list[dict]) -> str:
    lines = ["| | " + " | ".join(f"{row['papers']:,} papers" for row in rows) + " |", "|---|" + "---|" * len(rows)]
    lines += [f"| {heading} | " + " | ".join(show(row) for row in rows) + " |" for heading, show in TABLE]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated paper counts")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write the results (JSON)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=f"the corpus (default: {CORPUS})")
    parser.add_argument("--incremental-up-to", type=int, default=27511, metavar="PAPERS",
                        help="measure a day's papers (incremental build and byte identity) up to this size")
    parser.add_argument("--table", type=Path, metavar="RESULTS", help="print the table of a results file and stop")
    arguments = parser.parse_args()
    if arguments.table:
        print(markdown_table(json.loads(arguments.table.read_text(encoding="utf-8"))["rows"]))
        return
    sizes = [int(size) for size in arguments.sizes.split(",")]
    if any(size > 73 for size in sizes) and not arguments.corpus.is_file():
        raise SystemExit(f"{arguments.corpus} is absent: give --corpus, or only --sizes 73")
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"growth-{size}-") as work:
            rows.append(benchmark(size, Path(work), arguments.corpus, size <= arguments.incremental_up_to))
        arguments.out.write_text(json.dumps({"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                                             "cpus": os.cpu_count(), "rows": rows}, indent=1) + "\n", encoding="utf-8")
    print(markdown_table(rows))


if __name__ == "__main__":
    main()
