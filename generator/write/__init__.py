"""Write stage: the enriched catalogue as a tree of Markdown pages and data files for MkDocs."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from generator import addresses as where
from generator.addresses import Addresses
from generator.model import Catalogue, Entity, Paper, Tag
from generator.site import Site
from generator.write.bibtex import citation_keys, entry
from generator.write.export import index_json, papers_json
from generator.write.feeds import atom_feed
from generator.write.listing import newest_first, paginate
from generator.write.markdown import front_matter, html_text, link_url
from generator.write.math import plain_text
from generator.write.pages import abstract_markdown, render
from generator.write.topicmap import catalogue_map, neighbourhood_map, painter, tag_index
from generator.write.tree import OutputTree

DESCRIPTION_CHARS = 160
TOP_TAGS = 8
MENTIONED_BY_SHOWN = 25  # a famous paper is named by thousands: its page lists the newest
SEARCH_ENGINES = ("auto", "lunr", "pagefind")
LUNR_MAX_PAPERS = 500  # Material's lunr index is about 3.4 KB a paper, downloaded whole before a first result


def choose_search(choice: str, papers: int) -> str:
    """The search engine for a catalogue: lunr while its single index stays small, else Pagefind."""
    if choice == "auto":
        return "lunr" if papers <= LUNR_MAX_PAPERS else "pagefind"
    return choice


@dataclass(frozen=True)
class Lookups:
    """What pages need to know about the rest of the catalogue, computed once per build."""

    site: Site
    addresses: Addresses
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
        return cls(site=site, addresses=Addresses(site.url), search=search, by_slug=catalogue.by_slug(), tags={tag.name: tag for tag in catalogue.tags},
                   entities={entity.slug: entity for entity in catalogue.entities}, tagged=tagged, cite_keys=keys,
                   citations={paper.slug: entry(paper, keys[paper.slug], abstract=False) for paper in catalogue.papers},
                   colour_of=painter(tag_index(catalogue.tags)))

    def bibliography(self, papers: Iterable[Paper]) -> str:
        """A .bib file of some papers, in slug order, with the catalogue's keys."""
        return "\n".join(self.citations[paper.slug] for paper in sorted(papers, key=lambda paper: paper.slug))

    @property
    def pagefind(self) -> bool:
        return self.search == "pagefind"


def write(catalogue: Catalogue, site: Site, search: str = "lunr",
               progress: Callable[[Iterable], Iterable] = iter) -> OutputTree:
    """Every generated file of the site, in memory; nothing touches the disk here."""
    tree = OutputTree()
    lookups = Lookups.of(catalogue, site, search)
    tree.add(where.BUILD_FILE, json.dumps({"search": search}) + "\n")
    add_home(tree, catalogue, lookups)
    add_index(tree, catalogue, lookups)
    for paper in progress(catalogue.papers):
        path = lookups.addresses.path(paper)
        tree.add(path, render_paper(paper, path, lookups))
    add_tags(tree, catalogue, lookups)
    add_entities(tree, catalogue, lookups)
    tree.add(where.PAPERS_JSON, papers_json(catalogue, lookups.addresses))
    tree.add(where.CATALOGUE_FEED, atom_feed(catalogue.papers, site, site.name, where.CATALOGUE_FEED, where.HOME))
    tree.add(where.CATALOGUE_BIB, lookups.bibliography(catalogue.papers))
    return tree


def page(lookups: Lookups, here: str, template: str, title: str, search_exclude: bool = False,
         feed: tuple[str, str] | None = None, **context) -> str:
    """The page at `here`, with front matter. Themes print front-matter values raw, so they are HTML-escaped here."""
    meta = {"title": html_text(title)} | ({"search": {"exclude": True}} if search_exclude else {})
    if feed:
        meta |= {"feed": feed[0], "feed_title": feed[1]}
    return render(lookups.addresses, template, here=here, meta=front_matter(meta), **context)


def add_home(tree: OutputTree, catalogue: Catalogue, lookups: Lookups) -> None:
    counts = {name: len(papers) for name, papers in lookups.tagged.items()}
    topics = [tag for tag in catalogue.tags if tag.kind == "topic"]
    home = lookups.addresses.url(where.HOME)
    tree.add(where.HOME, page(lookups, where.HOME, "home.md.j2", "Home",
                              feed=(where.CATALOGUE_FEED, f"{lookups.site.name}: all papers"),
                              site=lookups.site, catalogue=catalogue, tag_counts=counts,
                              with_code=sum(1 for paper in catalogue.papers if paper.code_url),
                              top_tags=sorted(topics, key=lambda tag: -counts[tag.name])[:TOP_TAGS],
                              topic_map=catalogue_map(catalogue.papers, catalogue.tags,
                                                      lambda paper: lookups.addresses.url_link(home, paper))))


