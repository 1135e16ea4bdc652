"""Atom feeds and BibTeX: well-formed whatever the titles say, the same bytes on every run."""

from __future__ import annotations

import datetime
import random
import re
import xml.etree.ElementTree as ElementTree

import pytest

from generator.enrich.citekeys import citation_keys
from generator.model import Catalogue, Paper
from generator.site import Site
from generator.write import Lookups
from generator.write.bibtex import entry
from generator.write.feeds import atom_feed
from support import make_paper

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = Site(name="Papers & <Co>", description="Pre-training ]]> papers", url="https://example.org/catalogue/",
            docs_dir="site_src")
HOSTILE_TITLE = "100% {unbalanced} \\ & $x_1$ # ~^"
HOSTILE_TEXT = "<script>alert(1)</script> ]]> &amp; & \"quoted\" 'single' <![CDATA[x]]> }{ \\end{document}"


def paper(slug: str, date: str | None = None, **fields) -> Paper:
    return make_paper(slug, date=date, **fields)


def feed(papers: list[Paper], **options) -> ElementTree.Element:
    root = ElementTree.fromstring(atom_feed(papers, SITE, "All papers", "feeds/all.xml", "", **options))
    assert root.tag == ATOM + "feed"
    return root


def entries(root: ElementTree.Element) -> list[ElementTree.Element]:
    return root.findall(ATOM + "entry")


def entry_slugs(root: ElementTree.Element) -> list[str]:
    return [item.findtext(ATOM + "id").removeprefix(SITE.url + "papers/").removesuffix("/") for item in entries(root)]


# Feeds

def test_feed_is_atom_with_absolute_links_and_entries_newest_first():
    papers = [paper("undated"), paper("march", "--03-11"), paper("older", "2023-12-31"), paper("b-new", "2024-01-05"),
              paper("january", "--01-02"), paper("a-new", "2024-01-05")]
    root = feed(papers)
    assert entry_slugs(root) == ["a-new", "b-new", "older", "march", "january", "undated"]
    assert root.findtext(ATOM + "id") == "https://example.org/catalogue/feeds/all.xml"
    links = {link.get("rel"): link.get("href") for link in root.findall(ATOM + "link")}
    assert links == {"self": "https://example.org/catalogue/feeds/all.xml",
                     "alternate": "https://example.org/catalogue/"}
    first = entries(root)[0]
    assert first.findtext(ATOM + "id") == "https://example.org/catalogue/papers/a-new/"
    assert first.find(ATOM + "link").get("href") == "https://example.org/catalogue/papers/a-new/"
    assert first.find(ATOM + "link").get("rel") in (None, "alternate")


def test_entry_has_title_summary_authors_categories_and_dates():
    item = entries(feed([paper("a", "2024-03-11", authors=("Ada Lovelace", "Alan Turing"), tags=("Code", "cs.CL"))]))[0]
    assert item.findtext(ATOM + "title") == "Title of a"
    assert item.findtext(ATOM + "summary") == "Abstract of a."
    assert item.find(ATOM + "summary").get("type") in (None, "text")
    authors = [author.findtext(ATOM + "name") for author in item.findall(ATOM + "author")]
    assert authors == ["Ada Lovelace", "Alan Turing"]
    assert [category.get("term") for category in item.findall(ATOM + "category")] == ["Code", "cs.CL"]
    assert item.findtext(ATOM + "published") == item.findtext(ATOM + "updated") == "2024-03-11T00:00:00+00:00"


