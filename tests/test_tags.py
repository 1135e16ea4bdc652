"""The taxonomy file and tagging by phrase rules."""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import INPUTS, ROOT, SEED
from generator.enrich import paper_of
from generator.enrich.phrases import PhraseMatcher
from generator.enrich.tags import assign_tags, load_taxonomy
from generator.errors import InputError
from generator.model import Source, Tag
from generator.read.dump import parse_dump
from support import make_paper


def test_every_mistake_in_a_taxonomy_is_reported_at_once_with_its_line():
    with pytest.raises(InputError) as raised:
        load_taxonomy(INPUTS / "taxonomy_with_mistakes.yaml")
    name = str(INPUTS / "taxonomy_with_mistakes.yaml")
    assert [str(notice).removeprefix(name) for notice in raised.value.notices] == [
        ":7: tag 'Speech': no 'description:' (add a one-line 'description:')",
        ":13: tag 'Code': unknown key 'phrase' (use only description, fallback, name, parent, phrases)",
        ":5: tags 'Vision' and 'Vision' share a name (rename one of them)",
        ":5: tags 'Vision' and 'Vision' share a page name (rename one of them)",
        ":9: tag 'Masked modeling': unknown parent 'Self-supervised' "
        "(name an existing tag as parent, or remove 'parent:')",
    ]


def test_broken_yaml_names_the_line(tmp_path):
    broken = tmp_path / "taxonomy.yaml"
    broken.write_text("tags:\n  - name: A\n    description: x: y\n")
    with pytest.raises(InputError, match=r"taxonomy\.yaml:3: not valid YAML"):
        load_taxonomy(broken)


@pytest.mark.parametrize("phrase, text, hits", [
    ("pre-train*", "pretraining, pre-training and pre training; not a pretrial", 3),
    ("t5", "T5 and SpeechT5 and CodeT5", 1),
    ("code generation", "Code-generation and code generation", 2),
    ("distill*", "Distillation, self-distilled", 2),
])
def test_phrases_match_words_with_flexible_joints(phrase, text, hits):
    assert PhraseMatcher({"tag": [phrase]}).count(text)["tag"] == hits


def test_every_seed_paper_gets_one_to_six_tags():
    tags = load_taxonomy(ROOT / "data" / "taxonomy.yaml")
    papers = assign_tags([paper_of(p, "slug") for p in parse_dump(SEED.read_text(encoding="utf-8"), "seed").papers], tags)
    assert all(1 <= len(paper.tags) <= 6 for paper in papers)
    counts = Counter(tag for paper in papers for tag in paper.tags)
    assert counts["Code"] >= 5 and counts["Speech and audio"] >= 3
    codet5 = next(paper for paper in papers if paper.title.startswith("CodeT5:"))
    assert "Code" in codet5.tags


def test_the_longest_phrase_wins_where_phrases_of_two_tags_overlap():
    matcher = PhraseMatcher({"Multimodal": ["vision-language model*"], "Language": ["language model*"]})
    assert matcher.found("We adapt vision-language models.") == {"Multimodal": {"vision-language model*"}}
    assert matcher.found("Vision-language models and language models.") == {
        "Multimodal": {"vision-language model*"}, "Language": {"language model*"}}


def test_a_phrase_used_as_a_modifier_does_not_count():
    matcher = PhraseMatcher({"Language": ["llm*"], "Science": ["physics"]})
    assert matcher.found("LLM-based agents for physics-informed simulation") == {}
    assert matcher.found("Agents built on LLMs for physics") == {"Language": {"llm*"}, "Science": {"physics"}}


AREAS = (Tag("Agents", "agents", "Agents.", phrases=("agent*", "tools", "tool use")),
         Tag("Robotics", "robotics", "Robots.", phrases=("robot*", "reinforcement learning", "policy")))


