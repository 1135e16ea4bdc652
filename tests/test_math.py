"""Math in titles and abstracts: which `$...$` spans typeset, what MathML they give, and what stays source text."""

from __future__ import annotations

import re
from xml.etree.ElementTree import fromstring

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.formulas import ATTRIBUTES, ELEMENTS, Formula, pieces, plain_text, typeset
from generator.write.math import math_markdown


def formulas(text: str) -> list[str]:
    return [part.source for part in pieces(text) if isinstance(part, Formula)]


@pytest.mark.parametrize("text, found", [
    ("Mem-$\\pi$: Adaptive Memory", ["$\\pi$"]),
    ("Crab$^{+}$: A Scalable Model", ["$^{+}$"]),
    ("$V_1$: Unifying Generation", ["$V_1$"]),
    ("Free Lunch for Pass@$k$?", ["$k$"]),
    ("$Δ$VLA: Prior-Guided", ["$Δ$"]),
    ("We gain $10%$ and $\\mathcal{O}(n^2)$ time", ["$10%$", "$\\mathcal{O}(n^2)$"]),
    ("$$\\sum_i x_i$$ as display math", ["$$\\sum_i x_i$$"]),
])
def test_formulas_are_found(text, found):
    assert formulas(text) == found


@pytest.mark.parametrize("text", [
    "A $5 million prize",
    "It costs $5 and $10 at most",
    "From $5-$10 per hour",
    "A lone $ sign",
    "Prices in $ and € alike",
    "$ x$ with a space after the opening dollar",
    "$x $ with a space before the closing one",
    "An escaped \\$x$ dollar",
    "",
])
def test_text_that_only_looks_like_math_stays_as_written(text):
    assert formulas(text) == []
    assert plain_text(text) == text
    assert "<math" not in math_markdown(text)


@pytest.mark.parametrize("span", [
    "$\\href{javascript:alert(1)}{x}$", "$\\url{https://example.com/}$", "$\\style{color:red}{x}$",
    "$\\class{md-button}{x}$", "$\\htmlId{a}{x}$", "$\\cssId{a}{x}$", "$\\color{red}{x}$", "$\\def\\x{\\x\\x}\\x$",
    "$\\newcommand{\\y}{\\y}\\y$", "$\\unicode{x3C}$", "$^^3c$", "$\\input{/etc/passwd}$", "$\\textsc{unknown}$",
    "$a & b$", "$#1$", "$\\text{<script>alert(1)</script>}$", "$\\text{</mtext><mi href=\"javascript:x\">a</mi>}$",
    "$" + "{" * 7 + "x" + "}" * 7 + "$", "$" + "+".join("x" * 100) + "$", "${x$", "$x}$",
])
def test_anything_but_the_allowed_commands_stays_source_text(span):
    assert typeset(span) is None
    assert plain_text(f"Before {span} after") == f"Before {span} after"
    assert "<" not in math_markdown(span)


@pytest.mark.parametrize("span, mathml, text", [
    ("$\\pi$", "<math><mi>π</mi></math>", "π"),
    ("$x^2$", "<math><msup><mi>x</mi><mn>2</mn></msup></math>", "x²"),
    ("$V_1$", "<math><msub><mi>V</mi><mn>1</mn></msub></math>", "V₁"),
    ("$\\frac{a}{b}$", "<math><mfrac><mi>a</mi><mi>b</mi></mfrac></math>", "a/b"),
    ("$\\sqrt{x}$", "<math><msqrt><mi>x</mi></msqrt></math>", "√x"),
    ("$\\textbf{Re}^{2}$", '<math><msup><mtext mathvariant="bold">Re</mtext><mn>2</mn></msup></math>', "Re²"),
    ("$a+b$", "<math><mi>a</mi><mo>&#43;</mo><mi>b</mi></math>", "a+b"),  # Markdown's specials stay entities
    ("$10%$", "<math><mn>10</mn><mi>%</mi></math>", "10%"),  # percent, not a TeX comment
])
def test_allowed_formulas_become_mathml_and_plain_text(span, mathml, text):
    assert typeset(span) == Formula(source=span, mathml=mathml, text=text)


def test_markdown_of_a_title_keeps_the_text_around_formulas_inert():
    assert math_markdown("1. Mem-$\\pi$ [x](y)") == ("&#49;. Mem-<math data-search-exclude data-pagefind-ignore><mi>π</mi>"
                                                     '</math><span class="math-text" hidden>π</span> &#91;x&#93;(y)')


def test_search_engines_quote_the_plain_text_reading_not_the_mathml():
    """The MathML's own text runs together (`q^m` as `qm`): the engines skip it and index the hidden reading."""
    assert math_markdown("$q^m$") == ("<math data-search-exclude data-pagefind-ignore><msup><mi>q</mi><mi>m</mi></msup>"
                                      '</math><span class="math-text" hidden>q^m</span>')


LATEX = st.lists(st.sampled_from([
    "x", "1", "^", "_", "{", "}", "\\frac", "\\text", "\\href", "\\style", "\\mathbf", "\\left(", "\\right)", "<",
    ">", "\"", "'", "&", "=", "javascript:", "onload=", "\\sqrt", "\\pi", "\\alpha", " ", "\\mathrm", "<mi>", "%",
    "\\operatorname", "\\class", "\\url", "\\\\", "\\{", "$",
]), max_size=20).map("".join)


@given(LATEX)
@settings(max_examples=400)
def test_whatever_the_source_the_mathml_holds_only_allowed_elements_and_attributes(source):
    formula = typeset(f"${source}$")
    if formula is None:
        return
    tree = fromstring(formula.mathml.replace("&#", "&amp;#"))  # numeric references are text here
    for element in tree.iter():
        assert element.tag in ELEMENTS
        assert set(element.attrib) <= ATTRIBUTES
        assert all(re.fullmatch(r"[A-Za-z0-9.\-]+", value) for value in element.attrib.values())
