"""BibTeX for the catalogue: one entry per paper under its citation key (given by enrich/citekeys.py), and
untrusted text escaped so every entry parses, its braces balance and it prints as written.

Every entry is @misc, as arXiv's own "Export BibTeX citation" writes preprints: @article would need a
journal, and "arXiv preprint" is not one. biblatex turns eprint/archivePrefix/primaryClass into an
arXiv link; the url field serves the BibTeX styles that print one (plainnat, IEEEtran, ...).
"""

from __future__ import annotations

import re
import string
from urllib.parse import quote

from generator.model import Paper
from generator.values import is_category

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
KEY = re.compile(r"[A-Za-z0-9:_-]+")
# BibTeX counts every brace, escaped or not, so \{ would unbalance an entry: braces become commands.
# < > | too: the default OT1 font encoding prints them as other glyphs.
LATEX = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "%": r"\%", "$": r"\$",
         "&": r"\&", "#": r"\#", "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}",
         "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}"}
LATEX_SPECIAL = re.compile("[" + re.escape("".join(LATEX)) + "]")
URL_SAFE = "".join(char for char in string.printable if char not in string.whitespace + "{}\\")


def entry(paper: Paper, key: str, abstract: bool = True) -> str:
    """The paper as one @misc entry, fields in a fixed order, ending with a newline."""
    if not KEY.fullmatch(key):
        raise ValueError(f"not a BibTeX key: {key!r} (use letters, digits, ':', '_' and '-')")
    fields = ",\n".join(f"  {name} = {value}" for name, value in entry_fields(paper) if abstract or name != "abstract")
    return f"@{entry_type(paper)}{{{key},\n{fields}\n}}\n"


VENUE_FIELDS = {"proceedings": ("inproceedings", "booktitle"), "journal": ("article", "journal")}


def entry_type(paper: Paper) -> str:
    """@inproceedings or @article where the source names the proceedings or journal, else @misc as arXiv writes."""
    return VENUE_FIELDS[paper.venue_type][0] if paper.venue and paper.venue_type in VENUE_FIELDS else "misc"


def entry_fields(paper: Paper) -> list[tuple[str, str]]:
    """(name, value) pairs, each value braced or a month macro; the title double-braced to keep its capitals."""
    year, month = paper.publication
    fields = [("title", "{{" + latex_text(paper.title) + "}}")]
    if paper.authors:
        fields.append(("author", "{" + " and ".join(author_name(author) for author in paper.authors) + "}"))
    if year:
        fields.append(("year", "{" + year + "}"))
    if month:
        fields.append(("month", MONTHS[month - 1]))
    if paper.venue:
        fields.append((VENUE_FIELDS.get(paper.venue_type, ("", "note"))[1], "{" + latex_text(paper.venue) + "}"))
    if paper.doi:
        fields.append(("doi", "{" + quote(paper.doi, safe=URL_SAFE) + "}"))
    fields.extend(link_fields(paper))
    if paper.text:
        fields.append(("abstract", "{" + latex_text(paper.text) + "}"))
    return fields


def link_fields(paper: Paper) -> list[tuple[str, str]]:
    """The arXiv eprint fields and abstract page for a well-formed arXiv id, else the code repository's URL."""
    identifier = arxiv_id(paper)
    if identifier:
        category = next((category for category in paper.categories[:1] if is_category(category)), None)
        return ([("eprint", "{" + identifier + "}"), ("archivePrefix", "{arXiv}")]
                + ([("primaryClass", "{" + category + "}")] if category else [])
                + [("url", "{https://arxiv.org/abs/" + identifier + "}")])
    if paper.code_url and paper.code_url.startswith(("https://", "http://")):
        return [("url", "{" + quote(paper.code_url, safe=URL_SAFE) + "}")]  # braces, backslashes, spaces %-encoded
    return []



def arxiv_id(paper: Paper) -> str | None:
    """The paper's arXiv id when it encodes a real month of submission (as arXiv's ids always do)."""
    return str(paper.arxiv_id) if paper.arxiv_id and paper.arxiv_id.submitted else None







def author_name(author: str) -> str:
    """One name of an author list: escaped, its "and" words braced so BibTeX does not split the name there,
    and "others" (BibTeX's "et al.") braced when it is the whole name."""
    words = [latex_text(word) for word in author.split()]
    if words == ["others"]:
        return "{others}"
    return " ".join("{" + word + "}" if word.lower() == "and" else word for word in words)


def latex_text(text: str) -> str:
    """Text for a BibTeX field: LaTeX's special characters as the commands that print them, whitespace folded."""
    return LATEX_SPECIAL.sub(lambda special: LATEX[special.group()], " ".join(text.split()))
