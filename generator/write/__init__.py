"""Write stage: the enriched catalogue as a tree of Markdown pages and data files for MkDocs."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from generator.model import Catalogue, Paper, Tag
from generator.site import Site
from generator.write.export import papers_json
from generator.write.markdown import front_matter, html_text, link_url
from generator.write.pages import abstract_markdown, render

from generator.write.tree import OutputTree

DESCRIPTION_CHARS = 160
TOP_TAGS = 8


def build_tree(catalogue: Catalogue, site: Site, progress: Callable[[Iterable], Iterable] = iter) -> OutputTree:
    """Every generated file of the site, in memory; nothing touches the disk here."""
    tree = OutputTree()
    by_slug = catalogue.by_slug()
    tags = {tag.name: tag for tag in catalogue.tags}
    counts = {tag.name: len(catalogue.papers_tagged(tag.name)) for tag in catalogue.tags}
    children = children_of(catalogue.tags)
    tree.add("index.md", page("home.md.j2", "Home", site=site, catalogue=catalogue, tag_counts=counts,
                              with_code=sum(1 for paper in catalogue.papers if paper.code_url),
                              top_tags=sorted(catalogue.tags, key=lambda tag: -counts[tag.name])[:TOP_TAGS]))
    tree.add("papers/index.md", page("all-papers.md.j2", "All papers", tags=tags,
                                     papers=sorted(catalogue.papers, key=lambda paper: (paper.title.casefold(), paper.slug))))
    for paper in progress(catalogue.papers):
        tree.add(f"papers/{paper.slug}.md", render_paper(paper, by_slug, tags))
    tree.add("tags/index.md", page("tags.md.j2", "Tags", catalogue=catalogue, tag_counts=counts, children=children))
    for tag in catalogue.tags:
        tree.add(f"tags/{tag.slug}.md", page("tag.md.j2", tag.name, tag=tag, tags=tags,
                                             papers=catalogue.papers_tagged(tag.name), children=children.get(tag.name, [])))
    tree.add("papers.json", papers_json(catalogue))
    return tree


def page(template: str, title: str, **context) -> str:
    """A page with front matter. Themes print front-matter values raw, so they are HTML-escaped here."""
    return render(template, meta=front_matter({"title": html_text(title)}), **context)


def render_paper(paper: Paper, by_slug: dict[str, Paper], tags: dict[str, Tag]) -> str:
    description = paper.text if len(paper.text) <= DESCRIPTION_CHARS else paper.text[:DESCRIPTION_CHARS - 1] + "…"
    meta = front_matter({"title": html_text(paper.title), "description": html_text(description),
                         "tags": list(paper.tags),
                         "tag_pages": {name: f"tags/{tags[name].slug}/" for name in paper.tags}})
    return render("paper.md.j2", meta=meta, paper=paper, abstract=abstract_markdown(paper.text), tags=tags,
                  arxiv_url=link_url(f"https://arxiv.org/abs/{paper.arxiv_id}") if paper.arxiv_id else None,
                  related=[(link, by_slug[link.slug]) for link in paper.related],
                  other_links=[link for link in paper.links if link != paper.code_url])


def children_of(tags: Iterable[Tag]) -> dict[str | None, list[Tag]]:
    """Topical tags by parent name; top-level tags under None."""
    children: dict[str | None, list[Tag]] = {}
    for tag in (tag for tag in tags if tag.kind == "topic"):
        children.setdefault(tag.parent, []).append(tag)
    return children
