"""The BibTeX reader: every field of each entry type, LaTeX, months, skipped entries and empty files."""

from __future__ import annotations

import pytest

from conftest import INPUTS
from generator.errors import InputError
from generator.model import Record, Source
from generator.read.bibtex import parse_bibtex
from generator.values import ArxivId, PaperDate

FORMATS = INPUTS / "formats"


def parse(name: str):
    return parse_bibtex((FORMATS / name).read_text(encoding="utf-8"), name)


def by_line(name: str = "catalogue.bib") -> dict[int, Record]:
    return {paper.source.line: paper for paper in parse(name).papers}


def test_an_article_journal_venue_accents_month_macro_and_doi():
    assert by_line()[6] == Record(
        title="Gradient-based learning applied to document recognition",
        abstract="Multilayer neural networks trained with the back-propagation algorithm constitute the best example "
                 "of a successful gradient-based learning technique. Given an appropriate network architecture, "
                 "gradient-based learning algorithms can be used to synthesize a complex decision surface that can "
                 "classify high-dimensional patterns, such as handwritten characters, with minimal preprocessing.",
        source=Source("catalogue.bib", 6), date=PaperDate.none(),
        authors=("Yann LeCun", "Léon Bottou", "Yoshua Bengio", "Patrick Haffner"), arxiv_id=None, categories=(),
        doi="10.1109/5.726791", venue="Proceedings of the IEEE", venue_type="journal", pdf_url=None, code_url=None,
        upvotes=None, issued=(1998, 11))


def test_an_inproceedings_booktitle_venue_braces_and_escapes_removed():
    bert = by_line()[25]
    assert bert.title == "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding"
    assert bert.authors == ("Jacob Devlin", "Ming-Wei Chang", "Kenton Lee", "Kristina Toutanova")  # not the editors
    assert (bert.venue_type, bert.issued, bert.doi) == ("proceedings", (2019, 6), "10.18653/v1/N19-1423")
    assert bert.venue == ("Proceedings of the 2019 Conference of the North American Chapter of the Association for "
                          "Computational Linguistics: Human Language Technologies, Volume 1 (Long and Short Papers)")
    assert bert.abstract.endswith("pushing the GLUE score to 80.5% (7.7% point absolute improvement).")
    assert bert.code_url is None  # an anthology page is no code repository


def test_a_string_macro_venue_a_numeric_month_and_a_code_repository_url():
    ddpm = by_line()[60]
    assert (ddpm.venue, ddpm.venue_type) == ("Advances in Neural Information Processing Systems", "proceedings")
    assert ddpm.issued == (2020, 12)
    assert ddpm.code_url == "https://github.com/hojonathanho/diffusion"


def test_an_arxiv_misc_entry_eprint_and_primary_class():
    vaswani = by_line()[45]
    assert vaswani == Record(
        title="Attention Is All You Need", abstract="", source=Source("catalogue.bib", 45),
        authors=("Ashish Vaswani", "Noam Shazeer", "Niki Parmar", "Jakob Uszkoreit", "Llion Jones", "Aidan N. Gomez",
                 "Lukasz Kaiser", "Illia Polosukhin"),
        arxiv_id=ArxivId("1706.03762"), categories=("cs.CL",), issued=(2017,))


def test_a_google_scholar_arxiv_journal_is_an_identifier_not_a_venue():
    kaplan = by_line()[74]
    assert (kaplan.arxiv_id, kaplan.venue, kaplan.venue_type) == (ArxivId("2001.08361"), None, None)
    assert kaplan.authors[3] == "Tom B Brown"


def test_names_in_last_first_form_with_accents():
    erdos = by_line()[81]
    assert erdos.authors == ("Paul Erdős", "Alfréd Rényi")
    assert (erdos.venue, erdos.venue_type, erdos.issued) == ("Publ. Math. Inst. Hung. Acad. Sci", "journal", (1960,))


def test_entries_without_abstract_are_kept_and_counted_and_a_malformed_one_is_named():
    result = parse("catalogue.bib")
    assert [paper.source.line for paper in result.papers] == [6, 25, 45, 60, 74, 81]
    assert result.without_abstract == 3
    assert [str(notice) for notice in result.notices] == [
        "catalogue.bib:55: entry 'broken2021' is malformed (Unexpected block start: `@inproceedings`. Was still "
        "looking for field-value closing `}`); skipped (an entry is @type{key, field = {value}, ...} with its braces "
        "balanced and its fields separated by commas)"]


def test_dblp_corr_entries_are_arxiv_preprints_without_a_venue():
    (paper,) = parse("bibtex_dblp_corr_preprint.bib").papers
    assert (paper.arxiv_id, paper.venue, paper.venue_type, paper.issued) == (ArxivId("1706.03762"), None, None, (2017,))
    assert paper.authors[-1] == "Illia Polosukhin"


def test_a_duplicate_key_is_named_and_the_second_entry_skipped():
    result = parse("bibtex_duplicate_keys.bib")
    assert [paper.title for paper in result.papers] == ["The First Entry With This Key"]
    assert [str(notice) for notice in result.notices] == [
        "bibtex_duplicate_keys.bib:7: entry 'smith2024': the key is used by an earlier entry; skipped "
        "(give each entry its own key)"]


def test_an_entry_without_title_is_skipped_and_a_full_date_field_is_the_date():
    result = parse("bibtex_entry_without_title.bib")
    assert [str(notice) for notice in result.notices] == [
        "bibtex_entry_without_title.bib:1: entry 'untitled2023': no title; skipped (give the entry a title = {...})"]
    (paper,) = result.papers
    assert (paper.date, paper.issued) == (PaperDate(2023, 5, 17), (2023,))


@pytest.mark.parametrize(("fields", "issued", "date"), [
    ("year = 2021, month = sep", (2021, 9), PaperDate.none()),
    ("year = {2021}, month = {September}", (2021, 9), PaperDate.none()),
    ("year = {2021}, month = {Sept.}", (2021, 9), PaperDate.none()),
    ("year = {2021}, month = {13}", (2021,), PaperDate.none()),
    ("year = {2021}, month = {3}, day = {14}", (2021, 3), PaperDate(2021, 3, 14)),
    ("year = {2021}, month = feb, day = {30}", (2021, 2), PaperDate.none()),
    ("year = {in press}", (), PaperDate.none()),
])
def test_years_months_and_days(fields, issued, date):
    (paper,) = parse_bibtex(f"@misc{{k, title = {{T}}, {fields}}}", "m.bib").papers
    assert (paper.issued, paper.date) == (issued, date)


@pytest.mark.parametrize("text", ["", "   \n", "% only a comment\n"])
def test_a_file_without_entries_is_an_input_error(text):
    with pytest.raises(InputError) as raised:
        parse_bibtex(text, "empty.bib")
    assert str(raised.value) == ("empty.bib: no BibTeX entries (a .bib file holds entries such as "
                                 "@article{key, title = {...}, author = {...}, year = 2024})")


def test_a_file_of_comments_and_a_preamble_is_an_input_error():
    with pytest.raises(InputError, match="bibtex_only_comments.bib: no BibTeX entries"):
        parse("bibtex_only_comments.bib")


def test_bibtexparser_warnings_do_not_reach_the_terminal(capfd):
    parse("catalogue.bib")
    assert capfd.readouterr().err == ""