def test_hostile_text_comes_back_verbatim():
    hostile = paper("hostile", "2024-03-11", title=HOSTILE_TEXT, text=HOSTILE_TEXT, authors=(HOSTILE_TEXT,),
                    tags=(HOSTILE_TEXT,))
    data = atom_feed([hostile], SITE, HOSTILE_TEXT, "feeds/all.xml", "")
    assert b"<script>" not in data and b"<![CDATA[" not in data
    root = ElementTree.fromstring(data)
    item = entries(root)[0]
    assert root.findtext(ATOM + "title") == HOSTILE_TEXT
    assert root.find(ATOM + "author").findtext(ATOM + "name") == SITE.name
    assert root.findtext(ATOM + "subtitle") == SITE.description
    assert item.findtext(ATOM + "title") == item.findtext(ATOM + "summary") == HOSTILE_TEXT
    assert item.find(ATOM + "author").findtext(ATOM + "name") == HOSTILE_TEXT
    assert item.find(ATOM + "category").get("term") == HOSTILE_TEXT


def test_characters_xml_cannot_hold_are_dropped():
    item = entries(feed([paper("a", title="vertical\x0btab \ufffe and nul\x00", text="bell\x07")]))[0]
    assert item.findtext(ATOM + "title") == "verticaltab  and nul"
    assert item.findtext(ATOM + "summary") == "bell"


def test_same_papers_same_bytes_and_no_clock():
    papers = [paper(f"p{number:02d}", f"2020-01-{number:02d}" if number % 3 else "--02-29") for number in range(1, 29)]
    first = atom_feed(papers, SITE, "All papers", "feeds/all.xml", "")
    shuffled = random.Random(7).sample(papers, len(papers))
    assert atom_feed(shuffled, SITE, "All papers", "feeds/all.xml", "") == first
    today = {datetime.date.today().isoformat(), datetime.datetime.now(datetime.UTC).date().isoformat()}
    assert not any(day.encode() in first for day in today)
    root = ElementTree.fromstring(first)
    assert root.findtext(ATOM + "updated") == "2020-01-28T00:00:00+00:00"  # the newest paper's date
    assert "version" not in root.find(ATOM + "generator").attrib


def test_yearless_and_missing_dates_have_a_fixed_time_and_no_published():
    root = feed([paper("none"), paper("yearless", "--03-11")])
    assert entry_slugs(root) == ["yearless", "none"]
    assert root.findtext(ATOM + "updated") == "1970-01-01T00:00:00+00:00"
    for item in entries(root):
        assert item.findtext(ATOM + "updated") == "1970-01-01T00:00:00+00:00"
        assert item.find(ATOM + "published") is None


def test_undated_entries_keep_their_time_when_dated_papers_arrive():
    alone = entries(feed([paper("yearless", "--03-11")]))[0]
    beside = entries(feed([paper("yearless", "--03-11"), paper("dated", "2024-03-11")]))[1]
    assert ElementTree.tostring(alone) == ElementTree.tostring(beside)


def test_limit_keeps_the_newest():
    papers = [paper(f"p{number:03d}", (datetime.date(2024, 1, 1) + datetime.timedelta(days=number)).isoformat())
              for number in range(60)]
    assert entry_slugs(feed(papers)) == [f"p{number:03d}" for number in range(59, 9, -1)]
    assert entry_slugs(feed(papers, limit=3)) == ["p059", "p058", "p057"]


def test_feed_of_a_tag_page():
    root = ElementTree.fromstring(atom_feed([paper("a")], SITE, "Code", "tags/code/feed.xml", "tags/code/"))
    links = {link.get("rel"): link.get("href") for link in root.findall(ATOM + "link")}
    assert links["alternate"] == "https://example.org/catalogue/tags/code/"
    assert links["self"] == root.findtext(ATOM + "id") == "https://example.org/catalogue/tags/code/feed.xml"


@pytest.mark.parametrize("url", [None, "", "site/", "javascript:alert(1)//x"])
def test_a_feed_needs_the_site_address(url):
    with pytest.raises(ValueError, match="site_url"):
        atom_feed([paper("a")], Site(name="x", description="", url=url, docs_dir="docs"), "x", "feed.xml", "")


# BibTeX

