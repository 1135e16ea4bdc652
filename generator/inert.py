"""Untrusted text made inert: each ASCII character that Markdown, HTML or an enabled extension could read as
syntax inside a line becomes a numeric character reference, which the browser shows as the character itself.

Shared by the page writers (generator/write/markdown.py) and the formula reader (generator/formulas.py), whose
MathML text runs go through the same escaping."""

from __future__ import annotations

import re
from collections.abc import Callable

SPECIALS = "\\`*_{}[]<>&+#|"  # core Markdown, tables (|), attr_list ({}), pymdownx.keys (++) and HTML
ENTITIES = {ord(char): f"&#{ord(char)};" for char in SPECIALS}


def replacer(table: dict[int, str | None]) -> Callable[[str], str]:
    """str.translate(table) for a table of ASCII characters, about three times faster on text where few
    characters are replaced (translate looks every character up; a regular expression skips to the next)."""
    replacements = {chr(code): value or "" for code, value in table.items()}
    if any(ord(char) > 127 for char in replacements):
        raise ValueError("replacer() handles ASCII characters only")
    pattern = re.compile("[" + "".join(f"\\x{ord(char):02x}" for char in sorted(replacements)) + "]")
    lookup = replacements.__getitem__
    return lambda text: pattern.sub(lambda match: lookup(match.group()), text)


escape_specials = replacer(ENTITIES)
