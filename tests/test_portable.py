"""The generator where the platform differs: no `resource` module (Windows), no peak-memory figures."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys

import generator.memory
from conftest import ROOT, make_project

WITHOUT_RESOURCE = ROOT / "tests" / "portable" / "without_resource"


def test_peak_memory_is_a_figure_where_resource_exists_and_none_where_not(monkeypatch):
    assert generator.memory.peak_mib() > 10
    monkeypatch.setitem(sys.modules, "resource", None)
    try:
        assert importlib.reload(generator.memory).peak_mib() is None
    finally:
        monkeypatch.undo()
        importlib.reload(generator.memory)


def without_resource(*arguments: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(WITHOUT_RESOURCE)}
    return subprocess.run([sys.executable, "-m", "generator", *arguments], cwd=ROOT, capture_output=True, text=True,
                          env=environment)


def test_without_resource_the_sitecustomize_blocks_it():
    result = subprocess.run([sys.executable, "-c", "import resource"], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(WITHOUT_RESOURCE)})
    assert result.returncode == 1 and "import of resource halted" in result.stderr


def test_build_runs_without_resource_and_leaves_the_memory_figures_out(tmp_path):
    project = make_project(tmp_path)
    timings = tmp_path / "timings.json"
    result = without_resource("build", "tests/golden/sample.txt", "--config", str(project / "mkdocs.yml"),
                              "--out", str(project / "site_src"), "--timings", str(timings))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("3 papers read from 1 file; 3 paper pages;")
    report = json.loads(timings.read_text(encoding="utf-8"))
    assert set(report["seconds"]) == {"read", "enrich", "related", "write"} and report["peak_mib"] == {}


def test_evaluate_runs_without_resource(tmp_path):
    result = without_resource("evaluate", "--corpus", str(tmp_path / "absent.jsonl"))
    assert result.returncode == 0, result.stderr
    assert "Seed: 73 papers, 64 labelled in 14 groups" in result.stdout


def test_make_stops_with_one_line_when_python_is_too_old(tmp_path):
    old_python = tmp_path / "python3.9"
    old_python.write_text("#!/bin/sh\necho 3.9.2\n", encoding="utf-8")  # what the check's one-liner prints there
    old_python.chmod(0o755)
    result = subprocess.run(["make", "-n", "site", f"PYTHON={old_python}", f"VENV={tmp_path / 'venv'}"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.endswith(": *** Python 3.11 or newer is needed; found 3.9.2 (set PYTHON=python3.11).  Stop.")
