"""Hostile and broken input: every case in tests/hostile/cases.yaml, its messages, and nothing lost."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, make_project
from generator import cli
from generator.write import tree as tree_module

HOSTILE = Path(__file__).resolve().parent / "hostile"
CASES = yaml.safe_load((HOSTILE / "cases.yaml").read_text(encoding="utf-8"))["cases"]


def snapshot(directory: Path) -> dict[str, str]:
    """Every file under a directory with a hash of its bytes and its modification time."""
    files = (path for path in sorted(directory.rglob("*")) if path.is_file())
    return {str(path.relative_to(directory)): f"{hashlib.sha256(path.read_bytes()).hexdigest()} "
                                               f"{path.stat().st_mtime_ns}" for path in files}


def build(project: Path, *inputs: str, capsys) -> tuple[int, list[str], str]:
    os.chdir(ROOT)
    code = cli.main(["build", *inputs, "--config", str(project / "mkdocs.yml"), "--out", str(project / "site_src"),
                     "--curation", str(project / "no-curation.yaml")])
    captured = capsys.readouterr()
    notes = ("note: related papers by shared words only",)  # no embedding cache here: tests/test_embeddings.py
    return code, [line for line in captured.err.splitlines() if not line.startswith(notes)], captured.out


@pytest.fixture
def project(tmp_path, capsys) -> Path:
    """A project whose site_src already holds a good build, which a failed run must leave as it is."""
    project = make_project(tmp_path)
    assert build(project, "tests/golden/sample.txt", capsys=capsys)[0] == 0
    return project


def test_every_case_file_is_in_the_matrix():
    assert sorted(CASES) == sorted(path.name for path in HOSTILE.iterdir() if path.name != "cases.yaml")


@pytest.mark.parametrize("name", sorted(CASES))
def test_case(name, project, capsys):
    case = CASES[name]
    before = snapshot(project / "site_src")
    code, stderr, _ = build(project, f"tests/hostile/{name}", capsys=capsys)
    assert code == case["exit"]
    prefix = f"tests/hostile/{name}"
    assert [line.split(": ", 1)[1].removeprefix(prefix) for line in stderr] == case["messages"]
    kinds = [line.split(": ", 1)[0] for line in stderr]
    assert kinds == ["warning"] * (len(kinds) - case["exit"]) + ["error"] * case["exit"]
    if case["exit"]:
        assert snapshot(project / "site_src") == before, "a failed run changed site_src"
        return
    papers = json.loads((project / "site_src" / "papers.json").read_text(encoding="utf-8"))["papers"]
    accounted = len(papers) + sum(1 for line in stderr if "; skipped" in line or "; merged" in line)
    assert (len(papers), accounted) == (case["papers"], case["records"])


def test_titles_with_markup_characters_reach_papers_json_verbatim(project, capsys):
    build(project, "tests/hostile/markup_in_titles.txt", capsys=capsys)
    titles = [paper["title"] for paper in json.loads((project / "site_src" / "papers.json").read_text())["papers"]]
    source = (HOSTILE / "markup_in_titles.txt").read_text(encoding="utf-8").split("\n\n")[0::2]
    assert sorted(titles) == sorted(source)


def test_a_write_that_fails_half_way_leaves_the_previous_tree(project, capsys, monkeypatch):
    before = snapshot(project / "site_src")
    written = []

    def failing_write(path: Path, data: bytes) -> int:
        if len(written) == 3:
            raise OSError(28, "No space left on device", str(path))
        written.append(path)
        return original(path, data)

    original = Path.write_bytes
    monkeypatch.setattr(Path, "write_bytes", failing_write)
    code, stderr, _ = build(project, "tests/hostile/markup_in_titles.txt", capsys=capsys)
    assert code == 1 and len(stderr) == 1
    assert stderr[0].startswith("error: ") and stderr[0].endswith(
        ": cannot write: No space left on device (check free disk space and permissions)")
    assert snapshot(project / "site_src") == before
    assert not list((project / "site_src").rglob("*.tmp"))
    assert tree_module.MANIFEST in before
