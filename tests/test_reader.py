"""The listing-dump reader: the seed, and one small input file per odd format."""

from __future__ import annotations

import pytest

from conftest import INPUTS, SEED
from generator.errors import InputError
from generator.read import read as read_inputs
from generator.read.dump import parse_dump
from generator.read.text import decode
from generator.values import PaperDate

T1 = "Syntax Emerges Early: Probing Masked Language Models"
T2 = "WavPre: Self-Supervised Speech Pre-Training at Scale"
T3 = "Loss-Based Data Selection for Efficient Pre-training"


def read(name: str):
    path = INPUTS / name
    return parse_dump(decode(path.read_bytes(), name), name)


def seed_titles_by_layout() -> list[tuple[int, str]]:
    """The seed's titles found independently of the reader: after the date line, every other non-blank line."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    body = [(number, line.strip()) for number, line in enumerate(lines, start=1) if line.strip()]
    start = next(index for index, (_, line) in enumerate(body) if line == "Mar 11") + 1
    return body[start::2]


def test_seed_gives_exactly_the_73_papers_with_verbatim_titles_and_lines():
    dump = parse_dump(SEED.read_text(encoding="utf-8"), "seed.txt")
    expected = seed_titles_by_layout()
    assert len(dump.papers) == 73 == len(expected)
    assert [(paper.source.line, paper.title) for paper in dump.papers] == expected
    assert dump.notices == ()


def test_seed_abstracts_are_verbatim_with_whitespace_folded():
    dump = parse_dump(SEED.read_text(encoding="utf-8"), "seed.txt")
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for paper in dump.papers:
        assert paper.abstract == " ".join(lines[paper.source.line + 1].split())
    assert "Mitigating the Stability Gap" in dump.papers[14].title
    codet5 = next(p for p in dump.papers if p.title.startswith("CodeT5:"))
    assert "https: //github.com/salesforce/CodeT5 ." in codet5.abstract


def test_seed_listing_date_is_captured_without_a_year():
    dump = parse_dump(SEED.read_text(encoding="utf-8"), "seed.txt")
    assert dump.listing_date.iso == "--03-11"
    assert {paper.date.iso for paper in dump.papers} == {"--03-11"}


def test_crlf_line_endings():
    dump = read("crlf.txt")
    assert [(p.title, p.source.line) for p in dump.papers] == [(T1, 3), (T2, 7)]
    assert not any("\r" in p.abstract for p in dump.papers)
    assert dump.listing_date.iso == "--03-12"


def test_utf8_byte_order_mark_is_dropped():
    dump = read("bom.txt")
    assert [p.title for p in dump.papers] == [T1]


def test_no_blank_line_between_title_and_abstract():
    dump = read("no_blank_line.txt")
    assert [(p.title, p.source.line) for p in dump.papers] == [(T1, 1), (T2, 3), (T3, 6)]
    assert dump.papers[0].abstract.startswith("We study how") and dump.papers[0].abstract.endswith("afterwards.")


def test_extra_blank_lines():
    dump = read("extra_blank_lines.txt")
    assert [(p.title, p.source.line) for p in dump.papers] == [(T1, 4), (T2, 13)]
    assert dump.notices == ()


def test_hugging_face_furniture_is_skipped_by_structure():
    dump = read("hf_furniture.txt")
    assert [p.title for p in dump.papers] == [T1, T2, T3]
    assert dump.notices == ()
    assert dump.listing_date.iso == "2024-03-11"
    assert [p.date.iso for p in dump.papers] == ["2024-03-08", "2024-03-11", "2024-03-11"]


def test_hard_wrapped_abstract_is_joined():
    dump = read("wrapped_abstract.txt")
    assert [p.title for p in dump.papers] == [T1, T2]
    assert dump.papers[0].abstract.startswith("We study") and dump.papers[0].abstract.endswith("afterwards.")


def test_title_without_abstract_at_the_end_is_reported_with_its_line():
    dump = read("title_without_abstract_at_end.txt")
    assert [p.title for p in dump.papers] == [T1]
    assert [str(n) for n in dump.notices] == [
        f'title_without_abstract_at_end.txt:5: "{T2}" is not followed by an abstract; skipped '
        "(a title must be followed by its abstract paragraph)"]


def test_two_titles_in_a_row_reports_the_first():
    dump = read("two_titles_in_a_row.txt")
    assert [p.title for p in dump.papers] == [T1, T3]
    assert [(n.line, n.message.split('"')[1]) for n in dump.notices] == [(5, T2)]


@pytest.mark.parametrize("text, iso", [
    ("Mar 11", "--03-11"), ("Mar 11, 2024", "2024-03-11"), ("March 3rd 2023", "2023-03-03"),
    ("11 Mar 2024", "2024-03-11"), ("2024-03-11", "2024-03-11"), ("Published on Mar 8", "--03-08"),
    ("Mar 32", None), ("Marketing 11", None), ("Attention Is All You Need", None),
])
def test_date_lines(text, iso):
    parsed = PaperDate.parse_listing(text)
    assert (parsed.iso if parsed else None) == iso


def test_an_input_without_papers_is_an_error_naming_the_file(tmp_path):
    furniture = tmp_path / "furniture.txt"
    furniture.write_text("new\n\nSubscribe\n\nMar 11\n")
    with pytest.raises(InputError, match=r"furniture\.txt: no papers found"):
        read_inputs([furniture])


def test_a_non_utf8_input_is_an_error_with_line_and_byte_offset(tmp_path):
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes(f"{T1}\n\nCaf\xe9 au lait.".encode("latin-1"))
    with pytest.raises(InputError) as raised:
        read_inputs([latin1])
    assert str(raised.value).endswith("latin1.txt:3: not UTF-8 (byte 0xe9 at byte offset 57) (save the file as UTF-8)")
