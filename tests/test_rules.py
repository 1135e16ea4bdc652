"""The rule files loaded as one set: every problem of every file at once, each with its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import INPUTS, ROOT, make_project, run_generator
from generator.errors import InputError
from generator.evaluate import load_groups
from generator.rules import load_rules
from generator.site import load_site

DATA = ROOT / "data"
URL_FIX = "(set site_url: to the address the site is published at, such as https://example.org/catalogue/; " \
          "feeds and paper addresses need it)"


def shipped(**files: Path) -> dict[str, Path]:
    return {"taxonomy": DATA / "taxonomy.yaml", "entities": DATA / "entities.yaml",
            "curation": DATA / "curation.yaml", "config": ROOT / "mkdocs.yml", **files}


def problems(**files: Path) -> list[str]:
    """Every problem load_rules reports, each as it prints, the folder of tests/inputs left out."""
    with pytest.raises(InputError) as raised:
        load_rules(**shipped(**files))
    return [str(notice).removeprefix(f"{INPUTS}/") for notice in raised.value.notices]


def test_the_shipped_rules_load_together():
    rules = load_rules(**shipped())
    assert rules.site.url == "https://example.github.io/paper-catalogue/" and rules.site.docs_dir == "site_src"
    assert rules.tags[0].name == "Language" and rules.entities[0].name == "BERT"
    assert [override.line for override in rules.curation.overrides] == [21]


def test_every_problem_of_every_file_is_reported_at_once():
    assert problems(taxonomy=INPUTS / "taxonomy_with_mistakes.yaml", entities=INPUTS / "entities_with_mistakes.yaml",
                    curation=INPUTS / "curation_with_mistakes.yaml",
                    config=INPUTS / "mkdocs_with_ftp_site_url.yml") == [
        "taxonomy_with_mistakes.yaml:7: tag 'Speech': no 'description:' (add a one-line 'description:')",
        "taxonomy_with_mistakes.yaml:13: tag 'Code': unknown key 'phrase' "
        "(use only description, fallback, name, parent, phrases)",
        "taxonomy_with_mistakes.yaml:5: tags 'Vision' and 'Vision' share a name (rename one of them)",
        "taxonomy_with_mistakes.yaml:5: tags 'Vision' and 'Vision' share a page name (rename one of them)",
        "taxonomy_with_mistakes.yaml:9: tag 'Masked modeling': unknown parent 'Self-supervised' "
        "(name an existing tag as parent, or remove 'parent:')",
        "entities_with_mistakes.yaml:4: entity 'SQuAD': kind: input should be 'model', 'method', 'dataset' or "
        "'benchmark' (set kind: to one of model, method, dataset, benchmark)",
        "entities_with_mistakes.yaml:5: entity 'T5': no 'description:' (add a one-line 'description:')",
        "entities_with_mistakes.yaml:6: entity 'GPT-2': aliases: input should be a valid list "
        "(write aliases: [Name, Other-Name])",
        "entities_with_mistakes.yaml:7: expected keys and values "
        "(write each entity as '- {name: ..., kind: model, description: ...}')",
        "entities_with_mistakes.yaml:3: entities 'BERT' and 'bert' share a name or page name (rename one of them)",
        "curation_with_mistakes.yaml:7: 'ul2-unifying-language-learning-paradigms' is overridden twice "
        "(merge the two entries)",
        f"mkdocs_with_ftp_site_url.yml:3: site_url 'ftp://example.org/papers/' is not an http(s) address {URL_FIX}",
    ]


def test_curation_tags_are_checked_against_the_taxonomy_with_the_rest_of_the_file():
    assert problems(curation=INPUTS / "curation_with_mistakes.yaml") == [
        "curation_with_mistakes.yaml:4: unknown tag 'No Such Tag' (use a tag name from the taxonomy)",
        "curation_with_mistakes.yaml:7: 'ul2-unifying-language-learning-paradigms' is overridden twice "
        "(merge the two entries)"]


def test_a_misspelt_tag_gets_the_closest_names(tmp_path):
    curation = tmp_path / "curation.yaml"
    curation.write_text("papers:\n  - slug: some-paper\n    add_tags: [Speech and audoi]\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_rules(**shipped(curation=curation))
    assert str(raised.value) == f"{curation}:2: unknown tag 'Speech and audoi' (did you mean 'Speech and audio'?)"


def test_a_curation_entry_names_its_paper_once():
    assert problems(curation=INPUTS / "curation_with_slug_and_id.yaml") == [
        "curation_with_slug_and_id.yaml:2: an override names its paper by 'slug:' or by 'id:', not both "
        "(see the example at the top of the file)",
        "curation_with_slug_and_id.yaml:4: an override needs a 'slug:' or an 'id:' "
        "(see the example at the top of the file)",
        "curation_with_slug_and_id.yaml:5: id '2601.2' is not in the expected form "
        "(name the paper by its arXiv id, such as 2401.01234)",
        "curation_with_slug_and_id.yaml:6: add_tags: input should be a valid list "
        "(write add_tags: [tag name, ...] with names from the taxonomy)",
        "curation_with_slug_and_id.yaml:6: unknown key 'pin' "
        "(use only add_tags, hide_related, id, pin_related, remove_tags, slug)"]


@pytest.mark.parametrize("config, problem", [
    ("mkdocs_without_site_url.yml", f"mkdocs_without_site_url.yml: no 'site_url:' {URL_FIX}"),
    ("mkdocs_with_ftp_site_url.yml",
     f"mkdocs_with_ftp_site_url.yml:3: site_url 'ftp://example.org/papers/' is not an http(s) address {URL_FIX}"),
    ("mkdocs_with_relative_site_url.yml",
     f"mkdocs_with_relative_site_url.yml:2: site_url '/papers/' is not a web address {URL_FIX}"),
])
def test_site_url_must_be_an_http_address(config, problem):
    with pytest.raises(InputError) as raised:
        load_site(INPUTS / config)
    assert [str(notice).removeprefix(f"{INPUTS}/") for notice in raised.value.notices] == [problem]


def test_an_empty_site_url_from_the_environment_is_named(monkeypatch):
    monkeypatch.setenv("SITE_URL", "")
    with pytest.raises(InputError) as raised:
        load_site(ROOT / "mkdocs.yml")
    assert str(raised.value) == f"{ROOT / 'mkdocs.yml'}:7: 'site_url:' is empty {URL_FIX}"


def test_a_bad_site_url_is_one_line_and_exit_1_not_a_traceback(tmp_path):
    project = make_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_url: !ENV [SITE_URL, 'https://example.github.io/paper-catalogue/']",
                                                 "site_url: example.org"))
    result = run_generator(project, "tests/golden/sample.txt", check=False)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"error: {config}:7: site_url 'example.org' is not a web address {URL_FIX}\n"


def test_labelled_groups_are_checked_with_every_problem_at_once():
    slugs = {"codet5-identifier-aware-unified-pre-trained-encoder-decoder-models-for-code",
             "tera-self-supervised-learning-of-transformer-encoder-representation-for-speech"}
    with pytest.raises(InputError) as raised:
        load_groups(INPUTS / "groups_with_mistakes.yaml", slugs)
    assert [str(notice).removeprefix(f"{INPUTS}/") for notice in raised.value.notices] == [
        "groups_with_mistakes.yaml:5: group 'Speech': no 'definition:' "
        "(add a one-line 'definition:' of what belongs in the group)",
        "groups_with_mistakes.yaml:7: group 'Code models': unknown key 'size' "
        "(use only also, definition, name, papers)",
        "groups_with_mistakes.yaml:2: group 'Code models': unknown paper 'no-such-paper' (use slugs from papers.json)"]


def test_labelled_groups_name_each_paper_primary_once(tmp_path):
    groups = tmp_path / "groups.yaml"
    groups.write_text("groups:\n  - {name: A, definition: a., papers: [x]}\n"
                      "  - {name: A, definition: b., papers: [x, y], also: [z]}\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_groups(groups, {"x", "y"})
    assert [str(notice) for notice in raised.value.notices] == [
        f"{groups}:3: group 'A': another group has this name (rename one of them)",
        f"{groups}:3: group 'A': unknown paper 'z' (use slugs from papers.json)",
        f"{groups}:3: group 'A': 'x' is already in group 'A' (list it under 'also:' in one of them)"]
