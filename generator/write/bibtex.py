"""BibTeX for the catalogue: one @misc entry per paper, unique keys, and untrusted text escaped so
every entry parses, its braces balance and it prints as written.

Every entry is @misc, as arXiv's own "Export BibTeX citation" writes preprints: @article would need a
journal, and "arXiv preprint" is not one. biblatex turns eprint/archivePrefix/primaryClass into an
arXiv link; the url field serves the BibTeX styles that print one (plainnat, IEEEtran, ...).
"""

from __future__ import annotations

import itertools
import re
import string
from collections.abc import Iterable, Iterator
from urllib.parse import quote

from slugify import slugify

from generator.model import Paper
from generator.values import is_category

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
KEY = re.compile(r"[A-Za-z0-9:_-]+")
KEY_NAME = r"[^A-Za-z0-9_-]+"  # what slugify drops from a key's name part
KEY_REPLACEMENTS = [["+", "Plus"], ["'", ""]]  # CodeT5+ is not CodeT5; O'Neil is ONeil, not O-Neil
TITLE_FILLER = frozenset({"a", "an", "the", "on", "of", "in", "for", "to", "towards", "with"})
# BibTeX counts every brace, escaped or not, so \{ would unbalance an entry: braces become commands.
# < > | too: the default OT1 font encoding prints them as other glyphs.
LATEX = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "%": r"\%", "$": r"\$",
         "&": r"\&", "#": r"\#", "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}",
         "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}"}
LATEX_SPECIAL = re.compile("[" + re.escape("".join(LATEX)) + "]")
URL_SAFE = "".join(char for char in string.printable if char not in string.whitespace + "{}\\")


def citation_keys(papers: Iterable[Paper], handed_out: Iterable[str] = ()) -> dict[str, str]:
    """Each paper's key by slug: the one it has (from the ledger), else one given in slug order, unique even
    ignoring case (as BibTeX compares them) among them and the lower-cased keys `handed_out` before, so a
    key once given never names another paper."""
    papers = sorted(papers, key=lambda paper: paper.slug)
    keys = {paper.slug: paper.citation_key for paper in papers if paper.citation_key}
    taken: set[str] = set(handed_out) | {key.lower() for key in keys.values()}
    candidates: dict[str, Iterator[str]] = {}  # per stem, from the first suffix not yet tried: "Wang2025" is common
    for paper in papers:
        if paper.slug in keys:
            continue
        stem = key_stem(paper)
        untried = candidates.setdefault(stem, keys_from(stem))
        keys[paper.slug] = next(key for key in untried if key.lower() not in taken)
        taken.add(keys[paper.slug].lower())
    return keys


def keys_from(stem: str) -> Iterator[str]:
    """The keys a stem gives, in the order they are tried: UL2_2022, UL2_2022a, UL2_2022b, ..."""
    return (joined(stem, letters) for letters in suffixes())


def key_stem(paper: Paper) -> str:
    """A key before its suffix letters: name and year."""
    return joined(key_name(paper), publication(paper)[0] or "")


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
    year, month = publication(paper)
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


def publication(paper: Paper) -> tuple[str | None, int | None]:
    """Year and month, from a full date, else from the arXiv id (the month it was submitted). A date without a
    year ("--03-11") gives neither: a month alone is no citation date."""
    if paper.date.full:
        return str(paper.date.year), paper.date.month
    if paper.issued:
        return str(paper.issued[0]), paper.issued[1] if len(paper.issued) > 1 else None
    submitted = paper.arxiv_id.submitted if paper.arxiv_id else None
    return (str(submitted[0]), submitted[1]) if submitted else (None, None)


def arxiv_id(paper: Paper) -> str | None:
    """The paper's arXiv id when it encodes a real month of submission (as arXiv's ids always do)."""
    return str(paper.arxiv_id) if paper.arxiv_id and paper.arxiv_id.submitted else None


def key_name(paper: Paper) -> str:
    """The first of short name, first author's surname and first significant title word that gives an ASCII name."""
    candidates = [paper.short_name or "", surname(paper.authors[0]) if paper.authors else "", title_word(paper.title)]
    names = (slugify(name, lowercase=False, replacements=KEY_REPLACEMENTS, regex_pattern=KEY_NAME)
             for name in candidates)
    return next((name for name in names if name), "paper")


def surname(author: str) -> str:
    """The family name: before the comma of "Devlin, Jacob", else the last word."""
    family, comma, _ = author.partition(",")
    return family.strip() if comma else (author.split() or [""])[-1]


def title_word(title: str) -> str:
    """The first title word that is not an article or a preposition."""
    words = [word for word in re.split(r"[\s:]+", title) if word]
    return next((word for word in words if word.lower() not in TITLE_FILLER), words[0] if words else "")


def joined(left: str, right: str) -> str:
    """Two key parts, with "_" between them where they would run together (UL2_2022, Smith_a; Smith2022, UL2a)."""
    if left and right and left[-1].isalnum() and right[0].isalnum() and left[-1].isdigit() == right[0].isdigit():
        return f"{left}_{right}"
    return left + right


def suffixes() -> Iterator[str]:
    """The letters that tell apart papers with the same key: none, then a to z, then aa, ab, ..."""
    yield ""
    for length in itertools.count(1):
        yield from map("".join, itertools.product(string.ascii_lowercase, repeat=length))


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
