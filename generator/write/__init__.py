"""Write stage: the enriched catalogue as a tree of Markdown pages and data files for MkDocs."""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from generator import addresses as where
from generator.addresses import Addresses, Target
from generator.enrich.citekeys import citation_keys
from generator.enrich.identity import ENTITY_PAGE, LISTING, TAG_PAGE, TOPIC_PAGE
from generator.enrich.maps import Areas, CatalogueMap, TopicMap, catalogue_map, neighbourhood, topic_map
from generator.formulas import plain_text
from generator.ledger import Entry
from generator.mkdocs_hooks import raw_block
from generator.model import Catalogue, Entity, Paper, Tag, Topic
from generator.site import Site
from generator.write.bibtex import entry
from generator.write.export import index_json, paper_record, papers_export, papers_json
from generator.write.feeds import atom_feed
from generator.write.listing import PAGE_SIZE, ListingPage, paginate
from generator.write.markdown import front_matter, html_text
from generator.write.pages import abstract_paragraphs, render
from generator.write.svg import draw, neighbourhood_data
from generator.write.tree import OutputTree

DESCRIPTION_CHARS = 160
TOP_TAGS = 8
NEW_SHOWN = 10  # the home page's "New in the latest build": a screenful, then a link to all of them
MENTIONED_BY_SHOWN = 25  # a famous paper is named by thousands: its page lists the newest
SEARCH_ENGINES = ("auto", "lunr", "pagefind")
LUNR_MAX_PAPERS = 500  # Material's lunr index is about 3.4 KB a paper, downloaded whole before a first result
# overrides/lean.html: pages kept out of the nav (papers, tags, entities), without navigation tree or table of contents
LEAN_TEMPLATE = "lean.html"


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
    areas: Areas  # each paper's area and colour on the maps
    topic_of: dict[str, Topic]  # each paper's topic, by slug
    published_pages: dict[str, int] = field(default_factory=dict)  # most pages each listing had, by ledger key
    listing_pages: dict[str, int] = field(default_factory=dict)  # filled as listings are written, for the ledger

    @classmethod
    def of(cls, catalogue: Catalogue, site: Site, search: str) -> Lookups:
        tagged = {name: sorted(papers, key=Paper.newest_first) for name, papers in catalogue.papers_by_tag().items()}
        keys = citation_keys(catalogue.papers)
        return cls(site=site, addresses=Addresses(site.url), search=search, by_slug=catalogue.by_slug(),
                   tags={tag.name: tag for tag in catalogue.tags},
                   entities={entity.slug: entity for entity in catalogue.entities}, tagged=tagged, cite_keys=keys,
                   citations={paper.slug: entry(paper, keys[paper.slug], abstract=False) for paper in catalogue.papers},
                   areas=Areas.of(catalogue.tags), topic_of=catalogue.topic_of(),
                   published_pages={entry.key: entry.pages for entry in catalogue.ledger.entries if entry.pages}
                   if catalogue.ledger else {})

    def bibliography(self, papers: Iterable[Paper]) -> str:
        """A .bib file of some papers, in slug order, with the catalogue's keys."""
        return "\n".join(self.citations[paper.slug] for paper in sorted(papers, key=lambda paper: paper.slug))

    @property
    def pagefind(self) -> bool:
        return self.search == "pagefind"


@dataclass(frozen=True)
class Written:
    """A build's files, and how many pages each listing has had at most, by ledger key, for the ledger."""

    tree: OutputTree
    listing_pages: dict[str, int]


