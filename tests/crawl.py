"""A crawl of a built site: every href and src in every HTML page, internal ones resolved to files.

The site is taken to be served at http://site{base_path}, where base_path is the path of site_url.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

LINK_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "poster", "data"}
SAFE_SCHEMES = {"http", "https"}


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in LINK_ATTRIBUTES and value is not None:
                self.links.append((tag, name, value))


def links_of(html: str) -> list[tuple[str, str, str]]:
    parser = _Attributes()
    parser.feed(html)
    return parser.links


def target_file(site: Path, path: str) -> Path:
    candidate = site / unquote(path)
    return candidate / "index.html" if path == "" or path.endswith("/") or candidate.is_dir() else candidate


def problems(site: Path, base_path: str = "/") -> list[str]:
    """Links with a scheme other than http(s), and internal links that resolve to no file."""
    root = f"http://site{base_path}"
    found = []
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        page_url = root + relative.removesuffix("index.html")
        for tag, name, value in links_of(page.read_text(encoding="utf-8")):
            where = f"{relative}: <{tag} {name}={value!r}>"
            scheme = urlsplit(value).scheme
            if scheme and scheme not in SAFE_SCHEMES:
                found.append(f"{where} has scheme {scheme!r}")
                continue
            url = urljoin(page_url, value).split("#")[0].split("?")[0]
            if scheme or value.startswith("//") or value.startswith("#"):
                continue
            if not url.startswith(root):
                found.append(f"{where} leaves the site")
            elif not target_file(site, url.removeprefix(root)).is_file():
                found.append(f"{where} does not resolve")
    return found
