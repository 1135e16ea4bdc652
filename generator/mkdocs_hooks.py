"""MkDocs hooks: shortcuts that make a big catalogue's MkDocs build faster and its pages leaner, and the two things
MkDocs does differently from Zensical, which runs no MkDocs hook and makes the same site without them. (The search
the generator chose reaches the templates through CATALOGUE_SEARCH, and Pagefind's index is the step after the
build: generator/search_index.py.) Every page's indentation is dropped: a fifth of each page's bytes, which matters
for a site of tens of thousands of pages.

The topic maps, and everything of a paper's page below its title, are raw HTML that Python-Markdown would pass
through unchanged after parsing every element of it: on a slice of 3,057 papers, converting the paper pages took 16
of the build's 21 s, and 7 s with their bodies set aside. They are set aside before conversion and put back, byte for
byte, after it (a test compares the HTML both ways). What is set aside is named, not guessed: the generator frames
each block with `raw_block()` below, and the hook finds exactly those frames (RAW_BLOCK). The hook imports nothing
from the generator, which copies it into projects alone; the generator imports `raw_block` from here.

Two hooks are more than shortcuts. A paper's body links to other pages by their Markdown files, as a Markdown link
does; Zensical resolves such links in raw HTML, MkDocs only in Markdown, so `resolve_links` resolves and checks them
when the block comes back, with MkDocs' own rules (the built pages are the same as before the bodies were HTML).
And lean pages built with MkDocs take Material's palette form, lunr's search dialog and Material's configuration
from cached scripts (overrides/assets/javascripts/), whose constants hold those parts as the home page has them.
After the build the constants in the site's copies are set from the home page just built (`fill_fixed_parts`), so a
palette, feature or language changed in mkdocs.yml, or a Material upgrade, reaches every lean page without anyone
copying markup by hand.
"""

from __future__ import annotations

import json
import logging
import posixpath
import re
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.catalogue")

# Whitespace runs that hold a line break become one line break, except inside elements where it matters.
PRESERVED = re.compile(r"<(pre|textarea|script|style)\b.*?</\1>", re.S | re.I)
INDENTATION = re.compile(r"[ \t]*\n\s*")


def without_indentation(html: str) -> str:
    """The page as the browser renders it, without the template's indentation. The text between preserved elements
    is flattened a run at a time: one pattern with both alternatives took 40% longer over a paper page."""
    pieces, position = [], 0
    for kept in PRESERVED.finditer(html):
        pieces += (INDENTATION.sub("\n", html[position:kept.start()]), kept.group())
        position = kept.end()
    pieces.append(INDENTATION.sub("\n", html[position:]))
    return "".join(pieces)


# The contract with the generator: a raw block is a frame at the start of a line, up to its own closing tag, holding
# no other element of the frame's name; it may span any number of lines. The frames, by kind: a map's
# <div class="topic-map-frame topic-map-frame--KIND"> (catalogue or paper), holding no other div, and a paper page's
# body, <section class="paper-body">, holding no other section (its map's frame goes with it).
FRAMES = {"catalogue": ('<div class="topic-map-frame topic-map-frame--catalogue">', "div"),
          "paper": ('<div class="topic-map-frame topic-map-frame--paper">', "div"),
          "body": ('<section class="paper-body">', "section")}
RAW_BLOCK = re.compile("|".join(f"^{re.escape(opening)}.*?</{element}>" for opening, element in FRAMES.values()),
                       re.M | re.S)
PLACEHOLDER = re.compile(r"<!--set-aside-(\d+)-->")  # page text cannot hold "<!--": it is escaped


def raw_block(kind: str, html: str) -> str:
    """`html` framed as a raw block of the given kind (catalogue, paper or body), for the hook to set aside; ""
    for no html. ValueError for a block the hook could not find whole."""
    if not html:
        return ""
    opening, element = FRAMES.get(kind, ("", ""))
    if not opening or f"<{element}" in html or f"</{element}" in html:
        raise ValueError(f"not a raw block: kind {kind!r}, or html holding a <{element or 'div'}>")
    return f"{opening}{html}</{element}>"


