"""Curation that names papers not in the build: warnings with the closest slugs, never a failed build
(unless --strict); papers named by arXiv id as well as by slug."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import INPUTS, ROOT, make_project, run_generator
from generator.enrich import enrich
from generator.enrich.curation import Curation, Override, check_papers, load_curation
from generator.errors import Notice
from generator.model import Source
from generator.read import read
from generator.rules import load_rules
from support import make_paper

OTHER_PAPERS = INPUTS / "papers_not_in_the_seed.jsonl"
CORPUS = ROOT.parent / "shared" / "corpus" / "papers.jsonl"
SPEECH = "masked-speech-pre-training-at-scale"
DOMAINS = "continual-pre-training-of-language-models-on-new-domains"
CODE = "codet5-mini-open-code-language-models-for-code-understanding-and-generation"
SHIPPED_ENTRY = ("data/curation.yaml:21: paper 'codet5-open-code-large-language-models-for-code-understanding-and-"
                 "generation' is not in this build; override skipped")
UNNEEDED = "nothing to fix if these inputs do not include that paper"


def build(curation: Path) -> tuple[dict[str, dict], list[str]]:
    """The papers of OTHER_PAPERS curated by `curation`, by slug as papers.json has them, and the warnings."""
    rules = load_rules(taxonomy=ROOT / "data" / "taxonomy.yaml", entities=ROOT / "data" / "entities.yaml",
                       curation=curation, config=ROOT / "mkdocs.yml")
    catalogue = enrich(read([OTHER_PAPERS]), rules.tags, rules.entities, rules.curation)
    return ({paper.slug: paper for paper in catalogue.papers},
            [str(notice).removeprefix(f"{INPUTS}/") for notice in catalogue.warnings])


def test_papers_not_in_the_build_are_warnings_with_the_closest_slugs():
    papers, warnings = build(INPUTS / "curation_for_absent_papers.yaml")
    assert warnings == [
        f"curation_for_absent_papers.yaml:2: paper 'a-paper-of-another-catalogue' is not in this build; override "
        f"skipped (no similar slug in this build; {UNNEEDED})",
        "curation_for_absent_papers.yaml:4: pin_related: paper "
        f"'continual-pre-training-of-language-models-on-new-domain' is not in this build; not pinned "
        f"(did you mean '{DOMAINS}'?)",
        "curation_for_absent_papers.yaml:4: pin_related: paper '2601.09999' is not in this build; not pinned "
        f"({UNNEEDED})",
        "curation_for_absent_papers.yaml:4: hide_related: paper 'a-paper-of-another-catalogue' is not in this build; "
        f"ignored (no similar slug in this build; {UNNEEDED})",
        f"curation_for_absent_papers.yaml:7: paper '2501.12345' is not in this build; override skipped ({UNNEEDED})"]
    assert not any(link.pinned for link in papers[SPEECH].related)


def test_check_papers_is_a_pure_function_of_the_curation_and_the_papers():
    papers = [make_paper(SPEECH, title="Masked Speech", abstract="We mask.", source=Source("x.jsonl", 1), arxiv_id="2601.00002v2")]
    curation = Curation("c.yaml", (Override(2, "2601.00002"), Override(3, "masked-speech-pre-training-at-scal")))
    assert check_papers(curation, papers) == [
        Notice("c.yaml", 3, "paper 'masked-speech-pre-training-at-scal' is not in this build; override skipped",
               f"did you mean '{SPEECH}'?")]
    assert check_papers(Curation("c.yaml", curation.overrides[:1]), papers) == []


def test_papers_are_named_by_arxiv_id_with_or_without_version():
    papers, warnings = build(INPUTS / "curation_by_arxiv_id.yaml")
    assert warnings == []
    assert "Code" in papers[SPEECH].tags  # its id in the file has no version, the record's has v2
    assert [(link.slug, link.pinned) for link in papers[SPEECH].related][:1] == [(DOMAINS, True)]
    assert SPEECH not in [link.slug for link in papers[DOMAINS].related]


def test_one_paper_named_twice_by_slug_and_id_is_a_warning():
    papers, warnings = build(INPUTS / "curation_naming_one_paper_twice.yaml")
    assert warnings == [f"curation_naming_one_paper_twice.yaml:4: '2601.00002' is '{SPEECH}', already overridden on "
                        "line 2; override skipped (merge the two entries)"]
    assert "Code" in papers[SPEECH].tags and "Speech and audio" in papers[SPEECH].tags  # the first entry only


def test_the_shipped_curation_does_not_block_other_inputs(tmp_path):
    project = make_project(tmp_path)
    result = run_generator(project, OTHER_PAPERS, curation=Path("data/curation.yaml"))
    assert result.returncode == 0
    assert result.stderr == f"warning: {SHIPPED_ENTRY} (did you mean '{CODE}'?)\n"
    assert result.stdout.endswith("; 1 warning\n")


def test_strict_turns_the_warning_into_exit_1_and_writes_nothing(tmp_path):
    project = make_project(tmp_path)
    result = run_generator(project, OTHER_PAPERS, "--strict", curation=Path("data/curation.yaml"), check=False)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"warning: {SHIPPED_ENTRY} (did you mean '{CODE}'?)",
        "error: --strict: 1 warning, so nothing was written (act on the warnings, or build without --strict)"]
    assert not (project / "site_src" / "papers").exists()


@pytest.fixture(scope="module")
def corpus_slice(tmp_path_factory) -> Path:
    """200 papers of the shared corpus (`sed -n '5001,5200p'`), none of them in data/curation.yaml."""
    if not CORPUS.is_file():
        pytest.skip(f"{CORPUS} is absent")
    lines = CORPUS.read_text(encoding="utf-8").splitlines(keepends=True)[5000:5200]
    path = tmp_path_factory.mktemp("corpus") / "slice.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_a_corpus_slice_builds_with_the_shipped_curation(tmp_path, corpus_slice):
    project = make_project(tmp_path)
    result = run_generator(project, corpus_slice, curation=Path("data/curation.yaml"))
    assert result.returncode == 0
    assert f"warning: {SHIPPED_ENTRY} (no similar slug in this build; {UNNEEDED})" in result.stderr.splitlines()
    assert len(json.loads((project / "site_src" / "papers.json").read_text())["papers"]) == 200


def test_a_corpus_slice_fails_with_strict(tmp_path, corpus_slice):
    project = make_project(tmp_path)
    result = run_generator(project, corpus_slice, "--strict", curation=Path("data/curation.yaml"), check=False)
    assert (result.returncode, result.stdout) == (1, "")
    assert f"warning: {SHIPPED_ENTRY} (no similar slug in this build; {UNNEEDED})" in result.stderr.splitlines()
    assert result.stderr.splitlines()[-1].startswith("error: --strict: ")
    assert not (project / "site_src" / "papers").exists()


def test_an_arxiv_id_keeps_its_last_zero(tmp_path):
    curation = tmp_path / "curation.yaml"
    curation.write_text("papers:\n  - id: 2401.01230\n    pin_related: [2401.10000v2]\n", encoding="utf-8")
    override = load_curation(curation).overrides[0]
    assert (override.paper, override.pin_related) == ("2401.01230", ("2401.10000v2",))
