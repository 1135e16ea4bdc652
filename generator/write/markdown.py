"""Making untrusted text inert in Markdown and HTML: every special character becomes an entity.

Titles and abstracts never reach a page as Markdown or HTML source. Each ASCII character that
Markdown, HTML or an enabled extension could read as syntax inside a line is written as a numeric
character reference, which the browser shows as the character itself and nothing parses as
markup; so is a first character that could open a block (a list, heading or quote).
"""

from __future__ import annotations

import html
import re
from json.encoder import encode_basestring_ascii as encode_json_string  # json.dumps of a str, minus its overhead
from urllib.parse import quote, urlsplit

from generator.inert import escape_specials

BLOCK_STARTERS = "-.)=~0123456789"  # at the start of a line: lists, setext headings, ~~~ fences
URL_SAFE = "/:?#&=+,;@!$*%.-_~"
LINK_SCHEMES = ("http", "https")


def md_text(text: str) -> str:
    """Text that reads exactly as given wherever Markdown or HTML text may stand, including link text."""
    if text[:1] and text[0] in BLOCK_STARTERS:
        return f"&#{ord(text[0])};" + escape_specials(text[1:])
    return escape_specials(text)


def html_text(text: str) -> str:
    """Text for HTML element content or a quoted attribute value (front-matter fields that themes print raw)."""
    return html.escape(text, quote=True)


def link_url(url: str) -> str:
    """An http(s) URL made safe as a Markdown link target; anything else is a bug upstream."""
    if urlsplit(url).scheme not in LINK_SCHEMES:
        raise ValueError(f"refusing a link with scheme other than http(s): {url!r}")
    return quote(url, safe=URL_SAFE)


def front_matter(fields: dict) -> str:
    """A YAML front-matter block. Every string is a JSON string, which is a valid YAML double-quoted
    scalar once characters beyond the Basic Multilingual Plane use YAML's \\U escape (JSON would
    write them as surrogate pairs); PyYAML's own emitter took a third of the time to write a page."""
    return "---\n" + "".join(_yaml_entry(key, value, "") for key, value in fields.items()) + "---\n"


def _yaml_entry(key: str, value: object, indent: str) -> str:
    if isinstance(value, dict):
        entries = "".join(_yaml_entry(k, v, indent + "  ") for k, v in value.items())
        return f"{indent}{yaml_string(key)}:" + ("\n" + entries if value else " {}\n")
    if isinstance(value, list):
        items = "".join(f"\n{indent}- {yaml_string(item)}" for item in value)
        return f"{indent}{yaml_string(key)}:" + (items or " []") + "\n"
    scalar = ("true" if value else "false") if isinstance(value, bool) else yaml_string(str(value))
    return f"{indent}{yaml_string(key)}: {scalar}\n"


SURROGATE_PAIR = re.compile(r"\\ud([89ab][0-9a-f]{2})\\ud([c-f][0-9a-f]{2})")


def yaml_string(text: str) -> str:
    """A string as a YAML double-quoted scalar, all ASCII."""
    quoted = encode_json_string(text)
    return SURROGATE_PAIR.sub(_astral, quoted) if "\\ud" in quoted else quoted


def _astral(pair: re.Match) -> str:
    high, low = int("d" + pair.group(1), 16), int("d" + pair.group(2), 16)
    return f"\\U{0x10000 + (high - 0xD800) * 0x400 + (low - 0xDC00):08x}"
