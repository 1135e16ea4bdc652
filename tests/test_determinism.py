"""Same input, byte-identical output, whatever the hash seed of the Python process."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT, SEED, make_project


def generate(project, seed: str) -> dict[str, bytes]:
    subprocess.run([sys.executable, "-m", "generator", "build", str(SEED), "tests/hostile/markup_in_titles.txt",
                    "--config", str(project / "mkdocs.yml"), "--out", str(project / "site_src"), "-q"],
                   cwd=ROOT, check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed})
    site_src = project / "site_src"
    return {str(path.relative_to(site_src)): path.read_bytes()
            for path in sorted(site_src.rglob("*")) if path.is_file()}


def test_two_builds_with_different_hash_seeds_are_byte_identical(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = generate(make_project(tmp_path / "a"), "1")
    second = generate(make_project(tmp_path / "b"), "2")
    assert len(first) > 100 and "papers.json" in first
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
