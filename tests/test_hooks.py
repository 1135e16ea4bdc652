"""The MkDocs hook's shortcuts change nothing a reader gets: maps lifted out of the Markdown come back as they were."""

from __future__ import annotations

import markdown

from generator.mkdocs_hooks import lift_maps, restore_maps, without_indentation
from support import FRONT_MATTER, markdown_extensions


def converter(project) -> markdown.Markdown:
    """Python-Markdown with the extensions of the project's mkdocs.yml and those MkDocs always adds."""
    names, options = markdown_extensions(project / "mkdocs.yml", always=("toc", "tables", "fenced_code"))
    return markdown.Markdown(extensions=names, extension_configs=options)


def test_lifted_maps_come_back_byte_for_byte(seed_site):
    convert = converter(seed_site)
    pages = sorted((seed_site / "site_src").rglob("*.md"))
    lifted = 0
    for path in pages:
        text = FRONT_MATTER.sub("", path.read_text(encoding="utf-8"))
        direct = convert.reset().convert(text)
        without, maps = lift_maps(text)
        assert "topic-map-frame" not in without
        assert restore_maps(convert.reset().convert(without), maps) == direct, path.name
        lifted += len(maps)
    assert lifted >= 70  # the home page's map and one per paper with links


def test_every_map_on_the_built_pages_is_whole(seed_site):
    for path in (seed_site / "site").rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "<!--catalogue-map-" not in html, path
        assert html.count("<svg") == html.count("</svg>"), path


def test_indentation_goes_but_preformatted_text_stays():
    html = '<div>\n    <p>a</p>\n  </div>\n<pre>  keep\n    this</pre>\n'
    assert without_indentation(html) == '<div>\n<p>a</p>\n</div>\n<pre>  keep\n    this</pre>\n'
