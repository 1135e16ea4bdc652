"""Where everything lives: the one owner of every output path, URL and relative link of the site.

A *path* names a file in the docs_dir (`papers/bert.md`, `feed.xml`); a *URL* is where the browser
finds the page MkDocs makes of it (`papers/bert/`), relative to the site root; a *link* goes from
one path or URL to another. Templates reach this object through the `link` filter.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Entity, Paper, Tag, Topic

HOME = "index.md"
PAPERS_INDEX = "papers/index.md"
INDEX_ROWS = "papers/index.json"
TAGS_INDEX = "tags/index.md"
ENTITIES_INDEX = "entities/index.md"
TOPICS_INDEX = "topics/index.md"
PAPERS_JSON = "papers.json"
PAPERS_EXPORT = "exports/papers.jsonl.gz"  # every paper complete
# The catalogue's feed sits at the root: Material's instant navigation fetches sitemap.xml beside the
# target of every <link rel="alternate">, so a feed announced in a page's head must live beside it.
CATALOGUE_FEED = "feed.xml"
CATALOGUE_BIB = "exports/catalogue.bib"
NEW_PAPERS = "new.md"  # the papers first seen by the latest build
BUILD_FILE = ".catalogue-build.json"  # the search the generator chose, read by generator/search_index.py
SEARCH_RECORDS = ".catalogue-search.jsonl"  # the papers as Pagefind records, read by generator/search_index.py

Target = Paper | Tag | Entity | Topic | str
# The fixed addresses, by the names templates use for them.
NAMED = {"HOME": HOME, "PAPERS_INDEX": PAPERS_INDEX, "INDEX_ROWS": INDEX_ROWS, "TAGS_INDEX": TAGS_INDEX,
         "ENTITIES_INDEX": ENTITIES_INDEX, "TOPICS_INDEX": TOPICS_INDEX, "PAPERS_JSON": PAPERS_JSON,
         "PAPERS_EXPORT": PAPERS_EXPORT,
         "CATALOGUE_FEED": CATALOGUE_FEED, "CATALOGUE_BIB": CATALOGUE_BIB, "NEW_PAPERS": NEW_PAPERS}


@dataclass(frozen=True)
class Addresses:
    """Paths, URLs and links of one site; `site_url` (absolute, ending in "/") makes absolute URLs."""

    site_url: str | None = None

    def path(self, target: Target) -> str:
        """The docs_dir file of a paper, tag, entity or topic page; a string is a path already."""
        if isinstance(target, Paper):
            return f"papers/{target.slug}.md"
        if isinstance(target, Tag):
            return f"tags/{target.slug}.md"
        if isinstance(target, Entity):
            return f"entities/{target.slug}.md"
        if isinstance(target, Topic):
            return f"topics/{target.slug}.md"
        return target

    def url(self, target: Target) -> str:
        """The page's URL relative to the site root: papers/bert.md is papers/bert/, index.md is ""."""
        path = self.path(target)
        if not path.endswith(".md"):
            return path
        stem = path.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return stem + "/"

    def absolute(self, target: Target) -> str:
        """The page's absolute URL under site_url; ValueError when the site has none."""
        if not self.site_url:
            raise ValueError("an absolute address needs the site's site_url")
        return self.site_url + self.url(target)

    def link(self, here: str, target: Target) -> str:
        """A Markdown link from the docs_dir file `here` to a target; MkDocs turns it into the page's URL."""
        return relative(self.path(target), here.rpartition("/")[0])

    def url_link(self, here_url: str, target: Target) -> str:
        """A link from the page at URL `here_url` to a target's URL, for raw HTML that MkDocs does not rewrite."""
        return relative(self.url(target) or "./", here_url.rstrip("/") if here_url else "")

    def url_from_file(self, here: str, target: Target) -> str:
        """A link from the data file at path `here` (papers/index.json) to a target's URL, for scripts."""
        return relative(self.url(target), here.rpartition("/")[0])

    def former(self, slug: str) -> str:
        """The page left at the address of a paper no longer in the catalogue: its paper page's path."""
        return f"papers/{slug}.md"

    def former_page(self, kind: str, slug: str) -> str:
        """The page left at the address of a tag, entity or topic ("tags", "entities", "topics") now gone."""
        return {"tags": f"tags/{slug}.md", "entities": f"entities/{slug}.md", "topics": f"topics/{slug}.md"}[kind]

    def redirect(self, slug: str) -> str:
        """The static page at the address of a paper merged into another, which sends the browser on: MkDocs
        copies it as it is to the URL the paper's page had."""
        return f"papers/{slug}/index.html"

    def static(self, target: Target) -> str:
        """The HTML file MkDocs would make of a page, for a static page written in its place (tags/code/3.md is
        tags/code/3/index.html): MkDocs copies such a file as it is."""
        return self.url(target) + "index.html"

    def tag_feed(self, tag: Tag | str) -> str:
        """The Atom feed of a tag, or of a tag slug no longer in the catalogue."""
        return f"feeds/{tag if isinstance(tag, str) else tag.slug}.xml"

    def listing_page(self, first: str, number: int) -> str:
        """The path of a listing's page `number`: papers/index.md, papers/page/2.md; tags/code.md, tags/code/2.md."""
        if number == 1:
            return first
        if first.endswith("/index.md"):
            return f"{first.removesuffix('index.md')}page/{number}.md"
        return f"{first.removesuffix('.md')}/{number}.md"


def relative(path: str, start: str) -> str:
    """posixpath.relpath for paths inside the site (no "..", no leading "/"), without its getcwd per call:
    listings make a link per paper."""
    if not start:
        return path
    target, base = path.split("/"), start.split("/")
    common = 0
    while common < min(len(target) - 1, len(base)) and target[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + target[common:])
