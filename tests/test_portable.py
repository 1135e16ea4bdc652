"""Where machines differ: no `resource` module (Windows), an old Python, a Chromium in another place or none."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import generator.memory
from conftest import ROOT, make_project
from support import NO_CHROMIUM, NoChromium, find_chromium

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
    assert set(report["seconds"]) == {"read", "enrich", "write"} and report["peak_mib"] == {}


def test_evaluate_runs_without_resource(tmp_path):
    result = without_resource("evaluate", "--labels", "tests/eval/seed_groups.yaml", "--corpus",
                              str(tmp_path / "absent.jsonl"))
    assert result.returncode == 0, result.stderr
    assert "Seed: 73 papers, 64 labelled in 14 groups" in result.stdout


def test_make_stops_with_one_line_when_python_is_too_old(tmp_path):
    old_python = tmp_path / "python3.9"
    old_python.write_text("#!/bin/sh\necho 3.9.2\n", encoding="utf-8")  # what the check's one-liner prints there
    old_python.chmod(0o755)
    outside_make = {key: value for key, value in os.environ.items() if key not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    result = subprocess.run(["make", "-n", "site", f"PYTHON={old_python}", f"VENV={tmp_path / 'venv'}"], cwd=ROOT,
                            capture_output=True, text=True, env=outside_make)  # as run by hand, even under make test
    assert result.returncode == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.endswith(": *** Python 3.11 or newer is needed; found 3.9.2 (set PYTHON=python3.11).  Stop.")


# Which Chromium the browser tests drive

def executable(path) -> str:
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    path.chmod(0o755)
    return str(path)


def test_the_chromium_variable_wins_over_debian_and_playwright(tmp_path):
    named, debian = executable(tmp_path / "chrome"), executable(tmp_path / "chromium")
    found = find_chromium({"CHROMIUM": named}, Path(debian), lambda: debian)
    assert found == named


def test_debian_chromium_then_playwright_chromium(tmp_path):
    debian, bundled = tmp_path / "chromium", executable(tmp_path / "chrome")
    assert find_chromium({}, debian, lambda: bundled) == bundled
    executable(debian)
    assert find_chromium({}, debian, lambda: bundled) == str(debian)


def test_no_chromium_anywhere_is_one_line_saying_how_to_get_one(tmp_path):
    nowhere = tmp_path / "absent"
    for playwright in (lambda: None, lambda: str(nowhere)):  # not installed; installed without its browser
        with pytest.raises(NoChromium) as missing:
            find_chromium({}, nowhere, playwright)
        assert str(missing.value) == NO_CHROMIUM
    assert NO_CHROMIUM == ("no Chromium found: install Debian's chromium, set CHROMIUM=/path/to/chrome, or run "
                           "`make test-nobrowser` (pytest -m 'not browser') for every test but the browser ones")


def test_a_chromium_variable_naming_no_file_says_so(tmp_path):
    with pytest.raises(NoChromium, match=r"^CHROMIUM=\S+absent is not a file: set CHROMIUM to a Chromium"):
        find_chromium({"CHROMIUM": str(tmp_path / "absent")}, Path("/usr/bin/chromium"), lambda: None)
