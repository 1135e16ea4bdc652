"""Property-based tests: the reader never fails but with its own error; written text comes back as written."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser

import markdown
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.addresses import Addresses
from generator.enrich import paper_of
from generator.enrich.maps import Areas
from generator.errors import InputError
from generator.formulas import Formula, pieces
from generator.inert import ENTITIES, escape_specials
from generator.model import Record, Source, Tag
from generator.read.dump import parse_dump
from generator.read.text import decode, fold
from generator.site import Site
from generator.write import Lookups, render_paper
from generator.write.markdown import front_matter, md_text
from support import FRONT_MATTER, ROOT, markdown_extensions

# The Markdown extensions of mkdocs.yml, which MkDocs applies to every page: escaping must hold for all of them.
# MkDocs also adds toc (left out here: its permalinks would add to the text of headings), tables and fenced_code.
EXTENSIONS, EXTENSION_CONFIGS = markdown_extensions(ROOT / "mkdocs.yml", always=("tables", "fenced_code"))

# Text that looks like titles: letters, digits, spaces and every character that means something somewhere.
SYNTAX = list("#*_[](){}<>|:-`!\\~^=+.$&\"' \n0123456789") + [
    "{{", "}}", "{%", "%}", "---", "<script>", "</p>", "&amp;", "&#60;", "javascript:", "](", "![", ":smile:", "++ctrl++",
    "{: .x}", "1. ", "- ", "> ", "    ", "https://example.com/a_(b)", "~~~", "```", "| a | b |"]
title_text = st.lists(st.one_of(st.text(max_size=6), st.sampled_from(SYNTAX)), max_size=16).map("".join)


class _Text(HTMLParser):
    """The text of the first element with a given tag, as a browser would show it."""

    def __init__(self, tag: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tag, self.depth, self.done, self.parts = tag, 0, False, []

    def handle_starttag(self, tag, attrs):
        if tag == self.tag and not self.done:
            self.depth += 1
        elif self.depth and tag == "a" and ("class", "headerlink") in attrs:
            self.depth += 100  # skip the permalink anchor
        elif self.depth and tag == "math":
            self.parts.append("\0")  # a formula stands as one \0
            self.depth += 1000
        elif self.depth and tag == "span" and ("hidden", None) in attrs:
            self.depth += 1000  # a formula's plain-text reading, for search engines

    def handle_endtag(self, tag):
        if self.depth >= 1000 and tag in ("math", "span"):
            self.depth -= 1000
        elif self.depth >= 100 and tag == "a":
            self.depth -= 100
        elif tag == self.tag and self.depth:
            self.depth, self.done = 0, True

    def handle_data(self, data):
        if self.depth and self.depth < 100:
            self.parts.append(data)


def shown(html: str, tag: str) -> str:
    parser = _Text(tag)
    parser.feed(html)
    return "".join(parser.parts)


def render(markdown_text: str) -> str:
    return markdown.markdown(FRONT_MATTER.sub("", markdown_text), extensions=EXTENSIONS,
                             extension_configs=EXTENSION_CONFIGS)


@given(st.text())
@settings(max_examples=300)
def test_reading_any_text_never_raises(text):
    dump = parse_dump(text, "any.txt")
    assert all(paper.title and paper.abstract for paper in dump.papers)


@given(st.binary(max_size=400))
@settings(max_examples=300)
def test_decoding_any_bytes_raises_only_the_readers_error(data):
    try:
        decode(data, "any.bin")
    except InputError as error:
        assert str(error).startswith("any.bin")


@given(title_text)
@example("!https://example.com/a_(b)")  # a "!" before a link once made it an image, loaded from the abstract's URL
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_a_title_written_and_rendered_reads_as_written(raw):
    title = fold(raw)
    if not title:
        return
    record = Record(title=title, abstract=f"An abstract that quotes the title: {title}", source=Source("t.txt", 1))
    paper = replace(paper_of(record, "a-paper"), tags=("Code",))
    lookups = Lookups(site=Site("Site", "", "https://example.org/", "docs"), addresses=Addresses("https://example.org/"),
                      search="lunr", by_slug={},
                      tags={"Code": Tag("Code", "code", "Code.")}, entities={}, tagged={}, cite_keys={"a-paper": "key"},
                      citations={"a-paper": "@misc{key,\n}\n"}, areas=Areas.of(()), topic_of={})
    html = render(render_paper(paper, "papers/a-paper.md", lookups))
    assert shown(html, "h1") == as_shown(title)
    assert shown(html.split('class="paper-abstract-heading"', 1)[1], "p") == as_shown(paper.text)
    assert "<img" not in html


def as_shown(text: str) -> str:
    """The text as a page shows it, each formula that typesets standing as one \\0."""
    return "".join("\0" if isinstance(part, Formula) else part for part in pieces(text))


@given(title_text)
@settings(max_examples=300)
def test_escaped_inline_text_renders_as_itself(raw):
    text = fold(raw)
    assert shown(render(f"<p>{md_text(text)}</p>\n\n{md_text(text)}"), "p") == text
    assert shown(render(md_text(text)), "p") == text


@given(st.dictionaries(st.text(max_size=10), st.one_of(st.text(), st.lists(st.text(), max_size=3), st.booleans(),
                                                       st.dictionaries(st.text(max_size=10), st.text(), max_size=3)),
                       max_size=5))
@settings(max_examples=300)
def test_front_matter_reads_back_as_written(fields):
    written = front_matter(fields)
    assert written.isascii() and written.startswith("---\n") and written.endswith("\n---\n")
    assert (yaml.safe_load(written[4:-4]) or {}) == fields


@given(st.one_of(title_text, st.text()))
@settings(max_examples=300)
def test_the_fast_escapes_equal_translate(raw):
    assert md_text(raw).endswith(raw[1:].translate(ENTITIES))
    assert escape_specials(raw) == raw.translate(ENTITIES)
