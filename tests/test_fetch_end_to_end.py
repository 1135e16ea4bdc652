"""Papers arrive by themselves (issue 14), as a fork would run it: fetch arXiv and Hugging Face, resolve the seed's
titles, build and publish; fetch again and nothing changes; a failing server changes nothing either.

The commands run as processes in a copy of the project with its own data/, against recorded answers on 127.0.0.1.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from apis import Answer, files, in_turn, recorded_world, serving
from conftest import ROOT, make_project, run_mkdocs


def apis(route=None):
    return serving(route or recorded_world())


def run(project, *arguments: str) -> subprocess.CompletedProcess:
    """`python -m generator ...` in the project, as a fork's workflow runs it."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "NO_PROXY": "127.0.0.1"}
    return subprocess.run([sys.executable, "-m", "generator", *arguments], cwd=project, capture_output=True, text=True,
                          env=environment, timeout=300)


@pytest.fixture
def project(tmp_path):
    project = make_project(tmp_path / "project")
    shutil.copytree(ROOT / "data", project / "data")
    return project


def fetch_everything(project, url: str) -> list[subprocess.CompletedProcess]:
    fast = ("--delay", "0.01")
    return [run(project, "fetch", "arxiv", "--category", "cs.CL", "--since", "2026-02-27", "--until", "2026-02-27",
                "--api-url", url + "api/query", *fast),
            run(project, "fetch", "hf", "--since", "2026-02-09", "--until", "2026-02-11",
                "--api-url", url + "api/daily_papers", *fast),
            run(project, "resolve", "--api-url", url + "api/query", *fast)]


def page(project, slug: str) -> str:
    return (project / "site" / "papers" / slug / "index.html").read_text(encoding="utf-8")


def test_fetched_and_resolved_papers_are_published_and_a_second_fetch_changes_nothing(project):
    seed_slugs = None
    with apis() as server:
        run(project, "build", "-q")
        seed_slugs = {path.stem for path in (project / "site_src" / "papers").glob("*.md")} - {"index"}
        results = fetch_everything(project, server.url)
        assert [result.returncode for result in results] == [0, 0, 0], [result.stderr for result in results]
        assert results[2].stdout.startswith("arXiv: 3 of 73 papers without an arXiv id found by title in 15 requests")
        after_first = files(project / "data")
        assert [result.returncode for result in fetch_everything(project, server.url)] == [0, 0, 0]
    assert files(project / "data") == after_first

    built = run(project, "build")
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("81 papers read from 4 files; 81 paper pages;")
    assert "merged" not in built.stderr
    run_mkdocs(project)
    slugs = {path.stem for path in (project / "site_src" / "papers").glob("*.md")} - {"index"}
    assert seed_slugs < slugs and len(slugs - seed_slugs) == 8

    fetched = page(project, "gluscope-a-tool-for-analyzing-glu-neurons-in-transformer-language-models")
    assert "Sebastian Gerstner" in fetched and "Feb 27, 2026" in fetched
    assert 'href="https://arxiv.org/abs/2602.23826"' in fetched
    daily_paper = page(project, "wildreward-learning-reward-models-from-in-the-wild-human-interactions")
    assert 'href="https://github.com/THU-KEG/WildReward"' in daily_paper and "Hao Peng" in daily_paper
    resolved = page(project, "codet5-identifier-aware-unified-pre-trained-encoder-decoder-models-for-code")
    assert 'href="https://arxiv.org/abs/2109.00859"' in resolved and "Shafiq Joty" in resolved
    assert "Sep 2, 2021" in resolved and "eprint" in resolved


def test_a_failing_server_leaves_data_byte_for_byte_as_it_was(project):
    before = files(project / "data")
    with apis(in_turn(Answer(503, b"Service Unavailable"))) as server:
        results = fetch_everything(project, server.url)
    assert [result.returncode for result in results] == [1, 1, 1]
    assert [len(result.stderr.splitlines()) for result in results] == [1, 1, 1]
    assert all("nothing was written to data/; a re-run starts again from the first request" in result.stderr
               for result in results)
    assert files(project / "data") == before
