"""The arXiv API reader: every field of real responses in both layouts, paging counts, and the errors."""

from __future__ import annotations

import pytest

from conftest import INPUTS
from generator.errors import InputError
from generator.model import Record, Source
from generator.read.arxiv_api import parse_arxiv_api
from generator.values import ArxivId, PaperDate

FORMATS = INPUTS / "formats"


def parse(name: str):
    return parse_arxiv_api((FORMATS / name).read_text(encoding="utf-8"), name)


def test_every_field_of_an_entry_with_doi_and_journal_reference():
    feed = parse("arxiv-api.xml")
    assert feed.papers[1] == Record(
        title="Development of a Practical Multicomponent Density Functional for Electron-Proton Correlation to "
              "Produce Accurate Proton Densities",
        abstract="Multicomponent density functional theory (DFT) enables the consistent quantum mechanical treatment "
                 "of both electrons and protons. A major challenge has been the design of electron-proton correlation "
                 "functionals that produce even qualitatively accurate proton densities. Herein an electron-proton "
                 "correlation functional, epc17, is derived analogously to the Colle-Salvetti formalism for electron "
                 "correlation and is implemented within the nuclear-electronic orbital (NEO) framework. The "
                 "NEO-DFT/epc17 method produces accurate proton densities efficiently and is promising for diverse "
                 "applications.",
        source=Source("arxiv-api.xml", 32), date=PaperDate(2017, 6, 6),
        authors=("Yang Yang", "Kurt R. Brorsen", "Tanner Culpitt", "Michael V. Pak", "Sharon Hammes-Schiffer"),
        arxiv_id=ArxivId("1706.01836"), categories=("physics.chem-ph",), doi="10.1063/1.4996038",
        venue="The Journal of Chemical Physics 147, 114113 (2017)", venue_type=None,
        pdf_url="http://arxiv.org/pdf/1706.01836v2", code_url=None, upvotes=None)


def test_entries_old_style_ids_categories_and_paging_counts():
    feed = parse("arxiv-api.xml")
    assert [paper.source.line for paper in feed.papers] == [10, 32, 70, 100]
    assert [str(paper.arxiv_id) for paper in feed.papers] == ["astro-ph/9904306", "1706.01836", "0806.3233",
                                                               "2101.11408"]
    khokhlov, _, shuttle, lemire = feed.papers
    assert (khokhlov.authors, khokhlov.categories, khokhlov.date) == (
        ("D. L. Khokhlov",), ("astro-ph",), PaperDate(1999, 4, 22))
    assert (khokhlov.doi, khokhlov.venue, khokhlov.code_url) == (None, None, None)
    assert shuttle.categories == ("cond-mat.other", "physics.bio-ph", "q-bio.SC")  # the primary first
    assert shuttle.authors[1] == "Sergey E. Savel'ev"
    assert shuttle.abstract.endswith(r"the body temperature $T \approx 37 ^{\circ}$C.")  # math as written
    assert (feed.total_results, feed.start_index, feed.items_per_page) == (4, 0, 10)
    assert feed.notices == ()
    assert lemire.categories == ("cs.DS", "cs.MS")  # the ACM class G.1.0 is not an arXiv category


def test_a_code_link_in_the_comment_is_the_code_repository():
    lemire = parse("arxiv-api.xml").papers[3]
    assert lemire.code_url == "https://github.com/fastfloat/fast_float"
    assert (lemire.date, lemire.doi, lemire.venue) == (
        PaperDate(2021, 1, 11), "10.1002/spe.2984", "Software: Practice and Experience 51 (8), 2021")
    assert lemire.pdf_url == "http://arxiv.org/pdf/2101.11408v2"


def test_the_layout_since_2025_prefixes_on_the_feed_and_bare_pdf_links():
    feed = parse("arxiv_api_layout_since_2025.xml")
    cloud, proton = feed.papers
    assert (cloud.arxiv_id, cloud.pdf_url, cloud.date) == (
        ArxivId("1309.4668"), "https://arxiv.org/pdf/1309.4668v1", PaperDate(2013, 9, 18))
    assert (cloud.authors, cloud.doi, cloud.venue) == (
        ("A. Pertica", "S. J. Payne"), "10.5170/CERN-2013-002.237", "CERN Yellow Report CERN-2013-002, pp.237-240")
    assert proton.categories == ("hep-ph", "nucl-ex", "nucl-th")
    assert proton.authors == ("I. T. Lorenz", "H. -W. Hammer", "Ulf-G. Meißner")
    assert (feed.total_results, feed.start_index, feed.items_per_page) == (7432, 10, 2)


def test_a_query_without_results_has_no_papers_and_says_so_in_its_counts():
    feed = parse("arxiv_api_no_results.xml")
    assert (feed.papers, feed.notices, feed.total_results, feed.start_index, feed.items_per_page) == ((), (), 0, 0, 10)


def test_each_unusable_entry_is_named_and_skipped():
    feed = parse("arxiv_api_entries_without_title_or_id.xml")
    assert [paper.title for paper in feed.papers] == ["The one good entry"]
    assert feed.papers[0].date == PaperDate.none()
    fix = "an arXiv API entry has an <id> http://arxiv.org/abs/..., a <title> and a <summary>"
    assert [str(notice) for notice in feed.notices] == [
        f"arxiv_api_entries_without_title_or_id.xml:4: entry 2603.00001 has no <title>; skipped ({fix})",
        "arxiv_api_entries_without_title_or_id.xml:10: entry <id> 'http://example.org/not-arxiv' is not an arXiv "
        f"abstract address; skipped ({fix})",
        "arxiv_api_entries_without_title_or_id.xml:15: entry 2603.00003 has a <published> 'last week' that is not a "
        "timestamp; skipped (write <published> as the API does: 2017-06-06T16:12:51Z)",
    ]
    assert (feed.total_results, feed.start_index) == (3, None)


def test_the_apis_error_feed_is_an_input_error_with_its_message():
    with pytest.raises(InputError) as raised:
        parse("arxiv-api-error.xml")
    assert str(raised.value) == (
        "arxiv-api-error.xml:11: the arXiv API answered with an error, not papers: incorrect id format for "
        "1234.12345 (correct the query that fetched this file and save the new response)")


@pytest.mark.parametrize(("name", "message"), [
    ("arxiv_api_entity_expansion.xml", "arxiv_api_entity_expansion.xml:3: declares the XML entity 'lol': refused, "
                                       "as entities can expand to gigabytes"),
    ("arxiv_api_cut_short.xml", "arxiv_api_cut_short.xml:37: not well-formed XML (no element found)"),
    ("arxiv-snapshot.jsonl", "arxiv-snapshot.jsonl:1: not well-formed XML (invalid token)"),
])
def test_unsafe_broken_or_other_documents_are_input_errors(name, message):
    with pytest.raises(InputError) as raised:
        parse(name)
    assert str(raised.value) == f"{message} (save the response of http://export.arxiv.org/api/query as it came)"


def test_an_xml_document_that_is_no_atom_feed_is_an_input_error():
    with pytest.raises(InputError) as raised:
        parse_arxiv_api('<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>\n', "feed.xml")
    assert str(raised.value) == ("feed.xml:1: not an Atom feed (the document is a <rss>) "
                                 "(save the response of http://export.arxiv.org/api/query as it came)")
