"""Entities, mentions and backlinks, and the curator's overrides."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import INPUTS, build_site, run_generator
from generator.enrich.curation import load_curation
from generator.enrich.names import NameMatcher
from generator.errors import InputError
from support import exported_papers

SURVEY = "papers/a-survey-of-code-models-and-their-pre-training-objectives/"
CODET5 = "codet5-identifier-aware-unified-pre-trained-encoder-decoder-models-for-code"
CODET5_PLUS = "codet5-open-code-large-language-models-for-code-understanding-and-generation"


@pytest.mark.parametrize("text, found", [
    ("We extend CodeT5 here.", ["CodeT5"]),
    ("CodeT5+ is better.", ["CodeT5+"]),
    ("SpeechT5 and CodeT5 build on T5.", ["CodeT5", "T5"]),
    ("bert2BERT and DrBERT and RoBERTa", []),
    ("GPT-3.5 is not GPT-3, but GPT-3-style prompting is.", ["GPT-3"]),
    ("VL-GPT extends GPT-3", ["GPT-3"]),
    ("(T5), T5-base and T5.", ["T5"]),
    ("ERNIE 3.0 and ERNIE 3.5", ["ERNIE 3.0"]),
])
def test_names_are_found_on_name_boundaries(text, found):
    names = ["CodeT5", "CodeT5+", "T5", "GPT-3", "BERT", "ERNIE 3.0"]
    assert NameMatcher({name: [name] for name in names}).find(text) == found


@pytest.fixture(scope="module")
def mentions_site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("mentions"), INPUTS / "mentions.txt")


def test_mentions_and_backlinks_in_papers_json(mentions_site):
    papers = {p["slug"]: p for p in json.loads((mentions_site / "site" / "papers.json").read_text())["papers"]}
    survey = papers[SURVEY.split("/")[1]]
    assert survey["mentions"] == [CODET5_PLUS, "ul2-unifying-language-learning-paradigms",
                                  "speecht5-unified-modal-encoder-decoder-pre-training-for-spoken-language", CODET5]
    assert papers[CODET5]["mentioned_by"] == [survey["slug"], CODET5_PLUS]
    assert papers[CODET5_PLUS]["mentions"] == [CODET5]  # "CodeT5+" in its own abstract is not a mention of CodeT5
    assert "t5" in papers["speecht5-unified-modal-encoder-decoder-pre-training-for-spoken-language"]["entities"]
    assert papers["which-adapter-should-i-use-for-my-task"]["mentions"] == []  # SLCA is ambiguous


def test_mention_links_and_entity_pages_resolve(mentions_site):
    site = mentions_site / "site"
    page = (site / f"papers/{CODET5}/index.html").read_text(encoding="utf-8")
    mentioned_by = page.split('id="mentioned-by"', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r'href="([^"]+)"', mentioned_by) == [f"../{SURVEY.split('/')[1]}/", f"../{CODET5_PLUS}/"]
    entity = (site / "entities/t5/index.html").read_text(encoding="utf-8")
    assert "speecht5-unified-modal" in entity and "a-survey-of-code-models" in entity
    assert (site / "entities/index.html").is_file()


def test_an_ambiguous_short_name_is_a_warning(tmp_path):
    from conftest import make_project
    result = run_generator(make_project(tmp_path), INPUTS / "mentions.txt")
    assert "warning: tests/inputs/mentions.txt:21: short name 'SLCA' is shared with " \
           "slca-sparse-low-rank-channel-adapters-for-vision-models; mentions of it are not linked " \
           "(rename one in its title if they differ)" in result.stderr.splitlines()


def test_curation_mistakes_are_reported_with_file_and_line(tmp_path):
    from conftest import SEED, make_project
    project = make_project(tmp_path)
    shutil.copy(INPUTS / "curation_with_mistakes.yaml", tmp_path / "curation.yaml")
    result = run_generator(project, SEED, curation=tmp_path / "curation.yaml", check=False)
    assert result.returncode == 1
    where = tmp_path / "curation.yaml"
    assert result.stderr.splitlines() == [
        f"error: {where}:4: unknown tag 'No Such Tag' (use a tag name from the taxonomy)",
        f"error: {where}:7: 'ul2-unifying-language-learning-paradigms' is overridden twice (merge the two entries)"]
    assert not (project / "site_src" / "papers").exists()


def test_curation_of_papers_not_in_the_build_is_a_warning(tmp_path):
    from conftest import SEED, make_project
    project = make_project(tmp_path)
    lines = (INPUTS / "curation_with_mistakes.yaml").read_text().splitlines()
    (tmp_path / "curation.yaml").write_text("\n".join(lines[:4] + lines[5:6]) + "\n")
    result = run_generator(project, SEED, curation=tmp_path / "curation.yaml")
    where = tmp_path / "curation.yaml"
    assert result.stderr.splitlines() == [
        f"warning: {where}:2: paper 'no-such-paper' is not in this build; override skipped "
        "(no similar slug in this build; nothing to fix if these inputs do not include that paper)",
        f"warning: {where}:4: pin_related: paper 'also-missing' is not in this build; not pinned "
        "(no similar slug in this build; nothing to fix if these inputs do not include that paper)"]


def test_curation_pins_hides_and_retags(tmp_path):
    from conftest import SEED, make_project
    project = make_project(tmp_path)
    ul2 = "ul2-unifying-language-learning-paradigms"
    first = json.loads((build_site(tmp_path / "auto", SEED) / "site" / "papers.json").read_text())["papers"]
    auto = next(p for p in first if p["slug"] == ul2)
    hidden = auto["related"][0]["slug"]
    pinned = "tera-self-supervised-learning-of-transformer-encoder-representation-for-speech"
    (tmp_path / "curation.yaml").write_text(
        f"papers:\n  - slug: {ul2}\n    add_tags: [Code]\n    remove_tags: [Language]\n"
        f"    pin_related: [{pinned}]\n    hide_related: [{hidden}]\n")
    run_generator(project, SEED, curation=tmp_path / "curation.yaml")
    curated = next(p for p in exported_papers(project / "site_src") if p["slug"] == ul2)
    assert "Code" in curated["tags"] and "Language" not in curated["tags"]
    assert curated["related"][0]["slug"] == pinned and curated["related"][0]["reasons"]["pinned"]
    assert hidden not in [link["slug"] for link in curated["related"]]
    page = (project / "site_src" / "papers" / f"{ul2}.md").read_text()
    assert "chosen by the curator" in page


def test_load_curation_checks_syntax(tmp_path):
    broken = tmp_path / "curation.yaml"
    broken.write_text("papers:\n  - slug: x\n    pin_related: one-slug\n")
    with pytest.raises(InputError, match=r"curation\.yaml:2: pin_related: input should be a valid list"):
        load_curation(broken)
