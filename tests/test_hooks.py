"""The MkDocs hook's shortcuts change nothing a reader gets: maps set aside before Markdown come back as they were."""

from __future__ import annotations

import markdown
import pytest

from generator.mkdocs_hooks import put_back, raw_block, set_aside, without_indentation
from support import FRONT_MATTER, markdown_extensions


def converter(project) -> markdown.Markdown:
    """Python-Markdown with the extensions of the project's mkdocs.yml and those MkDocs always adds."""
    names, options = markdown_extensions(project / "mkdocs.yml", always=("toc", "tables", "fenced_code"))
    return markdown.Markdown(extensions=names, extension_configs=options)


def test_maps_set_aside_come_back_byte_for_byte(seed_site):
    convert = converter(seed_site)
    pages = sorted((seed_site / "site_src").rglob("*.md"))
    set_apart = 0
    for path in pages:
        text = FRONT_MATTER.sub("", path.read_text(encoding="utf-8"))
        direct = convert.reset().convert(text)
        without, blocks = set_aside(text)
        assert "topic-map-frame" not in without and "paper-body" not in without
        assert put_back(convert.reset().convert(without), blocks) == direct, path.name
        set_apart += len(blocks)
    assert set_apart >= 74  # the home page's map and each paper's body (holding its map)


def test_a_raw_block_may_span_lines_and_comes_back_whole():
    svg = '<figure class="topic-map">\n<svg><text>*not emphasis*</text>\n</svg></figure>'
    page = f"# Title\n\nBefore.\n\n{raw_block('paper', svg)}\n\nAfter, *emphasis*.\n"
    without, blocks = set_aside(page)
    assert blocks == [f'<div class="topic-map-frame topic-map-frame--paper">{svg}</div>']
    html = put_back(markdown.markdown(without), blocks)
    assert blocks[0] in html and "<em>emphasis</em>" in html and "<em>not" not in html


def test_a_raw_block_refuses_what_the_hook_could_not_find_whole():
    assert raw_block("paper", "") == ""
    for kind, html in (("paper", "<figure><div>x</div></figure>"), ("sidebar", "<figure></figure>"),
                       ("body", "<p>a</p><section>b</section>")):
        with pytest.raises(ValueError, match="not a raw block"):
            raw_block(kind, html)


def test_every_map_on_the_built_pages_is_whole(seed_site):
    for path in (seed_site / "site").rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "<!--set-aside-" not in html, path
        assert html.count("<svg") == html.count("</svg>"), path


def test_indentation_goes_but_preformatted_text_stays():
    html = '<div>\n    <p>a</p>\n  </div>\n<pre>  keep\n    this</pre>\n'
    assert without_indentation(html) == '<div>\n<p>a</p>\n</div>\n<pre>  keep\n    this</pre>\n'


def test_links_in_a_raw_block_become_urls_as_mkdocs_makes_markdown_links(caplog):
    """A paper's body links to pages by their Markdown files: Zensical resolves those links in raw HTML, and for MkDocs
    the hook does, with MkDocs' own rules; a link to no page is a warning, which fails a strict build."""
    from types import SimpleNamespace

    from mkdocs.structure.files import File, Files

    from generator.mkdocs_hooks import resolve_links

    files = Files([File(path, "docs", "site", use_directory_urls=True)
                   for path in ("index.md", "papers/a.md", "papers/b.md", "entities/t5.md")])
    page = SimpleNamespace(file=files.get_file_from_path("papers/a.md"))
    block = ('<section class="paper-body"><a href="b.md">B</a> <a href="../entities/t5.md#x">T5</a> '
             '<a href="../index.md">home</a> <a href="a.md">self</a> <a href="https://example.org/c.md">out</a> '
             '<a xlink:href="b.md">map</a> <a href="gone.md">gone</a></section>')
    assert resolve_links(block, page, files) == (
        '<section class="paper-body"><a href="../b/">B</a> <a href="../../entities/t5/#x">T5</a> '
        '<a href="../../">home</a> <a href="./">self</a> <a href="https://example.org/c.md">out</a> '
        '<a xlink:href="b.md">map</a> <a href="gone.md">gone</a></section>')
    assert [record.getMessage() for record in caplog.records] == [
        "Doc file 'papers/a.md' contains a link to 'gone.md', which is not found among the documentation files."]
