"""The command line, word for word: exit codes, the summary, errors, and what it owns on disk."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

from conftest import INPUTS, ROOT, make_project, run_generator

SAMPLE = "tests/golden/sample.txt"


def test_help():
    for args in (["--help"], ["build", "--help"]):
        result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0 and result.stdout.startswith("usage: python -m generator")
    assert "--out DIR" in result.stdout and "INPUT" in result.stdout


def test_summary_line_and_warnings(tmp_path):
    project = make_project(tmp_path)
    result = run_generator(project, SAMPLE, INPUTS / "two_titles_in_a_row.txt")
    out = project / "site_src"
    assert result.stdout == (f"5 papers read from 2 files; 5 paper pages; 41 files (41 written, 0 removed) "
                             f"in {out}; 1 warning\n")
    assert result.stderr == ('warning: tests/inputs/two_titles_in_a_row.txt:5: "WavPre: Self-Supervised Speech '
                             'Pre-Training at Scale" is followed by another title, not by an abstract; skipped '
                             "(a title must be followed by its abstract paragraph; is one of them an abstract?)\n")


def test_a_missing_input_is_one_line_and_exit_1(tmp_path):
    project = make_project(tmp_path)
    result = run_generator(project, "nope.txt", check=False)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "error: nope.txt: cannot read: No such file or directory (check the path)\n"
    assert not (project / "site_src" / "index.md").exists()


def test_an_input_without_papers_is_exit_1_and_writes_nothing(tmp_path):
    project = make_project(tmp_path)
    furniture = tmp_path / "furniture.txt"
    furniture.write_text("new\n\nSubscribe\n")
    result = run_generator(project, furniture, check=False)
    assert result.returncode == 1
    assert result.stderr == (f"error: {furniture}: no papers found "
                             "(a paper is a title line followed by its abstract paragraph)\n")
    assert sorted(p.name for p in (project / "site_src").iterdir()) == ["stylesheets"]


def test_a_second_run_writes_nothing_and_a_paper_that_left_leaves_a_removal_page(tmp_path):
    project = make_project(tmp_path)
    run_generator(project, SAMPLE)
    assert "(0 written, 0 removed)" in run_generator(project, SAMPLE).stdout
    two = tmp_path / "two.txt"
    two.write_text("\n\n".join((INPUTS.parent / "golden" / "sample.txt").read_text().split("\n\n")[:5]) + "\n")
    result = run_generator(project, two)
    assert result.stdout.startswith("2 papers read") and "removed)" in result.stdout
    pages = sorted(p.name for p in (project / "site_src" / "papers").iterdir())
    slugs = [paper["slug"] for paper in json.loads((project / "site_src" / "papers.json").read_text())["papers"]]
    ledger = (project / "data" / "ledger.tsv").read_text().splitlines()
    retired = [line.split("\t")[1] for line in ledger if line.split("\t")[4] == "retired"]
    assert len(slugs) == 2 and len(retired) == 1
    assert pages == sorted(["index.md", "index.json", *(f"{slug}.md" for slug in slugs + retired)])
    assert "Removed from the catalogue" in (project / "site_src" / "papers" / f"{retired[0]}.md").read_text()
    manifest = json.loads((project / "site_src" / ".generated-files.json").read_text())
    assert all((project / "site_src" / path).is_file() for path in manifest)


def test_hand_written_files_are_kept_and_never_overwritten(tmp_path):
    project = make_project(tmp_path)
    about = project / "site_src" / "about.md"
    about.write_text("# About\n")
    run_generator(project, SAMPLE)
    run_generator(project, SAMPLE)
    assert about.read_text() == "# About\n"
    assert (project / "site_src" / "stylesheets" / "catalogue.css").is_file()

    (tmp_path / "fresh").mkdir()
    fresh = make_project(tmp_path / "fresh")
    (fresh / "site_src" / "index.md").write_text("# My own home page\n")
    result = run_generator(fresh, SAMPLE, check=False)
    assert result.returncode == 1
    assert result.stderr == (f"error: {fresh / 'site_src' / 'index.md'}: exists and was not written by the generator; "
                             "not overwritten (move or rename the hand-written file, or delete it to let the "
                             "generator own it)\n")
    assert (fresh / "site_src" / "index.md").read_text() == "# My own home page\n"
    assert not (fresh / "site_src" / "papers").exists()


def test_no_path_of_the_build_machine_reaches_the_site(tmp_path):
    """An input outside the project is named by its file name alone, on pages and in papers.json."""
    outside = tmp_path / "home" / "curator" / "private-folder"
    outside.mkdir(parents=True)
    dump = outside / "my-listing.txt"
    dump.write_text((INPUTS / "wrapped_abstract.txt").read_text(encoding="utf-8"), encoding="utf-8")
    project = make_project(tmp_path / "project")
    run_generator(project, dump)
    generated = [(gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()).decode("utf-8")
                 for path in (project / "site_src").rglob("*") if path.is_file()]
    assert not any(str(outside) in text or "private-folder" in text for text in generated)
    assert any("Read from my-listing.txt, line" in text for text in generated)


def test_every_module_imports_on_its_own():
    """An import cycle hides when modules are imported in a lucky order: each module first, the project's modules
    forgotten between imports (libraries stay loaded). enrich/maps.py once read formulas from write/, whose package
    imports maps: importing maps first failed."""
    modules = sorted(".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
                     for path in (ROOT / "generator").rglob("*.py") if path.name != "__main__.py")
    script = ("import importlib, sys\n"
              "for name in sys.argv[1:]:\n"
              "    for loaded in [loaded for loaded in sys.modules if loaded.startswith('generator')]:\n"
              "        del sys.modules[loaded]\n"
              "    try:\n"
              "        importlib.import_module(name)\n"
              "    except ImportError as error:\n"
              "        print(name, error)\n")
    run = subprocess.run([sys.executable, "-c", script, *modules], cwd=ROOT, capture_output=True, text=True, check=True)
    assert len(modules) > 40 and run.stdout == ""
