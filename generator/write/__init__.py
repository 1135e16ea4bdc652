"""Write stage: the enriched catalogue as a tree of Markdown pages and data files for MkDocs."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from generator.model import Catalogue, Entity, Paper, Tag
from generator.site import Site
from generator.write.bibtex import citation_keys, entry
from generator.write.export import index_json, papers_json
from generator.write.feeds import atom_feed
from generator.write.listing import newest_first, paginate
from generator.write.markdown import front_matter, html_text, link_url
from generator.write.pages import abstract_markdown, render
from generator.write.topicmap import catalogue_map, neighbourhood_map, painter, tag_index
from generator.write.tree import OutputTree

BUILD_FILE = ".catalogue-build.json"  # read by generator/mkdocs_hooks.py
DESCRIPTION_CHARS = 160
TOP_TAGS = 8
MENTIONED_BY_SHOWN = 25  # a famous paper is named by thousands: its page lists the newest
SEARCH_ENGINES = ("auto", "lunr", "pagefind")
LUNR_MAX_PAPERS = 500  # Material's lunr index is about 3.4 KB a paper, downloaded whole before a first result
# The catalogue's feed sits at the root: Material's instant navigation fetches sitemap.xml beside the
# target of every <link rel="alternate">, so a feed announced in a page's head must live beside it.
ALL_FEED, ALL_BIB = "feed.xml", "exports/catalogue.bib"


def choose_search(choice: str, papers: int) -> str:
    """The search engine for a catalogue: lunr while its single index stays small, else Pagefind."""
    if choice == "auto":
        return "lunr" if papers <= LUNR_MAX_PAPERS else "pagefind"
    return choice


@dataclass(frozen=True)
class Lookups:
    """What pages need to know about the rest of the catalogue, computed once per build."""

    site: Site
    search: str
    by_slug: dict[str, Paper]
    tags: dict[str, Tag]
    entities: dict[str, Entity]
    tagged: dict[str, list[Paper]]  # newest first
    cite_keys: dict[str, str]
    citations: dict[str, str]  # each paper's BibTeX entry, made once for its page and every .bib it is in
    colour_of: Callable[[Paper], str]  # a paper's colour on the maps

    @classmethod
    def of(cls, catalogue: Catalogue, site: Site, search: str) -> Lookups:
        tagged = {name: sorted(papers, key=newest_first) for name, papers in catalogue.papers_by_tag().items()}
        keys = citation_keys(catalogue.papers)
        return cls(site=site, search=search, by_slug=catalogue.by_slug(), tags={tag.name: tag for tag in catalogue.tags},
                   entities={entity.slug: entity for entity in catalogue.entities}, tagged=tagged, cite_keys=keys,
                   citations={paper.slug: entry(paper, keys[paper.slug], abstract=False) for paper in catalogue.papers},
                   colour_of=painter(tag_index(catalogue.tags)))

    def bibliography(self, papers: Iterable[Paper]) -> str:
        """A .bib file of some papers, in slug order, with the catalogue's keys."""
        return "\n".join(self.citations[paper.slug] for paper in sorted(papers, key=lambda paper: paper.slug))

    @property
    def pagefind(self) -> bool:
        return self.search == "pagefind"


def build_tree(catalogue: Catalogue, site: Site, search: str = "lunr",
               progress: Callable[[Iterable], Iterable] = iter) -> OutputTree:
    """Every generated file of the site, in memory; nothing touches the disk here."""
    tree = OutputTree()
    lookups = Lookups.of(catalogue, site, search)
    tree.add(BUILD_FILE, json.dumps({"search": search}) + "\n")
    add_home(tree, catalogue, lookups)
    add_index(tree, catalogue)
    for paper in progress(catalogue.papers):
        tree.add(f"papers/{paper.slug}.md", render_paper(paper, lookups))
    add_tags(tree, catalogue, lookups)
    add_entities(tree, catalogue, lookups)
    tree.add("papers.json", papers_json(catalogue))
    tree.add(ALL_FEED, atom_feed(catalogue.papers, site, site.name, ALL_FEED, ""))
    tree.add(ALL_BIB, lookups.bibliography(catalogue.papers))
    return tree


def page(template: str, title: str, search_exclude: bool = False, feed: tuple[str, str] | None = None,
         **context) -> str:
    """A page with front matter. Themes print front-matter values raw, so they are HTML-escaped here."""
    meta = {"title": html_text(title)} | ({"search": {"exclude": True}} if search_exclude else {})
    if feed:
        meta |= {"feed": feed[0], "feed_title": feed[1]}
    return render(template, meta=front_matter(meta), **context)


