"""Math on pages: a title or abstract as inert Markdown with its formulas (generator/formulas.py) as MathML."""

from __future__ import annotations

from functools import cache

from generator.formulas import Formula, pieces
from generator.inert import escape_specials
from generator.write.markdown import md_text

SEARCH_SKIPS = "data-search-exclude data-pagefind-ignore"  # lunr (Material's search plugin) and Pagefind


def markup(formula: Formula) -> str:
    """The formula on a page: its MathML, which search engines skip, and its plain-text reading, hidden, which they
    index and quote instead (the MathML's own text runs together: `q^m` would read `qm`)."""
    return (formula.mathml.replace("<math>", f"<math {SEARCH_SKIPS}>", 1)
            + f'<span class="math-text" hidden>{escape_specials(formula.text)}</span>')


@cache
def math_markdown(text: str) -> str:
    """The text as inert Markdown (see markdown.md_text) with its formulas as sanitised MathML."""
    if "$" not in text:
        return md_text(text)
    return "".join(markup(part) if isinstance(part, Formula)
                   else (md_text(part) if index == 0 else escape_specials(part))
                   for index, part in enumerate(pieces(text)))
