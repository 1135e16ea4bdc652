"""Reading a saved arXiv API response: the Atom 1.0 feed that http://export.arxiv.org/api/query returns.

The format is the one the arXiv API User's Manual specifies (https://info.arxiv.org/help/api/user-manual.html,
3.3 "Outline of an Atom feed", 3.4 "Errors", 5.2 "Details of Atom Results Returned"). An entry of a real
response (recorded in autobib/rsxiv, src/response/tests/query.xml):

    <entry>
      <id>http://arxiv.org/abs/1706.01836v2</id>
      <updated>2017-09-24T14:21:38Z</updated>
      <published>2017-06-06T16:12:51Z</published>
      <title>Development of a Practical Multicomponent Density Functional for
      Electron-Proton Correlation to Produce Accurate Proton Densities</title>
      <summary>  Multicomponent density functional theory (DFT) enables the consistent quantum
    mechanical treatment of both electrons and protons. ...</summary>
      <author>
        <name>Yang Yang</name>
      </author>
      <arxiv:doi xmlns:arxiv="http://arxiv.org/schemas/atom">10.1063/1.4996038</arxiv:doi>
      <link title="doi" href="http://dx.doi.org/10.1063/1.4996038" rel="related"/>
      <arxiv:journal_ref xmlns:arxiv="http://arxiv.org/schemas/atom">The Journal of Chemical Physics 147, 114113
      (2017)</arxiv:journal_ref>
      <link href="http://arxiv.org/abs/1706.01836v2" rel="alternate" type="text/html"/>
      <link title="pdf" href="http://arxiv.org/pdf/1706.01836v2" rel="related" type="application/pdf"/>
      <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="physics.chem-ph"
        scheme="http://arxiv.org/schemas/atom"/>
      <category term="physics.chem-ph" scheme="http://arxiv.org/schemas/atom"/>
    </entry>

<published> is the day v1 was submitted: the paper's date. The id's version is dropped. Title and summary
keep the API's line breaks, which are folded; a title's LaTeX is made text. arxiv:comment is where authors
name their code; arxiv:journal_ref is the venue. <category> elements also carry ACM and MSC classes (I.2.6,
68T05), which are not arXiv categories and are not read. The feed's opensearch:totalResults, startIndex and
itemsPerPage are kept for paging. Responses recorded since November 2025 declare the prefixes on <feed> and
give the PDF as a bare <link href="https://arxiv.org/pdf/..."/> without title="pdf"; both layouts are read.

An error is a feed whose single entry has an id http://arxiv.org/api/errors#... and the message as its
summary: it is an InputError. The response is untrusted: defusedxml refuses entity declarations (the
"billion laughs") and external references.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from dataclasses import dataclass

from defusedxml import DefusedXmlException, EntitiesForbidden
from defusedxml.ElementTree import DefusedXMLParser

from generator.errors import InputError, Notice
from generator.model import Record, Source
from generator.read.fields import BadRecord, bare_doi, code_link, fold_lines, latex_to_text, utc_date
from generator.values import ArxivId, PaperDate, is_category

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"
ERROR_ID = re.compile(r"https?://(?:export\.)?arxiv\.org/api/errors")
FIX = "save the response of http://export.arxiv.org/api/query as it came"
ENTRY_FIX = "an arXiv API entry has an <id> http://arxiv.org/abs/..., a <title> and a <summary>"


@dataclass(frozen=True)
class ApiFeed:
    """What one arXiv API response held: its papers, a notice per entry skipped, and the paging counts
    (None when the feed leaves one out)."""

    papers: tuple[Record, ...]
    notices: tuple[Notice, ...]
    total_results: int | None = None
    start_index: int | None = None
    items_per_page: int | None = None


def parse_arxiv_api(text: str, file: str) -> ApiFeed:
    """The papers of an arXiv API response in feed order; an InputError for a response that is no feed, or
    that is the API's report of an error."""
    feed, lines = _feed(text, file)
    entries = feed.findall(f"{ATOM}entry")
    _raise_reported_error(entries, lines, file)
    papers, notices = [], []
    for entry in entries:
        try:
            papers.append(record_from(entry, Source(file, lines[entry])))
        except BadRecord as bad:
            notices.append(Notice(file, lines[entry], f"{bad}; skipped", bad.fix))
    counts = (_count(feed, name) for name in ("totalResults", "startIndex", "itemsPerPage"))
    return ApiFeed(tuple(papers), tuple(notices), *counts)


class _EntryLines(ElementTree.TreeBuilder):
    """A tree builder that also notes the line each <entry> starts on (ElementTree keeps no lines)."""

    def __init__(self) -> None:
        super().__init__()
        self.current_line: Callable[[], int] = lambda: 1
        self.lines: dict[ElementTree.Element, int] = {}

    def start(self, tag, attrs):
        element = super().start(tag, attrs)
        if tag == f"{ATOM}entry":
            self.lines[element] = self.current_line()
        return element


