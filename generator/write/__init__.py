"""Write stage: the enriched catalogue as a tree of Markdown pages and data files for MkDocs."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from generator.model import Catalogue, Entity, Paper, Tag
from generator.site import Site
from generator.write.export import papers_json
from generator.write.listing import paginate
from generator.write.markdown import front_matter, html_text, link_url
from generator.write.pages import abstract_markdown, render

from generator.write.tree import OutputTree

BUILD_FILE = ".catalogue-build.json"  # read by generator/mkdocs_hooks.py

DESCRIPTION_CHARS = 160
TOP_TAGS = 8
SEARCH_ENGINES = ("auto", "lunr", "pagefind")
LUNR_MAX_PAPERS = 500  # Material's lunr index is about 3.4 KB a paper, downloaded whole before a first result


def choose_search(choice: str, papers: int) -> str:
    """The search engine for a catalogue: lunr while its single index stays small, else Pagefind."""
    if choice == "auto":
        return "lunr" if papers <= LUNR_MAX_PAPERS else "pagefind"
    return choice


def build_tree(catalogue: Catalogue, site: Site, search: str = "lunr",
               progress: Callable[[Iterable], Iterable] = iter) -> OutputTree:
    """Every generated file of the site, in memory; nothing touches the disk here."""
    tree = OutputTree()
    tree.add(BUILD_FILE, json.dumps({"search": search}) + "\n")
    by_slug = catalogue.by_slug()
    tags = {tag.name: tag for tag in catalogue.tags}
    entities = {entity.slug: entity for entity in catalogue.entities}
    tagged = catalogue.papers_by_tag()
    counts = {name: len(papers) for name, papers in tagged.items()}
    children = children_of(catalogue.tags)
    tree.add("index.md", page("home.md.j2", "Home", site=site, catalogue=catalogue, tag_counts=counts,
                              with_code=sum(1 for paper in catalogue.papers if paper.code_url),
                              top_tags=sorted(catalogue.tags, key=lambda tag: -counts[tag.name])[:TOP_TAGS]))
    by_title = sorted(catalogue.papers, key=lambda paper: (paper.title.casefold(), paper.slug))
    for listing in paginate("papers/index.md", by_title):
        tree.add(listing.path, page("all-papers.md.j2", "All papers", page=listing, total=len(by_title),
                                    search_exclude=True))
    for paper in progress(catalogue.papers):
        tree.add(f"papers/{paper.slug}.md", render_paper(paper, by_slug, tags, entities,
                                                         search_exclude=search == "pagefind"))
    tree.add("tags/index.md", page("tags.md.j2", "Tags", catalogue=catalogue, tag_counts=counts, children=children))
    for tag in catalogue.tags:
        newest = sorted(tagged[tag.name], key=newest_first)
        for listing in paginate(f"tags/{tag.slug}.md", newest):
            tree.add(listing.path, page("tag.md.j2", tag.name, tag=tag, tags=tags, page=listing, total=len(newest),
                                        children=children.get(tag.name, []), search_exclude=search == "pagefind"))
    add_entity_pages(tree, catalogue, search)
    tree.add("papers.json", papers_json(catalogue))
    return tree


def add_entity_pages(tree: OutputTree, catalogue: Catalogue, search: str) -> None:
    """An index of the entities the papers name, by kind, and a page listing each one's papers."""
    naming: dict[str, list[Paper]] = {entity.slug: [] for entity in catalogue.entities}
    for paper in catalogue.papers:
        for slug in paper.entities:
            naming[slug].append(paper)
    tree.add("entities/index.md", page("entities.md.j2", "Entities", entities=catalogue.entities,
                                       counts={slug: len(papers) for slug, papers in naming.items()}))
    for entity in catalogue.entities:
        newest = sorted(naming[entity.slug], key=newest_first)
        for listing in paginate(f"entities/{entity.slug}.md", newest):
            tree.add(listing.path, page("entity.md.j2", entity.name, entity=entity, page=listing, total=len(newest),
                                        search_exclude=search == "pagefind"))


def page(template: str, title: str, search_exclude: bool = False, **context) -> str:
    """A page with front matter. Themes print front-matter values raw, so they are HTML-escaped here."""
    meta = {"title": html_text(title)} | ({"search": {"exclude": True}} if search_exclude else {})
    return render(template, meta=front_matter(meta), **context)


def render_paper(paper: Paper, by_slug: dict[str, Paper], tags: dict[str, Tag], entities: dict[str, Entity],
                 search_exclude: bool = False) -> str:
    """A paper's page. With Pagefind, Material's own search index leaves paper pages out (search.exclude)."""
    description = paper.text if len(paper.text) <= DESCRIPTION_CHARS else paper.text[:DESCRIPTION_CHARS - 1] + "…"
    meta = front_matter({"title": html_text(paper.title), "description": html_text(description),
                         "tags": list(paper.tags), "tag_pages": {name: f"tags/{tags[name].slug}/" for name in paper.tags}}
                        | ({"search": {"exclude": True}} if search_exclude else {}))
    return render("paper.md.j2", meta=meta, paper=paper, abstract=abstract_markdown(paper.text), tags=tags,
                  arxiv_url=link_url(f"https://arxiv.org/abs/{paper.arxiv_id}") if paper.arxiv_id else None,
                  related=[(link, by_slug[link.slug]) for link in paper.related],
                  entities=[entities[slug] for slug in paper.entities],
                  mentions=[by_slug[slug] for slug in paper.mentions],
                  mentioned_by=[by_slug[slug] for slug in paper.mentioned_by],
                  other_links=[link for link in paper.links if link != paper.code_url])


def newest_first(paper: Paper) -> tuple:
    """Sort key: dated papers newest first (yearless dates after dated ones), then by title."""
    date = paper.date or ""
    return (date.startswith("--") or not date, "".join(chr(0x10FFFF - ord(char)) for char in date),
            paper.title.casefold(), paper.slug)


def children_of(tags: Iterable[Tag]) -> dict[str | None, list[Tag]]:
    """Topical tags by parent name; top-level tags under None."""
    children: dict[str | None, list[Tag]] = {}
    for tag in (tag for tag in tags if tag.kind == "topic"):
        children.setdefault(tag.parent, []).append(tag)
    return children
