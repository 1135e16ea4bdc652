"""Links in abstracts: copy damage repaired, trailing punctuation dropped, code repositories found."""

from __future__ import annotations

import pytest

from conftest import SEED
from generator.enrich import paper_of
from generator.enrich.links import code_url, find_links, repair_text, unescape_latex
from generator.read.dump import parse_dump


@pytest.mark.parametrize("text, url", [
    ("released at https: //github.com/salesforce/CodeT5 .", "https://github.com/salesforce/CodeT5"),
    ("at https://github.com/microsoft/SpeechT5.", "https://github.com/microsoft/SpeechT5"),
    ("(Code repository: https://anonymous.4open.science/r/DV4LLM-D761/ ).", "https://anonymous.4open.science/r/DV4LLM-D761/"),
    ("available at: https://github.com/Qichuzyy/POA.", "https://github.com/Qichuzyy/POA"),
    ("see https:// github.com/a/b, and more", "https://github.com/a/b"),
    ("code at github.com/a/b; data elsewhere", "https://github.com/a/b"),
    ("wiki https://en.wikipedia.org/wiki/Foo_(bar).", "https://en.wikipedia.org/wiki/Foo_(bar)"),
    ("Project website: https://robofume.github.io", "https://robofume.github.io"),
    ("at HTTPS://GitHub.com/A/B!", "https://github.com/A/B"),
])
def test_links_are_found_and_repaired(text, url):
    assert [span.url for span in find_links(text)] == [url]


@pytest.mark.parametrize("text", [
    "javascript:alert(1)", "data:text/html,<script>x</script>", "http://localhost/", "https://a..b/c",
    "ftp://example.com/x", "https://exa mple.com", "http://evil\"onmouseover=alert(1)",
])
def test_only_well_formed_http_links_are_links(text):
    assert find_links(text) == []


def test_the_repaired_text_reads_cleanly():
    text = "Models are released at https: //github.com/salesforce/CodeT5 . We gain 5\\% on average."
    assert repair_text(text, find_links(text)) == \
        "Models are released at https://github.com/salesforce/CodeT5. We gain 5% on average."


def test_latex_escapes_show_as_their_characters():
    assert unescape_latex(r"90.6\% vs. 89.8\%, A\&B, snake\_case, \#1, \$5, but \alpha stays") == \
        r"90.6% vs. 89.8%, A&B, snake_case, #1, $5, but \alpha stays"


@pytest.mark.parametrize("links, repository", [
    (["https://github.com/GAIR-NLP/ProX/tree/main/src"], "https://github.com/GAIR-NLP/ProX"),
    (["https://x-decoder-vl.github.io", "https://gitlab.com/g/p.git"], "https://gitlab.com/g/p"),
    (["https://anonymous.4open.science/r/DV4LLM-D761/"], "https://anonymous.4open.science/r/DV4LLM-D761"),
    (["https://huggingface.co/YiDuo1999/Llama-3-Physician-8B-Instruct"], None),
    (["https://robofume.github.io"], None),
])
def test_code_url_is_the_repository(links, repository):
    assert code_url(links) == repository


def test_seed_links():
    papers = [paper_of(record, "slug") for record in parse_dump(SEED.read_text(encoding="utf-8"), "seed").papers]
    with_links = [paper for paper in papers if paper.links]
    with_code = [paper for paper in papers if paper.code_url]
    project_pages = [paper for paper in with_links if not paper.code_url and "huggingface.co" not in paper.links[0]]
    assert (len(with_links), len(with_code), len(project_pages)) == (19, 16, 2)
    codet5 = next(paper for paper in papers if paper.title.startswith("CodeT5:"))
    assert codet5.code_url == "https://github.com/salesforce/CodeT5"
    assert "https://github.com/salesforce/CodeT5." in codet5.text
    assert "90.6% vs. 89.8%" in next(paper.text for paper in papers if "90.6" in paper.text)
    assert not any("\\%" in paper.text or "https: //" in paper.text for paper in papers)