def add_index(tree: OutputTree, catalogue: Catalogue, lookups: Lookups) -> None:
    """The "All papers" index: a plain paginated list, and the rows its faceted browser loads."""
    by_title = sorted(catalogue.papers, key=lambda paper: (paper.title.casefold(), paper.slug))
    for listing in paginate(lookups.addresses, where.PAPERS_INDEX, by_title):
        tree.add(listing.path, page(lookups, listing.path, "all-papers.md.j2", "All papers", search_exclude=True,
                                    page=listing, total=len(by_title)))
    tree.add(where.INDEX_ROWS, index_json(catalogue, lookups.addresses, where.INDEX_ROWS))


def render_paper(paper: Paper, here: str, lookups: Lookups) -> str:
    """A paper's page. With Pagefind, Material's own search index leaves paper pages out (search.exclude). The
    browser's title bar and the description cannot hold MathML: they read formulas as plain text."""
    text = plain_text(paper.text)
    description = text if len(text) <= DESCRIPTION_CHARS else text[:DESCRIPTION_CHARS - 1] + "…"
    addresses, by_slug = lookups.addresses, lookups.by_slug
    meta = {"title": html_text(plain_text(paper.title)), "description": html_text(description), "tags": list(paper.tags),
            "tag_pages": {name: addresses.url(lookups.tags[name]) for name in paper.tags}}
    url = addresses.url(paper)
    return render(addresses, "paper.md.j2", here=here, paper=paper, tags=lookups.tags,
                  abstract=abstract_markdown(paper.text),
                  meta=front_matter(meta | ({"search": {"exclude": True}} if lookups.pagefind else {})),
                  arxiv_link=link_url(arxiv_link(paper)),
                  doi_link=link_url("https://doi.org/" + quote(paper.doi, safe="/")) if paper.doi else "",
                  permalink=link_url(addresses.absolute(paper)) if addresses.site_url else addresses.link(here, paper),
                  cite=lookups.citations[paper.slug],
                  neighbourhood=neighbourhood_map(paper, by_slug, lookups.tags,
                                                  lambda other: addresses.url_link(url, other), lookups.colour_of),
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
    tree.add(where.TAGS_INDEX, page(lookups, where.TAGS_INDEX, "tags.md.j2", "Tags", catalogue=catalogue,
                                    tag_counts=counts, children=children))
    addresses = lookups.addresses
    for tag in catalogue.tags:
        papers = lookups.tagged[tag.name]
        feed, bib = addresses.tag_feed(tag), addresses.tag_bib(tag)
        tree.add(feed, atom_feed(papers, lookups.site, f"{lookups.site.name}: {tag.name}", feed, tag))
        tree.add(bib, lookups.bibliography(papers))
        for listing in paginate(addresses, addresses.path(tag), papers):
            tree.add(listing.path, page(lookups, listing.path, "tag.md.j2", tag.name, search_exclude=lookups.pagefind,
                                        tag=tag, tags=lookups.tags, page=listing, total=len(papers),
                                        children=children.get(tag.name, []), tag_feed=feed, tag_bib=bib))


def add_entities(tree: OutputTree, catalogue: Catalogue, lookups: Lookups) -> None:
    """An index of the entities the papers name, by kind, and a page listing each one's papers."""
    naming: dict[str, list[Paper]] = {entity.slug: [] for entity in catalogue.entities}
    for paper in catalogue.papers:
        for slug in paper.entities:
            naming[slug].append(paper)
    tree.add(where.ENTITIES_INDEX, page(lookups, where.ENTITIES_INDEX, "entities.md.j2", "Entities",
                                        entities=catalogue.entities,
                                        counts={slug: len(papers) for slug, papers in naming.items()}))
    for entity in catalogue.entities:
        newest = sorted(naming[entity.slug], key=newest_first)
        for listing in paginate(lookups.addresses, lookups.addresses.path(entity), newest):
            tree.add(listing.path, page(lookups, listing.path, "entity.md.j2", entity.name,
                                        search_exclude=lookups.pagefind, entity=entity, page=listing,
                                        total=len(newest)))


def arxiv_link(paper: Paper) -> str:
    """The paper's arXiv page, or an arXiv search for its title."""
    if paper.arxiv_id:
        return paper.arxiv_id.abs_url
    return "https://arxiv.org/search/?" + urlencode({"query": paper.title, "searchtype": "title"})


def children_of(tags: Iterable[Tag]) -> dict[str | None, list[Tag]]:
    """Topical tags by parent name; top-level tags under None."""
    children: dict[str | None, list[Tag]] = {}
    for tag in (tag for tag in tags if tag.kind == "topic"):
        children.setdefault(tag.parent, []).append(tag)
    return children
