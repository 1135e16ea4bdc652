"""The growth benchmark's profile of what a day's papers change: the figures the README quotes come from it."""

from __future__ import annotations

from benchmarks.growth import docs_changes, paper_sections

PAGE = ('---\n"title": "A"\n---\n# A {{ #title }}\n\n<section class="paper-body"><p>facts</p>\n'
        '<h2 class="paper-abstract-heading" data-search-exclude>Abstract</h2>\n<p>{abstract}</p>\n'
        '<h2 id="topic" data-search-exclude>Topic</h2>\n<p>One of {size} papers</p>\n'
        '<h2 id="related-papers" data-search-exclude>Related papers</h2>\n<ol><li>{related}</li></ol>\n'
        '<h2 id="cite" data-search-exclude>Cite</h2>\n<pre>@misc{{A}}</pre></section>\n')


def test_a_paper_page_splits_into_its_sections():
    sections = paper_sections(PAGE.format(abstract="x", size=3, related="b"))
    assert [name for name, _ in sections] == ["head", "abstract", "topic", "related-papers", "cite"]
    assert "".join(text for _, text in sections) == PAGE.format(abstract="x", size=3, related="b")


def test_changes_are_counted_by_kind_and_by_section(tmp_path):
    before, after = tmp_path / "before", tmp_path / "after"
    for folder, size, related in ((before, 3, "b"), (after, 4, "c")):
        (folder / "papers").mkdir(parents=True)
        (folder / "papers" / "a.md").write_text(PAGE.format(abstract="x", size=size, related=related))
        (folder / "papers" / "same.md").write_text(PAGE.format(abstract="y", size=1, related="d"))
        (folder / "tags").mkdir()
        (folder / "tags" / "code.md").write_text(f"{size} papers")
    (after / "papers" / "new.md").write_text(PAGE.format(abstract="z", size=4, related="a"))
    (before / "papers" / "gone.md").write_text("retired")
    assert docs_changes(before, after) == {
        "files": {"paper pages": {"new": 1, "changed": 1, "unchanged": 1, "gone": 1},
                  "tag pages": {"new": 0, "changed": 1, "unchanged": 0, "gone": 0}},
        "paper_sections_changed": {"related-papers": 1, "topic": 1}}