def _feed(text: str, file: str) -> tuple[ElementTree.Element, dict[ElementTree.Element, int]]:
    """The <feed> element and the line of each of its entries; an InputError for anything else."""
    builder = _EntryLines()
    parser = DefusedXMLParser(target=builder)
    builder.current_line = lambda: parser.parser.CurrentLineNumber
    try:
        parser.feed(text)
        root = parser.close()
    except ElementTree.ParseError as error:
        raise InputError(file, error.position[0], f"not well-formed XML ({_reason(error)})", FIX) from None
    except EntitiesForbidden as error:
        raise InputError(file, parser.parser.CurrentLineNumber, f"declares the XML entity '{error.name}': refused, "
                         "as entities can expand to gigabytes", FIX) from None
    except DefusedXmlException:
        raise InputError(file, parser.parser.CurrentLineNumber, "refers to a resource outside the file: refused",
                         FIX) from None
    if root.tag != f"{ATOM}feed":
        raise InputError(file, 1, f"not an Atom feed (the document is a <{root.tag.rpartition('}')[2]}>)", FIX)
    return root, builder.lines


def _reason(error: ElementTree.ParseError) -> str:
    """Expat's reason without the place ("mismatched tag: line 3, column 2"): 'mismatched tag', 'invalid token'."""
    reason = str(error).split(":")[0]
    return reason.removeprefix("not well-formed (").removesuffix(")")


def _raise_reported_error(entries: list[ElementTree.Element], lines: dict[ElementTree.Element, int],
                          file: str) -> None:
    for entry in entries:
        if ERROR_ID.match(fold_lines(entry.findtext(f"{ATOM}id") or "")):
            message = fold_lines(entry.findtext(f"{ATOM}summary") or "") or "no message"
            raise InputError(file, lines[entry], f"the arXiv API answered with an error, not papers: {message}",
                             "correct the query that fetched this file and save the new response")


def record_from(entry: ElementTree.Element, source: Source) -> Record:
    """A paper from one <entry>; BadRecord says what is wrong with it."""
    arxiv_id = _arxiv_id(fold_lines(entry.findtext(f"{ATOM}id") or ""))
    title = fold_lines(latex_to_text(entry.findtext(f"{ATOM}title") or ""))
    abstract = fold_lines(entry.findtext(f"{ATOM}summary") or "")
    if not title or not abstract:
        raise BadRecord(f"entry {arxiv_id} has no {'<title>' if not title else '<summary>'}", ENTRY_FIX)
    return Record(title=title, abstract=abstract, source=source, date=_published(entry, arxiv_id),
                  authors=_authors(entry), arxiv_id=arxiv_id, categories=_categories(entry),
                  doi=bare_doi(entry.findtext(f"{ARXIV}doi") or ""),
                  venue=fold_lines(entry.findtext(f"{ARXIV}journal_ref") or "") or None,
                  pdf_url=_pdf_link(entry), code_url=code_link(fold_lines(entry.findtext(f"{ARXIV}comment") or "")))


def _arxiv_id(text: str) -> ArxivId:
    try:
        return ArxivId.parse(text)
    except ValueError:
        raise BadRecord(f"entry <id> {text[:60]!r} is not an arXiv abstract address", ENTRY_FIX) from None


def _published(entry: ElementTree.Element, arxiv_id: ArxivId) -> PaperDate:
    published = fold_lines(entry.findtext(f"{ATOM}published") or "")
    if not published:
        return PaperDate.none()
    try:
        return PaperDate.of(utc_date(published))
    except ValueError:
        raise BadRecord(f"entry {arxiv_id} has a <published> {published[:40]!r} that is not a timestamp",
                        "write <published> as the API does: 2017-06-06T16:12:51Z") from None


def _authors(entry: ElementTree.Element) -> tuple[str, ...]:
    names = (fold_lines(latex_to_text(name.text or "")) for name in entry.iterfind(f"{ATOM}author/{ATOM}name"))
    return tuple(name for name in names if name)


def _categories(entry: ElementTree.Element) -> tuple[str, ...]:
    """arXiv categories, the primary first; ACM and MSC classes left out."""
    elements = entry.findall(f"{ARXIV}primary_category") + entry.findall(f"{ATOM}category")
    terms = (element.get("term", "").strip() for element in elements)
    return tuple(dict.fromkeys(term for term in terms if is_category(term)))


def _pdf_link(entry: ElementTree.Element) -> str | None:
    links = entry.findall(f"{ATOM}link")
    titled = [link.get("href") for link in links if link.get("title") == "pdf"]
    bare = [link.get("href") for link in links if "/pdf/" in (link.get("href") or "")]
    return next((href.strip() for href in titled + bare if href), None)


def _count(feed: ElementTree.Element, name: str) -> int | None:
    text = (feed.findtext(f"{OPENSEARCH}{name}") or "").strip()
    return int(text) if text.isdigit() else None
