"""The arXiv snapshot reader: every field of real-shaped lines, bad lines, and the streaming selection."""

from __future__ import annotations

import datetime
import io

import pytest

from conftest import INPUTS
from generator.model import Record, Source
from generator.read.arxiv_snapshot import PROGRESS_STEP, parse_snapshot, read_snapshot
from generator.values import ArxivId, PaperDate

FORMATS = INPUTS / "formats"
SNAPSHOT = FORMATS / "arxiv-snapshot.jsonl"
FILE = "arxiv-snapshot.jsonl"


def read(path=SNAPSHOT, **selection):
    with path.open("rb") as stream:
        return read_snapshot(stream, path.name, **selection)


def test_every_field_of_a_line_with_journal_doi_and_latex_accents():
    first = read().papers[0]
    assert first == Record(
        title="Calculation of prompt diphoton production cross sections at Tevatron and LHC energies",
        abstract=first.abstract, source=Source(FILE, 1), date=PaperDate(2007, 4, 2),
        authors=("C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan"),
        arxiv_id=ArxivId("0704.0001"), categories=("hep-ph",), doi="10.1103/PhysRevD.76.013009",
        venue="Phys.Rev.D76:013009,2007", venue_type=None, pdf_url=None, code_url=None, upvotes=None)
    assert first.abstract.startswith("A fully differential calculation in perturbative quantum chromodynamics is "
                                      "presented for the production of massive photon pairs at hadron colliders.")
    assert first.abstract.endswith("can be obtained with judicious selection of events.")


def test_old_style_identifiers_and_categories_outside_cs():
    papers = read().papers
    maldacena, perelman = papers[1], papers[2]
    assert (maldacena.arxiv_id, maldacena.categories, maldacena.date) == (
        ArxivId("hep-th/9711200"), ("hep-th", "gr-qc"), PaperDate(1997, 11, 27))
    assert (maldacena.doi, maldacena.venue) == ("10.1023/A:1026654312961", "Adv.Theor.Math.Phys.2:231-252,1998")
    assert "large $N$ limit" in maldacena.abstract  # math stays as written
    assert (perelman.arxiv_id, perelman.categories, perelman.authors) == (
        ArxivId("math/0211159"), ("math.DG",), ("Grisha Perelman",))
    assert (perelman.doi, perelman.venue, perelman.code_url) == (None, None, None)


def test_the_v1_day_is_the_date_whatever_the_later_versions():
    vaswani = read().papers[3]
    assert vaswani.date == PaperDate(2017, 6, 12)
    assert vaswani.authors[4] == "Llion Jones"  # the authors string breaks this name across lines
    assert "in an encoder-decoder configuration." in vaswani.abstract
    assert vaswani.categories == ("cs.CL", "cs.LG")


def test_a_code_link_in_comments_is_the_code_repository():
    lemire, steer = read().papers[4], read().papers[5]
    assert lemire.code_url == "https://github.com/fastfloat/fast_float"
    assert (lemire.venue, lemire.doi) == ("Software: Practice and Experience 51 (8), 2021", "10.1002/spe.2984")
    assert steer.code_url == "https://github.com/zjunlp/SteerEval"
    assert steer.title == ("How Controllable Are Large Language Models? A Unified Evaluation across Behavioral "
                           "Granularities")  # arXiv's line break inside the title folded
    assert steer.categories == ("cs.CL", "cs.AI", "cs.HC", "cs.LG")


def test_authors_parsed_is_preferred_and_keeps_accents():
    martin = read().papers[6]
    assert martin.authors == ("Fermín Moscoso del Prado Martín", "Suchir Salhan")
    assert martin.date == PaperDate(2026, 3, 3)


def test_without_authors_parsed_the_authors_string_is_split_and_decoded():
    (paper,) = read(FORMATS / "snapshot_without_authors_parsed.jsonl").papers
    assert paper.authors == ("J. Müller", "Édgar Roldán", "A. Smith", "the ATLAS Collaboration")
    assert paper.title == r"Schrödinger equations with $\delta$-potentials on Riemann surfaces"
    assert paper.doi == "10.1000/xyz123"  # the first of two
    assert paper.arxiv_id == ArxivId("hep-th/9901001")