def write(catalogue: Catalogue, site: Site, search: str = "lunr",
          progress: Callable[[Iterable], Iterable] = iter) -> Written:
    """Every generated file of the site, in memory; nothing touches the disk here."""
    tree = OutputTree()
    lookups = Lookups.of(catalogue, site, search)
    tree.add(where.BUILD_FILE, json.dumps({"search": search}) + "\n")
    if lookups.pagefind:
        tree.add(where.SEARCH_RECORDS, search_records(catalogue, lookups))
    add_home(tree, catalogue, lookups)
    add_index(tree, catalogue, lookups)
    add_new(tree, catalogue, lookups)
    add_former(tree, catalogue, lookups)
    for paper in progress(catalogue.papers):
        path = lookups.addresses.path(paper)
        tree.add(path, render_paper(paper, path, lookups))
    add_tags(tree, catalogue, lookups)
    add_entities(tree, catalogue, lookups)
    add_topics(tree, catalogue, lookups)
    records = [paper_record(paper, lookups.addresses) for paper in catalogue.papers]  # made once for both exports
    tree.add(where.PAPERS_JSON, papers_json(records))
    tree.add(where.PAPERS_EXPORT, papers_export(records))
    tree.add(where.CATALOGUE_FEED, atom_feed(catalogue.papers, site, site.name, where.CATALOGUE_FEED, where.HOME))
    tree.add(where.CATALOGUE_BIB, lookups.bibliography(catalogue.papers))
    return Written(tree, lookups.listing_pages)


def page(lookups: Lookups, here: str, template: str, title: str, search_exclude: bool = False,
         feed: tuple[str, str] | None = None, lean: bool = False, **context) -> str:
    """The page at `here`, with front matter. Themes print front-matter values raw, so they are HTML-escaped here."""
    meta = ({"template": LEAN_TEMPLATE} if lean else {}) | {"title": html_text(title)} \
        | ({"search": {"exclude": True}} if search_exclude else {})
    if feed:
        meta |= {"feed": feed[0], "feed_title": feed[1]}
    return render(lookups.addresses, template, here=here, meta=front_matter(meta), **context)