FIELD = re.compile(r"  ([A-Za-z]+) = ")
ENTRY_HEAD = re.compile(r"@misc\{([A-Za-z0-9:_-]+),\n")
MONTH_MACRO = re.compile(r"[a-z]{3}")
RENDERED = {r"\textbackslash{}": "\\", r"\textbraceleft{}": "{", r"\textbraceright{}": "}",
            r"\textasciicircum{}": "^", r"\textasciitilde{}": "~", r"\textless{}": "<", r"\textgreater{}": ">",
            r"\textbar{}": "|", r"\%": "%", r"\$": "$", r"\&": "&", r"\#": "#", r"\_": "_"}
LATEX_COMMAND = re.compile("|".join(map(re.escape, RENDERED)))


def braced(text: str, start: int) -> tuple[str, int]:
    """The value of a brace group starting at `start`, counting braces as BibTeX does (a backslash does not
    protect one), and the position after it."""
    assert text[start] == "{"
    depth = 0
    for position in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[position], 0)
        if depth == 0:
            return text[start + 1:position], position + 1
    raise AssertionError(f"unbalanced braces from {text[start:start + 60]!r}")


def parse_bib(text: str) -> dict[str, dict[str, str]]:
    """Entries by key, fields by name, as a strict BibTeX reader sees the generator's layout."""
    parsed, position = {}, 0
    while position < len(text):
        head = ENTRY_HEAD.match(text, position)
        assert head, f"no entry at {text[position:position + 60]!r}"
        fields, position = {}, head.end()
        while True:
            field = FIELD.match(text, position)
            assert field, f"no field at {text[position:position + 60]!r}"
            if text[field.end()] == "{":
                value, position = braced(text, field.end())
            else:
                value = MONTH_MACRO.match(text, field.end()).group()
                position = field.end() + len(value)
            fields[field.group(1)] = value
            if text.startswith(",\n", position):
                position += 2
                continue
            assert text.startswith("\n}\n", position), f"entry not closed at {text[position:position + 60]!r}"
            position += 3
            break
        assert head.group(1) not in parsed
        parsed[head.group(1)] = fields
        position += 1 if text.startswith("\n", position) else 0
    return parsed


def rendered(latex: str) -> str:
    """What LaTeX prints for a field value made of text and the generator's escapes."""
    assert "\\" not in LATEX_COMMAND.sub("", latex), f"an unexpected command in {latex!r}"
    return LATEX_COMMAND.sub(lambda command: RENDERED[command.group()], latex)


def names(author_field: str) -> list[str]:
    """The names BibTeX finds: split at " and " outside braces."""
    pieces, depth, start = [], 0, 0
    for position, char in enumerate(author_field):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and author_field[position:position + 5].lower() == " and ":
            pieces.append(author_field[start:position])
            start = position + 5
    return pieces + [author_field[start:]]


def test_hostile_entry_parses_and_prints_as_written():
    hostile = paper("hostile", title=HOSTILE_TITLE, text="}{ 50% of $\\alpha$ & co_ #1 ~ ^ <a|b> \\",
                    authors=("Jo and Al", "Brace } Left {", "others"))
    fields = parse_bib(entry(hostile, "key"))["key"]
    title, outer_braces = braced(fields["title"], 0)
    assert outer_braces == len(fields["title"])
    assert rendered(title) == HOSTILE_TITLE
    assert rendered(fields["abstract"]) == hostile.text
    authors = names(fields["author"])
    assert len(authors) == 3
    assert rendered(authors[0].replace("{and}", "and")) == "Jo and Al"
    assert rendered(authors[1]) == "Brace } Left {"
    assert authors[2] == "{others}"  # a person called "others", not "et al."


def test_fields_for_an_arxiv_preprint():
    fields = parse_bib(entry(paper("a", arxiv_id="2401.01234", categories=("cs.CL", "cs.LG")), "key"))["key"]
    assert fields == {"title": "{Title of a}", "year": "2024", "month": "jan", "eprint": "2401.01234",
                      "archivePrefix": "arXiv", "primaryClass": "cs.CL", "url": "https://arxiv.org/abs/2401.01234",
                      "abstract": "Abstract of a."}