def test_each_bad_line_is_named_and_skipped():
    result = read(FORMATS / "snapshot_bad_lines.jsonl")
    assert [paper.source.line for paper in result.papers] == [1, 10]
    fix = "each line of an arXiv snapshot is one JSON object with string 'id', 'title' and 'abstract'"
    assert [str(notice) for notice in result.notices] == [
        f"snapshot_bad_lines.jsonl:2: not valid JSON (Unterminated string starting at column 28); skipped ({fix})",
        f"snapshot_bad_lines.jsonl:3: not a JSON object but a list; skipped ({fix})",
        f"snapshot_bad_lines.jsonl:4: 'abstract' is null, not a string; skipped ({fix})",
        "snapshot_bad_lines.jsonl:5: 'id' '2603.5' is not an arXiv identifier; skipped "
        "(a snapshot's 'id' is an arXiv identifier such as 2603.01234 or hep-th/9901001)",
        "snapshot_bad_lines.jsonl:6: category '<script>' is not an arXiv category; skipped "
        "('categories' holds arXiv categories separated by spaces, such as 'cs.CL cs.LG')",
        "snapshot_bad_lines.jsonl:7: v1 'created' 'yesterday' is not a date; skipped "
        "(write it as arXiv does: 'Mon, 2 Apr 2007 19:18:42 GMT')",
        "snapshot_bad_lines.jsonl:9: not UTF-8 (byte 0xe9 at byte 84 of the line); skipped (save the snapshot as UTF-8)",
    ]
    assert result.selected_away == 0


def test_categories_select_any_of_a_papers_categories():
    result = read(categories={"cs.CL"})
    assert [str(paper.arxiv_id) for paper in result.papers] == ["1706.03762", "2603.02578", "2603.02860"]
    assert result.selected_away == 4 and result.notices == ()
    physics = read(categories={"gr-qc", "physics.soc-ph"})  # a secondary category counts too
    assert [str(paper.arxiv_id) for paper in physics.papers] == ["hep-th/9711200", "2603.02860"]


def test_since_and_until_bound_the_v1_day_both_included():
    result = read(since=datetime.date(2017, 6, 12), until=datetime.date(2026, 3, 2))
    assert [str(paper.arxiv_id) for paper in result.papers] == ["1706.03762", "2101.11408"]
    assert result.selected_away == 5
    assert [str(p.arxiv_id) for p in read(since=datetime.date(2026, 3, 3)).papers] == ["2603.02578", "2603.02860"]
    assert [str(p.arxiv_id) for p in read(until=datetime.date(1997, 11, 27)).papers] == ["hep-th/9711200"]


def test_filters_combine():
    result = read(categories={"cs.CL"}, since=datetime.date(2020, 1, 1))
    assert [str(paper.arxiv_id) for paper in result.papers] == ["2603.02578", "2603.02860"]
    assert result.selected_away == 5


def test_a_line_is_selected_away_before_json_when_it_names_no_wanted_category():
    # Not even JSON: had it been parsed it would be a notice. It names no wanted category, so it is counted away.
    result = parse_snapshot('{"id": "2603.09999", "categories": "math.AG", broken\n', "s.jsonl", categories={"cs.CL"})
    assert (result.papers, result.notices, result.selected_away) == ((), (), 1)


def test_an_identifier_far_outside_the_date_range_is_selected_away_before_json():
    line = '{"id":"0704.0002","title":' + "broken\n"
    result = parse_snapshot(line, "s.jsonl", since=datetime.date(2020, 1, 1))
    assert (result.notices, result.selected_away) == ((), 1)
    near = parse_snapshot('{"id":"1912.00001","title":' + "broken\n", "s.jsonl", since=datetime.date(2020, 1, 1))
    assert len(near.notices) == 1  # a month before: it could still be in range, so it is parsed and reported


def test_a_paper_without_versions_is_kept_without_a_date_unless_dates_are_selected():
    line = '{"id":"2603.05011","title":"No versions","abstract":"Kept.","categories":"cs.CL"}\n'
    (paper,) = parse_snapshot(line, "s.jsonl").papers
    assert paper.date == PaperDate.none()
    dated = parse_snapshot(line, "s.jsonl", since=datetime.date(2026, 1, 1))
    assert [str(notice) for notice in dated.notices] == [
        "s.jsonl:1: 2603.05011 has no v1 date to compare with the date range; skipped "
        "(give it a 'versions' list whose v1 has a 'created' date, or read it without dates)"]


class CountingStream(io.BytesIO):
    """A file object that remembers the largest line it handed out, to show reading goes line by line."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.largest_read = 0

    def __next__(self) -> bytes:
        line = super().__next__()
        self.largest_read = max(self.largest_read, len(line))
        return line


def test_reading_streams_line_by_line_and_reports_every_byte():
    data = SNAPSHOT.read_bytes() * 300  # 3 MB: more than one progress step
    stream, reports = CountingStream(data), []
    result = read_snapshot(stream, FILE, categories={"cs.DS"}, progress=reports.append)
    assert len(result.papers) == 300 and result.selected_away == 6 * 300
    assert sum(reports) == len(data)
    assert len(reports) == len(data) // PROGRESS_STEP + 1 and all(report >= PROGRESS_STEP for report in reports[:-1])
    assert stream.largest_read == max(len(line) for line in SNAPSHOT.read_bytes().splitlines(keepends=True))


@pytest.mark.parametrize("text", ["", "\n\n", "   \n"])
def test_an_empty_snapshot_has_nothing(text):
    assert parse_snapshot(text, "s.jsonl") == parse_snapshot("", "s.jsonl")
    assert parse_snapshot(text, "s.jsonl").papers == ()