def set_aside(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each raw block replaced by a placeholder comment, and the blocks in order."""
    blocks: list[str] = []

    def placeholder(match: re.Match) -> str:
        blocks.append(match.group())
        return f"<!--set-aside-{len(blocks) - 1}-->"
    return RAW_BLOCK.sub(placeholder, markdown), blocks


def put_back(html: str, blocks: list[str]) -> str:
    """The converted page with its raw blocks back in place of their placeholders."""
    return PLACEHOLDER.sub(lambda match: blocks[int(match.group(1))], html) if blocks else html


def on_page_markdown(markdown: str, page, config, files) -> str:
    markdown, page.set_aside_blocks = set_aside(markdown)
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    blocks = [resolve_links(block, page, files) for block in getattr(page, "set_aside_blocks", [])]
    page.set_aside_blocks = []  # MkDocs holds every page until the end: the blocks are in its content now
    return put_back(html, blocks)


# A link in a raw block to a page of the site, as the generator writes it: the page's Markdown file relative to this
# page's, as in a Markdown link. Zensical resolves such links in raw HTML; MkDocs only in Markdown, so here.
PAGE_LINK = re.compile(r'(?<![\w:])href="([^"#:/][^"#:]*\.md)(#[^"]*)?"')


def resolve_links(block: str, page, files) -> str:
    """The block with each link to a Markdown file made the URL of its page relative to `page`, as MkDocs makes a
    Markdown link; a link to no page of the site is a warning (an error with --strict) and stays as it was."""
    def url(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), match.group(1)))
        found = files.get_file_from_path(target)
        if found is None:
            log.warning("Doc file '%s' contains a link to '%s', which is not found among the documentation files.",
                        page.file.src_uri, match.group(1))
            return match.group()
        return f'href="{found.url_relative_to(page.file)}{match.group(2) or ""}"'
    return PAGE_LINK.sub(url, block) if ".md" in block else block


def on_post_page(output: str, page, config) -> str:
    return without_indentation(output)


# The parts a lean page's scripts insert: (script, constant, the part on the home page). The palette form and the
# search dialog are markup (the icons' sprite address made relative to the script by the script), the configuration
# JSON (its base set by the script too).
FIXED_PARTS = (
    ("catalogue-palette.js", "PALETTE", re.compile(r'<form class="md-header__option".*?</form>', re.S)),
    ("catalogue-search-material.js", "DIALOG",
     re.compile(r'<label class="md-header__button md-icon" for="__search">.*?'
                r'<ol class="md-search-result__list" role="presentation"></ol>(?:\s*</div>){5}', re.S)),
    ("catalogue-palette.js", "CONFIG", re.compile(r'<script id="__config" type="application/json">(.*?)</script>')),
)
SPRITE_ON_HOME = "assets/images/icons.svg"


def flat(html: str) -> str:
    """Markup without the whitespace between tags, which a browser renders alike."""
    return re.sub(r"\s+", " ", re.sub(r">\s+", ">", re.sub(r"\s+<", "<", html)))


def fill_fixed_parts(site: Path) -> None:
    """Each fixed part of the lean pages' scripts under `site` set from the home page; a part the home page lacks
    (no palette, or Pagefind instead of lunr) is left as it was, as no page uses it."""
    home = site / "index.html"
    if not home.is_file():
        return
    html = home.read_text(encoding="utf-8")
    for script, name, pattern in FIXED_PARTS:
        path = site / "assets" / "javascripts" / script
        found = pattern.search(html)
        if found is None or not path.is_file():
            continue
        part = ({**json.loads(found.group(1)), "base": "."} if name == "CONFIG"
                else flat(found.group()).replace(SPRITE_ON_HOME, "{icons}"))
        text, literal = path.read_text(encoding="utf-8"), json.dumps(part)
        filled = re.sub(rf"^(\s*const {name} = ).*;$", lambda line, literal=literal: f"{line.group(1)}{literal};", text,
                        count=1, flags=re.M)
        if filled != text:
            path.write_text(filled, encoding="utf-8")


def on_post_build(config) -> None:
    fill_fixed_parts(Path(config["site_dir"]))