def test_year_and_month_from_date_then_arxiv_id():
    def year_month(**fields) -> tuple[str | None, str | None]:
        parsed = parse_bib(entry(paper("a", **fields), "key"))["key"]
        return parsed.get("year"), parsed.get("month")
    assert year_month(arxiv_id="2401.01234") == ("2024", "jan")
    assert year_month(arxiv_id="hep-th/9901001") == ("1999", "jan")
    assert year_month(arxiv_id="0704.0001v2") == ("2007", "apr")
    assert year_month(date="2023-11-30", arxiv_id="2401.01234") == ("2023", "nov")
    assert year_month(date="--03-11", arxiv_id="2401.01234") == ("2024", "jan")
    assert year_month(date="--03-11") == (None, None)
    assert citation_keys([paper("a", short_name="UL2", arxiv_id="2205.05131")]) == {"a": "UL2_2022"}
    assert citation_keys([paper("a", authors=("Jacob Devlin",), date="2018-10-11")]) == {"a": "Devlin2018"}


def test_code_url_without_arxiv_id_and_odd_ids_ignored():
    fields = parse_bib(entry(paper("a", arxiv_id="not/an id}", code_url="https://github.com/x/{y}\\ z"), "key"))["key"]
    assert "eprint" not in fields and "year" not in fields
    assert fields["url"] == "https://github.com/x/%7By%7D%5C%20z"
    assert "url" not in parse_bib(entry(paper("a", code_url="javascript:alert(1)"), "key"))["key"]


def test_keys_are_unique_ascii_and_differ_beyond_case():
    papers = [paper("a", short_name="CodeT5"), paper("b", short_name="codet5"), paper("c", short_name="CodeT5"),
              paper("d", short_name="CodeT5+"), paper("e", authors=("Łukasz Kaiser",)),
              paper("f", authors=("张伟",)), paper("g", short_name="+", title="The ☃ of: models"),
              paper("h", short_name="ERNIE 3.0", date="2021-07-05"),
              paper("i", authors=("Devlin, Jacob",), date="2018-10-11"), paper("j", title="☃ ☃"),
              paper("k", title="Don't Stop Pretraining")]
    keys = list(parse_bib(catalogue_bib(papers)))
    assert keys == ["CodeT5", "codet5a", "CodeT5b", "CodeT5Plus", "Kaiser", "Zhang-Wei", "Plus", "ERNIE-3-0_2021",
                    "Devlin2018", "paper", "Dont"]
    assert len({key.lower() for key in keys}) == len(keys)
    assert all(re.fullmatch(r"[A-Za-z0-9:_-]+", key) for key in keys)


def test_entry_refuses_a_key_bibtex_cannot_hold():
    with pytest.raises(ValueError, match="not a BibTeX key"):
        entry(paper("a"), "a,b}")


def test_bibliography_is_in_slug_order_and_the_same_for_any_input_order():
    papers = [paper(f"p{number:02d}", short_name="Same", title=f"{HOSTILE_TITLE} {number}") for number in range(30)]
    text = catalogue_bib(papers)
    assert catalogue_bib(random.Random(3).sample(papers, len(papers))) == text
    parsed = parse_bib(text)
    assert [rendered(braced(fields["title"], 0)[0]) for fields in parsed.values()] == [
        f"{HOSTILE_TITLE} {number}" for number in range(30)]
    assert list(parsed)[:3] == ["Same", "Same_a", "Same_b"]


def catalogue_bib(papers: list[Paper]) -> str:
    """The catalogue's .bib file, as the write stage makes it (Lookups.bibliography)."""
    return Lookups.of(Catalogue(papers=tuple(papers), tags=()), SITE, "lunr").bibliography(papers)