def search_records(catalogue: Catalogue, lookups: Lookups) -> str:
    """Each paper as a Pagefind record, one JSON object a line: its page's URL from the site root, its title, and
    the text a reader searches it by (title, short name, authors, arXiv id, tags, abstract, names it mentions).
    Indexing these instead of parsing every built page is what keeps Pagefind's memory bounded
    (generator/search_index.py); the file starts with a dot, so the site engines leave it out of the site."""
    lines = []
    for paper in catalogue.papers:
        words = [plain_text(paper.title), plain_text(paper.short_name or ""), ", ".join(paper.authors),
                 str(paper.arxiv_id or ""), ", ".join(paper.tags), plain_text(paper.text),
                 ", ".join(lookups.entities[slug].name for slug in paper.entities)]
        lines.append(json.dumps({"url": "/" + lookups.addresses.url(paper), "title": plain_text(paper.title),
                                 "content": "\n".join(word for word in words if word)}, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)


def newest(catalogue: Catalogue) -> list[Paper]:
    """The papers first seen on the newest first-seen day of the ledger, by title: what the latest build added."""
    day = catalogue.newest_first_seen
    return sorted((paper for paper in catalogue.papers if day and paper.first_seen == day),
                  key=lambda paper: (paper.title.casefold(), paper.slug))


def add_home(tree: OutputTree, catalogue: Catalogue, lookups: Lookups) -> None:
    counts = {name: len(papers) for name, papers in lookups.tagged.items()}
    new = newest(catalogue)
    topics = [tag for tag in catalogue.tags if tag.kind == "topic"]
    home = lookups.addresses.url(where.HOME)
    drawn = draw(home_map(catalogue, lookups.areas), lambda target: lookups.addresses.url_link(home, target))
    tree.add(where.HOME, page(lookups, where.HOME, "home.md.j2", "Home",
                              feed=(where.CATALOGUE_FEED, f"{lookups.site.name}: all papers"),
                              site=lookups.site, catalogue=catalogue, tag_counts=counts,
                              with_code=sum(1 for paper in catalogue.papers if paper.code_url),
                              new=new[:NEW_SHOWN], new_count=len(new), new_day=catalogue.newest_first_seen,
                              top_tags=sorted(topics, key=lambda tag: -counts[tag.name])[:TOP_TAGS],
                              topic_map=raw_block("catalogue", drawn)))


def home_map(catalogue: Catalogue, areas: Areas) -> TopicMap | CatalogueMap | None:
    """The topics as regions; the related-paper graph for a catalogue too small to have topics."""
    return topic_map(catalogue.topics, catalogue.papers, areas) or catalogue_map(catalogue.papers, areas)


def add_index(tree: OutputTree, catalogue: Catalogue, lookups: Lookups) -> None:
    """The "All papers" index: a plain paginated list, and the rows its faceted browser loads."""
    by_title = sorted(catalogue.papers, key=lambda paper: (paper.title.casefold(), paper.slug))
    listing_url = lookups.addresses.url
    for listing in paginated(tree, lookups, LISTING + "papers", where.PAPERS_INDEX, by_title):
        tree.add(listing.path, page(lookups, listing.path, "all-papers.md.j2", "All papers", search_exclude=True,
                                    page=listing, total=len(by_title),
                                    rows_url=lookups.addresses.url_link(listing_url(listing.path), where.INDEX_ROWS),
                                    bib_url=lookups.addresses.url_link(listing_url(listing.path), where.CATALOGUE_BIB)))
    tree.add(where.INDEX_ROWS, index_json(catalogue, lookups.addresses, where.INDEX_ROWS, lookups.cite_keys))


def add_new(tree: OutputTree, catalogue: Catalogue, lookups: Lookups) -> None:
    """The page of every paper the latest build added (first seen on the newest day), by title. When that is the
    whole catalogue, more than a page of it (a first build), one page says so and leads to the index, rather than
    a second copy of the whole listing."""
    new = newest(catalogue)
    everything = len(new) == len(catalogue.papers) > PAGE_SIZE
    for listing in paginated(tree, lookups, LISTING + "new", where.NEW_PAPERS, [] if everything else new):
        tree.add(listing.path, page(lookups, listing.path, "new.md.j2", "New papers", search_exclude=True,
                                    page=listing, total=len(new), day=catalogue.newest_first_seen,
                                    everything=everything))


def add_former(tree: OutputTree, catalogue: Catalogue, lookups: Lookups) -> None:
    """At the address of each paper an earlier build published and this one does not: a redirect to the paper it
    became part of, or a short page saying it was removed; so every address ever published still answers."""
    by_key = {entry.key: entry for entry in catalogue.former}
    current = {paper.key: paper for paper in catalogue.papers}
    addresses = lookups.addresses
    for gone in catalogue.former_pages:
        here = addresses.former_page(gone.key.partition(":")[0], gone.slug)
        tree.add(here, removed_page(lookups, gone))
        if gone.key.startswith(TAG_PAGE):  # its feed stays too, without entries, leading to the page left behind
            feed = addresses.tag_feed(gone.slug)
            tree.add(feed, atom_feed((), lookups.site, f"{lookups.site.name}: {gone.slug} (removed)", feed, here,
                                     empty_since=catalogue.newest_first_seen))
        for number in range(2, gone.pages + 1):
            tree.add(addresses.static(addresses.listing_page(here, number)),
                     moved_page(addresses, addresses.listing_page(here, number), here, "Removed",
                                "This list is no longer in the catalogue"))
    for gone in catalogue.former:
        target = merge_target(gone, by_key, current)
        if target is None:
            tree.add(addresses.former(gone.slug), removed_page(lookups, gone))
        else:
            tree.add(addresses.redirect(gone.slug), redirect_page(addresses, gone, target))


def merge_target(entry: Entry, former: dict[str, Entry], current: dict[str, Paper]) -> Paper | Entry | None:
    """Where a merged paper's address leads: the paper it became part of (following merges of merges), or the
    removed paper that ends the chain; None for a paper simply removed (or a merge that leads nowhere)."""
    seen: set[str] = set()
    while entry.merged_into and entry.key not in seen:
        seen.add(entry.key)
        if entry.merged_into in current:
            return current[entry.merged_into]
        following = former.get(entry.merged_into)
        if following is None or not following.merged_into:
            return following
        entry = following
    return None


def removed_page(lookups: Lookups, entry: Entry) -> str:
    """A short page, kept out of search and the sitemap, saying the paper left; with a search for its words."""
    addresses = lookups.addresses
    here = addresses.former_page(entry.key.partition(":")[0], entry.slug) if entry.citation_key == "-" \
        else addresses.former(entry.slug)
    meta = {"title": "Removed", "search": {"exclude": True}, "catalogue_removed": True}
    search = (addresses.url_link(addresses.url(here), where.PAPERS_INDEX) + "#"
              + urlencode({"q": entry.slug.replace("-", " ")}))
    return render(addresses, "removed.md.j2", here=here, meta=front_matter(meta), entry=entry,
                  search=html.escape(search))


def redirect_page(addresses: Addresses, entry: Entry, target: Paper | Entry) -> str:
    """A static HTML page that sends the browser from a merged paper's address to the paper it became part of."""
    destination = target if isinstance(target, Paper) else addresses.former(target.slug)
    title = target.title if isinstance(target, Paper) else target.slug
    return moved_page(addresses, addresses.former(entry.slug), destination, title, "This paper is now part of")


def paginated(tree: OutputTree, lookups: Lookups, key: str, first: str, papers: list[Paper]) -> list[ListingPage]:
    """The pages of a listing (its ledger key, its first page's path, its papers in order), to be written by the
    caller. A listing that has shrunk keeps every page number an earlier build published: each one beyond its
    last page is a redirect there. The count, kept ones included, goes to the ledger."""
    pages = paginate(lookups.addresses, first, papers)
    kept = max(len(pages), lookups.published_pages.get(key, 0))
    addresses, last = lookups.addresses, pages[-1].path
    for number in range(len(pages) + 1, kept + 1):
        gone = addresses.listing_page(first, number)
        tree.add(addresses.static(gone), moved_page(addresses, gone, last, f"page {len(pages)}",
                                                    "This list is shorter now; its last page is"))
    lookups.listing_pages[key] = kept
    return pages


def moved_page(addresses: Addresses, here: Target, destination: Target, title: str, sentence: str) -> str:
    """A static HTML page, kept out of search, that sends the browser from a page's address on to another page."""
    relative = html.escape(addresses.url_link(addresses.url(here), destination))
    canonical = html.escape(addresses.absolute(destination)) if addresses.site_url else relative
    return ("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Moved</title>\n"
            f"<link rel=\"canonical\" href=\"{canonical}\">\n<meta name=\"robots\" content=\"noindex\">\n"
            f"<meta http-equiv=\"refresh\" content=\"0; url={relative}\">\n</head>\n<body>\n"
            f"<p>{html.escape(sentence)} <a href=\"{relative}\">{html.escape(title)}</a>.</p>\n</body>\n</html>\n")


def render_paper(paper: Paper, here: str, lookups: Lookups) -> str:
    """A paper's page. With Pagefind, Material's own search index leaves paper pages out (search.exclude). The
    browser's title bar and the description cannot hold MathML: they read formulas as plain text."""
    text = plain_text(paper.text)
    description = text if len(text) <= DESCRIPTION_CHARS else text[:DESCRIPTION_CHARS - 1] + "…"
    addresses, by_slug = lookups.addresses, lookups.by_slug
    meta = {"template": LEAN_TEMPLATE, "title": html_text(plain_text(paper.title)),
            "description": html_text(description), "tags": list(paper.tags),
            "tag_pages": {name: addresses.url(lookups.tags[name]) for name in paper.tags}}
    mentioned_by = sorted((by_slug[slug] for slug in paper.mentioned_by), key=Paper.newest_first)
    listed = [link.slug for link in paper.related] + list(paper.mentions) \
        + [other.slug for other in mentioned_by[:MENTIONED_BY_SHOWN]]  # the page's lists of papers, in page order
    body = render(addresses, "paper-body.html.j2", here=here, paper=paper,
                  abstract=abstract_paragraphs(paper.text),
                  arxiv_link=arxiv_link(paper),
                  doi_link="https://doi.org/" + quote(paper.doi, safe="/") if paper.doi else "",
                  permalink=addresses.link(here, paper),  # the page itself: its address, whatever the domain
                  cite=lookups.citations[paper.slug],
                  neighbourhood=raw_block("paper", neighbourhood_data(neighbourhood(paper, by_slug, lookups.areas),
                                                                      listed)),
                  related=[(link, by_slug[link.slug]) for link in paper.related],
                  topic=lookups.topic_of.get(paper.slug),
                  entities=[lookups.entities[slug] for slug in paper.entities],
                  mentions=[by_slug[slug] for slug in paper.mentions],
                  mentioned_by=mentioned_by,
                  MENTIONED_BY_SHOWN=MENTIONED_BY_SHOWN,
                  other_links=[link for link in paper.links if link != paper.code_url])
    return render(addresses, "paper.md.j2", here=here, paper=paper, body=raw_block("body", body.rstrip("\n")),
                  meta=front_matter(meta | ({"search": {"exclude": True}} if lookups.pagefind else {})))


def add_tags(tree: OutputTree, catalogue: Catalogue, lookups: Lookups) -> None:
    """The tags index, and each tag's paginated page and Atom feed. A tag's BibTeX is made in the browser from the
    catalogue's .bib and the index rows (assets/javascripts/catalogue-bibtex.js), not written once per tag."""
    counts = {name: len(papers) for name, papers in lookups.tagged.items()}
    children = children_of(catalogue.tags)
    tree.add(where.TAGS_INDEX, page(lookups, where.TAGS_INDEX, "tags.md.j2", "Tags", catalogue=catalogue,
                                    tag_counts=counts, children=children))
    addresses = lookups.addresses
    for tag in catalogue.tags:
        papers = lookups.tagged[tag.name]
        feed = addresses.tag_feed(tag)
        tree.add(feed, atom_feed(papers, lookups.site, f"{lookups.site.name}: {tag.name}", feed, tag,
                                 empty_since=catalogue.newest_first_seen))
        for listing in paginated(tree, lookups, TAG_PAGE + tag.slug, addresses.path(tag), papers):
            here = addresses.url(listing.path)
            tree.add(listing.path, page(lookups, listing.path, "tag.md.j2", tag.name, search_exclude=lookups.pagefind,
                                        lean=True,
                                        tag=tag, tags=lookups.tags, page=listing, total=len(papers),
                                        children=children.get(tag.name, []), tag_feed=feed,
                                        rows_url=addresses.url_link(here, where.INDEX_ROWS)))


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
        newest = sorted(naming[entity.slug], key=Paper.newest_first)
        for listing in paginated(tree, lookups, ENTITY_PAGE + entity.slug, lookups.addresses.path(entity), newest):
            tree.add(listing.path, page(lookups, listing.path, "entity.md.j2", entity.name, lean=True,
                                        search_exclude=lookups.pagefind, entity=entity, page=listing,
                                        total=len(newest)))


def add_topics(tree: OutputTree, catalogue: Catalogue, lookups: Lookups) -> None:
    """An index of the topics found in the catalogue, and a page listing each one's papers, the most typical first."""
    by_slug, addresses = lookups.by_slug, lookups.addresses
    topics = {topic.slug: topic for topic in catalogue.topics}
    tree.add(where.TOPICS_INDEX, page(lookups, where.TOPICS_INDEX, "topics.md.j2", "Topics", topics=catalogue.topics,
                                      total=len(catalogue.papers)))
    for topic in catalogue.topics:
        papers = [by_slug[slug] for slug in topic.papers]
        for listing in paginated(tree, lookups, TOPIC_PAGE + topic.slug, addresses.path(topic), papers):
            tree.add(listing.path, page(lookups, listing.path, "topic.md.j2", topic.name,
                                        search_exclude=lookups.pagefind, topic=topic, page=listing, total=len(papers),
                                        nearest=[topics[slug] for slug in topic.nearest]))


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
