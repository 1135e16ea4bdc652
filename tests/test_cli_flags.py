"""The command line's --version, -q and -v, word for word (the flags a fork's curators and CI reach for first)."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import generator
from conftest import ROOT, make_project

SAMPLE = "tests/golden/sample.txt"


def generator_command(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *arguments], cwd=ROOT, capture_output=True, text=True)


def test_version_is_the_projects():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert generator.__version__ == project["version"]
    result = generator_command("--version")
    assert (result.returncode, result.stdout) == (0, f"python -m generator {project['version']}\n")


def build(project, *flags: str) -> subprocess.CompletedProcess:
    return generator_command("build", SAMPLE, "tests/inputs/two_titles_in_a_row.txt", "--config",
                             str(project / "mkdocs.yml"), "--out", str(project / "site_src"), *flags)


def test_quiet_prints_the_summary_and_no_warning(tmp_path):
    result = build(make_project(tmp_path), "-q")
    assert result.returncode == 0
    assert result.stdout.startswith("5 papers read from 2 files;") and result.stdout.endswith("; 1 warning\n")
    assert result.stderr == ""


def test_quiet_still_prints_errors(tmp_path):
    result = generator_command("build", "nope.txt", "-q", "--out", str(tmp_path / "out"))
    assert (result.returncode, result.stderr) == (
        1, "error: nope.txt: cannot read: No such file or directory (check the path)\n")


def test_verbose_prints_each_stage_time_as_it_ends(tmp_path):
    result = build(make_project(tmp_path), "-v")
    assert result.returncode == 0
    lines = result.stderr.splitlines()
    assert [line.split(":")[0] for line in lines[:3]] == ["read", "enrich", "write"]
    assert all(re.fullmatch(r"\w+: \d+\.\d\d s", line) for line in lines[:3]), lines
    assert lines[3].startswith("warning: tests/inputs/two_titles_in_a_row.txt:5:")


def test_evaluate_reads_no_labels_from_the_tests_unless_told():
    help_text = generator_command("evaluate", "--help").stdout
    assert "default: tests/" not in help_text and "--labels FILE" in help_text
    result = generator_command("evaluate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "(seed scores skipped: no --labels given)"
    assert "Seed:" not in result.stdout and "Area tags" not in result.stdout