def add_home(tree: OutputTree, catalogue: Catalogue, lookups: Lookups) -> None:
    counts = {name: len(papers) for name, papers in lookups.tagged.items()}
    topics = [tag for tag in catalogue.tags if tag.kind == "topic"]
    tree.add("index.md", page("home.md.j2", "Home", feed=(ALL_FEED, f"{lookups.site.name}: all papers"),
                              site=lookups.site, catalogue=catalogue, tag_counts=counts,
                              with_code=sum(1 for paper in catalogue.papers if paper.code_url),
                              top_tags=sorted(topics, key=lambda tag: -counts[tag.name])[:TOP_TAGS],
                              topic_map=catalogue_map(catalogue.papers, catalogue.tags, lambda p: f"papers/{p.slug}/"),
                              feed_link=ALL_FEED, bib_link=ALL_BIB))


def add_index(tree: OutputTree, catalogue: Catalogue) -> None:
    """The "All papers" index: a plain paginated list, and the rows its faceted browser loads."""
    by_title = sorted(catalogue.papers, key=lambda paper: (paper.title.casefold(), paper.slug))
    for listing in paginate("papers/index.md", by_title):
        tree.add(listing.path, page("all-papers.md.j2", "All papers", search_exclude=True, page=listing,
                                    total=len(by_title), rows=listing.link("papers/index.json"),
                                    feed_link=listing.link(ALL_FEED), bib_link=listing.link(ALL_BIB),
                                    data_link=listing.link("papers.json")))
    tree.add("papers/index.json", index_json(catalogue))


def render_paper(paper: Paper, lookups: Lookups) -> str:
    """A paper's page. With Pagefind, Material's own search index leaves paper pages out (search.exclude)."""
    description = paper.text if len(paper.text) <= DESCRIPTION_CHARS else paper.text[:DESCRIPTION_CHARS - 1] + "…"
    meta = {"title": html_text(paper.title), "description": html_text(description), "tags": list(paper.tags),
            "tag_pages": {name: f"tags/{lookups.tags[name].slug}/" for name in paper.tags}}
    by_slug = lookups.by_slug
    return render("paper.md.j2", paper=paper, tags=lookups.tags, abstract=abstract_markdown(paper.text),
                  meta=front_matter(meta | ({"search": {"exclude": True}} if lookups.pagefind else {})),
                  arxiv_link=link_url(arxiv_link(paper)), permalink=permalink(paper, lookups.site),
                  cite=lookups.citations[paper.slug],
                  neighbourhood=neighbourhood_map(paper, by_slug, lookups.tags, lambda other: f"../{other.slug}/",
                                                  lookups.colour_of),
                  related=[(link, by_slug[link.slug]) for link in paper.related],
                  entities=[lookups.entities[slug] for slug in paper.entities],
                  mentions=[by_slug[slug] for slug in paper.mentions],
                  mentioned_by=sorted((by_slug[slug] for slug in paper.mentioned_by), key=newest_first),
                  MENTIONED_BY_SHOWN=MENTIONED_BY_SHOWN,
                  other_links=[link for link in paper.links if link != paper.code_url])


def add_tags(tree: OutputTree, catalogue: Catalogue, lookups: Lookups) -> None:
    """The tags index, and each tag's paginated page, Atom feed and BibTeX file."""
    counts = {name: len(papers) for name, papers in lookups.tagged.items()}
    children = children_of(catalogue.tags)
    tree.add("tags/index.md", page("tags.md.j2", "Tags", catalogue=catalogue, tag_counts=counts, children=children))
    for tag in catalogue.tags:
        papers = lookups.tagged[tag.name]
        feed, bib = f"feeds/{tag.slug}.xml", f"exports/tags/{tag.slug}.bib"
        tree.add(feed, atom_feed(papers, lookups.site, f"{lookups.site.name}: {tag.name}", feed, f"tags/{tag.slug}/"))
        tree.add(bib, lookups.bibliography(papers))
        for listing in paginate(f"tags/{tag.slug}.md", papers):
            tree.add(listing.path, page("tag.md.j2", tag.name, search_exclude=lookups.pagefind, tag=tag, tags=lookups.tags,
                                        page=listing, total=len(papers), children=children.get(tag.name, []),
                                        feed_link=listing.link(feed), bib_link=listing.link(bib)))


def add_entities(tree: OutputTree, catalogue: Catalogue, lookups: Lookups) -> None:
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
            tree.add(listing.path, page("entity.md.j2", entity.name, search_exclude=lookups.pagefind, entity=entity,
                                        page=listing, total=len(newest)))


def arxiv_link(paper: Paper) -> str:
    """The paper's arXiv page, or an arXiv search for its title."""
    if paper.arxiv_id:
        return f"https://arxiv.org/abs/{paper.arxiv_id}"
    return "https://arxiv.org/search/?" + urlencode({"query": paper.title, "searchtype": "title"})


def permalink(paper: Paper, site: Site) -> str:
    """The page's lasting address: absolute under site_url, else the page itself."""
    return link_url(f"{site.url}papers/{paper.slug}/") if site.url else f"{paper.slug}.md"


def children_of(tags: Iterable[Tag]) -> dict[str | None, list[Tag]]:
    """Topical tags by parent name; top-level tags under None."""
    children: dict[str | None, list[Tag]] = {}
    for tag in (tag for tag in tags if tag.kind == "topic"):
        children.setdefault(tag.parent, []).append(tag)
    return children
