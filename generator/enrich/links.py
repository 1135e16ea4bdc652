"""Links in abstracts: found, repaired after copy damage, and the code repository picked out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# "https: //github.com/x", "https:// github.com/x" and a bare "github.com/x" are all links.
URL = re.compile(
    r"(?P<scheme>https?)\s?:\s?//\s?(?P<rest>[^\s<>\"`{}|\\^]+)"
    r"|\b(?P<bare>(?:github\.com|gitlab\.com|huggingface\.co|bitbucket\.org|codeberg\.org)/[^\s<>\"`{}|\\^]+)",
    re.IGNORECASE,
)
TRAILING = ".,;:!?'\"*"
CLOSERS = {")": "(", "]": "[", "}": "{"}
CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "anonymous.4open.science")
SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+(?=[.,;:)\]]+(?:\s|$))")
HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d{1,5})?$")


@dataclass(frozen=True)
class Span:
    """One link found in a text: where it stands and the clean URL it means."""

    start: int
    end: int
    url: str


def find_links(text: str) -> list[Span]:
    """Every http(s) link in a text, repaired, in order of appearance; malformed ones are left as text."""
    if "//" not in text and ".co" not in text and ".org/" not in text:
        return []  # most abstracts have no link; the full pattern is slow to scan
    spans = []
    for match in URL.finditer(text):
        raw = match.group("rest") or match.group("bare")
        kept = _strip_trailing(raw)
        url = _clean_url(f"{(match.group('scheme') or 'https').lower()}://{kept}")
        if url:
            spans.append(Span(match.start(), match.end() - (len(raw) - len(kept)), url))
    return spans


def _strip_trailing(url: str) -> str:
    """The URL without punctuation that belongs to the sentence around it."""
    while url:
        last = url[-1]
        if last in TRAILING or last in CLOSERS and url.count(CLOSERS[last]) < url.count(last):
            url = url[:-1]
        else:
            return url
    return url


def _clean_url(url: str) -> str | None:
    """The URL if its host is well formed, else None: no other link ever reaches a page."""
    parts = urlsplit(url)
    if not HOST.match(parts.netloc.lower()):
        return None
    return parts._replace(netloc=parts.netloc.lower()).geturl()


def code_url(links: list[str] | tuple[str, ...]) -> str | None:
    """The first link that points at a code repository, trimmed to the repository itself."""
    for link in links:
        parts = urlsplit(link)
        host = parts.netloc.removeprefix("www.")
        if host not in CODE_HOSTS:
            continue
        segments = [segment for segment in parts.path.split("/") if segment]
        if segments:
            return f"https://{host}/" + "/".join(segments[:2]).removesuffix(".git")
    return None


def repair_text(text: str, spans: list[Span]) -> str:
    """The abstract as it should read: links whole again and LaTeX escapes such as \\% undone."""
    pieces, position = [], 0
    for span in spans:
        pieces.append(unescape_latex(text[position:span.start]))
        pieces.append(span.url)
        gap = SPACE_BEFORE_PUNCTUATION.match(text, span.end)
        position = gap.end() if gap else span.end
    pieces.append(unescape_latex(text[position:]))
    return "".join(pieces)


LATEX_ESCAPE = re.compile(r"\\([%&_#$])")


def unescape_latex(text: str) -> str:
    """Text with LaTeX's escaped specials (\\% \\& \\_ \\# \\$) shown as the characters they mean."""
    return LATEX_ESCAPE.sub(r"\1", text)