@pytest.mark.parametrize("title, abstract, tags", [
    ("A study", "The agent acts. Agents plan; the agent's agents agree.", ()),  # one word, however often
    ("A study", "The agent acts with tools.", ()),  # two single words
    ("A study", "The agent acts with tools and a robot follows a policy.", ()),  # one word each for two areas
    ("Agents that plan", "We study planning.", ()),  # one word in the title
    ("Agents that plan", "With tools.", ("Agents",)),  # one word in the title and one more
    ("Tool use in practice", "We study planning.", ("Agents",)),  # a specific phrase in the title
    ("A study", "We train with reinforcement learning.", ()),  # a specific phrase alone
    ("A study", "We train the policy with reinforcement learning.", ("Robotics",)),  # and one more phrase
    ("A study", "An agent with tools learns tool use.", ("Agents",)),  # three phrases
])
def test_an_area_needs_more_than_one_common_word(title, abstract, tags):
    paper = make_paper(title=title, abstract=abstract, source=Source("test", 1))
    assert assign_tags([paper], AREAS)[0].tags == tags


SHARING = (Tag("Language", "language", "Text.", phrases=("llm*", "translation", "dialogue", "summarization")),
           Tag("Code", "code", "Code.", phrases=("llm*", "code generation", "program repair")))


@pytest.mark.parametrize("title, abstract, tags", [
    ("LLMs for program repair", "We use LLMs for code generation.", ("Code",)),  # a tool for code: not Language
    ("LLMs for program repair", "Translation, dialogue and summarization.", ("Language", "Code")),  # both earned
    ("What LLMs know", "We probe LLMs in dialogue.", ("Language",)),  # the first area to list it owns it
])
def test_a_phrase_several_areas_list_counts_for_the_later_area_the_paper_earns(title, abstract, tags):
    paper = make_paper(title=title, abstract=abstract, source=Source("test", 1))
    assert assign_tags([paper], SHARING)[0].tags == tags


def test_a_narrower_tag_counts_a_phrase_that_areas_share_and_one_word_in_its_title():
    narrower = SHARING + (Tag("Repair", "repair", "Repair.", phrases=("llm*", "bugs"), parent="Code"),)
    paper = make_paper(title="Bugs", abstract="LLMs for code generation and program repair.",
                       source=Source("test", 1))
    assert assign_tags([paper], narrower)[0].tags == ("Code", "Repair")


def test_no_area_when_nothing_matches_and_the_taxonomy_has_no_fallback():
    paper = make_paper(title="On something else", abstract="Nothing here.", source=Source("test", 1), categories=("cs.LG",))
    assert assign_tags([paper], AREAS)[0].tags == ("cs.LG",)
    fallback = AREAS + (Tag("Other", "other", "Other.", fallback=True),)
    assert assign_tags([paper], fallback)[0].tags == ("Other", "cs.LG")


def test_the_index_data_groups_tags_and_names_arxiv_categories():
    import json

    from generator.addresses import INDEX_ROWS, Addresses
    from generator.enrich.tags import category_tags
    from generator.model import Catalogue
    from generator.write.export import index_json

    taxonomy = (Tag("Language", "language", "Text.", phrases=("translation",)),
                Tag("Retrieval", "retrieval", "Search.", phrases=("retrieval",), parent="Language"))
    paper = make_paper(title="Translation and retrieval", abstract="Translation with retrieval.",
                       source=Source("test", 1), categories=("cs.CL", "xx.NEW"))
    [tagged] = assign_tags([paper], taxonomy)
    catalogue = Catalogue(papers=(tagged,), tags=taxonomy + category_tags([tagged]))
    index = json.loads(index_json(catalogue, Addresses(), INDEX_ROWS, {tagged.slug: "Translation2026"}))
    assert index["tags"] == ["Language", "Retrieval", "cs.CL", "xx.NEW"]
    assert index["tag_kinds"] == ["area", "topic", "category", "category"]
    assert index["tag_titles"] == ["", "", "Computation and Language", ""]  # an unknown category keeps its code only


def test_a_group_of_phrases_is_written_once_and_repeated_by_its_anchor(tmp_path):
    path = tmp_path / "taxonomy.yaml"
    path.write_text("tags:\n"
                    "  - name: Language\n    description: Text.\n    phrases: [&shared [llm*, dialogue], translation]\n"
                    "  - name: Code\n    description: Code.\n    phrases: [*shared, program repair]\n", encoding="utf-8")
    language, code = load_taxonomy(path)
    assert language.phrases == ("llm*", "dialogue", "translation") and code.phrases == ("llm*", "dialogue", "program repair")
    path.write_text("tags:\n  - name: Code\n    description: Code.\n    phrases: [[program repair, 3]]\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"taxonomy.yaml:2: tag 'Code': phrases"):
        load_taxonomy(path)
