"""Field values the readers share: LaTeX text, DOIs, code links and timestamps."""

from __future__ import annotations

import datetime

import pytest

from generator.read.fields import bare_doi, code_link, latex_to_text, utc_date


@pytest.mark.parametrize(("latex", "text"), [
    (r"C. Bal\'azs", "C. Balázs"),
    (r"{BERT} for M{\"u}ller's Caf\'{e}", "BERT for Müller's Café"),
    (r"Schr\"odinger, \v{S}ebek, Ko\c{c}, \AA{}ngstr\"om, {\L}ukasz, Gau\ss", "Schrödinger, Šebek, Koç, Ångström, Łukasz, Gauß"),
    (r"Tom \& Jerry reach 50\% with {\em emphasis}", "Tom & Jerry reach 50% with emphasis"),
    (r"Bare 100% and Tom & Jerry", "Bare 100% and Tom & Jerry"),
    (r"The $\nu$-{SVM} and $$\mathcal{O}(n)$$", r"The $\nu$-SVM and $$\mathcal{O}(n)$$"),
    (r"See https://x.org/~me/a%20b for {Code}", "See https://x.org/~me/a%20b for Code"),
    (r"A broken \href{x} macro", r"A broken \href{x} macro"),
    ("Plain Unicode Müller", "Plain Unicode Müller"),
])
def test_latex_to_text(latex, text):
    assert latex_to_text(latex) == text


@pytest.mark.parametrize(("written", "doi"), [
    ("10.1103/PhysRevD.76.013009", "10.1103/PhysRevD.76.013009"),
    ("10.1103/PhysRevD.76.013009 10.1103/PhysRevD.76.019901", "10.1103/PhysRevD.76.013009"),
    ("doi:10.1002/spe.2984", "10.1002/spe.2984"),
    ("https://doi.org/10.1002/spe.2984.", "10.1002/spe.2984"),
    ("http://dx.doi.org/10.1529/biophysj.104.047340", "10.1529/biophysj.104.047340"),
    ("not a doi", None),
])
def test_bare_doi(written, doi):
    assert bare_doi(written) == doi


def test_code_link_is_the_first_code_host_link_trimmed_to_the_repository():
    comments = "Project page https://x.github.io/p. Software at https://github.com/fastfloat/fast_float/tree/main and\n" \
               "  https://github.com/lemire/simple_fastfloat_benchmark/"
    assert code_link(comments) == "https://github.com/fastfloat/fast_float"
    assert code_link("12 pages, 3 figures") is None


def test_utc_date_is_the_calendar_day_in_utc():
    assert utc_date("2007-02-27T22:02:02-05:00") == datetime.date(2007, 2, 28)
    assert utc_date("2025-09-04T21:26:31.000Z") == datetime.date(2025, 9, 4)
    with pytest.raises(ValueError):
        utc_date("yesterday")
